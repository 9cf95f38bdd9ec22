/* conflictmap render: the map of one date. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "conflictmap/output.h"

static void help(void)
{
    printf("Usage: conflictmap render --date YYYY-MM-DD -o FILE.{png,svg,pdf} [OPTIONS]\n\n"
           "Draw which side holds each regional capital on a date.  The dataset\n"
           "supplies every input that is not given.\n\n"
           "  -d, --date DATE          the map's date (required)\n"
           "  -o, --output FILE        .png, .svg or .pdf (required)\n"
           "  -j, --jobs N             threads drawing and compressing a PNG (1..64;\n"
           "                           default: the processors, up to 8); the file is\n"
           "                           the same for any N\n");
    cli_map_help(stdout);
    printf("  -h, --help               show this help\n");
}

typedef struct render_args {
    const char *date, *output;
    long jobs;
    cli_map_args map;
} render_args;

static int parse_args(int argc, char **argv, render_args *a)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        CLI_MAP_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:o:j:h" CLI_MAP_SHORTOPTS, longopts, NULL)) != -1) {
        const int taken = cli_map_option("render", c, optarg, &a->map);
        if (taken == CM_EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (c) {
        case 'd': a->date = optarg; break;
        case 'o': a->output = optarg; break;
        case 'j':
            if (!cli_parse_int(optarg, 1, 64, &a->jobs))
                return cli_usage_error("render", "bad --jobs '%s' (1..64)", optarg);
            break;
        case 'h':
            help();
            return -1;
        case ':':
            return cli_usage_error("render", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("render", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("render", "unexpected argument '%s'", argv[optind]);
    if (!a->date)
        return cli_usage_error("render", "--date is required");
    if (!a->output)
        return cli_usage_error("render", "-o FILE is required");
    return 0;
}

int cli_render(int argc, char **argv)
{
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    render_args a = {.jobs = cpus < 1 ? 1 : cpus > 8 ? 8 : cpus};
    cli_map_args_init(&a.map);
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CM_EXIT_OK : rc;
    cm_error err = {0};
    cm_date date;
    cm_format format;
    cli_map_data d = {0};
    cm_output_options out_opts;
    cli_output_options(&a.map, &out_opts);
    out_opts.threads = (int)a.jobs;
    /* Check what costs nothing before loading anything. */
    if (cm_date_parse(a.date, &date, NULL, &err) != CM_OK ||
        cm_output_format(a.output, &format, &err) != CM_OK ||
        cli_map_prepare(&a.map, &d, &err) != CM_OK || cli_map_load(&a.map, &d, NULL, &err) != CM_OK ||
        cli_map_check_date(&a.map, &d, date, &err) != CM_OK ||
        cm_output_write_opts(d.map, d.timeline, date, d.lang, a.output, &out_opts, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    rc = CM_EXIT_OK;
out:
    cli_map_data_free(&d);
    return rc;
}
