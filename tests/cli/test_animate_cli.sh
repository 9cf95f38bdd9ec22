#!/bin/sh
# The animate command: --changes-only keeps the dates on which a capital
# changes state, shards together make the whole, --jobs 2 writes the same
# bytes as --jobs 1, a video holds one frame per manifest row, and every
# bad option is a one-line error with exit 2 and no output at all.
# Usage: test_animate_cli.sh CONFLICTMAP TMPDIR
set -u
CM=$1
T=$2
rm -rf "$T"
mkdir -p "$T"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

SMALL="--width 480 --height 360"
AUG="--from 2021-08-01 --to 2021-08-31"

# rows FILE: the manifest without its header.
rows() { tail -n +2 "$1"; }

# same_frames DIR_A DIR_B: every frame the manifest of A lists is byte-identical in B.
same_frames() {
    for f in $(rows "$1/frames.csv" | cut -d, -f3); do
        cmp -s "$1/$f" "$2/$f" || return 1
    done
}

# The whole month, one and two jobs.
"$CM" animate $AUG $SMALL -o "$T/one" >/dev/null 2>"$T/err" && ok || bad "jobs 1: $(cat "$T/err")"
"$CM" animate $AUG $SMALL --jobs 2 -o "$T/two" >/dev/null 2>"$T/err" && ok || bad "jobs 2: $(cat "$T/err")"
[ "$(rows "$T/one/frames.csv" | wc -l)" -eq 31 ] && ok || bad "31 rows"
cmp -s "$T/one/frames.csv" "$T/two/frames.csv" && ok || bad "--jobs 2 manifest differs"
same_frames "$T/one" "$T/two" && ok || bad "--jobs 2 frames differ from --jobs 1"
[ "$(ls "$T/two" | grep -c '\.png$')" -eq 31 ] && ok || bad "31 png files"
ls -A "$T/one" "$T/two" | grep -q '^\.' && bad "temporary file left" || ok

# --changes-only: the first date and every date on which some capital changes.
"$CM" animate $AUG $SMALL --changes-only -o "$T/changes" >/dev/null 2>"$T/err" && ok || bad "changes-only: $(cat "$T/err")"
got=$(rows "$T/changes/frames.csv" | cut -d, -f2 | tr '\n' ' ')
want="2021-08-01 2021-08-03 2021-08-06 2021-08-07 2021-08-08 2021-08-09 2021-08-10 2021-08-11 2021-08-12 2021-08-13 2021-08-14 2021-08-15 2021-08-16 "
[ "$got" = "$want" ] && ok || bad "changes-only dates: $got"
[ "$(rows "$T/changes/frames.csv" | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 11 12 13 " ] && ok || bad "changes-only numbering"
# Each kept frame has the counts and the pixels of the same date in the whole run.
rows "$T/changes/frames.csv" | cut -d, -f2- | while read -r r; do
    rows "$T/one/frames.csv" | cut -d, -f2- | grep -qx "$r" || echo "$r"
done >"$T/missing"
[ ! -s "$T/missing" ] && ok || bad "changes-only rows not in the whole: $(cat "$T/missing")"
same_frames "$T/changes" "$T/one" && ok || bad "changes-only frames differ"
# A week step and a month with no change at all.
"$CM" animate --from 2021-08-01 --to 2021-08-29 --step 1w $SMALL -o "$T/weekly" >/dev/null && ok || bad "weekly"
[ "$(rows "$T/weekly/frames.csv" | cut -d, -f2 | tr '\n' ' ')" = "2021-08-01 2021-08-08 2021-08-15 2021-08-22 2021-08-29 " ] && ok || bad "weekly dates"
"$CM" animate --from 2021-10-01 --to 2021-10-31 --changes-only $SMALL -o "$T/quiet" >/dev/null && ok || bad "quiet month"
[ "$(rows "$T/quiet/frames.csv" | wc -l)" -eq 1 ] && ok || bad "a month without change has one frame"

# Shards: K/N draws frames K, K+N, ...; together they make the whole.
for k in 1 2 3; do
    "$CM" animate $AUG $SMALL --shard $k/3 -o "$T/shards" >/dev/null 2>"$T/err" || bad "shard $k: $(cat "$T/err")"
done
[ ! -e "$T/shards/frames.csv" ] && ok || bad "a shard wrote frames.csv"
[ "$(rows "$T/shards/frames-2-of-3.csv" | cut -d, -f1 | tr '\n' ' ')" = "2 5 8 11 14 17 20 23 26 29 " ] && ok || bad "shard 2/3 frames"
for k in 1 2 3; do rows "$T/shards/frames-$k-of-3.csv"; done | sort -t, -k1,1n >"$T/union"
rows "$T/one/frames.csv" | cmp -s - "$T/union" && ok || bad "union of shard manifests differs from the whole"
for f in $(cut -d, -f3 "$T/union"); do cmp -s "$T/one/$f" "$T/shards/$f" || echo "$f"; done >"$T/diff"
[ ! -s "$T/diff" ] && ok || bad "shard frames differ: $(cat "$T/diff")"
[ "$(ls "$T/shards" | grep -c '\.png$')" -eq 31 ] && ok || bad "shards wrote $(ls "$T/shards" | grep -c '\.png$') frames"

