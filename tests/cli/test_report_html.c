/* The report's index.html in a real browser (headless Chromium): opened
 * from disk with no network, it shows the latest map by default and the
 * map of an earlier day when the URL names it (index.html#2021-08-06).
 * The two screenshots differ where the map is: the early one has a little
 * of the 'fallen' colour (Nimroz) and much government-held land, the
 * default one is mostly 'fallen'; the page's date, counts and list of
 * changes follow.  Exits 77 (skipped) when Chromium is not installed.
 * Usage: test_report_html CONFLICTMAP DATASET CHROMIUM TMPDIR */
#include <stdlib.h>
#include <unistd.h>

#include <cairo.h>

#include "conflictmap/style.h"

#include "../check.h"
#include "../pixels.h"

#define SKIP 77

static const char *chromium, *tmp;
static char dir[1024];

/* Run chromium on index.html#fragment with extra args (screenshot or
 * DOM dump to out). */
static int browse(const char *fragment, const char *what, const char *out)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "timeout 120 '%s' --headless --no-sandbox --disable-gpu --hide-scrollbars "
             "--no-first-run --user-data-dir='%s/chromium-profile' --window-size=1280,780 "
             "%s 'file://%s/index.html%s%s' >'%s.out' 2>'%s.log'",
             chromium, tmp, what, dir, fragment[0] ? "#" : "", fragment, out, out);
    return system(cmd);
}

static int screenshot(const char *fragment, const char *png)
{
    char what[2200];
    snprintf(what, sizeof what, "--screenshot='%s'", png);
    return browse(fragment, what, png);
}

/* The page's DOM after its script ran, or NULL. */
static char *dom(const char *fragment, const char *name)
{
    char out[2048], path[2100];
    size_t len;
    snprintf(out, sizeof out, "%s/%s", tmp, name);
    if (browse(fragment, "--dump-dom", out) != 0)
        return NULL;
    snprintf(path, sizeof path, "%s.out", out);
    return check_slurp(path, &len);
}

/* Pixels within 6 of colour in each channel. */
static long count_colour(const char *png, unsigned colour)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    long n = -1;
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        n = 0;
        const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                n += pixels_match(pixels_rgb(img, x, y), colour, 6);
    }
    cairo_surface_destroy(img);
    return n;
}

static void test_dom(void)
{
    char *late = dom("", "late-dom"), *early = dom("2021-08-06", "early-dom");
    char *between = dom("2021-08-20", "between-dom");
    CHECK_MSG(late && strstr(late, "<output id=\"date\">6 September 2021</output>"),
              "default date");
    CHECK(late && strstr(late, "<p id=\"summary\">Taliban 34</p>"));
    CHECK(late && strstr(late, "<li>Bazarak: taken by Taliban</li>"));
    CHECK_MSG(early && strstr(early, "<output id=\"date\">6 August 2021</output>"),
              "the fragment's date");
    CHECK(early && strstr(early, "src=\"maps/2021-08-06.png\""));
    CHECK(early && strstr(early, "Government 28 \u00b7 attacked 4 \u00b7 Taliban 1 \u00b7 contested 1"));
    CHECK(early && strstr(early, "<li>Zaranj: taken by Taliban</li>"));
    CHECK(early && strstr(early, "id=\"count-1\">1<")); /* the Taliban's row */
    /* A day without a change shows the last change before it: the
     * resistance holding Panjshir's capital once the government is gone. */
    CHECK(between && strstr(between, "<output id=\"date\">16 August 2021</output>"));
    CHECK(between && strstr(between, "Taliban 33 \u00b7 Resistance (NRF) 1"));
    CHECK(between && strstr(between, "<li>Bazarak: taken by Resistance (NRF)</li>"));
    free(late);
    free(early);
    free(between);
}

static void test_screenshots(void)
{
    char late[2048], early[2048];
    snprintf(late, sizeof late, "%s/late.png", tmp);
    snprintf(early, sizeof early, "%s/early.png", tmp);
    CHECK(screenshot("", late) == 0);
    CHECK(screenshot("2021-08-06", early) == 0);
    const unsigned fallen = cm_style_state(CM_STATE_FALLEN)->hex;
    const unsigned gov = cm_style_state(CM_STATE_GOVERNMENT)->hex;
    const long f_late = count_colour(late, fallen), f_early = count_colour(early, fallen);
    const long g_late = count_colour(late, gov), g_early = count_colour(early, gov);
    printf("fallen pixels: %ld early, %ld late; government-held: %ld early, %ld late\n",
           f_early, f_late, g_early, g_late);
    CHECK_MSG(f_early > 500, "Nimroz is fallen on 6 August (%ld pixels)", f_early);
    CHECK_MSG(f_late > 5 * f_early, "most of the map is fallen at the end");
    CHECK_MSG(g_early > 5 * (g_late + 1), "most of the map is government-held on 6 August");
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_report_html CONFLICTMAP DATASET CHROMIUM TMPDIR\n");
        return 2;
    }
    chromium = argv[3];
    tmp = argv[4];
    if (!chromium[0] || access(chromium, X_OK) != 0) {
        printf("chromium not found: skipped\n");
        return SKIP;
    }
    if (tmp[0] != '/') {
        fprintf(stderr, "TMPDIR must be absolute\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/bundle", tmp);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && '%s' report --dataset '%s' "
             "--width 800 --height 600 --dpi 75 -o '%s' >/dev/null", tmp, tmp, argv[1], argv[2],
             dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "failed: %s\n", cmd);
        return 1;
    }
    test_dom();
    test_screenshots();
    return check_summary("report_html");
}
