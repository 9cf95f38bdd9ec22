/* conflictmap: map files.
 *
 * Writes a map for a date as PNG, SVG or PDF, the format chosen by the
 * file's extension.  Every file appears whole or not at all: it is written
 * to a temporary file in the same directory and renamed into place.
 * A PDF carries a creation date derived from the map's date, so the same
 * input gives the same bytes.
 */
#ifndef CONFLICTMAP_OUTPUT_H
#define CONFLICTMAP_OUTPUT_H

#include <cairo.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/map.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cm_format { CM_FORMAT_PNG, CM_FORMAT_SVG, CM_FORMAT_PDF } cm_format;

/* Which code writes PNG files. */
typedef enum cm_png_writer {
    CM_PNG_LIBPNG = 0, /* libpng at the chosen zlib level, no row filter */
    CM_PNG_CAIRO = 1   /* cairo's own writer (zlib's default level, adaptive filters) */
} cm_png_writer;

#define CM_PNG_COMPRESSION_DEFAULT 1

/* How files are written.  The map's flat colours compress best without
 * PNG row filters at every zlib level; level 1 writes a 1600 x 1200 map in
 * a few milliseconds, level 9 takes ten times longer for files ~13% smaller. */
typedef struct cm_output_options {
    int png_compression;      /* zlib level 0 (none) .. 9 (smallest) */
    cm_png_writer png_writer; /* CM_PNG_LIBPNG unless testing */
    int threads;              /* threads that draw and compress one PNG (1..64): its
                                 bands are shared out, the pixels are the same */
} cm_output_options;

/* Fill opts with the defaults (libpng, level CM_PNG_COMPRESSION_DEFAULT,
 * one thread: the caller's). */
void cm_output_options_init(cm_output_options *opts);

/* The format named by path's extension (case-insensitive); CM_ERR_INVALID
 * names an unknown extension. */
cm_status cm_output_format(const char *path, cm_format *out, cm_error *err);

/* Draw the map for date into a new ARGB32 image of the map's pixel size.
 * The caller destroys *out. */
cm_status cm_output_image(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, cairo_surface_t **out, cm_error *err);

/* Write the map for date to path (format from its extension). */
cm_status cm_output_write(const cm_map *map, const cm_timeline *tl, cm_date date,
                          cm_lang lang, const char *path, cm_error *err);

/* cm_output_write with options (NULL for the defaults); CM_ERR_INVALID
 * names a compression level outside 0..9. */
cm_status cm_output_write_opts(const cm_map *map, const cm_timeline *tl, cm_date date,
                               cm_lang lang, const char *path, const cm_output_options *opts,
                               cm_error *err);

/* Write an ARGB32 image (such as cm_output_image's) to path as a PNG,
 * whole or not at all, with opts (NULL for the defaults).  An opaque image
 * is written as RGB, any other as RGBA with its alpha un-premultiplied. */
cm_status cm_output_write_image(cairo_surface_t *image, const char *path,
                                const cm_output_options *opts, cm_error *err);

/* Release the caches that text drawing keeps for the calling thread and the
 * process (fonts, glyphs) so a leak checker sees a clean exit.  Call it
 * last, after freeing every map; drawing again afterwards reloads them. */
void cm_output_release_caches(void);

#ifdef __cplusplus
}
#endif
#endif
