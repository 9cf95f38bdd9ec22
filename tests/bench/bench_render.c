/* Benchmark (not a test): the map the peers draw, 1600 x 1200 pixels of
 * the 34 provinces on the bundled data, for every day of August 2021.
 * Prints, per format, the median time to draw and write one map from a
 * built map (PNG, SVG, PDF), then the time per frame of a frame renderer
 * drawing the month in order (what `animate` does per thread).  Wall and
 * CPU milliseconds: the machine may be shared, CPU time is the steadier.
 * Usage: bench_render DATASET OUTDIR [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conflictmap/dataset.h"
#include "conflictmap/frames.h"
#include "conflictmap/output.h"

#include "../map_fixture.h"

#define DAYS 31

static double ms(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Wall and CPU milliseconds of one call, kept in the arrays. */
typedef struct timing {
    double *wall, *cpu;
    size_t n;
} timing;

static void report(const char *what, timing *t)
{
    printf("%-44s median %7.2f ms wall, %7.2f ms CPU (%zu runs)\n", what,
           median(t->wall, t->n), median(t->cpu, t->n), t->n);
    t->n = 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_render DATASET OUTDIR [ROUNDS]\n");
        return 2;
    }
    const int rounds = argc > 3 ? atoi(argv[3]) : 3;
    if (rounds < 1 || rounds > 1000) {
        fprintf(stderr, "bench_render: rounds 1..1000\n");
        return 2;
    }
    cm_error err;
    map_fixture fx = {0};
    double t0 = ms(CLOCK_MONOTONIC);
    if (map_fixture_load(&fx, argv[1], NULL, &err) != CM_OK) {
        fprintf(stderr, "bench_render: %s\n", err.message);
        return 1;
    }
    printf("map built (layers read and projected, lines, labels placed): %.1f ms wall\n",
           ms(CLOCK_MONOTONIC) - t0);
    cm_date first;
    cm_date_parse("2021-08-01", &first, NULL, &err);
    const size_t max = (size_t)rounds * DAYS;
    timing t = {malloc(max * sizeof(double)), malloc(max * sizeof(double)), 0};
    if (!t.wall || !t.cpu)
        return 1;
    char path[4096], label[96];
    static const char *const formats[] = {"png", "svg", "pdf"};
    for (int f = 0; f < 3; f++) {
        snprintf(path, sizeof path, "%s/bench.%s", argv[2], formats[f]);
        for (int r = 0; r < rounds; r++)
            for (int d = 0; d < DAYS; d++) {
                const double w = ms(CLOCK_MONOTONIC), c = ms(CLOCK_PROCESS_CPUTIME_ID);
                if (cm_output_write(fx.map, fx.timeline, first + d, CM_LANG_EN, path, &err)) {
                    fprintf(stderr, "bench_render: %s\n", err.message);
                    return 1;
                }
                t.wall[t.n] = ms(CLOCK_MONOTONIC) - w;
                t.cpu[t.n++] = ms(CLOCK_PROCESS_CPUTIME_ID) - c;
            }
        snprintf(label, sizeof label, "one whole map to %s (draw + write)", formats[f]);
        report(label, &t);
    }
    /* A frame renderer over the month, in order, as one animate thread. */
    snprintf(path, sizeof path, "%s/frame.png", argv[2]);
    double first_wall = 0;
    for (int r = 0; r < rounds; r++) {
        cm_frame_renderer *fr = NULL;
        if (cm_frame_renderer_create(fx.map, fx.timeline, CM_LANG_EN, NULL, &fr, &err)) {
            fprintf(stderr, "bench_render: %s\n", err.message);
            return 1;
        }
        for (int d = 0; d < DAYS; d++) {
            const double w = ms(CLOCK_MONOTONIC), c = ms(CLOCK_PROCESS_CPUTIME_ID);
            if (cm_frame_renderer_write(fr, first + d, path, NULL, &err)) {
                fprintf(stderr, "bench_render: %s\n", err.message);
                return 1;
            }
            t.wall[t.n] = ms(CLOCK_MONOTONIC) - w;
            t.cpu[t.n++] = ms(CLOCK_PROCESS_CPUTIME_ID) - c;
            if (d == 0)
                first_wall += t.wall[t.n - 1] / rounds;
        }
        cm_frame_renderer_free(fr);
    }
    double sum = 0;
    for (size_t i = 0; i < t.n; i++)
        sum += t.wall[i];
    printf("frame renderer, PNG, August in order: first frame %.1f ms, mean %.2f ms wall\n",
           first_wall, sum / (double)t.n);
    report("frame renderer, PNG, per frame", &t);
    free(t.wall);
    free(t.cpu);
    map_fixture_free(&fx);
    cm_output_release_caches();
    return 0;
}
