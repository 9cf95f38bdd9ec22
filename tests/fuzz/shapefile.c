/* Fuzz target: loading a polygon shapefile, every file served from memory
 * through shapelib's hooks (src/layer_io.h).  Input: five little-endian
 * 32-bit lengths (.shp, .shx, .dbf, .prj, .cpg; 0xFFFFFFFF for a file that
 * is absent), then the files' bytes, the .shp last so that a cut input
 * keeps its small files (a length past the end of the input is cut short).  fuzz_seeds writes inputs in this form.
 * Promises checked (layer.h): a failure returns no layer and a one-line
 * message naming a file; a loaded layer's features, rings and points index
 * inside their arrays, every ring has at least 3 finite points inside its
 * feature's bbox, and every attribute is a UTF-8 string. */
#include "conflictmap/layer.h"
#include "conflictmap/projection.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <strings.h>

#include "csv.h" /* cm__utf8_valid */
#include "fuzz.h"
#include "layer_io.h"

enum { F_SHP, F_SHX, F_DBF, F_PRJ, F_CPG, F_COUNT };
static const char *const exts[F_COUNT] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

static struct {
    const uint8_t *data;
    size_t len;
    int present;
} files[F_COUNT];

typedef struct mem_file {
    int which;
    size_t pos;
} mem_file;

static SAFile mem_open(const char *name, const char *access)
{
    const size_t n = strlen(name);
    if (strchr(access, 'w') || strchr(access, 'a') || strchr(access, '+') || n < 4)
        return NULL;
    for (int i = 0; i < F_COUNT; i++) {
        if (strcasecmp(name + n - 4, exts[i]) == 0 && files[i].present) {
            mem_file *f = calloc(1, sizeof *f);
            if (f)
                f->which = i;
            return (SAFile)f;
        }
    }
    errno = ENOENT;
    return NULL;
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    mem_file *f = (mem_file *)file;
    const size_t len = files[f->which].len;
    if (size == 0 || f->pos >= len)
        return 0;
    SAOffset items = (SAOffset)(len - f->pos) / size;
    if (items > nmemb)
        items = nmemb;
    memcpy(p, files[f->which].data + f->pos, (size_t)(items * size));
    f->pos += (size_t)(items * size);
    return items;
}

static SAOffset mem_write(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    (void)p, (void)size, (void)nmemb, (void)file;
    return 0;
}

static SAOffset mem_seek(SAFile file, SAOffset offset, int whence)
{
    mem_file *f = (mem_file *)file;
    const long off = (long)offset;
    const long base = whence == SEEK_SET   ? 0
                      : whence == SEEK_CUR ? (long)f->pos
                                           : (long)files[f->which].len;
    if ((off > 0 && base > LONG_MAX - off) || base + off < 0)
        return (SAOffset)-1;
    f->pos = (size_t)(base + off);
    return 0;
}

static SAOffset mem_tell(SAFile file) { return (SAOffset)((mem_file *)file)->pos; }
static int mem_flush(SAFile file) { (void)file; return 0; }
static int mem_close(SAFile file) { free(file); return 0; }
static int mem_remove(const char *name) { (void)name; return -1; }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void check_layer(const cm_layer *L)
{
    for (size_t f = 0; f < L->n_features; f++) {
        const cm_feature *feat = &L->features[f];
        FUZZ_ASSERT(feat->first_ring <= L->n_rings && feat->n_rings <= L->n_rings - feat->first_ring,
                    "feature %zu rings out of range", f);
        for (size_t r = feat->first_ring; r < feat->first_ring + feat->n_rings; r++) {
            const cm_ring *ring = &L->rings[r];
            FUZZ_ASSERT(ring->count >= 3 && ring->first <= L->n_points &&
                            ring->count <= L->n_points - ring->first,
                        "ring %zu out of range", r);
            for (size_t i = ring->first; i < ring->first + ring->count; i++) {
                const cm_point p = L->points[i];
                FUZZ_ASSERT(isfinite(p.x) && isfinite(p.y), "point %zu not finite", i);
                FUZZ_ASSERT(p.x >= feat->bbox.minx && p.x <= feat->bbox.maxx &&
                                p.y >= feat->bbox.miny && p.y <= feat->bbox.maxy,
                            "point %zu outside its feature's bbox", i);
            }
        }
        (void)cm_layer_feature_contains(L, f, feat->bbox.minx, feat->bbox.miny);
    }
    for (size_t i = 0; i < L->n_fields; i++) {
        FUZZ_ASSERT(L->field_names[i] && cm__utf8_valid(L->field_names[i], strlen(L->field_names[i])),
                    "field name %zu", i);
        const int found = cm_layer_field_index(L, L->field_names[i]);
        FUZZ_ASSERT(found >= 0 && (size_t)found <= i, "field '%s' not found", L->field_names[i]);
        for (size_t f = 0; f < L->n_features; f++) {
            const char *v = cm_layer_value(L, f, (int)i);
            FUZZ_ASSERT(v && cm__utf8_valid(v, strlen(v)), "value %zu of feature %zu", i, f);
        }
    }
    (void)cm_layer_find(L, L->bbox.minx, L->bbox.maxy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 * F_COUNT)
        return 0;
    static const int order[F_COUNT] = {F_SHX, F_DBF, F_PRJ, F_CPG, F_SHP};
    size_t pos = 4 * F_COUNT;
    for (int k = 0; k < F_COUNT; k++) {
        const int i = order[k];
        const uint32_t len = le32(data + 4 * i);
        files[i].present = len != 0xFFFFFFFFu;
        files[i].data = data + pos;
        files[i].len = files[i].present ? (len < size - pos ? len : size - pos) : 0;
        pos += files[i].len;
    }
    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.FOpen = mem_open;
    hooks.FRead = mem_read;
    hooks.FWrite = mem_write;
    hooks.FSeek = mem_seek;
    hooks.FTell = mem_tell;
    hooks.FFlush = mem_flush;
    hooks.FClose = mem_close;
    hooks.Remove = mem_remove;
    cm_layer *L = NULL;
    cm_error err;
    cm_error_clear(&err);
    const cm_status st = cm__layer_load_hooks("mem/p.shp", &hooks, NULL, &L, &err);
    if (st != CM_OK) {
        FUZZ_ASSERT(L == NULL, "layer returned with an error");
        FUZZ_ASSERT(strstr(err.message, "mem/p.") != NULL, "message lacks the file: %s",
                    err.message);
        FUZZ_ASSERT(strchr(err.message, '\n') == NULL && strchr(err.message, '\r') == NULL,
                    "multi-line message: %s", err.message);
        return 0;
    }
    check_layer(L);
    if (L->prj && L->n_rings > 0) { /* what cm_map_create does with the .prj */
        cm_bbox geo;
        if (cm_projection_geo_extent(L->prj, &L->bbox, &geo, &err) != CM_OK)
            FUZZ_ASSERT(err.status == CM_ERR_CRS, "status %d: %s", err.status, err.message);
    }
    cm_layer_free(L);
    return 0;
}
