/* Importing GeoNames dumps and user CSV files into the bundled gazetteer:
 * new places arrive with their province, existing places only gain
 * spellings, the bundled spellings win, and the merged file reads back.
 * Usage: test_import GAZETTEER.csv GEONAMES_DIR USER.csv TMPDIR */
#include "conflictmap/gazetteer.h"

#include <stdlib.h>

#include "../check.h"

static const cm_place *best(const cm_gazetteer *gz, const char *name)
{
    cm_candidate c[3];
    size_t n = 0;
    cm_gazetteer_lookup(gz, name, c, 3, &n, NULL);
    return n ? c[0].place : NULL;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_import GAZETTEER GEONAMES_DIR USER.csv TMPDIR\n");
        return 2;
    }
    cm_gazetteer *gz;
    cm_error err;
    char path[4096];
    CHECK(cm_gazetteer_load(argv[1], &gz, &err) == CM_OK);
    const size_t before = cm_gazetteer_count(gz);
    cm_import_stats s;
    snprintf(path, sizeof path, "%s/AF-sample.txt", argv[2]);
    CHECK_MSG(cm_gazetteer_import_geonames(gz, path, 1000, &s, &err) == CM_OK, "%s", err.message);
    CHECK(s.added == 2 && s.merged == 2 && s.skipped == 2); /* hamlet and pass left out */
    const cm_place *p = best(gz, "Kabulo"); /* a new spelling of a bundled place */
    CHECK(p && strcmp(p->id, "kabul") == 0 && strstr(p->source, "GeoNames 1138958"));
    p = best(gz, "Qara Bagh");
    CHECK(p && strcmp(p->id, "gn-900002") == 0 && strcmp(p->admin1, "AF.13") == 0);
    CHECK(best(gz, "Tiny Hamlet") == NULL);
    p = best(gz, "Hérat"); /* "Herat Town" may not take the bundled spelling */
    CHECK(p && strcmp(p->id, "herat") == 0);
    p = cm_gazetteer_find_id(gz, "gn-900006");
    CHECK(p && strstr(p->aliases, "Hérat") == NULL);
    p = best(gz, "Badghisat");
    CHECK(p && strcmp(p->id, "AF.02") == 0);

    snprintf(path, sizeof path, "%s/ML-sample.txt", argv[2]);
    CHECK(cm_gazetteer_import_geonames(gz, path, 1000, &s, &err) == CM_OK);
    p = best(gz, "Tombouctou");
    CHECK(p && strcmp(p->name, "Timbuktu") == 0 && p->kind == CM_KIND_PROVINCIAL_CAPITAL &&
          strcmp(p->admin1, "ML.06") == 0);
    p = cm_gazetteer_find_id(gz, "ML.09");
    CHECK(p && p->kind == CM_KIND_PROVINCE);
    p = best(gz, "Bamako");
    CHECK(p && p->kind == CM_KIND_NATIONAL_CAPITAL);

    CHECK(cm_gazetteer_merge_csv(gz, argv[3], &s, &err) == CM_OK);
    CHECK(s.added == 1 && s.merged == 1);
    p = best(gz, "Shahr-e Kabul");
    CHECK(p && strcmp(p->id, "kabul") == 0);
    p = best(gz, "Kotal-e Salang");
    CHECK(p && strcmp(p->id, "salang") == 0);
    p = best(gz, "Hérat");
    CHECK(p && strcmp(p->id, "herat") == 0);
    p = cm_gazetteer_find_id(gz, "kabul"); /* the user's "Hérat" is refused */
    CHECK(p && strstr(p->aliases, "Hérat") == NULL && strstr(p->aliases, "Shahr-e Kabul") != NULL);

    snprintf(path, sizeof path, "%s/merged.csv", argv[4]);
    CHECK(cm_gazetteer_write_csv(gz, path, &err) == CM_OK);
    cm_gazetteer *back = NULL;
    CHECK_MSG(cm_gazetteer_load(path, &back, &err) == CM_OK, "%s", err.message);
    CHECK(back && cm_gazetteer_count(back) == cm_gazetteer_count(gz));
    CHECK(cm_gazetteer_count(gz) == before + 8);
    p = back ? best(back, "Tombouctou") : NULL;
    CHECK(p && strcmp(p->id, "gn-900103") == 0);
    cm_gazetteer_free(back);

    /* A corrupt dump: the error names the file and line, nothing is added. */
    snprintf(path, sizeof path, "%s/bad-geonames.txt", argv[4]);
    FILE *f = fopen(path, "w");
    fputs("900201\tGood\tGood\t\t10.0\t10.0\tP\tPPL\tXX\t\t01\t\t\t\t5000\t\t0\tUTC\t2021-01-01\n"
          "900202\tBad\tBad\t\t134.0\t10.0\tP\tPPL\tXX\t\t01\t\t\t\t5000\t\t0\tUTC\t2021-01-01\n",
          f);
    fclose(f);
    CHECK(cm_gazetteer_import_geonames(gz, path, 1000, &s, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "bad-geonames.txt:2:") && strstr(err.message, "134"), "%s",
              err.message);
    CHECK(cm_gazetteer_count(gz) == before + 8);
    CHECK(best(gz, "Good") == NULL);
    p = best(gz, "Kabulo"); /* and the index still works */
    CHECK(p && strcmp(p->id, "kabul") == 0);

    /* A dump naming one geonameid twice, far apart: the duplicate id fails
     * the import, which is rolled back whole (found by the fuzzer). */
    snprintf(path, sizeof path, "%s/dup-geonames.txt", argv[4]);
    f = fopen(path, "w");
    fputs("900301\tTwice\tTwice\t\t10.0\t10.0\tP\tPPL\tXX\t\t01\t\t\t\t5000\t\t0\tUTC\t2021-01-01\n"
          "900301\tTwice\tTwice\t\t20.0\t20.0\tP\tPPL\tXX\t\t01\t\t\t\t5000\t\t0\tUTC\t2021-01-01\n",
          f);
    fclose(f);
    CHECK(cm_gazetteer_import_geonames(gz, path, 1000, &s, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "dup-geonames.txt:2: duplicate id 'gn-900301'"), "%s",
              err.message);
    CHECK(cm_gazetteer_count(gz) == before + 8 && best(gz, "Twice") == NULL);
    p = best(gz, "Kabulo");
    CHECK(p && strcmp(p->id, "kabul") == 0);

    /* A country code of two-byte letters is cut whole, so the province id
     * made of it stays UTF-8 (found by the fuzzer). */
    snprintf(path, sizeof path, "%s/utf8-geonames.txt", argv[4]);
    f = fopen(path, "w");
    fputs("900401\tOdd\tOdd\t\t10.0\t10.0\tP\tPPLA\t\xc3\x89\xc3\x89\t\t01\t\t\t\t5000\t\t0\tUTC\t2021-01-01\n", f);
    fclose(f);
    CHECK(cm_gazetteer_import_geonames(gz, path, 1000, &s, &err) == CM_OK);
    p = best(gz, "Odd");
    CHECK_MSG(p && strcmp(p->admin1, "\xc3\x89.01") == 0, "admin1 '%s'", p ? p->admin1 : "");
    cm_gazetteer_free(gz);
    return check_summary("test_import");
}
