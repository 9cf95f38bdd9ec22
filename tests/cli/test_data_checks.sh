#!/bin/sh
# Mistakes in the user's data that used to give a wrong map with exit 0 now
# give one line on stderr (an error, or a warning that --strict makes one),
# and an error leaves no map behind:
#  - an events row naming a place by another spelling is resolved; one
#    naming no place of the gazetteer is an error with a did-you-mean;
#  - events of another war's places (the data files disagree);
#  - a province without a capital is drawn as no data, with a warning;
#  - two capitals in one province; a capital joined to a province it lies
#    outside of;
#  - a date before anything is known: no data, with a warning;
#  - other boundaries without a dataset do not borrow the default's title;
#  - an actor that is no side.
# Usage: test_data_checks.sh CONFLICTMAP SOURCE_DIR TMPDIR
set -u
CM=$1
SRC=$2
T=$3
. "$(dirname "$0")/harness.sh"
SMALL="--width 400 --height 300 --dpi 38"
SY="$SRC/data/syria-2024.dataset"

# expect_error NAME NEEDLE OUT ARGS...: exit 3, one line naming NEEDLE, no OUT.
expect_error() {
    name=$1; needle=$2; out=$3; shift 3
    "$CM" render "$@" -o "$out" 2>"$T/err" >/dev/null
    error_line_ok "$name" 3 $? "$T/err" "$needle" || return
    [ -e "$out" ] && { bad "$name: $out written"; return; }
    ok
}

# A place id in another spelling is that place; a misspelling is an error.
printf 'event_date,place_id,status\n2021-08-12,Herat,fallen\n2021-08-13,mazar-e-sharif,fallen\n' >"$T/spelled.csv"
"$CM" render --events "$T/spelled.csv" --date 2021-08-14 $SMALL -o "$T/spelled.svg" 2>"$T/err" \
    && [ ! -s "$T/err" ] && ok || bad "spellings of gazetteer places: $(cat "$T/err")"
"$CM" animate --events "$T/spelled.csv" --from 2021-08-14 --to 2021-08-14 $SMALL -o "$T/spelled" >/dev/null 2>&1
grep -q '^1,2021-08-14,2021-08-14.png,32,2,0,0,0,0$' "$T/spelled/frames.csv" && ok || bad "spelled events drawn: $(cat "$T/spelled/frames.csv")"
printf 'event_date,place_id,status\n2021-08-12,herat,fallen\n2021-08-13,Herxt,fallen\n' >"$T/typo.csv"
"$CM" render --verbose --events "$T/spelled.csv" --date 2021-08-14 $SMALL -o "$T/spelled2.svg" 2>"$T/err" \
    && grep -qx "conflictmap: $T/spelled.csv: 2 place ids resolved through the gazetteer" "$T/err" \
    && ok || bad "--verbose: $(cat "$T/err")"
expect_error "unknown place" "typo.csv:3: place 'Herxt' is not in the gazetteer (did you mean 'herat'?)" \
    "$T/typo.png" --events "$T/typo.csv" --date 2021-08-14 $SMALL

# The Syrian events with the Afghan dataset.
expect_error "another war's events" "syria-2024.csv:2: place 'aleppo' is not in the gazetteer" \
    "$T/mixed.png" --events "$SRC/data/events/syria-2024.csv" --date 2024-12-05 $SMALL

# An actor that is no side of the dataset.
printf 'event_date,place_id,status,actor\n2021-08-12,herat,taken,Martians\n' >"$T/actor.csv"
expect_error "unknown actor" "actor.csv:2: actor 'Martians' is none of the 3 sides" \
    "$T/actor.png" --events "$T/actor.csv" --date 2021-08-14 $SMALL

# ... and in the user's events of a report, the user's file is named.
"$CM" report --user-events "$T/actor.csv" $SMALL -o "$T/rep" 2>"$T/err" >/dev/null
error_line_ok "user's unknown actor" 3 $? "$T/err" "actor.csv:2: actor 'Martians'" && ok

