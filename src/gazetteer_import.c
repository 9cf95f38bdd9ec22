#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "conflictmap/normalize.h"
#include "csv.h"
#include "gazetteer_internal.h"
#include "util.h"

#define MATCH_KM 25.0

/* What the import may not override: the spellings gz had before it. */
typedef struct undo {
    size_t place;
    char *aliases; /* the place's aliases before the import */
} undo;

typedef struct import {
    cm_gazetteer *gz;
    size_t n_before; /* places loaded before the import */
    const char *path;
    cm_import_stats stats;
    undo *undo; /* so a failed import leaves gz as it was */
    size_t n_undo, cap_undo;
} import;

/* Remember place p's aliases before the first change to them. */
static int save_aliases(import *im, size_t p)
{
    for (size_t i = 0; i < im->n_undo; i++)
        if (im->undo[i].place == p)
            return 1;
    if (!cm__reserve((void **)&im->undo, &im->cap_undo, im->n_undo + 1, sizeof *im->undo))
        return 0;
    char *copy = strdup(im->gz->places[p].aliases);
    if (!copy)
        return 0;
    im->undo[im->n_undo++] = (undo){p, copy};
    return 1;
}

/* End an import: reindex gz; on failure (of the import or of the index,
 * say a duplicate id) put gz back as it was and reindex that. */
static cm_status finish(import *im, cm_status st, cm_error *err)
{
    cm_gazetteer *gz = im->gz;
    if (st == CM_OK)
        st = cm__gazetteer_reindex(gz, im->path, err);
    if (st != CM_OK) {
        for (size_t i = 0; i < im->n_undo; i++) {
            free(gz->places[im->undo[i].place].aliases);
            gz->places[im->undo[i].place].aliases = im->undo[i].aliases;
            im->undo[i].aliases = NULL;
        }
        for (size_t i = im->n_before; i < gz->n; i++)
            cm__place_free(&gz->places[i]);
        gz->n = im->n_before;
        memset(&im->stats, 0, sizeof im->stats);
    }
    for (size_t i = 0; i < im->n_undo; i++)
        free(im->undo[i].aliases);
    free(im->undo);
    cm_error quiet;
    if (st != CM_OK)
        cm__gazetteer_reindex(gz, im->path, &quiet);
    return st;
}

static int family(cm_place_kind k)
{
    return k == CM_KIND_PROVINCE ? 1 : k == CM_KIND_FOREIGN ? 2 : 0;
}

/* 1 if key is a spelling of a place that was there before the import. */
static int key_taken(const import *im, const char *key)
{
    size_t first;
    const long n = cm__gazetteer_find_key(im->gz, key, &first);
    for (long i = 0; i < n; i++)
        if (im->gz->keys[first + (size_t)i].place < im->n_before)
            return 1;
    return 0;
}

/* Add alias to place p unless its key is empty, already p's, or taken by a
 * place that was there before the import. */
static cm_status add_alias(import *im, size_t p, const char *alias, size_t len, cm_error *err)
{
    char key[CM_KEY_MAX];
    if (len == 0 || len > 120 || cm_normalize_key(alias, len, key, NULL) != CM_OK || !key[0] ||
        key_taken(im, key) || cm_place_has_key(&im->gz->places[p], key))
        return CM_OK;
    if (p < im->n_before && !save_aliases(im, p))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", im->path);
    cm_place *pl = &im->gz->places[p];
    const size_t old = strlen(pl->aliases);
    char *na = realloc(pl->aliases, old + len + 2);
    if (!na)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", im->path);
    if (old)
        na[old] = '|';
    memcpy(na + old + (old > 0), alias, len);
    na[old + (old > 0) + len] = '\0';
    pl->aliases = na;
    return CM_OK;
}

/* Add every alias of a '|' or ',' separated list. */
static cm_status add_aliases(import *im, size_t p, const char *list, char sep, cm_error *err)
{
    cm_status st = CM_OK;
    for (const char *a = list; st == CM_OK && *a;) {
        const char *end = strchr(a, sep);
        const size_t len = end ? (size_t)(end - a) : strlen(a);
        int plain = 1; /* skip codes and links: digits, '/', ':' */
        for (size_t i = 0; i < len; i++)
            plain &= !(a[i] >= '0' && a[i] <= '9') && a[i] != '/' && a[i] != ':' && a[i] != '|';
        if (plain)
            st = add_alias(im, p, a, len, err);
        a += len + (end != NULL);
    }
    return st;
}

