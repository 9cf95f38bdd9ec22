#include "conflictmap/frames.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"

struct cm_frame_renderer {
    const cm_map *map;
    const cm_timeline *tl;
    cm_lang lang;
    cairo_surface_t *image; /* the last frame drawn, or NULL */
    cm_date image_date;
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
    cm_state *prev = changes_only ? calloc(nc, sizeof *prev) : NULL;
    cm_state *cur = changes_only ? calloc(nc, sizeof *cur) : NULL;
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
            cm_state *t = prev;
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
                                   cm_frame_renderer **out, cm_error *err)
{
    cm_frame_renderer *fr = calloc(1, sizeof *fr);
    *out = NULL;
    if (!fr)
        return cm_error_set(err, CM_ERR_NOMEM, "frames: out of memory");
    fr->map = map;
    fr->tl = tl;
    fr->lang = lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    *out = fr;
    return CM_OK;
}

void cm_frame_renderer_free(cm_frame_renderer *fr)
{
    if (!fr)
        return;
    if (fr->image)
        cairo_surface_destroy(fr->image);
    free(fr);
}

cm_status cm_frame_renderer_image(cm_frame_renderer *fr, cm_date date,
                                  cairo_surface_t **image, cm_counts *counts,
                                  cm_error *err)
{
    if (fr->image) {
        cairo_surface_destroy(fr->image);
        fr->image = NULL;
    }
    *image = NULL;
    cm_status st = cm_output_image(fr->map, fr->tl, date, fr->lang, &fr->image, err);
    if (st != CM_OK)
        return st;
    fr->image_date = date;
    *image = fr->image;
    if (counts)
        cm_render_states(fr->map, fr->tl, date, NULL, counts);
    return CM_OK;
}

cm_status cm_frame_renderer_write(cm_frame_renderer *fr, cm_date date, const char *path,
                                  cm_counts *counts, cm_error *err)
{
    cm_format format;
    cm_status st = cm_output_format(path, &format, err);
    if (st != CM_OK)
        return st;
    if (counts)
        cm_render_states(fr->map, fr->tl, date, NULL, counts);
    if (format != CM_FORMAT_PNG)
        return cm_output_write(fr->map, fr->tl, date, fr->lang, path, err);
    cairo_surface_t *image = fr->image;
    if (!image || fr->image_date != date)
        st = cm_frame_renderer_image(fr, date, &image, NULL, err);
    return st == CM_OK ? cm_output_write_image(image, path, err) : st;
}

struct cm_frame_manifest {
    cm__atomic file;
};

cm_status cm_frame_manifest_open(const char *path, cm_frame_manifest **out, cm_error *err)
{
    static const char header[] = "frame,date,file,government,attacked,contested,fallen,retaken\n";
    cm_frame_manifest *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    const cm_status st = cm__atomic_open(&m->file, path, err);
    if (st != CM_OK) {
        free(m);
        return st;
    }
    cm__atomic_write(&m->file, header, sizeof header - 1);
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
    const int k = snprintf(row, sizeof row, "%zu,%s,%s,%d,%d,%d,%d,%d\n", frame, iso, file,
                           counts->state[CM_STATE_GOVERNMENT], counts->state[CM_STATE_ATTACKED],
                           counts->state[CM_STATE_CONTESTED], counts->state[CM_STATE_FALLEN],
                           counts->state[CM_STATE_RETAKEN]);
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
