#!/usr/bin/env bash
# test_counters.sh OMPSCALE: run's resource figures (--counters) and its
# placements (--bind), as TAP (suite report).  A small compute sweep of
# squares (--work) at 1 and 2 threads fills the getrusage and perf software
# columns on every row, counts the OpenMP workers (a 2-thread cell's CPU
# seconds per repetition are the serial cell's, not half of them; its CPU-s
# per wall-s above 1.2 unless the run's load record says other work took the
# CPUs), its task clock agrees with getrusage's CPU time, and the hardware
# columns are empty with the context saying why, or filled where the machine
# has a PMU; --counters none leaves every resource column empty; bad values
# exit 2 with one message.  --bind false,close,spread runs a child per
# placement, each under its binding (its JSON context's omp_in_force) with
# OMP_PLACES=cores, and prints every cell under each.  No timing is asserted.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
py() { python3 - "$@"; }

usage_columns="cpu_user_per_wall cpu_sys_per_wall voluntary_switches involuntary_switches
context_switches cpu_migrations page_faults task_clock_per_wall cycles instructions llc_misses
ipc instructions_vs_1thread"

"$bin" run --kernel squares --n 100000 --work 100 --threads 1,2 --reps 12 --min-time 0 \
    --out "$tmp/c" >"$tmp/out" 2>"$tmp/err"
what="a compute sweep with the default --counters auto runs"
cond '[ $? -eq 0 ] && [ -s "$tmp/c.csv" ]'

what="getrusage and software columns filled on every row: rates >= 0, counts whole and >= 0"
check py "$tmp/c.csv" <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 3, rows
for r in rows:
    for c in ("cpu_user_per_wall", "cpu_sys_per_wall", "task_clock_per_wall"):
        assert r[c] != "" and float(r[c]) >= 0, (c, r[c])
    for c in ("voluntary_switches", "involuntary_switches", "context_switches",
              "cpu_migrations", "page_faults"):
        assert re.fullmatch(r"[0-9]+", r[c]), (c, r[c])
PY

what="the workers are counted: at 2 threads getrusage's and perf's CPU-s per repetition are at least 0.75 of serial's"
check py "$tmp/c.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def rusage_per_rep(r):  # (user + sys) per wall-s x wall-s per repetition (mean_s)
    return (float(r["cpu_user_per_wall"]) + float(r["cpu_sys_per_wall"])) * float(r["mean_s"])
def task_per_rep(r):
    return float(r["task_clock_per_wall"]) * float(r["mean_s"])
serial = [r for r in rows if r["variant"] == "serial"][0]
two = [r for r in rows if r["threads"] == "2"][0]
# The same work in CPU time whatever the threads; the primary thread's half alone (a perf
# event the workers did not inherit) would be 0.5 of it.
for per_rep in (rusage_per_rep, task_per_rep):
    assert per_rep(two) >= 0.75 * per_rep(serial), (per_rep.__name__, per_rep(two), per_rep(serial))
PY

what="2 threads computing: above 1.2 CPU-s per wall-s, or the run's load record says others took the CPUs"
check py "$tmp/c.csv" "$tmp/c.json" <<'PY'
import csv, json, sys
two = [r for r in csv.DictReader(open(sys.argv[1])) if r["threads"] == "2"][0]
busy = any(c["busy"] for c in json.load(open(sys.argv[2]))["load"]["configurations"])
cpu = float(two["cpu_user_per_wall"]) + float(two["cpu_sys_per_wall"])
assert cpu > 1.2 or busy, cpu
PY

what="task clock agrees with getrusage's CPU time within a factor of 1.5"
check py "$tmp/c.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    rusage = float(r["cpu_user_per_wall"]) + float(r["cpu_sys_per_wall"])
    task = float(r["task_clock_per_wall"])
    assert rusage / 1.5 <= task <= 1.5 * rusage, (r["threads"], rusage, task)
PY

what="hardware columns: filled where the context says a PMU counts, else empty and the context says why"
check py "$tmp/c.csv" "$tmp/c.json" <<'PY'
import csv, json, sys
ctx = json.load(open(sys.argv[2]))["context"]["counters"]
assert ctx["asked"] == "auto" and ctx["rusage"] and ctx["software"], ctx
assert ctx["software_unavailable"] is None, ctx
for r in csv.DictReader(open(sys.argv[1])):
    if ctx["hardware"]:
        assert int(r["cycles"]) > 0 and int(r["instructions"]) > 0 and float(r["ipc"]) > 0, r
        assert ctx["hardware_unavailable"] is None, ctx
    else:
        assert all(r[c] == "" for c in ("cycles", "instructions", "llc_misses", "ipc",
                                        "instructions_vs_1thread")), r
        assert ctx["hardware_unavailable"], ctx
