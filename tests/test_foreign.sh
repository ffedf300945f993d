#!/usr/bin/env bash
# test_foreign.sh OMPSCALE HYPERFINE_SCRIPT PI PI_WRONG: any program's scaling (suite report),
# as TAP.  A hyperfine export of a command that is not `ompscale once`, with known times, must
# import with known speedups, its rows verified `foreign` (never true, no failure), which
# compare and plot read; bad labels and exports exit 2 with one line and no file; and
# scripts/hyperfine --command sweeps examples/omp_program/pi.c (PI) over threads, by a
# {threads} placeholder or by OMP_NUM_THREADS, and refuses PI_WRONG, a build of it whose own
# check fails.  No timing is asserted: only what the files say of the runs.
set -u
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(abs "$1") # absolute: parts of the script run elsewhere
script=$2
pi=$(abs "$3")
pi_wrong=$(abs "$4")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# field CSV ROW COLUMN: the value of COLUMN (by header name) in data row ROW (1-based).
field() {
    python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[int(sys.argv[2])-1][sys.argv[3]])' "$@"
}
# export_of NAME PYTHON: $tmp/hf-NAME.json, a hyperfine export of `./prog --threads T 1000` at 1, 2
# and 4 threads (7 runs each: 0.100, 0.050 and 0.040 s medians, 1 ms apart), changed by PYTHON
# (on `d`).
export_of() {
    python3 - "$tmp/hf-$1.json" <<EOF
import json, sys
def result(t, median):
    times = [median + (i - 3) * 0.001 for i in range(7)]
    return {"command": f"./prog --threads {t} 1000", "times": times, "exit_codes": [0] * 7,
            "parameters": {"threads": str(t)}}
d = {"results": [result(1, 0.1), result(2, 0.05), result(4, 0.04)]}
$2
json.dump(d, open(sys.argv[1], "w"))
EOF
}
# foreign_usage DESCRIPTION PATTERN ARGS...: import-hyperfine ARGS --out $tmp/o exits 2 with one
# line, and writes no file (tap.sh's expect_usage).
unwritten=$tmp/o.csv
foreign_usage() { expect_usage "$1" "$2" import-hyperfine "${@:3}" --out "$tmp/o"; }

export_of plain 'pass'
"$bin" import-hyperfine "$tmp/hf-plain.json" --out "$tmp/plain" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a foreign command imports: serial, then 1, 2, 4 threads, named by its program"
cond '[ $rc -eq 0 ] && [ "$(field "$tmp/plain.csv" 1 kernel)" = prog ] && [ "$(field "$tmp/plain.csv" 1 variant)" = serial ] && [ "$(field "$tmp/plain.csv" 4 threads)" = 4 ] && [ "$(field "$tmp/plain.csv" 4 variant)" = omp ] && [ "$(field "$tmp/plain.csv" 4 schedule)" = static ]'
what="every row says verified foreign, never true, and why in detail"
cond 'python3 -c "import csv,sys; sys.exit({r[\"verified\"] for r in csv.DictReader(open(sys.argv[1]))} != {\"foreign\"})" "$tmp/plain.csv" && grep -q "not checked by ompscale" "$tmp/plain.csv"'
what="no reference command: the runs at 1 thread are the serial row (its median 0.100 s)"
cond '[ "$(field "$tmp/plain.csv" 1 median_s)" = 0.1 ] && [ "$(field "$tmp/plain.csv" 1 reps)" = 7 ] && grep -q "the runs at 1 thread" "$tmp/plain.csv"'
what="speedups 0.100 / 0.050 = 2 and 0.100 / 0.040 = 2.5, with bootstrap intervals around them"
cond '[ "$(field "$tmp/plain.csv" 3 speedup)" = 2 ] && [ "$(field "$tmp/plain.csv" 4 speedup)" = 2.5 ] && python3 -c "import sys; l,h=map(float,sys.argv[1:]); sys.exit(not l <= 2.5 <= h)" "$(field "$tmp/plain.csv" 4 speedup_ci95_low)" "$(field "$tmp/plain.csv" 4 speedup_ci95_high)"'
what="its JSON: schema version 2, verified the string foreign, a scaling summary (best 2.5x at 4)"
check python3 - "$tmp/plain.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema_version"] == 2, d["schema_version"]
assert [r["verified"] for r in d["rows"]] == ["foreign"] * 4, d["rows"]
s = d["scaling"][0]
assert (s["kernel"], s["variant"], s["max_speedup"], s["best_threads"]) == ("prog", "omp", 2.5, 4), s
assert s["amdahl"] is not None and s["flattens_at"] in (2, 4), s
EOF

