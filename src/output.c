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
#include "page_file.h"
#include "layout.h"
#include "conflictmap/render.h"
#include "png_bands.h"
#include "raster.h"

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


static cm_status write_pdf(const cm_map *map, const cm_timeline *tl, cm_date date,
                           cm_lang lang, cm__atomic *a, cm_error *err)
{
    const cm_status fits =
        cm__pdf_page_fits(a->path, map->page_w, map->page_h, map->opts.dpi, err);
    if (fits != CM_OK)
        return fits;
    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(to_atomic, a, map->page_w, map->page_h);
    char iso[CM_DATE_ISO_LEN], stamp[32], title[CM__TITLE_MAX];
    cm_date_format_iso(date, iso);
    snprintf(stamp, sizeof stamp, "%sT00:00:00Z", iso);
    cm__map_title(map, date, lang, title, sizeof title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, stamp);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "conflictmap");
    cm_status st = draw_vector(s, map, tl, date, lang, a->path, err);
    cairo_surface_destroy(s);
    if (st != CM_OK && a->failed) /* cairo says only "error while writing" */
        st = cm__atomic_failure(a, err);
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
        char title[CM__TITLE_MAX], esc[6 * CM__TITLE_MAX], elem[6 * CM__TITLE_MAX + 32];
        cm__map_title(map, date, lang, title, sizeof title);
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

/* A new image of map for date, drawn by `threads` threads; with png, its
 * bands are also deflated into it (which must be of the image's size). */
static cm_status draw_image(const cm_map *map, const cm_timeline *tl, cm_date date,
                            cm_lang lang, int threads, cm__png_bands *png,
                            cairo_surface_t **out, cm_error *err)
{
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, map->opts.width, map->opts.height);
    cm_hold *states = malloc((map->n_capitals + 1) * sizeof *states);
    cm__text_cache *texts = cm__text_cache_new();
    cm_status st = surface_status(s, "image", err);
    if (st == CM_OK && (!states || !texts))
        st = cm_error_set(err, CM_ERR_NOMEM, "image: out of memory");
    if (st == CM_OK) {
        cm_counts counts;
        cm_render_states(map, tl, date, states, &counts);
        const cm__raster job = {s, map, states, &counts, date, lang, NULL, png};
        st = cm__raster_draw(&job, threads, texts, err);
    }
    cm__text_cache_free(texts);
    free(states);
    if (st != CM_OK) {
        cairo_surface_destroy(s);
        s = NULL;
    }
    *out = s;
    return st;
}

cm_status cm_output_image(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, cairo_surface_t **out, cm_error *err)
{
    return draw_image(map, tl, date, lang, 1, NULL, out, err);
}

void cm_output_options_init(cm_output_options *o)
{
    memset(o, 0, sizeof *o);
    o->png_compression = CM_PNG_COMPRESSION_DEFAULT;
    o->png_writer = CM_PNG_LIBPNG;
    o->threads = 1;
}

static cm_status check_options(const cm_output_options *o, cm_error *err)
{
    if (o->png_compression < 0 || o->png_compression > 9)
        return cm_error_set(err, CM_ERR_INVALID, "PNG compression %d out of range (0..9)",
                            o->png_compression);
    if (o->png_writer != CM_PNG_LIBPNG && o->png_writer != CM_PNG_CAIRO)
        return cm_error_set(err, CM_ERR_INVALID, "unknown PNG writer %d", (int)o->png_writer);
    if (o->threads < 1 || o->threads > 64)
        return cm_error_set(err, CM_ERR_INVALID, "%d threads out of range (1..64)", o->threads);
    return CM_OK;
}

/* 1 if every pixel of the image has alpha 255. */
static int image_opaque(const unsigned char *data, int w, int h, int stride)
{
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            if (row[x] < 0xFF000000u)
                return 0;
    }
    return 1;
}

/* One row of cairo's native-endian, premultiplied ARGB32 as RGB bytes
 * (opaque) or RGBA with the colour un-premultiplied as cairo's writer does. */
