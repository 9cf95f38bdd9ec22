#!/bin/sh
# conflictmap extract on hostile text: one sentence of 1, 2 and 4 MB naming
# three capitals every 44 bytes.  Memory must stay bounded (well under what
# the article's events would take if each copied its sentence); time is not
# asserted (tests/bench/extract_scaling.sh measures it).
# Usage: test_extract_long.sh CONFLICTMAP
set -u
CM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
if [ ! -x /usr/bin/time ]; then
    echo "extract_long: /usr/bin/time missing (scripts/setup.sh --tests): skipped"
    exit 77
fi
for mb in 1 4; do
    n=$((mb * 1048576 / 44))
    { echo "date 2021-08-15"; awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "Kabul Herat Kandahar fell to the Taliban, "; print "." }'; } >"$T/long$mb.txt"
    /usr/bin/time -f "%M" -o "$T/rss$mb" "$CM" extract -q -o "$T/out$mb.csv" "$T/long$mb.txt"
    rc=$?
    [ $rc -eq 0 ] && ok || bad "$mb MB: exit $rc"
    kb=$(tail -1 "$T/rss$mb")
    [ "$kb" -lt 262144 ] && ok || bad "$mb MB sentence: peak RSS $kb KB (over 256 MiB)"
    # every event quotes at most about 1 KB of its sentence
    awk -F, 'length($0) > 4096 { exit 1 }' "$T/out$mb.csv" && ok || bad "$mb MB: an event row over 4 KB"
    grep -q '^2021-08-15,1,kandahar,Kandahar,Kandahar,.*,fallen,confirmed,' "$T/out$mb.csv" && ok || bad "$mb MB: Kandahar fallen"
done
echo "extract_long: $pass passed, $fail failed"
[ $fail -eq 0 ]
