/* Private: the lines a map strokes, built once from a polygon layer.
 *
 * Neighbouring polygons repeat the edges they share.  Stroking every ring
 * draws a shared edge twice; the outline of the whole layer (a national
 * border) is the edges no other ring repeats.  Lines are chains of edges
 * in ring order: a whole ring stays closed, a broken one becomes open
 * chains, which are drawn with round caps so their ends meet like round
 * joins.  Edges match when their end points are the same numbers, which
 * they are in topologically clean data; unmatched edges are simply kept.
 */
#ifndef CM__LINES_H
#define CM__LINES_H

#include "conflictmap/layer.h"

typedef struct cm__chain {
    size_t first, count; /* points of the chain in cm__lines.points */
    int closed;          /* a whole ring */
    cm_bbox bbox;        /* extent in map units */
} cm__chain;

typedef struct cm__lines {
    cm_point *points;
    size_t n_points;
    cm__chain *chains;
    size_t n_chains;
} cm__lines;

typedef enum cm__lines_kind {
    CM__LINES_EACH_ONCE, /* every edge, a shared one once */
    CM__LINES_OUTLINE    /* only the edges no other ring shares */
} cm__lines_kind;

/* What a map draws of its layers (cm_map.lines): their rings simplified
 * to the page's pixels (simplify.h) and the lines built from those. */
typedef struct cm__map_lines {
    cm_layer province_rings;  /* cm_map.provinces, simplified */
    cm_layer neighbour_rings; /* cm_map.neighbours, simplified (no rings without) */
    cm__lines border;         /* the provinces' outline, drawn heavy */
    cm__lines provinces;      /* every province edge once */
    cm__lines neighbours;     /* every neighbour edge once */
} cm__map_lines;

/* Build the lines of layer L; CM_ERR_NOMEM when out of memory.  The
 * caller frees them with cm__lines_free. */
cm_status cm__lines_build(const cm_layer *L, cm__lines_kind kind, cm__lines *out,
                          cm_error *err);

void cm__lines_free(cm__lines *lines);

#endif
