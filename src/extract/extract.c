#include "conflictmap/extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/scan.h"
#include "extract/lemma.h"
#include "extract/when.h"
#include "util.h"
#include "words.h"

#define MAX_TOKENS 4096   /* a longer sentence is read in pieces this long */
#define ANAPHOR_REACH 3   /* sentences an anaphor looks back */
#define MAX_FILLERS 2     /* filler words inside one trigger phrase */
#define MAX_INSERT 24     /* words of an apposition or relative clause inside a list */
#define MAX_APPOSITION (3 * MAX_INSERT) /* words of all a place's appositions */
#define MAX_REACH 50      /* the largest max_gap a lexicon row may give */
#define MAX_LOCATIVE 10   /* words of a locative without commas ("on the main highway
                             south of Kabul in the morning") */
#define MAX_TAIL 8        /* words between a list's joining word and its place */
#define MAX_ANAPHOR_WORDS 16
#define REASON_MAX 256
#define SENTENCE_MAX 1024 /* a longer sentence is quoted around each event's place */

struct cm_extractor {
    const cm_gazetteer *gz;
    const cm_lexicon *lx;
    cm_scanner *scanner;
    cm__lemmatizer *lm;
    /* The last words of the anaphors ("ville", "city"), to skip sentences
     * that name no place and hold none; n_anaphor_words = -1 when one of
     * them is not ASCII (then no sentence is skipped that way). */
    const char *anaphor_words[MAX_ANAPHOR_WORDS];
    int n_anaphor_words;
};

static void collect_anaphor_words(cm_extractor *x)
{
    for (size_t i = 0; i < cm_lexicon_count(x->lx); i++) {
        const cm_lex_entry *e = cm_lexicon_entry(x->lx, i);
        if (e->kind != CM_LEX_ANAPHOR)
            continue;
        const char *w = e->words[e->nwords - 1];
        int ascii = w[strcspn(w, "*")] == '\0';
        for (const char *p = w; *p; p++)
            ascii &= (unsigned char)*p < 0x80;
        if (!ascii || x->n_anaphor_words == MAX_ANAPHOR_WORDS) {
            x->n_anaphor_words = -1;
            return;
        }
        x->anaphor_words[x->n_anaphor_words++] = w;
    }
}

cm_status cm_extractor_create_with(const cm_gazetteer *gz, const cm_lexicon *lx,
                                   const char *dict_dir, const char *const *dicts, int n,
                                   cm_extractor **out, cm_error *err)
{
    *out = NULL;
    cm_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return cm_error_set(err, CM_ERR_NOMEM, "extractor: out of memory");
    x->gz = gz;
    x->lx = lx;
    collect_anaphor_words(x);
    cm_status st = cm__lemmatizer_create(dict_dir, dicts, n, &x->lm, err);
    if (st == CM_OK)
        st = cm_scanner_create(gz, &x->scanner, err);
    if (st != CM_OK) {
        cm_extractor_free(x);
        return st;
    }
    *out = x;
    return CM_OK;
}

cm_status cm_extractor_create(const cm_gazetteer *gz, const cm_lexicon *lx,
                              cm_extractor **out, cm_error *err)
{
    static const char *const dicts[] = {"fr_FR", "en_US"};
    return cm_extractor_create_with(gz, lx, CM_HUNSPELL_DIR, dicts, 2, out, err);
}

void cm_extractor_free(cm_extractor *x)
{
    if (!x)
        return;
    cm_scanner_free(x->scanner);
    cm__lemmatizer_free(x->lm);
    free(x);
}

/* ---- stage 1: words ------------------------------------------------------- */

enum { P_COMMA = 1, P_BREAK = 2, P_COLON = 4, P_PAREN = 8 }; /* punctuation before a token */

typedef struct token {
    size_t start, end;
    char w[CM_LEX_WORD_MAX]; /* folded; "" for a place */
    char lem[CM__MAX_LEMMAS][CM_LEX_WORD_MAX];
    int nlem;
    int slot;   /* the place slot it belongs to, or -1 */
    int filler; /* may stand inside a trigger phrase */
    int punct;  /* P_* before it */
    int clause; /* clause number within the sentence */
    int segment; /* comma-separated segment number within the sentence */
    unsigned kinds; /* bit k: a phrase of lexicon kind k covers it */
} token;

typedef struct match {
    const cm_lex_entry *e;
    int first, last; /* tokens [first, last) */
    int contained;   /* inside a longer phrase (see contained_in_longer) */
    int dates;       /* a date word that dates an event (see dates_event) */
} match;

#define MAX_SPAN (CM_LEX_MAX_WORDS + (CM_LEX_MAX_WORDS - 1) * MAX_FILLERS) /* tokens of a phrase */

/* A place the sentence names, or an anaphor standing for one. */
typedef struct slot {
    int first, last;
    const cm_place *place;
    size_t offset;
    int eligible;
    int remote;         /* named as elsewhere ("70 km from X"): no antecedent */
    int province_named; /* "province de X", "X province" */
    int app_end;        /* the token after its apposition (last when none) */
    int host;           /* the slot in whose apposition it stands, or -1 */
    const char *how;    /* "" for a place named, else how it was resolved */
    char reason[REASON_MAX]; /* why no event (first reason found) */
    /* the event chosen for it, if any */
    int has_event, gap;
    cm_state status;
    cm_confidence confidence;
    cm__when when;
    const match *trigger, *date_word;
    char modality[REASON_MAX];
    char link[REASON_MAX];
} slot;

/* The article's story so far: its events, and what explains them. */
typedef struct story_item {
    cm_event e;
    int withdrawn;
} story_item;

typedef struct work {
    const cm_extractor *x;
    const cm_article *a;
    const cm_mentions *mentions;
    size_t next_mention;
    token *tok;
    size_t ntok, tok_cap;
    match *m;
    size_t nm, m_cap;
    slot *s;
    size_t ns, s_cap, ns_sorted; /* slots [0, ns_sorted) are in text order */
    int *blocked; /* prefix counts of blocker words */
    size_t blocked_cap;
    /* indexes of the current piece, so that no stage is quadratic in it */
    int *first_idx;     /* [ntok + 1]: the first match starting at or after each token */
    int *trig_prefix;   /* [ntok + 1]: trigger phrases starting before each token */
    int *seg_trigger;   /* [segments]: whether a trigger starts in the segment */
    int *day;           /* [ntok]: the day of the month a token names alone ("le 11"), 0 */
    int *appo;          /* [ntok]: the slot whose apposition (holding a trigger) covers it */
    int *dates;         /* token indexes of days alone, then of years (ndays, nyears) */
    size_t idx_cap, ndays, nyears;
    unsigned kinds_present; /* bit k: a phrase of kind k in the piece */
    const cm_place *last_town, *last_province, *topic;
    size_t last_town_sentence, last_province_sentence, topic_sentence;
    size_t sentence;
    cm_span span; /* of the current sentence */
    cm__when_ctx time;  /* the article's date and the date last named */
    cm_date paragraph_date; /* the date this paragraph last named, or NONE */
    int heading;            /* the last paragraph was a date alone ("FRIDAY, AUG. 13") */
    cm_events story;
    cm_explain_fn explain;
    void *explain_ctx;
} work;

static int is_town(const cm_place *p)
{
    return p->kind == CM_KIND_PROVINCIAL_CAPITAL || p->kind == CM_KIND_NATIONAL_CAPITAL ||
           p->kind == CM_KIND_CITY || p->kind == CM_KIND_DISTRICT_CENTRE;
}

static cm_status nomem(cm_error *err)
{
    return cm_error_set(err, CM_ERR_NOMEM, "extractor: out of memory");
}

static int push_token(work *w, const token *t)
{
    if (!cm__reserve((void **)&w->tok, &w->tok_cap, w->ntok + 1, sizeof *w->tok))
        return 0;
    w->tok[w->ntok++] = *t;
    return 1;
}

static int push_slot(work *w, int first, int last, const cm_place *place, size_t offset,
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

static void set_reason(slot *s, const char *fmt, const char *arg)
{
    if (!s->reason[0])
        snprintf(s->reason, REASON_MAX, fmt, arg);
}

/* The punctuation in text[from, to): P_COMMA, P_BREAK or 0. */
static int punctuation(const char *t, size_t from, size_t to)
{
    int p = 0;
    for (size_t i = from; i < to; i++) {
        const unsigned char c = (unsigned char)t[i];
        if (c == ',' || c == ')')
            p |= P_COMMA; /* a bracket encloses like commas */
        else if (c == '(')
            p |= P_COMMA | P_PAREN;
        else if (c == ':')
            p |= P_COMMA | P_COLON; /* "handed over: A, B and C" */
        else if (c == ';')
            p |= P_BREAK;
        else if (c == 0xE2 && i + 2 < to && (unsigned char)t[i + 1] == 0x80 &&
                 ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93))
            p |= P_BREAK; /* em or en dash */
    }
    return p;
}

/* Whether token t is word pattern p: its form, or for the kinds that are
 * verbs and nouns of events (lemmas), one of its lemmas. */
static int token_is(const token *t, const cm_lex_entry *e, int k, int lemmas)
{
    if (t->slot >= 0)
        return 0;
    if (cm_lex_entry_word_match(e, k, t->w))
        return 1;
    for (int i = 0; lemmas && i < t->nlem; i++)
        if (cm_lex_entry_word_match(e, k, t->lem[i]))
            return 1;
    return 0;
}

/* ---- stage 2: phrases ------------------------------------------------------ */

/* Mark the tokens that may stand inside a trigger phrase: fillers and
 * one-word date words. */
static void mark_fillers(work *w)
{
    for (size_t i = 0; i < w->ntok; i++) {
        token *t = &w->tok[i];
        size_t n = 0, ns = 0;
        const cm_lex_entry *const *stems = NULL;
        const cm_lex_entry *const *cand =
            t->slot < 0 ? cm_lexicon_first_word(w->x->lx, t->w, &n, &stems, &ns) : NULL;
        t->filler = 0;
        for (size_t c = 0; c < n + ns && !t->filler; c++) {
            const cm_lex_entry *e = c < n ? cand[c] : stems[c - n];
            t->filler = (e->kind == CM_LEX_FILLER || e->kind == CM_LEX_WHEN) && e->nwords == 1 &&
                        cm_lex_entry_word_match(e, 0, t->w);
        }
    }
}

