#!/usr/bin/env bash
# test_scaling_modes.sh OMPSCALE: run's size sweeps, weak scaling, wait-policy
# children and ceilings end to end (suite report), as TAP.  Timings vary, so
# each check recomputes a derived figure from the file's own columns, or checks
# what a wrong program would get wrong (sizes, thread counts, the policy the
# child really ran under), never a time.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
# py FILE... : runs the python on stdin with the files as sys.argv[1:]; exit status is the check.
py() { python3 - "$@"; }

expect_usage() {
    local what=$1 pattern=$2
    shift 2
    "$bin" run "$@" --out "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err" && [ ! -e "$tmp/bad.csv" ]; then
        ok "$what"
    else
        not_ok "$what (exit $rc)"
    fi
}

"$bin" run --quick --kernel squares --sizes 2^10,2^12 --threads 1,2 --out "$tmp/sizes" >"$tmp/out" 2>"$tmp/err"
check "--sizes: one configuration per size, serial and each thread count at each" '[ $? -eq 0 ] && py "$tmp/sizes.csv" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
got = sorted((r["size"], r["variant"], r["threads"]) for r in rows)
want = sorted((s, v, t) for s in ("1024", "4096") for v, t in (("serial", "1"), ("omp", "1"), ("omp", "2")))
sys.exit(got != want)
PY'
check "--sizes: the crossover is named in the JSON of each series" 'py "$tmp/sizes.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
s = [x for x in d["scaling"] if x["kernel"] == "squares"]
sys.exit(len(s) != 2 or any("faster_than_serial_from" not in x for x in s))
PY'

"$bin" run --quick --kernel squares,quadrature --weak --threads 1,2,4 --out "$tmp/weak" >"$tmp/out" 2>"$tmp/err"
check "--weak: size = base x threads, each thread count at its own size" '[ $? -eq 0 ] && py "$tmp/weak.csv" <<PY
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["variant"] == "omp"]
base = {r["kernel"]: int(r["size"]) for r in rows if r["threads"] == "1"}
cells = sorted(set((r["kernel"], r["threads"]) for r in rows))
want = sorted((k, t) for k in ("squares", "quadrature") for t in ("1", "2", "4"))
sys.exit(cells != want or any(int(r["size"]) != base[r["kernel"]] * int(r["threads"]) for r in rows))
PY'
check "--weak: efficiency = serial median at the base size / the cell's median" 'py "$tmp/weak.csv" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = 0
for r in rows:
    if r["variant"] != "omp":
        if r["weak_efficiency"] != "": bad += 1
        continue
    base = [s for s in rows if s["kernel"] == r["kernel"] and s["variant"] == "serial"
            and int(s["size"]) * int(r["threads"]) == int(r["size"])]
    want = float(base[0]["median_s"]) / float(r["median_s"])
    bad += abs(float(r["weak_efficiency"]) / want - 1) > 1e-6
sys.exit(bad)
PY'
check "--weak: the table has a weak-efficiency row" 'grep -q " Ew " "$tmp/out"'

"$bin" run --quick --kernel squares --threads 1,3 --wait-policy active,passive --out "$tmp/wp" >"$tmp/out" 2>"$tmp/err"
check "--wait-policy: one child per policy, each file under its name" '[ $? -eq 0 ] && [ -s "$tmp/wp-active.csv" ] && [ -s "$tmp/wp-passive.json" ] && [ ! -e "$tmp/wp.csv" ]'
check "--wait-policy: each child really ran under its OMP_WAIT_POLICY" 'py "$tmp/wp-active.json" "$tmp/wp-passive.json" <<PY
import json, sys
a, p = (json.load(open(f))["context"] for f in sys.argv[1:])
sys.exit(a["omp_env"].get("OMP_WAIT_POLICY") != "active" or p["omp_env"].get("OMP_WAIT_POLICY") != "passive")
PY'
check "--wait-policy: the summary sets each cell under both side by side, past P marked" \
    'grep -q "^OMP_WAIT_POLICY: " "$tmp/out" && grep -qE "squares +omp +static +3\+" "$tmp/out"'

# The runtime's own wait knob: libgomp's GOMP_SPINCOUNT (this build's runtime), per child.
"$bin" run --quick --kernel overhead-barrier --threads 1,3 --gomp-spincount 0,infinite \
    --out "$tmp/spin" >"$tmp/out" 2>"$tmp/err"
