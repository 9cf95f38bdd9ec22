#include "conflictmap/extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/scan.h"
#include "util.h"
#include "words.h"

#define MAX_TOKENS 4096   /* a longer sentence is read in pieces this long */
#define ANAPHOR_REACH 3   /* sentences an anaphor looks back */
#define MAX_FILLERS 2     /* filler words inside one trigger phrase */
#define LIST_GAP 5        /* words between two listed places ("Herat, in the west, and Ghazni") */

#define MAX_ANAPHOR_WORDS 16

struct cm_extractor {
    const cm_gazetteer *gz;
    const cm_lexicon *lx;
    cm_scanner *scanner;
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

cm_status cm_extractor_create(const cm_gazetteer *gz, const cm_lexicon *lx,
                              cm_extractor **out, cm_error *err)
{
    *out = NULL;
    cm_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return cm_error_set(err, CM_ERR_NOMEM, "extractor: out of memory");
    x->gz = gz;
    x->lx = lx;
    collect_anaphor_words(x);
    const cm_status st = cm_scanner_create(gz, &x->scanner, err);
    if (st != CM_OK) {
        free(x);
        return st;
    }
    *out = x;
    return CM_OK;
}

void cm_extractor_free(cm_extractor *x)
{
    if (!x)
        return;
    cm_scanner_free(x->scanner);
    free(x);
}

/* ---- one sentence at a time ------------------------------------------------ */

typedef struct token {
    size_t start, end;
    char w[CM_LEX_WORD_MAX]; /* folded; "" for a place */
    int slot;                /* the place slot it belongs to, or -1 */
    int filler;              /* may stand inside a trigger phrase */
} token;

typedef struct match {
    const cm_lex_entry *e;
    int first, last; /* tokens [first, last) */
} match;

/* A place the sentence names, or an anaphor standing for one. */
typedef struct slot {
    int first, last;
    const cm_place *place;
    size_t offset;
    int eligible;
    int province_named; /* "province de X", "X province" */
    /* the event chosen for it, if any */
    int has_event, gap;
    cm_state status;
    cm_confidence confidence;
    cm_date date;
    cm_precision precision;
    char note[96];
} slot;

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
    size_t ns, s_cap;
    int *blocked; /* prefix counts of blocker words */
    size_t blocked_cap;
    const cm_place *last_town;
    size_t last_town_sentence;
    size_t sentence;
    cm_span span; /* of the current sentence */
    cm_events *out;
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

static int push_slot(work *w, int first, int last, const cm_place *place, size_t offset)
{
    if (!cm__reserve((void **)&w->s, &w->s_cap, w->ns + 1, sizeof *w->s))
        return 0;
    w->s[w->ns++] = (slot){.first = first, .last = last, .place = place, .offset = offset,
                           .eligible = place->kind != CM_KIND_FOREIGN};
    return 1;
}

/* Every lexicon phrase that matches at some token. */
/* Mark the tokens that may stand inside a trigger phrase: fillers and
 * one-word date words. */
static void mark_fillers(work *w)
{
    for (size_t i = 0; i < w->ntok; i++) {
        token *t = &w->tok[i];
        size_t n;
        const cm_lex_entry *const *cand =
            t->slot < 0 ? cm_lexicon_candidates(w->x->lx, t->w, &n) : NULL;
        t->filler = 0;
        for (size_t c = 0; cand && c < n && !t->filler; c++)
            t->filler = (cand[c]->kind == CM_LEX_FILLER || cand[c]->kind == CM_LEX_WHEN) &&
                        cand[c]->nwords == 1 && cm_lex_word_match(cand[c]->words[0], t->w);
    }
}

/* The end of entry e matched at token i, or -1.  The words of a trigger
 * may have up to MAX_FILLERS fillers between them. */
static int match_at(const work *w, size_t i, const cm_lex_entry *e)
{
    size_t j = i;
    for (int k = 0; k < e->nwords; k++, j++) {
        int skipped = 0;
        while (k > 0 && e->kind == CM_LEX_TRIGGER && j < w->ntok && skipped < MAX_FILLERS &&
               w->tok[j].filler && !cm_lex_word_match(e->words[k], w->tok[j].w))
            j++, skipped++;
        if (j >= w->ntok || w->tok[j].slot >= 0 || !cm_lex_word_match(e->words[k], w->tok[j].w))
            return -1;
    }
    return (int)j;
}

/* Every lexicon phrase that matches at some token. */
static int find_matches(work *w)
{
    w->nm = 0;
    mark_fillers(w);
    for (size_t i = 0; i < w->ntok; i++) {
        if (w->tok[i].slot >= 0)
            continue;
        size_t n;
        const cm_lex_entry *const *cand = cm_lexicon_candidates(w->x->lx, w->tok[i].w, &n);
        for (size_t c = 0; c < n; c++) {
            const int end = match_at(w, i, cand[c]);
            if (end < 0)
                continue;
            if (!cm__reserve((void **)&w->m, &w->m_cap, w->nm + 1, sizeof *w->m))
                return 0;
            w->m[w->nm++] = (match){cand[c], (int)i, end};
        }
    }
    return 1;
}

static int is_word(const token *t, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(t->w, *words) == 0)
            return 1;
    return 0;
}

