/*
 * runopts.c: run's options table, its command line read into options, and
 * the plan made from them (runopts.h).
 */
#include "runopts.h"

#include "load.h"
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ompruntime.h"
#include "registry.h"
#include "text.h"

enum {
    RUN_KERNEL = 1,
    RUN_VARIANT,
    RUN_THREADS,
    RUN_SCHEDULE,
    RUN_SIZE,
    RUN_SIZES,
    RUN_WEAK,
    RUN_PRESET,
    RUN_QUICK,
    RUN_REPS,
    RUN_MIN_REPS,
    RUN_MAX_REPS,
    RUN_MIN_TIME,
    RUN_WARMUP,
    RUN_ORDER,
    RUN_OUT,
    RUN_LABEL,
    RUN_FORCE,
    RUN_TIMEOUT,
    RUN_SETTLE,
    RUN_SETTLE_LOAD,
    RUN_FORMAT,
    RUN_WAIT_POLICY,
    RUN_BIND,
    RUN_GOMP_SPINCOUNT,
    RUN_KMP_BLOCKTIME,
    RUN_COUNTERS,
    RUN_PLOT,
    RUN_REPORT,
    RUN_PLUGIN,
    RUN_ROOFLINE,
};

static const args_option run_options[] = {
    {.name = "kernel", .id = RUN_KERNEL, .value = ARGS_KERNELS, .metavar = "K[,K]",
     .help = "kernels (default all; see ompscale list)"},
    {.name = "variant", .id = RUN_VARIANT, .value = ARGS_VARIANTS, .metavar = "V[,V]",
     .help = "variants besides serial, always run as the reference"},
    {.name = "threads", .id = RUN_THREADS, .value = ARGS_TEXT, .metavar = "LIST",
     .help = "e.g. 1,2,4-8,P,2P (default 1..2P, geometric above 8 CPUs)"},
    {.name = "schedule", .id = RUN_SCHEDULE, .value = ARGS_CHOICES, .metavar = "LIST",
     .help = "e.g. static,dynamic:4,guided (default static; all three for\n"
             "kernels with unequal work)",
     .choices = "static,dynamic,guided"},
    {.name = "size", .id = RUN_SIZE, .value = ARGS_TEXT, .metavar = "N",
     .help = "every kernel's size parameter"},
    {.name = "sizes", .id = RUN_SIZES, .value = ARGS_TEXT, .metavar = "LIST",
     .help = "several sizes, e.g. 2^10,2^14 or 2^10..2^26 (every power of\n"
             "two): strong scaling at each, and where parallel beats serial"},
    {.name = "weak", .id = RUN_WEAK,
     .help = "weak scaling: the size grows with the threads (n x threads),\n"
             "with weak-scaling efficiency"},
    {.name = "preset", .id = RUN_PRESET, .value = ARGS_PRESET, .metavar = "P",
     .help = "a preset of every kernel that has it (e.g. quick, tutorial)"},
    {.name = "quick", .id = RUN_QUICK,
     .help = "small sizes and few repetitions (the quick preset)"},
    {.name = "reps", .id = RUN_REPS, .value = ARGS_TEXT, .metavar = "N",
     .help = "exactly N timed repetitions per cell"},
    {.name = "min-reps", .id = RUN_MIN_REPS, .value = ARGS_TEXT, .metavar = "N",
     .help = "at least N repetitions (default 10)"},
    {.name = "max-reps", .id = RUN_MAX_REPS, .value = ARGS_TEXT, .metavar = "N",
     .help = "at most N repetitions (default 50)"},
    {.name = "min-time", .id = RUN_MIN_TIME, .value = ARGS_TEXT, .metavar = "S",
     .help = "at least S seconds of timed runs per cell (default 0.5)"},
    {.name = "warmup", .id = RUN_WARMUP, .value = ARGS_TEXT, .metavar = "N",
     .help = "untimed runs per cell first (default 1)"},
    {.name = "order", .id = RUN_ORDER, .value = ARGS_CHOICE, .metavar = "O",
     .help = "interleaved (default) or sequential",
     .choices = "interleaved,sequential"},
    {.name = "out", .id = RUN_OUT, .value = ARGS_FILE, .metavar = "PREFIX",
     .help = "write PREFIX.csv and PREFIX.json instead (refused if they\n"
             "exist, or while another run writes them)"},
    {.name = "label", .id = RUN_LABEL, .value = ARGS_TEXT, .metavar = "NAME",
     .help = "name this sweep NAME in its files: compare names the file by it\n"
             "(default: the host)"},
    {.name = "force", .id = RUN_FORCE,
     .help = "replace an existing PREFIX.csv and PREFIX.json"},
    {.name = "timeout", .id = RUN_TIMEOUT, .value = ARGS_TEXT, .metavar = "S",
     .help = "stop after the cell in progress once S seconds have passed,\n"
             "keeping what finished (exit status 124)"},
    {.name = "settle", .id = RUN_SETTLE, .value = ARGS_TEXT, .metavar = "S",
     .help = "first wait, at most S seconds, for a quiet machine: other\n"
             "processes at most --settle-load CPUs for 2 s running"},
    {.name = "settle-load", .id = RUN_SETTLE_LOAD, .value = ARGS_TEXT, .metavar = "CPUS",
     .help = "other processes' CPUs that make the machine busy: for --settle\n"
             "and the warning after the sweep (default 0.25)"},
    {.name = "format", .id = RUN_FORMAT, .value = ARGS_CHOICE, .metavar = "F",
     .help = "table (default), csv or json on standard output",
     .choices = "table,csv,json"},
    {.name = "wait-policy", .id = RUN_WAIT_POLICY, .value = ARGS_CHOICES, .metavar = "LIST",
     .help = "active,passive: the whole run once per OMP_WAIT_POLICY, each\n"
             "in a child process (PREFIX-active.csv ...), then its effect",
     .choices = "active,passive"},
    {.name = "bind", .id = RUN_BIND, .value = ARGS_CHOICES, .metavar = "LIST",
     .help = "false,close,spread: the whole run once per OMP_PROC_BIND, with\n"
             "OMP_PLACES=cores, each in a child process (PREFIX-close.csv ...)",
     .choices = "false,close,spread"},
    {.name = "gomp-spincount", .id = RUN_GOMP_SPINCOUNT, .value = ARGS_CHOICES,
     .metavar = "LIST",
     .help = "0,1k,300k,infinite: the whole run once per GOMP_SPINCOUNT (libgomp's\n"
             "spins before a waiting thread sleeps), each in a child process",
     .choices = "0,1k,300k,infinite"},
    {.name = "kmp-blocktime", .id = RUN_KMP_BLOCKTIME, .value = ARGS_CHOICES,
     .metavar = "LIST",
     .help = "0,1,200,infinite: likewise per KMP_BLOCKTIME (LLVM libomp's\n"
             "milliseconds of spinning before a waiting thread sleeps)",
     .choices = "0,1,200,infinite"},
    {.name = "counters", .id = RUN_COUNTERS, .value = ARGS_CHOICE, .metavar = "C",
     .help = "resource figures per cell: auto (default: hardware events where\n"
             "possible, else software), sw, hw or none",
     .choices = "auto,sw,hw,none"},
    {.name = "plot", .id = RUN_PLOT,
     .help = "also draw the plots of the CSV next to it, as ompscale plot\n"
             "does (PREFIX-KERNEL.png and .svg; needs gnuplot)"},
    {.name = "report", .id = RUN_REPORT,
     .help = "also write the HTML report of the JSON next to it, as\n"
             "ompscale report does (PREFIX.html; needs gnuplot)"},
    {.name = "roofline", .id = RUN_ROOFLINE,
     .help = "also measure the roofline's roofs: peakflops (FMA) and stream-read\n"
             "sized to half of each cache level and to memory (the kernels'\n"
             "roof configurations); each kernel's fraction of its roof"},
    {.name = "plugin", .id = RUN_PLUGIN, .value = ARGS_FILE, .metavar = "PATH",
     .help = "load the kernels of a plugin (a shared object): they join\n"
             "the sweep, or --kernel names them; may be given several times"},
    {.name = NULL},
};