PY

what="the run's first line says what is counted, and why not the rest"
cond 'grep -qE "^ompscale: .*; counters: getrusage, perf software events( \(no hardware events: .+\)|, perf hardware events)" "$tmp/err"'
what="the table has the CPU-s/s and invol/rep rows"
cond 'grep -q " CPU-s/s " "$tmp/out" && grep -q " invol/rep " "$tmp/out"'

"$bin" run --kernel squares --quick --threads 1,2 --reps 3 --counters none --out "$tmp/n" \
    >"$tmp/out" 2>"$tmp/err"
what="--counters none: every resource column empty, the context says none"
check py "$tmp/n.csv" "$tmp/n.json" "$usage_columns" <<'PY'
import csv, json, sys
cols = sys.argv[3].split()
for r in csv.DictReader(open(sys.argv[1])):
    assert all(r[c] == "" for c in cols), r
c = json.load(open(sys.argv[2]))["context"]["counters"]
assert c["asked"] == "none" and not c["rusage"] and not c["software"] and not c["hardware"], c
PY
what="--counters none: no CPU-s/s row"
cond '! grep -q " CPU-s/s " "$tmp/out"'

hw=$(python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["context"]["counters"]["hardware"]))' "$tmp/c.json")
if [ "$hw" = 1 ]; then
    expect_ok "--counters hw with a PMU: runs" "squares" run --kernel squares --quick \
        --threads 1 --reps 3 --counters hw --out "$tmp/h"
else
    expect_usage "--counters hw without hardware events: exit 2, says why" \
        "--counters hw: the hardware events cannot be measured here: " run --kernel squares \
        --quick --threads 1 --reps 3 --counters hw --out "$tmp/h"
fi
what="--counters hw refused: nothing written"
cond '[ "$hw" = 1 ] || [ ! -e "$tmp/h.csv" ]'
expect_usage "--counters with a bad value" "--counters 'perf': valid are auto, sw, hw, none" \
    run --quick --counters perf
expect_usage "--bind with a bad value" "--bind 'compact': valid are false, close and spread" \
    run --quick --bind compact
expect_usage "--bind naming one twice" "close is named twice" run --quick --bind close,close
expect_usage "--bind with --wait-policy" "--bind and --wait-policy exclude each other" \
    run --quick --bind close --wait-policy passive

"$bin" run --quick --kernel squares --threads 1,2 --reps 3 --bind false,close,spread \
    --out "$tmp/b" >"$tmp/out" 2>"$tmp/err"
what="--bind: one child per placement, each file under its name"
cond '[ $? -eq 0 ] && [ -s "$tmp/b-false.csv" ] && [ -s "$tmp/b-close.json" ] &&
    [ -s "$tmp/b-spread.csv" ] && [ ! -e "$tmp/b.csv" ]'
what="--bind: each child ran under its placement, with OMP_PLACES=cores (its context, its rows)"
check py "$tmp/b" <<'PY'
import csv, json, sys
for bind in ("false", "close", "spread"):
    ctx = json.load(open(f"{sys.argv[1]}-{bind}.json"))["context"]
    force = ctx["omp_in_force"]
    assert force["proc_bind"] == bind, (bind, force)
    assert ctx["omp_env"].get("OMP_PROC_BIND") == bind, ctx["omp_env"]
    assert ctx["omp_env"].get("OMP_PLACES") == "cores", ctx["omp_env"]
    assert (force["bound_cpus"] is None) == (bind == "false"), (bind, force)
    rows = list(csv.DictReader(open(f"{sys.argv[1]}-{bind}.csv")))
    assert rows and all(r["proc_bind"] == bind for r in rows), bind
PY
what="--bind: every cell under each placement side by side, and each team's affinity"
cond 'grep -q "^OMP_PROC_BIND: " "$tmp/out" && grep -qE "squares +omp +static +2 " "$tmp/out" &&
    grep -q "OMP_PROC_BIND=spread: proc_bind spread, places" "$tmp/out"'
expect_ok "--bind: the placements' files compare" "squares" compare "$tmp/b-close.csv" \
    "$tmp/b-spread.csv"

tap_done
