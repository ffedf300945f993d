#!/usr/bin/env python3
"""check_results.py CSV JSON --ompscale BIN [--threads LIST] [--kernels LIST] [--schedules LIST]
[--obtained N | --thread-limit N | --dynamic] [--failed N] [--cores-unknown]: reads a sweep's
CSV (with the csv module) and JSON back and checks them against the schema ompscale promises
and against each other.  The columns come from the program itself (`BIN schema --format
json`), not from a copy: the CSV header is the table's CSV columns in order, the JSON has the
table's schema_version, and every column in both files holds the same value in each (by its
type); times_s holds reps times, whose median and minimum are median_s and min_s; as_asked is
threads_obtained == threads, and each scaling summary counts the thread counts as asked.
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
import statistics
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("csv")
ap.add_argument("json")
ap.add_argument("--ompscale", required=True)
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

schema = json.loads(subprocess.run([a.ompscale, "schema", "--format", "json"], check=True,
                                   capture_output=True, text=True).stdout)
COLUMNS = schema["columns"]
CSV_COLUMNS = [c["name"] for c in sorted((c for c in COLUMNS if c["csv"]), key=lambda c: c["csv"])]

with open(a.csv, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = [dict(zip(header, r)) for r in reader]
if header != CSV_COLUMNS:
    problems.append(f"CSV header {header}, not the schema's columns {CSV_COLUMNS}")
with open(a.json, encoding="utf-8") as f:
    doc = json.load(f)
if doc.get("schema_version") != schema["schema_version"]:
    problems.append(f"JSON schema_version {doc.get('schema_version')}, expected "
                    f"{schema['schema_version']}")


def same(col, text, value, j):
    """Whether a CSV field and the JSON value of column col say the same, by its type."""
    if text == "" and col["type"] != "text":
        return value is None
    if col["type"] == "text":
        return text == (value if value is not None else "")
    if value is None:
        return False
    if col["type"] == "int":
        return int(text) == value
    if col["type"] == "bool":
        return text == ("true" if value else "false")
    if col["name"] + "_exact" in j:  # the CSV has the exact text, the JSON the double too
        return text == j[col["name"] + "_exact"] and math.isclose(float(text), value,
                                                                  rel_tol=1e-15)
    return math.isclose(float(text), value, rel_tol=1e-5)  # the CSV keeps 6 to 17 digits


def series(row):
    return tuple(row[k] for k in ("kernel", "params", "size", "variant", "schedule"))


as_asked = {}
for i, (r, j) in enumerate(zip(rows, doc["rows"])):
    where = f"row {i + 2} ({r['kernel']}/{r['variant']}/{r['threads']})"
    for col in COLUMNS:
        if col["json"] == "row" and col["name"] not in j:
            problems.append(f"{where}: JSON row lacks {col['name']}")
        elif col["csv"] and col["json"] != "none":
            value = j[col["name"]] if col["json"] == "row" else doc.get(col["name"])
            if not same(col, r[col["name"]], value, j):
                problems.append(f"{where}: CSV {col['name']} {r[col['name']]!r} != JSON {value!r}")
    times = j.get("times_s")
    if not isinstance(times, list) or len(times) != j["reps"]:
        problems.append(f"{where}: times_s {times!r} does not hold reps = {j['reps']} times")
    elif times and (statistics.median(times) != j["median_s"] or min(times) != j["min_s"]):
        problems.append(f"{where}: median and min of times_s {statistics.median(times)}, "
                        f"{min(times)} != median_s {j['median_s']}, min_s {j['min_s']}")
    want_as_asked = j["threads_obtained"] == j["threads"] if j["reps"] > 0 else None
    if j.get("as_asked") != want_as_asked:
        problems.append(f"{where}: as_asked {j.get('as_asked')}, expected {want_as_asked}")
    as_asked[series(j)] = as_asked.get(series(j), 0) + (j.get("as_asked") is True)

ctx = doc["context"]
for key in ("host", "cpu_model", "logical_cpus", "physical_cores", "numa_nodes", "caches",
            "memory_bytes", "kernel", "compiler", "build_type", "build_flags", "openmp_version",
            "openmp_runtime",
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
    if r["verified"] == "false" and r["detail"] and j["verified"] == "false":
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
    if r["verified"] != "true" or j["verified"] != "true":
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
                "usl", "omp_overhead_1thread", "best_schedule", "thread_counts_as_asked",
                "diagnosis"):
        if key not in s:
            problems.append(f"scaling {s.get('kernel')}/{s.get('variant')} lacks {key}")
    counted = as_asked.get(series(s), 0)
    if s.get("thread_counts_as_asked") != counted:
        problems.append(f"scaling {s.get('kernel')}/{s.get('variant')}: thread_counts_as_asked "
                        f"{s.get('thread_counts_as_asked')}, but {counted} rows ran as asked")
    analysed = s.get("best_threads", 0) > 0  # a summary: some cell had a speedup as asked
    # A cause is stated only for a flattening the intervals support (knee_withheld null).
    diagnosed = counted >= 2 and analysed and s.get("knee_withheld") is None
    if "knee_withheld" not in s or "speedup_note" not in s:
        problems.append(f"scaling {s.get('kernel')}/{s.get('variant')} lacks knee_withheld or "
                        "speedup_note")
    if diagnosed != isinstance(s.get("diagnosis"), str) or s.get("diagnosis") == "":
        problems.append(f"scaling {s.get('kernel')}/{s.get('variant')}: diagnosis "
                        f"{s.get('diagnosis')!r} with {counted} thread counts as asked")
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
