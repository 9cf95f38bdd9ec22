#include "conflictmap/gazetteer.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "gazetteer_internal.h"
#include "util.h"

static const char *const kind_names[CM_KIND_COUNT] = {
    [CM_KIND_PROVINCE] = "province",
    [CM_KIND_PROVINCIAL_CAPITAL] = "provincial_capital",
    [CM_KIND_NATIONAL_CAPITAL] = "national_capital",
    [CM_KIND_DISTRICT_CENTRE] = "district_centre",
    [CM_KIND_BORDER_CROSSING] = "border_crossing",
    [CM_KIND_BASE] = "base",
    [CM_KIND_CITY] = "city",
    [CM_KIND_FOREIGN] = "foreign",
};

const char *cm_place_kind_name(cm_place_kind kind)
{
    return (unsigned)kind < CM_KIND_COUNT ? kind_names[kind] : "unknown";
}

int cm_place_kind_parse(const char *text)
{
    for (int k = 0; k < CM_KIND_COUNT; k++)
        if (strcmp(text, kind_names[k]) == 0)
            return k;
    return -1;
}

int cm_place_is_capital(const cm_place *place)
{
    return place->kind == CM_KIND_PROVINCIAL_CAPITAL ||
           place->kind == CM_KIND_NATIONAL_CAPITAL;
}

int cm_place_has_key(const cm_place *pl, const char *key)
{
    char k[CM_KEY_MAX];
    cm_normalize_key(pl->name, strlen(pl->name), k, NULL);
    if (strcmp(k, key) == 0)
        return 1;
    cm_normalize_key(pl->name_fr, strlen(pl->name_fr), k, NULL);
    if (strcmp(k, key) == 0)
        return 1;
    for (const char *a = pl->aliases; *a;) {
        const char *bar = strchr(a, '|');
        const size_t n = bar ? (size_t)(bar - a) : strlen(a);
        cm_normalize_key(a, n, k, NULL);
        if (strcmp(k, key) == 0)
            return 1;
        a += n + (bar != NULL);
    }
    return 0;
}

const char *cm_place_name(const cm_place *place, cm_lang lang)
{
    return lang == CM_LANG_FR ? place->name_fr : place->name;
}

void cm__place_free(cm_place *p)
{
    free(p->id);
    free(p->name);
    free(p->name_fr);
    free(p->admin1);
    free(p->aliases);
    free(p->source);
}

cm_status cm_gazetteer_new(cm_gazetteer **out, cm_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? CM_OK : cm_error_set(err, CM_ERR_NOMEM, "gazetteer: out of memory");
}

void cm_gazetteer_free(cm_gazetteer *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->n; i++)
        cm__place_free(&gz->places[i]);
    for (size_t i = 0; i < gz->n_keys; i++)
        free(gz->keys[i].key);
    free(gz->keys);
    free(gz->places);
    free(gz->by_id);
    free(gz);
}

size_t cm_gazetteer_count(const cm_gazetteer *gz) { return gz->n; }

const cm_place *cm_gazetteer_place(const cm_gazetteer *gz, size_t i)
{
    return i < gz->n ? &gz->places[i] : NULL;
}

enum { COL_ID, COL_NAME, COL_KIND, COL_LAT, COL_LON, COL_ADMIN1, COL_NAME_FR,
       COL_ALIASES, COL_SOURCE, COL_COUNT };
static const char *const col_names[COL_COUNT] = {
    "id", "name", "kind", "lat", "lon", "admin1", "name_fr", "aliases", "source"};
#define COL_REQUIRED 5 /* the first five are required */

static char *field_dup(const cm__csv *csv, int col)
{
    return strdup(col >= 0 ? cm__csv_field(csv, (size_t)col) : "");
}

static cm_status read_place(cm__csv *csv, const int cols[COL_COUNT], cm_place *p,
                            cm_error *err)
{
    const char *path = cm__csv_path(csv);
    const long line = cm__csv_line(csv);
    for (int c = 0; c < COL_REQUIRED; c++)
        if ((size_t)cols[c] >= cm__csv_nfields(csv) ||
            cm__csv_field(csv, (size_t)cols[c])[0] == '\0')
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: empty or missing '%s'",
                                path, line, col_names[c]);
    const char *kind = cm__csv_field(csv, (size_t)cols[COL_KIND]);
    const int k = cm_place_kind_parse(kind);
    if (k < 0)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: unknown kind '%.40s'", path,
                            line, kind);
    const char *lat = cm__csv_field(csv, (size_t)cols[COL_LAT]);
    const char *lon = cm__csv_field(csv, (size_t)cols[COL_LON]);
    if (!cm__parse_double(lat, -90, 90, &p->lat))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad latitude '%.40s'", path,
                            line, lat);
    if (!cm__parse_double(lon, -180, 180, &p->lon))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad longitude '%.40s'", path,
                            line, lon);
    p->kind = (cm_place_kind)k;
    p->line = line;
    p->id = field_dup(csv, cols[COL_ID]);
    p->name = field_dup(csv, cols[COL_NAME]);
    p->admin1 = field_dup(csv, cols[COL_ADMIN1]);
    p->aliases = field_dup(csv, cols[COL_ALIASES]);
    p->source = field_dup(csv, cols[COL_SOURCE]);
    const char *fr = cols[COL_NAME_FR] >= 0 ? cm__csv_field(csv, (size_t)cols[COL_NAME_FR]) : "";
    p->name_fr = strdup(fr[0] ? fr : p->name ? p->name : "");
    if (!p->id || !p->name || !p->admin1 || !p->aliases || !p->source || !p->name_fr)
        return cm_error_set(err, CM_ERR_NOMEM, "%s:%ld: out of memory", path, line);
    return CM_OK;
}

