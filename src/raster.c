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

/* Draw w's bands with the others sharing it: over target, or over w's
 * pixels through a surface of its own when target is NULL; with texts,
 * or layouts of its own when NULL.  A failure is recorded in w. */
static void share_work(work *w, cairo_surface_t *target, cm__text_cache *texts)
{
    const cm__raster *job = w->job;
    cm_error err = {0};
    cairo_surface_t *own = NULL;
    cm__text_cache *own_texts = texts ? NULL : cm__text_cache_new();
    cm__png_deflater *z = job->png ? cm__png_deflater_new(job->png) : NULL;
    if (!target)
        target = own = cairo_image_surface_create_for_data(
            w->data, CAIRO_FORMAT_ARGB32, job->map->opts.width, job->map->opts.height,
            w->stride);
    cm_status st = CM_OK;
    if ((!texts && !own_texts) || (job->png && !z) ||
        cairo_surface_status(target) != CAIRO_STATUS_SUCCESS)
        st = cm_error_set(&err, CM_ERR_NOMEM, "image: out of memory");
    if (st == CM_OK)
        st = draw_bands(w, target, texts ? texts : own_texts, z, &err);
    if (st != CM_OK)
        fail(w, &err);
    cairo_surface_flush(target);
    if (own)
        cairo_surface_destroy(own);
    cm__text_cache_free(own_texts);
    cm__png_deflater_free(z);
}

static void *run_worker(void *arg)
{
    share_work(arg, NULL, NULL);
    return NULL;
}

/* Set up w for job over job->image; CM_ERR_RENDER when it has no pixels. */
static cm_status work_init(work *w, const cm__raster *job, cm_error *err)
{
    *w = (work){.job = job, .n_bands = cm__band_count(job->map)};
    cairo_surface_flush(job->image);
    w->data = cairo_image_surface_get_data(job->image);
    w->stride = cairo_image_surface_get_stride(job->image);
    if (!w->data)
        return cm_error_set(err, CM_ERR_RENDER, "image: no pixels");
    pthread_mutex_init(&w->mu, NULL);
    return CM_OK;
}

/* Tear down w after its job: the status of the first failure, if any. */
static cm_status work_end(work *w, cm_error *err)
{
    pthread_mutex_destroy(&w->mu);
    cairo_surface_mark_dirty(w->job->image);
    if (w->failed) {
        if (err)
            *err = w->err;
        return w->err.status;
    }
    return CM_OK;
}

cm_status cm__raster_draw(const cm__raster *job, int threads, cm__text_cache *texts,
                          cm_error *err)
{
    work w;
    cm_status st = work_init(&w, job, err);
    if (st != CM_OK)
        return st;
    if (threads > CM__MAX_THREADS)
        threads = CM__MAX_THREADS;
    if (threads > w.n_bands)
        threads = w.n_bands;
    pthread_t ids[CM__MAX_THREADS];
    int started = 0;
    for (int t = 1; t < threads; t++)
        if (pthread_create(&ids[started], NULL, run_worker, &w) == 0)
            started++;
    /* The calling thread draws with the caller's surface and layouts. */
    share_work(&w, job->image, texts);
    for (int t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    return work_end(&w, err);
}

/* Threads kept for the jobs of one caller: each keeps its layouts (and
 * Pango its fonts) from one job to the next. */
struct cm__raster_pool {
    int n; /* threads started */
    pthread_t ids[CM__MAX_THREADS];
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    work *w;                  /* the job at hand */
    unsigned long generation; /* jobs handed out so far */
    int busy;                 /* threads still on the job at hand */
    int stop;
};

static void *pool_thread(void *arg)
{
    cm__raster_pool *p = arg;
    cm__text_cache *texts = cm__text_cache_new();
    unsigned long seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->generation == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->stop)
            break;
        seen = p->generation;
        work *w = p->w;
        pthread_mutex_unlock(&p->mu);
        share_work(w, NULL, texts);
        pthread_mutex_lock(&p->mu);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    cm__text_cache_free(texts);
    return NULL;
}

cm__raster_pool *cm__raster_pool_new(int threads)
{
    cm__raster_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->done, NULL);
    if (threads > CM__MAX_THREADS)
        threads = CM__MAX_THREADS;
    for (int t = 1; t < threads; t++)
        if (pthread_create(&p->ids[p->n], NULL, pool_thread, p) == 0)
            p->n++;
    return p;
}

void cm__raster_pool_free(cm__raster_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    for (int t = 0; t < p->n; t++)
        pthread_join(p->ids[t], NULL);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->go);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

cm_status cm__raster_pool_draw(cm__raster_pool *p, const cm__raster *job, cm__text_cache *texts,
                               cm_error *err)
{
    work w;
    cm_status st = work_init(&w, job, err);
    if (st != CM_OK)
        return st;
    pthread_mutex_lock(&p->mu);
    p->w = &w;
    p->busy = p->n;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    share_work(&w, job->image, texts);
    pthread_mutex_lock(&p->mu);
    while (p->busy > 0)
        pthread_cond_wait(&p->done, &p->mu);
    p->w = NULL;
    pthread_mutex_unlock(&p->mu);
    return work_end(&w, err);
}
