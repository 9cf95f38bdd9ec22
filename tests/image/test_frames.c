/* The fast paths draw the same pictures as the plain ones: a frame
 * renderer that redraws only what changed and writes PNGs with libpng gives,
 * pixel for pixel, the image of a fresh full redraw written by cairo's own
 * PNG writer, whatever order it draws the dates in.  Drawing by tiles looks
 * like drawing the whole page at once.  libpng files are RGB when the image
 * is opaque and un-premultiply alpha like cairo's writer otherwise.
 * Usage: test_frames DATASET TMPDIR */
#include <stdint.h>
#include <stdlib.h>

#include "conflictmap/frames.h"
#include "conflictmap/output.h"

#include "../check.h"
#include "../map_fixture.h"

static cm_map *map;
static cm_timeline *tl;
static const char *tmpdir;

/* Pixels that differ between two images of one size, the largest
 * difference of a channel, and (when far is not NULL) how many pixels
 * differ by more than 32 in some channel; -1 if the sizes differ. */
static long image_diff_far(cairo_surface_t *a, cairo_surface_t *b, int *max_channel, long *far)
{
    const int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b))
        return -1;
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    const unsigned char *pa = cairo_image_surface_get_data(a);
    const unsigned char *pb = cairo_image_surface_get_data(b);
    const int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    long n = 0;
    *max_channel = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *ra = (const uint32_t *)(pa + (size_t)y * (size_t)sa);
        const uint32_t *rb = (const uint32_t *)(pb + (size_t)y * (size_t)sb);
        for (int x = 0; x < w; x++) {
            if (ra[x] == rb[x])
                continue;
            n++;
            int most = 0;
            for (int s = 0; s < 32; s += 8) {
                const int d = abs((int)(ra[x] >> s & 0xFF) - (int)(rb[x] >> s & 0xFF));
                most = d > most ? d : most;
            }
            *max_channel = most > *max_channel ? most : *max_channel;
            if (far && most > 32)
                ++*far;
        }
    }
    return n;
}

static long image_diff(cairo_surface_t *a, cairo_surface_t *b, int *max_channel)
{
    return image_diff_far(a, b, max_channel, NULL);
}

static cairo_surface_t *decode(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    CHECK_MSG(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "%s: %s", path,
              cairo_status_to_string(cairo_surface_status(s)));
    return s;
}

/* The PNG colour type byte of the IHDR chunk (2 RGB, 6 RGBA). */
static int png_colour_type(const char *path)
{
    size_t len = 0;
    char *buf = check_slurp(path, &len);
    const int t = buf && len > 25 ? (unsigned char)buf[25] : -1;
    free(buf);
    return t;
}

/* The plain path for date: a fresh full redraw written by cairo. */
static cairo_surface_t *reference(cm_date date, cm_lang lang)
{
    char path[4096];
    cm_error err;
    cm_output_options o;
    cm_output_options_init(&o);
    o.png_writer = CM_PNG_CAIRO;
    snprintf(path, sizeof path, "%s/reference.png", tmpdir);
    CHECK_MSG(cm_output_write_opts(map, tl, date, lang, path, &o, &err) == CM_OK, "%s",
              err.message);
    return decode(path);
}

/* Draw n dates in the given order with one renderer; compare each frame
 * file with the plain path's.  Returns the frames that differ. */
static int check_order(const char *name, const cm_date *dates, size_t n, cm_lang lang,
                       int compression)
{
    cm_frame_renderer *fr = NULL;
    cm_error err;
    cm_output_options o;
    cm_output_options_init(&o);
    o.png_compression = compression;
    CHECK_MSG(cm_frame_renderer_create(map, tl, lang, &o, &fr, &err) == CM_OK, "%s", err.message);
    int bad = 0;
    char path[4096], iso[CM_DATE_ISO_LEN];
    snprintf(path, sizeof path, "%s/frame.png", tmpdir);
    for (size_t i = 0; fr && i < n; i++) {
        cm_counts counts;
        CHECK_MSG(cm_frame_renderer_write(fr, dates[i], path, &counts, &err) == CM_OK, "%s",
                  err.message);
        CHECK_MSG(png_colour_type(path) == 2, "%s: opaque frame not written as RGB", name);
        cairo_surface_t *fast = decode(path), *plain = reference(dates[i], lang);
        int maxc = 0;
        const long diff = image_diff(fast, plain, &maxc);
        cm_date_format_iso(dates[i], iso);
        CHECK_MSG(diff == 0, "%s, frame %zu (%s): %ld pixels differ (by up to %d)", name, i,
                  iso, diff, maxc);
        bad += diff != 0;
        cairo_surface_destroy(fast);
        cairo_surface_destroy(plain);
    }
    cm_frame_renderer_free(fr);
    return bad;
}

