/* Simplifying rings for drawing: fewer vertices, every dropped one within
 * the tolerance, and borders two rings share still identical in both (so
 * fills meet and the lines still find their shared edges).
 * Usage: test_simplify PROVINCES.shp */
#include "conflictmap/layer.h"

#include "../../src/lines.h"
#include "../../src/simplify.h"
#include "../check.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static double seg_dist(cm_point p, cm_point a, cm_point b)
{
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
}

/* Largest distance from a vertex of ring r of L to ring r of S. */
static double worst_distance(const cm_layer *L, const cm_layer *S, size_t r)
{
    const cm_point *p = L->points + L->rings[r].first, *s = S->points + S->rings[r].first;
    const size_t n = L->rings[r].count, m = S->rings[r].count;
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double best = INFINITY;
        for (size_t j = 0; j + 1 < m; j++)
            best = fmin(best, seg_dist(p[i], s[j], s[j + 1]));
        worst = fmax(worst, best);
    }
    return worst;
}

/* Number of points of ring r of S equal to p. */
static int has_point(const cm_layer *S, size_t r, cm_point p)
{
    const cm_point *s = S->points + S->rings[r].first;
    for (size_t j = 0; j < S->rings[r].count; j++)
        if (s[j].x == p.x && s[j].y == p.y)
            return 1;
    return 0;
}

/* Two unit squares side by side.  Their shared side x = 1 has 99 points
 * wobbling by 0.001 and a bump of 0.05 at y = 0.5; the left square's
 * left side has a bump inwards; the other sides are dense and straight. */
static void test_squares(void)
{
    cm_point pts[700];
    size_t n = 0;
    cm_ring rings[2];
    cm_feature feats[2];
    for (int side = 0; side < 2; side++) {
        const double x0 = side, x1 = side + 1;
        const size_t first = n;
        for (int i = 0; i < 50; i++) /* bottom, left to right */
            pts[n++] = (cm_point){x0 + i / 50.0, 0};
        for (int i = 0; i < 100; i++) { /* right side, upwards */
            const double wob = i == 0 ? 0 : i == 50 ? 0.05 : i % 2 ? 0.001 : -0.001;
            pts[n++] = (cm_point){x1 + (side == 0 ? wob : 0), i / 100.0};
        }
        for (int i = 0; i < 50; i++) /* top, right to left */
            pts[n++] = (cm_point){x1 - i / 50.0, 1};
        for (int i = 0; i < 100; i++) /* left side, downwards */
            pts[n++] = (cm_point){x0 + (side == 0 && i == 50 ? 0.05 : 0), 1 - i / 100.0};
        pts[n++] = pts[first];
        rings[side] = (cm_ring){first, n - first};
        feats[side] = (cm_feature){(size_t)side, 1, {x0, 0, x1, 1}};
    }
    /* The right square's left side is the left square's right side,
     * point for point, downwards. */
    const cm_point *left_shared = pts + 50;              /* (1, 0) .. (1, 0.99) */
    cm_point *right_shared = pts + rings[1].first + 200; /* (1, 1) .. (1, 0.01) */
    for (int i = 1; i < 100; i++)
        right_shared[i] = left_shared[100 - i];
    cm_layer L = {.path = "squares", .points = pts, .n_points = n, .rings = rings,
                  .n_rings = 2, .features = feats, .n_features = 2};
    cm_layer S;
    cm_error err = {0};
    CHECK(cm__simplify(&L, 0.01, &S, &err) == CM_OK);
    CHECK(S.n_rings == 2 && S.features == L.features);
    /* Left: 4 corners and two bumps with a point either side of each (the
     * chords to a bump pass more than 0.01 from them), closed.  Right: 4
     * corners and the shared bump with its two, closed. */
    CHECK_MSG(S.rings[0].count == 11, "%zu points", S.rings[0].count);
    CHECK_MSG(S.rings[1].count == 8, "%zu points", S.rings[1].count);
    CHECK(has_point(&S, 0, (cm_point){1.05, 0.5}) && has_point(&S, 1, (cm_point){1.05, 0.5}));
    CHECK(has_point(&S, 0, (cm_point){0.05, 0.5}) && !has_point(&S, 1, (cm_point){0.05, 0.5}));
    CHECK(has_point(&S, 0, (cm_point){0, 0}) && has_point(&S, 1, (cm_point){2, 1}));
    for (size_t r = 0; r < 2; r++) {
        const cm_point *s = S.points + S.rings[r].first;
        CHECK(s[0].x == s[S.rings[r].count - 1].x && s[0].y == s[S.rings[r].count - 1].y);
        CHECK_MSG(worst_distance(&L, &S, r) <= 0.01, "ring %zu: %g", r, worst_distance(&L, &S, r));
    }
    /* The shared side kept the same points in both rings. */
    int same = 1;
    for (size_t j = 0; j < S.rings[0].count; j++) {
        const cm_point p = S.points[S.rings[0].first + j];
        if (p.x > 0.99 && p.x < 1.1 && !has_point(&S, 1, p))
            same = 0;
    }
    CHECK(same);
    /* Lines built from them: the shared side is drawn once, nothing else
     * is unmatched but the outer boundary. */
    cm__lines outline;
    CHECK(cm__lines_build(&S, CM__LINES_OUTLINE, &outline, &err) == CM_OK);
    for (size_t i = 0; i < outline.n_points; i++)
        CHECK_MSG(outline.points[i].x < 0.5 || outline.points[i].x > 1.5 ||
                      outline.points[i].y == 0 || outline.points[i].y == 1,
                  "outline point (%g, %g)", outline.points[i].x, outline.points[i].y);
    cm__lines_free(&outline);
    /* Tolerance 0 drops only the points on a straight line between their
     * neighbours: the straight sides' but none of the wobble. */
    cm__simplified_free(&S);
    CHECK(cm__simplify(&L, 0, &S, &err) == CM_OK);
    CHECK_MSG(S.rings[0].count >= 99 + 4 + 3 + 1 && S.n_points < 240, "%zu, %zu points",
              S.rings[0].count, S.n_points);
    CHECK(worst_distance(&L, &S, 0) < 1e-12);
    cm__simplified_free(&S);
}

