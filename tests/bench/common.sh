# Sourced by the scaling benchmarks (after set -eu): ROOT (the sources), CM
# (the tool: the benchmark's first argument, else build/conflictmap), T (a
# scratch directory removed on exit) and median (of the numbers on standard
# input, one a line).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CM=${1:-$ROOT/build/conflictmap}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