# The starting state: a place named twice, a place that is none.
for case in twice none; do
    mkdir -p "$T/$case/start"
    sed "s|= \.\./|= $SRC/|; s|= gazetteer/|= $SRC/data/gazetteer/|; s|= events/|= $SRC/data/events/|; s|= lexicon/|= $SRC/data/lexicon/|" \
        "$SY" >"$T/$case/s.dataset"
    cp "$SRC/data/start/syria-2024-11-26.csv" "$T/$case/start/"
done
printf 'raqqa,sdf,again\r\n' >>"$T/twice/start/syria-2024-11-26.csv"
printf 'raqqa-city,sdf,no such place\r\n' >>"$T/none/start/syria-2024-11-26.csv"
expect_error "start state twice" "syria-2024-11-26.csv:16: 'raqqa' is named twice" "$T/twice.png" \
    --dataset "$T/twice/s.dataset" --date 2024-12-05 $SMALL
expect_error "start state unknown place" "syria-2024-11-26.csv: place 'raqqa-city' is not in the gazetteer" \
    "$T/none.png" --dataset "$T/none/s.dataset" --date 2024-12-05 $SMALL

# A province without a capital: no data, said once; --strict refuses.
grep -v '^raqqa,' "$SRC/data/gazetteer/syria.csv" >"$T/no-raqqa.csv"
grep -v '^parun,' "$SRC/data/gazetteer/afghanistan.csv" >"$T/no-parun.csv"
printf 'event_date,place_id,status\n2021-08-12,herat,fallen\n' >"$T/one.csv"
"$CM" render --gazetteer "$T/no-parun.csv" --events "$T/one.csv" --date 2021-08-14 $SMALL -o "$T/nocap.svg" 2>"$T/err" \
    && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "warning: .*afghanistan_provinces.shp: 1 province without a capital in .*no-parun.csv ('AF.38'), drawn as no data" "$T/err" \
    && ok || bad "province without a capital: $(cat "$T/err")"
"$CM" animate --gazetteer "$T/no-parun.csv" --events "$T/one.csv" --from 2021-08-14 --to 2021-08-14 $SMALL -o "$T/nocap" >/dev/null 2>&1
grep -q '^1,2021-08-14,2021-08-14.png,32,1,0,0,0,0$' "$T/nocap/frames.csv" && ok || bad "33 capitals counted: $(cat "$T/nocap/frames.csv")"
expect_error "no capital, --strict" "1 province without a capital" "$T/nocap2.png" --strict \
    --gazetteer "$T/no-parun.csv" --events "$T/one.csv" --date 2021-08-14 $SMALL
# A starting state naming a capital the gazetteer lacks is an error.
expect_error "start state place missing" "syria-2024-11-26.csv: place 'raqqa' is not in the gazetteer" \
    "$T/noraqqa.png" --dataset "$SY" --gazetteer "$T/no-raqqa.csv" --date 2024-12-05 $SMALL

# Two capitals in one province.
cp "$SRC/data/gazetteer/syria.csv" "$T/two.csv"
printf 'harasta,Harasta,provincial_capital,SY.08,33.5586,36.3650,Harasta,,test\r\n' >>"$T/two.csv"
expect_error "two capitals" "province 'SY.08' has two capitals, 'douma' and 'harasta'" "$T/two.png" \
    --dataset "$SY" --gazetteer "$T/two.csv" --date 2024-12-05 $SMALL
# A capital joined to a province at the other end of the country.
sed 's/^raqqa,\([^,]*\),provincial_capital,SY.04,/raqqa,\1,provincial_capital,SY.05,/' \
    "$SRC/data/gazetteer/syria.csv" >"$T/wrong.csv"
expect_error "capital outside its province" "capital 'raqqa' of province 'SY.05' lies in province 'SY.04'" \
    "$T/wrong.png" --dataset "$SY" --gazetteer "$T/wrong.csv" --date 2024-12-05 $SMALL

