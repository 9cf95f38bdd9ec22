/* A host program in a French locale (setlocale(LC_ALL, "") under fr_FR:
 * ',' as the decimal point) reads the bundled data and writes files that
 * read back, with '.' in their numbers; and its locale is as it set it.
 * Exits 77 (skipped) when the fr_FR.UTF-8 locale is not installed
 * (scripts/setup.sh --tests generates it).
 * Usage: test_locale GAZETTEER EVENTS TMPDIR */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../check.h"
#include "conflictmap/events.h"
#include "conflictmap/gazetteer.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_locale GAZETTEER EVENTS TMPDIR\n");
        return 2;
    }
    if (!setlocale(LC_ALL, "fr_FR.UTF-8")) {
        printf("test_locale: the fr_FR.UTF-8 locale is not installed: skipped\n");
        return 77;
    }
    CHECK_STR(localeconv()->decimal_point, ","); /* the host's locale is French */
    cm_error err;
    cm_gazetteer *gz = NULL;
    CHECK_MSG(cm_gazetteer_load(argv[1], &gz, &err) == CM_OK, "%s", err.message);
    const cm_place *kabul = gz ? cm_gazetteer_find_id(gz, "kabul") : NULL;
    CHECK(kabul && kabul->lat > 34.52 && kabul->lat < 34.54);
    cm_events ev = {0};
    CHECK_MSG(cm_events_read_csv(argv[2], &ev, &err) == CM_OK, "%s", err.message);
    CHECK(ev.count > 10 && ev.items[0].lat > 20.0);
    mkdir(argv[3], 0777);
    char csv[4096], json[4096];
    snprintf(csv, sizeof csv, "%s/events.csv", argv[3]);
    snprintf(json, sizeof json, "%s/events.jsonl", argv[3]);
    CHECK_MSG(cm_events_save(&ev, CM_EVENTS_CSV, csv, &err) == CM_OK, "%s", err.message);
    CHECK_MSG(cm_events_save(&ev, CM_EVENTS_JSONL, json, &err) == CM_OK, "%s", err.message);
    size_t n = 0;
    char *text = check_slurp(json, &n);
    char want[64];
    snprintf(want, sizeof want, "\"latitude\":%d.", (int)ev.items[0].lat);
    CHECK_MSG(text && strstr(text, want) != NULL, "JSON Lines numbers: %.200s", text ? text : "");
    free(text);
    cm_events back = {0};
    CHECK_MSG(cm_events_read_csv(csv, &back, &err) == CM_OK, "%s", err.message);
    CHECK(back.count == ev.count && back.count && back.items[0].lat == ev.items[0].lat);
    CHECK_STR(localeconv()->decimal_point, ","); /* and the library put it back */
    cm_events_free(&back);
    cm_events_free(&ev);
    cm_gazetteer_free(gz);
    return check_summary("test_locale");
}
