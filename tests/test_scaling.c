/*
 * test_scaling.c: the scaling analysis (suite unit) on synthetic speedup
 * tables with known answers: perfect scaling, Amdahl with f = 0.1, flat after
 * two threads, slower past P, a table drawn from a known USL curve, and
 * superlinear or negative-coefficient data that the non-negative USL fit must
 * hold at the edge of its range, and knees classed without a core count.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "scaling.h"

#define EXACT 1e-9

/* The table of n points p[i] with speedup s[i] (the intervals do not matter here). */
static size_t table(scaling_point *pts, const int *p, const double *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pts[i] = (scaling_point){p[i], s[i], s[i], s[i]};
    return n;
}

static double usl(double sigma, double kappa, double p)
{
    return p / (1 + sigma * (p - 1) + kappa * p * (p - 1));
}

static void perfect(void **unused)
{
    (void)unused;
    scaling_point pts[8];
    for (int p = 1; p <= 8; p++)
        pts[p - 1] = (scaling_point){p, p, p, p};
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, 8, 8, 4, 0.05, &s), 0);
    assert_int_equal(s.best_threads, 8);
    assert_float_equal(s.max_speedup, 8, 0);
    assert_int_equal(s.flattens_at, 8);
    assert_int_equal(s.knee, KNEE_NONE);
    assert_float_equal(s.threshold, 0.05, 0);
    /* Karp-Flatt (1/p - 1/p)/(1 - 1/p) = 0 for p = 2..8, and none at p = 1 */
    assert_int_equal(s.points, 7);
    for (size_t i = 0; i < s.points; i++) {
        assert_int_equal(s.kf_threads[i], (int)i + 2);
        assert_float_equal(s.karp_flatt[i], 0, EXACT);
    }
    /* 1/S = 1/p exactly: intercept f = 0, slope 1 */
    assert_true(s.amdahl_ok);
    assert_float_equal(s.amdahl_f, 0, EXACT);
    assert_float_equal(s.amdahl_slope, 1, EXACT);
    /* p/S - 1 = 0: no contention, no coherency, no peak; S(16) = 16, S(32) = 32 */
    assert_true(s.usl_ok);
    assert_float_equal(s.usl_sigma, 0, EXACT);
    assert_float_equal(s.usl_kappa, 0, EXACT);
    assert_true(s.usl_peak_p > 1e6);
    assert_float_equal(s.usl_at_2P, 16, 1e-6);
    assert_float_equal(s.usl_at_4P, 32, 1e-6);
}

