#!/usr/bin/env bash
# test_roofline.sh BIN ROOT: the roofline end to end (suite report).  A quick
# `run --roofline` at 1 and 2 threads: every row's intensity is the README's
# analytic value (its "Operations and bytes" table, which must name every
# kernel), the roofs are measured, the summary and JSON say each kernel's
# bound; its roofline plot has a panel per thread count, the roofs' labels
# and each kernel's point; a file without roofs gets a note, no roofline.
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

"$bin" run --quick --roofline --threads 1,2 --reps 2 --out "$tmp/q" >"$tmp/out" 2>"$tmp/err"
rc=$?
what="run --quick --roofline --threads 1,2 exits 0"
cond "[ $rc -eq 0 ] && [ -s '$tmp/q.csv' ] && [ -s '$tmp/q.json' ]"

"$bin" list --names >"$tmp/names" 2>/dev/null
what="every row's intensity is the README's, and the README's table names every kernel"
check python3 - "$tmp/q.csv" "$root/README.md" "$tmp/names" <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
readme = open(sys.argv[2]).read()
names = open(sys.argv[3]).read().split()
part = readme.split("### Operations and bytes", 1)[1].split("\n## ", 1)[0]
table = {}
for line in part.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 4 or not cells[0].startswith("`"):
        continue
    mode = re.search(r"\((mode=\w+)\)", cells[0])
    for name in re.findall(r"`([^`]+)`", cells[0]):
        table[(name, mode.group(1) if mode else "")] = cells[3]
bad = []
for name in names:
    if not any(k[0] == name for k in table):
        bad.append("README's table has no row of " + name)
checked = 0
for r in rows:
    if r["reps"] == "0":
        continue
    keys = [k for k in table if k[0] == r["kernel"] and (not k[1] or k[1] in r["params"].split())]
    if not keys:
        bad.append("no README row for %s (%s)" % (r["kernel"], r["params"]))
        continue
    want = table[keys[0]]
    got = r["intensity"]
    if want == "none":
        ok = got == ""
    else:
        num, den = (float(x) for x in want.split("/"))
        ok = got != "" and abs(float(got) - num / den) <= 1e-9 * num / den
        # the count itself: ops / bytes as declared, and bytes STREAM's per element
        ok = ok and abs(float(r["ops"]) / float(r["bytes"]) - num / den) <= 1e-9 * num / den
    if r["kernel"] == "peakflops":
        n = int(r["size"])
        ok = ok and float(r["ops"]) == 192 * n and r["ops_kind"] == "flop" and r["roof"] == "FMA"
    if r["kernel"] == "rangesum" and "mode=int" in r["params"]:
        ok = ok and r["ops_kind"] == "int" and float(r["ops"]) == int(r["size"])
    if r["kernel"] == "quadrature":
        ops = float(r["ops"])  # 2 flop x 21 (2 size - 1) evaluations per interval
        ok = ok and ops % 42 == 0 and ops >= 42 * int(r["size"])
    if r["kernel"].startswith("overhead-"):
        ok = ok and r["ops"] == ""
    if not ok:
        bad.append("%s %s %s threads: intensity %r ops %r bytes %r, README %s" % (
            r["kernel"], r["params"], r["threads"], got, r["ops"], r["bytes"], want))
    checked += 1
print("\n".join(bad) or "%d rows checked" % checked)
sys.exit(1 if bad or checked < 50 else 0)
PY

what="the roofs are measured at 1 and 2 threads: FMA, L1, L2, L3, DRAM"
check python3 - "$tmp/q.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
have = {(r["roof"], r["threads"]) for r in rows
        if r["roof"] and r["variant"] != "serial" and r["best_throughput"]}
want = {(roof, t) for roof in ("FMA", "L1", "L2", "L3", "DRAM") for t in ("1", "2")}
print(sorted(want - have))
sys.exit(0 if want <= have else 1)
PY

what="the summary names each kernel's bound and its fraction of the roof"
cond "grep -q '^Roofline:' '$tmp/out' && grep -qE '^  squares: memory-bound, [0-9.]+% of the (DRAM|L[123]) roof at 0.0625 flop/B' '$tmp/out' && grep -qE '^  montecarlo: compute-bound, [0-9]+(\.[0-9]+)?% of the FMA roof' '$tmp/out'"

what="the JSON records each kernel's point, bound and fraction"
check python3 - "$tmp/q.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
points = {p["kernel"]: p for p in doc["roofline"]}
sq = points["squares"]
ok = sq["roof_bound"] in ("DRAM", "L3", "L2", "L1") and abs(sq["intensity"] - 1 / 16) < 1e-12
ok = ok and abs(sq["roof_fraction"] - sq["gops"] / sq["roof_gops"]) < 1e-9
ok = ok and points["montecarlo"]["roof_bound"] == "FMA" and "peakflops" not in points
print(sorted(points))
sys.exit(0 if ok else 1)
PY

"$bin" plot "$tmp/q.csv" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
svg="$tmp/q-roofline.svg"
what="plot draws q-roofline.svg from the --roofline run, nothing on stderr (no key gnuplot cannot fit)"
cond "[ $rc -eq 0 ] && [ -s '$svg' ] && grep -qx '$svg' '$tmp/out' && [ ! -s '$tmp/err' ]"
what="the roofline has one panel per thread count (1 and 2)"
cond "[ \$(grep -cE '>[12] threads? \\(roofs: best repetition; points: median\\)<' '$svg') -eq 2 ]"
what="the roofline labels each roof with its level and figure"
check bash -c "for r in FMA L1 L2 L3 DRAM; do grep -qE \">\$r [0-9.e+]+ G(FLOP|B)/s<\" '$svg' || { echo \"no label \$r\"; exit 1; }; done"
what="the roofline has each kernel's point in its key"
check bash -c "for k in stream-scale stream-add stream-triad squares rangesum montecarlo quadrature; do grep -qE \">\$k[ (]\" '$svg' || { echo \"no point of \$k\"; exit 1; }; done"

"$bin" run --quick --kernel squares --threads 1,2 --reps 2 --out "$tmp/plain" >/dev/null 2>&1
"$bin" plot "$tmp/plain.csv" --format svg >"$tmp/out" 2>"$tmp/err"
rc=$?
what="a file without roofs: a note says why no roofline was drawn, and none is"
cond "[ $rc -eq 0 ] && grep -q 'no roofline for .*plain.csv: it has no roofs' '$tmp/err' && [ ! -e '$tmp/plain-roofline.svg' ] && [ -s '$tmp/plain-squares.svg' ]"

tap_done
