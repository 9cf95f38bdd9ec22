#include "conflictmap/projection.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <proj.h>

#include "projection_ctx.h"
#include "util.h"

/* A PROJ context (its database connection and caches) shared by the
 * projections made in it; freed with the last of them. */
struct cm__proj_ctx {
    PJ_CONTEXT *ctx;
    int refs;
    struct parsed {
        char *text;
        PJ *crs;
    } *parsed; /* CRSs parsed in ctx, by their text: a .prj is read once */
    size_t n_parsed, cap_parsed;
};

struct cm_projection {
    cm__proj_ctx *shared;
    PJ_CONTEXT *ctx; /* shared->ctx */
    PJ *pj;
    char *target;
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

cm__proj_ctx *cm__proj_ctx_new(void)
{
    cm__proj_ctx *c = calloc(1, sizeof *c);
    if (c && !(c->ctx = proj_context_create())) {
        free(c);
        return NULL;
    }
    if (c) {
        proj_log_func(c->ctx, NULL, quiet_log);
        c->refs = 1;
    }
    return c;
}

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
    free(c);
}

void cm_projection_auto_conic(const cm_bbox *g, char *buf, size_t size)
{
    const double span = g->maxy - g->miny;
    const double lat1 = g->miny + span / 6.0, lat2 = g->maxy - span / 6.0;
    const double lat0 = (g->miny + g->maxy) / 2.0, lon0 = (g->minx + g->maxx) / 2.0;
    snprintf(buf, size,
             "+proj=lcc +lat_1=%.4f +lat_2=%.4f +lat_0=%.4f +lon_0=%.4f "
             "+datum=WGS84 +units=m +no_defs +type=crs",
             lat1, lat2, lat0, lon0);
}

/* A CRS from user text, parsed once per context (c keeps it); describes
 * the failure with what was given. */
static PJ *make_crs(cm__proj_ctx *c, const char *text, const char *what, cm_error *err)
{
    for (size_t i = 0; i < c->n_parsed; i++)
        if (strcmp(c->parsed[i].text, text) == 0)
            return c->parsed[i].crs;
    PJ *crs = proj_create(c->ctx, text);
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
    cm__proj_ctx *c = cm__proj_ctx_new();
    if (!c) {
        *out = NULL;
        return cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
    }
    const cm_status st = cm__projection_create_in(c, src, dst, geo_extent, out, err);
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
    const char *def = proj_as_proj_string(p->ctx, p->pj, PJ_PROJ_5, NULL);
    cm__proj_ctx *c = def ? cm__proj_ctx_new() : NULL;
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
    cm__proj_ctx *c = cm__proj_ctx_new();
    if (!c)
        return cm_error_set(err, CM_ERR_NOMEM, "projection: out of memory");
    const cm_status st = cm__projection_geo_extent_in(c, src, bbox, out, err);
    cm__proj_ctx_release(c);
    return st;
}

cm_status cm__projection_geo_extent_in(cm__proj_ctx *c, const char *src, const cm_bbox *bbox,
                                       cm_bbox *out, cm_error *err)
{
    PJ_CONTEXT *ctx = c->ctx;
    cm_status st = CM_OK;
    PJ *s = NULL, *wgs84 = NULL, *raw = NULL, *pj = NULL;
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
