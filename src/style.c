#include "conflictmap/style.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

#define RGB(hex) {((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex)&0xFF) / 255.0}

/* Fills ordered by lightness; hues after Okabe and Ito's palette. */
static const cm_state_style states[CM_STATE_COUNT] = {
    [CM_STATE_GOVERNMENT] = {RGB(0xE4EAF0), RGB(0xFFFFFF), CM_MARKER_CIRCLE, 0xE4EAF0},
    [CM_STATE_ATTACKED] = {RGB(0xF6DF7A), RGB(0xF0C400), CM_MARKER_TRIANGLE, 0xF6DF7A},
    [CM_STATE_CONTESTED] = {RGB(0xEE9B4A), RGB(0xE07B00), CM_MARKER_DIAMOND, 0xEE9B4A},
    [CM_STATE_FALLEN] = {RGB(0xA33A2E), RGB(0x7A1F16), CM_MARKER_SQUARE, 0xA33A2E},
    [CM_STATE_RETAKEN] = {RGB(0x5B9BD0), RGB(0x0B5FA5), CM_MARKER_DOT_CIRCLE, 0x5B9BD0},
    [CM_STATE_TAKEN] = {RGB(0xA33A2E), RGB(0x7A1F16), CM_MARKER_SQUARE, 0xA33A2E},
};

const cm_state_style *cm_style_state(cm_state state)
{
    return &states[(unsigned)state < CM_STATE_COUNT ? state : CM_STATE_GOVERNMENT];
}

static const char *const words[CM_WORD_COUNT][2] = {
    [CM_WORD_SUBTITLE] = {"Who holds each regional capital",
                          "Qui tient chaque capitale régionale"},
    [CM_WORD_LEGEND_TITLE] = {"Regional capitals", "Capitales régionales"},
    [CM_WORD_HOLDS] = {"%s holds %d of %d", "%s : %d sur %d"},
    [CM_WORD_PROJECTION] = {"Projection: %s", "Projection : %s"},
    [CM_WORD_CREDIT] = {"Made with conflictmap", "Réalisé avec conflictmap"},
    [CM_WORD_ATTACKED] = {"Attacked", "Attaquée"},
    [CM_WORD_CONTESTED] = {"Contested (fighting inside)", "Disputée (combats en ville)"},
    [CM_WORD_NO_DATA] = {"No data", "Pas de données"},
    [CM_WORD_NORTH] = {"N", "N"},
    [CM_WORD_NATIONAL_CAPITAL] = {"National capital", "Capitale nationale"},
};

static const char *const state_labels[CM_STATE_COUNT][2] = {
    [CM_STATE_GOVERNMENT] = {"Held", "Tenue"},
    [CM_STATE_ATTACKED] = {"Attacked", "Attaquée"},
    [CM_STATE_CONTESTED] = {"Contested (fighting inside)", "Disputée (combats en ville)"},
    [CM_STATE_FALLEN] = {"Fallen", "Tombée"},
    [CM_STATE_RETAKEN] = {"Retaken", "Reprise"},
    [CM_STATE_TAKEN] = {"Taken", "Prise"},
};

const char *cm_style_word(cm_word word, cm_lang lang)
{
    return words[word][lang == CM_LANG_FR];
}

const char *cm_style_state_label(cm_state state, cm_lang lang)
{
    return state_labels[(unsigned)state < CM_STATE_COUNT ? state : 0][lang == CM_LANG_FR];
}

void cm_map_style_default(cm_map_style *s)
{
    memset(s, 0, sizeof *s);
    strcpy(s->font_family, "DejaVu Sans");
    s->title_size = 19.0;
    s->subtitle_size = 10.0;
    s->label_size = 7.4;
    s->legend_size = 8.0;
    s->country_size = 9.0;
    s->attribution_size = 6.5;
    s->water = 0xDDE8EE;
    s->neighbours = 0xE8E6E1;
}

static int parse_colour(const char *v, unsigned *out)
{
    char *end;
    if (v[0] != '#' || strlen(v) != 7)
        return 0;
    const unsigned long x = strtoul(v + 1, &end, 16);
    if (*end)
        return 0;
    *out = (unsigned)x;
    return 1;
}

static cm_status style_line(cm_map_style *s, char *line, const char *path, long n, cm_error *err)
{
    char *k = cm__trim(line);
    if (!*k || *k == '#')
        return CM_OK;
    char *eq = strchr(k, '=');
    if (!eq)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: expected 'key = value'", path, n);
    *eq = '\0';
    k = cm__trim(k);
    const char *v = cm__trim(eq + 1);
    static const char *const sizes[] = {"title_size", "subtitle_size", "label_size",
                                        "legend_size", "country_size", "attribution_size"};
    double *slot[] = {&s->title_size, &s->subtitle_size, &s->label_size, &s->legend_size,
                      &s->country_size, &s->attribution_size};
    for (int i = 0; i < 6; i++)
        if (strcmp(k, sizes[i]) == 0) {
            if (!cm__parse_double(v, 3, 60, slot[i]))
                return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s '%.20s' is not 3 to 60",
                                    path, n, k, v);
            return CM_OK;
        }
    if (strcmp(k, "font_family") == 0) {
        if (!v[0] || strlen(v) >= sizeof s->font_family || !cm__utf8_valid(v, strlen(v)))
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: font_family must be 1 to 63 "
                                "bytes of UTF-8", path, n);
        strcpy(s->font_family, v);
        return CM_OK;
    }
    if (strcmp(k, "water") == 0 || strcmp(k, "neighbours") == 0) {
        if (!parse_colour(v, strcmp(k, "water") == 0 ? &s->water : &s->neighbours))
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: %s '%.20s' is not #RRGGBB", path,
                                n, k, v);
        return CM_OK;
    }
    return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: unknown key '%.40s'", path, n, k);
}

cm_status cm_map_style_load(const char *path, cm_map_style *s, cm_error *err)
{
    cm_status st = cm__check_regular(path, err);
    if (st != CM_OK)
        return st;
    FILE *f = fopen(path, "r");
    if (!f)
        return cm_error_set(err, CM_ERR_IO, "%s: %s", path, strerror(errno));
    char line[512];
    long n = 0;
    while (st == CM_OK && fgets(line, sizeof line, f)) {
        n++;
        if (!strchr(line, '\n') && !feof(f))
            st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: line too long", path, n);
        else
            st = style_line(s, line, path, n, err);
    }
    if (st == CM_OK && ferror(f))
        st = cm_error_set(err, CM_ERR_IO, "%s: %s", path, strerror(errno));
    fclose(f);
    return st;
}