static cm_date day(const char *iso)
{
    cm_date d = 0;
    cm_date_parse(iso, &d, NULL, NULL);
    return d;
}

static void test_orders(void)
{
    enum { N = 31 };
    cm_date seq[N], odd[N], shuffled[N];
    const cm_date first = day("2021-08-01");
    size_t n_odd = 0;
    for (int i = 0; i < N; i++) {
        seq[i] = first + i;
        if (i % 2 == 0)
            odd[n_odd++] = first + i; /* what one of two jobs draws */
        /* Backwards and forwards across the busiest days, with repeats. */
        shuffled[i] = first + (i * 17) % N;
    }
    shuffled[5] = shuffled[4];
    CHECK(check_order("in order", seq, N, CM_LANG_EN, 1) == 0);
    CHECK(check_order("every other day", odd, n_odd, CM_LANG_EN, 1) == 0);
    CHECK(check_order("shuffled", shuffled, N, CM_LANG_EN, 6) == 0);
    const cm_date fr_days[] = {day("2021-07-07"), day("2021-07-08"), day("2021-08-14"),
                               day("2021-08-15")};
    CHECK(check_order("French", fr_days, 4, CM_LANG_FR, 0) == 0);
}

/* Tiles drawn one by one look like the page drawn at once: cairo's
 * antialiasing of edges crossing a tile's border and of a few stroke
 * corners differs under a clip (by a level or two, a handful by more),
 * nothing is missing or moved. */
static void test_tiles_like_whole(void)
{
    const cm_date d = day("2021-08-13");
    cm_error err;
    cairo_surface_t *tiled = NULL;
    CHECK(cm_output_image(map, tl, d, CM_LANG_EN, &tiled, &err) == CM_OK);
    cairo_surface_t *whole =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, map->opts.width, map->opts.height);
    cairo_t *cr = cairo_create(whole);
    cairo_scale(cr, map->opts.dpi / 72.0, map->opts.dpi / 72.0);
    CHECK(cm_render_draw(cr, map, tl, d, CM_LANG_EN, &err) == CM_OK);
    cairo_destroy(cr);
    int maxc = 0;
    long far = 0;
    const long diff = tiled ? image_diff_far(tiled, whole, &maxc, &far) : -1;
    const long pixels = (long)map->opts.width * map->opts.height;
    printf("tiles vs whole page: %ld of %ld pixels differ, %ld by more than 32, by up to %d\n",
           diff, pixels, far, maxc);
    CHECK_MSG(diff >= 0 && diff < pixels / 200, "%ld pixels differ", diff);
    CHECK_MSG(far <= 20, "%ld pixels differ by more than 32", far);
    CHECK_MSG(maxc <= 96, "a pixel differs by %d", maxc);
    if (tiled)
        cairo_surface_destroy(tiled);
    cairo_surface_destroy(whole);
}

/* Frame path and the plain path's image for the same date are the same. */
static void expect_reference(const char *name, const char *path, cm_date date)
{
    char iso[CM_DATE_ISO_LEN];
    cairo_surface_t *fast = decode(path), *plain = reference(date, CM_LANG_EN);
    int maxc = 0;
    const long diff = image_diff(fast, plain, &maxc);
    cm_date_format_iso(date, iso);
    CHECK_MSG(diff == 0, "%s (%s): %ld pixels differ (by up to %d)", name, iso, diff, maxc);
    cairo_surface_destroy(fast);
    cairo_surface_destroy(plain);
}

/* As animate --jobs 2 does: a renderer drawing its first frame with three
 * threads, then two renderers starting from copies of it, taking every
 * other day. */
