/* Stages 1 and 2 of the extractor: the words of a sentence, with their
 * lemmas, and the lexicon phrases they make (see sentence.h). */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

static int find_contained(const work *w, const match *t);

int cm__is_town(const cm_place *p)
{
    return p->kind == CM_KIND_PROVINCIAL_CAPITAL || p->kind == CM_KIND_NATIONAL_CAPITAL ||
           p->kind == CM_KIND_CITY || p->kind == CM_KIND_DISTRICT_CENTRE;
}

int cm__push_token(work *w, const token *t)
{
    if (!cm__reserve((void **)&w->tok, &w->tok_cap, w->ntok + 1, sizeof *w->tok))
        return 0;
    w->tok[w->ntok++] = *t;
    return 1;
}

int cm__push_slot(work *w, int first, int last, const cm_place *place, size_t offset,
                     const char *how)
{
    if (!cm__reserve((void **)&w->s, &w->s_cap, w->ns + 1, sizeof *w->s))
        return 0;
    w->s[w->ns++] = (slot){.first = first, .last = last, .place = place, .offset = offset,
                           .eligible = place->kind != CM_KIND_FOREIGN, .how = how,
                           .app_end = last, .host = -1};
    if (place->kind == CM_KIND_FOREIGN)
        snprintf(w->s[w->ns - 1].reason, REASON_MAX, "foreign place");
    return 1;
}

void cm__set_reason(slot *s, const char *fmt, const char *arg)
{
    if (!s->reason[0])
        snprintf(s->reason, REASON_MAX, fmt, arg);
}

/* The punctuation in text[from, to): P_COMMA, P_BREAK or 0. */
int cm__punctuation(const char *t, size_t from, size_t to)
{
    int p = 0;
    for (size_t i = from; i < to; i++) {
        const unsigned char c = (unsigned char)t[i];
        if (c == ',')
            p |= P_COMMA;
        else if (c == ')')
            p |= P_COMMA | P_CLOSE; /* a bracket encloses like commas */
        else if (c == '(')
            p |= P_COMMA | P_PAREN;
        else if (c == ':')
            p |= P_COMMA | P_COLON; /* "handed over: A, B and C" */
        else if (c == ';')
            p |= P_BREAK;
        else if (c == 0xE2 && i + 2 < to && (unsigned char)t[i + 1] == 0x80 &&
                 ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93))
            p |= P_BREAK | P_DASH; /* em or en dash */
        else if (c == '-' && i > from && i + 1 < to && t[i - 1] == ' ' && t[i + 1] == ' ')
            p |= P_BREAK | P_DASH; /* " - ", the dash typed as a hyphen */
    }
    return p;
}

/* Whether token t is word pattern p: its form, or for the kinds that are
 * verbs and nouns of events (lemmas), one of its lemmas. */
static int token_is(const work *w, const token *t, const cm_lex_entry *e, int k, int lemmas)
{
    if (t->slot >= 0)
        return 0;
    if (e->stems & (1u << k)) {
        if (cm_lex_entry_word_match(e, k, t->w))
            return 1;
        for (int i = 0; lemmas && i < t->nlem; i++)
            if (cm_lex_entry_word_match(e, k, t->lem[i]))
                return 1;
        return 0;
    }
    const int id = cm__vocab_word(w->x->vocab, e, k);
    if (t->id == id)
        return 1;
    for (int i = 0; lemmas && i < t->nlem; i++)
        if (t->lid[i] == id)
            return 1;
    return 0;
}

/* Mark the tokens that may stand inside a trigger phrase: fillers and
 * one-word date words. */
