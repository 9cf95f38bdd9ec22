#include "conflictmap/normalize.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define MAX_WORDS 32

/* Rule 4: fold Arabic-script letter variants to one form. */
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

static int is_separator(utf8proc_int32_t c)
{
    if (c == '\'' || c == '`' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == '.' ||
        c == '_' || c == 0x00B7)
        return 1;
    const utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_PD || cat == UTF8PROC_CATEGORY_ZS || c == '\t' ||
           c == '\n' || c == '\r';
}

static int is_connector(const char *w)
{
    static const char *const connectors[] = {"i", "e", "y", "ye", "yi", "al", "el"};
    for (size_t i = 0; i < sizeof connectors / sizeof connectors[0]; i++)
        if (strcmp(w, connectors[i]) == 0)
            return 1;
    return 0;
}

/* Rule 5 on one ASCII-or-not word, in place. */
static void transliterate(char *w)
{
    static const struct {
        const char *from, *to;
    } rules[] = {{"tch", "ch"}, {"dj", "j"}, {"ch", "sh"}, {"ou", "u"}, {"q", "k"},
                 {"ow", "o"},   {"ee", "i"}, {"w", "v"},   {"y", "i"},  {"ph", "f"}};
    char out[CM_KEY_MAX];
    size_t o = 0;
    for (const char *p = w; *p && o + 3 < sizeof out;) {
        size_t r = 0;
        while (r < sizeof rules / sizeof rules[0] &&
               strncmp(p, rules[r].from, strlen(rules[r].from)) != 0)
            r++;
        if (r < sizeof rules / sizeof rules[0]) {
            for (const char *t = rules[r].to; *t; t++)
                out[o++] = *t;
            p += strlen(rules[r].from);
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    /* Doubled ASCII letters become single. */
    size_t k = 0;
    for (size_t i = 0; i < o; i++)
        if (!(k > 0 && out[i] == w[k - 1] && (unsigned char)out[i] < 0x80 &&
              out[i] >= 'a' && out[i] <= 'z'))
            w[k++] = out[i];
    w[k] = '\0';
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
    utf8proc_uint8_t *folded = NULL;
    const utf8proc_ssize_t n = utf8proc_map(
        (const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len, &folded,
        UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0)
        return cm_error_set(err, CM_ERR_PARSE, "'%.*s': %s", (int)(len < 60 ? len : 60), name,
                            utf8proc_errmsg(n));
    /* Split into words of folded characters. */
    char words[MAX_WORDS][CM_KEY_MAX];
    int nw = 0;
    size_t wl = 0;
    utf8proc_ssize_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        const utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &c);
        if (k <= 0)
            break;
        i += k;
        if (is_separator(c)) {
            if (wl > 0 && nw < MAX_WORDS) {
                words[nw++][wl] = '\0';
                wl = 0;
            }
            continue;
        }
        c = fold_arabic(c);
        if (c < 0 || nw >= MAX_WORDS || wl + 4 >= CM_KEY_MAX)
            continue;
        wl += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)&words[nw][wl]);
    }
    if (wl > 0 && nw < MAX_WORDS)
        words[nw++][wl] = '\0';
    free(folded);
    size_t kl = 0;
    for (int w = 0; w < nw; w++) {
        const int inner = w > 0 && w + 1 < nw;
        if (inner && is_connector(words[w]))
            continue;
        size_t l = strlen(words[w]);
        /* "Puli Khumri": a joined connector vowel before another word. */
        if (w + 1 < nw && l > 3 && (words[w][l - 1] == 'i' || words[w][l - 1] == 'e') &&
            !is_connector(words[w + 1]))
            words[w][l - 1] = '\0';
        transliterate(words[w]);
        append(key, &kl, words[w]);
    }
    return CM_OK;
}
