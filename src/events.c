#include "conflictmap/events.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
       C_CONFIDENCE, C_SOURCE, C_OFFSET, C_SENTENCE, C_SOURCE_COUNT, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "event_date", "place_id", "status", "time_precision", "place", "admin1",
    "latitude", "longitude", "confidence", "source", "offset", "sentence",
    "source_count"};
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
    if (!e->place_id || !e->place || !e->admin1 || !e->source || !e->sentence)
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
    if (st != CM_OK) { /* nothing half-read stays in the caller's list */
        for (size_t i = first; i < events->count; i++)
            event_free(&events->items[i]);
        events->count = first;
    }
    return st;
}
