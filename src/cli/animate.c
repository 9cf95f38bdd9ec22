/* conflictmap animate: one map per date, a manifest, and a video. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "conflictmap/frames.h"
#include "video.h"

#define MAX_JOBS 64
#define MAX_SHARDS 100000

static void help(void)
{
    printf("Usage: conflictmap animate --from DATE --to DATE -o DIR [OPTIONS]\n\n"
           "Draw one map per date into DIR, named by date (DIR/2021-08-13.png), and\n"
           "a manifest DIR/frames.csv: frame,date,file, a column per side of the\n"
           "dataset, attacked,contested,no_data (frame numbers start at 1; the\n"
           "counts are capitals held calmly by each side, attacked, contested or\n"
           "without data).  Every frame has the same page, extent, legend and palette.\n\n"
           "      --from DATE          first date (required)\n"
           "      --to DATE            last date, included (required)\n"
           "  -o, --output DIR         directory of the frames (created if missing)\n"
           "      --step STEP          days between frames: Nd or Nw (default 1d)\n"
           "      --changes-only       only the first date and the dates on which some\n"
           "                           capital changes state\n"
           "      --format FORMAT      png, svg or pdf (default png)\n"
           "  -j, --jobs N             draw with N threads (1..%d, default 1): they share\n"
           "                           each PNG frame; SVG and PDF frames go N at a time\n"
           "      --shard K/N          draw only frames K, K+N, K+2N, ... (K from 1 to N),\n"
           "                           listed in DIR/frames-K-of-N.csv instead of\n"
           "                           frames.csv; the shards together make the whole\n"
           "      --video FILE         also encode the frames with ffmpeg into FILE\n"
           "                           (.mp4, .webm or .gif); not with --shard\n"
           "      --fps N              video frames per second (1..60, default 4)\n",
           MAX_JOBS);
    cli_map_help(stdout);
    printf("  -h, --help               show this help\n\n"
           "A run that fails leaves the frames it finished, each whole, and no\n"
           "manifest or video.\n");
}

typedef struct animate_args {
    const char *from_text, *to_text, *output, *format, *video;
    cm_date from, to;
    long step, jobs, shard_k, shard_n, fps;
    int changes_only;
    cli_map_args map;
} animate_args;

/* "Nd" or "Nw" as days. */
static int parse_step(const char *text, long *days)
{
    const size_t n = strlen(text);
    if (n < 2 || (text[n - 1] != 'd' && text[n - 1] != 'w'))
        return 0;
    char num[16];
    if (n - 1 >= sizeof num)
        return 0;
    memcpy(num, text, n - 1);
    num[n - 1] = '\0';
    const long per = text[n - 1] == 'w' ? 7 : 1;
    long v;
    if (!cli_parse_int(num, 1, 36500 / per, &v))
        return 0;
    *days = v * per;
    return 1;
}

/* "K/N" with 1 <= K <= N. */
static int parse_shard(const char *text, long *k, long *n)
{
    char a[16];
    const char *slash = strchr(text, '/');
    if (!slash || (size_t)(slash - text) >= sizeof a)
        return 0;
    memcpy(a, text, (size_t)(slash - text));
    a[slash - text] = '\0';
    return cli_parse_int(a, 1, MAX_SHARDS, k) && cli_parse_int(slash + 1, 1, MAX_SHARDS, n) &&
           *k <= *n;
}

/* Check everything that needs no data; a usage error names what is wrong. */
static int check_args(animate_args *a)
{
    const char *cmd = "animate";
    int rc;
    if (!a->from_text || !a->to_text)
        return cli_usage_error(cmd, "--from and --to are required");
    if (!a->output)
        return cli_usage_error(cmd, "-o DIR is required");
    if ((rc = cli_parse_date(cmd, "--from", a->from_text, &a->from)) ||
        (rc = cli_parse_date(cmd, "--to", a->to_text, &a->to)))
        return rc;
    if (a->from > a->to)
        return cli_usage_error(cmd, "--from %s is after --to %s", a->from_text, a->to_text);
    if (strcmp(a->format, "png") && strcmp(a->format, "svg") && strcmp(a->format, "pdf"))
        return cli_usage_error(cmd, "bad --format '%s' (png, svg or pdf)", a->format);
    if (a->video && cli_video_kind(a->video) < 0)
        return cli_usage_error(cmd, "--video %s: use a .mp4, .webm or .gif name", a->video);
    if (a->video && a->shard_n > 1)
        return cli_usage_error(cmd, "--video needs every frame: not with --shard");
    return 0;
}

