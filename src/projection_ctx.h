/* Private: projections that share one PROJ context, so that making
 * several of them opens PROJ's database and parses its definitions once.
 * A context is not thread-safe: use the projections of one context from
 * one thread at a time. */
#ifndef CM__PROJECTION_CTX_H
#define CM__PROJECTION_CTX_H

#include "conflictmap/projection.h"

typedef struct cm__proj_ctx cm__proj_ctx;

/* *out = a new context (one reference).  CM_ERR_IO when the PROJ library
 * cannot be loaded, CM_ERR_NOMEM. */
cm_status cm__proj_ctx_new(cm__proj_ctx **out, cm_error *err);

/* Make every projection of c through PROJ's database, never directly
 * from a PROJ string (the direct path applies to plain WGS 84 lon/lat
 * sources and WGS 84 PROJ-string targets; tests compare the two). */
void cm__proj_ctx_no_direct(cm__proj_ctx *c);

/* 1 if p was made directly from PROJ strings, without the database. */
int cm__projection_is_direct(const cm_projection *p);

/* Drop a reference; the context goes with the last one.  NULL is ignored. */
void cm__proj_ctx_release(cm__proj_ctx *c);

/* cm_projection_create and cm_projection_geo_extent in context c; a
 * projection keeps a reference to c. */
cm_status cm__projection_create_in(cm__proj_ctx *c, const char *src, const char *dst,
                                   const cm_bbox *geo_extent, cm_projection **out,
                                   cm_error *err);
cm_status cm__projection_geo_extent_in(cm__proj_ctx *c, const char *src, const cm_bbox *bbox,
                                       cm_bbox *out, cm_error *err);

/* The same transformation as p in a context of its own that holds no
 * database open (rebuilt from p's PROJ pipeline string, checked to give
 * the same points); NULL when p cannot be written as one, or was made
 * without the database (keep p then).  The caller frees the copy. */
cm_projection *cm__projection_detach(const cm_projection *p);

#endif