what="compare reads the CSV and the JSON of a foreign import: speedups, no failure mark"
"$bin" compare "$tmp/plain.csv" "$tmp/plain.json" >"$tmp/out" 2>"$tmp/err"
cond '[ $? -eq 0 ] && grep -qE "^ +4 +2\.50" "$tmp/out" && ! grep -qE "[0-9*]!" "$tmp/out"'
what="compare --format csv keeps the verdict: foreign"
"$bin" compare "$tmp/plain.csv" "$tmp/plain.json" --format csv >"$tmp/out" 2>"$tmp/err"
cond '[ $? -eq 0 ] && grep -q ",foreign," "$tmp/out" && ! grep -q ",true," "$tmp/out"'
what="plot draws it (gnuplot stand-in), its key saying the program was not checked by ompscale"
fake_gnuplot "$tmp/fakebin"
cat >"$tmp/fakebin/gnuplot" <<'FAKE'
#!/bin/sh
tee -a "$(dirname "$0")/scripts" | sed -n "s/^set output '\(.*\)'$/\1/p" | head -n 1 | {
    read -r out && printf '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n' >"$out"; }
exit 0
FAKE
chmod +x "$tmp/fakebin/gnuplot"
PATH=$tmp/fakebin:$PATH "$bin" plot "$tmp/plain.csv" --format svg --out-dir "$tmp" >"$tmp/out" 2>"$tmp/err"
cond '[ $? -eq 0 ] && [ -s "$tmp/plain-prog.svg" ] && grep -q "not checked by ompscale" "$tmp/fakebin/scripts" && ! grep -q "not verified" "$tmp/fakebin/scripts"'

export_of reference 'd["results"].insert(0, {"command": "./prog-serial 1000", "times": [0.08] * 7, "exit_codes": [0] * 7})'
"$bin" import-hyperfine "$tmp/hf-reference.json" --name my-prog --variant workers --schedule dynamic:4 \
    --out "$tmp/ref" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a reference command (no threads parameter) is the serial row: speedup 0.08 / 0.04 = 2 at 4"
cond '[ $rc -eq 0 ] && [ "$(field "$tmp/ref.csv" 1 median_s)" = 0.08 ] && [ "$(field "$tmp/ref.csv" 4 speedup)" = 2 ] && [ "$(field "$tmp/ref.csv" 2 speedup)" = 0.8 ]'
what="--name, --variant and --schedule label the rows"
cond '[ "$(field "$tmp/ref.csv" 2 kernel)" = my-prog ] && [ "$(field "$tmp/ref.csv" 2 variant)" = workers ] && [ "$(field "$tmp/ref.csv" 2 schedule)" = dynamic:4 ] && [ "$(field "$tmp/ref.csv" 1 schedule)" = none ]'

export_of failed 'd["results"][2]["exit_codes"][3] = 1'
"$bin" import-hyperfine "$tmp/hf-failed.json" --out "$tmp/failed" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a run that exited non-zero: exit 1, that row verified false, the others foreign"
cond '[ $rc -eq 1 ] && [ "$(field "$tmp/failed.csv" 4 verified)" = false ] && [ "$(field "$tmp/failed.csv" 3 verified)" = foreign ] && grep -q "did not verify" "$tmp/err"'
what="compare marks that row failed verification, and only that one"
"$bin" compare "$tmp/failed.csv" "$tmp/plain.csv" >"$tmp/out" 2>"$tmp/err"
cond '[ $? -eq 0 ] && grep -qE "^ +4 +2\.50\*?!" "$tmp/out" && ! grep -qE "^ +2 +2\.00!" "$tmp/out"'

foreign_usage "--name with a space" "--name 'my prog': give 1 to 31 letters, digits" "$tmp/hf-plain.json" --name "my prog"
foreign_usage "--name of 32 characters" "--name '.{32}': give 1 to 31" "$tmp/hf-plain.json" --name "$(printf 'a%.0s' $(seq 32))"
foreign_usage "--variant serial (the reference's name)" "--variant 'serial': serial is the reference's name" "$tmp/hf-plain.json" --variant serial
foreign_usage "--schedule that is not a schedule" "--schedule 'sometimes': " "$tmp/hf-plain.json" --schedule sometimes
expect_usage "--name without a value" "--name needs a value" import-hyperfine "$tmp/hf-plain.json" --name
export_of zero 'd["results"][0]["parameters"]["threads"] = "0"'
foreign_usage "a threads parameter of 0" "hf-zero\.json: results\[0\]\.parameters\.threads: must be a whole number from 1" "$tmp/hf-zero.json"
export_of word 'd["results"][1]["parameters"]["threads"] = "two"'
foreign_usage "a threads parameter that is no number" "results\[1\]\.parameters\.threads: must be a whole number" "$tmp/hf-word.json"
export_of second 'd["results"][1]["command"] = "./other --threads 2 1000"'
foreign_usage "a second program at the same thread count" "'\./other --threads 2 1000' is a second command at the same threads besides '\./prog --threads 2 1000': import one program at a time" "$tmp/hf-plain.json" "$tmp/hf-second.json"
export_of tworefs 'd["results"] += [{"command": "./a", "times": [1], "exit_codes": [0]}, {"command": "./b", "times": [1], "exit_codes": [0]}]'
foreign_usage "two reference commands" "'\./b' is a second reference command besides '\./a'" "$tmp/hf-tworefs.json"
export_of noone 'del d["results"][0]'
foreign_usage "no runs at 1 thread and no reference: no serial time" "no serial runs of prog: .*--reference" "$tmp/hf-noone.json"