static int parse_args(int argc, char **argv, animate_args *a)
{
    enum { OPT_FROM = CLI_OPT_OWN, OPT_TO, OPT_STEP, OPT_CHANGES, OPT_FORMAT, OPT_SHARD,
           OPT_VIDEO, OPT_FPS };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"output", required_argument, NULL, 'o'},
        {"step", required_argument, NULL, OPT_STEP},
        {"changes-only", no_argument, NULL, OPT_CHANGES},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"jobs", required_argument, NULL, 'j'},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"video", required_argument, NULL, OPT_VIDEO},
        {"fps", required_argument, NULL, OPT_FPS},
        CLI_MAP_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "animate";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:h" CLI_MAP_SHORTOPTS, longopts, NULL)) != -1) {
        const int taken = cli_map_option(cmd, c, optarg, &a->map);
        if (taken == CM_EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (c) {
        case OPT_FROM: a->from_text = optarg; break;
        case OPT_TO: a->to_text = optarg; break;
        case 'o': a->output = optarg; break;
        case OPT_CHANGES: a->changes_only = 1; break;
        case OPT_FORMAT: a->format = optarg; break;
        case OPT_VIDEO: a->video = optarg; break;
        case OPT_STEP:
            if (!parse_step(optarg, &a->step))
                return cli_usage_error(cmd, "bad --step '%s' (Nd or Nw, such as 1d or 2w)",
                                       optarg);
            break;
        case 'j':
            if (!cli_parse_int(optarg, 1, MAX_JOBS, &a->jobs))
                return cli_usage_error(cmd, "bad --jobs '%s' (1..%d)", optarg, MAX_JOBS);
            break;
        case OPT_SHARD:
            if (!parse_shard(optarg, &a->shard_k, &a->shard_n))
                return cli_usage_error(cmd, "bad --shard '%s' (K/N with 1 <= K <= N <= %d)",
                                       optarg, MAX_SHARDS);
            break;
        case OPT_FPS:
            if (!cli_parse_int(optarg, 1, 60, &a->fps))
                return cli_usage_error(cmd, "bad --fps '%s' (1..60)", optarg);
            break;
        case 'h':
            help();
            return -1;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return check_args(a);
}

/* The work shared by the drawing threads.  Frames are claimed in order and
 * drawn in parallel; their manifest rows and video frames are emitted in
 * order, each thread waiting for its turn holding only its own frame. */
typedef struct animation {
    const cli_map_data *data;
    const animate_args *args;
    const cm_date *dates; /* the whole plan */
    size_t n_frames;      /* frames of this shard */
    cm_frame_manifest *manifest;
    cli_video *video;
    const cm_frame_renderer *seed; /* the first frame, drawn once, or NULL */
    int copies_left;               /* workers yet to copy the seed */
    pthread_mutex_t mu;
    pthread_cond_t turn;
    size_t next_claim, next_emit;
    int failed;
    cm_error err;
} animation;

/* Index in the plan of the shard's j-th frame. */
static size_t plan_index(const animation *an, size_t j)
{
    return (size_t)(an->args->shard_k - 1) + j * (size_t)an->args->shard_n;
}

static void fail(animation *an, const cm_error *err)
{
    pthread_mutex_lock(&an->mu);
    if (!an->failed) {
        an->failed = 1;
        an->err = *err;
    }
    pthread_cond_broadcast(&an->turn);
    pthread_mutex_unlock(&an->mu);
}

/* Wait for frame j's turn; 0 if the run failed meanwhile. */
static int wait_turn(animation *an, size_t j)
{
    pthread_mutex_lock(&an->mu);
    while (!an->failed && an->next_emit != j)
        pthread_cond_wait(&an->turn, &an->mu);
    const int go = !an->failed;
    pthread_mutex_unlock(&an->mu);
    return go;
}

static void end_turn(animation *an)
{
    pthread_mutex_lock(&an->mu);
    an->next_emit++;
    pthread_cond_broadcast(&an->turn);
    pthread_mutex_unlock(&an->mu);
}

/* Draw and write frame j; emit its row and video frame in order. */
static cm_status do_frame(animation *an, cm_frame_renderer *fr, size_t j, char *path,
                          size_t path_size, cm_error *err)
{
    const size_t i = plan_index(an, j);
    char name[CM_DATE_ISO_LEN + 8];
    cm_date_format_iso(an->dates[i], name);
    snprintf(name + strlen(name), sizeof name - strlen(name), ".%s", an->args->format);
    snprintf(path, path_size, "%s/%s", an->args->output, name);
    cm_counts counts;
    cairo_surface_t *image = NULL;
    cm_status st = CM_OK;
    if (an->video)
        st = cm_frame_renderer_image(fr, an->dates[i], &image, &counts, err);
    if (st == CM_OK)
        st = cm_frame_renderer_write(fr, an->dates[i], path, &counts, err);
    if (st != CM_OK || !wait_turn(an, j))
        return st;
    st = cm_frame_manifest_add(an->manifest, i + 1, an->dates[i], name, &counts, err);
    if (st == CM_OK && an->video)
        st = cli_video_frame(an->video, image, err);
    if (st == CM_OK)
        end_turn(an);
    return st;
}

/* A renderer for a thread: threads drawing each frame, and the seed's
 * first frame when there is one. */
static cm_status new_renderer(animation *an, int threads, cm_frame_renderer **fr,
                              cm_error *err)
{
    cm_output_options opts;
    cli_output_options(&an->args->map, &opts);
    opts.threads = threads;
    cm_status st = cm_frame_renderer_create(an->data->map, an->data->timeline, an->data->lang,
                                            &opts, fr, err);
    if (st == CM_OK && an->seed)
        st = cm_frame_renderer_copy_from(*fr, an->seed, err);
    return st;
}

/* Claim frames and draw them with fr until none is left (max: at most
 * that many frames). */
static cm_status draw_frames(animation *an, cm_frame_renderer *fr, size_t max, cm_error *err)
{
    const size_t path_size = strlen(an->args->output) + CM_DATE_ISO_LEN + 16;
    char *path = malloc(path_size);
    cm_status st = path ? CM_OK : cm_error_set(err, CM_ERR_NOMEM, "animate: out of memory");
    for (size_t k = 0; st == CM_OK && k < max; k++) {
        pthread_mutex_lock(&an->mu);
        const int done = an->failed || an->next_claim >= an->n_frames;
        const size_t j = an->next_claim++;
        pthread_mutex_unlock(&an->mu);
        if (done)
            break;
        st = do_frame(an, fr, j, path, path_size, err);
    }
    free(path);
    return st;
}

/* One less worker to copy the seed; the seed's owner waits for none. */
static void copied(animation *an)
{
    pthread_mutex_lock(&an->mu);
    an->copies_left--;
    pthread_cond_broadcast(&an->turn);
    pthread_mutex_unlock(&an->mu);
}

/* Draw every frame left with one renderer of `threads` threads. */
static void draw_all(animation *an, int threads)
{
    cm_frame_renderer *fr = NULL;
    cm_error err = {0};
    cm_status st = new_renderer(an, threads, &fr, &err);
    copied(an);
    if (st == CM_OK)
        st = draw_frames(an, fr, SIZE_MAX, &err);
    if (st != CM_OK)
        fail(an, &err);
    cm_frame_renderer_free(fr);
}

static void *worker(void *arg)
{
    draw_all(arg, 1);
    return NULL;
}

/* Run the workers.  PNG frames: one renderer whose threads share the
 * tiles of each frame in turn (one frame in memory, each frame redrawn
 * only where it differs from the day before).  SVG and PDF frames, drawn
 * whole: the calling thread first draws the first frame with all the
 * threads sharing its tiles; the other workers start from copies of it,
 * and once they have their copies the calling thread carries on with it. */
static void run_workers(animation *an, long jobs)
{
    pthread_t threads[MAX_JOBS];
    long started = 0;
    if (strcmp(an->args->format, "png") == 0) {
        draw_all(an, (int)jobs);
        return;
    }
    if ((size_t)jobs > an->n_frames)
        jobs = (long)an->n_frames;
    if (jobs <= 1) {
        worker(an);
        return;
    }
    cm_frame_renderer *seed = NULL;
    cm_error err = {0};
    cm_status st = new_renderer(an, (int)jobs, &seed, &err);
    if (st == CM_OK)
        st = draw_frames(an, seed, 1, &err);
    if (st == CM_OK) {
        an->seed = seed;
        an->copies_left = (int)jobs - 1;
        for (; started < jobs - 1; started++)
            if (pthread_create(&threads[started], NULL, worker, an) != 0)
                break;
        pthread_mutex_lock(&an->mu);
        an->copies_left -= (int)(jobs - 1 - started); /* threads that did not start */
        while (an->copies_left > 0)
            pthread_cond_wait(&an->turn, &an->mu);
        pthread_mutex_unlock(&an->mu);
        an->seed = NULL;
        st = draw_frames(an, seed, SIZE_MAX, &err);
    }
    if (st != CM_OK)
        fail(an, &err);
    for (long t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    cm_frame_renderer_free(seed);
}

/* The manifest's path: DIR/frames.csv, or DIR/frames-K-of-N.csv for a shard. */
static char *manifest_path(const animate_args *a)
{
    const size_t n = strlen(a->output) + 64;
    char *p = malloc(n);
    if (!p)
        return NULL;
    if (a->shard_n > 1)
        snprintf(p, n, "%s/frames-%ld-of-%ld.csv", a->output, a->shard_k, a->shard_n);
    else
        snprintf(p, n, "%s/frames.csv", a->output);
    return p;
}

static cm_status make_dir(const char *dir, cm_error *err)
{
    struct stat sb;
    if (mkdir(dir, 0755) == 0 || (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return CM_OK;
    return cm_error_set(err, CM_ERR_IO, "%s: cannot create directory: %s", dir,
                        errno == EEXIST ? "a file has that name" : strerror(errno));
}

/* The output's lock: a hidden file beside the manifest (".frames.csv.lock";
 * one per shard, so that shards may run side by side), held from
 * lock_output until unlock_output, which removes it. */
typedef struct output_lock {
    char *path;
    int fd;
} output_lock;

/* Take the lock, or refuse: another run writes into the same place.  The
 * old manifest is removed once it is held: it describes frames this run
 * replaces. */
static cm_status lock_output(const char *mpath, output_lock *l, cm_error *err)
{
    const char *slash = strrchr(mpath, '/');
    const size_t dirlen = slash ? (size_t)(slash - mpath + 1) : 0;
    const size_t n = strlen(mpath) + 8;
    l->fd = -1;
    if (!(l->path = malloc(n)))
        return cm_error_set(err, CM_ERR_NOMEM, "animate: out of memory");
    snprintf(l->path, n, "%.*s.%s.lock", (int)dirlen, mpath, mpath + dirlen);
    cm_status st = CM_OK;
    for (int tries = 0; st == CM_OK; tries++) {
        l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (l->fd < 0) {
            st = cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", l->path, strerror(errno));
            break;
        }
        struct stat held, named;
        if (flock(l->fd, LOCK_EX | LOCK_NB) != 0 || tries == 3) {
            st = cm_error_set(err, CM_ERR_IO,
                              "%.*s: another conflictmap animate is writing there (it holds "
                              "%s); wait for it or give another directory",
                              (int)(dirlen > 1 ? dirlen - 1 : dirlen), mpath, l->path);
        } else if (fstat(l->fd, &held) == 0 && stat(l->path, &named) == 0 &&
                   held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
            break; /* locked, and still the file of that name */
        }
        close(l->fd); /* the run before removed it as we opened it: again */
        l->fd = -1;
    }
    if (st == CM_OK && unlink(mpath) != 0 && errno != ENOENT)
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot remove the old manifest: %s", mpath,
                          strerror(errno));
    return st;
}

/* Release the lock: the lock file goes, then the lock (none held: nothing
 * is removed). */
static void unlock_output(output_lock *l)
{
    if (l->fd >= 0) {
        unlink(l->path);
        close(l->fd);
    }
    free(l->path);
    l->path = NULL;
    l->fd = -1;
}

/* Plan, draw and write every frame of the shard; then the manifest and video. */
static cm_status animate(const animate_args *a, const cli_map_data *d, const char *ffmpeg,
                         size_t *written, cm_error *err)
{
    animation an = {.data = d, .args = a};
    cm_date *dates = NULL;
    size_t n_dates = 0;
    char *mpath = manifest_path(a);
    cm_status st = mpath ? cm_frames_plan(d->map, d->timeline, a->from, a->to, (int)a->step,
                                          a->changes_only, &dates, &n_dates, err)
                         : cm_error_set(err, CM_ERR_NOMEM, "animate: out of memory");
    output_lock lock = {NULL, -1};
    if (st == CM_OK)
        st = make_dir(a->output, err);
    if (st == CM_OK)
        st = lock_output(mpath, &lock, err);
    if (st == CM_OK)
        st = cm_frame_manifest_open(mpath, &d->map->sides, &an.manifest, err);
    if (st == CM_OK && a->video)
        st = cli_video_open(a->video, ffmpeg, d->map->opts.width, d->map->opts.height,
                            (int)a->fps, &an.video, err);
    if (st != CM_OK)
        goto out;
    an.dates = dates;
    an.n_frames = n_dates >= (size_t)a->shard_k
                      ? (n_dates - (size_t)a->shard_k) / (size_t)a->shard_n + 1
                      : 0;
    pthread_mutex_init(&an.mu, NULL);
    pthread_cond_init(&an.turn, NULL);
    run_workers(&an, a->jobs);
    pthread_cond_destroy(&an.turn);
    pthread_mutex_destroy(&an.mu);
    if (an.failed) {
        *err = an.err;
        st = an.err.status;
        goto out;
    }
    st = cm_frame_manifest_commit(an.manifest, err);
    an.manifest = NULL;
    if (st == CM_OK && an.video)
        st = cli_video_finish(an.video, err);
    an.video = NULL;
    *written = an.n_frames;
out:
    cm_frame_manifest_abort(an.manifest);
    cli_video_abort(an.video);
    free(dates);
    unlock_output(&lock);
    free(mpath);
    return st;
}

int cli_animate(int argc, char **argv)
{
    animate_args a = {.format = "png", .step = 1, .jobs = 1, .shard_k = 1, .shard_n = 1,
                      .fps = 4};
    cli_map_args_init(&a.map);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CM_EXIT_OK : rc;
    char ffmpeg[4096] = "";
    if (a.video && !cli_video_find_ffmpeg(ffmpeg, sizeof ffmpeg)) {
        fprintf(stderr, "conflictmap: error: --video %s: ffmpeg is not installed (not found on "
                        "PATH; on Debian: apt-get install ffmpeg)\n", a.video);
        return CM_EXIT_FAILURE;
    }
    cm_error err = {0};
    cli_map_data d = {0};
    size_t written = 0;
    if (cli_map_prepare(&a.map, &d, &err) != CM_OK || cli_map_load(&a.map, &d, NULL, &err) != CM_OK ||
        animate(&a, &d, ffmpeg, &written, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    printf("conflictmap: %zu frames in %s%s%s\n", written, a.output, a.video ? ", video " : "",
           a.video ? a.video : "");
    rc = CM_EXIT_OK;
out:
    cli_map_data_free(&d);
    return rc;
}
