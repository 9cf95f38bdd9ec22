#!/bin/sh
# Configure and build conflictmap into build/ (Release with debug info).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$ROOT/build" -j"$(nproc 2>/dev/null || echo 2)"
