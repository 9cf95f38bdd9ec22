#include "conflictmap/events.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "util.h"

static const char *const state_names[CM_STATE_COUNT] = {
    [CM_STATE_GOVERNMENT] = "government",
    [CM_STATE_ATTACKED] = "attacked",
    [CM_STATE_CONTESTED] = "contested",
    [CM_STATE_FALLEN] = "fallen",
    [CM_STATE_RETAKEN] = "retaken",
};

static const char *const acled_names[CM_STATE_COUNT] = {
    [CM_STATE_GOVERNMENT] = "",
    [CM_STATE_ATTACKED] = "Armed clash",
    [CM_STATE_CONTESTED] = "Armed clash",
    [CM_STATE_FALLEN] = "Non-state actor overtakes territory",
    [CM_STATE_RETAKEN] = "Government regains territory",
};

const char *cm_state_name(cm_state state)
{
    return (unsigned)state < CM_STATE_COUNT ? state_names[state] : "unknown";
}

const char *cm_state_acled(cm_state state)
{
    return (unsigned)state < CM_STATE_COUNT ? acled_names[state] : "";
}

int cm_state_parse(const char *text)
{
    for (int s = CM_STATE_ATTACKED; s < CM_STATE_COUNT; s++)
        if (strcmp(text, state_names[s]) == 0)
            return s;
    return -1;
}

const char *cm_confidence_name(cm_confidence confidence)
{
    return confidence == CM_CLAIMED ? "claimed" : "confirmed";
}

static void event_free(cm_event *e)
{
    free(e->place_id);
    free(e->place);
    free(e->admin1);
    free(e->source);
    free(e->sentence);
    free(e->note);
}

void cm_events_truncate(cm_events *events, size_t count)
{
    for (size_t i = count; i < events->count; i++)
        event_free(&events->items[i]);
    if (count < events->count)
        events->count = count;
}

void cm_events_free(cm_events *events)
{
    if (!events)
        return;
    for (size_t i = 0; i < events->count; i++)
        event_free(&events->items[i]);
    free(events->items);
    events->items = NULL;
    events->count = events->cap = 0;
}

enum { C_DATE, C_PLACE_ID, C_STATUS, C_PRECISION, C_PLACE, C_ADMIN1, C_LAT, C_LON,
       C_CONFIDENCE, C_SOURCE, C_OFFSET, C_SENTENCE, C_SOURCE_COUNT, C_NOTE, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "event_date", "place_id", "status", "time_precision", "place", "admin1",
    "latitude", "longitude", "confidence", "source", "offset", "sentence",
    "source_count", "note"};
#define C_REQUIRED 3

typedef struct row_ctx {
    const cm__csv *csv;
    const int *cols;
    const char *path;
    long line;
} row_ctx;

static const char *col(const row_ctx *r, int c)
{
    return r->cols[c] >= 0 ? cm__csv_field(r->csv, (size_t)r->cols[c]) : "";
}

static cm_status parse_date_cols(const row_ctx *r, cm_event *e, cm_error *err)
{
    const char *date = col(r, C_DATE);
    cm_precision prec = CM_PRECISION_DAY;
    e->date = CM_DATE_NONE;
    if (date[0]) {
        cm_error derr;
        if (cm_date_parse(date, &e->date, &prec, &derr) != CM_OK)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s", r->path, r->line,
                                derr.message);
    }
    e->precision = prec;
    const char *p = col(r, C_PRECISION);
    long v;
    if (p[0]) {
        if (!cm__parse_long(p, 1, 3, &v))
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s:%ld: time_precision '%.20s' is not 1, 2 or 3",
                                r->path, r->line, p);
        e->precision = (cm_precision)v;
    }
    return CM_OK;
}

static cm_status parse_numbers(const row_ctx *r, cm_event *e, cm_error *err)
{
    const char *lat = col(r, C_LAT), *lon = col(r, C_LON);
    e->lat = e->lon = NAN;
    if (lat[0] && !cm__parse_double(lat, -90, 90, &e->lat))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad latitude '%.40s'", r->path,
                            r->line, lat);
    if (lon[0] && !cm__parse_double(lon, -180, 180, &e->lon))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad longitude '%.40s'",
                            r->path, r->line, lon);
    const char *off = col(r, C_OFFSET), *cnt = col(r, C_SOURCE_COUNT);
    long v = -1;
    if (off[0] && !cm__parse_long(off, 0, LONG_MAX, &v))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad offset '%.40s'", r->path,
                            r->line, off);
    e->offset = v;
    v = 1;
    if (cnt[0] && !cm__parse_long(cnt, 1, INT32_MAX, &v))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad source_count '%.40s'",
                            r->path, r->line, cnt);
    e->source_count = (int)v;
    return CM_OK;
}

