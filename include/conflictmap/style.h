/* conflictmap: the map's palette, symbols and words.
 *
 * The state palette is colour-blind safe by construction: the five fills
 * differ in lightness as well as hue (government lightest, fallen darkest),
 * and every capital marker also differs in shape, so no state relies on
 * hue alone.  Words on the map come from one table per language.
 */
#ifndef CONFLICTMAP_STYLE_H
#define CONFLICTMAP_STYLE_H

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_rgb { double r, g, b; } cm_rgb;

typedef enum cm_marker_shape {
    CM_MARKER_CIRCLE,
    CM_MARKER_TRIANGLE,
    CM_MARKER_DIAMOND,
    CM_MARKER_SQUARE,
    CM_MARKER_DOT_CIRCLE
} cm_marker_shape;

typedef struct cm_state_style {
    cm_rgb fill;   /* province fill */
    cm_rgb marker; /* marker fill */
    cm_marker_shape shape;
    unsigned hex;  /* fill as 0xRRGGBB, for tests and HTML */
} cm_state_style;

const cm_state_style *cm_style_state(cm_state state);

/* Words on the map that are not the dataset's. */
typedef enum cm_word {
    CM_WORD_SUBTITLE,     /* default subtitle */
    CM_WORD_LEGEND_TITLE, /* default unit: "Regional capitals" */
    CM_WORD_HOLDS,        /* printf format: side name, count, total */
    CM_WORD_PROJECTION,   /* printf format: projection name */
    CM_WORD_CREDIT,       /* "Made with conflictmap" */
    CM_WORD_ATTACKED,
    CM_WORD_CONTESTED,
    CM_WORD_NO_DATA,
    CM_WORD_NORTH,
    CM_WORD_NATIONAL_CAPITAL,
    CM_WORD_COUNT
} cm_word;

const char *cm_style_word(cm_word word, cm_lang lang);

/* A map's look beyond its sides' colours: the font family, the text sizes
 * in points on the default 768 x 576 pt page (scaled with the page), and
 * the colours of the water and of the neighbouring countries.  A style
 * file is `key = value` lines (a line starting with '#' is a comment):
 *   font_family   a fontconfig family ("DejaVu Serif")
 *   title_size, subtitle_size, label_size, legend_size, country_size,
 *   attribution_size   points, 3 to 60
 *   water, neighbours  #RRGGBB */
typedef struct cm_map_style {
    char font_family[64];
    double title_size, subtitle_size, label_size, legend_size, country_size,
        attribution_size;
    unsigned water, neighbours; /* 0xRRGGBB */
} cm_map_style;

/* The look of the maps so far. */
void cm_map_style_default(cm_map_style *style);

/* Read a style file over the defaults; errors name the file and line. */
cm_status cm_map_style_load(const char *path, cm_map_style *style, cm_error *err);
/* Label of an event status ("Fallen" / "Tombée", "Taken" / "Prise"). */
const char *cm_style_state_label(cm_state state, cm_lang lang);

#ifdef __cplusplus
}
#endif
#endif
