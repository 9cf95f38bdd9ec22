/* Stage 3 of the extractor: place phrases (see sentence.h). */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

/* The context phrase that ends right before token f, allowing articles
 * and "province de" between ("gouverneur de la province de X"), or NULL. */
static const match *context_before(const work *w, int f)
{
    if (w->tok[f].punct & (P_COMMA | P_BREAK))
        return NULL; /* "Depuis, Kandahar ...": no context across a comma */
    static const char *const skip[] = {"la", "le", "les", "l", "de", "du", "d", "des", "the",
                                       "of", "province", "provinciale", "ville", "city",
                                       "town", NULL};
    for (int j = f;; j--) {
        const match *m = cm__match_ending_at(w, CM_LEX_CONTEXT, j);
        if (m)
            return m;
        if (j == 0 || !cm__is_word(&w->tok[j - 1], skip))
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
    while (j > 0 && cm__is_word(&w->tok[j - 1], skip))
        j--;
    return j > 0 && cm__is_word(&w->tok[j - 1], in) && (w->tok[j - 1].punct & P_COMMA);
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

/* Whether anaphor m is "here" / "ici": the place the story was filed from. */
static int here(const match *m)
{
    return m->e->nwords == 1 && (strcmp(m->e->words[0], "here") == 0 ||
                                 strcmp(m->e->words[0], "ici") == 0);
}

/* Whether byte p of text opens or closes a quotation, and how long the
 * mark is: 0 when it is none. */
static int quote_mark(const char *t, size_t p, size_t end)
{
    if (t[p] == '"')
        return 1;
    if (p + 1 < end && (unsigned char)t[p] == 0xC2 &&
        ((unsigned char)t[p + 1] == 0xAB || (unsigned char)t[p + 1] == 0xBB))
        return 2; /* « » */
    if (p + 2 < end && (unsigned char)t[p] == 0xE2 && (unsigned char)t[p + 1] == 0x80 &&
        ((unsigned char)t[p + 2] == 0x9C || (unsigned char)t[p + 2] == 0x9D))
        return 3; /* “ ” */
    return 0;
}

/* « Les talibans sont entrés dans la ville », a déclaré un membre du
 * conseil provincial de Farah: an anaphor inside a quotation that opens
 * the sentence stands for the town its attribution names. NULL if none. */
static const cm_place *quoted_town(const work *w, const match *m, size_t named)
{
    const char *t = w->a->text;
    size_t p = w->span.start, end = w->span.end;
    while (p < end && (t[p] == ' ' || t[p] == '\n' || t[p] == '\t'))
        p++;
    int n = quote_mark(t, p, end);
    if (!n)
        return NULL;
    size_t close = 0;
    for (size_t q = p + (size_t)n; q < end && !close; q++) {
        const int k = quote_mark(t, q, end);
        if (k && q > w->tok[m->first].start)
            close = q;
        else if (k)
            return NULL; /* the quotation closed before the anaphor */
        q += k > 1 ? (size_t)k - 1 : 0;
    }
    if (!close)
        return NULL;
    static const char *const of[] = {"de", "d", "of", "from", NULL};
    for (size_t k = 0; k < named; k++) {
        const slot *s = &w->s[k];
        if (w->tok[s->first].start > close && s->first > 0 && cm__is_town(s->place) &&
            !s->remote && cm__is_word(&w->tok[s->first - 1], of))
            return s->place; /* "un membre du conseil provincial de Farah", not "à Kaboul" */
    }
    return NULL;
}

/* The place an anaphor at m stands for: the town named last (in this
 * sentence before it, or in the last ANAPHOR_REACH sentences); for "its
 * capital" (a phrase with "capital" in it), the capital of the province
 * named more recently than any town. */
static const cm_place *antecedent(const work *w, const match *m, size_t named, const char **how)
{
    if (!here(m)) {
        const cm_place *speaker = quoted_town(w, m, named);
        if (speaker) {
            *how = "anaphor: the town the quotation's speaker is from";
            return speaker;
        }
    }
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
        if (cm__is_town(w->s[k].place) && !w->s[k].remote)
            town = w->s[k].place, prov = NULL;
        else if (w->s[k].place->kind == CM_KIND_PROVINCE)
            prov = w->s[k].place;
    }
    if (here(m)) { /* the dateline's place or nothing: "Here is how ..." names none */
        static const char *const presenting[] = {"is", "are", "s", NULL};
        *how = "anaphor: the place of the dateline";
        if ((size_t)m->last < w->ntok && cm__is_word(&w->tok[m->last], presenting))
            return NULL;
        return w->dateline_place;
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
    if ((size_t)j < w->ntok && cm__is_word(&w->tok[j], poss) && !(w->tok[j].punct & P_COMMA))
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
    if (s->first < 2 || !cm__is_word(&w->tok[s->first - 1], in) ||
        s->place->kind == CM_KIND_BORDER_CROSSING || s->place->kind == CM_KIND_BASE)
        return NULL;
    size_t lo, hi;
    cm__matches_from(w, s->first - 4 - MAX_SPAN, s->first, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const match *b = &w->m[i];
        if (b->e->kind == CM_LEX_BLOCKER && b->last < s->first && s->first - 1 - b->last <= 4 &&
            !cm__match_covering(w, CM_LEX_SEAT, b->first))
            return b;
    }
    return NULL;
}

/* Whether the words around slot s make it no event location: a context
 * before it, a facility it names or locates, a province that only locates
 * the town before it, an agent ("abandonnés par Kaboul"). */
/* Whether "non" / "not" stands right before token i ("Mehtarlam, et non
 * Pol-e Alam, a été livrée"). */
static int negated(const work *w, int i)
{
    static const char *const no[] = {"non", "not", NULL};
    return cm__is_word(&w->tok[i - 1], no);
}

/* Whether slot s is the dateline of the story ("KABOUL (AFP) -", "HÉRAT
 * (Afghanistan) -", "LASHKAR GAH, Afghanistan -"): a place in capitals among
 * the first words of the article's first paragraph of text. */
static int dateline(const work *w, const slot *s)
{
    if (!w->first_text || s->first > 3)
        return 0;
    int lower = 0;
    for (size_t p = w->tok[s->first].start; p < w->tok[s->last - 1].end; p++)
        lower |= w->a->text[p] >= 'a' && w->a->text[p] <= 'z';
    return !lower;
}

/* Whether a joining word stands within the four words before token i
 * ("followed within hours by X"). */
static int coordinated(const work *w, int i)
{
    for (int j = i - 1; j >= 0 && j >= i - 4; j--)
        if (cm__match_covering(w, CM_LEX_COORDINATOR, j))
            return 1;
    return 0;
}

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
        cm__set_reason(s, "names a facility, '%s', not the town", f->e->phrase);
    } else if (c) {
        s->eligible = 0;
        s->remote = c->e->remote;
        cm__set_reason(s, "context '%s' before it", c->e->phrase);
    } else if (s->province_named && locates_town(w, s)) {
        s->eligible = 0;
        cm__set_reason(s, "%s", "only locates the town before it");
    } else if (s->first > 0 && negated(w, s->first)) {
        s->eligible = 0;
        cm__set_reason(s, "%s", "named as not the place ('et non X')");
    } else if (dateline(w, s)) {
        s->eligible = 0;
        s->remote = 1;
        cm__set_reason(s, "%s", "the dateline: where the story was filed");
        w->dateline_place = s->place;
    } else if (s->first > 0 && cm__is_word(&w->tok[s->first - 1], by) &&
               cm__trigger_within(w, s->first - 4 > 0 ? s->first - 4 : 0, s->first - 1) &&
               !coordinated(w, s->first - 1)) {
        s->eligible = 0;
        cm__set_reason(s, "%s", "the agent of a passive ('by X'), not its object");
    }
}

