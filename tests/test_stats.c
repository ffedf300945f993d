/*
 * test_stats.c: the statistics of repetition times (suite unit) against
 * values worked out by hand in the comments: odd, even and single-rep sets, a
 * gross outlier and the modified z-score's edge, the order statistics the
 * median's interval picks at n = 10, 30 and 100, the noise test, and the
 * bootstrap interval of a speedup.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "stats.h"

#define EXACT 1e-12

static void odd_set(void **unused)
{
    (void)unused;
    /* sorted 1 2 3 4 5: min 1, median 3, mean 15/5 = 3;
     * squared deviations 4+1+0+1+4 = 10, sd = sqrt(10/4) = 1.5811388300841898;
     * |x - 3| = 0 1 1 2 2 (sorted), MAD = 1; the largest score 0.6745 * 2/1 = 1.35,
     * no outlier; 5 reps < 6, so the interval is [min, max] = [1, 5]. */
    const double times[] = {3, 1, 5, 2, 4};
    double scratch[5];
    run_stats st;
    assert_int_equal(stats_compute(times, 5, scratch, &st), 0);
    assert_int_equal(st.reps, 5);
    assert_float_equal(st.min_s, 1, EXACT);
    assert_float_equal(st.median_s, 3, EXACT);
    assert_float_equal(st.mean_s, 3, EXACT);
    assert_float_equal(st.stddev_s, 1.5811388300841898, EXACT);
    assert_float_equal(st.mad_s, 1, EXACT);
    assert_float_equal(st.ci95_low_s, 1, EXACT);
    assert_float_equal(st.ci95_high_s, 5, EXACT);
    assert_int_equal(st.outliers, 0);
    /* the times are left as they were */
    assert_float_equal(times[0], 3, 0);
    assert_float_equal(times[4], 4, 0);
}

static void even_set(void **unused)
{
    (void)unused;
    /* sorted 1 3 4 10: median (3 + 4)/2 = 3.5 (not the mean, 18/4 = 4.5);
     * deviations from the mean -3.5 -1.5 -0.5 5.5, squares 12.25+2.25+0.25+30.25 = 45,
     * sd = sqrt(45/3) = sqrt(15) = 3.872983346207417;
     * |x - 3.5| = 2.5 0.5 0.5 6.5 -> sorted 0.5 0.5 2.5 6.5, MAD = (0.5 + 2.5)/2 = 1.5;
     * the score of 10 is 0.6745 * 6.5/1.5 = 2.92 <= 3.5: not an outlier. */
    const double times[] = {4, 1, 3, 10};
    double scratch[4];
    run_stats st;
    assert_int_equal(stats_compute(times, 4, scratch, &st), 0);
    assert_float_equal(st.min_s, 1, EXACT);
    assert_float_equal(st.median_s, 3.5, EXACT);
    assert_float_equal(st.mean_s, 4.5, EXACT);
    assert_float_equal(st.stddev_s, 3.872983346207417, EXACT);
    assert_float_equal(st.mad_s, 1.5, EXACT);
    assert_float_equal(st.ci95_low_s, 1, EXACT);
    assert_float_equal(st.ci95_high_s, 10, EXACT);
    assert_int_equal(st.outliers, 0);
}

static void single_rep(void **unused)
{
    (void)unused;
    const double times[] = {2.5};
    double scratch[1];
    run_stats st;
    memset(&st, 0xff, sizeof st);
    assert_int_equal(stats_compute(times, 1, scratch, &st), 0);
    assert_int_equal(st.reps, 1);
    assert_float_equal(st.min_s, 2.5, 0);
    assert_float_equal(st.median_s, 2.5, 0);
    assert_float_equal(st.mean_s, 2.5, 0);
    assert_float_equal(st.stddev_s, 0, 0); /* not NaN from n - 1 = 0 */
    assert_float_equal(st.mad_s, 0, 0);
    assert_float_equal(st.ci95_low_s, 2.5, 0);
    assert_float_equal(st.ci95_high_s, 2.5, 0);
    assert_int_equal(st.outliers, 0);
}

