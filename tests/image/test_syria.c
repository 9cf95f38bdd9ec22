/* The second bundled war: Syria on 2024-12-05, four sides.  Each
 * governorate is painted in the colour of the side that holds its capital
 * (Aleppo and Hama the rebels, Raqqa and Hasakah the SDF, Damascus and
 * Latakia the government); the legend counts per side; before the
 * dataset's start nothing is known; the chart has a band per side.
 * Usage: test_syria SYRIA_DATASET TMPDIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/chart.h"
#include "conflictmap/output.h"
#include "conflictmap/render.h"

#include "../check.h"
#include "../map_fixture.h"
#include "../pixels.h"

static map_fixture fx;

static cm_date day(const char *iso)
{
    cm_date d = CM_DATE_NONE;
    cm_date_parse(iso, &d, NULL, NULL);
    return d;
}

/* The governorate of capital `capital` is painted in `side`'s colour: most
 * of the pixels inside its polygon (markers and labels cover the rest). */
static void expect_side(cairo_surface_t *img, const char *capital, const char *side)
{
    const cm_map *map = fx.map;
    const cm_place *p = cm_gazetteer_find_id(map->gazetteer, capital);
    const long idx = p ? cm_map_province_index(map, p->admin1) : -1;
    const int s = cm_sides_find(&map->sides, side);
    CHECK_MSG(idx >= 0 && s >= 0, "%s, %s", capital, side);
    if (idx < 0 || s < 0)
        return;
    const double k = map->opts.dpi / 72.0;
    const cm_bbox b = map->provinces->features[idx].bbox;
    const cm_point lo = cm_map_to_page(map, (cm_point){b.minx, b.maxy});
    const cm_point hi = cm_map_to_page(map, (cm_point){b.maxx, b.miny});
    long inside = 0, hit = 0;
    for (int y = (int)(lo.y * k); y <= (int)(hi.y * k); y++)
        for (int x = (int)(lo.x * k); x <= (int)(hi.x * k); x++) {
            const double px = (x + 0.5) / k, py = (y + 0.5) / k; /* page points */
            const double mx = (px - map->ox) / map->scale, my = (map->oy - py) / map->scale;
            if (cm_layer_find(map->provinces, mx, my) != idx)
                continue;
            inside++;
            hit += pixels_match(pixels_rgb(img, x, y), map->sides.side[s].hex, 3);
        }
    CHECK_MSG(inside > 50 && hit > 0.6 * inside, "%s: %ld of %ld pixels %s", capital, hit,
              inside, side);
}

/* The marker of capital `capital` is filled with `side`'s marker colour
 * (for the Damascus enclave, which its own marker and label cover). */
static void expect_marker(cairo_surface_t *img, const char *capital, const char *side)
{
    const cm_map *map = fx.map;
    const int s = cm_sides_find(&map->sides, side);
    const double k = map->opts.dpi / 72.0;
    for (size_t i = 0; i < map->n_capitals && s >= 0; i++) {
        if (strcmp(map->capitals[i].place->id, capital) != 0)
            continue;
        const cm_point c = map->capitals[i].page;
        const cm_rgb m = map->sides.side[s].marker;
        const double got = pixels_share(img, (int)(c.x * k), (int)(c.y * k), 1,
                                        pixels_hex(m.r, m.g, m.b), 3);
        CHECK_MSG(got > 0.8, "%s's marker: %.0f%% %s", capital, 100 * got, side);
        return;
    }
    CHECK_MSG(0, "no marker for %s as %s", capital, side);
}

static void test_map(void)
{
    cairo_surface_t *img = NULL;
    cm_error err;
    CHECK_MSG(cm_output_image(fx.map, fx.timeline, day("2024-12-05"), CM_LANG_EN, &img, &err) ==
                  CM_OK,
              "%s", err.message);
    if (!img)
        return;
    expect_side(img, "aleppo", "rebels");
    expect_side(img, "hama", "rebels");
    expect_side(img, "idlib", "rebels"); /* from the starting state alone */
    expect_side(img, "raqqa", "sdf");
    expect_side(img, "hasakah", "sdf");
    expect_marker(img, "damascus", "government");
    expect_side(img, "latakia", "government");
    expect_side(img, "deir-ez-zor", "government"); /* the SDF take it the next day */
    cairo_surface_destroy(img);
    img = NULL;
    CHECK(cm_output_image(fx.map, fx.timeline, day("2024-12-08"), CM_LANG_EN, &img, &err) ==
          CM_OK);
    if (img) {
        expect_marker(img, "damascus", "rebels");
        expect_side(img, "homs", "rebels");
        expect_side(img, "deir-ez-zor", "sdf");
        cairo_surface_destroy(img);
    }
}

