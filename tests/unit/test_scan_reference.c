/* The scanner against a plain reference, so that its fast paths cannot
 * drift from the normalisation rules.  For hand-written texts and for
 * random texts built from gazetteer spellings, filler words and separators
 * (ASCII, accented Latin in both Unicode forms, Arabic script, other
 * scripts, odd punctuation, the letters of every transliteration rule), the
 * scanner must find exactly the spans the reference finds, each named by a
 * place that has the span's key.  Two gazetteers: the bundled one, and one
 * generated here from syllables full of rule letters and cut vowels.
 *
 * The reference follows the scanner's model with no shortcut: a mention
 * begins at a word that is not a connector and whose key alone, or cut
 * before another word, is such a key of the first word of some spelling;
 * it spans at most as many words as the longest spelling (spellings of
 * more than 8 words are not indexed); it ends on a non-connector word; the
 * longest span whose cm_normalize_key() is the key of a spelling wins, and
 * the scan goes on after it.  Words are found with utf8proc directly.
 * Usage: test_scan_reference GAZETTEER.csv TEXTS.txt TMPDIR [RANDOM_TEXTS] */
#include "conflictmap/normalize.h"
#include "conflictmap/scan.h"

#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "../check.h"

#define MAX_SPAN 8

typedef struct span {
    size_t start, end;
} span;

/* ---- words and keys, from utf8proc and cm_normalize_key only ---- */

/* Letters, marks and decimal digits (categories L*, M*, Nd) make words. */
static int is_word_char(utf8proc_int32_t c)
{
    if (c == 0x200C || c == 0x0640) /* ZWNJ and tatweel stay inside words */
        return 1;
    const char *cat = utf8proc_category_string(c);
    return cat[0] == 'L' || cat[0] == 'M' || strcmp(cat, "Nd") == 0;
}

/* The words of valid UTF-8 s[0..len), at most max of them; the count. */
static size_t words_of(const char *s, size_t len, span *w, size_t max)
{
    size_t n = 0, p = 0;
    int in_word = 0;
    while (p < len) {
        utf8proc_int32_t c;
        const utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(len - p), &c);
        if (k <= 0) {
            CHECK_MSG(0, "invalid UTF-8 at byte %zu", p);
            break;
        }
        const int wc = is_word_char(c);
        if (wc && !in_word) {
            if (n == max)
                return n;
            w[n].start = p;
        } else if (!wc && in_word) {
            w[n++].end = p;
        }
        in_word = wc;
        p += (size_t)k;
    }
    if (in_word)
        w[n++].end = p;
    return n;
}

static void key_of(const char *s, size_t len, char key[CM_KEY_MAX])
{
    if (cm_normalize_key(s, len, key, NULL) != CM_OK)
        CHECK_MSG(0, "no key for '%.*s'", (int)len, s);
}

/* The key of the word s[0..len) before another word: the key of "s zz"
 * is that key followed by "z". */
static void cut_key_of(const char *s, size_t len, char key[CM_KEY_MAX])
{
    char buf[4 * CM_KEY_MAX];
    const size_t n = len < sizeof buf - 4 ? len : sizeof buf - 4;
    memcpy(buf, s, n);
    memcpy(buf + n, " zz", 3);
    key_of(buf, n + 3, key);
    const size_t kl = strlen(key);
    if (kl > 0 && key[kl - 1] == 'z')
        key[kl - 1] = '\0';
    else
        CHECK_MSG(0, "the key of '%.*s' does not end in z", (int)len, s);
}

/* 1 if the word s[0..len), case and marks folded, is a connector. */
static int is_connector(const char *s, size_t len)
{
    static const char *const connectors[] = {"i", "e", "y", "ye", "yi", "al", "el"};
    utf8proc_uint8_t *f = NULL;
    const utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &f,
                     UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    int yes = 0;
    for (size_t i = 0; n > 0 && i < sizeof connectors / sizeof connectors[0]; i++)
        yes |= strcmp((const char *)f, connectors[i]) == 0;
    free(f);
    return yes;
}

