#!/bin/sh
# ACLED and UCDP GED files as they are downloaded: read by their header,
# placed at capitals through the gazetteer and distance, actors mapped onto
# the dataset's sides, every row that gives no event counted in one line,
# both ACLED date forms, and the sub-event types, ids and fatalities kept on
# export.
# Usage: test_import.sh CONFLICTMAP SOURCE_DIR TMPDIR
set -u
CM=$1
SRC=$2
T=$3
. "$(dirname "$0")/harness.sh"
A="$SRC/tests/data/acled-afghanistan.csv"
U="$SRC/tests/data/ucdp-afghanistan.csv"
SMALL="--width 400 --height 300 --dpi 38"

"$CM" render --events "$A" --date 2021-08-12 $SMALL -o "$T/a.svg" 2>"$T/err" && ok || bad "ACLED render: $(cat "$T/err")"
grep -qx "conflictmap: $A: ACLED, 12 rows: 8 events at capitals, 4 not (1 elsewhere, 3 not territorial, 0 too vague to place); 0 events by an actor that is none of the sides" "$T/err" \
    && ok || bad "ACLED summary: $(cat "$T/err")"
"$CM" render --events "$U" --date 2021-08-12 $SMALL -o "$T/u.svg" 2>"$T/err" && ok || bad "UCDP render: $(cat "$T/err")"
grep -qx "conflictmap: $U: UCDP GED, 6 rows: 2 events at capitals, 4 not (1 elsewhere, 1 not territorial, 2 too vague to place); 0 events by an actor that is none of the sides" "$T/err" \
    && ok || bad "UCDP summary: $(cat "$T/err")"

# What the map shows on 12 August: Zaranj, Sheberghan and Aybak taken by the
# Taliban; Kunduz, Lashkar Gah and Herat attacked; Qala-i-Naw retaken.
"$CM" animate --events "$A" --from 2021-08-12 --to 2021-08-12 $SMALL -o "$T/frames" >/dev/null 2>&1
grep -qx '1,2021-08-12,2021-08-12.png,28,3,0,3,0,0' "$T/frames/frames.csv" && ok || bad "ACLED counts: $(cat "$T/frames/frames.csv")"

# The report's events keep what came in.
"$CM" report --events "$A" $SMALL -o "$T/report" >/dev/null 2>"$T/err" && ok || bad "report: $(cat "$T/err")"
grep -q '^2021-08-06,1,zaranj,.*,taken,.*,Non-state actor overtakes territory,1,,taliban,AFG9001,0$' "$T/report/events.csv" \
    && ok || bad "Zaranj (06 August 2021) kept: $(grep zaranj "$T/report/events.csv")"
grep -q 'Non-violent transfer of territory,1,,taliban,AFG9010,0$' "$T/report/events.csv" && ok || bad "sub-event type kept"
grep -q ',Government regains territory,1,,government,AFG9007,9$' "$T/report/events.csv" && ok || bad "retaking by the government"
grep -q 'Imam Sahib\|AFG9004\|AFG9006' "$T/report/events.csv" && bad "rows not at capitals became events" || ok

# A format given that the header does not have: the missing column, named.
"$CM" render --events "$SRC/data/events/afghanistan-2021.csv" --events-format acled --date 2021-08-12 $SMALL -o "$T/x.svg" 2>"$T/err"
error_line_ok "forced format" 3 $? "$T/err" "missing column 'event_id_cnty' of ACLED" && ok
"$CM" render --events "$A" --events-format excel --date 2021-08-12 $SMALL -o "$T/y.svg" 2>"$T/err"
[ $? -eq 2 ] && grep -q "bad --events-format 'excel'" "$T/err" && ok || bad "bad format name: $(cat "$T/err")"
# A bad date in an ACLED row: file and line.
sed 's/06 August 2021/31 June 2021/' "$A" >"$T/bad.csv"
"$CM" render --events "$T/bad.csv" --date 2021-08-12 $SMALL -o "$T/z.svg" 2>"$T/err"
error_line_ok "bad ACLED date" 3 $? "$T/err" "bad.csv:2: bad event_date '31 June 2021'" && ok
[ -e "$T/z.svg" ] && bad "a map from bad data" || ok
# An ACLED actor that is none of the sides: a warning (the town goes to the
# default side), an error with --strict.
sed 's/AFG9010,\(.*\),Taliban,,/AFG9010,\1,Samangan Elders Council,,/' "$A" >"$T/unknown.csv"
"$CM" render --events "$T/unknown.csv" --date 2021-08-12 $SMALL -o "$T/u1.svg" 2>"$T/err" \
    && grep -q "warning: $T/unknown.csv: 1 event by an actor that is none of the dataset's sides" "$T/err" \
    && ok || bad "unknown actor warning: $(cat "$T/err")"
"$CM" render --strict --events "$T/unknown.csv" --date 2021-08-12 $SMALL -o "$T/u2.svg" 2>"$T/err"
[ $? -eq 3 ] && [ ! -e "$T/u2.svg" ] && ok || bad "unknown actor --strict: $(cat "$T/err")"
finish test_import
