#include "conflictmap/sides.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Okabe and Ito's hues, ordered so that the first five also separate in
 * greyscale (relative luminance about 0.91, 0.11, 0.40, 0.77, 0.26). */
static const unsigned palette[CM_PALETTE_SIZE] = {0xE4EAF0, 0xA33A2E, 0x56B4E9, 0xF0E442,
                                                0x009E73, 0xCC79A7, 0x0072B2, 0xE69F00};

static cm_rgb rgb_of(unsigned hex)
{
    return (cm_rgb){(hex >> 16 & 0xFF) / 255.0, (hex >> 8 & 0xFF) / 255.0,
                    (hex & 0xFF) / 255.0};
}

cm_rgb cm_sides_palette(int index)
{
    return rgb_of(palette[(unsigned)index % CM_PALETTE_SIZE]);
}

/* A marker a step darker than its fill; white on a very light fill. */
static cm_rgb marker_of(cm_rgb c)
{
    const double y = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    if (y > 0.8)
        return (cm_rgb){1, 1, 1};
    return (cm_rgb){c.r * 0.72, c.g * 0.72, c.b * 0.72};
}

int cm_hold_category(cm_hold h)
{
    if (h.holder < 0 || h.holder >= CM_MAX_SIDES)
        return CM_CAT_NO_DATA;
    if (h.activity == CM_STATE_ATTACKED)
        return CM_CAT_ATTACKED;
    if (h.activity == CM_STATE_CONTESTED)
        return CM_CAT_CONTESTED;
    return h.holder;
}

int cm_hold_same(cm_hold a, cm_hold b)
{
    return a.holder == b.holder && a.activity == b.activity && a.by == b.by;
}

void cm_sides_init(cm_sides *sides)
{
    memset(sides, 0, sizeof *sides);
}

void cm_sides_free(cm_sides *sides)
{
    if (!sides)
        return;
    for (int i = 0; i < sides->count; i++) {
        cm_side *s = &sides->side[i];
        free(s->name[0]);
        free(s->name[1]);
        for (size_t k = 0; k < s->n_actors; k++)
            free(s->actors[k]);
        free(s->actors);
    }
    cm_sides_init(sides);
}


static int valid_id(const char *id)
{
    size_t n = 0;
    for (; id[n]; n++)
        if (!(islower((unsigned char)id[n]) || isdigit((unsigned char)id[n]) ||
              id[n] == '-' || id[n] == '_'))
            return 0;
    return n > 0 && n < CM_SIDE_ID_MAX;
}

static int parse_hex(const char *s, unsigned *out)
{
    if (s[0] != '#' || strlen(s) != 7)
        return 0;
    unsigned v = 0;
    for (int i = 1; i < 7; i++) {
        if (!isxdigit((unsigned char)s[i]))
            return 0;
        v = v * 16 + (unsigned)(isdigit((unsigned char)s[i]) ? s[i] - '0'
                                                            : tolower((unsigned char)s[i]) - 'a' + 10);
    }
    *out = v;
    return 1;
}

/* Split s at '|' into at most max trimmed fields; the number found. */
static int split_bars(char *s, char **fields, int max)
{
    int n = 0;
    for (char *p = s;; n++) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        if (n < max)
            fields[n] = cm__trim(p);
        if (!bar)
            return n + 1;
        p = bar + 1;
    }
}

