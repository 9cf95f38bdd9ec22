#include "conflictmap/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h" /* cm__utf8_valid */
#include "util.h"
#include "words.h"

#define MAX_SPAN 8  /* words in the longest spelling we match */
#define CONTEXT 6   /* words of left context kept */
#define RING 32     /* power of two, > MAX_SPAN + CONTEXT */
#define MAX_PLACES 4 /* places per key */

typedef struct entry {
    char *key; /* NULL: empty slot */
    uint64_t hash;
    size_t places[MAX_PLACES];
    int n;
} entry;

typedef struct table {
    entry *slots;
    size_t mask; /* size - 1, size a power of two */
} table;

struct cm_scanner {
    const cm_gazetteer *gz;
    table names;  /* full key -> places */
    table starts; /* key of a first word -> (no places) */
    int max_words;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static entry *find(const table *t, const char *key)
{
    const uint64_t h = hash(key);
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask)
        if (!t->slots[i].key || (t->slots[i].hash == h && strcmp(t->slots[i].key, key) == 0))
            return &t->slots[i];
}

static int table_init(table *t, size_t want)
{
    size_t size = 64;
    while (size < 2 * want && size < SIZE_MAX / 4)
        size *= 2;
    t->slots = calloc(size, sizeof *t->slots);
    t->mask = size - 1;
    return t->slots != NULL;
}

static void table_free(table *t)
{
    if (!t->slots)
        return;
    for (size_t i = 0; i <= t->mask; i++)
        free(t->slots[i].key);
    free(t->slots);
}

/* Insert key (adding place when place != SIZE_MAX); 0 on no memory. */
static int insert(table *t, const char *key, size_t place)
{
    entry *e = find(t, key);
    if (!e->key) {
        if (!(e->key = strdup(key)))
            return 0;
        e->hash = hash(key);
    }
    if (place != SIZE_MAX && e->n < MAX_PLACES) {
        for (int i = 0; i < e->n; i++)
            if (e->places[i] == place)
                return 1;
        e->places[e->n++] = place;
    }
    return 1;
}

/* A word of text or of a spelling, with its keys. */
typedef struct word {
    size_t start, end;
    char folded[CM_KEY_MAX], full[CM_KEY_MAX], cut[CM_KEY_MAX];
    size_t folded_len;
    int connector;
    int has_cut; /* cut is computed only when a match needs it */
} word;

static void make_word(word *w, const char *text, size_t start, size_t end)
{
    w->start = start;
    w->end = end;
    const size_t n = cm__fold_word(text + start, end - start, w->folded);
    w->folded_len = n;
    memcpy(w->full, w->folded, n + 1);
    cm__transliterate(w->full);
    w->connector = cm__is_connector(w->folded);
    w->has_cut = 0;
}

/* The word's key before another word (rule 3's cut vowel). */
static const char *cut_key(word *w)
{
    const size_t l = w->folded_len;
    if (l <= 3 || (w->folded[l - 1] != 'i' && w->folded[l - 1] != 'e'))
        return w->full; /* nothing to cut */
    if (!w->has_cut) {
        char full[CM_KEY_MAX];
        cm__word_keys(w->folded, full, w->cut);
        w->has_cut = 1;
    }
    return w->cut;
}

/* The key of words w[0..n), by the rules of cm_normalize_key. */
static void span_key(word **w, int n, char key[CM_KEY_MAX])
{
    size_t kl = 0;
    key[0] = '\0';
    for (int k = 0; k < n; k++) {
        if (k > 0 && k + 1 < n && w[k]->connector)
            continue;
        const char *part = k + 1 < n && !w[k + 1]->connector ? cut_key(w[k]) : w[k]->full;
        const size_t pl = strlen(part);
        if (kl + pl < CM_KEY_MAX) {
            memcpy(key + kl, part, pl + 1);
            kl += pl;
        }
    }
}

