/* Private: drawing a map by rows of pixels, for frames that change only
 * in places.  Drawing the same rows for the same states, date and language
 * gives the same pixels whatever the image held before, so a frame can be
 * brought up to date by redrawing only the rows whose content changed.
 * Row ranges are page points (y downwards). */
#ifndef CM__RENDER_ROWS_H
#define CM__RENDER_ROWS_H

#include "conflictmap/render.h"
#include "text.h"

typedef struct cm__rows {
    double y0, y1;
} cm__rows;

/* The page rows of feature f of layer L (as projected on map). */
cm__rows cm__rows_feature(const cm_map *map, const cm_layer *L, size_t f);

/* The rows of capital i's marker, its ring and outline included. */
cm__rows cm__rows_capital(const cm_map *map, size_t i);

/* The rows of the legend (its counts change with the date). */
cm__rows cm__rows_legend(const cm_map *map);

/* The rows of the title line for date (it names the date), measured with
 * layouts for cr from texts (may be NULL). */
cm__rows cm__rows_title(cairo_t *cr, const cm_map *map, cm_date date, cm_lang lang,
                        cm__text_cache *texts);

/* How far beyond its geometry a drawing can reach (strokes, halos,
 * antialiasing), in points. */
double cm__rows_reach(const cm_map *map);

/* 1 if two row ranges overlap. */
int cm__rows_meet(cm__rows a, cm__rows b);

/* Draw pixel rows [y0, y1) of image (ARGB32, the map's pixel size) for the
 * capitals' states and counts on date, with layouts from texts (may be
 * NULL).  CM_ERR_RENDER with cairo's message on failure. */
cm_status cm__render_rows(cairo_surface_t *image, const cm_map *map, const cm_state *states,
                          const cm_counts *counts, cm_date date, cm_lang lang, int y0, int y1,
                          cm__text_cache *texts, cm_error *err);

/* Images are drawn in bands of this many pixel rows. */
#define CM__BAND_ROWS 40

/* Number of bands of the map's image. */
int cm__band_count(const cm_map *map);

/* Draw band b of image. */
cm_status cm__render_band(cairo_surface_t *image, const cm_map *map, const cm_state *states,
                          const cm_counts *counts, cm_date date, cm_lang lang, int b,
                          cm__text_cache *texts, cm_error *err);

/* The page rows band b covers, widened by what can reach into it (the
 * drawing of band b draws everything whose geometry meets them). */
cm__rows cm__band_rows(const cm_map *map, int b);

/* The page rows band b's pixels cover. */
cm__rows cm__band_pixels(const cm_map *map, int b);

/* rows widened by d points on both sides. */
cm__rows cm__rows_widen(cm__rows rows, double d);

#endif
