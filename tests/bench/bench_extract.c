/* Benchmark (not a test): event extraction throughput.  The corpus is
 * either generated (sentences written for this benchmark, places drawn from
 * the gazetteer under every spelling it knows, one sentence in four naming a
 * place) or, when ARTICLE files are given, those articles (the test corpora:
 * briefs, long pieces, chronologies, live blogs) taken in turn until the
 * corpus has its size.  Every article is read and extracted from memory: the
 * article reader, the gazetteer scan and the extractor (with its lemma cache,
 * cold on the first run).  Prints MB/s per run, the median, the events found
 * and the peak resident memory.
 * Usage: bench_extract GAZETTEER LEXICON [CORPUS_MB (100)] [RUNS (3)] [ARTICLE...] */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "conflictmap/extract.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* %s is a place. */
static const char *const with_place[] = {
    "Les insurgés se sont emparés mercredi de %s après deux jours de combats.",
    "Fighters entered %s on Tuesday, a local official said.",
    "La chute de %s a été confirmée par le ministère.",
    "Government troops retook %s yesterday.",
    "Des combats ont éclaté hier soir à %s, selon des habitants.",
    "A spokesman in %s said the roads were closed.",
    "Le gouverneur de %s a demandé des renforts.",
    "The Taliban failed to capture %s last week.",
    "%s est tombée aux mains des talibans dimanche.",
    "Residents of %s described a quiet night.",
};
static const char *const without_place[] = {
    "Les discussions entre les deux délégations n'ont donné aucun résultat concret.",
    "Officials said the situation remained fluid as aid convoys waited at the border.",
    "« Nous ne savons pas ce qui va se passer demain », a confié un commerçant.",
    "The ministry did not reply to a request for comment on Thursday.",
    "Plusieurs milliers de familles ont quitté leurs maisons depuis le début du mois.",
    "Analysts said the withdrawal had changed the balance of forces (...) quickly.",
    "Le prix du pain a doublé en une semaine sur les marchés de la région.",
    "Diplomats met again to discuss a ceasefire that neither side seemed to want.",
};

/* One spelling of a random gazetteer place: its name, French name or an alias. */
static const char *spelling(const cm_gazetteer *gz, char *buf, size_t size)
{
    const cm_place *p = cm_gazetteer_place(gz, next() % cm_gazetteer_count(gz));
    const char *s = next() % 2 ? p->name : p->name_fr;
    if (p->aliases[0] && next() % 3 == 0) {
        const char *a = p->aliases, *bar;
        for (int skip = (int)(next() % 4); skip > 0 && (bar = strchr(a, '|')); skip--)
            a = bar + 1;
        bar = strchr(a, '|');
        snprintf(buf, size, "%.*s", (int)(bar ? (size_t)(bar - a) : strlen(a)), a);
        return buf;
    }
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define ARTICLE_BYTES 4000

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_extract GAZETTEER LEXICON [CORPUS_MB] [RUNS]\n");
        return 2;
    }
    const long mb = argc > 3 ? atol(argv[3]) : 100;
    const int runs = argc > 4 && atoi(argv[4]) > 0 ? atoi(argv[4]) : 3;
    cm_gazetteer *gz;
    cm_lexicon *lx;
    cm_extractor *x;
    cm_error err;
    if (cm_gazetteer_load(argv[1], &gz, &err) != CM_OK || cm_lexicon_load(argv[2], &lx, &err) != CM_OK ||
        cm_extractor_create(gz, lx, &x, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    const size_t size = (size_t)mb << 20;
    char *corpus = malloc(size + ARTICLE_BYTES * 2 + (1u << 20));
    size_t *starts = malloc((size / 100 + 2) * sizeof *starts), narticles = 0, len = 0;
    for (int f = 5; f < argc && len < size; f = f + 1 < argc ? f + 1 : 5) {
        FILE *fp = fopen(argv[f], "rb");
        if (!fp) {
            fprintf(stderr, "%s: cannot open\n", argv[f]);
            return 1;
        }
        starts[narticles++] = len;
        len += fread(corpus + len, 1, 1u << 20, fp);
        fclose(fp);
    }
    while (argc <= 5 && len < size) {
        starts[narticles++] = len;
        len += (size_t)sprintf(corpus + len, "date 2021-08-%02d\n", (int)(1 + next() % 28));
        const size_t end = len + ARTICLE_BYTES;
        while (len < end) {
            char buf[128], sentence[512];
            if (next() % 4 == 0)
                snprintf(sentence, sizeof sentence, with_place[next() % 10], spelling(gz, buf, sizeof buf));
            else
                snprintf(sentence, sizeof sentence, "%s", without_place[next() % 8]);
            len += (size_t)sprintf(corpus + len, "%s%s", sentence, next() % 5 ? " " : "\n\n");
        }
    }
    starts[narticles] = len;
    double rate[16];
    size_t events = 0;
    for (int r = 0; r < runs && r < 16; r++) {
        cm_events ev = {0};
        const double t0 = now();
        for (size_t i = 0; i < narticles; i++) {
            cm_article a;
            if (cm_article_parse("bench", corpus + starts[i], starts[i + 1] - starts[i], &a, &err) != CM_OK ||
                cm_extract_article(x, &a, &ev, &err) != CM_OK) {
                fprintf(stderr, "%s\n", err.message);
                return 1;
            }
            cm_article_free(&a);
        }
        const double dt = now() - t0;
        rate[r] = (double)len / (1 << 20) / dt;
        events = ev.count;
        printf("run %d: %.1f MB, %zu articles in %.3f s = %.1f MB/s\n", r + 1,
               (double)len / (1 << 20), narticles, dt, rate[r]);
        cm_events_free(&ev);
    }
    qsort(rate, (size_t)runs, sizeof rate[0], cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("extract: median %.1f MB/s on one core, %zu events from %zu %s articles\n",
           rate[runs / 2], events, narticles, argc > 5 ? "test-corpus" : "generated");
    printf("peak RSS: %.1f MiB (the corpus itself is %ld MiB)\n", ru.ru_maxrss / 1024.0, mb);
    cm_extractor_free(x);
    cm_lexicon_free(lx);
    cm_gazetteer_free(gz);
    free(corpus);
    free(starts);
    return 0;
}
