/* Private: PROJ's C functions, from libproj loaded at run time.
 *
 * Linked, libproj would be loaded at every start of the program with the
 * forty libraries it needs (network, TLS, TIFF, SQLite): most of the
 * tool's start-up, also for the commands that never project.  Loaded with
 * dlopen instead, it costs nothing to them, and cm__proj_api_preload
 * loads it on a thread of its own while a map's data are read.
 * projection.c calls PROJ's functions by their names, which the macros at
 * the end of this header turn into the loaded pointers. */
#ifndef CM__PROJ_API_H
#define CM__PROJ_API_H

#include <proj.h>

#include "conflictmap/error.h"

#define CM__PROJ_FUNCTIONS(X)                                                                \
    X(proj_as_proj_string)                                                                   \
    X(proj_context_create)                                                                   \
    X(proj_context_destroy)                                                                  \
    X(proj_context_errno)                                                                    \
    X(proj_context_errno_string)                                                             \
    X(proj_context_set_search_paths)                                                         \
    X(proj_create)                                                                           \
    X(proj_create_crs_to_crs_from_pj)                                                        \
    X(proj_destroy)                                                                          \
    X(proj_get_type)                                                                         \
    X(proj_is_crs)                                                                           \
    X(proj_log_func)                                                                         \
    X(proj_normalize_for_visualization)                                                      \
    X(proj_trans_bounds)                                                                     \
    X(proj_trans_generic)

#define CM__PROJ_POINTER(f) extern __typeof__(f) *cm__##f;
CM__PROJ_FUNCTIONS(CM__PROJ_POINTER)
#undef CM__PROJ_POINTER

/* Load libproj and its functions, once: later calls (from any thread)
 * wait for the first and give its result.  CM_ERR_IO with the loader's
 * message (naming the library) when it cannot be loaded. */
cm_status cm__proj_api_load(cm_error *err);

/* Start cm__proj_api_load on a thread of its own unless it has started;
 * when no thread can be made, the first projection loads it. */
void cm__proj_api_preload(void);

#ifndef CM__PROJ_API_SELF
#define proj_as_proj_string cm__proj_as_proj_string
#define proj_context_create cm__proj_context_create
#define proj_context_destroy cm__proj_context_destroy
#define proj_context_errno cm__proj_context_errno
#define proj_context_errno_string cm__proj_context_errno_string
#define proj_context_set_search_paths cm__proj_context_set_search_paths
#define proj_create cm__proj_create
#define proj_create_crs_to_crs_from_pj cm__proj_create_crs_to_crs_from_pj
#define proj_destroy cm__proj_destroy
#define proj_get_type cm__proj_get_type
#define proj_is_crs cm__proj_is_crs
#define proj_log_func cm__proj_log_func
#define proj_normalize_for_visualization cm__proj_normalize_for_visualization
#define proj_trans_bounds cm__proj_trans_bounds
#define proj_trans_generic cm__proj_trans_generic
#endif

#endif
