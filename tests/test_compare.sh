#!/usr/bin/env bash
# test_compare.sh OMPSCALE DATA: `ompscale compare` end to end (suite report), as TAP.
# Two hand-written result CSVs with known numbers (DATA/compare-a.csv: host
# alpha, 2 cores; DATA/compare-b.csv: host beta, 16 cores, columns in another
# order and an unknown column) are compared as a table, markdown and CSV, and
# exact figures are checked: speedups, the knee, max speedup per core, the
# Amdahl fraction, time ratios, n.s. where 95% intervals overlap and a named
# winner where they do not.  Every bad command line and every bad file exits
# 2 with one "ompscale: ..." line on stderr, nothing on stdout, no file.
set -u
bin=$1
data=$2
a=$data/compare-a.csv
b=$data/compare-b.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"



# has DESCRIPTION PATTERN: the last output has a line matching PATTERN (grep -E).
has() {
    if [ "$rc" -eq 0 ] && grep -qE -- "$2" "$tmp/out"; then ok "$1"; else not_ok "$1 (exit $rc)"; fi
}

# expect_usage DESCRIPTION STDERR_PATTERN ARGS...: exit 2, one stderr line matching, no stdout.
expect_usage() {
    local what=$1 pattern=$2
    shift 2
    run_compare "$@"
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -qE -- "^ompscale: .*$pattern" "$tmp/err"; then
        ok "$what"
    else
        not_ok "$what (exit $rc)"
    fi
}

# The table: squares' section, then rangesum's.
run_compare "$a" "$b"
cp "$tmp/out" "$tmp/table"
has "legend names the baseline and its file" "^  alpha \(baseline\) +.*compare-a\.csv +Test CPU A +2 +2 +0\.1\.0 +in-process +not recorded \(a CSV\)$"
has "legend reads beta's columns by name in another order" "^  beta +.*compare-b\.csv +Test CPU B, 16 cores +32 +16 +0\.2\.0 +in-process +not recorded \(a CSV\)$"
has "serial time ratio 0.02 s / 0.01 s is 2.00, beta faster" "^  time ratio \(1 thread\) +baseline +2\.00, beta faster$"
has "speedups at 2 threads overlap: n.s., knee marked; time ratio 0.0105 s / 0.0051 s" "^  2 +1\.90\* +0\.95 +1\.96 +0\.98 +2\.06 +n\.s\.$"
has "speedups at 4 threads do not overlap: beta higher; time ratio 0.0104 s / 0.00263 s" "^  4 +1\.92 +0\.48 +3\.80 +0\.95 +3\.95 +beta higher$"
has "a thread count alpha lacks shows -" "^  16 +- +- +12\.80 +0\.80 +- +-$"
has "max speedups" "^  max speedup +1\.92 at 4 +12\.80 at 16$"
has "knee at alpha's physical cores; beta still scaling" "^  flattens at +2 \(physical-cores\) +still scaling at 16$"
has "max speedup per physical core 1.92/2 and 12.8/16" "^  max speedup / physical core +0\.96 +0\.80$"
has "Amdahl fraction: alpha's (2 CPUs) withheld, fitted through p = 1 and 2 only; beta's stands" "^  Amdahl serial fraction +withheld +0\.017$"
has "time ratio at each machine's best: 0.0104 s / 0.0008 s" "^  time ratio at best +baseline +13\.00, beta faster$"
has "baseline significantly higher: alpha higher" "^  2 +1\.94 +0\.97 +1\.60 +0\.80 +[0-9.]+ +alpha higher$"
has "a thread count alpha lacks in a series it has" "^  4 +- +- +3\.60 +0\.90 +- +-$"
has "a series alpha lacks has - for its summary" "^  max speedup +- +3\.70 at 4$"
has "no speedup intervals: unknown" "^  2 +1\.92 +0\.96 +1\.76 +0\.88 +0\.90 +unknown$"
has "overlapping median times: n.s." "^  time ratio \(1 thread\) +baseline +0\.98, n\.s\.$"
has "baseline significantly faster: alpha faster" "^  time ratio at best +baseline +0\.90, alpha faster$"
has "parameters that differ are shown side by side" "^  parameters +mode=int lo=1 n=5000 seed=1 +mode=int lo=1 n=6000 seed=1$"

