/* conflictmap: the timeline, the state of every place on any date.
 *
 * The state of a place on date D is the status set by its last event that
 * takes effect on or before D (an event known only to the week or month
 * takes effect at the end of that week or month, never earlier).  Undated
 * events never take effect.
 *
 * Events taking effect on the same day are ordered so that the last one
 * decides the state at the end of that day:
 *   1. coarser before finer precision: a month- or week-precision event only
 *      happened at some time up to that day, a day-precision event on it;
 *   2. then the order of the events list, which is the order of the source
 *      (rows of the events file, or events as the extractor found them).
 * Events carry no time of day, so nothing finer than that can be used; a
 * time-of-day column would sort between 1 and 2.
 */
#ifndef CONFLICTMAP_TIMELINE_H
#define CONFLICTMAP_TIMELINE_H

#include <stddef.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_timeline cm_timeline;

/* How many places are in each state on one day; total is their sum. */
typedef struct cm_counts {
    int state[CM_STATE_COUNT];
    int total;
} cm_counts;

/* Index events (which must outlive the timeline).  The caller frees *out. */
cm_status cm_timeline_create(const cm_events *events, cm_timeline **out,
                             cm_error *err);

void cm_timeline_free(cm_timeline *tl);

/* The state of place_id on date; CM_STATE_GOVERNMENT before any event.
 * When last is not NULL it receives the deciding event or NULL. */
cm_state cm_timeline_state(const cm_timeline *tl, const char *place_id,
                           cm_date date, const cm_event **last);

/* First and last effective dates of dated events; CM_ERR_NOT_FOUND if none. */
cm_status cm_timeline_span(const cm_timeline *tl, cm_date *first, cm_date *last,
                           cm_error *err);

/* The counts of the places in each state on every day from `from` to `to`
 * (inclusive): (*out)[k] is day from + k, so there are to - from + 1.  The
 * places are the n_places ids of place_ids (an id listed twice counts
 * twice; an id without events is government-held throughout), or, when
 * place_ids is NULL, every place that has a dated event.  CM_ERR_INVALID
 * if to is before from, CM_ERR_NOMEM on failure (*out is then NULL).  The
 * caller frees *out with free(). */
cm_status cm_timeline_daily_counts(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_counts **out, cm_error *err);

/* The days in [from, to] on which the state of at least one of the places
 * (chosen as for cm_timeline_daily_counts) differs from its state the day
 * before, ascending, each once; *n may be 0.  An event that repeats the
 * state a place already has is no change.  CM_ERR_INVALID if to is before
 * from, CM_ERR_NOMEM on failure (*out is then NULL).  The caller frees *out
 * with free(). */
cm_status cm_timeline_change_dates(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_date **out, size_t *n, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
