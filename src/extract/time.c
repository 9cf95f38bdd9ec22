/* Stage 6 of the extractor: dates (see sentence.h). */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

/* The number written right before token i ("trois", "3"), or 0. */
static int number_before(const work *w, int i)
{
    if (i <= 0)
        return 0;
    const int n = cm__token_number(&w->tok[i - 1], 1, 366);
    if (n)
        return n;
    const match *m = cm__match_ending_at(w, CM_LEX_NUMBER, i);
    return m ? m->e->number : 0;
}

/* Whether a "since" word stands within its reach before date word d. */
static int starts_period(const work *w, const match *d)
{
    if (!(w->kinds_present & (1u << CM_LEX_SINCE)))
        return 0;
    size_t lo, hi;
    cm__matches_from(w, d->first - 50 - MAX_SPAN, d->first, &lo, &hi);
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
    return (m->first > 0 && cm__token_number(&w->tok[m->first - 1], 1, 31)) ||
           ((size_t)m->last < w->ntok && cm__token_number(&w->tok[m->last], 1, 31));
}

/* Whether m dates an event: a date word not starting a period; a month
 * abbreviation (max_gap 1 in the lexicon) only with its day ("Jan" alone
 * is a name). */
int cm__dates_event(const work *w, const match *m)
{
    (void)w;
    return m->dates;
}

/* cm__dates_event, measured once per match by cm__index_matches. */
/* Whether weekday m stands beside a full date that says the same day more
 * exactly ("Aug. 6 (Friday)", "Friday, Aug. 6", "vendredi 6 août"). */
static int beside_full_date(const work *w, const match *m)
{
    if (m->e->when != CM_WHEN_WEEKDAY && m->e->when != CM_WHEN_PAST_WEEKDAY)
        return 0;
    size_t lo, hi;
    cm__matches_from(w, m->first - 4 - MAX_SPAN, m->last + 4, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *d = &w->m[i];
        if (d->e->kind == CM_LEX_WHEN && d->e->when == CM_WHEN_MONTH && numbered(w, d) &&
            ((d->last <= m->first && m->first - d->last <= 2) ||
             (d->first >= m->last && d->first - m->last <= 2)))
            return 1;
    }
    return 0;
}

int cm__find_dates(const work *w, const match *m)
{
    return m->e->kind == CM_LEX_WHEN && !starts_period(w, m) && !cm__contained_in_longer(w, m) &&
           !(m->e->when == CM_WHEN_MONTH && m->e->max_gap == 1 && !numbered(w, m)) &&
           !beside_full_date(w, m);
}

/* "la nuit de jeudi à vendredi", "Thursday night into Friday": the later. */
static const match *night_end(const work *w, const match *d)
{
    static const char *const to[] = {"a", "au", "to", "into", NULL};
    if (d->e->when != CM_WHEN_WEEKDAY || (size_t)d->last + 1 >= w->ntok)
        return d;
    for (int j = d->last; j <= d->last + 1 && (size_t)j < w->ntok; j++) {
        if (!cm__is_word(&w->tok[j], to))
            continue;
        for (size_t i = 0; i < w->nm; i++)
            if (w->m[i].e->kind == CM_LEX_WHEN && w->m[i].e->when == CM_WHEN_WEEKDAY &&
                w->m[i].first == j + 1)
                return &w->m[i];
    }
    return d;
}

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
        if (d->last > end || d->first < at || !cm__dates_event(w, d) || k == CM_WHEN_REF ||
            k == CM_WHEN_LATER)
            continue;
        const cm__when v = cm__read_when(w, d); /* "dimanche 8", "Aug. 13" */
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