/* Append a copy of tmpl (its strings duplicated); its index in *index. */
static cm_status add_place(import *im, const cm_place *t, size_t *index, cm_error *err)
{
    cm_gazetteer *gz = im->gz;
    if (!cm__reserve((void **)&gz->places, &gz->cap, gz->n + 1, sizeof *gz->places))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", im->path);
    cm_place *p = &gz->places[gz->n];
    *p = *t;
    p->id = strdup(t->id);
    p->name = strdup(t->name);
    p->name_fr = strdup(t->name_fr ? t->name_fr : t->name);
    p->admin1 = strdup(t->admin1 ? t->admin1 : "");
    p->aliases = strdup("");
    p->source = strdup(t->source ? t->source : "");
    if (!p->id || !p->name || !p->name_fr || !p->admin1 || !p->aliases || !p->source) {
        cm__place_free(p);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", im->path);
    }
    *index = gz->n++;
    return CM_OK;
}

/* An existing place (from before the import) that name denotes near
 * (lat, lon) in the same kind family, or -1. */
static long match_existing(const import *im, const char *name, cm_place_kind kind, double lat,
                           double lon)
{
    char key[CM_KEY_MAX];
    if (cm_normalize_key(name, strlen(name), key, NULL) != CM_OK || !key[0])
        return -1;
    size_t first;
    const long n = cm__gazetteer_find_key(im->gz, key, &first);
    for (long i = 0; i < n; i++) {
        const size_t p = im->gz->keys[first + (size_t)i].place;
        const cm_place *pl = &im->gz->places[p];
        if (p < im->n_before && family(pl->kind) == family(kind) &&
            (kind == CM_KIND_PROVINCE || cm__km(lat, lon, pl->lat, pl->lon) <= MATCH_KM))
            return (long)p;
    }
    return -1;
}

static long find_id(const cm_gazetteer *gz, const char *id)
{
    for (size_t i = 0; i < gz->n; i++)
        if (strcmp(gz->places[i].id, id) == 0)
            return (long)i;
    return -1;
}

static int has_capital(const cm_gazetteer *gz, const char *admin1)
{
    for (size_t i = 0; i < gz->n; i++)
        if (cm_place_is_capital(&gz->places[i]) && strcmp(gz->places[i].admin1, admin1) == 0)
            return 1;
    return 0;
}

/* How many bytes of s to keep for at most max without cutting a UTF-8
 * character in two. */
static int utf8_cut(const char *s, int max)
{
    int n = (int)strnlen(s, (size_t)max);
    if (s[n] != '\0')
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    return n;
}

/* The kind of a GeoNames row, or -1 to skip it. */
static int geonames_kind(const char *cls, const char *code, long pop, long min_pop)
{
    if (strcmp(cls, "A") == 0)
        return strcmp(code, "ADM1") == 0 ? CM_KIND_PROVINCE : -1;
    if (strcmp(cls, "P") != 0)
        return -1;
    if (strcmp(code, "PPLC") == 0)
        return CM_KIND_NATIONAL_CAPITAL;
    if (strcmp(code, "PPLA") == 0)
        return CM_KIND_PROVINCIAL_CAPITAL;
    if (pop < min_pop)
        return -1;
    return strcmp(code, "PPLA2") == 0 ? CM_KIND_DISTRICT_CENTRE : CM_KIND_CITY;
}

static cm_status geonames_row(import *im, const cm__csv *csv, long min_pop, cm_error *err)
{
    const long line = cm__csv_line(csv);
    if (cm__csv_nfields(csv) < 15)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %zu columns, a GeoNames row has 19",
                            im->path, line, cm__csv_nfields(csv));
    const char *gid = cm__csv_field(csv, 0), *name = cm__csv_field(csv, 1);
    const char *ascii = cm__csv_field(csv, 2), *alt = cm__csv_field(csv, 3);
    double lat, lon;
    long id, pop = 0;
    if (!cm__parse_long(gid, 0, LONG_MAX, &id) || !name[0])
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad geonameid '%.20s'", im->path, line,
                            gid);
    if (!cm__parse_double(cm__csv_field(csv, 4), -90, 90, &lat) ||
        !cm__parse_double(cm__csv_field(csv, 5), -180, 180, &lon))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad coordinates '%.20s', '%.20s'",
                            im->path, line, cm__csv_field(csv, 4), cm__csv_field(csv, 5));
    cm__parse_long(cm__csv_field(csv, 14), 0, LONG_MAX, &pop);
    int kind = geonames_kind(cm__csv_field(csv, 6), cm__csv_field(csv, 7), pop, min_pop);
    if (kind < 0) {
        im->stats.skipped++;
        return CM_OK;
    }
    char admin1[32], pid[48], source[64];
    const char *cc = cm__csv_field(csv, 8), *code = cm__csv_field(csv, 10);
    snprintf(admin1, sizeof admin1, "%.*s.%.*s", utf8_cut(cc, 3), cc, utf8_cut(code, 20), code);
    if (kind == CM_KIND_PROVINCIAL_CAPITAL && has_capital(im->gz, admin1))
        kind = CM_KIND_CITY;
    long p = kind == CM_KIND_PROVINCE ? find_id(im->gz, admin1) : -1;
    if (p < 0)
        p = match_existing(im, name, (cm_place_kind)kind, lat, lon);
    if (p < 0 && ascii[0])
        p = match_existing(im, ascii, (cm_place_kind)kind, lat, lon);
    size_t index;
    if (p >= 0) {
        index = (size_t)p;
        im->stats.merged++;
    } else {
        if (kind == CM_KIND_PROVINCE)
            snprintf(pid, sizeof pid, "%s", admin1);
        else
            snprintf(pid, sizeof pid, "gn-%ld", id);
        snprintf(source, sizeof source, "GeoNames %ld", id);
        const cm_place t = {pid,    (char *)name,        NULL, admin1, NULL,
                            source, (cm_place_kind)kind, lat,  lon,    line};
        cm_status st = add_place(im, &t, &index, err);
        if (st != CM_OK)
            return st;
        im->stats.added++;
    }
    cm_status st = add_alias(im, index, name, strlen(name), err);
    if (st == CM_OK)
        st = add_alias(im, index, ascii, strlen(ascii), err);
    return st == CM_OK ? add_aliases(im, index, alt, ',', err) : st;
}

