#!/bin/sh
# The installed library and tool, as a user of them meets them (issue 15):
# a C program that draws on its own cairo surface builds against the
# installed library with pkg-config and with CMake's find_package, and
# runs; the installed tool, moved elsewhere, reads its own data, not the
# sources'.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR TMPDIR
set -u
B=$1
SRC=$2
T=$3
. "$(dirname "$0")/harness.sh"
P="$T/prefix"
cmake --install "$B" --prefix "$P" >/dev/null 2>"$T/err" && ok || bad "install: $(cat "$T/err")"
LIBDIR=$(dirname "$(find "$P" -name conflictmap.pc | head -1)")/..

cat >"$T/use.c" <<'EOF'
/* Draw the bundled map of 2021-08-13 (its dataset) on our own cairo image
 * surface. */
#include <cairo.h>
#include <stdio.h>
#include <conflictmap/dataset.h>
#include <conflictmap/events.h>
#include <conflictmap/map.h>
#include <conflictmap/render.h>
#include <conflictmap/timeline.h>

int main(int argc, char **argv)
{
    (void)argc;
    char path[4096];
    snprintf(path, sizeof path, "%s/data/default.dataset", argv[1]);
    cm_error err;
    cm_dataset *ds = NULL;
    cm_map *map = NULL;
    cm_events ev = {0};
    cm_timeline *tl = NULL;
    cm_map_options o;
    cm_timeline_options to;
    cm_date date;
    cm_status st = cm_dataset_load(path, &ds, &err);
    if (st == CM_OK) {
        cm_dataset_map_options(ds, &o);
        cm_dataset_timeline_options(ds, &to);
        st = cm_map_create(&o, &map, &err);
    }
    if (st == CM_OK)
        st = cm_events_read_csv(ds->events, &ev, &err);
    if (st == CM_OK)
        st = cm_timeline_create_with(&ev, &to, &tl, &err);
    if (st == CM_OK)
        st = cm_date_parse("2021-08-13", &date, NULL, &err);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 300);
    if (st == CM_OK) {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, 400 / map->page_w, 300 / map->page_h);
        st = cm_render_draw(cr, map, tl, date, CM_LANG_EN, &err);
        cairo_destroy(cr);
    }
    const int ok = st == CM_OK && cairo_surface_write_to_png(s, argv[2]) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    cm_timeline_free(tl);
    cm_events_free(&ev);
    cm_map_free(map);
    cm_dataset_free(ds);
    if (!ok)
        fprintf(stderr, "%s\n", st == CM_OK ? "cannot write the PNG" : err.message);
    return ok ? 0 : 1;
}
EOF

# pkg-config: cairo is in the public headers, so it comes with the flags.
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
if cc -std=c11 -o "$T/use-pc" "$T/use.c" $(pkg-config --cflags --libs conflictmap) 2>"$T/err"; then ok
else bad "pkg-config build: $(cat "$T/err")"; fi
LD_LIBRARY_PATH="$LIBDIR" "$T/use-pc" "$SRC" "$T/pc.png" 2>"$T/err" && [ -s "$T/pc.png" ] && ok ||
    bad "pkg-config program: $(cat "$T/err")"

# CMake: find_package(conflictmap) and its imported target.
mkdir -p "$T/cm"
cp "$T/use.c" "$T/cm/use.c"
cat >"$T/cm/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.18)
project(use C)
find_package(conflictmap 0.1 REQUIRED)
add_executable(use use.c)
target_link_libraries(use PRIVATE conflictmap::conflictmap)
EOF
if cmake -S "$T/cm" -B "$T/cm/build" -DCMAKE_PREFIX_PATH="$P" >"$T/err" 2>&1 &&
    cmake --build "$T/cm/build" >>"$T/err" 2>&1; then ok
else bad "find_package build: $(tail -5 "$T/err")"; fi
"$T/cm/build/use" "$SRC" "$T/cmake.png" 2>"$T/err" && [ -s "$T/cmake.png" ] && ok ||
    bad "find_package program: $(cat "$T/err")"

# The installed tool, moved: its own data (a title changed in the copy
# shows on the map), not the source tree's.
mv "$P" "$T/moved"
D="$T/moved/share/conflictmap/data/default.dataset"
sed -i 's/^title_en *=.*/title_en = Installed copy/' "$D"
( cd / && "$T/moved/bin/conflictmap" render --date 2021-08-13 --width 400 --height 300 --dpi 38 \
    -o "$T/installed.svg" ) 2>"$T/err" && grep -q "<title>Installed copy" "$T/installed.svg" && ok ||
    bad "installed tool's data: $(cat "$T/err") $(grep -o '<title>[^<]*' "$T/installed.svg" 2>/dev/null)"

finish test_install