/* The end of entry e matched at token i, or -1.  The words of a trigger
 * may have up to MAX_FILLERS fillers between them. */
static int match_at(const work *w, size_t i, const cm_lex_entry *e)
{
    const cm_lex_kind kind = e->kind;
    const int lemmas = kind == CM_LEX_TRIGGER || kind == CM_LEX_ATTEMPT ||
                       kind == CM_LEX_FAILURE || kind == CM_LEX_DENIAL ||
                       kind == CM_LEX_FUTURE;
    size_t j = i;
    for (int k = 0; k < e->nwords; k++, j++) {
        int skipped = 0;
        while (k > 0 && e->kind == CM_LEX_TRIGGER && j < w->ntok && skipped < MAX_FILLERS &&
               w->tok[j].filler && !token_is(&w->tok[j], e, k, lemmas))
            j++, skipped++;
        if (j >= w->ntok || !token_is(&w->tok[j], e, k, lemmas) ||
            (k > 0 && (w->tok[j].punct & (P_COMMA | P_BREAK))))
            return -1;
    }
    return (int)j;
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

static int match_key(work *w, size_t i, const char *key)
{
    size_t n, ns;
    const cm_lex_entry *const *stems;
    const cm_lex_entry *const *cand = cm_lexicon_first_word(w->x->lx, key, &n, &stems, &ns);
    return match_list(w, i, cand, n) && match_list(w, i, stems, ns);
}

/* Every lexicon phrase that matches at some token, on its form or lemmas. */
static int find_matches(work *w)
{
    w->nm = 0;
    mark_fillers(w);
    for (size_t i = 0; i < w->ntok; i++) {
        const token *t = &w->tok[i];
        if (t->slot >= 0)
            continue;
        if (!match_key(w, i, t->w))
            return 0;
        for (int k = 0; k < t->nlem; k++)
            if (!match_key(w, i, t->lem[k]))
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
static void matches_from(const work *w, int from, int to, size_t *lo, size_t *hi)
{
    from = from < 0 ? 0 : from;
    to = to > (int)w->ntok ? (int)w->ntok : to;
    *lo = from < to ? (size_t)w->first_idx[from] : 0;
    *hi = from < to ? (size_t)w->first_idx[to] : 0;
}

static const match *match_ending_at(const work *w, cm_lex_kind kind, int last)
{
    if (!(w->kinds_present & (1u << kind)))
        return NULL;
    size_t lo, hi;
    matches_from(w, last - MAX_SPAN, last, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == kind && w->m[i].last == last)
            return &w->m[i];
    return NULL;
}

static const match *match_covering(const work *w, cm_lex_kind kind, int tok)
{
    if (!(w->tok[tok].kinds & (1u << kind)))
        return NULL;
    size_t lo, hi;
    matches_from(w, tok - MAX_SPAN + 1, tok + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == kind && w->m[i].first <= tok && tok < w->m[i].last)
            return &w->m[i];
    return NULL;
}

static int find_contained(const work *w, const match *t);
static int find_dates(const work *w, const match *m);
static int trigger_within(const work *w, int from, int to);
static int token_number(const token *t, int lo, int hi);
static int day_alone(const work *w, size_t i);

/* The indexes of the piece's matches: where each token's matches start,
 * which are inside longer ones, where triggers start, the kinds present,
 * the days of the month and the years written.  0 when out of memory. */
static int index_matches(work *w)
{
    const size_t n = w->ntok + 1;
    if (!cm__reserve((void **)&w->first_idx, &w->idx_cap, n, sizeof(int)))
        return 0;
    size_t cap = w->idx_cap;
    int **arrays[] = {&w->trig_prefix, &w->seg_trigger, &w->day, &w->appo, &w->dates};
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
        w->m[i].dates = find_dates(w, &w->m[i]);
    w->trig_prefix[0] = 0;
    for (size_t i = 0; i < w->ntok; i++) {
        int starts = 0;
        for (int k = w->first_idx[i]; k < w->first_idx[i + 1]; k++)
            starts |= w->m[k].e->kind == CM_LEX_TRIGGER && !w->m[k].contained;
        w->trig_prefix[i + 1] = w->trig_prefix[i] + starts;
    }
    w->ndays = w->nyears = 0;
    for (size_t i = 0; i < w->ntok; i++)
        if ((w->day[i] = day_alone(w, i)) != 0)
            w->dates[w->ndays++] = (int)i;
    for (size_t i = 0; i < w->ntok; i++)
        if (token_number(&w->tok[i], 1900, 2199))
            w->dates[w->ndays + w->nyears++] = (int)i;
    return 1;
}

/* Clause numbers: a break (";", a dash, a bracket) or a clause word opens
 * a new one. */
static void mark_clauses(work *w)
{
    int c = 0, seg = 0;
    for (size_t i = 0; i < w->ntok; i++) {
        const match *k = match_covering(w, CM_LEX_CLAUSE, (int)i);
        if ((w->tok[i].punct & P_BREAK) || (k && k->first == (int)i))
            c++;
        if (w->tok[i].punct & (P_BREAK | P_COMMA))
            seg++;
        w->tok[i].clause = c;
        w->tok[i].segment = seg;
    }
    for (int s = 0; s <= seg; s++)
        w->seg_trigger[s] = 0;
    for (size_t i = 0; i < w->ntok; i++)
        if (trigger_within(w, (int)i, (int)i + 1))
            w->seg_trigger[w->tok[i].segment] = 1;
}

/* ---- stage 3: place phrases ------------------------------------------------ */

static int is_word(const token *t, const char *const *words)
{
    for (; *words; words++)
        if (t->slot < 0 && strcmp(t->w, *words) == 0)
            return 1;
    return 0;
}

static const char *const articles[] = {"la", "le", "les", "l", "de", "du", "d", "des", "the",
                                       "of", "a", "an", "its", "sa", "son", "ses", "their",
                                       "leur", NULL};

/* The context phrase that ends right before token f, allowing articles
 * and "province de" between ("gouverneur de la province de X"), or NULL. */
static const match *context_before(const work *w, int f)
{
    static const char *const skip[] = {"la", "le", "les", "l", "de", "du", "d", "des", "the",
                                       "of", "province", "provinciale", "ville", "city",
                                       "town", NULL};
    for (int j = f;; j--) {
        const match *m = match_ending_at(w, CM_LEX_CONTEXT, j);
        if (m)
            return m;
        if (j == 0 || !is_word(&w->tok[j - 1], skip))
            return NULL;
    }
}

/* Whether a province slot only says where the town before it lies:
 * "Asadabad, dans la province de Kounar", "Sharana, in Paktika province". */
static int locates_town(const work *w, const slot *s)
{
    static const char *const skip[] = {"la", "le", "province", "de", "d", "the", "of", NULL};
    static const char *const in[] = {"dans", "in", NULL};
    int j = s->first;
    while (j > 0 && is_word(&w->tok[j - 1], skip))
        j--;
    return j > 0 && is_word(&w->tok[j - 1], in) && (w->tok[j - 1].punct & P_COMMA);
}

static int cmp_slot(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

/* The capital of province p, or NULL. */
static const cm_place *capital_of(const work *w, const cm_place *p)
{
    const size_t n = cm_gazetteer_count(w->x->gz);
    for (size_t i = 0; i < n; i++) {
        const cm_place *c = cm_gazetteer_place(w->x->gz, i);
        if ((c->kind == CM_KIND_PROVINCIAL_CAPITAL || c->kind == CM_KIND_NATIONAL_CAPITAL) &&
            strcmp(c->admin1, p->id) == 0)
            return c;
    }
    return NULL;
}

/* The place an anaphor at m stands for: the town named last (in this
 * sentence before it, or in the last ANAPHOR_REACH sentences); for "its
 * capital" (a phrase with "capital" in it), the capital of the province
 * named more recently than any town. */
static const cm_place *antecedent(const work *w, const match *m, size_t named, const char **how)
{
    int capital = 0;
    for (int k = 0; k < m->e->nwords; k++)
        capital |= strncmp(m->e->words[k], "capital", 7) == 0 ||
                   strncmp(m->e->words[k], "chef", 4) == 0;
    /* the town the text is about: the last with an event, else the last
     * named as a possible event location */
    const cm_place *town = w->topic && w->sentence - w->topic_sentence <= ANAPHOR_REACH ? w->topic
                           : w->last_town && w->sentence - w->last_town_sentence <= ANAPHOR_REACH
                               ? w->last_town : NULL;
    const cm_place *prov = w->last_province &&
                                   w->sentence - w->last_province_sentence <= ANAPHOR_REACH &&
                                   (!town || w->last_province_sentence > w->last_town_sentence)
                               ? w->last_province : NULL;
    for (size_t k = 0; k < named; k++) {
        if (w->s[k].first >= m->first)
            continue;
        if (is_town(w->s[k].place) && !w->s[k].remote)
            town = w->s[k].place, prov = NULL;
        else if (w->s[k].place->kind == CM_KIND_PROVINCE)
            prov = w->s[k].place;
    }
    if (capital && prov) {
        *how = "anaphor: the capital of the province just named";
        return capital_of(w, prov);
    }
    *how = "anaphor: the town the text is about";
    return town;
}

/* A blocker right after a town ("Kunduz airport", "the city's prison"):
 * the mention names the facility.  NULL if none. */
static const match *facility_after(const work *w, const slot *s)
{
    static const char *const poss[] = {"s", NULL};
    int j = s->last;
    if ((size_t)j < w->ntok && is_word(&w->tok[j], poss) && !(w->tok[j].punct & P_COMMA))
        j++;
    if ((size_t)j >= w->ntok || (w->tok[j].punct & (P_COMMA | P_BREAK)) ||
        s->place->kind == CM_KIND_BORDER_CROSSING || s->place->kind == CM_KIND_BASE)
        return NULL;
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].first == j && (w->m[i].e->kind == CM_LEX_BLOCKER))
            return &w->m[i];
    return NULL;
}

/* A blocker just before "in" and the town ("un camp militaire dans la
 * ville", "the prison in Kandahar"): the mention locates the facility.
 * NULL if none. */
static const match *facility_before(const work *w, const slot *s)
{
    static const char *const in[] = {"dans", "in", "at", "a", "au", "inside", NULL};
    if (s->first < 2 || !is_word(&w->tok[s->first - 1], in) ||
        s->place->kind == CM_KIND_BORDER_CROSSING || s->place->kind == CM_KIND_BASE)
        return NULL;
    size_t lo, hi;
    matches_from(w, s->first - 4 - MAX_SPAN, s->first, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *b = &w->m[i];
        if (b->e->kind == CM_LEX_BLOCKER && b->last < s->first && s->first - 1 - b->last <= 2 &&
            !match_covering(w, CM_LEX_SEAT, b->first))
            return b;
    }
    return NULL;
}

/* Whether a trigger phrase (not part of a longer one) starts in [from, to). */
static int trigger_within(const work *w, int from, int to);

/* Whether the words around slot s make it no event location: a context
 * before it, a facility it names or locates, a province that only locates
 * the town before it, an agent ("abandonnés par Kaboul"). */
static void place_phrase(work *w, slot *s)
{
    static const char *const by[] = {"par", "by", NULL};
    if (!s->eligible)
        return;
    const match *c = context_before(w, s->first);
    const match *f = facility_after(w, s);
    if (!f)
        f = facility_before(w, s);
    if (f) {
        s->eligible = 0;
        set_reason(s, "names a facility, '%s', not the town", f->e->phrase);
    } else if (c) {
        s->eligible = 0;
        s->remote = c->e->remote;
        set_reason(s, "context '%s' before it", c->e->phrase);
    } else if (s->province_named && locates_town(w, s)) {
        s->eligible = 0;
        set_reason(s, "%s", "only locates the town before it");
    } else if (s->first > 0 && is_word(&w->tok[s->first - 1], by) &&
               trigger_within(w, s->first - 4 > 0 ? s->first - 4 : 0, s->first - 1)) {
        s->eligible = 0;
        set_reason(s, "%s", "the agent of a passive ('by X'), not its object");
    }
}

/* Anaphors become slots (after the places named, whose phrases decide
 * which can be antecedents); then their own phrases are read. */
static int resolve_slots(work *w)
{
    static const char *const of[] = {"de", "d", "of", NULL};
    const size_t named = w->ns;
    for (size_t k = 0; k < named; k++)
        place_phrase(w, &w->s[k]);
    for (size_t i = 0; i < w->nm; i++) {
        const match *m = &w->m[i];
        if (m->e->kind != CM_LEX_ANAPHOR)
            continue;
        if ((size_t)m->last < w->ntok && (w->tok[m->last].slot >= 0 || is_word(&w->tok[m->last], of)))
            continue; /* "la ville de X" names X itself */
        const char *how = "";
        const cm_place *ref = antecedent(w, m, named, &how);
        if (ref && !push_slot(w, m->first, m->last, ref, w->tok[m->first].start, how))
            return 0;
    }
    for (size_t k = named; k < w->ns; k++)
        place_phrase(w, &w->s[k]);
    if (w->ns > 1)
        qsort(w->s, w->ns, sizeof *w->s, cmp_slot);
    w->ns_sorted = w->ns;
    return 1;
}


/* The apposition of each slot: the segments between commas right after it
 * that name no place first and hold no trigger (unless they open with a
 * relative word: "Taloqan, où les combats duraient depuis un mois, ...");
 * the slots inside one belong to it ("Pol-e Khomri, sur la route entre
 * Kaboul et Mazar, ..."). */
static void find_appositions(work *w)
{
    for (size_t k = 0; k < w->ns; k++) {
        slot *s = &w->s[k];
        int i = s->last;
        while ((size_t)i < w->ntok && (w->tok[i].punct & P_COMMA) &&
               !(w->tok[i].punct & (P_BREAK | P_COLON))) {
            if ((w->tok[i].slot >= 0 && !(w->tok[i].punct & P_PAREN)) ||
                match_covering(w, CM_LEX_COORDINATOR, i))
                break; /* "Gardez (Paktia)" is one place phrase */
            int j = i + 1;
            while ((size_t)j < w->ntok && !(w->tok[j].punct & (P_COMMA | P_BREAK)))
                j++;
            if ((size_t)j >= w->ntok || (w->tok[j].punct & P_BREAK) || j - i > MAX_INSERT ||
                j - s->last > MAX_APPOSITION)
                break; /* not closed before the sentence ends */
            int rel = 0; /* a relative clause, or a locative about another place */
            for (int r = i; r < j && !rel; r++)
                rel = match_covering(w, CM_LEX_RELATIVE, r) != NULL || w->tok[r].slot >= 0;
            if (trigger_within(w, i, j) && !rel)
                break;
            s->app_end = i = j;
        }
    }
    for (size_t k = 0; k < w->ns; k++)
        for (size_t j = k + 1; j < w->ns && w->s[j].first < w->s[k].app_end; j++)
            if (w->s[j].host < 0)
                w->s[j].host = (int)k;
}

/* The appositions that hold a trigger of their own, token by token. */
static void index_places(work *w)
{
    for (size_t j = 0; j < w->ntok; j++)
        w->appo[j] = -1;
    for (size_t k = 0; k < w->ns; k++) {
        const slot *s = &w->s[k];
        if (s->app_end > s->last && trigger_within(w, s->last, s->app_end))
            for (int j = s->last; j < s->app_end; j++)
                w->appo[j] = (int)k;
    }
}

/* ---- stage 4: triggers and lists ----------------------------------------- */

/* Whether an outskirts phrase starts within 3 tokens after token i. */
static int outskirts_after(const work *w, int i)
{
    for (size_t k = 0; k < w->nm; k++)
        if (w->m[k].e->kind == CM_LEX_OUTSKIRTS && w->m[k].first >= i && w->m[k].first - i <= 3)
            return 1;
    return 0;
}

static int build_blocked(work *w)
{
    if (!cm__reserve((void **)&w->blocked, &w->blocked_cap, w->ntok + 1, sizeof *w->blocked))
        return 0;
    memset(w->blocked, 0, (w->ntok + 1) * sizeof *w->blocked);
    for (size_t i = 0; i < w->nm; i++) {
        const match *b = &w->m[i];
        if (b->e->kind != CM_LEX_BLOCKER || match_covering(w, CM_LEX_SEAT, b->first) ||
            (b->first > 0 && match_covering(w, CM_LEX_SEAT, b->first - 1)) ||
            outskirts_after(w, b->last))
            continue; /* "the governor's office"; "checkpoints on the outskirts of" */
        w->blocked[b->first + 1] = 1;
    }
    for (size_t i = 1; i <= w->ntok; i++)
        w->blocked[i] += w->blocked[i - 1];
    return 1;
}

/* Whether a blocker word starts within tokens [from, to). */
static int blocker_between(const work *w, int from, int to)
{
    return to > from && w->blocked[to] - w->blocked[from] > 0;
}

/* Whether slot s may be followed by a comma before its verb: a name in
 * apposition ("The capital of Paktika province, Sharana, fell") or a
 * fronted locative ("À Lashkar Gah, des combats opposaient ..."). */
static int framed(const work *w, const slot *s)
{
    static const char *const at[] = {"a", "au", "dans", "in", "at", NULL};
    if (w->tok[s->first].punct & P_COMMA)
        return 1;
    for (int i = s->first - 1; i >= 0 && i >= s->first - 3; i--) {
        const match *c = match_covering(w, CM_LEX_COORDINATOR, i);
        if (c && (w->tok[c->first].punct & P_COMMA))
            return 1; /* "Paktika province, including its capital Sharana, was" */
    }
    if (s->first == 0 || !is_word(&w->tok[s->first - 1], at))
        return 0;
    const int p = s->first - 1;
    return p == 0 || (w->tok[p].punct & (P_COMMA | P_BREAK));
}

/* The words between a trigger and a slot, or -1 if the trigger cannot
 * reach it.  Blockers do not stand between a trigger and a border crossing
 * or a base: "le poste-frontière de X" is X. */
static int reach(const work *w, const match *t, const slot *s)
{
    const cm_lex_entry *e = t->e;
    const int blockable = s->place->kind != CM_KIND_BORDER_CROSSING && s->place->kind != CM_KIND_BASE;
    int gap;
    if (s->host >= 0) { /* inside an apposition: only its own triggers */
        const slot *h = &w->s[s->host];
        if (t->first < h->last || t->last > h->app_end)
            return -1;
    }
    if (s->app_end > s->last && s->app_end <= t->first) { /* "X, capital of Y, fell" */
        if (e->direction == CM_DIR_BEFORE)
            return -1;
        gap = t->first - s->app_end;
        if (blockable && blocker_between(w, s->app_end, t->first))
            return -1;
        return gap <= e->max_gap ? gap : -1;
    }
    if (s->first >= t->last) {
        if (e->direction == CM_DIR_AFTER)
            return -1;
        gap = s->first - t->last;
        if (blockable && blocker_between(w, t->last, s->first))
            return -1;
    } else if (s->last <= t->first) {
        if (e->direction == CM_DIR_BEFORE)
            return -1;
        gap = t->first - s->last;
        for (int i = s->last; i <= t->first && !framed(w, s); i++)
            if (w->tok[i].punct & (P_COMMA | P_BREAK))
                return -1; /* "Si Mazar tombe, c'est tout le nord qui tombe" */
        if (blockable && blocker_between(w, s->last, t->first))
            return -1;
    } else {
        return -1;
    }
    return gap <= e->max_gap ? gap : -1;
}

/* Whether a longer phrase covers match t: of its kind for a trigger or a
 * date word, of any kind that qualifies a trigger for the others ("if"
 * inside "if confirmed"). */
static int contained_in_longer(const work *w, const match *t)
{
    (void)w;
    return t->contained;
}

/* contained_in_longer, measured once per match by index_matches. */
static int find_contained(const work *w, const match *t)
{
    const int same_kind = t->e->kind == CM_LEX_TRIGGER || t->e->kind == CM_LEX_WHEN;
    size_t lo, hi;
    matches_from(w, t->first - MAX_SPAN, t->first + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *o = &w->m[i];
        const int kin = same_kind ? o->e->kind == t->e->kind
                                  : o->e->kind != CM_LEX_TRIGGER && o->e->kind != CM_LEX_WHEN;
        if (o != t && kin && o->first <= t->first && o->last >= t->last &&
            o->last - o->first > t->last - t->first)
            return 1;
    }
    return 0;
}

static int trigger_within(const work *w, int from, int to)
{
    from = from < 0 ? 0 : from;
    to = to > (int)w->ntok ? (int)w->ntok : to;
    return from < to && w->trig_prefix[to] - w->trig_prefix[from] > 0;
}

/* Whether token i may stand between a list's joining word and its place:
 * a joining word, a date word, a filler or an article. */
static int tail_word(const work *w, int i)
{
    const token *t = &w->tok[i];
    return t->slot < 0 && (match_covering(w, CM_LEX_COORDINATOR, i) ||
                           match_covering(w, CM_LEX_WHEN, i) || t->filler ||
                           is_word(t, articles));
}

typedef struct listing {
    int ok, bare;           /* listed; by a comma alone */
    const match *date_word; /* a date word of its own ("then, on Friday, X") */
} listing;

/* Whether slot b is listed right after slot a: between them, an insert
 * (an apposition or relative clause between commas, or a short locative),
 * then a tail of joining words ("ainsi que", "and, by nightfall,"). */
static listing listed_after(const work *w, const slot *a, const slot *b)
{
    static const char *const province[] = {"province", "provinces", NULL};
    static const char *const at[] = {"in", "at", "a", "au", "dans", NULL};
    listing out = {0, 0, NULL};
    int a_last = a->last; /* "Laghman province, including its capital X" */
    while (a_last < b->first && is_word(&w->tok[a_last], province))
        a_last++;
    if (b->first > a_last && is_word(&w->tok[b->first - 1], at))
        return out; /* "and in Lashkar Gah, commanders agreed": a new clause */
    /* the tail: joining words, date words, articles, and after the joining
     * word at most two other words ("followed within hours by X") */
    int i = b->first, free = 0, coord = -1;
    while (i > a_last && b->first - i < MAX_TAIL) {
        const int k = i - 1;
        if (w->tok[k].slot >= 0 || (w->tok[k + 1].punct & P_BREAK))
            break;
        if (match_covering(w, CM_LEX_COORDINATOR, k))
            coord = k;
        else if (!tail_word(w, k) && (coord >= 0 || ++free > 2))
            break;
        i = k;
    }
    int tail = coord;
    if (coord < 0) { /* a comma alone: only articles and date words */
        tail = b->first;
        while (tail > a_last && b->first - tail < MAX_TAIL && tail_word(w, tail - 1))
            tail--;
    } else {
        while (match_covering(w, CM_LEX_COORDINATOR, tail - 1) && tail - 1 >= a_last)
            tail--;
    }
    for (int j = tail; j < b->first; j++) {
        const match *d = match_covering(w, CM_LEX_WHEN, j);
        if (d && !contained_in_longer(w, d))
            out.date_word = d;
    }
    const int comma = w->tok[tail < b->first ? tail : b->first].punct & P_COMMA;
    if (coord < 0 && !comma)
        return out;
    for (int j = a_last; j <= b->first && j < (int)w->ntok; j++)
        if (w->tok[j].punct & P_BREAK)
            return out;
    const int insert = tail - a_last;
    if (insert > 0) {
        const int enclosed = (w->tok[a_last].punct & P_COMMA) && comma;
        if (!(enclosed && insert <= MAX_INSERT) && !(insert <= MAX_LOCATIVE && !comma))
            return out;
        if (!enclosed && trigger_within(w, a_last, tail))
            return out;
    }
    out.ok = 1;
    out.bare = coord < 0;
    return out;
}

/* The slots listed with slot k away from the trigger (step 1: after it,
 * -1: before it), into list (k first, at most max); returns how many. */
static int list_of(const work *w, int k, int step, int *list, const match **dates, int max)
{
    int n = 0, last_joined = 0;
    list[n] = k, dates[n++] = NULL;
    for (int j = k + step; j >= 0 && j < (int)w->ns && n < max; j += step) {
        const slot *prev = &w->s[list[n - 1]], *next = &w->s[j];
        if (next->host >= 0)
            continue; /* inside an apposition */
        if (!next->eligible) {
            if (next->first - prev->last <= MAX_INSERT)
                continue; /* "chef-lieu du Takhar", "south of Kabul": inside the insert */
            break;
        }
        const listing l = step > 0 ? listed_after(w, prev, next) : listed_after(w, next, prev);
        if (!l.ok)
            break;
        if (!l.bare)
            last_joined = n;
        dates[n] = l.date_word;
        list[n++] = j;
    }
    if (step > 0 && n > 1 && last_joined < n - 1)
        n = last_joined + 1; /* "A, B" with no "and" after: B is not listed */
    return n;
}

/* After "X fell", the places joined after the trigger: "Kunduz tombe, de
 * même que Sar-e Pol et Taloqan"; "falls, as does Farah".  The first such
 * slot, or -1. */
static int joined_after(const work *w, const match *t)
{
    for (size_t j = 0; j < w->ns; j++) {
        const slot *s = &w->s[j];
        if (s->first < t->last || s->host >= 0)
            continue;
        if (!s->eligible || s->first - t->last > MAX_TAIL + 4)
            return -1;
        static const char *const at[] = {"in", "at", "a", "au", "dans", NULL};
        if (s->first > t->last && is_word(&w->tok[s->first - 1], at))
            return -1; /* "fell, and in Lashkar Gah, ..." */
        int coord = 0;
        for (int i = t->last; i < s->first; i++) {
            if (w->tok[i].punct & P_BREAK)
                return -1;
            coord |= match_covering(w, CM_LEX_COORDINATOR, i) != NULL;
        }
        return coord && !trigger_within(w, t->last, s->first) ? (int)j : -1;
    }
    return -1;
}

/* ---- stage 5: modality ------------------------------------------------------ */

typedef struct verdict {
    int drop;
    cm_state status;
    cm_confidence confidence;
    char why[REASON_MAX / 2];
} verdict;

static int before_trigger(const work *w, const match *q, const match *t)
{
    if (q->last > t->first)
        return 0;
    if (t->first - q->last <= q->e->max_gap)
        return 1;
    /* a modal verb reaches the verbs coordinated with it in its segment:
     * "pourrait être isolée d'ici 30 jours et tomber" */
    const cm_lex_kind k = q->e->kind;
    return (k == CM_LEX_FUTURE || k == CM_LEX_CONDITION) &&
           w->tok[q->first].segment == w->tok[t->first].segment &&
           w->tok[q->first].clause == w->tok[t->first].clause;
}

/* Whether "par" or "by" stands right before token i, articles aside. */
static int by_before(const work *w, int i)
{
    static const char *const by[] = {"par", "by", NULL};
    while (i > 0 && is_word(&w->tok[i - 1], articles) && !is_word(&w->tok[i - 1], by))
        i--;
    return i > 0 && is_word(&w->tok[i - 1], by);
}

/* The side acting on trigger t: "par/by" + actor after it, else the
 * nearest actor before it in its clause (none for a passive). */
static cm_lex_side acting_side(const work *w, const match *t)
{
    static const char *const passive[] = {"was", "were", "been", "being", "is", "are", "ete",
                                          "est", "sont", "etait", "etaient", "fut", "furent", NULL};
    const int by_only = is_word(&w->tok[t->first], passive) ||
                        (t->first > 0 && is_word(&w->tok[t->first - 1], passive)) ||
                        (t->first > 1 && is_word(&w->tok[t->first - 2], passive));
    const match *best = NULL;
    int best_d = 1 << 30;
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        if (q->e->kind != CM_LEX_ACTOR || contained_in_longer(w, q))
            continue; /* "anti-Taliban" is not "Taliban" */
        if (q->first >= t->last && q->first - t->last <= 4 && by_before(w, q->first))
            return q->e->side; /* "repris par les talibans" */
        if (q->last > t->first)
            continue; /* after the trigger, only "by X" acts */
        const int d = t->first - q->last;
        if (!by_only && w->tok[q->first].clause == w->tok[t->first].clause && d < best_d)
            best = q, best_d = d;
    }
    return best ? best->e->side : CM_SIDE_NONE;
}

/* The status of the event told last before trigger t: in its sentence,
 * else in the article so far.  NULL if none. */
static const cm_state *status_before(const work *w, const match *t)
{
    const slot *last = NULL;
    for (size_t k = 0; k < w->ns; k++)
        if (w->s[k].has_event && w->s[k].trigger && w->s[k].trigger->first < t->first &&
            (!last || w->s[k].trigger->first > last->trigger->first))
            last = &w->s[k];
    if (last)
        return &last->status;
    return w->story.count ? &w->story.items[w->story.count - 1].status : NULL;
}

static verdict qualify(const work *w, const match *t)
{
    verdict v = {0, (cm_state)t->e->status, CM_CONFIRMED, ""};
    const match *attempt = NULL, *drop = NULL, *near_hypo = NULL, *far_hypo = NULL,
                *claim = NULL;
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        const cm_lex_kind k = q->e->kind;
        const int before = before_trigger(w, q, t) && !contained_in_longer(w, q);
        if (k == CM_LEX_CLAIM)
            claim = q;
        else if (k == CM_LEX_HYPOTHETICAL)
            *(before ? &near_hypo : &far_hypo) = q;
        else if (k == CM_LEX_DENIAL)
            *(before || (q->last <= t->first && w->tok[q->first].clause == w->tok[t->first].clause)
                  ? &drop : &claim) = q; /* "denied reports that X had fallen" */
        else if (before && (k == CM_LEX_ATTEMPT || k == CM_LEX_FAILURE))
            attempt = q;
        else if (before && (k == CM_LEX_NEGATION || k == CM_LEX_PURPOSE ||
                            k == CM_LEX_FUTURE || k == CM_LEX_CONDITION))
            drop = q;
    }
    if (attempt && drop && drop->last <= attempt->first)
        attempt = NULL; /* "have not yet tried to push into" */
    if (attempt) {
        v.status = CM_STATE_ATTACKED;
        snprintf(v.why, sizeof v.why, "%s '%s': an assault", cm_lex_kind_name(attempt->e->kind),
                 attempt->e->phrase);
        drop = NULL;
    }
    if (drop || (far_hypo && !near_hypo)) {
        const match *q = drop ? drop : far_hypo;
        v.drop = 1;
        snprintf(v.why, sizeof v.why, "%s '%s'", cm_lex_kind_name(q->e->kind), q->e->phrase);
        return v;
    }
    if (claim || near_hypo) {
        const match *q = claim ? claim : near_hypo;
        v.confidence = CM_CLAIMED;
        snprintf(v.why, sizeof v.why, "claimed (%s '%s')", cm_lex_kind_name(q->e->kind),
                 q->e->phrase);
    }
    if (t->e->agentive == 2 && acting_side(w, t) != CM_SIDE_CHALLENGER) {
        v.drop = 1; /* "the government still held Kabul" */
        snprintf(v.why, sizeof v.why, "%s", "no challenger acting");
        return v;
    }
    if (t->e->agentive == 3) { /* "Sheberghan followed on Saturday" */
        const cm_state *before = status_before(w, t);
        if (!before) {
            v.drop = 1;
            snprintf(v.why, sizeof v.why, "%s", "follows no event");
            return v;
        }
        v.status = *before;
    }
    if (t->e->agentive < 0 && acting_side(w, t) == CM_SIDE_NONE) {
        v.drop = 1; /* "the US army evacuated Bagram": lost by no side of the war */
        snprintf(v.why, sizeof v.why, "%s", "left by no side the lexicon knows");
        return v;
    }
    if (t->e->agentive && v.status != CM_STATE_ATTACKED) {
        const cm_lex_side side = acting_side(w, t);
        /* the side that takes: the actor, or the other one when it loses */
        const cm_lex_side taker = t->e->agentive > 0 || side == CM_SIDE_NONE ? side
                                  : side == CM_SIDE_INCUMBENT ? CM_SIDE_CHALLENGER
                                                              : CM_SIDE_INCUMBENT;
        if (taker == CM_SIDE_INCUMBENT && v.status == CM_STATE_FALLEN)
            v.status = CM_STATE_RETAKEN;
        else if (taker == CM_SIDE_CHALLENGER && v.status == CM_STATE_RETAKEN)
            v.status = CM_STATE_FALLEN;
    }
    return v;
}

