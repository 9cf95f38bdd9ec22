/* conflictmap: drawing a map for a date.
 *
 * One drawing function over any cairo_t, so PNG, SVG and PDF differ only
 * by their surface.  The cairo_t's user space must be the map's page in
 * points (for a PNG, scale by dpi / 72 first; see output.h).
 */
#ifndef CONFLICTMAP_RENDER_H
#define CONFLICTMAP_RENDER_H

#include <cairo.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/map.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The state of every capital of map on date, and the counts. states may be
 * NULL; otherwise it has cm_map_capital_count(map) entries. */
void cm_render_states(const cm_map *map, const cm_timeline *tl, cm_date date,
                      cm_hold *states, cm_counts *counts);

/* Draw the whole map for date in lang.  Returns CM_ERR_RENDER with cairo's
 * message if the context is in error afterwards. */
cm_status cm_render_draw(cairo_t *cr, const cm_map *map, const cm_timeline *tl,
                         cm_date date, cm_lang lang, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
