/* The bundled timeline tells the story the dataset claims: every capital in
 * the gazetteer (provincial capitals and the national capital, read from
 * the files) falls once in August or September 2021 unless retaken in
 * between, 33 capitals have fallen on 2021-08-15 and all of them on
 * 2021-09-06, every event names a capital, and its coordinates are the
 * capital's.  Usage: test_bundled_timeline DATASET */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "conflictmap/dataset.h"
#include "conflictmap/gazetteer.h"
#include "conflictmap/timeline.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static cm_date day(const char *iso)
{
    cm_date d = CM_DATE_NONE;
    cm_error err;
    cm_date_parse(iso, &d, NULL, &err);
    return d;
}

static int is_capital(const cm_place *p)
{
    return p->kind == CM_KIND_PROVINCIAL_CAPITAL || p->kind == CM_KIND_NATIONAL_CAPITAL;
}

/* Great-circle distance in km. */
static double km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = M_PI / 180, a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2);
    return 2 * 6371 * asin(sqrt(a * a + cos(lat1 * r) * cos(lat2 * r) * b * b));
}

/* Each fall is in Aug-Sep 2021; a second fall needs a retaking before it. */
static void check_falls(const cm_events *ev, const char *id)
{
    const cm_date lo = day("2021-08-01"), hi = day("2021-09-30");
    int falls = 0, retaken_since = 0;
    for (size_t i = 0; i < ev->count; i++) {
        const cm_event *e = &ev->items[i];
        if (strcmp(e->place_id, id) != 0)
            continue;
        if (e->status == CM_STATE_RETAKEN && falls > 0)
            retaken_since = 1;
        if (e->status != CM_STATE_FALLEN)
            continue;
        const cm_date when = cm_date_effective(e->date, e->precision);
        CHECK_MSG(e->date != CM_DATE_NONE && when >= lo && when <= hi,
                  "%s falls outside August-September 2021 (line %ld)", id, e->line);
        CHECK_MSG(falls == 0 || retaken_since, "%s falls again without being retaken (line %ld)",
                  id, e->line);
        falls++;
        retaken_since = 0;
    }
    CHECK_MSG(falls >= 1, "%s never falls", id);
}

static void check_events_name_capitals(const cm_events *ev, const cm_gazetteer *gz)
{
    for (size_t i = 0; i < ev->count; i++) {
        const cm_event *e = &ev->items[i];
        const cm_place *p = cm_gazetteer_find_id(gz, e->place_id);
        CHECK_MSG(p && is_capital(p), "line %ld: %s is not a capital", e->line, e->place_id);
        if (p && !isnan(e->lat))
            CHECK_MSG(km(e->lat, e->lon, p->lat, p->lon) < 10,
                      "line %ld: %s is %.1f km from the gazetteer's position", e->line,
                      e->place_id, km(e->lat, e->lon, p->lat, p->lon));
    }
}

/* Capitals the side `side` holds on a date (attacked or not). */
static int held_by(const cm_timeline *tl, const char *const *ids, size_t n, const char *side,
                   const char *iso)
{
    const int s = cm_sides_find(cm_timeline_sides(tl), side);
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += cm_timeline_hold(tl, ids[i], day(iso), NULL).holder == s;
    return s < 0 ? -1 : k;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_bundled_timeline DATASET\n");
        return 2;
    }
    cm_error err;
    cm_dataset *ds = NULL;
    cm_gazetteer *gz = NULL;
    cm_events ev = {0};
    cm_timeline *tl = NULL;
    cm_timeline_options opts;
    const char **ids = NULL;
    if (cm_dataset_load(argv[1], &ds, &err) != CM_OK || !ds->events ||
        cm_gazetteer_load(ds->gazetteer, &gz, &err) != CM_OK ||
        cm_events_read_csv(ds->events, &ev, &err) != CM_OK ||
        (cm_dataset_timeline_options(ds, &opts), 0) ||
        cm_timeline_create_with(&ev, &opts, &tl, &err) != CM_OK) {
        fprintf(stderr, "%s\n", ds && !ds->events ? "dataset names no events" : err.message);
        CHECK(0);
        goto out;
    }
    size_t n = 0, national = 0;
    ids = malloc(cm_gazetteer_count(gz) * sizeof *ids);
    for (size_t i = 0; ids && i < cm_gazetteer_count(gz); i++) {
        const cm_place *p = cm_gazetteer_place(gz, i);
        if (is_capital(p))
            ids[n++] = p->id;
        national += p->kind == CM_KIND_NATIONAL_CAPITAL;
    }
    CHECK_MSG(n == 34, "%zu capitals in the gazetteer", n);
    CHECK(national == 1);
    for (size_t i = 0; i < n; i++)
        check_falls(&ev, ids[i]);
    check_events_name_capitals(&ev, gz);
    CHECK_MSG(held_by(tl, ids, n, "government", "2021-05-01") == 34, "all 34 at the start");
    CHECK_MSG(held_by(tl, ids, n, "taliban", "2021-08-05") == 0, "before the first fall");
    CHECK_MSG(held_by(tl, ids, n, "taliban", "2021-08-15") == 33, "%d Taliban on 2021-08-15",
              held_by(tl, ids, n, "taliban", "2021-08-15"));
    /* The government is gone; the resistance holds Panjshir's capital until
     * the Taliban take it. */
    CHECK_MSG(held_by(tl, ids, n, "government", "2021-08-20") == 0, "no government after Kabul");
    CHECK_MSG(held_by(tl, ids, n, "resistance", "2021-09-05") == 1, "the last one holds out");
    CHECK_MSG(held_by(tl, ids, n, "taliban", "2021-09-06") == 34, "%d Taliban on 2021-09-06",
              held_by(tl, ids, n, "taliban", "2021-09-06"));
    CHECK_MSG(cm_timeline_hold(tl, ids[0], day("2021-04-30"), NULL).holder == CM_NO_DATA,
              "before the dataset's start, no data");
out:
    free(ids);
    cm_timeline_free(tl);
    cm_events_free(&ev);
    cm_gazetteer_free(gz);
    cm_dataset_free(ds);
    return check_summary("bundled_timeline");
}
