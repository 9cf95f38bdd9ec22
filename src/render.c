#include "conflictmap/render.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/style.h"
#include "layout.h"
#include "lines.h"
#include "paint.h"
#include "render_rows.h"
#include "ring.h"
#include "text.h"
#include "util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define INK 0.17, 0.17, 0.17
#define HEX(h) ((h) >> 16 & 0xFF) / 255.0, ((h) >> 8 & 0xFF) / 255.0, ((h)&0xFF) / 255.0

static void set_rgb(cairo_t *cr, cm_rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void cm_render_states(const cm_map *map, const cm_timeline *tl, cm_date date,
                      cm_hold *states, cm_counts *counts)
{
    cm_counts c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < map->n_capitals; i++) {
        cm_hold h = {map->sides.incumbent, CM_STATE_GOVERNMENT, -1};
        if (tl)
            h = cm_timeline_hold(tl, map->capitals[i].place->id, date, NULL);
        if (h.holder >= map->sides.count) /* sides the map does not know */
            h.holder = CM_NO_DATA;
        if (h.by >= map->sides.count)
            h.by = -1;
        if (states)
            states[i] = h;
        c.n[cm_hold_category(h)]++;
        c.total++;
    }
    if (counts)
        *counts = c;
}

/* What one drawing pass needs.  Only what comes near the page box view
 * (already widened by the reach of strokes and halos) is drawn; an
 * unbounded pass draws everything.  The map's geometry is cut to geo: the
 * view within the map frame, whose clip hides the rest. */
typedef struct draw_ctx {
    cairo_t *cr;
    const cm_map *map;
    const cm_hold *states;
    const cm_counts *counts;
    cm_date date;
    cm_lang lang;
    cm_bbox view;
    cm__text_cache *texts; /* may be NULL */
    cm_bbox geo;           /* page box of the map geometry to draw */
} draw_ctx;

int cm__boxes_meet(cm_bbox a, cm_bbox b)
{
    return a.maxx >= b.minx && a.minx <= b.maxx && a.maxy >= b.miny && a.miny <= b.maxy;
}

cm_bbox cm__box_widen(cm_bbox b, double d)
{
    return (cm_bbox){b.minx - d, b.miny - d, b.maxx + d, b.maxy + d};
}

static int in_view(const draw_ctx *d, cm_bbox b) { return cm__boxes_meet(d->view, b); }

/* A box from its corners. */
static cm_bbox box(double x0, double y0, double x1, double y1) { return (cm_bbox){x0, y0, x1, y1}; }

/* A layout for text, kept in the cache when `keep` (the text is the same
 * on every date).  The caller unrefs it. */
static PangoLayout *text(const draw_ctx *d, cm__font font, double size, const char *s, int keep)
{
    return cm__text_get(d->texts, d->cr, d->map->style.font_family, font, size, s, keep);
}

/* text() and its logical size. */
static PangoLayout *sized_text(const draw_ctx *d, cm__font font, double size, const char *s,
                               int keep, double *w, double *h)
{
    return cm__text_get_sized(d->texts, d->cr, d->map->style.font_family, font, size, s, keep,
                              w, h);
}

/* How far beyond its geometry a drawing can reach (strokes, halos,
 * antialiasing), in points. */
static double reach(const cm_map *map) { return 4 * map->u + 2 * 72.0 / map->opts.dpi; }

cm_bbox cm__box_feature(const cm_map *map, const cm_layer *L, size_t f)
{
    const cm_bbox b = L->features[f].bbox;
    return box(map->ox + b.minx * map->scale, map->oy - b.maxy * map->scale,
               map->ox + b.maxx * map->scale, map->oy - b.miny * map->scale);
}

cm_bbox cm__box_capital(const cm_map *map, size_t i)
{
    const double r = 2.5 * CM__MARKER_R * map->u; /* the national ring is 1.75 r */
    const cm_point p = map->capitals[i].page;
    return box(p.x - r, p.y - r, p.x + r, p.y + r);
}

cm_bbox cm__box_legend(const cm_map *map) { return map->legend; }