static void gross_outlier(void **unused)
{
    (void)unused;
    /* sorted 90 95 100 100 105 110 1000: median 100, mean 1600/7 = 228.57142857142858;
     * |x - 100| sorted 0 0 5 5 10 10 900: MAD = 5 (the mean would be dragged to 228
     * and the sd to 340, hiding the outlier); scores 0.6745 * 900/5 = 121.4 for 1000,
     * 0.6745 * 10/5 = 1.35 for 90 and 110: one outlier. */
    const double times[] = {100, 110, 90, 105, 95, 100, 1000};
    double scratch[7];
    run_stats st;
    assert_int_equal(stats_compute(times, 7, scratch, &st), 0);
    assert_float_equal(st.min_s, 90, EXACT);
    assert_float_equal(st.median_s, 100, EXACT);
    assert_float_equal(st.mean_s, 1600.0 / 7, EXACT);
    assert_float_equal(st.mad_s, 5, EXACT);
    assert_int_equal(st.outliers, 1);
}

static void outlier_edge(void **unused)
{
    (void)unused;
    double scratch[9];
    run_stats st;
    /* sorted 74 90 95 100 100 100 105 110 126: median 100;
     * |x - 100| sorted 0 0 0 5 5 10 10 26 26: MAD = 5;
     * 0.6745 * 26/5 = 3.5074 > 3.5: both 74 and 126 are outliers. */
    const double past[] = {100, 90, 126, 95, 100, 105, 74, 110, 100};
    assert_int_equal(stats_compute(past, 9, scratch, &st), 0);
    assert_float_equal(st.median_s, 100, EXACT);
    assert_float_equal(st.mad_s, 5, EXACT);
    assert_int_equal(st.outliers, 2);
    /* the same with 75 and 125: 0.6745 * 25/5 = 3.3725 <= 3.5, none. */
    const double within[] = {100, 90, 125, 95, 100, 105, 75, 110, 100};
    assert_int_equal(stats_compute(within, 9, scratch, &st), 0);
    assert_float_equal(st.mad_s, 5, EXACT);
    assert_int_equal(st.outliers, 0);
    /* MAD = 0 (four of five equal): the odd one's score is infinite, an outlier;
     * all equal: none. */
    const double mostly_equal[] = {1, 1, 2, 1, 1};
    assert_int_equal(stats_compute(mostly_equal, 5, scratch, &st), 0);
    assert_float_equal(st.mad_s, 0, 0);
    assert_int_equal(st.outliers, 1);
    const double all_equal[] = {1, 1, 1, 1, 1};
    assert_int_equal(stats_compute(all_equal, 5, scratch, &st), 0);
    assert_int_equal(st.outliers, 0);
    assert_float_equal(st.stddev_s, 0, 0);
}

/* x[i] = (7 (i + 1)) mod m for i < m - 1, m prime: a scrambled 1 .. m - 1. */
static void scrambled(double *x, int m)
{
    for (int i = 0; i < m - 1; i++)
        x[i] = (7 * (i + 1)) % m;
}

