#include "conflictmap/timeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    const cm_event *event;
    cm_date effective;
    size_t order;
} entry;

struct cm_timeline {
    entry *entries; /* dated events sorted by place, effective date, order */
    size_t count;
};

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    const int c = strcmp(x->event->place_id, y->event->place_id);
    if (c)
        return c;
    if (x->effective != y->effective)
        return x->effective < y->effective ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

cm_status cm_timeline_create(const cm_events *events, cm_timeline **out,
                             cm_error *err)
{
    *out = NULL;
    cm_timeline *tl = calloc(1, sizeof *tl);
    const size_t n = events->count;
    if (tl)
        tl->entries = malloc((n ? n : 1) * sizeof *tl->entries);
    if (!tl || !tl->entries) {
        cm_timeline_free(tl);
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const cm_event *e = &events->items[i];
        if (e->date == CM_DATE_NONE)
            continue;
        tl->entries[tl->count++] =
            (entry){e, cm_date_effective(e->date, e->precision), i};
    }
    qsort(tl->entries, tl->count, sizeof *tl->entries, cmp_entry);
    *out = tl;
    return CM_OK;
}

void cm_timeline_free(cm_timeline *tl)
{
    if (!tl)
        return;
    free(tl->entries);
    free(tl);
}

/* Index of the first entry whose place is >= place_id. */
static size_t lower_bound(const cm_timeline *tl, const char *place_id)
{
    size_t lo = 0, hi = tl->count;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (strcmp(tl->entries[mid].event->place_id, place_id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

cm_state cm_timeline_state(const cm_timeline *tl, const char *place_id,
                           cm_date date, const cm_event **last)
{
    const cm_event *found = NULL;
    for (size_t i = lower_bound(tl, place_id); i < tl->count; i++) {
        const entry *e = &tl->entries[i];
        if (strcmp(e->event->place_id, place_id) != 0 || e->effective > date)
            break;
        found = e->event;
    }
    if (last)
        *last = found;
    return found ? found->status : CM_STATE_GOVERNMENT;
}

cm_status cm_timeline_span(const cm_timeline *tl, cm_date *first, cm_date *last,
                           cm_error *err)
{
    if (tl->count == 0)
        return cm_error_set(err, CM_ERR_NOT_FOUND, "timeline has no dated events");
    cm_date lo = tl->entries[0].effective, hi = lo;
    for (size_t i = 1; i < tl->count; i++) {
        if (tl->entries[i].effective < lo)
            lo = tl->entries[i].effective;
        if (tl->entries[i].effective > hi)
            hi = tl->entries[i].effective;
    }
    *first = lo;
    *last = hi;
    return CM_OK;
}
