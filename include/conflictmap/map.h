/* conflictmap: a map ready to draw.
 *
 * A cm_map holds everything that does not change from one date to the
 * next: the province and neighbour layers projected once, the capitals from
 * the gazetteer joined to their provinces, the page geometry, and the
 * placement of every label, legend and symbol.  Draw it for any date with
 * cm_render_draw (render.h).  Page coordinates are points (1/72 inch) with
 * y downwards; a PNG of width x height pixels is the page at `dpi`.
 */
#ifndef CONFLICTMAP_MAP_H
#define CONFLICTMAP_MAP_H

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/gazetteer.h"
#include "conflictmap/layer.h"
#include "conflictmap/projection.h"
#include "conflictmap/sides.h"
#include "conflictmap/style.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_map_options {
    const char *provinces;  /* polygon shapefile of the provinces (required) */
    const char *neighbours; /* polygon shapefile of the countries around, or NULL */
    const char *gazetteer;  /* gazetteer CSV holding the capitals (required) */
    const char *id_field;   /* province field matching a capital's admin1 ("id") */
    const char *crs;        /* target CRS; NULL chooses a conic for the extent */
    const char *title_en;   /* country name in titles ("Afghanistan") */
    const char *title_fr;
    /* The map's words (docs/state-model.md); NULL takes the default. */
    const char *unit_en, *unit_fr;         /* legend title: "Provincial capitals" */
    const char *subtitle_en, *subtitle_fr; /* "Who holds each provincial capital" */
    const char *attribution_en, *attribution_fr; /* credit for the boundaries;
                                                    NULL or "": none */
    int no_credit;          /* 1: leave out "Made with conflictmap" */
    const cm_sides *sides;  /* the legend's sides; NULL: the two default ones */
    const cm_map_style *style; /* fonts, sizes, colours; NULL: the default look */
    int width, height;      /* pixels of a PNG; 1600 x 1200 by default */
    double dpi;             /* pixels per inch; 150 by default */
} cm_map_options;

/* Fill opts with the defaults (no paths). */
void cm_map_options_init(cm_map_options *opts);

typedef struct cm_capital {
    const cm_place *place; /* owned by the map's gazetteer */
    cm_point page;         /* marker centre on the page */
    long province;         /* feature index in provinces, -1 if outside all */
    int labelled;          /* 0 when no free place was found for its label */
    cm_bbox label_box;     /* page box of the label when labelled */
} cm_capital;

typedef struct cm_country_label {
    char *text; /* upper-case name */
    cm_point page; /* centre of the text */
} cm_country_label;

typedef struct cm_map {
    cm_map_options opts;   /* the strings are copied below */
    char *title[2];        /* country name per cm_lang */
    char *unit[2], *subtitle[2], *attribution[2]; /* per cm_lang, never NULL */
    cm_sides sides;        /* copied from the options */
    cm_map_style style;    /* copied from the options */
    cm_layer *provinces;   /* projected */
    cm_layer *neighbours;  /* projected, or NULL */
    cm_gazetteer *gazetteer;
    cm_projection *projection; /* lon/lat to map CRS */
    char projection_name[2][64]; /* per cm_lang, for the attribution */
    cm_capital *capitals;
    size_t n_capitals;
    size_t n_capitals_outside; /* of them, lying outside every province (joined
                                  by their admin1): a warning for the caller */
    long *province_capital; /* per province feature: capital index or -1 */
    cm_country_label *country_labels[2]; /* per cm_lang */
    size_t n_country_labels[2];
    double page_w, page_h; /* points */
    double u;              /* size unit: 1 on the default 768 x 576 pt page */
    double scale, ox, oy;  /* page = (ox + x * scale, oy - y * scale) */
    cm_bbox frame;         /* map frame on the page */
    cm_bbox legend;        /* legend box (includes the scale bar) */
    cm_bbox north;         /* north arrow box */
    double north_angle;    /* radians clockwise from page-up to true north */
    double scale_bar_km;   /* length shown by the scale bar */
    double scale_bar_pt;   /* its length on the page */
    struct cm__map_lines *lines; /* private: the stroked lines, shared edges once */
    struct cm__fonts_ahead *fonts; /* private: its fonts, loaded ahead */
} cm_map;

/* Load the layers and gazetteer, project them, fit them to the page and
 * place labels.  Errors name the file or value at fault.  Free with
 * cm_map_free.  The fonts load on a thread of their own meanwhile, into
 * a Pango font map that becomes the calling thread's default
 * (pango_cairo_font_map_get_default). */
cm_status cm_map_create(const cm_map_options *opts, cm_map **out, cm_error *err);

void cm_map_free(cm_map *map);

/* Page position of a map-CRS point, and of a lon/lat point. */
cm_point cm_map_to_page(const cm_map *map, cm_point xy);
cm_status cm_map_lonlat_to_page(const cm_map *map, double lon, double lat,
                                cm_point *out, cm_error *err);

/* Index of the province whose id_field equals id, or -1. */
long cm_map_province_index(const cm_map *map, const char *id);

/* A page point well inside province `index`, clear of markers and labels,
 * where the province's fill shows; CM_ERR_NOT_FOUND if none. */
cm_status cm_map_province_probe(const cm_map *map, long index, cm_point *out,
                                cm_error *err);

/* Number of capitals and provinces; capital i's state place id. */
size_t cm_map_capital_count(const cm_map *map);

#ifdef __cplusplus
}
#endif
#endif
