/*
 * cmd_run.c: `ompscale run`, the sweep.  Parses the options into a plan,
 * checks everything it can before measuring (kernels, variants, schedules,
 * thread counts, sizes against memory, the output path), gathers the machine
 * context, measures each kernel configuration in turn, analyses, and writes
 * the CSV and JSON (rewritten after every kernel, so a later failure loses
 * nothing) and the terminal summary; with --plot, then draws the plots of
 * the CSV it wrote, read back as `ompscale plot` reads it, next to it.
 */
#include <ctype.h>
#include <errno.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libgen.h>

#include "analysis.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "gnuplot.h"
#include "interrupt.h"
#include "measure.h"
#include "ompenv.h"
#include "plan.h"
#include "plot.h"
#include "plugin.h"
#include "progress.h"
#include "registry.h"
#include "report.h"
#include "outlock.h"
#include "resultfile.h"
#include "text.h"
#include "waitpolicy.h"



typedef struct run_opts {
    plan plan;
    measure_opts measure;
    const char *out_prefix;
    const reporter *stdout_format;
    bool quick;
    bool plot;
    bool weak;
    bool force;        /* --force: replace an existing PREFIX.csv and .json */
    double timeout_s;  /* --timeout: 0 for none */
    const char *wait_policy[WP_MAX]; /* --wait-policy: one child process each */
    size_t nwait_policy;
} run_opts;

static void run_help(void)
{
    printf("usage: ompscale run [options] [--PARAM VALUE ...]\n"
           "Sweeps every kernel and variant over thread counts, verifies every repetition,\n"
           "and writes results/<host>-<UTC time>.csv and .json and a summary table.\n"
           "  --kernel K[,K]      kernels (default all; see ompscale list)\n"
           "  --variant V[,V]     variants besides serial, always run as the reference\n"
           "  --threads LIST      e.g. 1,2,4-8,P,2P (default 1..2P, geometric above 8 CPUs)\n"
           "  --schedule LIST     e.g. static,dynamic:4,guided (default static; all three for\n"
           "                      kernels with unequal work)\n"
           "  --size N            every kernel's size parameter\n"
           "  --sizes LIST        several sizes, e.g. 2^10,2^14 or 2^10..2^26 (every power of\n"
           "                      two): strong scaling at each, and where parallel beats serial\n"
           "  --weak              weak scaling: the size grows with the threads (n x threads),\n"
           "                      with weak-scaling efficiency\n"
           "  --preset P          a preset of every kernel that has it (e.g. quick, tutorial)\n"
           "  --quick             small sizes and few repetitions (the quick preset)\n"
           "  --reps N            exactly N timed repetitions per cell\n"
           "  --min-reps N        at least N repetitions (default 10)\n"
           "  --max-reps N        at most N repetitions (default 50)\n"
           "  --min-time S        at least S seconds of timed runs per cell (default 0.5)\n"
           "  --warmup N          untimed runs per cell first (default 1)\n"
           "  --order O           interleaved (default) or sequential\n"
           "  --out PREFIX        write PREFIX.csv and PREFIX.json instead (refused if they\n"
           "                      exist, or while another run writes them)\n"
           "  --force             replace an existing PREFIX.csv and PREFIX.json\n"
           "  --timeout S         stop after the cell in progress once S seconds have passed,\n"
           "                      keeping what finished (exit status 124)\n"
           "  --format F          table (default), csv or json on standard output\n"
           "  --wait-policy LIST  active,passive: the whole run once per OMP_WAIT_POLICY, each\n"
           "                      in a child process (PREFIX-active.csv ...), then its effect\n"
           "  --plot              also draw the plots of the CSV next to it, as ompscale plot\n"
           "                      does (PREFIX-KERNEL.png and .svg; needs gnuplot)\n"
           "  --plugin PATH       load the kernels of a plugin (a shared object): they join\n"
           "                      the sweep, or --kernel names them; may be given several times\n"
           "  --PARAM VALUE       a parameter of the selected kernels, e.g. --work 8\n");
}

static int run_kernels(run_opts *o, const char *list)
{
    static char buf[512];
    const char *names[PLAN_MAX_GROUPS];
    char err[1024];
    size_t n;
    if (text_split_list("--kernel", list, buf, sizeof buf, names, PLAN_MAX_GROUPS, &n, err,
                       sizeof err) != CLI_OK)
        return cli_usage_error("%s", err);
    o->plan.ngroups = 0;
    for (size_t i = 0; i < n; i++) {
        const kernel *k = cli_find_kernel(names[i]);
        if (!k)
            return CLI_USAGE;
        o->plan.groups[o->plan.ngroups++].k = k;
    }
    return CLI_OK;
}

