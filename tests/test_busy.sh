#!/usr/bin/env bash
# test_busy.sh OMPSCALE: a busy machine detected (suite report), as TAP.  Two busy loops,
# started here, load both CPUs: a quick sweep then warns that other work competed, naming
# what it used, and its JSON records the load around each configuration and over the sweep;
# --settle waits for a quiet machine and, when there is none, says so and measures anyway.
# (A quiet machine cannot be made here: CI runs tests side by side.)
set -u
bin=$1
tmp=$(mktemp -d)
loops=()
stop_loops() { for p in "${loops[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; loops=(); }
trap 'stop_loops; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

for _ in 1 2; do
    timeout 120 bash -c 'while :; do :; done' &
    loops+=($!)
done
sleep 1
"$bin" run --quick --kernel squares,rangesum --threads 1,2 --out "$tmp/busy" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a quick sweep beside two busy loops: exit 0, one warning that other work competed"
cond '[ $rc -eq 0 ] && [ "$(grep -c "^ompscale: warning: other work competed with the sweep: while squares, rangesum ran (13 of 13 cells), other processes used up to [0-9.]* of the 2 CPUs" "$tmp/err")" -eq 1 ]'
what="its JSON: the load at the start, over the sweep (others above 0.5 CPUs), each configuration busy"
check python3 - "$tmp/busy.json" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))["load"]
assert load["start"]["loadavg_1m"] >= 0 and load["start"]["runnable"] >= 1, load["start"]
assert load["sweep_others_cpus"] > 0.5, load["sweep_others_cpus"]
assert len(load["configurations"]) == 3, load["configurations"]
assert all(c["busy"] is True for c in load["configurations"]), load["configurations"]
assert all(c["before"] and c["after"] for c in load["configurations"])
PY
start=$SECONDS
"$bin" run --quick --kernel squares --threads 1 --settle 2 --out "$tmp/settle" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="--settle 2 beside the loops: waits about 2 s, says the machine did not settle, measures anyway"
cond '[ $rc -eq 0 ] && [ $((SECONDS - start)) -ge 2 ] && [ -s "$tmp/settle.csv" ] &&
    grep -q "^ompscale: warning: the machine did not settle within 2 s (other processes used [0-9.]* of the 2 CPUs): measuring anyway" "$tmp/err"'
stop_loops
"$bin" run --quick --kernel squares --threads 1 --settle-load 0 --out "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="--settle-load 0: exit 2, says what is valid, nothing written"
cond '[ $rc -eq 2 ] && grep -q "settle-load .0.: must be CPUs from 0.01" "$tmp/err" && [ ! -e "$tmp/bad.csv" ]'

tap_done
