#!/bin/sh
# The second bundled war through the tool: a report, maps and frames of
# Syria say nothing of the first one (no Afghanistan, Taliban, Kabul or
# "provincial" in any text they write), name the four sides, and the
# manifest has a column per side.
# Usage: test_syria_cli.sh CONFLICTMAP SYRIA_DATASET TMPDIR
set -u
CM=$1
DS=$2
T=$3
. "$(dirname "$0")/harness.sh"
SMALL="--width 400 --height 300 --dpi 38"

"$CM" report --dataset "$DS" $SMALL -o "$T/report" >"$T/out" 2>"$T/err" && ok || bad "report: $(cat "$T/err")"
"$CM" report --dataset "$DS" $SMALL --lang fr -o "$T/rapport" >/dev/null 2>"$T/err" && ok || bad "rapport: $(cat "$T/err")"
"$CM" render --dataset "$DS" --date 2024-12-05 $SMALL -o "$T/map.svg" 2>"$T/err" && ok || bad "svg: $(cat "$T/err")"
"$CM" render --dataset "$DS" --date 2024-12-05 $SMALL --lang fr -o "$T/carte.svg" 2>"$T/err" && ok || bad "svg fr: $(cat "$T/err")"
"$CM" animate --dataset "$DS" --from 2024-11-27 --to 2024-12-09 $SMALL -o "$T/frames" >/dev/null 2>"$T/err" && ok || bad "animate: $(cat "$T/err")"

# No word of the other war in any text output.
for f in "$T/report/report.md" "$T/report/index.html" "$T/report/events.md" "$T/report/chart.svg" \
         "$T/report/latest.svg" "$T/rapport/report.md" "$T/rapport/index.html" "$T/map.svg" \
         "$T/carte.svg" "$T/frames/frames.csv" "$T/out"; do
    [ -s "$f" ] || { bad "$f missing"; continue; }
    if grep -qiE 'afghan|taliban|kabul|kaboul|provincial|provinciale' "$f"; then
        bad "$(basename "$f") speaks of the other war: $(grep -oiE '.{0,30}(afghan|taliban|kabul|kaboul|provincial|provinciale).{0,30}' "$f" | head -2)"
    else ok; fi
done
grep -q '<title>Syria, 5 December 2024</title>' "$T/map.svg" && ok || bad "SVG title"
grep -q '<title>Syrie, 5 décembre 2024</title>' "$T/carte.svg" && ok || bad "French SVG title"
grep -q 'Governorate capitals' "$T/report/report.md" && ok || bad "the dataset's unit in report.md"
grep -q 'Chefs-lieux de gouvernorat' "$T/rapport/report.md" && ok || bad "the French unit"
grep -q 'Aleppo: taken by HTS-led rebels' "$T/report/report.md" && ok || bad "Aleppo taken by the rebels"
grep -q 'Deir ez-Zor: taken by SDF (Kurdish-led)' "$T/report/report.md" && ok || bad "Deir ez-Zor taken by the SDF"
grep -q 'on 2024-12-09: HTS-led rebels 11 · SDF (Kurdish-led) 3$' "$T/out" && ok || bad "report summary: $(cat "$T/out")"
head -1 "$T/frames/frames.csv" | grep -qx 'frame,date,file,government,rebels,sdf,sna,attacked,contested,no_data' && ok || bad "manifest header: $(head -1 "$T/frames/frames.csv")"
grep -q '^10,2024-12-06,2024-12-06.png,7,4,3,0,0,0,0$' "$T/frames/frames.csv" && ok || bad "6 December counts: $(grep 2024-12-06 "$T/frames/frames.csv")"

# --title, --subtitle and --attribution override the dataset's words.
"$CM" render --dataset "$DS" --date 2024-12-08 $SMALL --title "Syrie du Nord" --subtitle "Test" \
    --attribution "Limites : geoBoundaries" -o "$T/custom.svg" 2>"$T/err" && ok || bad "custom words: $(cat "$T/err")"
grep -q '<title>Syrie du Nord, 8 December 2024</title>' "$T/custom.svg" && ok || bad "--title"

finish test_syria_cli
