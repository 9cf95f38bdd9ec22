/* Private: rows of an image as a PNG encoder wants them, fast: opaque
 * ARGB32 pixels as RGB bytes, and the Adler-32 checksum of those bytes
 * (the zlib stream's, computed band by band).  Same results as the plain
 * byte-by-byte loops, several times faster: these two loops are a good
 * share of the time to write a map. */
#ifndef CM__PNG_ROWS_H
#define CM__PNG_ROWS_H

#include <stddef.h>
#include <stdint.h>

/* Write the w pixels of src (ARGB32, native order) to dst as R, G, B
 * bytes (3 * w of them); returns the AND of their alpha bytes (0xFF when
 * all are opaque). */
unsigned cm__rgb_row(const uint32_t *src, size_t w, unsigned char *dst);

/* The same without the SSSE3 shuffle (what other CPUs run; tests). */
unsigned cm__rgb_row_plain(const uint32_t *src, size_t w, unsigned char *dst);

/* Adler-32 of n bytes at p, continuing from adler (1 for a new stream),
 * as zlib's adler32 computes it. */
uint32_t cm__adler32(uint32_t adler, const unsigned char *p, size_t n);

#endif
