/* Stage 5 of the extractor: what qualifies a trigger (see sentence.h). */
#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

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
    while (i > 0 && cm__is_word(&w->tok[i - 1], cm__articles) && !cm__is_word(&w->tok[i - 1], by))
        i--;
    return i > 0 && cm__is_word(&w->tok[i - 1], by);
}

/* Whether trigger t is in the passive ("was taken", "a été prise", "is
 * also lost"): its subject is what was acted on. */
static int passive(const work *w, const match *t)
{
    static const char *const aux[] = {"was", "were", "been", "being", "is", "are", "ete",
                                      "est", "sont", "etait", "etaient", "fut", "furent", NULL};
    return cm__is_word(&w->tok[t->first], aux) ||
           (t->first > 0 && cm__is_word(&w->tok[t->first - 1], aux)) ||
           (t->first > 1 && cm__is_word(&w->tok[t->first - 2], aux));
}

/* Whether the trigger ends in a word that leads to its taker ("fell to",
 * "aux mains de", "under the control of"). */
static int ends_towards(const work *w, const match *t)
{
    static const char *const to[] = {"to", "of", "de", "des", "du", "aux", NULL};
    return t->last > t->first && cm__is_word(&w->tok[t->last - 1], to);
}

/* The actor acting on trigger t: "par/by" + actor after it (or right after
 * a trigger ending in "to" / "de"), else the nearest actor before it in its
 * clause (none for a passive).  NULL if none. */
static const match *acting_actor(const work *w, const match *t)
{
    const int by_only = t->e->agentive != 2 && passive(w, t); /* "sont aux portes de": a state */
    const match *after = NULL, *best = NULL;
    int best_d = 1 << 30, after_by = 0;
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        if (q->e->kind != CM_LEX_ACTOR || cm__contained_in_longer(w, q))
            continue; /* "anti-Taliban" is not "Taliban" */
        /* Of two rows for the same words, the one naming a dataset side. */
        if (q->first >= t->last && q->first - t->last <= 4 && by_before(w, q->first)) {
            if (!after || (q->first == after->first && q->e->side_id[0]))
                after = q, after_by = 1; /* "repris par les talibans" */
            continue;
        }
        if (q->first >= t->last && q->first - t->last <= 1 && ends_towards(w, t)) {
            if (!after || (q->first == after->first && q->e->side_id[0]))
                after = q; /* "fell to the SDF", "passée aux mains des FDS" */
            continue;
        }
        if (q->last > t->first)
            continue; /* after the trigger, only "by X" acts */
        const int d = t->first - q->last;
        if (!by_only && w->tok[q->first].clause == w->tok[t->first].clause &&
            (d < best_d || (d == best_d && q->e->side_id[0])))
            best = q, best_d = d;
    }
    /* An active verb's subject acts, not the agent of a participle after
     * it ("prennent le contrôle de Deraa, évacuée par l'armée"). */
    if (best && after && after_by && t->e->agentive > 0 && !passive(w, t) &&
        after->first - t->last > 1)
        return best;
    return after ? after : best;
}

static cm_lex_side acting_side(const work *w, const match *t)
{
    const match *q = acting_actor(w, t);
    return q ? q->e->side : CM_SIDE_NONE;
}

/* The side driven out inside a trigger's gap ("pushed Taliban fighters out
 * of", "chassé les forces du régime de"): the loser, or CM_SIDE_NONE. */
