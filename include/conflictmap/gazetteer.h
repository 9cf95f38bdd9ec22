/* conflictmap: the gazetteer, every place the articles and maps name.
 *
 * A gazetteer is read from a CSV file with a header row naming at least the
 * columns id, name, kind, lat, lon; the optional columns admin1 (the id of
 * the province the place lies in), name_fr, aliases ('|'-separated) and
 * source are kept when present.  See data/gazetteer/README.md.
 */
#ifndef CONFLICTMAP_GAZETTEER_H
#define CONFLICTMAP_GAZETTEER_H

#include <stddef.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/normalize.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cm_place_kind {
    CM_KIND_PROVINCE = 0,
    CM_KIND_PROVINCIAL_CAPITAL,
    CM_KIND_NATIONAL_CAPITAL, /* also the capital of its own province */
    CM_KIND_DISTRICT_CENTRE,
    CM_KIND_BORDER_CROSSING,
    CM_KIND_BASE,
    CM_KIND_CITY,
    CM_KIND_FOREIGN, /* named in articles, never on the map */
    CM_KIND_COUNT
} cm_place_kind;

typedef struct cm_place {
    char *id;
    char *name;
    char *name_fr; /* never NULL: falls back to name */
    char *admin1;  /* "" when unknown */
    char *aliases; /* raw '|'-separated list, "" when none */
    char *source;  /* "" when none */
    cm_place_kind kind;
    double lat, lon;
    long line; /* line in the file it came from */
} cm_place;

typedef struct cm_gazetteer cm_gazetteer;

/* Read a gazetteer CSV.  Fails on a missing column, a bad or out-of-range
 * coordinate, an unknown kind, a duplicate id, invalid UTF-8 or an empty
 * file, naming the file and line.  The caller frees *out. */
cm_status cm_gazetteer_load(const char *path, cm_gazetteer **out, cm_error *err);

/* An empty gazetteer to import into.  The caller frees *out. */
cm_status cm_gazetteer_new(cm_gazetteer **out, cm_error *err);

void cm_gazetteer_free(cm_gazetteer *gz);

size_t cm_gazetteer_count(const cm_gazetteer *gz);
const cm_place *cm_gazetteer_place(const cm_gazetteer *gz, size_t i);

/* The place with this id, or NULL.  The gazetteer owns it. */
const cm_place *cm_gazetteer_find_id(const cm_gazetteer *gz, const char *id);

/* Check that every event from index first on names a place of gz: an id
 * that is no place's but a spelling of exactly one (score 1: "Herat",
 * "mazar-e-sharif") is replaced by that place's id and counted in
 * *resolved (may be NULL); any other is CM_ERR_NOT_FOUND naming path, the
 * event's line and the closest id ("did you mean"). */
cm_status cm_gazetteer_resolve_events(const cm_gazetteer *gz, cm_events *events, size_t first,
                                      const char *path, size_t *resolved, cm_error *err);

/* A lookup result: the place, how well it matched (1 exact, less for a
 * fuzzy match), the edit distance between the keys, and the spelling that
 * matched (owned by the gazetteer). */
typedef struct cm_candidate {
    const cm_place *place;
    double score;
    int distance;
    const char *matched;
} cm_candidate;

/* Ranked candidates for name: places whose name, French name or an alias
 * has the same key (see normalize.h) score 1; then places whose key is
 * within an edit distance of max(1, length / 5) score 1 - d / length (a
 * key with nothing in common, which would score 0, is no candidate).
 * Ties rank capitals before provinces before other places.  Writes at most
 * max candidates (one per place) and their number to *count.  CM_ERR_PARSE
 * if name is not valid UTF-8. */
cm_status cm_gazetteer_lookup(const cm_gazetteer *gz, const char *name, cm_candidate *out,
                              size_t max, size_t *count, cm_error *err);

/* Like cm_gazetteer_lookup with a loose threshold (6 edits): the closest
 * spellings to suggest when a lookup finds nothing. */
cm_status cm_gazetteer_suggest(const cm_gazetteer *gz, const char *name, cm_candidate *out,
                               size_t max, size_t *count, cm_error *err);

/* What an import did: places added, existing places that gained
 * spellings, and rows left out (other feature classes, too small, bad). */
typedef struct cm_import_stats {
    size_t added, merged, skipped;
} cm_import_stats;

/* Merge a GeoNames country dump (the tab-separated AF.txt format:
 * geonameid, name, asciiname, alternatenames, latitude, longitude, feature
 * class, feature code, country code, cc2, admin1 code, ...) into gz.
 * Populated places (class P) of at least min_population people, and every
 * seat of government (PPLC, PPLA), become places: PPLC a national capital,
 * PPLA a provincial capital unless the province has one, others a city;
 * first-order divisions (ADM1) become provinces with id "CC.NN" (the
 * GeoNames admin1 code, as the bundled province ids).  A row naming a place
 * gz already has (same spelling key, same kind family, within 25 km) only
 * adds its alternate names as aliases.  Existing places keep their fields
 * and spellings: an alternate name already used by another place is not
 * added.  Errors name the file and line. */
cm_status cm_gazetteer_import_geonames(cm_gazetteer *gz, const char *path,
                                       long min_population, cm_import_stats *stats,
                                       cm_error *err);

/* Merge a gazetteer CSV (the bundled format) into gz: a row whose id gz
 * already has only adds aliases (the existing spellings win); other rows
 * are added.  Errors name the file and line. */
cm_status cm_gazetteer_merge_csv(cm_gazetteer *gz, const char *path,
                                 cm_import_stats *stats, cm_error *err);

/* Write gz as a gazetteer CSV (the bundled format), atomically. */
cm_status cm_gazetteer_write_csv(const cm_gazetteer *gz, const char *path, cm_error *err);

/* 1 for a provincial or national capital. */
int cm_place_is_capital(const cm_place *place);

/* 1 if key (a cm_normalize_key result) is the key of the place's name,
 * French name or one of its aliases. */
int cm_place_has_key(const cm_place *place, const char *key);

/* The place's name in lang. */
const char *cm_place_name(const cm_place *place, cm_lang lang);

/* "provincial_capital" etc.; cm_place_kind_parse returns -1 when unknown. */
const char *cm_place_kind_name(cm_place_kind kind);
int cm_place_kind_parse(const char *text);

#ifdef __cplusplus
}
#endif
#endif