/* ---- stage 6: time ---------------------------------------------------------- */

/* A day of the month (1-31, "1er", "13th") or a year (1900-2199) in token t. */
static int token_number(const token *t, int lo, int hi)
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

/* The number written right before token i ("trois", "3"), or 0. */
static int number_before(const work *w, int i)
{
    if (i <= 0)
        return 0;
    const int n = token_number(&w->tok[i - 1], 1, 366);
    if (n)
        return n;
    const match *m = match_ending_at(w, CM_LEX_NUMBER, i);
    return m ? m->e->number : 0;
}

/* Whether a "since" word stands within its reach before date word d. */
static int starts_period(const work *w, const match *d)
{
    if (!(w->kinds_present & (1u << CM_LEX_SINCE)))
        return 0;
    size_t lo, hi;
    matches_from(w, d->first - 50 - MAX_SPAN, d->first, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *q = &w->m[i];
        if (q->e->kind == CM_LEX_SINCE && q->last <= d->first &&
            d->first - q->last <= q->e->max_gap)
            return 1;
    }
    return 0;
}

/* Whether a day number stands next to month word m ("Aug. 13", "13 Aug"). */
static int numbered(const work *w, const match *m)
{
    return (m->first > 0 && token_number(&w->tok[m->first - 1], 1, 31)) ||
           ((size_t)m->last < w->ntok && token_number(&w->tok[m->last], 1, 31));
}

