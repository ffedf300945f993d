#!/usr/bin/env bash
# test_import.sh OMPSCALE DATA_DIR: `ompscale import-hyperfine` end to end
# (suite report), as TAP.  A fixture hyperfine export with known times must
# give known speedups in the suite's CSV schema; every malformed export must
# give exit status 2, one "ompscale: ..." line naming the file, and no file.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: the script runs elsewhere
data=$2
script=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
fixture=$data/hyperfine-squares.json

check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# field CSV ROW COLUMN: the value of COLUMN (by header name) in data row ROW (1-based).
field() {
    python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[int(sys.argv[2])-1][sys.argv[3]])' "$@"
}

# expect_import_usage DESCRIPTION STDERR_PATTERN ARGS...: import-hyperfine ARGS exits 2, one
# stderr line, no stdout, no file (tap.sh's expect_usage).
unwritten=$tmp/o.csv
expect_import_usage() { expect_usage "$1" "$2" import-hyperfine "${@:3}"; }

# mutate NAME PYTHON: writes $tmp/NAME.json, the fixture changed by PYTHON (on `d`).
mutate() {
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2; json.dump(d, open(sys.argv[2], 'w'))" \
        "$fixture" "$tmp/$1.json"
}

"$bin" import-hyperfine "$fixture" >"$tmp/std.csv" 2>"$tmp/err"
check "the fixture imports to standard output" '[ $? -eq 0 ] && [ "$(wc -l <"$tmp/std.csv")" -eq 5 ]'
check "serial row first, the reference" '[ "$(field "$tmp/std.csv" 1 variant)" = serial ] && [ "$(field "$tmp/std.csv" 1 schedule)" = none ]'
check "speedup at 2 threads is serial median 0.100 / 0.050 = 2" \
    'python3 -c "import sys; sys.exit(abs(float(sys.argv[1]) - 2) > 1e-12)" "$(field "$tmp/std.csv" 3 speedup)"'
check "speedup at 4 threads is 2.5, efficiency 0.625" \
    '[ "$(field "$tmp/std.csv" 4 speedup)" = 2.5 ] && [ "$(field "$tmp/std.csv" 4 efficiency)" = 0.625 ]'
check "1-thread OpenMP row: 0.100 / 0.125 = 0.8" '[ "$(field "$tmp/std.csv" 2 speedup)" = 0.8 ]'
check "7 runs each, median CI from order statistics" \
    '[ "$(field "$tmp/std.csv" 3 reps)" = 7 ] && [ "$(field "$tmp/std.csv" 3 ci95_low_s)" = 0.049 ] && [ "$(field "$tmp/std.csv" 3 ci95_high_s)" = 0.051 ]'
check "size and parameters from the command line" \
    '[ "$(field "$tmp/std.csv" 3 size)" = 1024 ] && [[ "$(field "$tmp/std.csv" 3 params)" == "n=1024 "* ]]'
check "labelled whole-process, verified, no result recorded" \
    '[ "$(field "$tmp/std.csv" 3 timing)" = whole-process ] && [ "$(field "$tmp/std.csv" 3 verified)" = true ] && [ -z "$(field "$tmp/std.csv" 3 result)" ]'
check "threads obtained as asked (once --quiet fails otherwise)" '[ "$(field "$tmp/std.csv" 4 threads_obtained)" = 4 ]'
check "bootstrap speedup interval brackets the speedup" \
    'python3 -c "import sys; l,s,h=map(float,sys.argv[1:]); sys.exit(not l <= s <= h)" "$(field "$tmp/std.csv" 3 speedup_ci95_low)" 2 "$(field "$tmp/std.csv" 3 speedup_ci95_high)"'

"$bin" import-hyperfine "$fixture" "$fixture" >"$tmp/two.csv" 2>"$tmp/err"
check "two exports of the same commands pool their runs" '[ "$(field "$tmp/two.csv" 3 reps)" = 14 ]'

"$bin" import-hyperfine "$fixture" --out "$tmp/imp" >"$tmp/out" 2>"$tmp/err"
check "--out writes PREFIX.csv and PREFIX.json and prints the summary" \
    '[ $? -eq 0 ] && [ -s "$tmp/imp.csv" ] && grep -q "whole-process runs" "$tmp/out" && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d[\"timing\"] != \"whole-process\" or d[\"rows\"][2][\"speedup\"] != 2)" "$tmp/imp.json"'
