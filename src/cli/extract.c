/* conflictmap extract: articles to dated events (CSV or JSON Lines). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/article.h"
#include "conflictmap/dataset.h"
#include "conflictmap/extract.h"

static void help(void)
{
    printf("Usage: conflictmap extract [OPTIONS] ARTICLE...\n\n"
           "Read news articles (plain text, French or English; UTF-8, or Windows-1252\n"
           "converted with a warning) and write the dated territorial events they\n"
           "report: which place was attacked, contested, fallen or retaken, when, how\n"
           "sure (confirmed or claimed), and the sentence that says so.  An article may\n"
           "start with a header 'date YYYY-MM-DD' or 'date YYYY-MM' that dates it.\n"
           "Events about the same place, status and date from several articles are\n"
           "merged into one, with a source count.\n\n"
           "  -o, --output FILE     write here (default: standard output); written\n"
           "                        whole or not at all\n"
           "  -f, --format FORMAT   csv (default) or jsonl\n"
           "  -d, --date DATE       the articles' date (YYYY-MM-DD or YYYY-MM), instead\n"
           "                        of their headers\n"
           "      --no-merge        keep each article's events apart (an article tells\n"
           "                        each place, status and date once either way)\n"
           "      --explain         print why: for each event its trigger, place phrase,\n"
           "                        date words and rule, modality; for each place named\n"
           "                        without an event, the reason (needs -o for the events)\n"
           "  -g, --gazetteer FILE  gazetteer CSV (default: the dataset's)\n"
           "  -l, --lexicon FILE    trigger lexicon CSV (default: the dataset's)\n"
           "      --dataset FILE    dataset file (default: %s)\n"
           "  -q, --quiet           no warnings\n"
           "  -h, --help            show this help\n\n"
           "CSV columns: event_date, time_precision (1 day, 2 week, 3 month), place_id,\n"
           "place, admin1, latitude, longitude, status, confidence, source, offset (byte\n"
           "of the place in the article), sentence, sub_event_type (ACLED), source_count,\n"
           "note (e.g. the weekday an article dated only to the month names).\n"
           "A file that cannot be read is reported and skipped; the others are still\n"
           "processed, and the exit code says that one failed (3 bad data, 4 i/o).\n",
           cli_default_dataset());
}

typedef struct explain_ctx {
    FILE *fp;
    const char *article;
} explain_ctx;

/* One line per event or mention without one: why the extractor believes it. */
static void print_explanation(void *ctx, const cm_explanation *e)
{
    const explain_ctx *c = ctx;
    fprintf(c->fp, "%s:%zu: ", c->article, e->offset);
    if (!e->is_event) {
        fprintf(c->fp, "no event for %s (\"%s\"): %s\n", e->place_id, e->mention, e->reason);
        return;
    }
    char iso[CM_DATE_ISO_LEN] = "undated";
    if (e->date != CM_DATE_NONE)
        cm_date_format_iso(e->date, iso);
    fprintf(c->fp, "%s %s %s%s %s | place \"%s\" (%s) | trigger \"%s\" (lexicon line %ld) | "
            "date %s%s%s(%s)%s%s\n", e->place_id, cm_state_name(e->status), iso,
            e->precision == CM_PRECISION_MONTH ? " (month)" : e->precision == CM_PRECISION_WEEK ? " (week)" : "",
            cm_confidence_name(e->confidence), e->mention, e->how, e->trigger, e->trigger_line,
            e->date_words[0] ? "\"" : "", e->date_words, e->date_words[0] ? "\" " : "",
            e->date_rule, e->modality[0] ? " | " : "", e->modality);
}

int cli_extract_articles(const cm_extractor *x, char *const *paths, int n, cm_date date,
                         cm_precision precision, int quiet, FILE *explain, cm_events *events)
{
    int rc = CM_EXIT_OK;
    for (int i = 0; i < n; i++) {
        cm_article a;
        cm_error err = {0};
        cm_status st = cm_article_read(paths[i], &a, &err);
        if (st == CM_OK && date != CM_DATE_NONE)
            cm_article_set_date(&a, date, precision);
        if (st == CM_OK && !quiet && (a.flags & CM_ARTICLE_CONVERTED))
            fprintf(stderr, "conflictmap: warning: %s: not UTF-8; read as Windows-1252\n",
                    paths[i]);
        if (st == CM_OK && !quiet && (a.flags & CM_ARTICLE_UNDATED))
            fprintf(stderr,
                    "conflictmap: warning: %s: no 'date' header; its events are undated "
                    "(give --date)\n", paths[i]);
        explain_ctx ctx = {explain, paths[i]};
        if (st == CM_OK)
            st = cm_extract_article_explained(x, &a, events, explain ? print_explanation : NULL,
                                              &ctx, &err);
        cm_article_free(&a);
        if (st != CM_OK) {
            const int code = cli_fail(&err);
            if (rc == CM_EXIT_OK || code == CM_EXIT_NOMEM)
                rc = code;
            if (code == CM_EXIT_NOMEM)
                break;
        }
    }
    return rc;
}

