#!/usr/bin/env python3
"""check_results.py CSV JSON [--threads LIST] [--kernels LIST] [--schedules LIST]
[--obtained N | --thread-limit N | --dynamic] [--failed N] [--cores-unknown]: reads a sweep's
CSV (with the csv module) and JSON back and checks them against the schema ompscale promises
and against each other.
--obtained N: every parallel row obtained N threads; --thread-limit N: min(threads, N);
--dynamic: from 1 to threads (the fewest, threads_obtained, at most the most,
threads_obtained_max); otherwise exactly threads.
--failed N: exactly N rows are failed cells, each verified false with its reason in detail; one
of 0 repetitions has every time, speedup and count empty (null in the JSON); every other row
verified (without --failed, every row).  --cores-unknown: physical_cores is empty on every row
and null in the JSON (hwloc saw no cores); otherwise a count that agrees with the context.
Exits 1 with one line per problem."""
import argparse
import csv
import json
import math
import sys

FIXED = ("host,cpu_model,logical_cpus,physical_cores,kernel,variant,schedule,threads,"
         "threads_obtained,size,reps,min_s,median_s,mean_s,stddev_s,mad_s,ci95_low_s,"
         "ci95_high_s,speedup,efficiency,throughput,throughput_unit,result,abs_error,"
         "verified").split(",")

ap = argparse.ArgumentParser()
ap.add_argument("csv")
ap.add_argument("json")
ap.add_argument("--threads")
ap.add_argument("--kernels")
ap.add_argument("--schedules")
ap.add_argument("--obtained", type=int)
ap.add_argument("--thread-limit", type=int)
ap.add_argument("--dynamic", action="store_true")
ap.add_argument("--failed", type=int, default=0)
ap.add_argument("--cores-unknown", action="store_true")
a = ap.parse_args()
problems = []

