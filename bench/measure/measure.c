/*
 * measure.c: preparing a kernel and timing its cells (measure.h).
 */
#include "measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

static bool measure_cell_done(const cell_result *c, const measure_opts *o)
{
    if (c->failed || (int64_t)c->reps >= o->max_reps)
        return true;
    if ((int64_t)c->reps < o->min_reps)
        return false;
    double total = 0;
    for (size_t i = 0; i < c->reps; i++)
        total += c->times[i];
    return total >= o->min_time_s;
}

/*
 * Marks c failed after a run that returned an error: the kernel's verify()
 * says why (kernel.h), and that check is the cell's, before any earlier one.
 */
static void measure_failed(const kernel *k, void *state, cell_result *c)
{
    kernel_check check;
    k->verify(state, &check);
    check.verified = false;
    if (!check.detail[0]) /* a kernel that broke the contract: still not an empty reason */
        snprintf(check.detail, sizeof check.detail,
                 "the run failed and %s gave no reason (kernel.h asks verify() for one)",
                 k->name);
    c->check = check;
    c->failed = true;
    c->verified = false;
}

/*
 * One timed repetition of a cell, then its verification.  The counters are
 * read outside the two clock reads, so that reading them costs the timed
 * region nothing; what they count then includes the clock reads.
 */
static void measure_rep(const kernel *k, void *state, cell_result *c, const counters *counters)
{
    kernel_exec exec = {.threads = c->threads, .schedule = c->schedule};
    int obtained = 0;
    counters_sample before, after;
    if (counters)
        counters_read(counters, &before);
    double t0 = clock_now();
    int status = k->run(state, c->variant, &exec, &obtained);
    double t1 = clock_now();
    if (counters)
        counters_read(counters, &after);
    if (status != OMPSCALE_OK) {
        measure_failed(k, state, c);
        return;
    }
    if (c->reps == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        double *t = realloc(c->times, cap * sizeof *t);
        if (!t) {
            c->failed = true;
            c->verified = false;
            snprintf(c->check.detail, sizeof c->check.detail,
                     "out of memory for the times of %zu repetitions", c->reps + 1);
            return;
        }
        c->times = t;
        c->cap = cap;
    }
    c->times[c->reps++] = t1 - t0;
    if (counters)
        counters_add(counters, &before, &after, t1 - t0, &c->usage);
    if (c->reps == 1 || obtained < c->threads_obtained)
        c->threads_obtained = obtained;
    if (c->reps == 1 || obtained > c->threads_obtained_max)
        c->threads_obtained_max = obtained;
    kernel_check check;
    k->verify(state, &check);
    /* Keep the first failing check; otherwise the latest. */
    if (c->verified || c->reps == 1)
        c->check = check;
    c->verified = (c->reps == 1 || c->verified) && check.verified;
}

static bool measure_stopped(const measure_opts *o)
{
    return o->stop && o->stop(o->stop_ctx);
}

/*
 * After a stop: keeps the cells that have their minimum repetitions, in
 * order, at the front; frees and zeroes the rest.  In interleaved order every
 * cell of a configuration is in progress until the end, so "finished" alone
 * would lose them all; a cell with --min-reps repetitions has what any cell
 * is measured with at least (its reps column says how many it got).
 */
static size_t measure_keep_finished(cell_result *cells, size_t n, const measure_opts *o)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (measure_cell_done(&cells[i], o) || (int64_t)cells[i].reps >= o->min_reps) {
            if (kept != i)
                cells[kept] = cells[i];
            kept++;
        } else {
            free(cells[i].times);
        }
    }
    memset(cells + kept, 0, (n - kept) * sizeof *cells);
    return kept;
}

/* What is told after every repetition. */
typedef struct measure_teller {
    measure_progress progress;
    void *ctx;
    const kernel *k;
    const double *warmup_s;
} measure_teller;

static void measure_tell(const measure_teller *t, const cell_result *cells, size_t n)
{
    if (t->progress)
        t->progress(t->ctx, t->k, cells, n, t->warmup_s);
}

