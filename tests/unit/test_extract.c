/* Extraction: the article reader (header, encodings, sentences, bad
 * input), the events of this project's own test articles against
 * tests/data/articles/expected.tsv (with precision and recall), and, when
 * the seed articles are present, the events the product was made for.
 *
 * Usage: see usage().  The seeds mode exits 77 (skipped) when the seed
 * folder is absent. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "conflictmap/article.h"
#include "conflictmap/dataset.h"
#include "conflictmap/extract.h"

/* ---- the article reader ---------------------------------------------------- */

static cm_status parse(const char *text, cm_article *a, cm_error *err)
{
    return cm_article_parse("t.txt", text, strlen(text), a, err);
}

/* Sentence i of a, copied into buf. */
static const char *sentence(const cm_article *a, size_t i, char *buf, size_t size)
{
    if (i >= a->nsentences)
        return "";
    const cm_span s = a->sentences[i];
    snprintf(buf, size, "%.*s", (int)(s.end - s.start), a->text + s.start);
    return buf;
}

static void test_header(void)
{
    cm_article a;
    cm_error err;
    char buf[256];
    CHECK(parse(" date 2021-07 Les talibans sont entrés. Puis ils sont partis.", &a, &err) == CM_OK);
    CHECK(a.precision == CM_PRECISION_MONTH && !(a.flags & CM_ARTICLE_UNDATED));
    CHECK(a.nsentences == 2);
    CHECK_STR(sentence(&a, 0, buf, sizeof buf), "Les talibans sont entrés.");
    cm_article_free(&a);
    CHECK(parse("\xEF\xBB\xBF" "date 2021-08-13\nKandahar fell.", &a, &err) == CM_OK);
    CHECK(a.precision == CM_PRECISION_DAY && a.nsentences == 1);
    cm_article_free(&a);
    CHECK(parse("Dated prose with no header.", &a, &err) == CM_OK);
    CHECK(a.date == CM_DATE_NONE && (a.flags & CM_ARTICLE_UNDATED));
    cm_article_free(&a);
    CHECK(parse("date 2021-02-30\nText.", &a, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "t.txt:1: header date '2021-02-30'") != NULL, "%s", err.message);
    cm_article_free(&a);
    CHECK(parse("date 2021-13\nText.", &a, &err) == CM_ERR_PARSE);
    cm_article_free(&a);
}

