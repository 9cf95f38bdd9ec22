/* UTF-8: well-formed characters (see utf8.h). */
#include "utf8.h"

#include <string.h>

size_t cm__utf8_char(const char *s, size_t avail, uint32_t *code)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], min;
    size_t n;
    if (c < 0x80) {
        n = 1;
        min = 0;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
        c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
        c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
        c &= 0x07;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *code = c;
    return n;
}

int cm__utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        uint64_t eight;
        if (end - p >= 8 && (memcpy(&eight, p, 8), !(eight & 0x8080808080808080ULL))) {
            p += 8; /* eight ASCII bytes */
            continue;
        }
        while (p < end && *p < 0x80) /* up to the byte that stopped the eight */
            p++;
        if (p == end)
            break;
        uint32_t c;
        const size_t n = cm__utf8_char((const char *)p, (size_t)(end - p), &c);
        if (!n)
            return 0;
        p += n;
    }
    return 1;
}
