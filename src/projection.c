#include "conflictmap/projection.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "proj_api.h"
#include "projection_ctx.h"
#include "util.h"

/* A PROJ context (its database connection and caches) shared by the
 * projections made in it; freed with the last of them. */
struct cm__proj_ctx {
    PJ_CONTEXT *ctx;
    PJ_CONTEXT *bare; /* finds no data files: for direct pipelines; made when needed */
    int refs;
    int no_direct; /* 1: always ask PROJ's database (tests compare the two) */
    struct parsed {
        char *text;
        PJ *crs;
    } *parsed; /* CRSs parsed in ctx, by their text: a .prj is read once */
    size_t n_parsed, cap_parsed;
};

struct cm_projection {
    cm__proj_ctx *shared;
    PJ_CONTEXT *ctx; /* shared->ctx, or shared->bare when direct */
    PJ *pj;
    char *target;
    int direct; /* pj was built from the target's PROJ string alone */
};

/* PROJ would log to stderr; the library never prints. */
static void quiet_log(void *data, int level, const char *msg)
{
    (void)data;
    (void)level;
    (void)msg;
}

static cm_status transform(const cm_projection *p, PJ_DIRECTION dir, cm_point *pts,
                           size_t n, cm_error *err);

cm_status cm__proj_ctx_new(cm__proj_ctx **out, cm_error *err)
{
    *out = NULL;
    const cm_status st = cm__proj_api_load(err);
    if (st != CM_OK)
        return st;
    cm__proj_ctx *c = calloc(1, sizeof *c);
    if (!c || !(c->ctx = proj_context_create())) {
        free(c);
        return cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
    }
    proj_log_func(c->ctx, NULL, quiet_log);
    c->refs = 1;
    *out = c;
    return CM_OK;
}

void cm_projection_preload(void) { cm__proj_api_preload(); }

void cm__proj_ctx_release(cm__proj_ctx *c)
{
    if (!c || --c->refs > 0)
        return;
    for (size_t i = 0; i < c->n_parsed; i++) {
        proj_destroy(c->parsed[i].crs);
        free(c->parsed[i].text);
    }
    free(c->parsed);
    proj_context_destroy(c->ctx);
    if (c->bare)
        proj_context_destroy(c->bare);
    free(c);
}

void cm_projection_auto_conic(const cm_bbox *g, char *buf, size_t size)
{
    const double span = g->maxy - g->miny;
    const double lat1 = g->miny + span / 6.0, lat2 = g->maxy - span / 6.0;
    const double lat0 = (g->miny + g->maxy) / 2.0, lon0 = (g->minx + g->maxx) / 2.0;
    cm__format_c(buf, size,
             "+proj=lcc +lat_1=%.4f +lat_2=%.4f +lat_0=%.4f +lon_0=%.4f "
             "+datum=WGS84 +units=m +no_defs +type=crs",
             lat1, lat2, lat0, lon0);
}

void cm__proj_ctx_no_direct(cm__proj_ctx *c) { c->no_direct = 1; }

/* The byte after the first "key[" of wkt (ASCII case ignored), or NULL. */
static const char *wkt_node(const char *wkt, const char *key)
{
    const size_t n = strlen(key);
    for (const char *s = wkt; *s; s++)
        if (strncasecmp(s, key, n) == 0 && s[n] == '[')
            return s + n + 1;
    return NULL;
}

/* The nth number (from 1) after the quoted name of node key, or NAN. */
static double wkt_number(const char *wkt, const char *key, int nth)
{
    const char *s = wkt_node(wkt, key);
    if (!s || *s != '"' || !(s = strchr(s + 1, '"')))
        return NAN;
    s++;
    for (int i = 0; i < nth; i++) {
        s += strspn(s, " \t\r\n");
        if (*s != ',')
            return NAN;
        char *end;
        const double v = cm__strtod_c(s + 1, &end);
        if (end == s + 1)
            return NAN;
        if (i + 1 == nth)
            return v;
        s = end;
    }
    return NAN;
}

/* 1 if the datum's quoted name says WGS 84 (WGS_1984, D_WGS_1984, WGS 84,
 * World Geodetic System 1984). */
