#!/bin/sh
# Temporaries and locks (issue 17 items 3, 8, 10, 14): a stopped run
# leaves no temporary; a killed run's are cleared by the next run into the
# same place, and nothing else is; two animates into one place are refused;
# a report replaces its directory in one step and keeps the user's files;
# a legal 255-byte file name can be written.
# Usage: test_temporaries.sh CONFLICTMAP TMPDIR
set -u
CM=$1
T=$2
. "$(dirname "$0")/harness.sh"
SMALL="--width 400 --height 300 --dpi 38"
temps() { ls -A "$1" | grep -c '^\.cm~' ; }
# hold FILE: lock FILE in a background process that is the holder itself
# (killing it frees the lock); its pid in $holder.
hold() {
    sh -c 'exec 9<>"$1"; flock 9; exec sleep 30' sh "$1" &
    holder=$!
    i=0
    while flock -n "$1" true 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# SIGTERM and SIGINT during an animation with a video: no temporary left,
# and the exit status says the signal.
for sig in TERM INT; do
    "$CM" animate --from 2021-01-01 --to 2021-12-31 $SMALL -o "$T/an-$sig" --video "$T/an-$sig.mp4" \
        >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ "$(ls "$T/an-$sig" 2>/dev/null | wc -l)" -lt 5 ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -$sig $pid
    wait $pid
    rc=$?
    [ "$rc" -gt 128 ] && ok || bad "SIG$sig: exit $rc"
    [ "$(temps "$T")" -eq 0 ] && [ "$(temps "$T/an-$sig")" -eq 0 ] && [ ! -e "$T/an-$sig.mp4" ] &&
        ok || bad "SIG$sig left: $(ls -A "$T" "$T/an-$sig" | grep '^\.cm~')"
done

# Stale temporaries (an hour old, nobody holding their lock) are cleared by
# the next output into their directory; a young one, one still locked, and
# names that only look alike are not.
mkdir -p "$T/st"
echo x >"$T/st/.cm~Aa1Bb2"
mkdir -p "$T/st/.cm~Cc3Dd4/maps" && echo x >"$T/st/.cm~Cc3Dd4/maps/m.png"
echo x >"$T/st/.cm~Ee5Ff6"
echo x >"$T/st/.cm~locked"
echo x >"$T/st/.cm~Gg7Hh8-not"
echo x >"$T/st/.cmXAa1Bb2"
touch -d '1 hour ago' "$T/st/.cm~Aa1Bb2" "$T/st/.cm~Cc3Dd4" "$T/st/.cm~locked" "$T/st/.cm~Gg7Hh8-not" \
    "$T/st/.cmXAa1Bb2"
hold "$T/st/.cm~locked"
"$CM" render --date 2021-08-13 $SMALL -o "$T/st/map.png" && ok || bad "render into st"
[ ! -e "$T/st/.cm~Aa1Bb2" ] && [ ! -e "$T/st/.cm~Cc3Dd4" ] && ok || bad "stale temporaries kept: $(ls -A "$T/st")"
[ -e "$T/st/.cm~Ee5Ff6" ] && [ -e "$T/st/.cm~locked" ] && [ -e "$T/st/.cm~Gg7Hh8-not" ] &&
    [ -e "$T/st/.cmXAa1Bb2" ] && ok || bad "removed what is not stale: $(ls -A "$T/st")"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# Two animates into one place: the second is refused while the first holds
# the lock (held here by flock, as a running animate holds it).
mkdir -p "$T/two"
echo "frame,date,file" >"$T/two/frames.csv"
hold "$T/two/.frames.csv.lock"
"$CM" animate --from 2021-08-01 --to 2021-08-03 $SMALL -o "$T/two" 2>"$T/err"
rc=$?
[ $rc -ne 0 ] && grep -q "another conflictmap animate is writing there" "$T/err" &&
    [ "$(ls "$T/two" | grep -c png)" -eq 0 ] && ok || bad "second animate: exit $rc, $(cat "$T/err")"
kill $holder 2>/dev/null
wait $holder 2>/dev/null
# Once free, a run starts by removing the old manifest, and writes its own.
"$CM" animate --from 2021-08-01 --to 2021-08-03 $SMALL -o "$T/two" >/dev/null 2>&1 &&
    [ "$(grep -c '^[0-9]' "$T/two/frames.csv")" -eq 3 ] && ok || bad "animate after the lock"

# A report into an existing report directory: replaced whole (maps of the
# old period gone), the user's own files kept; a subdirectory it does not
# write is refused before anything changes.
"$CM" report $SMALL --from 2021-07 --to 2021-07 -o "$T/rep" >/dev/null && ok || bad "first report"
echo "mine" >"$T/rep/notes.txt"
old_maps=$(ls "$T/rep/maps" | head -1)
"$CM" report $SMALL --from 2021-08 --to 2021-08 -o "$T/rep/" >/dev/null && ok || bad "second report"
[ "$(cat "$T/rep/notes.txt")" = mine ] && [ ! -e "$T/rep/maps/$old_maps" ] && [ -s "$T/rep/index.html" ] &&
    [ "$(temps "$T")" -eq 0 ] && ok || bad "replaced report: $(ls -A "$T" "$T/rep")"
mkdir "$T/rep/extra"
cp "$T/rep/index.html" "$T/index.before"
"$CM" report $SMALL --from 2021-07 --to 2021-07 -o "$T/rep" 2>"$T/err" >/dev/null
rc=$?
[ $rc -ne 0 ] && grep -q "rep/extra: a directory the report does not write" "$T/err" &&
    cmp -s "$T/rep/index.html" "$T/index.before" && [ "$(temps "$T")" -eq 0 ] && ok ||
    bad "report over a foreign subdirectory: exit $rc, $(cat "$T/err")"

# A report through a symbolic link to its directory: the directory is
# replaced, the link stays, nothing of the old bundle's target is lost but
# what the new one replaces.
rm -rf "$T/rep/extra"
ln -s rep "$T/replink"
"$CM" report $SMALL --from 2021-07 --to 2021-07 -o "$T/replink" >/dev/null 2>"$T/err" && [ -L "$T/replink" ] &&
    [ -d "$T/rep" ] && [ ! -L "$T/rep" ] && [ "$(cat "$T/rep/notes.txt")" = mine ] && [ -s "$T/rep/index.html" ] &&
    [ "$(temps "$T")" -eq 0 ] && ok || bad "report through a link: $(cat "$T/err") $(ls -lA "$T")"

# A file name of 255 bytes, the longest a file system takes, is written.
long=$(printf 'm%.0s' $(seq 1 251)).png
"$CM" render --date 2021-08-13 $SMALL -o "$T/$long" 2>"$T/err" && [ -s "$T/$long" ] && ok ||
    bad "255-byte name: $(cat "$T/err")"

finish test_temporaries