/* ---- sorted sets of keys ---- */

typedef struct keyset {
    char (*keys)[CM_KEY_MAX];
    size_t n, cap;
} keyset;

static void keyset_add(keyset *s, const char *key)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->keys = realloc(s->keys, s->cap * sizeof *s->keys);
        if (!s->keys)
            abort();
    }
    snprintf(s->keys[s->n++], CM_KEY_MAX, "%s", key);
}

static int cmp_key(const void *a, const void *b) { return strcmp(a, b); }

static int keyset_has(const keyset *s, const char *key)
{
    return s->n && bsearch(key, s->keys, s->n, sizeof *s->keys, cmp_key) != NULL;
}

/* ---- the reference scanner ---- */

typedef struct model {
    keyset names, starts; /* keys of spellings, keys of their first words */
    size_t max_words;
} model;

static void add_spelling(model *m, const char *s, size_t len)
{
    span w[MAX_SPAN + 1];
    const size_t n = words_of(s, len, w, MAX_SPAN + 1);
    char key[CM_KEY_MAX];
    key_of(s, len, key);
    if (n == 0 || n > MAX_SPAN || !key[0])
        return;
    keyset_add(&m->names, key);
    key_of(s + w[0].start, w[0].end - w[0].start, key);
    keyset_add(&m->starts, key);
    cut_key_of(s + w[0].start, w[0].end - w[0].start, key);
    keyset_add(&m->starts, key);
    if (n > m->max_words)
        m->max_words = n;
}

static void model_build(model *m, const cm_gazetteer *gz)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < cm_gazetteer_count(gz); i++) {
        const cm_place *p = cm_gazetteer_place(gz, i);
        add_spelling(m, p->name, strlen(p->name));
        add_spelling(m, p->name_fr, strlen(p->name_fr));
        for (const char *a = p->aliases; *a;) {
            const size_t n = strcspn(a, "|");
            add_spelling(m, a, n);
            a += n + (a[n] == '|');
        }
    }
    qsort(m->names.keys, m->names.n, sizeof *m->names.keys, cmp_key);
    qsort(m->starts.keys, m->starts.n, sizeof *m->starts.keys, cmp_key);
}

static int may_start(const model *m, const char *word, size_t len)
{
    char key[CM_KEY_MAX];
    if (is_connector(word, len))
        return 0;
    key_of(word, len, key);
    if (keyset_has(&m->starts, key))
        return 1;
    cut_key_of(word, len, key);
    return keyset_has(&m->starts, key);
}

/* The mentions of text[0..len) by the model; their count.  found holds
 * room for one per word. */
static size_t reference_scan(const model *m, const char *text, size_t len, span *words,
                             span *found)
{
    const size_t nw = words_of(text, len, words, len + 1);
    size_t nf = 0;
    for (size_t i = 0; i < nw; i++) {
        if (!may_start(m, text + words[i].start, words[i].end - words[i].start))
            continue;
        const size_t avail = nw - i < m->max_words ? nw - i : m->max_words;
        for (size_t n = avail; n > 0; n--) {
            const span *last = &words[i + n - 1];
            if (is_connector(text + last->start, last->end - last->start))
                continue;
            char key[CM_KEY_MAX];
            key_of(text + words[i].start, last->end - words[i].start, key);
            if (keyset_has(&m->names, key)) {
                found[nf++] = (span){words[i].start, last->end};
                i += n - 1;
                break;
            }
        }
    }
    return nf;
}

/* ---- comparing the two ---- */

static const cm_scanner *sc;
static model ref;
static int mismatches;
static size_t mentions, long_mentions; /* found by both; of several words */

static void print_spans(const char *what, const char *text, const span *s, size_t n)
{
    fprintf(stderr, "  %s:", what);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " [%.*s]", (int)(s[i].end - s[i].start), text + s[i].start);
    fputc('\n', stderr);
}

