/* conflictmap: a dataset, the files that make one country's maps.
 *
 * A dataset file is UTF-8 text of `key = value` lines ('#' starts a
 * comment).  Keys: title_en, title_fr (the country's name in titles),
 * provinces, neighbours, gazetteer, events, lexicon (paths, relative to the dataset
 * file's directory), id_field (the province field that gazetteer admin1
 * values name).  Another country is another dataset file; nothing in the
 * code knows which country it draws.
 */
#ifndef CONFLICTMAP_DATASET_H
#define CONFLICTMAP_DATASET_H

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_dataset {
    char *path;
    char *title_en, *title_fr;
    char *provinces, *neighbours, *gazetteer, *events; /* resolved paths or NULL */
    char *lexicon; /* the extractor's trigger lexicon, resolved, or NULL */
    char *id_field;
} cm_dataset;

/* Read a dataset file; errors name the file and line.  provinces and
 * gazetteer are required.  The caller frees *out with cm_dataset_free. */
cm_status cm_dataset_load(const char *path, cm_dataset **out, cm_error *err);

void cm_dataset_free(cm_dataset *ds);

#ifdef __cplusplus
}
#endif
#endif
