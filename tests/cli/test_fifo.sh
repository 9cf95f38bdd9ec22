#!/bin/sh
# A path that is not a regular file (a FIFO nobody writes to, a directory)
# gets a one-line error naming it, at once: no reader blocks on it.  Each
# run is under a timeout; a hang fails the test.
# Usage: test_fifo.sh CONFLICTMAP SOURCE_DIR TMPDIR
set -u
CM=$1
SRC=$2
T=$3
. "$(dirname "$0")/harness.sh"
mkfifo "$T/fifo.csv" "$T/fifo.txt" "$T/fifo.dataset"
mkdir -p "$T/shp" "$T/dbf"
for ext in shp shx dbf prj cpg; do cp "$SRC/shapefiles/afghanistan_provinces.$ext" "$T/shp/p.$ext"; cp "$SRC/shapefiles/afghanistan_provinces.$ext" "$T/dbf/p.$ext"; done
rm "$T/shp/p.shx" "$T/dbf/p.dbf"
mkfifo "$T/shp/p.shx" "$T/dbf/p.dbf"
SMALL="--width 400 --height 300 --dpi 38"

# run NAME NEEDLE ARGS...: exit 3 or 4 within 20 s, one line naming NEEDLE.
run() {
    name=$1; needle=$2; shift 2
    timeout 20 "$CM" "$@" 2>"$T/err" >/dev/null
    rc=$?
    if [ "$rc" -eq 124 ]; then bad "$name: hung"; return; fi
    if [ "$rc" -ne 4 ]; then bad "$name: exit $rc, want 4: $(cat "$T/err")"; return; fi
    error_line_ok "$name" 4 "$rc" "$T/err" "$needle" && ok
}
run "events FIFO" "fifo.csv: not a regular file (a FIFO)" render --events "$T/fifo.csv" --date 2021-08-13 $SMALL -o "$T/a.png"
run "gazetteer FIFO" "fifo.csv: not a regular file (a FIFO)" render --gazetteer "$T/fifo.csv" --date 2021-08-13 $SMALL -o "$T/b.png"
run "dataset FIFO" "fifo.dataset: not a regular file (a FIFO)" render --dataset "$T/fifo.dataset" --date 2021-08-13 $SMALL -o "$T/c.png"
run "article FIFO" "fifo.txt: not a regular file (a FIFO)" extract "$T/fifo.txt"
run "lexicon FIFO" "fifo.csv: not a regular file (a FIFO)" extract --lexicon "$T/fifo.csv" "$SRC/examples/articles/"*.txt
run ".shx FIFO" "p.shx: not a regular file (a FIFO)" render --boundaries "$T/shp/p.shp" --date 2021-08-13 $SMALL -o "$T/d.png"
run ".dbf FIFO" "p.dbf: not a regular file (a FIFO)" render --boundaries "$T/dbf/p.shp" --date 2021-08-13 $SMALL -o "$T/e.png"
run "events directory" "not a regular file (a directory)" render --events "$T/shp" --date 2021-08-13 $SMALL -o "$T/f.png"
ls "$T"/*.png >/dev/null 2>&1 && bad "a map was written" || ok
finish test_fifo
