/* conflictmap: dated territorial events.
 *
 * An event sets the status of one place on one date (DESIGN.md, "The state
 * model").  Events are read from and written to CSV with the columns
 *   event_date, time_precision, place_id, place, admin1, latitude,
 *   longitude, status, confidence, source, offset, sentence,
 *   sub_event_type, source_count, note, actor, event_id, fatalities
 * of which event_date, place_id and status are required on read.  actor
 * names the side that acted (a side's id or one of its actor names; see
 * sides.h); empty means the dataset's default for the status.  Several
 * sources of one event are joined with " | " in the source column.
 */
#ifndef CONFLICTMAP_EVENTS_H
#define CONFLICTMAP_EVENTS_H

#include <stddef.h>
#include <stdio.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The status an event sets (docs/state-model.md).  CM_STATE_GOVERNMENT is
 * no event: a place held calmly.  CM_STATE_TAKEN is a change of hands to
 * the event's actor; CM_STATE_FALLEN and CM_STATE_RETAKEN are the two-sided
 * forms older files use (taken by the challenger, taken back by the
 * incumbent, when no actor is given). */
typedef enum cm_state {
    CM_STATE_GOVERNMENT = 0,
    CM_STATE_ATTACKED,
    CM_STATE_CONTESTED,
    CM_STATE_FALLEN,
    CM_STATE_RETAKEN,
    CM_STATE_TAKEN,
    CM_STATE_COUNT
} cm_state;

/* Whether a status changes who holds the place. */
#define CM_STATE_IS_TAKING(s) \
    ((s) == CM_STATE_FALLEN || (s) == CM_STATE_RETAKEN || (s) == CM_STATE_TAKEN)

typedef enum cm_confidence { CM_CONFIRMED = 0, CM_CLAIMED = 1 } cm_confidence;

typedef struct cm_event {
    cm_date date; /* CM_DATE_NONE when undated */
    cm_precision precision;
    char *place_id;
    char *place;  /* "" when absent */
    char *admin1; /* "" when absent */
    double lat, lon; /* NAN when absent */
    cm_state status;
    cm_confidence confidence;
    char *source;   /* "" when absent */
    long offset;    /* byte offset in the source article, -1 when none */
    char *sentence; /* "" when absent */
    int source_count;
    char *note; /* e.g. "Wednesday" for a month-precision event; "" when none */
    char *actor; /* the side that acted, as written; "" for the default */
    char *sub_event_type; /* as read (ACLED's words), "" to derive from status */
    char *event_id;       /* the source dataset's id (event_id_cnty, UCDP id), or "" */
    long fatalities;      /* when has_fatalities */
    int has_fatalities;
    long line; /* line in the events file, 0 when not read from one */
} cm_event;

typedef struct cm_events {
    cm_event *items;
    size_t count, cap;
} cm_events;

/* Read an events CSV, appending to *events (which the caller initialises to
 * zeros and frees with cm_events_free).  Any bad row fails the whole read
 * with file and line. */
cm_status cm_events_read_csv(const char *path, cm_events *events, cm_error *err);

void cm_events_free(cm_events *events);

/* Free the events from index count on, keeping the first count. */
void cm_events_truncate(cm_events *events, size_t count);

/* Append a deep copy of e (NULL strings are taken as "").  CM_ERR_NOMEM on
 * failure, leaving events unchanged. */
cm_status cm_events_add(cm_events *events, const cm_event *e, cm_error *err);

typedef enum cm_events_format { CM_EVENTS_CSV, CM_EVENTS_JSONL } cm_events_format;

/* Write events to fp as CSV (with the header row) or JSON Lines (one object
 * per event, keys named like the CSV columns).  CM_ERR_IO if a write fails. */
cm_status cm_events_write(const cm_events *events, cm_events_format format, FILE *fp,
                          cm_error *err);

/* Write events to path whole or not at all (temporary file, then rename). */
cm_status cm_events_save(const cm_events *events, cm_events_format format,
                         const char *path, cm_error *err);

/* Merge events about the same place, status, date and precision into one
 * when their actors agree (the same, or one not said): sources are joined
 * (each once), source_count counts them, the first non-empty note,
 * sentence and actor are kept, and the merged event is confirmed if
 * any of them is.  An undated event joins the dated group of its place and
 * status when exactly one such group exists.  Dated events keep the order of
 * their first appearance; undated ones come after them.  CM_ERR_NOMEM on failure (events are then unchanged). */
cm_status cm_events_merge_duplicates(cm_events *events, cm_error *err);

/* Overlay the user's events on a base list: every base event about a place
 * and effective date that some user event also covers is dropped, then the
 * user's events are appended after the base ones (so they win ties in the
 * timeline).  CM_ERR_NOMEM on failure (base is then unchanged). */
cm_status cm_events_overlay(cm_events *base, const cm_events *user, cm_error *err);

/* "attacked" ... "retaken", "government" for CM_STATE_GOVERNMENT. */
const char *cm_state_name(cm_state state);
/* Parse an event status (attacked, contested, taken, fallen, retaken); -1
 * if none. */
int cm_state_parse(const char *text);

const char *cm_confidence_name(cm_confidence confidence);

/* The ACLED sub_event_type an event of this state is exported as when it
 * carries none of its own. */
const char *cm_state_acled(cm_state state);

#ifdef __cplusplus
}
#endif
#endif