check "no temporary file left beside the output" '[ -z "$(ls "$tmp" | grep tmp-)" ]'

mutate failed 'd["results"][2]["exit_codes"][3] = 1'
"$bin" import-hyperfine "$tmp/failed.json" --out "$tmp/failed-import" >"$tmp/out" 2>"$tmp/err"
check "a run that exited non-zero: exit 1, row written as not verified" \
    '[ $? -eq 1 ] && [ "$(field "$tmp/failed-import.csv" 3 verified)" = false ] && [ "$(field "$tmp/failed-import.csv" 4 verified)" = true ] && grep -q "did not verify" "$tmp/err"'

printf '{"results": [\n  {"command": "x",\n' >"$tmp/trunc.json"
expect_import_usage "truncated JSON: file, line and column" "trunc.json: line [0-9]+, column [0-9]+: not valid JSON" "$tmp/trunc.json" --out "$tmp/o"
echo '{"benchmarks": []}' >"$tmp/foreign.json"
expect_import_usage "JSON that is not a hyperfine export" "foreign.json: not a hyperfine JSON export" "$tmp/foreign.json" --out "$tmp/o"
expect_import_usage "a missing file" "nothing.json: cannot read" "$tmp/nothing.json" --out "$tmp/o"
mutate notonce 'd["results"][1]["command"] = "sleep 0.1"; del d["results"][1]["parameters"]'
expect_import_usage "a command that is not ompscale once, not swept over threads" \
    "results\[1\]\.command: 'sleep 0.1' is not an .ompscale once. command, and no command of its program has hyperfine's parameter threads" \
    "$tmp/notonce.json" --out "$tmp/o"
mutate noquiet 'd["results"][2]["command"] = d["results"][2]["command"].replace(" --quiet", "")'
expect_import_usage "a once command without --quiet" "results\[2\]\.command: .*no --quiet" "$tmp/noquiet.json" --out "$tmp/o"
mutate badkernel 'd["results"][0]["command"] = d["results"][0]["command"].replace("squares", "cubes")'
expect_import_usage "an unknown kernel in the command" "unknown kernel 'cubes': valid are .*squares" "$tmp/badkernel.json" --out "$tmp/o"
mutate badsize 'd["results"][3]["command"] = d["results"][3]["command"].replace("--size 1024", "--size 0")'
expect_import_usage "a size out of range in the command" "results\[3\]\.command: .*n" "$tmp/badsize.json" --out "$tmp/o"
mutate noserial 'del d["results"][0]'
expect_import_usage "no serial runs, no speedup" "no serial runs of squares" "$tmp/noserial.json" --out "$tmp/o"
mutate negtime 'd["results"][2]["times"][4] = -0.5'
expect_import_usage "a negative time" "results\[2\]\.times\[4\]: -0\.5 s is not a run time from 1e-09 s to 1e\+07 s" "$tmp/negtime.json" --out "$tmp/o"
# Extreme times made a speedup of inf (0.1 s / 1e-320 s) that compare refused: refused on import,
# naming the file, the place and the command.
mutate tiny 'd["results"][2]["times"] = [1e-320] * 7'
expect_import_usage "a denormal time (1e-320 s): file, place and command" \
    "tiny\.json: results\[2\]\.times\[0\]: 9\.99989e-321 s is not a run time from 1e-09 s to 1e\+07 s \(command '.*once squares --variant omp --threads 2 " \
    "$tmp/tiny.json" --out "$tmp/o"
mutate huge 'd["results"][0]["times"] = [1e300] * 7'
expect_import_usage "a time of 1e300 s: file, place and command" \
    "huge\.json: results\[0\]\.times\[0\]: 1e\+300 s is not a run time .*--variant serial " \
    "$tmp/huge.json" --out "$tmp/o"
# The most extreme times still accepted (10^7 s serial, 1 ns parallel): a speedup of 10^16 that
# the CSV records and compare reads back.
mutate edge 'd["results"][0]["times"] = [1e7] * 7; d["results"][2]["times"] = [1e-9] * 7'
"$bin" import-hyperfine "$tmp/edge.json" --out "$tmp/edge-import" >/dev/null 2>"$tmp/err"
check "the extreme times accepted import, with a finite speedup of 1e16 that compare reads" \
    '[ $? -eq 0 ] && [ "$(field "$tmp/edge-import.csv" 3 speedup)" = 1e+16 ] && "$bin" compare "$tmp/edge-import.csv" "$tmp/edge-import.csv" >/dev/null 2>&1' 