static int run_schedules(run_opts *o, const char *list)
{
    static char buf[256];
    const char *items[PLAN_MAX_SCHEDULES];
    char err[1024];
    if (text_split_list("--schedule", list, buf, sizeof buf, items, PLAN_MAX_SCHEDULES,
                       &o->plan.nschedules, err, sizeof err) != CLI_OK)
        return cli_usage_error("%s (static, dynamic, guided, each with an optional :CHUNK)", err);
    for (size_t i = 0; i < o->plan.nschedules; i++)
        if (sched_parse(items[i], &o->plan.schedules[i], err, sizeof err) != 0)
            return cli_usage_error("--schedule: %s", err);
    return CLI_OK;
}

/* The variant names of the selected kernels, each once, "serial, omp, ..." in buf. */
static void run_variant_names(const plan *p, char *buf, size_t len)
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

static int run_variants(run_opts *o, const char *list)
{
    static char buf[256];
    char err[1024];
    size_t max = sizeof o->plan.variants / sizeof o->plan.variants[0];
    if (text_split_list("--variant", list, buf, sizeof buf, o->plan.variants, max,
                       &o->plan.nvariants, err, sizeof err) != CLI_OK)
        return cli_usage_error("%s", err);
    for (size_t i = 0; i < o->plan.nvariants; i++) {
        bool found = false;
        for (size_t g = 0; g < o->plan.ngroups; g++)
            found |= kernel_variant_index(o->plan.groups[g].k, o->plan.variants[i]) >= 0;
        if (!found) {
            char valid[512] = "";
            run_variant_names(&o->plan, valid, sizeof valid);
            return cli_usage_error("--variant '%s': no selected kernel has it; valid are %s (see "
                                   "ompscale list)", o->plan.variants[i], valid);
        }
    }
    return CLI_OK;
}

static int run_int(const char *opt, const char *val, int64_t min, int64_t max, int64_t *out)
{
    if (param_parse_i64(val, min, max, out) != 0)
        return cli_usage_error("%s '%s': must be a whole number from %lld to %lld", opt, val,
                               (long long)min, (long long)max);
    return CLI_OK;
}

/* A kernel parameter for every selected kernel that has it. */
static int run_kernel_param(run_opts *o, const char *opt, const char *val)
{
    const char *name = opt + 2;
    bool any = false;
    for (size_t g = 0; g < o->plan.ngroups; g++) {
        plan_group *grp = &o->plan.groups[g];
        if (kernel_param_index(grp->k, name) < 0)
            continue;
        any = true;
        if (cli_kernel_param(grp->k, grp->values, opt, val) != CLI_OK)
            return CLI_USAGE;
    }
    if (!any)
        return cli_usage_error("unknown option '%s': not an option of run nor a parameter of the "
                               "selected kernels (see ompscale run --help, ompscale list)", opt);
    return CLI_OK;
}

/* The options that take no value. */
static bool run_is_flag(const char *arg)
{
    return strcmp(arg, "--quick") == 0 || strcmp(arg, "--plot") == 0 ||
           strcmp(arg, "--weak") == 0 || strcmp(arg, "--force") == 0;
}

/* --reps, --min-reps, --max-reps and --min-time as given (0, or -1 for --min-time: not given). */
typedef struct run_reps {
    int64_t exact, min, max;
    double min_time;
} run_reps;

/*
 * The repetition options, the same in any order: --reps N is exactly N
 * (whatever --min-time says) and excludes --min-reps and --max-reps; a --min-reps above the default maximum raises the
 * maximum, a --max-reps below the default minimum lowers the minimum; both
 * given, max must be >= min.
 */
static int run_repetitions(const run_reps *r, measure_opts *m)
{
    if (r->exact && (r->min || r->max))
        return cli_usage_error("--reps %lld fixes the repetitions: give it, or --min-reps and "
                               "--max-reps, not both", (long long)r->exact);
    if (r->exact) {
        m->min_reps = m->max_reps = r->exact;
        m->min_time_s = 0;
        return CLI_OK;
    }
    if (r->min && r->max && r->max < r->min)
        return cli_usage_error("--max-reps %lld is below --min-reps %lld: give max >= min",
                               (long long)r->max, (long long)r->min);
    if (r->min) {
        m->min_reps = r->min;
        if (!r->max && m->max_reps < r->min)
            m->max_reps = r->min;
    }
    if (r->max) {
        m->max_reps = r->max;
        if (!r->min && m->min_reps > r->max)
            m->min_reps = r->max;
    }
    if (r->min_time >= 0)
        m->min_time_s = r->min_time;
    return CLI_OK;
}

/* Whether kernel k has a preset called name (a kernel may have none). */
static bool run_has_preset(const kernel *k, const char *name)
{
    for (int p = 0; k->presets && k->presets[p].name; p++)
        if (strcmp(k->presets[p].name, name) == 0)
            return true;
    return false;
}

