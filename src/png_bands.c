#include "png_bands.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "png_rows.h"

typedef struct band {
    unsigned char *z; /* deflated rows, or NULL when stale */
    size_t len, cap;
    uLong adler;      /* Adler-32 of the band's raw (filtered) rows */
} band;

/* What deflating needs, one per thread. */
struct cm__png_deflater {
    unsigned char *row; /* one raw row: filter byte and RGB */
    unsigned char *out; /* room for a band deflated at worst */
    size_t out_cap;
    z_stream zs;
};

struct cm__png_bands {
    int w, h, band_rows, n, level;
    band *bands;
    cm__png_deflater *own; /* for cm__png_bands_write */
};

cm__png_deflater *cm__png_deflater_new(const cm__png_bands *pb)
{
    cm__png_deflater *z = calloc(1, sizeof *z);
    if (z && (z->row = malloc((size_t)pb->w * 3 + 1)) &&
        deflateInit2(&z->zs, pb->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK)
        return z;
    if (z)
        free(z->row);
    free(z);
    return NULL;
}

void cm__png_deflater_free(cm__png_deflater *z)
{
    if (!z)
        return;
    deflateEnd(&z->zs);
    free(z->row);
    free(z->out);
    free(z);
}

cm__png_bands *cm__png_bands_new(int w, int h, int band_rows, int level)
{
    if (w <= 0 || h <= 0 || band_rows <= 0 || (size_t)w > (SIZE_MAX - 1) / 3)
        return NULL;
    cm__png_bands *pb = calloc(1, sizeof *pb);
    if (!pb)
        return NULL;
    pb->w = w;
    pb->h = h;
    pb->band_rows = band_rows;
    pb->n = (h + band_rows - 1) / band_rows;
    pb->level = level;
    pb->bands = calloc((size_t)pb->n, sizeof *pb->bands);
    if (!pb->bands || !(pb->own = cm__png_deflater_new(pb))) {
        cm__png_bands_free(pb);
        return NULL;
    }
    return pb;
}

void cm__png_bands_free(cm__png_bands *pb)
{
    if (!pb)
        return;
    for (int b = 0; pb->bands && b < pb->n; b++)
        free(pb->bands[b].z);
    cm__png_deflater_free(pb->own);
    free(pb->bands);
    free(pb);
}

int cm__png_bands_copy(cm__png_bands *pb, const cm__png_bands *src)
{
    const int same = pb->w == src->w && pb->h == src->h && pb->band_rows == src->band_rows &&
                     pb->level == src->level;
    for (int b = 0; b < pb->n; b++) {
        band *d = &pb->bands[b];
        const band *s = &src->bands[b];
        d->len = 0;
        if (!same || s->len == 0)
            continue;
        if (d->cap < s->len) {
            unsigned char *grown = realloc(d->z, s->len);
            if (!grown)
                return 0;
            d->z = grown;
            d->cap = s->len;
        }
        memcpy(d->z, s->z, s->len);
        d->len = s->len;
        d->adler = s->adler;
    }
    return same;
}

void cm__png_bands_invalidate(cm__png_bands *pb, int b)
{
    if (b >= 0 && b < pb->n)
        pb->bands[b].len = 0, pb->bands[b].adler = 0;
}

int cm__png_bands_deflate(cm__png_bands *pb, cm__png_deflater *z, const unsigned char *data,
                          int stride, int b)
{
    band *bd = &pb->bands[b];
    const int y0 = b * pb->band_rows;
    const int y1 = y0 + pb->band_rows < pb->h ? y0 + pb->band_rows : pb->h;
    const size_t raw = (size_t)(y1 - y0) * ((size_t)pb->w * 3 + 1);
    const size_t bound = deflateBound(&z->zs, (uLong)raw) + 16;
    if (z->out_cap < bound) {
        unsigned char *grown = realloc(z->out, bound);
        if (!grown)
            return 0;
        z->out = grown;
        z->out_cap = bound;
    }
    deflateReset(&z->zs);
    z->zs.next_out = z->out;
    z->zs.avail_out = (uInt)z->out_cap;
    uint32_t adler = 1;
    for (int y = y0; y < y1; y++) {
        const uint32_t *src = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        z->row[0] = 0; /* filter: none */
        if (cm__rgb_row(src, (size_t)pb->w, z->row + 1) != 0xFF)
            return -1;
        const uInt n = (uInt)((size_t)pb->w * 3 + 1);
        adler = cm__adler32(adler, z->row, n);
        z->zs.next_in = z->row;
        z->zs.avail_in = n;
        const int zr = deflate(&z->zs, y + 1 < y1 ? Z_NO_FLUSH : Z_SYNC_FLUSH);
        if ((zr != Z_OK && zr != Z_BUF_ERROR) || z->zs.avail_in != 0)
            return 0; /* cannot happen with deflateBound's room */
    }
    /* Keep just the bytes: a map's band deflates to a few kilobytes. */
    const size_t len = z->out_cap - z->zs.avail_out;
    if (bd->cap < len || bd->cap > 2 * len + 4096) {
        unsigned char *fit = realloc(bd->z, len);
        if (!fit)
            return 0;
        bd->z = fit;
        bd->cap = len;
    }
    memcpy(bd->z, z->out, len);
    bd->len = len;
    bd->adler = adler;
    return 1;
}

static void png_to_atomic(png_structp png, png_bytep data, size_t n)
{
    cm__atomic *a = png_get_io_ptr(png);
    cm__atomic_write(a, data, n);
    if (a->failed)
        png_error(png, "write failed");
}

static void png_flush(png_structp png) { (void)png; }

/* libpng reports through these; the library never prints. */
static void png_fail(png_structp png, png_const_charp msg)
{
    snprintf(png_get_error_ptr(png), CM__PNG_MSG, "%s", msg);
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

png_structp cm__png_writer_new(cm__atomic *a, char *msg, png_infop *info)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, msg, png_fail, png_quiet);
    *info = png ? png_create_info_struct(png) : NULL;
    if (!*info) {
        png_destroy_write_struct(&png, NULL);
        return NULL;
    }
    png_set_write_fn(png, a, png_to_atomic, png_flush);
    return png;
}