mutate strtime 'd["results"][1]["times"][0] = "fast"'
expect_import_usage "a time that is not a number" "results\[1\]\.times\[0\]" "$tmp/strtime.json" --out "$tmp/o"
mutate notimes 'd["results"][1]["times"] = []'
expect_import_usage "no times" "results\[1\]\.times: must be an array" "$tmp/notimes.json" --out "$tmp/o"
mutate shortcodes 'd["results"][1]["exit_codes"] = [0]'
expect_import_usage "exit codes that do not match the times" "results\[1\]\.exit_codes" "$tmp/shortcodes.json" --out "$tmp/o"
expect_import_usage "no file named" "name a hyperfine JSON export"
expect_import_usage "an unknown option" "unknown option '--fast': valid are --out, --name, --variant, --schedule, --help" "$fixture" --fast
expect_import_usage "--out without a value" "--out needs a value" "$fixture" --out
expect_import_usage "--out in a directory that does not exist" "--out: cannot write in" "$fixture" --out "$tmp/no/such/dir/x"

# scripts/hyperfine end to end: hyperfine over the thread plan, then the import.
if [ -n "$script" ]; then
    (cd "$tmp" && OMPSCALE=$bin "$script" squares --threads 1,2 --runs 3 --warmup 0 \
        --preset quick --out-dir hf) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    csv=$(ls "$tmp"/hf/*-hyperfine-squares-*Z.csv 2>/dev/null | head -1)
    check "scripts/hyperfine: hyperfine's exports and the suite's CSV in --out-dir" \
        '[ $rc -eq 0 ] && [ -n "$csv" ] && ls "$tmp"/hf/*-serial.json "$tmp"/hf/*-omp.json "$tmp"/hf/*-omp.csv >/dev/null'
    check "scripts/hyperfine: serial and the plan 1,2 as whole-process rows, 3 runs each" \
        '[ "$(grep -c whole-process "$csv")" -eq 3 ] && [ "$(field "$csv" 3 threads)" = 2 ] && [ "$(field "$csv" 3 reps)" = 3 ]'
    OMPSCALE=$bin "$script" squares --runs x >"$tmp/out" 2>"$tmp/err"
    check "scripts/hyperfine: a bad --runs exits 2" '[ $? -eq 2 ] && grep -q "runs" "$tmp/err"'
    OMPSCALE=$bin "$script" squares --out-dir "$tmp/bad" --threads 0 >"$tmp/out" 2>"$tmp/err"
    check "scripts/hyperfine: a bad thread list exits 2 before anything is timed" '[ $? -eq 2 ] && [ ! -e "$tmp/bad" ]'
    # Two at once, in the same second: two sets of files, neither replacing the other.
    (cd "$tmp" || exit
     OMPSCALE=$bin "$script" squares --threads 1 --runs 2 --warmup 0 --preset quick \
        --out-dir two >/dev/null 2>&1 &
     OMPSCALE=$bin "$script" squares --threads 1 --runs 2 --warmup 0 --preset quick \
        --out-dir two >/dev/null 2>&1
     wait)
    check "scripts/hyperfine: two runs at once keep two sets of files (two imported CSVs)" \
        '[ "$(ls "$tmp"/two/*-hyperfine-squares-*.csv | grep -vc -- "-serial.csv$\|-omp.csv$")" -eq 2 ]'
    # A hyperfine past --timeout (each run sleeps 2 ms x ~2000 elements: 4 s) is stopped.  The
    # size is this test's own, so that the process check sees no other test's processes.
    size=$((2000 + $$ % 1000))
    start=$SECONDS
    (cd "$tmp" && OMPSCALE=$bin "$script" squares --threads 1 --runs 5 --warmup 0 \
        --sleep-us 2000 --size "$size" --timeout 2 --out-dir slow) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    for _ in $(seq 50); do # the stopped processes may take a moment to be gone
        pgrep -f "sleep-us 2000 --size $size" >/dev/null || break
        sleep 0.1
    done
    check "scripts/hyperfine: --timeout stops hyperfine: exit 124 in time, says so, no export left" \
        '[ $rc -eq 124 ] && [ $((SECONDS - start)) -lt 40 ] && grep -q "did not finish within 2 s" "$tmp/err" &&
         [ -z "$(ls "$tmp/slow")" ] && command -v pgrep >/dev/null && ! pgrep -f "sleep-us 2000 --size $size" >/dev/null'
fi

tap_done