static void amdahl(void **unused)
{
    (void)unused;
    /* f = 0.1: S = 1/(0.1 + 0.9/p) = 1, 1/0.55, 1/0.4, 1/0.325 for p = 1..4;
     * Karp-Flatt (0.1 + 0.9/p - 1/p)/(1 - 1/p) = 0.1 (1 - 1/p)/(1 - 1/p) = 0.1 at
     * every p; and p/S - 1 = 0.1 (p - 1): USL sigma = 0.1, kappa = 0. */
    const int p[] = {1, 2, 3, 4, 8};
    const double speedup[] = {1, 1 / 0.55, 1 / 0.4, 1 / 0.325, 2.5};
    scaling_point pts[5];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 4), 4, 2, 0.05, &s), 0);
    assert_true(s.amdahl_ok);
    assert_float_equal(s.amdahl_f, 0.1, EXACT);
    assert_float_equal(s.amdahl_slope, 0.9, EXACT);
    assert_int_equal(s.points, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(s.kf_threads[i], p[i + 1]);
        assert_float_equal(s.karp_flatt[i], 0.1, EXACT);
    }
    assert_true(s.usl_ok);
    assert_float_equal(s.usl_sigma, 0.1, EXACT);
    assert_float_equal(s.usl_kappa, 0, EXACT);
    /* 3.077 / 2.5 = 1.23: still scaling at P */
    assert_int_equal(s.best_threads, 4);
    assert_int_equal(s.flattens_at, 4);
    assert_int_equal(s.knee, KNEE_NONE);

    /* A fall to 2.5 at p = 8 > P: Amdahl's fit over p <= P is unchanged (over
     * all five points f would be 0.194); the knee is now at 4 = P with 2
     * physical cores, so SMT siblings helped. */
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 5), 4, 2, 0.05, &s), 0);
    assert_float_equal(s.amdahl_f, 0.1, EXACT);
    assert_float_equal(s.amdahl_slope, 0.9, EXACT);
    assert_int_equal(s.points, 4);
    assert_float_equal(s.karp_flatt[3], (1 / 2.5 - 1 / 8.0) / (1 - 1 / 8.0), EXACT);
    assert_int_equal(s.best_threads, 4);
    assert_int_equal(s.flattens_at, 4);
    assert_int_equal(s.knee, KNEE_LOGICAL);

    /* on 2 CPUs (this suite's machines), Amdahl's fit has p = 1 and 2 only: a line through
     * two points fits them exactly (R^2 = 1), so it stands as no finding; the numbers stay */
    assert_string_equal(s.amdahl_withheld, "");
    assert_int_equal(s.amdahl_points, 4);
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 4), 2, 2, 0.05, &s), 0);
    assert_true(s.amdahl_ok);
    assert_int_equal(s.amdahl_points, 2);
    assert_float_equal(s.amdahl_f, 0.1, EXACT);
    assert_float_equal(s.amdahl_r2, 1, EXACT);
    assert_non_null(strstr(s.amdahl_withheld, "fitted through 2 thread counts"));

    /* a single point up to P is no fit */
    const int one_p[] = {1, 8};
    const double one_s[] = {1, 5};
    assert_int_equal(scaling_analyse(pts, table(pts, one_p, one_s, 2), 4, 4, 0.05, &s), 0);
    assert_false(s.amdahl_ok);
    assert_true(isnan(s.amdahl_f));
    assert_false(s.usl_ok); /* one point with p > 1 */
}

static void flat_after_two(void **unused)
{
    (void)unused;
    /* 1.95 and 1.92 are within 5% of 1.90 (1.995): flat from p = 2 on, though the
     * best is p = 3.  With 2 physical cores the knee is at them; with 4, earlier. */
    const int p[] = {1, 2, 3, 4};
    const double speedup[] = {1, 1.9, 1.95, 1.92};
    scaling_point pts[4];
    scaling_summary s;
    table(pts, p, speedup, 4);
    assert_int_equal(scaling_analyse(pts, 4, 4, 2, 0.05, &s), 0);
    assert_int_equal(s.best_threads, 3);
    assert_float_equal(s.max_speedup, 1.95, 0);
    assert_int_equal(s.flattens_at, 2);
    assert_int_equal(s.knee, KNEE_PHYSICAL);
    assert_string_equal(scaling_knee_name(s.knee), "physical-cores");
    assert_int_equal(scaling_analyse(pts, 4, 4, 4, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 2);
    assert_int_equal(s.knee, KNEE_EARLY);
    /* a 1% threshold: 1.95 > 1.9 x 1.01 = 1.919 still counts, 1.92 <= 1.95 x 1.01 */
    assert_int_equal(scaling_analyse(pts, 4, 4, 4, 0.01, &s), 0);
    assert_int_equal(s.flattens_at, 3);
    assert_int_equal(s.knee, KNEE_EARLY);
    /* Karp-Flatt at p = 2: (1/1.9 - 1/2)/(1/2) = 2/1.9 - 1 = 0.05263157894736842 */
    assert_float_equal(s.karp_flatt[0], 0.05263157894736842, EXACT);
}

static void slower_past_P(void **unused)
{
    (void)unused;
    /* Up to P = 4 then down.  The unconstrained USL fit has sigma = -0.119 < 0,
     * so the fit keeps sigma = 0 and fits kappa alone:
     * x = p (p - 1) = 2 6 12 20 30 42 56, y = p/S - 1,
     * kappa = sum(x y) / sum(x^2) = sum(x y) / 6384 = 0.03500113865775019, and
     * the peak is sqrt(1/kappa) = 5.345137892060116. */
    const int p[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double speedup[] = {1, 1.9, 2.7, 3.4, 3.2, 3.0, 2.8, 2.6};
    scaling_point pts[8];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 8), 4, 4, 0.05, &s), 0);
    assert_int_equal(s.best_threads, 4);
    assert_float_equal(s.max_speedup, 3.4, 0);
    assert_int_equal(s.flattens_at, 4);
    assert_int_equal(s.knee, KNEE_PHYSICAL);
    assert_true(s.usl_ok);
    assert_true(s.usl_kappa > 0);
    assert_float_equal(s.usl_sigma, 0, 0);
    assert_float_equal(s.usl_kappa, 0.03500113865775019, EXACT);
    assert_true(s.usl_peak_p > 3 && s.usl_peak_p < 6);
    assert_float_equal(s.usl_peak_p, 5.345137892060116, 1e-8);
    assert_float_equal(s.usl_at_2P, usl(0, 0.03500113865775019, 8), 1e-8);
    assert_float_equal(s.usl_at_4P, usl(0, 0.03500113865775019, 16), 1e-8);
    /* Amdahl over p = 1..4 only: f = 0.05677718680814653, slope 0.9425736286417401
     * (over all eight points it would be f = 0.188) */
    assert_float_equal(s.amdahl_f, 0.05677718680814653, EXACT);
    assert_float_equal(s.amdahl_slope, 0.9425736286417401, EXACT);
    /* Karp-Flatt rises past the peak: at 8, (1/2.6 - 1/8)/(7/8) = 0.2967032967032967 */
    assert_int_equal(s.kf_threads[6], 8);
    assert_float_equal(s.karp_flatt[6], 0.2967032967032967, EXACT);
}

