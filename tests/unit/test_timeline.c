/* Timeline: the state of a place on a date, same-day order, daily counts
 * per state over a range and the days on which something changes, on
 * small hand-written event lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "conflictmap/timeline.h"

enum { GOVERNMENT = 0, INSURGENTS = 1 }; /* the default sides */

static cm_date day(const char *iso)
{
    cm_date d = CM_DATE_NONE;
    cm_error err;
    if (cm_date_parse(iso, &d, NULL, &err) != CM_OK)
        fprintf(stderr, "bad test date %s\n", iso);
    return d;
}

/* Append an event; date "YYYY-MM" is month precision, "week:YYYY-MM-DD"
 * week precision, NULL undated. */
static void add(cm_events *ev, const char *place, const char *date, cm_state status)
{
    cm_event e = {0};
    cm_precision prec = CM_PRECISION_DAY;
    cm_error err;
    e.date = CM_DATE_NONE;
    if (date && strncmp(date, "week:", 5) == 0) {
        cm_date_parse(date + 5, &e.date, NULL, &err);
        prec = CM_PRECISION_WEEK;
    } else if (date) {
        cm_date_parse(date, &e.date, &prec, &err);
    }
    e.precision = prec;
    e.place_id = (char *)place;
    e.status = status;
    e.offset = -1;
    CHECK(cm_events_add(ev, &e, &err) == CM_OK);
}

/* The hand-written list the tests share. */
static void build(cm_events *ev)
{
    add(ev, "a", "2021-08-01", CM_STATE_ATTACKED);
    add(ev, "a", "2021-08-03", CM_STATE_FALLEN);
    add(ev, "a", "2021-08-05", CM_STATE_RETAKEN);
    /* A day event on the month's last day, listed before the month event:
     * the month event happened some time up to then, so the day event wins. */
    add(ev, "b", "2021-08-31", CM_STATE_FALLEN);
    add(ev, "b", "2021-08", CM_STATE_ATTACKED);
    /* Same day, same precision: list order decides. */
    add(ev, "c", "2021-08-03", CM_STATE_CONTESTED);
    add(ev, "c", "2021-08-03", CM_STATE_FALLEN);
    add(ev, "d", "2021-08-04", CM_STATE_FALLEN);
    add(ev, "d", "2021-08-04", CM_STATE_CONTESTED);
    /* A repeated state is no change; a week event takes effect on Sunday. */
    add(ev, "e", "2021-08-02", CM_STATE_ATTACKED);
    add(ev, "e", "2021-08-04", CM_STATE_ATTACKED);
    add(ev, "e", "week:2021-08-02", CM_STATE_FALLEN);
    add(ev, "f", NULL, CM_STATE_FALLEN); /* undated: never takes effect */
}

static void test_state(const cm_timeline *tl)
{
    CHECK(cm_timeline_state(tl, "a", day("2021-07-31"), NULL) == CM_STATE_GOVERNMENT);
    CHECK(cm_timeline_state(tl, "a", day("2021-08-01"), NULL) == CM_STATE_ATTACKED);
    CHECK(cm_timeline_state(tl, "a", day("2021-08-04"), NULL) == CM_STATE_FALLEN);
    CHECK(cm_timeline_state(tl, "a", day("2021-08-05"), NULL) == CM_STATE_RETAKEN);
    CHECK(cm_timeline_state(tl, "b", day("2021-08-30"), NULL) == CM_STATE_GOVERNMENT);
    const cm_event *last = NULL;
    CHECK(cm_timeline_state(tl, "b", day("2021-08-31"), &last) == CM_STATE_FALLEN);
    CHECK(last && last->precision == CM_PRECISION_DAY);
    CHECK(cm_timeline_state(tl, "c", day("2021-08-03"), NULL) == CM_STATE_FALLEN);
    CHECK(cm_timeline_state(tl, "d", day("2021-08-04"), NULL) == CM_STATE_CONTESTED);
    CHECK(cm_timeline_state(tl, "e", day("2021-08-07"), NULL) == CM_STATE_ATTACKED);
    CHECK(cm_timeline_state(tl, "e", day("2021-08-08"), NULL) == CM_STATE_FALLEN);
    CHECK(cm_timeline_state(tl, "f", day("2030-01-01"), &last) == CM_STATE_GOVERNMENT);
    CHECK(last == NULL);
    CHECK(cm_timeline_state(tl, "zz", day("2021-08-10"), NULL) == CM_STATE_GOVERNMENT);
    cm_date first, lastd;
    cm_error err;
    CHECK(cm_timeline_span(tl, &first, &lastd, &err) == CM_OK);
    CHECK(first == day("2021-08-01") && lastd == day("2021-08-31"));
}

