/*
 * stats.c: the statistics of one cell's repetition times (stats.h).  A sorted
 * copy (gsl_sort) gives the minimum, the median and the order-statistic
 * confidence interval of the median; gsl_stats_mean, gsl_stats_sd and
 * gsl_stats_mad0 give the rest, and the outliers are counted by the
 * Iglewicz-Hoaglin modified z-score against the median and MAD.  The speedup
 * interval is a percentile bootstrap on GSL's mt19937.  Statuses follow main's
 * exit codes: 0 done, 2 bad arguments, 1 out of memory.
 */
#include "stats.h"

#include "status.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The standard normal's two-sided 95% point, and the modified z-score's constants. */
#define STATS_Z95 1.96
#define STATS_MAD_TO_Z 0.6745 /* Phi^-1(0.75): makes MAD comparable to a standard deviation */
#define STATS_OUTLIER_Z 3.5
/* Below this many reps the order-statistic interval is simply [min, max]. */
#define STATS_CI_MIN_REPS 6

/* Whether all n values are finite (and positive when `positive`). */
static int stats_values_ok(const double *x, size_t n, int positive)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || (positive && !(x[i] > 0)))
            return 0;
    return 1;
}

/*
 * The 1-based ranks j <= k of the order statistics that bracket the median
 * with 95% confidence (stats.h gives the formula): floor and ceil make the
 * interval err on the wide side.
 */
static void stats_median_ci_ranks(size_t n, size_t *j, size_t *k)
{
    if (n < STATS_CI_MIN_REPS) {
        *j = 1;
        *k = n;
        return;
    }
    double half_width = STATS_Z95 * sqrt((double)n);
    double lo = floor(((double)n - half_width) / 2);
    double hi = ceil(1 + ((double)n + half_width) / 2);
    *j = lo < 1 ? 1 : (size_t)lo;
    *k = hi > (double)n ? n : (size_t)hi;
}

/*
 * The outlier count: |0.6745 (x - median) / MAD| > 3.5.  When MAD is 0 (more
 * than half the times are equal to the median) the score of any other time is
 * infinite, so every time off the median counts.
 */
static size_t stats_count_outliers(const double *times, size_t n, double median, double mad)
{
    size_t outliers = 0;
    for (size_t i = 0; i < n; i++) {
        double deviation = fabs(times[i] - median);
        if (mad > 0 ? STATS_MAD_TO_Z * deviation / mad > STATS_OUTLIER_Z : deviation > 0)
            outliers++;
    }
    return outliers;
}

int stats_compute(const double *times, size_t n, double *scratch, run_stats *st)
{
    if (!times || n == 0 || !scratch || !st || !stats_values_ok(times, n, 0))
        return OMPSCALE_USAGE;
    memcpy(scratch, times, n * sizeof *scratch);
    gsl_sort(scratch, 1, n);

    run_stats s = {0};
    s.reps = n;
    s.min_s = scratch[0];
    s.median_s = gsl_stats_median_from_sorted_data(scratch, 1, n);
    s.mean_s = gsl_stats_mean(scratch, 1, n);
    s.stddev_s = n > 1 ? gsl_stats_sd_m(scratch, 1, n, s.mean_s) : 0;
    size_t j, k;
    stats_median_ci_ranks(n, &j, &k);
    s.ci95_low_s = scratch[j - 1];
    s.ci95_high_s = scratch[k - 1];
    /* gsl_stats_mad0 reads the times and works in scratch, which is done with. */
    s.mad_s = gsl_stats_mad0(times, 1, n, scratch);
    s.outliers = stats_count_outliers(times, n, s.median_s, s.mad_s);
    *st = s;
    return 0;
}

/*
 * Noisy when either end of the interval reaches past median x (1 +- tolerance):
 * the median is then uncertain by more than the tolerance on that side, even if
 * the interval is lopsided and narrower than 2 x tolerance x median overall.
 * A missing or non-positive median cannot be vouched for, so it is noisy too.
 */
int stats_is_noisy(const run_stats *st, double tolerance)
{
    if (!st || !(st->median_s > 0))
        return 1;
    double band = tolerance * st->median_s;
    return st->median_s - st->ci95_low_s > band || st->ci95_high_s - st->median_s > band;
}

/* The median of n values drawn with replacement from x, built in buf. */
static double stats_resampled_median(const gsl_rng *rng, const double *x, size_t n, double *buf)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = x[gsl_rng_uniform_int(rng, n)];
    return gsl_stats_median(buf, 1, n);
}

int stats_speedup_ci(const double *serial, size_t ns, const double *parallel, size_t np,
                     size_t resamples, unsigned long seed, double *low, double *high)
{
    if (!serial || !parallel || ns == 0 || np == 0 || resamples == 0 || !low || !high ||
        !stats_values_ok(serial, ns, 1) || !stats_values_ok(parallel, np, 1))
        return OMPSCALE_USAGE;

    int status = OMPSCALE_FAIL;
    gsl_rng *rng = NULL;
    double *ratios = malloc(resamples * sizeof *ratios);
    double *buf = malloc((ns > np ? ns : np) * sizeof *buf);
    if (!ratios || !buf || !(rng = gsl_rng_alloc(gsl_rng_mt19937)))
        goto done;
    gsl_rng_set(rng, seed);

    for (size_t r = 0; r < resamples; r++) {
        double serial_median = stats_resampled_median(rng, serial, ns, buf);
        double parallel_median = stats_resampled_median(rng, parallel, np, buf);
        ratios[r] = serial_median / parallel_median;
    }
    gsl_sort(ratios, 1, resamples);
    *low = gsl_stats_quantile_from_sorted_data(ratios, 1, resamples, 0.025);
    *high = gsl_stats_quantile_from_sorted_data(ratios, 1, resamples, 0.975);
    /*
     * The quantiles interpolate, (1 - d) x_i + d x_i+1: when every ratio is
     * the same (one repetition each) the two can round an ulp apart the
     * wrong way, and a reversed interval is one the reader refuses.
     */
    if (*low > *high)
        *low = *high;
    status = 0;
done:
    gsl_rng_free(rng);
    free(buf);
    free(ratios);
    return status;
}
