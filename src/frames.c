#include "conflictmap/frames.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "png_bands.h"
#include "raster.h"

/* A renderer keeps the last frame it drew, the states it showed, the
 * layouts of its texts and the deflated bands of its PNG.  The next frame
 * redraws only the tiles of pixels where something that depends on the
 * date lies: provinces and markers whose state changed, the legend when
 * its counts changed, the title; and deflates only the bands of rows
 * holding a redrawn tile.  A tile drawn for the same states is the same
 * pixels however it was reached (render_rows.h), so every frame is
 * identical to one drawn whole by cm_output_image. */
struct cm_frame_renderer {
    const cm_map *map;
    const cm_timeline *tl;
    cm_lang lang;
    cm_output_options opts;
    cairo_surface_t *image; /* the last frame drawn, or NULL */
    cm_date image_date;
    cm_hold *shown;        /* the states image shows, per capital */
    cm_counts shown_counts;
    cm_hold *states;       /* scratch: the states of the frame being drawn */
    unsigned char *dirty;   /* per tile, band after band */
    cm__text_cache *texts;
    cm__png_bands *png;     /* the deflated bands of image, made on first use */
    cm__raster_pool *pool;  /* threads drawing with this one (opts.threads > 1) */
    cairo_t *measure;       /* measures text, on a 1 x 1 image */
};

#define CM__MAX_STEP 36500

cm_status cm_frames_plan(const cm_map *map, const cm_timeline *tl, cm_date from,
                         cm_date to, int step, int changes_only, cm_date **dates,
                         size_t *count, cm_error *err)
{
    char a[CM_DATE_ISO_LEN], b[CM_DATE_ISO_LEN];
    *dates = NULL;
    *count = 0;
    if (from > to) {
        cm_date_format_iso(from, a);
        cm_date_format_iso(to, b);
        return cm_error_set(err, CM_ERR_INVALID, "first date %s is after last date %s", a, b);
    }
    if (step < 1 || step > CM__MAX_STEP)
        return cm_error_set(err, CM_ERR_INVALID, "step of %d days out of range (1..%d)", step,
                            CM__MAX_STEP);
    const size_t n = (size_t)(((int64_t)to - from) / step) + 1;
    const size_t nc = cm_map_capital_count(map) + 1;
    cm_date *out = n <= SIZE_MAX / sizeof *out ? malloc(n * sizeof *out) : NULL;
    cm_hold *prev = changes_only ? calloc(nc, sizeof *prev) : NULL;
    cm_hold *cur = changes_only ? calloc(nc, sizeof *cur) : NULL;
    cm_status st = CM_OK;
    if (!out || (changes_only && (!prev || !cur))) {
        st = cm_error_set(err, CM_ERR_NOMEM, "frames: out of memory for %zu dates", n);
        goto out;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const cm_date d = (cm_date)(from + (int64_t)i * step);
        if (changes_only) {
            cm_render_states(map, tl, d, cur, NULL);
            if (kept > 0 && memcmp(cur, prev, nc * sizeof *cur) == 0)
                continue;
            cm_hold *t = prev;
            prev = cur;
            cur = t;
        }
        out[kept++] = d;
    }
    *dates = out;
    *count = kept;
    out = NULL;
out:
    free(out);
    free(prev);
    free(cur);
    return st;
}

cm_status cm_frame_renderer_create(const cm_map *map, const cm_timeline *tl, cm_lang lang,
                                   const cm_output_options *opts, cm_frame_renderer **out,
                                   cm_error *err)
{
    cm_frame_renderer *fr = calloc(1, sizeof *fr);
    const size_t nc = cm_map_capital_count(map) + 1;
    *out = NULL;
    if (fr) {
        fr->shown = calloc(nc, sizeof *fr->shown);
        fr->states = calloc(nc, sizeof *fr->states);
        fr->dirty = calloc((size_t)cm__band_count(map) * (size_t)cm__tile_cols(map), 1);
        fr->texts = cm__text_cache_new();
        cairo_surface_t *one = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
        fr->measure = cairo_create(one);
        cairo_surface_destroy(one);
        cairo_scale(fr->measure, map->opts.dpi / 72.0, map->opts.dpi / 72.0);
    }
    if (!fr || !fr->shown || !fr->states || !fr->dirty || !fr->texts ||
        cairo_status(fr->measure) != CAIRO_STATUS_SUCCESS) {
        cm_frame_renderer_free(fr);
        return cm_error_set(err, CM_ERR_NOMEM, "frames: out of memory");
    }
    fr->map = map;
    fr->tl = tl;
    fr->lang = lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    if (opts)
        fr->opts = *opts;
    else
        cm_output_options_init(&fr->opts);
    *out = fr;
    return CM_OK;
}

