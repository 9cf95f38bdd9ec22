/* Fuzz target: the renderer fed shapes with any coordinates (NaN,
 * infinities, 1e300, degenerate rings).  The bundled map is made once at
 * 96 x 72 pixels; each input replaces the geometry of its provinces (or
 * neighbours) with a layer built in memory, optionally projected from
 * lon/lat through the map's projection first, and draws the map into an
 * image.  Promise checked: projection and drawing fail cleanly (a status
 * and a message) or draw; never a crash or a hang.
 * Input: a flags byte (1: the points are lon/lat to project; 2: French;
 * 4: replace the neighbours, not the provinces; 8: probe each province),
 * a day byte (days after 2021-06-01), then records of a feature byte, a
 * point count byte (1 + count % 64 points) and that many pairs of
 * little-endian IEEE doubles (x, y).  fuzz_seeds writes inputs in this
 * form. */
#include "conflictmap/dataset.h"
#include "conflictmap/date.h"
#include "conflictmap/events.h"
#include "conflictmap/map.h"
#include "conflictmap/output.h"
#include "conflictmap/projection.h"
#include "conflictmap/timeline.h"

#include "fuzz.h"

enum { F_PROJECT = 1, F_FRENCH = 2, F_NEIGHBOURS = 4, F_PROBE = 8 };

static cm_map *map;
static cm_events events;
static cm_timeline *tl;
static cm_date day0;

static void free_all(void)
{
    cm_timeline_free(tl);
    cm_events_free(&events);
    cm_map_free(map);
    cm_output_release_caches();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    cm_dataset *ds = NULL;
    cm_error err;
    cm_map_options o;
    cm_timeline_options t;
    cm_status st = cm_dataset_load(CM_FUZZ_SOURCE_DIR "/data/default.dataset", &ds, &err);
    if (st == CM_OK) {
        cm_dataset_map_options(ds, &o);
        cm_dataset_timeline_options(ds, &t);
        o.width = 96;
        o.height = 72;
        o.dpi = 18;
        st = cm_map_create(&o, &map, &err);
    }
    if (st == CM_OK)
        st = cm_events_read_csv(ds->events, &events, &err);
    if (st == CM_OK)
        st = cm_timeline_create_with(&events, &t, &tl, &err);
    if (st == CM_OK)
        st = cm_date_parse("2021-06-01", &day0, NULL, &err);
    cm_dataset_free(ds);
    cairo_surface_t *warm = NULL; /* load the fonts once, outside any input */
    if (st == CM_OK && (st = cm_output_image(map, tl, day0, CM_LANG_EN, &warm, &err)) == CM_OK)
        cairo_surface_destroy(warm);
    if (st != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    atexit(free_all);
    return 0;
}

static double le_double(const uint8_t *p)
{
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--)
        u = u << 8 | p[i];
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* A layer of n_features features whose rings come from the records. */
static cm_layer *decode(const uint8_t *data, size_t size, size_t n_features)
{
    cm_layer *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->path = strdup("fuzz.shp");
    L->features = calloc(n_features, sizeof *L->features);
    L->rings = calloc(size / 18 + 1, sizeof *L->rings);
    L->points = calloc(size / 16 + 1, sizeof *L->points);
    if (!L->path || !L->features || !L->rings || !L->points) {
        cm_layer_free(L);
        return NULL;
    }
    L->n_features = n_features;
    /* Records sorted by feature so each feature's rings are contiguous. */
    for (size_t f = 0; f < n_features; f++) {
        L->features[f].first_ring = L->n_rings;
        for (size_t pos = 0; pos + 2 <= size;) {
            const size_t feat = data[pos] % n_features, count = 1 + data[pos + 1] % 64;
            pos += 2;
            if (pos + 16 * count > size)
                break;
            if (feat == f) {
                L->rings[L->n_rings++] = (cm_ring){L->n_points, count};
                for (size_t i = 0; i < count; i++, pos += 16)
                    L->points[L->n_points++] =
                        (cm_point){le_double(data + pos), le_double(data + pos + 8)};
                L->features[f].n_rings++;
            } else {
                pos += 16 * count;
            }
        }
    }
    cm_layer_update_bbox(L);
    return L;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int flags = data[0];
    cm_layer **slot = flags & F_NEIGHBOURS ? &map->neighbours : &map->provinces;
    cm_layer *L = decode(data + 2, size - 2, (*slot)->n_features);
    if (!L)
        return 0;
    cm_error err;
    cm_error_clear(&err);
    cm_status st = CM_OK;
    if (flags & F_PROJECT) {
        st = cm_projection_apply(map->projection, L, &err);
        FUZZ_ASSERT(st == CM_OK || (st == CM_ERR_CRS && strstr(err.message, "fuzz.shp")),
                    "projection: status %d: %s", st, err.message);
    }
    if (st == CM_OK) {
        cm_layer *const saved = *slot;
        *slot = L;
        cairo_surface_t *img = NULL;
        st = cm_output_image(map, tl, day0 + data[1], flags & F_FRENCH ? CM_LANG_FR : CM_LANG_EN,
                             &img, &err);
        FUZZ_ASSERT(st == CM_OK || (st == CM_ERR_RENDER && err.message[0]),
                    "render: status %d: %s", st, err.message);
        if (img)
            cairo_surface_destroy(img);
        if (flags & F_PROBE && slot == &map->provinces)
            for (size_t f = 0; f < L->n_features; f++) {
                cm_point p;
                (void)cm_map_province_probe(map, (long)f, &p, &err);
            }
        *slot = saved;
    }
    cm_layer_free(L);
    return 0;
}