static void test_seeded(void)
{
    cm_output_options o;
    cm_error err;
    cm_output_options_init(&o);
    o.threads = 3;
    cm_frame_renderer *seed = NULL, *r[2] = {NULL, NULL}, *fr = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/seeded.png", tmpdir);
    const cm_date first = day("2021-08-01");
    CHECK(cm_frame_renderer_create(map, tl, CM_LANG_EN, &o, &seed, &err) == CM_OK);
    CHECK(seed && cm_frame_renderer_write(seed, first, path, NULL, &err) == CM_OK);
    expect_reference("seed", path, first);
    for (int k = 0; seed && k < 2; k++) {
        CHECK(cm_frame_renderer_create(map, tl, CM_LANG_EN, NULL, &r[k], &err) == CM_OK);
        CHECK(r[k] && cm_frame_renderer_copy_from(r[k], seed, &err) == CM_OK);
    }
    for (int i = 1; r[0] && r[1] && i < 16; i++) {
        CHECK(cm_frame_renderer_write(r[i % 2], first + i, path, NULL, &err) == CM_OK);
        expect_reference(i % 2 ? "second copy" : "first copy", path, first + i);
    }
    CHECK(cm_frame_renderer_create(map, tl, CM_LANG_FR, NULL, &fr, &err) == CM_OK);
    CHECK(fr && seed && cm_frame_renderer_copy_from(fr, seed, &err) == CM_ERR_INVALID);
    cm_frame_renderer_free(fr);
    cm_frame_renderer_free(r[0]);
    cm_frame_renderer_free(r[1]);
    cm_frame_renderer_free(seed);
}

/* Drawing and compressing with several threads writes the same bytes as
 * with one, and the same pixels as the plain path. */
static void test_threads(void)
{
    const cm_date days[] = {day("2021-08-06"), day("2021-08-14")};
    char one[4096], three[4096];
    snprintf(one, sizeof one, "%s/threads-1.png", tmpdir);
    snprintf(three, sizeof three, "%s/threads-3.png", tmpdir);
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        cm_output_options o;
        cm_error err;
        cm_output_options_init(&o);
        CHECK(cm_output_write_opts(map, tl, days[i], CM_LANG_EN, one, &o, &err) == CM_OK);
        o.threads = 3;
        CHECK_MSG(cm_output_write_opts(map, tl, days[i], CM_LANG_EN, three, &o, &err) == CM_OK,
                  "%s", err.message);
        size_t n1 = 0, n3 = 0;
        char *b1 = check_slurp(one, &n1), *b3 = check_slurp(three, &n3);
        CHECK_MSG(b1 && b3 && n1 == n3 && memcmp(b1, b3, n1) == 0,
                  "3 threads wrote other bytes (%zu vs %zu)", n3, n1);
        free(b1);
        free(b3);
        expect_reference("3 threads", three, days[i]);
    }
}

/* A translucent image: libpng's RGBA decodes like cairo's own file. */
static void test_translucent(void)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 48);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgba(cr, 0.8, 0.2, 0.1, 0.5);
    cairo_arc(cr, 32, 24, 20, 0, 6.3);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 0.1, 0.5, 0.9, 0.07);
    cairo_rectangle(cr, 4, 4, 40, 30);
    cairo_fill(cr);
    cairo_destroy(cr);
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/translucent-libpng.png", tmpdir);
    snprintf(b, sizeof b, "%s/translucent-cairo.png", tmpdir);
    cm_output_options o;
    cm_output_options_init(&o);
    cm_error err;
    CHECK(cm_output_write_image(img, a, &o, &err) == CM_OK);
    o.png_writer = CM_PNG_CAIRO;
    CHECK(cm_output_write_image(img, b, &o, &err) == CM_OK);
    CHECK(png_colour_type(a) == 6);
    cairo_surface_t *da = decode(a), *db = decode(b);
    int maxc = 0;
    const long diff = image_diff(da, db, &maxc);
    CHECK_MSG(diff == 0, "translucent: %ld pixels differ by up to %d", diff, maxc);
    cairo_surface_destroy(da);
    cairo_surface_destroy(db);
    o.png_compression = 10;
    CHECK(cm_output_write_image(img, a, &o, &err) == CM_ERR_INVALID);
    cairo_surface_destroy(img);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_frames DATASET TMPDIR\n");
        return 2;
    }
    tmpdir = argv[2];
    cm_error err;
    map_fixture fx = {0};
    if (map_fixture_load(&fx, argv[1], NULL, &err) != CM_OK) {
        fprintf(stderr, "test_frames: %s\n", err.message);
        return 1;
    }
    map = fx.map;
    tl = fx.timeline;
    test_translucent();
    test_threads();
    test_seeded();
    test_tiles_like_whole();
    test_orders();
    map_fixture_free(&fx);
    cm_output_release_caches();
    return check_summary("frames");
}