/* Frame the bands with libpng: signature and IHDR, one IDAT of `total`
 * bytes holding the zlib stream (header, bands, final block, `adler`),
 * IEND. */
static cm_status frame_bands(cm__png_bands *pb, cm__atomic *a, size_t total, uLong adler,
                             cm_error *err)
{
    static const unsigned char zhead[2] = {0x78, 0x01}, last[2] = {0x03, 0x00};
    char msg[CM__PNG_MSG] = "";
    unsigned char tail[4];
    for (int i = 0; i < 4; i++)
        tail[i] = (unsigned char)(adler >> (24 - 8 * i));
    png_infop info = NULL;
    png_structp png = cm__png_writer_new(a, msg, &info);
    if (!png)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return a->failed ? cm__atomic_failure(a, err)
                         : cm_error_set(err, CM_ERR_RENDER, "%s: libpng: %s", a->path, msg);
    }
    png_set_IHDR(png, info, (png_uint_32)pb->w, (png_uint_32)pb->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_chunk_start(png, (png_const_bytep) "IDAT", (png_uint_32)total);
    png_write_chunk_data(png, zhead, sizeof zhead);
    for (int b = 0; b < pb->n; b++)
        png_write_chunk_data(png, pb->bands[b].z, pb->bands[b].len);
    png_write_chunk_data(png, last, sizeof last);
    png_write_chunk_data(png, tail, sizeof tail);
    png_write_chunk_end(png);
    png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
    png_destroy_write_struct(&png, &info);
    return CM_OK;
}

/* The zlib stream's length and Adler-32, from the bands'. */
static cm_status write_file(cm__png_bands *pb, cm__atomic *a, cm_error *err)
{
    size_t total = 2 + 2 + 4; /* header, final block, Adler-32 */
    uLong adler = adler32(0L, Z_NULL, 0);
    const size_t row = (size_t)pb->w * 3 + 1;
    for (int b = 0; b < pb->n; b++) {
        const int rows = b + 1 < pb->n ? pb->band_rows : pb->h - b * pb->band_rows;
        adler = adler32_combine(adler, pb->bands[b].adler, (z_off_t)(row * (size_t)rows));
        total += pb->bands[b].len;
    }
    if (total > 0x7FFFFFFFu)
        return cm_error_set(err, CM_ERR_INVALID, "%s: image too large for one PNG chunk",
                            a->path);
    return frame_bands(pb, a, total, adler, err);
}

cm_status cm__png_bands_write(cm__png_bands *pb, cairo_surface_t *image, cm__atomic *a,
                              cm_error *err)
{
    cairo_surface_flush(image);
    const unsigned char *data = cairo_image_surface_get_data(image);
    if (!data || cairo_image_surface_get_width(image) != pb->w ||
        cairo_image_surface_get_height(image) != pb->h)
        return cm_error_set(err, CM_ERR_INVALID, "%s: image is not %dx%d", a->path, pb->w,
                            pb->h);
    const int stride = cairo_image_surface_get_stride(image);
    for (int b = 0; b < pb->n; b++) {
        const int r = pb->bands[b].len ? 1 : cm__png_bands_deflate(pb, pb->own, data, stride, b);
        if (r < 0)
            return cm_error_set(err, CM_ERR_INVALID, "%s: image is not opaque", a->path);
        if (r == 0)
            return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->path);
    }
    return write_file(pb, a, err);
}
