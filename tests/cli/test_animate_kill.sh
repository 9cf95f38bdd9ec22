#!/bin/sh
# Killed mid-animation, conflictmap leaves only whole files: every frame that
# has its final name is a complete PNG (it ends with the IEND chunk and has
# the size of the others), the manifest is absent or whole, and running the
# same command again completes the sequence.
# Usage: test_animate_kill.sh CONFLICTMAP
set -u
CM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# The last 12 bytes of a whole PNG: IEND chunk, length 0, fixed CRC.
whole_png() { [ "$(tail -c 12 "$1" | od -An -tx1 | tr -d ' \n')" = "0000000049454e44ae426082" ]; }

for sig in KILL TERM; do
    D="$T/$sig"
    "$CM" animate --from 2021-01-01 --to 2021-12-31 --width 800 --height 600 -o "$D" \
        >/dev/null 2>&1 &
    pid=$!
    # wait for a few frames, then kill it in the middle of the sequence
    i=0
    while [ "$i" -lt 200 ] && [ "$(ls "$D" 2>/dev/null | wc -l)" -lt 5 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=$(ls "$D" | grep -c '\.png$')
    [ "$n" -ge 5 ] && [ "$n" -lt 365 ] && ok || bad "$sig: killed after $n frames, not in the middle"
    size=""
    for f in "$D"/*.png; do
        whole_png "$f" || bad "$sig: $f is not a whole PNG"
        s=$(head -c 24 "$f" | tail -c 8 | od -An -tx1 | tr -d ' \n') # IHDR width, height
        [ -z "$size" ] && size=$s
        [ "$s" = "$size" ] || bad "$sig: $f has another size"
    done
    [ ! -e "$D/frames.csv" ] && ok || bad "$sig: a manifest for an unfinished sequence"
    # the run again: the whole sequence and its manifest
    "$CM" animate --from 2021-01-01 --to 2021-12-31 --width 800 --height 600 -o "$D" >/dev/null 2>&1 &&
        [ "$(ls "$D" | grep -c '^2021-.*\.png$')" -eq 365 ] &&
        [ "$(wc -l <"$D/frames.csv")" -eq 366 ] && ok || bad "$sig: the second run did not complete"
done

echo "animate_kill: $pass passed, $fail failed"
[ $fail -eq 0 ]
