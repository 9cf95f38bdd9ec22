#include "conflictmap/output.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <cairo-svg.h>

#include "atomic_file.h"
#include "conflictmap/render.h"

cm_status cm_output_format(const char *path, cm_format *out, cm_error *err)
{
    static const struct {
        const char *ext;
        cm_format format;
    } formats[] = {{".png", CM_FORMAT_PNG}, {".svg", CM_FORMAT_SVG}, {".pdf", CM_FORMAT_PDF}};
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
            if (strcasecmp(dot, formats[i].ext) == 0) {
                *out = formats[i].format;
                return CM_OK;
            }
    return cm_error_set(err, CM_ERR_INVALID,
                        "%s: unknown output extension '%s' (use .png, .svg or .pdf)", path,
                        dot && (!slash || dot > slash) ? dot : "");
}

static cairo_status_t to_atomic(void *closure, const unsigned char *data, unsigned int n)
{
    cm__atomic *a = closure;
    cm__atomic_write(a, data, n);
    return a->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* A growable byte buffer for the SVG, which is edited before writing. */
typedef struct membuf {
    unsigned char *data;
    size_t len, cap;
    int failed;
} membuf;

static cairo_status_t to_memory(void *closure, const unsigned char *data, unsigned int n)
{
    membuf *m = closure;
    if (m->failed)
        return CAIRO_STATUS_NO_MEMORY;
    if (m->len + n > m->cap) {
        size_t ncap = m->cap ? m->cap : 65536;
        while (ncap < m->len + n && ncap < SIZE_MAX / 2)
            ncap *= 2;
        unsigned char *nd = realloc(m->data, ncap);
        if (!nd) {
            m->failed = 1;
            return CAIRO_STATUS_NO_MEMORY;
        }
        m->data = nd;
        m->cap = ncap;
    }
    memcpy(m->data + m->len, data, n);
    m->len += n;
    return CAIRO_STATUS_SUCCESS;
}

static cm_status surface_status(cairo_surface_t *s, const char *path, cm_error *err)
{
    const cairo_status_t cs = cairo_surface_status(s);
    if (cs == CAIRO_STATUS_SUCCESS)
        return CM_OK;
    return cm_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? CM_ERR_IO : CM_ERR_RENDER,
                        "%s: cairo: %s", path, cairo_status_to_string(cs));
}

/* Draw onto a vector surface whose user space is already the page. */
static cm_status draw_vector(cairo_surface_t *s, const cm_map *map, const cm_timeline *tl,
                             cm_date date, cm_lang lang, const char *path, cm_error *err)
{
    cairo_t *cr = cairo_create(s);
    cm_status st = cm_render_draw(cr, map, tl, date, lang, err);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CM_OK)
        st = surface_status(s, path, err);
    return st;
}

static void title_text(const cm_map *map, cm_date date, cm_lang lang, char *buf, size_t n)
{
    char day[64];
    cm_date_format_long(date, lang, day, sizeof day);
    snprintf(buf, n, "%s%s%s", map->title[lang], map->title[lang][0] ? ", " : "", day);
}

static cm_status write_pdf(const cm_map *map, const cm_timeline *tl, cm_date date,
                           cm_lang lang, cm__atomic *a, cm_error *err)
{
    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(to_atomic, a, map->page_w, map->page_h);
    char iso[CM_DATE_ISO_LEN], stamp[32], title[256];
    cm_date_format_iso(date, iso);
    snprintf(stamp, sizeof stamp, "%sT00:00:00Z", iso);
    title_text(map, date, lang, title, sizeof title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, stamp);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "conflictmap");
    cm_status st = draw_vector(s, map, tl, date, lang, a->path, err);
    cairo_surface_destroy(s);
    return st;
}

/* Escape &, <, > for XML text. */
static void xml_escape(const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (; *in && o + 6 < n; in++) {
        const char *rep = *in == '&' ? "&amp;" : *in == '<' ? "&lt;" : *in == '>' ? "&gt;" : NULL;
        if (rep) {
            memcpy(out + o, rep, strlen(rep));
            o += strlen(rep);
        } else {
            out[o++] = *in;
        }
    }
    out[o] = '\0';
}

/* cairo draws glyphs as outlines; give the SVG a <title> so the map's
 * title is real, searchable text for readers and screen readers. */
