#!/bin/sh
# Benchmark (not a test): extraction time and peak memory on hostile text
# of 1, 2 and 4 MB (one sentence naming three capitals every 44 bytes; one
# sentence of lists, appositions and relative dates every 104 bytes; one
# sentence of "Kabul fell to " repeated, a trigger every 14 bytes), three
# runs each, medians; then 10,000 and 20,000 articles telling one event,
# merged.  All must grow about linearly with the size.
# Usage: tests/bench/extract_scaling.sh [CONFLICTMAP]
set -eu
. "$(dirname "$0")/common.sh"
make_text() { # KIND MB FILE
    if [ "$1" = places ]; then s="Kabul Herat Kandahar fell to the Taliban, "
    elif [ "$1" = repeat ]; then s="Kabul fell to "
    else s="La veille, les talibans avaient pris Kunduz, chef-lieu du Takhar, ainsi que Herat et Ghazni, puis le 11 "; fi
    { echo "date 2021-08-15"; awk -v n="$(( $2 * 1048576 / ${#s} ))" -v s="$s" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s; print "." }'; } >"$3"
}
for kind in places lists repeat; do
    for mb in 1 2 4; do
        make_text "$kind" "$mb" "$T/in.txt"
        : >"$T/t"; : >"$T/m"
        for run in 1 2 3; do
            /usr/bin/time -f "%e %M" -o "$T/r" "$CM" extract -q -o "$T/out.csv" "$T/in.txt"
            awk '{print $1 >> "'"$T/t"'"; print $2 >> "'"$T/m"'"}' "$T/r"
        done
        printf '%s %d MB: %s s, %s KB peak RSS (median of 3)\n' "$kind" "$mb" "$(median <"$T/t")" "$(median <"$T/m")"
    done
done

# Many articles telling the same event: the cross-article merge folds them
# into one group whose sources are a set (linear, not quadratic).
for n in 10000 20000; do
    mkdir -p "$T/many$n"
    i=0
    while [ "$i" -lt "$n" ]; do
        printf 'date 2021-08-16\nKabul fell to the Taliban on Sunday, officials said.\n' >"$T/many$n/a$i.txt"
        i=$((i + 1))
    done
    : >"$T/t"
    for run in 1 2 3; do
        /usr/bin/time -f "%e" -o "$T/r" "$CM" extract -q -o "$T/out.csv" "$T/many$n"/*.txt
        cat "$T/r" >>"$T/t"
    done
    printf '%d articles, one event, merged: %s s (median of 3)\n' "$n" "$(median <"$T/t")"
done
