/* conflictmap: the sides of a war, and who holds a place.
 *
 * A dataset declares its sides (docs/state-model.md): an id, a name per
 * language, a colour, and which side is the incumbent (the one that holds
 * every capital before any event, unless a starting state says otherwise).
 * One side is the challenger: the side an old-style event ("fallen", no
 * actor) means.  A war with no sides declared has two: "government" (the
 * incumbent) and "insurgents".
 *
 * The state of a capital on a date is a cm_hold: who holds it, whether it
 * is attacked or contested at the end of that day, and by whom.
 */
#ifndef CONFLICTMAP_SIDES_H
#define CONFLICTMAP_SIDES_H

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/style.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sides a war may have.  The default palette has CM_PALETTE_SIZE colours;
 * a side beyond them must give its own. */
#define CM_MAX_SIDES 16
#define CM_PALETTE_SIZE 8
#define CM_SIDE_ID_MAX 32

typedef struct cm_side {
    char id[CM_SIDE_ID_MAX]; /* lower-case ASCII letters, digits, '-' and '_' */
    char *name[2];           /* per cm_lang, UTF-8, never NULL */
    cm_rgb fill;             /* province fill */
    cm_rgb marker;           /* capital marker fill */
    unsigned hex;            /* fill as 0xRRGGBB */
    char **actors;           /* names in text or data that mean this side */
    size_t n_actors;
} cm_side;

typedef struct cm_sides {
    cm_side side[CM_MAX_SIDES];
    int count;
    int incumbent;  /* index of the incumbent side */
    int challenger; /* index of the side an event without actor means */
} cm_sides;

/* No side holds a capital before the first known state: "no data". */
#define CM_NO_DATA (-1)

typedef struct cm_hold {
    int holder;        /* side index, or CM_NO_DATA */
    cm_state activity; /* CM_STATE_GOVERNMENT (calm), _ATTACKED or _CONTESTED */
    int by;            /* the attacking side when not calm, else -1 */
} cm_hold;

/* Categories a capital is counted in on one day: held calmly by side i
 * (0 <= i < CM_MAX_SIDES), attacked, contested, or without data. */
enum {
    CM_CAT_ATTACKED = CM_MAX_SIDES,
    CM_CAT_CONTESTED,
    CM_CAT_NO_DATA,
    CM_CAT_COUNT
};

/* How many places are in each category on one day; total is their sum. */
typedef struct cm_counts {
    int n[CM_CAT_COUNT];
    int total;
} cm_counts;

int cm_hold_category(cm_hold h);
int cm_hold_same(cm_hold a, cm_hold b);

/* Initialise to the two default sides.  The caller frees with cm_sides_free. */
cm_status cm_sides_default(cm_sides *sides, cm_error *err);

/* Initialise to no sides (add them with cm_sides_add). */
void cm_sides_init(cm_sides *sides);

/* Add a side from a declaration "id | name_en | name_fr [| #RRGGBB]"; the
 * colour defaults to the next colour of the default palette.  Errors say
 * what is wrong with the declaration (the caller adds file and line). */
cm_status cm_sides_add(cm_sides *sides, const char *declaration, cm_error *err);

/* Add "actor name | actor name ..." to side index: names an events file or
 * an ACLED export uses for it.  Compared case-insensitively. */
cm_status cm_sides_add_actors(cm_sides *sides, int index, const char *names,
                              cm_error *err);

void cm_sides_free(cm_sides *sides);

/* Deep copy of src into dst (initialised by this call). */
cm_status cm_sides_copy(cm_sides *dst, const cm_sides *src, cm_error *err);

/* The side whose id or one of whose actor names is text (ASCII
 * case-insensitive, surrounding blanks ignored); -1 if none. */
int cm_sides_find(const cm_sides *sides, const char *text);

/* The side an event sets or attacks with: its actor when given, else the
 * default for its status (a fall or a taking: the challenger; a retaking:
 * the incumbent; an attack: whoever does not hold the place).  -1 when the
 * actor names no side. */
int cm_sides_actor(const cm_sides *sides, const cm_event *e, int holder);

/* The label of a category in lang: a side's name, "Attacked", ... */
const char *cm_sides_label(const cm_sides *sides, int category, cm_lang lang);

/* "Taliban 20 · Government 10 · contested 2 · no data 1": every category
 * with a count, largest first (sides before the rest at equal counts),
 * into buf (always terminated, cut at a character boundary). */
void cm_sides_summary(const cm_sides *sides, const cm_counts *counts, cm_lang lang, char *buf,
                      size_t n);

/* "Government holds 5 of 14": the incumbent's share, into buf. */
void cm_sides_holds(const cm_sides *sides, const cm_counts *counts, cm_lang lang, char *buf,
                    size_t n);

/* The default palette: colour-blind safe, and separable in greyscale (each
 * lighter or darker than the others by a clear step). */
cm_rgb cm_sides_palette(int index);

#ifdef __cplusplus
}
#endif
#endif
