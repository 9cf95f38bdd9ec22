/* Private: loading a layer through caller-provided shapelib file hooks
 * (SAHooks, shapefil.h), so that tests and fuzzers can serve the .shp,
 * .shx, .dbf, .prj and .cpg from memory.  Not part of the public API. */
#ifndef CM__LAYER_IO_H
#define CM__LAYER_IO_H

#include <shapefil.h>

#include "conflictmap/layer.h"

/* cm_layer_load with every file opened and read through hooks (FOpen,
 * FRead, FSeek, FTell, FClose; the Error hook is replaced by the loader's
 * own).  Same errors and ownership as cm_layer_load_fields. */
cm_status cm__layer_load_hooks(const char *path, const SAHooks *hooks,
                               const char *const *fields, cm_layer **out, cm_error *err);

#endif
