/* A style file changes the look and nothing else: with the example style,
 * the sea is its colour, the PDF embeds its font family, the title takes
 * more room, and every province keeps its side's colour; a bad style file
 * is refused with file and line.  Usage: test_style DATASET STYLE TMPDIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/output.h"

#include "../check.h"
#include "../map_fixture.h"
#include "../pixels.h"

static cm_date day(const char *iso)
{
    cm_date d = CM_DATE_NONE;
    cm_date_parse(iso, &d, NULL, NULL);
    return d;
}

/* Dark pixels in the title band (the top 8% of the image). */
static long title_ink(cairo_surface_t *img)
{
    long n = 0;
    const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    for (int y = 0; y < h * 8 / 100; y++)
        for (int x = 0; x < w; x++)
            n += (pixels_rgb(img, x, y) & 0xFF) < 0x80;
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_style DATASET STYLE TMPDIR\n");
        return 2;
    }
    map_fixture plain = {0}, styled = {0};
    cm_error err;
    cm_map_style style;
    cm_map_style_default(&style);
    CHECK_MSG(cm_map_style_load(argv[2], &style, &err) == CM_OK, "%s", err.message);
    if (map_fixture_load(&plain, argv[1], NULL, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    /* The styled map: the same dataset with the style over it. */
    if (map_fixture_load(&styled, argv[1], NULL, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    cm_map_free(styled.map);
    styled.map = NULL;
    cm_map_options o;
    cm_dataset_map_options(styled.dataset, &o);
    o.style = &style;
    CHECK_MSG(cm_map_create(&o, &styled.map, &err) == CM_OK, "%s", err.message);
    cairo_surface_t *a = NULL, *b = NULL;
    const cm_date d = day("2024-12-05");
    CHECK(cm_output_image(plain.map, plain.timeline, d, CM_LANG_EN, &a, &err) == CM_OK);
    CHECK(styled.map && cm_output_image(styled.map, styled.timeline, d, CM_LANG_EN, &b, &err) == CM_OK);
    if (a && b) {
        /* The sea, just inside the frame's left edge a third of the way down. */
        const cm_map *m = styled.map;
        const double k = m->opts.dpi / 72.0;
        const int x = (int)((m->frame.minx + 6 * m->u) * k);
        const int y = (int)((m->frame.miny + 0.35 * (m->frame.maxy - m->frame.miny)) * k);
        CHECK_MSG(pixels_share(b, x, y, 2, style.water, 2) > 0.9, "sea #%06X, want #%06X",
                  pixels_rgb(b, x, y), style.water);
        CHECK_MSG(pixels_share(a, x, y, 2, 0xDDE8EE, 2) > 0.9, "default sea #%06X",
                  pixels_rgb(a, x, y));
        const long ia = title_ink(a), ib = title_ink(b);
        CHECK_MSG(ib > ia * 1.2, "title ink %ld with the style, %ld without", ib, ia);
        /* Holds are drawn the same: Aleppo's governorate in the rebels' colour. */
        cm_point p;
        const long idx = cm_map_province_index(m, "SY.09");
        CHECK(idx >= 0 && cm_map_province_probe(m, idx, &p, &err) == CM_OK);
        const int r = cm_sides_find(&m->sides, "rebels");
        CHECK(r >= 0 && pixels_share(b, (int)(p.x * k), (int)(p.y * k), 2, m->sides.side[r].hex, 3) > 0.8);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    /* The PDF names the style's face. */
    char path[4096];
    snprintf(path, sizeof path, "%s/styled.pdf", argv[3]);
    CHECK_MSG(styled.map && cm_output_write(styled.map, styled.timeline, d, CM_LANG_EN, path, &err) == CM_OK,
              "%s", err.message);
    size_t len = 0;
    char *pdf = check_slurp(path, &len);
    int serif = 0;
    for (size_t i = 0; pdf && i + 11 < len; i++)
        serif |= memcmp(pdf + i, "DejaVuSerif", 11) == 0;
    CHECK_MSG(serif, "the PDF does not embed DejaVu Serif");
    free(pdf);
    /* A bad style: file and line. */
    snprintf(path, sizeof path, "%s/bad.style", argv[3]);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("# a comment\ntitle_size = 19\nwater = blue\n", f);
        fclose(f);
    }
    cm_map_style bad;
    cm_map_style_default(&bad);
    CHECK(cm_map_style_load(path, &bad, &err) == CM_ERR_PARSE);
    CHECK_MSG(strstr(err.message, "bad.style:3: water 'blue' is not #RRGGBB"), "%s", err.message);
    map_fixture_free(&plain);
    map_fixture_free(&styled);
    cm_output_release_caches();
    return check_summary("style");
}
