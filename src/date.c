#include "conflictmap/date.h"

#include <stdio.h>
#include <string.h>

/* Days from civil and civil from days: Howard Hinnant's algorithms for the
 * proleptic Gregorian calendar, on eras of 400 years. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cm_date_to_ymd(cm_date date, int *year, int *month, int *day)
{
    const int32_t z = date + 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    const int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    const int y = (int)(yoe + era * 400 + (m <= 2));
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
}

int cm_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2) {
        const int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return 28 + leap;
    }
    return days[month - 1];
}

cm_status cm_date_from_ymd(int year, int month, int day, cm_date *out,
                           cm_error *err)
{
    if (year < 1 || year > 9999)
        return cm_error_set(err, CM_ERR_INVALID, "year %d out of range", year);
    if (month < 1 || month > 12)
        return cm_error_set(err, CM_ERR_INVALID,
                            "impossible date %04d-%02d-%02d: no month %d",
                            year, month, day, month);
    const int dim = cm_date_days_in_month(year, month);
    if (day < 1 || day > dim)
        return cm_error_set(err, CM_ERR_INVALID,
                            "impossible date %04d-%02d-%02d: month has %d days",
                            year, month, day, dim);
    *out = days_from_civil(year, month, day);
    return CM_OK;
}

/* Read exactly n ASCII digits from s; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

cm_status cm_date_parse(const char *text, cm_date *out, cm_precision *precision,
                        cm_error *err)
{
    const size_t len = text ? strlen(text) : 0;
    const int is_day = len == 10 && text[4] == '-' && text[7] == '-';
    const int is_month = len == 7 && text[4] == '-';
    if (!is_day && !is_month)
        return cm_error_set(err, CM_ERR_PARSE,
                            "bad date '%.40s': expected YYYY-MM-DD",
                            text ? text : "");
    const int y = read_digits(text, 4);
    const int m = read_digits(text + 5, 2);
    const int d = is_day ? read_digits(text + 8, 2) : 1;
    if (y < 0 || m < 0 || d < 0)
        return cm_error_set(err, CM_ERR_PARSE,
                            "bad date '%s': expected YYYY-MM-DD", text);
    cm_status st = cm_date_from_ymd(y, m, d, out, err);
    if (st != CM_OK)
        return st;
    if (precision)
        *precision = is_day ? CM_PRECISION_DAY : CM_PRECISION_MONTH;
    return CM_OK;
}

void cm_date_format_iso(cm_date date, char buf[CM_DATE_ISO_LEN])
{
    int y, m, d;
    cm_date_to_ymd(date, &y, &m, &d);
    snprintf(buf, CM_DATE_ISO_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static const char *const month_names[2][12] = {
    [CM_LANG_EN] = {"January", "February", "March", "April", "May", "June",
                    "July", "August", "September", "October", "November",
                    "December"},
    [CM_LANG_FR] = {"janvier", "février", "mars", "avril", "mai", "juin",
                    "juillet", "août", "septembre", "octobre", "novembre",
                    "décembre"},
};

char *cm_date_format_long(cm_date date, cm_lang lang, char *buf, size_t size)
{
    int y, m, d;
    cm_date_to_ymd(date, &y, &m, &d);
    if (lang != CM_LANG_FR)
        lang = CM_LANG_EN;
    const char *ord = (lang == CM_LANG_FR && d == 1) ? "er" : "";
    snprintf(buf, size, "%d%s %s %d", d, ord, month_names[lang][m - 1], y);
    return buf;
}

int cm_date_weekday(cm_date date)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int w = (int)((date % 7 + 7) % 7);
    return (w + 3) % 7;
}

cm_date cm_date_month_end(cm_date date)
{
    int y, m;
    cm_date_to_ymd(date, &y, &m, NULL);
    return days_from_civil(y, m, cm_date_days_in_month(y, m));
}

cm_date cm_date_effective(cm_date date, cm_precision precision)
{
    if (date == CM_DATE_NONE)
        return date;
    switch (precision) {
    case CM_PRECISION_WEEK:
        return date + 6;
    case CM_PRECISION_MONTH:
        return cm_date_month_end(date);
    default:
        return date;
    }
}

cm_status cm_lang_parse(const char *text, cm_lang *out, cm_error *err)
{
    if (text && strcmp(text, "en") == 0) {
        *out = CM_LANG_EN;
        return CM_OK;
    }
    if (text && strcmp(text, "fr") == 0) {
        *out = CM_LANG_FR;
        return CM_OK;
    }
    return cm_error_set(err, CM_ERR_INVALID, "unknown language '%.20s' (use en or fr)",
                        text ? text : "");
}
