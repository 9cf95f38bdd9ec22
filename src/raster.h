/* Private: drawing a map's image tile by tile, on one thread or several.
 *
 * Tiles are independent (render_rows.h), so threads can draw distinct
 * bands of tiles of one image at once: each draws through its own cairo
 * surface object over the image's pixels, with its own text layouts (and
 * Pango font map, which Pango keeps per thread), and writes only its
 * bands' rows.  The pixels are the same whatever the number of threads.
 */
#ifndef CM__RASTER_H
#define CM__RASTER_H

#include "png_bands.h"
#include "render_rows.h"

typedef struct cm__raster {
    cairo_surface_t *image; /* ARGB32, the map's pixel size */
    const cm_map *map;
    const cm_hold *states; /* per capital */
    const cm_counts *counts;
    cm_date date;
    cm_lang lang;
    const unsigned char *tiles; /* per tile, band after band: 1 to draw it; NULL: all */
    cm__png_bands *png;         /* when not NULL, each band drawn is deflated into it */
} cm__raster;

/* Draw job's tiles, a band at a time per thread, with up to `threads` threads (the calling one with
 * texts, which may be NULL, and others with layouts of their own).
 * CM_ERR_RENDER (cairo's message) or CM_ERR_NOMEM on failure; a band may
 * then be half drawn. */
cm_status cm__raster_draw(const cm__raster *job, int threads, cm__text_cache *texts,
                          cm_error *err);

/* Threads kept to draw the jobs of one caller, one job at a time: each
 * keeps its layouts and fonts from one job to the next (a frame renderer
 * drawing frame after frame).  threads counts the caller, which draws
 * too; NULL when out of memory (threads that could not start are simply
 * fewer).  Free with cm__raster_pool_free. */
typedef struct cm__raster_pool cm__raster_pool;
cm__raster_pool *cm__raster_pool_new(int threads);
void cm__raster_pool_free(cm__raster_pool *pool);

/* cm__raster_draw with the pool's threads and the calling one (with
 * texts, which may be NULL). */
cm_status cm__raster_pool_draw(cm__raster_pool *pool, const cm__raster *job,
                               cm__text_cache *texts, cm_error *err);

#endif
