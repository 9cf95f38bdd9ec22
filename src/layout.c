#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "conflictmap/style.h"
#include "text.h"
#include "util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static int boxes_overlap(cm_bbox a, cm_bbox b)
{
    return a.minx < b.maxx && b.minx < a.maxx && a.miny < b.maxy && b.miny < a.maxy;
}

static int box_inside(cm_bbox inner, cm_bbox outer)
{
    return inner.minx >= outer.minx && inner.maxx <= outer.maxx &&
           inner.miny >= outer.miny && inner.maxy <= outer.maxy;
}

/* Fraction of a page box covered by provinces, from a 12 x 12 sample. */
static double coverage(const cm_map *map, cm_bbox box)
{
    int hit = 0;
    for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
            const double px = box.minx + (i + 0.5) * (box.maxx - box.minx) / 12;
            const double py = box.miny + (j + 0.5) * (box.maxy - box.miny) / 12;
            const double x = (px - map->ox) / map->scale, y = (map->oy - py) / map->scale;
            hit += cm_layer_find(map->provinces, x, y) >= 0;
        }
    }
    return hit / 144.0;
}

/* The box of size w x h in corner k (0 bottom-right, 1 bottom-left,
 * 2 top-left, 3 top-right) of the frame, inset by 8u. */
static cm_bbox corner_box(const cm_map *map, int k, double w, double h)
{
    const double in = 8 * map->u;
    const cm_bbox f = map->frame;
    const double x = (k == 0 || k == 3) ? f.maxx - in - w : f.minx + in;
    const double y = (k == 0 || k == 1) ? f.maxy - in - h : f.miny + in;
    return (cm_bbox){x, y, x + w, y + h};
}

/* The emptiest free corner for a w x h box; marks it used. */
static cm_bbox best_corner(const cm_map *map, double w, double h, int used[4])
{
    int best = -1;
    double best_cov = 2;
    for (int k = 0; k < 4; k++) {
        if (used[k])
            continue;
        const double c = coverage(map, corner_box(map, k, w, h));
        if (c < best_cov - 1e-9) {
            best_cov = c;
            best = k;
        }
    }
    used[best] = 1;
    return corner_box(map, best, w, h);
}

/* Ground metres per page point at the frame centre, measured over 50 km. */
static double metres_per_point(const cm_map *map)
{
    const cm_point c = {(map->frame.minx + map->frame.maxx) / 2,
                        (map->frame.miny + map->frame.maxy) / 2};
    cm_point ll[2] = {{(c.x - map->ox) / map->scale, (map->oy - c.y) / map->scale}};
    if (cm_projection_inverse(map->projection, ll, 1, NULL) != CM_OK)
        return 1.0 / map->scale;
    const double R = 6371008.8, rad = M_PI / 180;
    const double dlon = 50000.0 / (R * cos(ll[0].y * rad)) / rad;
    ll[1] = (cm_point){ll[0].x + dlon, ll[0].y};
    cm_point xy[2] = {ll[0], ll[1]};
    if (cm_projection_forward(map->projection, xy, 2, NULL) != CM_OK)
        return 1.0 / map->scale;
    const double ground = R * cos(ll[0].y * rad) * dlon * rad; /* 50 km by construction */
    const double proj = hypot(xy[1].x - xy[0].x, xy[1].y - xy[0].y);
    return ground / (proj * map->scale);
}

static void choose_scale_bar(cm_map *map, double max_pt)
{
    const double mpp = metres_per_point(map);
    const double max_km = max_pt * mpp / 1000.0;
    double nice = 1;
    for (double p = 1; p < 1e5; p *= 10) {
        const double steps[] = {1, 2, 5};
        for (int i = 0; i < 3; i++)
            if (steps[i] * p <= max_km)
                nice = steps[i] * p;
    }
    map->scale_bar_km = nice;
    map->scale_bar_pt = nice * 1000.0 / mpp;
}

