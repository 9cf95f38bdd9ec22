/* Private: how a hold or a legend category is painted, shared by the map,
 * its legend and the chart so that they always agree. */
#ifndef CM__PAINT_H
#define CM__PAINT_H

#include <cairo.h>

#include "conflictmap/layer.h"
#include "conflictmap/sides.h"

/* Fill the current path (which is consumed) for hold h: the holder's
 * colour; stripes of the attacker's colour when attacked (sparse) or
 * contested (dense); pale grey with grey stripes without data.  b is the
 * path's page box; stripes are anchored to the page, so tiles meet.  u is
 * the page's size unit. */
void cm__paint_hold(cairo_t *cr, const cm_sides *sides, cm_hold h, cm_bbox b, double u);

/* Fill the current path (consumed) as the swatch of a category (sides.h):
 * a side's colour; attacked or contested as ink stripes over white (any
 * attacker); no data as on the map. */
void cm__paint_category(cairo_t *cr, const cm_sides *sides, int category, cm_bbox b,
                        double u);

/* The colour of a category's edges and text marks. */
cm_rgb cm__category_ink(const cm_sides *sides, int category);

#endif