cm__when cm__read_when(const work *w, const match *d)
{
    d = night_end(w, d);
    if ((d->e->when == CM_WHEN_WEEKDAY || d->e->when == CM_WHEN_PAST_WEEKDAY) &&
        (size_t)d->last < w->ntok && !(w->tok[d->last].punct & (P_COMMA | P_BREAK))) {
        const int day = cm__token_number(&w->tok[d->last], 1, 31);
        if (day) { /* "le lundi 9": the day of the month says it */
            cm__when v = cm__when_day_of_month(day, &w->time);
            if (v.date != CM_DATE_NONE)
                return v;
        }
    }
    if (d->e->when == CM_WHEN_WEEKDAY) {
        /* only "le mardi", "the Tuesday" may tell a day of a retrospective;
         * "mardi" alone is this week's */
        static const char *const definite[] = {"le", "the", NULL};
        static const char *const that[] = {"that", "same", "meme", NULL}; /* "ce dimanche" is this week's */
        cm__when_ctx c = w->time;
        if (c.ref != CM_DATE_NONE && d->first > 0 && cm__is_word(&w->tok[d->first - 1], that)) {
            /* "that same Sunday", "ce même dimanche": the one the text is on */
            cm__when v = {c.ref + (d->e->amount - cm_date_weekday(c.ref) + 7) % 7,
                          CM_PRECISION_DAY, "", "weekday the text is on ('that same Sunday')"};
            return v;
        }
        if (!(d->first > 0 && cm__is_word(&w->tok[d->first - 1], definite)))
            c.ref = CM_DATE_NONE;
        return cm__when_resolve(d->e, 0, 0, 0, &c);
    }
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
            day = cm__token_number(&w->tok[d->first - 1], 1, 31);
        size_t k = (size_t)d->last;
        if (!day && k < w->ntok && (day = cm__token_number(&w->tok[k], 1, 31)))
            k++;
        if (k < w->ntok)
            year = cm__token_number(&w->tok[k], 1900, 2199);
    }
    return cm__when_resolve(d->e, day, year, number_before(w, d->first), &w->time);
}

/* "le 11", "on the 11th": a day of the month alone at token i. */
/* Whether a night is named within 3 tokens before token i ("dans la nuit
 * du 7 au 8"). */
static int night_before(const work *w, size_t i)
{
    static const char *const night[] = {"nuit", "night", NULL};
    for (size_t j = i >= 3 ? i - 3 : 0; j < i; j++)
        if (cm__is_word(&w->tok[j], night))
            return 1;
    return 0;
}

int cm__day_alone(const work *w, size_t i)
{
    static const char *const lead[] = {"le", "the", "du", "au", NULL};
    static const char *const from[] = {"du", NULL}, *const to[] = {"au", NULL};
    /* "du 2 au 4": the range's first day, but the night "du 7 au 8" is the 8th */
    if (i > 0 && cm__is_word(&w->tok[i - 1], from)) {
        const int range = i + 2 < w->ntok && cm__is_word(&w->tok[i + 1], to) &&
                          cm__token_number(&w->tok[i + 2], 1, 31);
        if (!range || night_before(w, i - 1))
            return 0;
    }
    if (i > 0 && cm__is_word(&w->tok[i - 1], to) &&
        !(i >= 3 && cm__is_word(&w->tok[i - 3], from) && cm__token_number(&w->tok[i - 2], 1, 31) &&
          night_before(w, i - 3)))
        return 0;
    static const char *const units[] = {"km", "kilometres", "kilometers", "miles", "hommes",
                                        "morts", "personnes", "combattants", "soldats", "men",
                                        "people", "dead", "fighters", "soldiers", "pour",
                                        "percent", "ans", "years", "jours", "days", "heures",
                                        "hours", NULL};
    if (i == 0 || !cm__is_word(&w->tok[i - 1], lead))
        return 0;
    const int d = cm__token_number(&w->tok[i], 1, 31);
    if (!d || cm__match_covering(w, CM_LEX_WHEN, (int)i) || cm__match_covering(w, CM_LEX_NUMBER, (int)i))
        return 0;
    if (i + 1 < w->ntok && !(w->tok[i + 1].punct & (P_COMMA | P_BREAK))) {
        const token *n = &w->tok[i + 1];
        const match *m = cm__match_covering(w, CM_LEX_WHEN, (int)i + 1);
        if (cm__is_word(n, units) || cm__token_number(n, 0, 100000) || (m && m->e->when == CM_WHEN_MONTH))
            return 0; /* "le 11 août": the month name reads it */
    }
    return d;
}

/* A year other than the article's in the segment of token i, or before it
 * in its clause outside appositions ("en 2015"). */
int cm__other_year(const work *w, int i)
{
    if (w->time.article == CM_DATE_NONE)
        return 0;
    int y, m, d;
    cm_date_to_ymd(w->time.article, &y, &m, &d);
    for (size_t n = 0; n < w->nyears; n++) {
        const int j = w->dates[w->ndays + n];
        if (w->tok[j].segment != w->tok[i].segment &&
            !(j < i && w->tok[j].clause == w->tok[i].clause && !cm__in_apposition(w, j, i)))
            continue;
        const int year = cm__token_number(&w->tok[j], 1900, 2199);
        if (year != y)
            return year;
    }
    return 0;
}

/* Whether the date word at token i belongs to another trigger than t: it
 * stands after t, in a segment (between commas) that holds a trigger of
 * its own ("X fell, and Y followed the next day"). */
