/*
 * schema.c: the table of the result record's columns (schema.h), with each
 * column's getter (from a cell_result, for the writers) and setter (into an
 * rf_row, for the readers).  The descriptions are results/README.md's column
 * tables, which `ompscale schema --format markdown` prints and a test holds
 * equal to the README.  Adding a column is one row here (at the end of the
 * CSV columns: the CSV's order is a promise), its getter, and its setter if
 * the readers take it.
 */
#include "schema.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { G_MACHINE, G_IDENTITY, G_TIMING, G_DERIVED, G_VERIFY, G_PROVENANCE, G_CEILINGS,
       G_THREADS, G_JSON };

const schema_group schema_groups[] = {
    [G_MACHINE] = {"Machine", "(the same on every row)"},
    [G_IDENTITY] = {"Cell identity", ""},
    [G_TIMING] = {"Timing statistics", "(over the cell's timed repetitions)"},
    [G_DERIVED] = {"Derived figures", "(empty, `null` in the JSON, where one does not apply: no "
                                      "repetitions, no serial time to take a speedup against; "
                                      "and where it would not be finite)"},
    [G_VERIFY] = {"Verification", "(see the per-kernel table)"},
    [G_PROVENANCE] = {"Provenance", "(in the JSON at the top level, not in `rows[]`)"},
    [G_CEILINGS] = {"Ceilings and size scaling",
                    "(after the fixed columns; empty where they do not apply)"},
    [G_THREADS] = {"Threads", "(after the fixed columns)"},
    [G_JSON] = {"JSON only", "(fields of each of `rows[]`, not in the CSV)"},
    {NULL, NULL},
};

/* ---- the writers' side: values out of a cell ---- */

static void put_text(schema_value *v, const char *text)
{
    v->none = text == NULL;
    v->text = text ? text : "";
}

/* A count known only when `known` (physical cores 0: unknown; threads of a cell that never ran). */
static void put_count(schema_value *v, int64_t n, bool known)
{
    v->none = !known;
    v->integer = n;
}

/* A real; not finite (NAN: does not apply) is none. */
static void put_real(schema_value *v, double x)
{
    v->none = !isfinite(x);
    v->real = x;
}

/* Whole-process rows record no result, error or work (result.h): none. */
static void put_measured(schema_value *v, const sweep_result *r, double x)
{
    put_real(v, r->whole_process ? NAN : x);
}

static void put_bool(schema_value *v, bool b)
{
    v->boolean = b;
}

static void put_reals(schema_value *v, const double *reals, size_t n)
{
    v->reals = reals;
    v->nreals = n;
}

static bool ran(const cell_result *c)
{
    return c->reps > 0; /* a failed cell without repetitions is a row too */
}

/* The getters of the columns that are one field as it is, by the shape of the field. */
#define GET(name, put, ...)                                                                    \
    static void get_##name(const sweep_result *r, const cell_result *c, schema_value *v)      \
    {                                                                                          \
        (void)r;                                                                               \
        (void)c;                                                                               \
        put(v, __VA_ARGS__);                                                                   \
    }

GET(host, put_text, r->ctx.host)
GET(cpu_model, put_text, r->ctx.cpu_model)
GET(logical_cpus, put_count, r->ctx.logical_cpus, true)
GET(physical_cores, put_count, r->ctx.physical_cores, r->ctx.physical_cores > 0) /* 0: unknown */
GET(kernel, put_text, c->k->name)
GET(variant, put_text, c->k->variants[c->variant].name)
GET(threads, put_count, c->threads, true)
GET(threads_obtained, put_count, c->threads_obtained, ran(c))
GET(size, put_count, c->size, true)
GET(reps, put_count, (int64_t)c->reps, true)
GET(min_s, put_real, c->stats.min_s)
GET(median_s, put_real, c->stats.median_s)
GET(mean_s, put_real, c->stats.mean_s)
GET(stddev_s, put_real, c->stats.stddev_s)
GET(mad_s, put_real, c->stats.mad_s)
GET(ci95_low_s, put_real, c->stats.ci95_low_s)
GET(ci95_high_s, put_real, c->stats.ci95_high_s)
GET(speedup, put_real, c->speedup)
GET(efficiency, put_real, c->efficiency)
GET(throughput, put_measured, r, c->throughput)
GET(throughput_unit, put_text, r->whole_process ? NULL : c->throughput_unit)
GET(abs_error, put_measured, r, c->check.abs_error)
GET(verified, put_text, rf_verdict_words[!c->verified ? RF_NOT_VERIFIED
                                          : c->foreign ? RF_FOREIGN
                                                       : RF_VERIFIED])