static cm_status write_svg(const cm_map *map, const cm_timeline *tl, cm_date date,
                           cm_lang lang, cm__atomic *a, cm_error *err)
{
    membuf m = {0};
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_memory, &m, map->page_w,
                                                             map->page_h);
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
    cm_status st = draw_vector(s, map, tl, date, lang, a->path, err);
    cairo_surface_destroy(s);
    if (st == CM_OK && m.failed)
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    const char *open = st == CM_OK ? strstr((const char *)m.data, "<svg") : NULL;
    const char *end = open ? strchr(open, '>') : NULL;
    if (st == CM_OK && !end)
        st = cm_error_set(err, CM_ERR_RENDER, "%s: cairo wrote no <svg> element", a->path);
    if (st == CM_OK) {
        char title[256], esc[1024], elem[1200];
        title_text(map, date, lang, title, sizeof title);
        xml_escape(title, esc, sizeof esc);
        const int k = snprintf(elem, sizeof elem, "\n<title>%s</title>", esc);
        const size_t head = (size_t)(end + 1 - (const char *)m.data);
        cm__atomic_write(a, m.data, head);
        cm__atomic_write(a, elem, (size_t)k);
        cm__atomic_write(a, m.data + head, m.len - head);
    }
    free(m.data);
    return st;
}

cm_status cm_output_image(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, cairo_surface_t **out, cm_error *err)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, map->opts.width, map->opts.height);
    cm_status st = surface_status(s, "image", err);
    if (st == CM_OK) {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, map->opts.dpi / 72.0, map->opts.dpi / 72.0);
        st = cm_render_draw(cr, map, tl, date, lang, err);
        cairo_destroy(cr);
        cairo_surface_flush(s);
    }
    if (st != CM_OK) {
        cairo_surface_destroy(s);
        s = NULL;
    }
    *out = s;
    return st;
}

static cm_status png_to_atomic(cairo_surface_t *image, cm__atomic *a, cm_error *err)
{
    const cairo_status_t cs = cairo_surface_write_to_png_stream(image, to_atomic, a);
    if (cs != CAIRO_STATUS_SUCCESS)
        return cm_error_set(err, a->failed ? CM_ERR_IO : CM_ERR_RENDER, "%s: %s", a->path,
                            a->failed ? strerror(a->failed) : cairo_status_to_string(cs));
    return CM_OK;
}

static cm_status write_png(const cm_map *map, const cm_timeline *tl, cm_date date,
                           cm_lang lang, cm__atomic *a, cm_error *err)
{
    cairo_surface_t *s;
    cm_status st = cm_output_image(map, tl, date, lang, &s, err);
    if (st != CM_OK)
        return st;
    st = png_to_atomic(s, a, err);
    cairo_surface_destroy(s);
    return st;
}

cm_status cm_output_write_image(cairo_surface_t *image, const char *path, cm_error *err)
{
    if (cairo_surface_get_type(image) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(image) != CAIRO_FORMAT_ARGB32)
        return cm_error_set(err, CM_ERR_INVALID, "%s: not an ARGB32 image", path);
    cm__atomic a;
    cm_status st = cm__atomic_open(&a, path, err);
    if (st != CM_OK)
        return st;
    if ((st = png_to_atomic(image, &a, err)) != CM_OK) {
        cm__atomic_abort(&a);
        return st;
    }
    return cm__atomic_commit(&a, err);
}

cm_status cm_output_write(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, const char *path, cm_error *err)
{
    cm_format format;
    cm__atomic a;
    cm_status st = cm_output_format(path, &format, err);
    if (st != CM_OK)
        return st;
    if ((st = cm__atomic_open(&a, path, err)) != CM_OK)
        return st;
    lang = lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    switch (format) {
    case CM_FORMAT_PNG:
        st = write_png(map, tl, date, lang, &a, err);
        break;
    case CM_FORMAT_SVG:
        st = write_svg(map, tl, date, lang, &a, err);
        break;
    default:
        st = write_pdf(map, tl, date, lang, &a, err);
        break;
    }
    if (st != CM_OK) {
        cm__atomic_abort(&a);
        return st;
    }
    return cm__atomic_commit(&a, err);
}

void cm_output_release_caches(void)
{
    pango_cairo_font_map_set_default(NULL);
}