/* Whether a context phrase ends right before token f, allowing articles
 * and "province de" between ("gouverneur de la province de X"). */
static int after_context(const work *w, int f)
{
    static const char *const skip[] = {"la", "le", "les", "l", "de", "du", "d", "des", "the",
                                       "of", "province", "provinciale", "ville", "city",
                                       "town", NULL};
    for (int j = f;; j--) {
        for (size_t i = 0; i < w->nm; i++)
            if (w->m[i].e->kind == CM_LEX_CONTEXT && w->m[i].last == j)
                return 1;
        if (j == 0 || w->tok[j - 1].slot >= 0 || !is_word(&w->tok[j - 1], skip))
            return 0;
    }
}

/* Whether a province slot only says where the town before it lies:
 * "Asadabad, dans la province de Kounar", "Sharana, in Paktika province". */
static int locates_town(const work *w, const slot *s)
{
    static const char *const skip[] = {"la", "le", "province", "de", "d", "the", "of", NULL};
    static const char *const in[] = {"dans", "in", NULL};
    int j = s->first;
    while (j > 0 && w->tok[j - 1].slot < 0 && is_word(&w->tok[j - 1], skip))
        j--;
    if (j == 0 || w->tok[j - 1].slot >= 0 || !is_word(&w->tok[j - 1], in))
        return 0;
    const char *t = w->a->text;
    size_t p = w->tok[j - 1].start;
    while (p > w->span.start && (t[p - 1] == ' ' || t[p - 1] == '\n'))
        p--;
    return p > w->span.start && t[p - 1] == ',';
}

static int cmp_slot(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

/* Anaphors become slots for the town named last; then every slot is
 * checked for a context before it. */
static int resolve_slots(work *w)
{
    static const char *const of[] = {"de", "d", "of", NULL};
    const size_t named = w->ns;
    const int recent = w->last_town && w->sentence - w->last_town_sentence <= ANAPHOR_REACH;
    for (size_t i = 0; i < w->nm; i++) {
        const match *m = &w->m[i];
        if (m->e->kind != CM_LEX_ANAPHOR)
            continue;
        if ((size_t)m->last < w->ntok && (w->tok[m->last].slot >= 0 || is_word(&w->tok[m->last], of)))
            continue; /* "la ville de X" names X itself */
        const cm_place *ref = recent ? w->last_town : NULL;
        for (size_t k = 0; k < named; k++)
            if (w->s[k].first < m->first && is_town(w->s[k].place))
                ref = w->s[k].place;
        if (ref && !push_slot(w, m->first, m->last, ref, w->tok[m->first].start))
            return 0;
    }
    if (w->ns > 1)
        qsort(w->s, w->ns, sizeof *w->s, cmp_slot);
    for (size_t k = 0; k < w->ns; k++)
        if (w->s[k].eligible && (after_context(w, w->s[k].first) ||
                                 (w->s[k].province_named && locates_town(w, &w->s[k]))))
            w->s[k].eligible = 0;
    return 1;
}

static int build_blocked(work *w)
{
    if (!cm__reserve((void **)&w->blocked, &w->blocked_cap, w->ntok + 1, sizeof *w->blocked))
        return 0;
    memset(w->blocked, 0, (w->ntok + 1) * sizeof *w->blocked);
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_BLOCKER)
            w->blocked[w->m[i].first + 1] = 1;
    for (size_t i = 1; i <= w->ntok; i++)
        w->blocked[i] += w->blocked[i - 1];
    return 1;
}

/* Whether a blocker word starts within tokens [from, to). */
static int blocker_between(const work *w, int from, int to)
{
    return to > from && w->blocked[to] - w->blocked[from] > 0;
}

