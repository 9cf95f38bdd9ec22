/* Private: text layout shared by map placement and drawing, so a label
 * measures the same when placed as when drawn, on every surface. */
#ifndef CM__TEXT_H
#define CM__TEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>

typedef enum cm__font { CM__FONT_REGULAR, CM__FONT_BOLD, CM__FONT_ITALIC } cm__font;

/* The font family when none is given (a map's style may name another). */
#define CM__FAMILY_DEFAULT "DejaVu Sans"

/* A layout of text in font (of family, NULL for the default) at size
 * points for cr, with metrics hinting off so sizes do not depend on the
 * surface.  Caller unrefs it.  Its font is at a size of its own, which the
 * functions below scale: draw, measure and wrap it with them, never with
 * Pango's directly. */
PangoLayout *cm__text_layout(cairo_t *cr, const char *family, cm__font font, double size,
                             const char *text);

/* Logical width and height of a layout in points. */
void cm__text_size(PangoLayout *layout, double *w, double *h);

/* Factor from the layout's own units to points (its Pango extents times
 * this are its extents on the page). */
double cm__text_scale(PangoLayout *layout);

/* Draw the layout, or add its outlines to the path, with its top left
 * corner at the current point (pango_cairo_show_layout and
 * pango_cairo_layout_path, at its size). */
void cm__text_show(cairo_t *cr, PangoLayout *layout);
void cm__text_path(cairo_t *cr, PangoLayout *layout);

/* Wrap the layout at width points. */
void cm__text_set_width(PangoLayout *layout, double width);

/* Fonts loaded ahead: a font map of its own with the fonts of every face
 * loaded into it, made on a thread of its own while the caller does other
 * work, then adopted by the thread that draws (Pango keeps a font map per
 * thread, used by one thread at a time). */
typedef struct cm__fonts_ahead cm__fonts_ahead;

/* Start loading the fonts, measured at `scale` (the drawing's), into a
 * new font map.  NULL when no thread could be started: fonts then load
 * when first used, as without. */
cm__fonts_ahead *cm__fonts_ahead_start(double scale);

/* Wait until the font map is loaded and make it the calling thread's for
 * good (once; later calls do nothing).  ahead may be NULL. */
void cm__fonts_ahead_adopt(cm__fonts_ahead *ahead);

/* Wait for the loading thread and free ahead (NULL is ignored); the
 * thread that adopted the font map keeps it. */
void cm__fonts_ahead_free(cm__fonts_ahead *ahead);

/* Measure text without drawing. */
void cm__text_measure(cairo_t *cr, const char *family, cm__font font, double size,
                      const char *text, double *w, double *h);

/* Layouts of the texts a renderer draws again and again (labels, legend
 * words), keyed by family, font, size and text.  One cache per thread. */
typedef struct cm__text_cache cm__text_cache;

/* An empty cache, or NULL when out of memory. */
cm__text_cache *cm__text_cache_new(void);

void cm__text_cache_free(cm__text_cache *cache);

/* cm__text_layout through cache: the layout it holds for the same font,
 * size and text, else a new one that it keeps when `keep` (and it has
 * room).  cache may be NULL.  The caller unrefs the result either way. */
PangoLayout *cm__text_get(cm__text_cache *cache, cairo_t *cr, const char *family,
                          cm__font font, double size, const char *text, int keep);

/* cm__text_get and the layout's logical size (cm__text_size), which the
 * cache keeps with a layout it keeps. */
PangoLayout *cm__text_get_sized(cm__text_cache *cache, cairo_t *cr, const char *family,
                                cm__font font, double size, const char *text, int keep,
                                double *w, double *h);

#endif
