/* Stage 4 of the extractor: triggers, the places they reach and the lists
 * they govern (see sentence.h). */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

/* Whether an outskirts phrase starts within 3 tokens after token i. */
static int outskirts_after(const work *w, int i)
{
    for (size_t k = 0; k < w->nm; k++)
        if (w->m[k].e->kind == CM_LEX_OUTSKIRTS && w->m[k].first >= i && w->m[k].first - i <= 3)
            return 1;
    return 0;
}

int cm__build_blocked(work *w)
{
    if (!cm__reserve((void **)&w->blocked, &w->blocked_cap, w->ntok + 1, sizeof *w->blocked))
        return 0;
    memset(w->blocked, 0, (w->ntok + 1) * sizeof *w->blocked);
    for (size_t i = 0; i < w->nm; i++) {
        const match *b = &w->m[i];
        if (b->e->kind != CM_LEX_BLOCKER || cm__match_covering(w, CM_LEX_SEAT, b->first) ||
            (b->first > 0 && cm__match_covering(w, CM_LEX_SEAT, b->first - 1)) ||
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

/* Whether a trigger other than a state ("on the outskirts of", held or
 * pressed) starts in tokens [from, to): the nearer verb owns what follows. */
static int verb_between(const work *w, int from, int to)
{
    if (!cm__trigger_within(w, from, to))
        return 0;
    size_t lo, hi;
    cm__matches_from(w, from, to, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == CM_LEX_TRIGGER && !w->m[i].contained && w->m[i].e->agentive != 2)
            return 1;
    return 0;
}

/* The words between a trigger and a slot, or -1 if the trigger cannot
 * reach it.  Blockers do not stand between a trigger and a border crossing
 * or a base: "le poste-frontière de X" is X. */
int cm__reach(const work *w, const match *t, const slot *s)
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
        if (gap > e->max_gap)
            return -1;
        if (gap > 0 && verb_between(w, t->last, s->first))
            return -1; /* "after the base surrendered, the Taliban entered Kabul" */
        if (blockable && blocker_between(w, t->last, s->first))
            return -1;
    } else if (s->last <= t->first) {
        if (e->direction == CM_DIR_BEFORE)
            return -1;
        gap = t->first - s->last;
        if (gap > e->max_gap)
            return -1;
        static const char *const by[] = {"by", "par", NULL};
        const int participle = gap == 0 && !(w->tok[t->first].punct & P_BREAK) &&
                               (size_t)t->last < w->ntok && cm__is_word(&w->tok[t->last], by);
        /* a comma or a break in tokens [s->last, t->first]: segments count them */
        if (!participle && w->tok[t->first].segment != w->tok[s->last - 1].segment &&
            !cm__framed(w, s))
            return -1; /* "Si Mazar tombe, c'est tout le nord qui tombe" (but
                        * "Zaranj, captured by the insurgents on Friday") */
        if (blockable && blocker_between(w, s->last, t->first))
            return -1;
    } else {
        return -1;
    }
    return gap <= e->max_gap ? gap : -1;
}

/* Whether token i may stand between a list's joining word and its place:
 * a joining word, a date word, a filler or an article. */
static int tail_word(const work *w, int i)
{
    const token *t = &w->tok[i];
    return t->slot < 0 && (cm__match_covering(w, CM_LEX_COORDINATOR, i) ||
                           cm__match_covering(w, CM_LEX_WHEN, i) || t->filler ||
                           cm__is_word(t, cm__articles));
}

/* Whether slot b is listed right after slot a: between them, an insert
 * (an apposition or relative clause between commas, or a short locative),
 * then a tail of joining words ("ainsi que", "and, by nightfall,"). */
static listing listed_after(const work *w, const slot *a, const slot *b)
{
    static const char *const province[] = {"province", "provinces", NULL};
    static const char *const at[] = {"in", "at", "a", "au", "dans", NULL};
    listing out = {0, 0, NULL};
    int a_last = a->app_end > a->last && !(w->tok[a->last].punct & P_COMMA)
                     ? a->app_end /* "Qalat in Zabul, Chaghcharan in Ghor and ..." */
                     : a->last; /* "Laghman province, including its capital X" */
    while (a_last < b->first && cm__is_word(&w->tok[a_last], province))
        a_last++;
    if (b->first > a_last && cm__is_word(&w->tok[b->first - 1], at))
        return out; /* "and in Lashkar Gah, commanders agreed": a new clause */
    /* the tail: joining words, date words, articles, and after the joining
     * word at most two other words ("followed within hours by X") */
    int i = b->first, free = 0, coord = -1, crossed = 0;
    while (i > a_last && b->first - i < MAX_TAIL) {
        const int k = i - 1;
        if (w->tok[k].slot >= 0 || (w->tok[k + 1].punct & P_BREAK))
            break;
        crossed |= (w->tok[k + 1].punct & P_CLOSE) != 0;
        if (cm__match_covering(w, CM_LEX_COORDINATOR, k)) {
            if (crossed)
                break; /* "(... the airport and a nearby base), X": not X's "and" */
            coord = k;
        } else if (!tail_word(w, k) && (coord >= 0 || ++free > 2))
            break;
        i = k;
    }
    int tail = coord;
    if (coord < 0) { /* a comma alone: only articles and date words */
        tail = b->first;
        while (tail > a_last && b->first - tail < MAX_TAIL && tail_word(w, tail - 1))
            tail--;
    } else {
        while (cm__match_covering(w, CM_LEX_COORDINATOR, tail - 1) && tail - 1 >= a_last)
            tail--;
    }
    for (int j = tail; j < b->first; j++) {
        const match *d = cm__match_covering(w, CM_LEX_WHEN, j);
        if (d && !cm__contained_in_longer(w, d))
            out.date_word = d;
    }
    const int comma = w->tok[tail < b->first ? tail : b->first].punct & P_COMMA;
    if (coord < 0 && !comma)
        return out;
    for (int j = a_last; j <= b->first && j < (int)w->ntok; j++)
        if ((w->tok[j].punct & P_BREAK) || (j < b->first && (w->tok[j].punct & P_COLON)))
            return out; /* "le pouvoir de Kaboul : Koundouz tombe": a colon opens what follows */
    const int insert = tail - a_last;
    if (insert > 0) {
        const int enclosed = (w->tok[a_last].punct & P_COMMA) && comma;
        if (!(enclosed && insert <= MAX_INSERT) && !(insert <= MAX_LOCATIVE && !comma))
            return out;
        int own_date = 0; /* "puis samedi X, avant de s'emparer dimanche, de Y": Y is another event's */
        for (int j = a_last; j < tail && !own_date; j++)
            own_date = cm__match_covering(w, CM_LEX_WHEN, j) != NULL;
        if (cm__trigger_within(w, a_last, tail) && (!enclosed || own_date))
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
        if (s->first > t->last && cm__is_word(&w->tok[s->first - 1], at))
            return -1; /* "fell, and in Lashkar Gah, ..." */
        int coord = 0;
        for (int i = t->last; i < s->first; i++) {
            if (w->tok[i].punct & P_BREAK)
                return -1;
            coord |= cm__match_covering(w, CM_LEX_COORDINATOR, i) != NULL;
        }
        return coord && !cm__trigger_within(w, t->last, s->first) ? (int)j : -1;
    }
    return -1;
}

static void give(work *w, slot *s, int gap, const match *t, const verdict *v, const dated *d,
                 const char *how)
{
    (void)w;
    if (s->has_event) { /* the stronger event, then the nearer trigger */
        const int ow = cm__weight(s->status), nw = cm__weight(v->status);
        if (s->when.date == d->when.date && ow != nw ? ow > nw : s->gap <= gap)
            return;
    }
    s->has_event = 1;
    s->gap = gap;
    s->status = v->status;
    s->confidence = v->confidence;
    s->actor = v->actor;
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
        if (o->e->kind != CM_LEX_OUTSKIRTS || (o->first >= t->first && o->last <= t->last))
            continue; /* "repoussé les talibans hors de X": part of the trigger */
        if (o->first >= from && o->last <= to)
            return o;
        if (!listed && s->last <= t->first && o->first >= t->last && o->first - t->last <= 6 &&
            w->tok[o->first].segment == w->tok[t->first].segment)
            return o; /* "à Hérat, des affrontements étaient signalés en périphérie" */
        if (o->first == s->last ||
            (o->first == s->last + 1 && strcmp(w->tok[s->last].w, "s") == 0))
            return o; /* "the city's outskirts" */
        int j = o->last;
        while (j < s->first && cm__is_word(&w->tok[j], cm__articles))
            j++;
        if (j == s->first && !(w->tok[j].punct & (P_COMMA | P_BREAK)))
            return o; /* "outskirts of X", not "on its outskirts, X ..." */
    }
    return NULL;
}

