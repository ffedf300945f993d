/*
 * measure.h: running the cells of one kernel configuration: prepare once
 * (outside every timed region), untimed warm-ups, then timed repetitions
 * until each cell has both a minimum count and a minimum total time, capped
 * by a maximum.  Cells run interleaved (one repetition of every cell in turn,
 * repeated) so that drift in the machine's speed falls on every thread count
 * alike; sequential order runs each cell's repetitions back to back.  Every
 * timed repetition is verified, outside the timed region.  An optional stop
 * check, asked between repetitions, ends the group early: the cells that
 * finished are kept, the others dropped (measure.h knows nothing of why).
 */
#ifndef OMPSCALE_MEASURE_H
#define OMPSCALE_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counters.h"
#include "plan.h"
#include "result.h"

typedef struct measure_opts {
    int64_t warmup;     /* untimed runs per cell before the first timed one */
    int64_t min_reps;
    int64_t max_reps;
    double min_time_s;  /* per cell, summed over its timed repetitions */
    bool sequential;
    /* Asked after every repetition (interleaved) or cell (sequential); true: stop there. */
    bool (*stop)(void *ctx);
    void *stop_ctx;
    /* Read around every timed repetition into the cell's usage; NULL: none (counters.h). */
    const counters *counters;
} measure_opts;

/*
 * Called after the warm-up and after every timed repetition, with the n
 * cells of the group as they stand and the seconds each cell's warm-up took
 * (NAN where none ran; NULL if unknown), for a progress line (progress.h).
 */
typedef void (*measure_progress)(void *ctx, const kernel *k, const cell_result *cells, size_t n,
                                 const double *warmup_s);

/* What one serial run of a configuration costs, timed before the sweep (NAN: unknown). */
typedef struct measure_probe_times {
    double prepare_s; /* prepare() */
    double run_s;     /* one serial run */
    double check_s;   /* verify() after it: every repetition's check costs as much */
} measure_probe_times;

/*
 * g prepared, run once serially, its result checked, freed, each step timed:
 * for the progress line's forecast of a configuration not yet measured
 * (every field NAN when prepare or the run failed, or o->stop).  The
 * sweep's measurements do not use it.
 */
measure_probe_times measure_probe(plan_group *g, int max_threads, const measure_opts *o);

/*
 * Prepares g and measures its n cells.  Returns OMPSCALE_OK, OMPSCALE_USAGE or
 * OMPSCALE_FAIL (with a message in err) when the kernel could not be prepared;
 * a repetition that does not verify is recorded in its cell, and so is a run
 * that fails (warm-up or timed): the cell is failed, with no more runs, and
 * its check is the kernel's verify() after the failure, which says why.
 * *finished: n, or fewer when o->stop stopped it: the cells that finished
 * (reached their repetitions, or failed), moved to the front in plan order;
 * the rest are dropped and zeroed.
 */
int measure_group(plan_group *g, int max_threads, cell_result *cells, size_t n,
                  const measure_opts *o, measure_progress progress, void *progress_ctx,
                  size_t *finished, char *err, size_t errlen);

/* Frees the cells' time arrays. */
void measure_free_cells(cell_result *cells, size_t n);

#endif
