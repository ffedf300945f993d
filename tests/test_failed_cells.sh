#!/usr/bin/env bash
# test_failed_cells.sh OMPSCALE [HERE]: a kernel that fails (an error, not a
# wrong answer) is recorded, not lost (suite report), as TAP.  quadrature on
# [9999, 10000] in one interval makes GSL's QAGS give up (GSL_EMAXITER at
# --limit 1000): every cell of the run is a row of its CSV and JSON (reps 0,
# no time, verified false) with the kernel's reason and what to change in
# detail, each named on stderr with that reason, shown in the table, and the
# run exits 1; compare and plot read the file; once prints the reason; the
# change it names (--limit 100000) makes the run verify.  A run where one
# kernel fails and another does not keeps both.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/tap.sh"
check() { if "$@"; then ok "$what"; else not_ok "$what"; fi; }
failing=(--kernel quadrature --a 9999 --b 10000 --k 1)
reason='1 of 1 intervals failed in QAGS, first \[9999, 10000\]: .*\(GSL status 11\); .*raise --limit \(now 1000\)'

"$bin" run "${failing[@]}" --threads 1,2 --reps 3 --out "$tmp/q" >"$tmp/out" 2>"$tmp/err"
rc=$?
unwrap "$tmp/out"
what="a run whose every cell fails exits 1"
check test $rc -eq 1
what="one line names the 7 cells that failed alike, with the kernel's reason and what to change"
check grep -qE "^ompscale: quadrature: 7 cells failed \(serial at 1, omp static at 1, omp static at 2, omp dynamic at 1, omp dynamic at 2, omp guided at 1, omp guided at 2\): $reason" "$tmp/err"
what="and no other line names a failed cell"
check test "$(grep -c "failed" "$tmp/err")" -eq 1
what="no reason is empty"
check test "$(grep -c 'failed: *$\|did not verify: *$' "$tmp/err")" -eq 0
what="the CSV and JSON hold the 7 failed cells: reps 0, no time, verified false, the reason"
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/q.csv" "$tmp/q.json" --kernels quadrature --failed 7
what="every row's detail says what to change, in the CSV and the JSON"
check python3 - "$tmp/q.csv" "$tmp/q.json" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.load(open(sys.argv[2]))
assert len(rows) == 7 and len(doc["rows"]) == 7, (len(rows), len(doc["rows"]))
for r, j in zip(rows, doc["rows"]):
    assert r["reps"] == "0" and j["reps"] == 0, r
    assert r["verified"] == "false" and j["verified"] == "false"
    assert r["median_s"] == "" and j["median_s"] is None and r["speedup"] == ""
    assert "raise --limit (now 1000)" in r["detail"] and "--k" in r["detail"], r["detail"]
assert {(r["variant"], r["schedule"], r["threads"]) for r in rows} == {
    ("serial", "none", "1")} | {("omp", s, t) for s in ("static", "dynamic", "guided")
                                for t in ("1", "2")}
EOF
what="the table shows the failed kernel and its reason"
check grep -qE "^  serial failed, so there are no speedups: $reason" "$tmp/out"
check grep -qE "^  quadrature/omp \(guided\): 2 of 2 cells failed" "$tmp/out"

"$bin" compare "$tmp/q.csv" "$tmp/q.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare reads the file: exit 0, the failed cells shown as failed, no nan"
check test $rc -eq 0
check grep -qE "^  1 +failed! +- +failed! +- +- +- *$" "$tmp/out" # S, E, time ratio, verdict
check grep -qE "^  median time +failed +failed *$" "$tmp/out"
check test "$(grep -ci 'nan' "$tmp/out")" -eq 0
"$bin" compare "$tmp/q.csv" "$tmp/q.csv" --format csv >"$tmp/long.csv" 2>"$tmp/err"
what="compare --format csv: the failed rows, reps 0, times empty"
check python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 14 and all(r["reps"] == "0" and r["median_s"] == "" and r["speedup"] == ""
                               and r["verified"] == "false" for r in rows), rows[0]' "$tmp/long.csv"
mkdir "$tmp/plots"
"$bin" plot "$tmp/q.csv" --out-dir "$tmp/plots" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot reads the file: exit 0, nothing drawn, a note says why"
check test $rc -eq 0 -a -z "$(ls "$tmp/plots")"
check grep -q "^ompscale: note: nothing to plot: .*q.csv has no OpenMP row with a speedup" "$tmp/err"

"$bin" once quadrature --a 9999 --b 10000 --k 1 --threads 2 >"$tmp/out" 2>"$tmp/err"
rc=$?
what="once: exit 1 and one line with the kernel's reason"
check test $rc -eq 1 -a "$(wc -l <"$tmp/err")" -eq 1
check grep -qE "^ompscale: quadrature/omp at 2 threads failed: $reason" "$tmp/err"
"$bin" once quadrature --a 9999 --b 10000 --k 1 --threads 2 --limit 100000 >"$tmp/out" 2>"$tmp/err"
rc=$?
what="once: the change the reason names (--limit 100000) makes it verify"
check test $rc -eq 0
check grep -q "^verified    yes" "$tmp/out"

# One kernel fails, the other does not: both are kept, the good one plotted.
"$bin" run --quick --kernel squares,quadrature --a 9999 --b 10000 --k 1 --threads 1,2 \
    --out "$tmp/mix" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a failing kernel beside a good one: exit 1, both kernels' rows, 7 failed"
check test $rc -eq 1
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/mix.csv" "$tmp/mix.json" --kernels squares,quadrature \
    --threads 1,2 --failed 7
what="... and the good kernel's scaling summary"
check grep -qE "^  squares/omp \(static\): " "$tmp/out"
mkdir "$tmp/mixplots"
"$bin" plot "$tmp/mix.csv" --out-dir "$tmp/mixplots" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot draws the good kernel only"
check test $rc -eq 0 -a "$(ls "$tmp/mixplots")" = mix-squares.svg

tap_done
