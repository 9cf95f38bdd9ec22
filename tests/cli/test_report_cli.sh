#!/bin/sh
# The report command: bad input gets a one-line error naming the file or
# value, a non-zero exit and no bundle (nor any hidden temporary) left
# behind; events from articles and a user CSV are laid over the base
# timeline; a month period;
# an existing directory keeps its other files.
# Usage: test_report_cli.sh CONFLICTMAP TMPDIR
set -u
CM=$1
T=$2
rm -rf "$T"
mkdir -p "$T"
pass=0
fail=0
SMALL="--width 400 --height 300 --dpi 38"

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
. "$(dirname "$0")/error_line.sh"

# expect_error NAME EXIT NEEDLE DIR ARGS...: exit code, one stderr line with
# NEEDLE, DIR not created (when it did not exist), nothing hidden left beside it.
expect_error() {
    name=$1; code=$2; needle=$3; out=$4; shift 4
    existed=0
    [ -e "$out" ] && existed=1
    "$CM" report "$@" -o "$out" 2>"$T/err" >/dev/null
    error_line_ok "$name" "$code" $? "$T/err" "$needle" || return
    if [ "$existed" -eq 0 ] && [ -e "$out" ]; then bad "$name: left $out"; return; fi
    if ls -A "$T" | grep -q '^\.'; then bad "$name: temporary left in $T"; return; fi
    ok
}

D="$T/bundle"
expect_error "reversed period" 3 "before it starts" "$D" $SMALL --from 2021-09-10 --to 2021-08-01
expect_error "impossible date" 3 "2021-02-30" "$D" --from 2021-02-30
expect_error "unknown language" 3 "de" "$D" --lang de
expect_error "missing events" 4 "nope.csv" "$D" --events "$T/nope.csv"
printf 'event_date,place_id,status\n2021-08-10,kabul,fallen\n2021-08-11,kabul,exploded\n' >"$T/bad-user.csv"
expect_error "bad user events" 3 "bad-user.csv:3" "$D" --user-events "$T/bad-user.csv"
expect_error "no parent" 4 "$T/no/such" "$T/no/such/bundle" $SMALL
printf 'not a directory\n' >"$T/afile"
expect_error "target is a file" 4 "not a directory" "$T/afile" $SMALL
if [ "$(cat "$T/afile")" = "not a directory" ]; then ok; else bad "the file was changed"; fi

# Articles: their events join the report; a missing one stops it before
# anything is written.
ART=$(dirname "$0")/../../examples/articles
expect_error "missing article" 4 "$T/nope.txt" "$D" $SMALL "$ART/en-2021-08-06-zaranj.txt" "$T/nope.txt"
if "$CM" report $SMALL "$ART/en-2021-08-06-zaranj.txt" "$ART/fr-2021-08-13-herat.txt" -o "$D" \
       >/dev/null 2>"$T/err"; then
    if grep -q "en-2021-08-06-zaranj.txt" "$D/events.md" && grep -q "fr-2021-08-13-herat.txt" "$D/events.csv" \
       && grep -q "est tombée jeudi" "$D/events.md"; then ok
    else bad "the articles' events are not in the report"; fi
else bad "articles: $(cat "$T/err")"; fi
rm -rf "$D"

# The user's events win: Kabul falls on 10 August in this telling.
printf 'event_date,time_precision,place_id,status,confidence,source,sentence\n2021-08-10,1,kabul,fallen,claimed,my-notes.txt,"The capital is said to have fallen early, in this telling."\n' >"$T/user.csv"
if "$CM" report $SMALL --user-events "$T/user.csv" -o "$D" >"$T/out" 2>"$T/err"; then
    if grep -q "Kabul: taken by Taliban" "$D/report.md" && grep -q 'said to have fallen early' "$D/events.md" \
       && grep -q 'd: "2021-08-10".*Kabul: taken by Taliban' "$D/index.html" \
       && grep -q "^$D: 19 dated maps" "$T/out"; then ok
    else bad "user events not in the report: $(cat "$T/out")"; fi
else bad "user events run: $(cat "$T/err")"; fi

# A month period; the last day has no change, so latest.* is its own map.
M="$T/august"
mkdir -p "$M/maps"
printf 'keep me\n' >"$M/notes.txt"
if "$CM" report $SMALL --from 2021-08 --to 2021-08 -o "$M" >/dev/null 2>"$T/err"; then
    if [ "$(cat "$M/notes.txt")" = "keep me" ] && [ -s "$M/latest.png" ] && [ -s "$M/index.html" ] \
       && [ -z "$(ls "$M/maps" | grep -v '^2021-08-')" ] && [ ! -e "$M/maps/2021-08-31.png" ] \
       && [ -s "$M/maps/2021-08-03.png" ] && ! ls -A "$M" | grep -q '^\.'; then ok
    else bad "month report: $(ls -A "$M" "$M/maps" | tr '\n' ' ')"; fi
else bad "month report: $(cat "$T/err")"; fi

# maps/ taken by a file in an existing directory: refused before writing.
X="$T/taken"
mkdir -p "$X"
printf 'x\n' >"$X/maps"
expect_error "maps is a file" 4 "maps: exists and is not a directory" "$X" $SMALL
if [ "$(ls -A "$X")" = "maps" ]; then ok; else bad "taken: $(ls -A "$X" | tr '\n' ' ')"; fi

if "$CM" report --help | grep -q -- '--user-events' && "$CM" --help | grep -q report; then ok
else bad "help"; fi

echo "report_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
