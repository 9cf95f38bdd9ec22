/* Video for animate: raw frames piped to an ffmpeg process, which writes a
 * temporary file beside the video that is renamed into place when ffmpeg
 * succeeds.  A GIF gets its palette from the first frame (every frame
 * shows every state's colour in its legend) in a first ffmpeg run. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conflictmap/tempfiles.h"
#include "video.h"

extern char **environ;

typedef enum kind { KIND_MP4, KIND_WEBM, KIND_GIF } kind;

static const struct {
    const char *ext;
    kind kind;
} kinds[] = {{".mp4", KIND_MP4}, {".webm", KIND_WEBM}, {".gif", KIND_GIF}};

struct cli_video {
    kind kind;
    char *path;    /* the final name */
    char *tmp;     /* ffmpeg's output until rename */
    char *palette; /* GIF: the palette image, or NULL */
    int tmp_fd, palette_fd; /* their locks (tempfiles.h), or -1 */
    char ffmpeg[4096];
    int width, height, fps;
    pid_t pid;     /* running ffmpeg, or 0 */
    int pipe_fd;   /* its stdin, or -1 */
    FILE *log;     /* its stderr */
    size_t frames;
};

int cli_video_kind(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strcasecmp(dot, kinds[i].ext) == 0)
                return (int)kinds[i].kind;
    return -1;
}

int cli_video_find_ffmpeg(char *buf, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        const size_t n = colon ? (size_t)(colon - path) : strlen(path);
        const int k = snprintf(buf, size, "%.*s/ffmpeg", (int)n, n ? path : ".");
        if (k > 0 && (size_t)k < size && access(buf, X_OK) == 0)
            return 1;
        path += n + (colon ? 1 : 0);
    }
    return 0;
}

/* A temporary file beside path (".cm~XXXXXX", tempfiles.h), created empty
 * and locked through *fd while it lives; NULL on failure. */
static char *temp_beside(const char *path, int *fd, cm_error *err)
{
    const size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    if ((*fd = cm_temp_create(path, 0, tmp, n, err)) < 0) {
        free(tmp);
        return NULL;
    }
    const mode_t mask = umask(0); /* the tool may read its umask so */
    umask(mask);
    fchmod(*fd, 0666 & ~mask);
    return tmp;
}

/* Remove and forget temporary *tmp and close *fd. */
static void drop_temp(char **tmp, int *fd)
{
    if (*tmp) {
        unlink(*tmp);
        cm_temp_release(*tmp);
    }
    if (*fd >= 0)
        close(*fd);
    free(*tmp);
    *tmp = NULL;
    *fd = -1;
}

/* The ffmpeg running now (the tool encodes one video at a time), or 0. */
static volatile pid_t running;