/* The words between a trigger and a slot, or -1 if the trigger cannot
 * reach it.  Blockers do not stand between a trigger and a border crossing
 * or a base: "le poste-frontière de X" is X. */
static int reach(const work *w, const match *t, const slot *s)
{
    const cm_lex_entry *e = t->e;
    const int blockable = s->place->kind != CM_KIND_BORDER_CROSSING && s->place->kind != CM_KIND_BASE;
    int gap;
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
        if (blockable && blocker_between(w, s->last, t->first))
            return -1;
    } else {
        return -1;
    }
    return gap <= e->max_gap ? gap : -1;
}

static int contained_in_longer_trigger(const work *w, const match *t)
{
    for (size_t i = 0; i < w->nm; i++) {
        const match *o = &w->m[i];
        if (o != t && o->e->kind == CM_LEX_TRIGGER && o->first <= t->first &&
            o->last >= t->last && o->last - o->first > t->last - t->first)
            return 1;
    }
    return 0;
}

/* What the words before a trigger do to it. */
enum verdict { KEEP, DROP };

static enum verdict qualify(const work *w, const match *t, cm_state *status, cm_confidence *conf)
{
    int attempt = 0, drop = 0, near_hypo = 0, far_hypo = 0;
    *conf = CM_CONFIRMED;
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        const cm_lex_kind k = q->e->kind;
        const int before = q->last <= t->first && t->first - q->last <= q->e->max_gap;
        if (k == CM_LEX_CLAIM)
            *conf = CM_CLAIMED;
        else if (k == CM_LEX_HYPOTHETICAL)
            *(before ? &near_hypo : &far_hypo) = 1;
        else if (before && (k == CM_LEX_ATTEMPT || k == CM_LEX_FAILURE))
            attempt = 1;
        else if (before && (k == CM_LEX_NEGATION || k == CM_LEX_PURPOSE || k == CM_LEX_FUTURE))
            drop = 1;
    }
    if (attempt) {
        *status = CM_STATE_ATTACKED;
        drop = 0;
    }
    if (near_hypo)
        *conf = CM_CLAIMED;
    return drop || (far_hypo && !near_hypo) ? DROP : KEEP;
}

/* ---- dates ------------------------------------------------------------------ */

static const char *const weekday_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
static const char *const month_names[12] = {"January", "February", "March", "April", "May",
                                            "June", "July", "August", "September",
                                            "October", "November", "December"};

/* A day of the month (1-31, "1er" too) or a year (1900-2199) in token t. */
static int token_number(const token *t, int lo, int hi)
{
    char *end;
    const long v = strtol(t->w, &end, 10);
    if (end == t->w || (*end && strcmp(end, "er") != 0 && strcmp(end, "st") != 0 &&
                        strcmp(end, "nd") != 0 && strcmp(end, "rd") != 0 && strcmp(end, "th") != 0))
        return 0;
    return v >= lo && v <= hi ? (int)v : 0;
}

typedef struct when {
    cm_date date;
    cm_precision precision;
    char note[96];
} when;

/* A month name with the day and year written beside it. */
static void resolve_month(const work *w, const match *m, when *out)
{
    const cm_article *a = w->a;
    int day = 0, year = 0, y0, m0, d0;
    if (m->first > 0 && w->tok[m->first - 1].slot < 0)
        day = token_number(&w->tok[m->first - 1], 1, 31);
    size_t k = (size_t)m->last;
    if (!day && k < w->ntok && w->tok[k].slot < 0 && (day = token_number(&w->tok[k], 1, 31)))
        k++;
    if (k < w->ntok && w->tok[k].slot < 0)
        year = token_number(&w->tok[k], 1900, 2199);
    const int month = m->e->amount;
    if (!year && a->date != CM_DATE_NONE) {
        cm_date_to_ymd(a->date, &y0, &m0, &d0);
        year = month > m0 ? y0 - 1 : y0; /* a month after the article's is last year's */
    }
    if (day)
        snprintf(out->note, sizeof out->note, "%d %s", day, month_names[month - 1]);
    else
        snprintf(out->note, sizeof out->note, "%s", month_names[month - 1]);
    cm_date d;
    if (!year || cm_date_from_ymd(year, month, day ? day : 1, &d, NULL) != CM_OK)
        return; /* undated, the note says what the text said */
    out->date = d;
    out->precision = day ? CM_PRECISION_DAY : CM_PRECISION_MONTH;
    out->note[0] = '\0';
}