GET(speedup_ci95_low, put_real, c->speedup_ci_low)
GET(speedup_ci95_high, put_real, c->speedup_ci_high)
GET(outliers, put_count, (int64_t)c->stats.outliers, ran(c))
GET(noisy, put_bool, c->noisy)
GET(tolerance, put_measured, r, c->check.tolerance)
GET(params, put_text, c->params)
GET(detail, put_text, c->check.detail)
GET(ompscale_version, put_text, r->ctx.version)
GET(timestamp, put_text, r->ctx.timestamp)
GET(timing, put_text, r->whole_process ? "whole-process" : "in-process")
GET(best_throughput, put_measured, r, c->best_throughput)
GET(ceiling, put_text, c->ceiling)
GET(ceiling_throughput, put_real, c->ceiling_throughput)
GET(ceiling_fraction, put_real, c->ceiling_fraction)
GET(ceiling_withheld, put_text, c->ceiling_withheld)
GET(overhead_us, put_real, c->overhead_us)
GET(overhead_ci95_low_us, put_real, c->overhead_ci_low_us)
GET(overhead_ci95_high_us, put_real, c->overhead_ci_high_us)
GET(weak_efficiency, put_real, c->weak_efficiency)
GET(threads_obtained_max, put_count, c->threads_obtained_max, ran(c))
GET(times_s, put_reals, c->times, c->reps)

static void get_schedule(const sweep_result *r, const cell_result *c, schema_value *v)
{
    (void)r;
    result_schedule_text(c, v->scratch, sizeof v->scratch);
    put_text(v, v->scratch);
}

/* The double, and the exact integer text where the kernel gives one (the CSV writes that). */
static void get_result(const sweep_result *r, const cell_result *c, schema_value *v)
{
    put_measured(v, r, c->check.result);
    if (!r->whole_process && c->check.result_text[0])
        v->exact = c->check.result_text;
}

static void get_reference(const sweep_result *r, const cell_result *c, schema_value *v)
{
    put_measured(v, r, c->check.reference);
    if (!r->whole_process && c->check.reference_text[0])
        v->exact = c->check.reference_text;
}

static void get_as_asked(const sweep_result *r, const cell_result *c, schema_value *v)
{
    (void)r;
    put_bool(v, c->as_asked);
    v->none = !ran(c);
}

/* ---- the readers' side: values into a row ---- */

/* Copies a text into buf; 0, or len when it does not fit. */
static int set_chars(char *buf, size_t len, const schema_value *v)
{
    if (strlen(v->text) >= len)
        return (int)len;
    snprintf(buf, len, "%s", v->text);
    return 0;
}

/* A real, NAN when none. */
static double real_or_nan(const schema_value *v)
{
    return v->none ? NAN : v->real;
}

/* The setters of the columns that are one field of the row (w) or of the machine (m). */
#define SET_TEXT(name, field)                                                                  \
    static int set_##name(rf_file *m, rf_row *w, const schema_value *v)                        \
    {                                                                                          \
        (void)m;                                                                               \
        (void)w;                                                                               \
        return set_chars(field, sizeof field, v);                                              \
    }
#define SET(name, field, value)                                                                \
    static int set_##name(rf_file *m, rf_row *w, const schema_value *v)                        \
    {                                                                                          \
        (void)m;                                                                               \
        (void)w;                                                                               \
        field = value;                                                                         \
        return 0;                                                                              \
    }

