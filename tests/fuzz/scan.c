/* Fuzz target: the gazetteer scanner over the bundled gazetteer.  The
 * input is article text.  Promises checked (scan.h): invalid UTF-8 fails
 * with CM_ERR_PARSE and adds nothing; otherwise every mention lies inside
 * the text, start < end, in text order without overlap, and its span
 * normalises (cm_normalize_key) to a key of the place whose spelling
 * matched; a plain mention means that place, a province mention a
 * province, and a capital mention the capital of the province named.
 * The same text also goes through cm_normalize_key and a name lookup. */
#include "conflictmap/gazetteer.h"
#include "conflictmap/normalize.h"
#include "conflictmap/scan.h"

#include "csv.h" /* cm__utf8_valid */
#include "fuzz.h"

static cm_gazetteer *gz;
static cm_scanner *sc;

static void free_all(void)
{
    cm_scanner_free(sc);
    cm_gazetteer_free(gz);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    cm_error err;
    if (cm_gazetteer_load(CM_FUZZ_SOURCE_DIR "/data/gazetteer/afghanistan.csv", &gz, &err) !=
            CM_OK ||
        cm_scanner_create(gz, &sc, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    atexit(free_all);
    return 0;
}

static int in_gazetteer(const cm_place *p)
{
    const size_t n = cm_gazetteer_count(gz);
    return n > 0 && p >= cm_gazetteer_place(gz, 0) && p <= cm_gazetteer_place(gz, n - 1);
}

static void check_mention(const char *text, size_t len, const cm_mention *m, size_t prev_end)
{
    FUZZ_ASSERT(m->start < m->end && m->end <= len, "span [%zu, %zu) of %zu bytes", m->start,
                m->end, len);
    FUZZ_ASSERT(m->start >= prev_end, "span at %zu overlaps the one ending at %zu", m->start,
                prev_end);
    FUZZ_ASSERT(in_gazetteer(m->place) && in_gazetteer(m->named), "place outside the gazetteer");
    char key[CM_KEY_MAX];
    FUZZ_ASSERT(cm_normalize_key(text + m->start, m->end - m->start, key, NULL) == CM_OK,
                "span at %zu is not UTF-8", m->start);
    FUZZ_ASSERT(cm_place_has_key(m->named, key), "'%.*s' (key '%s') is not a spelling of %s",
                (int)(m->end - m->start), text + m->start, key, m->named->id);
    switch (m->context) {
    case CM_CONTEXT_PLAIN:
        FUZZ_ASSERT(m->place == m->named, "plain mention of %s means %s", m->named->id,
                    m->place->id);
        break;
    case CM_CONTEXT_PROVINCE:
        FUZZ_ASSERT(m->place == m->named && m->place->kind == CM_KIND_PROVINCE,
                    "province mention means %s", m->place->id);
        break;
    case CM_CONTEXT_CAPITAL:
        FUZZ_ASSERT(m->named->kind == CM_KIND_PROVINCE && cm_place_is_capital(m->place) &&
                        strcmp(m->place->admin1, m->named->id) == 0,
                    "capital mention: %s is not the capital of %s", m->place->id,
                    m->named->id);
        break;
    default:
        FUZZ_ASSERT(0, "context %d", (int)m->context);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const int valid = cm__utf8_valid(text, size);
    cm_mentions m = {0};
    cm_error err;
    const cm_status st = cm_scanner_scan(sc, text, size, &m, &err);
    FUZZ_ASSERT(valid ? st == CM_OK : st == CM_ERR_PARSE && m.count == 0, "status %d", st);
    size_t prev_end = 0;
    for (size_t i = 0; i < m.count; i++) {
        check_mention(text, size, &m.items[i], prev_end);
        prev_end = m.items[i].end;
    }
    cm_mentions_free(&m);

    char key[CM_KEY_MAX];
    const cm_status ks = cm_normalize_key(text, size, key, NULL);
    FUZZ_ASSERT(valid ? ks == CM_OK : ks == CM_ERR_PARSE, "key status %d", ks);
    FUZZ_ASSERT(strlen(key) < CM_KEY_MAX && cm__utf8_valid(key, strlen(key)), "bad key");
    if (valid && size < 256 && !memchr(text, '\0', size)) {
        char name[256];
        memcpy(name, text, size);
        name[size] = '\0';
        cm_candidate c[4];
        size_t n = 0;
        FUZZ_ASSERT(cm_gazetteer_lookup(gz, name, c, 4, &n, &err) == CM_OK, "lookup failed");
        FUZZ_ASSERT(n <= 4, "%zu candidates", n);
    }
    return 0;
}
