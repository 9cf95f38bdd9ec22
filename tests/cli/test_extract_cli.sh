#!/bin/sh
# conflictmap extract: events from articles as CSV and JSON Lines; bad
# articles (empty, binary, Windows-1252, huge, impossible date, missing) are
# each reported on one line naming the file while the others are still read;
# -o writes whole or not at all.
# Usage: test_extract_cli.sh CONFLICTMAP ARTICLES_DIR
set -u
CM=$1
A=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# CSV: the header, then the events of both articles.
"$CM" extract "$A/en-kunduz.txt" "$A/fr-relatif.txt" >"$T/out.csv" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "good articles: exit $rc"
head -1 "$T/out.csv" | grep -q '^event_date,time_precision,place_id,place,admin1,latitude,longitude,status,confidence,source,offset,sentence,sub_event_type,source_count,note,actor,event_id,fatalities$' && ok || bad "CSV header"
grep -q '^2021-08-08,1,kunduz,Kunduz,Kunduz,.*,fallen,confirmed,.*en-kunduz.txt,' "$T/out.csv" && ok || bad "Kunduz fallen 8 Aug"
grep -q '^2021-08-11,1,fayzabad,.*,fallen,confirmed,.*Non-state actor overtakes territory' "$T/out.csv" && ok || bad "Faizabad with its ACLED sub-event"
[ ! -s "$T/err" ] && ok || bad "warnings for good articles: $(cat "$T/err")"

# JSON Lines: one object per event.
"$CM" extract --format jsonl "$A/en-dates.txt" >"$T/out.jsonl"
[ "$(wc -l <"$T/out.jsonl")" -eq 3 ] && ok || bad "jsonl: $(cat "$T/out.jsonl")"
grep -q '^{"event_date":"2021-08-15","time_precision":1,"place_id":"jalalabad",.*"status":"fallen"' "$T/out.jsonl" && ok || bad "jsonl Jalalabad"

# Bad articles: each named on one line, the good one still read, exit 3.
: >"$T/empty.txt"
printf 'PK\003\004\000\000binary' >"$T/binary.zip"
printf 'date 2021-08-14\nLes talibans se sont empar\351s de Mazar-e Charif samedi.\n' >"$T/latin1.txt"
printf 'date 2021-02-30\nKandahar fell.\n' >"$T/baddate.txt"
head -c 17000000 /dev/zero | tr '\0' 'a' >"$T/huge.txt"
"$CM" extract "$T/empty.txt" "$T/binary.zip" "$T/latin1.txt" "$T/baddate.txt" "$T/huge.txt" \
    "$T/missing.txt" "$A/en-badghis.txt" >"$T/mixed.csv" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && ok || bad "mixed: exit $rc"
grep -q "^conflictmap: error: $T/empty.txt: empty article$" "$T/err" && ok || bad "empty: $(cat "$T/err")"
grep -q "^conflictmap: error: $T/binary.zip: binary file" "$T/err" && ok || bad "binary"
grep -q "^conflictmap: warning: $T/latin1.txt: not UTF-8; read as Windows-1252$" "$T/err" && ok || bad "latin1 warning"
grep -q "^conflictmap: error: $T/baddate.txt:1: header date '2021-02-30' is not a valid date" "$T/err" && ok || bad "bad date"
grep -q "^conflictmap: error: $T/huge.txt: article larger than the 16 MiB limit$" "$T/err" && ok || bad "huge"
grep -q "^conflictmap: error: $T/missing.txt: cannot open" "$T/err" && ok || bad "missing"
[ "$(wc -l <"$T/err")" -eq 6 ] && ok || bad "one line per problem: $(cat "$T/err")"
grep -q ',mazar-i-sharif,.*,fallen,.*latin1.txt' "$T/mixed.csv" && ok || bad "Windows-1252 article read"
grep -q ',qala-i-naw,.*,retaken,.*en-badghis.txt' "$T/mixed.csv" && ok || bad "good article after bad ones"

# An undated article: a warning, events undated; --date dates them.
printf 'Government forces retook Qalat on Monday.\n' >"$T/undated.txt"
"$CM" extract "$T/undated.txt" >"$T/u.csv" 2>"$T/err"
grep -q "warning: $T/undated.txt: no 'date' header" "$T/err" && ok || bad "undated warning"
grep -q '^,1,qalat,.*,retaken,.*,Monday,,,$' "$T/u.csv" && ok || bad "undated event keeps its weekday: $(cat "$T/u.csv")"
"$CM" extract -q --date 2021-07-14 "$T/undated.txt" | grep -q '^2021-07-12,1,qalat,' && ok || bad "--date"