SET_TEXT(host, m->host)
SET_TEXT(cpu_model, m->cpu_model)
SET(logical_cpus, m->logical_cpus, (int)v->integer)
SET(physical_cores, m->physical_cores, v->none ? 0 : (int)v->integer) /* empty: unknown */
SET_TEXT(kernel, w->kernel)
SET_TEXT(variant, w->variant)
SET_TEXT(schedule, w->schedule)
SET(threads, w->threads, (int)v->integer)
SET(threads_obtained, w->threads_obtained, v->none ? 0 : (int)v->integer) /* never ran */
SET(size, w->size, v->integer)
SET(reps, w->reps, v->integer)
SET(min_s, w->min_s, real_or_nan(v))
SET(median_s, w->median_s, real_or_nan(v))
SET(ci95_low_s, w->ci95_low_s, real_or_nan(v))
SET(ci95_high_s, w->ci95_high_s, real_or_nan(v))
SET(speedup, w->speedup, real_or_nan(v))
SET(efficiency, w->efficiency, real_or_nan(v))
SET(throughput, w->throughput, real_or_nan(v))
SET_TEXT(throughput_unit, w->throughput_unit)

static int set_verified(rf_file *m, rf_row *w, const schema_value *v)
{
    (void)m;
    w->verified = RF_NOT_VERIFIED;
    while (strcmp(rf_verdict_words[w->verified], v->text) != 0) /* rf_parse checked the word */
        w->verified++;
    return 0;
}
SET(speedup_ci95_low, w->speedup_ci_low, real_or_nan(v))
SET(speedup_ci95_high, w->speedup_ci_high, real_or_nan(v))
SET_TEXT(params, w->params)
SET_TEXT(ompscale_version, m->version)
SET_TEXT(timing, m->timing)
SET(overhead_us, w->overhead_us, real_or_nan(v))

static int set_times_s(rf_file *m, rf_row *w, const schema_value *v)
{
    (void)m;
    free(w->times);
    w->times = NULL;
    w->ntimes = 0;
    if (v->nreals == 0)
        return 0;
    w->times = malloc(v->nreals * sizeof *w->times);
    if (!w->times)
        return -1;
    memcpy(w->times, v->reals, v->nreals * sizeof *w->times);
    w->ntimes = v->nreals;
    return 0;
}

/* ---- the table ---- */

#define CSV_JSON (SCHEMA_CSV | SCHEMA_JSON_ROW)
#define CSV_TOP (SCHEMA_CSV | SCHEMA_JSON_TOP)
#define MAX_THREADS (1 << 20)

/* Reading rules, shorthand: a name, a count, a time, a figure that may be empty. */
#define READ_NAME(setter) {SCHEMA_REQUIRED, 0, SCHEMA_NEVER_EMPTY, false, 0, 0, 0, setter, NULL, 0}
#define READ_TEXT(need, setter) {need, 0, SCHEMA_MAY_BE_EMPTY, false, 0, 0, 0, setter, NULL, 0}
#define READ_COUNT(empty, lo, hi, setter)                                                      \
    {SCHEMA_REQUIRED, 0, empty, false, lo, hi, 0, setter, NULL, 0}
#define READ_TIME(need, empty, setter) {need, 0, empty, true, 0, 0, 0, setter, NULL, 0}
#define READ_FIGURE(need, least, setter)                                                       \
    {need, 0, SCHEMA_MAY_BE_EMPTY, false, 0, 0, least, setter, NULL, 0}