/* Whether m dates an event: a date word not starting a period; a month
 * abbreviation (max_gap 1 in the lexicon) only with its day ("Jan" alone
 * is a name). */
static int dates_event(const work *w, const match *m)
{
    (void)w;
    return m->dates;
}

/* dates_event, measured once per match by index_matches. */
static int find_dates(const work *w, const match *m)
{
    return m->e->kind == CM_LEX_WHEN && !starts_period(w, m) && !contained_in_longer(w, m) &&
           !(m->e->when == CM_WHEN_MONTH && m->e->max_gap == 1 && !numbered(w, m));
}

/* "la nuit de jeudi à vendredi", "Thursday night into Friday": the later. */
static const match *night_end(const work *w, const match *d)
{
    static const char *const to[] = {"a", "au", "to", "into", NULL};
    if (d->e->when != CM_WHEN_WEEKDAY || (size_t)d->last + 1 >= w->ntok)
        return d;
    for (int j = d->last; j <= d->last + 1 && (size_t)j < w->ntok; j++) {
        if (!is_word(&w->tok[j], to))
            continue;
        for (size_t i = 0; i < w->nm; i++)
            if (w->m[i].e->kind == CM_LEX_WHEN && w->m[i].e->when == CM_WHEN_WEEKDAY &&
                w->m[i].first == j + 1)
                return &w->m[i];
    }
    return d;
}

