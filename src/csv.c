#include "csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct cm__csv {
    FILE *fp;
    char *path;
    char sep;
    int quoting;
    long line;        /* current physical line (1-based) */
    long record_line; /* line on which the current record began */
    char *buf;        /* the current record, fields NUL-separated */
    size_t len, cap;
    size_t starts[CM__CSV_MAX_FIELDS];
    size_t nfields;
    int at_start; /* BOM not yet checked */
};

cm_status cm__csv_open(const char *path, char sep, int quoting, cm__csv **out,
                       cm_error *err)
{
    const cm_status regular = cm__check_regular(path, err);
    if (regular != CM_OK)
        return regular;
    cm__csv *csv = calloc(1, sizeof *csv);
    if (!csv)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    csv->fp = fopen(path, "rb");
    if (!csv->fp) {
        cm_error_set(err, CM_ERR_IO, "%s: %s", path, strerror(errno));
        free(csv);
        return CM_ERR_IO;
    }
    csv->path = strdup(path);
    csv->cap = 4096;
    csv->buf = malloc(csv->cap);
    if (!csv->path || !csv->buf) {
        cm__csv_close(csv);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    csv->sep = sep;
    csv->quoting = quoting;
    csv->line = 1;
    csv->at_start = 1;
    *out = csv;
    return CM_OK;
}

void cm__csv_close(cm__csv *csv)
{
    if (!csv)
        return;
    if (csv->fp)
        fclose(csv->fp);
    free(csv->path);
    free(csv->buf);
    free(csv);
}

static cm_status push(cm__csv *csv, char c, cm_error *err)
{
    if (csv->len + 1 >= csv->cap) {
        if (csv->cap >= CM__CSV_MAX_RECORD)
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s:%ld: record longer than %u bytes",
                                csv->path, csv->record_line, CM__CSV_MAX_RECORD);
        size_t ncap = csv->cap * 2;
        char *nbuf = realloc(csv->buf, ncap);
        if (!nbuf)
            return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", csv->path);
        csv->buf = nbuf;
        csv->cap = ncap;
    }
    csv->buf[csv->len++] = c;
    return CM_OK;
}

static cm_status end_field(cm__csv *csv, size_t start, cm_error *err)
{
    if (csv->nfields >= CM__CSV_MAX_FIELDS)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: more than %d fields",
                            csv->path, csv->record_line, CM__CSV_MAX_FIELDS);
    cm_status st = push(csv, '\0', err);
    if (st != CM_OK)
        return st;
    if (memchr(csv->buf + start, '\0', csv->len - 1 - start))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: field %zu holds a NUL byte",
                            csv->path, csv->record_line, csv->nfields + 1);
    if (!cm__utf8_valid(csv->buf + start, csv->len - 1 - start))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: field %zu is not valid UTF-8",
                            csv->path, csv->record_line, csv->nfields + 1);
    csv->starts[csv->nfields++] = start;
    return CM_OK;
}

static void skip_bom(cm__csv *csv)
{
    int c1 = getc(csv->fp);
    if (c1 == 0xEF) {
        int c2 = getc(csv->fp), c3 = getc(csv->fp);
        if (c2 == 0xBB && c3 == 0xBF)
            return;
        if (c3 != EOF)
            ungetc(c3, csv->fp); /* only one char of pushback is portable */
        fseek(csv->fp, 0, SEEK_SET);
        return;
    }
    if (c1 != EOF)
        ungetc(c1, csv->fp);
}

/* One record; the state machine of RFC 4180 with CRLF or LF line ends.
 * The reader owns its FILE and is used by one thread: getc_unlocked. */
static cm_status read_record(cm__csv *csv, int *eof, cm_error *err)
{
    FILE *fp = csv->fp;
    int in_quotes = 0, quoted_field = 0, c;
    size_t start = 0;
    csv->len = 0;
    csv->nfields = 0;
    csv->record_line = csv->line;
    for (;;) {
        c = getc_unlocked(fp);
        if (c == EOF) {
            if (ferror(fp))
                return cm_error_set(err, CM_ERR_IO, "%s:%ld: read error",
                                    csv->path, csv->line);
            if (in_quotes)
                return cm_error_set(err, CM_ERR_PARSE,
                                    "%s:%ld: unterminated quoted field",
                                    csv->path, csv->record_line);
            if (csv->len == 0 && csv->nfields == 0) {
                *eof = 1;
                return CM_OK;
            }
            return end_field(csv, start, err);
        }
        if (in_quotes) {
            if (c == '"') {
                int n = getc_unlocked(fp);
                if (n == '"') {
                    cm_status st = push(csv, '"', err);
                    if (st != CM_OK)
                        return st;
                    continue;
                }
                if (n != EOF)
                    ungetc(n, fp);
                in_quotes = 0;
                continue;
            }
            if (c == '\n')
                csv->line++;
            cm_status st = push(csv, (char)c, err);
            if (st != CM_OK)
                return st;
            continue;
        }
        if (c == '"' && csv->quoting && csv->len == start && !quoted_field) {
            in_quotes = quoted_field = 1;
            continue;
        }
        if (c == csv->sep) {
            cm_status st = end_field(csv, start, err);
            if (st != CM_OK)
                return st;
            start = csv->len;
            quoted_field = 0;
            continue;
        }
        if (c == '\r') {
            int n = getc_unlocked(fp);
            if (n != '\n' && n != EOF)
                ungetc(n, fp);
            c = '\n';
        }
        if (c == '\n') {
            csv->line++;
            return end_field(csv, start, err);
        }
        cm_status st = push(csv, (char)c, err);
        if (st != CM_OK)
            return st;
    }
}

cm_status cm__csv_next(cm__csv *csv, int *eof, cm_error *err)
{
    *eof = 0;
    if (csv->at_start) {
        skip_bom(csv);
        csv->at_start = 0;
    }
    for (;;) {
        cm_status st = read_record(csv, eof, err);
        if (st != CM_OK || *eof)
            return st;
        if (!(csv->nfields == 1 && csv->buf[0] == '\0'))
            return CM_OK; /* not a blank line */
    }
}

cm_status cm__csv_header(cm__csv *csv, const char *const *names, int n, int required,
                         int *cols, cm_error *err)
{
    int eof;
    cm_status st = cm__csv_next(csv, &eof, err);
    if (st != CM_OK)
        return st;
    if (eof)
        return cm_error_set(err, CM_ERR_PARSE, "%s: empty file, expected a header row",
                            csv->path);
    for (int c = 0; c < n; c++) {
        cols[c] = cm__csv_find(csv, names[c]);
        if (c < required && cols[c] < 0)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: missing column '%s'", csv->path,
                                csv->record_line, names[c]);
    }
    return CM_OK;
}

size_t cm__csv_nfields(const cm__csv *csv) { return csv->nfields; }

const char *cm__csv_field(const cm__csv *csv, size_t i)
{
    return i < csv->nfields ? csv->buf + csv->starts[i] : "";
}

long cm__csv_line(const cm__csv *csv) { return csv->record_line; }

const char *cm__csv_path(const cm__csv *csv) { return csv->path; }

int cm__csv_find(const cm__csv *csv, const char *name)
{
    for (size_t i = 0; i < csv->nfields; i++)
        if (strcmp(csv->buf + csv->starts[i], name) == 0)
            return (int)i;
    return -1;
}

