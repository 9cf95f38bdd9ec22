#include "conflictmap/dataset.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

#define LINE_MAX_LEN 4096

void cm_dataset_free(cm_dataset *ds)
{
    if (!ds)
        return;
    free(ds->unit_en);
    free(ds->unit_fr);
    free(ds->subtitle_en);
    free(ds->subtitle_fr);
    free(ds->attribution_en);
    free(ds->attribution_fr);
    free(ds->start_state);
    free(ds->style_path);
    for (size_t i = 0; i < ds->n_start; i++) {
        free(ds->start_places[i]);
        free(ds->start_holders[i]);
    }
    free(ds->start_places);
    free(ds->start_holders);
    free(ds->incumbent_id);
    free(ds->challenger_id);
    cm_sides_free(&ds->sides);
    free(ds->path);
    free(ds->title_en);
    free(ds->title_fr);
    free(ds->provinces);
    free(ds->neighbours);
    free(ds->gazetteer);
    free(ds->events);
    free(ds->lexicon);
    free(ds->id_field);
    free(ds);
}


/* value resolved against the directory of the dataset file. */
static char *resolve(const char *dataset, const char *value)
{
    const char *slash = strrchr(dataset, '/');
    if (value[0] == '/' || !slash)
        return strdup(value);
    const size_t dir = (size_t)(slash - dataset + 1);
    char *s = malloc(dir + strlen(value) + 1);
    if (s) {
        memcpy(s, dataset, dir);
        strcpy(s + dir, value);
    }
    return s;
}

typedef struct key_slot {
    const char *key;
    size_t offset;
    int is_path;
} key_slot;

static const key_slot keys[] = {
    {"title_en", offsetof(cm_dataset, title_en), 0},
    {"title_fr", offsetof(cm_dataset, title_fr), 0},
    {"provinces", offsetof(cm_dataset, provinces), 1},
    {"neighbours", offsetof(cm_dataset, neighbours), 1},
    {"gazetteer", offsetof(cm_dataset, gazetteer), 1},
    {"events", offsetof(cm_dataset, events), 1},
    {"lexicon", offsetof(cm_dataset, lexicon), 1},
    {"id_field", offsetof(cm_dataset, id_field), 0},
    {"unit_en", offsetof(cm_dataset, unit_en), 0},
    {"unit_fr", offsetof(cm_dataset, unit_fr), 0},
    {"subtitle_en", offsetof(cm_dataset, subtitle_en), 0},
    {"subtitle_fr", offsetof(cm_dataset, subtitle_fr), 0},
    {"attribution_en", offsetof(cm_dataset, attribution_en), 0},
    {"attribution_fr", offsetof(cm_dataset, attribution_fr), 0},
    {"start_state", offsetof(cm_dataset, start_state), 1},
    {"style", offsetof(cm_dataset, style_path), 1},
    {"incumbent", offsetof(cm_dataset, incumbent_id), 0},
    {"challenger", offsetof(cm_dataset, challenger_id), 0},
};

/* The keys that are not a string: side, actors, start, credit. */
static cm_status set_special(cm_dataset *ds, const char *key, const char *value, long line,
                             int *done, cm_error *err)
{
    cm_error e;
    *done = 1;
    if (strcmp(key, "side") == 0) {
        if (cm_sides_add(&ds->sides, value, &e) != CM_OK)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s", ds->path, line, e.message);
        return CM_OK;
    }
    if (strcmp(key, "actors") == 0) {
        const size_t n = strcspn(value, "|");
        char id[CM_SIDE_ID_MAX] = "";
        snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), value);
        char *t = id + strlen(id);
        while (t > id && isspace((unsigned char)t[-1]))
            *--t = '\0';
        int i = -1;
        for (int k = 0; k < ds->sides.count; k++)
            if (strcmp(ds->sides.side[k].id, id) == 0)
                i = k;
        if (i < 0)
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s:%ld: actors of '%.40s', which no 'side' line above declares",
                                ds->path, line, id);
        if (value[n] && cm_sides_add_actors(&ds->sides, i, value + n + 1, &e) != CM_OK)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s", ds->path, line, e.message);
        return CM_OK;
    }
    if (strcmp(key, "start") == 0) {
        cm_precision p;
        if (cm_date_parse(value, &ds->start, &p, &e) != CM_OK || p != CM_PRECISION_DAY)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: start '%.40s' is not a day "
                                "(YYYY-MM-DD)", ds->path, line, value);
        return CM_OK;
    }
    if (strcmp(key, "credit") == 0) {
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: credit is 'yes' or 'no', not "
                                "'%.40s'", ds->path, line, value);
        ds->no_credit = strcmp(value, "no") == 0;
        return CM_OK;
    }
    *done = 0;
    return CM_OK;
}

