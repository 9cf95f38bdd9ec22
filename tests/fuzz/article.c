/* Fuzz target: the article reader and the event extractor over the bundled
 * gazetteer and lexicon.  The input is an article file's bytes.  Promises
 * checked (article.h, extract.h): the reader fails cleanly or gives UTF-8
 * text whose sentences are ordered, non-empty spans inside the body; every
 * event has a known status and precision, an offset inside the text, its
 * place's id, UTF-8 strings, and a date only when the article or its
 * sentence gave one; merging the events keeps their count or lowers it. */
#include "conflictmap/article.h"
#include "conflictmap/extract.h"

#include "csv.h" /* cm__utf8_valid */
#include "fuzz.h"

static cm_gazetteer *gz;
static cm_lexicon *lx;
static cm_extractor *x;

static void free_all(void)
{
    cm_extractor_free(x);
    cm_lexicon_free(lx);
    cm_gazetteer_free(gz);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    cm_error err;
    if (cm_gazetteer_load(CM_FUZZ_SOURCE_DIR "/data/gazetteer/afghanistan.csv", &gz, &err) != CM_OK ||
        cm_lexicon_load(CM_FUZZ_SOURCE_DIR "/data/lexicon/events.csv", &lx, &err) != CM_OK ||
        cm_extractor_create(gz, lx, &x, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    atexit(free_all);
    return 0;
}

static void check_article(const cm_article *a)
{
    FUZZ_ASSERT(a->text && a->text[a->len] == '\0' && cm__utf8_valid(a->text, a->len), "text");
    FUZZ_ASSERT(a->body <= a->len, "body %zu of %zu", a->body, a->len);
    size_t prev = a->body;
    for (size_t i = 0; i < a->nsentences; i++) {
        const cm_span s = a->sentences[i];
        FUZZ_ASSERT(s.start >= prev && s.start < s.end && s.end <= a->len,
                    "sentence %zu [%zu, %zu) after %zu", i, s.start, s.end, prev);
        prev = s.end;
    }
}

static void check_event(const cm_article *a, const cm_event *e)
{
    FUZZ_ASSERT(e->status > CM_STATE_GOVERNMENT && e->status < CM_STATE_COUNT, "status");
    FUZZ_ASSERT(e->precision >= 1 && e->precision <= 3, "precision %d", (int)e->precision);
    FUZZ_ASSERT(e->offset >= 0 && (size_t)e->offset < a->len, "offset %ld", e->offset);
    FUZZ_ASSERT(cm_gazetteer_find_id(gz, e->place_id) != NULL, "place %s", e->place_id);
    FUZZ_ASSERT(cm__utf8_valid(e->sentence, strlen(e->sentence)) &&
                cm__utf8_valid(e->note, strlen(e->note)), "strings");
    FUZZ_ASSERT(strcmp(e->source, a->name) == 0, "source");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cm_article a;
    cm_error err;
    cm_events ev = {0};
    if (cm_article_parse("fuzz.txt", (const char *)data, size, &a, &err) != CM_OK) {
        FUZZ_ASSERT(strchr(err.message, '\n') == NULL && strstr(err.message, "fuzz.txt"),
                    "message '%s'", err.message);
        cm_article_free(&a);
        return 0;
    }
    check_article(&a);
    if (cm_extract_article(x, &a, &ev, &err) == CM_OK) {
        for (size_t i = 0; i < ev.count; i++)
            check_event(&a, &ev.items[i]);
        const size_t n = ev.count;
        if (cm_events_merge_duplicates(&ev, &err) == CM_OK)
            FUZZ_ASSERT(ev.count <= n, "merge grew %zu to %zu", n, ev.count);
    } else {
        FUZZ_ASSERT(ev.count == 0, "failed extraction appended %zu", ev.count);
    }
    cm_events_free(&ev);
    cm_article_free(&a);
    return 0;
}
