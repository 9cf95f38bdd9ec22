#include "conflictmap/layer.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <shapefil.h>

#include "csv.h" /* cm__utf8_valid */
#include "layer_io.h"
#include "util.h"

#define PRJ_MAX (64 * 1024)

/* shapelib reports through a hook with no context; keep its last message
 * per thread so the error we return can quote it (cm_error_set puts its
 * two-line messages on one line). */
static _Thread_local char hook_message[256];

static void hook_error(const char *message)
{
    snprintf(hook_message, sizeof hook_message, "%s", message);
}

/* The caller's file functions with our error hook. */
static SAHooks quiet_hooks(const SAHooks *given)
{
    SAHooks hooks = *given;
    hooks.Error = hook_error;
    return hooks;
}

/* path with its extension replaced by ext (".shx"); caller frees. */
static char *sibling(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    size_t stem = (dot && (!slash || dot > slash)) ? (size_t)(dot - path) : strlen(path);
    char *s = malloc(stem + strlen(ext) + 1);
    if (!s)
        return NULL;
    memcpy(s, path, stem);
    strcpy(s + stem, ext);
    return s;
}

static int file_exists(const SAHooks *hooks, const char *path)
{
    SAFile f = hooks->FOpen(path, "rb");
    if (!f)
        return 0;
    hooks->FClose(f);
    return 1;
}

/* Read a small text file beside the .shp (.prj, .cpg); NULL if absent. */
static cm_status read_small(const SAHooks *hooks, const char *path, char **out, cm_error *err)
{
    *out = NULL;
    if (cm__check_regular(path, err) != CM_OK)
        return CM_ERR_IO;
    SAFile f = hooks->FOpen(path, "rb");
    if (!f)
        return CM_OK;
    char *buf = malloc(PRJ_MAX + 1);
    if (!buf) {
        hooks->FClose(f);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    const size_t n = (size_t)hooks->FRead(buf, 1, PRJ_MAX + 1, f);
    hooks->FClose(f);
    if (n > PRJ_MAX) {
        free(buf);
        return cm_error_set(err, CM_ERR_PARSE, "%s: larger than 64 KiB", path);
    }
    size_t end = strnlen(buf, n);
    while (end > 0 && isspace((unsigned char)buf[end - 1]))
        end--;
    buf[end] = '\0';
    *out = buf;
    return CM_OK;
}

void cm_layer_free(cm_layer *layer)
{
    if (!layer)
        return;
    if (layer->values)
        for (size_t i = 0; i < layer->n_features * layer->n_fields; i++)
            free(layer->values[i]);
    for (size_t i = 0; i < layer->n_fields; i++)
        free(layer->field_names[i]);
    free(layer->values);
    free(layer->field_names);
    free(layer->points);
    free(layer->rings);
    free(layer->features);
    free(layer->prj);
    free(layer->path);
    free(layer);
}

typedef struct builder {
    cm_layer *layer;
    size_t cap_points, cap_rings;
    const char *shp;
} builder;

/* Validate one shapelib object and append its rings to the layer. */
static cm_status add_shape(builder *b, const SHPObject *obj, int index, cm_error *err)
{
    cm_layer *L = b->layer;
    cm_feature *f = &L->features[index];
    f->first_ring = L->n_rings;
    f->n_rings = 0;
    if (obj->nSHPType == SHPT_NULL || obj->nVertices == 0)
        return CM_OK;
    if (obj->nVertices < 0 || obj->nParts < 0 || (obj->nParts > 0 && !obj->panPartStart))
        return cm_error_set(err, CM_ERR_PARSE, "%s: shape %d: negative counts", b->shp,
                            index);
    const int nparts = obj->nParts > 0 ? obj->nParts : 1;
    if (nparts > obj->nVertices)
        return cm_error_set(err, CM_ERR_PARSE, "%s: shape %d: %d parts for %d points",
                            b->shp, index, nparts, obj->nVertices);
    if (!cm__reserve((void **)&L->points, &b->cap_points, L->n_points + (size_t)obj->nVertices,
                 sizeof *L->points) ||
        !cm__reserve((void **)&L->rings, &b->cap_rings, L->n_rings + (size_t)nparts,
                 sizeof *L->rings))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", b->shp);
    for (int p = 0; p < nparts; p++) {
        const int start = obj->nParts > 0 ? obj->panPartStart[p] : 0;
        const int end = p + 1 < nparts ? obj->panPartStart[p + 1] : obj->nVertices;
        if (start < 0 || start >= obj->nVertices || end <= start || end > obj->nVertices ||
            (p == 0 && start != 0))
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s: shape %d: part %d has bad start index %d", b->shp,
                                index, p, start);
        const size_t first = L->n_points;
        for (int v = start; v < end; v++) {
            const double x = obj->padfX[v], y = obj->padfY[v];
            if (!isfinite(x) || !isfinite(y))
                return cm_error_set(err, CM_ERR_PARSE,
                                    "%s: shape %d: vertex %d is not a finite number",
                                    b->shp, index, v);
            L->points[L->n_points++] = (cm_point){x, y};
        }
        if (end - start < 3) { /* a degenerate ring encloses nothing */
            L->n_points = first;
            continue;
        }
        L->rings[L->n_rings++] = (cm_ring){first, (size_t)(end - start)};
        f->n_rings++;
    }
    return CM_OK;
}

