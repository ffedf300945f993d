/*
 * analysis.c: statistics, speedups and scaling summaries of a sweep (analysis.h).
 */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ceiling.h"
#include "roofline.h"
#include "constructs.h"
#include "sizes.h"
#include "units.h"
#include "usage.h"

#define ANALYSIS_RESAMPLES 2000
#define ANALYSIS_SEED 12345UL

static bool same_schedule(const kernel_schedule *a, const kernel_schedule *b)
{
    return a->kind == b->kind && a->chunk == b->chunk;
}


/* v, or NAN (not applicable) when it is not finite: a ratio of extreme times. */
static double analysis_finite(double v)
{
    return isfinite(v) ? v : NAN;
}

static int analysis_cells(sweep_result *r)
{
    size_t most = 1;
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].reps > most)
            most = r->cells[i].reps;
    double *scratch = malloc(most * sizeof *scratch);
    if (!scratch)
        return OMPSCALE_FAIL;
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        double scale;
        c->throughput_unit = units_throughput(c->work.unit, &scale);
        c->throughput = c->speedup = c->efficiency = NAN;
        c->speedup_ci_low = c->speedup_ci_high = NAN;
        c->noisy = false;
        c->as_asked = false;
        if (c->reps == 0) { /* a failed cell: nothing was timed */
            c->stats = (run_stats){.min_s = NAN, .median_s = NAN, .mean_s = NAN,
                                   .stddev_s = NAN, .mad_s = NAN, .ci95_low_s = NAN,
                                   .ci95_high_s = NAN};
            continue;
        }
        c->as_asked = c->threads_obtained == c->threads;
        stats_compute(c->times, c->reps, scratch, &c->stats);
        c->noisy = stats_is_noisy(&c->stats, r->noise_tolerance);
        if (c->stats.median_s > 0)
            c->throughput = analysis_finite(c->work.amount / c->stats.median_s / scale);
    }
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        const cell_result *s = result_serial(r, c->group);
        if (c->reps == 0 || !s || !(c->stats.median_s > 0))
            continue;
        c->speedup = analysis_finite(s->stats.median_s / c->stats.median_s);
        /* Over the threads that ran: under OMP_THREAD_LIMIT a cell asked for 4 may run 2. */
        int ran = c->threads_obtained > 0 ? c->threads_obtained : c->threads;
        c->efficiency = analysis_finite(c->speedup / ran);
        stats_speedup_ci(s->times, s->reps, c->times, c->reps, ANALYSIS_RESAMPLES, ANALYSIS_SEED,
                         &c->speedup_ci_low, &c->speedup_ci_high);
        if (!isfinite(c->speedup_ci_low) || !isfinite(c->speedup_ci_high))
            c->speedup_ci_low = c->speedup_ci_high = NAN;
    }
    free(scratch);
    return 0;
}

/*
 * Why a kernel stops scaling, in a few words, from what the suite knows of
 * it: its work unit (bytes: memory-bound; items that sleep: latency-bound),
 * whether its iterations cost alike, the schedule, and where the knee is.
 */
static const char *analysis_diagnosis(const scaling_result *sr, kernel_unit work_unit)
{
    scaling_knee knee = sr->summary.knee;
    bool static_split = sr->schedule.kind == SCHED_STATIC;
    if (knee == KNEE_NONE)
        return "no limit reached in this plan";
    if (work_unit == KERNEL_UNIT_BYTES)
        return "memory-bound: more threads add no memory bandwidth";
    if (knee == KNEE_EARLY)
        return "before the core count: parallel overhead or contention";
    if (knee == KNEE_WITHIN)
        return "within the CPU count, the cores being unknown: parallel overhead, contention, "
               "or threads sharing cores";
    if (sr->k->unequal_work && static_split)
        return "unequal iterations under a static split leave threads idle (extra threads "
               "rebalance it)";
    if (knee == KNEE_BEYOND)
        return "past the CPU count: latency-bound work (waiting threads leave the cores "
               "free), or a busy machine; see the intervals";
    return "compute-bound: past the cores, threads only share them";
}

const cell_result *analysis_best_cell(const sweep_result *r, const scaling_result *sr)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (c->group == sr->group && c->variant == sr->variant &&
            c->threads == sr->summary.best_threads && same_schedule(&c->schedule, &sr->schedule) &&
            c->reps > 0)
            return c;
    }
    return NULL;
}

/* Whether scaling row (group, variant, schedule) is already listed. */
static bool analysis_listed(const sweep_result *r, const cell_result *c)
{
    for (size_t j = 0; j < r->nscaling; j++)
        if (r->scaling[j].group == c->group && r->scaling[j].variant == c->variant &&
            same_schedule(&r->scaling[j].schedule, &c->schedule))
            return true;
    return false;
}

