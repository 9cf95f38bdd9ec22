/* conflictmap: polygon layers read from ESRI shapefiles with shapelib.
 *
 * Everything shapelib returns is validated before use: shape type, part
 * indexes, vertex counts, finite coordinates, and one .dbf record per shape.
 * Attributes are kept as UTF-8 strings (the .cpg names the encoding; a .dbf
 * without one that is not valid UTF-8 is read as Latin-1).
 * The structures are read-only to callers; cm_layer_free releases them.
 */
#ifndef CONFLICTMAP_LAYER_H
#define CONFLICTMAP_LAYER_H

#include <stddef.h>

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_point { double x, y; } cm_point;
typedef struct cm_bbox { double minx, miny, maxx, maxy; } cm_bbox;

/* A closed ring: points[first .. first + count). */
typedef struct cm_ring { size_t first, count; } cm_ring;

/* A feature: rings[first_ring .. first_ring + n_rings); outer rings and
 * holes alike (draw with the even-odd rule).  n_rings is 0 for an empty
 * shape, whose bbox is then all zero. */
typedef struct cm_feature {
    size_t first_ring, n_rings;
    cm_bbox bbox;
} cm_feature;

typedef struct cm_layer {
    char *path; /* the .shp path as given */
    cm_point *points;
    size_t n_points;
    cm_ring *rings;
    size_t n_rings;
    cm_feature *features;
    size_t n_features;
    char **field_names;
    size_t n_fields;
    char **values; /* n_features * n_fields attribute strings; NULL for a field
                      not read (cm_layer_load_fields): read them with cm_layer_value */
    char *prj;     /* content of the .prj (WKT), or NULL when absent */
    cm_bbox bbox;  /* of all non-empty features */
} cm_layer;

/* Read a polygon shapefile (path to the .shp; the .shx and .dbf beside it
 * are required, the .prj and .cpg optional).  Errors name the file and the
 * record at fault.  The caller frees *out with cm_layer_free. */
cm_status cm_layer_load(const char *path, cm_layer **out, cm_error *err);

/* cm_layer_load reading the values of the named fields only
 * (NULL-terminated, matched case-insensitively; NULL reads all): every
 * field keeps its name, the others' values are "" and cost nothing, so a
 * .dbf of any number of fields loads in the memory of the fields used. */
cm_status cm_layer_load_fields(const char *path, const char *const *fields, cm_layer **out,
                               cm_error *err);
void cm_layer_free(cm_layer *layer);

/* Index of the attribute field called name (case-insensitive), or -1. */
int cm_layer_field_index(const cm_layer *layer, const char *name);

/* Attribute of a feature, "" when field is -1.  The layer owns it. */
const char *cm_layer_value(const cm_layer *layer, size_t feature, int field);

/* 1 if (x, y) lies inside the feature (even-odd rule), else 0. */
int cm_layer_feature_contains(const cm_layer *layer, size_t feature, double x,
                              double y);

/* Index of the first feature containing (x, y), or -1. */
long cm_layer_find(const cm_layer *layer, double x, double y);

/* Recompute every feature's bbox and the layer's (after reprojection). */
void cm_layer_update_bbox(cm_layer *layer);

#ifdef __cplusplus
}
#endif
#endif
