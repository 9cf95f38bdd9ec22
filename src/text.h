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

/* Measure text without drawing. */
void cm__text_measure(cairo_t *cr, cm__font font, double size, const char *text,
                      double *w, double *h);

#endif
