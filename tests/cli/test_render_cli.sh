#!/bin/sh
# The render command: a good run writes the map; every bad input gets a
# one-line error naming the file or value, a non-zero exit, and leaves no
# output file (and no temporary file) behind.
# Usage: test_render_cli.sh CONFLICTMAP CORRUPT_DIR TMPDIR
set -u
CM=$1
CORRUPT=$2
T=$3
mkdir -p "$T"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
. "$(dirname "$0")/error_line.sh"

# expect_error NAME EXIT NEEDLE OUTPUT ARGS...: exit code, one stderr line
# containing NEEDLE, no OUTPUT file, no temporary left in its directory.
expect_error() {
    name=$1; code=$2; needle=$3; out=$4; shift 4
    rm -f "$out"
    "$CM" render "$@" -o "$out" 2>"$T/err" >/dev/null
    error_line_ok "$name" "$code" $? "$T/err" "$needle" || return
    if [ -e "$out" ]; then bad "$name: left $out"; return; fi
    dir=$(dirname "$out")
    if [ -d "$dir" ] && ls -A "$dir" | grep -q '^\.'; then bad "$name: temporary left in $dir"; return; fi
    ok
}

# A good run.
if "$CM" render --date 2021-08-13 -o "$T/good.png" 2>"$T/err" && [ -s "$T/good.png" ]; then ok
else bad "good render: $(cat "$T/err")"; fi
if "$CM" render --date 2021-08-13 --lang fr -o "$T/good.pdf" 2>"$T/err" && [ -s "$T/good.pdf" ]; then ok
else bad "good pdf: $(cat "$T/err")"; fi
if "$CM" render --date 2021-08-13 --crs EPSG:32642 --width 800 --height 600 -o "$T/utm.svg" 2>"$T/err" && [ -s "$T/utm.svg" ]; then ok
else bad "utm svg: $(cat "$T/err")"; fi
if "$CM" --help | grep -q render && "$CM" render --help | grep -q -- '--date' && "$CM" --version | grep -q '^conflictmap '; then ok
else bad "help/version"; fi

E="$T/errors"
mkdir -p "$E"
expect_error "impossible date" 3 "2021-02-30" "$E/m.png" --date 2021-02-30
expect_error "malformed date" 3 "13/08/2021" "$E/m.png" --date 13/08/2021
expect_error "unknown extension" 3 ".jpg" "$E/m.jpg" --date 2021-08-13
expect_error "no extension" 3 "unknown output extension" "$E/m" --date 2021-08-13
expect_error "unknown CRS" 3 "EPSG:999999" "$E/m.png" --date 2021-08-13 --crs EPSG:999999
expect_error "garbage CRS" 3 "not-a-crs" "$E/m.png" --date 2021-08-13 --crs not-a-crs
expect_error "unknown language" 3 "de" "$E/m.png" --date 2021-08-13 --lang de
expect_error "missing events" 4 "nope.csv" "$E/m.png" --date 2021-08-13 --events "$T/nope.csv"
expect_error "unwritable dir" 4 "$T/no/such/dir/m.png" "$T/no/such/dir/m.png" --date 2021-08-13
for c in missing_shx:4:p.shx missing_dbf:4:p.dbf missing_shp:4:p.shp \
         truncated_shp:3:p.shp truncated_shx:3:p.sh truncated_dbf:3:p.dbf \
         empty_shp:3:p.shp short_dbf:3:"33 records for 34 shapes" \
         too_many_parts:3:p.shp shx_past_end:3:p.shp dbf_count_too_large:3:p.dbf \
         dbf_field_too_wide:3:p.dbf \
         garbage_prj:3:"garbage_prj/p.prj: unknown source CRS" metres_as_degrees:3:"cannot be longitudes and latitudes" \
         grads_prj:3:"lies in province"; do
    name=${c%%:*}; rest=${c#*:}; code=${rest%%:*}; needle=${rest#*:}
    expect_error "$name" "$code" "$needle" "$E/m.png" --date 2021-08-13 --boundaries "$CORRUPT/$name/p.shp"
done
# Metres under a degrees .prj, whatever the map's CRS (issue 17 item 7).
expect_error "metres, --crs longlat" 3 "cannot be longitudes and latitudes" "$E/m.png" --date 2021-08-13 \
    --boundaries "$CORRUPT/metres_as_degrees/p.shp" --crs "+proj=longlat +datum=WGS84"

# Usage errors exit 2.
"$CM" render -o "$E/m.png" 2>/dev/null; [ $? -eq 2 ] && ok || bad "missing --date not exit 2"
"$CM" render --date 2021-08-13 --bogus -o "$E/m.png" 2>/dev/null; [ $? -eq 2 ] && ok || bad "unknown option not exit 2"
"$CM" nosuchcommand 2>/dev/null; [ $? -eq 2 ] && ok || bad "unknown command not exit 2"

# A failing render never clobbers an existing file.
echo "precious" > "$E/keep.png"
"$CM" render --date 2021-08-13 --crs EPSG:999999 -o "$E/keep.png" 2>/dev/null
[ "$(cat "$E/keep.png")" = "precious" ] && ok || bad "existing output clobbered"

# A PDF page past PDF's 14,400 pt a side is refused, with the --dpi that fits.
rm -f "$E/huge.pdf"
"$CM" render --date 2021-08-13 --width 20000 --height 20000 --dpi 18 -o "$E/huge.pdf" 2>"$E/err"
[ $? -ne 0 ] && [ ! -e "$E/huge.pdf" ] && grep -q "huge.pdf: a PDF page of 80000 x 80000 pt is larger than PDF's limit of 14400 pt (200 in) a side; raise --dpi to 100 or more" "$E/err" && ok || bad "huge PDF page: $(cat "$E/err")"
"$CM" render --date 2021-08-13 --width 20000 --height 20000 --dpi 100 -o "$E/huge.pdf" 2>"$E/err" && [ -s "$E/huge.pdf" ] && ok || bad "PDF at the limit: $(cat "$E/err")"

echo "test_render_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