static cm_status read_shapes(builder *b, SHPHandle shp, int n, cm_error *err)
{
    for (int i = 0; i < n; i++) {
        hook_message[0] = '\0';
        SHPObject *obj = SHPReadObject(shp, i);
        if (!obj)
            return cm_error_set(err, CM_ERR_PARSE, "%s: shape %d is truncated or corrupt%s%s",
                                b->shp, i, hook_message[0] ? ": " : "", hook_message);
        cm_status st = add_shape(b, obj, i, err);
        SHPDestroyObject(obj);
        if (st != CM_OK)
            return st;
    }
    return CM_OK;
}

/* Latin-1 to UTF-8; caller frees. */
static char *latin1_to_utf8(const char *s)
{
    const size_t n = strlen(s);
    char *out = malloc(2 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) {
            *o++ = (char)*p;
        } else {
            *o++ = (char)(0xC0 | (*p >> 6));
            *o++ = (char)(0x80 | (*p & 0x3F));
        }
    }
    *o = '\0';
    return out;
}

/* Copy a DBF string as UTF-8, trimming trailing blanks. */
static char *dbf_text(const char *raw, int latin1)
{
    if (!raw)
        raw = "";
    char *s = latin1 || !cm__utf8_valid(raw, strlen(raw)) ? latin1_to_utf8(raw) : strdup(raw);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static int cpg_is_latin1(const char *cpg)
{
    if (!cpg)
        return 0;
    static const char *const names[] = {"1252", "CP1252", "WINDOWS-1252", "8859-1",
                                        "ISO-8859-1", "ISO8859-1", "LATIN1", "88591"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(cpg, names[i]) == 0)
            return 1;
    return 0;
}

/* Whether field name is one of fields (NULL-terminated; NULL: all). */
static int wanted(const char *const *fields, const char *name)
{
    if (!fields)
        return 1;
    for (; *fields; fields++)
        if (strcasecmp(*fields, name) == 0)
            return 1;
    return 0;
}

static cm_status read_attributes(cm_layer *L, DBFHandle dbf, const char *dbf_path,
                                 int latin1, const char *const *fields, cm_error *err)
{
    const int nrec = DBFGetRecordCount(dbf);
    const int nfields = DBFGetFieldCount(dbf);
    if (nrec < 0 || (size_t)nrec != L->n_features)
        return cm_error_set(err, CM_ERR_PARSE, "%s: %d records for %zu shapes in the .shp",
                            dbf_path, nrec, L->n_features);
    if (nfields < 0)
        return cm_error_set(err, CM_ERR_PARSE, "%s: bad field count %d", dbf_path, nfields);
    L->n_fields = (size_t)nfields;
    L->field_names = calloc(L->n_fields ? L->n_fields : 1, sizeof *L->field_names);
    L->values = calloc(L->n_features * L->n_fields + 1, sizeof *L->values);
    char *read = calloc(L->n_fields + 1, 1); /* the fields whose values are read */
    if (!L->field_names || !L->values || !read) {
        free(read);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", dbf_path);
    }
    for (int f = 0; f < nfields; f++) {
        char name[12] = {0};
        DBFGetFieldInfo(dbf, f, name, NULL, NULL);
        if (!(L->field_names[f] = dbf_text(name, latin1))) {
            free(read);
            return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", dbf_path);
        }
        read[f] = (char)wanted(fields, L->field_names[f]);
    }
    cm_status st = CM_OK;
    for (int r = 0; r < nrec && st == CM_OK; r++) {
        for (int f = 0; f < nfields && st == CM_OK; f++) {
            if (!read[f])
                continue; /* NULL: cm_layer_value gives "" */
            hook_message[0] = '\0';
            const char *raw = DBFReadStringAttribute(dbf, r, f);
            char *v = NULL;
            if (!raw && hook_message[0])
                st = cm_error_set(err, CM_ERR_PARSE, "%s: record %d: %s", dbf_path, r,
                                  hook_message);
            else if (!(v = dbf_text(raw, latin1)))
                st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", dbf_path);
            L->values[(size_t)r * L->n_fields + (size_t)f] = v;
        }
    }
    free(read);
    return st;
}

static cm_status open_shp(const SAHooks *given, const char *path, SHPHandle *out, int *n,
                          cm_error *err)
{
    SAHooks hooks = quiet_hooks(given);
    char *shx = sibling(path, ".shx");
    if (!shx)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    cm_status st = CM_OK;
    hook_message[0] = '\0';
    if (cm__check_regular(path, err) != CM_OK || cm__check_regular(shx, err) != CM_OK)
        st = CM_ERR_IO; /* a FIFO would hang the reader */
    else if (!file_exists(&hooks, path))
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    else if (!file_exists(&hooks, shx))
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot open: %s", shx, strerror(errno));
    else if (!(*out = SHPOpenLL(path, "rb", &hooks)))
        st = cm_error_set(err, CM_ERR_PARSE, "%s: not a readable shapefile%s%s", path,
                          hook_message[0] ? ": " : "", hook_message);
    free(shx);
    if (st != CM_OK)
        return st;
    int type;
    double lo[4], hi[4];
    SHPGetInfo(*out, n, &type, lo, hi);
    if (type != SHPT_POLYGON && type != SHPT_POLYGONZ && type != SHPT_POLYGONM) {
        SHPClose(*out);
        *out = NULL;
        return cm_error_set(err, CM_ERR_PARSE, "%s: shape type %d is not a polygon type",
                            path, type);
    }
    if (*n < 0) {
        SHPClose(*out);
        *out = NULL;
        return cm_error_set(err, CM_ERR_PARSE, "%s: bad record count %d", path, *n);
    }
    return CM_OK;
}

static cm_status open_dbf(const SAHooks *given, const char *dbf_path, DBFHandle *out,
                          cm_error *err)
{
    SAHooks hooks = quiet_hooks(given);
    hook_message[0] = '\0';
    if (cm__check_regular(dbf_path, err) != CM_OK)
        return CM_ERR_IO;
    if (!file_exists(&hooks, dbf_path))
        return cm_error_set(err, CM_ERR_IO, "%s: cannot open: %s", dbf_path,
                            strerror(errno));
    if (!(*out = DBFOpenLL(dbf_path, "rb", &hooks)))
        return cm_error_set(err, CM_ERR_PARSE, "%s: not a readable dBase file%s%s",
                            dbf_path, hook_message[0] ? ": " : "", hook_message);
    return CM_OK;
}

cm_status cm__layer_load_hooks(const char *path, const SAHooks *hooks,
                               const char *const *fields, cm_layer **out, cm_error *err)
{
    SHPHandle shp = NULL;
    DBFHandle dbf = NULL;
    char *dbf_path = sibling(path, ".dbf"), *prj_path = sibling(path, ".prj");
    char *cpg_path = sibling(path, ".cpg"), *cpg = NULL;
    cm_layer *L = calloc(1, sizeof *L);
    int n = 0;
    cm_status st = CM_OK;
    *out = NULL;
    if (!L || !dbf_path || !prj_path || !cpg_path || !(L->path = strdup(path))) {
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
        goto out;
    }
    if ((st = open_shp(hooks, path, &shp, &n, err)) != CM_OK)
        goto out;
    if ((st = open_dbf(hooks, dbf_path, &dbf, err)) != CM_OK)
        goto out;
    if ((st = read_small(hooks, prj_path, &L->prj, err)) != CM_OK ||
        (st = read_small(hooks, cpg_path, &cpg, err)) != CM_OK)
        goto out;
    L->features = calloc(n ? (size_t)n : 1, sizeof *L->features);
    if (!L->features) {
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
        goto out;
    }
    L->n_features = (size_t)n;
    builder b = {L, 0, 0, path};
    if ((st = read_shapes(&b, shp, n, err)) != CM_OK)
        goto out;
    if ((st = read_attributes(L, dbf, dbf_path, cpg_is_latin1(cpg), fields, err)) != CM_OK)
        goto out;
    cm_layer_update_bbox(L);
    *out = L;
    L = NULL;
out:
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
    cm_layer_free(L);
    free(dbf_path);
    free(prj_path);
    free(cpg_path);
    free(cpg);
    return st;
}

cm_status cm_layer_load(const char *path, cm_layer **out, cm_error *err)
{
    return cm_layer_load_fields(path, NULL, out, err);
}

cm_status cm_layer_load_fields(const char *path, const char *const *fields, cm_layer **out,
                               cm_error *err)
{
    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    return cm__layer_load_hooks(path, &hooks, fields, out, err);
}

void cm_layer_update_bbox(cm_layer *L)
{
    int any = 0;
    for (size_t f = 0; f < L->n_features; f++) {
        cm_feature *feat = &L->features[f];
        cm_bbox b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
        for (size_t r = feat->first_ring; r < feat->first_ring + feat->n_rings; r++) {
            const cm_ring *ring = &L->rings[r];
            for (size_t i = ring->first; i < ring->first + ring->count; i++) {
                const cm_point p = L->points[i];
                b.minx = fmin(b.minx, p.x);
                b.miny = fmin(b.miny, p.y);
                b.maxx = fmax(b.maxx, p.x);
                b.maxy = fmax(b.maxy, p.y);
            }
        }
        if (feat->n_rings == 0) {
            feat->bbox = (cm_bbox){0, 0, 0, 0};
            continue;
        }
        feat->bbox = b;
        if (!any) {
            L->bbox = b;
            any = 1;
        } else {
            L->bbox.minx = fmin(L->bbox.minx, b.minx);
            L->bbox.miny = fmin(L->bbox.miny, b.miny);
            L->bbox.maxx = fmax(L->bbox.maxx, b.maxx);
            L->bbox.maxy = fmax(L->bbox.maxy, b.maxy);
        }
    }
    if (!any)
        L->bbox = (cm_bbox){0, 0, 0, 0};
}

int cm_layer_field_index(const cm_layer *layer, const char *name)
{
    for (size_t i = 0; i < layer->n_fields; i++)
        if (strcasecmp(layer->field_names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *cm_layer_value(const cm_layer *layer, size_t feature, int field)
{
    if (field < 0 || (size_t)field >= layer->n_fields || feature >= layer->n_features)
        return "";
    const char *v = layer->values[feature * layer->n_fields + (size_t)field];
    return v ? v : ""; /* a field not read (cm_layer_load_fields) */
}

int cm_layer_feature_contains(const cm_layer *L, size_t feature, double x, double y)
{
    const cm_feature *f = &L->features[feature];
    if (f->n_rings == 0 || x < f->bbox.minx || x > f->bbox.maxx || y < f->bbox.miny ||
        y > f->bbox.maxy)
        return 0;
    int inside = 0;
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const cm_point *p = L->points + L->rings[r].first;
        const size_t n = L->rings[r].count;
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            if ((p[i].y > y) != (p[j].y > y) &&
                x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
                inside = !inside;
        }
    }
    return inside;
}

long cm_layer_find(const cm_layer *layer, double x, double y)
{
    for (size_t f = 0; f < layer->n_features; f++)
        if (cm_layer_feature_contains(layer, f, x, y))
            return (long)f;
    return -1;
}
