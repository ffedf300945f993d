/*
 * cmd_run.c: `ompscale run`, the sweep, as a pipeline of steps: read the
 * options (runopts.h, after the plugins they name are loaded), build the
 * plan, gather the machine context (which completes the plan's thread
 * counts), claim the output files, then sweep, analysing and saving the CSV
 * and JSON after every kernel (so a later failure loses nothing), report
 * the summary and the warnings, and with --plot draw the plots of the CSV
 * it wrote, read back as `ompscale plot` reads it, next to it.  Everything
 * a run holds is in its run_job, which the steps pass along.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libgen.h>

#include "analysis.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "files.h"
#include "gnuplot.h"
#include "interrupt.h"
#include "load.h"
#include "measure.h"
#include "ompenv.h"
#include "plan.h"
#include "plot.h"
#include "plugin.h"
#include "progress.h"
#include "report.h"
#include "outlock.h"
#include "resultfile.h"
#include "runopts.h"
#include "text.h"
#include "envsweep.h"

/* One run: its options, plan, results and files, owned here; run_job_free frees them. */
typedef struct run_job {
    runopts opts;
    plan plan;
    sweep_result result;
    char prefix[4096]; /* the files' PREFIX: --out's, or results/<host>-<UTC time> */
    outlock lock;      /* on the prefix, for the whole run */
    counters counters; /* --counters: open from before the first parallel region */
    bool counting;     /* counters holds open events (counters_close) */
} run_job;

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
        return OMPSCALE_FAIL;
    for (size_t g = 0; g < pl->ngroups; g++) {
        const plan_group *grp = &pl->groups[g];
        p->groups[g] = (progress_group){
            .kernel = grp->k,
            .size = (double)grp->values[kernel_param_index(grp->k, grp->k->size_param)].i,
            .ncells = plan_group_cells(pl, g, NULL), .probe_s = NAN, .probe_check_s = NAN,
            .probe_prepare_s = NAN};
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

/* The files a run writes besides PREFIX.csv and .json: a pair per child (--wait-policy, --bind). */
static const char *const *run_suffixes(const runopts *o, const char **buf)
{
    static const char *const plain[] = {"", NULL};
    if (!o->sweep)
        return plain;
    size_t n = 0;
    buf[n++] = "";
    for (size_t i = 0; i < o->nsweep; i++)
        buf[n++] = envsweep_suffix(o->sweep, o->sweep_values[i]);
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
    return OMPSCALE_OK;
}

/*
 * --out PREFIX: locked for the run (a second run of the same prefix is
 * refused), and refused when its files exist, unless --force.
 */
static int run_given_prefix(const runopts *o, const char *const *suffixes, outlock *lock)
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
    return OMPSCALE_OK;
}

static int run_write_files(const sweep_result *r, const char *prefix, bool final)
{
    char paths[2][4200], err[2048]; /* room for the reader's message on a refused save */
    if (report_write_results(r, prefix, paths, err, sizeof err) != 0)
        return cli_fail("%s", err);
    for (int i = 0; final && i < 2; i++)
        cli_note("wrote %s", paths[i]);
    return OMPSCALE_OK;
}

/*
 * A warning for each configuration below its overhead-based minimum size,
 * once (the minimum is the configuration's, whatever its parallel variant).
 */
static void run_check_sizes(const sweep_result *r)
{
    char list[2048] = "";
    size_t below = 0;
    double fork_join_us = NAN;
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *sr = &r->scaling[j];
        bool said = false;
        for (size_t i = 0; i < j && !said; i++)
            said = r->scaling[i].group == sr->group && r->scaling[i].min_size > 0 &&
                   r->scaling[i].size < r->scaling[i].min_size;
        if (said || sr->variant == 0 || !(sr->min_size > 0) || sr->size >= sr->min_size)
            continue;
        below++;
        fork_join_us = sr->fork_join_us;
        text_append(list, sizeof list, "%s%s %s = %lld (from %lld)", list[0] ? ", " : "",
                    sr->k->name, sr->k->size_param, (long long)sr->size,
                    (long long)sr->min_size);
    }
    if (below > 0) /* one line for all of them: the table gives each its own */
        cli_note("warning: %zu configuration%s below the size where a parallel region (%.3g us "
                 "at %d threads) costs under 1%% of the work, so %s speedups show the overhead "
                 "more than the kernel: %s", below, below == 1 ? " is" : "s are", fork_join_us,
                 r->ctx.logical_cpus, below == 1 ? "its" : "their", list);
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
        result_schedule_text(o, sched, sizeof sched);
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