static void usl_recovered(void **unused)
{
    (void)unused;
    /* Speedups from sigma = 0.05, kappa = 0.01 (peak sqrt(0.95/0.01) = 9.7468) */
    const int p[] = {1, 2, 4, 8, 16};
    double speedup[5];
    for (int i = 0; i < 5; i++)
        speedup[i] = usl(0.05, 0.01, p[i]);
    scaling_point pts[5];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 5), 8, 4, 0.05, &s), 0);
    assert_true(s.usl_ok);
    assert_float_equal(s.usl_sigma, 0.05, 1e-6);
    assert_float_equal(s.usl_kappa, 0.01, 1e-6);
    assert_float_equal(s.usl_peak_p, 9.746794344808963, 1e-4);
    /* 2P = 16: 16/(1 + 0.75 + 2.4) = 3.855421686746988; 4P = 32: 32/12.47 = 2.566158781074579 */
    assert_float_equal(s.usl_at_2P, 3.855421686746988, 1e-5);
    assert_float_equal(s.usl_at_4P, 2.566158781074579, 1e-5);
    /* S(8) = 4.188 > 1.05 S(4) = 3.307, then S(16) = 3.855: best and knee at 8 = P, past the
     * 4 physical cores */
    assert_int_equal(s.best_threads, 8);
    assert_int_equal(s.flattens_at, 8);
    assert_int_equal(s.knee, KNEE_LOGICAL);
}

