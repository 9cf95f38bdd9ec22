/* conflictmap report: a bundle of maps, a chart and tables for a period,
 * from the base timeline and the events of the articles given. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/events.h"
#include "conflictmap/extract.h"
#include "conflictmap/lexicon.h"
#include "conflictmap/map.h"
#include "conflictmap/report.h"
#include "conflictmap/timeline.h"

static void help(void)
{
    printf("Usage: conflictmap report [ARTICLE...] -o DIR [OPTIONS]\n\n"
           "Write a report on a period into DIR: a map for every day on which a\n"
           "capital changed hands (maps/DATE.png, .svg, .pdf), the latest map, a\n"
           "chart of the capitals in each state over time, the events as CSV and\n"
           "Markdown, report.md and index.html (the map with a date slider).\n\n"
           "  -o, --output DIR         the report's directory (required)\n"
           "      --from DATE          first day (YYYY-MM-DD or YYYY-MM; default: the\n"
           "                           timeline's first event)\n"
           "      --to DATE            last day (default: the timeline's last event)\n"
           "  -u, --user-events FILE   your events CSV; with the articles' events it is\n"
           "                           laid over the base timeline, replacing its events\n"
           "                           about the same place and day\n");
    cli_map_help(stdout);
    printf("  -h, --help               show this help\n\n"
           "Each ARTICLE is read as 'conflictmap extract' reads it (a 'date' header,\n"
           "UTF-8 or Windows-1252); the events found in them and in --user-events are\n"
           "merged (one event reported by several articles counts once) and win over\n"
           "the base timeline.\n");
}

typedef struct report_args {
    const char *output, *from, *to, *user_events;
    char **articles;
    int n_articles;
    cli_map_args map;
} report_args;

static int parse_args(int argc, char **argv, report_args *a)
{
    enum { OPT_FROM = CLI_OPT_OWN, OPT_TO };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"user-events", required_argument, NULL, 'u'},
        CLI_MAP_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:u:h" CLI_MAP_SHORTOPTS, longopts, NULL)) != -1) {
        const int taken = cli_map_option("report", c, optarg, &a->map);
        if (taken == CM_EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (c) {
        case 'o': a->output = optarg; break;
        case OPT_FROM: a->from = optarg; break;
        case OPT_TO: a->to = optarg; break;
        case 'u': a->user_events = a->map.user_events = optarg; break;
        case 'h':
            help();
            return -1;
        case ':':
            return cli_usage_error("report", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("report", "unknown option '%s'", argv[optind - 1]);
        }
    }
    a->articles = argv + optind;
    a->n_articles = argc - optind;
    if (!a->output)
        return cli_usage_error("report", "-o DIR is required");
    return 0;
}

/* A --from or --to value: a day, or a month (its first day for --from,
 * its last for --to). */
static cm_status parse_bound(const char *text, int is_end, cm_date *out, cm_error *err)
{
    cm_precision precision;
    *out = CM_DATE_NONE;
    if (!text)
        return CM_OK;
    cm_status st = cm_date_parse(text, out, &precision, err);
    if (st == CM_OK && is_end)
        *out = cm_date_effective(*out, precision);
    return st;
}

/* Events from the articles given as arguments, appended to *user: the
 * extractor over the map's gazetteer and the dataset's lexicon, each
 * article read as `conflictmap extract` reads it.  Returns an exit code. */
static int events_from_articles(char **articles, int n, const cm_dataset *ds,
                                const char *gazetteer, cm_events *user)
{
    cm_error err = {0};
    cm_gazetteer *gz = NULL;
    cm_lexicon *lx = NULL;
    cm_extractor *x = NULL;
    int rc;
    if (!ds->lexicon) {
        err.status = CM_ERR_NOT_FOUND;
        snprintf(err.message, sizeof err.message,
                 "%s: the dataset names no lexicon to read articles with", ds->path);
        rc = cli_fail(&err);
    } else if (cm_gazetteer_load(gazetteer, &gz, &err) != CM_OK ||
               cm_lexicon_load(ds->lexicon, &lx, &err) != CM_OK ||
               cm_lexicon_add_sides(lx, &ds->sides, &err) != CM_OK ||
               cm_extractor_create(gz, lx, &x, &err) != CM_OK) {
        rc = cli_fail(&err);
    } else {
        rc = cli_extract_articles(x, articles, n, CM_DATE_NONE, CM_PRECISION_DAY, 0, NULL, user);
    }
    cm_extractor_free(x);
    cm_lexicon_free(lx);
    cm_gazetteer_free(gz);
    return rc;
}

int cli_report(int argc, char **argv)
{
    report_args a = {0};
    cli_map_args_init(&a.map);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CM_EXIT_OK : rc;
    cm_error err = {0};
    cm_report_options ro = {.dir = a.output};
    cm_report_result res;
    cli_map_data d = {0};
    cm_events user = {0};
    if (parse_bound(a.from, 0, &ro.from, &err) != CM_OK ||
        parse_bound(a.to, 1, &ro.to, &err) != CM_OK ||
        cli_map_prepare(&a.map, &d, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    ro.lang = d.lang;
    /* Articles first: a failed one stops the report before anything is written. */
    const char *gazetteer = a.map.gazetteer ? a.map.gazetteer : d.dataset->gazetteer;
    if (a.n_articles > 0 &&
        (rc = events_from_articles(a.articles, a.n_articles, d.dataset, gazetteer, &user)) != 0)
        goto out;
    /* The user's events (articles and --user-events) laid over the base. */
    if ((a.user_events && cm_events_read_csv(a.user_events, &user, &err) != CM_OK) ||
        cli_map_load(&a.map, &d, &user, &err) != CM_OK ||
        cm_report_write(d.map, &d.events, d.timeline, &ro, &res, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    char from[CM_DATE_ISO_LEN], to[CM_DATE_ISO_LEN];
    cm_date_format_iso(res.from, from);
    cm_date_format_iso(res.to, to);
    char held[600];
    cm_sides_summary(&d.map->sides, &res.last, CM_LANG_EN, held, sizeof held);
    printf("%s: %zu dated maps from %s to %s, %zu events; on %s: %s\n", a.output, res.n_maps,
           from, to, res.n_events, to, held);
    rc = CM_EXIT_OK;
out:
    cm_events_free(&user);
    cli_map_data_free(&d);
    return rc;
}
