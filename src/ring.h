/* Private: small facts about points and rings shared by the drawing code. */
#ifndef CM__RING_H
#define CM__RING_H

#include "conflictmap/layer.h"

/* Order of points by x, then y: -1, 0 or 1. */
static inline int cm__point_cmp(cm_point a, cm_point b)
{
    if (a.x != b.x)
        return a.x < b.x ? -1 : 1;
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    return 0;
}

/* The distinct vertices of a ring of n points (shapefile rings repeat the
 * first point at the end). */
static inline size_t cm__ring_vertices(const cm_point *p, size_t n)
{
    return n > 1 && p[0].x == p[n - 1].x && p[0].y == p[n - 1].y ? n - 1 : n;
}

#endif