# A date before the data: no data (never "government"), with a warning.
"$CM" render --date 1990-01-01 $SMALL -o "$T/1990.svg" 2>"$T/err" \
    && grep -q "warning: 1990-01-01 is before 2021-05-01" "$T/err" && ok || bad "1990: $(cat "$T/err")"
# The frames manifest counts what the map shows: 34 without data, none held.
"$CM" animate --from 1990-01-01 --to 1990-01-01 $SMALL -o "$T/1990" >/dev/null 2>&1
grep -q '^1,1990-01-01,1990-01-01.png,0,0,0,0,0,34$' "$T/1990/frames.csv" && ok || bad "1990 drawn as no data: $(cat "$T/1990/frames.csv")"
expect_error "1990 --strict" "1990-01-01 is before 2021-05-01" "$T/1990.png" --strict --date 1990-01-01 $SMALL

# A NUL byte inside a field is refused, not cut ("Kun\0duz" was read as "Kun").
printf 'event_date,place_id,status\n2021-08-08,kun\000duz,fallen\n' >"$T/nul.csv"
expect_error "NUL in events" "nul.csv:2: field 2 holds a NUL byte" "$T/nul.png" --events "$T/nul.csv" \
    --date 2021-08-14 $SMALL
head -3 "$SRC/data/gazetteer/afghanistan.csv" >"$T/nulgaz.csv"
printf 'x,Kun\000duz,city,AF.24,36.7,68.8,Kunduz,,test\r\n' >>"$T/nulgaz.csv"
expect_error "NUL in gazetteer" "nulgaz.csv:4: field 2 holds a NUL byte" "$T/nulgaz.png" \
    --gazetteer "$T/nulgaz.csv" --date 2021-08-14 $SMALL

# The dataset's texts: valid UTF-8 and at most 200 bytes, said with file and line.
sed "s|^title_en .*|title_en = $(printf 'A%.0s' $(seq 1 250))|; s|= \.\./|= $SRC/|; s|= gazetteer/|= $SRC/data/gazetteer/|; s|= events/|= $SRC/data/events/|; s|= lexicon/|= $SRC/data/lexicon/|" \
    "$SRC/data/default.dataset" >"$T/long.dataset"
expect_error "long title" "long.dataset:3: title_en is longer than 200 bytes" "$T/long.svg" \
    --dataset "$T/long.dataset" --date 2021-08-13 $SMALL
sed "s|^title_fr .*|title_fr = Afghan\xe9istan|" "$T/long.dataset" | sed "s|^title_en .*|title_en = Afghanistan|" >"$T/latin.dataset"
expect_error "title not UTF-8" "latin.dataset:4: not valid UTF-8" "$T/latin.svg" \
    --dataset "$T/latin.dataset" --date 2021-08-13 $SMALL

# Other boundaries without a dataset: no "Afghanistan" in the title.
"$CM" render --boundaries "$SRC/shapefiles/syria_governorates.shp" --gazetteer "$SRC/data/gazetteer/syria.csv" \
    --events "$SRC/data/events/syria-2024.csv" --date 2024-11-20 $SMALL -o "$T/bare.svg" 2>"$T/err"
# (its events name sides the default dataset does not have)
grep -q "actor 'rebels' is none of the 3 sides" "$T/err" && ok || bad "Syrian events without their dataset: $(cat "$T/err")"
printf 'event_date,place_id,status\n2024-12-05,hama,fallen\n' >"$T/plain.csv"
"$CM" render --boundaries "$SRC/shapefiles/syria_governorates.shp" --gazetteer "$SRC/data/gazetteer/syria.csv" \
    --events "$T/plain.csv" --date 2024-12-05 $SMALL -o "$T/bare.svg" 2>"$T/err" && ok || bad "bare: $(cat "$T/err")"
grep -q '<title>5 December 2024</title>' "$T/bare.svg" && ! grep -qi 'afghan' "$T/bare.svg" && ok \
    || bad "bare title: $(grep -o '<title>[^<]*' "$T/bare.svg")"

finish test_data_checks
