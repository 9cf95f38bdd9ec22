/* The conflictmap tool: shared helpers of the subcommands. */
#ifndef CM_CLI_H
#define CM_CLI_H

#include <stdio.h>

#include "conflictmap/dataset.h"
#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/map.h"
#include "conflictmap/extract.h"

/* Named exit codes of the tool. */
enum cm_exit {
    CM_EXIT_OK = 0,
    CM_EXIT_FAILURE = 1, /* unexpected failure */
    CM_EXIT_USAGE = 2,   /* bad command line */
    CM_EXIT_DATA = 3,    /* bad input data: parse error, bad value, unknown CRS */
    CM_EXIT_IO = 4,      /* a file could not be read or written */
    CM_EXIT_NOMEM = 5,   /* out of memory */
    CM_EXIT_RENDER = 6   /* drawing failed */
};

/* Print "conflictmap: error: MESSAGE" and return the exit code for it. */
int cli_fail(const cm_error *err);

/* Print a usage error naming the subcommand, and return CM_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The dataset file to use when --dataset is not given. */
const char *cli_default_dataset(void);

/* Parse a positive integer option value into *out (bounds inclusive). */
int cli_parse_int(const char *text, long lo, long hi, long *out);

/* Options of every subcommand that draws maps (render, report, ...): the
 * dataset and its overrides, the language and the page size. */
typedef struct cli_map_args {
    const char *events, *boundaries, *neighbours, *gazetteer, *id_field, *dataset, *crs, *lang;
    long width, height, dpi;
} cli_map_args;

/* Long option codes of the map options; a subcommand numbers its own
 * options from CLI_OPT_NEXT. */
enum {
    CLI_OPT_NEIGHBOURS = 256,
    CLI_OPT_DATASET,
    CLI_OPT_CRS,
    CLI_OPT_DPI,
    CLI_OPT_ID_FIELD,
    CLI_OPT_NEXT
};

/* getopt letters of the map options, to put in a subcommand's optstring. */
#define CLI_MAP_SHORTOPTS "e:b:g:l:W:H:"

/* The map options' entries of a struct option array. */
#define CLI_MAP_LONGOPTS                                         \
    {"events", required_argument, NULL, 'e'},                    \
    {"boundaries", required_argument, NULL, 'b'},                \
    {"neighbours", required_argument, NULL, CLI_OPT_NEIGHBOURS}, \
    {"gazetteer", required_argument, NULL, 'g'},                 \
    {"id-field", required_argument, NULL, CLI_OPT_ID_FIELD},     \
    {"dataset", required_argument, NULL, CLI_OPT_DATASET},       \
    {"crs", required_argument, NULL, CLI_OPT_CRS},               \
    {"lang", required_argument, NULL, 'l'},                      \
    {"width", required_argument, NULL, 'W'},                     \
    {"height", required_argument, NULL, 'H'},                    \
    {"dpi", required_argument, NULL, CLI_OPT_DPI}

/* Defaults: 1600 x 1200 pixels at 150 dpi, English. */
void cli_map_args_init(cli_map_args *a);

/* Take getopt's option c with value arg if it is a map option.  Returns -1
 * when c is not one, 0 when stored, CM_EXIT_USAGE (error printed, naming
 * cmd) for a bad value. */
int cli_map_option(const char *cmd, int c, const char *arg, cli_map_args *a);

/* Print the help lines of the map options. */
void cli_map_help(FILE *out);

/* Load the dataset (--dataset or the default) and fill the map options,
 * the events path (NULL when none) and the language from it and the
 * overrides.  The caller frees *ds with cm_dataset_free. */
cm_status cli_map_prepare(const cli_map_args *a, cm_dataset **ds, cm_map_options *opts,
                          const char **events, cm_lang *lang, cm_error *err);

int cli_render(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_geocode(int argc, char **argv);
int cli_gazetteer(int argc, char **argv);
int cli_extract(int argc, char **argv);

/* Extract the events of each article file into *events, printing a
 * warning for a converted or undated article and an error for one that
 * fails (the others are still read).  date (CM_DATE_NONE: none) overrides
 * the headers.  Returns the exit code of the worst failure, or 0. */
int cli_extract_articles(const cm_extractor *x, char *const *paths, int n, cm_date date,
                         cm_precision precision, int quiet, cm_events *events);

#endif