/* Whether a relative clause opens in tokens [from, to): a relative word,
 * or "that" after a noun ("an offensive that began on July 30"; not "said
 * that"). */
static int relative_between(const work *w, int from, int to)
{
    static const char *const that[] = {"that", NULL};
    static const char *const says[] = {"said", "says", "say", "announced", "claimed",
                                       "confirmed", "added", "reported", "stated", NULL};
    for (int i = from; i < to; i++) {
        if (cm__match_covering(w, CM_LEX_RELATIVE, i))
            return 1;
        if (cm__is_word(&w->tok[i], that) && i > 0 && w->tok[i - 1].slot < 0 &&
            !cm__is_word(&w->tok[i - 1], says) && !w->tok[i - 1].kinds)
            return 1;
    }
    return 0;
}

/* Whether the date word at token i stands in a relative clause after
 * trigger t: "was overrun after an offensive that began on July 30", "sous
 * le contrôle des rebelles, qui avaient atteint ses abords la veille" (but
 * "fighting that began on Aug. 3" tells the trigger's own start).  Such a
 * date dates t only when no other does. */
static int relative_after(const work *w, int i, const match *t)
{
    const int after = (size_t)t->last < w->ntok && (w->tok[t->last].punct & P_COMMA) ? 0 : 1;
    if (i < t->last)
        return 0;
    if (relative_between(w, t->last + after, i))
        return 1;
    /* "à passer aux mains des insurgés depuis le lancement de leur
     * offensive, en mai": the date of what "depuis" names, when more than
     * its own date follows it */
    for (int j = t->last; j + 2 < i; j++) {
        if (!cm__match_covering(w, CM_LEX_SINCE, j))
            continue;
        int own = 0; /* "depuis le 3 août", "since Aug. 3": its own date */
        for (int k = j + 1; k <= j + 2; k++)
            own |= cm__match_covering(w, CM_LEX_WHEN, k) != NULL ||
                     cm__token_number(&w->tok[k], 1, 31) != 0;
        if (!own)
            return 1;
    }
    return 0;
}

/* Whether the date word at token i stands before trigger t in a relative
 * clause on its subject that no comma closes ("insurgents who set out
 * from Idlib on Nov. 27 have captured"): it dates the clause, never t. */
static int relative_before(const work *w, int i, const match *t)
{
    if (i >= t->first || w->tok[i].segment != w->tok[t->first].segment)
        return 0;
    for (int r = i - 1; r >= 0 && r >= i - 8; r--) {
        if (cm__match_covering(w, CM_LEX_RELATIVE, r))
            return r > 0 && w->tok[r - 1].slot < 0; /* not "Kunduz, which fell on" */
        if (w->tok[r].punct & (P_COMMA | P_BREAK))
            break;
    }
    return 0;
}

static int owned_elsewhere(const work *w, int i, const match *t)
{
    const int seg = w->tok[i].segment;
    if (i < t->first || seg == w->tok[t->first].segment)
        return 0;
    if (w->seg_trigger[seg])
        return 1;
    /* "X fell, and on the 15th, after ...": a joined segment opens what
     * comes next */
    const int f = w->seg_start[seg];
    return f >= t->last && cm__match_covering(w, CM_LEX_COORDINATOR, f) != NULL;
}

static int distance(const match *a, int first, int last)
{
    return a->last <= first ? first - a->last : a->first >= last ? a->first - last : 0;
}

/* "since Friday, when the insurgents walked into Zaranj", "jeudi, quand
 * ...": the date word just before the comma that opens the segment of
 * token i says when that clause happened, "since" or not. NULL if none. */
static const match *when_clause(const work *w, int i)
{
    static const char *const when_words[] = {"when", "quand", "lorsque", NULL};
    const int f = w->seg_start[w->tok[i].segment];
    if (f == 0 || !(w->tok[f].punct & P_COMMA) || !cm__is_word(&w->tok[f], when_words))
        return NULL;
    for (size_t k = 0; k < w->nm; k++) {
        const match *d = &w->m[k];
        if (d->e->kind == CM_LEX_WHEN && d->last == f && !d->contained &&
            (d->e->when == CM_WHEN_WEEKDAY || d->e->when == CM_WHEN_PAST_WEEKDAY ||
             (d->e->when == CM_WHEN_MONTH && numbered(w, d))))
            return d;
    }
    return NULL;
}

/* Whether the date word d is followed by a when-clause it dates. */
static int dates_when_clause(const work *w, const match *d)
{
    return (size_t)d->last < w->ntok && when_clause(w, d->last) == d;
}

