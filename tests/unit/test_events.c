/* Events: CSV and JSON Lines writing (read back through the strict reader),
 * merging one event reported by several articles, and overlaying a user's
 * events on a base timeline. */
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "conflictmap/events.h"
#include "conflictmap/timeline.h"

static cm_event make(const char *place, const char *date, cm_state status,
                     cm_confidence conf, const char *source, const char *note)
{
    cm_event e = {0};
    cm_precision prec = CM_PRECISION_DAY;
    cm_error err;
    e.date = CM_DATE_NONE;
    if (date && cm_date_parse(date, &e.date, &prec, &err) != CM_OK)
        e.date = CM_DATE_NONE;
    e.precision = prec;
    e.place_id = (char *)place;
    e.place = (char *)place;
    e.status = status;
    e.confidence = conf;
    e.source = (char *)source;
    e.note = (char *)note;
    e.sentence = (char *)"Fighters entered the town, \"a spokesman said\",\nthen left.";
    e.offset = 42;
    e.lat = 34.5;
    e.lon = 69.25;
    e.source_count = 1;
    return e;
}

static void test_roundtrip(const char *dir)
{
    cm_events ev = {0}, back = {0};
    cm_error err;
    cm_event a = make("qala-i-naw", "2021-07", CM_STATE_CONTESTED, CM_CLAIMED, "a.txt",
                      "Wednesday");
    CHECK(cm_events_add(&ev, &a, &err) == CM_OK);
    cm_event b = make("herat", NULL, CM_STATE_FALLEN, CM_CONFIRMED, "b, c.txt", "");
    CHECK(cm_events_add(&ev, &b, &err) == CM_OK);
    char path[512];
    snprintf(path, sizeof path, "%s/events-roundtrip.csv", dir);
    CHECK(cm_events_save(&ev, CM_EVENTS_CSV, path, &err) == CM_OK);
    CHECK_MSG(cm_events_read_csv(path, &back, &err) == CM_OK, "%s", err.message);
    CHECK(back.count == 2);
    if (back.count == 2) {
        CHECK_STR(back.items[0].place_id, "qala-i-naw");
        CHECK(back.items[0].precision == CM_PRECISION_MONTH);
        CHECK(back.items[0].status == CM_STATE_CONTESTED);
        CHECK(back.items[0].confidence == CM_CLAIMED);
        CHECK_STR(back.items[0].note, "Wednesday");
        CHECK_STR(back.items[0].sentence, a.sentence);
        CHECK(back.items[0].offset == 42);
        CHECK(back.items[1].date == CM_DATE_NONE);
        CHECK_STR(back.items[1].source, "b, c.txt");
    }
    /* JSON Lines: one object per event, strings escaped, undated is null. */
    snprintf(path, sizeof path, "%s/events-roundtrip.jsonl", dir);
    CHECK(cm_events_save(&ev, CM_EVENTS_JSONL, path, &err) == CM_OK);
    size_t len = 0;
    char *text = check_slurp(path, &len);
    CHECK(text != NULL);
    if (text) {
        CHECK(strstr(text, "{\"event_date\":\"2021-07-01\",\"time_precision\":3,") == text);
        CHECK(strstr(text, "\\\"a spokesman said\\\",\\nthen left.") != NULL);
        CHECK(strstr(text, "{\"event_date\":null,") != NULL);
        int lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += text[i] == '\n';
        CHECK(lines == 2);
        free(text);
    }
    /* A write into a missing directory fails and leaves nothing. */
    CHECK(cm_events_save(&ev, CM_EVENTS_CSV, "/nonexistent-dir/x.csv", &err) == CM_ERR_IO);
    cm_events_free(&ev);
    cm_events_free(&back);
}