cm_status cm_sides_add(cm_sides *sides, const char *declaration, cm_error *err)
{
    if (sides->count >= CM_MAX_SIDES)
        return cm_error_set(err, CM_ERR_INVALID, "more than %d sides", CM_MAX_SIDES);
    char *copy = strdup(declaration);
    if (!copy)
        return cm_error_set(err, CM_ERR_NOMEM, "out of memory");
    char *f[4] = {0};
    const int n = split_bars(copy, f, 4);
    cm_status st = CM_OK;
    unsigned hex = palette[sides->count % CM_PALETTE_SIZE];
    if (n < 3 || n > 4)
        st = cm_error_set(err, CM_ERR_PARSE,
                          "side '%.60s': expected 'id | name_en | name_fr [| #RRGGBB]'",
                          declaration);
    else if (!valid_id(f[0]))
        st = cm_error_set(err, CM_ERR_PARSE,
                          "side id '%.40s': use 1-31 lower-case letters, digits, '-' or '_'",
                          f[0]);
    else if (cm_sides_find(sides, f[0]) >= 0)
        st = cm_error_set(err, CM_ERR_PARSE, "side '%.40s' is declared twice", f[0]);
    else if (!f[1][0] || !f[2][0])
        st = cm_error_set(err, CM_ERR_PARSE, "side '%.40s': empty name", f[0]);
    else if (strlen(f[1]) > 80 || strlen(f[2]) > 80)
        st = cm_error_set(err, CM_ERR_PARSE, "side '%.40s': a name longer than 80 bytes", f[0]);
    else if (n == 4 && !parse_hex(f[3], &hex))
        st = cm_error_set(err, CM_ERR_PARSE, "side '%.40s': colour '%.20s' is not #RRGGBB",
                          f[0], f[3]);
    else if (n == 3 && sides->count >= CM_PALETTE_SIZE)
        st = cm_error_set(err, CM_ERR_PARSE, "side '%.40s': give it a colour (#RRGGBB); the "
                          "default palette has %d", f[0], CM_PALETTE_SIZE);
    if (st == CM_OK) {
        cm_side *s = &sides->side[sides->count];
        memset(s, 0, sizeof *s);
        strcpy(s->id, f[0]);
        s->name[0] = strdup(f[1]);
        s->name[1] = strdup(f[2]);
        s->hex = hex;
        s->fill = rgb_of(hex);
        s->marker = marker_of(s->fill);
        if (!s->name[0] || !s->name[1]) {
            free(s->name[0]);
            free(s->name[1]);
            st = cm_error_set(err, CM_ERR_NOMEM, "out of memory");
        } else {
            sides->count++;
        }
    }
    free(copy);
    return st;
}

static cm_status push_actor(cm_side *s, const char *name, cm_error *err)
{
    char **grown = realloc(s->actors, (s->n_actors + 1) * sizeof *s->actors);
    if (grown)
        s->actors = grown;
    if (!grown || !(s->actors[s->n_actors] = strdup(name)))
        return cm_error_set(err, CM_ERR_NOMEM, "out of memory");
    s->n_actors++;
    return CM_OK;
}

cm_status cm_sides_add_actors(cm_sides *sides, int index, const char *names, cm_error *err)
{
    if (index < 0 || index >= sides->count)
        return cm_error_set(err, CM_ERR_INVALID, "actors for an unknown side");
    char *copy = strdup(names);
    if (!copy)
        return cm_error_set(err, CM_ERR_NOMEM, "out of memory");
    cm_side *s = &sides->side[index];
    cm_status st = CM_OK;
    for (char *p = copy; p && st == CM_OK;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar++ = '\0';
        char *name = cm__trim(p);
        p = bar;
        if (!name[0])
            continue;
        const int other = cm_sides_find(sides, name);
        if (other >= 0 && other != index)
            st = cm_error_set(err, CM_ERR_PARSE, "actor '%.40s' already means side '%s'",
                              name, sides->side[other].id);
        else
            st = push_actor(s, name, err);
    }
    free(copy);
    return st;
}

cm_status cm_sides_default(cm_sides *sides, cm_error *err)
{
    cm_sides_init(sides);
    cm_status st = cm_sides_add(sides, "government | Government | Gouvernement", err);
    if (st == CM_OK)
        st = cm_sides_add(sides, "insurgents | Insurgents | Insurgés", err);
    if (st != CM_OK) {
        cm_sides_free(sides);
        return st;
    }
    sides->incumbent = 0;
    sides->challenger = 1;
    return CM_OK;
}