static void choose_north(cm_map *map, int used[4])
{
    const double u = map->u;
    map->north = best_corner(map, 22 * u, 34 * u, used);
    const cm_point c = {(map->north.minx + map->north.maxx) / 2,
                        (map->north.miny + map->north.maxy) / 2};
    cm_point ll = {(c.x - map->ox) / map->scale, (map->oy - c.y) / map->scale};
    map->north_angle = 0;
    if (cm_projection_inverse(map->projection, &ll, 1, NULL) != CM_OK)
        return;
    cm_point up = {ll.x, fmin(ll.y + 0.25, 89.9)};
    if (cm_projection_forward(map->projection, &up, 1, NULL) != CM_OK)
        return;
    const cm_point q = cm_map_to_page(map, up);
    map->north_angle = atan2(q.x - c.x, c.y - q.y);
}

static cm_status place_legend(cm_map *map, cairo_t *cr, int used[4])
{
    const double u = map->u, fs = map->style.legend_size * u;
    const char *family = map->style.font_family;
    double wmax = 0, w, h;
    char buf[160];
    const cm_sides *sides = &map->sides;
    for (int lang = 0; lang < 2; lang++) {
        for (int k = 0; k < sides->count + 3; k++) {
            const int cat = k < sides->count ? k : CM_CAT_ATTACKED + (k - sides->count);
            snprintf(buf, sizeof buf, "%s (%zu)", cm_sides_label(sides, cat, lang),
                     map->n_capitals);
            cm__text_measure(cr, family, CM__FONT_REGULAR, fs, buf, &w, &h);
            wmax = fmax(wmax, w + 26 * u);
        }
        cm_counts all = {{0}, (int)map->n_capitals};
        all.n[sides->incumbent] = (int)map->n_capitals;
        cm_sides_holds(sides, &all, lang, buf, sizeof buf);
        cm__text_measure(cr, family, CM__FONT_BOLD, fs, buf, &w, &h);
        wmax = fmax(wmax, w);
        cm__text_measure(cr, family, CM__FONT_BOLD, fs, map->unit[lang], &w, &h);
        wmax = fmax(wmax, w);
    }
    const double width = wmax + 2 * CM__LEGEND_PAD * u;
    const double height = CM__LEGEND_ROWS(sides->count) * CM__LEGEND_ROW * u *
                              fmax(1.0, map->style.legend_size / 8.0) +
                          2 * CM__LEGEND_PAD * u + 4 * u;
    map->legend = best_corner(map, width, height, used);
    choose_scale_bar(map, width - 2 * CM__LEGEND_PAD * u - 30 * u);
    return CM_OK;
}

/* Label candidates around a marker, best first: right, left, above,
 * below, then the diagonals (cartographic convention). */
static cm_bbox candidate(cm_point c, double r, double w, double h, int k)
{
    static const double dx[8] = {1, -1, 0, 0, 1, -1, 1, -1};
    static const double dy[8] = {0, 0, -1, 1, -1, -1, 1, 1};
    double x = c.x + dx[k] * (r + 1.5) - (dx[k] < 0 ? w : dx[k] == 0 ? w / 2 : 0);
    double y = c.y + dy[k] * (r + 0.5) - (dy[k] < 0 ? h : dy[k] == 0 ? h / 2 : 0);
    return (cm_bbox){x, y, x + w, y + h};
}

typedef struct obstacles {
    cm_bbox *boxes;
    size_t n;
} obstacles;

static int collides(const obstacles *o, cm_bbox b)
{
    for (size_t i = 0; i < o->n; i++)
        if (boxes_overlap(o->boxes[i], b))
            return 1;
    return 0;
}

static int capital_rank(const cm_capital *c)
{
    return c->place->kind == CM_KIND_NATIONAL_CAPITAL ? 0 : 1;
}

static int cmp_capital(const void *a, const void *b)
{
    const cm_capital *x = *(cm_capital *const *)a, *y = *(cm_capital *const *)b;
    const int r = capital_rank(x) - capital_rank(y);
    return r ? r : strcmp(x->place->id, y->place->id);
}

