#include "conflictmap/timeline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct entry {
    const cm_event *event;
    cm_date effective;
    size_t order;
} entry;

struct cm_timeline {
    entry *entries; /* dated events sorted by place, effective date, coarser
                       precision first, then list order */
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
    if (x->event->precision != y->event->precision)
        return x->event->precision > y->event->precision ? -1 : 1;
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

/* Index past the last entry of the place whose entries start at first. */
static size_t place_end(const cm_timeline *tl, size_t first)
{
    size_t i = first;
    while (i < tl->count && strcmp(tl->entries[i].event->place_id,
                                   tl->entries[first].event->place_id) == 0)
        i++;
    return i;
}

/* Where the entries of place_id start and end (equal when it has none). */
static void place_range(const cm_timeline *tl, const char *place_id, size_t *first,
                        size_t *end)
{
    *first = lower_bound(tl, place_id);
    *end = *first;
    if (*first < tl->count && strcmp(tl->entries[*first].event->place_id, place_id) == 0)
        *end = place_end(tl, *first);
}

/* Called for each day of the range on which a place's state changes. */
typedef cm_status (*change_fn)(void *ctx, cm_date day, cm_state before, cm_state after);

/* Walk the entries [first, end) of one place: return its state on from - 1
 * through *before and call fn for each day in [from, to] whose end-of-day
 * state differs from the day before.  Returns fn's first failure. */
static cm_status walk_place(const cm_timeline *tl, size_t first, size_t end, cm_date from,
                            cm_date to, cm_state *before, change_fn fn, void *ctx)
{
    cm_state s = CM_STATE_GOVERNMENT;
    size_t i = first;
    for (; i < end && tl->entries[i].effective < from; i++)
        s = tl->entries[i].event->status;
    *before = s;
    while (i < end && tl->entries[i].effective <= to) {
        const cm_date day = tl->entries[i].effective;
        cm_state after = s;
        for (; i < end && tl->entries[i].effective == day; i++)
            after = tl->entries[i].event->status;
        if (after != s) {
            const cm_status st = fn(ctx, day, s, after);
            if (st != CM_OK)
                return st;
        }
        s = after;
    }
    return CM_OK;
}

/* Walk the given places, or every place with entries when ids is NULL;
 * begin(ctx, state) is told each place's state on from - 1. */
static cm_status walk_places(const cm_timeline *tl, const char *const *ids, size_t n_ids,
                             cm_date from, cm_date to, void (*begin)(void *, cm_state),
                             change_fn fn, void *ctx)
{
    cm_state before;
    cm_status st = CM_OK;
    if (ids) {
        for (size_t k = 0; k < n_ids && st == CM_OK; k++) {
            size_t first, end;
            place_range(tl, ids[k], &first, &end);
            st = walk_place(tl, first, end, from, to, &before, fn, ctx);
            begin(ctx, before);
        }
        return st;
    }
    for (size_t first = 0; first < tl->count && st == CM_OK;) {
        const size_t end = place_end(tl, first);
        st = walk_place(tl, first, end, from, to, &before, fn, ctx);
        begin(ctx, before);
        first = end;
    }
    return st;
}

/* Number of days in [from, to] as a size, or 0 when to < from. */
static size_t range_days(cm_date from, cm_date to)
{
    return to < from ? 0 : (size_t)((int64_t)to - (int64_t)from + 1);
}

typedef struct counts_ctx {
    cm_counts *days;
    cm_date from;
} counts_ctx;

static void counts_begin(void *ctx, cm_state before)
{
    counts_ctx *c = ctx;
    c->days[0].state[before]++;
    c->days[0].total++;
}

/* Record a change as a difference from the day before; summed later. */
static cm_status counts_change(void *ctx, cm_date day, cm_state before, cm_state after)
{
    counts_ctx *c = ctx;
    cm_counts *d = &c->days[day - c->from];
    d->state[before]--;
    d->state[after]++;
    return CM_OK;
}

cm_status cm_timeline_daily_counts(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_counts **out, cm_error *err)
{
    *out = NULL;
    const size_t n = range_days(from, to);
    if (n == 0)
        return cm_error_set(err, CM_ERR_INVALID, "timeline: range ends before it starts");
    if (n > SIZE_MAX / sizeof(cm_counts))
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: %zu days are too many", n);
    counts_ctx c = {calloc(n, sizeof *c.days), from};
    if (!c.days)
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    walk_places(tl, place_ids, n_places, from, to, counts_begin, counts_change, &c);
    for (size_t k = 1; k < n; k++) {
        for (int s = 0; s < CM_STATE_COUNT; s++)
            c.days[k].state[s] += c.days[k - 1].state[s];
        c.days[k].total = c.days[0].total;
    }
    *out = c.days;
    return CM_OK;
}

typedef struct dates_ctx {
    cm_date *days;
    size_t count, cap;
} dates_ctx;

static void dates_begin(void *ctx, cm_state before)
{
    (void)ctx;
    (void)before;
}

static cm_status dates_change(void *ctx, cm_date day, cm_state before, cm_state after)
{
    dates_ctx *c = ctx;
    (void)before;
    (void)after;
    if (!cm__reserve((void **)&c->days, &c->cap, c->count + 1, sizeof *c->days))
        return CM_ERR_NOMEM;
    c->days[c->count++] = day;
    return CM_OK;
}

static int cmp_date(const void *a, const void *b)
{
    const cm_date x = *(const cm_date *)a, y = *(const cm_date *)b;
    return (x > y) - (x < y);
}

cm_status cm_timeline_change_dates(const cm_timeline *tl, const char *const *place_ids,
                                   size_t n_places, cm_date from, cm_date to,
                                   cm_date **out, size_t *n, cm_error *err)
{
    *out = NULL;
    *n = 0;
    if (to < from)
        return cm_error_set(err, CM_ERR_INVALID, "timeline: range ends before it starts");
    dates_ctx c = {0};
    if (walk_places(tl, place_ids, n_places, from, to, dates_begin, dates_change, &c) !=
        CM_OK) {
        free(c.days);
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    }
    if (c.count > 0) /* qsort wants a valid pointer even for none */
        qsort(c.days, c.count, sizeof *c.days, cmp_date);
    size_t k = 0;
    for (size_t i = 0; i < c.count; i++)
        if (k == 0 || c.days[k - 1] != c.days[i])
            c.days[k++] = c.days[i];
    *out = c.days;
    *n = k;
    return CM_OK;
}