cm_status cm_gazetteer_import_geonames(cm_gazetteer *gz, const char *path, long min_population,
                                       cm_import_stats *stats, cm_error *err)
{
    import im = {gz, gz->n, path, {0, 0, 0}, NULL, 0, 0};
    cm__csv *csv = NULL;
    cm_status st = cm__csv_open(path, '\t', 0, &csv, err);
    while (st == CM_OK) {
        int eof;
        if ((st = cm__csv_next(csv, &eof, err)) != CM_OK || eof)
            break;
        st = geonames_row(&im, csv, min_population, err);
    }
    cm__csv_close(csv);
    st = finish(&im, st, err);
    if (stats)
        *stats = im.stats;
    return st;
}

cm_status cm_gazetteer_merge_csv(cm_gazetteer *gz, const char *path, cm_import_stats *stats,
                                 cm_error *err)
{
    cm_gazetteer *user = NULL;
    cm_status st = cm_gazetteer_load(path, &user, err);
    import im = {gz, gz->n, path, {0, 0, 0}, NULL, 0, 0};
    for (size_t i = 0; st == CM_OK && i < cm_gazetteer_count(user); i++) {
        const cm_place *u = cm_gazetteer_place(user, i);
        long p = find_id(gz, u->id);
        size_t index = (size_t)p;
        if (p >= 0) {
            im.stats.merged++;
        } else if ((st = add_place(&im, u, &index, err)) == CM_OK) {
            im.stats.added++;
        }
        if (st == CM_OK)
            st = add_alias(&im, index, u->name, strlen(u->name), err);
        if (st == CM_OK)
            st = add_alias(&im, index, u->name_fr, strlen(u->name_fr), err);
        if (st == CM_OK)
            st = add_aliases(&im, index, u->aliases, '|', err);
    }
    cm_gazetteer_free(user);
    st = finish(&im, st, err);
    if (stats)
        *stats = im.stats;
    return st;
}

/* Write one CSV field, quoted when it holds a comma, quote or line end. */
static void put_field(cm__atomic *a, const char *s, int last)
{
    const int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        cm__atomic_write(a, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            cm__atomic_write(a, "\"", 1);
        cm__atomic_write(a, p, 1);
    }
    if (quote)
        cm__atomic_write(a, "\"", 1);
    cm__atomic_write(a, last ? "\n" : ",", 1);
}

cm_status cm_gazetteer_write_csv(const cm_gazetteer *gz, const char *path, cm_error *err)
{
    cm__atomic a;
    cm_status st = cm__atomic_open(&a, path, err);
    if (st != CM_OK)
        return st;
    static const char header[] = "id,name,kind,admin1,lat,lon,name_fr,aliases,source\n";
    cm__atomic_write(&a, header, sizeof header - 1);
    for (size_t i = 0; i < gz->n; i++) {
        const cm_place *p = &gz->places[i];
        char lat[32], lon[32];
        cm__format_c(lat, sizeof lat, "%.4f", p->lat);
        cm__format_c(lon, sizeof lon, "%.4f", p->lon);
        put_field(&a, p->id, 0);
        put_field(&a, p->name, 0);
        put_field(&a, cm_place_kind_name(p->kind), 0);
        put_field(&a, p->admin1, 0);
        put_field(&a, lat, 0);
        put_field(&a, lon, 0);
        put_field(&a, p->name_fr, 0);
        put_field(&a, p->aliases, 0);
        put_field(&a, p->source, 1);
    }
    return cm__atomic_commit(&a, err);
}
