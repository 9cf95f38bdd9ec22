#include "conflictmap/gazetteer.h"

#include <stdlib.h>
#include <string.h>

cm_status cm_gazetteer_resolve_events(const cm_gazetteer *gz, cm_events *events, size_t first,
                                      const char *path, size_t *resolved, cm_error *err)
{
    if (resolved)
        *resolved = 0;
    for (size_t i = first; i < events->count; i++) {
        cm_event *e = &events->items[i];
        if (cm_gazetteer_find_id(gz, e->place_id))
            continue;
        /* "Herat", "mazar-e-sharif": a spelling of exactly one place. */
        /* Capitals rank first: "Herat" is the city, not its province. */
        cm_candidate c[3];
        size_t n = 0;
        cm_error lerr;
        const cm_place *hit = NULL;
        if (cm_gazetteer_lookup(gz, e->place_id, c, 3, &n, &lerr) == CM_OK && n >= 1 &&
            c[0].score >= 1) {
            const int capital = cm_place_is_capital(c[0].place);
            const int second = n > 1 && c[1].score >= 1 &&
                               (!capital || cm_place_is_capital(c[1].place));
            if (!second)
                hit = c[0].place;
        }
        if (hit) {
            char *id = strdup(hit->id);
            if (!id)
                return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
            free(e->place_id);
            e->place_id = id;
            if (resolved)
                (*resolved)++;
            continue;
        }
        n = 0;
        if (cm_gazetteer_suggest(gz, e->place_id, c, 1, &n, &lerr) == CM_OK && n == 1)
            return cm_error_set(err, CM_ERR_NOT_FOUND,
                                "%s:%ld: place '%.60s' is not in the gazetteer (did you mean "
                                "'%s'?)", path, e->line, e->place_id, c[0].place->id);
        return cm_error_set(err, CM_ERR_NOT_FOUND, "%s:%ld: place '%.60s' is not in the gazetteer",
                            path, e->line, e->place_id);
    }
    return CM_OK;
}
