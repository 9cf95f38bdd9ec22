/* conflictmap: news articles about a conflict to dated maps.
 * The tool parses options and calls the library; see include/conflictmap. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/output.h"

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} subcommand;

static const subcommand commands[] = {
    {"render", cli_render, "draw the map of one date as PNG, SVG or PDF"},
    {"animate", cli_animate, "draw one map per date, a manifest and a video"},
    {"report", cli_report, "maps of every change, a chart, tables and a web page for a period"},
    {"extract", cli_extract, "read articles and write the dated events they report"},
    {"geocode", cli_geocode, "resolve place names (any spelling) with the gazetteer"},
    {"gazetteer", cli_gazetteer, "import GeoNames dumps and CSV files into a gazetteer"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: conflictmap COMMAND [OPTIONS]\n\n"
                 "Turn news articles about a conflict into dated maps.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'conflictmap COMMAND --help' for a command's options.\n"
                 "Options: --help, --version\n"
                 "Exit codes: 0 ok, 1 failure, 2 usage, 3 bad input data, 4 i/o error,\n"
                 "            5 out of memory, 6 drawing failed.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CM_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return CM_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("conflictmap %s\n", CM_VERSION);
        return CM_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            const int rc = commands[i].run(argc - 1, argv + 1);
            cm_output_release_caches();
            return rc;
        }
    fprintf(stderr, "conflictmap: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CM_EXIT_USAGE;
}