void cm_frame_renderer_free(cm_frame_renderer *fr)
{
    if (!fr)
        return;
    if (fr->image)
        cairo_surface_destroy(fr->image);
    cm__raster_pool_free(fr->pool);
    cm__text_cache_free(fr->texts);
    cm__png_bands_free(fr->png);
    if (fr->measure)
        cairo_destroy(fr->measure);
    free(fr->shown);
    free(fr->states);
    free(fr->dirty);
    free(fr);
}

/* Mark the tiles whose pixels a drawing over box can change: what
 * changes with the date is a fill, a marker, the legend's or the title's
 * text, none of which reaches further than antialiasing (1.5 pixels)
 * beyond its box; strokes and halos drawn over them change only pixels
 * that they change. */
static void mark_box(cm_frame_renderer *fr, cm_bbox box)
{
    const int nb = cm__band_count(fr->map), nc = cm__tile_cols(fr->map);
    box = cm__box_widen(box, 1.5 * 72.0 / fr->map->opts.dpi);
    for (int b = 0; b < nb; b++)
        for (int c = 0; c < nc; c++)
            if (!fr->dirty[b * nc + c] && cm__boxes_meet(cm__tile_pixels(fr->map, b, c), box))
                fr->dirty[b * nc + c] = 1;
}

/* Mark the tiles whose pixels differ between the frame shown and the one
 * for date with fr->states and counts. */
static void mark_changes(cm_frame_renderer *fr, cm_date date, const cm_counts *counts)
{
    const cm_map *map = fr->map;
    const cm_layer *P = map->provinces;
    if (date != fr->image_date) {
        mark_box(fr, cm__box_title(fr->measure, map, fr->image_date, fr->lang, fr->texts));
        mark_box(fr, cm__box_title(fr->measure, map, date, fr->lang, fr->texts));
    }
    if (memcmp(counts, &fr->shown_counts, sizeof *counts) != 0)
        mark_box(fr, cm__box_legend(map));
    for (size_t i = 0; i < map->n_capitals; i++)
        if (!cm_hold_same(fr->states[i], fr->shown[i]))
            mark_box(fr, cm__box_capital(map, i));
    for (size_t f = 0; f < P->n_features; f++) {
        const long c = map->province_capital[f];
        if (c >= 0 && !cm_hold_same(fr->states[c], fr->shown[c]))
            mark_box(fr, cm__box_feature(map, P, f));
    }
}

/* Forget the deflated bytes of the bands with a dirty tile. */
static void invalidate_png(cm_frame_renderer *fr)
{
    const int nb = cm__band_count(fr->map), nc = cm__tile_cols(fr->map);
    for (int b = 0; fr->png && b < nb; b++)
        for (int c = 0; c < nc; c++)
            if (fr->dirty[b * nc + c]) {
                cm__png_bands_invalidate(fr->png, b);
                break;
            }
}

/* Give fr an image of the map's size (content undefined). */
static cm_status new_image(cm_frame_renderer *fr, cm_error *err)
{
    const cm_map *map = fr->map;
    fr->image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, map->opts.width, map->opts.height);
    if (cairo_surface_status(fr->image) == CAIRO_STATUS_SUCCESS)
        return CM_OK;
    cairo_surface_destroy(fr->image);
    fr->image = NULL;
    return cm_error_set(err, CM_ERR_NOMEM, "frames: no %dx%d image", map->opts.width,
                        map->opts.height);
}