static void test_sentences(void)
{
    static const struct { const char *text; int n; const char *second; } cases[] = {
        {"M. Zarif a parlé. Les combats continuent.", 2, "Les combats continuent."},
        {"\"Les combattants restent en ville (...) Ils circulent à moto\", dit-il. Fin.", 2, "Fin."},
        {"« L'ennemi est entré. Les combats ont commencé », a dit le gouverneur. Ensuite ?", 2, "Ensuite ?"},
        {"Gen. Miller left on Aug. 4. The U.S. embassy stayed open.", 2, "The U.S. embassy stayed open."},
        {"Il y a 8.000 soldats. Ils partent.", 2, "Ils partent."},
        {"Titre court\nLe texte suit ici, dans une phrase assez longue pour ne pas être un titre.", 2,
         "Le texte suit ici, dans une phrase assez longue pour ne pas être un titre."},
        {"Une ligne coupée au milieu d'une phrase assez longue, comme dans un fil de\ndépêche, continue.", 1, ""},
        {"Premier paragraphe sans point\n\nSecond paragraphe.", 2, "Second paragraphe."},
        {"“Herat has fallen,” he said. “We left.”", 2, "“We left.”"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cm_article a;
        cm_error err;
        char buf[256];
        CHECK(parse(cases[i].text, &a, &err) == CM_OK);
        CHECK_MSG((int)a.nsentences == cases[i].n, "case %zu: %zu sentences", i, a.nsentences);
        if (cases[i].n > 1)
            CHECK_STR(sentence(&a, 1, buf, sizeof buf), cases[i].second);
        cm_article_free(&a);
    }
}

static void test_bad_input(void)
{
    cm_article a;
    cm_error err;
    /* Windows-1252: converted, and the offsets are those of the UTF-8 text. */
    CHECK(parse("date 2021-08\nH\xE9rat est tomb\xE9" "e \x93vite\x94.", &a, &err) == CM_OK);
    CHECK(a.flags & CM_ARTICLE_CONVERTED);
    CHECK(strstr(a.text, "Hérat est tombée “vite”.") != NULL);
    cm_article_free(&a);
    CHECK(cm_article_parse("bin", "PK\3\4\0\0\0abc", 10, &a, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "bin: binary file") != NULL, "%s", err.message);
    cm_article_free(&a);
    CHECK(parse("", &a, &err) == CM_ERR_PARSE);
    CHECK(strstr(err.message, "empty article") != NULL);
    cm_article_free(&a);
    CHECK(parse("date 2021-08-01\n  \n", &a, &err) == CM_ERR_PARSE);
    cm_article_free(&a);
    const size_t big = CM_ARTICLE_MAX_BYTES + 1;
    char *huge = malloc(big);
    if (huge) {
        memset(huge, 'a', big);
        CHECK(cm_article_parse("huge.txt", huge, big, &a, &err) == CM_ERR_PARSE);
        CHECK_MSG(strstr(err.message, "huge.txt: article of") != NULL, "%s", err.message);
        cm_article_free(&a);
        free(huge);
    }
    CHECK(cm_article_read("/nonexistent/x.txt", &a, &err) == CM_ERR_IO);
    cm_article_free(&a);
}

/* ---- events of the test articles -------------------------------------------- */

/* A row of expected.tsv: article, expect (req or yes: must be found; opt:
 * either way; forbid or no: must not be), place_id, status (* any),
 * event_date (* or absent: any), precision (* any), confidence (* any). */
typedef struct expectation {
    char article[64], expect[8], place[64], status[16], date[16], precision[4], confidence[16];
    char actor[32]; /* the side that acted (8th column), "*" any */
    int found;
} expectation;

/* The dataset's sides when one is given: the actors of events are then
 * scored too. */
static cm_sides *sides;

static size_t read_expectations(const char *path, expectation *out, size_t max)
{
    FILE *f = fopen(path, "r");
    char line[512];
    size_t n = 0;
    if (!f)
        return 0;
    while (n < max && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        expectation *e = &out[n];
        memset(e, 0, sizeof *e);
        const int k = sscanf(line, "%63s %7s %63s %15s %15s %3s %15s %31s", e->article,
                             e->expect, e->place, e->status, e->date, e->precision,
                             e->confidence, e->actor);
        CHECK_MSG(k == 4 || k == 7 || k == 8, "bad expectation line: %s", line);
        if (k == 4)
            strcpy(e->date, "*"), strcpy(e->precision, "*"), strcpy(e->confidence, "*");
        if (k < 8)
            strcpy(e->actor, "*");
        n++;
    }
    fclose(f);
    return n;
}

static int required(const expectation *x)
{
    return strcmp(x->expect, "req") == 0 || strcmp(x->expect, "yes") == 0;
}

static int forbids(const expectation *x)
{
    return strcmp(x->expect, "forbid") == 0 || strcmp(x->expect, "no") == 0;
}

static int any(const char *field)
{
    return strcmp(field, "*") == 0;
}

/* Whether event e is the one row x describes (confidence aside). */
static int matches(const expectation *x, const cm_event *e)
{
    if (strcmp(x->place, e->place_id) != 0)
        return 0;
    if (!any(x->status) && strcmp(x->status, cm_state_name(e->status)) != 0)
        return 0;
    char iso[CM_DATE_ISO_LEN] = "";
    if (e->date != CM_DATE_NONE)
        cm_date_format_iso(e->date, iso);
    if (!any(x->date) && strcmp(x->date, iso) != 0)
        return 0;
    return any(x->precision) || atoi(x->precision) == (int)e->precision;
}

typedef struct score {
    int tp, fn, fp, forbidden, conf_checked, conf_right, actor_checked, actor_right;
    int by_status[5][2]; /* required rows of each status: found, missed */
    int by_lang[2][3];   /* fr, en: found, missed, unexpected */
} score;

static int lang_of(const char *article)
{
    return strncmp(article, "en", 2) == 0;
}

/* Score the events of one article against its rows ex[0, n). */
static void score_article(const cm_gazetteer *gz, const char *article, const cm_events *ev,
                          expectation *ex, size_t n, score *sc)
{
    for (size_t k = 0; k < ev->count; k++) {
        const cm_event *e = &ev->items[k];
        int counted = 0, named = 0;
        for (size_t j = 0; j < n; j++) {
            named |= strcmp(ex[j].place, e->place_id) == 0;
            if (!matches(&ex[j], e))
                continue;
            if (forbids(&ex[j])) {
                sc->forbidden++;
                fprintf(stderr, "%s: FORBIDDEN %s %s %s\n", article, e->place_id,
                        cm_state_name(e->status), ex[j].date);
            } else if (!counted) {
                counted = 1;
                if (required(&ex[j]) && !ex[j].found && !any(ex[j].confidence)) {
                    sc->conf_checked++;
                    sc->conf_right += strcmp(ex[j].confidence, cm_confidence_name(e->confidence)) == 0;
                }
                if (sides && required(&ex[j]) && !ex[j].found && !any(ex[j].actor)) {
                    /* The side the timeline will draw: said, or the default
                     * for the status against the incumbent. */
                    const int got = cm_sides_actor(sides, e, sides->incumbent);
                    sc->actor_checked++;
                    sc->actor_right += got >= 0 && strcmp(sides->side[got].id, ex[j].actor) == 0;
                    if (got < 0 || strcmp(sides->side[got].id, ex[j].actor) != 0)
                        fprintf(stderr, "%s: actor of %s %s is %s, want %s\n", article,
                                e->place_id, cm_state_name(e->status),
                                got >= 0 ? sides->side[got].id : "none", ex[j].actor);
                }
                ex[j].found |= required(&ex[j]);
            }
        }
        const cm_place *p = cm_gazetteer_find_id(gz, e->place_id);
        const int capital = p && (p->kind == CM_KIND_PROVINCIAL_CAPITAL ||
                                  p->kind == CM_KIND_NATIONAL_CAPITAL);
        if (!counted && (capital || named)) {
            char iso[CM_DATE_ISO_LEN] = "-";
            if (e->date != CM_DATE_NONE)
                cm_date_format_iso(e->date, iso);
            sc->fp++;
            sc->by_lang[lang_of(article)][2]++;
            fprintf(stderr, "%s: unexpected %s %s %s %s (offset %ld)\n", article, e->place_id,
                    cm_state_name(e->status), iso, cm_confidence_name(e->confidence), e->offset);
        }
    }
    for (size_t j = 0; j < n; j++) {
        const int s = cm_state_parse(ex[j].status);
        if (required(&ex[j]) && s >= 0 && s < 5)
            sc->by_status[s][!ex[j].found]++;
        if (required(&ex[j]))
            sc->by_lang[lang_of(article)][!ex[j].found]++;
    }
    for (size_t j = 0; j < n; j++)
        if (required(&ex[j]) && !ex[j].found) {
            sc->fn++;
            fprintf(stderr, "%s: missing %s %s %s\n", article, ex[j].place, ex[j].status,
                    ex[j].date);
        }
}

#define MAX_EXPECTATIONS 4096

static int by_article(const void *a, const void *b)
{
    return strcmp(((const expectation *)a)->article, ((const expectation *)b)->article);
}

static void test_articles(const cm_gazetteer *gz, const cm_extractor *x, const char *dir,
                          double min_precision, double min_recall)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/expected.tsv", dir);
    static expectation ex[MAX_EXPECTATIONS];
    const size_t n = read_expectations(path, ex, MAX_EXPECTATIONS);
    CHECK(n >= 20 && n < MAX_EXPECTATIONS);
    qsort(ex, n, sizeof ex[0], by_article); /* an article's rows need not be together */
    score sc = {0};
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && strcmp(ex[end].article, ex[i].article) == 0)
            end++;
        cm_article a;
        cm_events ev = {0};
        cm_error err;
        snprintf(path, sizeof path, "%.900s/%.63s", dir, ex[i].article);
        CHECK_MSG(cm_article_read(path, &a, &err) == CM_OK, "%s", err.message);
        CHECK_MSG(cm_extract_article(x, &a, &ev, &err) == CM_OK, "%s", err.message);
        score_article(gz, ex[i].article, &ev, ex + i, end - i, &sc);
        for (size_t k = 0; k < ev.count; k++) /* every event is traceable to its place */
            CHECK(ev.items[k].offset >= 0 && (size_t)ev.items[k].offset < a.len);
        cm_events_free(&ev);
        cm_article_free(&a);
        i = end;
    }
    for (size_t i = 0; i < n; i++)
        sc.tp += required(&ex[i]) && ex[i].found;
    const double p = sc.tp + sc.fp ? (double)sc.tp / (sc.tp + sc.fp) : 0,
                 r = sc.tp + sc.fn ? (double)sc.tp / (sc.tp + sc.fn) : 0,
                 c = sc.conf_checked ? (double)sc.conf_right / sc.conf_checked : 1;
    printf("%s: %d required events found, %d missed, %d unexpected, %d forbidden: "
           "precision %.3f, recall %.3f, confidence right %.3f\n", dir, sc.tp, sc.fn, sc.fp,
           sc.forbidden, p, r, c);
    for (int s = 1; s < 5; s++)
        if (sc.by_status[s][0] + sc.by_status[s][1])
            printf("  %-9s recall %.3f (%d of %d)\n", cm_state_name((cm_state)s),
                   (double)sc.by_status[s][0] / (sc.by_status[s][0] + sc.by_status[s][1]),
                   sc.by_status[s][0], sc.by_status[s][0] + sc.by_status[s][1]);
    for (int l = 0; l < 2; l++) {
        const int *b = sc.by_lang[l];
        if (b[0] + b[1])
            printf("  %s        recall %.3f, precision %.3f (%d found, %d missed, %d unexpected)\n",
                   l ? "en" : "fr", (double)b[0] / (b[0] + b[1]),
                   b[0] + b[2] ? (double)b[0] / (b[0] + b[2]) : 0, b[0], b[1], b[2]);
    }
    if (sc.actor_checked)
        printf("  actor right %.3f (%d of %d found events with a side to check)\n",
               (double)sc.actor_right / sc.actor_checked, sc.actor_right, sc.actor_checked);
    CHECK_MSG(r >= min_recall, "recall %.3f below %.2f", r, min_recall);
    CHECK_MSG(p >= min_precision, "precision %.3f below %.2f", p, min_precision);
}

