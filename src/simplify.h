/* Private: a polygon layer's rings simplified for drawing at one scale.
 *
 * A map of 1600 x 1200 pixels draws boundary data made for larger scales:
 * most of its vertices lie within a fraction of a pixel of their
 * neighbours' chord and only cost time to fill, stroke and write.  The
 * rings are cut at their nodes (points where three or more distinct edges
 * meet) into arcs and each arc is simplified by Douglas-Peucker.  A kept
 * vertex is marked by its value, so a border two rings share keeps the
 * same vertices in both: fills still meet without gaps or overlaps, and
 * the lines built from the simplified rings still find their shared
 * edges.  Both rings run Douglas-Peucker over the shared arc in one
 * canonical direction and from one start, so they keep the same vertices
 * even where distances tie, and every dropped vertex lies within the
 * tolerance of its ring's new outline.  Nodes are always kept; a ring
 * that would keep fewer than three vertices keeps all of its own.
 */
#ifndef CM__SIMPLIFY_H
#define CM__SIMPLIFY_H

#include "conflictmap/layer.h"

/* out = L with its rings' points simplified to `tolerance` (map units).
 * out shares L's features, fields and path and owns only its points and
 * rings (free with cm__simplified_free); its rings are L's, in order, so
 * L's features index them.  CM_ERR_NOMEM when out of memory. */
cm_status cm__simplify(const cm_layer *L, double tolerance, cm_layer *out, cm_error *err);

/* Free what cm__simplify allocated in `out` (not the struct itself). */
void cm__simplified_free(cm_layer *out);

#endif