static void mark_fillers(work *w)
{
    for (size_t i = 0; i < w->ntok; i++) {
        token *t = &w->tok[i];
        size_t n = 0, ns = 0, unused;
        const cm_lex_entry *const *stems = NULL;
        const cm_lex_entry *const *cand = NULL;
        if (t->slot < 0) {
            cand = cm__vocab_first(w->x->vocab, t->id, &n);
            cm_lexicon_first_word(w->x->lx, t->w, &unused, &stems, &ns);
        }
        t->filler = 0;
        for (size_t c = 0; c < n + ns && !t->filler; c++) {
            const cm_lex_entry *e = c < n ? cand[c] : stems[c - n];
            t->filler = (e->kind == CM_LEX_FILLER || e->kind == CM_LEX_WHEN) && e->nwords == 1 &&
                        cm_lex_entry_word_match(e, 0, t->w);
        }
    }
}

/* Whether token j may stand in a phrase's gap ("..."): a word that is no
 * place and has no comma or break before it. */
static int gap_word(const work *w, size_t j)
{
    return j < w->ntok && w->tok[j].slot < 0 && !(w->tok[j].punct & (P_COMMA | P_BREAK));
}

/* The end of entry e's words from k on, matched from token j, or -1.  The
 * words of a trigger may have up to MAX_FILLERS fillers between them, and
 * 1 to CM_LEX_GAP_WORDS words where the phrase has a gap (the shortest
 * gap that lets the rest match). */
static int match_from(const work *w, size_t j, const cm_lex_entry *e, int k, int lemmas,
                      int gap_done)
{
    for (; k < e->nwords; k++, j++, gap_done = 0) {
        if ((e->gaps & (1u << k)) && !gap_done) {
            for (int g = 1; g <= CM_LEX_GAP_WORDS && gap_word(w, j + (size_t)g - 1); g++) {
                const int end = match_from(w, j + (size_t)g, e, k, lemmas, 1);
                if (end >= 0)
                    return end;
            }
            return -1;
        }
        int skipped = 0;
        while (k > 0 && e->kind == CM_LEX_TRIGGER && j < w->ntok && skipped < MAX_FILLERS &&
               w->tok[j].filler && !token_is(w, &w->tok[j], e, k, lemmas))
            j++, skipped++;
        if (j >= w->ntok || !token_is(w, &w->tok[j], e, k, lemmas) ||
            (k > 0 && (w->tok[j].punct & (P_COMMA | P_BREAK))))
            return -1;
    }
    return (int)j;
}

/* The end of entry e matched at token i, or -1. */
static int match_at(const work *w, size_t i, const cm_lex_entry *e)
{
    const cm_lex_kind kind = e->kind;
    const int lemmas = kind == CM_LEX_TRIGGER || kind == CM_LEX_ATTEMPT ||
                       kind == CM_LEX_FAILURE || kind == CM_LEX_DENIAL ||
                       kind == CM_LEX_FUTURE;
    return match_from(w, i, e, 0, lemmas, 0);
}

static int push_match(work *w, const cm_lex_entry *e, int first, int last)
{
    for (size_t i = w->nm; i-- > 0 && w->m[i].first == first;)
        if (w->m[i].e == e)
            return 1; /* found again through a lemma */
    if (!cm__reserve((void **)&w->m, &w->m_cap, w->nm + 1, sizeof *w->m))
        return 0;
    w->m[w->nm++] = (match){e, first, last, 0, 0};
    return 1;
}

static int match_list(work *w, size_t i, const cm_lex_entry *const *cand, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        const int end = match_at(w, i, cand[c]);
        if (end >= 0 && !push_match(w, cand[c], (int)i, end))
            return 0;
    }
    return 1;
}

/* The phrases starting at token i whose first word is the word key (number
 * id in the vocabulary), or a stem of it. */
static int match_key(work *w, size_t i, const char *key, int id)
{
    size_t n, ns, unused;
    const cm_lex_entry *const *stems;
    const cm_lex_entry *const *cand = cm__vocab_first(w->x->vocab, id, &n);
    cm_lexicon_first_word(w->x->lx, key, &unused, &stems, &ns);
    return match_list(w, i, cand, n) && match_list(w, i, stems, ns);
}

