/*
 * progress.h: how far a sweep has got and how long it has left, told from
 * the repetitions' own times (not from finished cells, which in interleaved
 * order all finish at the end).  A cell needs repetitions until it has
 * min_reps of them and min_time seconds, at most max_reps; one more takes
 * the mean of its repetitions so far or, before its first, the time its
 * untimed warm-up took.  Kernels not yet prepared are forecast from the
 * cells measured so far.  The estimates are pure functions (tested on
 * synthetic timings); progress_line renders one for a terminal or a log.
 */
#ifndef OMPSCALE_PROGRESS_H
#define OMPSCALE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure.h"
#include "result.h"

/*
 * The repetitions cell c still needs under o, and the seconds they take, one
 * taking rep_s (used until the cell has repetitions of its own; NAN or <= 0:
 * unknown, so seconds is NAN).  A failed cell needs none.
 */
void progress_cell_left(const cell_result *c, const measure_opts *o, double rep_s, int64_t *reps,
                        double *seconds);

/* Where a sweep stands. */
typedef struct progress_view {
    const char *kernel;     /* the kernel being measured */
    size_t group, ngroups;  /* its configuration, of all */
    int64_t reps_done;      /* timed repetitions so far, every configuration */
    int64_t reps_left;      /* those still needed (a forecast for later configurations) */
    double elapsed_s;
    double left_s;          /* NAN while unknown */
} progress_view;

/* One configuration of the sweep, as the forecast sees it. */
typedef struct progress_group {
    const void *kernel;   /* which kernel (compared only): configurations of one kernel scale */
    double size;          /* its size parameter: a repetition's time scales with it */
    size_t ncells;
    bool measured;        /* reps and seconds are its own */
    int64_t reps;         /* timed repetitions, all its cells */
    double seconds;       /* their total time */
    /* timed before the sweep (measure_probe), NAN where not: one serial run, the check of
     * its result (each repetition's costs as much), prepare */
    double probe_s, probe_check_s, probe_prepare_s;
} progress_group;

/*
 * The view while configuration `current` of groups[0..ngroups) is measured:
 * its cells[0..n) as they stand (warmup_s[i]: cell i's warm-up time, or
 * NULL), the measured configurations before it as recorded.  A later
 * configuration is forecast from the last measured one of the same kernel,
 * its repetition time scaled by the sizes (then the repetitions follow the
 * rule of progress_cell_left), or else from its probe (one serial run timed
 * before the sweep, with its prepare), or else from the mean configuration
 * so far.  Each repetition also costs its check: where the kernel's probe
 * timed one, (run + check) / run of its repetitions' time; else what the
 * sweep has cost so far per second of repetitions (v->elapsed_s, when set).
 */
void progress_estimate(const cell_result *cells, size_t n, const double *warmup_s,
                       const measure_opts *o, const progress_group *groups, size_t ngroups,
                       size_t current, progress_view *v);

/*
 * One line: on a terminal a bar of the share of the time done (of the
 * repetitions while the time left is unknown), "[#####.....]  45% 312 of
 * ~690 repetitions, ..."; otherwise plain text for a log.  Written to buf.
 */
void progress_line(const progress_view *v, bool tty, char *buf, size_t len);

#endif
