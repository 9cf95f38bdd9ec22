#include "extract/lemma.h"

#include <hunspell.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"
#include "words.h"

#define MAX_DICTS 4
#define WORD_MAX 64 /* longer words are not looked up */

typedef struct entry {
    char *form; /* lower-case form as written; NULL for an empty cell */
    int n;
    char lemma[CM__MAX_LEMMAS][CM_LEX_WORD_MAX];
} entry;

struct cm__lemmatizer {
    Hunhandle *dict[MAX_DICTS];
    int ndict;
    entry *cells;
    size_t cap, used; /* cap is a power of two */
};

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

cm_status cm__lemmatizer_create(const char *dir, const char *const *names, int n,
                                cm__lemmatizer **out, cm_error *err)
{
    *out = NULL;
    cm__lemmatizer *lm = calloc(1, sizeof *lm);
    if (!lm || n > MAX_DICTS) {
        free(lm);
        return cm_error_set(err, CM_ERR_NOMEM, "lemmatizer: out of memory");
    }
    for (int i = 0; i < n; i++) {
        char aff[4096], dic[4096];
        snprintf(aff, sizeof aff, "%s/%s.aff", dir, names[i]);
        snprintf(dic, sizeof dic, "%s/%s.dic", dir, names[i]);
        if (!readable(aff) || !readable(dic)) {
            cm__lemmatizer_free(lm);
            return cm_error_set(err, CM_ERR_NOT_FOUND,
                                "%s: no Hunspell dictionary (Debian: hunspell-%s)", dic,
                                strncmp(names[i], "en", 2) == 0 ? "en-us" : "fr");
        }
        if (!(lm->dict[lm->ndict] = Hunspell_create(aff, dic))) {
            cm__lemmatizer_free(lm);
            return cm_error_set(err, CM_ERR_PARSE, "%s: Hunspell cannot read it", aff);
        }
        lm->ndict++;
    }
    *out = lm;
    return CM_OK;
}

void cm__lemmatizer_free(cm__lemmatizer *lm)
{
    if (!lm)
        return;
    for (int i = 0; i < lm->ndict; i++)
        Hunspell_destroy(lm->dict[i]);
    for (size_t i = 0; i < lm->cap; i++)
        free(lm->cells[i].form);
    free(lm->cells);
    free(lm);
}

static uint64_t hash_of(const char *s)
{
    return cm__hash(CM__HASH_SEED, s, strlen(s));
}

static int grow(cm__lemmatizer *lm)
{
    const size_t cap = lm->cap ? lm->cap * 2 : 1024;
    entry *cells = calloc(cap, sizeof *cells);
    if (!cells)
        return 0;
    for (size_t i = 0; i < lm->cap; i++) {
        if (!lm->cells[i].form)
            continue;
        size_t j = hash_of(lm->cells[i].form) & (cap - 1);
        while (cells[j].form)
            j = (j + 1) & (cap - 1);
        cells[j] = lm->cells[i];
    }
    free(lm->cells);
    lm->cells = cells;
    lm->cap = cap;
    return 1;
}

/* Whether lemma l (folded) may stand for the folded form f: an auxiliary,
 * or the same first letter and a prefix "re" kept ("retook" is not "took"). */
static int plausible(const char *l, const char *f)
{
    static const char *const auxiliaries[] = {"etre", "avoir", "be", "have", NULL};
    for (const char *const *a = auxiliaries; *a; a++)
        if (strcmp(l, *a) == 0)
            return strcmp(l, f) != 0; /* "sont", "était", "was", "had" */
    if (!l[0] || l[0] != f[0] || strcmp(l, f) == 0)
        return 0;
    return !(f[0] == 'r' && f[1] == 'e' && l[1] != 'e');
}

static void look_up(const cm__lemmatizer *lm, const char *lower, entry *e)
{
    char folded[CM_KEY_MAX];
    const size_t flen = cm__fold_word(lower, strlen(lower), folded);
    (void)flen;
    for (int d = 0; d < lm->ndict; d++) {
        char **list = NULL;
        const int k = Hunspell_stem(lm->dict[d], &list, lower);
        for (int i = 0; i < k && e->n < CM__MAX_LEMMAS; i++) {
            char l[CM_KEY_MAX];
            const size_t n = cm__fold_word(list[i], strlen(list[i]), l);
            if (n >= CM_LEX_WORD_MAX || !plausible(l, folded))
                continue;
            int seen = 0;
            for (int j = 0; j < e->n; j++)
                seen |= strcmp(e->lemma[j], l) == 0;
            if (!seen)
                memcpy(e->lemma[e->n++], l, n + 1);
        }
        Hunspell_free_list(lm->dict[d], &list, k);
    }
}

/* The word in lower case (utf8proc), NUL-terminated in out; 0 if too long. */
static int lower_case(const char *word, size_t len, char out[WORD_MAX])
{
    size_t o = 0, i = 0;
    while (i < len && (unsigned char)word[i] < 0x80 && i + 1 < WORD_MAX) { /* ASCII: no lookup */
        const char c = word[i++];
        out[o++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    while (i < len) {
        utf8proc_int32_t c;
        const utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)word + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0)
            return 0;
        utf8proc_uint8_t buf[4];
        const utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_tolower(c), buf);
        if (o + (size_t)w >= WORD_MAX)
            return 0;
        memcpy(out + o, buf, (size_t)w);
        o += (size_t)w;
        i += (size_t)k;
    }
    out[o] = '\0';
    return o > 0;
}

int cm__lemmas(cm__lemmatizer *lm, const char *word, size_t len,
               char out[CM__MAX_LEMMAS][CM_LEX_WORD_MAX])
{
    char lower[WORD_MAX];
    if (!lm || lm->ndict == 0 || len < 3 || !lower_case(word, len, lower))
        return 0;
    if ((lm->used + 1) * 10 >= lm->cap * 7 && !grow(lm))
        return 0;
    size_t j = hash_of(lower) & (lm->cap - 1);
    while (lm->cells[j].form && strcmp(lm->cells[j].form, lower) != 0)
        j = (j + 1) & (lm->cap - 1);
    entry *e = &lm->cells[j];
    if (!e->form) {
        entry fresh = {0};
        look_up(lm, lower, &fresh);
        if (!(fresh.form = strdup(lower)))
            return 0;
        *e = fresh;
        lm->used++;
    }
    memcpy(out, e->lemma, sizeof e->lemma);
    return e->n;
}