/* Greedy placement: markers, legend and north arrow are obstacles; each
 * label takes the first free candidate inside the frame.  Label boxes are
 * measured for the longer of the English and French names, so one
 * placement serves both languages. */
static cm_status place_labels(cm_map *map, cairo_t *cr, cm_error *err)
{
    const double u = map->u, r = CM__MARKER_R * u, halo = CM__HALO * u / 2;
    obstacles o = {malloc((2 * map->n_capitals + 2) * sizeof(cm_bbox)), 0};
    cm_capital **order = malloc((map->n_capitals + 1) * sizeof *order);
    if (!o.boxes || !order) {
        free(o.boxes);
        free(order);
        return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
    }
    o.boxes[o.n++] = map->legend;
    o.boxes[o.n++] = map->north;
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_point c = map->capitals[i].page;
        o.boxes[o.n++] = (cm_bbox){c.x - r, c.y - r, c.x + r, c.y + r};
        order[i] = &map->capitals[i];
    }
    qsort(order, map->n_capitals, sizeof *order, cmp_capital);
    for (size_t i = 0; i < map->n_capitals; i++) {
        cm_capital *cap = order[i];
        double w0, h0, w1, h1;
        cm__text_measure(cr, map->style.font_family, CM__FONT_REGULAR, map->style.label_size * u,
                         cap->place->name, &w0, &h0);
        cm__text_measure(cr, map->style.font_family, CM__FONT_REGULAR, map->style.label_size * u,
                         cap->place->name_fr, &w1,
                         &h1);
        const double w = fmax(w0, w1) + 2 * halo, h = fmax(h0, h1);
        for (int k = 0; k < 8 && !cap->labelled; k++) {
            const cm_bbox b = candidate(cap->page, r, w, h, k);
            if (box_inside(b, map->frame) && !collides(&o, b)) {
                cap->labelled = 1;
                cap->label_box = b;
                o.boxes[o.n++] = b;
            }
        }
    }
    free(o.boxes);
    free(order);
    return CM_OK;
}

/* Upper-case a UTF-8 string with utf8proc; caller frees. */
static char *upper(const char *s)
{
    const size_t n = strlen(s);
    char *out = malloc(4 * n + 1), *o = out;
    if (!out)
        return NULL;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0)
            break;
        o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
        p += k;
        left -= k;
    }
    *o = '\0';
    return out;
}