void cli_video_kill_running(void)
{
    const pid_t pid = running;
    if (pid > 0) {
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
}

/* Start ffmpeg with args (after its name) reading raw frames on a pipe. */
static cm_status spawn(cli_video *v, const char *const *args, cm_error *err)
{
    const char *argv[48];
    size_t n = 0;
    argv[n++] = "ffmpeg";
    for (; *args && n < sizeof argv / sizeof argv[0] - 1; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    int fds[2];
    if (pipe(fds) != 0)
        return cm_error_set(err, CM_ERR_IO, "ffmpeg: cannot create a pipe: %s", strerror(errno));
    /* Our end must not leak into ffmpeg, or it would never see the end. */
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
    posix_spawn_file_actions_adddup2(&fa, fileno(v->log), 2);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    /* ffmpeg starts with no signal blocked (the tool blocks its stop signals
     * for the thread that waits for them) */
    posix_spawnattr_t at;
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_init(&at);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
    const int e = posix_spawn(&v->pid, v->ffmpeg, &fa, &at, (char *const *)argv, environ);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    if (e == 0)
        running = v->pid;
    close(fds[0]);
    if (e != 0) {
        close(fds[1]);
        v->pid = 0;
        return cm_error_set(err, CM_ERR_IO, "%s: cannot run: %s", v->ffmpeg, strerror(e));
    }
    v->pipe_fd = fds[1];
    return CM_OK;
}

/* The last line ffmpeg printed, for an error message. */
static void last_log_line(cli_video *v, char *buf, size_t size)
{
    char line[512];
    buf[0] = '\0';
    rewind(v->log);
    while (fgets(line, sizeof line, v->log))
        if (line[0] != '\n')
            snprintf(buf, size, "%.300s", line);
    buf[strcspn(buf, "\n")] = '\0';
}

/* Close ffmpeg's input and wait for it; CM_ERR_IO with its last words if
 * it failed. */
static cm_status finish_ffmpeg(cli_video *v, cm_error *err)
{
    int status = 0;
    if (v->pipe_fd >= 0)
        close(v->pipe_fd);
    v->pipe_fd = -1;
    if (v->pid <= 0)
        return CM_OK;
    while (waitpid(v->pid, &status, 0) < 0 && errno == EINTR)
        ;
    running = 0;
    v->pid = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return CM_OK;
    char last[400];
    last_log_line(v, last, sizeof last);
    return cm_error_set(err, CM_ERR_IO, "%s: ffmpeg failed (%s %d)%s%s", v->path,
                        WIFEXITED(status) ? "exit" : "signal",
                        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                        last[0] ? ": " : "", last);
}

static cm_status write_all(cli_video *v, const unsigned char *data, size_t n, cm_error *err)
{
    while (n > 0) {
        const ssize_t k = write(v->pipe_fd, data, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            const int e = errno;
            cm_status st = finish_ffmpeg(v, err); /* its own message says more */
            if (st == CM_OK)
                st = cm_error_set(err, CM_ERR_IO, "%s: writing to ffmpeg: %s", v->path,
                                  strerror(e));
            return st;
        }
        data += k;
        n -= (size_t)k;
    }
    return CM_OK;
}

/* The encoder arguments for the output, then the output itself. */
static cm_status start_encoder(cli_video *v, cm_error *err)
{
    char size[32], fps[16], filter[160];
    snprintf(size, sizeof size, "%dx%d", v->width, v->height);
    snprintf(fps, sizeof fps, "%d", v->fps);
    const char *input[] = {"-nostdin", "-hide_banner", "-loglevel", "error", "-f", "rawvideo",
                           "-pix_fmt", CLI_VIDEO_PIX_FMT, "-s", size, "-framerate", fps,
                           "-i", "-"};
    const char *args[40];
    size_t n = 0;
    for (size_t i = 0; i < sizeof input / sizeof input[0]; i++)
        args[n++] = input[i];
    switch (v->kind) {
    case KIND_MP4:
    case KIND_WEBM: {
        /* 4:2:0 chroma needs even sizes. */
        const char *tail_mp4[] = {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
                                  "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                                  "-movflags", "+faststart", "-f", "mp4"};
        const char *tail_webm[] = {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v",
                                   "libvpx-vp9", "-b:v", "0", "-crf", "32", "-deadline",
                                   "realtime", "-cpu-used", "8", "-pix_fmt", "yuv420p",
                                   "-f", "webm"};
        const char **tail = v->kind == KIND_MP4 ? tail_mp4 : tail_webm;
        const size_t k = v->kind == KIND_MP4 ? sizeof tail_mp4 / sizeof tail_mp4[0]
                                             : sizeof tail_webm / sizeof tail_webm[0];
        for (size_t i = 0; i < k; i++)
            args[n++] = tail[i];
        break;
    }
    case KIND_GIF:
        snprintf(filter, sizeof filter, "[0:v][1:v]paletteuse=dither=none");
        args[n++] = "-f";
        args[n++] = "png_pipe";
        args[n++] = "-i";
        args[n++] = v->palette;
        args[n++] = "-lavfi";
        args[n++] = filter;
        args[n++] = "-f";
        args[n++] = "gif";
        break;
    }
    args[n++] = "-y";
    args[n++] = v->tmp;
    args[n] = NULL;
    return spawn(v, args, err);
}

/* GIF: a 256-colour palette from the first frame. */
static cm_status make_palette(cli_video *v, const unsigned char *rows, int stride,
                              cm_error *err)
{
    char size[32];
    snprintf(size, sizeof size, "%dx%d", v->width, v->height);
    if (!(v->palette = temp_beside(v->path, &v->palette_fd, err)))
        return err->status;
    const char *args[] = {"-nostdin", "-hide_banner", "-loglevel", "error", "-f", "rawvideo",
                          "-pix_fmt", CLI_VIDEO_PIX_FMT, "-s", size, "-i", "-", "-vf",
                          "palettegen=reserve_transparent=0", "-c:v", "png", "-f", "image2pipe", "-y",
                          v->palette, NULL};
    cm_status st = spawn(v, args, err);
    for (int y = 0; st == CM_OK && y < v->height; y++)
        st = write_all(v, rows + (size_t)y * (size_t)stride, (size_t)v->width * 4, err);
    if (st == CM_OK)
        st = finish_ffmpeg(v, err);
    return st;
}

cm_status cli_video_open(const char *path, const char *ffmpeg, int width, int height,
                         int fps, cli_video **out, cm_error *err)
{
    cli_video *v = calloc(1, sizeof *v);
    *out = NULL;
    if (v)
        v->pipe_fd = v->tmp_fd = v->palette_fd = -1;
    if (!v || !(v->path = strdup(path)))
        goto nomem;
    v->kind = (kind)cli_video_kind(path);
    v->width = width;
    v->height = height;
    v->fps = fps;
    snprintf(v->ffmpeg, sizeof v->ffmpeg, "%s", ffmpeg);
    if (!(v->log = tmpfile())) {
        cm_error_set(err, CM_ERR_IO, "%s: cannot create a log file: %s", path, strerror(errno));
        cli_video_abort(v);
        return CM_ERR_IO;
    }
    if (!(v->tmp = temp_beside(path, &v->tmp_fd, err))) {
        cli_video_abort(v);
        return err->status;
    }
    /* A dead ffmpeg must turn into an error, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    cm_status st = v->kind == KIND_GIF ? CM_OK : start_encoder(v, err);
    if (st != CM_OK) {
        cli_video_abort(v);
        return st;
    }
    *out = v;
    return CM_OK;
nomem:
    cli_video_abort(v);
    return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
}

cm_status cli_video_frame(cli_video *v, cairo_surface_t *image, cm_error *err)
{
    cairo_surface_flush(image);
    const unsigned char *data = cairo_image_surface_get_data(image);
    const int stride = cairo_image_surface_get_stride(image);
    if (cairo_image_surface_get_width(image) != v->width ||
        cairo_image_surface_get_height(image) != v->height || !data)
        return cm_error_set(err, CM_ERR_INVALID, "%s: frame is not %dx%d", v->path, v->width,
                            v->height);
    cm_status st = CM_OK;
    if (v->kind == KIND_GIF && v->frames == 0) {
        st = make_palette(v, data, stride, err);
        if (st == CM_OK)
            st = start_encoder(v, err);
    }
    const size_t row = (size_t)v->width * 4;
    if (st == CM_OK && (size_t)stride == row)
        st = write_all(v, data, row * (size_t)v->height, err);
    for (int y = 0; st == CM_OK && (size_t)stride != row && y < v->height; y++)
        st = write_all(v, data + (size_t)y * (size_t)stride, row, err);
    if (st == CM_OK)
        v->frames++;
    return st;
}

cm_status cli_video_finish(cli_video *v, cm_error *err)
{
    cm_status st = v->frames ? finish_ffmpeg(v, err)
                             : cm_error_set(err, CM_ERR_INVALID, "%s: no frames", v->path);
    if (st == CM_OK && rename(v->tmp, v->path) != 0)
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot write: %s", v->path, strerror(errno));
    if (st == CM_OK) {
        cm_temp_release(v->tmp);
        free(v->tmp);
        v->tmp = NULL;
    }
    cli_video_abort(v);
    return st;
}

void cli_video_abort(cli_video *v)
{
    if (!v)
        return;
    if (v->pid > 0)
        kill(v->pid, SIGTERM);
    cm_error ignored;
    finish_ffmpeg(v, &ignored);
    if (v->log)
        fclose(v->log);
    drop_temp(&v->tmp, &v->tmp_fd);
    drop_temp(&v->palette, &v->palette_fd);
    free(v->path);
    free(v);
}
