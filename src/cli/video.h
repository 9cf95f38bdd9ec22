/* The conflictmap tool: videos of frame sequences through ffmpeg. */
#ifndef CM_CLI_VIDEO_H
#define CM_CLI_VIDEO_H

#include <stddef.h>

#include <cairo.h>

#include "conflictmap/error.h"

/* cairo's ARGB32 pixels as ffmpeg names their byte order in memory. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CLI_VIDEO_PIX_FMT "argb"
#else
#define CLI_VIDEO_PIX_FMT "bgra"
#endif

typedef struct cli_video cli_video;

/* 0 (mp4), 1 (webm) or 2 (gif) by path's extension, -1 if none of them. */
int cli_video_kind(const char *path);

/* The first executable "ffmpeg" on PATH into buf; 0 if there is none. */
int cli_video_find_ffmpeg(char *buf, size_t size);

/* Start encoding width x height frames at fps to path (written to a
 * temporary file beside it until cli_video_finish).  The caller frees *out
 * with cli_video_finish or cli_video_abort. */
cm_status cli_video_open(const char *path, const char *ffmpeg, int width, int height,
                         int fps, cli_video **out, cm_error *err);

/* Append one ARGB32 frame of the video's size. */
cm_status cli_video_frame(cli_video *v, cairo_surface_t *image, cm_error *err);

/* Finish the video, rename it into place and free v (also on failure). */
cm_status cli_video_finish(cli_video *v, cm_error *err);

/* Stop ffmpeg, remove the temporary files and free v; NULL is ignored. */
void cli_video_abort(cli_video *v);

/* Kill the ffmpeg running now, if any, and wait for it: before the tool
 * removes its temporaries on a stop signal (ffmpeg would write on). */
void cli_video_kill_running(void);

#endif
