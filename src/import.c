#include "conflictmap/import.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "util.h"


static const char *const format_names[] = {"auto", "conflictmap", "acled", "ucdp"};

int cm_events_format_in_parse(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

const char *cm_events_format_in_name(cm_events_format_in format)
{
    static const char *const shown[] = {"auto", "conflictmap", "ACLED", "UCDP GED"};
    return (unsigned)format < 4 ? shown[format] : "unknown";
}

/* ---- places: capitals by latitude, for the rows' coordinates ---------- */

typedef struct capitals {
    const cm_place **by_lat;
    size_t n;
} capitals;

static int cmp_lat(const void *a, const void *b)
{
    const double x = (*(const cm_place *const *)a)->lat, y = (*(const cm_place *const *)b)->lat;
    return (x > y) - (x < y);
}

static int capitals_init(capitals *c, const cm_gazetteer *gz)
{
    const size_t n = cm_gazetteer_count(gz);
    c->n = 0;
    c->by_lat = malloc((n ? n : 1) * sizeof *c->by_lat);
    if (!c->by_lat)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const cm_place *p = cm_gazetteer_place(gz, i);
        if (cm_place_is_capital(p))
            c->by_lat[c->n++] = p;
    }
    qsort(c->by_lat, c->n, sizeof *c->by_lat, cmp_lat);
    return 1;
}

/* The capital nearest (lat, lon) within limit km, or NULL. */
static const cm_place *capital_near(const capitals *c, double lat, double lon, double limit)
{
    const double band = limit / 111.0 + 1e-9;
    size_t lo = 0, hi = c->n;
    while (lo < hi) { /* first capital with lat >= lat - band */
        const size_t mid = lo + (hi - lo) / 2;
        if (c->by_lat[mid]->lat < lat - band)
            lo = mid + 1;
        else
            hi = mid;
    }
    const cm_place *best = NULL;
    double best_d = limit;
    for (size_t i = lo; i < c->n && c->by_lat[i]->lat <= lat + band; i++) {
        const double d = cm__km(lat, lon, c->by_lat[i]->lat, c->by_lat[i]->lon);
        if (d <= best_d)
            best = c->by_lat[i], best_d = d;
    }
    return best;
}

/* The capitals a location's name spells (an export repeats a few thousand
 * names over millions of rows: each is looked up once). */
typedef struct name_slot {
    char *name;
    const cm_place *caps[4];
    int n;
} name_slot;

typedef struct name_cache {
    name_slot *slots;
    size_t cap, count; /* cap a power of two */
} name_cache;

static void cache_free(name_cache *nc)
{
    for (size_t i = 0; i < nc->cap; i++)
        free(nc->slots[i].name);
    free(nc->slots);
}

/* The slot of name, looked up in gz on first sight; NULL when out of memory. */
static const name_slot *spelled(name_cache *nc, const cm_gazetteer *gz, const char *name)
{
    if ((nc->count + 1) * 2 > nc->cap) {
        const size_t cap = nc->cap ? nc->cap * 2 : 256;
        name_slot *grown = calloc(cap, sizeof *grown);
        if (!grown)
            return NULL;
        for (size_t i = 0; i < nc->cap; i++) {
            if (!nc->slots[i].name)
                continue;
            size_t j = (size_t)cm__str_hash(CM__FNV_OFFSET, nc->slots[i].name) & (cap - 1);
            while (grown[j].name)
                j = (j + 1) & (cap - 1);
            grown[j] = nc->slots[i];
        }
        free(nc->slots);
        nc->slots = grown;
        nc->cap = cap;
    }
    size_t j = (size_t)cm__str_hash(CM__FNV_OFFSET, name) & (nc->cap - 1);
    while (nc->slots[j].name && strcmp(nc->slots[j].name, name) != 0)
        j = (j + 1) & (nc->cap - 1);
    name_slot *s = &nc->slots[j];
    if (s->name)
        return s;
    if (!(s->name = strdup(name)))
        return NULL;
    nc->count++;
    cm_candidate cand[4];
    size_t n = 0;
    cm_error e;
    if (name[0] && cm_gazetteer_lookup(gz, name, cand, 4, &n, &e) == CM_OK)
        for (size_t i = 0; i < n && cand[i].score >= 1; i++)
            if (cm_place_is_capital(cand[i].place))
                s->caps[s->n++] = cand[i].place;
    return s;
}