static void resolve_relative(const cm_article *a, const cm_lex_entry *e, when *out)
{
    if (e->when == CM_WHEN_WEEKDAY)
        snprintf(out->note, sizeof out->note, "%s", weekday_names[e->amount]);
    else
        snprintf(out->note, sizeof out->note, "%s", e->phrase);
    if (a->date == CM_DATE_NONE)
        return;
    int y, m, d;
    cm_date_to_ymd(a->date, &y, &m, &d);
    if (e->when == CM_WHEN_MONTHS) {
        int months = y * 12 + (m - 1) + e->amount;
        cm_date_from_ymd(months / 12, months % 12 + 1, 1, &out->date, NULL);
        out->precision = CM_PRECISION_MONTH;
        out->note[0] = '\0';
        return;
    }
    out->date = a->date;
    out->precision = a->precision;
    if (a->precision != CM_PRECISION_DAY)
        return; /* the month is all we know; the note keeps the day named */
    out->note[0] = '\0';
    if (e->when == CM_WHEN_WEEKDAY)
        out->date -= (cm_date_weekday(a->date) - e->amount + 7) % 7;
    else if (e->when == CM_WHEN_DAYS)
        out->date += e->amount;
    else if (e->when == CM_WHEN_WEEK) {
        out->date += e->amount - 6;
        out->precision = CM_PRECISION_WEEK;
    }
}

static int distance(const match *a, int first, int last)
{
    return a->last <= first ? first - a->last : a->first >= last ? a->first - last : 0;
}

/* Whether a "since" word stands within its reach before date word d. */
static int starts_period(const work *w, const match *d)
{
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        if (q->e->kind == CM_LEX_SINCE && q->last <= d->first &&
            d->first - q->last <= q->e->max_gap)
            return 1;
    }
    return 0;
}

/* The date of the event of trigger t: the date word nearest to it, or the
 * article's date. */
static when resolve_date(const work *w, const match *t)
{
    when out = {w->a->date, w->a->precision, ""};
    const match *best = NULL;
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_WHEN && !starts_period(w, &w->m[i]) &&
            (!best || distance(&w->m[i], t->first, t->last) < distance(best, t->first, t->last)))
            best = &w->m[i];
    if (!best)
        return out;
    out.date = CM_DATE_NONE;
    out.precision = CM_PRECISION_DAY;
    if (best->e->when == CM_WHEN_MONTH)
        resolve_month(w, best, &out);
    else
        resolve_relative(w->a, best->e, &out);
    return out;
}

/* ---- events ------------------------------------------------------------------ */

static void give(slot *s, int gap, cm_state status, cm_confidence conf, const when *d)
{
    if (s->has_event && s->gap <= gap)
        return;
    s->has_event = 1;
    s->gap = gap;
    s->status = status;
    s->confidence = conf;
    s->date = d->date;
    s->precision = d->precision;
    memcpy(s->note, d->note, sizeof s->note);
}

/* Whether slot b is listed with slot a ("Herat, in the west, and Ghazni"):
 * at most LIST_GAP words between them, the last being "and", or none. */
static int listed_with(const work *w, const slot *a, const slot *b)
{
    static const char *const conj[] = {"et", "and", "ou", "or", NULL};
    const slot *l = a->first < b->first ? a : b, *r = a->first < b->first ? b : a;
    const int gap = r->first - l->last;
    return gap == 0 || (gap <= LIST_GAP && is_word(&w->tok[r->first - 1], conj));
}

static void apply_trigger(work *w, const match *t)
{
    int best = -1, best_gap = 0;
    for (size_t k = 0; k < w->ns; k++) {
        const int g = w->s[k].eligible ? reach(w, t, &w->s[k]) : -1;
        if (g >= 0 && (best < 0 || g < best_gap))
            best = (int)k, best_gap = g;
    }
    if (best < 0)
        return;
    cm_state status = (cm_state)t->e->status;
    cm_confidence conf;
    if (qualify(w, t, &status, &conf) == DROP)
        return;
    const when d = resolve_date(w, t);
    give(&w->s[best], best_gap, status, conf, &d);
    /* places listed with it, away from the trigger */
    const int step = w->s[best].first >= t->last ? 1 : -1;
    for (int k = best; k + step >= 0 && k + step < (int)w->ns; k += step) {
        slot *n = &w->s[k + step];
        if (!n->eligible || !listed_with(w, &w->s[k], n))
            break;
        give(n, best_gap, status, conf, &d);
    }
}

