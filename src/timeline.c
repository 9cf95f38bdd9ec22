#include "conflictmap/timeline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct entry {
    const cm_event *event;
    cm_date effective;
    size_t order;
    cm_hold after; /* the place's hold once this entry is applied (history: unused) */
} entry;

/* The entries of one place: [first, end) of the sorted entries. */
typedef struct place_span {
    const char *place_id;
    size_t first, end;
} place_span;

typedef struct start_slot {
    char *place_id;
    int holder;
} start_slot;

struct cm_timeline {
    entry *entries; /* dated events sorted by place, effective date, coarser
                       precision first, then list order */
    size_t count;
    cm_sides sides;
    cm_date start;      /* first day with a known state, or CM_DATE_NONE */
    start_slot *starts; /* starting holders other than the incumbent, by id */
    size_t n_starts;
    place_span *places; /* each place's entries, by id: a lookup is two bisections */
    size_t n_places;
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

static int cmp_start(const void *a, const void *b)
{
    return strcmp(((const start_slot *)a)->place_id, ((const start_slot *)b)->place_id);
}

/* Copy the sides and the starting holders; check every actor. */
static cm_status set_sides(cm_timeline *tl, const cm_events *events,
                           const cm_timeline_options *o, cm_error *err)
{
    cm_status st = o->sides ? cm_sides_copy(&tl->sides, o->sides, err)
                            : cm_sides_default(&tl->sides, err);
    if (st != CM_OK)
        return st;
    for (size_t i = 0; i < events->count; i++) {
        const cm_event *e = &events->items[i];
        if (e->actor && e->actor[0] && cm_sides_find(&tl->sides, e->actor) < 0)
            return cm_error_set(err, CM_ERR_PARSE,
                                "line %ld: actor '%.40s' is none of the %d sides", e->line,
                                e->actor, tl->sides.count);
    }
    if (o->n_start && !(tl->starts = calloc(o->n_start, sizeof *tl->starts)))
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    for (size_t i = 0; i < o->n_start; i++) {
        const int h = cm_sides_find(&tl->sides, o->start_holders[i]);
        if (h < 0)
            return cm_error_set(err, CM_ERR_PARSE,
                                "starting state of '%.40s': '%.40s' is no side",
                                o->start_places[i], o->start_holders[i]);
        if (!(tl->starts[i].place_id = strdup(o->start_places[i])))
            return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
        tl->starts[i].holder = h;
        tl->n_starts = i + 1;
    }
    if (tl->n_starts > 1) /* qsort wants a valid pointer even for none */
        qsort(tl->starts, tl->n_starts, sizeof *tl->starts, cmp_start);
    for (size_t i = 1; i < tl->n_starts; i++)
        if (strcmp(tl->starts[i].place_id, tl->starts[i - 1].place_id) == 0)
            return cm_error_set(err, CM_ERR_PARSE, "starting state names '%.40s' twice",
                                tl->starts[i].place_id);
    return CM_OK;
}

static int start_holder(const cm_timeline *tl, const char *place_id);
static cm_hold apply(const cm_timeline *tl, cm_hold h, const cm_event *e);
static void place_range(const cm_timeline *tl, const char *place_id, size_t *first,
                        size_t *end);
static size_t after_date(const cm_timeline *tl, size_t first, size_t end, cm_date date);

/* An event dated before the start: history the starting state holds. */
static int history(const cm_timeline *tl, const entry *e)
{
    return tl->start == CM_DATE_NONE || e->event->date < tl->start;
}

/* The places' spans over the sorted entries.  0 when out of memory. */
static int index_places(cm_timeline *tl)
{
    tl->places = malloc((tl->count ? tl->count : 1) * sizeof *tl->places);
    if (!tl->places)
        return 0;
    tl->n_places = 0;
    for (size_t i = 0; i < tl->count; i++) {
        const char *id = tl->entries[i].event->place_id;
        place_span *last = tl->n_places ? &tl->places[tl->n_places - 1] : NULL;
        if (last && strcmp(last->place_id, id) == 0)
            last->end = i + 1;
        else
            tl->places[tl->n_places++] = (place_span){id, i, i + 1};
    }
    return 1;
}

/* Each entry's hold once applied, place by place from its starting holder,
 * so that a lookup is a binary search, not a replay. */
static void replay(cm_timeline *tl)
{
    const char *place = NULL;
    cm_hold h = {CM_NO_DATA, CM_STATE_GOVERNMENT, -1};
    for (size_t i = 0; i < tl->count; i++) {
        entry *e = &tl->entries[i];
        if (!place || strcmp(place, e->event->place_id) != 0) {
            place = e->event->place_id;
            h = (cm_hold){start_holder(tl, place), CM_STATE_GOVERNMENT, -1};
        }
        if (!history(tl, e))
            h = apply(tl, h, e->event);
        e->after = h;
    }
}

cm_status cm_timeline_create_with(const cm_events *events, const cm_timeline_options *opts,
                                  cm_timeline **out, cm_error *err)
{
    *out = NULL;
    const cm_timeline_options none = {NULL, CM_DATE_NONE, NULL, NULL, 0};
    const cm_timeline_options *o = opts ? opts : &none;
    cm_timeline *tl = calloc(1, sizeof *tl);
    const size_t n = events->count;
    if (tl)
        tl->entries = malloc((n ? n : 1) * sizeof *tl->entries);
    if (!tl || !tl->entries) {
        cm_timeline_free(tl);
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    }
    const cm_status st = set_sides(tl, events, o, err);
    if (st != CM_OK) {
        cm_timeline_free(tl);
        return st;
    }
    tl->start = o->start;
    for (size_t i = 0; i < n; i++) {
        const cm_event *e = &events->items[i];
        if (e->date == CM_DATE_NONE)
            continue;
        if (o->start == CM_DATE_NONE && (tl->start == CM_DATE_NONE || e->date < tl->start))
            tl->start = e->date;
        tl->entries[tl->count++] =
            (entry){e, cm_date_effective(e->date, e->precision), i,
                    (cm_hold){CM_NO_DATA, CM_STATE_GOVERNMENT, -1}};
    }
    qsort(tl->entries, tl->count, sizeof *tl->entries, cmp_entry);
    if (!index_places(tl)) {
        cm_timeline_free(tl);
        return cm_error_set(err, CM_ERR_NOMEM, "timeline: out of memory");
    }
    replay(tl);
    *out = tl;
    return CM_OK;
}

cm_status cm_timeline_create(const cm_events *events, cm_timeline **out,
                             cm_error *err)
{
    return cm_timeline_create_with(events, NULL, out, err);
}

void cm_timeline_free(cm_timeline *tl)
{
    if (!tl)
        return;
    free(tl->entries);
    free(tl->places);
    for (size_t i = 0; i < tl->n_starts; i++)
        free(tl->starts[i].place_id);
    free(tl->starts);
    cm_sides_free(&tl->sides);
    free(tl);
}

const cm_sides *cm_timeline_sides(const cm_timeline *tl) { return &tl->sides; }

cm_date cm_timeline_start(const cm_timeline *tl) { return tl->start; }

/* The side holding place_id on the start date. */
static int start_holder(const cm_timeline *tl, const char *place_id)
{
    size_t lo = 0, hi = tl->n_starts;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const int c = strcmp(tl->starts[mid].place_id, place_id);
        if (c == 0)
            return tl->starts[mid].holder;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return tl->sides.incumbent;
}

/* The hold after event e. */
static cm_hold apply(const cm_timeline *tl, cm_hold h, const cm_event *e)
{
    int by = cm_sides_actor(&tl->sides, e, h.holder);
    if (by < 0)
        return h;
    if (CM_STATE_IS_TAKING(e->status))
        return (cm_hold){by, CM_STATE_GOVERNMENT, -1};
    if (by == h.holder) /* "an air strike by the government" on its own town: the
                           fight is with whoever does not hold it */
        by = h.holder == tl->sides.challenger ? tl->sides.incumbent : tl->sides.challenger;
    return (cm_hold){h.holder, e->status, by};
}

/* Index of the first entry whose place is >= place_id. */
cm_state cm_timeline_state(const cm_timeline *tl, const char *place_id,
                           cm_date date, const cm_event **last)
{
    size_t first, end;
    place_range(tl, place_id, &first, &end);
    const size_t i = after_date(tl, first, end, date);
    const cm_event *found = i > first ? tl->entries[i - 1].event : NULL;
    if (last)
        *last = found;
    return found ? found->status : CM_STATE_GOVERNMENT;
}

cm_hold cm_timeline_hold(const cm_timeline *tl, const char *place_id, cm_date date,
                         const cm_event **last)
{
    const cm_event *found = NULL;
    cm_hold h = {CM_NO_DATA, CM_STATE_GOVERNMENT, -1};
    if (tl->start != CM_DATE_NONE && date >= tl->start) {
        h.holder = start_holder(tl, place_id);
        /* the last entry of the place taking effect by date, by bisection */
        size_t first, end;
        place_range(tl, place_id, &first, &end);
        const size_t lo = after_date(tl, first, end, date);
        for (size_t i = lo; i > first; i--) /* back over history to the deciding one */
            if (!history(tl, &tl->entries[i - 1])) {
                h = tl->entries[i - 1].after;
                found = tl->entries[i - 1].event;
                break;
            }
    }
    if (last)
        *last = found;
    return h;
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

/* Where the entries of place_id start and end (equal when it has none): a
 * bisection over the places. */
static void place_range(const cm_timeline *tl, const char *place_id, size_t *first,
                        size_t *end)
{
    size_t lo = 0, hi = tl->n_places;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const int c = strcmp(tl->places[mid].place_id, place_id);
        if (c == 0) {
            *first = tl->places[mid].first;
            *end = tl->places[mid].end;
            return;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = *end = 0;
}

/* The first of the entries [first, end) that takes effect after date. */
static size_t after_date(const cm_timeline *tl, size_t first, size_t end, cm_date date)
{
    size_t lo = first, hi = end;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (tl->entries[mid].effective <= date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Called for each day of the range on which a place's hold changes. */
typedef cm_status (*change_fn)(void *ctx, cm_date day, cm_hold before, cm_hold after);

/* Walk the entries [first, end) of place id: return its hold on from - 1
 * through *before and call fn for each day in [from, to] whose end-of-day
 * hold differs from the day before.  Returns fn's first failure. */
static cm_status walk_place(const cm_timeline *tl, const char *id, size_t first, size_t end,
                            cm_date from, cm_date to, cm_hold *before, change_fn fn,
                            void *ctx)
{
    const cm_hold none = {CM_NO_DATA, CM_STATE_GOVERNMENT, -1};
    if (tl->start == CM_DATE_NONE || tl->start > to) {
        *before = none;
        return CM_OK;
    }
    const cm_hold initial = {start_holder(tl, id), CM_STATE_GOVERNMENT, -1};
    size_t i = first;
    while (i < end && tl->entries[i].effective < tl->start)
        i++;
    cm_hold h = tl->start < from ? initial : none;
    if (tl->start < from)
        for (; i < end && tl->entries[i].effective < from; i++)
            if (!history(tl, &tl->entries[i]))
                h = tl->entries[i].after;
    *before = h;
    /* The start day, when in range, then each day with events. */
    if (tl->start >= from) {
        cm_hold after = initial;
        for (; i < end && tl->entries[i].effective == tl->start; i++)
            if (!history(tl, &tl->entries[i]))
                after = tl->entries[i].after;
        const cm_status st = fn(ctx, tl->start, h, after);
        if (st != CM_OK)
            return st;
        h = after;
    }
    while (i < end && tl->entries[i].effective <= to) {
        const cm_date day = tl->entries[i].effective;
        cm_hold after = h;
        for (; i < end && tl->entries[i].effective == day; i++)
            if (!history(tl, &tl->entries[i]))
                after = tl->entries[i].after;
        if (!cm_hold_same(after, h)) {
            const cm_status st = fn(ctx, day, h, after);
            if (st != CM_OK)
                return st;
        }
        h = after;
    }
    return CM_OK;
}

/* Walk the given places, or every place with entries when ids is NULL;
 * begin(ctx, hold) is told each place's hold on from - 1. */
static cm_status walk_places(const cm_timeline *tl, const char *const *ids, size_t n_ids,
                             cm_date from, cm_date to, void (*begin)(void *, cm_hold),
                             change_fn fn, void *ctx)
{
    cm_hold before;
    cm_status st = CM_OK;
    if (ids) {
        for (size_t k = 0; k < n_ids && st == CM_OK; k++) {
            size_t first, end;
            place_range(tl, ids[k], &first, &end);
            st = walk_place(tl, ids[k], first, end, from, to, &before, fn, ctx);
            begin(ctx, before);
        }
        return st;
    }
    for (size_t k = 0; k < tl->n_places && st == CM_OK; k++) {
        const place_span *p = &tl->places[k];
        st = walk_place(tl, p->place_id, p->first, p->end, from, to, &before, fn, ctx);
        begin(ctx, before);
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

static void counts_begin(void *ctx, cm_hold before)
{
    counts_ctx *c = ctx;
    c->days[0].n[cm_hold_category(before)]++;
    c->days[0].total++;
}

/* Record a change as a difference from the day before; summed later. */
static cm_status counts_change(void *ctx, cm_date day, cm_hold before, cm_hold after)
{
    counts_ctx *c = ctx;
    cm_counts *d = &c->days[day - c->from];
    d->n[cm_hold_category(before)]--;
    d->n[cm_hold_category(after)]++;
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
        for (int s = 0; s < CM_CAT_COUNT; s++)
            c.days[k].n[s] += c.days[k - 1].n[s];
        c.days[k].total = c.days[0].total;
    }
    *out = c.days;
    return CM_OK;
}

typedef struct dates_ctx {
    cm_date *days;
    size_t count, cap;
} dates_ctx;

static void dates_begin(void *ctx, cm_hold before)
{
    (void)ctx;
    (void)before;
}

static cm_status dates_change(void *ctx, cm_date day, cm_hold before, cm_hold after)
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
