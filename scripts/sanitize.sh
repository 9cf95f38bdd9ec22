#!/bin/sh
# Build the test suite with AddressSanitizer and UBSan (gcc; any error is
# fatal) into build-asan/ and run ctest there.  The valgrind tests are left
# out of that build; the fuzz regressions run under the sanitizers too.
# Usage: scripts/sanitize.sh   (needs setup.sh --tests)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B="$ROOT/build-asan"
cmake -S "$ROOT" -B "$B" -DCM_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$B" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
cd "$B"
ctest --output-on-failure -j2
