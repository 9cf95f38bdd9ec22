/* Private: the gazetteer's insides, shared by its loader (gazetteer.c)
 * and its importers (gazetteer_import.c). */
#ifndef CM__GAZETTEER_INTERNAL_H
#define CM__GAZETTEER_INTERNAL_H

#include "conflictmap/gazetteer.h"

typedef struct name_key {
    char *key;           /* normalised, see normalize.h */
    const char *spelling; /* points into a place's strings */
    size_t place;         /* index into places */
} name_key;

struct cm_gazetteer {
    cm_place *places;
    size_t n, cap;
    name_key *keys; /* every spelling, sorted by key */
    size_t n_keys, cap_keys;
    const cm_place **by_id; /* places sorted by id */
};

/* Rebuild the id and name indexes after places were added or changed;
 * fails on a duplicate id, naming path. */
cm_status cm__gazetteer_reindex(cm_gazetteer *gz, const char *path, cm_error *err);

/* Number of spellings whose key is key; *first is the first in gz->keys. */
long cm__gazetteer_find_key(const cm_gazetteer *gz, const char *key, size_t *first);

/* Free the strings of a place. */
void cm__place_free(cm_place *p);

#endif