cm_status cm_frame_renderer_image(cm_frame_renderer *fr, cm_date date,
                                  cairo_surface_t **image, cm_counts *counts,
                                  cm_error *err)
{
    const cm_map *map = fr->map;
    const size_t nt = (size_t)cm__band_count(map) * (size_t)cm__tile_cols(map);
    cm_counts c;
    *image = NULL;
    cm_render_states(map, fr->tl, date, fr->states, &c);
    if (!fr->image) {
        cm_status st = new_image(fr, err);
        if (st != CM_OK)
            return st;
        memset(fr->dirty, 1, nt);
    } else {
        memset(fr->dirty, 0, nt);
        mark_changes(fr, date, &c);
    }
    /* Bands with a tile to draw lose their bytes, deflated again as drawn. */
    invalidate_png(fr);
    /* Kept threads share every frame's tiles (with their fonts loaded
     * once); without them, one thread draws. */
    if (fr->opts.threads > 1 && !fr->pool)
        fr->pool = cm__raster_pool_new(fr->opts.threads);
    const cm__raster job = {fr->image, map, fr->states, &c, date, fr->lang, fr->dirty, fr->png};
    const cm_status st = fr->pool ? cm__raster_pool_draw(fr->pool, &job, fr->texts, err)
                                  : cm__raster_draw(&job, 1, fr->texts, err);
    if (st != CM_OK) {
        /* A tile may be half drawn: start afresh next time. */
        cairo_surface_destroy(fr->image);
        fr->image = NULL;
        memset(fr->dirty, 1, nt);
        invalidate_png(fr);
        return st;
    }
    memcpy(fr->shown, fr->states, (cm_map_capital_count(map) + 1) * sizeof *fr->shown);
    fr->shown_counts = c;
    fr->image_date = date;
    *image = fr->image;
    if (counts)
        *counts = c;
    return CM_OK;
}

/* The band encoder of fr's PNGs, made on first use; NULL when cairo's
 * writer is asked for or memory is short. */
static cm__png_bands *png_encoder(cm_frame_renderer *fr)
{
    const cm_map *map = fr->map;
    if (fr->opts.png_writer == CM_PNG_LIBPNG && !fr->png)
        fr->png = cm__png_bands_new(map->opts.width, map->opts.height, CM__BAND_ROWS,
                                    fr->opts.png_compression);
    return fr->opts.png_writer == CM_PNG_LIBPNG ? fr->png : NULL;
}

/* Write the image as PNG through the band encoder (kept between frames),
 * or the general writer when it cannot (cairo's writer asked for, or the
 * image not opaque). */
static cm_status write_png(cm_frame_renderer *fr, const char *path, cm_error *err)
{
    cm__png_bands *png = png_encoder(fr);
    if (!png)
        return cm_output_write_image(fr->image, path, &fr->opts, err);
    cm__atomic a;
    cm_status st = cm__atomic_open(&a, path, err);
    if (st != CM_OK)
        return st;
    st = cm__png_bands_write(png, fr->image, &a, err);
    if (st != CM_OK) {
        cm__atomic_abort(&a);
        return st == CM_ERR_INVALID ? cm_output_write_image(fr->image, path, &fr->opts, err)
                                    : st;
    }
    return cm__atomic_commit(&a, err);
}

cm_status cm_frame_renderer_write(cm_frame_renderer *fr, cm_date date, const char *path,
                                  cm_counts *counts, cm_error *err)
{
    cm_format format;
    cm_status st = cm_output_format(path, &format, err);
    if (st != CM_OK)
        return st;
    if (format != CM_FORMAT_PNG) {
        if (counts)
            cm_render_states(fr->map, fr->tl, date, NULL, counts);
        return cm_output_write_opts(fr->map, fr->tl, date, fr->lang, path, &fr->opts, err);
    }
    cairo_surface_t *image = fr->image;
    if (!image || fr->image_date != date) {
        png_encoder(fr); /* so that bands are deflated as they are drawn */
        st = cm_frame_renderer_image(fr, date, &image, NULL, err);
    }
    if (st != CM_OK)
        return st;
    if (counts)
        *counts = fr->shown_counts;
    return write_png(fr, path, err);
}

