#!/usr/bin/env bash
# test_badargs.sh OMPSCALE DATA: every bad command line of DATA/bad-cmdlines.txt
# (suite cli), as TAP.  Each line of the table is shell words: the fragment
# the message must contain, then the arguments; $DATA and $BAD name the test
# data directories (BAD holds the bad input files).  Each case runs in a
# fresh empty directory as its working directory and must exit exactly 2,
# print nothing on stdout, print exactly one line on stderr that starts
# "ompscale: " and contains the fragment, and leave the directory empty: no
# file written, no temporary file left behind.
set -u
bin=$(realpath "$1") # absolute: every case runs in a directory of its own
table=$2/bad-cmdlines.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The cases read a copy of the data, which must not change either (a file written next to an input).
cp -r "$2" "$tmp/data"
DATA=$tmp/data
BAD=$DATA/bad
listing=$(ls -AR "$DATA")
. "$(dirname "$0")/tap.sh"

# check_case FRAGMENT ARGS...: runs one case in a fresh directory; prints what was wrong, if anything.
check_case() {
    local fragment=$1 dir rc why=""
    shift
    dir=$(mktemp -d "$tmp/case.XXXXXX")
    (cd "$dir" && exec timeout 60 "$bin" "$@") >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 2 ] || why="$why exit $rc, not 2;"
    [ -s "$tmp/out" ] && why="$why stdout not empty;"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || why="$why $(wc -l <"$tmp/err") stderr lines, not 1;"
    head -n 1 "$tmp/err" | grep -q '^ompscale: ' || why="$why stderr does not start 'ompscale: ';"
    grep -qF -- "$fragment" "$tmp/err" || why="$why message lacks '$fragment';"
    [ -z "$(ls -A "$dir")" ] || why="$why left $(ls -A "$dir" | tr '\n' ' ');"
    [ "$(ls -AR "$DATA")" = "$listing" ] || why="$why wrote into the data directory;"
    rm -rf "$dir"
    echo "$why"
}

cases=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    eval "set -- $line"
    cases=$((cases + 1))
    why=$(check_case "$@")
    shift
    if [ -z "$why" ]; then ok "ompscale $*"; else not_ok "ompscale $*:$why"; fi
done <"$table"

# The table itself: a truncated or unread table must not pass.
[ "$cases" -ge 40 ] && ok "the table has $cases cases (at least 40)" ||
    not_ok "the table has $cases cases, fewer than 40"

tap_done
exit $((fails > 0))