static void convert_row(const uint32_t *src, unsigned char *dst, int w, int opaque)
{
    for (int x = 0; x < w; x++) {
        const uint32_t p = src[x];
        unsigned r = p >> 16 & 0xFF, g = p >> 8 & 0xFF, b = p & 0xFF;
        if (opaque) {
            dst[0] = (unsigned char)r;
            dst[1] = (unsigned char)g;
            dst[2] = (unsigned char)b;
            dst += 3;
            continue;
        }
        const unsigned a = p >> 24;
        if (a == 0) {
            r = g = b = 0;
        } else if (a < 255) {
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        dst[0] = (unsigned char)r;
        dst[1] = (unsigned char)g;
        dst[2] = (unsigned char)b;
        dst[3] = (unsigned char)a;
        dst += 4;
    }
}

/* Write an ARGB32 image with libpng at zlib level `level`, no row filter. */
static cm_status png_libpng(cairo_surface_t *img, cm__atomic *a, int level, cm_error *err)
{
    char msg[CM__PNG_MSG] = "";
    cairo_surface_flush(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    const int stride = cairo_image_surface_get_stride(img);
    const int opaque = data ? image_opaque(data, w, h, stride) : 1;
    png_infop info = NULL;
    png_structp png = cm__png_writer_new(a, msg, &info);
    unsigned char *row = malloc((size_t)w * 4 + 1);
    if (!data || !png || !info || !row) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return cm_error_set(err, data ? CM_ERR_NOMEM : CM_ERR_RENDER, "%s: %s", a->path,
                            data ? "out of memory" : "image has no pixels");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        if (a->failed)
            return cm_error_set(err, CM_ERR_IO, "%s: cannot write: %s", a->path,
                                strerror(a->failed));
        return cm_error_set(err, CM_ERR_RENDER, "%s: libpng: %s", a->path, msg);
    }
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        convert_row((const uint32_t *)(data + (size_t)y * (size_t)stride), row, w, opaque);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return CM_OK;
}

static cm_status png_cairo(cairo_surface_t *image, cm__atomic *a, cm_error *err)
{
    const cairo_status_t cs = cairo_surface_write_to_png_stream(image, to_atomic, a);
    if (cs != CAIRO_STATUS_SUCCESS)
        return cm_error_set(err, a->failed ? CM_ERR_IO : CM_ERR_RENDER, "%s: %s", a->path,
                            a->failed ? strerror(a->failed) : cairo_status_to_string(cs));
    return CM_OK;
}

static cm_status png_to_atomic(cairo_surface_t *image, cm__atomic *a,
                               const cm_output_options *o, cm_error *err)
{
    if (o->png_writer == CM_PNG_CAIRO)
        return png_cairo(image, a, err);
    return png_libpng(image, a, o->png_compression, err);
}

/* A map as PNG: libpng's bands deflated as they are drawn (by o->threads
 * threads), or cairo's writer. */
static cm_status write_png(const cm_map *map, const cm_timeline *tl, cm_date date,
                           cm_lang lang, cm__atomic *a, const cm_output_options *o,
                           cm_error *err)
{
    cm__png_bands *png = NULL;
    if (o->png_writer == CM_PNG_LIBPNG &&
        !(png = cm__png_bands_new(map->opts.width, map->opts.height, CM__BAND_ROWS,
                                  o->png_compression)))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    cairo_surface_t *s = NULL;
    cm_status st = draw_image(map, tl, date, lang, o->threads, png, &s, err);
    if (st == CM_OK && png) {
        st = cm__png_bands_write(png, s, a, err);
        if (st == CM_ERR_INVALID) /* not opaque after all: the general writer */
            st = png_to_atomic(s, a, o, err);
    } else if (st == CM_OK) {
        st = png_to_atomic(s, a, o, err);
    }
    if (s)
        cairo_surface_destroy(s);
    cm__png_bands_free(png);
    return st;
}

cm_status cm_output_write_image(cairo_surface_t *image, const char *path,
                                const cm_output_options *opts, cm_error *err)
{
    cm_output_options defaults;
    if (!opts) {
        cm_output_options_init(&defaults);
        opts = &defaults;
    }
    cm_status st = check_options(opts, err);
    if (st != CM_OK)
        return st;
    if (cairo_surface_get_type(image) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(image) != CAIRO_FORMAT_ARGB32)
        return cm_error_set(err, CM_ERR_INVALID, "%s: not an ARGB32 image", path);
    cm__atomic a;
    if ((st = cm__atomic_open(&a, path, err)) != CM_OK)
        return st;
    if ((st = png_to_atomic(image, &a, opts, err)) != CM_OK) {
        cm__atomic_abort(&a);
        return st;
    }
    return cm__atomic_commit(&a, err);
}

cm_status cm_output_write(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, const char *path, cm_error *err)
{
    return cm_output_write_opts(map, tl, date, lang, path, NULL, err);
}

cm_status cm_output_write_opts(const cm_map *map, const cm_timeline *tl, cm_date date,
                               cm_lang lang, const char *path, const cm_output_options *opts,
                               cm_error *err)
{
    cm_format format;
    cm__atomic a;
    cm_output_options defaults;
    if (!opts) {
        cm_output_options_init(&defaults);
        opts = &defaults;
    }
    cm_status st = check_options(opts, err);
    if (st == CM_OK)
        st = cm_output_format(path, &format, err);
    if (st != CM_OK)
        return st;
    if ((st = cm__atomic_open(&a, path, err)) != CM_OK)
        return st;
    lang = lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    switch (format) {
    case CM_FORMAT_PNG:
        st = write_png(map, tl, date, lang, &a, opts, err);
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
