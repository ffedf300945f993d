/*
 * scaling.c: what a row of speedups against thread count says (scaling.h).
 * The knee is the smallest thread count p_i in the plan after which no later
 * p_j beats it by more than the threshold, S_j <= S_i (1 + threshold); when
 * only the last point qualifies the series is still scaling (KNEE_NONE).  The
 * Amdahl fit is gsl_fit_linear of 1/S on 1/p over p <= P.  The Universal
 * Scalability Law is fitted on its linear form p/S - 1 = sigma (p - 1) +
 * kappa p (p - 1), with no intercept, over every point (points past P show
 * the retrograde part that kappa describes) by gsl_multifit_linear; sigma and
 * kappa are kept non-negative (see scaling_fit_usl).  Statuses: 0 done, 2 bad
 * arguments, 1 a GSL failure.
 *
 * What stands as a finding (scaling_judge).  A figure the data cannot support
 * is withheld, with the reason, instead of printed as fact:
 * - the best speedup is no gain when it is below 1: "no speedup" when its
 *   interval lies below 1 too, "no speedup shown" when the interval reaches 1;
 *   then no knee or "still scaling" claim is made either;
 * - "still scaling at p_n" needs the speedup at p_n to be above the one
 *   before beyond both intervals (ci_low(p_n) > ci_high(p_n-1)), and a knee at
 *   p_i (i > 0) needs the same of p_i over p_i-1 (that gain is real): else
 *   "inconclusive: the intervals at p_i-1 and p_i threads overlap";
 * - the Amdahl serial fraction needs 0 <= f <= 1 (a fraction) and R^2 >=
 *   SCALING_MIN_R2; the USL needs sigma <= 1 and R^2 >= SCALING_MIN_R2 of its
 *   curve against the speedups.  Two points always fit exactly (R^2 = 1).
 * Points without an interval (NAN bounds) cannot be judged; their claims stand.
 */
#include "scaling.h"

#include "status.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_fit.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_vector.h>

/* Whether the points are usable: thread counts from 1 strictly rising, speedups finite and positive. */
static int scaling_points_ok(const scaling_point *pts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (pts[i].threads < 1 || !isfinite(pts[i].speedup) || !(pts[i].speedup > 0))
            return 0;
        if (i > 0 && pts[i].threads <= pts[i - 1].threads)
            return 0;
    }
    return 1;
}

/* The index of the knee (scaling.c's top comment gives the rule). */
static size_t scaling_knee_index(const scaling_point *pts, size_t n, double threshold)
{
    for (size_t i = 0; i < n; i++) {
        double ceiling = pts[i].speedup * (1 + threshold);
        size_t j = i + 1;
        while (j < n && pts[j].speedup <= ceiling)
            j++;
        if (j == n)
            return i;
    }
    return n - 1; /* not reached: the last point always qualifies */
}

static scaling_knee scaling_classify(int flattens_at, int last_threads, int P, int physical)
{
    if (flattens_at == last_threads)
        return KNEE_NONE;
    if (physical == 0) /* unknown: before, at or past the cores cannot be told */
        return flattens_at <= P ? KNEE_WITHIN : KNEE_BEYOND;
    if (flattens_at < physical)
        return KNEE_EARLY;
    if (flattens_at == physical)
        return KNEE_PHYSICAL;
    if (flattens_at <= P)
        return KNEE_LOGICAL;
    return KNEE_BEYOND;
}

/* Amdahl: 1/S = f + (1 - f)/p over the points with p <= P. */
static int scaling_fit_amdahl(const scaling_point *pts, size_t n, int P, scaling_summary *out)
{
    double x[SCALING_MAX_POINTS], y[SCALING_MAX_POINTS];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (pts[i].threads <= P) {
            x[m] = 1.0 / pts[i].threads;
            y[m] = 1.0 / pts[i].speedup;
            m++;
        }
    out->amdahl_f = out->amdahl_slope = NAN;
    out->amdahl_ok = 0;
    out->amdahl_points = (int)m;
    if (m < 2) /* the thread counts are distinct, so two points are two distinct p */
        return 0;
    double f, slope, cov00, cov01, cov11, sumsq;
    if (gsl_fit_linear(x, 1, y, 1, m, &f, &slope, &cov00, &cov01, &cov11, &sumsq) != 0)
        return OMPSCALE_FAIL;
    out->amdahl_f = f;
    out->amdahl_slope = slope;
    out->amdahl_ok = 1;
    double mean = 0, total = 0;
    for (size_t i = 0; i < m; i++)
        mean += y[i] / (double)m;
    for (size_t i = 0; i < m; i++)
        total += (y[i] - mean) * (y[i] - mean);
    out->amdahl_r2 = total > 0 ? 1 - sumsq / total : 1; /* flat 1/S: the fit is exact */
    return 0;
}

