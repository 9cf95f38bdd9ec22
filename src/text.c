#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const families[] = {
    [CM__FONT_REGULAR] = "DejaVu Sans",
    [CM__FONT_BOLD] = "DejaVu Sans Bold",
    [CM__FONT_ITALIC] = "DejaVu Sans Oblique",
};

/* Every layout is made at this size and drawn scaled to the size asked
 * for: Pango then matches each font (a fontconfig sort over all the
 * system's fonts, a thread or two each) once per face, not once per face
 * and size.  Unhinted, a glyph scaled from here is the glyph at its size. */
#define CM__TEXT_NOMINAL 10.0

static GQuark scale_quark(void)
{
    static gsize q;
    if (g_once_init_enter(&q))
        g_once_init_leave(&q, g_quark_from_static_string("cm-text-scale"));
    return (GQuark)q;
}

double cm__text_scale(PangoLayout *layout)
{
    const double *s = g_object_get_qdata(G_OBJECT(layout), scale_quark());
    return s ? *s : 1.0;
}

PangoLayout *cm__text_layout(cairo_t *cr, const char *family, cm__font font, double size,
                             const char *text)
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
    if (family && strcmp(family, CM__FAMILY_DEFAULT) != 0)
        pango_font_description_set_family(desc, family); /* weight and style stay */
    pango_font_description_set_absolute_size(desc, CM__TEXT_NOMINAL * PANGO_SCALE);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_text(layout, text, -1);
    double *scale = g_new(double, 1);
    *scale = size / CM__TEXT_NOMINAL;
    g_object_set_qdata_full(G_OBJECT(layout), scale_quark(), scale, g_free);
    return layout;
}

/* Run f on layout at the current point, in user space scaled to its size. */
static void scaled(cairo_t *cr, PangoLayout *layout, void (*f)(cairo_t *, PangoLayout *))
{
    double x, y;
    const double s = cm__text_scale(layout);
    cairo_get_current_point(cr, &x, &y);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, s, s);
    cairo_move_to(cr, 0, 0);
    f(cr, layout);
    cairo_restore(cr);
}

void cm__text_show(cairo_t *cr, PangoLayout *layout) { scaled(cr, layout, pango_cairo_show_layout); }

void cm__text_path(cairo_t *cr, PangoLayout *layout) { scaled(cr, layout, pango_cairo_layout_path); }

void cm__text_set_width(PangoLayout *layout, double width)
{
    pango_layout_set_width(layout, (int)(width / cm__text_scale(layout) * PANGO_SCALE));
}

struct cm__fonts_ahead {
    pthread_t thread;
    double scale;
    PangoFontMap *map; /* loaded once the thread has ended */
    int adopted;
};

/* The loading thread: the font map is this thread's while its fonts load. */
static void *load_ahead(void *arg)
{
    cm__fonts_ahead *a = arg;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, a->scale, a->scale);
    PangoFontMap *fm = pango_cairo_font_map_new();
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(fm));
    /* Layouts are all at one size: a text in each face loads them all. */
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        double w, h;
        cm__text_measure(cr, NULL, (cm__font)i, CM__TEXT_NOMINAL, "Ag", &w, &h);
    }
    pango_cairo_font_map_set_default(NULL);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    a->map = fm;
    return NULL;
}

cm__fonts_ahead *cm__fonts_ahead_start(double scale)
{
    cm__fonts_ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->scale = scale;
    if (pthread_create(&a->thread, NULL, load_ahead, a) != 0) {
        free(a);
        return NULL;
    }
    return a;
}

void cm__fonts_ahead_adopt(cm__fonts_ahead *a)
{
    if (!a || a->adopted)
        return;
    pthread_join(a->thread, NULL);
    a->adopted = 1;
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(a->map));
}

void cm__fonts_ahead_free(cm__fonts_ahead *a)
{
    if (!a)
        return;
    if (!a->adopted)
        pthread_join(a->thread, NULL);
    g_object_unref(a->map);
    free(a);
}

void cm__text_size(PangoLayout *layout, double *w, double *h)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    const double s = cm__text_scale(layout);
    *w = s * logical.width / PANGO_SCALE;
    *h = s * logical.height / PANGO_SCALE;
}

void cm__text_measure(cairo_t *cr, const char *family, cm__font font, double size,
                      const char *text, double *w, double *h)
{
    PangoLayout *layout = cm__text_layout(cr, family, font, size, text);
    cm__text_size(layout, w, h);
    g_object_unref(layout);
}

#define CM__TEXT_CACHE_MAX 512

typedef struct cached_text {
    const char *family; /* the caller's, compared by value */
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

static int same_family(const char *a, const char *b)
{
    return a == b || strcmp(a ? a : CM__FAMILY_DEFAULT, b ? b : CM__FAMILY_DEFAULT) == 0;
}

/* The cached entry for family, font, size and text, or NULL. */
static cached_text *find(cm__text_cache *c, const char *family, cm__font font, double size,
                         const char *text)
{
    for (size_t i = 0; c && i < c->n; i++) {
        cached_text *t = &c->items[i];
        if (t->font == font && t->size == size && strcmp(t->text, text) == 0 &&
            same_family(t->family, family))
            return t;
    }
    return NULL;
}

PangoLayout *cm__text_get(cm__text_cache *c, cairo_t *cr, const char *family, cm__font font,
                          double size, const char *text, int keep)
{
    const cached_text *t = find(c, family, font, size, text);
    if (t)
        return g_object_ref(t->layout);
    PangoLayout *layout = cm__text_layout(cr, family, font, size, text);
    char *copy = c && keep && c->n < CM__TEXT_CACHE_MAX ? strdup(text) : NULL;
    if (copy)
        c->items[c->n++] = (cached_text){family, font, size, copy, g_object_ref(layout), -1, -1};
    return layout;
}

PangoLayout *cm__text_get_sized(cm__text_cache *c, cairo_t *cr, const char *family,
                                cm__font font, double size, const char *text, int keep,
                                double *w, double *h)
{
    PangoLayout *layout = cm__text_get(c, cr, family, font, size, text, keep);
    cached_text *t = find(c, family, font, size, text);
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
