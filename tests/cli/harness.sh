# Sourced by the CLI tests: counts and reports checks.  Needs T (the
# test's scratch directory) set; empties it.
# ok, bad MESSAGE: one check passed or failed; finish NAME: the summary line
# and the exit status.
rm -rf "$T"
mkdir -p "$T"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
. "$(dirname "$0")/error_line.sh"
