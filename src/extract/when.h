/* Private: what a date word of an article means (a stage of the
 * extractor).  A date word (a lexicon `when` entry) is read against the
 * article's date and against the reference date: the date the text last
 * named ("le lendemain" is the day after it). */
#ifndef CM__WHEN_H
#define CM__WHEN_H

#include "conflictmap/date.h"
#include "conflictmap/lexicon.h"

typedef struct cm__when_ctx {
    cm_date article;        /* CM_DATE_NONE when undated */
    cm_precision precision; /* of the article's date */
    cm_date ref;            /* the date the text last named (day precision) */
} cm__when_ctx;

typedef struct cm__when {
    cm_date date; /* CM_DATE_NONE when the text cannot be dated */
    cm_precision precision;
    char note[96];     /* what the text said, when it could not be dated */
    const char *rule;  /* how the date was read, for --explain */
} cm__when;

/* The meaning of date word e; day (1-31, 0 if none) and year (0 if none)
 * are the numbers written beside a month name, count the number before a
 * "later" phrase ("trois jours plus tard": 3). */
cm__when cm__when_resolve(const cm_lex_entry *e, int day, int year, int count,
                          const cm__when_ctx *c);

/* The day of the month d (1-31) alone ("le 11"): in the reference date's
 * month, or the month before when that day is after the article's date. */
cm__when cm__when_day_of_month(int d, const cm__when_ctx *c);

#endif
