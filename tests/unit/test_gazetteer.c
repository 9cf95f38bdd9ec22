/* Data-driven: every spelling in the variants file resolves, best first,
 * to its expected place; bad gazetteers fail with file and line.
 * Usage: test_gazetteer GAZETTEER.csv VARIANTS.tsv TMPDIR */
#include "conflictmap/gazetteer.h"
#include "conflictmap/normalize.h"

#include <stdlib.h>

#include "../check.h"

static void test_variants(const cm_gazetteer *gz, const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char line[1024];
    int rows = 0, right = 0;
    while (f && fgets(line, sizeof line, f)) {
        char *q = strtok(line, "\t\r\n"), *want = strtok(NULL, "\t\r\n");
        if (!q || !want || strcmp(q, "query") == 0)
            continue;
        rows++;
        cm_candidate c[5];
        size_t n = 0;
        cm_error err;
        CHECK_MSG(cm_gazetteer_lookup(gz, q, c, 5, &n, &err) == CM_OK, "%s", q);
        const int ok = n > 0 && strcmp(c[0].place->id, want) == 0;
        right += ok;
        CHECK_MSG(ok, "'%s' -> '%s', want '%s'", q, n ? c[0].place->id : "(none)", want);
    }
    if (f)
        fclose(f);
    printf("variants: %d of %d resolve to the right place\n", right, rows);
    CHECK(rows >= 150);
}

static void test_fuzzy_and_unknown(const cm_gazetteer *gz)
{
    cm_candidate c[5];
    size_t n;
    cm_error err;
    CHECK(cm_gazetteer_lookup(gz, "Kandahr", c, 5, &n, &err) == CM_OK);
    CHECK(n > 0 && strcmp(c[0].place->id, "kandahar") == 0 && c[0].score < 1.0);
    CHECK(cm_gazetteer_lookup(gz, "Xyzzyville", c, 5, &n, &err) == CM_OK && n == 0);

    CHECK(cm_gazetteer_lookup(gz, "Her\xff" "at", c, 5, &n, &err) == CM_ERR_PARSE);
}

/* The rules of normalize.h, pair by pair, without any alias's help. */
static void test_rules(void)
{
    static const char *const same[][2] = {
        {"Hérat", "HERAT"},           {"Koundouz", "Kunduz"},
        {"Tcharikar", "Charikar"},    {"Djalalabad", "Jalalabad"},
        {"Qala-i-Naw", "Qala e Naw"}, {"Qala\u2010i\u2010Naw", "qala-ye-naw"},
        {"Lashkar Gah", "Lashkargah"}, {"Tarin Kowt", "Tarin Kot"},
        {"Maymana", "Maimana"},       {"Parwan", "Parvan"},
        {"Qandahar", "Kandahar"},     {"Mazar-e Charif", "Mazar-i-Sharif"},
        {"Puli Khumri", "Pul-e Khumri"}, {"Qal\u2019eh", "qal'eh"},
        {"\u0643\u0627\u0628\u0644", "\u06a9\u0627\u0628\u0644"}, /* Arabic kaf vs keheh */
        {"Ghazni\u0301", "Ghazni"},  {"ＫＡＢＵＬ", "kabul"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char a[CM_KEY_MAX], b[CM_KEY_MAX];
        CHECK(cm_normalize_key(same[i][0], strlen(same[i][0]), a, NULL) == CM_OK);
        CHECK(cm_normalize_key(same[i][1], strlen(same[i][1]), b, NULL) == CM_OK);
        CHECK_MSG(strcmp(a, b) == 0, "'%s' -> '%s' but '%s' -> '%s'", same[i][0], a,
                  same[i][1], b);
    }
    char a[CM_KEY_MAX], b[CM_KEY_MAX];
    cm_normalize_key("Herat", 5, a, NULL);
    cm_normalize_key("Kabul", 5, b, NULL);
    CHECK(strcmp(a, b) != 0);
    CHECK_STR(a, "herat");
    cm_normalize_key("Koundouz", 8, a, NULL);
    CHECK_STR(a, "kunduz");
    CHECK(cm_normalize_key("Her\xff" "at", 7, a, NULL) == CM_ERR_PARSE);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void expect_bad(const char *dir, const char *name, const char *text, const char *needle)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, text);
    cm_gazetteer *gz = NULL;
    cm_error err;
    CHECK_MSG(cm_gazetteer_load(path, &gz, &err) != CM_OK, "%s loaded", name);
    CHECK(gz == NULL);
    CHECK_MSG(strstr(err.message, needle) != NULL && strstr(err.message, name) != NULL,
              "%s: '%s'", name, err.message);
}