/* Scan text[0..len) both ways; 1 if they agree. */
static int compare(const char *text, size_t len)
{
    span *words = malloc((len + 1) * sizeof *words), *want = malloc((len + 1) * sizeof *want);
    span *got = malloc((len + 1) * sizeof *got);
    cm_mentions m = {0};
    cm_error err;
    if (!words || !want || !got)
        abort();
    CHECK(cm_scanner_scan(sc, text, len, &m, &err) == CM_OK);
    const size_t n = reference_scan(&ref, text, len, words, want);
    int same = m.count == n;
    for (size_t i = 0; i < m.count; i++) {
        const cm_mention *x = &m.items[i];
        got[i] = (span){x->start, x->end};
        char key[CM_KEY_MAX];
        key_of(text + x->start, x->end - x->start, key);
        same &= cm_place_has_key(x->named, key);
        same &= i >= n || (x->start == want[i].start && x->end == want[i].end);
    }
    CHECK(same);
    for (size_t i = 0; same && i < n; i++) {
        span w[2];
        mentions++;
        long_mentions += words_of(text + want[i].start, want[i].end - want[i].start, w, 2) > 1;
    }
    if (!same && mismatches++ < 5) {
        fprintf(stderr, "scanner and reference differ on:\n  text: %.*s\n", (int)len, text);
        print_spans("scanner", text, got, m.count);
        print_spans("reference", text, want, n);
    }
    cm_mentions_free(&m);
    free(words);
    free(want);
    free(got);
    return same;
}

static void compare_line(char *line) { compare(line, strlen(line)); }

/* ---- random texts ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32) % n;
}

#define PICK(list) ((list)[rnd(sizeof(list) / sizeof(list)[0])])

typedef struct text {
    char buf[8192];
    size_t len;
} text;

static void put(text *t, const char *s)
{
    const size_t n = strlen(s);
    if (t->len + n < sizeof t->buf) {
        memcpy(t->buf + t->len, s, n);
        t->len += n;
    }
}

static const char *const separators[] = {
    " ", " ", " ", " ", "  ", ", ", ". ", "-", "‐", "–", " — ", "’", "'", "\n", "\t",
    " « ", " » ", "(", ") ", " ", "، ", "/", "_", "·", "", ": ", "?"};

/* Words around place names: connectors, context words, rule letters, cut
 * vowels, digits, accents (precomposed and combining), Arabic script with
 * marks, tatweel and ZWNJ, Greek, Cyrillic, ligatures, full-width letters. */
static const char *const fillers[] = {
    "de", "la", "le", "l", "d", "of", "the", "province", "provinces", "capitale", "capital",
    "chef", "lieu", "i", "e", "y", "ye", "yi", "al", "el", "I", "E", "Y", "YE", "Al", "EL",
    "ville", "contrôle", "insurgés", "été", "ÉTÉ", "août", "naïve", "Noël", "cœur", "Straße",
    "déﬁ", "ﬁlle", "Ǆamal", "Ｋａｂｕｌ", "Αθήνα", "Кабул", "ولایت", "شهر", "هَرات", "هـرات",
    "فیض‌آباد", "كابل", "مزار", "He\xcc\x81" "rat", "Ka\xcc\x88" "bul", "2021", "15", "x9", "A4",
    "teetee", "shee", "chee", "tchee", "koee", "deee", "phee", "owee", "quie", "djie",
    "Tchouk", "Qouwee", "Phyy", "ouou", "wwyy", "ééé", "Mazari", "Puli", "Qala", "Sari",
    "Lashkar", "Gah", "Naw", "Now", "Sharif", "Kot", "Kowt", "Khumri", "Bandar", "Khan"};

static const char *const syllables[] = {
    "tchee", "dee", "kee", "qa", "ou", "ow", "pha", "yi", "ye", "li", "ri", "bee", "shee",
    "ka", "la", "pul", "dja", "wa", "kie", "mee", "ee", "i", "e", "to", "nou", "oo"};