check "--gomp-spincount: one child per value, each file under its name" '[ $? -eq 0 ] && [ -s "$tmp/spin-spin0.json" ] && [ -s "$tmp/spin-spininfinite.csv" ] && [ ! -e "$tmp/spin.csv" ]'
check "--gomp-spincount: each child ran with its GOMP_SPINCOUNT" 'py "$tmp/spin-spin0.json" "$tmp/spin-spininfinite.json" <<PY
import json, sys
a, b = (json.load(open(f))["context"]["omp_env"] for f in sys.argv[1:])
sys.exit(a.get("GOMP_SPINCOUNT") != "0" or b.get("GOMP_SPINCOUNT") != "infinite")
PY'
check "--gomp-spincount: the construct costs under each, side by side" \
    'grep -q "^GOMP_SPINCOUNT: " "$tmp/out" && grep -qE "overhead-barrier +omp +static +3\+ .* us .* us" "$tmp/out"'
"$bin" run --quick --kernel squares --kmp-blocktime 0,200 --out "$tmp/kmp" >"$tmp/out" 2>"$tmp/err"
check "--kmp-blocktime on libgomp: exit 2, naming the runtime and the knob to use, nothing written" \
    '[ $? -eq 2 ] && grep -q "KMP_BLOCKTIME is libomp.s knob, but this ompscale runs on libgomp.*use --gomp-spincount" "$tmp/err" && [ ! -e "$tmp/kmp-block0.csv" ]'
"$bin" run --quick --kernel squares --gomp-spincount 0 --wait-policy active --out "$tmp/two" >"$tmp/out" 2>"$tmp/err"
check "--gomp-spincount with --wait-policy: exit 2 (one sweep at a time)" \
    '[ $? -eq 2 ] && grep -q "exclude each other" "$tmp/err"'

"$bin" run --quick --kernel overhead-parallel,stream-copy,squares --threads 1,2 --out "$tmp/ceil" >"$tmp/out" 2>"$tmp/err"
check "ceilings: squares' best GB/s = 16 n / min_s, as a fraction of stream-copy's at the same threads" '[ $? -eq 0 ] && py "$tmp/ceil.csv" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
copy = {(r["variant"] == "serial", r["threads"]): float(r["best_throughput"])
        for r in rows if r["kernel"] == "stream-copy"}
sq = [r for r in rows if r["kernel"] == "squares"]
bad = len(sq) != 3
for r in sq:
    best = 16 * int(r["size"]) / float(r["min_s"]) / 1e9
    want = best / copy[(r["variant"] == "serial", r["threads"])]
    bad += r["ceiling"] != "stream-copy" or abs(float(r["best_throughput"]) / best - 1) > 1e-6
    bad += abs(float(r["ceiling_fraction"]) / want - 1) > 1e-6
sys.exit(bad)
PY'
check "overhead: cost per construct = (median - serial median) / innerreps, inside its interval" 'py "$tmp/ceil.csv" <<PY
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["kernel"] == "overhead-parallel"]
ref = [r for r in rows if r["variant"] == "serial"][0]
bad = ref["overhead_us"] != "" or len(rows) != 3
for r in rows:
    if r["variant"] == "serial": continue
    want = (float(r["median_s"]) - float(ref["median_s"])) / int(r["size"]) * 1e6
    lo, us, hi = (float(r[k]) for k in ("overhead_ci95_low_us", "overhead_us", "overhead_ci95_high_us"))
    bad += abs(us - want) > 1e-6 * max(1, abs(want)) or not lo <= us <= hi
sys.exit(bad)
PY'
check "minimum size = 100 P t_fork / (serial median / n), from the parallel region's cost at P" 'py "$tmp/ceil.csv" "$tmp/ceil.json" <<PY
import csv, json, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
d = json.load(open(sys.argv[2]))
P = d["context"]["logical_cpus"]
fork = [float(r["overhead_us"]) for r in rows if r["kernel"] == "overhead-parallel"
        and r["variant"] == "omp" and int(r["threads"]) == P][0] * 1e-6
ser = [r for r in rows if r["kernel"] == "squares" and r["variant"] == "serial"][0]
got = [x["min_size"] for x in d["scaling"] if x["kernel"] == "squares"][0]
if fork <= 0:  # a noisy machine can put the test loop under the reference: no minimum then
    sys.exit(got is not None)
want = math.ceil(P * fork / (0.01 * float(ser["median_s"]) / int(ser["size"])))
sys.exit(got is None or abs(got - want) > max(1, 1e-6 * want))
PY'

expect_usage "--wait-policy with an unknown policy" "--wait-policy 'spin': valid are active and passive" --quick --wait-policy spin
expect_usage "--wait-policy naming one twice" "active is named twice" --quick --wait-policy active,active
expect_usage "--size with --sizes" "--size and --sizes exclude each other" --quick --size 2^10 --sizes 2^10,2^12
expect_usage "--sizes with a bad size" "--sizes: " --quick --kernel squares --sizes 2^10,lots
expect_usage "--sizes with an empty list" "--sizes ',': an empty item" --quick --sizes ,
expect_usage "--weak without 1 thread" "--weak: the thread list must include 1" --quick --weak --threads 2,4

tap_done
