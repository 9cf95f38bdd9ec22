/* Benchmark (not a test): scanning throughput of a generated corpus against
 * a generated gazetteer.  Prints MB/s for each run (by the wall clock, and
 * by the CPU time of the scanning thread, which a machine shared with
 * other work slows less), the medians, the
 * mentions found with a checksum of them (so that a faster scanner can be
 * seen to find the same), and the peak resident memory.
 * Usage: bench_scan [CORPUS_MB (50)] [NAMES (100000)] [RUNS (3)] */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "conflictmap/scan.h"

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const char *const syllables[] = {"ka", "bul", "her", "at", "qa", "la", "naw", "mar",
                                        "zan", "gar", "dah", "shir", "pol", "kho", "tar", "ban",
                                        "del", "rim", "sho", "nak", "vel", "tum", "dor", "fay"};
static const char *const words[] = {
    "ville", "les", "contrôle", "insurgés", "de", "la", "pris", "après", "ont", "le",
    "des", "combats", "selon", "une", "source", "sécuritaire", "the", "fighters", "entered",
    "city", "on", "Wednesday", "officials", "said", "province", "capitale", "forces",
    "afghanes", "gouvernement", "reprendre", "district", "(...)", "«", "»", "l’armée", "a",
    "été", "repoussé", "au", "nord", "sud-ouest", "2021", "août"};

static void make_name(char *buf, size_t size)
{
    const int n = 2 + (int)(next() % 3);
    size_t o = 0;
    for (int i = 0; i < n && o + 6 < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s", syllables[next() % 24]);
    buf[0] = (char)(buf[0] - 32);
}

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void) { return seconds(CLOCK_MONOTONIC); }

/* FNV-1a over every mention's offsets, places and context. */
static uint64_t checksum(const cm_mentions *m)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < m->count; i++) {
        const cm_mention *x = &m->items[i];
        char one[256];
        const int n = snprintf(one, sizeof one, "%zu %zu %s %s %d;", x->start, x->end,
                               x->place->id, x->named->id, (int)x->context);
        for (int k = 0; k < n && k < (int)sizeof one; k++)
            h = (h ^ (unsigned char)one[k]) * 1099511628211ULL;
    }
    return h;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const long mb = argc > 1 ? atol(argv[1]) : 50;
    const long names = argc > 2 ? atol(argv[2]) : 100000;
    int runs = argc > 3 ? atoi(argv[3]) : 3;
    runs = runs < 1 ? 1 : runs > 16 ? 16 : runs;
    char gpath[] = "/tmp/bench_gazetteer_XXXXXX";
    const int fd = mkstemp(gpath);
    FILE *g = fdopen(fd, "w");
    fprintf(g, "id,name,kind,admin1,lat,lon\n");
    char name[64];
    for (long i = 0; i < names; i++) {
        make_name(name, sizeof name);
        fprintf(g, "p%ld,%s,city,,%.4f,%.4f\n", i, name, 30 + (next() % 900) / 100.0,
                60 + (next() % 1500) / 100.0);
    }
    fclose(g);
    cm_gazetteer *gz;
    cm_scanner *sc;
    cm_error err;
    double t0 = now();
    if (cm_gazetteer_load(gpath, &gz, &err) != CM_OK || cm_scanner_create(gz, &sc, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    const double load = now() - t0;
    unlink(gpath);
    const size_t size = (size_t)mb << 20;
    char *text = malloc(size + 64);
    size_t len = 0;
    while (len < size) {
        const char *w = (next() % 40 == 0) ? (make_name(name, sizeof name), name)
                                           : words[next() % (sizeof words / sizeof words[0])];
        const size_t n = strlen(w);
        if (len + n + 2 > size)
            break;
        memcpy(text + len, w, n);
        len += n;
        text[len++] = next() % 12 == 0 ? '.' : ' ';
    }
    double rate[16], cpu_rate[16];
    size_t found = 0;
    uint64_t sum = 0;
    for (int r = 0; r < runs; r++) {
        cm_mentions m = {0};
        t0 = now();
        const double c0 = seconds(CLOCK_THREAD_CPUTIME_ID);
        if (cm_scanner_scan(sc, text, len, &m, &err) != CM_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const double dt = now() - t0, dc = seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
        rate[r] = (double)len / (1 << 20) / dt;
        cpu_rate[r] = (double)len / (1 << 20) / dc;
        found = m.count;
        sum = checksum(&m);
        printf("run %d: %.1f MB in %.3f s = %.1f MB/s (CPU %.3f s = %.1f MB/s)\n", r + 1,
               (double)len / (1 << 20), dt, rate[r], dc, cpu_rate[r]);
        cm_mentions_free(&m);
    }
    qsort(rate, (size_t)runs, sizeof rate[0], cmp_double);
    qsort(cpu_rate, (size_t)runs, sizeof cpu_rate[0], cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("gazetteer: %ld generated names, loaded and indexed in %.2f s\n", names, load);
    printf("scan: median %.1f MB/s on one core (by CPU time %.1f MB/s), %zu mentions "
           "(checksum %016llx)\n",
           rate[runs / 2], cpu_rate[runs / 2], found, (unsigned long long)sum);
    printf("peak RSS: %.1f MiB (the corpus itself is %ld MiB)\n", ru.ru_maxrss / 1024.0, mb);
    cm_scanner_free(sc);
    cm_gazetteer_free(gz);
    free(text);
    return 0;
}
