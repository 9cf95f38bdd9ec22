#include "png_rows.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define CM__HAVE_SSSE3_PATH 1
#endif

#define ADLER_BASE 65521u
/* Most bytes summed before s2 could pass 2^32 (zlib's NMAX), rounded down
 * to whole 16-byte blocks. */
#define ADLER_CHUNK 5552u

/* R | G << 8 | B << 16 of an ARGB32 pixel. */
static inline uint32_t rgb(uint32_t p) { return __builtin_bswap32(p) >> 8; }

#ifdef CM__HAVE_SSSE3_PATH
/* Pixels 0 .. 4k-1 of src, four at a time with one byte shuffle each;
 * returns the AND of their alpha bytes. */
__attribute__((target("ssse3"))) static unsigned rgb_row_ssse3(const uint32_t *src, size_t n,
                                                               unsigned char *dst)
{
    const __m128i pick = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    __m128i all = _mm_set1_epi32(-1);
    for (size_t x = 0; x + 4 <= n; x += 4, dst += 12) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(src + x));
        all = _mm_and_si128(all, v);
        const __m128i r = _mm_shuffle_epi8(v, pick);
        _mm_storel_epi64((__m128i *)dst, r);
        const uint32_t tail = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(r, 8));
        memcpy(dst + 8, &tail, 4);
    }
    uint32_t lanes[4];
    _mm_storeu_si128((__m128i *)lanes, all);
    return (lanes[0] & lanes[1] & lanes[2] & lanes[3]) >> 24;
}
#endif

/* Pixels `from` .. w-1 of src, with the AND of alpha bytes so far. */
static unsigned rgb_row_from(const uint32_t *src, size_t from, size_t w, unsigned char *dst,
                             uint32_t alpha)
{
    size_t x = from;
    dst += 3 * from;
    /* Four pixels make three 32-bit words of RGB bytes. */
    for (; x + 4 <= w; x += 4, dst += 12) {
        const uint32_t a = src[x], b = src[x + 1], c = src[x + 2], d = src[x + 3];
        alpha &= a & b & c & d;
        const uint32_t ra = rgb(a), rb = rgb(b), rc = rgb(c), rd = rgb(d);
        const uint32_t words[3] = {ra | rb << 24, rb >> 8 | rc << 16, rc >> 16 | rd << 8};
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        memcpy(dst, words, 12); /* the words' bytes, lowest first */
#else
        for (int i = 0; i < 12; i++)
            dst[i] = (unsigned char)(words[i / 4] >> (8 * (i % 4)));
#endif
    }
    for (; x < w; x++) {
        alpha &= src[x];
        *dst++ = (unsigned char)(src[x] >> 16);
        *dst++ = (unsigned char)(src[x] >> 8);
        *dst++ = (unsigned char)src[x];
    }
    return alpha >> 24;
}

unsigned cm__rgb_row_plain(const uint32_t *src, size_t w, unsigned char *dst)
{
    return rgb_row_from(src, 0, w, dst, 0xFF000000u);
}

unsigned cm__rgb_row(const uint32_t *src, size_t w, unsigned char *dst)
{
#ifdef CM__HAVE_SSSE3_PATH
    if (__builtin_cpu_supports("ssse3")) {
        const size_t x = w / 4 * 4;
        return rgb_row_from(src, x, w, dst, rgb_row_ssse3(src, x, dst) << 24);
    }
#endif
    return cm__rgb_row_plain(src, w, dst);
}

/* s1 and s2 over n bytes (n <= ADLER_CHUNK), without reducing them. */
static void adler_chunk(uint32_t *s1, uint32_t *s2, const unsigned char *p, size_t n)
{
    uint32_t a = *s1, b = *s2;
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time: b gains 16 * a per block plus the block's bytes
     * weighted 16, 15, ..., 1; a gains their sum. */
    const size_t blocks = n / 16;
    if (blocks > 0) {
        const __m128i zero = _mm_setzero_si128();
        const __m128i w_lo = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
        const __m128i w_hi = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
        __m128i v_a = zero, v_prev = zero, v_b = zero;
        for (size_t k = 0; k < blocks; k++) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
            v_prev = _mm_add_epi32(v_prev, v_a);
            v_a = _mm_add_epi32(v_a, _mm_sad_epu8(v, zero));
            v_b = _mm_add_epi32(v_b, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), w_lo));
            v_b = _mm_add_epi32(v_b, _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), w_hi));
        }
        uint32_t sa[4], sp[4], sb[4];
        _mm_storeu_si128((__m128i *)sa, v_a);
        _mm_storeu_si128((__m128i *)sp, v_prev);
        _mm_storeu_si128((__m128i *)sb, v_b);
        b += (uint32_t)(16 * blocks) * a + 16 * (sp[0] + sp[2]) + sb[0] + sb[1] + sb[2] + sb[3];
        a += sa[0] + sa[2];
        i = 16 * blocks;
    }
#endif
    for (; i < n; i++) {
        a += p[i];
        b += a;
    }
    *s1 = a;
    *s2 = b;
}

uint32_t cm__adler32(uint32_t adler, const unsigned char *p, size_t n)
{
    uint32_t s1 = adler & 0xFFFF, s2 = adler >> 16;
    while (n > 0) {
        const size_t k = n < ADLER_CHUNK ? n : ADLER_CHUNK;
        adler_chunk(&s1, &s2, p, k);
        s1 %= ADLER_BASE;
        s2 %= ADLER_BASE;
        p += k;
        n -= k;
    }
    return s2 << 16 | s1;
}