/* ---- the seed articles --------------------------------------------------------- */

/* The merged event about place with status, or NULL. */
static const cm_event *find(const cm_events *ev, const char *place, cm_state status)
{
    for (size_t i = 0; i < ev->count; i++)
        if (strcmp(ev->items[i].place_id, place) == 0 && ev->items[i].status == status)
            return &ev->items[i];
    return NULL;
}

static int month_of(const cm_event *e)
{
    int y, m, d;
    if (!e || e->date == CM_DATE_NONE)
        return 0;
    cm_date_to_ymd(e->date, &y, &m, &d);
    return y * 100 + m;
}

static int test_seeds(const cm_extractor *x, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    cm_events ev = {0};
    cm_error err;
    int files = 0;
    char *names[16];
    struct dirent *de;
    while ((de = readdir(d)) != NULL && files < 16)
        if (strstr(de->d_name, ".txt"))
            names[files++] = strdup(de->d_name);
    closedir(d);
    for (int i = 0; i < files; i++) {
        char path[1024];
        cm_article a;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        CHECK_MSG(cm_article_read(path, &a, &err) == CM_OK, "%s", err.message);
        CHECK_MSG(cm_extract_article(x, &a, &ev, &err) == CM_OK, "%s", err.message);
        cm_article_free(&a);
        free(names[i]);
    }
    CHECK(files == 5);
    CHECK(cm_events_merge_duplicates(&ev, &err) == CM_OK);
    const cm_event *q = find(&ev, "qala-i-naw", CM_STATE_CONTESTED);
    CHECK(q && month_of(q) == 202107 && q->precision == CM_PRECISION_MONTH);
    CHECK(q && strcmp(q->note, "Wednesday") == 0);
    CHECK_MSG(q && q->source_count == 4 && strstr(q->source, "000_") && strstr(q->source, "001_") &&
                  strstr(q->source, "003_") && strstr(q->source, "004_"),
              "sources: %s", q ? q->source : "none");
    const cm_event *k = find(&ev, "kunduz", CM_STATE_ATTACKED);
    CHECK(k && month_of(k) == 202106);
    const cm_event *h = find(&ev, "herat", CM_STATE_FALLEN), *g = find(&ev, "ghazni", CM_STATE_FALLEN);
    CHECK(h && month_of(h) == 202108 && strcmp(h->note, "Thursday") == 0);
    CHECK(g && month_of(g) == 202108 && strcmp(g->note, "Thursday") == 0);
    CHECK(g && g->confidence == CM_CONFIRMED);
    const cm_event *kd = find(&ev, "kandahar", CM_STATE_FALLEN);
    CHECK(kd && month_of(kd) == 202108 && strcmp(kd->note, "Friday") == 0 &&
          kd->confidence == CM_CLAIMED);
    const cm_event *qf = find(&ev, "qala-i-naw", CM_STATE_FALLEN);
    CHECK(qf && month_of(qf) == 202108 && qf->confidence == CM_CLAIMED);
    for (size_t i = 0; i < ev.count; i++) {
        const cm_event *e = &ev.items[i];
        static const char *const quiet[] = {"kabul", "tehran", "doha", "bagram", "qatar"};
        for (size_t j = 0; j < sizeof quiet / sizeof *quiet; j++)
            CHECK_MSG(strcmp(e->place_id, quiet[j]) != 0, "event for %s", quiet[j]);
        CHECK_MSG(!(strcmp(e->place_id, "herat") == 0 && e->status == CM_STATE_FALLEN &&
                    month_of(e) == 202107), "Herat fallen in July");
    }
    printf("seed articles: %d files, %zu merged events\n", files, ev.count);
    cm_events_free(&ev);
    return 1;
}