static void ci_ranks(void **unused)
{
    (void)unused;
    double times[100], scratch[100];
    run_stats st;
    /* n = 10: 1.96 sqrt(10) = 6.198; j = floor((10 - 6.198)/2) = floor(1.90) = 1,
     * k = ceil(1 + 16.198/2) = ceil(9.10) = 10: the whole range. */
    scrambled(times, 11);
    assert_int_equal(stats_compute(times, 10, scratch, &st), 0);
    assert_float_equal(st.median_s, 5.5, EXACT);
    assert_float_equal(st.ci95_low_s, 1, 0);
    assert_float_equal(st.ci95_high_s, 10, 0);
    /* n = 30 (1..30): 1.96 sqrt(30) = 10.735; j = floor(19.265/2) = floor(9.63) = 9,
     * k = ceil(1 + 40.735/2) = ceil(21.37) = 22 (rounding to nearest would give 10, 21).
     * median = mean = 15.5; sd = sqrt(n (n + 1)/12) = sqrt(77.5) = 8.803408430829505;
     * |x - 15.5| = 0.5 0.5 1.5 1.5 ... 14.5 14.5, the 15th and 16th both 7.5: MAD 7.5. */
    scrambled(times, 31);
    assert_int_equal(stats_compute(times, 30, scratch, &st), 0);
    assert_float_equal(st.ci95_low_s, 9, 0);
    assert_float_equal(st.ci95_high_s, 22, 0);
    assert_float_equal(st.median_s, 15.5, EXACT);
    assert_float_equal(st.mean_s, 15.5, EXACT);
    assert_float_equal(st.stddev_s, 8.803408430829505, EXACT);
    assert_float_equal(st.mad_s, 7.5, EXACT);
    /* n = 100 (1..100): 1.96 sqrt(100) = 19.6; j = floor(80.4/2) = 40,
     * k = ceil(1 + 119.6/2) = ceil(60.8) = 61. */
    for (int i = 0; i < 100; i++)
        times[i] = 100 - i;
    assert_int_equal(stats_compute(times, 100, scratch, &st), 0);
    assert_float_equal(st.ci95_low_s, 40, 0);
    assert_float_equal(st.ci95_high_s, 61, 0);
}

static void bad_input(void **unused)
{
    (void)unused;
    const double times[] = {1, NAN};
    double scratch[2];
    run_stats st;
    assert_int_equal(stats_compute(times, 0, scratch, &st), 2);
    assert_int_equal(stats_compute(times, 2, scratch, &st), 2); /* a NaN */
    assert_int_equal(stats_compute(NULL, 1, scratch, &st), 2);
    assert_int_equal(stats_compute(times, 1, NULL, &st), 2);
}

static void noisy(void **unused)
{
    (void)unused;
    run_stats st = {.reps = 10, .median_s = 1.0, .ci95_low_s = 0.97, .ci95_high_s = 1.04};
    assert_false(stats_is_noisy(&st, 0.05)); /* -3% .. +4% inside +-5% */
    assert_true(stats_is_noisy(&st, 0.035)); /* +4% past +3.5% */
    /* lopsided: 0.07 wide, under 2 x 5%, but +6% reaches past +5% */
    st.ci95_low_s = 0.99;
    st.ci95_high_s = 1.06;
    assert_true(stats_is_noisy(&st, 0.05));
    st.ci95_low_s = 0.90; /* -10% past -5% */
    st.ci95_high_s = 1.01;
    assert_true(stats_is_noisy(&st, 0.05));
    assert_false(stats_is_noisy(&st, 0.11));
    st.median_s = 0;
    assert_true(stats_is_noisy(&st, 0.5));
    assert_true(stats_is_noisy(NULL, 0.5));
}

/* n times centre x (1 + spread u), u evenly from -1 to 1 in an order set by `stride`. */
static void jittered(double *x, int n, double centre, double spread, int stride)
{
    for (int i = 0; i < n; i++) {
        int k = (i * stride) % n;
        x[i] = centre * (1 + spread * (2.0 * k / (n - 1) - 1));
    }
}

/*
 * One repetition each: every resampled ratio is the same, and the interval
 * must come out as that point, never reversed (the quantiles interpolate,
 * and an ulp the wrong way is a file the reader refuses).  Over many ratios.
 */
static void speedup_ci_of_one_repetition_is_not_reversed(void **unused)
{
    (void)unused;
    size_t reversed = 0;
    /* 1.8861795808260084e-05 / 1.7405034118331966e-05 reversed by an ulp before the fix (about
     * 1 ratio in 80 does); then 2000 more from a fixed sequence. */
    double serial = 1.8861795808260084e-05, parallel = 1.7405034118331966e-05, low, high;
    assert_int_equal(stats_speedup_ci(&serial, 1, &parallel, 1, 2000, 42, &low, &high), 0);
    assert_true(low <= high);
    uint64_t x = 88172645463325252u;
    for (int i = 1; i <= 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        serial = 1e-5 * (1 + (double)(x >> 11) / 9007199254740992.0);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        parallel = 1e-5 * (1 + (double)(x >> 11) / 9007199254740992.0);
        assert_int_equal(stats_speedup_ci(&serial, 1, &parallel, 1, 2000, 42, &low, &high), 0);
        reversed += low > high;
        assert_true(fabs(low - serial / parallel) <= 4e-16 * (serial / parallel));
    }
    assert_int_equal(reversed, 0);
}