const schema_column schema_columns[] = {
    {"host", SCHEMA_TEXT, "", G_MACHINE, "host name (`gethostname`)", CSV_JSON, 0, get_host,
     READ_NAME(set_host)},
    {"cpu_model", SCHEMA_TEXT, "", G_MACHINE,
     "CPU model of the first package (hwloc); empty if unknown", CSV_JSON, 0, get_cpu_model,
     READ_TEXT(SCHEMA_REQUIRED, set_cpu_model)},
    {"logical_cpus", SCHEMA_INT, "CPUs", G_MACHINE,
     "P: the CPUs this process may use, `omp_get_num_procs()`", CSV_JSON, 0, get_logical_cpus,
     READ_COUNT(SCHEMA_NEVER_EMPTY, 1, MAX_THREADS, set_logical_cpus)},
    {"physical_cores", SCHEMA_INT, "cores", G_MACHINE,
     "cores with at least one of those CPUs (hwloc; the union of the OpenMP places when "
     "`OMP_PLACES` is set: libgomp binds the initial thread before `main`, so the mask itself "
     "can no longer be read); empty (JSON `null`, `info` \"unknown\") when hwloc sees no core, "
     "as in some VMs and containers, or reports more cores than usable CPUs (a topology not "
     "this process's): the knee is then only `within-cpus` or `beyond-cpus`, and per-core "
     "figures are empty",
     CSV_JSON, 0, get_physical_cores,
     READ_COUNT(SCHEMA_MAY_BE_EMPTY, 1, MAX_THREADS, set_physical_cores)},
    {"kernel", SCHEMA_TEXT, "", G_IDENTITY,
     "the kernel's name, as `ompscale list` gives it (the built-in kernels: README's kernel "
     "table; a plugin's kernels too)",
     CSV_JSON, 0, get_kernel, READ_NAME(set_kernel)},
    {"variant", SCHEMA_TEXT, "", G_IDENTITY,
     "`serial` (variant 0, the reference; for the overhead kernels EPCC's reference loop), or "
     "the name of one of the kernel's parallel variants (`ompscale list`)",
     CSV_JSON, 0, get_variant, READ_NAME(set_variant)},
    {"schedule", SCHEMA_TEXT, "", G_IDENTITY,
     "OpenMP loop schedule: `static`, `dynamic`, `guided`, with `:CHUNK` if one was given; "
     "`none` for serial",
     CSV_JSON, 0, get_schedule, READ_NAME(set_schedule)},
    {"threads", SCHEMA_INT, "threads", G_IDENTITY, "threads asked for; 1 for serial", CSV_JSON,
     0, get_threads, READ_COUNT(SCHEMA_NEVER_EMPTY, 1, MAX_THREADS, set_threads)},
    {"threads_obtained", SCHEMA_INT, "threads", G_IDENTITY,
     "the fewest `omp_get_num_threads()` seen inside the parallel region over all timed "
     "repetitions (1 for serial); whole-process: equal to `threads` (see below). Below "
     "`threads` under `OMP_THREAD_LIMIT` or `OMP_DYNAMIC` (README, \"OpenMP environment\")",
     CSV_JSON, 0, get_threads_obtained,
     READ_COUNT(SCHEMA_EMPTY_WHEN_FAILED, 0, MAX_THREADS, set_threads_obtained)},
    {"size", SCHEMA_INT, "count", G_IDENTITY,
     "the kernel's size parameter (the one `--size` sets; `ompscale list` names it) after "
     "`auto` was resolved, in the kernel's own unit: elements, terms, the largest sample "
     "count, intervals, constructs per run",
     CSV_JSON, 0, get_size, READ_COUNT(SCHEMA_NEVER_EMPTY, 0, INT64_MAX, set_size)},
    {"reps", SCHEMA_INT, "count", G_TIMING, "timed repetitions", CSV_JSON, 0, get_reps,
     READ_COUNT(SCHEMA_NEVER_EMPTY, 0, INT64_MAX, set_reps)},
    {"min_s", SCHEMA_REAL, "s", G_TIMING, "shortest time", CSV_JSON, 0, get_min_s,
     READ_TIME(SCHEMA_OPTIONAL, SCHEMA_MAY_BE_EMPTY, set_min_s)},
    {"median_s", SCHEMA_REAL, "s", G_TIMING, "median time; every derived figure uses it",
     CSV_JSON, 0, get_median_s, READ_TIME(SCHEMA_REQUIRED, SCHEMA_EMPTY_WHEN_FAILED, set_median_s)},
    {"mean_s", SCHEMA_REAL, "s", G_TIMING, "arithmetic mean", CSV_JSON, 0, get_mean_s, {0}},
    {"stddev_s", SCHEMA_REAL, "s", G_TIMING,
     "sample standard deviation (n - 1 denominator); 0 for one repetition", CSV_JSON, 0,
     get_stddev_s, {0}},
    {"mad_s", SCHEMA_REAL, "s", G_TIMING,
     "median absolute deviation from the median, unscaled (no 1.4826 factor)", CSV_JSON, 0,
     get_mad_s, {0}},
    {"ci95_low_s", SCHEMA_REAL, "s", G_TIMING,
     "distribution-free 95% confidence interval of the median: order statistics x(j), x(k) of "
     "the sorted times with j = floor((n - 1.96 sqrt n) / 2), k = ceil(1 + (n + 1.96 sqrt n) / "
     "2), 1-based, clamped to 1..n; [min, max] when n < 6",
     CSV_JSON, 0, get_ci95_low_s,
     READ_TIME(SCHEMA_REQUIRED, SCHEMA_EMPTY_WHEN_FAILED, set_ci95_low_s)},
    {"ci95_high_s", SCHEMA_REAL, "s", G_TIMING, NULL, CSV_JSON, 0, get_ci95_high_s,
     READ_TIME(SCHEMA_REQUIRED, SCHEMA_EMPTY_WHEN_FAILED, set_ci95_high_s)},
    {"speedup", SCHEMA_REAL, "ratio", G_DERIVED,
     "serial cell's median_s / this cell's median_s, same kernel configuration; 1 on the "
     "serial row by construction",
     CSV_JSON, 0, get_speedup, READ_FIGURE(SCHEMA_REQUIRED, 0, set_speedup)},
    {"efficiency", SCHEMA_REAL, "ratio", G_DERIVED,
     "speedup / threads_obtained: the threads that ran (equal to threads asked unless a limit "
     "cut them)",
     CSV_JSON, 0, get_efficiency, READ_FIGURE(SCHEMA_REQUIRED, 0, set_efficiency)},
    {"throughput", SCHEMA_REAL, "see unit", G_DERIVED,
     "work / median_s / scale (work per kernel below); empty for whole-process", CSV_JSON, 0,
     get_throughput, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_throughput)},
    {"throughput_unit", SCHEMA_TEXT, "", G_DERIVED,
     "`GB/s` (work in B, scale 1e9), `GFLOP/s` (flop, 1e9), `Msamples/s` (sample, 1e6), "
     "`Mconstructs/s` (construct, 1e6), `items/s` (item, 1); decimal prefixes; empty for "
     "whole-process",
     CSV_JSON, 0, get_throughput_unit, READ_TEXT(SCHEMA_OPTIONAL, set_throughput_unit)},
    {"result", SCHEMA_REAL, "kernel's", G_VERIFY,
     "the run's headline figure (per-kernel table); exact integer text where the kernel gives "
     "one, else the double with 17 digits; empty for whole-process. The JSON has the double, and the exact text as "
     "`result_exact` where there is one",
     CSV_JSON, 17, get_result, {0}},
    {"abs_error", SCHEMA_REAL, "as result", G_VERIFY,
     "\\|result - reference\\| (or the worst element's difference: per-kernel table); empty "
     "for whole-process",
     CSV_JSON, 6, get_abs_error, {0}},
    {"verified", SCHEMA_TEXT, "", G_VERIFY,
     "`true`, `false` or `foreign`. `true`: in-process, every timed repetition ran without "
     "error and passed the kernel's check; whole-process (`ompscale once`), every process "
     "exited 0, and once exits 1 on a result that does not verify. `foreign`: a program "
     "ompscale does not check (`import-hyperfine` of any other command): every process exited "
     "0, and that is all ompscale knows of its answer; never `true`, and no failure. `false`: "
     "a check or a run failed, or a process exited non-zero. A JSON before schema version 2 "
     "holds `true` or `false` as a boolean",
     CSV_JSON, 0, get_verified,
     {SCHEMA_REQUIRED, 0, SCHEMA_NEVER_EMPTY, false, 0, 0, 0, set_verified, rf_verdict_words,
      2}},
    {"speedup_ci95_low", SCHEMA_REAL, "ratio", G_DERIVED,
     "95% percentile-bootstrap interval of the speedup: 2000 resamplings with replacement of "
     "both the serial and this cell's times, ratio of the two medians, 2.5th and 97.5th "
     "percentiles (GSL mt19937, fixed seed 12345, so reproducible). On the serial row it "
     "reflects the serial median's own spread, not [1, 1]",
     CSV_JSON, 0, get_speedup_ci95_low, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_speedup_ci95_low)},
    {"speedup_ci95_high", SCHEMA_REAL, "ratio", G_DERIVED, NULL, CSV_JSON, 0,
     get_speedup_ci95_high, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_speedup_ci95_high)},
    {"outliers", SCHEMA_INT, "count", G_TIMING,
     "times with modified z-score 0.6745 \\|x - median\\| / MAD > 3.5; when MAD = 0, every "
     "time that differs from the median",
     CSV_JSON, 0, get_outliers, {0}},
    {"noisy", SCHEMA_BOOL, "", G_TIMING,
     "`true` when median - ci95_low_s or ci95_high_s - median exceeds `noise_tolerance` (0.05) "
     "x median",
     CSV_JSON, 0, get_noisy, {0}},
    {"tolerance", SCHEMA_REAL, "as result", G_VERIFY,
     "largest `abs_error` allowed; 0 means exact; empty for whole-process", CSV_JSON, 6,
     get_tolerance, {0}},
    {"params", SCHEMA_TEXT, "", G_IDENTITY,
     "every kernel parameter as `name=value`, space-separated, in table order, `auto` values "
     "resolved",
     CSV_JSON, 0, get_params, READ_TEXT(SCHEMA_OPTIONAL, set_params)},
    {"detail", SCHEMA_TEXT, "", G_VERIFY,
     "the check's note: from the first failing repetition, else the last; when a run failed, "
     "the kernel's reason and what to change (its `verify()` after the failed run, "
     "`kernels/kernel.h`)",
     CSV_JSON, 0, get_detail, {0}},
    {"ompscale_version", SCHEMA_TEXT, "", G_PROVENANCE, "version of the binary", CSV_TOP, 0,
     get_ompscale_version, READ_TEXT(SCHEMA_OPTIONAL, set_ompscale_version)},
    {"timestamp", SCHEMA_TEXT, "ISO 8601 UTC", G_PROVENANCE,
     "when the run started (context gathered); for an import, when the import ran", CSV_TOP, 0,
     get_timestamp, {0}},
    {"timing", SCHEMA_TEXT, "", G_PROVENANCE,
     "`in-process` or `whole-process` (next section); absent: `in-process`", CSV_TOP, 0,
     get_timing, READ_TEXT(SCHEMA_OPTIONAL, set_timing)},
    {"best_throughput", SCHEMA_REAL, "as `throughput_unit`", G_CEILINGS,
     "work / `min_s`: the best repetition, STREAM's rule", CSV_JSON, 0, get_best_throughput, {0}},
    {"ceiling", SCHEMA_TEXT, "", G_CEILINGS,
     "the kernel whose bandwidth bounds this one, as the kernel's row in the registry names it "
     "(README's kernel table)",
     CSV_JSON, 0, get_ceiling, {0}},
    {"ceiling_throughput", SCHEMA_REAL, "as `throughput_unit`", G_CEILINGS,
     "that kernel's `best_throughput` in the same sweep at the same thread count (serial for "
     "serial); empty when it was not run",
     CSV_JSON, 0, get_ceiling_throughput, {0}},
    {"ceiling_fraction", SCHEMA_REAL, "ratio", G_CEILINGS,
     "`best_throughput` / `ceiling_throughput`", CSV_JSON, 0, get_ceiling_fraction, {0}},
    {"overhead_us", SCHEMA_REAL, "us", G_CEILINGS,
     "overhead kernels (unit `construct`): (median_s - serial median_s) / constructs (`size` = "
     "innerreps), EPCC's test - reference",
     CSV_JSON, 0, get_overhead_us, READ_FIGURE(SCHEMA_OPTIONAL, -INFINITY, set_overhead_us)},
    {"overhead_ci95_low_us", SCHEMA_REAL, "us", G_CEILINGS,
     "(ci95_low_s - serial ci95_high_s) / constructs and (ci95_high_s - serial ci95_low_s) / "
     "constructs: conservative, from the two medians' intervals",
     CSV_JSON, 0, get_overhead_ci95_low_us, {0}},
    {"overhead_ci95_high_us", SCHEMA_REAL, "us", G_CEILINGS, NULL, CSV_JSON, 0,
     get_overhead_ci95_high_us, {0}},
    {"weak_efficiency", SCHEMA_REAL, "ratio", G_CEILINGS,
     "`--weak` only: serial median at the base size / this cell's median at base x threads",
     CSV_JSON, 0, get_weak_efficiency, {0}},
    {"threads_obtained_max", SCHEMA_INT, "threads", G_THREADS,
     "the most `omp_get_num_threads()` seen over the timed repetitions; above "
     "`threads_obtained` only when the runtime varied the team (`OMP_DYNAMIC`)",
     CSV_JSON, 0, get_threads_obtained_max, {0}},
    {"as_asked", SCHEMA_BOOL, "", G_THREADS,
     "`true` when the cell ran with the threads it asked for (`threads_obtained` = `threads`): "
     "only such cells count in the scaling summary; empty for a row of 0 repetitions; schema "
     "version 1 on",
     CSV_JSON, 0, get_as_asked, {0}},
    {"ceiling_withheld", SCHEMA_TEXT, "", G_CEILINGS,
     "why `ceiling_fraction` is no finding, when it is not: above 1.10 (a kernel cannot move "
     "its bytes faster than its ceiling kernel; one of the two measurements is off); empty "
     "otherwise",
     CSV_JSON, 0, get_ceiling_withheld, {0}},
    /* in the JSON's rows only */
    {"reference", SCHEMA_REAL, "as result", G_JSON,
     "the reference the result is checked against; its exact integer text as "
     "`reference_exact` where the kernel gives one; `null` for whole-process",
     SCHEMA_JSON_ROW, 0, get_reference, {0}},
    {"times_s", SCHEMA_REALS, "s", G_JSON,
     "every timed repetition, in the order they ran (`reps` of them: the statistics are "
     "theirs); `[]` for a cell that failed before any; schema version 1 on",
     SCHEMA_JSON_ROW, 0, get_times_s,
     {SCHEMA_REQUIRED, 1, SCHEMA_NEVER_EMPTY, false, 0, 0, 0, set_times_s, NULL, 0}},
    {NULL, SCHEMA_TEXT, NULL, 0, NULL, 0, 0, NULL, {0}},
};

