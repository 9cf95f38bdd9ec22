#include "conflictmap/map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "conflictmap/style.h"
#include "csv.h"
#include "layout.h"
#include "lines.h"
#include "projection_ctx.h"
#include "simplify.h"
#include "util.h"
#include "text.h"

void cm_map_options_init(cm_map_options *o)
{
    memset(o, 0, sizeof *o);
    o->id_field = "id";
    o->width = 1600;
    o->height = 1200;
    o->dpi = 150.0;
}

void cm_map_free(cm_map *map)
{
    if (!map)
        return;
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < map->n_country_labels[l]; i++)
            free(map->country_labels[l][i].text);
        free(map->country_labels[l]);
        free(map->title[l]);
        free(map->unit[l]);
        free(map->subtitle[l]);
        free(map->attribution[l]);
    }
    cm_sides_free(&map->sides);
    cm__fonts_ahead_free(map->fonts);
    cm_layer_free(map->provinces);
    cm_layer_free(map->neighbours);
    cm_gazetteer_free(map->gazetteer);
    cm_projection_free(map->projection);
    if (map->lines) {
        cm__lines_free(&map->lines->border);
        cm__lines_free(&map->lines->provinces);
        cm__lines_free(&map->lines->neighbours);
        cm__simplified_free(&map->lines->province_rings);
        cm__simplified_free(&map->lines->neighbour_rings);
        free(map->lines);
    }
    free(map->capitals);
    free(map->province_capital);
    free(map);
}

cm_point cm_map_to_page(const cm_map *map, cm_point p)
{
    return (cm_point){map->ox + p.x * map->scale, map->oy - p.y * map->scale};
}

/* Inverse of cm_map_to_page. */
static cm_point page_to_map(const cm_map *map, cm_point p)
{
    return (cm_point){(p.x - map->ox) / map->scale, (map->oy - p.y) / map->scale};
}

cm_status cm_map_lonlat_to_page(const cm_map *map, double lon, double lat,
                                cm_point *out, cm_error *err)
{
    cm_point p = {lon, lat};
    cm_status st = cm_projection_forward(map->projection, &p, 1, err);
    if (st == CM_OK)
        *out = cm_map_to_page(map, p);
    return st;
}

long cm_map_province_index(const cm_map *map, const char *id)
{
    const int field = cm_layer_field_index(map->provinces, map->opts.id_field);
    for (size_t f = 0; f < map->provinces->n_features; f++)
        if (strcmp(cm_layer_value(map->provinces, f, field), id) == 0)
            return (long)f;
    return -1;
}

size_t cm_map_capital_count(const cm_map *map) { return map->n_capitals; }

/* Project the provinces into the map CRS and make map->projection, all
 * in PROJ context c. */
static cm_status project_provinces(cm_map *map, cm__proj_ctx *c, cm_error *err)
{
    const cm_map_options *o = &map->opts;
    cm_bbox geo;
    cm_error e;
    cm_status st = cm__projection_geo_extent_in(c, map->provinces->prj, &map->provinces->bbox,
                                                &geo, &e);
    if (st != CM_OK) { /* "dir/p.shp": "dir/p.prj" */
        const char *dot = strrchr(o->provinces, '.'), *slash = strrchr(o->provinces, '/');
        const int stem = dot && (!slash || dot > slash) ? (int)(dot - o->provinces)
                                                        : (int)strlen(o->provinces);
        return cm_error_set(err, st, "%.*s.prj: %s", stem, o->provinces, e.message);
    }
    /* Longitudes and latitudes that no place has: metres read as degrees */
    if (!(geo.minx >= -180.5 && geo.maxx <= 360.5 && geo.miny >= -90.5 && geo.maxy <= 90.5))
        return cm_error_set(err, CM_ERR_INVALID,
                            "%s: coordinates from (%.6g, %.6g) to (%.6g, %.6g) cannot be "
                            "longitudes and latitudes, which its %s declares: the data are "
                            "probably projected; give their coordinate system in the .prj",
                            o->provinces, map->provinces->bbox.minx, map->provinces->bbox.miny,
                            map->provinces->bbox.maxx, map->provinces->bbox.maxy,
                            map->provinces->prj ? ".prj" : "missing .prj (read as WGS 84)");
    cm_projection *to_map = NULL;
    if ((st = cm__projection_create_in(c, map->provinces->prj, o->crs, &geo, &to_map, err)))
        return st;
    st = cm_projection_apply(to_map, map->provinces, err);
    if (st == CM_OK)
        st = cm__projection_create_in(c, NULL, cm_projection_target(to_map), NULL,
                                      &map->projection, err);
    cm_projection_free(to_map);
    /* The map keeps its projection as long as it lives: without PROJ's
     * database, which a map's life does not need once the layers are in. */
    cm_projection *own = st == CM_OK ? cm__projection_detach(map->projection) : NULL;
    if (own) {
        cm_projection_free(map->projection);
        map->projection = own;
    }
    return st;
}