/* Every day's counts agree with the state of each place that day. */
static void check_counts_against_state(const cm_timeline *tl, const char *const *ids,
                                       size_t n, cm_date from, const cm_counts *c,
                                       size_t n_days)
{
    int bad = 0;
    for (size_t k = 0; k < n_days; k++) {
        cm_counts want = {{0}, 0};
        for (size_t i = 0; i < n; i++) {
            want.n[cm_hold_category(cm_timeline_hold(tl, ids[i], from + (cm_date)k, NULL))]++;
            want.total++;
        }
        if (memcmp(&want, &c[k], sizeof want) != 0)
            bad++;
    }
    CHECK_MSG(bad == 0, "%d days whose counts differ from the states", bad);
}

static void test_counts(const cm_timeline *tl)
{
    static const char *const ids[] = {"a", "b", "c", "d", "e", "zz", "a"};
    const size_t n = sizeof ids / sizeof ids[0];
    const cm_date from = day("2021-07-31"), to = day("2021-09-02");
    cm_counts *c = NULL;
    cm_error err;
    CHECK(cm_timeline_daily_counts(tl, ids, n, from, to, &c, &err) == CM_OK);
    if (!c)
        return;
    const size_t n_days = (size_t)(to - from + 1);
    check_counts_against_state(tl, ids, n, from, c, n_days);
    /* 2021-07-31 is before the first event: nothing is known. */
    CHECK(c[0].n[CM_CAT_NO_DATA] == 7);
    /* 2021-08-03: a (twice) and c fallen; e attacked; b, d, zz government. */
    const cm_counts *d3 = &c[day("2021-08-03") - from];
    CHECK(d3->n[INSURGENTS] == 3);
    CHECK(d3->n[CM_CAT_ATTACKED] == 1);
    CHECK(d3->n[GOVERNMENT] == 3);
    CHECK(d3->total == 7);
    /* The last day: a retaken twice and zz government, b c e fallen, d
     * contested (fallen, then fought over the same day). */
    const cm_counts *end = &c[n_days - 1];
    CHECK(end->n[GOVERNMENT] == 3 && end->n[INSURGENTS] == 3);
    CHECK(end->n[CM_CAT_CONTESTED] == 1 && end->n[CM_CAT_NO_DATA] == 0);
    free(c);

    /* A range that starts after some events counts them from its first day. */
    CHECK(cm_timeline_daily_counts(tl, ids, n, day("2021-08-04"), day("2021-08-04"), &c,
                                   &err) == CM_OK);
    if (c) {
        CHECK(c[0].n[INSURGENTS] == 3); /* a twice, c */
        CHECK(c[0].n[CM_CAT_CONTESTED] == 1);
        free(c);
    }
    /* NULL: every place with a dated event (a..e; f is undated). */
    CHECK(cm_timeline_daily_counts(tl, NULL, 0, day("2021-09-01"), day("2021-09-01"), &c,
                                   &err) == CM_OK);
    if (c) {
        CHECK(c[0].total == 5);
        CHECK(c[0].n[INSURGENTS] == 3);
        free(c);
    }
    CHECK(cm_timeline_daily_counts(tl, ids, n, to, from, &c, &err) == CM_ERR_INVALID);
    CHECK(c == NULL);
}

static void test_change_dates(const cm_timeline *tl)
{
    cm_date *d = NULL;
    size_t n = 0;
    cm_error err;
    CHECK(cm_timeline_change_dates(tl, NULL, 0, day("2021-07-01"), day("2021-12-31"), &d, &n,
                                   &err) == CM_OK);
    /* a: 1, 3, 5; c: 3; d: 4; e: 2, 8 (not 4: same state); b: 31. */
    static const char *const want[] = {"2021-08-01", "2021-08-02", "2021-08-03",
                                       "2021-08-04", "2021-08-05", "2021-08-08",
                                       "2021-08-31"};
    CHECK_MSG(n == sizeof want / sizeof want[0], "%zu change dates", n);
    for (size_t i = 0; i < n && i < sizeof want / sizeof want[0]; i++)
        CHECK_MSG(d[i] == day(want[i]), "change %zu", i);
    free(d);

    /* A range starting on a change day includes it; places can be chosen. */
    static const char *const ids[] = {"e", "b"};
    CHECK(cm_timeline_change_dates(tl, ids, 2, day("2021-08-02"), day("2021-08-30"), &d, &n,
                                   &err) == CM_OK);
    CHECK(n == 2 && d && d[0] == day("2021-08-02") && d[1] == day("2021-08-08"));
    free(d);
    /* A day inside a state is no change: e's repeat on the 4th. */
    static const char *const only_e[] = {"e"};
    CHECK(cm_timeline_change_dates(tl, only_e, 1, day("2021-08-03"), day("2021-08-07"), &d,
                                   &n, &err) == CM_OK);
    CHECK(n == 0);
    free(d);
    CHECK(cm_timeline_change_dates(tl, NULL, 0, day("2021-08-02"), day("2021-08-01"), &d, &n,
                                   &err) == CM_ERR_INVALID);
}