/* Anaphors become slots (after the places named, whose phrases decide
 * which can be antecedents); then their own phrases are read. */
int cm__resolve_slots(work *w)
{
    static const char *const of[] = {"de", "d", "of", NULL};
    const size_t named = w->ns;
    for (size_t k = 0; k < named; k++)
        place_phrase(w, &w->s[k]);
    for (size_t i = 0; i < w->nm; i++) {
        const match *m = &w->m[i];
        if (m->e->kind != CM_LEX_ANAPHOR)
            continue;
        if ((size_t)m->last < w->ntok && (w->tok[m->last].slot >= 0 || cm__is_word(&w->tok[m->last], of)))
            continue; /* "la ville de X" names X itself */
        const char *how = "";
        const cm_place *ref = antecedent(w, m, named, &how);
        if (ref && !cm__push_slot(w, m->first, m->last, ref, w->tok[m->first].start, how))
            return 0;
    }
    for (size_t k = named; k < w->ns; k++)
        place_phrase(w, &w->s[k]);
    if (w->ns > 1)
        qsort(w->s, w->ns, sizeof *w->s, cmp_slot);
    w->ns_sorted = w->ns;
    return 1;
}

/* Whether token t is an auxiliary verb ("had", "est") or opens a new
 * subject ("tous les districts"): a segment it opens says something of the
 * place before, or of something else; it does not describe the place. */
