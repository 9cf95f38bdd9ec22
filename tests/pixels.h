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

#endif