/*
 * --plot: the plots of PREFIX.json, read back (the JSON, for the build its
 * context records: the plots' footer names the compiler and runtime), as
 * PREFIX-KERNEL.png and .svg.
 */
static int run_plot(const char *prefix)
{
    char json[4200], dir[4096], stem[4096], copy[4096], err[2048];
    snprintf(json, sizeof json, "%s.json", prefix);
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(dir, sizeof dir, "%s", dirname(copy));
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(stem, sizeof stem, "%s", basename(copy));
    rf_file f;
    if (rf_load(json, &f, err, sizeof err) != 0)
        return cli_fail("--plot: reading back %s: %s", json, err);
    plot_opts opts = {.dir = dir, .stem = stem, .formats = PLOT_PNG | PLOT_SVG, .notes = stderr,
                      .written = run_plot_written};
    int status = plot_write(&f, 1, &opts, err, sizeof err);
    rf_free(&f);
    if (status != 0)
        return cli_fail("--plot: %s (the results in %s and %s.csv are kept)", err, json, prefix);
    return OMPSCALE_OK;
}

/* --report: the HTML report of PREFIX.json, read back, as PREFIX.html. */
static int run_report_html(const char *prefix)
{
    char json[4200], page[4200], err[2048];
    snprintf(json, sizeof json, "%s.json", prefix);
    snprintf(page, sizeof page, "%s.html", prefix);
    rf_file f;
    if (rf_load(json, &f, err, sizeof err) != 0)
        return cli_fail("--report: reading back %s: %s", json, err);
    const char *names[] = {json};
    int status = report_html(names, &f, 1, page, 0);
    rf_free(&f);
    if (status == OMPSCALE_OK)
        cli_note("wrote %s", page);
    return status;
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
                OMPSCALE_OK)
            return cli_usage_error("--weak: %s", err);
    return OMPSCALE_OK;
}

/*
 * The run once per wait policy or binding, each in a child with the same
 * options but --wait-policy or --bind, --out and --timeout, and --force: the
 * parent has checked (or, for a default name, chosen) every child's files.
 */
