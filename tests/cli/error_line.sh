# Sourced by the CLI tests; needs their bad() function.
# error_line_ok NAME WANT_EXIT GOT_EXIT ERRFILE NEEDLE: the run exited
# WANT_EXIT and wrote one stderr line "conflictmap: error: ..." holding
# NEEDLE; otherwise reports why through bad() and returns 1.
error_line_ok() {
    lines=$(wc -l <"$4")
    if [ "$3" -ne "$2" ]; then bad "$1: exit $3, want $2: $(cat "$4")"; return 1; fi
    if [ "$lines" -ne 1 ]; then bad "$1: $lines lines on stderr"; return 1; fi
    if ! grep -qF -- "$5" "$4"; then bad "$1: '$(cat "$4")' lacks '$5'"; return 1; fi
    if ! grep -q '^conflictmap: error: ' "$4"; then bad "$1: not 'conflictmap: error:'"; return 1; fi
    return 0
}
