#!/usr/bin/env python3
"""make.py: the regression gate's fixtures, made from two real runs by small edits.

base.json, base.csv: `ompscale run --kernel squares,stream-copy --quick --reps 12
--threads 1,2` (the JSON without its load, scaling and facts, which compare does not
read); few.json: the same with --reps 8; overhead.json: `ompscale run --kernel
overhead-parallel --quick --reps 9 --threads 1,2` (likewise, not edited).  Run from this folder:
/usr/bin/python3 make.py; it prints the Mann-Whitney p-values scipy gives for the
edited cells, which tests/test_gate.sh checks against.

slow.json   squares omp static 2 threads: every time x 2 (a known regression)
bimodal.json  the same cell: its 5 fastest times as they were (x (1 + 1e-6), so no
            tie), the other 7 x 1.5: its median 1.5 x the baseline's, yet U's
            p above 0.05 (a known non-significant difference)
clang.json  base built by another compiler and OpenMP: context.compiler and
            openmp_version changed, openmp_runtime added (base, made before
            ompscale recorded it, has none), the times as they were
lone.json   base without stream-copy and without squares omp static 2 threads
geo.json    every squares time x 1.25 and every stream-copy time x 1.6: the
            geometric mean of the time ratios is sqrt(0.8 x 0.625) = 0.70711
few-slow.json  few.json with every time x 2 (8 repetitions: no verdict)
"""
import copy
import json
import math

from scipy.stats import mannwhitneyu

TIMES = ("min_s", "median_s", "mean_s", "stddev_s", "mad_s", "ci95_low_s", "ci95_high_s")
RATES = ("throughput", "best_throughput", "speedup", "speedup_ci95_low", "speedup_ci95_high",
         "efficiency")


def load(name):
    with open(name) as f:
        return json.load(f)


def save(doc, name):
    with open(name, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def scale(row, k, rates=True):
    """Every time of the row x k; its rates / k when rates (its serial row unchanged)."""
    row["times_s"] = [t * k for t in row["times_s"]]
    for key in TIMES:
        if row.get(key) is not None:
            row[key] *= k
    for key in RATES if rates else ("throughput", "best_throughput"):
        if row.get(key) is not None:
            row[key] /= k


def restat(row, old_median):
    """min, median and the order-statistic 95% interval of the row's times (results/README)."""
    t = sorted(row["times_s"])
    n = len(t)
    row["min_s"] = t[0]
    row["median_s"] = (t[(n - 1) // 2] + t[n // 2]) / 2
    j = max(1, min(n, math.floor((n - 1.96 * math.sqrt(n)) / 2)))
    k = max(1, min(n, math.ceil(1 + (n + 1.96 * math.sqrt(n)) / 2)))
    row["ci95_low_s"], row["ci95_high_s"] = (t[0], t[-1]) if n < 6 else (t[j - 1], t[k - 1])
    ratio = row["median_s"] / old_median
    for key in RATES:
        if row.get(key) is not None:
            row[key] /= ratio


def cell(doc, kernel, variant, threads):
    return next(r for r in doc["rows"] if r["kernel"] == kernel and r["variant"] == variant
                and r["threads"] == threads)


base = load("base.json")

slow = copy.deepcopy(base)
scale(cell(slow, "squares", "omp", 2), 2)
save(slow, "slow.json")

bimodal = copy.deepcopy(base)
row = cell(bimodal, "squares", "omp", 2)
order = sorted(range(len(row["times_s"])), key=lambda i: row["times_s"][i])
old = row["median_s"]
for rank, i in enumerate(order):
    row["times_s"][i] *= 1 + 1e-6 if rank < 5 else 1.5
restat(row, old)
save(bimodal, "bimodal.json")

clang = copy.deepcopy(base)
clang["context"]["compiler"] = "clang 16.0.6"
clang["context"]["openmp_version"] = 202011
clang["context"]["openmp_runtime"] = "libomp.so.5"
save(clang, "clang.json")

lone = copy.deepcopy(base)
lone["rows"] = [r for r in lone["rows"] if r["kernel"] != "stream-copy" and
                not (r["variant"] == "omp" and r["threads"] == 2)]
save(lone, "lone.json")

geo = copy.deepcopy(base)
for r in geo["rows"]:
    scale(r, 1.25 if r["kernel"] == "squares" else 1.6, rates=False)
save(geo, "geo.json")

few_slow = load("few.json")
for r in few_slow["rows"]:
    scale(r, 2, rates=False)
save(few_slow, "few-slow.json")

for name, doc in (("slow", slow), ("bimodal", bimodal)):
    b, r = cell(base, "squares", "omp", 2), cell(doc, "squares", "omp", 2)
    res = mannwhitneyu(b["times_s"], r["times_s"], alternative="two-sided", method="exact")
    print(f"{name}: squares omp static 2 threads: slowdown {r['median_s'] / b['median_s']!r}, "
          f"U {res.statistic}, p {res.pvalue!r}")