static int run_children(run_job *job)
{
    runopts *o = &job->opts;
    o->child_argv[o->child_argc] = "--force"; /* runopts left room for it */
    return envsweep_run(o->sweep, o->child_argc + 1, o->child_argv, o->sweep_values, o->nsweep,
                        job->prefix, job->result.ctx.logical_cpus, o->timeout_s);
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
 * Measures every group in turn, analysing and saving the files after each
 * that finished a cell; a SIGINT, SIGTERM or SIGHUP (interrupt.h) or the
 * --timeout deadline stops after the cell in progress, and the cells
 * finished so far are saved, marked incomplete.  A run that finished no cell
 * writes nothing, so an earlier pair of the same name stays as it was.
 * OMPSCALE_OK, or the failure.
 */
static int run_sweep(run_job *job, run_stop *stop)
{
    char err[512];
    runopts *o = &job->opts;
    plan *pl = &job->plan;
    sweep_result *r = &job->result;
    run_progress progress = {.tty = isatty(STDERR_FILENO), .measure = &o->measure,
                             .start = clock_now()};
    if (run_progress_init(&progress, pl) != 0 ||
        !(r->loads = calloc(pl->ngroups ? pl->ngroups : 1, sizeof *r->loads))) {
        free(progress.groups);
        return cli_fail("out of memory");
    }
    if (!progress.tty)
        progress.said = progress.start; /* a log's first progress line after 30 s */
    int max_threads = plan_max_threads(pl);
    o->measure.stop = run_stop_requested;
    o->measure.stop_ctx = stop;
    /*
     * The forecast of kernels not yet measured: one serial run of each
     * configuration's first, timed (a full sweep's heavy kernels come after
     * light ones, which alone foretold a third of its length).  A --quick
     * sweep is over in seconds: no probe.
     */
    for (size_t g = 0; !o->quick && g < pl->ngroups; g++) {
        bool known = false; /* a configuration of the same kernel foretells this one */
        for (size_t h = 0; h < g && !known; h++)
            known = pl->groups[h].k == pl->groups[g].k;
        if (known)
            continue;
        measure_probe_times t = measure_probe(&pl->groups[g], max_threads, &o->measure);
        progress.groups[g].probe_s = t.run_s;
        progress.groups[g].probe_check_s = t.check_s;
        progress.groups[g].probe_prepare_s = t.prepare_s;
    }
    if (o->timeout_s > 0)
        stop->deadline = progress.start + o->timeout_s;
    intr_install(INTR_AFTER_CELL);
    for (size_t g = 0; g < pl->ngroups && !run_stop_requested(stop); g++) {
        cell_result *cells = r->cells + r->ncells;
        size_t n = plan_group_cells(pl, g, cells), finished;
        double t0 = clock_now();
        config_load *load = &r->loads[r->nloads];
        *load = (config_load){.group = (int)g};
        load_read(&load->before);
        int ks = measure_group(&pl->groups[g], max_threads, cells, n, &o->measure,
                               run_show_progress, &progress, &finished, err, sizeof err);
        load_read(&load->after);
        r->load_end = load->after;
        r->nloads++;
        if (ks != OMPSCALE_OK) {
            free(progress.groups);
            return ks == OMPSCALE_USAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
        }
        r->ncells += finished;
        run_progress_next(&progress, cells, n);
        if (progress.tty)
            fprintf(stderr, "\r\033[K");
        if (finished < n)
            fprintf(stderr, "ompscale: %s: %zu of %zu cells finished in %.1f s\n",
                    pl->groups[g].k->name, finished, n, clock_now() - t0);
        else
            fprintf(stderr, "ompscale: %s: %zu cells in %.1f s\n", pl->groups[g].k->name, n,
                    clock_now() - t0);
        /* Save as we go: the files always hold every finished cell. */
        bool last = g + 1 == pl->ngroups || run_stop_requested(stop);
        r->complete = g + 1 == pl->ngroups && finished == n;
        analysis_run(r, r->ctx.logical_cpus, r->ctx.physical_cores);
        r->elapsed_s = clock_now() - progress.start;
        if (r->ncells > 0 && run_write_files(r, job->prefix, last) != OMPSCALE_OK) {
            free(progress.groups);
            return OMPSCALE_FAIL;
        }
        run_exit_state.saved_cells = r->ncells;
        if (!last)
            analysis_free(r);
    }
    free(progress.groups);
    return OMPSCALE_OK;
}

/* The end of an interrupted or timed-out sweep, said once; its exit status. */
static int run_stopped_status(const run_job *job, size_t total, int sig)
{
    const sweep_result *r = &job->result;
    const char *prefix = job->prefix,
               *plotted = job->opts.plot || job->opts.report ? "; not plotted" : "";
    char why[64];
    if (sig)
        snprintf(why, sizeof why, "interrupted by %s", intr_name(sig));
    else
        snprintf(why, sizeof why, "stopped by --timeout %g s", job->opts.timeout_s);
    if (r->ncells == 0)
        cli_note("%s before any cell finished: nothing written, any earlier %s.csv and .json "
                 "untouched", why, prefix);
    else if (r->complete)
        cli_note("%s after the last cell: %s.csv and .json are complete%s", why, prefix, plotted);
    else
        cli_note("%s: %zu of %zu cells finished, all in %s.csv and .json (marked \"complete\": "
                 "false)%s", why, r->ncells, total, prefix, plotted);
    return sig ? intr_exit_status(sig) : OMPSCALE_TIMED_OUT;
}

/* The end of the starting line: what --counters measures, and why not the rest. */
static void run_say_counters(const ctx_counters *c)
{
    if (!c->rusage) {
        fprintf(stderr, "; no resource counters (--counters none)");
        return;
    }
    fprintf(stderr, "; counters: getrusage");
    if (c->software)
        fprintf(stderr, ", perf software events");
    else
        fprintf(stderr, " (no software events: %s)", c->software_why);
    if (c->hardware)
        fprintf(stderr, ", perf hardware events%s", c->llc ? "" : " (no LLC misses)");
    else if (strcmp(c->hardware_why, c->software_why) != 0)
        fprintf(stderr, " (no hardware events: %s)", c->hardware_why);
}

/* The starting line: the machine and the plan. */
static void run_say_start(const plan *p, const machine_context *ctx)
{
    char cores[48] = "physical cores unknown"; /* hwloc saw none (context.h) */
    if (ctx->physical_cores > 0)
        snprintf(cores, sizeof cores, "%d physical core%s", ctx->physical_cores,
                 ctx->physical_cores == 1 ? "" : "s");
    fprintf(stderr, "ompscale: %d logical CPU%s, %s; clock resolution %.3g s, a read costs %.3g s; "
                    "%zu thread counts up to %d",
            ctx->logical_cpus, ctx->logical_cpus == 1 ? "" : "s", cores, ctx->clock_resolution_s,
            ctx->clock_overhead_s, p->nthreads, plan_max_threads(p));
    if (ctx->bound_cpus > 0)
        fprintf(stderr, "; threads bound to %d CPU%s (proc_bind %s, places %.200s)",
                ctx->bound_cpus, ctx->bound_cpus == 1 ? "" : "s", ctx->proc_bind, ctx->places);
    run_say_counters(&ctx->counters);
    fputc('\n', stderr);
    ompenv_message env[OMPENV_MAX_MESSAGES];
    ompenv_print(env, ompenv_check_plan(ctx, p->threads, p->nthreads, env, OMPENV_MAX_MESSAGES),
                 stderr);
}

/*
 * One warning when other work competed with the sweep (the analysis marks
 * the busy configurations, load.h): naming the kernels and how many cells,
 * what the other processes used and what the hypervisor stole.
 */
static void run_check_load(const sweep_result *r)
{
    char names[512] = "";
    size_t cells = 0, configs = 0;
    double cpus = 0, steal = 0;
    for (size_t i = 0; i < r->nloads; i++) {
        const config_load *l = &r->loads[i];
        if (!l->busy)
            continue;
        configs++;
        cpus = fmax(cpus, l->share.others_cpus);
        steal = fmax(steal, l->share.steal_fraction);
        const kernel *k = NULL;
        for (size_t c = 0; c < r->ncells; c++)
            if (r->cells[c].group == l->group) {
                k = r->cells[c].k;
                cells++;
            }
        if (k && !strstr(names, k->name))
            text_append(names, sizeof names, "%s%s", names[0] ? ", " : "", k->name);
    }
    if (configs == 0)
        return;
    char stolen[96] = "";
    if (steal > LOAD_BUSY_STEAL)
        snprintf(stolen, sizeof stolen, ", and the hypervisor stole up to %.1f%% of the CPU time",
                 100 * steal);
    char start[64] = "";
    if (r->load_start.ok)
        snprintf(start, sizeof start, " (load average %.2f at the start)",
                 r->load_start.loadavg_1m);
    cli_note("warning: other work competed with the sweep: while %s ran (%zu of %zu cells), other "
             "processes used up to %.2f of the %d CPUs%s%s: those cells' times include it; "
             "rerun on a quiet machine, or with --settle", names, cells, r->ncells, cpus,
             r->ctx.logical_cpus, stolen, start);
}

/* The summary on standard output and the warnings; whether every cell verified. */
static bool run_report(const run_job *job)
{
    const sweep_result *r = &job->result;
    job->opts.stdout_format->write(r, stdout);
    cli_flush_stdout();
    fprintf(stderr, "ompscale: the sweep took %.1f s\n", r->elapsed_s);
    run_check_sizes(r);
    run_check_load(r);
    return run_check_cells(r);
}

/*
 * --settle S: waits, at most S seconds, for other processes to use at most
 * --settle-load CPUs over two successive seconds, and says how it went.
 */
static void run_settle(const runopts *o, int P)
{
    double start = clock_now(), cpus = NAN;
    int quiet = 0;
    load_sample a, b;
    load_read(&a);
    if (!a.ok) {
        cli_note("warning: --settle: /proc cannot be read here: measuring at once");
        return;
    }
    while (quiet < 2 && clock_now() - start < o->settle_s && !intr_signal()) {
        struct timespec second = {1, 0};
        nanosleep(&second, NULL);
        load_read(&b);
        load_share s;
        load_between(&a, &b, P, &s);
        cpus = s.others_cpus;
        quiet = load_busy(&s, o->settle_cpus) ? 0 : quiet + 1;
        a = b;
    }
    if (quiet >= 2)
        cli_note("the machine settled in %.0f s (other processes at %.2f CPUs)",
                 clock_now() - start, cpus);
    else
        cli_note("warning: the machine did not settle within %g s (other processes used %.2f of "
                 "the %d CPUs): measuring anyway", o->settle_s, cpus, P);
}

/* --plot after a complete sweep; a signal now stops gnuplot and says the files are complete. */
static int run_plot_saved(const run_job *job)
{
    char farewell[4400];
    snprintf(farewell, sizeof farewell, "ompscale: interrupted while plotting: %s.csv and .json "
                                        "are complete; the plots were not finished", job->prefix);
    intr_set_farewell(farewell);
    int status = run_plot(job->prefix);
    intr_set_farewell(NULL);
    return status;
}

/* --report after a complete sweep, as --plot: a signal stops gnuplot and says the files are complete. */
static int run_report_saved(const run_job *job)
{
    char farewell[9000];
    snprintf(farewell, sizeof farewell, "ompscale: interrupted while writing the report: %s.csv "
                                        "and .json are complete; %s.html was not written",
             job->prefix, job->prefix);
    intr_set_farewell(farewell);
    int status = run_report_html(job->prefix);
    intr_set_farewell(NULL);
    return status;
}

/* Sweep (analysing and saving as it goes), report and plot, in this process; the exit status. */
static int run_in_process(run_job *job)
{
    char gnuplot[4096], err[512];
    sweep_result *r = &job->result;
    if (job->opts.plot && gp_find(gnuplot, sizeof gnuplot, err, sizeof err) != 0)
        return cli_fail("--plot: %s", err); /* before a sweep whose plots would fail */
    if (job->opts.report && gp_find(gnuplot, sizeof gnuplot, err, sizeof err) != 0)
        return cli_fail("--report: %s", err);
    run_say_start(&job->plan, &r->ctx);
    if (job->opts.settle_s > 0)
        run_settle(&job->opts, r->ctx.logical_cpus);
    load_read(&r->load_start);
    r->busy_cpus = job->opts.settle_cpus;
    size_t total = 0;
    for (size_t g = 0; g < job->plan.ngroups; g++)
        total += plan_group_cells(&job->plan, g, NULL);
    if (!(r->cells = calloc(total, sizeof *r->cells)))
        return cli_fail("out of memory");
    snprintf(run_exit_state.prefix, sizeof run_exit_state.prefix, "%s", job->prefix);
    run_exit_state.in_sweep = true;
    atexit(run_at_exit);
    run_stop stop = {0};
    int status = run_sweep(job, &stop);
    run_exit_state.in_sweep = false;
    /*
     * The files are saved: from here a signal stops at once (stopping
     * gnuplot and removing its temporary files) instead of after a cell.
     */
    intr_install(INTR_AT_ONCE);
    int sig = intr_signal(); /* after the switch: a signal in between is not lost */
    if (status != OMPSCALE_OK)
        return status;
    bool ok = r->ncells == 0 || run_report(job); /* every cell verified */
    if (sig || stop.timed_out)
        return run_stopped_status(job, total, sig);
    if (job->opts.plot && run_plot_saved(job) != OMPSCALE_OK)
        ok = false;
    if (job->opts.report && run_report_saved(job) != OMPSCALE_OK)
        ok = false;
    return ok ? OMPSCALE_OK : OMPSCALE_FAIL;
}

/* The options, after the plugins they name have joined the registry. */
static int run_parse(run_job *job, int argc, char **argv)
{
    int status = plugin_load_options(&run_command, argc, argv);
    return status == OMPSCALE_OK ? runopts_parse(argc, argv, &job->opts) : status;
}

/*
 * --counters: opened before the first parallel region of the run (none has
 * run yet: the context asks the runtime, it starts no team), so that every
 * thread of the OpenMP pool inherits the perf events (counters.h).  The
 * parent of --wait-policy or --bind children measures nothing: it checks
 * that its children can count what they are asked to, and closes them.
 */
static int run_open_counters(run_job *job)
{
    char err[512];
    job->counting = true;
    if (counters_open(&job->counters, job->opts.counters, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    job->result.ctx.counters = job->counters.facts;
    if (job->opts.counters != COUNTERS_NONE && !job->opts.sweep)
        job->opts.measure.counters = &job->counters;
    return OMPSCALE_OK;
}

/* The machine, and what of the plan it decides: the default thread counts, and --weak's sizes. */
static int run_gather_context(run_job *job)
{
    sweep_result *r = &job->result;
    r->knee_threshold = ANALYSIS_KNEE_THRESHOLD;
    r->noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
    snprintf(r->label, sizeof r->label, "%s", job->opts.label ? job->opts.label : "");
    ctx_gather(&r->ctx);
    if (run_open_counters(job) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (job->plan.nthreads == 0)
        plan_default_threads(r->ctx.logical_cpus, r->ctx.physical_cores, job->plan.threads,
                             &job->plan.nthreads);
    return job->opts.weak ? run_weak(&job->plan) : OMPSCALE_OK;
}

/* The files' prefix, locked for the run: --out's (checked), or a new default name. */
static int run_claim_files(run_job *job)
{
    char err[512];
    const runopts *o = &job->opts;
    const char *suffix_buf[ENVSWEEP_MAX + 2];
    const char *const *suffixes = run_suffixes(o, suffix_buf);
    if (!o->out_prefix)
        return run_default_prefix(&job->result.ctx, suffixes, job->prefix, sizeof job->prefix,
                                  &job->lock);
    if (files_check_writable(o->out_prefix, err, sizeof err) != 0)
        return cli_usage_error("--out: %s", err);
    snprintf(job->prefix, sizeof job->prefix, "%s", o->out_prefix);
    return run_given_prefix(o, suffixes, &job->lock);
}

static void run_job_free(run_job *job)
{
    if (job->counting)
        counters_close(&job->counters);
    outlock_release(&job->lock);
    analysis_free(&job->result);
    measure_free_cells(job->result.cells, job->result.ncells);
    free(job->result.cells);
    free(job->result.loads);
    runopts_free(&job->opts);
    free(job);
}

int cmd_run(int argc, char **argv)
{
    run_job *job = calloc(1, sizeof *job);
    if (!job)
        return cli_fail("out of memory");
    job->lock.fd = -1;
    int status = run_parse(job, argc, argv);
    if (status == OMPSCALE_OK)
        status = runopts_plan(&job->opts, &job->plan);
    if (status == OMPSCALE_OK)
        status = run_gather_context(job);
    if (status == OMPSCALE_OK)
        status = run_claim_files(job);
    if (status == OMPSCALE_OK && job->opts.sweep)
        status = run_children(job); /* each value's run in a child, then their comparison */
    else if (status == OMPSCALE_OK)
        status = run_in_process(job);
    run_job_free(job);
    return status;
}