static int cmp_id(const void *a, const void *b)
{
    const cm_place *pa = *(const cm_place *const *)a;
    const cm_place *pb = *(const cm_place *const *)b;
    return strcmp(pa->id, pb->id);
}

/* Sort the id index and reject duplicates. */
static cm_status add_key(cm_gazetteer *gz, size_t place, const char *spelling, size_t len,
                         const char *path, cm_error *err)
{
    char key[CM_KEY_MAX];
    cm_error e;
    if (cm_normalize_key(spelling, len, key, &e) != CM_OK)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s", path, gz->places[place].line,
                            e.message);
    if (!key[0])
        return CM_OK;
    if (!cm__reserve((void **)&gz->keys, &gz->cap_keys, gz->n_keys + 1, sizeof *gz->keys))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    char *k = strdup(key);
    if (!k)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    gz->keys[gz->n_keys++] = (name_key){k, spelling, place};
    return CM_OK;
}

static int cmp_key(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    const int c = strcmp(x->key, y->key);
    return c ? c : (x->place > y->place) - (x->place < y->place);
}

/* Index the name, French name and every alias of every place. */
static cm_status index_names(cm_gazetteer *gz, const char *path, cm_error *err)
{
    for (size_t i = 0; i < gz->n; i++) {
        const cm_place *p = &gz->places[i];
        cm_status st = add_key(gz, i, p->name, strlen(p->name), path, err);
        if (st == CM_OK)
            st = add_key(gz, i, p->name_fr, strlen(p->name_fr), path, err);
        for (const char *a = p->aliases; st == CM_OK && *a;) {
            const char *bar = strchr(a, '|');
            const size_t len = bar ? (size_t)(bar - a) : strlen(a);
            st = add_key(gz, i, a, len, path, err);
            a += len + (bar != NULL);
        }
        if (st != CM_OK)
            return st;
    }
    if (gz->n_keys > 1)
        qsort(gz->keys, gz->n_keys, sizeof *gz->keys, cmp_key);
    return CM_OK;
}

static cm_status index_ids(cm_gazetteer *gz, const char *path, cm_error *err)
{
    gz->by_id = malloc((gz->n ? gz->n : 1) * sizeof *gz->by_id);
    if (!gz->by_id)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    for (size_t i = 0; i < gz->n; i++)
        gz->by_id[i] = &gz->places[i];
    if (gz->n > 1)
        qsort(gz->by_id, gz->n, sizeof *gz->by_id, cmp_id);
    for (size_t i = 1; i < gz->n; i++) {
        const cm_place *a = gz->by_id[i - 1], *b = gz->by_id[i];
        if (strcmp(a->id, b->id) == 0) {
            const cm_place *later = a->line > b->line ? a : b;
            const cm_place *first = a->line > b->line ? b : a;
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s:%ld: duplicate id '%s' (first on line %ld)", path,
                                later->line, later->id, first->line);
        }
    }
    return CM_OK;
}

cm_status cm__gazetteer_reindex(cm_gazetteer *gz, const char *path, cm_error *err)
{
    for (size_t i = 0; i < gz->n_keys; i++)
        free(gz->keys[i].key);
    gz->n_keys = 0;
    free(gz->by_id);
    gz->by_id = NULL;
    cm_status st = index_ids(gz, path, err);
    return st == CM_OK ? index_names(gz, path, err) : st;
}

