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
    [CM_STATE_TAKEN] = "taken",
};

static const char *const acled_names[CM_STATE_COUNT] = {
    [CM_STATE_GOVERNMENT] = "",
    [CM_STATE_ATTACKED] = "Armed clash",
    [CM_STATE_CONTESTED] = "Armed clash",
    [CM_STATE_FALLEN] = "Non-state actor overtakes territory",
    [CM_STATE_RETAKEN] = "Government regains territory",
    [CM_STATE_TAKEN] = "Non-state actor overtakes territory",
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
    free(e->actor);
    free(e->sub_event_type);
    free(e->event_id);
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
       C_CONFIDENCE, C_SOURCE, C_OFFSET, C_SENTENCE, C_SOURCE_COUNT, C_NOTE, C_ACTOR,
       C_SUB_EVENT, C_EVENT_ID, C_FATALITIES, C_COUNT };
static const char *const col_names[C_COUNT] = {
    "event_date", "place_id", "status", "time_precision", "place", "admin1",
    "latitude", "longitude", "confidence", "source", "offset", "sentence",
    "source_count", "note", "actor", "sub_event_type", "event_id", "fatalities"};
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
    const char *fat = col(r, C_FATALITIES);
    v = -1;
    if (fat[0] && !cm__parse_long(fat, 0, LONG_MAX, &v))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad fatalities '%.40s'", r->path,
                            r->line, fat);
    e->fatalities = v;
    e->has_fatalities = v >= 0;
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
                            "taken, fallen or retaken)", r->path, r->line, status);
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
    e->actor = strdup(col(r, C_ACTOR));
    e->sub_event_type = strdup(col(r, C_SUB_EVENT));
    e->event_id = strdup(col(r, C_EVENT_ID));
    if (!e->place_id || !e->place || !e->admin1 || !e->source || !e->sentence ||
        !e->note || !e->actor || !e->sub_event_type || !e->event_id)
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
    c.actor = dup_or_empty(e->actor);
    c.sub_event_type = dup_or_empty(e->sub_event_type);
    c.event_id = dup_or_empty(e->event_id);
    if (!c.place_id || !c.place || !c.admin1 || !c.source || !c.sentence || !c.note ||
        !c.actor || !c.sub_event_type || !c.event_id) {
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
    "sub_event_type", "source_count", "note", "actor", "event_id", "fatalities"};
#define N_OUT_COLS (sizeof out_cols / sizeof *out_cols)

/* The text of every output column of e, in out_cols order; numbers go to
 * the caller's scratch buffers.  An absent number is "". */
typedef struct out_row {
    const char *v[N_OUT_COLS];
    char date[CM_DATE_ISO_LEN], prec[4], lat[32], lon[32], off[24], cnt[16], fat[24];
} out_row;