size_t schema_count(void)
{
    size_t n = 0;
    while (schema_columns[n].name)
        n++;
    return n;
}

int schema_index(const char *name)
{
    for (int i = 0; schema_columns[i].name; i++)
        if (strcmp(schema_columns[i].name, name) == 0)
            return i;
    return -1;
}

int schema_csv_position(size_t i)
{
    if (!(schema_columns[i].where & SCHEMA_CSV))
        return 0;
    int pos = 0;
    for (size_t j = 0; j <= i; j++)
        pos += (schema_columns[j].where & SCHEMA_CSV) != 0;
    return pos;
}

const char *schema_description(size_t i)
{
    while (i > 0 && !schema_columns[i].description)
        i--;
    return schema_columns[i].description ? schema_columns[i].description : "";
}

const char *schema_type_name(schema_type t)
{
    static const char *const names[] = {
        [SCHEMA_TEXT] = "text", [SCHEMA_INT] = "int", [SCHEMA_REAL] = "real",
        [SCHEMA_BOOL] = "bool", [SCHEMA_REALS] = "real[]"};
    return names[t];
}

void schema_required_list(unsigned where, int version, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; schema_columns[i].name; i++) {
        const schema_column *col = &schema_columns[i];
        if (!(col->where & where) || col->read.need != SCHEMA_REQUIRED || col->read.since > version)
            continue;
        int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", col->name);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
}