static int dates_event(const work *w, const match *m);
static int day_alone(const work *w, size_t i);

/* The last date the sentence names before token end, read against the
 * article's date alone (no relative words): the reference for "le même
 * jour", "the next day" later in the sentence.  CM_DATE_NONE if none. */
static cm_date sentence_ref(const work *w, int end)
{
    cm_date ref = CM_DATE_NONE;
    int at = -1;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        const cm_when_kind k = d->e->when;
        if (d->last > end || d->first < at || !dates_event(w, d) || k == CM_WHEN_REF ||
            k == CM_WHEN_LATER)
            continue;
        int day = 0;
        if (k == CM_WHEN_MONTH && d->first > 0)
            day = token_number(&w->tok[d->first - 1], 1, 31);
        if (k == CM_WHEN_MONTH && !day && (size_t)d->last < w->ntok)
            day = token_number(&w->tok[d->last], 1, 31);
        const cm__when v = cm__when_resolve(d->e, day, 0, 0, &w->time);
        if (v.date != CM_DATE_NONE && v.precision == CM_PRECISION_DAY)
            ref = v.date, at = d->first;
    }
    for (size_t n = 0; n < w->ndays; n++) {
        const int i = w->dates[n];
        if (i <= at || i >= end)
            continue;
        const cm__when v = cm__when_day_of_month(w->day[i], &w->time);
        if (v.date != CM_DATE_NONE)
            ref = v.date;
    }
    return ref;
}

/* Whether a trigger starts right after date word d, articles aside: then
 * d anchors the date on that event ("deux jours après la prise de X": X
 * was taken two days before the date last named). */
static int anchors(const work *w, const match *d)
{
    static const char *const relational[] = {"apres", "after", "de", "d", "of", NULL};
    const char *lastw = d->e->words[d->e->nwords - 1];
    int rel = 0;
    for (const char *const *r = relational; *r; r++)
        rel |= strcmp(lastw, *r) == 0;
    if (!rel)
        return 0;
    /* the event's subject may stand between: "a day after Taliban fighters
     * stormed the capital" */
    for (int j = d->last; (size_t)j < w->ntok && j - d->last <= 3; j++) {
        if (j > d->last && (w->tok[j].punct & (P_COMMA | P_BREAK)))
            return 0;
        for (size_t i = 0; i < w->nm; i++)
            if (w->m[i].e->kind == CM_LEX_TRIGGER && w->m[i].first == j)
                return 1;
    }
    return 0;
}

static cm__when read_when(const work *w, const match *d)
{
    d = night_end(w, d);
    if (d->e->when == CM_WHEN_REF || d->e->when == CM_WHEN_LATER) {
        cm__when_ctx c = w->time;
        const cm_date ref = sentence_ref(w, d->first);
        if (ref != CM_DATE_NONE)
            c.ref = ref;
        cm_lex_entry e = *d->e;
        if (anchors(w, d))
            e.amount = -e.amount;
        cm__when v = cm__when_resolve(&e, 0, 0, number_before(w, d->first), &c);
        if (e.amount != d->e->amount)
            v.rule = "counted back from the date last named to the event it anchors";
        return v;
    }
    int day = 0, year = 0;
    if (d->e->when == CM_WHEN_MONTH) {
        if (d->first > 0)
            day = token_number(&w->tok[d->first - 1], 1, 31);
        size_t k = (size_t)d->last;
        if (!day && k < w->ntok && (day = token_number(&w->tok[k], 1, 31)))
            k++;
        if (k < w->ntok)
            year = token_number(&w->tok[k], 1900, 2199);
    }
    return cm__when_resolve(d->e, day, year, number_before(w, d->first), &w->time);
}

/* "le 11", "on the 11th": a day of the month alone at token i. */
static int day_alone(const work *w, size_t i)
{
    static const char *const lead[] = {"le", "the", NULL};
    static const char *const units[] = {"km", "kilometres", "kilometers", "miles", "hommes",
                                        "morts", "personnes", "combattants", "soldats", "men",
                                        "people", "dead", "fighters", "soldiers", "pour",
                                        "percent", "ans", "years", "jours", "days", "heures",
                                        "hours", NULL};
    if (i == 0 || !is_word(&w->tok[i - 1], lead))
        return 0;
    const int d = token_number(&w->tok[i], 1, 31);
    if (!d || match_covering(w, CM_LEX_WHEN, (int)i) || match_covering(w, CM_LEX_NUMBER, (int)i))
        return 0;
    if (i + 1 < w->ntok && !(w->tok[i + 1].punct & (P_COMMA | P_BREAK))) {
        const token *n = &w->tok[i + 1];
        const match *m = match_covering(w, CM_LEX_WHEN, (int)i + 1);
        if (is_word(n, units) || token_number(n, 0, 100000) || (m && m->e->when == CM_WHEN_MONTH))
            return 0; /* "le 11 août": the month name reads it */
    }
    return d;
}

/* Whether token j lies in the apposition of a place that token i is out
 * of ("Koundouz, occupée en 2015, tombe": 2015 is Kunduz's past). */