static void usl_held_non_negative(void **unused)
{
    (void)unused;
    scaling_point pts[4];
    scaling_summary s;
    /* Superlinear: p/S - 1 < 0 at every p, so the best non-negative fit is
     * sigma = kappa = 0 (S = p): no peak, S(2P) = 8. */
    const int p[] = {1, 2, 3, 4};
    const double superlinear[] = {1, 2.1, 3.3, 4.5};
    assert_int_equal(scaling_analyse(pts, table(pts, p, superlinear, 4), 4, 4, 0.05, &s), 0);
    assert_float_equal(s.usl_sigma, 0, 0);
    assert_float_equal(s.usl_kappa, 0, 0);
    assert_true(isinf(s.usl_peak_p));
    assert_float_equal(s.usl_at_2P, 8, EXACT);
    assert_float_equal(s.usl_at_4P, 16, EXACT);
    /* Karp-Flatt goes negative for superlinear speedup: (1/2.1 - 1/2)/(1/2) = 2/2.1 - 1 */
    assert_float_equal(s.karp_flatt[0], 2 / 2.1 - 1, EXACT);

    /* y = p/S - 1 = 0.196 0.576 1.288 at p = 2 4 8 (sigma 0.2, kappa -0.002 exactly):
     * kappa is held at 0 and sigma alone is sum((p - 1) y) / sum((p - 1)^2)
     * = (0.196 + 3 x 0.576 + 7 x 1.288) / (1 + 9 + 49) = 10.94/59. */
    const int q[] = {1, 2, 4, 8};
    const double y[] = {0, 0.196, 0.576, 1.288};
    double speedup[4];
    for (int i = 0; i < 4; i++)
        speedup[i] = q[i] / (1 + y[i]);
    assert_int_equal(scaling_analyse(pts, table(pts, q, speedup, 4), 8, 4, 0.05, &s), 0);
    assert_float_equal(s.usl_kappa, 0, 0);
    assert_float_equal(s.usl_sigma, 10.94 / 59, EXACT);
    assert_true(isinf(s.usl_peak_p));
    assert_float_equal(s.usl_at_2P, usl(10.94 / 59, 0, 16), EXACT);
}

static void beyond_cpus(void **unused)
{
    (void)unused;
    /* latency-bound: keeps scaling past P = 4, flat from 8 */
    const int p[] = {1, 2, 4, 8, 16};
    const double speedup[] = {1, 2, 4, 7.9, 8.1};
    scaling_point pts[5];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 5), 4, 2, 0.05, &s), 0);
    assert_int_equal(s.best_threads, 16);
    assert_int_equal(s.flattens_at, 8);
    assert_int_equal(s.knee, KNEE_BEYOND);
    assert_string_equal(scaling_knee_name(s.knee), "beyond-cpus");
    /* a speedup of 1 on one thread at exactly the threshold's edge: 1.05 <= 1 x 1.05 */
    const int two[] = {1, 2};
    const double edge[] = {1, 1.05};
    assert_int_equal(scaling_analyse(pts, table(pts, two, edge, 2), 2, 2, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 1);
    assert_int_equal(s.knee, KNEE_EARLY);
}

static void slow_creep_and_ties(void **unused)
{
    (void)unused;
    /* each step gains 4%, under the 5% threshold, but the knee compares with the
     * candidate itself: 2.25 > 2 x 1.05 and > 2.08 x 1.05 = 2.184, but
     * <= 2.16 x 1.05 = 2.268, so it flattens at 4, not at 2 */
    const int p[] = {1, 2, 3, 4, 5};
    const double creep[] = {1, 2, 2.08, 2.16, 2.25};
    scaling_point pts[5];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, creep, 5), 8, 4, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 4);
    assert_int_equal(s.knee, KNEE_PHYSICAL);
    /* a tie for the best goes to fewer threads */
    const double tie[] = {1, 2, 3, 3, 2.5};
    assert_int_equal(scaling_analyse(pts, table(pts, p, tie, 5), 8, 4, 0.05, &s), 0);
    assert_int_equal(s.best_threads, 3);
    assert_int_equal(s.flattens_at, 3);
    assert_int_equal(s.knee, KNEE_EARLY);
}