/* Read the layers (projected later, once PROJ has loaded). */
static cm_status read_layers(cm_map *map, cm_error *err)
{
    const cm_map_options *o = &map->opts;
    /* only the fields the map reads: a .dbf may have a thousand */
    const char *const fields[] = {o->id_field, "name", "name_fr", "label_lon", "label_lat", NULL};
    cm_status st = cm_layer_load_fields(o->provinces, fields, &map->provinces, err);
    if (st != CM_OK)
        return st;
    if (map->provinces->n_rings == 0)
        return cm_error_set(err, CM_ERR_INVALID, "%s: no polygons to draw", o->provinces);
    if (cm_layer_field_index(map->provinces, o->id_field) < 0)
        return cm_error_set(err, CM_ERR_NOT_FOUND, "%s: no field '%s' to join capitals",
                            o->provinces, o->id_field);
    return o->neighbours ? cm_layer_load_fields(o->neighbours, fields, &map->neighbours, err)
                         : CM_OK;
}

/* Project the layers in PROJ context c; the target CRS follows the
 * provinces. */
static cm_status project_layers(cm_map *map, cm__proj_ctx *c, cm_error *err)
{
    cm_status st = project_provinces(map, c, err);
    if (st != CM_OK || !map->neighbours)
        return st;
    cm_projection *nb = NULL;
    if ((st = cm__projection_create_in(c, map->neighbours->prj,
                                       cm_projection_target(map->projection), NULL, &nb, err)))
        return st;
    st = cm_projection_apply(nb, map->neighbours, err);
    cm_projection_free(nb);
    return st;
}

/* Largest distance, in pixels of the page, between a dropped vertex and
 * the simplified outline: well under the width of the thinnest line. */
#define CM__SIMPLIFY_PX 0.2

/* The rings and lines to draw, once the layers are projected and fitted
 * to the page. */
static cm_status build_lines(cm_map *map, cm_error *err)
{
    cm__map_lines *ml = map->lines = calloc(1, sizeof *map->lines);
    if (!ml)
        return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
    const double tol = CM__SIMPLIFY_PX * 72.0 / map->opts.dpi / map->scale;
    cm_status st = cm__simplify(map->provinces, tol, &ml->province_rings, err);
    if (st == CM_OK)
        st = cm__lines_build(&ml->province_rings, CM__LINES_OUTLINE, &ml->border, err);
    if (st == CM_OK)
        st = cm__lines_build(&ml->province_rings, CM__LINES_EACH_ONCE, &ml->provinces, err);
    if (st == CM_OK && map->neighbours &&
        (st = cm__simplify(map->neighbours, tol, &ml->neighbour_rings, err)) == CM_OK)
        st = cm__lines_build(&ml->neighbour_rings, CM__LINES_EACH_ONCE, &ml->neighbours, err);
    return st;
}

/* The projection's name in each language: the usual name of a PROJ
 * method the map uses, else the definition as given ("EPSG:32642"). */
