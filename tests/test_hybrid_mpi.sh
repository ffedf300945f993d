#!/usr/bin/env bash
# test_hybrid_mpi.sh OMPSCALE RANK_PROGRAM CC SOURCE_ROOT BUILD_ROOT: the hybrid runner under a real
# mpirun and `ompscale hybrid` end to end (TAP).  Every hybrid kernel
# configuration verifies under mpirun -n 1 and -n 2 --oversubscribe
# --bind-to none; the default binding (a core per rank) gets the warning
# naming the options that fix it, and --map-by slot:PE=T does not; the
# montecarlo result is bitwise the serial one for every split; bad input
# (ranks 0, a product that overflows, no mpirun on PATH) is one message and
# exit 2 with nothing written; the sweep's CSV has the hybrid columns and
# compare and plot read it; a plugin's kernel with the hook (tests/data/
# plugins/tiny.c, built here with CC) joins the sweep in ompscale and the ranks.  Open MPI refuses root unless told:
# tests/meson.build sets OMPI_ALLOW_RUN_AS_ROOT{,_CONFIRM} for this test only.
set -u
bin=$1
rank=$2
cc=$3
src=$4
build=$5
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/tap.sh"

configs=(stream-copy stream-scale stream-add stream-triad stream-read squares rangesum
         rangesum:mode=array montecarlo quadrature)

# every_cell_verified RECORD COUNT: COUNT cell lines, each verified, none failed.
every_cell_verified() {
    awk -F'\t' -v want="$2" '$1 == "cell" { n++; if ($7 != 0 || $8 != 1) bad++ }
        END { exit !(n == want && bad == 0) }' "$1"
}

for launch in "-n 1" "-n 2 --oversubscribe --bind-to none"; do
    # shellcheck disable=SC2086
    mpirun $launch "$rank" --out "$tmp/rec" --threads 1,2 --reps 2 --preset quick \
        "${configs[@]}" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    what="mpirun $launch: every hybrid configuration at 1 and 2 threads per rank verifies"
    cond '[ $rc -eq 0 ] && every_cell_verified "$tmp/rec" $((2 * ${#configs[@]}))'
done

mpirun -n 2 "$rank" --out "$tmp/rec" --threads 2 --reps 1 --preset quick montecarlo \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="mpirun's default binding (a core per rank) warns for 2 threads, naming the fixes"
cond '[ $rc -eq 0 ] && grep -q "warning: rank 1 .* runs 2 threads on 1 CPU" "$tmp/err" &&
      grep -q -- "--bind-to none" "$tmp/err" && grep -q -- "--map-by slot:PE=2" "$tmp/err" &&
      grep -q -- "--cpus-per-task=2" "$tmp/err"'
mpirun -n 1 --map-by slot:PE=2 "$rank" --out "$tmp/rec" --threads 2 --reps 1 --preset quick \
    montecarlo >"$tmp/out" 2>"$tmp/err"
rc=$?
what="--map-by slot:PE=2 gives the rank 2 CPUs: no warning, the mask recorded"
cond '[ $rc -eq 0 ] && ! grep -q warning "$tmp/err" &&
      awk -F"\t" "\$1 == \"rank\" && \$3 == 2 { ok = 1 } END { exit !ok }" "$tmp/rec"'

"$bin" hybrid montecarlo:f=sin_x2 --quick --splits 1x1,1x2,2x1,2x2,3x1,4x1 --out "$tmp/mc" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="montecarlo: every split's result is bitwise the serial one (17 digits in the CSV)"
cond '[ $rc -eq 0 ] && python3 - "$tmp/mc.csv" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 7, len(rows)
assert len({r["result"] for r in rows}) == 1, [r["result"] for r in rows]
assert all(r["verified"] == "true" for r in rows)
PY'
what="the launch lines are printed, with --bind-to none and --oversubscribe past the cores"
cond 'grep -q "^ompscale: hybrid: .*mpirun -n 4 --bind-to none --oversubscribe .*ompscale-hybrid-rank" "$tmp/err"'