static int wgs84_datum_name(const char *wkt)
{
    const char *s = wkt_node(wkt, "DATUM");
    const char *e = s && *s == '"' ? strchr(s + 1, '"') : NULL;
    if (!e)
        return 0;
    char name[64];
    size_t k = 0;
    for (s++; s < e && k + 1 < sizeof name; s++)
        if (*s != ' ' && *s != '_')
            name[k++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
    name[k] = '\0';
    const char *tail = strncmp(name, "DWGS", 4) == 0 ? name + 1 : name; /* ESRI's D_ */
    return !strcmp(tail, "WGS1984") || !strcmp(tail, "WGS84") ||
           !strcmp(tail, "WORLDGEODETICSYSTEM1984");
}

/* 1 if src is plain WGS 84 longitude/latitude in degrees: NULL, EPSG:4326,
 * or WKT of a lone GEOGCS (what most .prj files hold) on the WGS 84 datum
 * and ellipsoid, Greenwich and degrees, with no datum shift.  Such data
 * goes into a WGS 84 projection without a database lookup. */
static int plain_wgs84_lonlat(const char *src)
{
    if (!src || strcasecmp(src, "EPSG:4326") == 0)
        return 1;
    src += strspn(src, " \t\r\n\xef\xbb\xbf");
    if (strncasecmp(src, "GEOGCS[", 7) != 0 || wkt_node(src, "TOWGS84") ||
        wkt_node(src, "PROJCS") || !wgs84_datum_name(src))
        return 0;
    const double rad = 3.14159265358979323846 / 180;
    return wkt_number(src, "SPHEROID", 1) == 6378137.0 &&
           fabs(wkt_number(src, "SPHEROID", 2) - 298.257223563) < 1e-9 &&
           wkt_number(src, "PRIMEM", 1) == 0.0 &&
           fabs(wkt_number(src, "UNIT", 1) - rad) < 1e-15;
}

/* Words of a PROJ string that a direct pipeline cannot carry: other
 * datums or grids, axis swaps, non-projected targets. */
static const char *const not_direct[] = {
    "+towgs84", "+nadgrids", "+geoidgrids", "+pm=", "+axis", "+init", "+vunits",
    "+proj=longlat", "+proj=latlong", "+proj=lonlat", "+proj=latlon", "+proj=geocent",
    "+proj=cart", "+proj=pipeline", "+step", "+inv", "+geoc", "+lon_wrap", "+over",
};

/* The pipeline taking lon/lat degrees into target dst when dst is a PROJ
 * string of a projection on the WGS 84 datum (or the WGS 84 ellipsoid and
 * no other datum): what PROJ's database would choose, written as a
 * pipeline (0 when dst is not such a string or does not fit in buf). */
static int direct_pipeline(const char *dst, char *buf, size_t size)
{
    const char *datum = strstr(dst, "+datum=");
    if (strncmp(dst, "+proj=", 6) != 0 || (datum && strncmp(datum, "+datum=WGS84", 12) != 0) ||
        (!datum && !strstr(dst, "+ellps=WGS84")))
        return 0;
    for (size_t i = 0; i < sizeof not_direct / sizeof not_direct[0]; i++)
        if (strstr(dst, not_direct[i]))
            return 0;
    int k = snprintf(buf, size, "+proj=pipeline +step +proj=unitconvert +xy_in=deg "
                                "+xy_out=rad +step");
    for (const char *s = dst; *s && k > 0 && (size_t)k < size;) {
        s += strspn(s, " \t");
        const size_t n = strcspn(s, " \t");
        if (n && strncmp(s, "+type=", 6) != 0 && !(n == 8 && strncmp(s, "+no_defs", 8) == 0))
            k += snprintf(buf + k, size - (size_t)k, " %.*s", (int)n, s);
        s += n;
    }
    return k > 0 && (size_t)k < size;
}

/* c's context for direct pipelines, or NULL when out of memory.  PROJ
 * opens its database for any object it makes, even a pipeline that needs
 * nothing from it (parsing the database's schema costs more than all the
 * rest of making a map's projection, and closing it again at exit); a
 * context whose only search path holds no data files makes the same
 * pipeline without it. */
static PJ_CONTEXT *bare_context(cm__proj_ctx *c)
{
    static const char *const nowhere[] = {"/nonexistent"};
    if (!c->bare && (c->bare = proj_context_create())) {
        proj_log_func(c->bare, NULL, quiet_log);
        proj_context_set_search_paths(c->bare, 1, nowhere);
    }
    return c->bare;
}

/* The projection from plain lon/lat to dst without PROJ's database (made
 * in c->bare), or NULL when the direct path does not apply. */
static PJ *direct_projection(cm__proj_ctx *c, const char *src, const char *dst)
{
    char def[1024];
    if (c->no_direct || !plain_wgs84_lonlat(src) || !direct_pipeline(dst, def, sizeof def) ||
        !bare_context(c))
        return NULL;
    PJ *pj = proj_create(c->bare, def);
    if (pj && proj_is_crs(pj)) {
        proj_destroy(pj);
        pj = NULL;
    }
    return pj;
}

/* A CRS from user text, parsed once per context (c keeps it); describes
 * the failure with what was given. */
static PJ *make_crs(cm__proj_ctx *c, const char *text, const char *what, cm_error *err)
{
    for (size_t i = 0; i < c->n_parsed; i++)
        if (strcmp(c->parsed[i].text, text) == 0)
            return c->parsed[i].crs;
    PJ *crs = proj_create(c->ctx, text);
    if (crs && !proj_is_crs(crs) && text[0] == '+' && !strstr(text, "+type=")) {
        /* "+proj=utm +zone=42 ..." means the CRS, as it does to GDAL */
        char def[1024];
        proj_destroy(crs);
        crs = (size_t)snprintf(def, sizeof def, "%s +type=crs", text) < sizeof def
                  ? proj_create(c->ctx, def)
                  : NULL;
    }
    if (!crs || !proj_is_crs(crs)) {
        const int e = proj_context_errno(c->ctx);
        cm_error_set(err, CM_ERR_CRS, "unknown %s CRS '%.80s'%s%s", what, text,
                     e ? ": " : "", e ? proj_context_errno_string(c->ctx, e) : "");
        if (crs)
            proj_destroy(crs);
        return NULL;
    }
    char *copy = strdup(text);
    if (!copy || !cm__reserve((void **)&c->parsed, &c->cap_parsed, c->n_parsed + 1,
                              sizeof *c->parsed)) {
        free(copy);
        proj_destroy(crs);
        cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
        return NULL;
    }
    c->parsed[c->n_parsed++] = (struct parsed){copy, crs};
    return crs;
}

cm_status cm_projection_create(const char *src, const char *dst,
                               const cm_bbox *geo_extent, cm_projection **out,
                               cm_error *err)
{
    cm__proj_ctx *c;
    *out = NULL;
    cm_status st = cm__proj_ctx_new(&c, err);
    if (st != CM_OK)
        return st;
    st = cm__projection_create_in(c, src, dst, geo_extent, out, err);
    cm__proj_ctx_release(c);
    return st;
}

cm_status cm__projection_create_in(cm__proj_ctx *c, const char *src, const char *dst,
                                   const cm_bbox *geo_extent, cm_projection **out,
                                   cm_error *err)
{
    char autodef[256];
    PJ *s = NULL, *d = NULL, *raw = NULL;
    cm_status st = CM_OK;
    cm_projection *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p) {
        st = cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
        goto out;
    }
    p->shared = c;
    p->ctx = c->ctx;
    c->refs++;
    if (!dst) {
        if (!geo_extent) {
            st = cm_error_set(err, CM_ERR_CRS, "projection: no target CRS and no extent");
            goto out;
        }
        cm_projection_auto_conic(geo_extent, autodef, sizeof autodef);
        dst = autodef;
    }
    if (!(p->target = strdup(dst))) {
        st = cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
        goto out;
    }
    if ((p->pj = direct_projection(c, src, dst))) {
        p->direct = 1;
        p->ctx = c->bare;
        *out = p;
        p = NULL;
        goto out;
    }
    if (!(s = make_crs(c, src ? src : "EPSG:4326", "source", err)) ||
        !(d = make_crs(c, dst, "target", err))) {
        st = err ? err->status : CM_ERR_CRS;
        goto out;
    }
    raw = proj_create_crs_to_crs_from_pj(p->ctx, s, d, NULL, NULL);
    if (raw)
        p->pj = proj_normalize_for_visualization(p->ctx, raw);
    if (!p->pj) {
        st = cm_error_set(err, CM_ERR_CRS, "no transformation from '%.60s' to '%.60s'",
                          src ? src : "EPSG:4326", dst);
        goto out;
    }
    *out = p;
    p = NULL;
out:
    if (raw)
        proj_destroy(raw);
    cm_projection_free(p);
    return st;
}