long cm__gazetteer_find_key(const cm_gazetteer *gz, const char *key, size_t *first)
{
    size_t lo = 0, hi = gz->n_keys;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (strcmp(gz->keys[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    long n = 0;
    while (lo + (size_t)n < gz->n_keys && strcmp(gz->keys[lo + (size_t)n].key, key) == 0)
        n++;
    return n;
}

cm_status cm_gazetteer_load(const char *path, cm_gazetteer **out, cm_error *err)
{
    cm__csv *csv = NULL;
    cm_gazetteer *gz = calloc(1, sizeof *gz);
    int cols[COL_COUNT];
    cm_status st = gz ? cm__csv_open(path, ',', 1, &csv, err)
                      : cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    if (st != CM_OK)
        goto out;
    if ((st = cm__csv_header(csv, col_names, COL_COUNT, COL_REQUIRED, cols, err)) != CM_OK)
        goto out;
    for (;;) {
        int eof;
        if ((st = cm__csv_next(csv, &eof, err)) != CM_OK)
            goto out;
        if (eof)
            break;
        if (!cm__reserve((void **)&gz->places, &gz->cap, gz->n + 1, sizeof *gz->places)) {
            st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
            goto out;
        }
        cm_place *p = &gz->places[gz->n];
        memset(p, 0, sizeof *p);
        gz->n++;
        if ((st = read_place(csv, cols, p, err)) != CM_OK)
            goto out;
    }
    if (gz->n == 0) {
        st = cm_error_set(err, CM_ERR_PARSE, "%s: no places after the header", path);
        goto out;
    }
    if ((st = index_ids(gz, path, err)) == CM_OK)
        st = index_names(gz, path, err);
out:
    cm__csv_close(csv);
    if (st != CM_OK) {
        cm_gazetteer_free(gz);
        gz = NULL;
    }
    *out = gz;
    return st;
}

const cm_place *cm_gazetteer_find_id(const cm_gazetteer *gz, const char *id)
{
    size_t lo = 0, hi = gz->n;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const cm_place *p = gz->by_id[mid];
        const int c = strcmp(p->id, id);
        if (c == 0)
            return p;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Levenshtein distance of a and b, or limit + 1 once it must exceed limit. */
static int edit_distance(const char *a, const char *b, int limit)
{
    const int la = (int)strlen(a), lb = (int)strlen(b);
    if (abs(la - lb) > limit || la >= CM_KEY_MAX || lb >= CM_KEY_MAX)
        return limit + 1;
    int prev[CM_KEY_MAX], cur[CM_KEY_MAX];
    for (int j = 0; j <= lb; j++)
        prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        int best = cur[0];
        for (int j = 1; j <= lb; j++) {
            const int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            const int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > limit)
            return limit + 1;
        memcpy(prev, cur, (size_t)(lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

static int kind_rank(cm_place_kind k)
{
    return k == CM_KIND_NATIONAL_CAPITAL || k == CM_KIND_PROVINCIAL_CAPITAL ? 0
           : k == CM_KIND_PROVINCE                                         ? 1
                                                                            : 2;
}

static int cmp_candidate(const void *a, const void *b)
{
    const cm_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    const int r = kind_rank(x->place->kind) - kind_rank(y->place->kind);
    return r ? r : strcmp(x->place->id, y->place->id);
}

/* Keep the best candidate per place in a growing list. */
static cm_status offer(cm_candidate **list, size_t *n, size_t *cap, cm_candidate c)
{
    for (size_t i = 0; i < *n; i++) {
        if ((*list)[i].place == c.place) {
            if (c.score > (*list)[i].score)
                (*list)[i] = c;
            return CM_OK;
        }
    }
    if (!cm__reserve((void **)list, cap, *n + 1, sizeof **list))
        return CM_ERR_NOMEM;
    (*list)[(*n)++] = c;
    return CM_OK;
}

/* Candidates whose key is within limit edits of key (limit < 0: the
 * lookup threshold max(1, length / 5)). */
static cm_status search(const cm_gazetteer *gz, const char *name, int limit, cm_candidate *out,
                        size_t max, size_t *count, cm_error *err)
{
    char key[CM_KEY_MAX];
    *count = 0;
    cm_status st = cm_normalize_key(name, strlen(name), key, err);
    if (st != CM_OK || !key[0])
        return st;
    const int len = (int)strlen(key);
    if (limit < 0)
        limit = len / 5 > 1 ? len / 5 : 1;
    cm_candidate *list = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < gz->n_keys && st == CM_OK; i++) {
        const name_key *k = &gz->keys[i];
        const int d = strcmp(k->key, key) == 0 ? 0 : edit_distance(k->key, key, limit);
        const int kl = (int)strlen(k->key);
        if (d > limit || d >= (kl > len ? kl : len))
            continue; /* too far, or nothing in common (score 0 or less) */
        const double score = 1.0 - (double)d / (kl > len ? kl : len);
        st = offer(&list, &n, &cap,
                   (cm_candidate){&gz->places[k->place], score, d, k->spelling});
    }
    if (st != CM_OK) {
        free(list);
        return cm_error_set(err, CM_ERR_NOMEM, "lookup: out of memory");
    }
    if (n > 1) /* list is NULL when nothing matched */
        qsort(list, n, sizeof *list, cmp_candidate);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = list[i];
    *count = n < max ? n : max;
    free(list);
    return CM_OK;
}

cm_status cm_gazetteer_lookup(const cm_gazetteer *gz, const char *name, cm_candidate *out,
                              size_t max, size_t *count, cm_error *err)
{
    return search(gz, name, -1, out, max, count, err);
}

cm_status cm_gazetteer_suggest(const cm_gazetteer *gz, const char *name, cm_candidate *out,
                               size_t max, size_t *count, cm_error *err)
{
    return search(gz, name, 6, out, max, count, err);
}