/* Distance from p to the nearest edge of feature f (map units). */
static double edge_distance(const cm_layer *L, size_t f, cm_point p)
{
    double best = INFINITY;
    const cm_feature *ft = &L->features[f];
    for (size_t r = ft->first_ring; r < ft->first_ring + ft->n_rings; r++) {
        const cm_ring *ring = &L->rings[r];
        for (size_t i = 0; i + 1 < ring->count; i++) {
            const cm_point a = L->points[ring->first + i], b = L->points[ring->first + i + 1];
            const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            best = fmin(best, hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
        }
    }
    return best;
}

/* Where to write a neighbour's name: its label_lon/label_lat fields when
 * present; else the point of its visible part farthest from its edges and
 * from the frame's (a pole of inaccessibility, on a grid), if it leaves
 * room for a line of text.  0 when off the map. */
static int country_anchor(const cm_map *map, size_t f, cm_point *out)
{
    const cm_layer *L = map->neighbours;
    const int fx = cm_layer_field_index(L, "label_lon"), fy = cm_layer_field_index(L, "label_lat");
    const char *sx = cm_layer_value(L, f, fx), *sy = cm_layer_value(L, f, fy);
    if (sx[0] && sy[0]) {
        cm_point p;
        if (cm__parse_double(sx, -360, 360, &p.x) && cm__parse_double(sy, -90, 90, &p.y) &&
            cm_projection_forward(map->projection, &p, 1, NULL) == CM_OK) {
            *out = cm_map_to_page(map, p);
            return 1;
        }
    }
    const cm_bbox fb = L->features[f].bbox;
    const cm_point lo = {(map->frame.minx - map->ox) / map->scale,
                         (map->oy - map->frame.maxy) / map->scale};
    const cm_point hi = {(map->frame.maxx - map->ox) / map->scale,
                         (map->oy - map->frame.miny) / map->scale};
    const cm_bbox v = {fmax(fb.minx, lo.x), fmax(fb.miny, lo.y), fmin(fb.maxx, hi.x),
                       fmin(fb.maxy, hi.y)};
    if (v.minx >= v.maxx || v.miny >= v.maxy)
        return 0;
    enum { GRID = 24 };
    double best = 0;
    cm_point at = {0, 0};
    for (int i = 0; i < GRID; i++)
        for (int j = 0; j < GRID; j++) {
            const cm_point p = {v.minx + (i + 0.5) * (v.maxx - v.minx) / GRID,
                                v.miny + (j + 0.5) * (v.maxy - v.miny) / GRID};
            if (!cm_layer_feature_contains(L, f, p.x, p.y))
                continue;
            const cm_point pg = cm_map_to_page(map, p); /* clear of legend and arrow */
            const cm_bbox near = {pg.x - 40 * map->u, pg.y - 8 * map->u, pg.x + 40 * map->u,
                                  pg.y + 8 * map->u};
            if (boxes_overlap(near, map->legend) || boxes_overlap(near, map->north))
                continue;
            const double frame = fmin(fmin(p.x - lo.x, hi.x - p.x), fmin(p.y - lo.y, hi.y - p.y));
            const double d = fmin(edge_distance(L, f, p), frame);
            if (d > best)
                best = d, at = p;
        }
    /* Room for the text's height around the point, at least. */
    if (best * map->scale < map->style.country_size * map->u)
        return 0;
    *out = cm_map_to_page(map, at);
    return 1;
}

static cm_status place_countries(cm_map *map, cairo_t *cr, cm_error *err)
{
    const cm_layer *L = map->neighbours;
    if (!L)
        return CM_OK;
    const int fields[2] = {cm_layer_field_index(L, "name"), cm_layer_field_index(L, "name_fr")};
    for (int lang = 0; lang < 2; lang++) {
        map->country_labels[lang] = calloc(L->n_features + 1, sizeof(cm_country_label));
        if (!map->country_labels[lang])
            return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
        for (size_t f = 0; f < L->n_features; f++) {
            const char *name = cm_layer_value(L, f, fields[lang]);
            if (!name[0])
                name = cm_layer_value(L, f, fields[0]);
            cm_point p;
            if (!name[0] || L->features[f].n_rings == 0 || !country_anchor(map, f, &p))
                continue;
            char *text = upper(name);
            if (!text)
                return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
            double w, h;
            cm__text_measure(cr, map->style.font_family, CM__FONT_ITALIC, map->style.country_size * map->u, text, &w, &h);
            const cm_bbox b = {p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2};
            if (!box_inside(b, map->frame) || boxes_overlap(b, map->legend) ||
                boxes_overlap(b, map->north)) {
                free(text);
                continue;
            }
            map->country_labels[lang][map->n_country_labels[lang]++] =
                (cm_country_label){text, p};
        }
    }
    return CM_OK;
}

/* A context measuring at the drawing's scale: the same metrics, and the
 * same fonts from Pango's cache as the drawing then uses. */
static cairo_t *measuring_context(const cm_map *map)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_surface_destroy(s); /* cr keeps it */
    cairo_scale(cr, map->opts.dpi / 72.0, map->opts.dpi / 72.0);
    return cr;
}

cm_status cm__layout_map(cm_map *map, cm_error *err)
{
    cairo_t *cr = measuring_context(map);
    int used[4] = {0, 0, 0, 0};
    cm_status st = place_legend(map, cr, used);
    if (st == CM_OK) {
        choose_north(map, used);
        st = place_labels(map, cr, err);
    }
    if (st == CM_OK)
        st = place_countries(map, cr, err);
    cairo_destroy(cr);
    return st;
}