/* The USL speedup at p threads. */
static double scaling_usl(double sigma, double kappa, double p)
{
    return p / (1 + sigma * (p - 1) + kappa * p * (p - 1));
}

/*
 * The one-parameter fit y = c x (no intercept) held at c >= 0, and its residual
 * sum of squares.
 */
static int scaling_fit_one(const double *x, const double *y, size_t m, double *c, double *sumsq)
{
    double cov;
    if (gsl_fit_mul(x, 1, y, 1, m, c, &cov, sumsq) != 0)
        return OMPSCALE_FAIL;
    if (*c < 0) {
        *c = 0;
        *sumsq = 0;
        for (size_t i = 0; i < m; i++)
            *sumsq += y[i] * y[i];
    }
    return 0;
}

/*
 * USL: p/S - 1 = sigma (p - 1) + kappa p (p - 1) by least squares over the
 * points with p > 1 (at p = 1 both columns are 0, so such a row adds nothing).
 * Negative sigma or kappa mean nothing physically (superlinear speedups give
 * them), so the fit is the least squares with sigma, kappa >= 0: the plain
 * two-column fit when both come out non-negative; otherwise the optimum lies
 * on an edge, and of the two one-column fits (sigma alone with kappa = 0,
 * kappa alone with sigma = 0, each held at >= 0 in turn) the one with the
 * smaller residual wins.  The peak is where dS/dp = 0, sqrt((1 - sigma)/kappa):
 * infinite when kappa = 0 and 1 when sigma >= 1 (then S never rises).
 */
static int scaling_fit_usl(const scaling_point *pts, size_t n, int P, scaling_summary *out)
{
    double xs[SCALING_MAX_POINTS], xk[SCALING_MAX_POINTS], y[SCALING_MAX_POINTS];
    double design[2 * SCALING_MAX_POINTS];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double p = pts[i].threads;
        if (p <= 1)
            continue;
        xs[m] = design[2 * m] = p - 1;
        xk[m] = design[2 * m + 1] = p * (p - 1);
        y[m] = p / pts[i].speedup - 1;
        m++;
    }
    out->usl_sigma = out->usl_kappa = out->usl_peak_p = out->usl_at_2P = out->usl_at_4P = NAN;
    out->usl_r2 = NAN;
    out->usl_ok = 0;
    if (m < 2)
        return 0;

    int status = OMPSCALE_FAIL;
    double sigma, kappa, c[2], cov[4], chisq;
    gsl_matrix_view X = gsl_matrix_view_array(design, m, 2);
    gsl_vector_view yv = gsl_vector_view_array(y, m);
    gsl_vector_view cv = gsl_vector_view_array(c, 2);
    gsl_matrix_view covv = gsl_matrix_view_array(cov, 2, 2);
    gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc(m, 2);
    if (!work || gsl_multifit_linear(&X.matrix, &yv.vector, &cv.vector, &covv.matrix, &chisq,
                                     work) != 0)
        goto done;
    sigma = c[0];
    kappa = c[1];
    if (sigma < 0 || kappa < 0) {
        double sigma_alone, kappa_alone, sumsq_sigma, sumsq_kappa;
        if (scaling_fit_one(xs, y, m, &sigma_alone, &sumsq_sigma) != 0 ||
            scaling_fit_one(xk, y, m, &kappa_alone, &sumsq_kappa) != 0)
            goto done;
        sigma = sumsq_sigma <= sumsq_kappa ? sigma_alone : 0;
        kappa = sumsq_sigma <= sumsq_kappa ? 0 : kappa_alone;
    }
    out->usl_sigma = sigma;
    out->usl_kappa = kappa;
    out->usl_peak_p = sigma >= 1 ? 1 : kappa == 0 ? INFINITY : sqrt((1 - sigma) / kappa);
    out->usl_at_2P = scaling_usl(sigma, kappa, 2.0 * P);
    out->usl_at_4P = scaling_usl(sigma, kappa, 4.0 * P);
    out->usl_ok = 1;
    double mean = 0, total = 0, resid = 0;
    for (size_t i = 0; i < n; i++)
        mean += pts[i].speedup / (double)n;
    for (size_t i = 0; i < n; i++) {
        double d = pts[i].speedup - scaling_usl(sigma, kappa, pts[i].threads);
        total += (pts[i].speedup - mean) * (pts[i].speedup - mean);
        resid += d * d;
    }
    out->usl_r2 = total > 0 ? 1 - resid / total : (resid == 0 ? 1 : 0);
    status = 0;
done:
    if (work)
        gsl_multifit_linear_free(work);
    return status;
}

