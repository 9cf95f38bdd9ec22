#include "conflictmap/date.h"

#include "../check.h"

static void test_parse(void)
{
    cm_date d;
    cm_precision p;
    cm_error err;
    CHECK(cm_date_parse("2021-08-13", &d, &p, &err) == CM_OK && p == CM_PRECISION_DAY);
    int y, m, dd;
    cm_date_to_ymd(d, &y, &m, &dd);
    CHECK(y == 2021 && m == 8 && dd == 13);
    CHECK(cm_date_parse("1970-01-01", &d, NULL, &err) == CM_OK && d == 0);
    CHECK(cm_date_parse("2021-07", &d, &p, &err) == CM_OK && p == CM_PRECISION_MONTH);
    CHECK(cm_date_parse("2021-02-30", &d, NULL, &err) == CM_ERR_INVALID);
    CHECK_MSG(strstr(err.message, "2021-02-30") != NULL, "%s", err.message);
    CHECK(cm_date_parse("2020-02-29", &d, NULL, &err) == CM_OK);
    CHECK(cm_date_parse("2021-02-29", &d, NULL, &err) == CM_ERR_INVALID);
    CHECK(cm_date_parse("1900-02-29", &d, NULL, &err) == CM_ERR_INVALID);
    CHECK(cm_date_parse("2000-02-29", &d, NULL, &err) == CM_OK);
    CHECK(cm_date_parse("2021-13-01", &d, NULL, &err) == CM_ERR_INVALID);
    CHECK(cm_date_parse("2021-00-10", &d, NULL, &err) == CM_ERR_INVALID);
    CHECK(cm_date_parse("13/08/2021", &d, NULL, &err) == CM_ERR_PARSE);
    CHECK(cm_date_parse("2021-8-13", &d, NULL, &err) == CM_ERR_PARSE);
    CHECK(cm_date_parse("", &d, NULL, &err) == CM_ERR_PARSE);
    CHECK(cm_date_parse("2021-08-1x", &d, NULL, &err) == CM_ERR_PARSE);
}

static void test_round_trip(void)
{
    /* Every day from 1600 to 2400 survives ymd -> day -> ymd -> iso. */
    cm_date start, end;
    cm_date_from_ymd(1600, 1, 1, &start, NULL);
    cm_date_from_ymd(2400, 12, 31, &end, NULL);
    int bad = 0;
    for (cm_date d = start; d <= end; d++) {
        char iso[CM_DATE_ISO_LEN];
        cm_date_format_iso(d, iso);
        cm_date back;
        if (cm_date_parse(iso, &back, NULL, NULL) != CM_OK || back != d)
            bad++;
    }
    CHECK(bad == 0);
}

static void test_weekday_and_format(void)
{
    cm_date d;
    cm_date_parse("2021-08-13", &d, NULL, NULL);
    CHECK(cm_date_weekday(d) == 4); /* a Friday */
    cm_date_parse("2021-07-07", &d, NULL, NULL);
    CHECK(cm_date_weekday(d) == 2); /* a Wednesday */
    char buf[64];
    cm_date_parse("2021-08-13", &d, NULL, NULL);
    CHECK_STR(cm_date_format_long(d, CM_LANG_EN, buf, sizeof buf), "13 August 2021");
    CHECK_STR(cm_date_format_long(d, CM_LANG_FR, buf, sizeof buf), "13 août 2021");
    cm_date_parse("2021-08-01", &d, NULL, NULL);
    CHECK_STR(cm_date_format_long(d, CM_LANG_FR, buf, sizeof buf), "1er août 2021");
    cm_date_parse("2021-02-10", &d, NULL, NULL);
    CHECK_STR(cm_date_format_long(d, CM_LANG_FR, buf, sizeof buf), "10 février 2021");
}

static void test_effective(void)
{
    cm_date d, e;
    cm_date_parse("2021-06-01", &d, NULL, NULL);
    cm_date_parse("2021-06-30", &e, NULL, NULL);
    CHECK(cm_date_effective(d, CM_PRECISION_MONTH) == e);
    CHECK(cm_date_effective(d, CM_PRECISION_WEEK) == d + 6);
    CHECK(cm_date_effective(d, CM_PRECISION_DAY) == d);
    cm_date_parse("2020-02-10", &d, NULL, NULL);
    cm_date_parse("2020-02-29", &e, NULL, NULL);
    CHECK(cm_date_month_end(d) == e);
    cm_lang l;
    CHECK(cm_lang_parse("fr", &l, NULL) == CM_OK && l == CM_LANG_FR);
    CHECK(cm_lang_parse("de", &l, NULL) == CM_ERR_INVALID);
}

int main(void)
{
    test_parse();
    test_round_trip();
    test_weekday_and_format();
    test_effective();
    return check_summary("test_date");
}
