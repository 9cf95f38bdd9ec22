/* The conflictmap tool: shared helpers of the subcommands. */
#ifndef CM_CLI_H
#define CM_CLI_H

#include <stdio.h>

#include "conflictmap/dataset.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/extract.h"
#include "conflictmap/map.h"
#include "conflictmap/output.h"
#include "conflictmap/timeline.h"

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

/* The options that choose a map's data, language and page, shared by the
 * subcommands that draw maps (render, animate, report). */
typedef struct cli_map_args {
    const char *events, *boundaries, *neighbours, *gazetteer, *id_field, *dataset, *crs;
    const char *lang;
    const char *title, *subtitle, *attribution; /* override the dataset's words */
    const char *user_events; /* the path of the user's events, for messages */
    const char *events_format; /* auto (default), conflictmap, acled or ucdp */
    const char *style;         /* a style file over the dataset's */
    int strict;              /* warnings are errors */
    int verbose;             /* say what was resolved or left out */
    long width, height, dpi;
    long png_compression; /* zlib level of PNG files */
} cli_map_args;

/* Long option codes of the map options; a subcommand numbers its own long
 * options from CLI_OPT_OWN. */
enum {
    CLI_OPT_NEIGHBOURS = 256,
    CLI_OPT_DATASET,
    CLI_OPT_CRS,
    CLI_OPT_DPI,
    CLI_OPT_ID_FIELD,
    CLI_OPT_PNG_COMPRESSION,
    CLI_OPT_TITLE,
    CLI_OPT_SUBTITLE,
    CLI_OPT_ATTRIBUTION,
    CLI_OPT_STRICT,
    CLI_OPT_EVENTS_FORMAT,
    CLI_OPT_STYLE,
    CLI_OPT_VERBOSE,
    CLI_OPT_OWN
};

/* getopt_long entries and short option letters of the map options. */
#define CLI_MAP_SHORTOPTS "e:b:g:l:W:H:"
#define CLI_MAP_LONGOPTS                                                   \
    {"events", required_argument, NULL, 'e'},                              \
    {"boundaries", required_argument, NULL, 'b'},                          \
    {"neighbours", required_argument, NULL, CLI_OPT_NEIGHBOURS},           \
    {"gazetteer", required_argument, NULL, 'g'},                           \
    {"id-field", required_argument, NULL, CLI_OPT_ID_FIELD},               \
    {"dataset", required_argument, NULL, CLI_OPT_DATASET},                 \
    {"crs", required_argument, NULL, CLI_OPT_CRS},                         \
    {"lang", required_argument, NULL, 'l'},                                \
    {"width", required_argument, NULL, 'W'},                               \
    {"height", required_argument, NULL, 'H'},                              \
    {"dpi", required_argument, NULL, CLI_OPT_DPI},                         \
    {"png-compression", required_argument, NULL, CLI_OPT_PNG_COMPRESSION}, \
    {"title", required_argument, NULL, CLI_OPT_TITLE},                     \
    {"subtitle", required_argument, NULL, CLI_OPT_SUBTITLE},               \
    {"attribution", required_argument, NULL, CLI_OPT_ATTRIBUTION},         \
    {"strict", no_argument, NULL, CLI_OPT_STRICT},                         \
    {"events-format", required_argument, NULL, CLI_OPT_EVENTS_FORMAT},     \
    {"style", required_argument, NULL, CLI_OPT_STYLE},                     \
    {"verbose", no_argument, NULL, CLI_OPT_VERBOSE}

/* The defaults: 1600 x 1200 pixels at 150 dpi, English, fast PNG. */
void cli_map_args_init(cli_map_args *a);

/* Take option c (a getopt_long code) with its value if it is a map option:
 * 1 if taken, 0 if it is not a map option, CM_EXIT_USAGE (after printing
 * the error) if its value is bad. */
int cli_map_option(const char *cmd, int c, const char *value, cli_map_args *a);

/* Print the help lines of the map options. */
void cli_map_help(FILE *out);

/* What a map needs, loaded from the options. */
typedef struct cli_map_data {
    cm_dataset *dataset;
    cm_events events;
    cm_timeline *timeline;
    cm_map *map;
    cm_lang lang;
    cm_map_style style; /* --style's, when given */
} cli_map_data;

/* Check the language and read the dataset file (cheap checks first). */
cm_status cli_map_prepare(const cli_map_args *a, cli_map_data *d, cm_error *err);

/* Read the events, build the timeline and the map (after cli_map_prepare).
 * When user is not NULL its events are merged (cm_events_merge_duplicates)
 * and overlaid on the base events (cm_events_overlay) first. */
cm_status cli_map_load(const cli_map_args *a, cli_map_data *d, cm_events *user,
                       cm_error *err);

void cli_map_data_free(cli_map_data *d);

/* Warn (see cli_map_warn) when date is before the first day the data
 * know. */
cm_status cli_map_check_date(const cli_map_args *a, const cli_map_data *d, cm_date date,
                             cm_error *err);

/* A warning about the user's data: one line on stderr, or, with --strict,
 * the error err (CM_ERR_INVALID) that stops the command.  Returns CM_OK or
 * that error. */
cm_status cli_map_warn(const cli_map_args *a, cm_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The output options the map options chose. */
void cli_output_options(const cli_map_args *a, cm_output_options *o);

/* Parse a date option's value; a usage error (one line, CM_EXIT_USAGE)
 * when it is malformed or impossible, else 0. */
int cli_parse_date(const char *cmd, const char *option, const char *text, cm_date *out);

int cli_render(int argc, char **argv);
int cli_animate(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_extract(int argc, char **argv);
int cli_geocode(int argc, char **argv);
int cli_gazetteer(int argc, char **argv);

/* Extract the events of each article file into *events, printing a
 * warning for a converted or undated article and an error for one that
 * fails (the others are still read).  date (CM_DATE_NONE: none) overrides
 * the headers.  Returns the exit code of the worst failure, or 0. */
int cli_extract_articles(const cm_extractor *x, char *const *paths, int n, cm_date date,
                         cm_precision precision, int quiet, FILE *explain, cm_events *events);

#endif
