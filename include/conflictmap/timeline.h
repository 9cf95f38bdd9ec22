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
 *
 * Who holds a place (cm_timeline_hold; docs/state-model.md): from the
 * start date on, its starting holder (the incumbent unless the starting
 * state names another side), then each event in the order above: a taking
 * (taken, fallen, retaken) gives the place to the event's side and ends any
 * attack; an attack or a fight inside marks it attacked or contested by
 * that side until the next event.  Before the start date nothing is known:
 * CM_NO_DATA.  Events dated before the start are history the starting state
 * already holds, and are not replayed.
 */
#ifndef CONFLICTMAP_TIMELINE_H
#define CONFLICTMAP_TIMELINE_H

#include <stddef.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/sides.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_timeline cm_timeline;

typedef struct cm_timeline_options {
    const cm_sides *sides; /* NULL: the two default sides (copied) */
    cm_date start;         /* first day whose state is known; CM_DATE_NONE:
                              the date of the earliest dated event */
    /* The starting state: start_holders[i] (a side id or actor name) holds
     * start_places[i] on the start date; other places, the incumbent. */
    const char *const *start_places;
    const char *const *start_holders;
    size_t n_start;
} cm_timeline_options;

/* Index events (which must outlive the timeline) with the default options.
 * The caller frees *out. */
cm_status cm_timeline_create(const cm_events *events, cm_timeline **out,
                             cm_error *err);

/* Index events with sides and a starting state.  CM_ERR_PARSE naming the
 * event's line when its actor is no side, or the place when a starting
 * holder is no side. */
cm_status cm_timeline_create_with(const cm_events *events, const cm_timeline_options *opts,
                                  cm_timeline **out, cm_error *err);

const cm_sides *cm_timeline_sides(const cm_timeline *tl);

/* The first day whose state is known; CM_DATE_NONE when nothing is known
 * (no dated event and no start). */
cm_date cm_timeline_start(const cm_timeline *tl);

/* Who holds place_id at the end of date, and whether it is attacked or
 * contested.  When last is not NULL it receives the deciding event or NULL. */
cm_hold cm_timeline_hold(const cm_timeline *tl, const char *place_id, cm_date date,
                         const cm_event **last);

void cm_timeline_free(cm_timeline *tl);

/* The state of place_id on date; CM_STATE_GOVERNMENT before any event.
 * When last is not NULL it receives the deciding event or NULL. */
cm_state cm_timeline_state(const cm_timeline *tl, const char *place_id,
                           cm_date date, const cm_event **last);

/* First and last effective dates of dated events; CM_ERR_NOT_FOUND if none. */
cm_status cm_timeline_span(const cm_timeline *tl, cm_date *first, cm_date *last,
                           cm_error *err);

/* The counts of the places in each category on every day from `from` to
 * `to` (inclusive): (*out)[k] is day from + k, so there are to - from + 1.
 * The places are the n_places ids of place_ids (an id listed twice counts
 * twice; an id without events keeps its starting holder), or, when
 * place_ids is NULL, every place that has a dated event.  CM_ERR_INVALID
 * if to is before from, CM_ERR_NOMEM on failure (*out is then NULL).  The
 * caller frees *out with free(). */
cm_status cm_timeline_daily_counts(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_counts **out, cm_error *err);

/* The days in [from, to] on which the hold of at least one of the places
 * (chosen as for cm_timeline_daily_counts) differs from its hold the day
 * before, ascending, each once; *n may be 0.  An event that repeats the
 * hold a place already has is no change; the start date is a change for
 * every place.  CM_ERR_INVALID if to is before
 * from, CM_ERR_NOMEM on failure (*out is then NULL).  The caller frees *out
 * with free(). */
cm_status cm_timeline_change_dates(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_date **out, size_t *n, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
