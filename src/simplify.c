#include "simplify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

/* Flags of a distinct point. */
enum { NODE = 1, KEPT = 2 };

/* The layer's distinct points: the id of each of L->points, and the flags
 * of each id. */
typedef struct points_table {
    uint32_t *id;
    unsigned char *flags;
} points_table;

static void *alloc_array(size_t n, size_t size)
{
    return n > SIZE_MAX / size ? NULL : malloc((n ? n : 1) * size);
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* A hash of the point's value (0 and -0 alike, as they compare equal). */
static uint64_t point_hash(cm_point p)
{
    uint64_t x, y;
    const double px = p.x == 0 ? 0 : p.x, py = p.y == 0 ? 0 : p.y;
    memcpy(&x, &px, sizeof x);
    memcpy(&y, &py, sizeof y);
    return mix(x ^ mix(y));
}

/* Slots of an open-addressed table for n keys: a power of two >= 2n. */
static size_t table_size(size_t n)
{
    size_t size = 16;
    while (size < 2 * n && size <= SIZE_MAX / 4)
        size *= 2;
    return size;
}

/* t->id: equal points get equal ids, from 0 up.  0 when out of memory. */
static int number_points(const cm_layer *L, points_table *t, size_t *n_ids)
{
    const size_t size = table_size(L->n_points), mask = size - 1;
    uint32_t *slots = alloc_array(size, sizeof *slots); /* first occurrence + 1, or 0 */
    if (!slots)
        return 0;
    memset(slots, 0, size * sizeof *slots);
    uint32_t next = 0;
    for (size_t i = 0; i < L->n_points; i++) {
        size_t h = (size_t)point_hash(L->points[i]) & mask;
        while (slots[h] && cm__point_cmp(L->points[slots[h] - 1], L->points[i]) != 0)
            h = (h + 1) & mask;
        if (slots[h]) {
            t->id[i] = t->id[slots[h] - 1];
        } else {
            slots[h] = (uint32_t)i + 1;
            t->id[i] = next++;
        }
    }
    free(slots);
    *n_ids = next;
    return 1;
}

/* t->flags: a point is a node unless exactly two distinct edges of the
 * layer meet there.  0 when out of memory. */
static int find_nodes(const cm_layer *L, points_table *t)
{
    if (L->n_points >= UINT32_MAX)
        return 0;
    size_t n_ids = 0;
    t->id = alloc_array(L->n_points, sizeof *t->id);
    if (!t->id || !number_points(L, t, &n_ids) || !(t->flags = calloc(n_ids ? n_ids : 1, 1)))
        return 0;
    const size_t size = table_size(L->n_points), mask = size - 1;
    uint64_t *edges = alloc_array(size, sizeof *edges); /* UINT64_MAX: empty */
    if (!edges)
        return 0;
    memset(edges, 0xff, size * sizeof *edges);
    unsigned char *degree = t->flags; /* counts up to 3, then become flags */
    for (size_t r = 0; r < L->n_rings; r++) {
        const uint32_t *id = t->id + L->rings[r].first;
        const size_t m = cm__ring_vertices(L->points + L->rings[r].first, L->rings[r].count);
        for (size_t j = 0; m > 1 && j < m; j++) {
            const uint32_t a = id[j], b = id[(j + 1) % m];
            if (a == b)
                continue;
            const uint64_t key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
            size_t h = (size_t)mix(key) & mask;
            while (edges[h] != UINT64_MAX && edges[h] != key)
                h = (h + 1) & mask;
            if (edges[h] == key)
                continue;
            edges[h] = key;
            degree[a] += degree[a] < 3;
            degree[b] += degree[b] < 3;
        }
    }
    free(edges);
    for (size_t i = 0; i < n_ids; i++)
        t->flags[i] = degree[i] == 2 ? 0 : NODE;
    return 1;
}

/* Squared distance from p to the segment ab. */
static double seg_dist2(cm_point p, cm_point a, cm_point b)
{
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

/* Douglas-Peucker over the arc of points P[q[0]], ..., P[q[n - 1]], both
 * ends kept: marks the points it keeps.  stack has room for n pairs. */
static void douglas_peucker(const points_table *t, const cm_point *P, const size_t *q, size_t n,
                            double tol2, size_t (*stack)[2])
{
    t->flags[t->id[q[0]]] |= KEPT;
    t->flags[t->id[q[n - 1]]] |= KEPT;
    size_t top = 0;
    stack[top][0] = 0;
    stack[top++][1] = n - 1;
    while (top > 0) {
        const size_t i = stack[top - 1][0], j = stack[top - 1][1];
        top--;
        double worst = -1;
        size_t at = i;
        for (size_t k = i + 1; k < j; k++) {
            const double d = seg_dist2(P[q[k]], P[q[i]], P[q[j]]);
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        if (worst <= tol2)
            continue;
        t->flags[t->id[q[at]]] |= KEPT;
        stack[top][0] = i;
        stack[top++][1] = at;
        stack[top][0] = at;
        stack[top++][1] = j;
    }
}

/* Put the arc q[0..n-1] (indexes of P) in its canonical direction, the
 * same whichever of the two rings sharing it gave it: from the lesser end,
 * or when both ends are one point, towards the lesser second point.  (The
 * marks by value would keep a shared border whole anyway; one direction
 * makes both rings keep the same vertices, so that the union of what they
 * kept does not break the tolerance where distances tie.) */
static void canonical_direction(const cm_point *P, size_t *q, size_t n)
{
    int c = cm__point_cmp(P[q[0]], P[q[n - 1]]);
    if (c == 0 && n > 2)
        c = cm__point_cmp(P[q[1]], P[q[n - 2]]);
    for (size_t i = 0; c > 0 && i < n / 2; i++) {
        const size_t s = q[i];
        q[i] = q[n - 1 - i];
        q[n - 1 - i] = s;
    }
}

/* Simplify ring r of L (m distinct vertices) arc by arc; q has room for
 * m + 1 indexes and stack for m + 1 pairs. */
static void simplify_ring(const points_table *t, const cm_layer *L, size_t r, size_t m,
                          double tol2, size_t *q, size_t (*stack)[2])
{
    const size_t base = L->rings[r].first;
    const cm_point *P = L->points;
    size_t start = m;
    for (size_t j = 0; j < m && start == m; j++)
        if (t->flags[t->id[base + j]] & NODE)
            start = j;
    if (start == m) {
        /* No node: one closed arc, from its least point. */
        size_t least = 0;
        for (size_t j = 1; j < m; j++)
            if (cm__point_cmp(P[base + j], P[base + least]) < 0)
                least = j;
        for (size_t k = 0; k <= m; k++)
            q[k] = base + (least + k) % m;
        canonical_direction(P, q, m + 1);
        douglas_peucker(t, P, q, m + 1, tol2, stack);
        return;
    }
    size_t n = 0;
    for (size_t k = 0; k <= m; k++) {
        const size_t i = base + (start + k) % m;
        q[n++] = i;
        if (k > 0 && (t->flags[t->id[i]] & NODE)) {
            canonical_direction(P, q, n);
            douglas_peucker(t, P, q, n, tol2, stack);
            q[0] = i;
            n = 1;
        }
    }
}

/* Append ring r of L, keeping its kept vertices, to out. */
static void keep_ring(const points_table *t, const cm_layer *L, size_t r, cm_layer *out)
{
    const size_t base = L->rings[r].first, count = L->rings[r].count;
    const cm_point *p = L->points + base;
    const size_t m = cm__ring_vertices(p, count);
    cm_point *dst = out->points + out->n_points;
    size_t k = 0;
    for (size_t j = 0; j < m; j++)
        if (t->flags[t->id[base + j]] & (NODE | KEPT))
            dst[k++] = p[j];
    if (k < 3) {
        memcpy(dst, p, count * sizeof *p);
        k = count;
    } else if (m < count) {
        dst[k++] = dst[0];
    }
    out->rings[r] = (cm_ring){out->n_points, k};
    out->n_points += k;
}

cm_status cm__simplify(const cm_layer *L, double tolerance, cm_layer *out, cm_error *err)
{
    *out = *L;
    out->points = NULL;
    out->rings = NULL;
    out->n_points = 0;
    size_t longest = 0;
    for (size_t r = 0; r < L->n_rings; r++)
        longest = L->rings[r].count > longest ? L->rings[r].count : longest;
    points_table t = {0};
    size_t *buf = alloc_array(longest + 1, sizeof *buf);
    size_t(*stack)[2] = alloc_array(longest + 1, sizeof *stack);
    out->points = alloc_array(L->n_points, sizeof *out->points);
    out->rings = alloc_array(L->n_rings, sizeof *out->rings);
    cm_status st = CM_OK;
    if (!buf || !stack || !out->points || !out->rings || !find_nodes(L, &t)) {
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory for simplified rings", L->path);
        goto out;
    }
    const double tol2 = tolerance * tolerance;
    for (size_t r = 0; r < L->n_rings; r++) {
        const cm_point *p = L->points + L->rings[r].first;
        const size_t m = cm__ring_vertices(p, L->rings[r].count);
        if (m >= 3)
            simplify_ring(&t, L, r, m, tol2, buf, stack);
    }
    for (size_t r = 0; r < L->n_rings; r++)
        keep_ring(&t, L, r, out);
out:
    free(t.id);
    free(t.flags);
    free(buf);
    free(stack);
    if (st != CM_OK)
        cm__simplified_free(out);
    return st;
}

void cm__simplified_free(cm_layer *out)
{
    free(out->points);
    free(out->rings);
    out->points = NULL;
    out->rings = NULL;
    out->n_points = 0;
}
