#include "lines.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"
#include "util.h"

/* An edge of a ring, its end points in a canonical order for matching. */
typedef struct edge {
    cm_point lo, hi;
    size_t index; /* global index: the ring's first point + the edge's */
} edge;

static int edge_cmp(const void *pa, const void *pb)
{
    const edge *a = pa, *b = pb;
    int c = cm__point_cmp(a->lo, b->lo);
    if (c == 0)
        c = cm__point_cmp(a->hi, b->hi);
    if (c == 0)
        c = a->index < b->index ? -1 : a->index > b->index;
    return c;
}

/* keep[index] = 1 for the edges of the requested kind.  Edge j of a ring
 * goes from vertex j to vertex j + 1 (mod its vertex count). */
static cm_status choose_edges(const cm_layer *L, cm__lines_kind kind, unsigned char *keep,
                              cm_error *err)
{
    edge *edges = malloc((L->n_points ? L->n_points : 1) * sizeof *edges);
    if (!edges)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory for lines", L->path);
    size_t n = 0;
    for (size_t r = 0; r < L->n_rings; r++) {
        const cm_point *p = L->points + L->rings[r].first;
        const size_t m = cm__ring_vertices(p, L->rings[r].count);
        for (size_t j = 0; m > 1 && j < m; j++) {
            const cm_point a = p[j], b = p[(j + 1) % m];
            const int c = cm__point_cmp(a, b);
            if (c == 0)
                keep[L->rings[r].first + j] = 1; /* draws nothing, breaks no chain */
            else
                edges[n++] = (edge){c < 0 ? a : b, c < 0 ? b : a, L->rings[r].first + j};
        }
    }
    if (n > 1)
        qsort(edges, n, sizeof *edges, edge_cmp);
    for (size_t i = 0; i < n;) {
        size_t k = i + 1;
        while (k < n && cm__point_cmp(edges[k].lo, edges[i].lo) == 0 &&
               cm__point_cmp(edges[k].hi, edges[i].hi) == 0)
            k++;
        if (kind == CM__LINES_EACH_ONCE || k - i == 1)
            keep[edges[i].index] = 1; /* the first ring's copy */
        i = k;
    }
    free(edges);
    return CM_OK;
}

/* Append points to the lines, growing them. */
static int add_point(cm__lines *out, size_t *cap, cm_point p)
{
    if (!cm__reserve((void **)&out->points, cap, out->n_points + 1, sizeof *out->points))
        return 0;
    out->points[out->n_points++] = p;
    return 1;
}

static int end_chain(cm__lines *out, size_t *cap, size_t first, int closed)
{
    if (out->n_points - first < 2) {
        out->n_points = first;
        return 1;
    }
    if (!cm__reserve((void **)&out->chains, cap, out->n_chains + 1, sizeof *out->chains))
        return 0;
    cm__chain c = {first, out->n_points - first, closed,
                   {INFINITY, INFINITY, -INFINITY, -INFINITY}};
    for (size_t i = first; i < out->n_points; i++) {
        const cm_point p = out->points[i];
        c.bbox = (cm_bbox){fmin(c.bbox.minx, p.x), fmin(c.bbox.miny, p.y),
                           fmax(c.bbox.maxx, p.x), fmax(c.bbox.maxy, p.y)};
    }
    out->chains[out->n_chains++] = c;
    return 1;
}

/* The kept edges of ring r as chains: the whole ring closed, or open runs
 * starting after an edge that is not kept. */
static int ring_chains(const cm_layer *L, size_t r, const unsigned char *keep, cm__lines *out,
                       size_t *pcap, size_t *ccap)
{
    const size_t base = L->rings[r].first;
    const cm_point *p = L->points + base;
    const size_t m = cm__ring_vertices(p, L->rings[r].count);
    size_t start = m;
    for (size_t j = 0; j < m && start == m; j++)
        if (!keep[base + j])
            start = j;
    if (start == m) {
        const size_t first = out->n_points;
        for (size_t j = 0; j < m; j++)
            if (!add_point(out, pcap, p[j]))
                return 0;
        return end_chain(out, ccap, first, 1);
    }
    size_t first = out->n_points;
    int in_run = 0;
    for (size_t k = 1; k <= m; k++) {
        const size_t j = (start + k) % m;
        if (!keep[base + j]) {
            if (in_run && !end_chain(out, ccap, first, 0))
                return 0;
            in_run = 0;
            continue;
        }
        if (!in_run) {
            first = out->n_points;
            if (!add_point(out, pcap, p[j]))
                return 0;
        }
        if (!add_point(out, pcap, p[(j + 1) % m]))
            return 0;
        in_run = 1;
    }
    return !in_run || end_chain(out, ccap, first, 0);
}

cm_status cm__lines_build(const cm_layer *L, cm__lines_kind kind, cm__lines *out,
                          cm_error *err)
{
    memset(out, 0, sizeof *out);
    unsigned char *keep = calloc(L->n_points ? L->n_points : 1, 1);
    if (!keep)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory for lines", L->path);
    cm_status st = choose_edges(L, kind, keep, err);
    size_t pcap = 0, ccap = 0;
    for (size_t r = 0; st == CM_OK && r < L->n_rings; r++)
        if (!ring_chains(L, r, keep, out, &pcap, &ccap))
            st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory for lines", L->path);
    free(keep);
    if (st != CM_OK)
        cm__lines_free(out);
    return st;
}

void cm__lines_free(cm__lines *lines)
{
    if (!lines)
        return;
    free(lines->points);
    free(lines->chains);
    memset(lines, 0, sizeof *lines);
}