void cm__map_title(const cm_map *map, cm_date date, cm_lang lang, char *buf, size_t n)
{
    char day[64];
    cm_date_format_long(date, lang, day, sizeof day);
    if (map->title[lang][0])
        snprintf(buf, n, "%s, %s", map->title[lang], day);
    else
        snprintf(buf, n, "%s", day);
    cm__utf8_cut(buf, n);
}

/* The title's layout for date; the caller unrefs it. */
static PangoLayout *title_layout(cairo_t *cr, const cm_map *map, cm_date date, cm_lang lang,
                                 cm__text_cache *texts)
{
    char title[CM__TITLE_MAX];
    cm__map_title(map, date, lang, title, sizeof title);
    return cm__text_get(texts, cr, map->style.font_family, CM__FONT_BOLD,
                        map->style.title_size * map->u, title, 0);
}

cm_bbox cm__box_title(cairo_t *cr, const cm_map *map, cm_date date, cm_lang lang,
                      cm__text_cache *texts)
{
    PangoRectangle ink, logical;
    PangoLayout *layout = title_layout(cr, map, date, lang, texts);
    pango_layout_get_extents(layout, &ink, &logical);
    const double m = 14 * map->u, k = PANGO_SCALE / cm__text_scale(layout);
    g_object_unref(layout);
    return box(m + fmin(ink.x, logical.x) / k, m + fmin(ink.y, logical.y) / k,
               m + fmax(ink.x + ink.width, logical.x + logical.width) / k,
               m + fmax(ink.y + ink.height, logical.y + logical.height) / k);
}

static void whole_ring(cairo_t *cr, const cm_point *p, size_t n)
{
    cairo_move_to(cr, p[0].x, p[0].y);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    cairo_close_path(cr);
}

/* Page position of a map point. */
static cm_point page_of(const cm_map *map, cm_point p)
{
    return (cm_point){map->ox + p.x * map->scale, map->oy - p.y * map->scale};
}

/* 1 if the page box spanning a and b meets the geometry box. */
static int span_in_geo(const draw_ctx *d, cm_point a, cm_point b)
{
    return fmax(a.x, b.x) >= d->geo.minx && fmin(a.x, b.x) <= d->geo.maxx &&
           fmax(a.y, b.y) >= d->geo.miny && fmin(a.y, b.y) <= d->geo.maxy;
}

/* 1 if segment a-b (map units) comes near the geometry box. */
static int segment_in_geo(const draw_ctx *d, cm_point a, cm_point b)
{
    return span_in_geo(d, page_of(d->map, a), page_of(d->map, b));
}

/* 1 if a map-unit bbox comes near the geometry box. */
static int bbox_in_geo(const draw_ctx *d, cm_bbox b)
{
    return span_in_geo(d, page_of(d->map, (cm_point){b.minx, b.miny}),
                       page_of(d->map, (cm_point){b.maxx, b.maxy}));
}

/* For a stroke: the runs of a ring's segments that come near the geometry
 * box, each an open subpath, starting after a segment that does not (so
 * no run is split where it crosses the ring's start); the whole ring when
 * every segment does. */
static void ring_stroke_path(const draw_ctx *d, const cm_point *p, size_t n)
{
    const size_t m = cm__ring_vertices(p, n);
    size_t start = m;
    for (size_t j = 0; j < m && start == m; j++)
        if (!segment_in_geo(d, p[j], p[(j + 1) % m]))
            start = j;
    if (start == m) {
        whole_ring(d->cr, p, n);
        return;
    }
    int in_run = 0;
    for (size_t k = 1; k <= m; k++) {
        const size_t j = (start + k) % m, next = (j + 1) % m;
        if (!segment_in_geo(d, p[j], p[next])) {
            in_run = 0;
            continue;
        }
        if (!in_run)
            cairo_move_to(d->cr, p[j].x, p[j].y);
        cairo_line_to(d->cr, p[next].x, p[next].y);
        in_run = 1;
    }
}

/* One Sutherland-Hodgman pass over a ring of page points: keep the side
 * of the line (axis 0: x, 1: y) = c where the coordinate is >= c (keep_low
 * = 0) or <= c (keep_low = 1).  Writes at most 2 n points to out. */