# SVG and PDF frames.
"$CM" animate --from 2021-08-12 --to 2021-08-14 --format svg $SMALL -o "$T/svg" >/dev/null && ok || bad "svg"
[ "$(rows "$T/svg/frames.csv" | cut -d, -f3 | tr '\n' ' ')" = "2021-08-12.svg 2021-08-13.svg 2021-08-14.svg " ] && ok || bad "svg names"
grep -q '<svg' "$T/svg/2021-08-13.svg" && ok || bad "svg content"
"$CM" animate --from 2021-08-14 --to 2021-08-15 --format pdf $SMALL -o "$T/pdf" >/dev/null && ok || bad "pdf"
head -c 5 "$T/pdf/2021-08-15.pdf" | grep -q '%PDF-' && ok || bad "pdf content"

# Video: one frame per manifest row, whole or nothing.
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
    nframes() { ffprobe -v error -count_frames -select_streams v:0 \
        -show_entries stream=nb_read_frames -of csv=p=0 "$1"; }
    for ext in mp4 webm gif; do
        "$CM" animate --from 2021-08-06 --to 2021-08-15 $SMALL --jobs 2 --video "$T/v/m.$ext" \
            -o "$T/v" >/dev/null 2>"$T/err"
        # The video's directory is the frames' one, created by the run.
        [ -s "$T/v/m.$ext" ] && ok || bad "video $ext: $(cat "$T/err")"
        n=$(nframes "$T/v/m.$ext")
        [ "$n" = "$(rows "$T/v/frames.csv" | wc -l)" ] && [ "$n" = 10 ] && ok || bad "$ext has $n frames"
    done
    ls -A "$T/v" | grep -q '^\.' && bad "video temporary left" || ok
    "$CM" animate --from 2021-08-06 --to 2021-08-07 $SMALL --video "$T/no/such/dir/m.mp4" \
        -o "$T/vbad" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" -eq 4 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "unwritable video: exit $rc: $(cat "$T/err")"
    [ ! -e "$T/vbad/frames.csv" ] && ok || bad "manifest written although the video failed"
else
    echo "test_animate_cli: ffmpeg/ffprobe not installed: video checks skipped (scripts/setup.sh --tests)"
fi

# Without ffmpeg on PATH: one line naming it, exit 1, nothing written.
env PATH=/nonexistent "$CM" animate $AUG --video "$T/x.mp4" -o "$T/noff" >/dev/null 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q ffmpeg "$T/err" && ok || bad "no ffmpeg: exit $rc: $(cat "$T/err")"
[ ! -e "$T/noff" ] && [ ! -e "$T/x.mp4" ] && ok || bad "no ffmpeg: output written"

# Usage errors: one line, exit 2, no directory created.
expect_usage() {
    name=$1; needle=$2; shift 2
    "$CM" animate "$@" -o "$T/bad" >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 2 ]; then bad "$name: exit $rc, want 2"; return; fi
    if [ "$(wc -l <"$T/err")" -ne 1 ]; then bad "$name: $(wc -l <"$T/err") lines: $(cat "$T/err")"; return; fi
    if ! grep -qF -- "$needle" "$T/err"; then bad "$name: '$(cat "$T/err")' lacks '$needle'"; return; fi
    if [ -e "$T/bad" ]; then bad "$name: created $T/bad"; return; fi
    ok
}
expect_usage "impossible date" 2021-02-30 --from 2021-02-30 --to 2021-03-05
expect_usage "malformed date" 2021/08/01 --from 2021/08/01 --to 2021-08-05
expect_usage "reversed range" "--from 2021-08-31 is after --to 2021-08-01" --from 2021-08-31 --to 2021-08-01
expect_usage "missing --to" "--to" --from 2021-08-01
expect_usage "step 0" "--step '0d'" $AUG --step 0d
expect_usage "step unit" "--step '1y'" $AUG --step 1y
expect_usage "step bare" "--step '3'" $AUG --step 3
expect_usage "jobs 0" "--jobs '0'" $AUG --jobs 0
expect_usage "jobs 65" "--jobs '65'" $AUG --jobs 65
expect_usage "jobs word" "--jobs 'two'" $AUG --jobs two
expect_usage "shard 0" "--shard '0/3'" $AUG --shard 0/3
expect_usage "shard K>N" "--shard '4/3'" $AUG --shard 4/3
expect_usage "shard N=0" "--shard '1/0'" $AUG --shard 1/0
expect_usage "shard form" "--shard '2'" $AUG --shard 2
expect_usage "format" "--format 'jpg'" $AUG --format jpg
expect_usage "video ext" "m.avi" $AUG --video "$T/m.avi"
expect_usage "video shard" "--shard" $AUG --shard 1/2 --video "$T/m.mp4"
expect_usage "width" "--width '10'" $AUG --width 10
"$CM" animate --help | grep -q -- '--shard K/N' && ok || bad "help"
"$CM" --help | grep -q animate && ok || bad "animate not listed"

echo "test_animate_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