# scripts/hyperfine --command: the example program swept over the plan 1,2, 3 runs each.
(cd "$tmp" && OMPSCALE=$bin "$script" --command "$pi 200000 {threads}" --name pi --threads 1,2 \
    --runs 3 --warmup 0 --out-dir hf) >"$tmp/out" 2>"$tmp/err"
rc=$?
csv=$(ls "$tmp"/hf/*-hyperfine-pi-*Z.csv 2>/dev/null | head -1)
what="scripts/hyperfine --command '{threads}': exports, the suite's CSV, serial and 1, 2 threads"
cond '[ $rc -eq 0 ] && [ -n "$csv" ] && [ "$(grep -c whole-process "$csv")" -eq 3 ] && [ "$(field "$csv" 3 threads)" = 2 ] && [ "$(field "$csv" 3 reps)" = 3 ] && ls "$tmp"/hf/*-omp.json >/dev/null && [ -z "$(ls "$tmp"/hf/*-serial.json 2>/dev/null)" ]'
what="... its rows say foreign, with a speedup, and the commands ran the program"
cond '[ "$(field "$csv" 3 verified)" = foreign ] && [ -n "$(field "$csv" 3 speedup)" ] && grep -q "pi 200000 2" "$csv" && "$bin" compare "$csv" "$csv" >/dev/null 2>&1'
(cd "$tmp" && OMPSCALE=$bin "$script" --command "$pi 200000" --threads 1,2 --runs 2 --warmup 0 \
    --reference "$pi 200000 1" --out-dir env) >"$tmp/out" 2>"$tmp/err"
rc=$?
csv=$(ls "$tmp"/env/*-hyperfine-command-*Z.csv 2>/dev/null | head -1)
what="scripts/hyperfine --command without {threads}: OMP_NUM_THREADS per run, --reference timed"
cond '[ $rc -eq 0 ] && [ -n "$csv" ] && grep -q "env OMP_NUM_THREADS=2 " "$csv" && [ "$(field "$csv" 1 kernel)" = pi ] && grep -q "pi 200000 1.* exited 0" "$csv" && ls "$tmp"/env/*-serial.json >/dev/null'
(cd "$tmp" && OMPSCALE=$bin "$script" --command "$pi_wrong 1000 {threads}" --threads 1,2 --runs 2 \
    --warmup 0 --out-dir wrong) >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a program whose own check fails: exit 2 before anything is timed, nothing written"
cond '[ $rc -eq 2 ] && grep -q "failed (hyperfine runs it with -N, no shell): fix the command" "$tmp/err" && [ ! -e "$tmp/wrong" ]'
(cd "$tmp" && OMPSCALE=$bin "$script" --command "$pi 1000 {threads}" --name "no good" --out-dir bad) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="scripts/hyperfine --command with a bad --name: ompscale's message, exit 2, nothing written"
cond '[ $rc -eq 2 ] && grep -q "^ompscale: --name .no good.: give 1 to 31" "$tmp/err" && [ ! -e "$tmp/bad" ]'
OMPSCALE=$bin "$script" squares --reference "$pi 1000 1" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="scripts/hyperfine KERNEL --reference: exit 2, the option is for --command"
cond '[ $rc -eq 2 ] && grep -q "is for --command" "$tmp/err"'
OMPSCALE=$bin "$script" --command "$pi 1000 {threads}" --size 10 >"$tmp/out" 2>"$tmp/err"
rc=$?
what="scripts/hyperfine --command with a once option: exit 2, naming the valid ones"
cond '[ $rc -eq 2 ] && grep -q -- "--size: not an option of scripts/hyperfine --command" "$tmp/err"'

tap_done
