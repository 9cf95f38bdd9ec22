#include "conflictmap/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/style.h"
#include "layout.h"
#include "text.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define INK 0.17, 0.17, 0.17
#define HEX(h) ((h) >> 16 & 0xFF) / 255.0, ((h) >> 8 & 0xFF) / 255.0, ((h)&0xFF) / 255.0

static void set_rgb(cairo_t *cr, cm_rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void cm_render_states(const cm_map *map, const cm_timeline *tl, cm_date date,
                      cm_state *states, cm_counts *counts)
{
    cm_counts c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_state s = tl ? cm_timeline_state(tl, map->capitals[i].place->id, date, NULL)
                              : CM_STATE_GOVERNMENT;
        if (states)
            states[i] = s;
        c.state[s]++;
        c.total++;
    }
    if (counts)
        *counts = c;
}

/* Append a feature's rings to the current path, in page space. */
static void feature_path(cairo_t *cr, const cm_map *map, const cm_layer *L, size_t f)
{
    const cm_feature *feat = &L->features[f];
    cairo_save(cr);
    cairo_translate(cr, map->ox, map->oy);
    cairo_scale(cr, map->scale, -map->scale);
    for (size_t r = feat->first_ring; r < feat->first_ring + feat->n_rings; r++) {
        const cm_point *p = L->points + L->rings[r].first;
        const size_t n = L->rings[r].count;
        cairo_move_to(cr, p[0].x, p[0].y);
        for (size_t i = 1; i < n; i++)
            cairo_line_to(cr, p[i].x, p[i].y);
        cairo_close_path(cr);
    }
    cairo_restore(cr);
}

static void layer_path(cairo_t *cr, const cm_map *map, const cm_layer *L)
{
    for (size_t f = 0; f < L->n_features; f++)
        feature_path(cr, map, L, f);
}

static void draw_neighbours(cairo_t *cr, const cm_map *map)
{
    if (!map->neighbours)
        return;
    layer_path(cr, map, map->neighbours);
    cairo_set_source_rgb(cr, HEX(0xE8E6E1));
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, HEX(0xB4B0A8));
    cairo_set_line_width(cr, 0.5 * map->u);
    cairo_stroke(cr);
}

/* The national border is a heavy stroke around every province whose inner
 * half the province fills then cover: only the outer edge stays heavy. */
static void draw_provinces(cairo_t *cr, const cm_map *map, const cm_state *states)
{
    const cm_layer *P = map->provinces;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    layer_path(cr, map, P);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 2 * 1.3 * map->u);
    cairo_stroke(cr);
    for (size_t f = 0; f < P->n_features; f++) {
        const long c = map->province_capital[f];
        const cm_state s = c >= 0 ? states[c] : CM_STATE_GOVERNMENT;
        feature_path(cr, map, P, f);
        set_rgb(cr, cm_style_state(s)->fill);
        cairo_fill(cr);
    }
    layer_path(cr, map, P);
    cairo_set_source_rgb(cr, HEX(0x6F6A66));
    cairo_set_line_width(cr, 0.45 * map->u);
    cairo_stroke(cr);
}

static void text_at(cairo_t *cr, PangoLayout *layout, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

/* Text with a white halo: the glyph outlines stroked wide, then filled. */
static void halo_text(cairo_t *cr, PangoLayout *layout, double x, double y, double halo)
{
    cairo_move_to(cr, x, y);
    pango_cairo_layout_path(cr, layout);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_set_line_width(cr, halo);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, INK);
    text_at(cr, layout, x, y);
}