static int usage(void)
{
    fprintf(stderr, "usage: test_extract GAZETTEER LEXICON reader\n"
                    "       test_extract GAZETTEER LEXICON articles DIR MIN_PRECISION MIN_RECALL "
                    "[DATASET]\n"
                    "       test_extract GAZETTEER LEXICON seeds DIR\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return usage();
    const char *mode = argv[3];
    if ((strcmp(mode, "articles") == 0 && argc != 7 && argc != 8) ||
        (strcmp(mode, "seeds") == 0 && argc != 5))
        return usage();
    cm_gazetteer *gz = NULL;
    cm_lexicon *lx = NULL;
    cm_extractor *x = NULL;
    cm_dataset *ds = NULL;
    cm_error err;
    if (cm_gazetteer_load(argv[1], &gz, &err) != CM_OK || cm_lexicon_load(argv[2], &lx, &err) != CM_OK ||
        (argc == 8 && cm_dataset_load(argv[7], &ds, &err) != CM_OK) ||
        (ds && cm_lexicon_add_sides(lx, &ds->sides, &err) != CM_OK) ||
        cm_extractor_create(gz, lx, &x, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    sides = ds ? &ds->sides : NULL;
    int skipped = 0;
    if (strcmp(mode, "seeds") == 0) {
        skipped = !test_seeds(x, argv[4]);
    } else if (strcmp(mode, "articles") == 0) {
        test_articles(gz, x, argv[4], atof(argv[5]), atof(argv[6]));
    } else {
        test_header();
        test_sentences();
        test_bad_input();
    }
    cm_extractor_free(x);
    cm_lexicon_free(lx);
    cm_gazetteer_free(gz);
    cm_dataset_free(ds);
    if (skipped) {
        printf("seed articles not found in %s: skipped\n", argv[4]);
        return 77;
    }
    return check_summary("extract");
}
