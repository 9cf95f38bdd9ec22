#!/bin/sh
# Build the libFuzzer targets of tests/fuzz with clang, ASan and UBSan into
# build-fuzz/ and run each for SECONDS (default 60), one after another.
# Fails if any target crashes, leaks, hangs or breaks a promise; the input
# that did it is written to build-fuzz/crashes/TARGET/ (copy it into
# tests/fuzz/regressions/TARGET/ with a name saying what it does, so ctest
# replays it from then on).  The corpus each run grows is kept in
# build-fuzz/corpus/TARGET/ for the next run.
# Usage: scripts/fuzz.sh [SECONDS [TARGET...]]   (needs setup.sh --tests)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
TARGETS=${*:-events gazetteer scan shapefile render article}
B="$ROOT/build-fuzz"
JOBS=$(nproc 2>/dev/null || echo 2)

# The seeds need the normal build's fixture writers.
"$ROOT/scripts/build.sh" >/dev/null
CC=clang cmake -S "$ROOT" -B "$B" -DCM_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$B" -j"$JOBS" >/dev/null
mkdir -p "$B/seeds"
"$ROOT/build/tests/make_corrupt" "$ROOT/shapefiles/afghanistan_provinces.shp" "$B/corrupt"
"$ROOT/build/tests/fuzz/fuzz_seeds" "$ROOT" "$B/corrupt" "$B/seeds"

export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
D="$ROOT/tests/fuzz/dict"
failed=""
for t in $TARGETS; do
    case $t in
    events) opts="-dict=$D/csv.dict"; seeds="$ROOT/data/events/*.csv $ROOT/tests/data/render_events.csv" ;;
    gazetteer) opts="-dict=$D/csv.dict"; seeds="$ROOT/data/gazetteer/*.csv $ROOT/tests/data/user_places.csv $ROOT/tests/data/geonames/*.txt" ;;
    scan) opts="-dict=$D/text.dict -max_len=4096"; seeds="" ;;
    shapefile) opts="-max_len=16384"; seeds="" ;;
    render) opts="-max_len=4096"; seeds="" ;;
    article) cat "$D/text.dict" "$D/article.dict" >"$B/article.dict"
        opts="-dict=$B/article.dict -max_len=65536"
        seeds="$ROOT/examples/articles/*.txt $ROOT/tests/data/articles/*.txt $ROOT/tests/data/articles-blind/*.txt
               $ROOT/tests/data/articles-dev/*.txt $ROOT/tests/data/blind-*/*.txt" ;;
    *) echo "fuzz: unknown target '$t'" >&2; exit 2 ;;
    esac
    # libFuzzer reads directories: the seed files go into seeds/TARGET.
    mkdir -p "$B/seeds/$t"
    # shellcheck disable=SC2086
    [ -z "$seeds" ] || cp $seeds "$B/seeds/$t/"
    mkdir -p "$B/corpus/$t" "$B/crashes/$t"
    log="$B/fuzz-$t.log"
    echo "fuzz: $t for ${SECONDS_EACH}s"
    # shellcheck disable=SC2086
    if "$B/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crashes/$t/" $opts \
        "$B/corpus/$t" "$B/seeds/$t" "$ROOT/tests/fuzz/regressions/$t" >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "fuzz: $t: ${execs:-?} inputs, no crash"
    else
        echo "fuzz: $t FAILED; the end of $log:" >&2
        tail -40 "$log" >&2
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: crashes in:$failed (inputs under $B/crashes/)" >&2
    exit 1
fi
