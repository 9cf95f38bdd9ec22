/* The fast row conversion (with SSSE3 and without) and Adler-32 give what
 * the plain loops and zlib give, on random bytes, on the worst case for
 * overflow (all 0xFF), at every length around the block and chunk sizes. */
#include <stdint.h>
#include <zlib.h>

#include "../../src/png_rows.h"
#include "../check.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void test_adler(void)
{
    enum { N = 3 * 5552 + 100 };
    static unsigned char buf[N];
    for (int fill = 0; fill < 3; fill++) {
        for (size_t i = 0; i < N; i++)
            buf[i] = fill == 0 ? 0xFF : fill == 1 ? (unsigned char)next_random() : 0;
        int bad = 0;
        for (size_t n = 0; n <= N; n += n < 40 ? 1 : n < 5600 ? 37 : 997) {
            for (size_t off = 0; off < 3; off++) {
                const size_t len = n > off ? n - off : 0;
                const uint32_t start = off == 2 ? 0xFFF0FFF0u % 65521u : 1;
                const uLong want = adler32(start, buf + off, (uInt)len);
                if (cm__adler32(start, buf + off, len) != (uint32_t)want)
                    bad++;
            }
        }
        CHECK_MSG(bad == 0, "fill %d: %d lengths differ from zlib", fill, bad);
    }
    /* Continuing over pieces is the whole. */
    uint32_t a = 1;
    for (size_t i = 0; i < N; i += 1000)
        a = cm__adler32(a, buf + i, i + 1000 < N ? 1000 : N - i);
    CHECK(a == (uint32_t)adler32(1, buf, N));
}

static void test_rgb(unsigned (*row)(const uint32_t *, size_t, unsigned char *))
{
    uint32_t px[37] = {0};
    unsigned char out[3 * 37 + 1], want[3 * 37];
    int bad = 0;
    for (size_t w = 0; w <= 37; w++) {
        for (size_t x = 0; x < w; x++)
            px[x] = next_random() | 0xFF000000u;
        out[3 * w] = 0xAB; /* nothing written past the row */
        for (size_t x = 0; x < w; x++) {
            want[3 * x] = (unsigned char)(px[x] >> 16);
            want[3 * x + 1] = (unsigned char)(px[x] >> 8);
            want[3 * x + 2] = (unsigned char)px[x];
        }
        if (row(px, w, out) != 0xFF || memcmp(out, want, 3 * w) != 0 ||
            out[3 * w] != 0xAB)
            bad++;
        /* One pixel not opaque, wherever it is, shows. */
        if (w > 0) {
            px[w / 2] &= 0x7FFFFFFFu;
            if (row(px, w, out) == 0xFF)
                bad++;
        }
    }
    CHECK_MSG(bad == 0, "%d widths wrong", bad);
}

int main(void)
{
    test_adler();
    test_rgb(cm__rgb_row);
    test_rgb(cm__rgb_row_plain);
    return check_summary("test_png_rows");
}