static int in_apposition(const work *w, int j, int i)
{
    const int k = w->appo[j]; /* a relative clause with its own event */
    return k >= 0 && !(i >= w->s[k].last && i < w->s[k].app_end);
}

/* A year other than the article's in the segment of token i, or before it
 * in its clause outside appositions ("en 2015"). */
static int other_year(const work *w, int i)
{
    if (w->time.article == CM_DATE_NONE)
        return 0;
    int y, m, d;
    cm_date_to_ymd(w->time.article, &y, &m, &d);
    for (size_t n = 0; n < w->nyears; n++) {
        const int j = w->dates[w->ndays + n];
        if (w->tok[j].segment != w->tok[i].segment &&
            !(j < i && w->tok[j].clause == w->tok[i].clause && !in_apposition(w, j, i)))
            continue;
        const int year = token_number(&w->tok[j], 1900, 2199);
        if (year != y)
            return year;
    }
    return 0;
}

/* Whether the date word at token i belongs to another trigger than t: it
 * stands after t, in a segment (between commas) that holds a trigger of
 * its own ("X fell, and Y followed the next day"). */
static int owned_elsewhere(const work *w, int i, const match *t)
{
    const int seg = w->tok[i].segment;
    return i >= t->first && seg != w->tok[t->first].segment && w->seg_trigger[seg];
}

typedef struct dated {
    cm__when when;
    const match *word; /* NULL: the paragraph's or the article's date */
    int day;           /* a day of the month alone */
} dated;

static int distance(const match *a, int first, int last)
{
    return a->last <= first ? first - a->last : a->first >= last ? a->first - last : 0;
}

/* The date of trigger t: the date word of its clause nearest to it, else
 * the nearest in the sentence, else the paragraph's, else the article's. */
static dated date_of(const work *w, const match *t)
{
    dated out = {{w->time.article, w->time.precision, "", "the article's date"}, NULL, 0};
    const match *best = NULL;
    int best_score = 1 << 30;
    const int clause = w->tok[t->first].clause;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        if (!dates_event(w, d) || owned_elsewhere(w, d->first, t) ||
            in_apposition(w, d->first, t->first))
            continue; /* "X, que les commandos avaient reprise en juillet, a été perdue" */
        const int score = distance(d, t->first, t->last) +
                          (w->tok[d->first].clause == clause ? 0 : 10000);
        if (score < best_score)
            best = d, best_score = score;
    }
    int day_tok = -1, day_score = 1 << 30;
    for (size_t n = 0; n < w->ndays; n++) {
        const size_t i = (size_t)w->dates[n];
        if (owned_elsewhere(w, (int)i, t) || in_apposition(w, (int)i, t->first))
            continue;
        const match fake = {NULL, (int)i, (int)i + 1, 0, 0};
        const int score = distance(&fake, t->first, t->last) +
                          (w->tok[i].clause == clause ? 0 : 10000);
        if (score < day_score)
            day_tok = (int)i, day_score = score;
    }
    if (day_tok >= 0 && day_score < best_score) {
        out.when = cm__when_day_of_month(token_number(&w->tok[day_tok], 1, 31), &w->time);
        out.day = day_tok + 1;
        return out;
    }
    if (best) {
        out.when = read_when(w, best);
        out.word = best;
        return out;
    }
    if (w->paragraph_date != CM_DATE_NONE) {
        out.when = (cm__when){w->paragraph_date, CM_PRECISION_DAY, "", "the date the paragraph last named"};
    }
    return out;
}

/* After a sentence: the last day-precision date it named becomes the
 * reference for relative words and for the paragraph's undated sentences. */
static void move_time(work *w)
{
    cm_date last = CM_DATE_NONE;
    int last_at = -1, back = 0;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        if (!dates_event(w, d) || d->first < last_at)
            continue;
        const cm__when v = read_when(w, d);
        if (v.date != CM_DATE_NONE && v.precision == CM_PRECISION_DAY)
            last = v.date, last_at = d->first, back = v.date < w->time.ref &&
                                                    (d->e->when == CM_WHEN_REF || d->e->when == CM_WHEN_LATER);
    }
    for (size_t n = 0; n < w->ndays; n++) {
        const int i = w->dates[n];
        if (i <= last_at)
            continue;
        const cm__when v = cm__when_day_of_month(w->day[i], &w->time);
        if (v.date != CM_DATE_NONE)
            last = v.date, last_at = i, back = 0;
    }
    if (last != CM_DATE_NONE)
        w->time.ref = last;
    if (last != CM_DATE_NONE && !back)
        w->paragraph_date = last; /* "the night before" looks back; the day goes on */
}

/* ---- applying a trigger ------------------------------------------------------ */

static void give(work *w, slot *s, int gap, const match *t, const verdict *v, const dated *d,
                 const char *how)
{
    if (s->has_event && s->gap <= gap)
        return;
    (void)w;
    s->has_event = 1;
    s->gap = gap;
    s->status = v->status;
    s->confidence = v->confidence;
    s->when = d->when;
    s->trigger = t;
    s->date_word = d->word;
    snprintf(s->modality, sizeof s->modality, "%s", v->why);
    snprintf(s->link, sizeof s->link, "%s", how);
}

/* Whether an outskirts phrase stands between trigger t and slot s, or
 * right before s. */
static const match *outskirts(const work *w, const match *t, const slot *s, int listed)
{
    int from = t->last <= s->first ? t->last : s->app_end <= t->first ? s->app_end : s->last;
    int to = t->last <= s->first ? s->first : t->first;
    if (listed)
        from = to = -1; /* a list item: only right before it */
    for (size_t i = 0; i < w->nm; i++) {
        const match *o = &w->m[i];
        if (o->e->kind != CM_LEX_OUTSKIRTS)
            continue;
        if (o->first >= from && o->last <= to)
            return o;
        if (o->first == s->last ||
            (o->first == s->last + 1 && strcmp(w->tok[s->last].w, "s") == 0))
            return o; /* "the city's outskirts" */
        int j = o->last;
        while (j < s->first && is_word(&w->tok[j], articles))
            j++;
        if (j == s->first)
            return o;
    }
    return NULL;
}

/* Whether nothing but a month name or a year stands between token i and
 * end (the next item or the sentence end), or a joining word follows. */
static int ends_item(const work *w, int i, int end)
{
    for (; i < end; i++) {
        if (match_covering(w, CM_LEX_COORDINATOR, i))
            return 1;
        const match *m = match_covering(w, CM_LEX_WHEN, i);
        if (!(m && m->e->when == CM_WHEN_MONTH) && !token_number(&w->tok[i], 1, 2199))
            return 0;
    }
    return 1;
}

/* The date written right after list item k, before anything else is
 * listed ("et Fayzabad, dans le lointain Badakhshan, le 11") into *d;
 * 0 if none. */
static int trailing_date(const work *w, int k, dated *d)
{
    const slot *s = &w->s[k];
    int end = (int)w->ntok;
    for (size_t j = (size_t)k + 1; j < w->ns; j++)
        if (w->s[j].host != k) {
            end = w->s[j].first;
            break;
        }
    for (int i = s->last; i < end && i - s->last <= MAX_INSERT; i++) {
        if ((w->tok[i].punct & P_BREAK) || match_covering(w, CM_LEX_COORDINATOR, i) ||
            trigger_within(w, i, i + 1))
            return 0;
        const match *m = match_covering(w, CM_LEX_WHEN, i);
        if (m && dates_event(w, m) && ends_item(w, m->last, end)) {
            d->when = read_when(w, m), d->word = m;
            return 1;
        }
        if (w->day[i] && ends_item(w, i + 1, end)) {
            d->when = cm__when_day_of_month(token_number(&w->tok[i], 1, 31), &w->time);
            d->word = NULL, d->day = i + 1;
            return 1;
        }
    }
    return 0;
}

/* Whether date d lies in another year than the article and more than
 * four months before it: background, not news ("en novembre 2001"). */
static int long_before(const work *w, cm_date d)
{
    if (d == CM_DATE_NONE || w->time.article == CM_DATE_NONE)
        return 0;
    int y0, m0, d0, y, m, dd;
    cm_date_to_ymd(w->time.article, &y0, &m0, &d0);
    cm_date_to_ymd(d, &y, &m, &dd);
    return y != y0 && w->time.article - d > 120;
}

/* The places enumerated after a colon that follows trigger t ("se sont
 * emparés de cinq capitales : A, dans le Helmand, ... ; B ; puis C"): the
 * list at the colon and the one after each semicolon.  Returns how many
 * went into list (at most max); 0 when t is not followed by one. */
static int enumeration(const work *w, const match *t, int *list, const match **dates, int max)
{
    int colon = -1;
    for (int i = t->last; (size_t)i < w->ntok && i - t->last <= MAX_INSERT; i++) {
        if (w->tok[i].punct & P_COLON) {
            colon = i;
            break;
        }
        if (w->tok[i].slot >= 0 || (w->tok[i].punct & P_BREAK) || trigger_within(w, i, i + 1))
            return 0;
    }
    int n = 0;
    for (int from = colon; from >= 0 && n < max;) {
        size_t k = 0;
        while (k < w->ns && (w->s[k].first < from || w->s[k].host >= 0))
            k++;
        if (k == w->ns || w->s[k].first - from > 3 || !w->s[k].eligible)
            break;
        n += list_of(w, (int)k, 1, list + n, dates + n, max - n);
        from = -1;
        for (int i = w->s[list[n - 1]].last; (size_t)i < w->ntok; i++)
            if (w->tok[i].punct & P_BREAK) {
                from = i;
                break;
            }
    }
    return n;
}

/* The slot whose relative clause holds trigger t ("Lashkar Gah, capitale
 * du Helmand où les insurgés avaient pénétré le 3 août, ..."): the
 * trigger's object is the relative word.  -1 if none. */
static int relative_host(const work *w, const match *t)
{
    for (size_t k = 0; k < w->ns; k++) {
        const slot *s = &w->s[k];
        if (!s->eligible || t->first < s->last || t->last > s->app_end)
            continue;
        for (int i = s->last; i < t->first; i++)
            if (match_covering(w, CM_LEX_RELATIVE, i) && t->first - i <= t->e->max_gap + 1)
                return (int)k;
    }
    return -1;
}