static size_t cut_ring(const cm_point *in, size_t n, int axis, double c, int keep_low,
                       cm_point *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const cm_point a = in[i], b = in[(i + 1) % n];
        const double va = axis ? a.y : a.x, vb = axis ? b.y : b.x;
        const int ina = keep_low ? va <= c : va >= c;
        const int inb = keep_low ? vb <= c : vb >= c;
        if (ina)
            out[k++] = a;
        if (ina != inb) {
            const double t = (c - va) / (vb - va);
            out[k++] = (cm_point){a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
        }
    }
    return k;
}

/* A ring of map points cut to the geometry box, into a new array of map
 * points (*n its length); NULL when out of memory. */
static cm_point *cut_to_geo(const draw_ctx *d, const cm_point *p, size_t *n)
{
    const cm_map *map = d->map;
    const double bounds[4] = {d->geo.minx, d->geo.maxx, d->geo.miny, d->geo.maxy};
    size_t k = *n;
    cm_point *a = k <= SIZE_MAX / (2 * sizeof *a) ? malloc(2 * k * sizeof *a) : NULL;
    cm_point *b = NULL;
    for (size_t i = 0; a && i < k; i++)
        a[i] = page_of(map, p[i]);
    for (int pass = 0; a && pass < 4 && k > 0; pass++) {
        /* A pass writes at most two points per point read. */
        cm_point *nb = k <= SIZE_MAX / (2 * sizeof *nb) ? realloc(b, 2 * k * sizeof *nb) : NULL;
        if (!nb) {
            free(a);
            a = NULL;
            break;
        }
        b = nb;
        k = cut_ring(a, k, pass / 2, bounds[pass], pass % 2, b);
        cm_point *t = a;
        a = b;
        b = t;
    }
    free(b);
    for (size_t i = 0; a && i < k; i++)
        a[i] = (cm_point){(a[i].x - map->ox) / map->scale, (map->oy - a[i].y) / map->scale};
    *n = k;
    return a;
}

/* For a fill: the ring cut to the geometry box, so a band fills only its
 * slab of a large province and nothing is filled far outside the frame;
 * the whole ring when it lies within the box. */
static void ring_fill_path(const draw_ctx *d, const cm_point *p, size_t n)
{
    const size_t m = cm__ring_vertices(p, n);
    cm_bbox r = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < m; i++) {
        const cm_point q = page_of(d->map, p[i]);
        r = (cm_bbox){fmin(r.minx, q.x), fmin(r.miny, q.y), fmax(r.maxx, q.x), fmax(r.maxy, q.y)};
    }
    if (!span_in_geo(d, (cm_point){r.minx, r.miny}, (cm_point){r.maxx, r.maxy}))
        return;
    if (r.minx >= d->geo.minx && r.maxx <= d->geo.maxx && r.miny >= d->geo.miny &&
        r.maxy <= d->geo.maxy) {
        whole_ring(d->cr, p, n);
        return;
    }
    size_t k = m;
    cm_point *cut = cut_to_geo(d, p, &k);
    if (!cut)
        whole_ring(d->cr, p, n); /* slower, same picture */
    else if (k >= 3)
        whole_ring(d->cr, cut, k);
    free(cut);
}

/* Append what the drawn rows need of a feature's rings, in map units
 * under the page transform: fill or stroke geometry. */
static void feature_path(const draw_ctx *d, const cm_layer *L, size_t f, int fill)
{
    const cm_feature *feat = &L->features[f];
    cairo_t *cr = d->cr;
    cairo_save(cr);
    cairo_translate(cr, d->map->ox, d->map->oy);
    cairo_scale(cr, d->map->scale, -d->map->scale);
    for (size_t r = feat->first_ring; r < feat->first_ring + feat->n_rings; r++) {
        const cm_point *p = L->points + L->rings[r].first;
        const size_t n = L->rings[r].count;
        if (n == 0)
            continue;
        if (fill)
            ring_fill_path(d, p, n);
        else
            ring_stroke_path(d, p, n);
    }
    cairo_restore(cr);
}

/* The fill geometry of the features of L near the drawn rows, as one
 * path; 0 if none is. */
static int layer_fill_path(const draw_ctx *d, const cm_layer *L)
{
    int any = 0;
    for (size_t f = 0; f < L->n_features; f++)
        if (bbox_in_geo(d, L->features[f].bbox)) {
            feature_path(d, L, f, 1);
            any = 1;
        }
    return any;
}