/* Index one spelling of place p. */
static int index_spelling(cm_scanner *sc, const char *s, size_t len, size_t p)
{
    word words[MAX_SPAN];
    word *ptr[MAX_SPAN];
    int n = 0;
    size_t pos = 0, a, b;
    while (cm__next_word(s, len, &pos, &a, &b)) {
        if (n == MAX_SPAN)
            return 1; /* too long to be written in a sentence: skip */
        make_word(&words[n], s, a, b);
        if (words[n].folded_len == 0)
            continue; /* folds to nothing (a lone mark): not a word of the key */
        ptr[n] = &words[n];
        n++;
    }
    if (n == 0)
        return 1;
    char key[CM_KEY_MAX];
    span_key(ptr, n, key);
    if (!key[0])
        return 1;
    if (n > sc->max_words)
        sc->max_words = n;
    return insert(&sc->names, key, p) && insert(&sc->starts, words[0].full, SIZE_MAX) &&
           insert(&sc->starts, cut_key(&words[0]), SIZE_MAX);
}

static int index_place(cm_scanner *sc, size_t i)
{
    const cm_place *p = cm_gazetteer_place(sc->gz, i);
    if (!index_spelling(sc, p->name, strlen(p->name), i) ||
        !index_spelling(sc, p->name_fr, strlen(p->name_fr), i))
        return 0;
    for (const char *a = p->aliases; *a;) {
        const char *bar = strchr(a, '|');
        const size_t len = bar ? (size_t)(bar - a) : strlen(a);
        if (!index_spelling(sc, a, len, i))
            return 0;
        a += len + (bar != NULL);
    }
    return 1;
}

cm_status cm_scanner_create(const cm_gazetteer *gz, cm_scanner **out, cm_error *err)
{
    *out = NULL;
    cm_scanner *sc = calloc(1, sizeof *sc);
    const size_t n = cm_gazetteer_count(gz);
    size_t spellings = 0; /* name, French name and aliases */
    for (size_t i = 0; i < n; i++) {
        const char *a = cm_gazetteer_place(gz, i)->aliases;
        spellings += 2 + (*a != '\0');
        for (; *a; a++)
            spellings += *a == '|';
    }
    if (!sc || !table_init(&sc->names, spellings) || !table_init(&sc->starts, 2 * spellings)) {
        cm_scanner_free(sc);
        return cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
    }
    sc->gz = gz;
    for (size_t i = 0; i < n; i++) {
        if (!index_place(sc, i)) {
            cm_scanner_free(sc);
            return cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
        }
    }
    *out = sc;
    return CM_OK;
}

void cm_scanner_free(cm_scanner *sc)
{
    if (!sc)
        return;
    table_free(&sc->names);
    table_free(&sc->starts);
    free(sc);
}

void cm_mentions_free(cm_mentions *m)
{
    free(m->items);
    m->items = NULL;
    m->count = m->cap = 0;
}

/* The text's words, read ahead into a ring. */
typedef struct reader {
    const char *text;
    size_t len, pos;
    word ring[RING];
    size_t read; /* words read so far */
} reader;

static word *at(reader *r, size_t i) { return &r->ring[i % RING]; }

/* Make word i available; 0 past the end of the text.  Words that fold to
 * nothing are skipped, as cm_normalize_key skips them. */
static int have(reader *r, size_t i)
{
    while (r->read <= i) {
        size_t a, b;
        if (!cm__next_word(r->text, r->len, &r->pos, &a, &b))
            return 0;
        make_word(at(r, r->read), r->text, a, b);
        if (at(r, r->read)->folded_len > 0)
            r->read++;
    }
    return 1;
}

static int word_is(const word *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w->folded, *list) == 0)
            return 1;
    return 0;
}

/* What the words before word i (and after the span ending at j) say. */
static cm_mention_context context_of(reader *r, size_t i, size_t j)
{
    static const char *const of[] = {"de", "d", "of", "du", NULL};
    static const char *const capital[] = {"capitale", "capital", NULL};
    static const char *const chef[] = {"chef", NULL}, *const lieu[] = {"lieu", NULL};
    static const char *const province[] = {"province", "provinces", NULL};
    static const char *const article[] = {"la", "le", "l", "the", NULL};
    size_t k0 = i; /* the word before the name, articles skipped */
    while (k0 > 0 && i - k0 < 2 && word_is(at(r, k0 - 1), article))
        k0--;
    if (k0 > 0 && word_is(at(r, k0 - 1), of)) {
        for (size_t k = 2; k <= CONTEXT && k <= k0; k++)
            if (word_is(at(r, k0 - k), capital) ||
                (word_is(at(r, k0 - k), chef) && word_is(at(r, k0 - k + 1), lieu)))
                return CM_CONTEXT_CAPITAL;
        if (k0 > 1 && word_is(at(r, k0 - 2), province))
            return CM_CONTEXT_PROVINCE;
    }
    if (have(r, j + 1) && word_is(at(r, j + 1), province))
        return CM_CONTEXT_PROVINCE;
    return CM_CONTEXT_PLAIN;
}

