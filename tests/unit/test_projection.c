#include "conflictmap/layer.h"
#include "conflictmap/projection.h"

#include <math.h>

#include "../check.h"
#include "../../src/projection_ctx.h"

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

/* A projection from src to dst in a context of its own, made directly
 * from PROJ strings or (database != 0) through PROJ's database. */
static cm_projection *made(const char *src, const char *dst, int database)
{
    cm__proj_ctx *c = NULL;
    CHECK(cm__proj_ctx_new(&c, NULL) == CM_OK);
    if (database)
        cm__proj_ctx_no_direct(c);
    cm_projection *p = NULL;
    cm_error err;
    const cm_bbox extent = {60.5, 29.4, 74.9, 38.5};
    CHECK_MSG(cm__projection_create_in(c, src, dst, &extent, &p, &err) == CM_OK, "%s -> %s: %s",
              src ? src : "NULL", dst ? dst : "NULL", err.message);
    cm__proj_ctx_release(c);
    return p;
}

/* Plain WGS 84 lon/lat sources into WGS 84 PROJ strings skip PROJ's
 * database; the direct pipeline must give the database's points, both
 * ways, and anything else must still go through the database. */
static void test_direct_path(void)
{
    static const char *const esri =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
        "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    static const char *const ogc =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
        "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0],"
        "UNIT[\"degree\",0.0174532925199433],AXIS[\"Latitude\",NORTH],"
        "AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";
    static const char *const sources[] = {NULL, "EPSG:4326", esri, ogc};
    static const char *const targets[] = {
        NULL, "+proj=utm +zone=42 +datum=WGS84 +units=m +no_defs",
        "+proj=laea +lat_0=34 +lon_0=66 +ellps=WGS84 +units=km",
        "+proj=merc +datum=WGS84 +type=crs"};
    for (size_t s = 0; s < 4; s++)
        for (size_t t = 0; t < 4; t++) {
            cm_projection *fast = made(sources[s], targets[t], 0);
            cm_projection *slow = made(sources[s], targets[t], 1);
            if (!fast || !slow)
                continue;
            CHECK_MSG(cm__projection_is_direct(fast) && !cm__projection_is_direct(slow),
                      "source %zu target %zu", s, t);
            double worst = 0, worst_back = 0;
            cm_error err;
            for (double lon = 55; lon <= 80; lon += 0.37)
                for (double lat = 25; lat <= 42; lat += 0.29) {
                    cm_point a = {lon, lat}, b = {lon, lat};
                    CHECK(cm_projection_forward(fast, &a, 1, &err) == CM_OK);
                    CHECK(cm_projection_forward(slow, &b, 1, &err) == CM_OK);
                    worst = fmax(worst, fmax(fabs(a.x - b.x), fabs(a.y - b.y)));
                    CHECK(cm_projection_inverse(fast, &a, 1, &err) == CM_OK);
                    CHECK(cm_projection_inverse(slow, &b, 1, &err) == CM_OK);
                    worst_back = fmax(worst_back, fmax(fabs(a.x - b.x), fabs(a.y - b.y)));
                    CHECK_NEAR(a.x, lon, 1e-7); /* LAEA's inverse series: ~1e-8 */
                    CHECK_NEAR(a.y, lat, 1e-7);
                }
            CHECK_MSG(worst < 1e-6, "source %zu target %zu: %g apart", s, t, worst);
            CHECK_MSG(worst_back < 1e-9, "source %zu target %zu: %g degrees back", s, t,
                      worst_back);
            cm_projection_free(fast);
            cm_projection_free(slow);
        }
    /* Another datum, a datum shift, a projected source, an EPSG target:
     * the database decides. */
    static const char *const pulkovo =
        "GEOGCS[\"Pulkovo 1942\",DATUM[\"Pulkovo_1942\",SPHEROID[\"Krassowsky 1940\",6378245,"
        "298.3]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
    static const char *const shifted =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563],"
        "TOWGS84[10,0,0,0,0,0,0]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
    const char *const others[][2] = {{pulkovo, NULL},
                                     {shifted, NULL},
                                     {"EPSG:32642", "+proj=merc +datum=WGS84"},
                                     {NULL, "EPSG:3857"},
                                     {NULL, "+proj=utm +zone=42 +ellps=intl +towgs84=1,2,3"},
                                     {NULL, "+proj=utm +zone=42 +ellps=WGS84 +datum=NAD27"}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        cm_projection *p = made(others[i][0], others[i][1], 0);
        CHECK_MSG(p && !cm__projection_is_direct(p), "case %zu went direct", i);
        cm_projection_free(p);
    }
}

int main(int argc, char **argv)
{
    test_web_mercator();
    test_utm_central_meridian();
    test_auto_conic();
    test_bad_crs();
    test_direct_path();
    if (argc > 1)
        test_layer_projection(argv[1]);
    return check_summary("test_projection");
}
