/* Private: PNG files of a frame sequence, encoded by bands of rows.
 *
 * Each band of rows is deflated on its own (raw deflate ending on a byte
 * boundary with a sync flush), so the bytes of a band whose pixels did not
 * change are kept from one frame to the next; the bands are joined into
 * one zlib stream (header, bands, a final empty block, the Adler-32 of the
 * whole image combined from the bands') inside one IDAT chunk that libpng
 * frames.  Rows are written unfiltered, as RGB: only opaque images.
 */
#ifndef CM__PNG_BANDS_H
#define CM__PNG_BANDS_H

#include <cairo.h>
#include <png.h>

#include "atomic_file.h"
#include "conflictmap/error.h"

/* Size of the message buffer of cm__png_writer_new. */
#define CM__PNG_MSG 128

/* A libpng writer into a: errors go to msg (CM__PNG_MSG bytes) and long-
 * jump (the caller sets png_jmpbuf), warnings are dropped, a failed write
 * is an error.  NULL when out of memory.  The caller destroys it and *info
 * with png_destroy_write_struct. */
png_structp cm__png_writer_new(cm__atomic *a, char *msg, png_infop *info);

typedef struct cm__png_bands cm__png_bands;

/* An encoder of w x h images in bands of band_rows rows at zlib `level`;
 * NULL when out of memory.  Free with cm__png_bands_free. */
cm__png_bands *cm__png_bands_new(int w, int h, int band_rows, int level);

void cm__png_bands_free(cm__png_bands *pb);

/* What deflating a band needs, for one thread at a time.  NULL when out
 * of memory; free with cm__png_deflater_free. */
typedef struct cm__png_deflater cm__png_deflater;
cm__png_deflater *cm__png_deflater_new(const cm__png_bands *pb);
void cm__png_deflater_free(cm__png_deflater *z);

/* Deflate band b of the image whose pixels are data (ARGB32, stride bytes
 * a row) with z: 1, or 0 when out of memory, or -1 when a pixel is not
 * opaque (the band stays stale).  Threads may deflate distinct bands of
 * one encoder at once, each with its own deflater. */
int cm__png_bands_deflate(cm__png_bands *pb, cm__png_deflater *z, const unsigned char *data,
                          int stride, int b);

/* Take src's encoded bands (same size and level); 0 when out of memory
 * or they do not match (pb's bands are then all stale). */
int cm__png_bands_copy(cm__png_bands *pb, const cm__png_bands *src);

/* Forget the bytes of band b: its pixels changed. */
void cm__png_bands_invalidate(cm__png_bands *pb, int b);

/* Write an opaque ARGB32 image of the encoder's size to a, deflating only
 * the bands it does not hold.  CM_ERR_INVALID when a pixel is not opaque
 * (write it another way); errors name a->path. */
cm_status cm__png_bands_write(cm__png_bands *pb, cairo_surface_t *image, cm__atomic *a,
                              cm_error *err);

#endif