static int rank(const cm_place *p)
{
    return cm_place_is_capital(p) ? 0 : p->kind == CM_KIND_PROVINCE ? 2 : 1;
}

/* The capital of province p, or NULL. */
static const cm_place *capital_of(const cm_gazetteer *gz, const cm_place *p)
{
    for (size_t i = 0; i < cm_gazetteer_count(gz); i++) {
        const cm_place *c = cm_gazetteer_place(gz, i);
        if (cm_place_is_capital(c) && strcmp(c->admin1, p->id) == 0)
            return c;
    }
    return NULL;
}

/* Choose among the places of a key in context. */
static void resolve(const cm_scanner *sc, const entry *e, cm_mention_context ctx,
                    cm_mention *m)
{
    const cm_place *best = NULL, *prov = NULL;
    for (int k = 0; k < e->n; k++) {
        const cm_place *p = cm_gazetteer_place(sc->gz, e->places[k]);
        if (p->kind == CM_KIND_PROVINCE && !prov)
            prov = p;
        if (!best || rank(p) < rank(best))
            best = p;
    }
    m->named = best;
    m->place = best;
    m->context = CM_CONTEXT_PLAIN;
    if (ctx == CM_CONTEXT_PROVINCE && prov) {
        m->named = m->place = prov;
        m->context = ctx;
    } else if (ctx == CM_CONTEXT_CAPITAL && prov) {
        const cm_place *cap = capital_of(sc->gz, prov);
        m->named = prov;
        m->place = cap ? cap : prov;
        m->context = cap ? ctx : CM_CONTEXT_PROVINCE;
    }
}

/* The longest spelling starting at word i; its last word index, or -1. */
static long longest(const cm_scanner *sc, reader *r, size_t i, const entry **hit)
{
    word *w = at(r, i);
    if (w->connector)
        return -1;
    const char *cut = cut_key(w);
    if (!find(&sc->starts, w->full)->key && (cut == w->full || !find(&sc->starts, cut)->key))
        return -1;
    word *ptr[MAX_SPAN];
    int avail = 0;
    while (avail < sc->max_words && have(r, i + (size_t)avail)) {
        ptr[avail] = at(r, i + (size_t)avail);
        avail++;
    }
    for (int n = avail; n >= 1; n--) {
        if (ptr[n - 1]->connector)
            continue;
        char key[CM_KEY_MAX];
        span_key(ptr, n, key);
        const entry *e = find(&sc->names, key);
        if (e->key && e->n > 0) {
            *hit = e;
            return (long)(i + (size_t)n - 1);
        }
    }
    return -1;
}

cm_status cm_scanner_scan(const cm_scanner *sc, const char *text, size_t len,
                          cm_mentions *out, cm_error *err)
{
    if (!cm__utf8_valid(text, len))
        return cm_error_set(err, CM_ERR_PARSE, "text is not valid UTF-8");
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
    r->text = text;
    r->len = len;
    cm_status st = CM_OK;
    for (size_t i = 0; st == CM_OK && have(r, i); i++) {
        const entry *e = NULL;
        const long j = longest(sc, r, i, &e);
        if (j < 0)
            continue;
        cm_mention m = {at(r, i)->start, at(r, (size_t)j)->end, NULL, NULL, CM_CONTEXT_PLAIN};
        resolve(sc, e, context_of(r, i, (size_t)j), &m);
        if (!cm__reserve((void **)&out->items, &out->cap, out->count + 1, sizeof m))
            st = cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
        else
            out->items[out->count++] = m;
        i = (size_t)j;
    }
    free(r);
    return st;
}
