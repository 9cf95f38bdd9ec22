/* conflictmap report on the bundled data: the bundle holds exactly the
 * promised files, a map for every day on which the timeline says a capital
 * changed state (and no other), maps that show the right state, an events
 * table with one row per event, SVGs without embedded bitmaps, and pages
 * whose every link resolves to a file of the bundle (nothing external).
 * Usage: test_report CONFLICTMAP DATASET TMPDIR */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "conflictmap/dataset.h"
#include "conflictmap/output.h"
#include "conflictmap/style.h"
#include "conflictmap/timeline.h"

#include "../check.h"
#include "../pixels.h"

static char dir[1024];

static int exists(const char *rel)
{
    char path[2048];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

static char *slurp(const char *rel, size_t *len)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return check_slurp(path, len);
}

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

/* Sorted names in dir/sub. */
static size_t list(const char *sub, char names[][64], size_t max)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && n < max)
            snprintf(names[n++], 64, "%.63s", de->d_name);
    if (d)
        closedir(d);
    qsort(names, n, 64, cmp_name);
    return n;
}

static void test_file_set(void)
{
    static const char *const want[] = {"chart.pdf", "chart.png", "chart.svg", "events.csv",
                                       "events.md", "index.html", "latest.pdf", "latest.png",
                                       "latest.svg", "maps", "report.md"};
    char names[64][64];
    const size_t n = list("", names, 64);
    CHECK_MSG(n == sizeof want / sizeof want[0], "%zu entries in the bundle", n);
    for (size_t i = 0; i < n && i < sizeof want / sizeof want[0]; i++)
        CHECK_STR(names[i], want[i]);
}

/* maps/ holds DATE.png/.svg/.pdf for exactly the timeline's change days. */
static void test_maps(const cm_map *map, const cm_timeline *tl, cm_date from, cm_date to)
{
    const char **ids = malloc(map->n_capitals * sizeof *ids);
    for (size_t i = 0; i < map->n_capitals; i++)
        ids[i] = map->capitals[i].place->id;
    cm_date *days = NULL;
    size_t n = 0;
    cm_error err;
    CHECK(cm_timeline_change_dates(tl, ids, map->n_capitals, from, to, &days, &n, &err) == CM_OK);
    CHECK_MSG(n >= 10, "only %zu change days", n);
    char names[256][64];
    const size_t got = list("maps", names, 256);
    CHECK_MSG(got == 3 * n, "%zu files in maps/ for %zu change days", got, n);
    static const char *const exts[] = {"pdf", "png", "svg"};
    for (size_t i = 0; i < n && 3 * i + 2 < got; i++) {
        char iso[CM_DATE_ISO_LEN], want[64];
        cm_date_format_iso(days[i], iso);
        for (int e = 0; e < 3; e++) {
            snprintf(want, sizeof want, "%s.%s", iso, exts[e]);
            CHECK_STR(names[3 * i + e], want);
        }
    }
    free(days);
    free(ids);
}

/* Province `province` in a PNG of the bundle is painted in the colour of
 * the side `holder`, with stripes of side `by` when that is not NULL. */
static void expect_fill(const cm_map *map, const char *png, const char *province,
                        const char *holder, const char *by)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, png);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    cm_point p;
    cm_error err;
    const long idx = cm_map_province_index(map, province);
    CHECK_MSG(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS, "%s", png);
    CHECK_MSG(idx >= 0 && cm_map_province_probe(map, idx, &p, &err) == CM_OK, "%s", province);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && idx >= 0) {
        const double k = map->opts.dpi / 72.0;
        const int x = (int)(p.x * k), y = (int)(p.y * k);
        const int h = cm_sides_find(&map->sides, holder), b = by ? cm_sides_find(&map->sides, by) : -1;
        CHECK_MSG(h >= 0 && (!by || b >= 0), "sides %s %s", holder, by ? by : "");
        /* A 7 x 7 window: Panjshir is narrow at this size, so most, not all. */
        const double own = h >= 0 ? pixels_share(img, x, y, 3, map->sides.side[h].hex, 3) : 0;
        if (!by) {
            CHECK_MSG(own > 0.75, "%s at %s: %.0f%% %s", png, province, 100 * own, holder);
        } else if (b >= 0) {
            const cm_rgb m = map->sides.side[b].marker;
            const double stripes = pixels_share(img, x, y, 3, pixels_hex(m.r, m.g, m.b), 12);
            CHECK_MSG(own > 0.08 && own < 0.95 && stripes > 0.03,
                      "%s at %s: %.0f%% %s, %.0f%% stripes of %s", png, province, 100 * own,
                      holder, 100 * stripes, by);
        }
    }
    cairo_surface_destroy(img);
}

