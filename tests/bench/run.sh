#!/bin/sh
# Benchmarks (not tests): build in Release and run each driver.
# Usage: tests/bench/run.sh [scan|extract|render]   (default all; prints the
# figures quoted in README.md).  The render figures need /usr/bin/time
# (package 'time', installed by scripts/setup.sh --tests).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B="$ROOT/build-bench"
WHAT=${1:-all}
cmake -S "$ROOT" -B "$B" -DCMAKE_BUILD_TYPE=Release -DCM_BUILD_BENCH=ON >/dev/null
cmake --build "$B" -j2 --target bench_scan bench_extract bench_render bench_exec conflictmap >/dev/null

if [ "$WHAT" = all ] || [ "$WHAT" = scan ]; then
    echo "== scanning: 50 MB generated corpus, 100,000 generated names"
    "$B/tests/bench_scan" 50 100000 3
fi
if [ "$WHAT" = all ] || [ "$WHAT" = extract ]; then
    echo "== extraction: 100 MB generated corpus of articles, bundled gazetteer and lexicon"
    "$B/tests/bench_extract" "$ROOT/data/gazetteer/afghanistan.csv" "$ROOT/data/lexicon/events.csv" 100 3
    echo "== extraction: 100 MB of the test corpora's articles in turn (dev corpus, blind batches, examples)"
    "$B/tests/bench_extract" "$ROOT/data/gazetteer/afghanistan.csv" "$ROOT/data/lexicon/events.csv" 100 3 \
        "$ROOT"/tests/data/articles*/*.txt "$ROOT"/tests/data/blind-*/*.txt "$ROOT"/examples/articles/*.txt
fi
[ "$WHAT" = all ] || [ "$WHAT" = render ] || exit 0

CM="$B/conflictmap"
T="$B/bench-tmp"
rm -rf "$T"
mkdir -p "$T"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== drawing: 1600x1200, the 34 provinces, 2021-08-01..2021-08-31 (in-process)"
"$B/tests/bench_render" "$ROOT/data/default.dataset" "$T" 3

# median FILE: the middle line of a column of numbers.
median() { sort -n "$1" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# timed N FILE CMD...: run CMD N times; wall and user+sys seconds to FILE.w, FILE.c.
timed() {
    n=$1; f=$2; shift 2
    : >"$f.w"; : >"$f.c"
    i=0
    while [ "$i" -lt "$n" ]; do
        /usr/bin/time -f "%e %U %S" -o "$f.t" "$@" >/dev/null
        awk '{print $1 >> "'"$f.w"'"; print $2 + $3 >> "'"$f.c"'"}' "$f.t"
        i=$((i + 1))
    done
}

echo "== conflictmap animate, August 2021 (31 frames, PNG), whole process, median of 5"
for jobs in 1 2; do
    timed 5 "$T/anim$jobs" "$CM" animate --from 2021-08-01 --to 2021-08-31 --jobs "$jobs" -o "$T/anim$jobs"
    w=$(median "$T/anim$jobs.w"); c=$(median "$T/anim$jobs.c")
    awk -v j="$jobs" -v w="$w" -v c="$c" 'BEGIN {printf "--jobs %d: %.3f s wall (%.1f ms per frame, %.1f frames/s), %.3f s CPU\n", j, w, w * 1000 / 31, 31 / w, c}'
done

echo "== conflictmap render --date 2021-08-13 -o map.png, whole process (start-up, loading, drawing, writing)"
"$B/tests/bench_exec" 41 "$CM" render --date 2021-08-13 -o "$T/map.png"
echo "== the same, start-up alone: conflictmap --version"
"$B/tests/bench_exec" 41 "$CM" --version

echo "== peak resident memory of animate (/usr/bin/time -v)"
for run in "10 2021-01-10 1" "1000 2023-09-27 1" "10 2021-01-10 2" "1000 2023-09-27 2"; do
    set -- $run
    rm -rf "$T/rss"
    /usr/bin/time -v "$CM" animate --from 2021-01-01 --to "$2" --jobs "$3" -o "$T/rss" >/dev/null 2>"$T/rss.log"
    kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$T/rss.log")
    wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$T/rss.log")
    awk -v n="$1" -v j="$3" -v kb="$kb" -v w="$wall" 'BEGIN {printf "%5d frames, --jobs %d: %.1f MiB peak RSS (%s wall)\n", n, j, kb / 1024, w}'
done
rm -rf "$T/rss"
