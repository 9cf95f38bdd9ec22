#!/bin/sh
# The main job on the bundled data: set up, build, and draw the 2021
# offensive into output/ (PNG, SVG and PDF maps for its key dates, and the
# report: a map per change, a chart, tables and output/report/index.html).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
CM="$ROOT/build/conflictmap"
OUT="$ROOT/output"
mkdir -p "$OUT"
for d in 2021-07-07 2021-08-06 2021-08-10 2021-08-13 2021-08-15 2021-09-06; do
    "$CM" render --date "$d" -o "$OUT/map-$d.png"
done
"$CM" render --date 2021-08-13 -o "$OUT/map-2021-08-13.svg"
"$CM" render --date 2021-08-13 -o "$OUT/map-2021-08-13.pdf"
"$CM" render --date 2021-08-13 --lang fr -o "$OUT/carte-2021-08-13.png"
"$CM" report -o "$OUT/report"
echo "conflictmap: maps written to $OUT:"
ls "$OUT"