static cm_status set_key(cm_dataset *ds, const char *key, const char *value, long line,
                         cm_error *err)
{
    /* The texts on a map fit its buffers whole: never cut (a cut in a
     * character would make a malformed SVG). */
    if (strlen(value) > 200 && strncmp(key, "side", 4) != 0 && strcmp(key, "actors") != 0 &&
        strcmp(key, "provinces") != 0 && strcmp(key, "neighbours") != 0 &&
        strcmp(key, "gazetteer") != 0 && strcmp(key, "events") != 0 &&
        strcmp(key, "lexicon") != 0 && strcmp(key, "start_state") != 0 &&
        strcmp(key, "style") != 0)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s is longer than 200 bytes", ds->path,
                            line, key);
    int done;
    const cm_status st = set_special(ds, key, value, line, &done, err);
    if (st != CM_OK || done)
        return st;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].key) != 0)
            continue;
        if (keys[i].is_path && !value[0])
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s names no file", ds->path, line,
                                key);
        char **slot = (char **)((char *)ds + keys[i].offset);
        free(*slot);
        *slot = keys[i].is_path ? resolve(ds->path, value) : strdup(value);
        if (!*slot)
            return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", ds->path);
        return CM_OK;
    }
    return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: unknown key '%.40s'", ds->path, line, key);
}

static cm_status parse_line(cm_dataset *ds, char *line, long n, cm_error *err)
{
    char *s = cm__trim(line);
    if (!*s || *s == '#') /* a comment is a whole line: '#' is text elsewhere (#RRGGBB) */
        return CM_OK;
    if (!cm__utf8_valid(s, strlen(s)))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: not valid UTF-8", ds->path, n);
    char *eq = strchr(s, '=');
    if (!eq)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: expected 'key = value'", ds->path, n);
    *eq = '\0';
    return set_key(ds, cm__trim(s), cm__trim(eq + 1), n, err);
}

/* The side named by id, or an error naming the key. */
static cm_status side_index(const cm_dataset *ds, const char *key, const char *id, int *out,
                            cm_error *err)
{
    for (int k = 0; k < ds->sides.count; k++)
        if (strcmp(ds->sides.side[k].id, id) == 0) {
            *out = k;
            return CM_OK;
        }
    return cm_error_set(err, CM_ERR_PARSE, "%s: %s '%.40s' is none of the declared sides",
                        ds->path, key, id);
}

/* The two default sides when none is declared; the incumbent and the
 * challenger otherwise. */
static cm_status finish_sides(cm_dataset *ds, cm_error *err)
{
    if (ds->sides.count == 0) {
        if (ds->incumbent_id || ds->challenger_id)
            return cm_error_set(err, CM_ERR_PARSE, "%s: incumbent or challenger given, but "
                                "no 'side' line", ds->path);
        return cm_sides_default(&ds->sides, err);
    }
    if (ds->sides.count < 2)
        return cm_error_set(err, CM_ERR_PARSE, "%s: a war needs at least two sides",
                            ds->path);
    ds->sides.incumbent = 0;
    ds->sides.challenger = 1;
    cm_status st = CM_OK;
    if (ds->incumbent_id)
        st = side_index(ds, "incumbent", ds->incumbent_id, &ds->sides.incumbent, err);
    if (st == CM_OK && ds->challenger_id)
        st = side_index(ds, "challenger", ds->challenger_id, &ds->sides.challenger, err);
    else if (st == CM_OK && ds->sides.incumbent == 1)
        ds->sides.challenger = 0;
    if (st == CM_OK && ds->sides.incumbent == ds->sides.challenger)
        st = cm_error_set(err, CM_ERR_PARSE, "%s: the incumbent cannot be the challenger",
                          ds->path);
    return st;
}