static void analysis_summarise(sweep_result *r, scaling_result *sr, int P, int physical)
{
    scaling_point pts[SCALING_MAX_POINTS];
    size_t n = 0;
    const cell_result *serial = result_serial(r, sr->group);
    sr->omp_overhead = 0;
    sr->as_asked = 0;
    for (size_t i = 0; i < r->ncells && n < SCALING_MAX_POINTS; i++) {
        const cell_result *c = &r->cells[i];
        if (c->group != sr->group || c->variant != sr->variant ||
            !same_schedule(&c->schedule, &sr->schedule) || c->reps == 0)
            continue;
        sr->measured = true;
        sr->as_asked += c->as_asked;
        if (!(c->speedup > 0))
            continue;
        if (!c->as_asked)
            continue; /* not a measurement at c->threads (OMP_THREAD_LIMIT, OMP_DYNAMIC) */
        pts[n++] = (scaling_point){c->threads, c->speedup, c->speedup_ci_low, c->speedup_ci_high};
        if (c->threads == 1 && serial)
            sr->omp_overhead = c->stats.median_s / serial->stats.median_s;
    }
    /* cells are planned in thread order, so pts is sorted */
    sr->analysed = n > 0 &&
                   scaling_analyse(pts, n, P, physical, r->knee_threshold, &sr->summary) == 0;
    sr->diagnosis = NULL;
    const cell_result *best = analysis_best_cell(r, sr);
    /* A cause is given only for a flattening the intervals support (scaling.h). */
    if (sr->analysed && sr->as_asked >= 2 && best && !sr->summary.knee_withheld[0])
        sr->diagnosis = analysis_diagnosis(sr, best->work.unit);
    /* What the resource figures show, cited by the cause where one is given. */
    usage_finding(r, sr, P);
    if (sr->diagnosis && sr->resources[0]) {
        snprintf(sr->diagnosis_text, sizeof sr->diagnosis_text, "%s; %s", sr->diagnosis,
                 sr->resources);
        sr->diagnosis = sr->diagnosis_text;
    }
}

int analysis_run(sweep_result *r, int P, int physical)
{
    if (analysis_cells(r) != 0)
        return OMPSCALE_FAIL;
    ceiling_cells(r);
    if (roofline_cells(r) != OMPSCALE_OK)
        return OMPSCALE_FAIL;
    constructs_cost(r);
    usage_cells(r);
    r->scaling = calloc(r->ncells ? r->ncells : 1, sizeof *r->scaling);
    if (!r->scaling)
        return OMPSCALE_FAIL;
    r->nscaling = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        /* a series whose cells all failed is listed too: the table shows them */
        if (c->variant == 0 || analysis_listed(r, c))
            continue;
        scaling_result *sr = &r->scaling[r->nscaling++];
        sr->group = c->group;
        sr->k = c->k;
        sr->variant = c->variant;
        sr->schedule = c->schedule;
        sr->size = c->size;
        analysis_summarise(r, sr, P, physical);
    }
    /* The best schedule of each (group, variant), and its gain over static. */
    for (size_t j = 0; j < r->nscaling; j++) {
        scaling_result *best = &r->scaling[j];
        const scaling_result *stat = NULL;
        bool is_best = true;
        for (size_t m = 0; m < r->nscaling; m++) {
            const scaling_result *o = &r->scaling[m];
            if (o->group != best->group || o->variant != best->variant || !o->analysed)
                continue;
            if (o->schedule.kind == SCHED_STATIC && o->schedule.chunk == 0)
                stat = o;
            if (o->summary.max_speedup > best->summary.max_speedup ||
                (o->summary.max_speedup == best->summary.max_speedup && m < j))
                is_best = false;
        }
        best->best_schedule = best->analysed && is_best;
        best->gain_over_static = is_best && stat && stat->summary.max_speedup > 0
                                     ? best->summary.max_speedup / stat->summary.max_speedup
                                     : 0;
    }
    sizes_minimum(r, P);
    sizes_analyse(r);
    /* Which configurations other work competed with (load.h). */
    /*
     * A configuration too short to judge on its own (a --quick one: a few
     * ticks) is busy when the whole sweep was.
     */
    double busy = r->busy_cpus > 0 ? r->busy_cpus : LOAD_BUSY_CPUS;
    load_between(&r->load_start, &r->load_end, P, &r->load_sweep);
    bool sweep_busy = load_busy(&r->load_sweep, busy);
    if (!load_judged(&r->load_sweep, busy)) { /* too short for the ticks: count the tasks */
        const load_sample *samples[2 * ANALYSIS_MAX_LOADS + 1];
        size_t n = 0;
        samples[n++] = &r->load_start;
        for (size_t i = 0; i < r->nloads && i < ANALYSIS_MAX_LOADS; i++) {
            samples[n++] = &r->loads[i].before;
            samples[n++] = &r->loads[i].after;
        }
        sweep_busy = load_busy_runnable(samples, n, busy);
    }
    for (size_t i = 0; i < r->nloads; i++) {
        config_load *l = &r->loads[i];
        load_between(&l->before, &l->after, P, &l->share);
        l->busy = load_judged(&l->share, busy) ? load_busy(&l->share, busy) : sweep_busy;
    }
    return 0;
}

void analysis_free(sweep_result *r)
{
    free(r->scaling);
    r->scaling = NULL;
    free(r->roofline);
    r->roofline = NULL;
    r->nroofline = 0;
    r->nscaling = 0;
}
