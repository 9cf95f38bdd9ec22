#include "text.h"

#include <stdlib.h>
#include <string.h>

static const char *const families[] = {
    [CM__FONT_REGULAR] = "DejaVu Sans",
    [CM__FONT_BOLD] = "DejaVu Sans Bold",
    [CM__FONT_ITALIC] = "DejaVu Sans Oblique",
};

PangoLayout *cm__text_layout(cairo_t *cr, cm__font font, double size, const char *text)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoContext *ctx = pango_layout_get_context(layout);
    pango_cairo_context_set_font_options(ctx, fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    /* Page units are points; rounding glyphs to whole points would space
     * letters unevenly once scaled to pixels. */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(layout);
    cairo_font_options_destroy(fo);
    PangoFontDescription *desc = pango_font_description_from_string(families[font]);
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

void cm__text_warm_up(void) { (void)pango_cairo_font_map_get_default(); }

void cm__text_size(PangoLayout *layout, double *w, double *h)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

void cm__text_measure(cairo_t *cr, cm__font font, double size, const char *text,
                      double *w, double *h)
{
    PangoLayout *layout = cm__text_layout(cr, font, size, text);
    cm__text_size(layout, w, h);
    g_object_unref(layout);
}

#define CM__TEXT_CACHE_MAX 512

typedef struct cached_text {
    cm__font font;
    double size;
    char *text;
    PangoLayout *layout;
    double w, h; /* logical size, or -1 until measured */
} cached_text;

struct cm__text_cache {
    cached_text items[CM__TEXT_CACHE_MAX];
    size_t n;
};

cm__text_cache *cm__text_cache_new(void) { return calloc(1, sizeof(cm__text_cache)); }

void cm__text_cache_free(cm__text_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].text);
        g_object_unref(c->items[i].layout);
    }
    free(c);
}

/* The cached entry for font, size and text, or NULL. */
static cached_text *find(cm__text_cache *c, cm__font font, double size, const char *text)
{
    for (size_t i = 0; c && i < c->n; i++) {
        cached_text *t = &c->items[i];
        if (t->font == font && t->size == size && strcmp(t->text, text) == 0)
            return t;
    }
    return NULL;
}

PangoLayout *cm__text_get(cm__text_cache *c, cairo_t *cr, cm__font font, double size,
                          const char *text, int keep)
{
    const cached_text *t = find(c, font, size, text);
    if (t)
        return g_object_ref(t->layout);
    PangoLayout *layout = cm__text_layout(cr, font, size, text);
    char *copy = c && keep && c->n < CM__TEXT_CACHE_MAX ? strdup(text) : NULL;
    if (copy)
        c->items[c->n++] = (cached_text){font, size, copy, g_object_ref(layout), -1, -1};
    return layout;
}

PangoLayout *cm__text_get_sized(cm__text_cache *c, cairo_t *cr, cm__font font, double size,
                                const char *text, int keep, double *w, double *h)
{
    PangoLayout *layout = cm__text_get(c, cr, font, size, text, keep);
    cached_text *t = find(c, font, size, text);
    if (t && t->w >= 0) {
        *w = t->w;
        *h = t->h;
        return layout;
    }
    cm__text_size(layout, w, h);
    if (t) {
        t->w = *w;
        t->h = *h;
    }
    return layout;
}
