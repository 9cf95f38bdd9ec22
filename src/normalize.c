#include "conflictmap/normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "csv.h" /* cm__utf8_valid */
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

/* Letters, marks and digits make words; ZWNJ and tatweel stay inside. */
static int is_word_char(utf8proc_int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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

int cm__next_word(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t p = *pos;
    int in_word = 0;
    while (p < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        if ((unsigned char)text[p] < 0x80) {
            c = (unsigned char)text[p];
            k = 1;
        } else {
            k = utf8proc_iterate((const utf8proc_uint8_t *)text + p, (utf8proc_ssize_t)(len - p), &c);
            if (k <= 0) {
                c = -1;
                k = 1;
            }
        }
        const int w = c >= 0 && is_word_char(c);
        if (w && !in_word) {
            *start = p;
            in_word = 1;
        } else if (!w && in_word) {
            break;
        }
        p += (size_t)k;
    }
    *pos = p;
    if (in_word)
        *end = p;
    return in_word;
}

/* Folded forms of the code points below FOLD_TABLE (Latin, Greek,
 * Cyrillic, Arabic ...), computed once with utf8proc: folding a whole word
 * is the same as folding each of its characters, since combining marks are
 * stripped anyway. */
#define FOLD_TABLE 0x800
static char fold_table[FOLD_TABLE][8];
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
        fold_utf8(in, utf8proc_encode_char(c, in), fold_table[c], sizeof fold_table[0]);
    }
}

size_t cm__fold_word(const char *word, size_t len, char out[CM_KEY_MAX])
{
    size_t o = 0;
    int ascii = 1;
    for (size_t i = 0; i < len; i++)
        ascii &= (unsigned char)word[i] < 0x80;
    if (ascii) { /* the fast path: most words of most articles */
        for (size_t i = 0; i < len && o + 1 < CM_KEY_MAX; i++)
            out[o++] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 : word[i]);
        out[o] = '\0';
        return o;
    }
    pthread_once(&fold_once, fill_fold_table);
    int small = 1; /* every character in the table */
    for (size_t i = 0; i < len && small; i++)
        small = (unsigned char)word[i] < 0xE0;
    if (small) {
        for (size_t i = 0; i < len;) {
            utf8proc_int32_t c;
            const utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + i,
                                                        (utf8proc_ssize_t)(len - i), &c);
            if (k <= 0)
                break;
            i += (size_t)k;
            const char *f = c < FOLD_TABLE ? fold_table[c] : "";
            const size_t fl = strlen(f);
            if (o + fl < CM_KEY_MAX) {
                memcpy(out + o, f, fl);
                o += fl;
            }
        }
        out[o] = '\0';
        return o;
    }
    return fold_utf8((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len, out, CM_KEY_MAX);
}

int cm__is_connector(const char *w)
{
    if (!w[0] || (w[1] && w[2]))
        return 0; /* every connector has one or two letters */
    static const char *const connectors[] = {"i", "e", "y", "ye", "yi", "al", "el"};
    for (size_t i = 0; i < sizeof connectors / sizeof connectors[0]; i++)
        if (strcmp(w, connectors[i]) == 0)
            return 1;
    return 0;
}

void cm__transliterate(char *w)
{
    /* One pass, by the first letter of each rule (the rule table of
     * normalize.h); out never grows past in, so it can share w. */
    size_t o = 0;
    for (size_t i = 0; w[i];) {
        const char c = w[i], n = w[i + 1];
        const char *to = NULL;
        size_t used = 1;
        switch (c) {
        case 't': if (n == 'c' && w[i + 2] == 'h') { to = "sh"; used = 3; } break;
        case 'd': if (n == 'j') { to = "j"; used = 2; } break;
        case 'c': if (n == 'h') { to = "sh"; used = 2; } break;
        case 'o': if (n == 'u') { to = "u"; used = 2; } else if (n == 'w') { to = "o"; used = 2; } break;
        case 'q': to = "k"; break;
        case 'e': if (n == 'e') { to = "i"; used = 2; } break;
        case 'w': to = "v"; break;
        case 'y': to = "i"; break;
        case 'p': if (n == 'h') { to = "f"; used = 2; } break;
        default: break;
        }
        i += used;
        const char single[2] = {c, '\0'};
        for (const char *t = to ? to : single; *t; t++)
            if (!(o > 0 && w[o - 1] == *t && *t >= 'a' && *t <= 'z')) /* doubled letters */
                w[o++] = *t;
    }
    w[o] = '\0';
}

void cm__word_keys(const char *folded, char full[CM_KEY_MAX], char cut[CM_KEY_MAX])
{
    const size_t l = strlen(folded);
    memcpy(full, folded, l + 1);
    cm__transliterate(full);
    if (l > 3 && (folded[l - 1] == 'i' || folded[l - 1] == 'e')) {
        memcpy(cut, folded, l - 1);
        cut[l - 1] = '\0';
        cm__transliterate(cut);
    } else {
        memcpy(cut, full, strlen(full) + 1);
    }
}

/* Append word to key if it fits whole. */
static void append(char *key, size_t *len, const char *word)
{
    const size_t n = strlen(word);
    if (*len + n < CM_KEY_MAX) {
        memcpy(key + *len, word, n + 1);
        *len += n;
    }
}

cm_status cm_normalize_key(const char *name, size_t len, char key[CM_KEY_MAX], cm_error *err)
{
    key[0] = '\0';
    if (!cm__utf8_valid(name, len))
        return cm_error_set(err, CM_ERR_PARSE, "'%.*s': invalid UTF-8",
                            (int)(len < 60 ? len : 60), name);
    char words[MAX_WORDS][CM_KEY_MAX];
    int nw = 0;
    size_t pos = 0, s, e;
    while (nw < MAX_WORDS && cm__next_word(name, len, &pos, &s, &e))
        if (cm__fold_word(name + s, e - s, words[nw]) > 0)
            nw++;
    size_t kl = 0;
    for (int w = 0; w < nw; w++) {
        if (w > 0 && w + 1 < nw && cm__is_connector(words[w]))
            continue;
        char full[CM_KEY_MAX], cut[CM_KEY_MAX];
        cm__word_keys(words[w], full, cut);
        const int before_word = w + 1 < nw && !cm__is_connector(words[w + 1]);
        append(key, &kl, before_word ? cut : full);
    }
    return CM_OK;
}
