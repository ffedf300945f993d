#!/usr/bin/env bash
# test_gate.sh OMPSCALE DATA: compare for machines and its regression gate end to end (suite
# report), as TAP, on the fixtures of DATA/gate (made by DATA/gate/make.py from two real runs:
# its comments say what each edit is, and the p-values below are scipy's for those edits).
# A known regression exits 3 and is listed; a large but non-significant difference, too few
# repetitions and a CSV exit 0 and say why; labels, builds, the kernels and cells one file
# lacks, the kernel's own figure, the time ratio per thread count and the geometric mean are
# checked by value; every bad option exits 2 with one line and writes nothing.
set -u
bin=$1
data=$2/gate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"


# json_check PYTHON: runs PYTHON on the JSON in $tmp/out (as doc; cell(kernel, variant,
# threads) finds a cell); ok if it raises nothing.
json_check() {
    python3 - "$tmp/out" "$1" <<'EOF_PY' >"$tmp/check" 2>&1
import json, math, sys
doc = json.load(open(sys.argv[1]))
def cell(kernel, variant, threads):
    hit = [c for c in doc["cells"] if (c["kernel"], c["variant"], c["threads"]) ==
           (kernel, variant, threads)]
    assert len(hit) == 1, (kernel, variant, threads, len(hit))
    return hit[0]
exec(sys.argv[2])
EOF_PY
}

# The known regression: squares omp static 2 threads, every time x 2 (scipy, exact: p =
# 7.39602301050679e-07); every other cell the same times (p = 1).
run_compare "$data/base.json" "$data/slow.json" --fail-on-regression
what="a known regression: exit 3, the cell listed with both medians, 2.00x and p"
cond '[ $rc -eq 3 ] && [ "$(grep -c "^ompscale: regression: " "$tmp/err")" -eq 1 ] &&
    grep -qE "^ompscale: regression: squares omp static 2 threads: vm#2 4\.047e-05 s against vm 2\.024e-05 s, 2\.00x slower, p = 7\.4e-07$" "$tmp/err" &&
    grep -qE "^ompscale: 1 cells slower than the baseline \(vm\) by more than 1\.10x with p < 0\.05: exit status 3$" "$tmp/err"'
what="a known regression: the table is written too, its gate row says so"
cond 'grep -qE "^  squares +omp +static +2 +vm#2 +2\.024e-05 s +4\.047e-05 s +2\.000 +7\.4e-07 +regression +apart$" "$tmp/out"'
what="a known regression: the kernel's GB/s halved beside the time ratio 0.50 at 2 threads"
cond 'grep -qE "^  2 +0\.82 +0\.41 +51\.82 +0\.41 +0\.20 +25\.91 +0\.50 +vm higher$" "$tmp/out"'

run_compare "$data/base.json" "$data/slow.json"
what="without --fail-on-regression the same files exit 0"
cond '[ $rc -eq 0 ] && ! grep -q "regression:" "$tmp/err"'
run_compare "$data/base.json" "$data/slow.json" --fail-on-regression=2.5
what="--fail-on-regression=2.5: a 2.00x slowdown is within it, exit 0"
cond '[ $rc -eq 0 ] && ! grep -q "regression:" "$tmp/err"'
run_compare "$data/base.json" "$data/slow.json" --fail-on-regression=1.9
what="--fail-on-regression=1.9: beyond it, exit 3"
cond '[ $rc -eq 3 ] && grep -q "by more than 1\.90x" "$tmp/err"'

run_compare "$data/base.json" "$data/slow.json" --format json
what="--format json: every cell both files have, its verdict, slowdown and scipy's p"
json_check '
c = cell("squares", "omp", 2)
assert c["verdict"] == "regression" and c["machine"] == "vm#2", c
assert abs(c["p"] - 7.39602301050679e-07) < 1e-12 * 7.4e-07 and c["p_exact"] is True, c
assert abs(c["slowdown"] - 2) < 1e-12 and abs(c["time_ratio"] - 0.5) < 1e-12, c
assert c["baseline_reps"] == 12 and c["reps"] == 12 and c["intervals_overlap"] is False
assert len(doc["cells"]) == 6, len(doc["cells"])
assert all(x["verdict"] == "no-difference" and x["p"] == 1 for x in doc["cells"] if x is not c)
assert doc["regressions"] == 1 and doc["counts"]["regression"] == 1
assert doc["counts"]["no-difference"] == 5 and doc["factor"] == 1.1 and doc["alpha"] == 0.05
assert doc["min_reps"] == 9 and doc["baseline"] == "vm"
'
cond '[ $rc -eq 0 ] && [ ! -s "$tmp/check" ]' || sed 's/^/# /' "$tmp/check"

run_compare "$data/base.json" "$data/slow.json" --format json --fail-on-regression \
    --output "$tmp/verdicts.json"
what="--format json --output: the file written whole (no temporary left), then exit 3"
cond '[ $rc -eq 3 ] && [ ! -s "$tmp/out" ] && cp "$tmp/verdicts.json" "$tmp/out" &&
    json_check "assert doc[\"regressions\"] == 1" && [ -z "$(ls "$tmp" | grep tmp-)" ]'