static void test_merge(void)
{
    cm_events ev = {0};
    cm_error err;
    const cm_event in[] = {
        make("qala-i-naw", "2021-07", CM_STATE_CONTESTED, CM_CLAIMED, "000.txt", ""),
        make("qala-i-naw", "2021-07", CM_STATE_CONTESTED, CM_CLAIMED, "000.txt", "Wednesday"),
        make("qala-i-naw", NULL, CM_STATE_CONTESTED, CM_CLAIMED, "004.txt", ""),
        make("qala-i-naw", "2021-07", CM_STATE_CONTESTED, CM_CONFIRMED, "001.txt", ""),
        make("qala-i-naw", "2021-08", CM_STATE_FALLEN, CM_CLAIMED, "002.txt", ""),
        make("kunduz", NULL, CM_STATE_ATTACKED, CM_CLAIMED, "x.txt", ""),
    };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++)
        CHECK(cm_events_add(&ev, &in[i], &err) == CM_OK);
    CHECK(cm_events_merge_duplicates(&ev, &err) == CM_OK);
    CHECK(ev.count == 3);
    if (ev.count == 3) {
        const cm_event *q = &ev.items[0];
        CHECK(q->status == CM_STATE_CONTESTED);
        CHECK(q->source_count == 3); /* 000 twice counts once; 004 undated joins */
        CHECK_STR(q->source, "000.txt | 001.txt | 004.txt"); /* dated first */
        CHECK_STR(q->note, "Wednesday");
        CHECK(q->confidence == CM_CONFIRMED); /* one confirming source suffices */
        CHECK(ev.items[1].status == CM_STATE_FALLEN && ev.items[1].source_count == 1);
        CHECK_STR(ev.items[2].place_id, "kunduz"); /* undated, alone */
    }
    cm_events_free(&ev);
}

static void test_overlay(void)
{
    cm_events base = {0}, user = {0};
    cm_error err;
    const cm_event b[] = {
        make("herat", "2021-08-12", CM_STATE_FALLEN, CM_CONFIRMED, "base", ""),
        make("herat", "2021-07-20", CM_STATE_ATTACKED, CM_CONFIRMED, "base", ""),
        make("kabul", "2021-08-15", CM_STATE_FALLEN, CM_CONFIRMED, "base", ""),
    };
    for (size_t i = 0; i < 3; i++)
        CHECK(cm_events_add(&base, &b[i], &err) == CM_OK);
    const cm_event u = make("herat", "2021-08-12", CM_STATE_CONTESTED, CM_CLAIMED, "mine", "");
    CHECK(cm_events_add(&user, &u, &err) == CM_OK);
    CHECK(cm_events_overlay(&base, &user, &err) == CM_OK);
    CHECK(base.count == 3);
    cm_timeline *tl = NULL;
    CHECK(cm_timeline_create(&base, &tl, &err) == CM_OK);
    cm_date d;
    cm_precision p;
    cm_date_parse("2021-08-13", &d, &p, &err);
    CHECK(cm_timeline_state(tl, "herat", d, NULL) == CM_STATE_CONTESTED); /* user wins */
    CHECK(cm_timeline_state(tl, "kabul", d + 2, NULL) == CM_STATE_FALLEN); /* base kept */
    cm_date_parse("2021-07-25", &d, &p, &err);
    CHECK(cm_timeline_state(tl, "herat", d, NULL) == CM_STATE_ATTACKED);
    cm_timeline_free(tl);
    cm_events_free(&base);
    cm_events_free(&user);
}

/* 20,000 articles telling one event: the merged sources stay a field the
 * reader takes back (issue: 6,000 copies once wrote 1.2 MB and could not be
 * read), and source_count keeps the true number. */
static void test_many_sources(const char *dir)
{
    cm_events ev = {0}, back = {0};
    cm_error err;
    char src[96];
    for (int i = 0; i < 20000; i++) {
        snprintf(src, sizeof src, "articles/copy-of-the-same-wire-story-number-%05d.txt", i);
        const cm_event e = make("kabul", "2021-08-15", CM_STATE_FALLEN, CM_CONFIRMED, src, "");
        CHECK(cm_events_add(&ev, &e, &err) == CM_OK);
    }
    CHECK(cm_events_merge_duplicates(&ev, &err) == CM_OK);
    CHECK(ev.count == 1 && ev.items[0].source_count == 20000);
    CHECK(ev.count == 1 && strlen(ev.items[0].source) <= 64 * 1024 + 48);
    CHECK(ev.count == 1 && strstr(ev.items[0].source, " more"));
    char path[1024];
    snprintf(path, sizeof path, "%s/many-sources.csv", dir);
    CHECK(cm_events_save(&ev, CM_EVENTS_CSV, path, &err) == CM_OK);
    CHECK_MSG(cm_events_read_csv(path, &back, &err) == CM_OK, "%s", err.message);
    CHECK(back.count == 1 && back.items[0].source_count == 20000);
    cm_events_free(&ev);
    cm_events_free(&back);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_events TMPDIR\n");
        return 2;
    }
    test_roundtrip(argv[1]);
    test_merge();
    test_overlay();
    test_many_sources(argv[1]);
    return check_summary("events");
}
