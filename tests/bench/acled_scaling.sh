#!/bin/sh
# Benchmark (not a test): an ACLED export of 250,000, 500,000 and 1,000,000
# rows (generated from the test fixture's rows, spread over 2021 and over
# places at and away from the capitals) read and drawn to one PNG; wall
# time and peak memory, median of three runs.  Must grow about linearly.
# Usage: tests/bench/acled_scaling.sh [CONFLICTMAP]
set -eu
. "$(dirname "$0")/common.sh"
for n in 250000 500000 1000000; do
    python3 - "$ROOT/tests/data/acled-afghanistan.csv" "$n" "$T/acled.csv" <<'PY'
import csv, random, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = list(csv.reader(open(src, newline='')))
head, body = rows[0], rows[1:]
i_id, i_date, i_lat, i_lon = head.index('event_id_cnty'), head.index('event_date'), head.index('latitude'), head.index('longitude')
rnd = random.Random(1)
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(head)
    for k in range(n):
        r = list(body[k % len(body)])
        r[i_id] = 'AFG%d' % k
        r[i_date] = '2021-%02d-%02d' % (1 + k % 12, 1 + k % 28)
        if k % 3:  # two rows in three away from any capital
            r[i_lat] = '%.4f' % (float(r[i_lat]) + rnd.uniform(0.3, 1.0))
        w.writerow(r)
PY
    : >"$T/t"; : >"$T/m"
    for run in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$T/r" "$CM" render --events "$T/acled.csv" --date 2021-12-31 -o "$T/map.png" 2>/dev/null
        awk '{print $1 >> "'"$T/t"'"; print $2 >> "'"$T/m"'"}' "$T/r"
    done
    printf '%d ACLED rows (%s MB) to one map: %s s, %s KB peak RSS (median of 3)\n' "$n" \
        "$(du -m "$T/acled.csv" | cut -f1)" "$(median <"$T/t")" "$(median <"$T/m")"
done