# A known non-significant difference: the cell's 5 fastest times kept, the other 7 x 1.5: its
# median is 1.5x the baseline's, but U's p is 0.12768789966259345 (scipy, exact).
run_compare "$data/base.json" "$data/bimodal.json" --fail-on-regression --format json
what="a 1.5x median that the test does not call real: no-difference, scipy's p, exit 0"
json_check '
c = cell("squares", "omp", 2)
assert c["verdict"] == "no-difference" and c["intervals_overlap"] is True, c
assert abs(c["slowdown"] - 1.5) < 1e-9 and abs(c["p"] - 0.12768789966259345) < 1e-12, c
assert doc["regressions"] == 0
'
cond '[ $rc -eq 0 ] && [ ! -s "$tmp/check" ] && ! grep -q "regression:" "$tmp/err"' ||
    sed 's/^/# /' "$tmp/check"
run_compare "$data/base.json" "$data/bimodal.json" --fail-on-regression --alpha 0.2
what="--alpha 0.2: p 0.128 is below it, so the same cell is a regression, exit 3"
cond '[ $rc -eq 3 ] && grep -qE "^ompscale: regression: squares omp static 2 threads: .*1\.50x slower, p = 0\.13$" "$tmp/err"'

# Too few repetitions: 8 a cell, every time x 2 in the second file.
run_compare "$data/few.json" "$data/few-slow.json" --fail-on-regression --format json
what="8 repetitions: no verdict on any cell, exit 0, and the warning says why"
json_check '
assert all(c["verdict"] == "too-few-repetitions" and c["p"] is None for c in doc["cells"])
assert len(doc["cells"]) == 6 and all(abs(c["slowdown"] - 2) < 1e-12 for c in doc["cells"])
'
cond '[ $rc -eq 0 ] && [ ! -s "$tmp/check" ] &&
    grep -qE "^ompscale: warning: 6 cells have fewer than 9 repetitions in one of the files: no verdict on them \(too few repetitions\): run with --reps 9 or more$" "$tmp/err"' ||
    sed 's/^/# /' "$tmp/check"

# A CSV has no repetitions.
run_compare "$data/base.csv" "$data/slow.json" --fail-on-regression
what="a CSV against a 2x slower JSON: no verdict, exit 0, the warning names the CSV"
cond '[ $rc -eq 0 ] && grep -qE "^ompscale: warning: no repetition times in vm \(a CSV\): no significance verdict on 6 cells" "$tmp/err" &&
    grep -q "^No verdicts: " "$tmp/out"'
what="a CSV's build is shown as not recorded"
cond 'grep -qE "^  vm \(baseline\) .* in-process +not recorded \(a CSV\)$" "$tmp/out"'

# Labels, builds.
run_compare --label gcc --label clang "$data/base.json" "$data/clang.json"
what="labels in the legend, with each file's compiler and OpenMP version"
cond '[ $rc -eq 0 ] && grep -qE "^  gcc \(baseline\) +.*base\.json .* gcc 12\.2\.0, OpenMP 4\.5 \(201511\)$" "$tmp/out" &&
    grep -qE "^  clang +.*clang\.json .* clang 16\.0\.6, OpenMP 5\.1 \(202011\), libomp\.so\.5$" "$tmp/out"'
what="labels head the columns and the gate's rows"
cond 'grep -qE "^  threads +gcc S +gcc E +gcc GB/s +clang S +clang E +clang GB/s +clang time ratio +clang vs gcc$" "$tmp/out" &&
    grep -qE "^  squares +omp +static +2 +clang " "$tmp/out" && ! grep -q "vm" "$tmp/out"'
what="differing compilers and OpenMP versions: one warning naming both builds"
cond '[ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    grep -qE "^ompscale: warning: the files were built with different compilers, OpenMP versions or runtimes \(gcc gcc 12\.2\.0, OpenMP 4\.5 \(201511\); clang clang 16\.0\.6, OpenMP 5\.1 \(202011\), libomp\.so\.5\)" "$tmp/err"'
run_compare "$data/base.json" "$data/slow.json" --format csv --label before --label after
what="csv: the labels in the machine column, the build, the gate's verdict, no runtime recorded"
cond '[ $rc -eq 0 ] && grep -qE "^squares,1,.*,omp,static,after,vm,.*,gcc 12\.2\.0,201511,0\.5,25\.909317[0-9]*,GB/s,2,7\.39602301e-07,regression,$" "$tmp/out"'
run_compare --label new "$data/base.json" "$data/slow.json"
what="one label: the second file keeps its host, which is no longer taken"
cond '[ $rc -eq 0 ] && grep -qE "^  new \(baseline\) " "$tmp/out" && grep -qE "^  vm +.*slow\.json" "$tmp/out"'