/* An open chain's runs of segments near the drawn rows. */
static void open_chain_path(const draw_ctx *d, const cm_point *p, size_t n)
{
    int in_run = 0;
    for (size_t j = 0; j + 1 < n; j++) {
        if (!segment_in_geo(d, p[j], p[j + 1])) {
            in_run = 0;
            continue;
        }
        if (!in_run)
            cairo_move_to(d->cr, p[j].x, p[j].y);
        cairo_line_to(d->cr, p[j + 1].x, p[j + 1].y);
        in_run = 1;
    }
}

/* The chains of lines near the drawn rows, as one path to stroke with
 * round caps and joins; 0 if none is. */
static int lines_path(const draw_ctx *d, const cm__lines *lines)
{
    const cm_map *map = d->map;
    cairo_t *cr = d->cr;
    int any = 0;
    cairo_save(cr);
    cairo_translate(cr, map->ox, map->oy);
    cairo_scale(cr, map->scale, -map->scale);
    for (size_t i = 0; i < lines->n_chains; i++) {
        const cm__chain *c = &lines->chains[i];
        if (!bbox_in_geo(d, c->bbox))
            continue;
        if (c->closed)
            ring_stroke_path(d, lines->points + c->first, c->count);
        else
            open_chain_path(d, lines->points + c->first, c->count);
        any = 1;
    }
    cairo_restore(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    return any;
}

static void draw_neighbours(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    if (!d->map->neighbours || !layer_fill_path(d, &d->map->lines->neighbour_rings))
        return;
    cairo_set_source_rgb(cr, HEX(d->map->style.neighbours));
    cairo_fill(cr);
    lines_path(d, &d->map->lines->neighbours);
    cairo_set_source_rgb(cr, HEX(0xB4B0A8));
    cairo_set_line_width(cr, 0.5 * d->map->u);
    cairo_stroke(cr);
}

static void fill_hold(const draw_ctx *d, cm_hold h, cm_bbox feature_box)
{
    const cm_map *map = d->map;
    const cm_point a = cm_map_to_page(map, (cm_point){feature_box.minx, feature_box.miny});
    const cm_point b = cm_map_to_page(map, (cm_point){feature_box.maxx, feature_box.maxy});
    const cm_bbox page = box(fmax(fmin(a.x, b.x), d->geo.minx), fmax(fmin(a.y, b.y), d->geo.miny),
                             fmin(fmax(a.x, b.x), d->geo.maxx), fmin(fmax(a.y, b.y), d->geo.maxy));
    cm__paint_hold(d->cr, &map->sides, h, page, map->u);
}

/* The national border is a heavy stroke along the provinces' outline
 * whose inner half the province fills then cover: only the outer edge
 * stays heavy. */
static void draw_provinces(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    const cm_map *map = d->map;
    const cm_layer *P = &map->lines->province_rings;
    if (lines_path(d, &map->lines->border)) {
        cairo_set_source_rgb(cr, INK);
        cairo_set_line_width(cr, 2 * 1.3 * map->u);
        cairo_stroke(cr);
    }
    for (size_t f = 0; f < P->n_features; f++) {
        if (!bbox_in_geo(d, P->features[f].bbox))
            continue;
        const long c = map->province_capital[f];
        const cm_hold none = {CM_NO_DATA, CM_STATE_GOVERNMENT, -1};
        feature_path(d, P, f, 1);
        fill_hold(d, c >= 0 ? d->states[c] : none, P->features[f].bbox);
    }
    if (lines_path(d, &map->lines->provinces)) {
        cairo_set_source_rgb(cr, HEX(0x6F6A66));
        cairo_set_line_width(cr, 0.45 * map->u);
        cairo_stroke(cr);
    }
}

static void text_at(cairo_t *cr, PangoLayout *layout, double x, double y)
{
    cairo_move_to(cr, x, y);
    cm__text_show(cr, layout);
}

/* Text with a white halo: the glyph outlines stroked wide, then filled. */
static void halo_text(cairo_t *cr, PangoLayout *layout, double x, double y, double halo)
{
    cairo_move_to(cr, x, y);
    cm__text_path(cr, layout);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_set_line_width(cr, halo);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, INK);
    text_at(cr, layout, x, y);
}