/* Whether the gain from point a to point b is real: b's interval lies above a's. */
static bool scaling_gain_shown(const scaling_point *a, const scaling_point *b)
{
    if (!isfinite(a->ci_high) || !isfinite(b->ci_low))
        return true; /* no intervals: it cannot be judged, so it stands */
    return b->ci_low > a->ci_high;
}

/* The rules of the top comment: what is withheld, and why. */
static void scaling_judge(const scaling_point *pts, size_t n, size_t best, size_t knee,
                          scaling_summary *s)
{
    const scaling_point *b = &pts[best];
    if (b->speedup < 1) {
        bool below = isfinite(b->ci_high) ? b->ci_high < 1 : true;
        s->no_speedup = below;
        snprintf(s->speedup_note, sizeof s->speedup_note,
                 below ? "no speedup: the parallel runs are slower than serial (best %.2fx at %d "
                         "thread%s)"
                       : "no speedup shown: the best, %.2fx at %d thread%s, has an interval that "
                         "reaches 1",
                 b->speedup, b->threads, b->threads == 1 ? "" : "s");
        snprintf(s->knee_withheld, sizeof s->knee_withheld, "no gain, so no scaling to flatten");
    } else {
        size_t at = s->knee == KNEE_NONE ? n - 1 : knee;
        if (at > 0 && !scaling_gain_shown(&pts[at - 1], &pts[at]))
            snprintf(s->knee_withheld, sizeof s->knee_withheld,
                     "inconclusive: the intervals at %d and %d threads overlap",
                     pts[at - 1].threads, pts[at].threads);
    }
    if (s->amdahl_ok && !(s->amdahl_f >= 0 && s->amdahl_f <= 1))
        snprintf(s->amdahl_withheld, sizeof s->amdahl_withheld,
                 "its fit gives %.3g, outside [0, 1]: the speedups do not follow Amdahl's law",
                 s->amdahl_f);
    else if (s->amdahl_ok && s->amdahl_points < 3)
        snprintf(s->amdahl_withheld, sizeof s->amdahl_withheld,
                 "fitted through %d thread counts (those up to the CPUs): a line through two "
                 "points fits them exactly, so nothing tests Amdahl's law", s->amdahl_points);
    else if (s->amdahl_ok && s->amdahl_r2 < SCALING_MIN_R2)
        snprintf(s->amdahl_withheld, sizeof s->amdahl_withheld, "poor fit (R^2 %.2f)",
                 s->amdahl_r2);
    if (s->usl_ok && s->usl_sigma > 1)
        snprintf(s->usl_withheld, sizeof s->usl_withheld,
                 "contention sigma %.3g above 1: the speedups fall from the first thread on",
                 s->usl_sigma);
    else if (s->usl_ok && s->usl_r2 < SCALING_MIN_R2)
        snprintf(s->usl_withheld, sizeof s->usl_withheld, "poor fit (R^2 %.2f)", s->usl_r2);
}

int scaling_analyse(const scaling_point *pts, size_t n, int P, int physical, double threshold,
                    scaling_summary *out)
{
    if (!pts || !out || n == 0 || n > SCALING_MAX_POINTS || P < 1 || physical < 0 ||
        physical > P || !isfinite(threshold) || threshold < 0 || !scaling_points_ok(pts, n))
        return OMPSCALE_USAGE;

    scaling_summary s;
    memset(&s, 0, sizeof s);
    s.threshold = threshold;

    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (pts[i].speedup > pts[best].speedup)
            best = i; /* a tie keeps the fewer threads */
    s.best_threads = pts[best].threads;
    s.max_speedup = pts[best].speedup;

    size_t knee = scaling_knee_index(pts, n, threshold);
    s.flattens_at = pts[knee].threads;
    s.knee = scaling_classify(s.flattens_at, pts[n - 1].threads, P, physical);

    for (size_t i = 0; i < n; i++) {
        double p = pts[i].threads;
        if (p <= 1)
            continue;
        s.kf_threads[s.points] = pts[i].threads;
        s.karp_flatt[s.points] = (1 / pts[i].speedup - 1 / p) / (1 - 1 / p);
        s.points++;
    }

    s.amdahl_r2 = NAN;
    if (scaling_fit_amdahl(pts, n, P, &s) != 0 || scaling_fit_usl(pts, n, P, &s) != 0)
        return OMPSCALE_FAIL;
    scaling_judge(pts, n, best, knee, &s);
    *out = s;
    return 0;
}

const char *scaling_knee_name(scaling_knee knee)
{
    switch (knee) {
    case KNEE_NONE:
        return "none";
    case KNEE_EARLY:
        return "early";
    case KNEE_PHYSICAL:
        return "physical-cores";
    case KNEE_LOGICAL:
        return "logical-cpus";
    case KNEE_BEYOND:
        return "beyond-cpus";
    case KNEE_WITHIN:
        return "within-cpus";
    }
    return "unknown";
}