static void test_events(size_t dated)
{
    char path[2048];
    cm_events ev = {0};
    cm_error err;
    snprintf(path, sizeof path, "%s/events.csv", dir);
    CHECK_MSG(cm_events_read_csv(path, &ev, &err) == CM_OK, "%s", err.message);
    CHECK_MSG(ev.count == dated, "events.csv has %zu events, the timeline %zu", ev.count, dated);
    size_t len = 0, rows = 0;
    char *md = slurp("events.md", &len);
    for (char *line = md; line && *line;) {
        rows += strncmp(line, "| ", 2) == 0;
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : line + strlen(line);
    }
    CHECK_MSG(rows == ev.count + 1, "events.md: %zu table lines for %zu events", rows, ev.count);
    CHECK(md && strstr(md, "|---|"));
    free(md);
    cm_events_free(&ev);
}

static void test_no_bitmaps(const char *svg)
{
    size_t len = 0;
    char *text = slurp(svg, &len);
    CHECK_MSG(text && strstr(text, "<svg"), "%s", svg);
    CHECK_MSG(text && !strstr(text, "<image"), "%s embeds a bitmap", svg);
    CHECK_MSG(text && strstr(text, "<title>"), "%s has no title", svg);
    free(text);
}

/* Every `open ... close` target in the file names a file of the bundle. */
static size_t check_links(const char *file, const char *open, char close)
{
    size_t len = 0, n = 0;
    char *text = slurp(file, &len);
    for (char *p = text; p && (p = strstr(p, open)) != NULL;) {
        p += strlen(open);
        char *end = strchr(p, close);
        if (!end)
            break;
        char target[512];
        snprintf(target, sizeof target, "%.*s", (int)(end - p), p);
        CHECK_MSG(!strstr(target, "//") && !strchr(target, ':'), "%s: external link %s", file,
                  target);
        CHECK_MSG(exists(target), "%s: %s does not resolve", file, target);
        n++;
        p = end;
    }
    free(text);
    return n;
}

static void test_pages(size_t n_frames)
{
    CHECK_MSG(check_links("report.md", "](", ')') >= 3 * n_frames, "report.md links");
    CHECK(check_links("index.html", "src=\"", '"') >= 2);
    CHECK(check_links("index.html", "href=\"", '"') >= 5);
    size_t len = 0;
    char *html = slurp("index.html", &len);
    CHECK(html && strstr(html, "<input type=\"range\""));
    CHECK(html && strstr(html, "<script>") && !strstr(html, "<script src"));
    CHECK(html && !strstr(html, "http:") && !strstr(html, "https:") && !strstr(html, "url("));
    size_t frames = 0;
    for (char *p = html; p && (p = strstr(p, "{d: \"")) != NULL; p++)
        frames++;
    CHECK_MSG(frames == n_frames, "the slider has %zu positions for %zu maps", frames, n_frames);
    free(html);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_report CONFLICTMAP DATASET TMPDIR\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/report-bundle", argv[3]);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && '%s' report --dataset '%s' --width 800 --height 600 "
             "--dpi 75 -o '%s' >/dev/null", dir, argv[1], argv[2], dir);
    CHECK_MSG(system(cmd) == 0, "%s", cmd);
    cm_error err;
    cm_dataset *ds = NULL;
    cm_events ev = {0};
    cm_timeline *tl = NULL;
    cm_map *map = NULL;
    cm_map_options o;
    cm_timeline_options t;
    if (cm_dataset_load(argv[2], &ds, &err) != CM_OK ||
        cm_events_read_csv(ds->events, &ev, &err) != CM_OK ||
        (cm_dataset_timeline_options(ds, &t), 0) ||
        cm_timeline_create_with(&ev, &t, &tl, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    cm_dataset_map_options(ds, &o);
    o.width = 800;
    o.height = 600;
    o.dpi = 75;
    cm_date from, to;
    if (cm_map_create(&o, &map, &err) != CM_OK || cm_timeline_span(tl, &from, &to, &err) != CM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    size_t dated = 0;
    for (size_t i = 0; i < ev.count; i++)
        dated += ev.items[i].date != CM_DATE_NONE;
    test_file_set();
    test_maps(map, tl, from, to);
    expect_fill(map, "maps/2021-08-06.png", "AF.19", "taliban", NULL);         /* Nimroz */
    expect_fill(map, "maps/2021-08-06.png", "AF.11", "government", "taliban"); /* Herat */
    expect_fill(map, "maps/2021-08-15.png", "AF.42", "government", NULL);     /* Panjshir */
    expect_fill(map, "maps/2021-08-16.png", "AF.42", "resistance", NULL);
    expect_fill(map, "latest.png", "AF.42", "taliban", NULL);
    test_events(dated);
    test_no_bitmaps("chart.svg");
    test_no_bitmaps("latest.svg");
    test_no_bitmaps("maps/2021-08-15.svg");
    char names[256][64];
    test_pages(list("maps", names, 256) / 3);
    cm_map_free(map);
    cm_timeline_free(tl);
    cm_events_free(&ev);
    cm_dataset_free(ds);
    cm_output_release_caches();
    return check_summary("report");
}