/* An "unopposed" phrase in the clause of trigger t ("sans rencontrer de
 * résistance", "without a fight"): who enters takes.  NULL if none. */
static const match *unopposed(const work *w, const match *t)
{
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_UNOPPOSED &&
            w->tok[w->m[i].first].clause == w->tok[t->first].clause)
            return &w->m[i];
    return NULL;
}

/* Whether the seat of power stands right before slot s ("le bureau du
 * gouverneur à Mehtarlam"): who enters it takes the town. */
static int seat_before(const work *w, const slot *s)
{
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_SEAT && w->m[i].last <= s->first &&
            s->first - w->m[i].last <= 2)
            return 1;
    return 0;
}

/* The first of the sorted slots that starts at or after token i. */
static size_t slot_from(const work *w, int i)
{
    size_t lo = 0, hi = w->ns_sorted;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (w->s[mid].first < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void apply_trigger(work *w, const match *t)
{
    int best = -1, best_gap = 0;
    /* only slots within reach: max_gap words, after an apposition at most */
    const int from = t->first - MAX_REACH - MAX_APPOSITION - 2, to = t->last + MAX_REACH;
    for (size_t k = slot_from(w, from); k < w->ns; k++) {
        if (k < w->ns_sorted && w->s[k].first > to)
            k = w->ns_sorted; /* on to the slots of relative clauses */
        if (k >= w->ns)
            break;
        const int g = w->s[k].eligible ? reach(w, t, &w->s[k]) : -1;
        if (g >= 0 && (best < 0 || g < best_gap))
            best = (int)k, best_gap = g;
    }
    int list[128];
    const match *dates[128];
    int n = enumeration(w, t, list, dates, 128);
    if (n == 0 && best < 0 && (best = relative_host(w, t)) >= 0) {
        /* the relative clause tells an event of its own: a slot of its own */
        const slot host = w->s[best];
        if (!push_slot(w, host.first, host.last, host.place, host.offset,
                       "the town its relative clause is about"))
            return;
        best = (int)w->ns - 1;
        w->s[best].app_end = host.app_end;
        w->s[best].first = w->s[best].last; /* never before the trigger */
        best_gap = t->first - host.last;
    }
    if (n == 0 && best < 0)
        return;
    if (n == 0) {
        const int step = w->s[best].first >= t->last ? 1 : -1;
        n = list_of(w, best, step, list, dates, 64);
        const int after = step < 0 ? joined_after(w, t) : -1;
        if (after >= 0)
            n += list_of(w, after, 1, list + n, dates + n, 64);
    } else {
        best_gap = w->s[list[0]].first - t->last;
    }
    verdict v = qualify(w, t);
    const int year = other_year(w, t->first);
    if (year && !v.drop) {
        v.drop = 1;
        snprintf(v.why, sizeof v.why, "another year (%d): background", year);
    }
    dated d = date_of(w, t);
    if (!v.drop && long_before(w, d.when.date)) {
        int y, m, dd;
        cm_date_to_ymd(d.when.date, &y, &m, &dd);
        v.drop = 1;
        snprintf(v.why, sizeof v.why, "dated %d, long before the article: background", y);
    }
    for (int i = 0; i < n; i++) {
        slot *s = &w->s[list[i]];
        if (v.drop) {
            if (!s->has_event)
                snprintf(s->reason, REASON_MAX, "trigger '%s' dropped: %s", t->e->phrase, v.why);
            continue;
        }
        verdict vi = v;
        const match *o = outskirts(w, t, s, i > 0), *u;
        if (o && vi.status != CM_STATE_ATTACKED) {
            vi.status = CM_STATE_ATTACKED;
            snprintf(vi.why, sizeof vi.why, "outskirts '%s': attacked at most", o->e->phrase);
        } else if (vi.status == CM_STATE_CONTESTED && seat_before(w, s)) {
            vi.status = CM_STATE_FALLEN;
            snprintf(vi.why, sizeof vi.why, "%s", "the seat of power entered: taken");
        } else if (vi.status == CM_STATE_CONTESTED && (u = unopposed(w, t))) {
            vi.status = CM_STATE_FALLEN;
            snprintf(vi.why, sizeof vi.why, "unopposed '%s': taken", u->e->phrase);
        }
        if (dates[i])
            d.when = read_when(w, dates[i]), d.word = dates[i];
        else if (i > 0)
            trailing_date(w, list[i], &d);
        char how[REASON_MAX] = "nearest place on the trigger's side";
        if (best < 0 || list[0] != best)
            snprintf(how, sizeof how, "%s", "enumerated after a colon");
        if (i > 0)
            snprintf(how, sizeof how, "listed with %s (item %d)", w->s[list[0]].place->name, i + 1);
        give(w, s, best_gap + (i > 0 ? 1 + i : 0), t, &vi, &d, how);
    }
}

/* ---- stage 7: one story per article ------------------------------------------ */

/* The words text[start, end) with whitespace runs made single spaces. */
static char *squeeze(const char *text, size_t start, size_t end)
{
    char *out = malloc(end - start + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = start; i < end; i++) {
        const int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
        if (!space)
            *p++ = text[i];
        else if (p > out && p[-1] != ' ')
            *p++ = ' ';
    }
    *p = '\0';
    return out;
}

/* The words around offset in a sentence too long to copy into each of its
 * events (memory stays linear in the article): SENTENCE_MAX / 2 bytes on
 * each side, cut at spaces, marked with "..." where cut. */
static char *sentence_window(const work *w, size_t offset)
{
    const char *text = w->a->text;
    size_t from = offset > w->span.start + SENTENCE_MAX / 2 ? offset - SENTENCE_MAX / 2 : w->span.start;
    size_t to = offset + SENTENCE_MAX / 2 < w->span.end ? offset + SENTENCE_MAX / 2 : w->span.end;
    while (from > w->span.start && from < offset && text[from - 1] != ' ')
        from++; /* to the next word (never inside a UTF-8 character) */
    while (to < w->span.end && to > offset && text[to] != ' ')
        to--;
    char *mid = squeeze(text, from, to);
    if (!mid)
        return NULL;
    const size_t n = strlen(mid);
    char *out = malloc(n + 9);
    if (out)
        snprintf(out, n + 9, "%s%s%s", from > w->span.start ? "... " : "", mid,
                 to < w->span.end ? " ..." : "");
    free(mid);
    return out;
}

/* How far a status goes: a sentence that says a town fell and was
 * besieged reports the fall. */
static int weight(cm_state s)
{
    return s == CM_STATE_ATTACKED ? 1 : s == CM_STATE_CONTESTED ? 2 : 3;
}

/* Whether another slot of the same place has a stronger or nearer event. */
static int beaten(const work *w, size_t k)
{
    const slot *s = &w->s[k];
    for (size_t j = 0; j < w->ns; j++) {
        const slot *o = &w->s[j];
        if (j == k || !o->has_event || o->place != s->place)
            continue;
        if (o->when.date != s->when.date)
            continue; /* two days, two events */
        const int ow = weight(o->status), sw = weight(s->status);
        if (ow > sw || (ow == sw && (o->gap < s->gap || (o->gap == s->gap && j < k))))
            return 1;
    }
    return 0;
}

/* Withdraw the story's claimed falls of place p: it is still held. */
static void withdraw_claims(work *w, const cm_place *p)
{
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (strcmp(e->place_id, p->id) == 0 && e->status == CM_STATE_FALLEN &&
            e->confidence == CM_CLAIMED)
            e->line = -1; /* marked; dropped when the story is told */
    }
}

static void explain_slot(const work *w, const slot *s, const char *reason)
{
    if (!w->explain)
        return;
    char mention[160];
    const size_t start = w->tok[s->first].start, end = w->tok[s->last - 1].end;
    snprintf(mention, sizeof mention, "%.*s", (int)(end - start), w->a->text + start);
    char trig[160] = "", datew[96] = "";
    if (s->trigger) {
        const size_t ts = w->tok[s->trigger->first].start, te = w->tok[s->trigger->last - 1].end;
        snprintf(trig, sizeof trig, "%.*s", (int)(te - ts), w->a->text + ts);
    }
    if (s->date_word) {
        const size_t ds = w->tok[s->date_word->first].start,
                     de = w->tok[s->date_word->last - 1].end;
        snprintf(datew, sizeof datew, "%.*s", (int)(de - ds), w->a->text + ds);
    }
    char how[2 * REASON_MAX + 8];
    snprintf(how, sizeof how, "%s%s%s", s->how[0] ? s->how : "", s->how[0] ? "; " : "", s->link);
    const cm_explanation e = {
        .is_event = reason == NULL, .place_id = s->place->id, .mention = mention,
        .offset = s->offset, .status = s->status, .confidence = s->confidence,
        .date = s->when.date, .precision = s->when.precision, .trigger = trig,
        .trigger_line = s->trigger ? s->trigger->e->line : 0, .how = how,
        .date_words = datew, .date_rule = s->when.rule ? s->when.rule : "",
        .modality = s->modality, .reason = reason ? reason : ""};
    w->explain(w->explain_ctx, &e);
}

static int holds_here(const work *w)
{
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_HOLDS)
            return 1;
    return 0;
}

static cm_status tell_sentence(work *w, cm_error *err)
{
    char *sentence = NULL;
    cm_status st = CM_OK;
    const int holds = holds_here(w);
    for (size_t k = 0; k < w->ns && st == CM_OK; k++) {
        slot *s = &w->s[k];
        if (holds && s->eligible && is_town(s->place)) {
            withdraw_claims(w, s->place);
            if (s->has_event && s->status == CM_STATE_FALLEN && s->confidence == CM_CLAIMED) {
                s->has_event = 0;
                snprintf(s->reason, REASON_MAX, "%s", "still held by the incumbent");
            }
        }
        if (!s->has_event || beaten(w, k)) {
            explain_slot(w, s, s->has_event ? "another mention in the sentence carries its event"
                               : s->reason[0] ? s->reason
                               : s->eligible  ? "no trigger reaches it"
                                              : "not an event location");
            continue;
        }
        char *window = NULL;
        const int whole = w->span.end - w->span.start <= SENTENCE_MAX;
        if (whole && !sentence && !(sentence = squeeze(w->a->text, w->span.start, w->span.end)))
            return nomem(err);
        if (!whole && !(window = sentence_window(w, s->offset)))
            return nomem(err);
        const cm_place *p = s->place;
        const cm_place *prov = p->admin1[0] ? cm_gazetteer_find_id(w->x->gz, p->admin1) : NULL;
        cm_event e = {.date = s->when.date, .precision = s->when.precision, .place_id = p->id,
                      .place = p->name, .admin1 = prov ? prov->name : p->admin1,
                      .lat = p->lat, .lon = p->lon, .status = s->status,
                      .confidence = s->confidence, .source = w->a->name,
                      .offset = (long)s->offset, .sentence = whole ? sentence : window,
                      .source_count = 1, .note = s->when.note};
        st = cm_events_add(&w->story, &e, err);
        free(window);
        explain_slot(w, s, NULL);
    }
    free(sentence);
    return st;
}

