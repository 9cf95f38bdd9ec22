/* Image test helpers: the colour of a pixel and whether two colours match. */
#ifndef CM_TEST_PIXELS_H
#define CM_TEST_PIXELS_H

#include <stdint.h>
#include <stdlib.h>

#include <cairo.h>

/* 0xRRGGBB of pixel (x, y) of an ARGB32 or RGB24 image (opaque pixels). */
static inline unsigned pixels_rgb(cairo_surface_t *img, int x, int y)
{
    const unsigned char *row =
        cairo_image_surface_get_data(img) + (size_t)y * (size_t)cairo_image_surface_get_stride(img);
    return *(const uint32_t *)(row + 4 * (size_t)x) & 0xFFFFFFu;
}

/* 1 when every channel of a and b differs by at most tol. */
static inline int pixels_match(unsigned a, unsigned b, int tol)
{
    return abs((int)(a >> 16 & 0xFF) - (int)(b >> 16 & 0xFF)) <= tol &&
           abs((int)(a >> 8 & 0xFF) - (int)(b >> 8 & 0xFF)) <= tol &&
           abs((int)(a & 0xFF) - (int)(b & 0xFF)) <= tol;
}

/* Share of the (2r+1)^2 pixels around (x, y) within tol of rgb. */
static inline double pixels_share(cairo_surface_t *img, int x, int y, int r, unsigned rgb,
                                  int tol)
{
    int hit = 0, n = 0;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++, n++)
            hit += pixels_match(pixels_rgb(img, x + dx, y + dy), rgb, tol);
    return (double)hit / n;
}

/* 0xRRGGBB of a cairo-style colour. */
static inline unsigned pixels_hex(double r, double g, double b)
{
    return (unsigned)(r * 255 + 0.5) << 16 | (unsigned)(g * 255 + 0.5) << 8 |
           (unsigned)(b * 255 + 0.5);
}

#endif