cm_projection *cm__projection_detach(const cm_projection *p)
{
    if (p->direct)
        return NULL; /* already holds no database */
    const char *def = proj_as_proj_string(p->ctx, p->pj, PJ_PROJ_5, NULL);
    cm__proj_ctx *c = NULL;
    if (def)
        (void)cm__proj_ctx_new(&c, NULL);
    cm_projection *q = c ? calloc(1, sizeof *q) : NULL;
    if (!q) {
        cm__proj_ctx_release(c);
        return NULL;
    }
    q->shared = c;
    q->ctx = c->ctx;
    q->target = strdup(p->target);
    q->pj = q->target ? proj_create(c->ctx, def) : NULL;
    /* The same transformation or none: check a few points of the world. */
    static const cm_point probes[] = {{0, 0}, {30, 30}, {60, 35}, {-70, -20}, {120, 50}};
    int same = q->pj != NULL;
    for (size_t i = 0; same && i < sizeof probes / sizeof probes[0]; i++) {
        cm_point a = probes[i], b = probes[i];
        const int ok_a = transform(p, PJ_FWD, &a, 1, NULL) == CM_OK;
        const int ok_b = transform(q, PJ_FWD, &b, 1, NULL) == CM_OK;
        same = ok_a == ok_b && (!ok_a || (fabs(a.x - b.x) < 1e-6 && fabs(a.y - b.y) < 1e-6));
    }
    if (!same) {
        cm_projection_free(q);
        return NULL;
    }
    return q;
}