static int same_event(const cm_event *a, const cm_event *b)
{
    return a->date == b->date && a->precision == b->precision && a->status == b->status &&
           strcmp(a->place_id, b->place_id) == 0;
}

/* The story's events, each place, status and date once, onto out. */
static cm_status tell_story(work *w, cm_events *out, cm_error *err)
{
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (e->line < 0)
            continue;
        for (size_t j = i + 1; j < w->story.count; j++) {
            cm_event *f = &w->story.items[j];
            if (f->line >= 0 && same_event(e, f)) {
                if (f->confidence == CM_CONFIRMED)
                    e->confidence = CM_CONFIRMED;
                f->line = -1;
            }
        }
    }
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (e->line < 0)
            continue;
        e->line = 0;
        const cm_status st = cm_events_add(out, e, err);
        if (st != CM_OK)
            return st;
    }
    return CM_OK;
}

/* ---- one sentence at a time ------------------------------------------------------ */

static void remember_places(work *w)
{
    for (size_t k = 0; k < w->ns; k++) {
        const slot *s = &w->s[k];
        if (s->offset >= w->span.end || s->place->kind == CM_KIND_FOREIGN)
            continue;
        if (is_town(s->place) && !s->remote && s->host < 0) {
            w->last_town = s->place;
            w->last_town_sentence = w->sentence;
            if (s->has_event) {
                w->topic = s->place;
                w->topic_sentence = w->sentence;
            }
        } else if (s->place->kind == CM_KIND_PROVINCE && !s->how[0]) {
            w->last_province = s->place;
            w->last_province_sentence = w->sentence;
        }
    }
}

static cm_status process_piece(work *w, cm_error *err)
{
    if (!find_matches(w) || !index_matches(w))
        return nomem(err);
    mark_clauses(w);
    if (!resolve_slots(w) || !build_blocked(w))
        return nomem(err);
    find_appositions(w);
    index_places(w);
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_TRIGGER && !contained_in_longer(w, &w->m[i]))
            apply_trigger(w, &w->m[i]);
    const cm_status st = tell_sentence(w, err);
    move_time(w);
    remember_places(w);
    w->ntok = w->ns = w->nm = 0;
    return st;
}

/* Tokens of the current sentence; a place mention is one token. */
static cm_status process_sentence(work *w, cm_error *err)
{
    const char *text = w->a->text;
    size_t pos = w->span.start, start, end, prev_end = w->span.start;
    const cm_mentions *ms = w->mentions;
    cm_extractor *x = (cm_extractor *)w->x; /* the lemma cache grows */
    while (cm__next_word(text, w->span.end, &pos, &start, &end, NULL)) {
        while (w->next_mention < ms->count && ms->items[w->next_mention].end <= start)
            w->next_mention++;
        const cm_mention *m = w->next_mention < ms->count ? &ms->items[w->next_mention] : NULL;
        token t = {.start = start, .end = end, .slot = -1,
                   .punct = punctuation(text, prev_end, start)};
        if (m && m->start <= start) {
            t.slot = (int)w->ns;
            t.end = m->end;
            if (!push_slot(w, (int)w->ntok, (int)w->ntok + 1, m->place, m->start, ""))
                return nomem(err);
            w->s[w->ns - 1].province_named = m->context == CM_CONTEXT_PROVINCE;
            pos = m->end > pos ? m->end : pos;
            w->next_mention++;
        } else {
            char folded[CM_KEY_MAX];
            const size_t n = cm__fold_word(text + start, end - start, folded);
            if (n < CM_LEX_WORD_MAX)
                memcpy(t.w, folded, n + 1);
            if (n >= 3 && (folded[0] < '0' || folded[0] > '9'))
                t.nlem = cm__lemmas(x->lm, text + start, end - start, t.lem);
        }
        prev_end = t.end;
        if (!push_token(w, &t))
            return nomem(err);
        if (w->ntok == MAX_TOKENS) {
            const cm_status st = process_piece(w, err);
            if (st != CM_OK)
                return st;
        }
    }
    return process_piece(w, err);
}

/* Whether text[0..n) holds the ASCII word w, ignoring case. */
static int holds_word(const char *text, size_t n, const char *w)
{
    const size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (text[i + j] | 0x20) == w[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Whether a sentence can hold an event: it names a place, or an anaphor
 * could find one. */
static int worth_reading(const work *w)
{
    const cm_mentions *ms = w->mentions;
    size_t i = w->next_mention;
    while (i < ms->count && ms->items[i].end <= w->span.start)
        i++;
    if (i < ms->count && ms->items[i].start < w->span.end)
        return 1;
    if (!w->last_town || w->sentence - w->last_town_sentence > ANAPHOR_REACH)
        return 0;
    if (w->x->n_anaphor_words < 0)
        return 1;
    for (int k = 0; k < w->x->n_anaphor_words; k++)
        if (holds_word(w->a->text + w->span.start, w->span.end - w->span.start,
                       w->x->anaphor_words[k]))
            return 1;
    return 0;
}

/* Whether sentence i is the article's headline: its first, a line of its
 * own with no full stop, with more text after it. */
static int headline(const cm_article *a, size_t i)
{
    if (i != 0 || a->nsentences < 2)
        return 0;
    const cm_span s = a->sentences[0];
    size_t e = s.end;
    while (e > s.start && (a->text[e - 1] == ' ' || a->text[e - 1] == '\n' || a->text[e - 1] == '\r'))
        e--;
    if (e == s.start || strchr(".!?\"", a->text[e - 1]) || (e >= 2 && (unsigned char)a->text[e - 1] == 0xBB))
        return 0;
    for (size_t p = s.start; p < e; p++)
        if (a->text[p] == '\n')
            return 0;
    return s.end < a->len && memchr(a->text + s.end, '\n', a->sentences[1].start - s.end) != NULL;
}

static int holds_digit(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    return 0;
}

/* A sentence that names no place but a date ("Aug. 8 - The worst day yet
 * for the government."): only time moves. */
static cm_status read_time(work *w, cm_error *err)
{
    const char *text = w->a->text;
    size_t pos = w->span.start, start, end, prev_end = w->span.start;
    while (cm__next_word(text, w->span.end, &pos, &start, &end, NULL) && w->ntok < MAX_TOKENS) {
        token t = {.start = start, .end = end, .slot = -1,
                   .punct = punctuation(text, prev_end, start)};
        char folded[CM_KEY_MAX];
        const size_t n = cm__fold_word(text + start, end - start, folded);
        if (n < CM_LEX_WORD_MAX)
            memcpy(t.w, folded, n + 1);
        prev_end = end;
        if (!push_token(w, &t))
            return nomem(err);
    }
    if (!find_matches(w) || !index_matches(w))
        return nomem(err);
    mark_clauses(w);
    const cm_date before = w->paragraph_date;
    move_time(w);
    w->heading = w->ntok <= 6 && w->paragraph_date != before;
    w->ntok = w->ns = w->nm = 0;
    return CM_OK;
}

/* Whether a blank line stands between the previous sentence and span. */
static int new_paragraph(const cm_article *a, size_t i)
{
    const size_t from = i ? a->sentences[i - 1].end : a->body, to = a->sentences[i].start;
    int lines = 0;
    for (size_t p = from; p < to; p++)
        lines += a->text[p] == '\n';
    return lines >= 2;
}

/* Sentences that name no place still move time ("Le lendemain, ...") when
 * they hold a date word; read cheaply only then. */
cm_status cm_extract_article_explained(const cm_extractor *x, const cm_article *a,
                                       cm_events *events, cm_explain_fn fn, void *ctx,
                                       cm_error *err)
{
    cm_mentions mentions = {0};
    work w = {.x = x, .a = a, .mentions = &mentions, .explain = fn, .explain_ctx = ctx,
              .time = {a->date, a->precision, a->date}, .paragraph_date = CM_DATE_NONE};
    if (a->precision != CM_PRECISION_DAY)
        w.time.ref = CM_DATE_NONE;
    const size_t first = events->count;
    cm_status st = cm_scanner_scan(x->scanner, a->text, a->len, &mentions, err);
    for (size_t i = 0; st == CM_OK && i < a->nsentences; i++) {
        w.sentence = i;
        w.span = a->sentences[i];
        if (new_paragraph(a, i) && !w.heading)
            w.paragraph_date = CM_DATE_NONE; /* a heading's date goes on below it */
        w.heading = 0;
        if (headline(a, i))
            continue; /* the body tells it, dated */
        if (worth_reading(&w))
            st = process_sentence(&w, err);
        else if (holds_digit(a->text + w.span.start, w.span.end - w.span.start))
            st = read_time(&w, err);
    }
    if (st == CM_OK)
        st = tell_story(&w, events, err);
    free(w.tok);
    free(w.m);
    free(w.s);
    free(w.blocked);
    free(w.first_idx);
    free(w.trig_prefix);
    free(w.seg_trigger);
    free(w.day);
    free(w.appo);
    free(w.dates);
    cm_events_free(&w.story);
    cm_mentions_free(&mentions);
    if (st != CM_OK)
        cm_events_truncate(events, first);
    return st;
}

cm_status cm_extract_article(const cm_extractor *x, const cm_article *a,
                             cm_events *events, cm_error *err)
{
    return cm_extract_article_explained(x, a, events, NULL, NULL, err);
}
