/* Private: a streaming RFC 4180 CSV reader shared by the gazetteer and
 * events readers.  Records are bounded in size from the start; fields are
 * checked to be valid UTF-8.  Not part of the public API. */
#ifndef CM__CSV_H
#define CM__CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "conflictmap/error.h"
#include "utf8.h" /* the CSV readers check their text with it */

#define CM__CSV_MAX_RECORD (1u << 20) /* 1 MiB per record */
#define CM__CSV_MAX_FIELDS 256

typedef struct cm__csv cm__csv;

/* Open path for reading with the given field separator (',' or '\t').
 * quoting = 0 reads fields verbatim (GeoNames dumps do not quote).
 * The caller owns the reader and frees it with cm__csv_close. */
cm_status cm__csv_open(const char *path, char sep, int quoting, cm__csv **out,
                       cm_error *err);

/* Read the next record.  Sets *eof = 1 (and returns CM_OK) at end of input.
 * Blank lines are skipped.  Errors name the file and line. */
cm_status cm__csv_next(cm__csv *csv, int *eof, cm_error *err);

size_t cm__csv_nfields(const cm__csv *csv);
/* Field i of the current record, NUL-terminated; "" past the end. */
const char *cm__csv_field(const cm__csv *csv, size_t i);
/* Line on which the current record started (1-based). */
long cm__csv_line(const cm__csv *csv);
const char *cm__csv_path(const cm__csv *csv);
/* Index of the field equal to name in the current record, or -1. */
int cm__csv_find(const cm__csv *csv, const char *name);

/* Read the header row and find each of the n column names; the first
 * `required` must be present (cols[i] = -1 for an absent optional one).
 * An empty file or missing column fails with file and line. */
cm_status cm__csv_header(cm__csv *csv, const char *const *names, int n, int required,
                         int *cols, cm_error *err);

void cm__csv_close(cm__csv *csv);


#endif
