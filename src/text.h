/* Private: text layout shared by map placement and drawing, so a label
 * measures the same when placed as when drawn, on every surface. */
#ifndef CM__TEXT_H
#define CM__TEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>

typedef enum cm__font { CM__FONT_REGULAR, CM__FONT_BOLD, CM__FONT_ITALIC } cm__font;

/* A layout of text in font at size points for cr, with metrics hinting
 * off so sizes do not depend on the surface.  Caller unrefs it. */
PangoLayout *cm__text_layout(cairo_t *cr, cm__font font, double size, const char *text);

/* Logical width and height of a layout in points. */
void cm__text_size(PangoLayout *layout, double *w, double *h);

/* Start this thread's font map, so that Pango reads the system's font
 * configuration (in a thread of its own) while the caller does other
 * work; text calls then find it ready.  Safe to call more than once. */
void cm__text_warm_up(void);

/* Measure text without drawing. */
void cm__text_measure(cairo_t *cr, cm__font font, double size, const char *text,
                      double *w, double *h);

/* Layouts of the texts a renderer draws again and again (labels, legend
 * words), keyed by font, size and text.  One cache per thread. */
typedef struct cm__text_cache cm__text_cache;

/* An empty cache, or NULL when out of memory. */
cm__text_cache *cm__text_cache_new(void);

void cm__text_cache_free(cm__text_cache *cache);

/* cm__text_layout through cache: the layout it holds for the same font,
 * size and text, else a new one that it keeps when `keep` (and it has
 * room).  cache may be NULL.  The caller unrefs the result either way. */
PangoLayout *cm__text_get(cm__text_cache *cache, cairo_t *cr, cm__font font, double size,
                          const char *text, int keep);

/* cm__text_get and the layout's logical size (cm__text_size), which the
 * cache keeps with a layout it keeps. */
PangoLayout *cm__text_get_sized(cm__text_cache *cache, cairo_t *cr, cm__font font,
                                double size, const char *text, int keep, double *w, double *h);

#endif