what="warnings: version, parameters, size and the cells only beta has, one line each, exit 0"
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 4 ] &&
    grep -qE "^ompscale: warning: not every file has these cells, .*: squares omp static 8 threads \(only in beta\); squares omp static 16 threads \(only in beta\); squares omp dynamic 4 threads \(only in beta\); squares omp guided 4 threads \(only in beta\)$" "$tmp/err" &&
    grep -qE "^ompscale: warning: .*versions \(alpha 0\.1\.0, beta 0\.2\.0\)" "$tmp/err" &&
    grep -qE "^ompscale: warning: rangesum: .*parameters .*n=5000.*n=6000" "$tmp/err" &&
    grep -qE "^ompscale: warning: rangesum: .*sizes \(alpha 5000, beta 6000\)" "$tmp/err"; then
    ok "$what"
else
    not_ok "$what"
fi

run_compare "$a" "$a"
what="a file against itself: no warning, labels alpha and alpha#2, ratios 1.00 n.s."
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -qE "^  alpha#2 " "$tmp/out" &&
    grep -qE "^  time ratio at best +baseline +1\.00, n\.s\.$" "$tmp/out"; then
    ok "$what"
else
    not_ok "$what"
fi

# A UTF-8 byte order mark, as spreadsheets save CSV: read as the same file.
{ printf '\357\273\277'; cat "$a"; } >"$tmp/bom.csv"
run_compare "$a" "$tmp/bom.csv"
what="a copy with a UTF-8 byte order mark reads as the file itself: no warning, ratios 1.00"
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] &&
    grep -qE "^  time ratio at best +baseline +1\.00, n\.s\.$" "$tmp/out"; then
    ok "$what"
else
    not_ok "$what"
fi

sed 's/,in-process$/,whole-process/' "$a" >"$tmp/whole.csv"
run_compare "$a" "$tmp/whole.csv"
what="timing methods that differ are warned about"
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    grep -qE "^ompscale: warning: .*timing method \(alpha in-process, alpha#2 whole-process\)" "$tmp/err"; then
    ok "$what"
else
    not_ok "$what"
fi

run_compare "$a" "$b" --format markdown
has "markdown: a pipe table header" "^\| threads \| alpha S \| alpha E \| beta S \| beta E \| beta time ratio \| beta vs alpha \|$"
has "markdown: its alignment row" "^\| --- \| ---: \| ---: \| ---: \| ---: \| ---: \| ---: \|$"
has "markdown: a row, the knee's '*' escaped" "^\| 2 \| 1\.90\\\\\* \| 0\.95 \| 1\.96 \| 0\.98 \| 2\.06 \| n\.s\. \|$"
has "markdown: headings" "^## squares  n=1000 work=0 sleep-us=0$"

run_compare --format csv "$a" "$b"
cp "$tmp/out" "$tmp/long.csv"
what="csv: header, field counts and figures read back with python's csv module"
if [ $rc -eq 0 ] && python3 - "$tmp/long.csv" >"$tmp/err" 2>&1 <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
assert head[:9] == ["kernel", "configuration", "params", "size", "variant", "schedule",
                    "machine", "host", "file"], head
assert all(len(r) == len(head) for r in rows), "field counts differ"
recs = [dict(zip(head, r)) for r in rows[1:]]
def one(**keys):
    hit = [r for r in recs if all(r[k] == v for k, v in keys.items())]
    assert len(hit) == 1, (keys, len(hit))
    return hit[0]