const args_command run_command = {
    .name = "run",
    .summary = "sweep kernels over thread counts: speedup tables, CSV and JSON",
    .usage = "[options] [--PARAM VALUE ...]",
    .about = "Sweeps every kernel and variant over thread counts, verifies every repetition,\n"
             "and writes results/<host>-<UTC time>.csv and .json and a summary table.\n"
             "Options take their value as --threads 2 or --threads=2, in any order.",
    .options = run_options,
    .params = ARGS_EVERY_KERNEL,
};

/* --reps, --min-reps, --max-reps, --warmup and --min-time as given (-1: not given). */
typedef struct runopts_given {
    int64_t reps, min_reps, max_reps, warmup;
    double min_time;
} runopts_given;

static int runopts_kernels(runopts *o, const char *list)
{
    char buf[512], err[1024];
    const char *names[PLAN_MAX_GROUPS];
    if (text_split_list("--kernel", list, buf, sizeof buf, names, PLAN_MAX_GROUPS, &o->nkernels,
                        err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    for (size_t i = 0; i < o->nkernels; i++)
        if (!(o->kernels[i] = cli_find_kernel(names[i])))
            return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}

static int runopts_schedules(runopts *o, const char *list)
{
    char buf[256], err[1024];
    const char *items[PLAN_MAX_SCHEDULES];
    if (text_split_list("--schedule", list, buf, sizeof buf, items, PLAN_MAX_SCHEDULES,
                        &o->nschedules, err, sizeof err) != 0)
        return cli_usage_error("%s (static, dynamic, guided, each with an optional :CHUNK)", err);
    for (size_t i = 0; i < o->nschedules; i++)
        if (sched_parse(items[i], &o->schedules[i], err, sizeof err) != 0)
            return cli_usage_error("--schedule: %s", err);
    return OMPSCALE_OK;
}

static int runopts_int(const args_item *it, int64_t min, int64_t max, int64_t *out)
{
    if (param_parse_i64(it->value, min, max, out) != 0)
        return cli_usage_error("%s '%s': must be a whole number from %lld to %lld", it->opt,
                               it->value, (long long)min, (long long)max);
    return OMPSCALE_OK;
}

static int runopts_seconds(const args_item *it, double min, double max, double *out)
{
    if (param_parse_real(it->value, min, max, out) != 0)
        return cli_usage_error("%s '%s': must be seconds from %g to %g", it->opt, it->value, min,
                               max);
    return OMPSCALE_OK;
}

/* The options whose value is a setting of their own. */
static int runopts_setting(runopts *o, const args_item *it)
{
    char err[512];
    const char *val = it->value;
    switch (it->option->id) {
    case RUN_ORDER:
        if (strcmp(val, "interleaved") != 0 && strcmp(val, "sequential") != 0)
            return cli_usage_error("--order '%s': valid are interleaved, sequential", val);
        o->measure.sequential = strcmp(val, "sequential") == 0;
        return OMPSCALE_OK;
    case RUN_OUT:
        o->out_prefix = val;
        return cli_check_prefix("--out", val);
    case RUN_LABEL:
        o->label = val;
        return cli_check_label("--label", val);
    case RUN_TIMEOUT:
        return runopts_seconds(it, 0.001, 1e7, &o->timeout_s);
    case RUN_SETTLE:
        return runopts_seconds(it, 0.001, 1e7, &o->settle_s);
    case RUN_SETTLE_LOAD:
        if (param_parse_real(it->value, 0.01, 4096, &o->settle_cpus) != 0)
            return cli_usage_error("--settle-load '%s': must be CPUs from 0.01 to 4096 (other "
                                   "processes' average use that counts as busy)", it->value);
        return OMPSCALE_OK;
    case RUN_FORMAT:
        if (!(o->stdout_format = report_find(val)))
            return cli_usage_error("--format '%s': valid are table, csv, json", val);
        return OMPSCALE_OK;
    case RUN_WAIT_POLICY:
    case RUN_BIND:
    case RUN_GOMP_SPINCOUNT:
    case RUN_KMP_BLOCKTIME: {
        int id = it->option->id;
        const envsweep *sw = id == RUN_BIND             ? &envsweep_bind
                             : id == RUN_GOMP_SPINCOUNT ? &envsweep_gomp_spincount
                             : id == RUN_KMP_BLOCKTIME  ? &envsweep_kmp_blocktime
                                                        : &envsweep_wait_policy;
        if (o->sweep && o->sweep != sw)
            return cli_usage_error("%s and %s exclude each other: give one (each runs the whole "
                                   "sweep once per value)", o->sweep->option, sw->option);
        char runtime[64];
        ompruntime_name(runtime, sizeof runtime);
        if (sw->runtime && strncmp(runtime, sw->runtime, strlen(sw->runtime)) != 0)
            return cli_usage_error("%s: %s is %s's knob, but this ompscale runs on %s: use %s",
                                   sw->option, sw->variable, sw->runtime,
                                   runtime[0] ? runtime : "an unknown runtime",
                                   sw == &envsweep_gomp_spincount ? "--kmp-blocktime with the "
                                   "libomp build (scripts/runtimes)" : "--gomp-spincount with the "
                                   "gcc build");
        o->sweep = sw;
        if (envsweep_parse(sw, val, o->sweep_values, &o->nsweep, err, sizeof err) != 0)
            return cli_usage_error("%s", err);
        return OMPSCALE_OK;
    }
    case RUN_COUNTERS:
        if (counters_parse(val, &o->counters) != 0)
            return cli_usage_error("--counters '%s': valid are auto, sw, hw, none", val);
        return OMPSCALE_OK;
    default:
        return OMPSCALE_OK;
    }
}

/* One option of the table: its value checked and kept in o (or in given, for later). */
static int runopts_option(runopts *o, runopts_given *given, const args_item *it)
{
    const char *val = it->value;
    switch (it->option->id) {
    case RUN_KERNEL: return runopts_kernels(o, val);
    case RUN_SCHEDULE: return runopts_schedules(o, val);
    case RUN_VARIANT: o->variants = val; return OMPSCALE_OK;
    case RUN_THREADS: o->threads = val; return OMPSCALE_OK;
    case RUN_SIZE: o->size = val; return OMPSCALE_OK;
    case RUN_SIZES: o->sizes = val; return OMPSCALE_OK;
    case RUN_PRESET: o->preset = val; return OMPSCALE_OK;
    case RUN_QUICK: o->quick = true; return OMPSCALE_OK;
    case RUN_WEAK: o->weak = true; return OMPSCALE_OK;
    case RUN_PLOT: o->plot = true; return OMPSCALE_OK;
    case RUN_REPORT: o->report = true; return OMPSCALE_OK;
    case RUN_ROOFLINE: o->roofline = true; return OMPSCALE_OK;
    case RUN_FORCE: o->force = true; return OMPSCALE_OK;
    case RUN_REPS: return runopts_int(it, 1, 100000, &given->reps);
    case RUN_MIN_REPS: return runopts_int(it, 1, 100000, &given->min_reps);
    case RUN_MAX_REPS: return runopts_int(it, 1, 100000, &given->max_reps);
    case RUN_WARMUP: return runopts_int(it, 0, 1000, &given->warmup);
    case RUN_MIN_TIME: return runopts_seconds(it, 0, 3600, &given->min_time);
    case RUN_PLUGIN: return OMPSCALE_OK; /* loaded before the arguments are read (plugin.h) */
    default: return runopts_setting(o, it);
    }
}

/*
 * The repetitions, the same in any order: --quick's or the usual defaults;
 * --reps N is exactly N (whatever --min-time says) and excludes --min-reps
 * and --max-reps; a --min-reps above the default maximum raises the maximum,
 * a --max-reps below the default minimum lowers the minimum; both given, max
 * must be >= min.
 */
static int runopts_repetitions(const runopts_given *g, bool quick, measure_opts *m)
{
    m->warmup = g->warmup >= 0 ? g->warmup : 1;
    m->min_reps = quick ? 3 : 10;
    m->max_reps = quick ? 5 : 50;
    m->min_time_s = quick ? 0 : 0.5;
    if (g->reps > 0 && (g->min_reps > 0 || g->max_reps > 0))
        return cli_usage_error("--reps %lld fixes the repetitions: give it, or --min-reps and "
                               "--max-reps, not both", (long long)g->reps);
    if (g->reps > 0) {
        m->min_reps = m->max_reps = g->reps;
        m->min_time_s = 0;
        return OMPSCALE_OK;
    }
    if (g->min_reps > 0 && g->max_reps > 0 && g->max_reps < g->min_reps)
        return cli_usage_error("--max-reps %lld is below --min-reps %lld: give max >= min",
                               (long long)g->max_reps, (long long)g->min_reps);
    if (g->min_reps > 0) {
        m->min_reps = g->min_reps;
        if (g->max_reps < 0 && m->max_reps < g->min_reps)
            m->max_reps = g->min_reps;
    }
    if (g->max_reps > 0) {
        m->max_reps = g->max_reps;
        if (g->min_reps < 0 && m->min_reps > g->max_reps)
            m->min_reps = g->max_reps;
    }
    if (g->min_time >= 0)
        m->min_time_s = g->min_time;
    return OMPSCALE_OK;
}

/* What runopts_item reads into: the options, what waits for the rest, the arguments. */
typedef struct runopts_reading {
    runopts *o;
    runopts_given given;
    char **argv;
} runopts_reading;

/*
 * One item of the command line into o; a --wait-policy or --bind child gets
 * its words, but those it is given anew.
 */
static int runopts_item(void *ctx, const args_scan *s, const args_item *it)
{
    runopts_reading *r = ctx;
    runopts *o = r->o;
    (void)s;
    int id = it->kind == ARGS_OPTION ? it->option->id : 0;
    if (id != RUN_WAIT_POLICY && id != RUN_BIND && id != RUN_GOMP_SPINCOUNT &&
        id != RUN_KMP_BLOCKTIME && id != RUN_OUT && id != RUN_TIMEOUT && id != RUN_FORCE)
        for (int i = it->first; i < it->end; i++)
            o->child_argv[o->child_argc++] = r->argv[i];
    switch (it->kind) {
    case ARGS_OPTION:
        return runopts_option(o, &r->given, it);
    case ARGS_PARAM: /* applied by the plan, over the defaults */
        o->params[o->nparams++] = (runopts_param){it->name, it->value};
        return OMPSCALE_OK;
    case ARGS_UNKNOWN:
        return cli_usage_error(RUNOPTS_UNKNOWN, it->opt);
    case ARGS_WORD:
        return cli_usage_error("run: unexpected argument '%s': options start with --", it->value);
    default: /* --help: main's */
        return OMPSCALE_OK;
    }
}

int runopts_parse(int argc, char **argv, runopts *o)
{
    *o = (runopts){.stdout_format = &report_table, .settle_cpus = LOAD_BUSY_CPUS};
    runopts_reading r = {.o = o, .argv = argv,
                         .given = {.reps = -1, .min_reps = -1, .max_reps = -1, .warmup = -1,
                                   .min_time = -1}};
    o->params = calloc((size_t)argc + 1, sizeof *o->params);
    o->child_argv = calloc((size_t)argc + 3, sizeof *o->child_argv);
    if (!o->params || !o->child_argv)
        return cli_fail("out of memory");
    int status = cli_scan(&run_command, registry_all(), argc, argv, runopts_item, &r);
    if (status == OMPSCALE_OK)
        status = runopts_repetitions(&r.given, o->quick, &o->measure);
    if (status == OMPSCALE_OK && o->size && o->sizes)
        status = cli_usage_error("--size and --sizes exclude each other: give one");
    return status;
}

void runopts_free(runopts *o)
{
    free(o->params);
    free(o->child_argv);
    o->params = NULL;
    o->child_argv = NULL;
}

/* Whether kernel k has a preset called name (a kernel may have none). */
static bool runopts_has_preset(const kernel *k, const char *name)
{
    for (int p = 0; k->presets && k->presets[p].name; p++)
        if (strcmp(k->presets[p].name, name) == 0)
            return true;
    return false;
}

/*
 * The first step: a group per kernel (--kernel's or every one), at its
 * defaults or its preset's values (--preset, or quick under --quick, where
 * the kernel has it), and the configurations its sweep adds.
 */
static int runopts_plan_kernels(const runopts *o, plan *p)
{
    char err[512];
    const kernel *const *all = o->nkernels ? o->kernels : registry_all();
    size_t n = o->nkernels ? o->nkernels : SIZE_MAX;
    const char *preset = o->preset ? o->preset : o->quick ? "quick" : NULL;
    for (size_t i = 0; i < n && all[i] && p->ngroups < PLAN_MAX_GROUPS; i++) {
        plan_group *g = &p->groups[p->ngroups++];
        g->k = all[i];
        bool has = preset && runopts_has_preset(g->k, preset); /* if not: its defaults */
        if (kernel_defaults(g->k, has ? preset : NULL, g->values, err, sizeof err) != 0)
            return cli_usage_error("%s", err);
    }
    if (plan_expand_configs(p, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    bool any = false;
    for (size_t g = 0; o->preset && g < p->ngroups; g++)
        any |= runopts_has_preset(p->groups[g].k, o->preset);
    if (o->preset && !any) /* --quick alone runs kernels without a quick preset at their defaults */
        return cli_usage_error("--preset '%s': no selected kernel has it (quick and tutorial are "
                               "common to all)", o->preset);
    return OMPSCALE_OK;
}

/* Sets parameter name of every group whose kernel has it; whether any has. */
static int runopts_set(plan *p, const char *name, const char *value, bool *any)
{
    char err[512];
    *any = false;
    for (size_t g = 0; g < p->ngroups; g++) {
        plan_group *grp = &p->groups[g];
        if (kernel_param_index(grp->k, name) < 0)
            continue;
        *any = true;
        if (kernel_set(grp->k, grp->values, name, value, err, sizeof err) != 0)
            return cli_usage_error("%s", err);
    }
    return OMPSCALE_OK;
}

/* The second step: the parameters over the defaults, in their order, then --size. */
static int runopts_plan_params(const runopts *o, plan *p)
{
    bool any;
    for (size_t i = 0; i < o->nparams; i++) {
        if (runopts_set(p, o->params[i].name, o->params[i].value, &any) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (!any) {
            char opt[ARGS_OPT_MAX];
            snprintf(opt, sizeof opt, "--%s", o->params[i].name);
            return cli_usage_error(RUNOPTS_UNKNOWN, opt);
        }
    }
    for (size_t g = 0; o->size && g < p->ngroups; g++) {
        char err[512];
        plan_group *grp = &p->groups[g];
        if (kernel_set(grp->k, grp->values, grp->k->size_param, o->size, err, sizeof err) != 0)
            return cli_usage_error("%s", err);
    }
    return OMPSCALE_OK;
}

/* The variant names of the selected kernels, each once, "serial, omp, ..." in buf. */
static void runopts_variant_names(const plan *p, char *buf, size_t len)
{
    for (size_t g = 0; g < p->ngroups; g++)
        for (int v = 0; p->groups[g].k->variants[v].name; v++) {
            const char *name = p->groups[g].k->variants[v].name;
            bool seen = false;
            for (size_t h = 0; h <= g && !seen; h++)
                for (int w = 0; p->groups[h].k->variants[w].name && !seen; w++)
                    seen = (h < g || w < v) && strcmp(p->groups[h].k->variants[w].name, name) == 0;
            if (!seen)
                text_append(buf, len, "%s%s", buf[0] ? ", " : "", name);
        }
}

/* --variant: each name one of a selected kernel's, which the plan points at. */
static int runopts_plan_variants(const runopts *o, plan *p)
{
    char buf[256], err[1024];
    const char *names[sizeof p->variants / sizeof p->variants[0]];
    if (text_split_list("--variant", o->variants, buf, sizeof buf, names,
                        sizeof names / sizeof names[0], &p->nvariants, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    for (size_t i = 0; i < p->nvariants; i++) {
        p->variants[i] = NULL;
        for (size_t g = 0; g < p->ngroups && !p->variants[i]; g++) {
            int v = kernel_variant_index(p->groups[g].k, names[i]);
            p->variants[i] = v >= 0 ? p->groups[g].k->variants[v].name : NULL;
        }
        if (!p->variants[i]) {
            char valid[512] = "";
            runopts_variant_names(p, valid, sizeof valid);
            return cli_usage_error("--variant '%s': no selected kernel has it; valid are %s (see "
                                   "ompscale list)", names[i], valid);
        }
    }
    return OMPSCALE_OK;
}

/* The rest of the plan: thread counts, sizes, repeats removed, each size checked against memory. */
static int runopts_plan_sweep(const runopts *o, plan *p)
{
    char err[512];
    int P = omp_get_num_procs();
    if (o->threads && plan_parse_threads(o->threads, P, plan_thread_cap(), p->threads,
                                         SCALING_MAX_POINTS, &p->nthreads, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    if (o->sizes && plan_expand_sizes(p, o->sizes, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    /* after the parameters and sizes, which are the measured kernels', not the roofs' */
    const char *preset = o->preset ? o->preset : o->quick ? "quick" : NULL;
    if (o->roofline && plan_add_roofs(p, registry_all(), preset, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    plan_dedupe(p);
    /* Every size checked against memory, at the most threads of the plan (the default
     * plan goes to 2P), before anything is allocated. */
    int most = p->nthreads > 0 ? plan_max_threads(p) : 2 * P;
    for (size_t g = 0; g < p->ngroups; g++) {
        plan_group *grp = &p->groups[g];
        if (grp->k->check && grp->k->check(grp->values, most, err, sizeof err) != OMPSCALE_OK)
            return cli_usage_error("%s", err);
    }
    return OMPSCALE_OK;
}

int runopts_plan(const runopts *o, plan *p)
{
    memset(p, 0, sizeof *p);
    memcpy(p->schedules, o->schedules, sizeof p->schedules);
    p->nschedules = o->nschedules;
    int status = runopts_plan_kernels(o, p);
    if (status == OMPSCALE_OK)
        status = runopts_plan_params(o, p);
    if (status == OMPSCALE_OK && o->variants)
        status = runopts_plan_variants(o, p);
    if (status == OMPSCALE_OK)
        status = runopts_plan_sweep(o, p);
    return status;
}
