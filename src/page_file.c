#include "page_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "atomic_file.h"
#include "conflictmap/output.h"

static cairo_status_t write_atomic(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    cm__atomic *a = closure;
    cm__atomic_write(a, data, length);
    return a->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

/* Run draw on surface s, finish it and report the first failure. */
static cm_status draw_on(cairo_surface_t *s, const char *path, cm__draw_fn draw, void *ctx,
                         cm_error *err)
{
    cairo_t *cr = cairo_create(s);
    cm_status st = draw(cr, ctx, err);
    if (st == CM_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = cm_error_set(err, CM_ERR_RENDER, "%s: cairo: %s", path,
                          cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    cairo_surface_finish(s);
    const cairo_status_t cs = cairo_surface_status(s);
    if (st == CM_OK && cs != CAIRO_STATUS_SUCCESS)
        st = cm_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? CM_ERR_IO : CM_ERR_RENDER,
                          "%s: cairo: %s", path, cairo_status_to_string(cs));
    return st;
}

/* Write s escaped for XML character data. */
static void put_xml(cm__atomic *a, const char *s)
{
    for (; *s; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        cm__atomic_write(a, rep ? rep : s, rep ? strlen(rep) : 1);
    }
}

static void put_element(cm__atomic *a, const char *name, const char *text)
{
    if (!text)
        return;
    cm__atomic_write(a, "\n<", 2);
    cm__atomic_write(a, name, strlen(name));
    cm__atomic_write(a, ">", 1);
    put_xml(a, text);
    cm__atomic_write(a, "</", 2);
    cm__atomic_write(a, name, strlen(name));
    cm__atomic_write(a, ">", 1);
}

/* The SVG is drawn into memory, then copied with <title> and <desc> put
 * right after the opening <svg ...> tag. */
static cm_status write_svg(cm__atomic *a, const cm__page *page, cm__draw_fn draw, void *ctx,
                           cm_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    cairo_surface_t *s =
        cairo_svg_surface_create_for_stream(write_stream, mem, page->width, page->height);
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
    cm_status st = draw_on(s, a->path, draw, ctx, err);
    cairo_surface_destroy(s);
    if (fclose(mem) != 0 && st == CM_OK)
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    const char *open = st == CM_OK && buf ? strstr(buf, "<svg") : NULL;
    const char *end = open ? strchr(open, '>') : NULL;
    if (st == CM_OK && !end)
        st = cm_error_set(err, CM_ERR_RENDER, "%s: cairo wrote no <svg> element", a->path);
    if (st == CM_OK) {
        const size_t head = (size_t)(end + 1 - buf);
        cm__atomic_write(a, buf, head);
        put_element(a, "title", page->title);
        put_element(a, "desc", page->desc);
        cm__atomic_write(a, buf + head, len - head);
    }
    free(buf);
    return st;
}

cm_status cm__pdf_page_fits(const char *path, double width, double height, double dpi,
                            cm_error *err)
{
    const double side = width > height ? width : height;
    if (side <= CM__PDF_MAX_SIDE)
        return CM_OK;
    return cm_error_set(err, CM_ERR_INVALID,
                        "%s: a PDF page of %.0f x %.0f pt is larger than PDF's limit of "
                        "%.0f pt (200 in) a side; raise --dpi to %.0f or more, or lower "
                        "--width/--height",
                        path, width, height, CM__PDF_MAX_SIDE, ceil(dpi * side / CM__PDF_MAX_SIDE));
}

static cm_status write_pdf(cm__atomic *a, const cm__page *page, cm__draw_fn draw, void *ctx,
                           cm_error *err)
{
    const cm_status fits = cm__pdf_page_fits(a->path, page->width, page->height, page->dpi, err);
    if (fits != CM_OK)
        return fits;
    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(write_atomic, a, page->width, page->height);
    if (page->stamp) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, page->stamp);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, page->stamp);
    }
    if (page->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, page->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "conflictmap");
    cm_status st = draw_on(s, a->path, draw, ctx, err);
    cairo_surface_destroy(s);
    if (st != CM_OK && a->failed) /* cairo says only "error while writing" */
        st = cm__atomic_failure(a, err);
    return st;
}

/* Scale the page to pixels on a white ARGB image, then encode it. */
static cm_status write_png(cm__atomic *a, const cm__page *page, cm__draw_fn draw, void *ctx,
                           cm_error *err)
{
    const double k = page->dpi / 72.0;
    const double w = ceil(page->width * k - 1e-6), h = ceil(page->height * k - 1e-6);
    if (!(w >= 1 && h >= 1 && w <= 32767 && h <= 32767))
        return cm_error_set(err, CM_ERR_INVALID, "%s: %g x %g pixels is not a PNG size",
                            a->path, w, h);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, k, k);
    cm_status st = draw(cr, ctx, err);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    if (st == CM_OK && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        st = cm_error_set(err, CM_ERR_RENDER, "%s: cairo: %s", a->path,
                          cairo_status_to_string(cairo_surface_status(s)));
    if (st == CM_OK) {
        const cairo_status_t cs = cairo_surface_write_to_png_stream(s, write_atomic, a);
        if (cs != CAIRO_STATUS_SUCCESS)
            st = a->failed ? cm__atomic_failure(a, err)
                           : cm_error_set(err, CM_ERR_IO, "%s: %s", a->path,
                                          cairo_status_to_string(cs));
    }
    cairo_surface_destroy(s);
    return st;
}

cm_status cm__page_write(const char *path, const cm__page *page, cm__draw_fn draw, void *ctx,
                         cm_error *err)
{
    static cm_status (*const writers[])(cm__atomic *, const cm__page *, cm__draw_fn, void *,
                                        cm_error *) = {
        [CM_FORMAT_PNG] = write_png, [CM_FORMAT_SVG] = write_svg, [CM_FORMAT_PDF] = write_pdf};
    cm_format format;
    cm__atomic a;
    cm_status st = cm_output_format(path, &format, err);
    if (st != CM_OK || (st = cm__atomic_open(&a, path, err)) != CM_OK)
        return st;
    st = writers[format](&a, page, draw, ctx, err);
    if (st != CM_OK) {
        cm__atomic_abort(&a);
        return st;
    }
    return cm__atomic_commit(&a, err);
}
