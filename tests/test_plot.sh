#!/usr/bin/env bash
# test_plot.sh OMPSCALE DATA_DIR [SCRIPTS_PLOT]: plots end to end (suite
# report), as TAP.  The fixture result CSV (squares and montecarlo, samples
# = 200) is drawn as PNG and SVG and the files are checked: PNG signature,
# SVG that parses as XML and names the host, CPU, axes and fitted orders.
# Two files give one plot per kernel with both machines.  Bad input exits 2
# with one message and nothing written; a gnuplot that fails or is missing
# exits 1 and leaves no file (nor temporary); run --plot draws next to its
# CSV; scripts/plot passes its arguments on.
set -u
bin=$1
data=$2
script=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
check() { if "$@"; then ok "$what"; else not_ok "$what"; fi; }

is_png() { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
is_svg() { [ -s "$1" ] && grep -q '<svg' "$1" &&
    python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1"; }
# Only the files named (besides CSVs) are in the directory.
only() {
    local dir=$1
    shift
    [ "$(ls "$dir" | grep -v '\.csv$' | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}
nothing_drawn() { [ -z "$(ls "$1" | grep -v '\.csv$')" ]; }

# One file, the defaults: next to it, named after it.
mkdir "$tmp/one"
cp "$data/plot-fixture.csv" "$tmp/one/"
"$bin" plot "$tmp/one/plot-fixture.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot of the fixture exits 0 with nothing on stderr"
check test $rc -eq 0 -a ! -s "$tmp/err"
f=$tmp/one/plot-fixture
what="stdout lists the files written, one a line"
check test "$(cat "$tmp/out")" = "$(printf '%s\n' "$f-squares.png" "$f-squares.svg" \
    "$f-montecarlo.png" "$f-montecarlo.svg" "$f-montecarlo-convergence.png" \
    "$f-montecarlo-convergence.svg")"
what="no other file (no temporary) in the directory"
check only "$tmp/one" plot-fixture-squares.png plot-fixture-squares.svg plot-fixture-montecarlo.png \
    plot-fixture-montecarlo.svg plot-fixture-montecarlo-convergence.png \
    plot-fixture-montecarlo-convergence.svg
for k in squares montecarlo montecarlo-convergence; do
    what="$k PNG is a non-empty PNG"
    check is_png "$f-$k.png"
    what="$k SVG is non-empty, well-formed SVG"
    check is_svg "$f-$k.svg"
done
what="title names kernel, parameters, host, CPU and CPUs"
check grep -q 'squares (n=65536 work=0 sleep-us=0) on plotfix: AMD EPYC, 2 CPUs' "$f-squares.svg"
what="axes name threads, speedup and efficiency with what they are"
check grep -q 'speedup (serial time / parallel time)' "$f-squares.svg"
check grep -q 'parallel efficiency (speedup / threads)' "$f-squares.svg"
check grep -q '>threads<' "$f-squares.svg"
what="ideal line, core/CPU marker and CI bars are in the key and labels"
check grep -q 'ideal: speedup = threads' "$f-squares.svg"
check grep -q '2 cores = 2 CPUs' "$f-squares.svg"
check grep -q 'bars: bootstrap 95% CI' "$f-squares.svg"
what="one line per schedule of montecarlo, in each of its four panels"
check test "$(grep -cE '>omp (static|dynamic|guided)<' "$f-montecarlo.svg")" -eq 12
what="a time panel and montecarlo's own metric (Msamples/s) with the serial level"
check grep -q 'median time per run (ms)' "$f-montecarlo.svg"
check grep -q '>Msamples/s<' "$f-montecarlo.svg"
check grep -q '>serial<' "$f-montecarlo.svg"
what="footer: where the CSV came from, and that the build is in the JSON only"
check grep -q 'plot-fixture.csv: run 2026-11-21T22:21:24Z, ompscale 0.1.0; commit, compiler and OpenMP runtime: in the JSON only' "$f-squares.svg"

what="convergence plot: log-log axes, both fitted orders, serial recomputation"
check grep -q 'sorted Riemann sum: error ~ s^-0\.9' "$f-montecarlo-convergence.svg"
check grep -q 'plain Monte Carlo mean: error ~ s^-0\.[3-7]' "$f-montecarlo-convergence.svg"
check grep -q 'serial recomputation' "$f-montecarlo-convergence.svg"
check grep -q '>s (samples)<' "$f-montecarlo-convergence.svg"

# Two machines: one plot per kernel, both hosts named ('_' shows as itself).
mkdir "$tmp/two"
sed 's/^plotfix,/other_host,/' "$data/plot-fixture.csv" >"$tmp/two/other.csv"
"$bin" plot "$data/plot-fixture.csv" "$tmp/two/other.csv" --out-dir "$tmp/two" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="two files: exit 0, compare-KERNEL files, one per kernel"
check test $rc -eq 0
check only "$tmp/two" compare-squares.png compare-squares.svg compare-montecarlo.png \
    compare-montecarlo.svg compare-montecarlo-convergence.png compare-montecarlo-convergence.svg
what="two files: both hosts named in the lines of each plot"
check grep -q '>plotfix: omp static<' "$tmp/two/compare-squares.svg"
check grep -q '>other_host: omp static<' "$tmp/two/compare-squares.svg"
check grep -q '>other_host: omp guided<' "$tmp/two/compare-montecarlo.svg"

# A label the file records (run --label: the CSV's label column) names its lines instead of its host.
mkdir "$tmp/lab"
sed '1s/$/,label/; 2,$s/$/,clang-build/' "$tmp/two/other.csv" >"$tmp/lab/other.csv"
"$bin" plot "$data/plot-fixture.csv" "$tmp/lab/other.csv" --out-dir "$tmp/lab" --format svg \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a recorded label names the file's lines; the other file keeps its host"
check grep -q '>clang-build: omp static<' "$tmp/lab/compare-squares.svg"
check grep -q '>plotfix: omp static<' "$tmp/lab/compare-squares.svg"

what="--stem and --format svg: only SVG files under that stem"
mkdir "$tmp/fmt"
"$bin" plot "$data/plot-fixture.csv" --out-dir "$tmp/fmt" --stem mine --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
check only "$tmp/fmt" mine-squares.svg mine-montecarlo.svg mine-montecarlo-convergence.svg

what="a file without speedup CI columns: drawn without bars, and the key says so"
mkdir "$tmp/noci"
python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
keep = [i for i, name in enumerate(rows[0]) if not name.startswith("speedup_ci95")]
csv.writer(open(sys.argv[2], "w", newline="")).writerows([[r[i] for i in keep] for r in rows])
' "$data/plot-fixture.csv" "$tmp/noci/noci.csv"
"$bin" plot "$tmp/noci/noci.csv" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
check grep -q 'omp static, no CI' "$tmp/noci/noci-squares.svg"

# Bad input: exit 2, one "ompscale: ..." line on stderr, nothing on stdout, nothing written.
bad() {
    local what=$1 pattern=$2
    shift 2
    "$bin" plot "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err" && nothing_drawn "$tmp/bad"; then
        ok "bad: $what"
    else
        not_ok "bad: $what (exit $rc)"
    fi
}
mkdir "$tmp/bad"
cp "$data/plot-fixture.csv" "$tmp/bad/good.csv"
sed '3s/,[^,]*$//' "$data/plot-fixture.csv" >"$tmp/bad/short.csv"
printf 'not,a\nresult,file\n' >"$tmp/bad/foreign.csv"
sed 's/samples=200/samples=0/' "$data/plot-fixture.csv" >"$tmp/bad/params.csv"
bad "no files" "name at least one result CSV"
bad "unknown option" "unknown option '--colour'.*--format" "$tmp/bad/good.csv" --colour red
bad "bad --format" "--format 'gif'.*png, svg" "$tmp/bad/good.csv" --format gif
bad "empty --format" "--format ''" "$tmp/bad/good.csv" --format ''
bad "--format without value" "--format" "$tmp/bad/good.csv" --format
bad "--stem with a slash" "--stem 'a/b'" "$tmp/bad/good.csv" --stem a/b
bad "missing --out-dir" "--out-dir '$tmp/nowhere'" "$tmp/bad/good.csv" --out-dir "$tmp/nowhere"
bad "missing CSV" "missing.csv" "$tmp/bad/missing.csv"
bad "row with a field missing" "short.csv:3: .*header" "$tmp/bad/short.csv"
bad "foreign CSV" "foreign.csv:1: .*column" "$tmp/bad/foreign.csv"
bad "a good file and a bad one" "short.csv:3:" "$tmp/bad/good.csv" "$tmp/bad/short.csv"

# A file compare reads, plot reads: montecarlo parameters this machine's kernel refuses
# leave out the convergence plot only, with a note; the scaling plots are drawn.
mkdir "$tmp/params"
cp "$tmp/bad/params.csv" "$tmp/params/"
"$bin" plot "$tmp/params/params.csv" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="montecarlo parameters not valid here: exit 0, a note, no convergence plot"
check test $rc -eq 0
check grep -qE "^ompscale: note: no montecarlo convergence plot: .*params.csv:[0-9]+: montecarlo parameters 'f=inv1px2 samples=0.*--samples '0'" "$tmp/err"
check only "$tmp/params" params-squares.svg params-montecarlo.svg

# gnuplot failing (after writing part of its output) or missing: exit 1, nothing left behind.
mkdir "$tmp/fakebin" "$tmp/nobin" "$tmp/fail"
cat >"$tmp/fakebin/gnuplot" <<'FAKE'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'$/\1/p" | head -n 1)
[ -n "$out" ] && echo partial >"$out"
exit 1
FAKE
chmod +x "$tmp/fakebin/gnuplot"
cp "$data/plot-fixture.csv" "$tmp/fail/"
PATH=$tmp/fakebin:$PATH "$bin" plot "$tmp/fail/plot-fixture.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="gnuplot failing: exit 1, says which file, nothing on stdout"
check test $rc -eq 1 -a ! -s "$tmp/out"
check grep -qE '^ompscale: drawing .*plot-fixture-squares.png: .*exit status 1' "$tmp/err"
what="gnuplot failing: no image and no temporary left"
check nothing_drawn "$tmp/fail"
PATH=$tmp/nobin "$bin" plot "$tmp/fail/plot-fixture.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="gnuplot missing: exit 1, says to install it, nothing written"
check test $rc -eq 1
check grep -q '^ompscale: gnuplot is not installed.*gnuplot-nox' "$tmp/err"
check nothing_drawn "$tmp/fail"

# Each kernel in its own metric, the fits and the knee: a synthetic file (tests/data/
# plot-fits.csv, 4 CPUs) whose squares speedups follow Amdahl's law with serial fraction 0.1
# exactly, stream-copy flattens at 3 threads, rangesum's int mode is in items/s and its array
# mode in GB/s under stream-read's ceiling, and overhead-parallel costs -0.1, 1, 1.5, 4 us.
mkdir "$tmp/fits"
"$bin" plot "$data/plot-fits.csv" --out-dir "$tmp/fits" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
g=$tmp/fits/plot-fits
what="fits fixture: exit 0, nothing on stderr (no key gnuplot cannot fit)"
check test $rc -eq 0 -a ! -s "$tmp/err"
check only "$tmp/fits" plot-fits-squares.svg plot-fits-stream-copy.svg plot-fits-rangesum.svg \
    plot-fits-overhead-parallel.svg
what="Amdahl fit drawn with the serial fraction the points follow (0.100, R^2 1.00)"
check grep -q 'omp static: Amdahl fit, serial fraction 0.100, R^2 1.00' "$g-squares.svg"
what="USL fit drawn where it stands"
check grep -q 'omp static: USL fit, contention' "$g-squares.svg"
what="still scaling at the last thread count: no ring, the footer says so"
check grep -q 'omp static: still scaling at 4 threads (3.08x)' "$g-squares.svg"
check test "$(grep -c 'flattens at' "$g-squares.svg")" -eq 0
what="the knee ringed where the rule puts it (3 threads, before the 4 cores)"
check grep -q 'omp static: flattens at 3 threads (early)' "$g-stream-copy.svg"
what="GB/s panel, best repetition, with the ceiling kernel's curve"
check grep -q "bandwidth, best repetition (STREAM's rule); ceiling: stream-copy" "$g-squares.svg"
check grep -q 'ceiling: stream-copy, best repetition' "$g-squares.svg"
check grep -q "bandwidth, best repetition (STREAM's rule); itself a ceiling" "$g-stream-copy.svg"
what="squares' GB/s: 0.032 GB per run at the medians' times 40, 22, 16, 13 ms, best = /0.99"
check python3 - "$g-squares.svg" <<'PY'
import re, sys
svg = open(sys.argv[1]).read()
# the y axis of the GB/s panel reaches past the best bandwidth at 4 threads, 2.49 GB/s
sys.exit(0 if re.search(r'>\s*2\.5\s*<', svg) and '>GB/s<' in svg else 1)
PY
what="overhead kernel: microseconds per construct on a log axis, no speedup panel"
check grep -q 'overhead per construct (us)' "$g-overhead-parallel.svg"
check test "$(grep -c 'speedup (serial time' "$g-overhead-parallel.svg")" -eq 0
what="an overhead at or below 0 is left out of the log axis, and the footer says so"
check grep -q '1 overhead at or below 0 us' "$g-overhead-parallel.svg"
what="rangesum: the lines' own parameters only, the shared ones in the title"
check grep -q 'rangesum (lo=1 n=2000000 seed=1; others per line)' "$g-rangesum.svg"
check grep -q '>omp static (mode=array)<' "$g-rangesum.svg"
what="rangesum: the items/s lines left out of the GB/s panel, named in the footer"
check grep -q 'omp static (mode=int): in items/s, not in the GB/s panel' "$g-rangesum.svg"
what="no speedup: no fit or knee, said once for the lines it is true of"
check grep -q 'omp-atomic static (mode=int), omp-atomic static (mode=array): no speedup: .*no fit or knee drawn' "$g-rangesum.svg"
what="every rangesum line has a style of its own (colour and point type)"
mkdir "$tmp/rec" "$tmp/recbin"
real=$(command -v gnuplot)
printf '#!/bin/sh\ntee -a "%s" | exec "%s"\n' "$tmp/rec/script" "$real" >"$tmp/recbin/gnuplot"
chmod +x "$tmp/recbin/gnuplot"
PATH=$tmp/recbin:$PATH "$bin" plot "$data/plot-fits.csv" --out-dir "$tmp/rec" --format svg \
    >/dev/null 2>&1
# the speedup panel of rangesum (the third figure): its four lines' colour and point type
check test "$(awk '/^set multiplot title .rangesum/ {on = 1} on && /using 1:2:3:4 with yerrorlines/' \
    "$tmp/rec/script" | grep -oE "lc rgb '#[0-9A-Fa-f]+' dt [^ ]+ pt [0-9]+" |
    sed 's/ dt [^ ]*//' | sort -u | wc -l)" -eq 4
what="two machines: no key gnuplot cannot fit, each machine named at its core counts"
mkdir "$tmp/fits2"
sed 's/^fitfix,Synthetic CPU,4,4/otherbox,Synthetic CPU,4,2/' "$data/plot-fits.csv" >"$tmp/fits2/other.csv"
"$bin" plot "$data/plot-fits.csv" "$tmp/fits2/other.csv" --out-dir "$tmp/fits2" --format svg \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
check test $rc -eq 0 -a ! -s "$tmp/err"
check grep -q '>otherbox: 2 cores<' "$tmp/fits2/compare-squares.svg"
check grep -q '>fitfix: 4 cores = 4 CPUs<' "$tmp/fits2/compare-squares.svg"
what="the footer of a JSON names the commit, compiler and OpenMP runtime"
mkdir "$tmp/json"
"$bin" run --quick --kernel squares --reps 3 --out "$tmp/json/r" >/dev/null 2>&1
"$bin" plot "$tmp/json/r.json" --format svg >/dev/null 2>"$tmp/err"
check grep -qE 'r.json: run 20[0-9-]+T[0-9:]+Z, ompscale [0-9.]+ \(commit [0-9a-f]+(-dirty)?\); (gcc|clang) [^,]+, OpenMP runtime lib(g?omp)\.so[0-9.]* \(_OPENMP 20[0-9]+\)' "$tmp/json/r-squares.svg"

# ompscale run --plot
mkdir "$tmp/run"
"$bin" run --quick --kernel squares --plot --out "$tmp/run/r" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="run --plot: exit 0, the CSV and its plots next to it"
check test $rc -eq 0
check only "$tmp/run" r.json r-squares.png r-squares.svg
check test -s "$tmp/run/r.csv"
check is_png "$tmp/run/r-squares.png"
what="run --plot: prints the plot paths as it prints its files"
check grep -qx "ompscale: wrote $tmp/run/r-squares.svg" "$tmp/err"
mkdir "$tmp/runfail"
PATH=$tmp/fakebin:$PATH "$bin" run --quick --kernel squares --plot --out "$tmp/runfail/r" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="run --plot with gnuplot failing: exit 1, the results kept, no plot"
check test $rc -eq 1
check only "$tmp/runfail" r.json
check grep -q 'results in .*r.csv are kept' "$tmp/err"
mkdir "$tmp/runmissing"
PATH=$tmp/nobin "$bin" run --quick --kernel squares --plot --out "$tmp/runmissing/r" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
what="run --plot without gnuplot: exit 1 before measuring anything"
check test $rc -eq 1 -a -z "$(ls "$tmp/runmissing")"
check grep -q 'gnuplot is not installed' "$tmp/err"

if [ -n "$script" ]; then
    mkdir "$tmp/script"
    OMPSCALE=$bin "$script" "$data/plot-fixture.csv" --out-dir "$tmp/script" --format png \
        >"$tmp/out" 2>"$tmp/err"
rc=$?
    what="scripts/plot: exit 0 and prints the PNG paths"
    check test $rc -eq 0 -a "$(wc -l <"$tmp/out")" -eq 3
    check is_png "$tmp/script/plot-fixture-montecarlo-convergence.png"
fi

tap_done
exit $((fails > 0))
