/* Private: the work of the extractor on one sentence (a piece of at most
 * MAX_TOKENS words), shared by its stages, each a file of this folder:
 *   sentence.c  words, their lemmas and the lexicon's phrases (stages 1, 2),
 *   places.c    place phrases: contexts, facilities, appositions, anaphors (3),
 *   lists.c     triggers, what they reach and the lists they govern (4),
 *   modality.c  what qualifies a trigger: attempts, negation, claims, sides (5),
 *   time.c      dates: date words, the reference date of the text (6),
 *   extract.c   the article: one story, explanations, the public API (7).
 * See include/conflictmap/extract.h for what each stage decides. */
#ifndef CM__EXTRACT_SENTENCE_H
#define CM__EXTRACT_SENTENCE_H

#include <stddef.h>

#include "conflictmap/article.h"
#include "conflictmap/events.h"
#include "conflictmap/extract.h"
#include "conflictmap/gazetteer.h"
#include "conflictmap/lexicon.h"
#include "conflictmap/scan.h"
#include "extract/lemma.h"
#include "extract/vocab.h"
#include "extract/when.h"

#define MAX_TOKENS 1024   /* a longer sentence is read in pieces this long */
#define ANAPHOR_REACH 3   /* sentences an anaphor looks back */
#define MAX_FILLERS 2     /* filler words inside one trigger phrase */
#define MAX_INSERT 24     /* words of an apposition or relative clause inside a list */
#define MAX_APPOSITION (3 * MAX_INSERT) /* words of all a place's appositions */
#define MAX_REACH 50      /* the largest max_gap a lexicon row may give */
#define MAX_LOCATIVE 10   /* words of a locative without commas ("on the main highway
                             south of Kabul in the morning") */
#define MAX_TAIL 8        /* words between a list's joining word and its place */
#define MAX_TIME_WORDS 256
#define MAX_ANAPHOR_WORDS 16
#define REASON_MAX 256
#define SENTENCE_MAX 1024 /* a longer sentence is quoted around each event's place */
#define MAX_SPAN (CM_LEX_MAX_WORDS + (CM_LEX_MAX_WORDS - 1) * (MAX_FILLERS + CM_LEX_GAP_WORDS)) /* tokens of a phrase */

struct cm_extractor {
    const cm_gazetteer *gz;
    const cm_lexicon *lx;
    cm_scanner *scanner;
    cm__lemmatizer *lm;
    cm__vocab *vocab;
    /* The last words of the anaphors ("ville", "city"), to skip sentences
     * that name no place and hold none; n_anaphor_words = -1 when one of
     * them is not ASCII (then no sentence is skipped that way). */
    const char *anaphor_words[MAX_ANAPHOR_WORDS];
    int n_anaphor_words;
    /* The longest ASCII word of each weekday and relative date phrase
     * ("sunday", "lendemain"): a sentence naming no place is read for its
     * date when it holds one ("Sunday delivered the heaviest blow."). */
    const char *time_words[MAX_TIME_WORDS];
    int n_time_words;
};

enum { P_COMMA = 1, P_BREAK = 2, P_COLON = 4, P_PAREN = 8, P_CLOSE = 16, P_DASH = 32 }; /* punctuation before a token */

typedef struct token {
    size_t start, end;
    char w[CM_LEX_WORD_MAX]; /* folded; "" for a place */
    char lem[CM__MAX_LEMMAS][CM_LEX_WORD_MAX];
    int nlem;
    int id, lid[CM__MAX_LEMMAS]; /* numbers in the lexicon's vocabulary, 0 none */
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
    int contained;   /* inside a longer phrase (see cm__contained_in_longer) */
    int dates;       /* a date word that dates an event (see cm__dates_event) */
} match;

/* A place the sentence names, or an anaphor standing for one. */
typedef struct slot {
    int first, last;
    const cm_place *place;
    size_t offset;
    int eligible;
    int remote;         /* named as elsewhere ("70 km from X"): no antecedent */
    int relative;       /* stands for the town of a relative clause's event */
    int province_named; /* "province de X", "X province" */
    int app_end;        /* the token after its apposition (last when none) */
    int host;           /* the slot in whose apposition it stands, or -1 */
    const char *how;    /* "" for a place named, else how it was resolved */
    char reason[REASON_MAX]; /* why no event (first reason found) */
    /* the event chosen for it, if any */
    int has_event, gap;
    cm_state status;
    cm_confidence confidence;
    const char *actor; /* side id (owned by the lexicon) or "" */
    cm__when when;
    const match *trigger, *date_word;
    char modality[REASON_MAX];
    char link[REASON_MAX];
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
    size_t ns, s_cap, ns_sorted; /* slots [0, ns_sorted) are in text order */
    int *blocked; /* prefix counts of blocker words */
    size_t blocked_cap;
    /* indexes of the current piece, so that no stage is quadratic in it */
    int *first_idx;     /* [ntok + 1]: the first match starting at or after each token */
    int *trig_prefix;   /* [ntok + 1]: trigger phrases starting before each token */
    int *seg_trigger;   /* [segments]: whether a trigger starts in the segment */
    int *seg_start;     /* [segments]: the segment's first token */
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
    int date_heads;         /* the sentence opens with a date alone, then a dash */
    int first_text;         /* the sentence opens the article's text (after a headline) */
    const cm_place *dateline_place; /* where the story was filed ("here") */
    int bullet;             /* the sentence is an item of a list ("- ZARANJ, Nimroz.") */
    const cm_lex_entry *list_head; /* the trigger of a list's header ("the capitals
                                      taken, by day:"): its items share its event */
    int list_claimed;       /* the header's event is only claimed */
    cm_events story;
    size_t told_from, told_to; /* story[told_from, told_to): what the sentence */
    size_t told_sentence;      /* told_sentence told (told_to 0: none yet) */
    cm_explain_fn explain;
    void *explain_ctx;
} work;