/* Repetitions until every cell is done, or the stop check says stop; told after each. */
static void measure_reps(const kernel *k, void *state, cell_result *cells, size_t n,
                         const measure_opts *o, const measure_teller *t)
{
    size_t done = 0;
    if (o->sequential) {
        for (size_t i = 0; i < n && !measure_stopped(o); i++)
            while (!measure_cell_done(&cells[i], o)) {
                measure_rep(k, state, &cells[i], o->counters);
                measure_tell(t, cells, n);
            }
        return;
    }
    while (done < n) {
        done = 0;
        for (size_t i = 0; i < n; i++) {
            if (!measure_cell_done(&cells[i], o)) {
                measure_rep(k, state, &cells[i], o->counters);
                if (measure_stopped(o))
                    return;
                measure_tell(t, cells, n);
            }
            done += measure_cell_done(&cells[i], o);
        }
    }
}

measure_probe_times measure_probe(plan_group *g, int max_threads, const measure_opts *o)
{
    measure_probe_times t = {NAN, NAN, NAN};
    const kernel *k = g->k;
    void *state = NULL;
    char err[256];
    if (measure_stopped(o))
        return t;
    double t0 = clock_now();
    if (k->prepare(g->values, max_threads, &state, err, sizeof err) != 0)
        return t;
    double t1 = clock_now();
    kernel_exec exec = {.threads = 1};
    int obtained;
    int status = k->run(state, 0, &exec, &obtained);
    double t2 = clock_now();
    kernel_check check = {0};
    k->verify(state, &check);
    double t3 = clock_now();
    k->free(state);
    if (status == OMPSCALE_OK)
        t = (measure_probe_times){t1 - t0, t2 - t1, t3 - t2};
    return t;
}

int measure_group(plan_group *g, int max_threads, cell_result *cells, size_t n,
                  const measure_opts *o, measure_progress progress, void *progress_ctx,
                  size_t *finished, char *err, size_t errlen)
{
    const kernel *k = g->k;
    void *state = NULL;
    *finished = 0;
    int status = k->prepare(g->values, max_threads, &state, err, errlen);
    if (status != OMPSCALE_OK)
        return status;
    char params[256];
    kernel_params_text(g->k, g->values, params, sizeof params);
    int64_t size = g->values[kernel_param_index(k, k->size_param)].i;
    for (size_t i = 0; i < n; i++) {
        snprintf(cells[i].params, sizeof cells[i].params, "%s", params);
        cells[i].size = size;
        cells[i].verified = true;
        k->work(state, &cells[i].work);
    }
    /*
     * Warm-up: untimed as a measurement, every cell in turn; its time (the
     * last warm-up's) only foretells a cell's repetitions to the progress line.
     */
    double *warmup_s = calloc(n, sizeof *warmup_s);
    for (size_t i = 0; warmup_s && i < n; i++)
        warmup_s[i] = NAN;
    for (int64_t w = 0; w < o->warmup && !measure_stopped(o); w++)
        for (size_t i = 0; i < n; i++) {
            kernel_exec exec = {.threads = cells[i].threads, .schedule = cells[i].schedule};
            int obtained;
            double t0 = clock_now();
            if (!cells[i].failed && k->run(state, cells[i].variant, &exec, &obtained) != OMPSCALE_OK)
                measure_failed(k, state, &cells[i]);
            if (warmup_s)
                warmup_s[i] = clock_now() - t0;
        }
    measure_teller teller = {progress, progress_ctx, k, warmup_s};
    if (!measure_stopped(o)) {
        measure_tell(&teller, cells, n);
        measure_reps(k, state, cells, n, o, &teller);
    }
    free(warmup_s);
    for (size_t i = 0; i < n; i++) {
        if (k->facts && cells[i].reps > 0)
            cells[i].nfacts = (size_t)k->facts(state, cells[i].facts, RESULT_MAX_FACTS);
        if (cells[i].reps > 0) /* again after the runs: counts a kernel took from them (kernel.h) */
            k->work(state, &cells[i].work);
        if (cells[i].reps == 0)
            cells[i].verified = false;
    }
    k->free(state);
    *finished = measure_stopped(o) ? measure_keep_finished(cells, n, o) : n;
    return OMPSCALE_OK;
}

void measure_free_cells(cell_result *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cells[i].times);
        cells[i].times = NULL;
    }
}
