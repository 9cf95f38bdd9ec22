#include "conflictmap/layer.h"
#include "conflictmap/projection.h"

#include <math.h>

#include "../check.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static void test_web_mercator(void)
{
    cm_projection *p;
    cm_error err;
    CHECK(cm_projection_create("EPSG:4326", "EPSG:3857", NULL, &p, &err) == CM_OK);
    cm_point pt = {69.1833, 34.5167};
    CHECK(cm_projection_forward(p, &pt, 1, &err) == CM_OK);
    const double R = 6378137.0, rad = M_PI / 180;
    CHECK_NEAR(pt.x, R * 69.1833 * rad, 0.01);
    CHECK_NEAR(pt.y, R * log(tan(M_PI / 4 + 34.5167 * rad / 2)), 0.01);
    cm_projection_free(p);
}

static void test_utm_central_meridian(void)
{
    cm_projection *p;
    cm_error err;
    CHECK(cm_projection_create(NULL, "EPSG:32642", NULL, &p, &err) == CM_OK);
    cm_point pt = {69.0, 0.0};
    CHECK(cm_projection_forward(p, &pt, 1, &err) == CM_OK);
    CHECK_NEAR(pt.x, 500000.0, 1e-3);
    CHECK_NEAR(pt.y, 0.0, 1e-3);
    cm_projection_free(p);
}

static void test_auto_conic(void)
{
    const cm_bbox extent = {60.5, 29.4, 74.9, 38.5};
    cm_projection *p;
    cm_error err;
    CHECK(cm_projection_create(NULL, NULL, &extent, &p, &err) == CM_OK);
    CHECK(strstr(cm_projection_target(p), "+proj=lcc") != NULL);
    cm_point c = {67.7, 33.95};
    CHECK(cm_projection_forward(p, &c, 1, &err) == CM_OK);
    CHECK_NEAR(c.x, 0, 1e-6); /* the centre of the extent is the origin */
    CHECK_NEAR(c.y, 0, 1e-6);
    /* Conformal: equal scale east and north at a corner of the extent. */
    cm_point q[3] = {{61.0, 37.5}, {61.001, 37.5}, {61.0, 37.501}};
    CHECK(cm_projection_forward(p, q, 3, &err) == CM_OK);
    const double rad = M_PI / 180, R = 6371008.8;
    const double ke = hypot(q[1].x - q[0].x, q[1].y - q[0].y) / (R * cos(37.5 * rad) * 0.001 * rad);
    const double kn = hypot(q[2].x - q[0].x, q[2].y - q[0].y) / (R * 0.001 * rad);
    CHECK_NEAR(ke / kn, 1.0, 0.01); /* within the ellipsoid/sphere difference */
    /* Round trip. */
    cm_point r = {65.2, 31.6};
    cm_projection_forward(p, &r, 1, &err);
    cm_projection_inverse(p, &r, 1, &err);
    CHECK_NEAR(r.x, 65.2, 1e-8);
    CHECK_NEAR(r.y, 31.6, 1e-8);
    cm_projection_free(p);
}

static void test_bad_crs(void)
{
    cm_projection *p = NULL;
    cm_error err;
    CHECK(cm_projection_create(NULL, "EPSG:999999", NULL, &p, &err) == CM_ERR_CRS);
    CHECK(p == NULL);
    CHECK_MSG(strstr(err.message, "EPSG:999999") != NULL, "%s", err.message);
    CHECK(cm_projection_create("not a crs at all", "EPSG:3857", NULL, &p, &err) == CM_ERR_CRS);
    CHECK_MSG(strstr(err.message, "not a crs") != NULL, "%s", err.message);
}

static void test_layer_projection(const char *shp)
{
    cm_layer *L;
    cm_error err;
    if (cm_layer_load(shp, &L, &err) != CM_OK) {
        CHECK_MSG(0, "%s", err.message);
        return;
    }
    const int iso = cm_layer_field_index(L, "iso");
    long f = cm_layer_find(L, 69.1833, 34.5167); /* Kabul city */
    CHECK(f >= 0 && strcmp(cm_layer_value(L, (size_t)f, iso), "AF-KAB") == 0);
    cm_bbox geo;
    CHECK(cm_projection_geo_extent(L->prj, &L->bbox, &geo, &err) == CM_OK);
    cm_projection *p;
    CHECK(cm_projection_create(L->prj, NULL, &geo, &p, &err) == CM_OK);
    CHECK(cm_projection_apply(p, L, &err) == CM_OK);
    CHECK(L->bbox.maxx - L->bbox.minx > 1.0e6); /* Afghanistan is > 1000 km wide */
    CHECK(L->bbox.maxx - L->bbox.minx < 2.0e6);
    cm_point k = {69.1833, 34.5167};
    cm_projection_forward(p, &k, 1, &err);
    long g = cm_layer_find(L, k.x, k.y);
    CHECK(g == f);
    cm_projection_free(p);
    cm_layer_free(L);
}

int main(int argc, char **argv)
{
    test_web_mercator();
    test_utm_central_meridian();
    test_auto_conic();
    test_bad_crs();
    if (argc > 1)
        test_layer_projection(argv[1]);
    return check_summary("test_projection");
}
