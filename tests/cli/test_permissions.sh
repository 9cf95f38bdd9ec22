#!/bin/sh
# Outputs respect the umask (a map, a report bundle and its files) and a
# replaced file keeps its mode; they used to be forced to 0644 and 0755.
# Usage: test_permissions.sh CONFLICTMAP TMPDIR
set -u
CM=$1
T=$2
. "$(dirname "$0")/harness.sh"
SMALL="--width 400 --height 300 --dpi 38"
mode() { stat -c %a "$1"; }
( umask 077; "$CM" render --date 2021-08-13 $SMALL -o "$T/private.png" && "$CM" report $SMALL -o "$T/rep" >/dev/null )
[ "$(mode "$T/private.png")" = 600 ] && ok || bad "umask 077 map: $(mode "$T/private.png")"
[ "$(mode "$T/rep")" = 700 ] && [ "$(mode "$T/rep/maps")" = 700 ] && ok || bad "umask 077 bundle: $(mode "$T/rep") $(mode "$T/rep/maps")"
[ "$(mode "$T/rep/index.html")" = 600 ] && ok || bad "umask 077 bundle file: $(mode "$T/rep/index.html")"
( umask 022; "$CM" render --date 2021-08-13 $SMALL -o "$T/public.svg" )
[ "$(mode "$T/public.svg")" = 644 ] && ok || bad "umask 022: $(mode "$T/public.svg")"
: >"$T/shared.pdf"
chmod 664 "$T/shared.pdf"
( umask 077; "$CM" render --date 2021-08-13 $SMALL -o "$T/shared.pdf" )
[ "$(mode "$T/shared.pdf")" = 664 ] && ok || bad "replaced file's mode: $(mode "$T/shared.pdf")"
finish test_permissions