/* Read start_state: place_id, holder[, source], each holder a side. */
static cm_status read_start_state(cm_dataset *ds, cm_error *err)
{
    static const char *const names[] = {"place_id", "holder", "source"};
    int cols[3];
    cm__csv *csv = NULL;
    cm_status st = cm__csv_open(ds->start_state, ',', 1, &csv, err);
    if (st == CM_OK)
        st = cm__csv_header(csv, names, 3, 2, cols, err);
    size_t cap = 0;
    while (st == CM_OK) {
        int eof;
        if ((st = cm__csv_next(csv, &eof, err)) != CM_OK || eof)
            break;
        const char *place = cm__csv_field(csv, (size_t)cols[0]);
        const char *holder = cm__csv_field(csv, (size_t)cols[1]);
        const long line = cm__csv_line(csv);
        if (!place[0]) {
            st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: empty place_id", ds->start_state,
                              line);
            break;
        }
        for (size_t k = 0; k < ds->n_start && st == CM_OK; k++)
            if (strcmp(ds->start_places[k], place) == 0)
                st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: '%.40s' is named twice",
                                  ds->start_state, line, place);
        if (st != CM_OK)
            break;
        if (cm_sides_find(&ds->sides, holder) < 0) {
            st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: holder '%.40s' is none of the "
                              "dataset's sides", ds->start_state, line, holder);
            break;
        }
        if (ds->n_start == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(ds->start_places, cap * sizeof *p);
            if (p)
                ds->start_places = p;
            char **h = p ? realloc(ds->start_holders, cap * sizeof *h) : NULL;
            if (h)
                ds->start_holders = h;
            if (!p || !h) {
                st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", ds->start_state);
                break;
            }
        }
        ds->start_places[ds->n_start] = strdup(place);
        ds->start_holders[ds->n_start] = strdup(holder);
        ds->n_start++;
        if (!ds->start_places[ds->n_start - 1] || !ds->start_holders[ds->n_start - 1])
            st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", ds->start_state);
    }
    cm__csv_close(csv);
    if (st == CM_OK && ds->start == CM_DATE_NONE)
        st = cm_error_set(err, CM_ERR_PARSE, "%s: start_state needs a start date", ds->path);
    return st;
}

cm_status cm_dataset_load(const char *path, cm_dataset **out, cm_error *err)
{
    *out = NULL;
    cm_dataset *ds = calloc(1, sizeof *ds);
    if (ds)
        ds->start = CM_DATE_NONE;
    if (!ds || !(ds->path = strdup(path))) {
        cm_dataset_free(ds);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    const cm_status regular = cm__check_regular(path, err);
    FILE *f = regular == CM_OK ? fopen(path, "r") : NULL;
    if (!f) {
        if (regular == CM_OK)
            cm_error_set(err, CM_ERR_IO, "%s: %s", path, strerror(errno));
        cm_dataset_free(ds);
        return CM_ERR_IO;
    }
    char line[LINE_MAX_LEN];
    long n = 0;
    cm_status st = CM_OK;
    while (st == CM_OK && fgets(line, sizeof line, f)) {
        n++;
        if (!strchr(line, '\n') && !feof(f))
            st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: line too long", path, n);
        else
            st = parse_line(ds, line, n, err);
    }
    fclose(f);
    if (st == CM_OK && (!ds->provinces || !ds->gazetteer))
        st = cm_error_set(err, CM_ERR_PARSE, "%s: 'provinces' and 'gazetteer' are required",
                          path);
    if (st == CM_OK && !ds->id_field && !(ds->id_field = strdup("id")))
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    if (st == CM_OK)
        st = finish_sides(ds, err);
    if (st == CM_OK && ds->start_state)
        st = read_start_state(ds, err);
    cm_map_style_default(&ds->style);
    if (st == CM_OK && ds->style_path)
        st = cm_map_style_load(ds->style_path, &ds->style, err);
    if (st != CM_OK) {
        cm_dataset_free(ds);
        return st;
    }
    *out = ds;
    return CM_OK;
}

void cm_dataset_timeline_options(const cm_dataset *ds, cm_timeline_options *out)
{
    *out = (cm_timeline_options){&ds->sides, ds->start, (const char *const *)ds->start_places,
                                 (const char *const *)ds->start_holders, ds->n_start};
}

void cm_dataset_map_options(const cm_dataset *ds, cm_map_options *o)
{
    cm_map_options_init(o);
    o->provinces = ds->provinces;
    o->neighbours = ds->neighbours;
    o->gazetteer = ds->gazetteer;
    o->id_field = ds->id_field;
    o->title_en = ds->title_en;
    o->title_fr = ds->title_fr;
    o->unit_en = ds->unit_en;
    o->unit_fr = ds->unit_fr;
    o->subtitle_en = ds->subtitle_en;
    o->subtitle_fr = ds->subtitle_fr;
    o->attribution_en = ds->attribution_en;
    o->attribution_fr = ds->attribution_fr;
    o->no_credit = ds->no_credit;
    o->sides = &ds->sides;
    o->style = &ds->style;
}
