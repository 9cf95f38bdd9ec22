/* conflictmap: the trigger lexicon of the event extractor.
 *
 * The words that make a sentence report an event, and those that qualify
 * it, are data (data/lexicon/events.csv), not code.  Each row is
 *   lang, kind, phrase, value, direction, max_gap
 * where phrase is a few words matched ignoring case and accents (a word
 * ending in '*' matches any word that starts with it) and kind is one of:
 *   trigger       value = the status it sets (attacked ... retaken);
 *                 direction = where the place stands (before: phrase then
 *                 place; after: place then phrase; any); max_gap = most
 *                 words between them;
 *   attempt, failure   before a trigger (within max_gap words): an assault
 *                 that is only tried or failed (the place was attacked);
 *   negation, purpose, future   before a trigger: no event;
 *   claim         anywhere in the sentence: the event is only claimed;
 *   hypothetical  before a trigger: claimed; elsewhere: no event;
 *   context       right before a place: the mention is no event location
 *                 (an office, a distance, a district of it); value remote:
 *                 the place is elsewhere, so no anaphor stands for it;
 *   blocker       between a trigger and a place: the trigger is about that
 *                 word, not the place;
 *   anaphor       stands for the town named last ("la ville");
 *   when          a date word (max_gap 1: an abbreviation, "Aug", that dates
 *                 only beside its day number); value = weekday:N (0 = Monday), days:N,
 *                 week:N, month:N (a month name), months:N, ref:N (days
 *                 from the date the text last named: "le lendemain") or
 *                 later:1 / later:-1 (the number before the phrase, in
 *                 days after or before that date: "trois jours plus tard")
 *                 or past:N (weekday N strictly before the article's date:
 *                 "last Friday");
 *   since         before a date word (within max_gap words): the date starts
 *                 a period ("depuis mai") and dates no event;
 *   filler        a word that may stand between the words of a phrase ("ont
 *                 pris vendredi le contrôle de"), as date words may;
 *   condition     before a trigger (within max_gap words): no event ("si
 *                 Lashkar Gah tombe", "should the city fall");
 *   denial        before a trigger (within max_gap words): no event ("denied
 *                 that X had fallen"); elsewhere in the sentence: claimed;
 *   holds         a place in its sentence is still held by the incumbent
 *                 ("remained in government hands"): that place's claimed
 *                 falls and entries earlier in the article are withdrawn;
 *   actor         a side; value = incumbent or challenger.  The side acting
 *                 on an agentive trigger (value taken or retaken) decides
 *                 the status: taken by the incumbent is retaken, retaken by
 *                 the challenger is fallen;
 *   outskirts     between a trigger and a place (or right before the place):
 *                 the outskirts were hit, the town at most attacked;
 *   seat          the seat of power of the town ("governor's office"):
 *                 blockers inside or right after it do not count;
 *   coordinator   joins a place to the list of a trigger ("ainsi que",
 *                 "as well as", "then");
 *   clause        opens a new clause ("mais", "while"): date words and
 *                 actors are read within their clause first;
 *   number        a number word; value = its value ("trois" 3);
 *   relative      opens a relative clause about the place before it ("où",
 *                 "which"): such a clause between commas stays part of the
 *                 place's phrase even when it holds a trigger;
 *   unopposed     in the clause of a trigger of entry ("sans résistance",
 *                 "unopposed"): the town entered is taken (fallen);
 *   idiom         a set phrase whose words are no trigger and no date word
 *                 ("à plusieurs reprises": repeatedly, not a retaking).
 * A trigger's value may also be taken (fallen, unless the incumbent acts),
 * lost (fallen, unless the challenger acts: "withdrew from", "abandoned") or
 * held (fallen when the challenger holds it, no event otherwise), pressed
 * (attacked when the challenger is the one there: "Taliban units on the
 * outskirts of X") or follows (the status of the event told just before:
 * "Sheberghan followed on Saturday").
 * Rows whose lang starts with '#' are comments.  lang documents the
 * language; every row applies to every article.
 */
#ifndef CONFLICTMAP_LEXICON_H
#define CONFLICTMAP_LEXICON_H

#include <stddef.h>

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cm_lex_kind {
    CM_LEX_TRIGGER = 0,
    CM_LEX_ATTEMPT,
    CM_LEX_FAILURE,
    CM_LEX_NEGATION,
    CM_LEX_PURPOSE,
    CM_LEX_FUTURE,
    CM_LEX_CLAIM,
    CM_LEX_HYPOTHETICAL,
    CM_LEX_CONTEXT,
    CM_LEX_BLOCKER,
    CM_LEX_ANAPHOR,
    CM_LEX_WHEN,
    CM_LEX_SINCE,
    CM_LEX_FILLER,
    CM_LEX_CONDITION,
    CM_LEX_DENIAL,
    CM_LEX_HOLDS,
    CM_LEX_ACTOR,
    CM_LEX_OUTSKIRTS,
    CM_LEX_SEAT,
    CM_LEX_COORDINATOR,
    CM_LEX_CLAUSE,
    CM_LEX_NUMBER,
    CM_LEX_RELATIVE,
    CM_LEX_UNOPPOSED,
    CM_LEX_IDIOM,
    CM_LEX_KIND_COUNT
} cm_lex_kind;