/* The sentence with its whitespace runs made single spaces. */
static char *sentence_text(const work *w)
{
    const char *t = w->a->text + w->span.start;
    const size_t n = w->span.end - w->span.start;
    char *out = malloc(n + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const int space = t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t';
        if (!space)
            *p++ = t[i];
        else if (p > out && p[-1] != ' ')
            *p++ = ' ';
    }
    *p = '\0';
    return out;
}

/* Whether another slot of the same place has a nearer event. */
static int beaten(const work *w, size_t k)
{
    for (size_t j = 0; j < w->ns; j++)
        if (j != k && w->s[j].has_event && w->s[j].place == w->s[k].place &&
            (w->s[j].gap < w->s[k].gap || (w->s[j].gap == w->s[k].gap && j < k)))
            return 1;
    return 0;
}

static cm_status emit_events(work *w, cm_error *err)
{
    char *sentence = NULL;
    cm_status st = CM_OK;
    for (size_t k = 0; k < w->ns && st == CM_OK; k++) {
        const slot *s = &w->s[k];
        if (!s->has_event || beaten(w, k))
            continue;
        if (!sentence && !(sentence = sentence_text(w)))
            return nomem(err);
        const cm_place *p = s->place;
        const cm_place *prov = p->admin1[0] ? cm_gazetteer_find_id(w->x->gz, p->admin1) : NULL;
        cm_event e = {.date = s->date, .precision = s->precision, .place_id = p->id,
                      .place = p->name, .admin1 = prov ? prov->name : p->admin1,
                      .lat = p->lat, .lon = p->lon, .status = s->status,
                      .confidence = s->confidence, .source = w->a->name,
                      .offset = (long)s->offset, .sentence = sentence, .source_count = 1,
                      .note = (char *)s->note};
        st = cm_events_add(w->out, &e, err);
    }
    free(sentence);
    return st;
}

static cm_status process_piece(work *w, cm_error *err)
{
    if (!find_matches(w) || !resolve_slots(w) || !build_blocked(w))
        return nomem(err);
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_TRIGGER && !contained_in_longer_trigger(w, &w->m[i]))
            apply_trigger(w, &w->m[i]);
    const cm_status st = emit_events(w, err);
    for (size_t k = 0; k < w->ns; k++)
        if (is_town(w->s[k].place) && w->s[k].offset < w->span.end) {
            w->last_town = w->s[k].place;
            w->last_town_sentence = w->sentence;
        }
    w->ntok = w->ns = w->nm = 0;
    return st;
}

/* Tokens of the current sentence; a place mention is one token. */
static cm_status process_sentence(work *w, cm_error *err)
{
    const char *text = w->a->text;
    size_t pos = w->span.start, start, end;
    const cm_mentions *ms = w->mentions;
    while (cm__next_word(text, w->span.end, &pos, &start, &end, NULL)) {
        while (w->next_mention < ms->count && ms->items[w->next_mention].end <= start)
            w->next_mention++;
        const cm_mention *m = w->next_mention < ms->count ? &ms->items[w->next_mention] : NULL;
        token t = {start, end, "", -1, 0};
        if (m && m->start <= start) {
            t.slot = (int)w->ns;
            t.end = m->end;
            if (!push_slot(w, (int)w->ntok, (int)w->ntok + 1, m->place, m->start))
                return nomem(err);
            w->s[w->ns - 1].province_named = m->context == CM_CONTEXT_PROVINCE;
            pos = m->end > pos ? m->end : pos;
            w->next_mention++;
        } else {
            char folded[CM_KEY_MAX];
            const size_t n = cm__fold_word(text + start, end - start, folded);
            if (n < CM_LEX_WORD_MAX)
                memcpy(t.w, folded, n + 1);
        }
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

cm_status cm_extract_article(const cm_extractor *x, const cm_article *a,
                             cm_events *events, cm_error *err)
{
    cm_mentions mentions = {0};
    work w = {.x = x, .a = a, .mentions = &mentions, .out = events};
    const size_t first = events->count;
    cm_status st = cm_scanner_scan(x->scanner, a->text, a->len, &mentions, err);
    for (size_t i = 0; st == CM_OK && i < a->nsentences; i++) {
        w.sentence = i;
        w.span = a->sentences[i];
        if (worth_reading(&w))
            st = process_sentence(&w, err);
    }
    free(w.tok);
    free(w.m);
    free(w.s);
    free(w.blocked);
    cm_mentions_free(&mentions);
    if (st != CM_OK)
        cm_events_truncate(events, first);
    return st;
}