static void test_empty(void)
{
    cm_events ev = {0};
    cm_timeline *tl = NULL;
    cm_error err;
    CHECK(cm_timeline_create(&ev, &tl, &err) == CM_OK);
    cm_date a, b;
    CHECK(cm_timeline_span(tl, &a, &b, &err) == CM_ERR_NOT_FOUND);
    static const char *const ids[] = {"x", "y"};
    cm_counts *c = NULL;
    CHECK(cm_timeline_daily_counts(tl, ids, 2, 0, 9, &c, &err) == CM_OK);
    CHECK(c && c[9].n[CM_CAT_NO_DATA] == 2 && c[9].total == 2); /* nothing known */
    free(c);
    cm_date *d = NULL;
    size_t n = 1;
    CHECK(cm_timeline_change_dates(tl, ids, 2, 0, 9, &d, &n, &err) == CM_OK && n == 0);
    free(d);
    cm_timeline_free(tl);
}

/* Who holds a place: no data before the first event, then the incumbent,
 * then whoever took it last; an attack keeps the holder. */
static void test_hold(const cm_timeline *tl)
{
    cm_hold h = cm_timeline_hold(tl, "a", day("2021-07-31"), NULL);
    CHECK(h.holder == CM_NO_DATA && cm_hold_category(h) == CM_CAT_NO_DATA);
    CHECK(cm_timeline_start(tl) == day("2021-08-01"));
    h = cm_timeline_hold(tl, "a", day("2021-08-01"), NULL);
    CHECK(h.holder == GOVERNMENT && h.activity == CM_STATE_ATTACKED && h.by == INSURGENTS);
    h = cm_timeline_hold(tl, "a", day("2021-08-04"), NULL);
    CHECK(h.holder == INSURGENTS && h.activity == CM_STATE_GOVERNMENT);
    h = cm_timeline_hold(tl, "a", day("2021-08-05"), NULL);
    CHECK(h.holder == GOVERNMENT && cm_hold_category(h) == GOVERNMENT);
    /* Fought over by the incumbent when the insurgents hold it. */
    h = cm_timeline_hold(tl, "d", day("2021-08-04"), NULL);
    CHECK(h.holder == INSURGENTS && h.activity == CM_STATE_CONTESTED && h.by == GOVERNMENT);
    h = cm_timeline_hold(tl, "zz", day("2021-08-10"), NULL);
    CHECK(h.holder == GOVERNMENT);
}

