/* Fuzz target: the events CSV reader (cm_events_read_csv) and the timeline
 * built from what it reads.  Promises checked: a failed read leaves the
 * list as it was and names the file in a one-line message; every event
 * read has a place id, a known status and precision, coordinates in range
 * and UTF-8 strings; the timeline answers for every event's place; what
 * was read, written back as CSV, reads again to the same events. */
#include "conflictmap/events.h"
#include "conflictmap/timeline.h"

#include <math.h>

#include "csv.h" /* cm__utf8_valid */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_text(const char *s, const char *what)
{
    FUZZ_ASSERT(s != NULL && cm__utf8_valid(s, strlen(s)), "%s", what);
}

static void check_event(const cm_event *e)
{
    check_text(e->place_id, "place_id");
    FUZZ_ASSERT(e->place_id[0] != '\0', "line %ld: empty place_id", e->line);
    check_text(e->place, "place");
    check_text(e->admin1, "admin1");
    check_text(e->source, "source");
    check_text(e->sentence, "sentence");
    FUZZ_ASSERT(e->status > CM_STATE_GOVERNMENT && e->status < CM_STATE_COUNT, "status %d",
                (int)e->status);
    FUZZ_ASSERT(e->precision >= 1 && e->precision <= 3, "precision %d", (int)e->precision);
    FUZZ_ASSERT(isnan(e->lat) || fabs(e->lat) <= 90, "lat %g", e->lat);
    FUZZ_ASSERT(isnan(e->lon) || fabs(e->lon) <= 180, "lon %g", e->lon);
    FUZZ_ASSERT(e->offset >= -1 && e->source_count >= 1, "offset %ld", e->offset);
    FUZZ_ASSERT(e->line >= 2, "line %ld", e->line);
}

static void check_timeline(const cm_events *ev)
{
    cm_timeline *tl = NULL;
    cm_error err;
    if (cm_timeline_create(ev, &tl, &err) != CM_OK)
        return;
    cm_date first, last;
    const int dated = cm_timeline_span(tl, &first, &last, &err) == CM_OK;
    for (size_t i = 0; i < ev->count; i++) {
        const cm_event *deciding = NULL;
        const cm_date when = dated ? last : ev->items[i].date;
        const cm_state s = cm_timeline_state(tl, ev->items[i].place_id, when, &deciding);
        FUZZ_ASSERT(s < CM_STATE_COUNT, "state %d", (int)s);
        FUZZ_ASSERT(!deciding || strcmp(deciding->place_id, ev->items[i].place_id) == 0,
                    "deciding event of another place");
    }
    cm_timeline_free(tl);
}

/* Every file the tool writes must read back. */
static void check_round_trip(const cm_events *ev)
{
    const char *out = fuzz_file_put(".out.csv", (const uint8_t *)"", 0);
    cm_events back = {0};
    cm_error err;
    FUZZ_ASSERT(cm_events_save(ev, CM_EVENTS_CSV, out, &err) == CM_OK, "write: %s", err.message);
    FUZZ_ASSERT(cm_events_read_csv(out, &back, &err) == CM_OK, "read back: %s", err.message);
    FUZZ_ASSERT(back.count == ev->count, "%zu events read back of %zu", back.count, ev->count);
    for (size_t i = 0; i < back.count && i < ev->count; i++) {
        const cm_event *a = &ev->items[i], *b = &back.items[i];
        FUZZ_ASSERT(strcmp(a->place_id, b->place_id) == 0 && a->status == b->status &&
                        a->date == b->date && a->precision == b->precision &&
                        strcmp(a->actor, b->actor) == 0 && strcmp(a->source, b->source) == 0,
                    "event %zu differs after a round trip", i);
    }
    cm_events_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file_put(".csv", data, size);
    cm_events ev = {0};
    cm_error err;
    cm_error_clear(&err);
    const cm_status st = cm_events_read_csv(path, &ev, &err);
    if (st != CM_OK) {
        FUZZ_ASSERT(ev.count == 0, "%zu events left after a failed read", ev.count);
        FUZZ_ASSERT(strstr(err.message, path) != NULL, "message lacks the file: %s",
                    err.message);
        FUZZ_ASSERT(strchr(err.message, '\n') == NULL && strchr(err.message, '\r') == NULL,
                    "multi-line message: %s", err.message);
        FUZZ_ASSERT(err.status == st, "status %d, error says %d", st, err.status);
    } else {
        for (size_t i = 0; i < ev.count; i++)
            check_event(&ev.items[i]);
        check_timeline(&ev);
        check_round_trip(&ev);
    }
    cm_events_free(&ev);
    return 0;
}
