#include "paint.h"

#include <math.h>

#define HEX(h) ((h) >> 16 & 0xFF) / 255.0, ((h) >> 8 & 0xFF) / 255.0, ((h)&0xFF) / 255.0

static const unsigned NO_DATA_FILL = 0xF4F4F2, NO_DATA_STRIPES = 0xB8B4AE,
                      STRIPE_INK = 0x55514C;

static void set_rgb(cairo_t *cr, cm_rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* Diagonal stripes over b in the current clip, every gap points, width wide,
 * at a phase fixed on the page. */
static void stripes(cairo_t *cr, cm_bbox b, double gap, double width)
{
    const double h = b.maxy - b.miny;
    for (double x = floor((b.minx - h) / gap) * gap; x <= b.maxx; x += gap) {
        cairo_move_to(cr, x, b.maxy);
        cairo_line_to(cr, x + h, b.miny);
    }
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

/* Stripes for an activity (attacked sparse, contested dense; otherwise the
 * no-data hatching) over the current path, which is consumed. */
static void striped(cairo_t *cr, cm_state activity, cm_bbox b, double u)
{
    cairo_save(cr);
    cairo_clip(cr);
    if (activity == CM_STATE_CONTESTED)
        stripes(cr, b, 4.2 * u, 1.9 * u);
    else if (activity == CM_STATE_ATTACKED)
        stripes(cr, b, 7 * u, 1.1 * u);
    else
        stripes(cr, b, 5 * u, 0.6 * u);
    cairo_restore(cr);
    cairo_new_path(cr);
}

void cm__paint_hold(cairo_t *cr, const cm_sides *sides, cm_hold h, cm_bbox b, double u)
{
    if (h.holder < 0 || h.holder >= sides->count) {
        cairo_set_source_rgb(cr, HEX(NO_DATA_FILL));
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, HEX(NO_DATA_STRIPES));
        striped(cr, CM_STATE_GOVERNMENT, b, u);
        return;
    }
    set_rgb(cr, sides->side[h.holder].fill);
    if (h.activity == CM_STATE_GOVERNMENT) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    if (h.by >= 0 && h.by < sides->count)
        set_rgb(cr, sides->side[h.by].marker);
    else
        cairo_set_source_rgb(cr, HEX(STRIPE_INK));
    striped(cr, h.activity, b, u);
}

void cm__paint_category(cairo_t *cr, const cm_sides *sides, int category, cm_bbox b,
                        double u)
{
    if (category != CM_CAT_ATTACKED && category != CM_CAT_CONTESTED) {
        const cm_hold h = {category < sides->count ? category : CM_NO_DATA,
                           CM_STATE_GOVERNMENT, -1};
        cm__paint_hold(cr, sides, h, b, u);
        return;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, HEX(STRIPE_INK));
    striped(cr, category == CM_CAT_ATTACKED ? CM_STATE_ATTACKED : CM_STATE_CONTESTED, b, u);
}

cm_rgb cm__category_ink(const cm_sides *sides, int category)
{
    if (category >= 0 && category < sides->count)
        return sides->side[category].marker;
    const unsigned hex = category == CM_CAT_NO_DATA ? NO_DATA_STRIPES : STRIPE_INK;
    return (cm_rgb){HEX(hex)};
}