/* Three sides, actors, a starting state, and an actor that is no side. */
static void test_sides(void)
{
    cm_sides sides;
    cm_error err;
    cm_sides_init(&sides);
    CHECK(cm_sides_add(&sides, "government | Government | Gouvernement", &err) == CM_OK);
    CHECK(cm_sides_add(&sides, "rebels | Rebels | Rebelles | #A33A2E", &err) == CM_OK);
    CHECK(cm_sides_add(&sides, "sdf | SDF | FDS", &err) == CM_OK);
    CHECK(cm_sides_add_actors(&sides, 1, "Hay'at Tahrir al-Sham | HTS", &err) == CM_OK);
    CHECK(cm_sides_add(&sides, "sdf | again | encore", &err) == CM_ERR_PARSE);
    CHECK(cm_sides_add(&sides, "Bad Id | x | y", &err) == CM_ERR_PARSE);
    CHECK(cm_sides_add(&sides, "x | y | z | red", &err) == CM_ERR_PARSE);
    /* Sixteen sides; past the default palette each gives its colour. */
    cm_sides many;
    cm_sides_init(&many);
    char decl[64];
    for (int i = 0; i < 16; i++) {
        snprintf(decl, sizeof decl, "s%d | Side %d | Camp %d%s", i, i, i,
                 i >= CM_PALETTE_SIZE ? " | #123456" : "");
        CHECK_MSG(cm_sides_add(&many, decl, &err) == CM_OK, "%s", err.message);
    }
    CHECK(many.count == 16 && cm_sides_add(&many, "s16 | a | b | #000000", &err) != CM_OK);
    cm_sides_free(&many);
    cm_sides_init(&many);
    for (int i = 0; i < CM_PALETTE_SIZE; i++) {
        snprintf(decl, sizeof decl, "s%d | Side %d | Camp %d", i, i, i);
        CHECK(cm_sides_add(&many, decl, &err) == CM_OK);
    }
    CHECK(cm_sides_add(&many, "nine | Nine | Neuf", &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "give it a colour"), "%s", err.message);
    cm_sides_free(&many);
    sides.incumbent = 0;
    sides.challenger = 1;
    CHECK(cm_sides_find(&sides, " hts ") == 1 && cm_sides_find(&sides, "SDF") == 2);
    cm_events ev = {0};
    add(&ev, "x", "2024-12-06", CM_STATE_TAKEN);
    free(ev.items[0].actor);
    ev.items[0].actor = strdup("sdf");
    add(&ev, "y", "2024-12-05", CM_STATE_FALLEN); /* no actor: the challenger */
    add(&ev, "z", "2024-12-01", CM_STATE_ATTACKED);
    add(&ev, "y", "2024-12-06", CM_STATE_ATTACKED); /* an air strike by the government */
    free(ev.items[3].actor);
    ev.items[3].actor = strdup("rebels");            /* ... on a town the rebels hold */
    free(ev.items[2].actor);
    ev.items[2].actor = strdup("Hay'at Tahrir al-Sham");
    static const char *const places[] = {"z"}, *const holders[] = {"sdf"};
    const cm_timeline_options o = {&sides, day("2024-11-26"), places, holders, 1};
    cm_timeline *tl = NULL;
    CHECK(cm_timeline_create_with(&ev, &o, &tl, &err) == CM_OK);
    if (tl) {
        CHECK(cm_timeline_hold(tl, "x", day("2024-11-25"), NULL).holder == CM_NO_DATA);
        CHECK(cm_timeline_hold(tl, "x", day("2024-11-26"), NULL).holder == 0);
        CHECK(cm_timeline_hold(tl, "x", day("2024-12-06"), NULL).holder == 2);
        CHECK(cm_timeline_hold(tl, "y", day("2024-12-05"), NULL).holder == 1);
        const cm_hold yh = cm_timeline_hold(tl, "y", day("2024-12-06"), NULL);
        CHECK_MSG(yh.holder == 1 && yh.by == 0, "an attack by the holder is by the other side");
        CHECK(cm_timeline_hold(tl, "z", day("2024-11-30"), NULL).holder == 2);
        const cm_hold h = cm_timeline_hold(tl, "z", day("2024-12-01"), NULL);
        CHECK(h.holder == 2 && h.activity == CM_STATE_ATTACKED && h.by == 1);
        static const char *const ids[] = {"x", "y", "z", "w"};
        cm_counts *c = NULL;
        CHECK(cm_timeline_daily_counts(tl, ids, 4, day("2024-12-06"), day("2024-12-06"), &c,
                                       &err) == CM_OK);
        CHECK(c && c[0].n[0] == 1 && c[0].n[1] == 0 && c[0].n[2] == 1 &&
              c[0].n[CM_CAT_ATTACKED] == 2); /* w: government; y and z: attacked */
        char buf[128];
        cm_counts nd = {{0}, 3};
        nd.n[CM_CAT_NO_DATA] = 2;
        nd.n[0] = 1;
        cm_sides_summary(&sides, &nd, CM_LANG_EN, buf, sizeof buf);
        CHECK_STR(buf, "no data 2 \u00b7 Government 1");
        if (c)
            cm_sides_summary(&sides, &c[0], CM_LANG_EN, buf, sizeof buf);
        CHECK_MSG(c && strstr(buf, "SDF 1") && strstr(buf, "attacked 2"), "%s", buf);
        free(c);
        cm_timeline_free(tl);
    }
    free(ev.items[0].actor);
    ev.items[0].actor = strdup("Nobody");
    ev.items[0].line = 7;
    CHECK(cm_timeline_create_with(&ev, &o, &tl, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "line 7") && strstr(err.message, "Nobody"), "%s", err.message);
    static const char *const bad_holders[] = {"kurds"};
    const cm_timeline_options bad = {&sides, day("2024-11-26"), places, bad_holders, 1};
    free(ev.items[0].actor);
    ev.items[0].actor = strdup("sdf");
    CHECK(cm_timeline_create_with(&ev, &bad, &tl, &err) == CM_ERR_PARSE);
    cm_events_free(&ev);
    cm_sides_free(&sides);
}

int main(void)
{
    cm_events ev = {0};
    cm_timeline *tl = NULL;
    cm_error err;
    build(&ev);
    CHECK(cm_timeline_create(&ev, &tl, &err) == CM_OK);
    if (tl) {
        test_state(tl);
        test_counts(tl);
        test_change_dates(tl);
        test_hold(tl);
    }
    test_empty();
    test_sides();
    cm_timeline_free(tl);
    cm_events_free(&ev);
    return check_summary("timeline");
}