/* Every lexicon phrase that matches at some token, on its form or lemmas. */
int cm__find_matches(work *w)
{
    w->nm = 0;
    mark_fillers(w);
    for (size_t i = 0; i < w->ntok; i++) {
        const token *t = &w->tok[i];
        if (t->slot >= 0)
            continue;
        if (!match_key(w, i, t->w, t->id))
            return 0;
        for (int k = 0; k < t->nlem; k++)
            if (!match_key(w, i, t->lem[k], t->lid[k]))
                return 0;
    }
    for (size_t i = 0; i < w->ntok; i++)
        w->tok[i].kinds = 0;
    for (size_t i = 0; i < w->nm; i++)
        for (int j = w->m[i].first; j < w->m[i].last; j++)
            w->tok[j].kinds |= 1u << w->m[i].e->kind;
    return 1;
}

/* The matches starting in tokens [from, to): indexes [*lo, *hi) of w->m. */
void cm__matches_from(const work *w, int from, int to, size_t *lo, size_t *hi)
{
    from = from < 0 ? 0 : from;
    to = to > (int)w->ntok ? (int)w->ntok : to;
    *lo = from < to ? (size_t)w->first_idx[from] : 0;
    *hi = from < to ? (size_t)w->first_idx[to] : 0;
}

const match *cm__match_ending_at(const work *w, cm_lex_kind kind, int last)
{
    if (!(w->kinds_present & (1u << kind)))
        return NULL;
    size_t lo, hi;
    cm__matches_from(w, last - MAX_SPAN, last, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == kind && w->m[i].last == last)
            return &w->m[i];
    return NULL;
}

const match *cm__match_covering(const work *w, cm_lex_kind kind, int tok)
{
    if (!(w->tok[tok].kinds & (1u << kind)))
        return NULL;
    size_t lo, hi;
    cm__matches_from(w, tok - MAX_SPAN + 1, tok + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == kind && w->m[i].first <= tok && tok < w->m[i].last)
            return &w->m[i];
    return NULL;
}

/* The indexes of the piece's matches: where each token's matches start,
 * which are inside longer ones, where triggers start, the kinds present,
 * the days of the month and the years written.  0 when out of memory. */
int cm__index_matches(work *w)
{
    const size_t n = w->ntok + 1;
    if (!cm__reserve((void **)&w->first_idx, &w->idx_cap, n, sizeof(int)))
        return 0;
    size_t cap = w->idx_cap;
    int **arrays[] = {&w->trig_prefix, &w->seg_trigger, &w->seg_start, &w->day, &w->appo, &w->dates};
    for (size_t a = 0; a < sizeof arrays / sizeof *arrays; a++) {
        int *p = realloc(*arrays[a], cap * sizeof(int));
        if (!p)
            return 0;
        *arrays[a] = p;
    }
    size_t m = 0;
    for (size_t i = 0; i <= w->ntok; i++) {
        while (m < w->nm && (size_t)w->m[m].first < i)
            m++;
        w->first_idx[i] = (int)m;
    }
    w->kinds_present = 0;
    for (size_t i = 0; i < w->nm; i++) {
        w->m[i].contained = find_contained(w, &w->m[i]);
        w->kinds_present |= 1u << w->m[i].e->kind;
    }
    for (size_t i = 0; i < w->nm; i++)
        w->m[i].dates = cm__find_dates(w, &w->m[i]);
    w->trig_prefix[0] = 0;
    for (size_t i = 0; i < w->ntok; i++) {
        int starts = 0;
        for (int k = w->first_idx[i]; k < w->first_idx[i + 1]; k++)
            starts |= w->m[k].e->kind == CM_LEX_TRIGGER && !w->m[k].contained;
        w->trig_prefix[i + 1] = w->trig_prefix[i] + starts;
    }
    w->ndays = w->nyears = 0;
    for (size_t i = 0; i < w->ntok; i++)
        if ((w->day[i] = cm__day_alone(w, i)) != 0)
            w->dates[w->ndays++] = (int)i;
    for (size_t i = 0; i < w->ntok; i++)
        if (cm__token_number(&w->tok[i], 1900, 2199))
            w->dates[w->ndays + w->nyears++] = (int)i;
    return 1;
}

