#include "extract/when.h"

#include <stdio.h>
#include <string.h>

static const char *const weekday_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
static const char *const month_names[12] = {"January", "February", "March", "April", "May",
                                            "June", "July", "August", "September",
                                            "October", "November", "December"};

static cm__when month_name(const cm_lex_entry *e, int day, int year, const cm__when_ctx *c)
{
    cm__when out = {CM_DATE_NONE, CM_PRECISION_DAY, "", "month name"};
    const int month = e->amount;
    int y0, m0, d0;
    if (!year && c->article != CM_DATE_NONE) {
        cm_date_to_ymd(c->article, &y0, &m0, &d0);
        year = month > m0 ? y0 - 1 : y0; /* a month after the article's is last year's */
        out.rule = day ? "day and month, in the article's year" : "month, in the article's year";
    } else if (year) {
        out.rule = day ? "day, month and year" : "month and year";
    }
    if (day)
        snprintf(out.note, sizeof out.note, "%d %s", day, month_names[month - 1]);
    else
        snprintf(out.note, sizeof out.note, "%s", month_names[month - 1]);
    cm_date d;
    if (!year || cm_date_from_ymd(year, month, day ? day : 1, &d, NULL) != CM_OK)
        return out; /* undated, the note says what the text said */
    out.date = d;
    out.precision = day ? CM_PRECISION_DAY : CM_PRECISION_MONTH;
    out.note[0] = '\0';
    return out;
}

/* A date counted in days from base (the article's or the reference). */
static cm__when days_from(cm_date base, cm_precision precision, int days, const char *rule)
{
    cm__when out = {base, precision, "", rule};
    if (base == CM_DATE_NONE || precision != CM_PRECISION_DAY)
        return out;
    out.date = base + days;
    return out;
}

cm__when cm__when_resolve(const cm_lex_entry *e, int day, int year, int count,
                          const cm__when_ctx *c)
{
    if (e->when == CM_WHEN_MONTH)
        return month_name(e, day, year, c);
    cm__when out = {c->article, c->precision, "", ""};
    if (e->when == CM_WHEN_WEEKDAY || e->when == CM_WHEN_PAST_WEEKDAY)
        snprintf(out.note, sizeof out.note, "%s", weekday_names[e->amount]);
    else
        snprintf(out.note, sizeof out.note, "%s", e->phrase);
    if ((e->when == CM_WHEN_REF || e->when == CM_WHEN_LATER) && c->ref != CM_DATE_NONE) {
        const int days = e->when == CM_WHEN_REF ? e->amount : e->amount * (count ? count : 1);
        out.note[0] = '\0';
        return days_from(c->ref, CM_PRECISION_DAY, days,
                         e->when == CM_WHEN_REF ? "days from the date last named"
                                                : "a number of days from the date last named");
    }
    if (c->article == CM_DATE_NONE) {
        out.rule = "undated article";
        return out;
    }
    int y, m, d;
    cm_date_to_ymd(c->article, &y, &m, &d);
    if (e->when == CM_WHEN_MONTHS) {
        const int months = y * 12 + (m - 1) + e->amount;
        cm_date_from_ymd(months / 12, months % 12 + 1, 1, &out.date, NULL);
        out.precision = CM_PRECISION_MONTH;
        out.note[0] = '\0';
        out.rule = "months from the article's month";
        return out;
    }
    if (e->when == CM_WHEN_WEEKDAY && c->ref != CM_DATE_NONE && c->article - c->ref > 14) {
        /* a retrospective told day by day: "le mardi" after the Monday the
         * text last named is the next day (the caller gives ref only for a
         * weekday named with its article); the article's own day, or its
         * lack, does not matter */
        out.note[0] = '\0';
        out.date = c->ref + (e->amount - cm_date_weekday(c->ref) + 7) % 7;
        out.precision = CM_PRECISION_DAY;
        out.rule = "weekday, on or after the date last named (a retrospective)";
        return out;
    }
    if (c->precision != CM_PRECISION_DAY) {
        out.rule = "the article is dated to the month only";
        return out; /* the month is all we know; the note keeps the day named */
    }
    out.note[0] = '\0';
    switch (e->when) {
    case CM_WHEN_WEEKDAY:
        out.date -= (cm_date_weekday(c->article) - e->amount + 7) % 7;
        out.rule = "weekday, on or before the article's date";
        break;
    case CM_WHEN_PAST_WEEKDAY:
        out.date -= (cm_date_weekday(c->article) - e->amount + 6) % 7 + 1;
        out.rule = "weekday, before the article's date";
        break;
    case CM_WHEN_DAYS:
        out = days_from(c->article, c->precision, e->amount, "days from the article's date");
        break;
    case CM_WHEN_WEEK:
        out.date += e->amount - 6;
        out.precision = CM_PRECISION_WEEK;
        out.rule = "week before the article's date";
        break;
    case CM_WHEN_REF:
        out = days_from(c->ref, CM_PRECISION_DAY, e->amount, "days from the date last named");
        break;
    case CM_WHEN_LATER:
        out = days_from(c->ref, CM_PRECISION_DAY, e->amount * (count ? count : 1),
                        "a number of days from the date last named");
        break;
    default:
        break;
    }
    return out;
}

cm__when cm__when_day_of_month(int d, const cm__when_ctx *c)
{
    cm__when out = {CM_DATE_NONE, CM_PRECISION_DAY, "", "day of the month last named"};
    const cm_date base = c->ref != CM_DATE_NONE ? c->ref : c->article;
    if (base == CM_DATE_NONE)
        return out;
    int y, m, day;
    cm_date_to_ymd(base, &y, &m, &day);
    if (c->article != CM_DATE_NONE && base == c->article && d > day) {
        if (--m == 0)
            m = 12, y--;
    }
    if (cm_date_from_ymd(y, m, d, &out.date, NULL) != CM_OK)
        out.date = CM_DATE_NONE;
    return out;
}