/* A random name of 1 to 3 words from syllables, joined with or without
 * connectors. */
static void make_name(char *out, size_t size)
{
    static const char *const joins[] = {" ", "-", "-i-", " e ", "-ye ", " al "};
    const int words = 1 + (int)rnd(3);
    size_t o = 0;
    out[0] = '\0';
    for (int w = 0; w < words && o < size; w++) {
        if (w > 0)
            o += (size_t)snprintf(out + o, size - o, "%s", PICK(joins));
        for (int k = 0, n = 1 + (int)rnd(3); k < n && o < size; k++)
            o += (size_t)snprintf(out + o, size - o, "%s", PICK(syllables));
    }
}

/* Append a variant of spelling s: as is, in upper or lower case, or with
 * separators, accents and rule letters changed at random. */
static void put_variant(text *t, const char *s, size_t len)
{
    static const char *const accents[][3] = {
        {"a", "à", "a\xcc\x82"}, {"e", "é", "e\xcc\x81"}, {"i", "ï", "i\xcc\x88"},
        {"o", "ô", "o\xcc\x82"}, {"u", "ü", "u\xcc\x88"}};
    static const char *const swaps[][2] = {
        {"u", "ou"}, {"k", "q"}, {"q", "k"}, {"v", "w"}, {"w", "v"}, {"i", "y"}, {"y", "i"},
        {"j", "dj"}, {"s", "c"}, {"s", "tc"}, {"f", "ph"}, {"o", "ow"}, {"e", "ee"}, {"i", "ee"}};
    const unsigned mode = rnd(10); /* 0-4 as is, 5 upper, 6 lower, 7-9 changed */
    for (size_t i = 0; i < len; i++) {
        char one[8] = {s[i], '\0'};
        const char *out = one;
        const unsigned char c = (unsigned char)s[i];
        if (mode == 5 && c >= 'a' && c <= 'z')
            one[0] = (char)(c - 32);
        else if (mode == 6 && c >= 'A' && c <= 'Z')
            one[0] = (char)(c + 32);
        else if (mode >= 7 && (c == ' ' || c == '-' || c == '\''))
            out = PICK(separators);
        else if (mode >= 7 && c < 0x80 && rnd(6) == 0) {
            for (size_t k = 0; k < sizeof accents / sizeof accents[0]; k++)
                if (accents[k][0][0] == (char)c)
                    out = accents[k][1 + rnd(2)];
            for (size_t k = 0; out == one && k < sizeof swaps / sizeof swaps[0]; k++)
                if (swaps[k][0][0] == (char)c && rnd(2))
                    out = swaps[k][1];
            if (out == one && rnd(3) == 0) { /* a doubled letter */
                one[1] = (char)c;
                one[2] = '\0';
            }
        }
        put(t, out);
    }
}

/* Append s[0..len) with its last byte changed when that is an ASCII
 * letter: a word that shares all its other bytes with a spelling. */
