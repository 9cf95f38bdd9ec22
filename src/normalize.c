#include "conflictmap/normalize.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "csv.h" /* cm__utf8_valid, cm__utf8_char */
#include "words.h"

#define MAX_WORDS 32

/* Rule 4: fold Arabic-script letter variants to one form; -1 drops. */
static utf8proc_int32_t fold_arabic(utf8proc_int32_t c)
{
    switch (c) {
    case 0x064A: /* Arabic yeh */
    case 0x0649: /* alef maksura */
        return 0x06CC; /* Farsi yeh */
    case 0x0643: /* Arabic kaf */
        return 0x06A9; /* keheh */
    case 0x0629: /* teh marbuta */
        return 0x0647; /* heh */
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
        return 0x0627; /* alef */
    case 0x200C: case 0x0640: /* ZWNJ, tatweel */
        return -1;
    default:
        return c;
    }
}

#define X16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
const unsigned char cm__ascii_word[256] = {
    X16(0), X16(0), X16(0),                          /* controls, space, punctuation */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30: digits */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40: @ A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x50: P-Z */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60: ` a-o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x70: p-z */
    X16(0), X16(0), X16(0), X16(0), X16(0), X16(0), X16(0), X16(0)}; /* not ASCII */

/* Letters, marks and digits make words; ZWNJ and tatweel stay inside. */
static int is_word_char(utf8proc_int32_t c)
{
    if (c < 0x80)
        return cm__ascii_word_byte((unsigned char)c);
    if (c == 0x200C || c == 0x0640)
        return 1;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
        return 1;
    default:
        return 0;
    }
}

/* Folded forms of the code points below FOLD_TABLE (Latin, Greek,
 * Cyrillic, Arabic ...), computed once with utf8proc: folding a whole word
 * is the same as folding each of its characters, since combining marks are
 * stripped anyway. */
#define FOLD_TABLE 0x800
static char fold_table[FOLD_TABLE][8];
static unsigned char fold_len[FOLD_TABLE];
static unsigned char word_table[FOLD_TABLE]; /* is_word_char, likewise */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* Fold len bytes of UTF-8 (rules 1 and 4) into out, at most size - 1
 * bytes plus NUL; returns the length written. */
static size_t fold_utf8(const utf8proc_uint8_t *in, utf8proc_ssize_t len, char *out, size_t size)
{
    utf8proc_uint8_t *folded = NULL;
    const utf8proc_ssize_t n = utf8proc_map(
        in, len, &folded, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                              UTF8PROC_STRIPMARK);
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; n > 0 && i < n;) {
        utf8proc_int32_t c;
        const utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &c);
        if (k <= 0)
            break;
        i += k;
        c = fold_arabic(c);
        if (c >= 0 && o + 5 <= size - 1)
            o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
    }
    free(folded);
    out[o] = '\0';
    return o;
}

static void fill_fold_table(void)
{
    for (utf8proc_int32_t c = 0; c < FOLD_TABLE; c++) {
        utf8proc_uint8_t in[4];
        fold_len[c] = (unsigned char)fold_utf8(in, utf8proc_encode_char(c, in), fold_table[c],
                                               sizeof fold_table[0]);
        word_table[c] = (unsigned char)is_word_char(c);
    }
}

/* The code point of the one- or two-byte character at w[i] (of len
 * bytes), its length in *k; -1 if it is neither. */
static utf8proc_int32_t short_char_at(const unsigned char *w, size_t len, size_t i, size_t *k)
{
    *k = 1;
    if (w[i] < 0x80)
        return w[i];
    if (w[i] < 0xC2 || w[i] >= 0xE0 || i + 1 >= len || (w[i + 1] & 0xC0) != 0x80)
        return -1;
    *k = 2;
    return (utf8proc_int32_t)((w[i] & 0x1F) << 6 | (w[i + 1] & 0x3F));
}

int cm__word_char_at(const char *text, size_t len, size_t p, size_t *k)
{
    const unsigned char *t = (const unsigned char *)text;
    if (t[p] < 0x80) { /* without utf8proc */
        *k = 1;
        return cm__ascii_word_byte(t[p]);
    }
    uint32_t c;
    *k = cm__utf8_char(text + p, len - p, &c);
    if (*k == 0) {
        *k = 1;
        return -1;
    }
    if (c < FOLD_TABLE) { /* from the table */
        pthread_once(&fold_once, fill_fold_table);
        return word_table[c];
    }
    return is_word_char((utf8proc_int32_t)c);
}

size_t cm__fold_word(const char *word, size_t len, char out[CM_KEY_MAX])
{
    const unsigned char *w = (const unsigned char *)word;
    const size_t n = len < CM_KEY_MAX - 1 ? len : CM_KEY_MAX - 1;
    size_t i = 0;
    for (; i < n && w[i] < 0x80; i++) /* the fast path: most words of most articles */
        out[i] = (char)(w[i] | ((unsigned)(w[i] - 'A') < 26) << 5);
    while (i < len && w[i] < 0x80)
        i++;
    if (i == len) {
        out[n] = '\0';
        return n;
    }
    pthread_once(&fold_once, fill_fold_table);
    int small = 1; /* every character in the table */
    for (i = 0; i < len && small; i++)
        small = w[i] < 0xE0;
    if (!small)
        return fold_utf8(w, (utf8proc_ssize_t)len, out, CM_KEY_MAX);
    size_t o = 0, k;
    for (i = 0; i < len; i += k) {
        const utf8proc_int32_t c = short_char_at(w, len, i, &k);
        if (c < 0)
            break;
        if (o + sizeof fold_table[c] <= CM_KEY_MAX) { /* a fixed size copies faster */
            memcpy(out + o, fold_table[c], sizeof fold_table[c]);
            o += fold_len[c];
        } else if (o + fold_len[c] < CM_KEY_MAX) {
            memcpy(out + o, fold_table[c], fold_len[c]);
            o += fold_len[c];
        }
    }
    out[o] = '\0';
    return o;
}

int cm__is_connector(const char *w, size_t len)
{
    if (len == 0 || len > 2)
        return 0; /* every connector has one or two letters */
    static const char *const connectors[] = {"i", "e", "y", "ye", "yi", "al", "el"};
    for (size_t i = 0; i < sizeof connectors / sizeof connectors[0]; i++)
        if (strcmp(w, connectors[i]) == 0)
            return 1;
    return 0;
}

/* Rule 5 at w[0] of a folded word (NUL-terminated, read no further than
 * a rule needs): the number of bytes the rule reads, its replacement in
 * *to; 0 when no rule applies (the byte stays). */
static size_t rule_at(const char *w, const char **to)
{
    switch (w[0]) {
    case 't': if (w[1] == 'c' && w[2] == 'h') { *to = "sh"; return 3; } return 0;
    case 'd': if (w[1] == 'j') { *to = "j"; return 2; } return 0;
    case 'c': if (w[1] == 'h') { *to = "sh"; return 2; } return 0;
    case 'o': if (w[1] == 'u' || w[1] == 'w') { *to = w[1] == 'u' ? "u" : "o"; return 2; } return 0;
    case 'q': *to = "k"; return 1;
    case 'e': if (w[1] == 'e') { *to = "i"; return 2; } return 0;
    case 'w': *to = "v"; return 1;
    case 'y': *to = "i"; return 1;
    case 'p': if (w[1] == 'h') { *to = "f"; return 2; } return 0;
    default: return 0;
    }
}

/* 1 if c, after prev in a key, is a doubled letter, which rule 5 drops. */
static int doubled(char prev, char c)
{
    return c == prev && c >= 'a' && c <= 'z';
}

/* 1 if the folded word w[0..len) has a key cut before another word (rule
 * 3: a final connector vowel on a word of more than three bytes). */
static int has_cut(const char *w, size_t len)
{
    return len > 3 && (w[len - 1] == 'i' || w[len - 1] == 'e');
}

/* A key being written: its bytes so far, their number and hash. */
typedef struct key_out {
    char *s;
    size_t len;
    uint64_t hash;
} key_out;

/* Append c to k unless it doubles the letter before. */
static inline void put(key_out *k, char c)
{
    if (k->len > 0 && doubled(k->s[k->len - 1], c))
        return;
    k->s[k->len++] = c;
    k->hash = cm__hash(k->hash, &c, 1);
}

/* Rule 5 at in[*i] (NUL-terminated) into k: a rule's replacement, or the
 * byte itself; advances *i past what it read. */
static inline void step(const char *in, size_t *i, key_out *k)
{
    const char *to;
    const size_t used = rule_at(in + *i, &to);
    if (!used) { /* most bytes */
        put(k, in[(*i)++]);
        return;
    }
    *i += used;
    for (; *to; to++)
        put(k, *to);
}

/* Rule 5 on the folded word in[0..len), NUL-terminated, left to right,
 * into out (which may be in: a key never grows), hashed from
 * CM__HASH_SEED.  *at_last gets the key as it was when the word's last
 * byte was reached on its own; its len is SIZE_MAX when a rule read that
 * byte with the bytes before. */
static key_out transliterate(const char *in, size_t len, char *out, key_out *at_last)
{
    key_out k = {out, 0, CM__HASH_SEED};
    size_t i = 0;
    at_last->len = SIZE_MAX;
    while (i + 1 < len)
        step(in, &i, &k);
    if (i + 1 == len) {
        *at_last = k;
        step(in, &i, &k);
    }
    out[k.len] = '\0';
    return k;
}

void cm__word_keys(const char *folded, size_t len, cm__word_key *k)
{
    key_out at_last;
    const key_out full = transliterate(folded, len, k->full, &at_last);
    k->full_len = k->cut_len = full.len;
    k->full_hash = k->cut_hash = full.hash;
    k->cut_apart = 0;
    if (!has_cut(folded, len))
        return;
    if (at_last.len != SIZE_MAX) {
        /* No rule reads a final i or e with what comes before it except
         * ee -> i, which is not reached on its own: cutting the last
         * byte leaves the key as it was when that byte was reached. */
        k->cut_len = at_last.len;
        k->cut_hash = at_last.hash;
    } else {
        memcpy(k->cut, folded, len - 1);
        k->cut[len - 1] = '\0';
        const key_out cut = transliterate(k->cut, len - 1, k->cut, &at_last);
        k->cut_len = cut.len;
        k->cut_hash = cut.hash;
        k->cut_apart = 1;
    }
}

/* Append part[0..n) to key if it fits whole. */
static void append(char *key, size_t *len, const char *part, size_t n)
{
    if (*len + n < CM_KEY_MAX) {
        memcpy(key + *len, part, n);
        *len += n;
        key[*len] = '\0';
    }
}

cm_status cm_normalize_key(const char *name, size_t len, char key[CM_KEY_MAX], cm_error *err)
{
    key[0] = '\0';
    if (!cm__utf8_valid(name, len))
        return cm_error_set(err, CM_ERR_PARSE, "'%.*s': invalid UTF-8",
                            (int)(len < 60 ? len : 60), name);
    char words[MAX_WORDS][CM_KEY_MAX];
    size_t wl[MAX_WORDS];
    int nw = 0;
    size_t pos = 0, s, e;
    while (nw < MAX_WORDS && cm__next_word(name, len, &pos, &s, &e, NULL))
        if ((wl[nw] = cm__fold_word(name + s, e - s, words[nw])) > 0)
            nw++;
    size_t kl = 0;
    for (int w = 0; w < nw; w++) {
        if (w > 0 && w + 1 < nw && cm__is_connector(words[w], wl[w]))
            continue;
        cm__word_key k;
        cm__word_keys(words[w], wl[w], &k);
        const int before_word = w + 1 < nw && !cm__is_connector(words[w + 1], wl[w + 1]);
        if (before_word)
            append(key, &kl, cm__cut_key(&k), k.cut_len);
        else
            append(key, &kl, k.full, k.full_len);
    }
    return CM_OK;
}