static void draw_country_labels(const draw_ctx *d)
{
    const cm_map *map = d->map;
    for (size_t i = 0; i < map->n_country_labels[d->lang]; i++) {
        const cm_country_label *l = &map->country_labels[d->lang][i];
        double w, h;
        PangoLayout *layout =
            sized_text(d, CM__FONT_ITALIC, map->style.country_size * map->u, l->text, 1, &w, &h);
        if (in_view(d, box(l->page.x - w / 2, l->page.y - h / 2, l->page.x + w / 2,
                           l->page.y + h / 2))) {
            cairo_set_source_rgb(d->cr, HEX(0x8C877F));
            text_at(d->cr, layout, l->page.x - w / 2, l->page.y - h / 2);
        }
        g_object_unref(layout);
    }
}

static void marker_path(cairo_t *cr, cm_marker_shape shape, double x, double y, double r)
{
    switch (shape) {
    case CM_MARKER_TRIANGLE:
        cairo_move_to(cr, x, y - 1.25 * r);
        cairo_line_to(cr, x + 1.15 * r, y + 0.85 * r);
        cairo_line_to(cr, x - 1.15 * r, y + 0.85 * r);
        cairo_close_path(cr);
        break;
    case CM_MARKER_DIAMOND:
        cairo_move_to(cr, x, y - 1.3 * r);
        cairo_line_to(cr, x + 1.3 * r, y);
        cairo_line_to(cr, x, y + 1.3 * r);
        cairo_line_to(cr, x - 1.3 * r, y);
        cairo_close_path(cr);
        break;
    case CM_MARKER_SQUARE:
        cairo_rectangle(cr, x - 0.95 * r, y - 0.95 * r, 1.9 * r, 1.9 * r);
        break;
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    }
}

/* One marker: its shape says calm (circle), attacked (triangle),
 * contested (diamond) or no data (hollow); its fill is the holder's; a ring
 * marks a national capital. */
static void draw_marker(cairo_t *cr, double u, const cm_sides *sides, cm_hold h, double x,
                        double y, int national)
{
    cm_state_style style = {{1, 1, 1}, {1, 1, 1}, CM_MARKER_DOT_CIRCLE, 0xFFFFFF};
    if (h.holder >= 0 && h.holder < sides->count)
        style.marker = sides->side[h.holder].marker;
    style.shape = h.activity == CM_STATE_ATTACKED    ? CM_MARKER_TRIANGLE
                  : h.activity == CM_STATE_CONTESTED ? CM_MARKER_DIAMOND
                  : h.holder >= 0                    ? CM_MARKER_CIRCLE
                                                     : CM_MARKER_DOT_CIRCLE;
    const cm_state_style *st = &style;
    const double r = CM__MARKER_R * u;
    if (national) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r * 1.75, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, INK);
        cairo_set_line_width(cr, 0.7 * u);
        cairo_stroke(cr);
    }
    marker_path(cr, st->shape, x, y, r);
    set_rgb(cr, st->marker);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.8 * u);
    cairo_stroke(cr);
    if (st->shape == CM_MARKER_DOT_CIRCLE) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r * 0.38, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
    }
}

static void draw_capitals(const draw_ctx *d)
{
    const cm_map *map = d->map;
    const double u = map->u;
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        if (in_view(d, cm__box_capital(map, i)))
            draw_marker(d->cr, u, &map->sides, d->states[i], c->page.x, c->page.y,
                        c->place->kind == CM_KIND_NATIONAL_CAPITAL);
    }
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        const cm_bbox b = c->label_box;
        if (!c->labelled || !in_view(d, b))
            continue;
        const char *name = cm_place_name(c->place, d->lang);
        double w, h;
        PangoLayout *layout = sized_text(d, CM__FONT_REGULAR, map->style.label_size * u, name, 1, &w, &h);
        /* Left-hand labels are right-aligned against their marker. */
        const double x = b.maxx <= c->page.x ? b.maxx - CM__HALO * u / 2 - w
                         : b.minx >= c->page.x ? b.minx + CM__HALO * u / 2
                                               : (b.minx + b.maxx - w) / 2;
        halo_text(d->cr, layout, x, b.miny, CM__HALO * u);
        g_object_unref(layout);
    }
}