typedef struct listing {
    int ok, bare;           /* listed; by a comma alone */
    const match *date_word; /* a date word of its own ("then, on Friday, X") */
} listing;

typedef struct verdict {
    int drop;
    cm_state status;
    cm_confidence confidence;
    char why[REASON_MAX / 2];
    const char *actor; /* the id of the side the text names as acting, or "" */
} verdict;

typedef struct dated {
    cm__when when;
    const match *word; /* NULL: the paragraph's or the article's date */
    int day;           /* a day of the month alone */
} dated;

int cm__is_town(const cm_place *p);

int cm__push_token(work *w, const token *t);

int cm__push_slot(work *w, int first, int last, const cm_place *place, size_t offset,
                     const char *how);

void cm__set_reason(slot *s, const char *fmt, const char *arg);

/* The punctuation in text[from, to): P_COMMA, P_BREAK or 0. */
int cm__punctuation(const char *t, size_t from, size_t to);

/* Every lexicon phrase that matches at some token, on its form or lemmas. */
int cm__find_matches(work *w);

/* The matches starting in tokens [from, to): indexes [*lo, *hi) of w->m. */
void cm__matches_from(const work *w, int from, int to, size_t *lo, size_t *hi);

const match *cm__match_ending_at(const work *w, cm_lex_kind kind, int last);

const match *cm__match_covering(const work *w, cm_lex_kind kind, int tok);

/* The indexes of the piece's matches: where each token's matches start,
 * which are inside longer ones, where triggers start, the kinds present,
 * the days of the month and the years written.  0 when out of memory. */
int cm__index_matches(work *w);

/* Clause numbers: a break (";", a dash, a bracket) or a clause word opens
 * a new one. */
void cm__mark_clauses(work *w);

int cm__is_word(const token *t, const char *const *words);

extern const char *const cm__articles[];

/* Anaphors become slots (after the places named, whose phrases decide
 * which can be antecedents); then their own phrases are read. */
int cm__resolve_slots(work *w);

/* The apposition of each slot: the segments between commas right after it
 * that name no place first and hold no trigger (unless they open with a
 * relative word: "Taloqan, où les combats duraient depuis un mois, ...");
 * the slots inside one belong to it ("Pol-e Khomri, sur la route entre
 * Kaboul et Mazar, ..."). */
void cm__find_appositions(work *w);

/* The appositions that hold a trigger of their own, token by token. */
void cm__index_places(work *w);

int cm__build_blocked(work *w);

/* Whether slot s may be followed by a comma before its verb: a name in
 * apposition ("The capital of Paktika province, Sharana, fell") or a
 * fronted locative ("À Lashkar Gah, des combats opposaient ..."). */
int cm__framed(const work *w, const slot *s);

/* The words between a trigger and a slot, or -1 if the trigger cannot
 * reach it.  Blockers do not stand between a trigger and a border crossing
 * or a base: "le poste-frontière de X" is X. */
int cm__reach(const work *w, const match *t, const slot *s);

/* Whether a longer phrase covers match t: of its kind for a trigger or a
 * date word, of any kind that qualifies a trigger for the others ("if"
 * inside "if confirmed"). */
int cm__contained_in_longer(const work *w, const match *t);

int cm__trigger_within(const work *w, int from, int to);

verdict cm__qualify(const work *w, const match *t);

/* A day of the month (1-31, "1er", "13th") or a year (1900-2199) in token t. */
int cm__token_number(const token *t, int lo, int hi);

/* Whether m dates an event: a date word not starting a period; a month
 * abbreviation (max_gap 1 in the lexicon) only with its day ("Jan" alone
 * is a name). */
int cm__dates_event(const work *w, const match *m);

/* dates_event, measured once per match by index_matches. */
int cm__find_dates(const work *w, const match *m);

cm__when cm__read_when(const work *w, const match *d);
int cm__date_heads(const work *w);

/* "le 11", "on the 11th": a day of the month alone at token i. */
int cm__day_alone(const work *w, size_t i);

/* Whether token j lies in the apposition of a place that token i is out
 * of ("Koundouz, occupée en 2015, tombe": 2015 is Kunduz's past). */
int cm__in_apposition(const work *w, int j, int i);

/* A year other than the article's in the segment of token i, or before it
 * in its clause outside appositions ("en 2015"). */
int cm__other_year(const work *w, int i);

/* The date of trigger t: the date word of its clause nearest to it, else
 * the nearest in the sentence, else the paragraph's, else the article's. */
dated cm__date_of(const work *w, const match *t);

/* After a sentence: the last day-precision date it named becomes the
 * reference for relative words and for the paragraph's undated sentences. */
void cm__move_time(work *w);

/* Whether date d lies in another year than the article and more than
 * four months before it: background, not news ("en novembre 2001"). */
int cm__long_before(const work *w, cm_date d);

void cm__apply_trigger(work *w, const match *t);

/* How far a status goes: a sentence that says a town fell and was besieged
 * reports the fall (attacked 1, contested 2, fallen or retaken 3). */
int cm__weight(cm_state s);

#endif
