/*
 * stats.h: the statistics of one cell's repetition times.  Pure numbers, no
 * I/O: GSL's gsl_sort and gsl_stats_* do the work where GSL has the routine.
 */
#ifndef OMPSCALE_STATS_H
#define OMPSCALE_STATS_H

#include <stddef.h>

typedef struct run_stats {
    size_t reps;
    double min_s;
    double median_s;
    double mean_s;
    double stddev_s;    /* sample standard deviation (n - 1); 0 for one rep */
    double mad_s;       /* median absolute deviation from the median, unscaled */
    double ci95_low_s;  /* 95% confidence interval of the median: order statistics */
    double ci95_high_s;
    size_t outliers;    /* modified z-score |0.6745 (x - median) / MAD| > 3.5 */
} run_stats;

/*
 * Fills st from n >= 1 times (seconds).  The times are not changed (a sorted
 * copy is made in scratch, which holds n doubles).  The confidence interval
 * of the median takes the order statistics x(j), x(k) with
 * j = floor((n - 1.96 sqrt(n)) / 2), k = ceil(1 + (n + 1.96 sqrt(n)) / 2)
 * (1-based, clamped to 1..n): distribution-free, exact to the binomial's
 * normal approximation; below 6 reps it is [min, max].
 */
int stats_compute(const double *times, size_t n, double *scratch, run_stats *st);

/* Whether the cell is noisy: its CI is wider than +-tolerance x median. */
int stats_is_noisy(const run_stats *st, double tolerance);

/*
 * A 95% bootstrap confidence interval of median(serial) / median(parallel):
 * `resamples` resamplings of both sets with replacement (GSL's mt19937,
 * seeded with `seed` so a run is reproducible), percentiles 2.5 and 97.5.
 */
int stats_speedup_ci(const double *serial, size_t ns, const double *parallel, size_t np,
                     size_t resamples, unsigned long seed, double *low, double *high);

#endif
