#!/bin/sh
# Install the Debian packages conflictmap needs to build, test and render.
# Usage: scripts/setup.sh [--tests]   (--tests adds what the test suite uses)
# As root with apt-get: installs what is missing.  Otherwise: prints the
# apt-get line to run and fails if anything required is missing.
set -eu

BUILD_PKGS="build-essential cmake pkg-config libcairo2-dev libpango1.0-dev \
libshp-dev libproj-dev proj-data libutf8proc-dev libpng-dev zlib1g-dev \
libhunspell-dev hunspell-fr hunspell-en-us \
fonts-dejavu-core fonts-dejavu-extra"
# chromium: the report's web page in a headless browser; texlive-latex-base
# (about 120 MB with texlive-base and texlive-binaries): pdflatex and
# graphicx, to check that the report's PDFs drop into LaTeX.
# clang, libclang-rt-14-dev, llvm: libFuzzer targets and llvm-symbolizer;
# ffmpeg: animation videos; time: /usr/bin/time -v for the benchmarks.
TEST_PKGS="libxml2-utils poppler-utils valgrind chromium texlive-latex-base \
clang libclang-rt-14-dev llvm ffmpeg time locales"

want="$BUILD_PKGS"
if [ "${1:-}" = "--tests" ]; then
    want="$want $TEST_PKGS"
fi

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

# The tests run a host program in a French locale (test_locale): generate
# fr_FR.UTF-8 when it is missing and we may.
french_locale() {
    if [ "${1:-}" = "--tests" ] && ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' &&
        [ "$(id -u)" = "0" ] && [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null 2>&1; then
        sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/' /etc/locale.gen
        grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' >>/etc/locale.gen
        locale-gen >/dev/null && echo "setup: generated the fr_FR.UTF-8 locale"
    fi
}

if [ -z "$missing" ]; then
    echo "setup: all packages present"
    french_locale "${1:-}"
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    french_locale "${1:-}"
    echo "setup: done"
else
    echo "setup: missing packages:$missing" >&2
    echo "setup: run: sudo apt-get install$missing" >&2
    exit 1
fi
