/* The map means what it shows: the colour at a province on a date is the
 * state of its capital then; labels never overlap; the SVG is well-formed
 * with its title; the PDF has one page and the same bytes every time.
 * Usage: test_render DATASET EVENTS.csv TMPDIR */
#include <stdint.h>
#include <stdlib.h>

#include "conflictmap/dataset.h"
#include "conflictmap/output.h"
#include "conflictmap/render.h"
#include "conflictmap/style.h"

#include "../check.h"

static const char *tmpdir;
static cm_map *map;
static cm_timeline *tl;

/* RGB of the pixel at page point p in an image of the map. */
static unsigned pixel_at(cairo_surface_t *img, cm_point p)
{
    const double k = map->opts.dpi / 72.0;
    const int x = (int)(p.x * k), y = (int)(p.y * k);
    const unsigned char *data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    const uint32_t v = *(const uint32_t *)(data + y * stride + 4 * x);
    return v & 0xFFFFFF;
}

static int near_colour(unsigned a, unsigned b)
{
    for (int s = 0; s < 24; s += 8)
        if (abs((int)(a >> s & 0xFF) - (int)(b >> s & 0xFF)) > 3)
            return 0;
    return 1;
}

static cm_date day(const char *iso)
{
    cm_date d = 0;
    cm_date_parse(iso, &d, NULL, NULL);
    return d;
}

/* Share of the pixels in a 9 x 9 window at page point p whose colour is
 * near rgb. */
static double share_near(cairo_surface_t *img, cm_point p, unsigned rgb)
{
    int n = 0, hit = 0;
    for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++, n++)
            hit += near_colour(pixel_at(img, (cm_point){p.x + dx * 72.0 / map->opts.dpi,
                                                        p.y + dy * 72.0 / map->opts.dpi}),
                               rgb);
    return (double)hit / n;
}

static unsigned hex_of(cm_rgb c)
{
    return (unsigned)(c.r * 255 + 0.5) << 16 | (unsigned)(c.g * 255 + 0.5) << 8 |
           (unsigned)(c.b * 255 + 0.5);
}

/* Province `id` on `date` is painted for its capital's hold: the holder's
 * colour over most of it; when attacked or contested, stripes of the
 * attacker's colour too; when nothing is known, neither. */
static void expect_fill(const char *id, const char *date, const char *holder,
                        cm_state activity, const char *by)
{
    const long idx = cm_map_province_index(map, id);
    CHECK_MSG(idx >= 0, "province %s", id);
    cm_point p;
    cm_error err;
    CHECK_MSG(cm_map_province_probe(map, idx, &p, &err) == CM_OK, "%s", err.message);
    cairo_surface_t *img = NULL;
    CHECK(cm_output_image(map, tl, day(date), CM_LANG_EN, &img, &err) == CM_OK);
    if (!img)
        return;
    const cm_sides *sides = &map->sides;
    const int h = cm_sides_find(sides, holder);
    CHECK_MSG(h >= 0, "side %s", holder);
    const double own = h >= 0 ? share_near(img, p, sides->side[h].hex) : 0;
    if (activity == CM_STATE_GOVERNMENT) {
        CHECK_MSG(own > 0.9, "%s on %s: %.0f%% %s, want all", id, date, 100 * own, holder);
    } else {
        const int b = cm_sides_find(sides, by);
        const double stripes = b >= 0 ? share_near(img, p, hex_of(sides->side[b].marker)) : 0;
        CHECK_MSG(own > 0.08 && own < 0.95 && stripes > 0.03,
                  "%s on %s: %.0f%% %s and %.0f%% stripes of %s", id, date, 100 * own, holder,
                  100 * stripes, by);
    }
    cairo_surface_destroy(img);
}