/* One-letter names: "B" finds place B only, never C with nothing in common
 * (score 0; found by the fuzzer). */
static void test_one_letter(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/letters.csv", dir);
    write_file(path, "id,name,kind,lat,lon\nb,B,city,10,10\nc,C,city,11,11\n");
    cm_gazetteer *gz = NULL;
    cm_error err;
    CHECK(cm_gazetteer_load(path, &gz, &err) == CM_OK);
    cm_candidate c[5];
    size_t n = 0;
    CHECK(gz && cm_gazetteer_lookup(gz, "B", c, 5, &n, &err) == CM_OK);
    CHECK_MSG(n == 1 && strcmp(c[0].place->id, "b") == 0 && c[0].score == 1.0, "%zu found", n);
    cm_gazetteer_free(gz);
}

static void test_bad_files(const char *dir)
{
    const char *head = "id,name,kind,admin1,lat,lon\n";
    char buf[512];
    expect_bad(dir, "empty.csv", "", "empty file");
    expect_bad(dir, "nocol.csv", "id,name,kind,lat\nx,X,city,1\n", "missing column 'lon'");
    snprintf(buf, sizeof buf, "%sa,A,city,,134,60\n", head);
    expect_bad(dir, "badlat.csv", buf, ":2: bad latitude '134'");
    snprintf(buf, sizeof buf, "%sa,A,city,,34,60\nb,B,city,,34,61\na,C,city,,34,62\n", head);
    expect_bad(dir, "dup.csv", buf, ":4: duplicate id 'a'");
    snprintf(buf, sizeof buf, "%sa,H\xe9rat,city,,34,60\n", head);
    expect_bad(dir, "latin1.csv", buf, ":2: field 2 is not valid UTF-8");
    snprintf(buf, sizeof buf, "%sa,\"open,city,,34,60\n", head);
    expect_bad(dir, "quote.csv", buf, ":2: unterminated quoted field");
    snprintf(buf, sizeof buf, "%sa,A,village,,34,60\n", head);
    expect_bad(dir, "kind.csv", buf, ":2: unknown kind 'village'");
    snprintf(buf, sizeof buf, "%sa,A,city,,34,60\nb,\xd9\x83\xed\xa0\x80,city,,34,61\n", head);
    expect_bad(dir, "surrogate.csv", buf, ":3: field 2 is not valid UTF-8");
    /* A 10 MB line: over the 1 MiB record cap, refused with its line. */
    const size_t big = 10u << 20;
    char *huge = malloc(big + 64);
    CHECK(huge != NULL);
    if (!huge)
        return;
    const int n = snprintf(huge, 64, "%sa,", head);
    memset(huge + n, 'A', big);
    strcpy(huge + n + big, ",city,,34,60\n");
    expect_bad(dir, "tenmb.csv", huge, ":2: record longer than 1048576 bytes");
    free(huge);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_gazetteer GAZETTEER VARIANTS TMPDIR\n");
        return 2;
    }
    cm_gazetteer *gz;
    cm_error err;
    if (cm_gazetteer_load(argv[1], &gz, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    test_rules();
    test_variants(gz, argv[2]);
    test_fuzzy_and_unknown(gz);
    test_bad_files(argv[3]);
    test_one_letter(argv[3]);
    cm_gazetteer_free(gz);
    return check_summary("test_gazetteer");
}
