/* The conflictmap tool: shared helpers of the subcommands. */
#ifndef CM_CLI_H
#define CM_CLI_H

#include "conflictmap/error.h"
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

int cli_render(int argc, char **argv);
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