"$bin" hybrid squares quadrature --quick --splits 1x1,1x2,2x1 --out "$tmp/sq" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="hybrid CSV: the hybrid columns after the others, filled on hybrid rows, empty on serial"
cond '[ $rc -eq 0 ] && python3 - "$tmp/sq.csv" "$tmp/sq.json" <<PY
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
header = next(csv.reader(open(sys.argv[1])))
assert header.index("ranks") > header.index("ceiling_withheld"), header
assert header.index("threads_per_rank") == header.index("ranks") + 1
serial = [r for r in rows if r["variant"] == "serial"]
hybrid = [r for r in rows if r["variant"].startswith("hybrid-r")]
assert len(serial) == 2 and len(hybrid) == 6, (len(serial), len(hybrid))
assert all(r["ranks"] == "" and r["load_balance"] == "" for r in serial)
for r in hybrid:
    assert int(r["threads"]) == int(r["ranks"]) * int(r["threads_per_rank"]), r
    assert r["verified"] == "true"
    for f in ("speedup", "efficiency", "load_balance", "mpi_fraction", "mpi_efficiency",
              "omp_efficiency", "rank_time_max_s", "mpi_barrier_us", "mpi_allreduce_us"):
        float(r[f])
    assert 0 < float(r["load_balance"]) <= 1 and 0 <= float(r["mpi_fraction"]) <= 1
    assert r["hosts"].endswith(":" + r["ranks"]), r["hosts"]
    e, m, o = (float(r[f]) for f in ("efficiency", "mpi_efficiency", "omp_efficiency"))
    assert abs(e - m * o) <= 1e-6 * e, (e, m, o)
j = json.load(open(sys.argv[2]))
assert sum(1 for r in j["rows"] if r["ranks"] is not None) == 6
PY'
"$bin" compare "$tmp/sq.csv" "$tmp/sq.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare reads the hybrid CSV and JSON: a series per rank count over ranks x threads"
cond '[ $rc -eq 0 ] && grep -q "hybrid-r2" "$tmp/out" && grep -q "hybrid-r1" "$tmp/out"'
mkdir "$tmp/plots"
fake_gnuplot "$tmp/fake"
PATH="$tmp/fake:$PATH" "$bin" plot "$tmp/sq.csv" --out-dir "$tmp/plots" --format svg \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot reads the hybrid CSV"
cond '[ $rc -eq 0 ] && [ -s "$tmp/plots/sq-squares.svg" ]'

"$bin" list >"$tmp/out" 2>"$tmp/err"
rc=$?
what="list says each kernel's decomposition: montecarlo cyclic, squares blocks, overhead none"
cond '[ $rc -eq 0 ] && [ "$(grep -c "^  hybrid (ompscale hybrid): " "$tmp/out")" -eq 9 ] &&
      grep -q "hybrid (ompscale hybrid): cyclic elements" "$tmp/out" &&
      grep -q "hybrid (ompscale hybrid): contiguous blocks of the n elements" "$tmp/out"'

mkdir -p "$tmp/include/ompscale"
cp "$src"/kernels/{kernel.h,status.h,param.h,schedule.h,machine.h} "$tmp/include/ompscale/"
# shellcheck disable=SC2086
$cc -O2 -fPIC -shared -fopenmp -I"$tmp/include" "$src/tests/data/plugins/tiny.c" \
    "$build/kernels/libompscale-kernel.a" $(pkg-config --libs hwloc) -o "$tmp/tiny.so" \
    >"$tmp/out" 2>"$tmp/err"
"$bin" hybrid tiny --plugin "$tmp/tiny.so" --quick --splits 1x2,2x1,3x1 --out "$tmp/tiny" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a plugin's kernel with the hybrid hook: loaded by ompscale and every rank, verified"
cond '[ $rc -eq 0 ] && grep -q -- "--plugin $tmp/tiny.so tiny" "$tmp/err" &&
      [ "$(grep -c ",tiny,hybrid-r.*,true," "$tmp/tiny.csv")" -eq 3 ]'

# Bad input: one line, exit 2, nothing written.
mkdir "$tmp/empty"
expect_usage "--splits 0x2: ranks must be at least 1" "ranks must be 1 to" \
    hybrid --quick --splits 0x2 --out "$tmp/empty/x"
expect_usage "--splits 65536x65536: the product overflows the limit" "ranks x threads = 4294967296 is over" \
    hybrid --quick --splits 65536x65536 --out "$tmp/empty/x"
expect_usage "--splits 99999999999x1: a count past the limit" "ranks must be 1 to" \
    hybrid --quick --splits 99999999999x1 --out "$tmp/empty/x"
mkdir "$tmp/nompi"
for tool in bash env python3 awk; do ln -s "$(command -v $tool)" "$tmp/nompi/$tool"; done
PATH="$tmp/nompi" "$bin" hybrid --quick --out "$tmp/empty/x" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="no mpirun on PATH: one message naming it, exit 2"
cond '[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^ompscale: hybrid: mpirun not found on PATH" "$tmp/err"'
expect_usage "a kernel without the hook is refused, naming why" "has no hybrid hook" \
    hybrid overhead-barrier --quick --out "$tmp/empty/x"
expect_usage "an earlier result is not replaced without --force" "exists \\(an earlier result\\): give --force" \
    hybrid squares --quick --splits 1x1 --out "$tmp/sq"
what="nothing was written by any refused run"
cond '[ -z "$(ls -A "$tmp/empty")" ]'

tap_done
