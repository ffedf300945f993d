#!/usr/bin/env bash
# test_signals.sh OMPSCALE: SIGINT and SIGTERM sent to a running sweep (suite report), as TAP.
# The sweeps are latency-bound (squares with --sleep-us: each repetition
# sleeps, so cells take the same wall time on a loaded machine and use no
# CPU): two configurations, --sizes 4,N, so that the first is saved (its
# JSON, written after the CSV, appears) before the second, long one starts;
# the signal is sent during the second.  Checked: the exit status (130, 143), rows = the cells the
# summary says finished, fewer than planned, every row verified, the JSON
# parses with "complete": false, and no temporary file is left; a second
# signal stops at once and leaves the last save whole; with --wait-policy
# the parent forwards the signal, starts no further policy and prints no
# comparison.
set -u
set -m # job control: background sweeps keep SIGINT (without it bash ignores it for them)
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# wait_for FILE [PATTERN]: polls (up to 60 s) until FILE exists (and has a line matching PATTERN).
wait_for() {
    for _ in $(seq 600); do
        if [ -e "$1" ] && { [ $# -eq 1 ] || grep -qE -- "$2" "$1"; }; then return 0; fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# The rows of a CSV (without its header), and the JSON facts checked by the tests.
rows() { echo $(($(wc -l <"$1") - 1)); }
json_check() { # JSON ROWS: parses, "complete": false, ROWS rows, each verified
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["complete"] is False, d["complete"]
assert len(d["rows"]) == int(sys.argv[2]), (len(d["rows"]), sys.argv[2])
assert all(r["verified"] == "true" for r in d["rows"])' "$1" "$2"
}
no_temporaries() { [ -z "$(find "$tmp" -name '*.tmp-*' -o -name '*.lock')" ]; }

# sweep PREFIX N REPS [more options]: squares sleeping 2 ms per element, n = 4 then N, threads 1-4
# (5 cells each), sequential order; started in the background, its pid in $pid.
sweep() {
    local prefix=$1 size=$2 reps=$3
    shift 3
    "$bin" run --kernel squares --sleep-us 2000 --sizes 4,"$size" --threads 1-4 --reps "$reps" \
        --order sequential --out "$prefix" "$@" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
}

# interrupted SIG STATUS: a sweep interrupted by SIG 2.3 s after its first save (the second
# configuration's warm-up takes 0.4 s, its cells 1.2, 1.2, 0.6, 0.4 and 0.3 s: two finish, not all).
interrupted() {
    local sig=$1 status=$2 p=$tmp/$1
    sweep "$p" 60 10 "${@:3}"
    if wait_for "$p.json"; then
        sleep 2.3
        kill -"$sig" "$pid"
    fi
    finish
    what="$sig: exit status $status"
    check [ "$rc" -eq "$status" ]
    what="$sig: said at once, and the summary counts the finished cells"
    check grep -qE "^ompscale: interrupted by SIG$sig: stopping after the cell in progress" "$tmp/err"
    local done
    done=$(sed -nE "s/^ompscale: interrupted by SIG$sig: ([0-9]+) of 10 cells finished.*/\1/p" "$tmp/err")
    what="$sig: the CSV has one row per finished cell ($done), at least the first configuration's 5"
    cond '[ -n "$done" ] && [ "$(rows "$p.csv")" -eq "$done" ] && [ "$done" -ge 5 ]'
    what="$sig: it stopped after the cell in progress, not after the configuration (rows < 10)"
    check [ "${done:-10}" -lt 10 ]
    what="$sig: some cells of the interrupted configuration were kept (n=60 rows)"
    check [ "$(grep -c ',squares,.*n=60' "$p.csv")" -ge 1 ]
    what="$sig: every row verified"
    check [ "$(grep -c ',true,' "$p.csv")" -eq "$(rows "$p.csv")" ]
    what="$sig: the JSON parses, \"complete\": false, same rows, all verified"
    check json_check "$p.json" "${done:-0}"
    what="$sig: no temporary file left"
    check no_temporaries
}

interrupted INT 130
what="INT: the table of the finished cells is printed"
check grep -q "^squares" "$tmp/out"

command -v gnuplot >/dev/null || echo "# gnuplot is missing: the --plot check below fails"
interrupted TERM 143 --plot
what="TERM with --plot: an interrupted run is not plotted, and says so"
cond '[ -z "$(find "$tmp" -name "TERM*.png" -o -name "TERM*.svg")" ] && grep -q "not plotted" "$tmp/err"'

# A second signal while a long cell runs (n = 400: 8 s per serial cell): stop at once.
p=$tmp/twice
sweep "$p" 400 10
if wait_for "$p.json"; then
    kill -INT "$pid"
    wait_for "$tmp/err" "interrupted by SIGINT" && kill -INT "$pid"
fi
finish
what="second SIGINT: ended by the signal (exit status 130)"
check [ "$rc" -eq 130 ]
what="second SIGINT: said it stopped at once"
check grep -q "^ompscale: SIGINT again: stopping at once" "$tmp/err"
what="second SIGINT: the CSV under its final name is the whole earlier save (5 rows)"
check [ "$(rows "$p.csv")" -eq 5 ]
what="second SIGINT: the JSON under its final name parses, \"complete\": false, 5 rows"
check json_check "$p.json" 5
what="second SIGINT: no temporary file left"
check no_temporaries

# --wait-policy: the parent forwards the signal to the child in progress.
p=$tmp/wp
"$bin" run --wait-policy active,passive --kernel squares --sleep-us 2000 --sizes 4,40 \
    --threads 1-4 --reps 10 --order sequential --out "$p" >"$tmp/out" 2>"$tmp/err" &
pid=$!
if wait_for "$p-active.json"; then
    sleep 1.5
    kill -INT "$pid"
fi
finish
what="--wait-policy, SIGINT to the parent: exit status 130"
check [ "$rc" -eq 130 ]
what="--wait-policy: the active child saved its finished cells, marked incomplete"
done=$(sed -nE 's/^ompscale: interrupted by SIGINT: ([0-9]+) of 10 cells finished.*/\1/p' "$tmp/err")
check json_check "$p-active.json" "${done:-0}"
what="--wait-policy: no passive run started, no comparison printed, the parent says why"
cond '[ ! -e "$p-passive.csv" ] && ! grep -q "^OMP_WAIT_POLICY: " "$tmp/out" &&
    grep -q "interrupted by SIGINT during OMP_WAIT_POLICY=active" "$tmp/err"'
what="--wait-policy: no temporary file left"
check no_temporaries

tap_done
