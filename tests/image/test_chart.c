/* The chart means what it shows: at a day's column, the band at a given
 * height is painted for the category whose capitals fill that height (the
 * stack from the bottom: the sides other than the incumbent, contested,
 * attacked, the incumbent, no data); counts that do not add up are refused; the SVG keeps its
 * title and summary as text and has no embedded bitmap; the PDF is the
 * same bytes twice.  Usage: test_chart TMPDIR */
#include <stdlib.h>

#include "conflictmap/chart.h"
#include "conflictmap/style.h"

#include "../check.h"
#include "../pixels.h"

static const char *tmpdir;
static cm_sides sides; /* government (incumbent), rebels, sdf */
enum { GOV = 0, REBELS = 1, SDF = 2 };

/* Ten days of four places: nothing is known of one on day 0; one is taken
 * by the rebels on day 3, a second attacked on day 5 and contested on day
 * 7, a third taken by the SDF on day 8. */
static void make_days(cm_counts days[10])
{
    for (int k = 0; k < 10; k++) {
        cm_counts c = {{0}, 4};
        c.n[REBELS] = k >= 3;
        c.n[SDF] = k >= 8;
        c.n[k >= 7 ? CM_CAT_CONTESTED : CM_CAT_ATTACKED] += k >= 5;
        c.n[CM_CAT_NO_DATA] = k == 0;
        c.n[GOV] = 4 - (k >= 3) - (k >= 5) - (k >= 8) - (k == 0);
        days[k] = c;
    }
}

/* Share of a 9 x 9 window at pixel (x, y) within tol of rgb. */
static double share(cairo_surface_t *img, int x, int y, unsigned rgb, int tol)
{
    int hit = 0;
    for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++)
            hit += pixels_match(pixels_rgb(img, x + dx, y + dy), rgb, tol);
    return hit / 81.0;
}

/* At (day k, height count) the band is painted for category cat: a side's
 * colour all over, or stripes (ink for attacked and contested, grey for no
 * data) over their ground. */
static void expect(cairo_surface_t *img, const cm_chart *c, int k, double count, int cat)
{
    double x, y;
    cm_error err;
    CHECK(cm_chart_point(c, c->first + k, count, &x, &y, &err) == CM_OK);
    const double px = 150 / 72.0;
    const int ix = (int)(x * px), iy = (int)(y * px);
    if (cat < sides.count) {
        const double got = share(img, ix, iy, sides.side[cat].hex, 3);
        CHECK_MSG(got > 0.7, "day %d at %.1f: %.0f%% %s", k, count, 100 * got,
                  sides.side[cat].id);
        return;
    }
    const unsigned ground = cat == CM_CAT_NO_DATA ? 0xF4F4F2 : 0xFFFFFF;
    const unsigned ink = cat == CM_CAT_NO_DATA ? 0xB8B4AE : 0x55514C;
    const double g = share(img, ix, iy, ground, 3), i = share(img, ix, iy, ink, 24);
    CHECK_MSG(g > 0.08 && i > 0.03, "day %d at %.1f: %.0f%% ground, %.0f%% stripes of %s", k,
              count, 100 * g, 100 * i, cm_sides_label(&sides, cat, CM_LANG_EN));
}

static void test_png(const cm_chart *c)
{
    char path[512];
    cm_error err;
    snprintf(path, sizeof path, "%s/chart.png", tmpdir);
    CHECK_MSG(cm_chart_write(c, 150, path, &err) == CM_OK, "%s", err.message);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_image_surface_get_width(img) == 1600 && cairo_image_surface_get_height(img) == 900);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        expect(img, c, 0, 2.5, GOV);
        expect(img, c, 0, 3.5, CM_CAT_NO_DATA);
        expect(img, c, 2, 0.5, GOV);
        expect(img, c, 3, 0.5, REBELS);
        expect(img, c, 3, 1.5, GOV);
        expect(img, c, 5, 1.5, CM_CAT_ATTACKED);
        expect(img, c, 7, 1.5, CM_CAT_CONTESTED);
        expect(img, c, 9, 0.5, REBELS);
        expect(img, c, 9, 1.5, SDF);
        expect(img, c, 9, 2.5, CM_CAT_CONTESTED);
        expect(img, c, 9, 3.5, GOV);
    }
    cairo_surface_destroy(img);
}