static void fill_row(const cm_event *e, out_row *r)
{
    r->date[0] = r->lat[0] = r->lon[0] = r->off[0] = '\0';
    if (e->date != CM_DATE_NONE)
        cm_date_format_iso(e->date, r->date);
    snprintf(r->prec, sizeof r->prec, "%d", (int)e->precision);
    if (isfinite(e->lat) && isfinite(e->lon)) {
        cm__format_c(r->lat, sizeof r->lat, "%.4f", e->lat);
        cm__format_c(r->lon, sizeof r->lon, "%.4f", e->lon);
    }
    if (e->offset >= 0)
        snprintf(r->off, sizeof r->off, "%ld", e->offset);
    snprintf(r->cnt, sizeof r->cnt, "%d", e->source_count > 0 ? e->source_count : 1);
    r->fat[0] = '\0';
    if (e->has_fatalities)
        snprintf(r->fat, sizeof r->fat, "%ld", e->fatalities);
    const char *sub = e->sub_event_type && e->sub_event_type[0] ? e->sub_event_type
                                                                : cm_state_acled(e->status);
    const char *v[N_OUT_COLS] = {r->date, r->prec, e->place_id, e->place, e->admin1,
                                 r->lat, r->lon, cm_state_name(e->status),
                                 cm_confidence_name(e->confidence), e->source, r->off,
                                 e->sentence, sub, r->cnt, e->note ? e->note : "",
                                 e->actor ? e->actor : "", e->event_id ? e->event_id : "",
                                 r->fat};
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
    static const char *const numeric[] = {"time_precision", "latitude", "longitude", "offset",
                                          "source_count", "fatalities"};
    for (size_t i = 0; i < sizeof numeric / sizeof *numeric; i++)
        if (strcmp(out_cols[col], numeric[i]) == 0)
            return 1;
    return 0;
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

/* Actors that can be one: the same, or one of them not said. */
static int actors_agree(const cm_event *a, const cm_event *b)
{
    const char *x = a->actor ? a->actor : "", *y = b->actor ? b->actor : "";
    return !x[0] || !y[0] || strcmp(x, y) == 0;
}

static int same_key(const cm_event *a, const cm_event *b)
{
    return a->status == b->status && a->date == b->date &&
           a->precision == b->precision && strcmp(a->place_id, b->place_id) == 0 &&
           actors_agree(a, b);
}

/* Merging: every event folds into its group (place, status, date,
 * precision) found through a hash table, and each group's sources are a
 * set, joined once at the end, so that merging n events takes time about
 * linear in n however many sources one group gathers. */

typedef struct group {
    const char **src; /* distinct sources, in order of first appearance */
    size_t nsrc, cap;
    size_t dated_next; /* for the (place, status) index: see merge_state */
} group;

typedef struct merge_state {
    cm_events out;
    group *groups;       /* parallel to out.items */
    size_t groups_cap;
    size_t *keys;        /* group table: out index + 1, 0 empty */
    size_t keys_cap;     /* a power of two */
    size_t *places;      /* (place, status) table of dated groups: index + 1 */
    size_t *places_n;    /* how many dated groups that (place, status) has */
    size_t places_cap;
    struct pair { size_t group; const char *source; } *pairs; /* source sets */
    size_t pairs_cap, npairs;
} merge_state;

static uint64_t key_hash(const cm_event *e, int with_date)
{
    uint64_t h = cm__str_hash(CM__FNV_OFFSET, e->place_id);
    h = (h ^ (uint64_t)e->status) * 1099511628211ULL;
    if (with_date) {
        h = (h ^ (uint64_t)(int64_t)e->date) * 1099511628211ULL;
        h = (h ^ (uint64_t)e->precision) * 1099511628211ULL;
    }
    return h;
}

static int same_place_status(const cm_event *a, const cm_event *b)
{
    return a->status == b->status && strcmp(a->place_id, b->place_id) == 0 &&
           actors_agree(a, b);
}

/* Grow the tables to hold n groups and n * 2 sources at under half load. */
static int reserve_tables(merge_state *m, size_t n)
{
    if (n * 2 < m->keys_cap)
        return 1;
    size_t cap = m->keys_cap ? m->keys_cap * 2 : 1024;
    while (cap <= n * 2)
        cap *= 2;
    size_t *keys = calloc(cap, sizeof *keys), *places = calloc(cap, sizeof *places);
    size_t *places_n = calloc(cap, sizeof *places_n);
    if (!keys || !places || !places_n) {
        free(keys), free(places), free(places_n);
        return 0;
    }
    for (size_t i = 0; i < m->out.count; i++) {
        const cm_event *e = &m->out.items[i];
        size_t j = key_hash(e, 1) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = i + 1;
        if (e->date == CM_DATE_NONE)
            continue;
        j = key_hash(e, 0) & (cap - 1);
        while (places[j] && !same_place_status(&m->out.items[places[j] - 1], e))
            j = (j + 1) & (cap - 1);
        if (!places[j])
            places[j] = i + 1;
        places_n[j]++;
    }
    free(m->keys), free(m->places), free(m->places_n);
    m->keys = keys, m->places = places, m->places_n = places_n;
    m->keys_cap = m->places_cap = cap;
    return 1;
}

/* Add source to group g's set; 1 if it was not there yet, -1 on failure. */
static int add_source(merge_state *m, size_t g, const char *source)
{
    if ((m->npairs + 1) * 2 >= m->pairs_cap) {
        const size_t cap = m->pairs_cap ? m->pairs_cap * 2 : 1024;
        struct pair *p = calloc(cap, sizeof *p);
        if (!p)
            return -1;
        for (size_t i = 0; i < m->pairs_cap; i++) {
            if (!m->pairs[i].source)
                continue;
            size_t j = (cm__str_hash(m->pairs[i].group * 0x9E3779B97F4A7C15ULL, m->pairs[i].source)) & (cap - 1);
            while (p[j].source)
                j = (j + 1) & (cap - 1);
            p[j] = m->pairs[i];
        }
        free(m->pairs);
        m->pairs = p;
        m->pairs_cap = cap;
    }
    size_t j = cm__str_hash(g * 0x9E3779B97F4A7C15ULL, source) & (m->pairs_cap - 1);
    while (m->pairs[j].source) {
        if (m->pairs[j].group == g && strcmp(m->pairs[j].source, source) == 0)
            return 0;
        j = (j + 1) & (m->pairs_cap - 1);
    }
    m->pairs[j] = (struct pair){g, source};
    m->npairs++;
    group *gr = &m->groups[g];
    if (!cm__reserve((void **)&gr->src, &gr->cap, gr->nsrc + 1, sizeof *gr->src))
        return -1;
    gr->src[gr->nsrc++] = source;
    return 1;
}

/* The group of e in m: its index, or m->out.count when it has none.  An
 * undated event joins the one dated group of its place and status. */
static size_t find_group(const merge_state *m, const cm_event *e)
{
    if (!m->keys_cap)
        return m->out.count;
    if (e->date == CM_DATE_NONE) {
        size_t j = key_hash(e, 0) & (m->places_cap - 1);
        while (m->places[j]) {
            if (same_place_status(&m->out.items[m->places[j] - 1], e))
                return m->places_n[j] == 1 ? m->places[j] - 1 : m->out.count;
            j = (j + 1) & (m->places_cap - 1);
        }
    }
    size_t j = key_hash(e, 1) & (m->keys_cap - 1);
    while (m->keys[j]) {
        if (same_key(&m->out.items[m->keys[j] - 1], e))
            return m->keys[j] - 1;
        j = (j + 1) & (m->keys_cap - 1);
    }
    return m->out.count;
}

/* Fold b into group g: confidence, the first note, sentence and offset. */
static int fold_into(merge_state *m, size_t g, const cm_event *b)
{
    cm_event *a = &m->out.items[g];
    if (b->source[0]) {
        const int added = add_source(m, g, b->source);
        if (added < 0)
            return 0;
        if (added)
            a->source_count += b->source_count > 0 ? b->source_count : 1;
    }
    if (b->confidence == CM_CONFIRMED)
        a->confidence = CM_CONFIRMED;
    char **keep[] = {&a->note, &a->sentence, &a->actor};
    char *const from[] = {b->note, b->sentence, b->actor ? b->actor : ""};
    for (size_t i = 0; i < 3; i++)
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

static cm_status merge_one(merge_state *m, const cm_event *e, cm_error *err)
{
    const size_t g = find_group(m, e);
    if (g < m->out.count)
        return fold_into(m, g, e) ? CM_OK : cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    if (!reserve_tables(m, m->out.count + 1) ||
        !cm__reserve((void **)&m->groups, &m->groups_cap, m->out.count + 1, sizeof *m->groups))
        return cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    cm_status st = cm_events_add(&m->out, e, err);
    if (st != CM_OK)
        return st;
    const size_t n = m->out.count - 1;
    m->groups[n] = (group){0};
    const cm_event *a = &m->out.items[n];
    size_t j = key_hash(a, 1) & (m->keys_cap - 1);
    while (m->keys[j])
        j = (j + 1) & (m->keys_cap - 1);
    m->keys[j] = n + 1;
    if (a->date != CM_DATE_NONE) {
        j = key_hash(a, 0) & (m->places_cap - 1);
        while (m->places[j] && !same_place_status(&m->out.items[m->places[j] - 1], a))
            j = (j + 1) & (m->places_cap - 1);
        if (!m->places[j])
            m->places[j] = n + 1;
        m->places_n[j]++;
    }
    if (e->source[0] && add_source(m, n, e->source) < 0)
        return cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    return CM_OK;
}

/* Join each group's sources with " | " into its event, at most
 * CM__SOURCES_MAX bytes of them (the rest summed up as "and N more", so
 * that the field stays within what the reader takes back; source_count
 * keeps the true number). */
#define CM__SOURCES_MAX (64 * 1024)
static int join_sources(merge_state *m)
{
    for (size_t g = 0; g < m->out.count; g++) {
        const group *gr = &m->groups[g];
        if (gr->nsrc < 2)
            continue;
        size_t len = 1, kept = 0;
        for (; kept < gr->nsrc && len + strlen(gr->src[kept]) + 3 <= CM__SOURCES_MAX; kept++)
            len += strlen(gr->src[kept]) + 3;
        if (kept == 0)
            kept = 1, len += strlen(gr->src[0]) + 3; /* one source is one field read */
        char *s = malloc(len + 48), *p = s;
        if (!s)
            return 0;
        for (size_t i = 0; i < kept; i++) {
            const size_t n = strlen(gr->src[i]);
            if (i)
                memcpy(p, " | ", 3), p += 3;
            memcpy(p, gr->src[i], n);
            p += n;
        }
        if (kept < gr->nsrc)
            p += sprintf(p, " | and %zu more", gr->nsrc - kept);
        *p = '\0';
        free(m->out.items[g].source);
        m->out.items[g].source = s;
    }
    return 1;
}

static void merge_state_free(merge_state *m)
{
    for (size_t g = 0; g < m->out.count && m->groups; g++)
        free(m->groups[g].src);
    free(m->groups), free(m->keys), free(m->places), free(m->places_n), free(m->pairs);
}

cm_status cm_events_merge_duplicates(cm_events *events, cm_error *err)
{
    merge_state m = {0};
    cm_status st = CM_OK;
    /* Dated events first, so that an undated one can find its group. */
    for (int undated = 0; undated < 2; undated++)
        for (size_t i = 0; i < events->count && st == CM_OK; i++)
            if ((events->items[i].date == CM_DATE_NONE) == undated)
                st = merge_one(&m, &events->items[i], err);
    if (st == CM_OK && !join_sources(&m))
        st = cm_error_set(err, CM_ERR_NOMEM, "events: out of memory");
    merge_state_free(&m);
    if (st != CM_OK) {
        cm_events_free(&m.out);
        return st;
    }
    cm_events_free(events);
    *events = m.out;
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