static void draw_country_labels(cairo_t *cr, const cm_map *map, cm_lang lang)
{
    for (size_t i = 0; i < map->n_country_labels[lang]; i++) {
        const cm_country_label *l = &map->country_labels[lang][i];
        PangoLayout *layout = cm__text_layout(cr, CM__FONT_ITALIC, CM__COUNTRY_SIZE * map->u,
                                              l->text);
        double w, h;
        cm__text_size(layout, &w, &h);
        cairo_set_source_rgb(cr, HEX(0x8C877F));
        text_at(cr, layout, l->page.x - w / 2, l->page.y - h / 2);
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

/* One marker: shape and fill by state, a ring for a national capital. */
static void draw_marker(cairo_t *cr, double u, cm_state s, double x, double y, int national)
{
    const cm_state_style *st = cm_style_state(s);
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

static void draw_capitals(cairo_t *cr, const cm_map *map, const cm_state *states,
                          cm_lang lang)
{
    const double u = map->u;
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        draw_marker(cr, u, states[i], c->page.x, c->page.y,
                    c->place->kind == CM_KIND_NATIONAL_CAPITAL);
    }
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        if (!c->labelled)
            continue;
        const char *name = cm_place_name(c->place, lang);
        PangoLayout *layout = cm__text_layout(cr, CM__FONT_REGULAR, CM__LABEL_SIZE * u, name);
        double w, h;
        cm__text_size(layout, &w, &h);
        const cm_bbox b = c->label_box;
        /* Left-hand labels are right-aligned against their marker. */
        const double x = b.maxx <= c->page.x ? b.maxx - CM__HALO * u / 2 - w
                         : b.minx >= c->page.x ? b.minx + CM__HALO * u / 2
                                               : (b.minx + b.maxx - w) / 2;
        halo_text(cr, layout, x, b.miny, CM__HALO * u);
        g_object_unref(layout);
    }
}

static void draw_north(cairo_t *cr, const cm_map *map, cm_lang lang)
{
    const double u = map->u;
    const cm_bbox b = map->north;
    const double cx = (b.minx + b.maxx) / 2, cy = b.miny + 20 * u;
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, map->north_angle);
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
    PangoLayout *layout = cm__text_layout(cr, CM__FONT_BOLD, 9 * u,
                                          cm_style_word(CM_WORD_NORTH, lang));
    double w, h;
    cm__text_size(layout, &w, &h);
    halo_text(cr, layout, cx - w / 2, b.miny - 2 * u, 2 * u);
    g_object_unref(layout);
}

static void legend_text(cairo_t *cr, cm__font font, double size, const char *text, double x,
                        double y)
{
    PangoLayout *layout = cm__text_layout(cr, font, size, text);
    cairo_set_source_rgb(cr, INK);
    text_at(cr, layout, x, y);
    g_object_unref(layout);
}

static void draw_scale_bar(cairo_t *cr, const cm_map *map, double x, double y)
{
    const double u = map->u, len = map->scale_bar_pt, hh = 3 * u;
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
    snprintf(buf, sizeof buf, "%g km", map->scale_bar_km);
    double w, h;
    cm__text_measure(cr, CM__FONT_REGULAR, 7 * u, "0", &w, &h);
    legend_text(cr, CM__FONT_REGULAR, 7 * u, "0", x - w / 2, y + hh + u);
    legend_text(cr, CM__FONT_REGULAR, 7 * u, buf, x + len - w / 2, y + hh + u);
}

static void draw_legend(cairo_t *cr, const cm_map *map, const cm_counts *counts,
                        cm_lang lang)
{
    const double u = map->u, pad = CM__LEGEND_PAD * u, row = CM__LEGEND_ROW * u;
    const double fs = CM__LEGEND_SIZE * u;
    const cm_bbox b = map->legend;
    cairo_rectangle(cr, b.minx, b.miny, b.maxx - b.minx, b.maxy - b.miny);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.94);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, HEX(0x9A958D));
    cairo_set_line_width(cr, 0.5 * u);
    cairo_stroke(cr);
    double x = b.minx + pad, y = b.miny + pad;
    legend_text(cr, CM__FONT_BOLD, fs, cm_style_word(CM_WORD_LEGEND_TITLE, lang), x, y);
    char buf[160];
    for (int s = 0; s < CM_STATE_COUNT; s++) {
        y += row;
        cairo_rectangle(cr, x, y + 0.5 * u, 18 * u, 9.5 * u);
        set_rgb(cr, cm_style_state(s)->fill);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, HEX(0x6F6A66));
        cairo_set_line_width(cr, 0.45 * u);
        cairo_stroke(cr);
        draw_marker(cr, u * 0.9, (cm_state)s, x + 9 * u, y + 5.25 * u, 0);
        snprintf(buf, sizeof buf, "%s (%d)", cm_style_state_label(s, lang), counts->state[s]);
        legend_text(cr, CM__FONT_REGULAR, fs, buf, x + 24 * u, y);
    }
    y += row + 2 * u;
    snprintf(buf, sizeof buf, cm_style_word(CM_WORD_SUMMARY, lang),
             counts->state[CM_STATE_FALLEN], counts->total);
    legend_text(cr, CM__FONT_BOLD, fs, buf, x, y);
    draw_scale_bar(cr, map, x + 4 * u, y + row + 2 * u);
}

