#!/bin/sh
# Messages that say why (issue 17 item 13): every error names the user's
# own path and the system's reason, and prints untrusted bytes escaped.
# Usage: test_messages.sh CONFLICTMAP SOURCE_DIR TMPDIR
set -u
CM=$1
SRC=$2
T=$3
umount "$T/full" 2>/dev/null # left by a run that was killed
. "$(dirname "$0")/harness.sh"
SMALL="--width 400 --height 300 --dpi 38"
ESC=$(printf '\033')

# A terminal escape in a file name is written \x1B, never raw.
"$CM" render --date 2021-08-13 $SMALL --events "$T/x${ESC}[31m.csv" -o "$T/m.png" 2>"$T/err"
grep -q 'x\\x1B\[31m.csv: No such file or directory' "$T/err" && ! grep -q "$ESC" "$T/err" && ok ||
    bad "escape in a name: $(od -c "$T/err" | head -3)"

# A garbage .prj: named as itself (not "p.shp.prj"), its bytes escaped.
mkdir -p "$T/prj"
for ext in shp shx dbf; do cp "$SRC/shapefiles/afghanistan_provinces.$ext" "$T/prj/p.$ext"; done
printf '\001garbage\377' >"$T/prj/p.prj"
"$CM" render --date 2021-08-13 $SMALL --boundaries "$T/prj/p.shp" -o "$T/m.png" 2>"$T/err"
grep -q "prj/p.prj: unknown source CRS '\\\\x01garbage\\\\xFF'" "$T/err" && ok || bad "garbage .prj: $(cat "$T/err")"

# An empty path in a dataset: its file and line, not ": cannot open".
printf 'provinces =\ngazetteer = %s/data/gazetteer/afghanistan.csv\n' "$SRC" >"$T/empty.dataset"
"$CM" render --dataset "$T/empty.dataset" --date 2021-08-13 -o "$T/m.png" 2>"$T/err"
grep -q "empty.dataset:1: provinces names no file" "$T/err" && ok || bad "empty provinces: $(cat "$T/err")"

# A full disk: the system's reason, and the report names its own path, not
# its hidden stage.  Needs a small tmpfs (root); said when skipped.
mkdir -p "$T/full"
if mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
    for ext in png pdf svg; do
        "$CM" render --date 2021-08-13 -o "$T/full/m.$ext" 2>"$T/err"
        grep -q "full/m.$ext: cannot write: No space left on device" "$T/err" && ok ||
            bad "full disk $ext: $(cat "$T/err")"
    done
    "$CM" report -o "$T/full/rep" 2>"$T/err" >/dev/null
    grep -q "full/rep/maps/[0-9-]*\.[a-z]*: cannot write: No space left on device" "$T/err" && ok ||
        bad "full disk report: $(cat "$T/err")"
    [ -z "$(ls -A "$T/full")" ] && ok || bad "full disk left: $(ls -A "$T/full")"
    umount "$T/full"
else
    echo "test_messages: full-disk checks skipped (no tmpfs mount: not root)"
fi

finish test_messages