static int run_parse(int argc, char **argv, run_opts *o)
{
    char err[512];
    const char *preset = NULL, *given_preset = NULL, *size = NULL, *sizes = NULL, *threads = NULL;
    run_reps reps = {.min_time = -1};
    int P = omp_get_num_procs();
    const kernel *const *all = registry_all();
    for (int i = 0; all[i] && i < PLAN_MAX_GROUPS; i++)
        o->plan.groups[o->plan.ngroups++].k = all[i];
    o->measure = (measure_opts){.warmup = 1, .min_reps = 10, .max_reps = 50, .min_time_s = 0.5};
    o->stdout_format = &report_table;
    /* First pass: what the parameter defaults depend on (kernels, preset). */
    for (int i = 0; i < argc; i++) {
        if (run_is_flag(argv[i])) {
            o->quick |= strcmp(argv[i], "--quick") == 0;
            o->plot |= strcmp(argv[i], "--plot") == 0;
            o->weak |= strcmp(argv[i], "--weak") == 0;
            o->force |= strcmp(argv[i], "--force") == 0;
            continue;
        }
        if (strncmp(argv[i], "--", 2) != 0)
            return cli_usage_error("run: unexpected argument '%s': options start with --", argv[i]);
        const char *val = cli_value(argc, argv, &i);
        if (!val)
            return CLI_USAGE;
        if (strcmp(argv[i - 1], "--kernel") == 0 && run_kernels(o, val) != CLI_OK)
            return CLI_USAGE;
        if (strcmp(argv[i - 1], "--preset") == 0)
            preset = given_preset = val;
    }
    if (o->quick) {
        preset = preset ? preset : "quick";
        o->measure = (measure_opts){.warmup = 1, .min_reps = 3, .max_reps = 5, .min_time_s = 0};
    }
    for (size_t g = 0; g < o->plan.ngroups; g++) {
        const kernel *k = o->plan.groups[g].k;
        const char *p = preset;
        if (p && kernel_defaults(k, p, o->plan.groups[g].values, err, sizeof err) != 0)
            p = NULL; /* a kernel without this preset keeps its defaults */
        if (!p && kernel_defaults(k, NULL, o->plan.groups[g].values, err, sizeof err) != 0)
            return cli_usage_error("%s", err);
    }
    if (plan_expand_configs(&o->plan, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    if (given_preset) { /* --quick alone runs kernels without a quick preset at their defaults */
        bool any = false;
        for (size_t g = 0; g < o->plan.ngroups; g++)
            any |= run_has_preset(o->plan.groups[g].k, preset);
        if (!any)
            return cli_usage_error("--preset '%s': no selected kernel has it (quick and tutorial "
                                   "are common to all)", preset);
    }
    /* Second pass: everything else. */
    for (int i = 0; i < argc; i++) {
        const char *opt = argv[i];
        if (run_is_flag(opt))
            continue;
        const char *val = argv[++i];
        if (strcmp(opt, "--kernel") == 0 || strcmp(opt, "--preset") == 0 ||
            strcmp(opt, "--plugin") == 0) {
            continue;
        } else if (strcmp(opt, "--variant") == 0) {
            if (run_variants(o, val) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--threads") == 0) {
            threads = val;
        } else if (strcmp(opt, "--schedule") == 0) {
            if (run_schedules(o, val) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--size") == 0) {
            size = val;
        } else if (strcmp(opt, "--sizes") == 0) {
            sizes = val;
        } else if (strcmp(opt, "--reps") == 0) {
            if (run_int(opt, val, 1, 100000, &reps.exact) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--min-reps") == 0) {
            if (run_int(opt, val, 1, 100000, &reps.min) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--max-reps") == 0) {
            if (run_int(opt, val, 1, 100000, &reps.max) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--timeout") == 0) {
            if (param_parse_real(val, 0.001, 1e7, &o->timeout_s) != 0)
                return cli_usage_error("--timeout '%s': must be seconds from 0.001 to 1e7", val);
        } else if (strcmp(opt, "--warmup") == 0) {
            if (run_int(opt, val, 0, 1000, &o->measure.warmup) != CLI_OK)
                return CLI_USAGE;
        } else if (strcmp(opt, "--min-time") == 0) {
            if (param_parse_real(val, 0, 3600, &reps.min_time) != 0)
                return cli_usage_error("--min-time '%s': must be seconds from 0 to 3600", val);
        } else if (strcmp(opt, "--order") == 0) {
            if (strcmp(val, "interleaved") != 0 && strcmp(val, "sequential") != 0)
                return cli_usage_error("--order '%s': valid are interleaved, sequential", val);
            o->measure.sequential = strcmp(val, "sequential") == 0;
        } else if (strcmp(opt, "--out") == 0) {
            if (cli_check_prefix("--out", val) != CLI_OK)
                return CLI_USAGE;
            o->out_prefix = val;
        } else if (strcmp(opt, "--wait-policy") == 0) {
            if (wp_parse(val, o->wait_policy, &o->nwait_policy, err, sizeof err) != 0)
                return cli_usage_error("%s", err);
        } else if (strcmp(opt, "--format") == 0) {
            o->stdout_format = report_find(val);
            if (!o->stdout_format)
                return cli_usage_error("--format '%s': valid are table, csv, json", val);
        } else if (run_kernel_param(o, opt, val) != CLI_OK) {
            return CLI_USAGE;
        }
    }
    if (run_repetitions(&reps, &o->measure) != CLI_OK)
        return CLI_USAGE;
    for (size_t g = 0; size && g < o->plan.ngroups; g++)
        if (cli_kernel_param(o->plan.groups[g].k, o->plan.groups[g].values,
                             o->plan.groups[g].k->size_param, size) != CLI_OK)
            return CLI_USAGE;
    if (threads && plan_parse_threads(threads, P, plan_thread_cap(), o->plan.threads,
                                      SCALING_MAX_POINTS, &o->plan.nthreads, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    if (size && sizes)
        return cli_usage_error("--size and --sizes exclude each other: give one");
    if (sizes && plan_expand_sizes(&o->plan, sizes, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    plan_dedupe(&o->plan);
    /* Every size checked against memory, at the most threads of the plan (the default
     * plan goes to 2P), before anything is allocated. */
    int most = o->plan.nthreads > 0 ? plan_max_threads(&o->plan) : 2 * P;
    for (size_t g = 0; g < o->plan.ngroups; g++) {
        plan_group *grp = &o->plan.groups[g];
        if (grp->k->check && grp->k->check(grp->values, most, err, sizeof err) != KERNEL_OK)
            return cli_usage_error("%s", err);
    }
    return CLI_OK;
}

/* The progress line's state (progress.h): every configuration as known so far, when it last spoke. */
typedef struct run_progress {
    bool tty;
    const measure_opts *measure;
    double start, said;
    progress_group *groups; /* one per configuration of the plan */
    size_t group, ngroups;
} run_progress;

/*
 * On a terminal, a bar redrawn at most ten times a second; otherwise a plain
 * line every 30 s (a log gets no carriage returns).
 */
static void run_show_progress(void *ctx, const kernel *k, const cell_result *cells, size_t n,
                              const double *warmup_s)
{
    run_progress *p = ctx;
    double now = clock_now();
    if (now - p->said < (p->tty ? 0.1 : 30))
        return;
    p->said = now;
    progress_view v = {.kernel = k->name, .group = p->group, .ngroups = p->ngroups,
                       .elapsed_s = now - p->start};
    progress_estimate(cells, n, warmup_s, p->measure, p->groups, p->ngroups, p->group, &v);
    char line[256];
    progress_line(&v, p->tty, line, sizeof line);
    if (p->tty)
        fprintf(stderr, "\r\033[K%s", line);
    else
        fprintf(stderr, "ompscale: progress: %s\n", line);
}

/* The plan's configurations as the forecast sees them; 0, or 1 out of memory. */
static int run_progress_init(run_progress *p, const plan *pl)
{
    p->ngroups = pl->ngroups;
    p->groups = calloc(pl->ngroups ? pl->ngroups : 1, sizeof *p->groups);
    if (!p->groups)
        return 1;
    for (size_t g = 0; g < pl->ngroups; g++) {
        const plan_group *grp = &pl->groups[g];
        p->groups[g] = (progress_group){
            .kernel = grp->k,
            .size = (double)grp->values[kernel_param_index(grp->k, grp->k->size_param)].i,
            .ncells = plan_group_cells(pl, g, NULL)};
    }
    return 0;
}

/* After a configuration of n cells: what they took is what the forecast learns from. */
static void run_progress_next(run_progress *p, const cell_result *cells, size_t n)
{
    progress_group *g = &p->groups[p->group++];
    g->measured = true;
    for (size_t i = 0; i < n; i++) {
        g->reps += (int64_t)cells[i].reps;
        for (size_t r = 0; r < cells[i].reps; r++)
            g->seconds += cells[i].times[r];
    }
}

/* The files a run writes besides PREFIX.csv and .json: one pair per --wait-policy child. */
static const char *const *run_suffixes(const run_opts *o, const char **buf)
{
    static const char *const plain[] = {"", NULL};
    if (o->nwait_policy == 0)
        return plain;
    size_t n = 0;
    buf[n++] = "";
    for (size_t i = 0; i < o->nwait_policy; i++)
        buf[n++] = wp_suffix(o->wait_policy[i]);
    buf[n] = NULL;
    return buf;
}

/*
 * results/<host>-<UTC time>, or with -2, -3, ... where a run of the same
 * second has it (outlock_unique): the name is locked for the run.  The host
 * name is kept to letters, digits, '.', '_' and '-' in a file name.
 */
static int run_default_prefix(const machine_context *ctx, const char *const *suffixes,
                              char *buf, size_t len, outlock *lock)
{
    char stamp[32], host[sizeof ctx->host], base[4200], err[4400];
    snprintf(stamp, sizeof stamp, "%s", ctx->timestamp);
    char *w = stamp;
    for (char *r = stamp; *r; r++)
        if (*r != '-' && *r != ':')
            *w++ = *r;
    *w = '\0';
    snprintf(host, sizeof host, "%s", ctx->host[0] ? ctx->host : "unknown-host");
    for (char *c = host; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-')
            *c = '_';
    if (mkdir("results", 0777) != 0 && errno != EEXIST)
        return cli_usage_error("cannot create the directory results: %s (use --out PREFIX)",
                               strerror(errno));
    snprintf(base, sizeof base, "results/%s-%s", host, stamp);
    if (outlock_unique(base, suffixes, buf, len, lock, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    return CLI_OK;
}

/*
 * --out PREFIX: locked for the run (a second run of the same prefix is
 * refused), and refused when its files exist, unless --force.
 */
static int run_given_prefix(const run_opts *o, const char *const *suffixes, outlock *lock)
{
    char err[4400], found[4300];
    int status = outlock_take(o->out_prefix, lock, err, sizeof err);
    if (status != OUTLOCK_TAKEN)
        return cli_usage_error("--out '%s': %s", o->out_prefix, err);
    if (!o->force && outlock_files_exist(o->out_prefix, suffixes, found, sizeof found)) {
        outlock_release(lock);
        return cli_usage_error("--out '%s': %s exists (an earlier result): give --force to replace "
                               "it, or another --out", o->out_prefix, found);
    }
    return CLI_OK;
}

static int run_write_files(const sweep_result *r, const char *prefix, bool final)
{
    char paths[2][4200], err[2048]; /* room for the reader's message on a refused save */
    if (report_write_results(r, prefix, paths, err, sizeof err) != 0)
        return cli_fail("%s", err);
    for (int i = 0; final && i < 2; i++)
        cli_note("wrote %s", paths[i]);
    return CLI_OK;
}

/*
 * A warning for each configuration below its overhead-based minimum size,
 * once (the minimum is the configuration's, whatever its parallel variant).
 */
static void run_check_sizes(const sweep_result *r)
{
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *sr = &r->scaling[j];
        bool said = false;
        for (size_t i = 0; i < j && !said; i++)
            said = r->scaling[i].group == sr->group && r->scaling[i].min_size > 0 &&
                   r->scaling[i].size < r->scaling[i].min_size;
        if (!said && sr->variant > 0 && sr->min_size > 0 && sr->size < sr->min_size)
            fprintf(stderr, "ompscale: warning: %s at %s = %lld is below %lld, where a parallel "
                            "region (%.3g us at %d threads) costs under 1%% of the work: its "
                            "speedups show the overhead more than the kernel\n",
                    sr->k->name, sr->k->size_param, (long long)sr->size, (long long)sr->min_size,
                    sr->fork_join_us, r->ctx.logical_cpus);
    }
}

/* Warnings and failures named one by one; returns whether every cell verified. */
/* Whether cells a and b went wrong the same way: one kernel, both failed or not, one reason. */
static bool run_same_fault(const cell_result *a, const cell_result *b)
{
    return !b->verified && a->k == b->k && a->failed == b->failed &&
           strcmp(a->check.detail, b->check.detail) == 0;
}

/*
 * One line per kernel and reason: "K: N cells failed (serial at 1, omp static
 * at 2, ...): REASON".  The reason, and what to change, are the kernel's
 * (kernel.h).
 */
static void run_say_faults(const sweep_result *r, size_t first)
{
    const cell_result *c = &r->cells[first];
    char cells[1024] = "";
    size_t n = 0;
    for (size_t i = first; i < r->ncells; i++) {
        const cell_result *o = &r->cells[i];
        if (i != first && !run_same_fault(c, o))
            continue;
        char sched[32];
        report_schedule_text(o, sched, sizeof sched);
        text_append(cells, sizeof cells, "%s%s%s%s at %d", n ? ", " : "",
                    o->k->variants[o->variant].name, o->scheduled ? " " : "",
                    o->scheduled ? sched : "", o->threads);
        n++;
    }
    cli_fail("%s: %zu cell%s %s (%s): %s", c->k->name, n, n == 1 ? "" : "s",
             c->failed ? "failed" : "did not verify", cells, c->check.detail);
}

static bool run_check_cells(const sweep_result *r)
{
    bool ok = true;
    size_t noisy = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        bool said = false; /* in the line of an earlier cell that went wrong the same way */
        for (size_t j = 0; !c->verified && j < i && !said; j++)
            said = !r->cells[j].verified && run_same_fault(&r->cells[j], c);
        if (!c->verified && !said)
            run_say_faults(r, i);
        ok &= c->verified;
        noisy += c->noisy;
    }
    ompenv_message fewer; /* one line for every cell short of what the limits foretold */
    if (ompenv_check_cells(&r->ctx, r->cells, r->ncells, &fewer))
        ompenv_print(&fewer, 1, stderr);
    if (noisy > 0)
        fprintf(stderr, "ompscale: warning: %zu of %zu cells are noisy (95%% CI of the median "
                        "wider than +-%.0f%%); the noisy column names them\n",
                noisy, r->ncells, 100 * r->noise_tolerance);
    return ok;
}

static void run_plot_written(const char *path, void *ctx)
{
    (void)ctx;
    cli_note("wrote %s", path);
}

/* --plot: the plots of PREFIX.csv, read back, as PREFIX-KERNEL.png and .svg. */
static int run_plot(const char *prefix)
{
    char csv[4200], dir[4096], stem[4096], copy[4096], err[2048];
    snprintf(csv, sizeof csv, "%s.csv", prefix);
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(dir, sizeof dir, "%s", dirname(copy));
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(stem, sizeof stem, "%s", basename(copy));
    rf_file f;
    if (rf_load(csv, &f, err, sizeof err) != 0)
        return cli_fail("--plot: reading back %s: %s", csv, err);
    plot_opts opts = {.dir = dir, .stem = stem, .formats = PLOT_PNG | PLOT_SVG, .notes = stderr,
                      .written = run_plot_written};
    int status = plot_write(&f, 1, &opts, err, sizeof err);
    rf_free(&f);
    if (status != 0)
        return cli_fail("--plot: %s (the results in %s are kept)", err, csv);
    return CLI_OK;
}

/* --weak: one size per thread count, n x threads, each checked against memory. */
static int run_weak(plan *p)
{
    char err[512];
    if (p->threads[0] != 1)
        return cli_usage_error("--weak: the thread list must include 1, the base of the "
                               "weak-scaling efficiency");
    if (plan_expand_weak(p, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    for (size_t g = 0; g < p->ngroups; g++)
        if (p->groups[g].k->check &&
            p->groups[g].k->check(p->groups[g].values, plan_max_threads(p), err, sizeof err) !=
                KERNEL_OK)
            return cli_usage_error("--weak: %s", err);
    return CLI_OK;
}

/*
 * The run once per wait policy, each in a child with the same options but
 * --wait-policy, --out and --timeout, and --force: the parent has checked
 * (or, for a default name, chosen) every child's files.
 */
static int run_wait_policies(int argc, char **argv, const run_opts *o, const char *prefix, int P)
{
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args)
        return cli_fail("out of memory");
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--wait-policy") == 0 || strcmp(argv[i], "--out") == 0 ||
            strcmp(argv[i], "--timeout") == 0)
            i++; /* and its value */
        else if (strcmp(argv[i], "--force") != 0)
            args[n++] = argv[i];
    }
    args[n++] = "--force";
    int status = wp_run(n, args, o->wait_policy, o->nwait_policy, prefix, P, o->timeout_s);
    free(args);
    return status;
}

/* What the sweep polls: a signal (interrupt.h) or the --timeout deadline. */
typedef struct run_stop {
    double deadline; /* clock_now() value; 0: none */
    bool timed_out;
} run_stop;

static bool run_stop_requested(void *ctx)
{
    run_stop *st = ctx;
    if (intr_requested(NULL))
        return true;
    if (st->deadline > 0 && !st->timed_out && clock_now() >= st->deadline)
        st->timed_out = true;
    return st->timed_out;
}

/*
 * What an exit in the middle of the sweep says and settles: an OpenMP
 * runtime that cannot create a thread (libgomp: "Thread creation failed")
 * calls exit() from inside a kernel.  The temporary files and the lock go
 * (intr_exit_cleanup); the last save stays.
 */
static struct {
    bool in_sweep;
    size_t saved_cells;
    char prefix[4096];
} run_exit_state;

static void run_at_exit(void)
{
    if (!run_exit_state.in_sweep)
        return;
    intr_exit_cleanup();
    if (run_exit_state.saved_cells > 0)
        cli_fail("the sweep was ended from inside a kernel by the OpenMP runtime or a library "
                 "(its message is above): %s.csv and .json keep the %zu cells saved before it, "
                 "marked \"complete\": false", run_exit_state.prefix, run_exit_state.saved_cells);
    else
        cli_fail("the sweep was ended from inside a kernel by the OpenMP runtime or a library "
                 "(its message is above) before any cell was saved: nothing written, any earlier "
                 "%s.csv and .json untouched", run_exit_state.prefix);
}

/*
 * Measures every group in turn, saving the files after each that finished a
 * cell; a SIGINT, SIGTERM or SIGHUP (interrupt.h) or the --timeout deadline
 * stops after the cell in progress, and the cells finished so far are saved,
 * marked incomplete.  A run that finished no cell writes nothing, so an
 * earlier pair of the same name stays as it was.  CLI_OK, or the failure.
 */
static int run_sweep(run_opts *o, sweep_result *r, const char *prefix, run_stop *stop)
{
    char err[512];
    run_progress progress = {.tty = isatty(STDERR_FILENO), .measure = &o->measure,
                             .start = clock_now()};
    if (run_progress_init(&progress, &o->plan) != 0)
        return cli_fail("out of memory");
    if (!progress.tty)
        progress.said = progress.start; /* a log's first progress line after 30 s */
    int max_threads = plan_max_threads(&o->plan);
    o->measure.stop = run_stop_requested;
    o->measure.stop_ctx = stop;
    if (o->timeout_s > 0)
        stop->deadline = progress.start + o->timeout_s;
    intr_install(INTR_AFTER_CELL);
    for (size_t g = 0; g < o->plan.ngroups && !run_stop_requested(stop); g++) {
        cell_result *cells = r->cells + r->ncells;
        size_t n = plan_group_cells(&o->plan, g, cells), finished;
        double t0 = clock_now();
        int ks = measure_group(&o->plan.groups[g], max_threads, cells, n, &o->measure,
                               run_show_progress, &progress, &finished, err, sizeof err);
        if (ks != KERNEL_OK) {
            free(progress.groups);
            return ks == KERNEL_EUSAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
        }
        r->ncells += finished;
        run_progress_next(&progress, cells, n);
        if (progress.tty)
            fprintf(stderr, "\r\033[K");
        if (finished < n)
            fprintf(stderr, "ompscale: %s: %zu of %zu cells finished in %.1f s\n",
                    o->plan.groups[g].k->name, finished, n, clock_now() - t0);
        else
            fprintf(stderr, "ompscale: %s: %zu cells in %.1f s\n", o->plan.groups[g].k->name, n,
                    clock_now() - t0);
        /* Save as we go: the files always hold every finished cell. */
        bool last = g + 1 == o->plan.ngroups || run_stop_requested(stop);
        r->complete = g + 1 == o->plan.ngroups && finished == n;
        analysis_run(r, r->ctx.logical_cpus, r->ctx.physical_cores);
        r->elapsed_s = clock_now() - progress.start;
        if (r->ncells > 0 && run_write_files(r, prefix, last) != CLI_OK) {
            free(progress.groups);
            return CLI_FAIL;
        }
        run_exit_state.saved_cells = r->ncells;
        if (!last)
            analysis_free(r);
    }
    free(progress.groups);
    return CLI_OK;
}

/* The end of an interrupted or timed-out sweep, said once; its exit status. */
static int run_stopped_status(const run_opts *o, const sweep_result *r, const char *prefix,
                              size_t total, int sig)
{
    char why[64];
    if (sig)
        snprintf(why, sizeof why, "interrupted by %s", intr_name(sig));
    else
        snprintf(why, sizeof why, "stopped by --timeout %g s", o->timeout_s);
    if (r->ncells == 0)
        cli_note("%s before any cell finished: nothing written, any earlier %s.csv and .json "
                 "untouched", why, prefix);
    else if (r->complete)
        cli_note("%s after the last cell: %s.csv and .json are complete%s", why, prefix,
                 o->plot ? "; not plotted" : "");
    else
        cli_note("%s: %zu of %zu cells finished, all in %s.csv and .json (marked \"complete\": "
                 "false)%s", why, r->ncells, total, prefix, o->plot ? "; not plotted" : "");
    return sig ? intr_exit_status(sig) : RUN_TIMED_OUT_STATUS;
}

/* The starting line: the machine and the plan. */
static void run_say_start(const run_opts *o, const machine_context *ctx)
{
    char cores[48] = "physical cores unknown"; /* hwloc saw none (context.h) */
    if (ctx->physical_cores > 0)
        snprintf(cores, sizeof cores, "%d physical core%s", ctx->physical_cores,
                 ctx->physical_cores == 1 ? "" : "s");
    fprintf(stderr, "ompscale: %d logical CPU%s, %s; clock resolution %.3g s, a read costs %.3g s; "
                    "%zu thread counts up to %d",
            ctx->logical_cpus, ctx->logical_cpus == 1 ? "" : "s", cores, ctx->clock_resolution_s,
            ctx->clock_overhead_s, o->plan.nthreads, plan_max_threads(&o->plan));
    if (ctx->bound_cpus > 0)
        fprintf(stderr, "; threads bound to %d CPU%s (proc_bind %s, places %.200s)",
                ctx->bound_cpus, ctx->bound_cpus == 1 ? "" : "s", ctx->proc_bind, ctx->places);
    fputc('\n', stderr);
    ompenv_message env[OMPENV_MAX_MESSAGES];
    ompenv_print(env, ompenv_check_plan(ctx, o->plan.threads, o->plan.nthreads, env,
                                        OMPENV_MAX_MESSAGES), stderr);
}

/* The sweep, its files, summary and plots, with the prefix locked; the exit status. */
static int run_measured(run_opts *o, sweep_result *r, const char *prefix)
{
    char gnuplot[4096], err[512];
    if (o->plot && gp_find(gnuplot, sizeof gnuplot, err, sizeof err) != 0)
        return cli_fail("--plot: %s", err); /* before a sweep whose plots would fail */
    run_say_start(o, &r->ctx);
    size_t total = 0;
    for (size_t g = 0; g < o->plan.ngroups; g++)
        total += plan_group_cells(&o->plan, g, NULL);
    r->cells = calloc(total, sizeof *r->cells);
    if (!r->cells)
        return cli_fail("out of memory");
    snprintf(run_exit_state.prefix, sizeof run_exit_state.prefix, "%s", prefix);
    run_exit_state.in_sweep = true;
    run_stop stop = {0};
    int status = run_sweep(o, r, prefix, &stop);
    run_exit_state.in_sweep = false;
    /*
     * The files are saved: from here a signal stops at once (stopping
     * gnuplot and removing its temporary files) instead of after a cell.
     */
    intr_install(INTR_AT_ONCE);
    int sig = intr_signal(); /* after the switch: a signal in between is not lost */
    bool verified = true;
    if (status == CLI_OK && r->ncells > 0) {
        o->stdout_format->write(r, stdout);
        cli_flush_stdout();
        fprintf(stderr, "ompscale: the sweep took %.1f s\n", r->elapsed_s);
        run_check_sizes(r);
        verified = run_check_cells(r);
    }
    if (status == CLI_OK && (sig || stop.timed_out))
        return run_stopped_status(o, r, prefix, total, sig);
    if (status == CLI_OK) {
        status = verified ? CLI_OK : CLI_FAIL;
        char farewell[4400];
        snprintf(farewell, sizeof farewell, "ompscale: interrupted while plotting: %s.csv and "
                                            ".json are complete; the plots were not finished",
                 prefix);
        intr_set_farewell(o->plot ? farewell : NULL);
        if (o->plot && run_plot(prefix) != CLI_OK)
            status = CLI_FAIL;
        intr_set_farewell(NULL);
    }
    return status;
}

int cmd_run(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (cli_is_help(argv[i])) {
            run_help();
            return CLI_OK;
        }
    static run_opts o;
    memset(&o, 0, sizeof o);
    int status = plugin_load_options(argc, argv, run_is_flag);
    if (status == CLI_OK)
        status = run_parse(argc, argv, &o);
    if (status != CLI_OK)
        return status;
    static sweep_result r;
    memset(&r, 0, sizeof r);
    r.knee_threshold = ANALYSIS_KNEE_THRESHOLD;
    r.noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
    ctx_gather(&r.ctx);
    if (o.plan.nthreads == 0)
        plan_default_threads(r.ctx.logical_cpus, r.ctx.physical_cores, o.plan.threads,
                             &o.plan.nthreads);
    if (o.weak && (status = run_weak(&o.plan)) != CLI_OK)
        return status;
    char prefix[4096], err[512];
    const char *suffix_buf[WP_MAX + 2];
    const char *const *suffixes = run_suffixes(&o, suffix_buf);
    static outlock lock;
    if (o.out_prefix && report_check_writable(o.out_prefix, err, sizeof err) != 0)
        return cli_usage_error("--out: %s", err);
    if (o.out_prefix) {
        snprintf(prefix, sizeof prefix, "%s", o.out_prefix);
        status = run_given_prefix(&o, suffixes, &lock);
    } else {
        status = run_default_prefix(&r.ctx, suffixes, prefix, sizeof prefix, &lock);
    }
    if (status != CLI_OK)
        return status;
    if (o.nwait_policy > 0)
        status = run_wait_policies(argc, argv, &o, prefix, r.ctx.logical_cpus);
    else {
        atexit(run_at_exit);
        status = run_measured(&o, &r, prefix);
    }
    outlock_release(&lock);
    analysis_free(&r);
    measure_free_cells(r.cells, r.ncells);
    free(r.cells);
    return status;
}
