/* Scanning text for places: data-driven cases written for this project,
 * offsets that always normalise to the place's spelling, and, when the
 * seed articles are beside the project, every Afghan place in them.
 * Usage: test_scan GAZETTEER.csv CASES.tsv [SEEDS_DIR] */
#include "conflictmap/normalize.h"
#include "conflictmap/scan.h"

#include <stdlib.h>

#include "../check.h"

static cm_gazetteer *gz;
static cm_scanner *sc;

/* 1 if the span's key is the key of one of place's spellings. */
static int span_is_spelling(const char *span, size_t len, const cm_place *p)
{
    char k[CM_KEY_MAX];
    return cm_normalize_key(span, len, k, NULL) == CM_OK && cm_place_has_key(p, k);
}

static void check_offsets(const char *text, size_t len, const cm_mentions *m)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < m->count; i++) {
        const cm_mention *x = &m->items[i];
        CHECK(x->start < x->end && x->end <= len && x->start >= prev_end);
        CHECK_MSG(span_is_spelling(text + x->start, x->end - x->start, x->named),
                  "'%.*s' is not a spelling of %s", (int)(x->end - x->start), text + x->start,
                  x->named->id);
        prev_end = x->end;
    }
}

static void run_case(char *text, char *expected)
{
    cm_mentions m = {0};
    cm_error err;
    const size_t len = strlen(text);
    CHECK(cm_scanner_scan(sc, text, len, &m, &err) == CM_OK);
    check_offsets(text, len, &m);
    char got[2048] = "";
    for (size_t i = 0; i < m.count; i++) {
        char one[512];
        snprintf(one, sizeof one, "%s%.*s=%s", i ? " | " : "",
                 (int)(m.items[i].end - m.items[i].start), text + m.items[i].start,
                 m.items[i].place->id);
        strncat(got, one, sizeof got - strlen(got) - 1);
    }
    CHECK_MSG(strcmp(got, expected ? expected : "") == 0, "\n  text: %s\n  got:  %s\n  want: %s",
              text, got, expected ? expected : "");
    cm_mentions_free(&m);
}

/* A line of the cases file: text, tab, expected mentions. */
static void run_line(char *line)
{
    char *tab = strchr(line, '\t');
    if (tab)
        *tab = '\0';
    run_case(line, tab ? tab + 1 : NULL);
}

/* Text that is not well-formed UTF-8 fails whole, wherever the fault is:
 * none of its mentions is added to those already found. */
static void test_invalid(void)
{
    static const char *const bad[] = {
        "Herat \xff",                    /* a byte never in UTF-8 */
        "Kabul, Herat, then \x80 Kunduz", /* a lone continuation byte, after mentions */
        "Kab\xc3ul",                     /* a lead byte without what follows, in a word */
        "Kunduz \xc0\xaf",               /* an overlong '/' */
        "Kunduz \xe0\x80\xaf",           /* the same in three bytes */
        "Herat \xed\xa0\x80 Kabul",      /* a surrogate */
        "Herat \xf4\x90\x80\x80",        /* past U+10FFFF */
        "Kabul \xe2\x82",                /* cut short by the end of the text */
        "\xf0\x9f\x98 Herat",            /* cut short, at the start */
    };
    cm_mentions m = {0};
    cm_error err;
    CHECK(cm_scanner_scan(sc, "Kandahar", 8, &m, &err) == CM_OK && m.count == 1);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(cm_scanner_scan(sc, bad[i], strlen(bad[i]), &m, &err) == CM_ERR_PARSE &&
                      m.count == 1,
                  "bad text %zu: %zu mentions", i, m.count);
    const char *good = "Herat \xf0\x9f\x98\x80 Kabul \xf4\x8f\xbf\xbf"; /* U+1F600, U+10FFFF */
    CHECK(cm_scanner_scan(sc, good, strlen(good), &m, &err) == CM_OK && m.count == 3);
    cm_mentions_free(&m);
}

typedef struct seed_case {
    const char *file;
    const char *must[8]; /* place ids that must be found */
} seed_case;

static const seed_case seeds[] = {
    {"000_da26ad47aca8edbb.txt", {"qala-i-naw", "AF.02", "kunduz", "kabul", "bagram", "tehran", "qatar"}},
    {"001_1f948875bdc13a95.txt", {"qala-i-naw", "AF.02", "herat", "kunduz", "kabul", "bagram", "washington"}},
    {"002_281c07f2b1ce4671.txt", {"kandahar", "herat", "ghazni", "qala-i-naw", "lashkar-gah", "kunduz", "doha"}},
    {"003_08fae6d1b49e0c73.txt", {"qala-i-naw", "AF.02", "kabul", "washington"}},
    {"004_b1fb347af81d37c8.txt", {"qala-i-naw", "AF.02", "kabul", "tehran"}},
};

static int test_seeds(const char *dir)
{
    int found_any = 0;
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, seeds[s].file);
        size_t len;
        char *text = check_slurp(path, &len);
        if (!text)
            continue;
        found_any = 1;
        cm_mentions m = {0};
        cm_error err;
        CHECK(cm_scanner_scan(sc, text, len, &m, &err) == CM_OK);
        check_offsets(text, len, &m);
        for (int k = 0; k < 8 && seeds[s].must[k]; k++) {
            int hit = 0;
            for (size_t i = 0; i < m.count; i++)
                hit |= strcmp(m.items[i].place->id, seeds[s].must[k]) == 0;
            CHECK_MSG(hit, "%s: %s not found", seeds[s].file, seeds[s].must[k]);
        }
        for (size_t i = 0; i < m.count; i++) {
            const cm_place *p = m.items[i].place;
            const int foreign = strcmp(p->id, "tehran") == 0 || strcmp(p->id, "qatar") == 0 ||
                                strcmp(p->id, "doha") == 0 || strcmp(p->id, "washington") == 0;
            if (foreign)
                CHECK(p->kind == CM_KIND_FOREIGN && p->admin1[0] == '\0');
        }
        /* 003 opens by naming Qala-i-Naw only as Badghis's capital. */
        if (s == 3)
            CHECK(m.count > 0 && strcmp(m.items[0].place->id, "qala-i-naw") == 0 &&
                  strcmp(m.items[0].named->id, "AF.02") == 0 &&
                  m.items[0].context == CM_CONTEXT_CAPITAL);
        cm_mentions_free(&m);
        free(text);
    }
    return found_any;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_scan GAZETTEER CASES [SEEDS_DIR]\n");
        return 2;
    }
    cm_error err;
    if (cm_gazetteer_load(argv[1], &gz, &err) != CM_OK ||
        cm_scanner_create(gz, &sc, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    CHECK(check_each_line(argv[2], run_line) >= 15);
    test_invalid();
    if (argc > 3 && !test_seeds(argv[3]))
        printf("test_scan: seed articles not found in %s, seed checks skipped\n", argv[3]);
    cm_scanner_free(sc);
    cm_gazetteer_free(gz);
    return check_summary("test_scan");
}
