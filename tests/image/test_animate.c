/* A frame sequence means what it shows: the manifest lists one frame per
 * day with its date, file and the capitals in each state on that date; all
 * frames have one size, are opaque, and the area drawn in the 'fallen'
 * colour never shrinks unless a capital is retaken that day (and grows
 * when more capitals have fallen).
 * Usage: test_animate FRAMES_DIR DATASET FROM TO */
#include <stdint.h>
#include <stdlib.h>

#include "conflictmap/render.h"
#include "conflictmap/style.h"

#include "../check.h"
#include "../map_fixture.h"

static cm_map *map;
static cm_timeline *tl;

/* Pixels of exactly rgb in an ARGB32 image; *opaque = 0 if any pixel is not. */
static long count_colour(cairo_surface_t *img, unsigned rgb, int *opaque)
{
    const unsigned char *data = cairo_image_surface_get_data(img);
    const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    const int stride = cairo_image_surface_get_stride(img);
    long n = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            if (row[x] >> 24 != 0xFF)
                *opaque = 0;
            n += (row[x] & 0xFFFFFF) == rgb;
        }
    }
    return n;
}

/* 1 if some capital the challenger held on prev is not calmly its on d
 * (taken from it, or attacked: its stripes cover part of the fill). */
static int challenger_lost(cm_date prev, cm_date d)
{
    const int ch = map->sides.challenger;
    for (size_t i = 0; i < cm_map_capital_count(map); i++) {
        const char *id = map->capitals[i].place->id;
        if (cm_timeline_hold(tl, id, prev, NULL).holder == ch &&
            cm_hold_category(cm_timeline_hold(tl, id, d, NULL)) != ch)
            return 1;
    }
    return 0;
}

/* One manifest row against the timeline; returns the frame's image. */
static cairo_surface_t *check_row(const char *dir, const char *line, size_t k, cm_date want,
                                  cm_counts *counts)
{
    char iso[CM_DATE_ISO_LEN], date[16], file[64], path[4096];
    size_t frame = 0;
    int used = 0;
    const int n = sscanf(line, "%zu,%15[^,],%63[^,]%n", &frame, date, file, &used);
    cm_date_format_iso(want, iso);
    CHECK_MSG(n == 3, "row %zu: '%s'", k, line);
    /* Then a count per side, attacked, contested, no data. */
    int got[CM_CAT_COUNT], cats[CM_CAT_COUNT], n_cats = 0;
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if (c < map->sides.count || c >= CM_CAT_ATTACKED)
            cats[n_cats++] = c;
    const char *p = line + used;
    for (int i = 0; i < n_cats; i++) {
        int w = 0;
        CHECK_MSG(sscanf(p, ",%d%n", &got[i], &w) == 1, "row %zu: count %d missing", k, i);
        p += w;
    }
    CHECK_MSG(*p == '\n', "row %zu: more columns than categories", k);
    CHECK_MSG(frame == k, "row %zu numbered %zu", k, frame);
    CHECK_STR(date, iso);
    snprintf(path, sizeof path, "%s.png", iso);
    CHECK_STR(file, path);
    cm_render_states(map, tl, want, NULL, counts);
    for (int i = 0; i < n_cats; i++)
        CHECK_MSG(got[i] == counts->n[cats[i]], "%s: %d %s, timeline says %d", iso, got[i],
                  cm_sides_label(&map->sides, cats[i], CM_LANG_EN), counts->n[cats[i]]);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK_MSG(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS, "%s: %s", path,
              cairo_status_to_string(cairo_surface_status(img)));
    return img;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_animate FRAMES_DIR DATASET FROM TO\n");
        return 2;
    }
    const char *dir = argv[1];
    cm_error err;
    map_fixture fx = {0};
    cm_date from, to;
    if (cm_date_parse(argv[3], &from, NULL, &err) || cm_date_parse(argv[4], &to, NULL, &err) ||
        map_fixture_load(&fx, argv[2], NULL, &err)) {
        fprintf(stderr, "test_animate: %s\n", err.message);
        return 1;
    }
    map = fx.map;
    tl = fx.timeline;
    char path[4096], line[512];
    snprintf(path, sizeof path, "%s/frames.csv", dir);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "%s missing", path);
    if (!f)
        return check_summary("animate");
    CHECK(fgets(line, sizeof line, f) != NULL);
    char header[512] = "frame,date,file";
    for (int i = 0; i < map->sides.count; i++)
        snprintf(header + strlen(header), sizeof header - strlen(header), ",%s",
                 map->sides.side[i].id);
    strcat(header, ",attacked,contested,no_data\n");
    CHECK_STR(line, header);
    size_t rows = 0;
    long prev_fallen_px = -1;
    int prev_fallen = 0, opaque = 1, width = 0, height = 0;
    const int ch = map->sides.challenger;
    const unsigned fallen_rgb = map->sides.side[ch].hex;
    while (fgets(line, sizeof line, f)) {
        const cm_date d = from + (cm_date)rows;
        cm_counts counts;
        cairo_surface_t *img = check_row(dir, line, ++rows, d, &counts);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(img);
            continue;
        }
        const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
        if (rows == 1) {
            width = w;
            height = h;
        }
        CHECK_MSG(w == width && h == height, "frame %zu is %dx%d, frame 1 %dx%d", rows, w, h,
                  width, height);
        const long px = count_colour(img, fallen_rgb, &opaque);
        if (prev_fallen_px >= 0 && !challenger_lost(d - 1, d))
            CHECK_MSG(px >= prev_fallen_px, "frame %zu: the challenger's area shrank from %ld "
                      "to %ld px", rows, prev_fallen_px, px);
        if (prev_fallen_px >= 0 && counts.n[ch] > prev_fallen)
            CHECK_MSG(px > prev_fallen_px, "frame %zu: the challenger holds %d capitals (was "
                      "%d) but its area did not grow (%ld px)", rows, counts.n[ch],
                      prev_fallen, px);
        prev_fallen_px = px;
        prev_fallen = counts.n[ch];
        cairo_surface_destroy(img);
    }
    fclose(f);
    CHECK_MSG(rows == (size_t)(to - from + 1), "%zu rows, want %d", rows, to - from + 1);
    CHECK_MSG(opaque, "some frame pixel is not opaque");
    printf("frames %dx%d; fallen area on the last frame: %ld px\n", width, height,
           prev_fallen_px);
    map_fixture_free(&fx);
    return check_summary("animate");
}
