#!/bin/sh
# Benchmark (not a test): a month's report (August 2021: maps of each
# change day, chart, pages) over 100,000 and 1,000,000 events spread over
# 2021 and the 34 capitals; wall time and peak memory, median of three
# runs.  A state lookup is a binary search in the place's events, so the
# report grows with the events read, not with events x days x places.
# Usage: tests/bench/report_scaling.sh [CONFLICTMAP]
set -eu
. "$(dirname "$0")/common.sh"
# the capitals of the bundled gazetteer, id and coordinates
awk -F, '$3 == "provincial_capital" || $3 == "national_capital" { print $1 "," $2 "," $5 "," $6 }' \
    "$ROOT/data/gazetteer/afghanistan.csv" >"$T/caps"
for n in 100000 1000000; do
    awk -F, -v n="$n" 'BEGIN { split("attacked contested fallen retaken", st, " ") }
        { id[NR] = $1; name[NR] = $2; lat[NR] = $3; lon[NR] = $4 }
        END {
            print "event_date,time_precision,place_id,place,admin1,latitude,longitude,status,confidence,source"
            for (k = 0; k < n; k++) {
                c = 1 + k % NR; m = 1 + int(k / NR) % 12; d = 1 + int(k / (NR * 12)) % 28
                printf "2021-%02d-%02d,1,%s,%s,,%s,%s,%s,confirmed,bench\n", m, d, id[c], name[c], lat[c], lon[c], st[1 + k % 4]
            }
        }' "$T/caps" >"$T/events.csv"
    : >"$T/t"; : >"$T/m"
    for run in 1 2 3; do
        rm -rf "$T/rep"
        /usr/bin/time -f "%e %M" -o "$T/r" "$CM" report --events "$T/events.csv" --from 2021-08 --to 2021-08 \
            --width 800 --height 600 -o "$T/rep" >/dev/null 2>&1
        awk '{print $1 >> "'"$T/t"'"; print $2 >> "'"$T/m"'"}' "$T/r"
    done
    printf '%d events (%s MB) to a month'"'"'s report: %s s, %s KB peak RSS (median of 3)\n' "$n" \
        "$(du -m "$T/events.csv" | cut -f1)" "$(median <"$T/t")" "$(median <"$T/m")"
done