static int auxiliary(const token *t)
{
    static const char *const aux[] = {"est", "ont", "sont", "is", "are", "was", "were",
                                      "has", "had", "have", /* and a new subject: */
                                      "tous", "toutes", "all", "plusieurs", "several", NULL};
    if (cm__is_word(t, aux))
        return 1;
    for (int i = 0; i < t->nlem; i++)
        if (strcmp(t->lem[i], "etre") == 0 || strcmp(t->lem[i], "avoir") == 0 ||
            strcmp(t->lem[i], "be") == 0 || strcmp(t->lem[i], "have") == 0)
            return 1;
    return 0;
}

/* The apposition of each slot: the segments between commas right after it
 * that name no place first and hold no trigger (unless they open with a
 * relative word: "Taloqan, où les combats duraient depuis un mois, ...");
 * the slots inside one belong to it ("Pol-e Khomri, sur la route entre
 * Kaboul et Mazar, ..."). */
/* "Qalat in Zabul", "Gardez dans le Paktia": the province the town lies
 * in, named right after it, is part of the town's phrase; the token after
 * it, or s->last when there is none. */
static int locative_province(const work *w, size_t k)
{
    static const char *const in[] = {"in", "dans", "en", NULL};
    static const char *const filler[] = {"le", "la", "l", "the", "province", "de", "of", NULL};
    const slot *s = &w->s[k];
    if (!s->place || !s->place->admin1 || !s->place->admin1[0] || k + 1 >= w->ns ||
        (size_t)s->last >= w->ntok || !cm__is_word(&w->tok[s->last], in) ||
        (w->tok[s->last].punct & (P_COMMA | P_BREAK)))
        return s->last;
    const slot *p = &w->s[k + 1];
    for (int j = s->last + 1; j < p->first; j++)
        if (!cm__is_word(&w->tok[j], filler) || (w->tok[j].punct & (P_COMMA | P_BREAK)))
            return s->last;
    if (!p->place || strcmp(p->place->id, s->place->admin1) != 0)
        return s->last;
    int end = p->last;
    if ((size_t)end < w->ntok && !(w->tok[end].punct & (P_COMMA | P_BREAK)) &&
        strcmp(w->tok[end].w, "province") == 0)
        end++;
    return end;
}