static void test_fills(void)
{
    expect_fill("AF.11", "2021-08-11", "government", 0, NULL); /* Herat before */
    expect_fill("AF.11", "2021-08-13", "taliban", 0, NULL);    /* ... and after */
    expect_fill("AF.19", "2021-08-05", "government", 0, NULL); /* Nimroz */
    expect_fill("AF.19", "2021-08-06", "taliban", 0, NULL);
    expect_fill("AF.24", "2021-06-15", "government", 0, NULL); /* month precision: */
    expect_fill("AF.24", "2021-06-30", "government", CM_STATE_ATTACKED, "taliban"); /* at its end */
    expect_fill("AF.02", "2021-07-07", "government", CM_STATE_CONTESTED, "taliban"); /* Badghis */
    expect_fill("AF.02", "2021-07-08", "government", 0, NULL); /* retaken */
    expect_fill("AF.13", "2021-08-13", "government", 0, NULL); /* Kabul untouched */
}

static void test_counts(void)
{
    cm_counts c;
    cm_render_states(map, tl, day("2021-08-13"), NULL, &c);
    CHECK(c.total == 34);
    CHECK(c.n[1] == 2); /* Taliban */
    CHECK(c.n[CM_CAT_ATTACKED] == 1);
    CHECK(c.n[0] == 31); /* government, one of them retaken */
    /* Before the dataset's start nothing is known. */
    cm_render_states(map, tl, day("2021-04-01"), NULL, &c);
    CHECK(c.n[CM_CAT_NO_DATA] == 34);
}

static int overlap(cm_bbox a, cm_bbox b)
{
    return a.minx < b.maxx && b.minx < a.maxx && a.miny < b.maxy && b.miny < a.maxy;
}

static void test_labels(void)
{
    int labelled = 0;
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *a = &map->capitals[i];
        if (!a->labelled)
            continue;
        labelled++;
        CHECK(a->label_box.minx >= map->frame.minx && a->label_box.maxx <= map->frame.maxx);
        CHECK(!overlap(a->label_box, map->legend));
        for (size_t j = i + 1; j < map->n_capitals; j++)
            if (map->capitals[j].labelled)
                CHECK_MSG(!overlap(a->label_box, map->capitals[j].label_box), "%s / %s",
                          a->place->id, map->capitals[j].place->id);
    }
    CHECK_MSG(labelled >= 30, "only %d of 34 capitals labelled", labelled);
    /* Every province has its capital. */
    for (size_t f = 0; f < map->provinces->n_features; f++)
        CHECK(map->province_capital[f] >= 0);
}

/* Each capital lies inside its own province (point in polygon, on the
 * projected layer), and no province has two. */
static void test_capitals_in_provinces(void)
{
    CHECK(map->n_capitals == map->provinces->n_features);
    for (size_t i = 0; i < map->n_capitals; i++) {
        const cm_capital *c = &map->capitals[i];
        cm_point xy = {c->place->lon, c->place->lat};
        CHECK(cm_projection_forward(map->projection, &xy, 1, NULL) == CM_OK);
        const long inside = cm_layer_find(map->provinces, xy.x, xy.y);
        const long own = cm_map_province_index(map, c->place->admin1);
        CHECK_MSG(own >= 0 && inside == own, "%s (%s) lies in province %ld, not %ld",
                  c->place->id, c->place->admin1, inside, own);
        for (size_t j = i + 1; j < map->n_capitals; j++)
            CHECK_MSG(strcmp(c->place->admin1, map->capitals[j].place->admin1) != 0,
                      "%s and %s share a province", c->place->id, map->capitals[j].place->id);
    }
}

static void test_svg(void)
{
    char path[4096], cmd[8300];
    cm_error err;
    snprintf(path, sizeof path, "%s/map.svg", tmpdir);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_EN, path, &err) == CM_OK);
    size_t len;
    char *svg = check_slurp(path, &len);
    CHECK(svg && strncmp(svg, "<?xml", 5) == 0);
    CHECK(svg && strstr(svg, "<title>Afghanistan, 13 August 2021</title>") != NULL);
    CHECK(svg && strstr(svg, "<image") == NULL); /* no bitmap fallback */
    free(svg);
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
    if (system("command -v xmllint >/dev/null 2>&1") == 0)
        CHECK_MSG(system(cmd) == 0, "xmllint rejects %s", path);
    snprintf(path, sizeof path, "%s/carte.svg", tmpdir);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_FR, path, &err) == CM_OK);
    svg = check_slurp(path, &len);
    CHECK(svg && strstr(svg, "<title>Afghanistan, 13 août 2021</title>") != NULL);
    free(svg);
}

