#!/bin/sh
# The main job on the bundled data: set up, build, and draw the 2021
# offensive into output/ (then Syria 2024 into output/syria/): PNG, SVG
# and PDF maps for its key dates; the
# report of the bundled timeline with the events of the sample articles in
# examples/articles (a map per change, a chart, tables,
# output/report/index.html); and a frame for every day of August 2021.
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
"$CM" extract -o "$OUT/events-from-articles.csv" "$ROOT"/examples/articles/*.txt
"$CM" report -o "$OUT/report" "$ROOT"/examples/articles/*.txt
"$CM" animate --from 2021-08-01 --to 2021-08-31 --jobs 2 -o "$OUT/frames"
# The second bundled war: Syria, 27 November - 9 December 2024.
SY="$ROOT/data/syria-2024.dataset"
mkdir -p "$OUT/syria"
for d in 2024-11-26 2024-11-30 2024-12-05 2024-12-07 2024-12-08 2024-12-09; do
    "$CM" render --dataset "$SY" --date "$d" -o "$OUT/syria/map-$d.png"
done
"$CM" render --dataset "$SY" --date 2024-12-07 -o "$OUT/syria/map-2024-12-07.svg"
"$CM" render --dataset "$SY" --date 2024-12-07 --lang fr -o "$OUT/syria/carte-2024-12-07.pdf"
"$CM" report --dataset "$SY" -o "$OUT/syria/report"
echo "conflictmap: maps written to $OUT:"
ls "$OUT"
