/* Private: drawing a map by tiles of pixels, for frames that change only
 * in places.  The image is cut into bands of rows and each band into
 * tiles; drawing a tile for the same states, date and language gives the
 * same pixels whatever the image held before, so a frame is brought up to
 * date by redrawing only the tiles whose content changed.  Boxes are in
 * page points (y downwards). */
#ifndef CM__RENDER_ROWS_H
#define CM__RENDER_ROWS_H

#include "conflictmap/render.h"
#include "text.h"

/* Tiles are this many pixels high and wide (the last ones may be less). */
#define CM__BAND_ROWS 40
#define CM__TILE_COLS 800

/* Number of bands (rows of tiles) of the map's image, and of tiles in a
 * band. */
int cm__band_count(const cm_map *map);
int cm__tile_cols(const cm_map *map);

/* The page box of tile c of band b's pixels. */
cm_bbox cm__tile_pixels(const cm_map *map, int b, int c);

/* Draw tile c of band b of image (ARGB32, the map's pixel size) for the
 * capitals' states and counts on date, with layouts from texts (may be
 * NULL).  CM_ERR_RENDER with cairo's message on failure. */
cm_status cm__render_tile(cairo_surface_t *image, const cm_map *map, const cm_hold *states,
                          const cm_counts *counts, cm_date date, cm_lang lang, int b, int c,
                          cm__text_cache *texts, cm_error *err);

/* The boxes of what changes with the date: feature f of layer L (as
 * projected on map), capital i's marker (ring and outline included), the
 * legend (its counts), the title line for date (measured with layouts for
 * cr from texts, which may be NULL). */
cm_bbox cm__box_feature(const cm_map *map, const cm_layer *L, size_t f);
cm_bbox cm__box_capital(const cm_map *map, size_t i);
cm_bbox cm__box_legend(const cm_map *map);
cm_bbox cm__box_title(cairo_t *cr, const cm_map *map, cm_date date, cm_lang lang,
                      cm__text_cache *texts);

/* box widened by d points on every side; 1 if two boxes overlap. */
cm_bbox cm__box_widen(cm_bbox box, double d);
int cm__boxes_meet(cm_bbox a, cm_bbox b);

#endif
