#!/bin/sh
# Set up, build, and run the whole test suite with ctest.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh" --tests
"$ROOT/scripts/build.sh"
cd "$ROOT/build"
ctest --output-on-failure -j2
