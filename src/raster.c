#include "raster.h"

#include <pthread.h>
#include <stdlib.h>

#define CM__MAX_THREADS 64

/* The bands still to draw, shared by the threads. */
typedef struct work {
    const cm__raster *job;
    unsigned char *data; /* the image's pixels */
    int stride, n_bands;
    pthread_mutex_t mu;
    int next;   /* next band to consider */
    int failed; /* a thread failed: the others stop */
    cm_error err;
} work;

typedef struct worker {
    work *w;
    cm__text_cache *texts;   /* NULL: the worker makes its own */
    cairo_surface_t *target; /* NULL: the worker makes its own over the pixels */
} worker;

/* 1 if some tile of band b is to be drawn. */
static int band_wanted(const work *w, int b)
{
    const int cols = cm__tile_cols(w->job->map);
    for (int c = 0; c < cols; c++)
        if (!w->job->tiles || w->job->tiles[b * cols + c])
            return 1;
    return 0;
}

/* The next band with tiles to draw, or -1 when none is left or a thread
 * failed. */
static int claim(work *w)
{
    pthread_mutex_lock(&w->mu);
    while (!w->failed && w->next < w->n_bands && !band_wanted(w, w->next))
        w->next++;
    const int b = !w->failed && w->next < w->n_bands ? w->next++ : -1;
    pthread_mutex_unlock(&w->mu);
    return b;
}

static void fail(work *w, const cm_error *err)
{
    pthread_mutex_lock(&w->mu);
    if (!w->failed) {
        w->failed = 1;
        w->err = *err;
    }
    pthread_mutex_unlock(&w->mu);
}

/* Draw (and deflate) bands until none is left. */
static cm_status draw_bands(work *w, cairo_surface_t *target, cm__text_cache *texts,
                            cm__png_deflater *z, cm_error *err)
{
    const cm__raster *job = w->job;
    const int cols = cm__tile_cols(job->map);
    for (int b; (b = claim(w)) >= 0;) {
        for (int c = 0; c < cols; c++) {
            if (job->tiles && !job->tiles[b * cols + c])
                continue;
            const cm_status st = cm__render_tile(target, job->map, job->states, job->counts,
                                                 job->date, job->lang, b, c, texts, err);
            if (st != CM_OK)
                return st;
        }
        if (!job->png)
            continue;
        cairo_surface_flush(target);
        const int r = cm__png_bands_deflate(job->png, z, w->data, w->stride, b);
        if (r == 0)
            return cm_error_set(err, CM_ERR_NOMEM, "image: out of memory");
        /* r < 0: not opaque; the band stays stale for the caller to see. */
    }
    return CM_OK;
}

static void *run_worker(void *arg)
{
    worker *k = arg;
    work *w = k->w;
    const cm__raster *job = w->job;
    cm_error err = {0};
    cairo_surface_t *target = k->target;
    cm__text_cache *texts = k->texts ? k->texts : cm__text_cache_new();
    cm__png_deflater *z = job->png ? cm__png_deflater_new(job->png) : NULL;
    if (!target)
        target = cairo_image_surface_create_for_data(w->data, CAIRO_FORMAT_ARGB32,
                                                     job->map->opts.width,
                                                     job->map->opts.height, w->stride);
    cm_status st = CM_OK;
    if (!texts || (job->png && !z) || cairo_surface_status(target) != CAIRO_STATUS_SUCCESS)
        st = cm_error_set(&err, CM_ERR_NOMEM, "image: out of memory");
    if (st == CM_OK)
        st = draw_bands(w, target, texts, z, &err);
    if (st != CM_OK)
        fail(w, &err);
    cairo_surface_flush(target);
    if (!k->target)
        cairo_surface_destroy(target);
    if (!k->texts)
        cm__text_cache_free(texts);
    cm__png_deflater_free(z);
    return NULL;
}

cm_status cm__raster_draw(const cm__raster *job, int threads, cm__text_cache *texts,
                          cm_error *err)
{
    work w = {.job = job, .n_bands = cm__band_count(job->map)};
    cairo_surface_flush(job->image);
    w.data = cairo_image_surface_get_data(job->image);
    w.stride = cairo_image_surface_get_stride(job->image);
    if (!w.data)
        return cm_error_set(err, CM_ERR_RENDER, "image: no pixels");
    if (threads > CM__MAX_THREADS)
        threads = CM__MAX_THREADS;
    if (threads > w.n_bands)
        threads = w.n_bands;
    pthread_mutex_init(&w.mu, NULL);
    pthread_t ids[CM__MAX_THREADS];
    worker others[CM__MAX_THREADS];
    int started = 0;
    for (int t = 1; t < threads; t++) {
        others[started] = (worker){&w, NULL, NULL};
        if (pthread_create(&ids[started], NULL, run_worker, &others[started]) == 0)
            started++;
    }
    /* The calling thread draws with the caller's surface and layouts. */
    worker self = {&w, texts, job->image};
    run_worker(&self);
    for (int t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    pthread_mutex_destroy(&w.mu);
    cairo_surface_mark_dirty(job->image);
    if (w.failed) {
        *err = w.err;
        return w.err.status;
    }
    return CM_OK;
}