static cm_status parse_row(const row_ctx *r, cm_event *e, cm_error *err)
{
    const char *place_id = col(r, C_PLACE_ID), *status = col(r, C_STATUS);
    if (!place_id[0])
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: empty place_id", r->path,
                            r->line);
    const int s = cm_state_parse(status);
    if (s < 0)
        return cm_error_set(err, CM_ERR_PARSE,
                            "%s:%ld: unknown status '%.40s' (attacked, contested, "
                            "fallen or retaken)", r->path, r->line, status);
    e->status = (cm_state)s;
    const char *conf = col(r, C_CONFIDENCE);
    if (conf[0] && strcmp(conf, "confirmed") != 0 && strcmp(conf, "claimed") != 0)
        return cm_error_set(err, CM_ERR_PARSE,
                            "%s:%ld: unknown confidence '%.40s' (confirmed or claimed)",
                            r->path, r->line, conf);
    e->confidence = strcmp(conf, "claimed") == 0 ? CM_CLAIMED : CM_CONFIRMED;
    cm_status st = parse_date_cols(r, e, err);
    if (st == CM_OK)
        st = parse_numbers(r, e, err);
    if (st != CM_OK)
        return st;
    e->line = r->line;
    e->place_id = strdup(place_id);
    e->place = strdup(col(r, C_PLACE));
    e->admin1 = strdup(col(r, C_ADMIN1));
    e->source = strdup(col(r, C_SOURCE));
    e->sentence = strdup(col(r, C_SENTENCE));
    e->note = strdup(col(r, C_NOTE));
    if (!e->place_id || !e->place || !e->admin1 || !e->source || !e->sentence ||
        !e->note)
        return cm_error_set(err, CM_ERR_NOMEM, "%s:%ld: out of memory", r->path,
                            r->line);
    return CM_OK;
}

cm_status cm_events_read_csv(const char *path, cm_events *events, cm_error *err)
{
    cm__csv *csv = NULL;
    int cols[C_COUNT];
    const size_t first = events->count;
    cm_status st = cm__csv_open(path, ',', 1, &csv, err);
    if (st == CM_OK)
        st = cm__csv_header(csv, col_names, C_COUNT, C_REQUIRED, cols, err);
    while (st == CM_OK) {
        int eof;
        if ((st = cm__csv_next(csv, &eof, err)) != CM_OK || eof)
            break;
        if (!cm__reserve((void **)&events->items, &events->cap, events->count + 1,
                         sizeof *events->items)) {
            st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
            break;
        }
        cm_event *e = &events->items[events->count];
        memset(e, 0, sizeof *e);
        events->count++;
        const row_ctx r = {csv, cols, path, cm__csv_line(csv)};
        st = parse_row(&r, e, err);
    }
    cm__csv_close(csv);
    if (st != CM_OK) /* nothing half-read stays in the caller's list */
        cm_events_truncate(events, first);
    return st;
}

/* ---- copying ---------------------------------------------------------- */

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

cm_status cm_events_add(cm_events *events, const cm_event *e, cm_error *err)
{
    if (!cm__reserve((void **)&events->items, &events->cap, events->count + 1,
                     sizeof *events->items))
        return cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    cm_event c = *e;
    c.place_id = dup_or_empty(e->place_id);
    c.place = dup_or_empty(e->place);
    c.admin1 = dup_or_empty(e->admin1);
    c.source = dup_or_empty(e->source);
    c.sentence = dup_or_empty(e->sentence);
    c.note = dup_or_empty(e->note);
    if (!c.place_id || !c.place || !c.admin1 || !c.source || !c.sentence || !c.note) {
        event_free(&c);
        return cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    }
    events->items[events->count++] = c;
    return CM_OK;
}

/* ---- writing ------------------------------------------------------------ */