static void cores_unknown(void **unused)
{
    (void)unused;
    /*
     * physical = 0: hwloc saw no core.  The flat_after_two table flattens at
     * 2 of P = 4: with 2 cores that is at the cores, with 4 before them;
     * unknown, it is only within the CPUs.  The latency-bound table still
     * flattens past P (8 > 4).  Everything but the knee's class is the same.
     */
    const int p[] = {1, 2, 3, 4};
    const double speedup[] = {1, 1.9, 1.95, 1.92};
    scaling_point pts[5];
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, table(pts, p, speedup, 4), 4, 0, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 2);
    assert_int_equal(s.best_threads, 3);
    assert_int_equal(s.knee, KNEE_WITHIN);
    assert_string_equal(scaling_knee_name(s.knee), "within-cpus");
    assert_float_equal(s.karp_flatt[0], 0.05263157894736842, EXACT);
    const int beyond_p[] = {1, 2, 4, 8, 16};
    const double beyond[] = {1, 2, 4, 7.9, 8.1};
    assert_int_equal(scaling_analyse(pts, table(pts, beyond_p, beyond, 5), 4, 0, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 8);
    assert_int_equal(s.knee, KNEE_BEYOND);
    /* flat exactly at P = 4 (4.1, 4.15 <= 4 x 1.05): at the CPUs, not "logical" without cores */
    const double at_p[] = {1, 2, 4, 4.1, 4.15};
    assert_int_equal(scaling_analyse(pts, table(pts, beyond_p, at_p, 5), 4, 0, 0.05, &s), 0);
    assert_int_equal(s.flattens_at, 4);
    assert_int_equal(s.knee, KNEE_WITHIN);
    assert_int_equal(scaling_analyse(pts, table(pts, beyond_p, at_p, 5), 4, -1, 0.05, &s), 2);
}

/* n points p[i], speedup s[i], 95% interval [lo[i], hi[i]]. */
static size_t noisy(scaling_point *pts, const int *p, const double *s, const double *lo,
                    const double *hi, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pts[i] = (scaling_point){p[i], s[i], lo[i], hi[i]};
    return n;
}

/*
 * What is withheld (scaling.h, scaling.c's rules) on tables a noisy machine
 * gives, and what stands on a clean one.
 */
static void noise_withholds(void **unused)
{
    (void)unused;
    scaling_point pts[8];
    scaling_summary s;
    const int p3[] = {1, 2, 3};

    /* Each thread count slower: 1/S = 1, 1.92, 2.94 against 1/p = 1, 0.5, 0.33 gives an
     * intercept f near 3.9, no fraction: withheld, its number kept. */
    const double slow[] = {1.0, 0.52, 0.34}, slow_lo[] = {0.98, 0.5, 0.33},
                 slow_hi[] = {1.02, 0.54, 0.35};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, slow, slow_lo, slow_hi, 3), 2, 2, 0.05,
                                     &s), 0);
    assert_true(s.amdahl_ok && s.amdahl_f > 1);
    assert_non_null(strstr(s.amdahl_withheld, "outside [0, 1]"));
    assert_string_equal(s.speedup_note, ""); /* the best is serial-equal 1.0 at 1 thread */

    /* Best 0.97x with an interval below 1: no speedup, and no knee or still-scaling claim. */
    const double under[] = {0.9, 0.95, 0.97}, under_lo[] = {0.85, 0.9, 0.93},
                 under_hi[] = {0.95, 0.98, 0.99};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, under, under_lo, under_hi, 3), 2, 2, 0.05,
                                     &s), 0);
    assert_true(s.no_speedup);
    assert_non_null(strstr(s.speedup_note, "no speedup: the parallel runs are slower than serial "
                                           "(best 0.97x at 3 threads)"));
    assert_non_null(strstr(s.knee_withheld, "no gain"));
    /* The same best with an interval that reaches 1: "no speedup shown", not "slower". */
    const double reach_hi[] = {0.95, 0.98, 1.05};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, under, under_lo, reach_hi, 3), 2, 2, 0.05,
                                     &s), 0);
    assert_false(s.no_speedup);
    assert_non_null(strstr(s.speedup_note, "no speedup shown"));

    /* Still scaling at 3 by the points (1.8 > 1.5 x 1.05), but 3's interval starts below 2's
     * end: inconclusive, naming both. */
    const double rise[] = {1.0, 1.5, 1.8}, rise_lo[] = {0.95, 1.3, 1.6}, rise_hi[] = {1.05, 1.7, 2.0};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, rise, rise_lo, rise_hi, 3), 2, 2, 0.05,
                                     &s), 0);
    assert_int_equal(s.knee, KNEE_NONE);
    assert_string_equal(s.knee_withheld, "inconclusive: the intervals at 2 and 3 threads overlap");

    /* A knee at 2 whose gain over 1 the intervals do not show (1.05 [0.95, 1.15] against
     * 1 [0.9, 1.1]). */
    const double knee[] = {1.0, 1.05, 1.06}, knee_lo[] = {0.9, 0.95, 0.96},
                 knee_hi[] = {1.1, 1.15, 1.16};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, knee, knee_lo, knee_hi, 3), 4, 4, 0.05,
                                     &s), 0);
    assert_int_equal(s.flattens_at, 2);
    assert_string_equal(s.knee_withheld, "inconclusive: the intervals at 1 and 2 threads overlap");

    /* Clean: every gain beyond the intervals, Amdahl f in [0, 1] with R^2 near 1. */
    const double clean[] = {1.0, 1.9, 2.7}, clean_lo[] = {0.98, 1.85, 2.6},
                 clean_hi[] = {1.02, 1.95, 2.8};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p3, clean, clean_lo, clean_hi, 3), 4, 4, 0.05,
                                     &s), 0);
    assert_string_equal(s.knee_withheld, "");
    assert_string_equal(s.speedup_note, "");
    assert_string_equal(s.amdahl_withheld, "");
    assert_true(s.amdahl_f >= 0 && s.amdahl_f <= 1 && s.amdahl_r2 > 0.99);
    assert_string_equal(s.usl_withheld, "");

    /* A zigzag no USL curve follows: its fit is withheld as poor. */
    const int p6[] = {1, 2, 3, 4, 5, 6};
    const double zig[] = {1.0, 1.9, 1.2, 2.8, 1.5, 3.6};
    assert_int_equal(scaling_analyse(pts, noisy(pts, p6, zig, zig, zig, 6), 8, 8, 0.05, &s), 0);
    assert_true(s.usl_ok && s.usl_r2 < SCALING_MIN_R2);
    assert_non_null(strstr(s.usl_withheld, "poor fit (R^2"));
}