# The overhead kernels' own figure: microseconds per construct (the file's overhead_us at 2
# threads, 0.548 us), beside the time ratio.
run_compare "$data/overhead.json" "$data/overhead.json"
what="overhead kernels: us/construct per thread count, not a throughput"
cond '[ $rc -eq 0 ] && grep -qE "^  threads +vm S +vm E +vm us/construct +vm#2 S +vm#2 E +vm#2 us/construct +vm#2 time ratio +vm#2 vs vm$" "$tmp/out" &&
    grep -qE "^  2 +0\.10 +0\.05 +0\.5483 +0\.10 +0\.05 +0\.5483 +1\.00 +n\.s\.$" "$tmp/out"'

# A label recorded by run --label names the file; --label still wins over it.
"$bin" run --kernel squares --quick --reps 2 --threads 1 --label "box one" --out "$tmp/lab" \
    >/dev/null 2>&1
run_compare "$tmp/lab.json" "$tmp/lab.csv"
what="run --label: recorded in the JSON and the CSV, compare names both files by it"
cond '[ $rc -eq 0 ] && grep -qE "^  box one \(baseline\) +[^ ]*/lab\.json " "$tmp/out" &&
    grep -qE "^  box one#2 +[^ ]*/lab\.csv " "$tmp/out" &&
    python3 -c "import json, sys; assert json.load(open(sys.argv[1]))[\"label\"] == \"box one\"" "$tmp/lab.json"'
run_compare --label given "$tmp/lab.json" "$tmp/lab.csv"
what="compare --label wins over the recorded label"
cond '[ $rc -eq 0 ] && grep -qE "^  given \(baseline\) +[^ ]*/lab\.json " "$tmp/out" &&
    grep -qE "^  box one +[^ ]*/lab\.csv " "$tmp/out"'

# The kernels and cells one file lacks.
run_compare "$data/base.json" "$data/lone.json"
what="a kernel only the baseline has, and a cell, are named in warnings"
cond '[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
    grep -qE "^ompscale: warning: not every file has these kernels, which are not compared: stream-copy \(only in vm, 3 cells\)$" "$tmp/err" &&
    grep -qE "^ompscale: warning: not every file has these cells, which are not compared: squares omp static 2 threads \(only in vm\)$" "$tmp/err"'

# The geometric mean: squares x 1.25 (ratio 0.8), stream-copy x 1.6 (0.625):
# sqrt(0.8 x 0.625) = sqrt(0.5) = 0.70711.
run_compare "$data/base.json" "$data/geo.json"
what="geometric mean of the time ratios over the two kernels: 0.707, at best and at 1 thread"
cond '[ $rc -eq 0 ] && grep -qE "^  vm#2 +0\.707 +0\.707 +2$" "$tmp/out" &&
    grep -qE "^  vm \(baseline\) +1\.000 +1\.000 +2$" "$tmp/out"'
run_compare "$data/base.json" "$data/geo.json" --format json
what="json: the geometric mean is sqrt(0.5) to 1e-12"
json_check '
m = doc["machines"][1]
assert abs(m["geomean_time_ratio_best"] - 0.5 ** 0.5) < 1e-12, m
assert abs(m["geomean_time_ratio_serial"] - 0.5 ** 0.5) < 1e-12, m
assert m["geomean_configurations"] == 2 and doc["machines"][0]["geomean_time_ratio_best"] == 1
'
cond '[ $rc -eq 0 ] && [ ! -s "$tmp/check" ]' || sed 's/^/# /' "$tmp/check"

# Bad input: one line, exit 2, nothing written.
expect_bad() {
    local what=$1 pattern=$2
    shift 2
    run_compare "$@" --output "$tmp/never.txt"
    cond '[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err" && [ ! -e "$tmp/never.txt" ]'
}
expect_bad "an empty label" "--label '': a label names a file in the output: give a non-empty name" \
    --label "" "$data/base.json" "$data/slow.json"
expect_bad "more labels than files" "--label: 3 labels for 2 files: give at most one label per file" \
    --label a --label b --label c "$data/base.json" "$data/slow.json"
expect_bad "a label given twice" "--label 'a' given twice" \
    --label a --label a "$data/base.json" "$data/slow.json"
expect_bad "a label with a control character, shown escaped" "--label 'a\\\\tb': a label holds a control character" \
    --label "$(printf 'a\tb')" "$data/base.json" "$data/slow.json"
expect_bad "a factor of 1" "--fail-on-regression=1: FACTOR must be a number above 1" \
    "$data/base.json" "$data/slow.json" --fail-on-regression=1
expect_bad "a factor that is no number" "--fail-on-regression=fast: FACTOR must be a number above 1" \
    "$data/base.json" "$data/slow.json" --fail-on-regression=fast
expect_bad "alpha of 0" "--alpha '0': must be a number between 0 and 1" \
    "$data/base.json" "$data/slow.json" --alpha 0
expect_bad "alpha of 1.5" "--alpha '1.5': must be a number between 0 and 1" \
    "$data/base.json" "$data/slow.json" --alpha 1.5

tap_done
exit $((fails > 0))