static const char *const out_cols[] = {
    "event_date", "time_precision", "place_id", "place", "admin1", "latitude",
    "longitude", "status", "confidence", "source", "offset", "sentence",
    "sub_event_type", "source_count", "note"};
#define N_OUT_COLS (sizeof out_cols / sizeof *out_cols)

/* The text of every output column of e, in out_cols order; numbers go to
 * the caller's scratch buffers.  An absent number is "". */
typedef struct out_row {
    const char *v[N_OUT_COLS];
    char date[CM_DATE_ISO_LEN], prec[4], lat[32], lon[32], off[24], cnt[16];
} out_row;

static void fill_row(const cm_event *e, out_row *r)
{
    r->date[0] = r->lat[0] = r->lon[0] = r->off[0] = '\0';
    if (e->date != CM_DATE_NONE)
        cm_date_format_iso(e->date, r->date);
    snprintf(r->prec, sizeof r->prec, "%d", (int)e->precision);
    if (isfinite(e->lat) && isfinite(e->lon)) {
        snprintf(r->lat, sizeof r->lat, "%.4f", e->lat);
        snprintf(r->lon, sizeof r->lon, "%.4f", e->lon);
    }
    if (e->offset >= 0)
        snprintf(r->off, sizeof r->off, "%ld", e->offset);
    snprintf(r->cnt, sizeof r->cnt, "%d", e->source_count > 0 ? e->source_count : 1);
    const char *v[N_OUT_COLS] = {r->date, r->prec, e->place_id, e->place, e->admin1,
                                 r->lat, r->lon, cm_state_name(e->status),
                                 cm_confidence_name(e->confidence), e->source, r->off,
                                 e->sentence, cm_state_acled(e->status), r->cnt,
                                 e->note ? e->note : ""};
    memcpy(r->v, v, sizeof v);
}