r = one(kernel="squares", variant="omp", schedule="static", machine="beta", threads="4")
assert r["host"] == "beta" and r["physical_cores"] == "16"
assert float(r["speedup"]) == 3.8 and r["speedup_vs_baseline"] == "significant", r
assert r["speedup_higher"] == "beta" and float(r["speedup_per_core"]) == 3.8 / 4
assert float(r["time_ratio_at_best"]) == 13 and r["time_at_best_faster"] == "beta"
assert float(r["serial_time_ratio"]) == 2 and r["serial_faster"] == "beta"
assert r["knee"] == "none" and r["flattens_at"] == "16" and float(r["max_speedup"]) == 12.8
# speedup per core past the physical cores: 12.8 / min(16, 16)
r16 = one(kernel="squares", variant="omp", schedule="static", machine="beta", threads="16")
assert float(r16["speedup_per_core"]) == 0.8
# beta's Amdahl fraction: least squares of 1/S on 1/p over p <= 32, computed here
pts = [(1, 1.0), (2, 1.96), (4, 3.8), (8, 7.2), (16, 12.8)]
x = [1 / p for p, s in pts]; y = [1 / s for p, s in pts]
mx = sum(x) / len(x); my = sum(y) / len(y)
slope = sum((a - mx) * (b - my) for a, b in zip(x, y)) / sum((a - mx) ** 2 for a in x)
assert abs(float(r["amdahl_f"]) - (my - slope * mx)) < 1e-8, (r["amdahl_f"], my - slope * mx)
r = one(kernel="squares", variant="omp", schedule="static", machine="beta", threads="2")
assert r["speedup_vs_baseline"] == "n.s." and r["speedup_higher"] == ""
r = one(kernel="squares", variant="omp", schedule="static", machine="alpha", threads="2")
assert r["speedup_vs_baseline"] == "baseline" and r["flattens_at"] == "2"
assert r["knee"] == "physical-cores"
r = one(kernel="rangesum", variant="omp", schedule="static", machine="beta", threads="2")
assert r["speedup_vs_baseline"] == "unknown" and r["speedup_ci95_low"] == ""
assert r["params"] == "mode=int lo=1 n=6000 seed=1" and r["size"] == "6000"
assert r["time_at_best_vs_baseline"] == "significant" and r["time_at_best_faster"] == "alpha"
assert one(kernel="squares", variant="serial", machine="beta", threads="1")["file"].endswith("compare-b.csv")
assert not [r for r in recs if r["machine"] == "alpha" and r["threads"] == "16"], "a missing row was written"
EOF
then ok "$what"; else not_ok "$what"; fi

run_compare "$a" "$b" --format csv --output "$tmp/cmp.csv"
what="--output writes the file, nothing on stdout, no temporary file left"
if [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/cmp.csv" "$tmp/long.csv" &&
    [ -z "$(ls "$tmp" | grep tmp-)" ]; then ok "$what"; else not_ok "$what"; fi
run_compare "$a" "$b" --output "$tmp/cmp.txt"
what="--output with the table format writes the table"
if [ $rc -eq 0 ] && cmp -s "$tmp/cmp.txt" "$tmp/table"; then ok "$what"; else not_ok "$what"; fi

expect_usage "malformed file: file, line 4, column 13 (median_s)" \
    "compare-bad\.csv:4: column 13 \(median_s\): 'fast' is not a finite number" "$a" "$data/compare-bad.csv"
expect_usage "foreign file (hyperfine's CSV): file, line 1, the missing column" \
    "hyperfine\.csv:1: not an ompscale result CSV: the header has no column 'host'" "$data/hyperfine.csv" "$a"
run_compare "$a" "$data/compare-bad.csv" --output "$tmp/never.txt"
what="a bad file writes no --output file"
if [ $rc -eq 2 ] && [ ! -e "$tmp/never.txt" ] && [ -z "$(ls "$tmp" | grep tmp-)" ]; then
    ok "$what"
else
    not_ok "$what"
fi
{ cat "$a"; tail -n 1 "$a"; } >"$tmp/dup.csv"
expect_usage "a repeated row names both lines" "dup\.csv:10: repeats line 9" "$a" "$tmp/dup.csv"
expect_usage "a missing file" "nosuch\.csv: cannot read" "$a" "$tmp/nosuch.csv"

expect_usage "no files" "no file given: compare needs at least two result CSVs"
expect_usage "one file" "one file given: compare needs at least two result CSVs" "$a"
expect_usage "unknown option" "unknown option '--baseline'.*--format, --output" "$a" "$b" --baseline 1
expect_usage "bad format lists the valid ones" "--format 'html': valid are table, markdown, csv" "$a" "$b" --format html
expect_usage "format without a value" "--format needs a value" "$a" "$b" --format
expect_usage "empty output name" "--output ''" "$a" "$b" --output ""
expect_usage "output in a missing directory" "--output: cannot write in" "$a" "$b" --output "$tmp/no/dir/x.txt"
expect_usage "output over a file compared" "is an input of this command" "$a" "$b" --output "$b"
expect_usage "more than 16 files" "more than 16 files" $(for i in $(seq 17); do echo "$a"; done)
what="a bad --output left no file"
if [ ! -e "$tmp/no" ]; then ok "$what"; else not_ok "$what"; fi

run_compare --help
has "--help prints the usage" "^usage: ompscale compare A\.csv B\.csv"
has "--help explains speedup per physical core" "max speedup per physical core"

tap_done
exit $((fails > 0))