/* Whether trigger t is counted by an ordinal just before it ("the sixth
 * provincial capital to fall since Friday", "la sixième capitale à passer
 * aux mains des talibans depuis vendredi"): the period is the series', not
 * the town's. */
static int counted(const work *w, const match *t)
{
    static const char *const ordinals[] = {"first", "second", "third", "fourth", "fifth",
                                           "sixth", "seventh", "eighth", "ninth", "tenth",
                                           "latest", "premiere", "premier", "derniere", NULL};
    for (int j = t->first - 1; j >= 0 && t->first - j <= 5; j--) {
        const token *k = &w->tok[j];
        const size_t n = strlen(k->w);
        if (cm__is_word(k, ordinals) || (k->slot < 0 && n > 4 && strcmp(k->w + n - 4, "ieme") == 0) ||
            (k->slot < 0 && n > 2 && k->w[0] >= '0' && k->w[0] <= '9' &&
             (strcmp(k->w + n - 2, "th") == 0 || strcmp(k->w + n - 1, "e") == 0)))
            return 1;
        if (k->punct & (P_BREAK | P_COMMA))
            return 0; /* the segment starts here */
    }
    return 0;
}

/* The date of trigger t: the date word of its clause nearest to it, else
 * the nearest in the sentence, else the paragraph's, else the article's. */
/* Whether the sentence opens with a date alone, then a dash: "12 août -
 * Les talibans s'emparent de Ghazni"; that date stands for every clause
 * after it.  Measured once a sentence, by cm__mark_clauses. */
int cm__date_heads(const work *w)
{
    size_t k = 0;
    while (k < w->ntok && w->tok[k].clause == 0) {
        if (!cm__match_covering(w, CM_LEX_WHEN, (int)k) && !cm__token_number(&w->tok[k], 1, 31) &&
            !cm__token_number(&w->tok[k], 1900, 2199))
            return 0;
        k++;
    }
    return k > 0 && k < w->ntok && (w->tok[k].punct & P_DASH);
}

/* The clause of date token i, or -1 when the date heads the sentence. */
static int heading_clause(const work *w, int i)
{
    return w->tok[i].clause == 0 && w->date_heads ? -1 : w->tok[i].clause;
}

dated cm__date_of(const work *w, const match *t)
{
    dated out = {{w->time.article, w->time.precision, "", "the article's date"}, NULL, 0};
    const match *opener = when_clause(w, t->first);
    if (opener) {
        out.when = cm__read_when(w, opener);
        out.when.rule = "the date the when-clause follows";
        out.word = opener;
        if (out.when.date != CM_DATE_NONE && out.when.precision == CM_PRECISION_DAY)
            return out;
        out = (dated){{w->time.article, w->time.precision, "", "the article's date"}, NULL, 0};
    }
    const match *best = NULL;
    int best_score = 1 << 30;
    const int clause = w->tok[t->first].clause;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        if (!cm__dates_event(w, d) || owned_elsewhere(w, d->first, t) ||
            relative_before(w, d->first, t) ||
            cm__in_apposition(w, d->first, t->first))
            continue; /* "X, que les commandos avaient reprise en juillet, a été perdue" */
        const int dc = heading_clause(w, d->first);
        const int score = distance(d, t->first, t->last) +
                          (dc == clause || dc < 0 ? 0 : 10000) +
                          (relative_after(w, d->first, t) ? 5000 : 0) +
                          (w->tok[d->first].segment == w->tok[t->first].segment ? 0 : 2);
        if (score < best_score)
            best = d, best_score = score;
    }
    int day_tok = -1, day_score = 1 << 30;
    for (size_t n = 0; n < w->ndays; n++) {
        const size_t i = (size_t)w->dates[n];
        if (owned_elsewhere(w, (int)i, t) || relative_before(w, (int)i, t) ||
            cm__in_apposition(w, (int)i, t->first))
            continue;
        const match fake = {NULL, (int)i, (int)i + 1, 0, 0};
        const int score = distance(&fake, t->first, t->last) +
                          (w->tok[i].clause == clause ? 0 : 10000) +
                          (relative_after(w, (int)i, t) ? 5000 : 0);
        if (score < day_score)
            day_tok = (int)i, day_score = score;
    }
    if (day_tok >= 0 && day_score < best_score) {
        out.when = cm__when_day_of_month(cm__token_number(&w->tok[day_tok], 1, 31), &w->time);
        out.day = day_tok + 1;
        return out;
    }
    if (best && (best->e->when == CM_WHEN_REF || best->e->when == CM_WHEN_LATER)) {
        /* "la veille, vendredi": the named day beside a relative one says it */
        for (size_t i = 0; i < w->nm; i++) {
            const match *d = &w->m[i];
            if (d != best && cm__dates_event(w, d) && d->first >= best->last &&
                d->first - best->last <= 1 &&
                (d->e->when == CM_WHEN_WEEKDAY || d->e->when == CM_WHEN_MONTH))
                best = d;
        }
    }
    if (best) {
        out.when = cm__read_when(w, best);
        out.word = best;
        return out;
    }
    {
        /* "les combats ont gagné la périphérie depuis le 30 juillet", "under
         * Taliban control since 12 August": a state dated by when it began */
        for (size_t i = 0; i < w->nm; i++) {
            const match *d = &w->m[i];
            const int same_segment = w->tok[d->first].segment == w->tok[t->first].segment;
            if (d->e->kind == CM_LEX_WHEN && !d->contained && starts_period(w, d) &&
                !dates_when_clause(w, d) && !counted(w, t) &&
                w->tok[d->first].clause == clause && !cm__in_apposition(w, d->first, t->first) &&
                (same_segment || t->e->status == CM_STATE_ATTACKED ||
                 t->e->status == CM_STATE_CONTESTED) &&
                (d->e->when == CM_WHEN_MONTH || d->e->when == CM_WHEN_WEEKDAY ||
                 d->e->when == CM_WHEN_PAST_WEEKDAY)) {
                out.when = cm__read_when(w, d);
                out.when.rule = "the day it began ('since')";
                out.word = d;
                if (out.when.precision == CM_PRECISION_DAY)
                    return out;
                out.when = (cm__when){w->time.article, w->time.precision, "", "the article's date"};
                out.word = NULL;
            }
        }
    }
    if (w->paragraph_date != CM_DATE_NONE) {
        out.when = (cm__when){w->paragraph_date, CM_PRECISION_DAY, "", "the date the paragraph last named"};
    }
    return out;
}