static void draw_titles(cairo_t *cr, const cm_map *map, cm_date date, cm_lang lang)
{
    const double u = map->u, m = 14 * u;
    char day[64], title[256];
    cm_date_format_long(date, lang, day, sizeof day);
    if (map->title[lang][0])
        snprintf(title, sizeof title, "%s, %s", map->title[lang], day);
    else
        snprintf(title, sizeof title, "%s", day);
    legend_text(cr, CM__FONT_BOLD, CM__TITLE_SIZE * u, title, m, m);
    PangoLayout *sub = cm__text_layout(cr, CM__FONT_REGULAR, CM__SUBTITLE_SIZE * u,
                                       cm_style_word(CM_WORD_SUBTITLE, lang));
    cairo_set_source_rgb(cr, HEX(0x55514C));
    text_at(cr, sub, m, m + CM__TITLE_SIZE * u * 1.3);
    g_object_unref(sub);
    char attrib[256];
    snprintf(attrib, sizeof attrib, cm_style_word(CM_WORD_ATTRIBUTION, lang),
             map->projection_name);
    PangoLayout *a = cm__text_layout(cr, CM__FONT_REGULAR, CM__ATTRIB_SIZE * u, attrib);
    double w, h;
    cm__text_size(a, &w, &h);
    cairo_set_source_rgb(cr, HEX(0x6B665F));
    text_at(cr, a, map->frame.maxx - w, map->frame.maxy + 3 * u);
    g_object_unref(a);
}

cm_status cm_render_draw(cairo_t *cr, const cm_map *map, const cm_timeline *tl,
                         cm_date date, cm_lang lang, cm_error *err)
{
    cm_state *states = malloc((map->n_capitals + 1) * sizeof *states);
    if (!states)
        return cm_error_set(err, CM_ERR_NOMEM, "render: out of memory");
    cm_counts counts;
    cm_render_states(map, tl, date, states, &counts);
    lang = lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_rectangle(cr, 0, 0, map->page_w, map->page_h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    const cm_bbox f = map->frame;
    cairo_save(cr);
    cairo_rectangle(cr, f.minx, f.miny, f.maxx - f.minx, f.maxy - f.miny);
    cairo_clip_preserve(cr);
    cairo_set_source_rgb(cr, HEX(0xDDE8EE)); /* water, where no land is drawn */
    cairo_fill(cr);
    draw_neighbours(cr, map);
    draw_provinces(cr, map, states);
    draw_country_labels(cr, map, lang);
    draw_capitals(cr, map, states, lang);
    cairo_restore(cr);
    cairo_rectangle(cr, f.minx, f.miny, f.maxx - f.minx, f.maxy - f.miny);
    cairo_set_source_rgb(cr, HEX(0x77726B));
    cairo_set_line_width(cr, 0.7 * map->u);
    cairo_stroke(cr);
    draw_north(cr, map, lang);
    draw_legend(cr, map, &counts, lang);
    draw_titles(cr, map, date, lang);
    cairo_restore(cr);
    free(states);
    const cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return cm_error_set(err, CM_ERR_RENDER, "cairo: %s", cairo_status_to_string(cs));
    return CM_OK;
}
