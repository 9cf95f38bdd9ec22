/* conflictmap: frame sequences, one map per date.
 *
 * A frame plan lists the dates of an animation: every `step` days from
 * `from` to `to`, or only the dates on which some capital of the map
 * changes state.  A frame renderer draws frames of one map for any date,
 * keeping between frames what does not change; one renderer per thread,
 * any number of renderers over one shared, read-only cm_map and timeline.
 * Every frame of a map has the same page, extent, legend and palette.
 */
#ifndef CONFLICTMAP_FRAMES_H
#define CONFLICTMAP_FRAMES_H

#include <cairo.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/map.h"
#include "conflictmap/output.h"
#include "conflictmap/render.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The dates from `from` to `to` inclusive, every `step` days (1..36500).
 * With changes_only, only the first date and those on which the state of
 * some capital of map differs from the previous date kept.  *dates is
 * malloc'd (the caller frees it) and holds *count dates, at least one.
 * CM_ERR_INVALID names a reversed range or a bad step. */
cm_status cm_frames_plan(const cm_map *map, const cm_timeline *tl, cm_date from,
                         cm_date to, int step, int changes_only, cm_date **dates,
                         size_t *count, cm_error *err);

typedef struct cm_frame_renderer cm_frame_renderer;

/* A renderer of map's frames in lang, writing files with opts (NULL for
 * the defaults; opts->threads threads share the drawing of every frame:
 * the renderer keeps the others from its first frame to its end).  map
 * and tl must outlive it.  Not thread-safe: use one per thread.  Free
 * with cm_frame_renderer_free. */
cm_status cm_frame_renderer_create(const cm_map *map, const cm_timeline *tl, cm_lang lang,
                                   const cm_output_options *opts, cm_frame_renderer **out,
                                   cm_error *err);

void cm_frame_renderer_free(cm_frame_renderer *fr);

/* Draw the frame for date as an ARGB32 image of the map's pixel size.
 * *image belongs to the renderer and stays valid until its next call;
 * counts (may be NULL) receives the legend's counts. */
cm_status cm_frame_renderer_image(cm_frame_renderer *fr, cm_date date,
                                  cairo_surface_t **image, cm_counts *counts,
                                  cm_error *err);

/* Write the frame for date to path (PNG, SVG or PDF by its extension),
 * whole or not at all.  A PNG of the date last drawn by
 * cm_frame_renderer_image reuses that image.  counts may be NULL. */
cm_status cm_frame_renderer_write(cm_frame_renderer *fr, cm_date date, const char *path,
                                  cm_counts *counts, cm_error *err);

/* Start fr from the last frame src drew (its pixels, the states it shows
 * and its PNG's encoded bands), so that fr's next frame redraws only what
 * changed since: threads that share a sequence draw its first frame once.
 * Both must draw the same map in the same language (CM_ERR_INVALID
 * otherwise).  src is only read: renderers in several threads may copy
 * one at once while nothing draws with it. */
cm_status cm_frame_renderer_copy_from(cm_frame_renderer *fr, const cm_frame_renderer *src,
                                      cm_error *err);

/* A frame manifest: CSV with the header
 *   frame,date,file,<side id>...,attacked,contested,no_data
 * (a column per side, in the order declared) and one row per frame: its
 * number, ISO date, file name (as given, normally relative to the
 * manifest's directory) and how many capitals each side holds calmly, how
 * many are attacked, contested, or without data.  Rows are written as they
 * come; the file appears whole on commit or not at all. */
typedef struct cm_frame_manifest cm_frame_manifest;

/* Start a manifest at path (written to a temporary file until commit) for
 * the sides (NULL: the two default sides). */
cm_status cm_frame_manifest_open(const char *path, const cm_sides *sides,
                                 cm_frame_manifest **out, cm_error *err);

/* Append the row of frame number `frame`. */
cm_status cm_frame_manifest_add(cm_frame_manifest *m, size_t frame, cm_date date,
                                const char *file, const cm_counts *counts, cm_error *err);

/* Rename the manifest into place and free m (also on failure). */
cm_status cm_frame_manifest_commit(cm_frame_manifest *m, cm_error *err);

/* Remove the temporary file and free m; NULL is ignored. */
void cm_frame_manifest_abort(cm_frame_manifest *m);

#ifdef __cplusplus
}
#endif
#endif