static void put_csv_field(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void put_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", fp);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(fp, "\\u%04x", *p);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}

/* Columns written as JSON numbers (or null when empty). */
static int json_numeric(size_t col)
{
    return col == 1 || col == 5 || col == 6 || col == 10 || col == 13;
}

static void write_one(FILE *fp, const out_row *r, cm_events_format format)
{
    for (size_t c = 0; c < N_OUT_COLS; c++) {
        if (format == CM_EVENTS_CSV) {
            if (c)
                fputc(',', fp);
            put_csv_field(fp, r->v[c]);
            continue;
        }
        fprintf(fp, "%s\"%s\":", c ? "," : "{", out_cols[c]);
        if (json_numeric(c))
            fputs(r->v[c][0] ? r->v[c] : "null", fp);
        else if (c == 0 && !r->v[c][0])
            fputs("null", fp);
        else
            put_json_string(fp, r->v[c]);
    }
    fputs(format == CM_EVENTS_CSV ? "\n" : "}\n", fp);
}

cm_status cm_events_write(const cm_events *events, cm_events_format format, FILE *fp,
                          cm_error *err)
{
    if (format == CM_EVENTS_CSV)
        for (size_t c = 0; c < N_OUT_COLS; c++)
            fprintf(fp, "%s%s", c ? "," : "", out_cols[c]);
    if (format == CM_EVENTS_CSV)
        fputc('\n', fp);
    for (size_t i = 0; i < events->count; i++) {
        out_row r;
        fill_row(&events->items[i], &r);
        write_one(fp, &r, format);
    }
    if (fflush(fp) != 0 || ferror(fp))
        return cm_error_set(err, CM_ERR_IO, "writing events: %s", strerror(errno));
    return CM_OK;
}

cm_status cm_events_save(const cm_events *events, cm_events_format format,
                         const char *path, cm_error *err)
{
    cm__atomic a;
    cm_status st = cm__atomic_open(&a, path, err);
    if (st != CM_OK)
        return st;
    st = cm_events_write(events, format, a.fp, err);
    if (st != CM_OK) {
        cm__atomic_abort(&a);
        return cm_error_set(err, CM_ERR_IO, "%s: write failed", path);
    }
    return cm__atomic_commit(&a, err);
}

/* ---- merging ------------------------------------------------------------ */

static int same_key(const cm_event *a, const cm_event *b)
{
    return a->status == b->status && a->date == b->date &&
           a->precision == b->precision && strcmp(a->place_id, b->place_id) == 0;
}

/* Whether sources (joined with " | ") already hold source. */
static int has_source(const char *sources, const char *source)
{
    const size_t n = strlen(source);
    for (const char *p = sources; (p = strstr(p, source)) != NULL; p++)
        if ((p == sources || (p >= sources + 3 && strncmp(p - 3, " | ", 3) == 0)) &&
            (p[n] == '\0' || strncmp(p + n, " | ", 3) == 0))
            return 1;
    return 0;
}

/* Fold b into a (a keeps its place in the list).  0 on allocation failure. */
static int fold_into(cm_event *a, const cm_event *b)
{
    if (b->source[0] && !has_source(a->source, b->source)) {
        const size_t n = strlen(a->source), m = strlen(b->source);
        char *s = malloc(n + m + 4);
        if (!s)
            return 0;
        snprintf(s, n + m + 4, "%s%s%s", a->source, n ? " | " : "", b->source);
        free(a->source);
        a->source = s;
        a->source_count += b->source_count > 0 ? b->source_count : 1;
    }
    if (b->confidence == CM_CONFIRMED)
        a->confidence = CM_CONFIRMED;
    char **keep[] = {&a->note, &a->sentence};
    char *const from[] = {b->note, b->sentence};
    for (size_t i = 0; i < 2; i++)
        if (!(*keep[i])[0] && from[i][0]) {
            char *c = strdup(from[i]);
            if (!c)
                return 0;
            free(*keep[i]);
            *keep[i] = c;
        }
    if (a->offset < 0)
        a->offset = b->offset;
    return 1;
}

/* The index in out of the one dated event of e's place and status, or
 * out->count when there are none or several. */
static size_t only_dated_group(const cm_events *out, const cm_event *e)
{
    size_t found = out->count;
    for (size_t i = 0; i < out->count; i++) {
        const cm_event *x = &out->items[i];
        if (x->date == CM_DATE_NONE || x->status != e->status ||
            strcmp(x->place_id, e->place_id) != 0)
            continue;
        if (found != out->count)
            return out->count;
        found = i;
    }
    return found;
}

/* Fold e into its group in out, or append it as a new group. */
static cm_status merge_one(cm_events *out, const cm_event *e, cm_error *err)
{
    size_t j = e->date == CM_DATE_NONE ? only_dated_group(out, e) : out->count;
    for (size_t k = 0; k < out->count && j == out->count; k++)
        if (same_key(&out->items[k], e))
            j = k;
    if (j == out->count)
        return cm_events_add(out, e, err);
    if (!fold_into(&out->items[j], e))
        return cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    return CM_OK;
}

cm_status cm_events_merge_duplicates(cm_events *events, cm_error *err)
{
    cm_events out = {0};
    cm_status st = CM_OK;
    /* Dated events first, so that an undated one can find its group. */
    for (int undated = 0; undated < 2; undated++)
        for (size_t i = 0; i < events->count && st == CM_OK; i++)
            if ((events->items[i].date == CM_DATE_NONE) == undated)
                st = merge_one(&out, &events->items[i], err);
    if (st != CM_OK) {
        cm_events_free(&out);
        return st;
    }
    cm_events_free(events);
    *events = out;
    return CM_OK;
}

static int user_covers(const cm_events *user, const cm_event *b)
{
    if (b->date == CM_DATE_NONE)
        return 0;
    const cm_date eff = cm_date_effective(b->date, b->precision);
    for (size_t i = 0; i < user->count; i++) {
        const cm_event *u = &user->items[i];
        if (u->date != CM_DATE_NONE && strcmp(u->place_id, b->place_id) == 0 &&
            cm_date_effective(u->date, u->precision) == eff)
            return 1;
    }
    return 0;
}

cm_status cm_events_overlay(cm_events *base, const cm_events *user, cm_error *err)
{
    cm_events out = {0};
    cm_status st = CM_OK;
    for (size_t i = 0; i < base->count && st == CM_OK; i++)
        if (!user_covers(user, &base->items[i]))
            st = cm_events_add(&out, &base->items[i], err);
    for (size_t i = 0; i < user->count && st == CM_OK; i++)
        st = cm_events_add(&out, &user->items[i], err);
    if (st != CM_OK) {
        cm_events_free(&out);
        return st;
    }
    cm_events_free(base);
    *base = out;
    return CM_OK;
}
