#!/bin/sh
# Benchmarks (not tests): build in Release and run each driver.
# Usage: tests/bench/run.sh   (prints the figures quoted in README.md)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B="$ROOT/build-bench"
cmake -S "$ROOT" -B "$B" -DCMAKE_BUILD_TYPE=Release -DCM_BUILD_BENCH=ON >/dev/null
cmake --build "$B" -j2 --target bench_scan bench_extract >/dev/null
echo "== scanning: 50 MB generated corpus, 100,000 generated names"
"$B/tests/bench_scan" 50 100000 3
echo "== extraction: 100 MB generated corpus of articles, bundled gazetteer and lexicon"
"$B/tests/bench_extract" "$ROOT/data/gazetteer/afghanistan.csv" "$ROOT/data/lexicon/events.csv" 100 3