cm_status cm_frame_renderer_copy_from(cm_frame_renderer *fr, const cm_frame_renderer *src,
                                      cm_error *err)
{
    const cm_map *map = fr->map;
    if (src->map != map || src->lang != fr->lang)
        return cm_error_set(err, CM_ERR_INVALID, "frames: copy from another map or language");
    if (!src->image)
        return CM_OK; /* nothing drawn: fr starts afresh */
    cm_status st = fr->image ? CM_OK : new_image(fr, err);
    if (st != CM_OK)
        return st;
    cairo_surface_flush(fr->image);
    const int stride = cairo_image_surface_get_stride(fr->image);
    memcpy(cairo_image_surface_get_data(fr->image), cairo_image_surface_get_data(src->image),
           (size_t)stride * (size_t)map->opts.height);
    cairo_surface_mark_dirty(fr->image);
    memcpy(fr->shown, src->shown, (cm_map_capital_count(map) + 1) * sizeof *fr->shown);
    fr->shown_counts = src->shown_counts;
    fr->image_date = src->image_date;
    cm__png_bands *png = src->png ? png_encoder(fr) : NULL;
    if (png && !cm__png_bands_copy(png, src->png)) {
        cm__png_bands_free(fr->png); /* made again, all stale, on the next PNG */
        fr->png = NULL;
    }
    return CM_OK;
}

struct cm_frame_manifest {
    cm__atomic file;
    int n_sides;
};

cm_status cm_frame_manifest_open(const char *path, const cm_sides *sides,
                                 cm_frame_manifest **out, cm_error *err)
{
    cm_sides fallback;
    cm_frame_manifest *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    cm_status st = sides ? CM_OK : cm_sides_default(&fallback, err);
    const cm_sides *s = sides ? sides : &fallback;
    if (st == CM_OK)
        st = cm__atomic_open(&m->file, path, err);
    if (st != CM_OK) {
        if (!sides)
            cm_sides_free(&fallback);
        free(m);
        return st;
    }
    m->n_sides = s->count;
    char header[CM_MAX_SIDES * (CM_SIDE_ID_MAX + 1) + 64] = "frame,date,file";
    for (int i = 0; i < s->count; i++) {
        strcat(header, ",");
        strcat(header, s->side[i].id);
    }
    strcat(header, ",attacked,contested,no_data\n");
    cm__atomic_write(&m->file, header, strlen(header));
    if (!sides)
        cm_sides_free(&fallback);
    *out = m;
    return CM_OK;
}

cm_status cm_frame_manifest_add(cm_frame_manifest *m, size_t frame, cm_date date,
                                const char *file, const cm_counts *counts, cm_error *err)
{
    char iso[CM_DATE_ISO_LEN], row[512];
    cm_date_format_iso(date, iso);
    if (strpbrk(file, ",\"\r\n"))
        return cm_error_set(err, CM_ERR_INVALID, "%s: frame file name '%.80s' needs quoting",
                            m->file.path, file);
    int k = snprintf(row, sizeof row, "%zu,%s,%s", frame, iso, file);
    for (int c = 0; c < CM_CAT_COUNT && k >= 0 && (size_t)k < sizeof row; c++)
        if (c < m->n_sides || c >= CM_CAT_ATTACKED)
            k += snprintf(row + k, sizeof row - (size_t)k, ",%d", counts->n[c]);
    if (k >= 0 && (size_t)k < sizeof row)
        k += snprintf(row + k, sizeof row - (size_t)k, "\n");
    if (k < 0 || (size_t)k >= sizeof row)
        return cm_error_set(err, CM_ERR_INVALID, "%s: frame file name '%.80s' too long",
                            m->file.path, file);
    cm__atomic_write(&m->file, row, (size_t)k);
    return CM_OK;
}

cm_status cm_frame_manifest_commit(cm_frame_manifest *m, cm_error *err)
{
    const cm_status st = cm__atomic_commit(&m->file, err);
    free(m);
    return st;
}

void cm_frame_manifest_abort(cm_frame_manifest *m)
{
    if (!m)
        return;
    cm__atomic_abort(&m->file);
    free(m);
}