/* Whether nothing but a month name or a year stands between token i and
 * end (the next item or the sentence end), or a joining word follows. */
static int ends_item(const work *w, int i, int end)
{
    if (i < end && (w->tok[i].punct & (P_COMMA | P_BREAK)))
        return 1; /* "and Mazar-i-Sharif, ..., a day earlier, leaving ..." */
    for (; i < end; i++) {
        if (cm__match_covering(w, CM_LEX_COORDINATOR, i))
            return 1;
        const match *m = cm__match_covering(w, CM_LEX_WHEN, i);
        if (!(m && m->e->when == CM_WHEN_MONTH) && !cm__token_number(&w->tok[i], 1, 2199))
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
        if ((w->tok[i].punct & P_BREAK) || cm__match_covering(w, CM_LEX_COORDINATOR, i) ||
            cm__trigger_within(w, i, i + 1))
            return 0;
        if (w->appo[i] == k)
            continue; /* "X, qu'ils n'avaient pas pu conserver en juillet": the clause's */
        const match *m = cm__match_covering(w, CM_LEX_WHEN, i);
        if (m && cm__dates_event(w, m) && ends_item(w, m->last, end)) {
            d->when = cm__read_when(w, m), d->word = m;
            return 1;
        }
        if (w->day[i] && ends_item(w, i + 1, end)) {
            d->when = cm__when_day_of_month(cm__token_number(&w->tok[i], 1, 31), &w->time);
            d->word = NULL, d->day = i + 1;
            return 1;
        }
    }
    return 0;
}

