#!/usr/bin/env bash
# test_unknown_cores.sh OMPSCALE [HERE]: with hwloc seeing no cores, the
# physical core count is recorded as unknown and read back as unknown (suite
# report), as TAP.  hwloc's own seam HWLOC_SYNTHETIC describes a machine of
# one package and only PUs ("pack:1 pu:N", no core level), as some VMs and
# containers show it.  `info` says unknown; run says so, writes an empty
# physical_cores (null in the JSON) and exits 0; compare and plot read the
# file (they refused its 0 before) and say unknown rather than a count.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/tap.sh"
check() { if "$@"; then ok "$what"; else not_ok "$what"; fi; }
export HWLOC_SYNTHETIC="pack:1 pu:$(nproc)"

"$bin" info >"$tmp/out" 2>"$tmp/err"
what="info: physical cores unknown"
check grep -qE "^physical cores: +unknown \(hwloc sees no cores\)$" "$tmp/out"

"$bin" run --quick --kernel squares --threads 1,P --out "$tmp/u" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="run exits 0 and its first line says the cores are unknown"
check test $rc -eq 0
check grep -qE "^ompscale: [0-9]+ logical CPUs?, physical cores unknown;" "$tmp/err"
what="CSV and JSON: physical_cores empty and null on every row and in the context"
check python3 "$here/check_results.py" --ompscale "$bin" "$tmp/u.csv" "$tmp/u.json" --threads "1,$(nproc)" --kernels squares \
    --cores-unknown
what="a knee is never placed against a core count the file does not have"
check python3 -c '
import json, sys
for s in json.load(open(sys.argv[1]))["scaling"]:
    assert s["knee"] in ("none", "within-cpus", "beyond-cpus"), s["knee"]' "$tmp/u.json"

"$bin" compare "$tmp/u.csv" "$tmp/u.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="compare reads it: exit 0, the cores shown as unknown, no 0 and no nan"
check test $rc -eq 0
check grep -qE "^  [^ ]+ \(baseline\) .* unknown +[^ ]+ +in-process +not recorded \(a CSV\)$" "$tmp/out"
check grep -qE "^  max speedup / physical core +unknown cores +unknown cores$" "$tmp/out"
check test "$(grep -ci 'nan\|inf' "$tmp/out")" -eq 0
"$bin" compare "$tmp/u.csv" "$tmp/u.csv" --format csv >"$tmp/long.csv" 2>"$tmp/err"
what="compare --format csv: physical_cores and the per-core figures empty"
check python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows and all(r["physical_cores"] == "" and r["speedup_per_core"] == ""
                    and r["max_speedup_per_core"] == "" for r in rows), rows[0]' "$tmp/long.csv"

mkdir "$tmp/plots"
"$bin" plot "$tmp/u.csv" --out-dir "$tmp/plots" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="plot reads it: exit 0, its marker names the CPUs and says the cores are unknown"
check test $rc -eq 0
check grep -q "CPUs\? (cores unknown)" "$tmp/plots/u-squares.svg"

tap_done