static void test_vector(const cm_chart *c)
{
    char path[512];
    size_t len = 0, len2 = 0;
    cm_error err;
    snprintf(path, sizeof path, "%s/chart.svg", tmpdir);
    CHECK_MSG(cm_chart_write(c, 150, path, &err) == CM_OK, "%s", err.message);
    char *svg = check_slurp(path, &len);
    CHECK(svg && strstr(svg, "<svg") && strstr(svg, "</svg>"));
    CHECK(svg && !strstr(svg, "<image"));
    CHECK(svg && strstr(svg, "<title>Testland: Governorate capitals by holder</title>"));
    CHECK_MSG(svg && strstr(svg, "<desc>On 10 January 2021: Government 1 \u00b7 Rebels 1 \u00b7 "
                                 "SDF 1 \u00b7 contested 1</desc>"),
              "the SVG's summary");
    free(svg);
    snprintf(path, sizeof path, "%s/chart.pdf", tmpdir);
    CHECK(cm_chart_write(c, 150, path, &err) == CM_OK);
    char *a = check_slurp(path, &len);
    CHECK(cm_chart_write(c, 150, path, &err) == CM_OK);
    char *b = check_slurp(path, &len2);
    CHECK(a && b && len > 4 && memcmp(a, "%PDF", 4) == 0);
    CHECK_MSG(a && b && len == len2 && memcmp(a, b, len) == 0, "the PDF differs between runs");
    free(a);
    free(b);
}

static void test_refused(const cm_chart *good)
{
    cm_counts days[10];
    make_days(days);
    days[4].n[REBELS] = 3; /* 6 places on a day of 4 */
    cm_chart bad = *good;
    bad.days = days;
    cm_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/bad-chart.png", tmpdir);
    CHECK(cm_chart_write(&bad, 150, path, &err) == CM_ERR_INVALID);
    CHECK(strstr(err.message, "day 4") != NULL);
    FILE *f = fopen(path, "rb");
    CHECK(f == NULL);
    if (f)
        fclose(f);
    bad.n_days = 0;
    CHECK(cm_chart_write(&bad, 150, path, &err) == CM_ERR_INVALID);
    double x, y;
    CHECK(cm_chart_point(good, good->first + 10, 0, &x, &y, &err) == CM_ERR_INVALID);
    snprintf(path, sizeof path, "%s/chart.gif", tmpdir);
    CHECK(cm_chart_write(good, 150, path, &err) == CM_ERR_INVALID);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_chart TMPDIR\n");
        return 2;
    }
    tmpdir = argv[1];
    cm_error err;
    cm_sides_init(&sides);
    CHECK(cm_sides_add(&sides, "government | Government | Gouvernement", &err) == CM_OK);
    CHECK(cm_sides_add(&sides, "rebels | Rebels | Rebelles", &err) == CM_OK);
    CHECK(cm_sides_add(&sides, "sdf | SDF | FDS", &err) == CM_OK);
    sides.challenger = REBELS;
    cm_counts days[10];
    make_days(days);
    cm_date first;
    cm_date_from_ymd(2021, 1, 1, &first, NULL);
    const cm_chart_note note = {first + 3, "First fall"};
    const cm_chart chart = {.days = days, .n_days = 10, .first = first, .country = "Testland",
                            .unit = "Governorate capitals", .sides = &sides,
                            .notes = &note, .n_notes = 1};
    test_png(&chart);
    test_vector(&chart);
    test_refused(&chart);
    cm_sides_free(&sides);
    return check_summary("chart");
}
