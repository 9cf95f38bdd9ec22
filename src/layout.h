/* Private: where everything goes on the page, decided once per map.
 * Sizes are in units of map->u (1 on the default 768 x 576 pt page); the
 * text sizes are the map's style's (style.h). */
#ifndef CM__LAYOUT_H
#define CM__LAYOUT_H

#include "conflictmap/map.h"

#define CM__HEADER 46.0     /* title band above the frame */
#define CM__FOOTER 13.0     /* attribution band below the frame */
#define CM__MARKER_R 3.4    /* capital marker radius */
#define CM__LEGEND_ROW 13.0
#define CM__LEGEND_PAD 7.0
#define CM__NORTH_SIZE 9.0  /* the N of the north arrow */
#define CM__SCALE_SIZE 7.0  /* the scale bar's figures */
#define CM__HALO 2.2

/* Room for a map's title: a dataset's texts are at most 200 bytes
 * (dataset.c), a date at most 64. */
#define CM__TITLE_MAX 512

/* "Afghanistan, 13 August 2021": the map's title for date in lang, the
 * same on the map, in the SVG's <title> and in the PDF's metadata. */
void cm__map_title(const cm_map *map, cm_date date, cm_lang lang, char *buf, size_t n);

/* Place legend, north arrow, scale bar and labels.  Needs fit page done. */
cm_status cm__layout_map(cm_map *map, cm_error *err);

/* Rows of the legend: title, the sides, attacked, contested, no data,
 * summary, scale bar. */
#define CM__LEGEND_ROWS(n_sides) ((n_sides) + 6)

#endif