static void test_pdf(void)
{
    char a[4096], b[4096];
    cm_error err;
    snprintf(a, sizeof a, "%s/a.pdf", tmpdir);
    snprintf(b, sizeof b, "%s/b.pdf", tmpdir);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_EN, a, &err) == CM_OK);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_EN, b, &err) == CM_OK);
    size_t la = 0, lb = 0;
    char *pa = check_slurp(a, &la), *pb = check_slurp(b, &lb);
    CHECK(pa && pb && la > 1000 && la == lb && memcmp(pa, pb, la) == 0);
    CHECK(pa && strncmp(pa, "%PDF-", 5) == 0);
    /* The creation date is the map's, not the clock's: two runs a second
     * apart would differ otherwise. */
    int dated = 0;
    for (size_t i = 0; pa && i + 32 < la; i++)
        dated |= memcmp(pa + i, "/CreationDate (20210813000000Z)", 31) == 0;
    CHECK(dated);
    int pages = 0; /* the PDF holds binary streams: search bytes, not strings */
    for (size_t i = 0; pa && i + 12 < la; i++)
        pages += memcmp(pa + i, "/Type /Page", 11) == 0 && pa[i + 11] != 's';
    CHECK_MSG(pages == 1, "%d pages", pages);
    free(pa);
    free(pb);
}

static void test_png(void)
{
    char path[4096];
    cm_error err;
    snprintf(path, sizeof path, "%s/map.png", tmpdir);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_EN, path, &err) == CM_OK);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_image_surface_get_width(img) == 1600);
    CHECK(cairo_image_surface_get_height(img) == 1200);
    /* The file shows the same meaning as the in-memory image. */
    cm_point p;
    CHECK(cm_map_province_probe(map, cm_map_province_index(map, "AF.11"), &p, &err) == CM_OK);
    CHECK(share_near(img, p, map->sides.side[1].hex) > 0.9); /* Herat: Taliban */
    cairo_surface_destroy(img);
    /* An unknown extension writes nothing. */
    snprintf(path, sizeof path, "%s/map.jpg", tmpdir);
    CHECK(cm_output_write(map, tl, day("2021-08-13"), CM_LANG_EN, path, &err) == CM_ERR_INVALID);
    CHECK(strstr(err.message, ".jpg") != NULL);
    FILE *f = fopen(path, "rb");
    CHECK(f == NULL);
    if (f)
        fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_render DATASET EVENTS TMPDIR\n");
        return 2;
    }
    tmpdir = argv[3];
    cm_dataset *ds = NULL;
    cm_events events = {0};
    cm_error err;
    cm_map_options o;
    cm_timeline_options t;
    if (cm_dataset_load(argv[1], &ds, &err) != CM_OK ||
        cm_events_read_csv(argv[2], &events, &err) != CM_OK ||
        (cm_dataset_timeline_options(ds, &t), 0) ||
        cm_timeline_create_with(&events, &t, &tl, &err) != CM_OK) {
        fprintf(stderr, "setup: %s\n", err.message);
        return 1;
    }
    cm_dataset_map_options(ds, &o);
    if (cm_map_create(&o, &map, &err) != CM_OK) {
        fprintf(stderr, "setup: %s\n", err.message);
        return 1;
    }
    /* The attribution names the projection in the map's language. */
    CHECK_STR(map->projection_name[CM_LANG_EN], "Lambert conformal conic");
    CHECK_STR(map->projection_name[CM_LANG_FR], "conique conforme de Lambert");
    test_fills();
    test_counts();
    test_labels();
    test_capitals_in_provinces();
    test_svg();
    test_pdf();
    test_png();
    cm_map_free(map);
    cm_timeline_free(tl);
    cm_events_free(&events);
    cm_dataset_free(ds);
    cm_output_release_caches();
    return check_summary("test_render");
}