static void describe_projection(cm_map *map)
{
    static const struct { const char *proj, *name[2]; } known[] = {
        {"+proj=lcc", {"Lambert conformal conic", "conique conforme de Lambert"}},
        {"+proj=aea", {"Albers equal-area conic", "conique équivalente d'Albers"}},
        {"+proj=laea", {"Lambert azimuthal equal-area", "azimutale équivalente de Lambert"}},
        {"+proj=tmerc", {"transverse Mercator", "Mercator transverse"}},
        {"+proj=utm", {"UTM", "UTM"}},
        {"+proj=merc", {"Mercator", "Mercator"}},
        {"+proj=eqc", {"equirectangular", "équirectangulaire"}},
        {"+proj=longlat", {"longitude and latitude", "longitude et latitude"}},
    };
    const char *t = cm_projection_target(map->projection);
    for (int l = 0; l < 2; l++) {
        snprintf(map->projection_name[l], sizeof map->projection_name[l], "%.60s", t);
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strstr(t, known[i].proj)) {
                snprintf(map->projection_name[l], sizeof map->projection_name[l], "%s",
                         known[i].name[l]);
                break;
            }
        cm__utf8_cut(map->projection_name[l], sizeof map->projection_name[l]);
    }
}

/* Fit the provinces' extent into the frame, centred, with padding. */
static void fit_page(cm_map *map)
{
    const double W = map->page_w, H = map->page_h, u = map->u;
    const double m = 14 * u;
    map->frame = (cm_bbox){m, m + CM__HEADER * u, W - m, H - m - CM__FOOTER * u};
    const cm_bbox b = map->provinces->bbox;
    const double pad = 0.03;
    const double fw = (map->frame.maxx - map->frame.minx) * (1 - 2 * pad);
    const double fh = (map->frame.maxy - map->frame.miny) * (1 - 2 * pad);
    const double bw = fmax(b.maxx - b.minx, 1e-9), bh = fmax(b.maxy - b.miny, 1e-9);
    map->scale = fmin(fw / bw, fh / bh);
    const double cx = (map->frame.minx + map->frame.maxx) / 2;
    const double cy = (map->frame.miny + map->frame.maxy) / 2;
    map->ox = cx - (b.minx + b.maxx) / 2 * map->scale;
    map->oy = cy + (b.miny + b.maxy) / 2 * map->scale;
}

/* Province index's id (the id field), or its number as text in buf. */
static const char *province_name(const cm_map *map, long index, char buf[24])
{
    const int field = cm_layer_field_index(map->provinces, map->opts.id_field);
    const char *v = field >= 0 ? cm_layer_value(map->provinces, (size_t)index, field) : NULL;
    if (v && v[0])
        return v;
    snprintf(buf, 24, "#%ld", index);
    return buf;
}

/* The gazetteer's capitals on the page, each with its province: one per
 * province, inside it. */
static cm_status place_capitals(cm_map *map, cm_error *err)
{
    cm_status st;
    char num[24];
    const size_t nf = map->provinces->n_features, ng = cm_gazetteer_count(map->gazetteer);
    map->capitals = calloc(ng ? ng : 1, sizeof *map->capitals);
    map->province_capital = malloc((nf ? nf : 1) * sizeof *map->province_capital);
    if (!map->capitals || !map->province_capital)
        return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
    for (size_t f = 0; f < nf; f++)
        map->province_capital[f] = -1;
    for (size_t i = 0; i < ng; i++) {
        const cm_place *p = cm_gazetteer_place(map->gazetteer, i);
        if (!cm_place_is_capital(p))
            continue;
        cm_capital *c = &map->capitals[map->n_capitals];
        cm_point xy = {p->lon, p->lat};
        if ((st = cm_projection_forward(map->projection, &xy, 1, err)) != CM_OK)
            return cm_error_set(err, st, "%s:%ld: capital '%s' cannot be projected",
                                map->opts.gazetteer, p->line, p->id);
        c->place = p;
        c->page = cm_map_to_page(map, xy);
        c->province = p->admin1[0] ? cm_map_province_index(map, p->admin1) : -1;
        const long inside = cm_layer_find(map->provinces, xy.x, xy.y);
        if (c->province >= 0 && inside >= 0 && inside != c->province)
            return cm_error_set(err, CM_ERR_INVALID,
                                "%s:%ld: capital '%s' of province '%s' lies in province '%s' "
                                "of %s", map->opts.gazetteer, p->line, p->id, p->admin1,
                                province_name(map, inside, num), map->opts.provinces);
        if (c->province < 0)
            c->province = inside;
        if (c->province < 0)
            continue; /* a capital outside the layer is not this map's */
        if (inside < 0)
            map->n_capitals_outside++;
        const long other = map->province_capital[c->province];
        if (other >= 0)
            return cm_error_set(err, CM_ERR_INVALID,
                                "%s:%ld: province '%s' has two capitals, '%s' and '%s'; give "
                                "one of them another kind", map->opts.gazetteer, p->line,
                                province_name(map, c->province, num),
                                map->capitals[other].place->id, p->id);
        map->province_capital[c->province] = (long)map->n_capitals;
        map->n_capitals++;
    }
    if (map->n_capitals == 0)
        return cm_error_set(err, CM_ERR_NOT_FOUND,
                            "%s: no provincial capital lies in a province of %s",
                            map->opts.gazetteer, map->opts.provinces);
    if (map->n_capitals_outside == map->n_capitals)
        return cm_error_set(err, CM_ERR_INVALID,
                            "%s: none of the %zu capitals of %s lies inside its provinces: "
                            "the coordinate system its .prj declares is probably not the "
                            "one of its coordinates", map->opts.provinces, map->n_capitals,
                            map->opts.gazetteer);
    return CM_OK;
}

