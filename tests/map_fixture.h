/* Tests: a map and timeline built from a dataset file, as the tool does. */
#ifndef CM_TEST_MAP_FIXTURE_H
#define CM_TEST_MAP_FIXTURE_H

#include "conflictmap/dataset.h"
#include "conflictmap/map.h"
#include "conflictmap/timeline.h"

typedef struct map_fixture {
    cm_dataset *dataset;
    cm_events events;
    cm_timeline *timeline;
    cm_map *map;
} map_fixture;

/* Load dataset, its events (or events_path when not NULL) and build the
 * map at the default size; the message is in err on failure. */
static inline cm_status map_fixture_load(map_fixture *fx, const char *dataset,
                                         const char *events_path, cm_error *err)
{
    cm_map_options o;
    cm_status st = cm_dataset_load(dataset, &fx->dataset, err);
    if (st != CM_OK)
        return st;
    cm_timeline_options t;
    cm_dataset_map_options(fx->dataset, &o);
    cm_dataset_timeline_options(fx->dataset, &t);
    if ((st = cm_events_read_csv(events_path ? events_path : fx->dataset->events, &fx->events,
                                 err)) == CM_OK &&
        (st = cm_timeline_create_with(&fx->events, &t, &fx->timeline, err)) == CM_OK)
        st = cm_map_create(&o, &fx->map, err);
    return st;
}

static inline void map_fixture_free(map_fixture *fx)
{
    cm_map_free(fx->map);
    cm_timeline_free(fx->timeline);
    cm_events_free(&fx->events);
    cm_dataset_free(fx->dataset);
}

#endif