void cm__find_appositions(work *w)
{
    for (size_t k = 0; k < w->ns; k++) {
        slot *s = &w->s[k];
        int i = locative_province(w, k);
        if (i > s->last)
            s->app_end = i;
        while ((size_t)i < w->ntok && (w->tok[i].punct & P_COMMA) &&
               !(w->tok[i].punct & (P_BREAK | P_COLON))) {
            int lead = i; /* ", de Sar-e Pol": a list goes on, with its article */
            while ((size_t)lead < w->ntok && lead - i < 2 && w->tok[lead].slot < 0 &&
                   cm__is_word(&w->tok[lead], cm__articles))
                lead++;
            if ((w->tok[i].slot >= 0 && !(w->tok[i].punct & P_PAREN)) ||
                ((size_t)lead < w->ntok && lead > i && w->tok[lead].slot >= 0) ||
                auxiliary(&w->tok[i]))
                break; /* "Gardez (Paktia)" is one place phrase; "X, had fallen" a predicate */
            int j = i + 1;
            while ((size_t)j < w->ntok && !(w->tok[j].punct & (P_COMMA | P_BREAK)))
                j++;
            const match *opens = cm__match_covering(w, CM_LEX_RELATIVE, i);
            const int last_relative = (size_t)j >= w->ntok && opens && opens->first == i;
            if (((size_t)j >= w->ntok && !last_relative) || ((size_t)j < w->ntok &&
                (w->tok[j].punct & P_BREAK)) || j - i > MAX_INSERT || j - s->last > MAX_APPOSITION)
                break; /* not closed before the sentence ends (but "X, où ...") */
            int rel = 0, place = 0, date = 0; /* a relative clause, or a short locative */
            for (int r = i; r < j; r++) {
                rel |= cm__match_covering(w, CM_LEX_RELATIVE, r) != NULL ||
                       (w->tok[r].slot >= 0 && j - i <= 5);
                place |= w->tok[r].slot >= 0;
                date |= cm__match_covering(w, CM_LEX_WHEN, r) != NULL;
            }
            for (size_t q = 0; q < w->ns && !place; q++) /* an anaphor: "including its capital" */
                place = w->s[q].first >= i && w->s[q].first < j && w->s[q].how[0];
            const int trig = cm__trigger_within(w, i, j);
            if (cm__match_covering(w, CM_LEX_COORDINATOR, i) && (place || trig))
                break; /* ", et Taloqan": a list goes on ("ainsi que plusieurs
                        * autres chefs-lieux," stays an insert) */
            if (date && j - i <= 4 && !place && !trig)
                break; /* ", late on Thursday,": when, not what the place is */
            if (trig && !rel && !((size_t)j < w->ntok && auxiliary(&w->tok[j])))
                break; /* "X, repris par les commandos en juillet, a été abandonné" */
            s->app_end = i = j;
        }
    }
    for (size_t k = 0; k < w->ns; k++)
        for (size_t j = k + 1; j < w->ns && w->s[j].first < w->s[k].app_end; j++)
            if (w->s[j].host < 0)
                w->s[j].host = (int)k;
}

/* The appositions, token by token: what they say is the place's, not the
 * sentence's (their dates and years belong to them). */
void cm__index_places(work *w)
{
    for (size_t j = 0; j < w->ntok; j++)
        w->appo[j] = -1;
    for (size_t k = 0; k < w->ns; k++) {
        const slot *s = &w->s[k];
        if (s->app_end > s->last)
            for (int j = s->last; j < s->app_end; j++)
                w->appo[j] = (int)k;
    }
}

/* Whether slot s may be followed by a comma before its verb: a name in
 * apposition ("The capital of Paktika province, Sharana, fell") or a
 * fronted locative ("À Lashkar Gah, des combats opposaient ..."). */
int cm__framed(const work *w, const slot *s)
{
    if (s->first <= 1 && s->last < (int)w->ntok && (w->tok[s->last].punct & P_COLON))
        return 1; /* "- Ghazni: under Taliban control since 12 August." */
    static const char *const at[] = {"a", "au", "dans", "in", "at", NULL};
    if (w->tok[s->first].punct & P_COMMA)
        return 1;
    for (int i = s->first - 1; i >= 0 && i >= s->first - 3; i--) {
        const match *c = cm__match_covering(w, CM_LEX_COORDINATOR, i);
        if (c && (w->tok[c->first].punct & P_COMMA))
            return 1; /* "Paktika province, including its capital Sharana, was" */
    }
    if (s->first == 0 || !cm__is_word(&w->tok[s->first - 1], at))
        return 0;
    const int p = s->first - 1;
    return p == 0 || (w->tok[p].punct & (P_COMMA | P_BREAK));
}

/* Whether token j lies in the apposition of a place that token i is out
 * of ("Koundouz, occupée en 2015, tombe": 2015 is Kunduz's past). */
int cm__in_apposition(const work *w, int j, int i)
{
    const int k = w->appo[j]; /* a relative clause with its own event */
    return k >= 0 && !(i >= w->s[k].last && i < w->s[k].app_end);
}