static cm_status copy_options(cm_map *map, const cm_map_options *opts, cm_error *err)
{
    map->opts = *opts;
    if (!map->opts.id_field)
        map->opts.id_field = "id";
    if (!opts->provinces || !opts->gazetteer)
        return cm_error_set(err, CM_ERR_INVALID, "map: provinces and gazetteer are required");
    if (opts->width < 64 || opts->height < 64 || opts->width > 20000 || opts->height > 20000)
        return cm_error_set(err, CM_ERR_INVALID,
                            "page size %dx%d out of range (64..20000 pixels)", opts->width,
                            opts->height);
    if (!(opts->dpi >= 18 && opts->dpi <= 2400))
        return cm_error_set(err, CM_ERR_INVALID, "dpi %g out of range (18..2400)",
                            opts->dpi);
    const char *en[4] = {opts->title_en, opts->unit_en, opts->subtitle_en,
                         opts->attribution_en};
    const char *fr[4] = {opts->title_fr, opts->unit_fr, opts->subtitle_fr,
                         opts->attribution_fr};
    const char *def_en[4] = {"", cm_style_word(CM_WORD_LEGEND_TITLE, CM_LANG_EN),
                             cm_style_word(CM_WORD_SUBTITLE, CM_LANG_EN), ""};
    const char *def_fr[4] = {"", cm_style_word(CM_WORD_LEGEND_TITLE, CM_LANG_FR),
                             cm_style_word(CM_WORD_SUBTITLE, CM_LANG_FR), ""};
    char **slot[4] = {map->title, map->unit, map->subtitle, map->attribution};
    for (int k = 0; k < 4; k++) {
        /* French falls back on the English word the user gave, then the default. */
        slot[k][CM_LANG_EN] = strdup(en[k] ? en[k] : def_en[k]);
        slot[k][CM_LANG_FR] = strdup(fr[k] ? fr[k] : en[k] ? en[k] : def_fr[k]);
        if (!slot[k][0] || !slot[k][1])
            return cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
        static const char *const what[4] = {"title", "unit", "subtitle", "attribution"};
        for (int l = 0; l < 2; l++)
            if (!cm__utf8_valid(slot[k][l], strlen(slot[k][l])))
                return cm_error_set(err, CM_ERR_INVALID, "map: the %s is not valid UTF-8",
                                    what[k]);
    }
    map->opts.title_en = map->opts.title_fr = NULL; /* not the caller's strings */
    map->opts.unit_en = map->opts.unit_fr = map->opts.subtitle_en = NULL;
    map->opts.subtitle_fr = map->opts.attribution_en = map->opts.attribution_fr = NULL;
    map->opts.sides = NULL;
    if (opts->style)
        map->style = *opts->style;
    else
        cm_map_style_default(&map->style);
    map->opts.style = NULL;
    const cm_status st = opts->sides ? cm_sides_copy(&map->sides, opts->sides, err)
                                     : cm_sides_default(&map->sides, err);
    if (st != CM_OK)
        return st;
    map->page_w = opts->width * 72.0 / opts->dpi;
    map->page_h = opts->height * 72.0 / opts->dpi;
    map->u = fmin(map->page_w / 768.0, map->page_h / 576.0);
    return CM_OK;
}