void cm_projection_free(cm_projection *p)
{
    if (!p)
        return;
    if (p->pj)
        proj_destroy(p->pj);
    cm__proj_ctx_release(p->shared);
    free(p->target);
    free(p);
}

const char *cm_projection_target(const cm_projection *p) { return p->target; }

int cm__projection_is_direct(const cm_projection *p) { return p->direct; }

static cm_status transform(const cm_projection *p, PJ_DIRECTION dir, cm_point *pts,
                           size_t n, cm_error *err)
{
    if (n == 0)
        return CM_OK;
    proj_trans_generic(p->pj, dir, &pts[0].x, sizeof *pts, n, &pts[0].y, sizeof *pts, n,
                       NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(pts[i].x) || !isfinite(pts[i].y) || fabs(pts[i].x) > 1e12 ||
            fabs(pts[i].y) > 1e12)
            return cm_error_set(err, CM_ERR_CRS,
                                "point %zu cannot be projected into '%.80s'", i,
                                p->target);
    return CM_OK;
}

cm_status cm_projection_forward(const cm_projection *p, cm_point *pts, size_t n,
                                cm_error *err)
{
    return transform(p, PJ_FWD, pts, n, err);
}

cm_status cm_projection_inverse(const cm_projection *p, cm_point *pts, size_t n,
                                cm_error *err)
{
    return transform(p, PJ_INV, pts, n, err);
}

cm_status cm_projection_apply(const cm_projection *p, cm_layer *layer, cm_error *err)
{
    cm_error e;
    if (transform(p, PJ_FWD, layer->points, layer->n_points, &e) != CM_OK)
        return cm_error_set(err, CM_ERR_CRS, "%s: %s", layer->path, e.message);
    cm_layer_update_bbox(layer);
    return CM_OK;
}

cm_status cm_projection_geo_extent(const char *src, const cm_bbox *bbox, cm_bbox *out,
                                   cm_error *err)
{
    cm__proj_ctx *c;
    cm_status st = cm__proj_ctx_new(&c, err);
    if (st != CM_OK)
        return st;
    st = cm__projection_geo_extent_in(c, src, bbox, out, err);
    cm__proj_ctx_release(c);
    return st;
}

cm_status cm__projection_geo_extent_in(cm__proj_ctx *c, const char *src, const cm_bbox *bbox,
                                       cm_bbox *out, cm_error *err)
{
    PJ_CONTEXT *ctx = c->ctx;
    cm_status st = CM_OK;
    PJ *s = NULL, *wgs84 = NULL, *raw = NULL, *pj = NULL;
    if (!c->no_direct && plain_wgs84_lonlat(src)) {
        *out = *bbox;
        goto out;
    }
    if (!(s = make_crs(c, src ? src : "EPSG:4326", "source", err))) {
        st = err ? err->status : CM_ERR_CRS;
        goto out;
    }
    const PJ_TYPE t = proj_get_type(s);
    if (t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS) {
        *out = *bbox;
        goto out;
    }
    if ((wgs84 = make_crs(c, "EPSG:4326", "lon/lat", err)))
        raw = proj_create_crs_to_crs_from_pj(ctx, s, wgs84, NULL, NULL);
    pj = raw ? proj_normalize_for_visualization(ctx, raw) : NULL;
    if (!pj || !proj_trans_bounds(ctx, pj, PJ_FWD, bbox->minx, bbox->miny, bbox->maxx,
                                  bbox->maxy, &out->minx, &out->miny, &out->maxx,
                                  &out->maxy, 21))
        st = cm_error_set(err, CM_ERR_CRS, "cannot find the lon/lat extent of '%.80s'",
                          src);
out:
    if (pj)
        proj_destroy(pj);
    if (raw)
        proj_destroy(raw);
    return st;
}