static void names_and_bad_input(void **unused)
{
    (void)unused;
    assert_string_equal(scaling_knee_name(KNEE_NONE), "none");
    assert_string_equal(scaling_knee_name(KNEE_EARLY), "early");
    assert_string_equal(scaling_knee_name(KNEE_PHYSICAL), "physical-cores");
    assert_string_equal(scaling_knee_name(KNEE_LOGICAL), "logical-cpus");
    assert_string_equal(scaling_knee_name(KNEE_BEYOND), "beyond-cpus");

    scaling_point pts[3] = {{1, 1, 1, 1}, {2, 2, 2, 2}, {4, 3, 3, 3}};
    scaling_summary s;
    assert_int_equal(scaling_analyse(pts, 0, 4, 2, 0.05, &s), 2);
    assert_int_equal(scaling_analyse(pts, SCALING_MAX_POINTS + 1, 4, 2, 0.05, &s), 2);
    assert_int_equal(scaling_analyse(pts, 3, 0, 1, 0.05, &s), 2);
    assert_int_equal(scaling_analyse(pts, 3, 4, 8, 0.05, &s), 2); /* physical > P */
    assert_int_equal(scaling_analyse(pts, 3, 4, 2, -0.1, &s), 2);
    pts[2].threads = 2; /* not rising */
    assert_int_equal(scaling_analyse(pts, 3, 4, 2, 0.05, &s), 2);
    pts[2].threads = 4;
    pts[1].speedup = 0;
    assert_int_equal(scaling_analyse(pts, 3, 4, 2, 0.05, &s), 2);
    pts[1].speedup = 2;
    assert_int_equal(scaling_analyse(pts, 3, 4, 2, 0.05, &s), 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(perfect),
        cmocka_unit_test(amdahl),
        cmocka_unit_test(flat_after_two),
        cmocka_unit_test(slower_past_P),
        cmocka_unit_test(usl_recovered),
        cmocka_unit_test(usl_held_non_negative),
        cmocka_unit_test(beyond_cpus),
        cmocka_unit_test(slow_creep_and_ties),
        cmocka_unit_test(cores_unknown),
        cmocka_unit_test(noise_withholds),
        cmocka_unit_test(names_and_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
