/* conflictmap: the timeline, the state of every place on any date.
 *
 * The state of a place on date D is the status set by its last event that
 * takes effect on or before D (an event known only to the week or month
 * takes effect at the end of that week or month, never earlier).  Events
 * taking effect on the same day keep the order of the events list.
 * Undated events never take effect.
 */
#ifndef CONFLICTMAP_TIMELINE_H
#define CONFLICTMAP_TIMELINE_H

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_timeline cm_timeline;

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

#ifdef __cplusplus
}
#endif
#endif
