/* conflictmap: calendar dates.
 *
 * A cm_date is a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar, so dates compare and subtract as integers.
 * Precision follows ACLED's time_precision: 1 day, 2 week, 3 month.
 */
#ifndef CONFLICTMAP_DATE_H
#define CONFLICTMAP_DATE_H

#include <stdint.h>
#include <stddef.h>

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t cm_date;

#define CM_DATE_NONE INT32_MIN /* an undated event */

typedef enum cm_precision {
    CM_PRECISION_DAY = 1,
    CM_PRECISION_WEEK = 2,
    CM_PRECISION_MONTH = 3
} cm_precision;

typedef enum cm_lang { CM_LANG_EN = 0, CM_LANG_FR = 1 } cm_lang;

#define CM_DATE_ISO_LEN 11 /* "YYYY-MM-DD" plus NUL */

/* Build a date from year (1..9999), month (1..12) and day; CM_ERR_INVALID
 * names the impossible value (2021-02-30). */
cm_status cm_date_from_ymd(int year, int month, int day, cm_date *out,
                           cm_error *err);

/* Split a date into year, month and day (any pointer may be NULL). */
void cm_date_to_ymd(cm_date date, int *year, int *month, int *day);

/* Parse "YYYY-MM-DD" (precision day) or "YYYY-MM" (precision month, the
 * first of the month).  precision may be NULL.  Fails with CM_ERR_PARSE on
 * a malformed string and CM_ERR_INVALID on an impossible date. */
cm_status cm_date_parse(const char *text, cm_date *out, cm_precision *precision,
                        cm_error *err);

/* Write "YYYY-MM-DD" into buf (at least CM_DATE_ISO_LEN bytes). */
void cm_date_format_iso(cm_date date, char buf[CM_DATE_ISO_LEN]);

/* Write a long date in lang ("13 August 2021", "13 août 2021",
 * "1er août 2021") into buf; returns buf. */
char *cm_date_format_long(cm_date date, cm_lang lang, char *buf, size_t size);

/* Day of week, 0 = Monday ... 6 = Sunday. */
int cm_date_weekday(cm_date date);

/* Number of days in the given month, or 0 if month is out of range. */
int cm_date_days_in_month(int year, int month);

/* The last day of date's month. */
cm_date cm_date_month_end(cm_date date);

/* The day on which an event dated `date` with `precision` takes effect: the
 * date itself, the end of its week (date + 6), or the end of its month. */
cm_date cm_date_effective(cm_date date, cm_precision precision);

/* Parse "en" or "fr"; CM_ERR_INVALID otherwise. */
cm_status cm_lang_parse(const char *text, cm_lang *out, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
