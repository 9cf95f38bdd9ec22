/* Fuzz target: the gazetteer readers.  Every input is read three ways: as
 * a gazetteer CSV (cm_gazetteer_load), as a GeoNames dump imported into
 * the bundled gazetteer (cm_gazetteer_import_geonames) and as a user CSV
 * merged into it (cm_gazetteer_merge_csv).  Promises checked: a loaded
 * gazetteer has unique ids, coordinates in range and UTF-8 strings, and
 * finds each place by its id and name; a failed import leaves the bundled
 * gazetteer exactly as it was; whatever loads or imports is written back
 * (cm_gazetteer_write_csv) and reads back with the same places. */
#include "conflictmap/gazetteer.h"

#include <math.h>

#include "csv.h" /* cm__utf8_valid */
#include "fuzz.h"

static cm_gazetteer *base; /* the bundled gazetteer, reloaded after a change */

static void load_base(void)
{
    cm_error err;
    cm_gazetteer_free(base);
    if (cm_gazetteer_load(CM_FUZZ_SOURCE_DIR "/data/gazetteer/afghanistan.csv", &base, &err) !=
        CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
}

static void free_base(void) { cm_gazetteer_free(base); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    load_base();
    atexit(free_base);
    return 0;
}

static uint64_t mix(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xFF) * 1099511628211ULL;
}

/* A digest of every field of every place. */
static uint64_t digest(const cm_gazetteer *gz)
{
    uint64_t h = 1469598103934665603ULL ^ cm_gazetteer_count(gz);
    for (size_t i = 0; i < cm_gazetteer_count(gz); i++) {
        const cm_place *p = cm_gazetteer_place(gz, i);
        char nums[64];
        snprintf(nums, sizeof nums, "%d %.6f %.6f", (int)p->kind, p->lat, p->lon);
        h = mix(mix(mix(mix(h, p->id), p->name), p->name_fr), p->admin1);
        h = mix(mix(mix(h, p->aliases), p->source), nums);
    }
    return h;
}

static void check_place(const cm_gazetteer *gz, const cm_place *p)
{
    const char *s[] = {p->id, p->name, p->name_fr, p->admin1, p->aliases, p->source};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        FUZZ_ASSERT(s[i] && cm__utf8_valid(s[i], strlen(s[i])), "field %zu of a place", i);
    FUZZ_ASSERT(p->id[0] && p->name[0], "place with an empty id or name");
    FUZZ_ASSERT(fabs(p->lat) <= 90 && fabs(p->lon) <= 180, "%s at %g %g", p->id, p->lat,
                p->lon);
    FUZZ_ASSERT((unsigned)p->kind < CM_KIND_COUNT, "kind %d", (int)p->kind);
    FUZZ_ASSERT(cm_gazetteer_find_id(gz, p->id) == p, "id '%s' finds another place", p->id);
    char key[CM_KEY_MAX];
    FUZZ_ASSERT(cm_normalize_key(p->name, strlen(p->name), key, NULL) == CM_OK, "%s", p->id);
    FUZZ_ASSERT(!key[0] || cm_place_has_key(p, key), "'%s' lacks its own key", p->id);
}

/* Each place is found by id, and by its name when the key is short enough
 * to look up cheaply. */
static void check_gazetteer(const cm_gazetteer *gz)
{
    FUZZ_ASSERT(cm_gazetteer_count(gz) > 0, "empty gazetteer");
    for (size_t i = 0; i < cm_gazetteer_count(gz); i++)
        check_place(gz, cm_gazetteer_place(gz, i));
    const cm_place *p = cm_gazetteer_place(gz, 0);
    cm_candidate c[8];
    size_t n = 0;
    cm_error err;
    FUZZ_ASSERT(cm_gazetteer_lookup(gz, p->name, c, 8, &n, &err) == CM_OK, "%s", err.message);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT(c[i].score <= 1.0 && c[i].score > 0 && (i == 0 || c[i].score <= c[i - 1].score),
                    "candidate %zu score %g", i, c[i].score);
}

/* Write gz and read it back: the same places, in the same order. */
static void check_round_trip(const cm_gazetteer *gz)
{
    const uint8_t nothing = 0;
    const char *out = fuzz_file_put(".out.csv", &nothing, 0);
    cm_error err;
    FUZZ_ASSERT(cm_gazetteer_write_csv(gz, out, &err) == CM_OK, "%s", err.message);
    cm_gazetteer *back = NULL;
    FUZZ_ASSERT(cm_gazetteer_load(out, &back, &err) == CM_OK, "written gazetteer: %s",
                err.message);
    FUZZ_ASSERT(cm_gazetteer_count(back) == cm_gazetteer_count(gz), "%zu places back, %zu out",
                cm_gazetteer_count(back), cm_gazetteer_count(gz));
    for (size_t i = 0; i < cm_gazetteer_count(gz); i++) {
        const cm_place *a = cm_gazetteer_place(gz, i), *b = cm_gazetteer_place(back, i);
        FUZZ_ASSERT(strcmp(a->id, b->id) == 0 && strcmp(a->name, b->name) == 0 &&
                        strcmp(a->aliases, b->aliases) == 0 && a->kind == b->kind,
                    "place %zu '%s' reads back as '%s'", i, a->id, b->id);
    }
    cm_gazetteer_free(back);
}

static void check_failure(const char *path, const cm_error *err)
{
    FUZZ_ASSERT(strchr(err->message, '\n') == NULL && strchr(err->message, '\r') == NULL,
                "multi-line message: %s", err->message);
    FUZZ_ASSERT(strstr(err->message, path) != NULL || err->status == CM_ERR_NOMEM,
                "message lacks the file: %s", err->message);
}

/* An import into the bundled gazetteer: all or nothing. */
static void check_import(const char *path, int geonames)
{
    const uint64_t before = digest(base);
    cm_import_stats stats;
    cm_error err;
    const cm_status st = geonames ? cm_gazetteer_import_geonames(base, path, 1000, &stats, &err)
                                  : cm_gazetteer_merge_csv(base, path, &stats, &err);
    if (st != CM_OK) {
        check_failure(path, &err);
        FUZZ_ASSERT(digest(base) == before, "a failed %s import changed the gazetteer",
                    geonames ? "GeoNames" : "CSV");
        return;
    }
    if (digest(base) == before)
        return;
    check_gazetteer(base);
    check_round_trip(base);
    load_base();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file_put(".csv", data, size);
    cm_gazetteer *gz = NULL;
    cm_error err;
    if (cm_gazetteer_load(path, &gz, &err) == CM_OK) {
        check_gazetteer(gz);
        check_round_trip(gz);
        cm_gazetteer_free(gz);
    } else {
        FUZZ_ASSERT(gz == NULL, "gazetteer returned with an error");
        check_failure(path, &err);
    }
    check_import(path, 1);
    check_import(path, 0);
    return 0;
}
