#include "conflictmap/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

#define MAX_SPAN 8  /* words in the longest spelling we match */
#define CONTEXT 6   /* words of left context looked at, after two articles */
#define AHEAD 8     /* words read at once */
#define RING 32     /* power of two, words kept */
_Static_assert(RING >= CONTEXT + 2 + MAX_SPAN + AHEAD + 1,
               "the ring holds the context, the longest span and the words read ahead");
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

/* A set of key hashes that may answer "maybe" for a key not added (a
 * Bloom filter, two bits a key): a quick "no" for most words of a text. */
typedef struct filter {
    uint64_t *bits;
    unsigned log2; /* of the number of bits */
} filter;

struct cm_scanner {
    const cm_gazetteer *gz;
    table names;   /* full key -> places */
    filter starts; /* keys of first words */
    int max_words;
};

/* The slot of key (of hash h), or the empty slot where it would go. */
static entry *find(const table *t, const char *key, uint64_t h)
{
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask)
        if (!t->slots[i].key || (t->slots[i].hash == h && strcmp(t->slots[i].key, key) == 0))
            return &t->slots[i];
}

/* 1 if a key of hash h may be in t: some slot has that hash. */
static int may_find(const table *t, uint64_t h)
{
    for (size_t i = h & t->mask; t->slots[i].key; i = (i + 1) & t->mask)
        if (t->slots[i].hash == h)
            return 1;
    return 0;
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

/* Room for want keys at 16 bits a key (at least 4096, at most 2^32 bits). */
static int filter_init(filter *f, size_t want)
{
    f->log2 = 12;
    while (f->log2 < 32 && ((size_t)1 << f->log2) / 16 < want)
        f->log2++;
    f->bits = calloc((size_t)1 << (f->log2 - 6), sizeof *f->bits);
    return f->bits != NULL;
}

/* The two bits of hash h: two runs of log2 bits of a mix of h. */
static void filter_bits(const filter *f, uint64_t h, size_t bit[2])
{
    const uint64_t m = h * 0x9E3779B97F4A7C15ULL;
    bit[0] = (size_t)(m >> (64 - f->log2));
    bit[1] = (size_t)((m << f->log2) >> (64 - f->log2));
}

static void filter_add(filter *f, uint64_t h)
{
    size_t bit[2];
    filter_bits(f, h, bit);
    for (int k = 0; k < 2; k++)
        f->bits[bit[k] / 64] |= (uint64_t)1 << (bit[k] % 64);
}

static int filter_may_have(const filter *f, uint64_t h)
{
    size_t bit[2];
    filter_bits(f, h, bit);
    return (f->bits[bit[0] / 64] >> (bit[0] % 64) & 1) && (f->bits[bit[1] / 64] >> (bit[1] % 64) & 1);
}

/* Insert key with place; 0 on no memory. */
static int insert(table *t, const char *key, size_t place)
{
    const uint64_t h = cm__hash(CM__HASH_SEED, key, strlen(key));
    entry *e = find(t, key, h);
    if (!e->key) {
        if (!(e->key = strdup(key)))
            return 0;
        e->hash = h;
    }
    if (e->n < MAX_PLACES) {
        for (int i = 0; i < e->n; i++)
            if (e->places[i] == place)
                return 1;
        e->places[e->n++] = place;
    }
    return 1;
}

/* A word of text or of a spelling: its bytes, whether it may begin a
 * spelling (for words of text) and, when keyed, the rest.  A word of text
 * seen lately is read without the rest until a span or a context needs
 * it. */
typedef struct word {
    size_t start, end;
    int may_start, keyed;
    int connector;
    char folded[CM_KEY_MAX];
    size_t folded_len;
    cm__word_key key;
} word;

static void make_word(word *w, const char *text, size_t start, size_t end)
{
    w->start = start;
    w->end = end;
    w->folded_len = cm__fold_word(text + start, end - start, w->folded);
    w->connector = cm__is_connector(w->folded, w->folded_len);
    cm__word_keys(w->folded, w->folded_len, &w->key);
    w->keyed = 1;
}

/* The key of word k of w[0..n) as part of their key (rule 3): none for a
 * connector inside, cut before a word, else full.  Returns its length. */
static size_t part_of(word **w, int k, int n, const char **part)
{
    if (k > 0 && k + 1 < n && w[k]->connector) {
        *part = "";
        return 0;
    }
    if (k + 1 < n && !w[k + 1]->connector) {
        *part = cm__cut_key(&w[k]->key);
        return w[k]->key.cut_len;
    }
    *part = w[k]->key.full;
    return w[k]->key.full_len;
}

/* The key of words w[0..n), by the rules of cm_normalize_key. */
static void span_key(word **w, int n, char key[CM_KEY_MAX])
{
    size_t kl = 0;
    for (int k = 0; k < n; k++) {
        const char *part;
        const size_t pl = part_of(w, k, n, &part);
        if (kl + pl < CM_KEY_MAX) {
            memcpy(key + kl, part, pl);
            kl += pl;
        }
    }
    key[kl] = '\0';
}

/* Index one spelling of place p. */
static int index_spelling(cm_scanner *sc, const char *s, size_t len, size_t p)
{
    word words[MAX_SPAN];
    word *ptr[MAX_SPAN];
    int n = 0;
    size_t pos = 0, a, b;
    while (cm__next_word(s, len, &pos, &a, &b, NULL)) {
        if (n == MAX_SPAN)
            return 1; /* too long to be written in a sentence: skip */
        make_word(&words[n], s, a, b);
        if (words[n].folded_len == 0)
            continue; /* folds to nothing (a lone mark): no word of the key */
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
    filter_add(&sc->starts, words[0].key.full_hash);
    filter_add(&sc->starts, words[0].key.cut_hash);
    return insert(&sc->names, key, p);
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
    if (!sc || !table_init(&sc->names, spellings) || !filter_init(&sc->starts, 2 * spellings)) {
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
    free(sc->starts.bits);
    free(sc);
}

void cm_mentions_free(cm_mentions *m)
{
    free(m->items);
    m->items = NULL;
    m->count = m->cap = 0;
}

/* A word of text seen lately, by its bytes (up to 16, zero-padded: no
 * word holds a NUL), and whether it may begin a spelling. */
typedef struct seen {
    uint64_t bytes[2]; /* zero: an empty slot */
    int may_start;
} seen;

#define SEEN_LOG2 10     /* 1024 words, for an article of a few pages */
#define SEEN_MAX_LOG2 12 /* 4096 words, for texts of 256 kB and more */

/* The text's words, read ahead into a ring. */
typedef struct reader {
    const char *text;
    size_t len, pos;
    word ring[RING];
    size_t read; /* words read so far */
    int invalid; /* met a byte that is not well-formed UTF-8 */
    seen *seen;  /* direct-mapped by the bytes of a word */
    unsigned seen_log2;
} reader;

static word *at(reader *r, size_t i) { return &r->ring[i % RING]; }

/* Word i with its folded form and keys. */
static word *keyed(reader *r, size_t i)
{
    word *w = at(r, i);
    if (!w->keyed)
        make_word(w, r->text, w->start, w->end);
    return w;
}

/* The bytes of w, zero-padded, in b; 0 if it has more than 16. */
static int word_bytes(const reader *r, const word *w, uint64_t b[2])
{
    /* 0xFF for the first n of 16 bytes from ones + 16 - n, then 0x00 */
    static const unsigned char ones[32] = {255, 255, 255, 255, 255, 255, 255, 255,
                                           255, 255, 255, 255, 255, 255, 255, 255};
    const size_t n = w->end - w->start;
    uint64_t mask[2];
    b[0] = b[1] = 0;
    if (n > 16)
        return 0;
    if (r->len - w->start < 16) {
        memcpy(b, r->text + w->start, n);
        return 1;
    }
    memcpy(b, r->text + w->start, 16); /* two loads, masked: faster than memcpy of n */
    memcpy(mask, ones + 16 - n, sizeof mask);
    b[0] &= mask[0];
    b[1] &= mask[1];
    return 1;
}

/* Set w's may_start (not a connector, and the scanner's filter of first
 * words lets it in): as for a word seen lately with the same bytes, else
 * from its keys, remembered for next time. */
static void recall(const cm_scanner *sc, reader *r, word *w)
{
    uint64_t b[2];
    seen *s = NULL;
    if (word_bytes(r, w, b)) {
        s = &r->seen[((b[0] ^ b[1] * 0xC2B2AE3D27D4EB4FULL) * 0x9E3779B97F4A7C15ULL) >>
                     (64 - r->seen_log2)];
        if (s->bytes[0] == b[0] && s->bytes[1] == b[1]) {
            w->may_start = s->may_start;
            w->keyed = 0;
            return;
        }
    }
    make_word(w, r->text, w->start, w->end);
    w->may_start = !w->connector && (filter_may_have(&sc->starts, w->key.full_hash) ||
                                     filter_may_have(&sc->starts, w->key.cut_hash));
    if (s)
        *s = (seen){{b[0], b[1]}, w->may_start};
}

/* Whether a word folds to nothing (marks or joiners alone, such as a lone
 * ZWNJ): cm_normalize_key skips such words, so the scanner does too.  Only
 * short words that are not ASCII can. */
static int folds_to_nothing(const char *s, size_t n)
{
    char tmp[CM_KEY_MAX];
    return (unsigned char)s[0] >= 0x80 && n <= 12 && cm__fold_word(s, n, tmp) == 0;
}

/* Read the text's next word into w, skipping words that fold to nothing;
 * 0 at the end of the text, or at a byte that is not well-formed UTF-8
 * (r->invalid then). */
static int read_word(const cm_scanner *sc, reader *r, word *w)
{
    do {
        if (!cm__next_word(r->text, r->len, &r->pos, &w->start, &w->end, &r->invalid) ||
            r->invalid)
            return 0;
    } while (folds_to_nothing(r->text + w->start, w->end - w->start));
    recall(sc, r, w);
    return 1;
}

/* Read words up to word i and AHEAD more; 0 if the text ends before i. */
static int read_ahead(const cm_scanner *sc, reader *r, size_t i)
{
    while (r->read <= i + AHEAD && read_word(sc, r, at(r, r->read)))
        r->read++;
    return r->read > i;
}

/* Make word i available; 0 past the end of the text. */
static inline int have(const cm_scanner *sc, reader *r, size_t i)
{
    return r->read > i || read_ahead(sc, r, i);
}

static int word_is(const word *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w->folded, *list) == 0)
            return 1;
    return 0;
}

/* What the words before word i (and after the span ending at j) say. */
static cm_mention_context context_of(const cm_scanner *sc, reader *r, size_t i, size_t j)
{
    static const char *const of[] = {"de", "d", "of", "du", NULL};
    static const char *const capital[] = {"capitale", "capital", NULL};
    static const char *const chef[] = {"chef", NULL}, *const lieu[] = {"lieu", NULL};
    static const char *const province[] = {"province", "provinces", NULL};
    static const char *const article[] = {"la", "le", "l", "the", NULL};
    size_t k0 = i; /* the word before the name, articles skipped */
    while (k0 > 0 && i - k0 < 2 && word_is(keyed(r, k0 - 1), article))
        k0--;
    if (k0 > 0 && word_is(keyed(r, k0 - 1), of)) {
        for (size_t k = 2; k <= CONTEXT && k <= k0; k++)
            if (word_is(keyed(r, k0 - k), capital) ||
                (word_is(keyed(r, k0 - k), chef) && word_is(keyed(r, k0 - k + 1), lieu)))
                return CM_CONTEXT_CAPITAL;
        if (k0 > 1 && word_is(keyed(r, k0 - 2), province))
            return CM_CONTEXT_PROVINCE;
    }
    if (have(sc, r, j + 1) && word_is(keyed(r, j + 1), province))
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

/* The entry of the key of words w[0..n), whose hash is h, or NULL. */
static const entry *find_span(const table *t, word **w, int n, uint64_t h)
{
    if (!may_find(t, h))
        return NULL; /* the common case: no key to build */
    char key[CM_KEY_MAX];
    span_key(w, n, key);
    const entry *e = find(t, key, h);
    return e->key ? e : NULL;
}

/* The longest spelling starting at word i (which may start one); its last
 * word index, or -1. */
static long longest(const cm_scanner *sc, reader *r, size_t i, const entry **hit)
{
    word *ptr[MAX_SPAN];
    int avail = 0;
    while (avail < sc->max_words && have(sc, r, i + (size_t)avail)) {
        ptr[avail] = keyed(r, i + (size_t)avail);
        avail++;
    }
    /* The key of words [0, n) is the parts of the words before n - 1,
     * which do not depend on n, then the full key of word n - 1: hash
     * those parts once, in head[]. */
    uint64_t head[MAX_SPAN];
    size_t head_len[MAX_SPAN];
    uint64_t h = CM__HASH_SEED;
    size_t len = 0;
    for (int k = 0; k < avail; k++) {
        head[k] = h;
        head_len[k] = len;
        if (k + 1 < avail) {
            const char *part;
            const size_t pl = part_of(ptr, k, avail, &part);
            h = cm__hash(h, part, pl);
            len += pl;
        }
    }
    for (int n = avail; n >= 1; n--) {
        const word *last = ptr[n - 1];
        if (last->connector)
            continue;
        uint64_t key_hash;
        if (head_len[n - 1] + last->key.full_len < CM_KEY_MAX) {
            key_hash = cm__hash(head[n - 1], last->key.full, last->key.full_len);
        } else { /* some part is left out of the key: hash it as built */
            char key[CM_KEY_MAX];
            span_key(ptr, n, key);
            key_hash = cm__hash(CM__HASH_SEED, key, strlen(key));
        }
        const entry *e = find_span(&sc->names, ptr, n, key_hash);
        if (e) {
            *hit = e;
            return (long)(i + (size_t)n - 1);
        }
    }
    return -1;
}

cm_status cm_scanner_scan(const cm_scanner *sc, const char *text, size_t len,
                          cm_mentions *out, cm_error *err)
{
    reader *r = calloc(1, sizeof *r);
    if (r) { /* a word seen lately for every 64 bytes of text, within limits */
        r->seen_log2 = SEEN_LOG2;
        while (r->seen_log2 < SEEN_MAX_LOG2 && (len >> 6 >> r->seen_log2) > 0)
            r->seen_log2++;
        r->seen = calloc((size_t)1 << r->seen_log2, sizeof *r->seen);
    }
    if (!r || !r->seen) {
        free(r);
        return cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
    }
    r->text = text;
    r->len = len;
    const size_t first = out->count; /* mentions of this text from here */
    cm_status st = CM_OK;
    for (size_t i = 0; st == CM_OK && have(sc, r, i); i++) {
        const entry *e = NULL;
        const long j = at(r, i)->may_start ? longest(sc, r, i, &e) : -1;
        if (j < 0)
            continue;
        cm_mention m = {at(r, i)->start, at(r, (size_t)j)->end, NULL, NULL, CM_CONTEXT_PLAIN};
        resolve(sc, e, context_of(sc, r, i, (size_t)j), &m);
        if (!cm__reserve((void **)&out->items, &out->cap, out->count + 1, sizeof m))
            st = cm_error_set(err, CM_ERR_NOMEM, "scanner: out of memory");
        else
            out->items[out->count++] = m;
        i = (size_t)j;
    }
    if (st == CM_OK && r->invalid) { /* the text is checked as it is read */
        out->count = first;
        st = cm_error_set(err, CM_ERR_PARSE, "text is not valid UTF-8");
    }
    free(r->seen);
    free(r);
    return st;
}
