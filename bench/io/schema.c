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
       G_THREADS, G_USAGE, G_ROOFLINE, G_HYBRID, G_JSON };

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
    [G_USAGE] = {"Resource use",
                 "(after the fixed columns; summed over the cell's timed repetitions, warm-ups "
                 "left out, by `ompscale run --counters` (README, \"Resource use\"); empty where "
                 "not measured: `--counters none`, an event this machine does not count (the "
                 "JSON context's `counters` says why), a row of 0 repetitions)"},
    [G_ROOFLINE] = {"Roofline", "(after the columns above; empty where they do not apply: "
                                "README, \"The roofline\")"},
    [G_HYBRID] = {"Hybrid MPI + OpenMP",
                  "(`ompscale hybrid`, after the columns above; empty, JSON `null`, on every "
                  "other row and on a hybrid row's serial reference)"},
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
GET(label, put_text, r->label[0] ? r->label : NULL)
GET(proc_bind, put_text, r->whole_process ? NULL : r->ctx.proc_bind)
GET(cpu_user_per_wall, put_real, c->fig.user_per_wall)
GET(cpu_sys_per_wall, put_real, c->fig.sys_per_wall)
GET(voluntary_switches, put_count, c->usage.voluntary_switches, c->usage.rusage)
GET(involuntary_switches, put_count, c->usage.involuntary_switches, c->usage.rusage)
GET(context_switches, put_count, c->usage.context_switches, c->usage.software)
GET(cpu_migrations, put_count, c->usage.cpu_migrations, c->usage.software)
GET(page_faults, put_count, c->usage.page_faults, c->usage.software)
GET(task_clock_per_wall, put_real, c->fig.task_clock_per_wall)
GET(cycles, put_count, c->usage.cycles, c->usage.hardware)
GET(instructions, put_count, c->usage.instructions, c->usage.hardware)
GET(llc_misses, put_count, c->usage.llc_misses, c->usage.llc)
GET(ipc, put_real, c->fig.ipc)
GET(instructions_vs_1thread, put_real, c->fig.instructions_vs_1thread)
GET(ops, put_measured, r, c->work.ops > 0 ? c->work.ops : NAN)
GET(bytes, put_measured, r, c->work.bytes > 0 ? c->work.bytes : NAN)
GET(intensity, put_real, c->intensity)
GET(gops, put_real, c->gops)
GET(roof, put_text, r->whole_process ? NULL : c->work.roof)
GET(roof_bound, put_text, c->roof_bound)
GET(roof_gops, put_real, c->roof_gops)
GET(roof_fraction, put_real, c->roof_fraction)

/* "flop" or "int" where the kernel declares its operations, else none. */
static void get_ops_kind(const sweep_result *r, const cell_result *c, schema_value *v)
{
    const kernel_ops_kind kind = r->whole_process || !(c->work.ops > 0) ? KERNEL_OPS_UNKNOWN
                                                                        : c->work.ops_kind;
    put_text(v, kind == KERNEL_OPS_FLOP ? "flop" : kind == KERNEL_OPS_INTEGER ? "int" : NULL);
}

/* The kernel's variant; on a hybrid row "hybrid-rR", R the ranks (one series per rank count). */
static void get_variant(const sweep_result *r, const cell_result *c, schema_value *v)
{
    (void)r;
    if (c->ranks > 0) {
        snprintf(v->scratch, sizeof v->scratch, "hybrid-r%d", c->ranks);
        put_text(v, v->scratch);
    } else {
        put_text(v, c->k->variants[c->variant].name);
    }
}

/* The hybrid columns: a value on hybrid rows only. */
#define GET_HYBRID(name, put, ...)                                                             \
    static void get_##name(const sweep_result *r, const cell_result *c, schema_value *v)      \
    {                                                                                          \
        (void)r;                                                                               \
        put(v, __VA_ARGS__);                                                                   \
        if (c->ranks == 0)                                                                     \
            v->none = true;                                                                    \
    }