/* An enclave: a province's hole and the province inside it are the same
 * ring without a node, given from different points and in opposite
 * directions.  Both must keep the same points, so that nothing shows
 * between them, and fewer than all. */
static void test_enclave(void)
{
    enum { N = 40 };
    cm_point pts[5 + 2 * (N + 1)];
    size_t n = 0;
    const cm_point square[5] = {{-3, -3}, {3, -3}, {3, 3}, {-3, 3}, {-3, -3}};
    for (int i = 0; i < 5; i++)
        pts[n++] = square[i];
    cm_point circle[N];
    for (int k = 0; k < N; k++) {
        const double t = 2 * M_PI * k / N, r = 1 + 0.04 * sin(7 * t) + 0.01 * cos(11 * t);
        circle[k] = (cm_point){r * cos(t), r * sin(t)};
    }
    for (int k = 0; k <= N; k++) /* the hole, from point 0 */
        pts[n++] = circle[k % N];
    for (int k = 0; k <= N; k++) /* the enclave, from point 13, the other way */
        pts[n++] = circle[(13 + N - k) % N];
    cm_ring rings[3] = {{0, 5}, {5, N + 1}, {5 + N + 1, N + 1}};
    cm_feature feats[2] = {{0, 2, {-3, -3, 3, 3}}, {2, 1, {-1.1, -1.1, 1.1, 1.1}}};
    cm_layer L = {.path = "enclave", .points = pts, .n_points = n, .rings = rings,
                  .n_rings = 3, .features = feats, .n_features = 2};
    cm_layer S;
    cm_error err = {0};
    CHECK(cm__simplify(&L, 0.03, &S, &err) == CM_OK);
    CHECK_MSG(S.rings[1].count < N && S.rings[1].count == S.rings[2].count, "%zu and %zu points",
              S.rings[1].count, S.rings[2].count);
    int same = 1;
    for (size_t j = 0; j < S.rings[1].count; j++)
        if (!has_point(&S, 2, S.points[S.rings[1].first + j]))
            same = 0;
    CHECK(same);
    /* So the only edges of one ring are the square's. */
    cm__lines outline;
    CHECK(cm__lines_build(&S, CM__LINES_OUTLINE, &outline, &err) == CM_OK);
    CHECK_MSG(outline.n_points == 4 || outline.n_points == 5, "outline of %zu points",
              outline.n_points);
    cm__lines_free(&outline);
    cm__simplified_free(&S);
}

static double lines_length(const cm__lines *l)
{
    double len = 0;
    for (size_t c = 0; c < l->n_chains; c++) {
        const cm_point *p = l->points + l->chains[c].first;
        for (size_t j = 0; j + 1 < l->chains[c].count; j++)
            len += hypot(p[j + 1].x - p[j].x, p[j + 1].y - p[j].y);
        if (l->chains[c].closed)
            len += hypot(p[0].x - p[l->chains[c].count - 1].x,
                         p[0].y - p[l->chains[c].count - 1].y);
    }
    return len;
}

/* The bundled provinces (lon/lat) at 0.002 degrees, about 0.2 pixels of
 * the default map. */
static void test_bundled(const char *shp)
{
    cm_layer *L = NULL, S;
    cm_error err = {0};
    CHECK(cm_layer_load(shp, &L, &err) == CM_OK);
    if (!L)
        return;
    const double tol = 0.002;
    CHECK(cm__simplify(L, tol, &S, &err) == CM_OK);
    printf("%zu points simplified to %zu\n", L->n_points, S.n_points);
    CHECK(S.n_points < L->n_points * 3 / 4);
    double worst = 0;
    for (size_t r = 0; r < L->n_rings; r++)
        worst = fmax(worst, worst_distance(L, &S, r));
    CHECK_MSG(worst <= tol, "a dropped vertex %g from its ring", worst);
    /* Shared borders still match: the outline (edges of one ring only) is
     * the national border, a little shorter, and no internal border. */
    cm__lines before, after;
    CHECK(cm__lines_build(L, CM__LINES_OUTLINE, &before, &err) == CM_OK);
    CHECK(cm__lines_build(&S, CM__LINES_OUTLINE, &after, &err) == CM_OK);
    const double a = lines_length(&before), b = lines_length(&after);
    CHECK_MSG(b <= a && b > 0.97 * a, "outline %g before, %g after", a, b);
    CHECK(after.n_chains == before.n_chains);
    cm__lines_free(&before);
    cm__lines_free(&after);
    cm__simplified_free(&S);
    cm_layer_free(L);
}

int main(int argc, char **argv)
{
    test_squares();
    test_enclave();
    if (argc > 1)
        test_bundled(argv[1]);
    return check_summary("test_simplify");
}