cm_status cm_map_create(const cm_map_options *opts, cm_map **out, cm_error *err)
{
    /* PROJ and the fonts load on threads of their own while the files are
     * read and the layers projected; this thread then adopts the fonts
     * for the layout and its drawing. */
    cm_projection_preload();
    cm_map *map = calloc(1, sizeof *map);
    cm_status st = map ? copy_options(map, opts, err)
                       : cm_error_set(err, CM_ERR_NOMEM, "map: out of memory");
    *out = NULL;
    if (st == CM_OK)
        map->fonts = cm__fonts_ahead_start(map->opts.dpi / 72.0);
    if (st == CM_OK)
        st = read_layers(map, err);
    if (st == CM_OK)
        st = cm_gazetteer_load(map->opts.gazetteer, &map->gazetteer, err);
    cm__proj_ctx *c = NULL;
    if (st == CM_OK)
        st = cm__proj_ctx_new(&c, err);
    if (st == CM_OK)
        st = project_layers(map, c, err);
    cm__proj_ctx_release(c); /* map->projection keeps it */
    if (st == CM_OK) {
        describe_projection(map);
        fit_page(map);
        st = build_lines(map, err);
    }
    if (st == CM_OK)
        st = place_capitals(map, err);
    if (st == CM_OK) {
        cm__fonts_ahead_adopt(map->fonts);
        st = cm__layout_map(map, err);
    }
    if (st != CM_OK) {
        cm_map_free(map);
        return st;
    }
    *out = map;
    return CM_OK;
}

/* 1 if page point p is inside province index and clear of every capital
 * marker and label box. */
static int clear_point(const cm_map *map, long index, cm_point p)
{
    const double r = CM__MARKER_R * map->u * 2.2;
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        if (fabs(p.x - c->page.x) < r && fabs(p.y - c->page.y) < r)
            return 0;
        if (c->labelled && p.x >= c->label_box.minx - 2 && p.x <= c->label_box.maxx + 2 &&
            p.y >= c->label_box.miny - 2 && p.y <= c->label_box.maxy + 2)
            return 0;
    }
    const cm_point m = page_to_map(map, p);
    const double d = 3.0 / map->scale; /* 3 pt around the point too */
    return cm_layer_feature_contains(map->provinces, (size_t)index, m.x, m.y) &&
           cm_layer_feature_contains(map->provinces, (size_t)index, m.x + d, m.y) &&
           cm_layer_feature_contains(map->provinces, (size_t)index, m.x - d, m.y) &&
           cm_layer_feature_contains(map->provinces, (size_t)index, m.x, m.y + d) &&
           cm_layer_feature_contains(map->provinces, (size_t)index, m.x, m.y - d);
}

cm_status cm_map_province_probe(const cm_map *map, long index, cm_point *out,
                                cm_error *err)
{
    if (index < 0 || (size_t)index >= map->provinces->n_features)
        return cm_error_set(err, CM_ERR_NOT_FOUND, "no province %ld", index);
    const cm_bbox b = map->provinces->features[index].bbox;
    const cm_point lo = cm_map_to_page(map, (cm_point){b.minx, b.maxy});
    const cm_point hi = cm_map_to_page(map, (cm_point){b.maxx, b.miny});
    /* Scan from the centre outwards so the probe sits well inside. */
    const cm_point c = {(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
    const int steps = 24;
    for (int ring = 0; ring <= steps; ring++) {
        for (int i = -ring; i <= ring; i++) {
            for (int j = -ring; j <= ring; j++) {
                if (abs(i) != ring && abs(j) != ring)
                    continue;
                const cm_point p = {c.x + i * (hi.x - lo.x) / (2.0 * steps),
                                    c.y + j * (hi.y - lo.y) / (2.0 * steps)};
                if (clear_point(map, index, p)) {
                    *out = p;
                    return CM_OK;
                }
            }
        }
    }
    return cm_error_set(err, CM_ERR_NOT_FOUND, "province %ld has no clear point", index);
}
