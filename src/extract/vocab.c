#include "extract/vocab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

typedef struct cell {
    const char *word; /* a word of the lexicon (its storage); NULL when empty */
    int id;
} cell;

typedef struct list {
    const cm_lex_entry **items;
    size_t count, cap;
} list;

struct cm__vocab {
    const cm_lexicon *lx;
    const cm_lex_entry *base; /* the lexicon's first entry */
    cell *cells;
    size_t cap; /* a power of two */
    int nwords;
    int (*ids)[CM_LEX_MAX_WORDS]; /* per entry */
    list *first;                  /* per word number */
};

static uint64_t hash_of(const char *w)
{
    return cm__hash(CM__HASH_SEED, w, strlen(w));
}

static cell *find(const cm__vocab *v, const char *w)
{
    size_t j = hash_of(w) & (v->cap - 1);
    while (v->cells[j].word && strcmp(v->cells[j].word, w) != 0)
        j = (j + 1) & (v->cap - 1);
    return &v->cells[j];
}

static cm_status nomem(cm__vocab *v, cm_error *err)
{
    cm__vocab_free(v);
    return cm_error_set(err, CM_ERR_NOMEM, "lexicon vocabulary: out of memory");
}

cm_status cm__vocab_create(const cm_lexicon *lx, cm__vocab **out, cm_error *err)
{
    *out = NULL;
    const size_t n = cm_lexicon_count(lx);
    cm__vocab *v = calloc(1, sizeof *v);
    if (!v)
        return nomem(NULL, err);
    v->lx = lx;
    v->base = cm_lexicon_entry(lx, 0);
    v->cap = 1024;
    while (v->cap < n * CM_LEX_MAX_WORDS * 2)
        v->cap *= 2;
    v->cells = calloc(v->cap, sizeof *v->cells);
    v->ids = calloc(n ? n : 1, sizeof *v->ids);
    if (!v->cells || !v->ids)
        return nomem(v, err);
    for (size_t i = 0; i < n; i++) {
        const cm_lex_entry *e = cm_lexicon_entry(lx, i);
        for (int k = 0; k < e->nwords; k++) {
            if (e->stems & (1u << k))
                continue;
            cell *c = find(v, e->words[k]);
            if (!c->word)
                c->word = e->words[k], c->id = ++v->nwords;
            v->ids[i][k] = c->id;
        }
    }
    v->first = calloc((size_t)v->nwords + 1, sizeof *v->first);
    if (!v->first)
        return nomem(v, err);
    for (size_t i = 0; i < n; i++) {
        const cm_lex_entry *e = cm_lexicon_entry(lx, i);
        list *l = &v->first[v->ids[i][0]];
        if (e->stems & 1u)
            continue; /* found by cm_lexicon_first_word */
        if (!cm__reserve((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items))
            return nomem(v, err);
        l->items[l->count++] = e;
    }
    *out = v;
    return CM_OK;
}

void cm__vocab_free(cm__vocab *v)
{
    if (!v)
        return;
    for (int i = 0; v->first && i <= v->nwords; i++)
        free(v->first[i].items);
    free(v->first);
    free(v->ids);
    free(v->cells);
    free(v);
}

int cm__vocab_id(const cm__vocab *v, const char *w)
{
    const cell *c = find(v, w);
    return c->word ? c->id : 0;
}

int cm__vocab_word(const cm__vocab *v, const cm_lex_entry *e, int k)
{
    return v->ids[e - v->base][k];
}

const cm_lex_entry *const *cm__vocab_first(const cm__vocab *v, int id, size_t *n)
{
    *n = id > 0 && id <= v->nwords ? v->first[id].count : 0;
    return *n ? v->first[id].items : NULL;
}