/* The places enumerated after a colon that follows trigger t ("se sont
 * emparés de cinq capitales : A, dans le Helmand, ... ; B ; puis C"): the
 * list at the colon and the one after each semicolon; after a dash, the
 * one list the dashes enclose ("took three capitals - A, B and C - and").
 * Returns how many went into list (at most max); 0 when t is not followed
 * by one. */
static int enumeration(const work *w, const match *t, int *list, const match **dates, int max)
{
    int colon = -1, dash = 0;
    for (int i = t->last; (size_t)i < w->ntok && i - t->last <= MAX_INSERT; i++) {
        if (w->tok[i].punct & (P_COLON | P_DASH)) {
            colon = i;
            dash = (w->tok[i].punct & P_DASH) != 0;
            break;
        }
        if (w->tok[i].slot >= 0 || (w->tok[i].punct & P_BREAK) || cm__trigger_within(w, i, i + 1))
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
        if (dash)
            break;
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
            if (cm__match_covering(w, CM_LEX_RELATIVE, i) && t->first - i <= t->e->max_gap + 1 &&
                !blocker_between(w, i, t->first) &&
                !blocker_between(w, t->last, t->last + 3 < (int)w->ntok ? t->last + 3 : (int)w->ntok))
                return (int)k; /* not "où un district est tombé", "where they overran checkpoints" */
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

/* Whether trigger t stands in a relative clause on slot s ("Taloqan,
 * chef-lieu du Takhar, qu'ils encerclaient depuis juillet"): a relative
 * word between the place's phrase and t.  The clause tells of s alone,
 * not of the list s ends. */
static int relative_on(const work *w, const slot *s, const match *t)
{
    static const char *const qu[] = {"qu", NULL}; /* "qu'ils", elided */
    static const char *const it[] = {"ce", "c", "it", NULL};
    static const char *const is[] = {"sont", "est", "etait", "etaient", "was", "were", "is",
                                     "are", NULL};
    const int from = s->app_end > s->last ? s->app_end : s->last;
    if (from >= t->first || t->first - from > 3)
        return 0;
    /* a cleft ("ce sont Farah et Pol-e Khomri qui cèdent") tells of all */
    for (int i = s->first - 1; i > 0 && i >= s->first - 16; i--)
        if (cm__is_word(&w->tok[i - 1], it) && cm__is_word(&w->tok[i], is))
            return 0;
    for (int i = from; i < t->first; i++)
        if (cm__match_covering(w, CM_LEX_RELATIVE, i) || cm__is_word(&w->tok[i], qu))
            return 1;
    return 0;
}

void cm__apply_trigger(work *w, const match *t)
{
    int best = -1, best_gap = 0;
    /* only slots within reach: max_gap words, after an apposition at most */
    const int from = t->first - MAX_REACH - MAX_APPOSITION - 2, to = t->last + MAX_REACH;
    for (size_t k = slot_from(w, from); k < w->ns; k++) {
        if (k < w->ns_sorted && w->s[k].first > to)
            k = w->ns_sorted; /* on to the slots of relative clauses */
        if (k >= w->ns)
            break;
        const int g = w->s[k].eligible ? cm__reach(w, t, &w->s[k]) : -1;
        if (g >= 0 && (best < 0 || g < best_gap))
            best = (int)k, best_gap = g;
    }
    int list[128];
    const match *dates[128];
    int n = enumeration(w, t, list, dates, 128);
    if (n == 0 && best < 0 && (best = relative_host(w, t)) >= 0) {
        /* the relative clause tells an event of its own: a slot of its own */
        const slot host = w->s[best];
        if (!cm__push_slot(w, host.first, host.last, host.place, host.offset,
                       "the town its relative clause is about"))
            return;
        best = (int)w->ns - 1;
        w->s[best].app_end = host.app_end;
        w->s[best].relative = 1;

        best_gap = t->first - host.last;
    }
    if (n == 0 && best < 0)
        return;
    if (n == 0 && (w->s[best].relative || relative_on(w, &w->s[best], t))) {
        list[0] = best, dates[0] = NULL, n = 1; /* its own town, not the list it ends */
    } else if (n == 0) {
        const int step = w->s[best].first >= t->last ? 1 : -1;
        n = list_of(w, best, step, list, dates, 64);
        const int after = step < 0 ? joined_after(w, t) : -1;
        if (after >= 0)
            n += list_of(w, after, 1, list + n, dates + n, 64);
    } else {
        best_gap = w->s[list[0]].first - t->last;
    }
    verdict v = cm__qualify(w, t);
    const int year = cm__other_year(w, t->first);
    if (year && !v.drop) {
        v.drop = 1;
        snprintf(v.why, sizeof v.why, "another year (%d): background", year);
    }
    dated d = cm__date_of(w, t);
    if (!v.drop && cm__long_before(w, d.when.date)) {
        int y, m, dd;
        cm_date_to_ymd(d.when.date, &y, &m, &dd);
        v.drop = 1;
        snprintf(v.why, sizeof v.why, "dated %d, long before the article: background", y);
    }
    /* each item's date: its own (a date word before it in the list, or one
     * ending it: "then Kunduz, Sar-e Pol and Taloqan on Sunday" dates the
     * three), else the one before it */
    dated item[128];
    int own[128];
    for (int i = 0; i < n; i++) {
        item[i] = i ? item[i - 1] : d;
        own[i] = 0;
        if (i > 0 && dates[i]) {
            item[i].when = cm__read_when(w, dates[i]), item[i].word = dates[i];
            own[i] = 1;
        } else if (i > 0 && trailing_date(w, list[i], &item[i])) {
            own[i] = 2;
            for (int j = i - 1; j > 0 && !own[j]; j--)
                item[j] = item[i];
        }
    }
    for (int i = 0; i < n; i++) {
        slot *s = &w->s[list[i]];
        if (v.drop) {
            if (!s->has_event)
                snprintf(s->reason, REASON_MAX, "trigger '%s' dropped: %s", t->e->phrase, v.why);
            continue;
        }
        verdict vi = v;
        const match *o = s->relative ? NULL : outskirts(w, t, s, i > 0), *u;
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
        char how[REASON_MAX] = "nearest place on the trigger's side";
        if (best < 0 || list[0] != best)
            snprintf(how, sizeof how, "%s", "enumerated after a colon");
        if (i > 0)
            snprintf(how, sizeof how, "listed with %s (item %d)", w->s[list[0]].place->name, i + 1);
        give(w, s, best_gap + (i > 0 ? 1 + i : 0), t, &vi, &item[i], how);
    }
}