cm_status cm_sides_copy(cm_sides *dst, const cm_sides *src, cm_error *err)
{
    cm_sides_init(dst);
    for (int i = 0; i < src->count; i++) {
        const cm_side *s = &src->side[i];
        cm_side *d = &dst->side[i];
        *d = *s;
        d->name[0] = strdup(s->name[0]);
        d->name[1] = strdup(s->name[1]);
        d->actors = s->n_actors ? calloc(s->n_actors, sizeof *d->actors) : NULL;
        d->n_actors = 0;
        dst->count = i + 1;
        if (!d->name[0] || !d->name[1] || (s->n_actors && !d->actors)) {
            cm_sides_free(dst);
            return cm_error_set(err, CM_ERR_NOMEM, "out of memory");
        }
        for (size_t k = 0; k < s->n_actors; k++) {
            if (!(d->actors[k] = strdup(s->actors[k]))) {
                cm_sides_free(dst);
                return cm_error_set(err, CM_ERR_NOMEM, "out of memory");
            }
            d->n_actors = k + 1;
        }
    }
    dst->incumbent = src->incumbent;
    dst->challenger = src->challenger;
    return CM_OK;
}

/* ASCII case-insensitive equality of a and the trimmed text t (length n). */
static int same_name(const char *a, const char *t, size_t n)
{
    size_t i = 0;
    for (; i < n && a[i]; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)t[i]))
            return 0;
    return i == n && !a[i];
}

int cm_sides_find(const cm_sides *sides, const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    if (n == 0)
        return -1;
    for (int i = 0; i < sides->count; i++) {
        const cm_side *s = &sides->side[i];
        if (same_name(s->id, text, n))
            return i;
        for (size_t k = 0; k < s->n_actors; k++)
            if (same_name(s->actors[k], text, n))
                return i;
    }
    return -1;
}

int cm_sides_actor(const cm_sides *sides, const cm_event *e, int holder)
{
    if (e->actor && e->actor[0])
        return cm_sides_find(sides, e->actor);
    switch (e->status) {
    case CM_STATE_RETAKEN:
        return sides->incumbent;
    case CM_STATE_ATTACKED:
    case CM_STATE_CONTESTED:
        return holder == sides->challenger ? sides->incumbent : sides->challenger;
    default:
        return sides->challenger;
    }
}

const char *cm_sides_label(const cm_sides *sides, int category, cm_lang lang)
{
    const int l = lang == CM_LANG_FR;
    if (category >= 0 && category < sides->count)
        return sides->side[category].name[l];
    return cm_style_word(category == CM_CAT_ATTACKED    ? CM_WORD_ATTACKED
                         : category == CM_CAT_CONTESTED ? CM_WORD_CONTESTED
                                                        : CM_WORD_NO_DATA,
                         lang);
}

void cm_sides_summary(const cm_sides *sides, const cm_counts *counts, cm_lang lang, char *buf,
                      size_t n)
{
    int order[CM_CAT_COUNT], m = 0;
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if ((c < sides->count || c >= CM_CAT_ATTACKED) && counts->n[c] > 0)
            order[m++] = c;
    for (int i = 1; i < m; i++) /* stable insertion sort, largest first */
        for (int j = i; j > 0 && counts->n[order[j]] > counts->n[order[j - 1]]; j--) {
            const int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < m && k < n; i++) {
        const char *label = cm_sides_label(sides, order[i], lang);
        char lower[64];
        if (order[i] >= CM_CAT_ATTACKED) { /* "contested", not "Contested (...)" */
            snprintf(lower, sizeof lower, "%s", label);
            char *paren = strstr(lower, " (");
            if (paren)
                *paren = '\0'; /* "contested", not "contested (fighting inside)" */
            lower[0] = (char)tolower((unsigned char)lower[0]);
            label = lower;
        }
        const int w = snprintf(buf + k, n - k, "%s%s %d", i ? " \u00b7 " : "", label,
                               counts->n[order[i]]);
        if (w < 0)
            break;
        k += (size_t)w;
    }
    if (k >= n)
        cm__utf8_cut(buf, n);
}

void cm_sides_holds(const cm_sides *sides, const cm_counts *counts, cm_lang lang, char *buf,
                    size_t n)
{
    const int i = sides->incumbent;
    const int w = snprintf(buf, n, cm_style_word(CM_WORD_HOLDS, lang),
                           cm_sides_label(sides, i, lang), counts->n[i], counts->total);
    if (w >= 0 && (size_t)w >= n)
        cm__utf8_cut(buf, n);
}