# -o: whole or not at all; an unwritable place leaves nothing.
"$CM" extract -o "$T/events.csv" "$A/en-kunduz.txt" && [ "$(wc -l <"$T/events.csv")" -eq 7 ] && ok || bad "-o"
"$CM" extract -o "$T/nodir/events.csv" "$A/en-kunduz.txt" 2>"$T/err"
rc=$?
[ $rc -eq 4 ] && [ ! -e "$T/nodir" ] && grep -q "$T/nodir/events.csv" "$T/err" && ok || bad "unwritable -o: exit $rc"
ls -a "$T" | grep -q '^\.events' && bad "temporary file left" || ok

# --explain: why each event, and why each place named gave none.
cat >"$T/explain.txt" <<'ART'
date 2021-08-09
Les talibans se sont emparés dimanche de Koundouz, chef-lieu de la province du même nom, ainsi que de Taloqan. Le gouverneur de Balkh, joint à Kaboul, craint que Mazar-e Charif ne tombe à son tour si les renforts n'arrivent pas.
ART
"$CM" extract --explain -o "$T/explain.csv" "$T/explain.txt" >"$T/why" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "--explain: exit $rc"
grep -q "^$T/explain.txt:[0-9]*: kunduz fallen 2021-08-08 confirmed | place \"Koundouz\" .*| trigger \"emparés\" (lexicon line [0-9]*) | date \"dimanche\"" "$T/why" && ok || bad "explain Kunduz: $(cat "$T/why")"
grep -q "^$T/explain.txt:[0-9]*: taloqan fallen 2021-08-08 confirmed | place \"Taloqan\" (listed with Kunduz (item 2))" "$T/why" && ok || bad "explain Taloqan listed"
grep -q "no event for balkh (\"Balkh\"): context 'gouverneur de' before it" "$T/why" && ok || bad "explain Balkh: a context"
grep -q "no event for kabul (\"Kaboul\"): no trigger reaches it" "$T/why" && ok || bad "explain Kabul"
grep -q "no event for mazar-i-sharif (\"Mazar-e Charif\"): trigger 'tomber' dropped: " "$T/why" && ok || bad "explain Mazar: feared, not fallen"
grep -q ',kunduz,.*,fallen,' "$T/explain.csv" && ok || bad "--explain writes the events to -o"
"$CM" extract --explain "$T/explain.txt" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "give the events a file with -o" "$T/err" && ok || bad "--explain without -o"

# Usage errors.
"$CM" extract 2>/dev/null; [ $? -eq 2 ] && ok || bad "no article: exit 2"
"$CM" extract --format xml "$A/en-dates.txt" 2>/dev/null; [ $? -eq 2 ] && ok || bad "bad format: exit 2"
"$CM" extract --date 2021-02-30 "$A/en-dates.txt" 2>/dev/null; [ $? -eq 2 ] && ok || bad "bad --date: exit 2"
"$CM" extract --help | grep -q "Usage: conflictmap extract" && ok || bad "help"

# What extract writes, the tool reads back: "yesterday" in an article of
# 0001-01-01 is no date (it once wrote year 0000, which no reader takes).
printf 'date 0001-01-01\nThe Taliban captured Kunduz yesterday.\n' >"$T/y0.txt"
"$CM" extract -q -o "$T/y0.csv" "$T/y0.txt" && grep -q '^,1,kunduz,' "$T/y0.csv" && ok || bad "year 0: $(cat "$T/y0.csv")"
"$CM" render --events "$T/y0.csv" --date 2021-08-13 --width 400 --height 300 --dpi 38 -o "$T/y0.png" 2>"$T/err" && ok || bad "year 0 read back: $(cat "$T/err")"

# A gap ("...") in a lexicon row: only triggers have one, never first.
LEX=$(dirname "$0")/../../data/lexicon/events.csv
{ cat "$LEX"; echo 'en,claim,said ... twitter,,,2'; } >"$T/gap1.csv"
"$CM" extract --lexicon "$T/gap1.csv" -o "$T/g.csv" "$A/en-dates.txt" 2>"$T/err"
[ $? -ne 0 ] && grep -q "gap1.csv:[0-9]*: '...' in 'said ... twitter': only a trigger may have a gap" "$T/err" && ok || bad "gap in a claim: $(cat "$T/err")"
{ cat "$LEX"; echo 'en,trigger,... fell,fallen,after,4'; } >"$T/gap2.csv"
"$CM" extract --lexicon "$T/gap2.csv" -o "$T/g.csv" "$A/en-dates.txt" 2>"$T/err"
[ $? -ne 0 ] && grep -q "gap2.csv:[0-9]*: phrase '... fell' starts with '...'" "$T/err" && ok || bad "gap first: $(cat "$T/err")"
[ ! -e "$T/g.csv" ] && ok || bad "no output after a lexicon error"

echo "extract_cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