static void put_near_miss(text *t, const char *s, size_t len)
{
    char buf[256];
    const char last = len ? s[len - 1] : '\0';
    if (len == 0 || len >= sizeof buf || !((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z')))
        return;
    memcpy(buf, s, len);
    buf[len - 1] = last == 'x' ? 'z' : 'x';
    buf[len] = '\0';
    put(t, buf);
}

/* A random place's random spelling, sometimes with a near miss before or
 * after it. */
static void put_spelling(text *t, const cm_gazetteer *gz)
{
    const cm_place *p = cm_gazetteer_place(gz, rnd((uint32_t)cm_gazetteer_count(gz)));
    const char *s = rnd(2) ? p->name : p->name_fr;
    size_t len = strlen(s);
    if (p->aliases[0] && rnd(2)) { /* the k-th alias, or the first */
        const char *a = p->aliases;
        for (unsigned k = rnd(4); k > 0 && strchr(a, '|'); k--)
            a = strchr(a, '|') + 1;
        s = a;
        len = strcspn(a, "|");
    }
    static text v; /* the variant */
    v.len = 0;
    put_variant(&v, s, len);
    v.buf[v.len] = '\0';
    const unsigned near = rnd(6); /* 0, 1: before, 2: after */
    if (near < 2) {
        put_near_miss(t, v.buf, v.len);
        put(t, PICK(separators));
    }
    put(t, v.buf);
    if (near == 2) {
        put(t, PICK(separators));
        put_near_miss(t, v.buf, v.len);
    }
}

static void make_text(text *t, const cm_gazetteer *gz)
{
    t->len = 0;
    const int tokens = 1 + (int)rnd(40);
    for (int k = 0; k < tokens; k++) {
        const unsigned what = rnd(10);
        if (what < 4)
            put_spelling(t, gz);
        else if (what < 9)
            put(t, PICK(fillers));
        else /* a word too long for a key, whole or cut */
            for (int r = 0, n = 60 + (int)rnd(100); r < n; r++)
                put(t, rnd(3) ? "ka" : "é");
        put(t, PICK(separators));
    }
}

static void test_random(const cm_gazetteer *gz, int count)
{
    text t;
    int agreed = 0;
    mentions = long_mentions = 0;
    for (int i = 0; i < count; i++) {
        make_text(&t, gz);
        agreed += compare(t.buf, t.len);
    }
    printf("test_scan_reference: %d of %d random texts agree, %zu mentions (%zu of several "
           "words)\n", agreed, count, mentions, long_mentions);
    CHECK(mentions >= (size_t)count && long_mentions >= (size_t)count / 10);
}

/* A gazetteer of count generated names (with French names and aliases),
 * written under dir; NULL on failure. */
static cm_gazetteer *generated_gazetteer(const char *dir, int count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/scan_reference_places.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fprintf(f, "id,name,kind,admin1,lat,lon,name_fr,aliases\n");
    for (int i = 0; i < count; i++) {
        char name[128], fr[128], alias[128];
        make_name(name, sizeof name);
        make_name(fr, sizeof fr);
        make_name(alias, sizeof alias);
        fprintf(f, "g%d,%s,%s,,34.5,66.5,%s,%s\n", i, name, rnd(2) ? "city" : "province", fr,
                alias);
    }
    fclose(f);
    cm_gazetteer *gz = NULL;
    cm_error err;
    if (cm_gazetteer_load(path, &gz, &err) != CM_OK)
        fprintf(stderr, "%s\n", err.message);
    return gz;
}

static void model_free(model *m)
{
    free(m->names.keys);
    free(m->starts.keys);
}

/* Compare the scanner of gz with the reference on texts (if given) and
 * on count random texts. */
static void run(const cm_gazetteer *gz, const char *texts, int count)
{
    cm_scanner *s = NULL;
    cm_error err;
    CHECK(cm_scanner_create(gz, &s, &err) == CM_OK);
    if (!s)
        return;
    sc = s;
    model_build(&ref, gz);
    if (texts)
        CHECK(check_each_line(texts, compare_line) >= 20);
    test_random(gz, count);
    model_free(&ref);
    cm_scanner_free(s);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_scan_reference GAZETTEER TEXTS TMPDIR [RANDOM_TEXTS]\n");
        return 2;
    }
    const int count = argc > 4 ? atoi(argv[4]) : 10000;
    cm_gazetteer *gz = NULL, *gen = generated_gazetteer(argv[3], 300);
    cm_error err;
    if (cm_gazetteer_load(argv[1], &gz, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    CHECK(gen != NULL);
    run(gz, argv[2], count);
    if (gen)
        run(gen, NULL, count);
    cm_gazetteer_free(gz);
    cm_gazetteer_free(gen);
    return check_summary("test_scan_reference");
}