with open(a.csv, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = [dict(zip(header, r)) for r in reader]
if header[:len(FIXED)] != FIXED:
    problems.append(f"CSV header starts {header[:len(FIXED)]}, not the fixed columns")
with open(a.json, encoding="utf-8") as f:
    doc = json.load(f)

ctx = doc["context"]
for key in ("host", "cpu_model", "logical_cpus", "physical_cores", "numa_nodes", "caches",
            "memory_bytes", "kernel", "compiler", "build_type", "build_flags", "openmp_version",
            "gsl_version", "omp_env", "omp_in_force", "timestamp", "ompscale_version",
            "git_commit", "clock"):
    if key not in ctx:
        problems.append(f"JSON context lacks {key}")
if doc.get("complete") is not True:
    problems.append("JSON not marked complete")
if a.cores_unknown and ctx.get("physical_cores") is not None:
    problems.append(f"JSON context physical_cores {ctx.get('physical_cores')}, expected null")
if not a.cores_unknown and not (isinstance(ctx.get("physical_cores"), int)
                                and 1 <= ctx["physical_cores"] <= ctx["logical_cpus"]):
    problems.append(f"JSON context physical_cores {ctx.get('physical_cores')}, expected 1..P")
if len(doc["rows"]) != len(rows):
    problems.append(f"{len(rows)} CSV rows but {len(doc['rows'])} JSON rows")

want_threads = {int(t) for t in a.threads.split(",")} if a.threads else None
want_kernels = set(a.kernels.split(",")) if a.kernels else None
TIMES = ("min_s", "median_s", "mean_s", "stddev_s", "mad_s", "ci95_low_s", "ci95_high_s")
EMPTY_WHEN_NO_REPS = TIMES + ("speedup", "efficiency", "throughput", "speedup_ci95_low",
                              "speedup_ci95_high", "threads_obtained", "threads_obtained_max",
                              "outliers")
seen_threads, seen_kernels, seen_sched = set(), set(), set()
failed = 0
for i, (r, j) in enumerate(zip(rows, doc["rows"])):
    where = f"row {i + 2} ({r['kernel']}/{r['variant']}/{r['threads']})"
    for col in ("kernel", "variant", "schedule", "detail"):
        if r[col] != j[col]:
            problems.append(f"{where}: CSV {col} {r[col]} != JSON {j[col]}")
    if a.cores_unknown and (r["physical_cores"] != "" or j["physical_cores"] is not None):
        problems.append(f"{where}: physical_cores {r['physical_cores']!r} / "
                        f"{j['physical_cores']}, expected empty / null")
    if not a.cores_unknown and r["physical_cores"] != str(ctx.get("physical_cores")):
        problems.append(f"{where}: physical_cores differs from the context")
    if r["verified"] == "false" and r["detail"] and j["verified"] is False:
        failed += 1
        if int(r["reps"]) != j["reps"] or j["reps"] < 0:
            problems.append(f"{where}: CSV reps {r['reps']} != JSON {j['reps']}")
        if int(r["reps"]) == 0:
            for col in EMPTY_WHEN_NO_REPS:
                if r[col] != "" or j.get(col) is not None:
                    problems.append(f"{where}: no repetitions, yet {col} is {r[col]!r} "
                                    f"(JSON {j.get(col)!r}): expected empty and null")
        seen_kernels.add(r["kernel"])
        continue  # a failed cell: its figures, if any, are not checked as a measurement
    for col in ("threads", "threads_obtained", "size", "reps"):
        if int(r[col]) != j[col]:
            problems.append(f"{where}: CSV {col} {r[col]} != JSON {j[col]}")
    for col in ("min_s", "median_s", "mean_s", "ci95_low_s", "ci95_high_s", "speedup"):
        if not math.isclose(float(r[col]), j[col], rel_tol=1e-6):
            problems.append(f"{where}: CSV {col} {r[col]} != JSON {j[col]}")
    mn, med, hi, lo = (float(r[c]) for c in ("min_s", "median_s", "ci95_high_s", "ci95_low_s"))
    if not (0 < mn <= lo <= med <= hi):
        problems.append(f"{where}: expected 0 < min <= ci_low <= median <= ci_high")
    if r["verified"] != "true" or j["verified"] is not True:
        problems.append(f"{where}: not verified")
    if int(r["reps"]) < 1:
        problems.append(f"{where}: no repetitions")
    if int(r["logical_cpus"]) != ctx["logical_cpus"]:
        problems.append(f"{where}: logical_cpus differs from the context")
    eff = float(r["speedup"]) / int(r["threads_obtained"])
    if not math.isclose(eff, float(r["efficiency"]), rel_tol=1e-4):
        problems.append(f"{where}: efficiency is not speedup/threads_obtained")
    fewest, most = int(r["threads_obtained"]), int(r["threads_obtained_max"])
    if most != j["threads_obtained_max"] or not 1 <= fewest <= most <= int(r["threads"]):
        problems.append(f"{where}: expected 1 <= threads_obtained <= threads_obtained_max "
                        f"<= threads, the same in the JSON")
    if r["variant"] == "serial":
        if r["schedule"] != "none" or int(r["threads"]) != 1 or float(r["speedup"]) != 1:
            problems.append(f"{where}: serial row must be 1 thread, schedule none, speedup 1")
    else:
        seen_threads.add(int(r["threads"]))
        seen_sched.add(r["schedule"])
        want = a.obtained if a.obtained else int(r["threads"])
        if a.thread_limit:
            want = min(want, a.thread_limit)
        if a.dynamic:
            pass  # the runtime's choice: only the bounds above hold
        elif int(r["threads_obtained"]) != want:
            problems.append(f"{where}: threads_obtained {r['threads_obtained']}, expected {want}")
    seen_kernels.add(r["kernel"])
if want_threads is not None and seen_threads != want_threads:
    problems.append(f"thread counts {sorted(seen_threads)}, expected {sorted(want_threads)}")
if want_kernels is not None and seen_kernels != want_kernels:
    problems.append(f"kernels {sorted(seen_kernels)}, expected {sorted(want_kernels)}")
if a.schedules and seen_sched != set(a.schedules.split(",")):
    problems.append(f"schedules {sorted(seen_sched)}, expected {a.schedules}")
for s in doc["scaling"]:
    for key in ("best_threads", "max_speedup", "flattens_at", "knee", "karp_flatt", "amdahl",
                "usl", "omp_overhead_1thread", "best_schedule"):
        if key not in s:
            problems.append(f"scaling {s.get('kernel')}/{s.get('variant')} lacks {key}")
    if s["knee"] not in ("none", "early", "physical-cores", "logical-cpus", "beyond-cpus",
                         "within-cpus"):
        problems.append(f"scaling knee {s['knee']} unknown")
if not doc["scaling"] and seen_threads:  # every parallel row measured has a summary
    problems.append("no scaling summary")

if failed != a.failed:
    problems.append(f"{failed} failed rows (verified false with a detail), expected {a.failed}")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
