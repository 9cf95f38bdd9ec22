/* conflictmap: a report bundle, everything a writer needs about a period.
 *
 * One call writes into a directory:
 *   maps/YYYY-MM-DD.{png,svg,pdf}  the map of every day in the period on
 *                                  which the state of a capital changed
 *   latest.{png,svg,pdf}           the map of the period's last day
 *   chart.{png,svg,pdf}            capitals in each state, day by day (chart.h)
 *   events.csv, events.md          the dated events of the period, by the day
 *                                  they take effect (CSV as events.h writes it,
 *                                  and a Markdown table)
 *   report.md                      the chart and the maps with captions
 *   index.html                     the map with a date slider; no external
 *                                  resource: it shows the PNGs beside it and
 *                                  works opened from disk.  index.html#DATE
 *                                  opens on the state of that date.
 * The bundle appears whole or not at all: it is written to a hidden
 * directory beside (or inside) the target and moved into place at the end;
 * files of an existing directory that the bundle does not name are kept.
 */
#ifndef CONFLICTMAP_REPORT_H
#define CONFLICTMAP_REPORT_H

#include <stddef.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/map.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_report_options {
    const char *dir;  /* the bundle's directory; created if missing (not its parent) */
    cm_date from, to; /* the period; CM_DATE_NONE for the timeline's first or last day */
    cm_lang lang;
} cm_report_options;

/* What a report holds, for the caller to tell its user. */
typedef struct cm_report_result {
    cm_date from, to; /* the period */
    size_t n_maps;    /* dated maps (change days), not counting latest */
    size_t n_events;  /* rows of the events table */
    cm_counts last;   /* the capitals on the last day */
} cm_report_result;

/* Write the report of tl (built from events) drawn on map.  Fails with
 * CM_ERR_INVALID when the period ends before it starts or the timeline
 * has no dated event to take a default from, CM_ERR_IO naming the file
 * that could not be written; nothing of the bundle is left behind then.
 * result may be NULL. */
cm_status cm_report_write(const cm_map *map, const cm_events *events, const cm_timeline *tl,
                          const cm_report_options *opts, cm_report_result *result,
                          cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
