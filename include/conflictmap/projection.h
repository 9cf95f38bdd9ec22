/* conflictmap: map projections through PROJ.
 *
 * A cm_projection transforms coordinates from a source CRS (the data's:
 * WKT from a .prj, "EPSG:4326", a PROJ string) to a target CRS for the map,
 * always in x = easting/longitude, y = northing/latitude order.  The target
 * is an EPSG code or PROJ string, or when none is given a Lambert conformal
 * conic fitted to the data's extent (never plain longitude/latitude).
 */
#ifndef CONFLICTMAP_PROJECTION_H
#define CONFLICTMAP_PROJECTION_H

#include <stddef.h>

#include "conflictmap/error.h"
#include "conflictmap/layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_projection cm_projection;

/* Create a transformation from src (NULL: EPSG:4326) to dst.  When dst is
 * NULL, geo_extent (lon/lat degrees) chooses the automatic conic, which
 * cm_projection_target() then describes.  CM_ERR_CRS names a CRS that PROJ
 * does not know.  The caller frees *out. */
cm_status cm_projection_create(const char *src, const char *dst,
                               const cm_bbox *geo_extent, cm_projection **out,
                               cm_error *err);

void cm_projection_free(cm_projection *proj);

/* The target CRS as given, or the PROJ string of the automatic conic. */
const char *cm_projection_target(const cm_projection *proj);

/* Transform n points in place.  CM_ERR_CRS if any lands on a non-finite
 * value (outside the projection's domain). */
cm_status cm_projection_forward(const cm_projection *proj, cm_point *pts, size_t n,
                                cm_error *err);
cm_status cm_projection_inverse(const cm_projection *proj, cm_point *pts, size_t n,
                                cm_error *err);

/* Project every vertex of layer in place and recompute its bounding boxes;
 * errors name the layer's file. */
cm_status cm_projection_apply(const cm_projection *proj, cm_layer *layer,
                              cm_error *err);

/* The bounding box in lon/lat degrees of bbox given in CRS src (NULL or a
 * geographic CRS returns it unchanged). */
cm_status cm_projection_geo_extent(const char *src, const cm_bbox *bbox,
                                   cm_bbox *out, cm_error *err);

/* Start loading the PROJ library on a thread of its own, so that the first
 * projection made does not wait for it (the program starts faster without
 * it: it is loaded when needed).  Optional, and only once however often it
 * is called. */
void cm_projection_preload(void);

/* Write the automatic conic for a lon/lat extent into buf: standard
 * parallels at 1/6 and 5/6 of the latitude range, centred on the extent. */
void cm_projection_auto_conic(const cm_bbox *geo_extent, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