static void test_counts(void)
{
    const cm_sides *s = &fx.map->sides;
    cm_counts c;
    cm_render_states(fx.map, fx.timeline, day("2024-12-05"), NULL, &c);
    CHECK(c.total == 14);
    CHECK_MSG(c.n[cm_sides_find(s, "rebels")] == 3, "%d rebels", c.n[cm_sides_find(s, "rebels")]);
    CHECK(c.n[cm_sides_find(s, "sdf")] == 2);
    CHECK(c.n[cm_sides_find(s, "government")] == 9);
    CHECK(c.n[cm_sides_find(s, "sna")] == 0);
    char buf[256];
    cm_sides_summary(s, &c, CM_LANG_EN, buf, sizeof buf);
    CHECK_STR(buf, "Government 9 \u00b7 HTS-led rebels 3 \u00b7 SDF (Kurdish-led) 2");
    /* 9 December: the coast has gone too; the SDF hold Deir ez-Zor. */
    cm_render_states(fx.map, fx.timeline, day("2024-12-09"), NULL, &c);
    CHECK(c.n[cm_sides_find(s, "government")] == 0 && c.n[cm_sides_find(s, "sdf")] == 3);
    /* Before the start: no data, never "government". */
    cm_render_states(fx.map, fx.timeline, day("2024-11-01"), NULL, &c);
    CHECK(c.n[CM_CAT_NO_DATA] == 14);
}

/* The chart over the offensive: a band per side, read off its pixels. */
static void test_chart(const char *tmp)
{
    const char **ids = malloc(fx.map->n_capitals * sizeof *ids);
    for (size_t i = 0; ids && i < fx.map->n_capitals; i++)
        ids[i] = fx.map->capitals[i].place->id;
    const cm_date from = day("2024-11-27"), to = day("2024-12-09");
    cm_counts *days = NULL;
    cm_error err;
    CHECK(ids && cm_timeline_daily_counts(fx.timeline, ids, fx.map->n_capitals, from, to, &days,
                                          &err) == CM_OK);
    if (!days) {
        free(ids);
        return;
    }
    const cm_chart chart = {.days = days, .n_days = (size_t)(to - from + 1), .first = from,
                            .country = "Syria", .unit = fx.map->unit[0],
                            .sides = &fx.map->sides, .lang = CM_LANG_EN};
    char path[4096];
    snprintf(path, sizeof path, "%s/syria-chart.png", tmp);
    CHECK_MSG(cm_chart_write(&chart, 150, path, &err) == CM_OK, "%s", err.message);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    const double px = 150 / 72.0;
    /* On 9 December: rebels at the bottom (11), then the SDF (3). */
    static const struct { double at; const char *side; } bands[] = {{5, "rebels"},
                                                                    {12.5, "sdf"}};
    for (size_t b = 0; b < 2 && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS; b++) {
        double x, y;
        CHECK(cm_chart_point(&chart, to, bands[b].at, &x, &y, &err) == CM_OK);
        const int s = cm_sides_find(&fx.map->sides, bands[b].side);
        const double got = pixels_share(img, (int)(x * px), (int)(y * px), 3,
                                        fx.map->sides.side[s].hex, 3);
        CHECK_MSG(got > 0.7, "chart on 9 December at %.1f: %.0f%% %s", bands[b].at, 100 * got,
                  bands[b].side);
    }
    cairo_surface_destroy(img);
    free(days);
    free(ids);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_syria SYRIA_DATASET TMPDIR\n");
        return 2;
    }
    cm_error err;
    if (map_fixture_load(&fx, argv[1], NULL, &err) != CM_OK) {
        fprintf(stderr, "test_syria: %s\n", err.message);
        return 1;
    }
    test_map();
    test_counts();
    test_chart(argv[2]);
    map_fixture_free(&fx);
    cm_output_release_caches();
    return check_summary("syria");
}