/* After a sentence: the last day-precision date it named becomes the
 * reference for relative words and for the paragraph's undated sentences. */
void cm__move_time(work *w)
{
    cm_date last = CM_DATE_NONE, para = CM_DATE_NONE, inserted = CM_DATE_NONE;
    int last_at = -1, named = 0;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        if (!cm__dates_event(w, d) || d->first < last_at)
            continue;
        const cm__when v = cm__read_when(w, d);
        if (w->appo[d->first] >= 0) {
            /* a relative clause's date ("where ... on Aug. 3") moves no
             * time, unless the sentence names no other ("Zaranj, which the
             * Taliban entered on 6 August. Sheberghan followed a day later") */
            if (v.date != CM_DATE_NONE && v.precision == CM_PRECISION_DAY &&
                d->e->when != CM_WHEN_REF && d->e->when != CM_WHEN_LATER)
                inserted = v.date;
            continue;
        }
        if (v.date == CM_DATE_NONE || v.precision != CM_PRECISION_DAY)
            continue;
        const int relative = d->e->when == CM_WHEN_REF || d->e->when == CM_WHEN_LATER;
        /* "the night before" looks back; "Aug. 12 - ... arrested the next
         * day" or a paragraph's day then "the next day" tells an aside:
         * the day the paragraph tells goes on */
        const int aside = relative && (v.date < w->time.ref || named ||
                                       (w->paragraph_date != CM_DATE_NONE &&
                                        v.date != w->paragraph_date));
        last = v.date, last_at = d->first;
        if (!aside)
            para = v.date;
        named |= !relative;
    }
    for (size_t n = 0; n < w->ndays; n++) {
        const int i = w->dates[n];
        if (i <= last_at)
            continue;
        const cm__when v = cm__when_day_of_month(w->day[i], &w->time);
        if (v.date != CM_DATE_NONE)
            last = para = v.date, last_at = i;
    }
    if (last != CM_DATE_NONE)
        w->time.ref = last;
    else if (inserted != CM_DATE_NONE)
        w->time.ref = inserted;
    if (para != CM_DATE_NONE)
        w->paragraph_date = para;
}

/* Whether date d lies in another year than the article and more than
 * four months before it: background, not news ("en novembre 2001"). */
int cm__long_before(const work *w, cm_date d)
{
    if (d == CM_DATE_NONE || w->time.article == CM_DATE_NONE)
        return 0;
    int y0, m0, d0, y, m, dd;
    cm_date_to_ymd(w->time.article, &y0, &m0, &d0);
    cm_date_to_ymd(d, &y, &m, &dd);
    return y != y0 && w->time.article - d > 120;
}