GET_HYBRID(ranks, put_count, c->ranks, true)
GET_HYBRID(threads_per_rank, put_count, c->threads_per_rank, true)
GET_HYBRID(rank_time_min_s, put_real, c->rank_time_min_s)
GET_HYBRID(rank_time_mean_s, put_real, c->rank_time_mean_s)
GET_HYBRID(rank_time_max_s, put_real, c->rank_time_max_s)
GET_HYBRID(load_balance, put_real, c->load_balance)
GET_HYBRID(mpi_fraction, put_real, c->mpi_fraction)
GET_HYBRID(mpi_efficiency, put_real, c->mpi_efficiency)
GET_HYBRID(omp_efficiency, put_real, c->omp_efficiency)
GET_HYBRID(rank_cpus_min, put_count, c->rank_cpus_min, c->rank_cpus_min > 0)
GET_HYBRID(hosts, put_text, c->hosts)
GET_HYBRID(mpi_barrier_us, put_real, c->mpi_barrier_us)
GET_HYBRID(mpi_allreduce_us, put_real, c->mpi_allreduce_us)

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
SET_TEXT(label, m->label)
SET(overhead_us, w->overhead_us, real_or_nan(v))
SET(overhead_ci95_low_us, w->overhead_ci_low_us, real_or_nan(v))
SET(overhead_ci95_high_us, w->overhead_ci_high_us, real_or_nan(v))
SET(best_throughput, w->best_throughput, real_or_nan(v))
SET_TEXT(ceiling, w->ceiling)
SET(ceiling_throughput, w->ceiling_throughput, real_or_nan(v))
SET_TEXT(timestamp, m->timestamp)
SET_TEXT(ops_kind, w->ops_kind)
SET(intensity, w->intensity, real_or_nan(v))
SET(gops, w->gops, real_or_nan(v))
SET_TEXT(roof, w->roof)
SET_TEXT(roof_bound, w->roof_bound)
SET(roof_gops, w->roof_gops, real_or_nan(v))
SET(roof_fraction, w->roof_fraction, real_or_nan(v))

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
     get_timestamp, READ_TEXT(SCHEMA_OPTIONAL, set_timestamp)},
    {"timing", SCHEMA_TEXT, "", G_PROVENANCE,
     "`in-process` or `whole-process` (next section); absent: `in-process`", CSV_TOP, 0,
     get_timing, READ_TEXT(SCHEMA_OPTIONAL, set_timing)},
    {"best_throughput", SCHEMA_REAL, "as `throughput_unit`", G_CEILINGS,
     "work / `min_s`: the best repetition, STREAM's rule", CSV_JSON, 0, get_best_throughput,
     READ_FIGURE(SCHEMA_OPTIONAL, 0, set_best_throughput)},
    {"ceiling", SCHEMA_TEXT, "", G_CEILINGS,
     "the kernel whose bandwidth bounds this one, as the kernel's row in the registry names it "
     "(README's kernel table)",
     CSV_JSON, 0, get_ceiling, READ_TEXT(SCHEMA_OPTIONAL, set_ceiling)},
    {"ceiling_throughput", SCHEMA_REAL, "as `throughput_unit`", G_CEILINGS,
     "that kernel's `best_throughput` in the same sweep at the same thread count (serial for "
     "serial); empty when it was not run",
     CSV_JSON, 0, get_ceiling_throughput,
     READ_FIGURE(SCHEMA_OPTIONAL, 0, set_ceiling_throughput)},
    {"ceiling_fraction", SCHEMA_REAL, "ratio", G_CEILINGS,
     "`best_throughput` / `ceiling_throughput`", CSV_JSON, 0, get_ceiling_fraction, {0}},
    {"overhead_us", SCHEMA_REAL, "us", G_CEILINGS,
     "overhead kernels (unit `construct`): (median_s - serial median_s) / constructs (`size` = "
     "innerreps), EPCC's test - reference",
     CSV_JSON, 0, get_overhead_us, READ_FIGURE(SCHEMA_OPTIONAL, -INFINITY, set_overhead_us)},
    {"overhead_ci95_low_us", SCHEMA_REAL, "us", G_CEILINGS,
     "(ci95_low_s - serial ci95_high_s) / constructs and (ci95_high_s - serial ci95_low_s) / "
     "constructs: conservative, from the two medians' intervals",
     CSV_JSON, 0, get_overhead_ci95_low_us,
     READ_FIGURE(SCHEMA_OPTIONAL, -INFINITY, set_overhead_ci95_low_us)},
    {"overhead_ci95_high_us", SCHEMA_REAL, "us", G_CEILINGS, NULL, CSV_JSON, 0,
     get_overhead_ci95_high_us,
     READ_FIGURE(SCHEMA_OPTIONAL, -INFINITY, set_overhead_ci95_high_us)},
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
    {"label", SCHEMA_TEXT, "", G_PROVENANCE,
     "the sweep's name, `run --label`: `compare` names the file by it; empty when not given",
     CSV_TOP, 0, get_label, READ_TEXT(SCHEMA_OPTIONAL, set_label)},
    {"proc_bind", SCHEMA_TEXT, "", G_THREADS,
     "the thread binding in force for the whole run, `omp_get_proc_bind()`: `false`, `true`, "
     "`primary`, `close`, `spread` (`--bind` runs one child per binding, each its own file); "
     "empty for whole-process",
     CSV_JSON, 0, get_proc_bind, {0}},
    {"cpu_user_per_wall", SCHEMA_REAL, "CPU-s/s", G_USAGE,
     "user CPU time of the whole process (every thread: `getrusage(RUSAGE_SELF)`) over the "
     "timed repetitions / their wall time (the sum of `times_s`): near `threads` when every "
     "thread computes, or spins waiting, throughout; near 1 serial",
     CSV_JSON, 0, get_cpu_user_per_wall, {0}},
    {"cpu_sys_per_wall", SCHEMA_REAL, "CPU-s/s", G_USAGE,
     "system CPU time likewise (page faults, futex waits, thread wake-ups)", CSV_JSON, 0,
     get_cpu_sys_per_wall, {0}},
    {"voluntary_switches", SCHEMA_INT, "count", G_USAGE,
     "context switches over the timed repetitions, every thread, from getrusage: voluntary "
     "(a thread blocked or slept: a passive wait) and involuntary (a thread preempted: more "
     "runnable threads than CPUs); / `reps` per repetition",
     CSV_JSON, 0, get_voluntary_switches, {0}},
    {"involuntary_switches", SCHEMA_INT, "count", G_USAGE, NULL, CSV_JSON, 0,
     get_involuntary_switches, {0}},
    {"context_switches", SCHEMA_INT, "count", G_USAGE,
     "perf software events over the timed repetitions, every thread (inherit): context "
     "switches, CPU migrations (a thread moved to another CPU), page faults",
     CSV_JSON, 0, get_context_switches, {0}},
    {"cpu_migrations", SCHEMA_INT, "count", G_USAGE, NULL, CSV_JSON, 0, get_cpu_migrations,
     {0}},
    {"page_faults", SCHEMA_INT, "count", G_USAGE, NULL, CSV_JSON, 0, get_page_faults, {0}},
    {"task_clock_per_wall", SCHEMA_REAL, "CPU-s/s", G_USAGE,
     "perf's task clock (the time every thread ran on a CPU) / wall time: the perf side of "
     "`cpu_user_per_wall` + `cpu_sys_per_wall`",
     CSV_JSON, 0, get_task_clock_per_wall, {0}},
    {"cycles", SCHEMA_INT, "count", G_USAGE,
     "perf hardware events in user space over the timed repetitions, every thread: CPU "
     "cycles, instructions retired, last-level-cache read misses; empty without a PMU or "
     "when `perf_event_paranoid` forbids them",
     CSV_JSON, 0, get_cycles, {0}},
    {"instructions", SCHEMA_INT, "count", G_USAGE, NULL, CSV_JSON, 0, get_instructions, {0}},
    {"llc_misses", SCHEMA_INT, "count", G_USAGE, NULL, CSV_JSON, 0, get_llc_misses, {0}},
    {"ipc", SCHEMA_REAL, "ratio", G_USAGE, "`instructions` / `cycles`", CSV_JSON, 0, get_ipc,
     {0}},
    {"instructions_vs_1thread", SCHEMA_REAL, "ratio", G_USAGE,
     "instructions per repetition / those of the same variant and schedule at 1 thread: "
     "above 1 the threads execute more than the work (spinning, scheduling, reduction)",
     CSV_JSON, 0, get_instructions_vs_1thread, {0}},
    {"ops", SCHEMA_REAL, "op", G_ROOFLINE,
     "operations one run does, as the kernel counts them (README's kernel table: analytically, "
     "or quadrature's from the run); empty where the kernel declares none (the overhead "
     "kernels, a plugin that leaves it 0) and for whole-process",
     CSV_JSON, 0, get_ops, {0}},
    {"ops_kind", SCHEMA_TEXT, "", G_ROOFLINE,
     "`flop` (floating-point operations; an FMA counts 2) or `int` (integer operations, which "
     "no measured roof bounds); empty with `ops`",
     CSV_JSON, 0, get_ops_kind, READ_TEXT(SCHEMA_OPTIONAL, set_ops_kind)},
    {"bytes", SCHEMA_REAL, "B", G_ROOFLINE,
     "bytes one run moves to and from memory, STREAM's counting (each array read or written "
     "once, no write-allocate); empty where none are counted: a kernel whose data stays in "
     "registers or cache (peakflops, rangesum's int mode, montecarlo, quadrature)",
     CSV_JSON, 0, get_bytes, {0}},
    {"intensity", SCHEMA_REAL, "op/B", G_ROOFLINE,
     "arithmetic intensity `ops` / `bytes`; empty without both", CSV_JSON, 0, get_intensity,
     READ_FIGURE(SCHEMA_OPTIONAL, 0, set_intensity)},
    {"gops", SCHEMA_REAL, "GOP/s", G_ROOFLINE,
     "`ops` / `median_s` / 1e9: achieved GFLOP/s (or integer GOP/s) at the median", CSV_JSON, 0,
     get_gops, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_gops)},
    {"roof", SCHEMA_TEXT, "", G_ROOFLINE,
     "the roof this row measures, its `best_throughput` being the roof: `FMA` (peakflops, "
     "GFLOP/s), or `L1`, `L2`, `L3`, `DRAM` (stream-read with its working set sized to half of "
     "that cache, or at least twice the last-level cache; GB/s); empty for other rows",
     CSV_JSON, 0, get_roof, READ_TEXT(SCHEMA_OPTIONAL, set_roof)},
    {"roof_bound", SCHEMA_TEXT, "", G_ROOFLINE,
     "the roof that bounds this row at its intensity, same threads (serial: the serial roofs): "
     "`FMA` where min(FMA, DRAM x intensity) is the compute roof or the data stays in cache, "
     "`DRAM` where it is the memory roof; empty for integer operations, without `ops`, or when "
     "the sweep measured no such roof (`--roofline` measures them all)",
     CSV_JSON, 0, get_roof_bound, READ_TEXT(SCHEMA_OPTIONAL, set_roof_bound)},
    {"roof_gops", SCHEMA_REAL, "GOP/s", G_ROOFLINE,
     "that roof at this row's intensity: the FMA roof's GFLOP/s, or the DRAM roof's GB/s x "
     "intensity",
     CSV_JSON, 0, get_roof_gops, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_roof_gops)},
    {"roof_fraction", SCHEMA_REAL, "ratio", G_ROOFLINE, "`gops` / `roof_gops`", CSV_JSON, 0,
     get_roof_fraction, READ_FIGURE(SCHEMA_OPTIONAL, 0, set_roof_fraction)},
    {"ranks", SCHEMA_INT, "ranks", G_HYBRID,
     "MPI ranks of the split; `threads` is `ranks` x `threads_per_rank`, the cores axis that "
     "compare and plot read, and `variant` is `hybrid-rR` (one series per rank count)",
     CSV_JSON, 0, get_ranks, {0}},
    {"threads_per_rank", SCHEMA_INT, "threads", G_HYBRID,
     "OpenMP threads each rank asked for (`threads_obtained` is `ranks` x the fewest any rank "
     "obtained)",
     CSV_JSON, 0, get_threads_per_rank, {0}},
    {"rank_time_min_s", SCHEMA_REAL, "s", G_HYBRID,
     "the region (between `MPI_Barrier`s, IMB's timing: the kernel's run on the rank's share "
     "plus the gather of the partials, the partial itself made untimed between the two) of the "
     "fastest rank, median over the repetitions; the row's times are the slowest rank's "
     "(`rank_time_max_s`)",
     CSV_JSON, 0, get_rank_time_min_s, {0}},
    {"rank_time_mean_s", SCHEMA_REAL, "s", G_HYBRID, "the same, mean over the ranks", CSV_JSON,
     0, get_rank_time_mean_s, {0}},
    {"rank_time_max_s", SCHEMA_REAL, "s", G_HYBRID, "the same, slowest rank", CSV_JSON, 0,
     get_rank_time_max_s, {0}},
    {"load_balance", SCHEMA_REAL, "ratio", G_HYBRID,
     "mean / max of the ranks' compute times (the kernel's run alone), median over the "
     "repetitions: 1 is perfect balance (POP's load balance)",
     CSV_JSON, 0, get_load_balance, {0}},
    {"mpi_fraction", SCHEMA_REAL, "ratio", G_HYBRID,
     "time in MPI (the gather) / region time, both the ranks' mean, median over the "
     "repetitions",
     CSV_JSON, 0, get_mpi_fraction, {0}},
    {"mpi_efficiency", SCHEMA_REAL, "ratio", G_HYBRID,
     "mean compute time / the slowest rank's region: POP's MPI parallel efficiency (load "
     "balance x communication efficiency)",
     CSV_JSON, 0, get_mpi_efficiency, {0}},
    {"omp_efficiency", SCHEMA_REAL, "ratio", G_HYBRID,
     "`efficiency` / `mpi_efficiency`: the OpenMP part of the parallel efficiency (with the "
     "computation's own scaling: bandwidth, caches); `efficiency` = `mpi_efficiency` x "
     "`omp_efficiency`",
     CSV_JSON, 0, get_omp_efficiency, {0}},
    {"rank_cpus_min", SCHEMA_INT, "CPUs", G_HYBRID,
     "the fewest CPUs in a rank's affinity mask (`sched_getaffinity`): below "
     "`threads_per_rank`, the ranks' threads shared CPUs (a binding the run warned of)",
     CSV_JSON, 0, get_rank_cpus_min, {0}},
    {"hosts", SCHEMA_TEXT, "", G_HYBRID,
     "the ranks' hosts as `host:ranks`, comma-separated, in rank order (`host` is where "
     "`ompscale hybrid` ran)",
     CSV_JSON, 0, get_hosts, {0}},
    {"mpi_barrier_us", SCHEMA_REAL, "us", G_HYBRID,
     "one `MPI_Barrier` at this rank count (the slowest rank's mean over a timed loop), in the "
     "manner of the overhead kernels",
     CSV_JSON, 0, get_mpi_barrier_us, {0}},
    {"mpi_allreduce_us", SCHEMA_REAL, "us", G_HYBRID,
     "one `MPI_Allreduce` of one double at this rank count, likewise", CSV_JSON, 0,
     get_mpi_allreduce_us, {0}},
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