static void draw_north(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    const double u = d->map->u;
    const cm_bbox b = d->map->north;
    if (!in_view(d, box(b.minx - 10 * u, b.miny - 2 * u, b.maxx + 10 * u, b.maxy)))
        return;
    const double cx = (b.minx + b.maxx) / 2, cy = b.miny + 20 * u;
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, d->map->north_angle);
    cairo_move_to(cr, 0, -12 * u);
    cairo_line_to(cr, 5 * u, 5 * u);
    cairo_line_to(cr, 0, 1.5 * u);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_fill(cr);
    cairo_move_to(cr, 0, -12 * u);
    cairo_line_to(cr, -5 * u, 5 * u);
    cairo_line_to(cr, 0, 1.5 * u);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.6 * u);
    cairo_stroke(cr);
    cairo_restore(cr);
    double w, h;
    PangoLayout *layout =
        sized_text(d, CM__FONT_BOLD, CM__NORTH_SIZE * u, cm_style_word(CM_WORD_NORTH, d->lang), 1, &w, &h);
    halo_text(cr, layout, cx - w / 2, b.miny - 2 * u, 2 * u);
    g_object_unref(layout);
}

static void legend_text(const draw_ctx *d, cm__font font, double size, const char *s,
                        int keep, double x, double y)
{
    PangoLayout *layout = text(d, font, size, s, keep);
    cairo_set_source_rgb(d->cr, INK);
    text_at(d->cr, layout, x, y);
    g_object_unref(layout);
}

static void draw_scale_bar(const draw_ctx *d, double x, double y)
{
    cairo_t *cr = d->cr;
    const double u = d->map->u, len = d->map->scale_bar_pt, hh = 3 * u;
    for (int i = 0; i < 4; i++) {
        cairo_rectangle(cr, x + i * len / 4, y, len / 4, hh);
        if (i % 2)
            cairo_set_source_rgb(cr, 1, 1, 1);
        else
            cairo_set_source_rgb(cr, INK);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x, y, len, hh);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.5 * u);
    cairo_stroke(cr);
    char buf[48];
    snprintf(buf, sizeof buf, "%g km", d->map->scale_bar_km);
    double w, h;
    g_object_unref(sized_text(d, CM__FONT_REGULAR, CM__SCALE_SIZE * u, "0", 1, &w, &h));
    legend_text(d, CM__FONT_REGULAR, CM__SCALE_SIZE * u, "0", 1, x - w / 2, y + hh + u);
    legend_text(d, CM__FONT_REGULAR, CM__SCALE_SIZE * u, buf, 1, x + len - w / 2, y + hh + u);
}