static void speedup_ci(void **unused)
{
    (void)unused;
    /* 11 serial times about 2 s and 11 parallel about 0.5 s, symmetric about
     * their centres, so both sample medians are the centres and the ratio is 4. */
    double serial[11], parallel[11], low, high, low2, high2;
    jittered(serial, 11, 2.0, 0.005, 3);
    jittered(parallel, 11, 0.5, 0.005, 5);
    assert_int_equal(stats_speedup_ci(serial, 11, parallel, 11, 2000, 42, &low, &high), 0);
    /* every resampled ratio lies in 2 (1 +- 0.005) / 0.5 (1 -+ 0.005) = [3.960, 4.040] */
    assert_true(low <= 4 && 4 <= high);
    assert_true(low >= 3.96 && high <= 4.041);
    double quiet_width = high - low;
    assert_true(quiet_width > 0 && quiet_width < 0.05);
    /* reproducible from the seed */
    assert_int_equal(stats_speedup_ci(serial, 11, parallel, 11, 2000, 42, &low2, &high2), 0);
    assert_float_equal(low2, low, 0);
    assert_float_equal(high2, high, 0);

    /* +-20% jitter: still about 4, some 40x as wide (the width scales with the spread) */
    jittered(serial, 11, 2.0, 0.2, 3);
    jittered(parallel, 11, 0.5, 0.2, 5);
    assert_int_equal(stats_speedup_ci(serial, 11, parallel, 11, 2000, 42, &low, &high), 0);
    assert_true(low <= 4 && 4 <= high);
    assert_true(high - low > 10 * quiet_width);
    /* any ratio lies in [2 (0.8)/0.5 (1.2), 2 (1.2)/0.5 (0.8)] = [2.67, 6]; medians of 11 stay nearer */
    assert_true(low > 3.0 && high < 5.2);

    /* serial 1..11, parallel 1: the ratio is the median of 11 draws from 1..11,
     * P(median <= m) = P(Binomial(11, m/11) >= 6) = 0.0072, 0.051 at m = 2, 3 and
     * 0.949, 0.993 at m = 8, 9, so the 2.5 and 97.5 percentiles are 3 and 9 (the
     * 10th and 90th would be 4 and 8), far from the steps for 4000 resamples. */
    double eleven[11];
    for (int i = 0; i < 11; i++)
        eleven[i] = i + 1;
    const double one[] = {1};
    assert_int_equal(stats_speedup_ci(eleven, 11, one, 1, 4000, 7, &low, &high), 0);
    assert_float_equal(low, 3, 0);
    assert_float_equal(high, 9, 0);

    /* one time each: every resample is 3/1.5 = 2 */
    const double one_serial[] = {3}, one_parallel[] = {1.5};
    assert_int_equal(stats_speedup_ci(one_serial, 1, one_parallel, 1, 100, 1, &low, &high), 0);
    assert_float_equal(low, 2, 0);
    assert_float_equal(high, 2, 0);

    const double zero[] = {0};
    assert_int_equal(stats_speedup_ci(one_serial, 1, zero, 1, 100, 1, &low, &high), 2);
    assert_int_equal(stats_speedup_ci(one_serial, 0, one_parallel, 1, 100, 1, &low, &high), 2);
    assert_int_equal(stats_speedup_ci(one_serial, 1, one_parallel, 1, 0, 1, &low, &high), 2);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(odd_set),     cmocka_unit_test(even_set),   cmocka_unit_test(single_rep),
        cmocka_unit_test(gross_outlier), cmocka_unit_test(outlier_edge), cmocka_unit_test(ci_ranks),
        cmocka_unit_test(bad_input),   cmocka_unit_test(noisy),      cmocka_unit_test(speedup_ci),
        cmocka_unit_test(speedup_ci_of_one_repetition_is_not_reversed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