/* The capital a row is about: its location is a spelling of a capital
 * near its coordinates, or its coordinates lie very near a capital.
 * *nomem is set when the cache cannot grow. */
static const cm_place *row_capital(const capitals *c, name_cache *nc, const cm_gazetteer *gz,
                                   const char *name, double lat, double lon, int *nomem)
{
    const int located = isfinite(lat) && isfinite(lon);
    const name_slot *s = spelled(nc, gz, name);
    if (!s) {
        *nomem = 1;
        return NULL;
    }
    for (int i = 0; i < s->n; i++) {
        const cm_place *p = s->caps[i];
        if (!located || cm__km(lat, lon, p->lat, p->lon) <= CM_IMPORT_NAME_KM)
            return p;
    }
    return located ? capital_near(c, lat, lon, CM_IMPORT_POINT_KM) : NULL;
}

/* ---- actors -------------------------------------------------------------- */

/* ASCII case-insensitive: whether needle occurs in hay at word bounds. */
static int contains_word(const char *hay, const char *needle)
{
    const size_t n = strlen(needle);
    if (n == 0)
        return 0;
    for (const char *p = hay; *p; p++) {
        if (p != hay && isalnum((unsigned char)p[-1]))
            continue;
        if (strncasecmp(p, needle, n) == 0 && !isalnum((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

/* The side an actor's wording means: exact, else the longest actor name
 * or id inside it; -1 if none. */
static int side_of(const cm_sides *sides, const char *text)
{
    if (!text[0])
        return -1;
    const int exact = cm_sides_find(sides, text);
    if (exact >= 0)
        return exact;
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < sides->count; i++) {
        const cm_side *s = &sides->side[i];
        if (strlen(s->id) > best_len && contains_word(text, s->id))
            best = i, best_len = strlen(s->id);
        for (size_t k = 0; k < s->n_actors; k++)
            if (strlen(s->actors[k]) > best_len && contains_word(text, s->actors[k]))
                best = i, best_len = strlen(s->actors[k]);
    }
    return best;
}

/* Of two actors, the attacker: the one whose side is not the incumbent
 * (the first when both or neither are); -1 for no side. */
static int attacker(const cm_sides *sides, int a, int b)
{
    if (a >= 0 && a != sides->incumbent)
        return a;
    if (b >= 0 && b != sides->incumbent)
        return b;
    return a >= 0 ? a : b;
}

/* ---- dates -------------------------------------------------------------- */

/* "2021-08-06", "2021-08-06 00:00:00.000" or "06 August 2021". */
static int parse_day(const char *text, cm_date *out)
{
    static const char *const months[] = {"january", "february", "march",     "april",
                                         "may",     "june",     "july",      "august",
                                         "september", "october", "november", "december"};
    cm_error e;
    char iso[11];
    if (strlen(text) >= 10 && text[4] == '-') {
        memcpy(iso, text, 10);
        iso[10] = '\0';
        cm_precision p;
        return (text[10] == '\0' || text[10] == ' ' || text[10] == 'T') &&
               cm_date_parse(iso, out, &p, &e) == CM_OK && p == CM_PRECISION_DAY;
    }
    int d, y;
    char m[16];
    if (sscanf(text, "%d %15s %d", &d, m, &y) != 3)
        return 0;
    for (int k = 0; k < 12; k++)
        if (strcasecmp(m, months[k]) == 0 || (strlen(m) == 3 && strncasecmp(m, months[k], 3) == 0))
            return cm_date_from_ymd(y, k + 1, d, out, &e) == CM_OK;
    return 0;
}

/* ---- rows ---------------------------------------------------------------- */

enum {
    A_ID, A_DATE, A_PREC, A_SUB, A_ACTOR1, A_ACTOR2, A_ADMIN1, A_LOCATION, A_LAT, A_LON,
    A_SOURCE, A_NOTES, A_FATALITIES, A_TYPE, A_COUNT
};
static const char *const acled_cols[A_COUNT] = {
    "event_id_cnty", "event_date", "time_precision", "sub_event_type", "actor1", "actor2",
    "admin1", "location", "latitude", "longitude", "source", "notes", "fatalities",
    "event_type"};

enum {
    U_ID, U_DATE, U_PREC, U_TYPE, U_SIDE_A, U_SIDE_B, U_ADMIN1, U_WHERE, U_LAT, U_LON,
    U_SOURCE, U_HEADLINE, U_BEST, U_WHERE_PREC, U_COUNT
};
static const char *const ucdp_cols[U_COUNT] = {
    "id", "date_start", "date_prec", "type_of_violence", "side_a", "side_b", "adm_1",
    "where_description", "latitude", "longitude", "source_article", "source_headline", "best",
    "where_prec"};

typedef struct reader {
    cm__csv *csv;
    int cols[16]; /* A_COUNT or U_COUNT columns */
    const cm_gazetteer *gz;
    const cm_sides *sides;
    capitals caps;
    name_cache names;
    cm_events *events;
    cm_import_summary *sum;
} reader;

static const char *field(const reader *r, int c)
{
    return r->cols[c] >= 0 ? cm__csv_field(r->csv, (size_t)r->cols[c]) : "";
}

static int number(const char *s, double lo, double hi, double *out)
{
    *out = NAN;
    return !s[0] || cm__parse_double(s, lo, hi, out);
}

/* Append the event of a row about capital p. */
static cm_status add_event(reader *r, const cm_place *p, cm_date date, cm_precision prec,
                           cm_state status, int side, const char *sub, const char *id,
                           const char *source, const char *notes, const char *fatal,
                           double lat, double lon, cm_error *err)
{
    long fat = -1;
    if (fatal[0] && !cm__parse_long(fatal, 0, 100000000, &fat))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad fatalities '%.40s'",
                            cm__csv_path(r->csv), cm__csv_line(r->csv), fatal);
    const cm_event e = {.date = date, .precision = prec, .place_id = p->id, .place = p->name,
                        .admin1 = (char *)"", .lat = isfinite(lat) ? lat : p->lat,
                        .lon = isfinite(lon) ? lon : p->lon, .status = status,
                        .confidence = CM_CONFIRMED, .source = (char *)source, .offset = -1,
                        .sentence = (char *)notes, .source_count = 1, .note = (char *)"",
                        .actor = (char *)(side >= 0 ? r->sides->side[side].id : ""),
                        .sub_event_type = (char *)sub, .event_id = (char *)id,
                        .fatalities = fat, .has_fatalities = fat >= 0,
                        .line = cm__csv_line(r->csv)};
    cm_status st = cm_events_add(r->events, &e, err);
    if (st == CM_OK) {
        r->sum->events++;
        r->sum->unknown_actors += side < 0;
    }
    return st;
}

static cm_status bad_row(const reader *r, const char *what, const char *value, cm_error *err)
{
    return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: bad %s '%.40s'", cm__csv_path(r->csv),
                        cm__csv_line(r->csv), what, value);
}

static cm_status acled_row(reader *r, cm_error *err)
{
    static const char *const taking[] = {"Non-state actor overtakes territory",
                                         "Government regains territory",
                                         "Non-violent transfer of territory"};
    static const char *const attack[] = {"Armed clash", "Attack",
                                         "Shelling/artillery/missile attack",
                                         "Air/drone strike", "Remote explosive/landmine/IED"};
    const char *sub = field(r, A_SUB);
    int take = 0, hit = 0;
    for (size_t i = 0; i < 3; i++)
        take |= strcmp(sub, taking[i]) == 0;
    for (size_t i = 0; i < 5; i++)
        hit |= strcmp(sub, attack[i]) == 0;
    if ((!take && !hit) || strcmp(field(r, A_TYPE), "Violence against civilians") == 0) {
        r->sum->not_territorial++; /* an "Attack" on civilians is no attack on a town */
        return CM_OK;
    }
    cm_date date;
    if (!parse_day(field(r, A_DATE), &date))
        return bad_row(r, "event_date", field(r, A_DATE), err);
    long prec = 1;
    if (field(r, A_PREC)[0] && !cm__parse_long(field(r, A_PREC), 1, 3, &prec))
        return bad_row(r, "time_precision", field(r, A_PREC), err);
    double lat, lon;
    if (!number(field(r, A_LAT), -90, 90, &lat))
        return bad_row(r, "latitude", field(r, A_LAT), err);
    if (!number(field(r, A_LON), -180, 180, &lon))
        return bad_row(r, "longitude", field(r, A_LON), err);
    int nomem = 0;
    const cm_place *p = row_capital(&r->caps, &r->names, r->gz, field(r, A_LOCATION), lat, lon,
                                    &nomem);
    if (nomem)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", cm__csv_path(r->csv));
    if (!p) {
        r->sum->elsewhere++;
        return CM_OK;
    }
    const int a1 = side_of(r->sides, field(r, A_ACTOR1)), a2 = side_of(r->sides, field(r, A_ACTOR2));
    /* A taking by an actor that is none of the sides keeps ACLED's word for
     * who took: the government's regaining is the incumbent's. */
    const cm_state status = !take ? CM_STATE_ATTACKED
                            : strcmp(sub, "Government regains territory") == 0 ? CM_STATE_RETAKEN
                                                                                : CM_STATE_TAKEN;
    return add_event(r, p, date, (cm_precision)prec, status,
                     take ? a1 : attacker(r->sides, a1, a2), sub, field(r, A_ID),
                     field(r, A_SOURCE), field(r, A_NOTES), field(r, A_FATALITIES), lat, lon,
                     err);
}

static cm_status ucdp_row(reader *r, cm_error *err)
{
    long type = 0, dprec = 1, wprec = 1;
    if (!cm__parse_long(field(r, U_TYPE), 1, 3, &type))
        return bad_row(r, "type_of_violence", field(r, U_TYPE), err);
    if (type == 3) { /* one-sided violence: against civilians, not a town */
        r->sum->not_territorial++;
        return CM_OK;
    }
    if (field(r, U_PREC)[0] && !cm__parse_long(field(r, U_PREC), 1, 5, &dprec))
        return bad_row(r, "date_prec", field(r, U_PREC), err);
    if (field(r, U_WHERE_PREC)[0] && !cm__parse_long(field(r, U_WHERE_PREC), 1, 7, &wprec))
        return bad_row(r, "where_prec", field(r, U_WHERE_PREC), err);
    cm_date date;
    if (!parse_day(field(r, U_DATE), &date))
        return bad_row(r, "date_start", field(r, U_DATE), err);
    if (dprec == 5 || wprec > 2) { /* a year, or a place only to its province */
        r->sum->too_vague++;
        return CM_OK;
    }
    double lat, lon;
    if (!number(field(r, U_LAT), -90, 90, &lat))
        return bad_row(r, "latitude", field(r, U_LAT), err);
    if (!number(field(r, U_LON), -180, 180, &lon))
        return bad_row(r, "longitude", field(r, U_LON), err);
    /* "Kunduz town", "Kabul city": the first words name the place */
    char where[128];
    snprintf(where, sizeof where, "%s", field(r, U_WHERE));
    cm__utf8_cut(where, sizeof where);
    where[strcspn(where, "(,;")] = '\0';
    for (size_t k = strlen(where); k > 0 && isspace((unsigned char)where[k - 1]);)
        where[--k] = '\0';
    static const char *const suffix[] = {" town", " city", " village", NULL};
    for (int s = 0; suffix[s]; s++) {
        const size_t n = strlen(where), m = strlen(suffix[s]);
        if (n > m && strcasecmp(where + n - m, suffix[s]) == 0)
            where[n - m] = '\0';
    }
    int nomem = 0;
    const cm_place *p = row_capital(&r->caps, &r->names, r->gz, where, lat, lon, &nomem);
    if (nomem)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", cm__csv_path(r->csv));
    if (!p) {
        r->sum->elsewhere++;
        return CM_OK;
    }
    const cm_precision prec = dprec == 1 ? CM_PRECISION_DAY
                              : dprec <= 3 ? CM_PRECISION_WEEK
                                           : CM_PRECISION_MONTH;
    const int a = side_of(r->sides, field(r, U_SIDE_A)), b = side_of(r->sides, field(r, U_SIDE_B));
    return add_event(r, p, date, prec, CM_STATE_ATTACKED, attacker(r->sides, a, b), "",
                     field(r, U_ID), field(r, U_SOURCE), field(r, U_HEADLINE), field(r, U_BEST),
                     lat, lon, err);
}

/* The format a header says. */
static cm_events_format_in sniff(const cm__csv *csv)
{
    if (cm__csv_find(csv, "event_id_cnty") >= 0 && cm__csv_find(csv, "sub_event_type") >= 0)
        return CM_IN_ACLED;
    if (cm__csv_find(csv, "side_a") >= 0 && cm__csv_find(csv, "date_start") >= 0 &&
        cm__csv_find(csv, "type_of_violence") >= 0)
        return CM_IN_UCDP;
    return CM_IN_CONFLICTMAP;
}

static cm_status read_rows(reader *r, cm_events_format_in format, cm_error *err)
{
    const int acled = format == CM_IN_ACLED;
    const char *const *names = acled ? acled_cols : ucdp_cols;
    const int n = acled ? A_COUNT : U_COUNT, required = acled ? 10 : 10;
    for (int c = 0; c < n; c++) {
        r->cols[c] = cm__csv_find(r->csv, names[c]);
        if (c < required && r->cols[c] < 0)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: missing column '%s' of %s",
                                cm__csv_path(r->csv), cm__csv_line(r->csv), names[c],
                                cm_events_format_in_name(format));
    }
    cm_status st = CM_OK;
    while (st == CM_OK) {
        int eof;
        if ((st = cm__csv_next(r->csv, &eof, err)) != CM_OK || eof)
            break;
        r->sum->rows++;
        st = acled ? acled_row(r, err) : ucdp_row(r, err);
    }
    return st;
}

cm_status cm_events_import(const char *path, cm_events_format_in format,
                           const cm_gazetteer *gz, const cm_sides *sides, cm_events *events,
                           cm_import_summary *summary, cm_error *err)
{
    cm_import_summary local;
    cm_import_summary *sum = summary ? summary : &local;
    memset(sum, 0, sizeof *sum);
    const size_t first = events->count;
    reader r = {.gz = gz, .sides = sides, .events = events, .sum = sum};
    cm_status st = cm__csv_open(path, ',', 1, &r.csv, err);
    if (st == CM_OK)
        st = cm__csv_header(r.csv, NULL, 0, 0, r.cols, err);
    if (st == CM_OK && format == CM_IN_AUTO)
        format = sniff(r.csv);
    sum->format = format;
    if (st == CM_OK && format == CM_IN_CONFLICTMAP) {
        cm__csv_close(r.csv);
        r.csv = NULL;
        st = cm_events_read_csv(path, events, err);
        if (st == CM_OK)
            st = cm_gazetteer_resolve_events(gz, events, first, path, &sum->resolved, err);
        sum->rows = sum->events = events->count - first;
    } else if (st == CM_OK) {
        st = capitals_init(&r.caps, gz) ? read_rows(&r, format, err)
                                         : cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory",
                                                        path);
    }
    cm__csv_close(r.csv);
    free(r.caps.by_lat);
    cache_free(&r.names);
    if (st != CM_OK)
        cm_events_truncate(events, first);
    return st;
}

/* n with thousands separators. */
static void grouped(size_t n, char *buf, size_t len)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%zu", n);
    const size_t digits = strlen(raw);
    size_t o = 0;
    for (size_t i = 0; i < digits && o + 2 < len; i++) {
        if (i && (digits - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
}

void cm_import_summary_text(const char *path, const cm_import_summary *s, char *buf, size_t n)
{
    char rows[32], ev[32], other[32], nt[32], vague[32], unk[32];
    grouped(s->rows, rows, sizeof rows);
    grouped(s->events, ev, sizeof ev);
    grouped(s->rows - s->events, other, sizeof other);
    grouped(s->not_territorial, nt, sizeof nt);
    grouped(s->too_vague, vague, sizeof vague);
    grouped(s->unknown_actors, unk, sizeof unk);
    char elsewhere[32];
    grouped(s->elsewhere, elsewhere, sizeof elsewhere);
    snprintf(buf, n,
             "%s: %s, %s rows: %s events at capitals, %s not (%s elsewhere, %s not territorial, "
             "%s too vague to place); %s events by an actor that is none of the sides",
             path, cm_events_format_in_name(s->format), rows, ev, other, elsewhere, nt, vague,
             unk);
    cm__utf8_cut(buf, n);
}