/* Clause numbers: a break (";", a dash, a bracket) or a clause word opens
 * a new one. */
void cm__mark_clauses(work *w)
{
    int c = 0, seg = 0;
    for (size_t i = 0; i < w->ntok; i++) {
        const match *k = cm__match_covering(w, CM_LEX_CLAUSE, (int)i);
        if ((w->tok[i].punct & P_BREAK) || (k && k->first == (int)i))
            c++;
        if (w->tok[i].punct & (P_BREAK | P_COMMA))
            seg++;
        w->tok[i].clause = c;
        w->tok[i].segment = seg;
    }
    w->date_heads = cm__date_heads(w);
    for (int s = 0; s <= seg; s++)
        w->seg_trigger[s] = 0;
    for (size_t i = w->ntok; i-- > 0;)
        w->seg_start[w->tok[i].segment] = (int)i;
    for (size_t i = 0; i < w->ntok; i++)
        if (cm__trigger_within(w, (int)i, (int)i + 1))
            w->seg_trigger[w->tok[i].segment] = 1;
}

int cm__is_word(const token *t, const char *const *words)
{
    for (; *words; words++)
        if (t->slot < 0 && strcmp(t->w, *words) == 0)
            return 1;
    return 0;
}

const char *const cm__articles[] = {"la", "le", "les", "l", "de", "du", "d", "des", "the",
                                       "of", "a", "an", "its", "sa", "son", "ses", "their",
                                       "leur", NULL};

/* Whether a longer phrase covers match t: of its kind (or an idiom) for a
 * trigger or a date word, of any kind that qualifies a trigger for the others ("if"
 * inside "if confirmed"). */
int cm__contained_in_longer(const work *w, const match *t)
{
    (void)w;
    return t->contained;
}

/* cm__contained_in_longer, measured once per match by cm__index_matches. */
static int find_contained(const work *w, const match *t)
{
    const int same_kind = t->e->kind == CM_LEX_TRIGGER || t->e->kind == CM_LEX_WHEN;
    size_t lo, hi;
    cm__matches_from(w, t->first - MAX_SPAN, t->first + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *o = &w->m[i];
        const int kin = same_kind ? o->e->kind == t->e->kind || o->e->kind == CM_LEX_IDIOM
                                  : o->e->kind != CM_LEX_TRIGGER && o->e->kind != CM_LEX_WHEN;
        if (o != t && kin && o->first <= t->first && o->last >= t->last &&
            o->last - o->first > t->last - t->first)
            return 1;
    }
    return 0;
}

int cm__trigger_within(const work *w, int from, int to)
{
    from = from < 0 ? 0 : from;
    to = to > (int)w->ntok ? (int)w->ntok : to;
    return from < to && w->trig_prefix[to] - w->trig_prefix[from] > 0;
}

/* A day of the month (1-31, "1er", "13th") or a year (1900-2199) in token t. */
int cm__token_number(const token *t, int lo, int hi)
{
    char *end;
    if (t->slot >= 0 || !t->w[0] || t->w[0] < '0' || t->w[0] > '9')
        return 0;
    const long v = strtol(t->w, &end, 10);
    if (end == t->w || (*end && strcmp(end, "er") != 0 && strcmp(end, "st") != 0 &&
                        strcmp(end, "nd") != 0 && strcmp(end, "rd") != 0 && strcmp(end, "th") != 0))
        return 0;
    return v >= lo && v <= hi ? (int)v : 0;
}

/* How far a status goes: a sentence that says a town fell and was
 * besieged reports the fall. */
int cm__weight(cm_state s)
{
    return s == CM_STATE_ATTACKED ? 1 : s == CM_STATE_CONTESTED ? 2 : 3;
}