typedef struct options {
    const char *output, *gazetteer, *lexicon, *dataset;
    cm_events_format format;
    cm_date date;
    cm_precision precision;
    int merge, quiet, explain;
} options;

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, 'd'},    {"no-merge", no_argument, NULL, 'M'},
        {"gazetteer", required_argument, NULL, 'g'}, {"lexicon", required_argument, NULL, 'l'},
        {"dataset", required_argument, NULL, 'D'}, {"quiet", no_argument, NULL, 'q'},
        {"explain", no_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    int c;
    cm_error err;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:d:g:l:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f':
            if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "jsonl") != 0)
                return cli_usage_error("extract", "--format is csv or jsonl, not '%s'", optarg);
            o->format = optarg[0] == 'c' ? CM_EVENTS_CSV : CM_EVENTS_JSONL;
            break;
        case 'd':
            if (cm_date_parse(optarg, &o->date, &o->precision, &err) != CM_OK)
                return cli_usage_error("extract", "--date: %s", err.message);
            break;
        case 'M': o->merge = 0; break;
        case 'g': o->gazetteer = optarg; break;
        case 'l': o->lexicon = optarg; break;
        case 'D': o->dataset = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'E': o->explain = 1; break;
        case 'h': help(); return -1;
        case ':': return cli_usage_error("extract", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("extract", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("extract", "give at least one ARTICLE");
    return CM_EXIT_OK;
}

int cli_extract(int argc, char **argv)
{
    options o = {.format = CM_EVENTS_CSV, .date = CM_DATE_NONE, .merge = 1};
    int rc = parse_options(argc, argv, &o);
    if (rc != CM_EXIT_OK)
        return rc < 0 ? CM_EXIT_OK : rc;
    cm_error err = {0};
    cm_dataset *ds = NULL;
    cm_gazetteer *gz = NULL;
    cm_lexicon *lx = NULL;
    cm_extractor *x = NULL;
    cm_events events = {0};
    if ((!o.gazetteer || !o.lexicon) &&
        cm_dataset_load(o.dataset ? o.dataset : cli_default_dataset(), &ds, &err) != CM_OK)
        return cli_fail(&err);
    const char *lexicon = o.lexicon ? o.lexicon : ds->lexicon;
    if (!lexicon) {
        rc = cli_usage_error("extract", "the dataset %s names no lexicon; give --lexicon", ds->path);
        goto out;
    }
    if (cm_gazetteer_load(o.gazetteer ? o.gazetteer : ds->gazetteer, &gz, &err) != CM_OK ||
        cm_lexicon_load(lexicon, &lx, &err) != CM_OK ||
        (ds && cm_lexicon_add_sides(lx, &ds->sides, &err) != CM_OK) ||
        cm_extractor_create(gz, lx, &x, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (o.explain && !o.output) {
        rc = cli_usage_error("extract", "--explain writes to standard output; give the events "
                             "a file with -o");
        goto out;
    }
    rc = cli_extract_articles(x, argv + optind, argc - optind, o.date, o.precision, o.quiet,
                              o.explain ? stdout : NULL, &events);
    if (rc == CM_EXIT_NOMEM)
        goto out;
    cm_status st = o.merge ? cm_events_merge_duplicates(&events, &err) : CM_OK;
    if (st == CM_OK)
        st = o.output ? cm_events_save(&events, o.format, o.output, &err)
                      : cm_events_write(&events, o.format, stdout, &err);
    if (st != CM_OK)
        rc = cli_fail(&err);
out:
    cm_events_free(&events);
    cm_extractor_free(x);
    cm_lexicon_free(lx);
    cm_gazetteer_free(gz);
    cm_dataset_free(ds);
    return rc;
}