static void draw_legend(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    const cm_map *map = d->map;
    const double u = map->u, pad = CM__LEGEND_PAD * u;
    const double row = CM__LEGEND_ROW * u * fmax(1.0, map->style.legend_size / 8.0);
    const double fs = map->style.legend_size * u;
    const cm_bbox b = map->legend;
    if (!in_view(d, cm__box_legend(map)))
        return;
    cairo_rectangle(cr, b.minx, b.miny, b.maxx - b.minx, b.maxy - b.miny);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.94);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, HEX(0x9A958D));
    cairo_set_line_width(cr, 0.5 * u);
    cairo_stroke(cr);
    double x = b.minx + pad, y = b.miny + pad;
    legend_text(d, CM__FONT_BOLD, fs, map->unit[d->lang], 1, x, y);
    char buf[160];
    const cm_sides *sides = &map->sides;
    for (int k = 0; k < sides->count + 3; k++) {
        y += row;
        /* The sides, then attacked and contested (over a neutral fill), then no data. */
        const int cat = k < sides->count ? k : CM_CAT_ATTACKED + (k - sides->count);
        cm_hold h = {k < sides->count ? k : CM_NO_DATA, CM_STATE_GOVERNMENT, -1};
        if (cat == CM_CAT_ATTACKED || cat == CM_CAT_CONTESTED) /* a white marker */
            h.activity = cat == CM_CAT_ATTACKED ? CM_STATE_ATTACKED : CM_STATE_CONTESTED;
        const cm_bbox sw = box(x, y + 0.5 * u, x + 18 * u, y + 10 * u);
        cairo_rectangle(cr, sw.minx, sw.miny, sw.maxx - sw.minx, sw.maxy - sw.miny);
        cm__paint_category(cr, sides, cat, sw, u);
        cairo_rectangle(cr, sw.minx, sw.miny, sw.maxx - sw.minx, sw.maxy - sw.miny);
        cairo_set_source_rgb(cr, HEX(0x6F6A66));
        cairo_set_line_width(cr, 0.45 * u);
        cairo_stroke(cr);
        draw_marker(cr, u * 0.9, sides, h, x + 9 * u, y + 5.25 * u, 0);
        snprintf(buf, sizeof buf, "%s (%d)", cm_sides_label(sides, cat, d->lang),
                 d->counts->n[cat]);
        legend_text(d, CM__FONT_REGULAR, fs, buf, 0, x + 24 * u, y);
    }
    y += row + 2 * u;
    cm_sides_holds(sides, d->counts, d->lang, buf, sizeof buf);
    legend_text(d, CM__FONT_BOLD, fs, buf, 0, x, y);
    draw_scale_bar(d, x + 4 * u, y + row + 2 * u);
}

/* "Boundaries: ... · Projection: ... · Made with conflictmap", the parts
 * there are. */
static void attribution(const cm_map *map, cm_lang lang, char *buf, size_t n)
{
    char proj[160];
    snprintf(proj, sizeof proj, cm_style_word(CM_WORD_PROJECTION, lang), map->projection_name[lang]);
    const char *parts[3] = {map->attribution[lang], proj,
                            map->opts.no_credit ? "" : cm_style_word(CM_WORD_CREDIT, lang)};
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < 3; i++) {
        if (!parts[i][0] || k >= n)
            continue;
        const int w = snprintf(buf + k, n - k, "%s%s", k ? " \u00b7 " : "", parts[i]);
        k += w > 0 ? (size_t)w : 0;
    }
    if (k >= n)
        cm__utf8_cut(buf, n);
}

/* Title, subtitle and attribution.  A text is drawn when a band comes
 * near rows it may cover (two lines' height: no font is taller), so the
 * title is laid out only for the bands at the top. */
static void draw_titles(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    const cm_map *map = d->map;
    const double u = map->u, m = 14 * u;
    double w, h;
    if (in_view(d, box(m, m, map->page_w, m + 2 * map->style.title_size * u))) {
        PangoLayout *title = title_layout(cr, map, d->date, d->lang, d->texts);
        cairo_set_source_rgb(cr, INK);
        text_at(cr, title, m, m);
        g_object_unref(title);
    }
    const double sub_y = m + map->style.title_size * u * 1.3;
    if (in_view(d, box(m, sub_y, map->page_w, sub_y + 2 * map->style.subtitle_size * u))) {
        PangoLayout *sub = text(d, CM__FONT_REGULAR, map->style.subtitle_size * u,
                                map->subtitle[d->lang], 1);
        cairo_set_source_rgb(cr, HEX(0x55514C));
        text_at(cr, sub, m, sub_y);
        g_object_unref(sub);
    }
    const double ay = map->frame.maxy + 3 * u;
    if (in_view(d, box(0, ay, map->frame.maxx, ay + 2 * map->style.attribution_size * u))) {
        char attrib[1024];
        attribution(map, d->lang, attrib, sizeof attrib);
        PangoLayout *a = sized_text(d, CM__FONT_REGULAR, map->style.attribution_size * u, attrib, 1, &w, &h);
        cairo_set_source_rgb(cr, HEX(0x6B665F));
        text_at(cr, a, map->frame.maxx - w, ay);
        g_object_unref(a);
    }
}

