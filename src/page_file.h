/* Private: a drawing written to a PNG, SVG or PDF file (the format from the
 * file's extension), whole or not at all.  For figures other than the map
 * (which output.c writes): the chart of a report. */
#ifndef CM__PAGE_FILE_H
#define CM__PAGE_FILE_H

#include <cairo.h>

#include "conflictmap/error.h"

/* Draws the page on cr, whose user space is the page in points. */
typedef cm_status (*cm__draw_fn)(cairo_t *cr, void *ctx, cm_error *err);

typedef struct cm__page {
    double width, height; /* points */
    double dpi;           /* pixels per inch of a PNG */
    const char *title;    /* SVG <title> and PDF title; NULL for none */
    const char *desc;     /* SVG <desc> (what the figure says); NULL for none */
    const char *stamp;    /* PDF creation date "YYYY-MM-DDTHH:MM:SSZ", or NULL */
} cm__page;

/* Draw the page with draw(cr, ctx, err) and write it to path.  SVG is
 * restricted to version 1.1 in points; cairo draws text as glyph outlines,
 * so title and desc are the SVG's real text.  Errors name path. */
cm_status cm__page_write(const char *path, const cm__page *page, cm__draw_fn draw, void *ctx,
                         cm_error *err);

/* PDF's largest page side in points (ISO 32000 Annex C: 14,400 units). */
#define CM__PDF_MAX_SIDE 14400.0

/* CM_OK if a PDF page of width x height points is legal, else an error
 * naming path and the --dpi that would make it fit (dpi: the pixels per
 * inch the page was sized with). */
cm_status cm__pdf_page_fits(const char *path, double width, double height, double dpi,
                            cm_error *err);

#endif
