/* conflictmap: events from the data researchers already have.
 *
 * An ACLED export or a UCDP GED file is read as it is downloaded; its
 * format is chosen by its header (or given).  Only what a map of capitals
 * can show becomes an event:
 *
 * ACLED: sub_event_type "Non-state actor overtakes territory", "Government
 * regains territory" and "Non-violent transfer of territory" are takings
 * by actor1; "Armed clash", "Attack", "Shelling/artillery/missile attack",
 * "Air/drone strike" and "Remote explosive/landmine/IED" are attacks, by
 * whichever of actor1 and actor2 is not the incumbent (actor1 when both or
 * neither are); every other sub-event type, and any event_type "Violence
 * against civilians", is not territorial.  Dates are
 * "2021-08-06" or "06 August 2021"; time_precision is kept.
 * UCDP GED: state-based and non-state violence (type_of_violence 1, 2) at
 * a capital is an attack by the side of side_a / side_b that is not the
 * incumbent; one-sided violence is not territorial; date_start with
 * date_prec 1 (day), 2-3 (week), 4 (month); 5 (a year or more) is too
 * vague to place on a map.
 *
 * A row is about a capital when its location (ACLED location, UCDP
 * where_description) is a spelling of a capital of the gazetteer within
 * CM_IMPORT_NAME_KM of the row's coordinates, or, whatever its name, its
 * coordinates lie within CM_IMPORT_POINT_KM of a capital (a village 40 km
 * away is not the capital's).  Actors are mapped onto the sides through
 * their ids and actor names (sides.h), an exact name first, else the
 * longest actor name found inside ACLED's wording ("Military Forces of
 * Syria (2000-2024)").  Source, notes, fatalities and the event's id are
 * kept.  Every row that gives no event is counted in the summary, never
 * silently dropped.
 */
#ifndef CONFLICTMAP_IMPORT_H
#define CONFLICTMAP_IMPORT_H

#include <stddef.h>

#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/gazetteer.h"
#include "conflictmap/sides.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CM_IMPORT_NAME_KM 15.0
#define CM_IMPORT_POINT_KM 5.0

typedef enum cm_events_format_in {
    CM_IN_AUTO = 0,    /* by the header */
    CM_IN_CONFLICTMAP, /* cm_events_read_csv's columns */
    CM_IN_ACLED,
    CM_IN_UCDP
} cm_events_format_in;

/* What an import read and what it left out. */
typedef struct cm_import_summary {
    cm_events_format_in format; /* the format read */
    size_t rows;            /* data rows */
    size_t events;          /* events at capitals */
    size_t elsewhere;       /* territorial rows about no capital */
    size_t not_territorial; /* other event types (protests, one-sided violence, ...) */
    size_t too_vague;       /* dates or places too imprecise to map */
    size_t unknown_actors;  /* events whose actor is none of the sides (kept, as
                               the side's default) */
    size_t resolved;        /* conflictmap rows whose place_id was a spelling,
                               resolved through the gazetteer */
} cm_import_summary;

/* Parse a format's name ("auto", "conflictmap", "acled", "ucdp"); -1 if
 * none. */
int cm_events_format_in_parse(const char *name);
const char *cm_events_format_in_name(cm_events_format_in format);

/* Read path (of format, or chosen by its header) and append its events to
 * *events; places are resolved with gz (for a conflictmap file, as
 * cm_gazetteer_resolve_events does), actors with sides.  *summary (may be
 * NULL) says what was read.  Any bad row fails the whole read with file and
 * line, and nothing is appended. */
cm_status cm_events_import(const char *path, cm_events_format_in format,
                           const cm_gazetteer *gz, const cm_sides *sides, cm_events *events,
                           cm_import_summary *summary, cm_error *err);

/* "acled.csv: ACLED, 3,412 rows: 61 events at capitals, 3,351 elsewhere
 * (2,890 not territorial, ...)" into buf. */
void cm_import_summary_text(const char *path, const cm_import_summary *s, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
