#include "text.h"

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