typedef enum cm_lex_direction { CM_DIR_ANY = 0, CM_DIR_BEFORE, CM_DIR_AFTER } cm_lex_direction;

typedef enum cm_when_kind {
    CM_WHEN_NONE = 0,
    CM_WHEN_WEEKDAY, /* amount = 0 (Monday) .. 6 */
    CM_WHEN_DAYS,    /* amount = days from the article date */
    CM_WHEN_WEEK,    /* the week ending amount days from the article date */
    CM_WHEN_MONTH,   /* amount = 1 .. 12, a month name */
    CM_WHEN_MONTHS,  /* amount = months from the article's month */
    CM_WHEN_REF,     /* amount = days from the date the text last named */
    CM_WHEN_LATER,   /* amount (1 or -1) times the number before the phrase:
                        days from the date the text last named */
    CM_WHEN_PAST_WEEKDAY /* amount = 0 (Monday) .. 6, strictly before the
                        article's date ("vendredi dernier", "last Friday") */
} cm_when_kind;

typedef enum cm_lex_side { CM_SIDE_NONE = 0, CM_SIDE_INCUMBENT, CM_SIDE_CHALLENGER } cm_lex_side;

#define CM_LEX_MAX_WORDS 6
#define CM_LEX_WORD_MAX 32
#define CM_LEX_GAP_WORDS 4 /* words a "..." in a trigger phrase stands for, 1 to this many */

typedef struct cm_lex_entry {
    cm_lex_kind kind;
    char phrase[96]; /* as written in the file */
    char words[CM_LEX_MAX_WORDS][CM_LEX_WORD_MAX]; /* folded; '*' kept */
    unsigned char wlen[CM_LEX_MAX_WORDS]; /* strlen of each word, '*' included */
    unsigned stems;      /* bit k: words[k] ends in '*' */
    unsigned gaps;       /* bit k: "..." before words[k]: 1 to CM_LEX_GAP_WORDS words
                            that are no place and no comma stand there ("push ...
                            out of" reads "pushed Taliban fighters out of") */
    int nwords;
    int status;          /* trigger: a cm_state */
    int agentive;        /* trigger: 1 the acting side takes (taken, retaken),
                            -1 it loses (lost), 2 an event only when the
                            challenger acts (held, pressed), 3 the status of
                            the event before (follows), 0 the status is fixed */
    cm_lex_side side;    /* actor */
    char side_id[32];    /* actor added from a dataset's sides: its side's id
                            (sides.h); "" for a row that names a role only */
    int number;          /* number: its value */
    int remote;          /* context with value remote: the place is elsewhere
                            (a distance, a road), never what "the city" means */
    cm_when_kind when;   /* when: what it names */
    int amount;          /* when: see cm_when_kind */
    cm_lex_direction direction;
    int max_gap;
    long line;
} cm_lex_entry;

typedef struct cm_lexicon cm_lexicon;

/* Read a lexicon file.  A bad row fails with file and line.  The caller
 * frees *out with cm_lexicon_free. */
cm_status cm_lexicon_load(const char *path, cm_lexicon **out, cm_error *err);
void cm_lexicon_free(cm_lexicon *lx);

/* Add an actor entry for every actor name of every side (sides.h), so
 * that an event whose acting side the text names carries that side's id:
 * a role (incumbent for the dataset's incumbent, challenger for any other
 * side) and the side's id.  Call before creating an extractor over lx.
 * CM_ERR_PARSE naming the side when a name cannot be a phrase. */
struct cm_sides;
cm_status cm_lexicon_add_sides(cm_lexicon *lx, const struct cm_sides *sides, cm_error *err);

size_t cm_lexicon_count(const cm_lexicon *lx);
const cm_lex_entry *cm_lexicon_entry(const cm_lexicon *lx, size_t i);
const char *cm_lex_kind_name(cm_lex_kind kind);

/* Entries whose first word could match the folded word w: a short list
 * (through *count) into the lexicon, valid while it lives. */
const cm_lex_entry *const *cm_lexicon_candidates(const cm_lexicon *lx, const char *w,
                                                 size_t *count);

/* The entries whose first word is exactly the folded word w (through
 * *count; a short list, possibly with other words of the same hash), and
 * in *stems / *nstems those whose first word is a stem ('*') that could
 * match it.  Valid while the lexicon lives. */
const cm_lex_entry *const *cm_lexicon_first_word(const cm_lexicon *lx, const char *w,
                                                 size_t *count, const cm_lex_entry *const **stems,
                                                 size_t *nstems);

/* 1 if folded word w matches lexicon word pattern p (exact, or prefix for
 * a pattern ending in '*'). */
int cm_lex_word_match(const char *p, const char *w);

/* 1 if folded word w matches word k of entry e (cm_lex_word_match without
 * measuring the pattern). */
static inline int cm_lex_entry_word_match(const cm_lex_entry *e, int k, const char *w)
{
    const char *p = e->words[k];
    if (e->stems & (1u << k)) {
        const unsigned n = e->wlen[k] - 1u;
        for (unsigned i = 0; i < n; i++)
            if (p[i] != w[i])
                return 0;
        return 1;
    }
    for (unsigned i = 0;; i++) {
        if (p[i] != w[i])
            return 0;
        if (!p[i])
            return 1;
    }
}

#ifdef __cplusplus
}
#endif
#endif
