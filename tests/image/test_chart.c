/* The chart means what it shows: at a day's column, the band at a given
 * height has the colour of the state whose capitals fill that height (the
 * stack from the bottom: fallen, contested, attacked, retaken,
 * government); counts that do not add up are refused; the SVG keeps its
 * title and summary as text and has no embedded bitmap; the PDF is the
 * same bytes twice.  Usage: test_chart TMPDIR */
#include <stdlib.h>

#include "conflictmap/chart.h"
#include "conflictmap/style.h"

#include "../check.h"
#include "../pixels.h"

static const char *tmpdir;

/* Ten days of four places: one falls on day 3, a second is attacked on
 * day 5 and contested on day 7, a third is retaken on day 8. */
static void make_days(cm_counts days[10])
{
    for (int k = 0; k < 10; k++) {
        cm_counts c = {{0}, 4};
        c.state[CM_STATE_FALLEN] = k >= 3;
        c.state[k >= 7 ? CM_STATE_CONTESTED : CM_STATE_ATTACKED] += k >= 5;
        c.state[CM_STATE_RETAKEN] = k >= 8;
        c.state[CM_STATE_GOVERNMENT] = 4 - (k >= 3) - (k >= 5) - (k >= 8);
        days[k] = c;
    }
}

/* The colour at (day k, height count) is the fill of state. */
static void expect(cairo_surface_t *img, const cm_chart *c, int k, double count, cm_state state)
{
    double x, y;
    cm_error err;
    CHECK(cm_chart_point(c, c->first + k, count, &x, &y, &err) == CM_OK);
    const double px = 150 / 72.0;
    const unsigned got = pixels_rgb(img, (int)(x * px), (int)(y * px));
    const unsigned want = cm_style_state(state)->hex;
    CHECK_MSG(pixels_match(got, want, 3), "day %d at %.1f: #%06X, want %s #%06X", k, count, got,
              cm_state_name(state), want);
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
        expect(img, c, 0, 2.5, CM_STATE_GOVERNMENT);
        expect(img, c, 2, 0.5, CM_STATE_GOVERNMENT);
        expect(img, c, 3, 0.5, CM_STATE_FALLEN);
        expect(img, c, 3, 1.5, CM_STATE_GOVERNMENT);
        expect(img, c, 5, 1.5, CM_STATE_ATTACKED);
        expect(img, c, 7, 1.5, CM_STATE_CONTESTED);
        expect(img, c, 9, 0.5, CM_STATE_FALLEN);
        expect(img, c, 9, 2.5, CM_STATE_RETAKEN);
        expect(img, c, 9, 3.5, CM_STATE_GOVERNMENT);
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
    CHECK(svg && strstr(svg, "<title>Testland: provincial capitals by state</title>"));
    CHECK(svg && strstr(svg, "<desc>On 10 January 2021, Government-held: 1; "));
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
    days[4].state[CM_STATE_FALLEN] = 3; /* 6 places on a day of 4 */
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
    cm_counts days[10];
    make_days(days);
    cm_date first;
    cm_date_from_ymd(2021, 1, 1, &first, NULL);
    const cm_chart_note note = {first + 3, "First fall"};
    const cm_chart chart = {.days = days, .n_days = 10, .first = first, .country = "Testland",
                            .notes = &note, .n_notes = 1};
    test_png(&chart);
    test_vector(&chart);
    test_refused(&chart);
    return check_summary("chart");
}
