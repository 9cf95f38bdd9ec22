/* conflictmap: a chart of how many places each side holds over time.
 *
 * Stacked areas, one per category (sides.h: each side, attacked,
 * contested, no data) painted as on the map, drawn as steps (a state holds
 * for the whole day), the sides other than the incumbent at the bottom so
 * their edge reads against the count axis.  A two-tier date axis (days, then
 * months), a count axis, a legend with each state's count on the last day,
 * a title and a subtitle naming the period.  The data are daily counts as
 * cm_timeline_daily_counts returns them.
 */
#ifndef CONFLICTMAP_CHART_H
#define CONFLICTMAP_CHART_H

#include <stddef.h>

#include <cairo.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/sides.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A day to point out: a dashed line over its column, text above the plot. */
typedef struct cm_chart_note {
    cm_date date;
    const char *text;
} cm_chart_note;

typedef struct cm_chart {
    const cm_counts *days; /* one per day, the first on `first` */
    size_t n_days;         /* at least 1 */
    cm_date first;
    const char *country;   /* put before the title ("Afghanistan"); NULL or "" for none */
    const char *unit;      /* what is counted ("Provincial capitals"); NULL: the default */
    const cm_sides *sides; /* NULL: the two default sides */
    cm_lang lang;
    double width, height;  /* page in points; 0 for the default 768 x 432 */
    const cm_chart_note *notes; /* notes outside the days are not drawn */
    size_t n_notes;
} cm_chart;

/* Draw the chart on cr, whose user space is the page in points.
 * CM_ERR_INVALID when there are no days or a day's counts do not add up to
 * its total; CM_ERR_RENDER with cairo's message if cr is in error. */
cm_status cm_chart_draw(cairo_t *cr, const cm_chart *chart, cm_error *err);

/* The page point at the middle of date's column at height count (the
 * count axis runs from 0 to the first day's total); what a test or an
 * annotation needs.  CM_ERR_INVALID when date is outside the days. */
cm_status cm_chart_point(const cm_chart *chart, cm_date date, double count, double *x,
                         double *y, cm_error *err);

/* Write the chart to path as PNG (at dpi pixels per inch), SVG or PDF,
 * chosen by the extension, whole or not at all.  The SVG carries the title
 * and a one-line summary of the data as text (<title>, <desc>); the PDF's
 * creation date is the chart's last day, so the same data give the same
 * bytes.  Errors name path. */
cm_status cm_chart_write(const cm_chart *chart, double dpi, const char *path, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