/* The whole drawing, in page space, of what lies near d's rows. */
static void draw(const draw_ctx *d)
{
    cairo_t *cr = d->cr;
    const cm_map *map = d->map;
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_rectangle(cr, 0, 0, map->page_w, map->page_h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    const cm_bbox f = map->frame;
    cairo_save(cr);
    cairo_rectangle(cr, f.minx, f.miny, f.maxx - f.minx, f.maxy - f.miny);
    cairo_clip_preserve(cr);
    cairo_set_source_rgb(cr, HEX(map->style.water)); /* water, where no land is drawn */
    cairo_fill(cr);
    draw_neighbours(d);
    draw_provinces(d);
    draw_country_labels(d);
    draw_capitals(d);
    cairo_restore(cr);
    cairo_rectangle(cr, f.minx, f.miny, f.maxx - f.minx, f.maxy - f.miny);
    cairo_set_source_rgb(cr, HEX(0x77726B));
    cairo_set_line_width(cr, 0.7 * map->u);
    cairo_stroke(cr);
    draw_north(d);
    draw_legend(d);
    draw_titles(d);
    cairo_restore(cr);
}

/* The geometry box: the map frame widened by the reach, within the view. */
static void set_geo(draw_ctx *d)
{
    const cm_bbox f = cm__box_widen(d->map->frame, reach(d->map)), v = d->view;
    d->geo = box(fmax(f.minx, v.minx), fmax(f.miny, v.miny), fmin(f.maxx, v.maxx),
                 fmin(f.maxy, v.maxy));
}

static cm_status cairo_result(cairo_t *cr, cm_error *err)
{
    const cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return cm_error_set(err, CM_ERR_RENDER, "cairo: %s", cairo_status_to_string(cs));
    return CM_OK;
}

cm_status cm_render_draw(cairo_t *cr, const cm_map *map, const cm_timeline *tl,
                         cm_date date, cm_lang lang, cm_error *err)
{
    cm_hold *states = malloc((map->n_capitals + 1) * sizeof *states);
    if (!states)
        return cm_error_set(err, CM_ERR_NOMEM, "render: out of memory");
    cm_counts counts;
    cm_render_states(map, tl, date, states, &counts);
    draw_ctx d = {cr, map, states, &counts, date, lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN,
                  box(-INFINITY, -INFINITY, INFINITY, INFINITY), NULL, {0, 0, 0, 0}};
    set_geo(&d);
    draw(&d);
    free(states);
    return cairo_result(cr, err);
}

int cm__band_count(const cm_map *map) { return (map->opts.height + CM__BAND_ROWS - 1) / CM__BAND_ROWS; }

int cm__tile_cols(const cm_map *map) { return (map->opts.width + CM__TILE_COLS - 1) / CM__TILE_COLS; }

/* The pixels of tile c of band b. */
static void tile_rect(const cm_map *map, int b, int c, int *x0, int *y0, int *x1, int *y1)
{
    *x0 = c * CM__TILE_COLS;
    *y0 = b * CM__BAND_ROWS;
    *x1 = *x0 + CM__TILE_COLS < map->opts.width ? *x0 + CM__TILE_COLS : map->opts.width;
    *y1 = *y0 + CM__BAND_ROWS < map->opts.height ? *y0 + CM__BAND_ROWS : map->opts.height;
}

cm_bbox cm__tile_pixels(const cm_map *map, int b, int c)
{
    int x0, y0, x1, y1;
    const double k = map->opts.dpi / 72.0;
    tile_rect(map, b, c, &x0, &y0, &x1, &y1);
    return box(x0 / k, y0 / k, x1 / k, y1 / k);
}

cm_status cm__render_tile(cairo_surface_t *image, const cm_map *map, const cm_hold *states,
                          const cm_counts *counts, cm_date date, cm_lang lang, int b, int c,
                          cm__text_cache *texts, cm_error *err)
{
    int x0, y0, x1, y1;
    tile_rect(map, b, c, &x0, &y0, &x1, &y1);
    const double k = map->opts.dpi / 72.0;
    cairo_t *cr = cairo_create(image);
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_clip(cr);
    cairo_scale(cr, k, k);
    draw_ctx d = {cr, map, states, counts, date, lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN,
                  cm__box_widen(cm__tile_pixels(map, b, c), reach(map)), texts, {0, 0, 0, 0}};
    set_geo(&d);
    draw(&d);
    const cm_status st = cairo_result(cr, err);
    cairo_destroy(cr);
    return st;
}