static cm_lex_side driven_out(const work *w, const match *t)
{
    if (!t->e->gaps)
        return CM_SIDE_NONE;
    size_t lo, hi;
    cm__matches_from(w, t->first + 1, t->last, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (w->m[i].e->kind == CM_LEX_ACTOR && w->m[i].last <= t->last &&
            w->m[i].e->side != CM_SIDE_NONE)
            return w->m[i].e->side;
    return CM_SIDE_NONE;
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
    /* the sentence that told events last: its furthest status ("Lashkar
     * Gah, où l'on se battait depuis le 3 août, est abandonnée. Tarin Kot
     * suit": abandoned, not fought over) */
    const cm_state *best = NULL;
    for (size_t i = w->told_from; i < w->told_to && i < w->story.count; i++) {
        const cm_state *st = &w->story.items[i].status;
        if (!best || (*best != CM_STATE_FALLEN && *best != CM_STATE_RETAKEN &&
                      (*st == CM_STATE_FALLEN || *st == CM_STATE_RETAKEN ||
                       (*st == CM_STATE_CONTESTED && *best == CM_STATE_ATTACKED))))
            best = st;
    }
    if (best)
        return best;
    return w->story.count ? &w->story.items[w->story.count - 1].status : NULL;
}

/* Whether a French verb in the conditional ("isolerait", "marqueraient")
 * follows trigger t in its clause: "la chute de X, ..., isolerait Damas"
 * tells what its fall would do, not a fall.  Not "retrait", "portrait". */
static int conditional_after(const work *w, const match *t)
{
    for (size_t i = (size_t)t->last; i < w->ntok && i < (size_t)t->last + 16; i++) {
        const token *k = &w->tok[i];
        if (k->clause != w->tok[t->first].clause || (k->punct & P_BREAK))
            break;
        if (k->slot >= 0)
            continue;
        const size_t n = strlen(k->w);
        const int rait = n >= 6 && strcmp(k->w + n - 4, "rait") == 0 &&
                         strcmp(k->w + n - 5, "trait") != 0;
        const int raient = n >= 8 && strcmp(k->w + n - 6, "raient") == 0;
        if (rait || raient)
            return 1;
    }
    return 0;
}

verdict cm__qualify(const work *w, const match *t)
{
    verdict v = {0, (cm_state)t->e->status, CM_CONFIRMED, "", ""};
    const match *attempt = NULL, *drop = NULL, *near_hypo = NULL, *far_hypo = NULL,
                *claim = NULL;
    for (size_t i = 0; i < w->nm; i++) {
        const match *q = &w->m[i];
        const cm_lex_kind k = q->e->kind;
        const int before = before_trigger(w, q, t) && !cm__contained_in_longer(w, q);
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
    if (!drop && !far_hypo && !near_hypo && !attempt && conditional_after(w, t)) {
        v.drop = 1; /* "la prise de cette ville isolerait la capitale" */
        snprintf(v.why, sizeof v.why, "%s", "a verb in the conditional after it");
        return v;
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
    if (t->e->agentive < 0 && acting_side(w, t) == CM_SIDE_NONE && !passive(w, t)) {
        v.drop = 1; /* "the US army evacuated Bagram": lost by no side of the war */
        snprintf(v.why, sizeof v.why, "%s", "left by no side the lexicon knows");
        return v;
    }
    if (t->e->agentive && v.status != CM_STATE_ATTACKED) {
        cm_lex_side side = acting_side(w, t);
        int loses = t->e->agentive < 0;
        if (side == CM_SIDE_NONE && (side = driven_out(w, t)) != CM_SIDE_NONE)
            loses = 1; /* "expel state forces from X": the state loses X */
        /* the side that takes: the actor, or the other one when it loses */
        const cm_lex_side taker = !loses || side == CM_SIDE_NONE ? side
                                  : side == CM_SIDE_INCUMBENT ? CM_SIDE_CHALLENGER
                                                              : CM_SIDE_INCUMBENT;
        if (taker == CM_SIDE_INCUMBENT && v.status == CM_STATE_FALLEN)
            v.status = CM_STATE_RETAKEN;
        else if (taker == CM_SIDE_CHALLENGER && v.status == CM_STATE_RETAKEN)
            v.status = CM_STATE_FALLEN;
    }
    /* A side of the dataset named as acting: the taker of a taking, or who
     * attacks.  A loss names the loser, not who took the town. */
    const match *a = t->e->agentive >= 0 ? acting_actor(w, t) : NULL;
    if (a && a->e->side_id[0])
        v.actor = a->e->side_id;
    return v;
}
