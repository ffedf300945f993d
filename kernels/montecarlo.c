/*
 * montecarlo.c: the tutorials' Monte Carlo convergence study.  For every
 * sample count s of a series (1..S, or 1, 2, 4, ... up to S with S included)
 * it draws s uniform points on [a,b], sorts them and forms two estimates of
 * the integral of f:
 *   - the sorted Riemann sum: the right Riemann sum on the partition
 *     {a, x_0, ..., x_{s-1}, b}, i.e. sum_i (x_i - x_{i-1}) f(x_i) with
 *     x_{-1} = a, plus (b - x_{s-1}) f(b).  The tutorial's
 *     np.sum(np.diff(sample) * value[1:]) drops the two end pieces and so
 *     misses about 2/(s+1) of the interval; ours covers all of [a,b], which
 *     makes the error bound below rigorous;
 *   - the plain Monte Carlo mean (b-a) * mean f(x_i) over the same points.
 * The result is a convergence table (s, estimate, error) whose log-log slope
 * (gsl_fit_linear) is the observed order: about -1 for the Riemann sum and
 * -1/2 for the mean.  Element s costs about s, so a static split of the
 * series is unbalanced and the schedule sweep shows it.
 *
 * The work is the tutorial's (draw, sort, sum), done the fast way: the points
 * are drawn as rng.h's 53-bit integers in a loop that vectorises, sorted as
 * integers by a bucket sort made for uniform keys (sort.c, expected linear
 * time), and only then turned into doubles and f evaluated, f in a loop that
 * vectorises where f is inline (1/(1+x^2)).  The sorted points are the ones
 * gsl_sort gives (sort.h says why), and the sums run in the same order with
 * the same operations as the plain loop, so every estimate is bitwise what a
 * draw-sort-sum loop with gsl_sort gives (tests/test_montecarlo.c pins them).
 *
 * The points of sample count s are stream s of the counter-based generator
 * (rng.h) under the seed, so every estimate is a pure function of (seed, s):
 * bitwise the same for any thread count and schedule, and independent of
 * every other s, where the tutorial's forked workers may all inherit one
 * generator state.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include "clones.h"
#include "kernel.h"
#include "machine.h"
#include "montecarlo.h"
#include "rng.h"
#include "sort.h"

enum { MC_F, MC_SAMPLES, MC_SERIES, MC_SEED };
enum { MC_SERIES_LINEAR, MC_SERIES_GEOMETRIC };

/*
 * The default S = 2000 draws sum s = 2 million points, about 10 ms serial on
 * a 2-core AMD EPYC VM with AVX-512 (0.15 s when gsl_sort's heapsort did the
 * sorting): long enough to time, short enough to sweep threads and schedules.
 */
static const kernel_param montecarlo_params[] = {
    {"f", PARAM_CHOICE, "inv1px2", 0, 0, "inv1px2|sin_x2|exp_mx2",
     "the integrand: 1/(1+x^2) on [0,1], sin(x^2) on [0,5] or exp(-x^2) on [0,2]"},
    {"samples", PARAM_INT, "2000", 1, 1e9, NULL,
     "the largest sample count S of the series"},
    {"series", PARAM_CHOICE, "linear", 0, 0, "linear|geometric",
     "the sample counts: linear 1..S, or geometric 1, 2, 4, ... up to S (S included)"},
    {"seed", PARAM_INT, "20260101", 0, 1e18, NULL,
     "the random seed; sample count s draws stream s of it"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset montecarlo_presets[] = {
    {"tutorial", "f=inv1px2,series=linear,samples=10000",
     "the tutorial's serial(10000, f, 0, 1): 1/(1+x^2) on [0,1], s = 1..10000"},
    {"quick", "samples=300", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant montecarlo_variants[] = {
    {"serial", "the series in a plain loop, no OpenMP"},
    {"omp", "parallel for over the series under the chosen schedule"},
    {NULL, NULL},
};

/*
 * The sorted points of an element and f at each: x[i] = a + width * keys[i] /
 * 2^53, as rng_uniform makes a point, and fx[i] = f(x[i]).
 */
typedef void montecarlo_points_fn(const uint64_t *restrict keys, int64_t s, double a,
                                  double width, double *restrict x, double *restrict fx);

/* An integrand with its interval, exact integral and what verify() needs to bound the error. */
typedef struct montecarlo_fn {
    const char *name;
    double (*f)(double x);
    montecarlo_points_fn *points; /* with this f */
    double a, b;
    double exact;
    double f_min, f_max; /* bounds of f on [a,b] (Hoeffding's range) */
    double (*variation)(const struct montecarlo_fn *fn); /* total variation of f on [a,b] */
} montecarlo_fn;

static double montecarlo_inv1px2(double x)
{
    return 1.0 / (1.0 + x * x);
}

static double montecarlo_sin_x2(double x)
{
    return sin(x * x);
}

static double montecarlo_exp_mx2(double x)
{
    return exp(-x * x);
}

/*
 * The points and f at each in a loop of their own, which vectorises where f
 * inlines (1/(1+x^2); libm's sin and exp are called per point).  The
 * operations are the scalar ones, each rounded once in any vector width.
 */
static inline void montecarlo_points(double (*f)(double), const uint64_t *restrict keys,
                                     int64_t s, double a, double width, double *restrict x,
                                     double *restrict fx)
{
    for (int64_t i = 0; i < s; i++) {
        const double xi = a + width * rng_u53_uniform(keys[i]);
        x[i] = xi;
        fx[i] = f(xi);
    }
}

CLONES_VECTOR
static void montecarlo_points_inv1px2(const uint64_t *restrict keys, int64_t s, double a,
                                      double width, double *restrict x, double *restrict fx)
{
    montecarlo_points(montecarlo_inv1px2, keys, s, a, width, x, fx);
}

static void montecarlo_points_sin_x2(const uint64_t *restrict keys, int64_t s, double a,
                                     double width, double *restrict x, double *restrict fx)
{
    montecarlo_points(montecarlo_sin_x2, keys, s, a, width, x, fx);
}

static void montecarlo_points_exp_mx2(const uint64_t *restrict keys, int64_t s, double a,
                                      double width, double *restrict x, double *restrict fx)
{
    montecarlo_points(montecarlo_exp_mx2, keys, s, a, width, x, fx);
}

/* Total variation of a monotone f on [a,b]: |f(b) - f(a)|. */
static double montecarlo_variation_monotone(const montecarlo_fn *fn)
{
    return fabs(fn->f(fn->b) - fn->f(fn->a));
}

/*
 * Total variation of sin(x^2) on [0,b], b > 0: x^2 is increasing there, so it
 * equals that of sin(u) on [0,b^2], which is monotone between its extrema
 * u = pi/2 + k pi, where sin is exactly (-1)^k.
 */
static double montecarlo_variation_sin_x2(const montecarlo_fn *fn)
{
    const double u_end = fn->b * fn->b;
    double total = 0, previous = 0; /* sin(0) */
    for (int k = 0; M_PI / 2 + k * M_PI < u_end; k++) {
        double extremum = k % 2 == 0 ? 1.0 : -1.0;
        total += fabs(extremum - previous);
        previous = extremum;
    }
    return total + fabs(sin(u_end) - previous);
}

/* Rows in the order of the "f" choices. */
static const montecarlo_fn montecarlo_fns[] = {
    {"inv1px2", montecarlo_inv1px2, montecarlo_points_inv1px2, 0.0, 1.0, M_PI / 4, 0.5, 1.0,
     montecarlo_variation_monotone},
    /*
     * int_0^5 sin(x^2) dx = sqrt(pi/2) S(5 sqrt(2/pi)), S the Fresnel sine
     * integral; 0.52791728116532241384461568718... from mpmath 1.3.0 at 40
     * digits (mp.dps = 40: fresnels, checked against quad on [0,1,...,5]);
     * fresnel_sin_x2(5.0) (fresnel.h) gives the same double, which the test
     * checks, but a constant keeps this kernel's reference independent.
     */
    {"sin_x2", montecarlo_sin_x2, montecarlo_points_sin_x2, 0.0, 5.0, 0.52791728116532241384,
     -1.0, 1.0, montecarlo_variation_sin_x2},
    /* sqrt(pi)/2 erf(2); f_min is e^-4 = 0.018315638888734180... rounded down. */
    {"exp_mx2", montecarlo_exp_mx2, montecarlo_points_exp_mx2, 0.0, 2.0, 0.88208139076242167997,
     0.0183156388887341, 1.0, montecarlo_variation_monotone},
};

/*
 * Hoeffding's inequality, P(|mean - E| >= t) <= 2 exp(-2 s t^2 / range^2),
 * at this failure probability per estimate: with the tutorial's 10^4
 * estimates a correct run fails by chance with probability below 10^-8, and
 * since the points are a pure function of the seed, a seed that passes
 * always passes.
 */
#define MC_HOEFFDING_DELTA 1e-12

/*
 * Points made and summed a block at a time: small enough that the block's
 * points and values of f stay in the first-level cache, large enough that
 * the out-of-order core makes the next block's (a vector loop) while it
 * still adds up this one's (a chain of dependent additions, which bounds
 * the sum at one floating-point addition's latency per point).
 */
#define MC_BLOCK 256

/* One thread's buffers for the elements it computes, each of up to S points. */
typedef struct montecarlo_scratch {
    uint64_t *keys;       /* the points as 53-bit integers (rng_u53), sorted in place */
    sort_workspace *sort; /* sort_u53's buffers */
} montecarlo_scratch;

typedef struct montecarlo_state {
    const montecarlo_fn *fn;
    int64_t samples;
    uint64_t seed;
    int max_threads;
    int64_t count;      /* elements of the series */
    int64_t *series;    /* the sample counts s, ascending */
    double *riemann;    /* estimates of the last run, per element */
    double *mean;
    double *max_gap;    /* largest piece of each element's partition, for verify() */
    double *plot;       /* series(): s, |riemann - exact|, |mean - exact| (3 x count), or NULL */
    montecarlo_scratch *scratch; /* one per thread */
    double variation;   /* total variation of f on [a,b] */
    bool ran;
    int refused_threads; /* the threads the last run asked beyond max_threads (0: none) */
    bool sort_refused;   /* sort_u53 refused an element's keys in the last run (a bug) */
    /* run() computes elements rank, rank + ranks, ...: all (0 of 1), or a rank's (hybrid) */
    int rank, ranks;
} montecarlo_state;

/* Element i of stream `stream` as a 53-bit integer, for i < s: a loop that vectorises. */
CLONES_VECTOR
static void montecarlo_draw(uint64_t stream, int64_t s, uint64_t *restrict keys)
{
    for (int64_t i = 0; i < s; i++)
        keys[i] = rng_u53(stream, (uint64_t)i);
}

/*
 * One element of the series: draws the s points of stream (seed, s) into the
 * scratch (of at least s points), sorts them and writes both estimates and
 * the largest piece of the partition.  SORT_EINVAL if the sort refused the
 * keys, which rng_u53's cannot make it do.
 */
static int montecarlo_estimate(const montecarlo_fn *fn, uint64_t seed, int64_t s,
                               montecarlo_scratch *scratch, double *riemann, double *mean,
                               double *max_gap)
{
    const double a = fn->a, b = fn->b, width = b - a;
    montecarlo_draw(rng_stream(seed, (uint64_t)s), s, scratch->keys);
    if (sort_u53(scratch->keys, (size_t)s, scratch->sort) != SORT_OK)
        return SORT_EINVAL;
    /* The sums in point order, one point at a time: the plain loop's roundings. */
    double area = 0, sum_f = 0, widest = 0, left = a;
    for (int64_t start = 0; start < s; start += MC_BLOCK) {
        const int64_t m = s - start < MC_BLOCK ? s - start : MC_BLOCK;
        double x[MC_BLOCK], fx[MC_BLOCK];
        fn->points(scratch->keys + start, m, a, width, x, fx);
        for (int64_t i = 0; i < m; i++) {
            double piece = x[i] - left;
            area += piece * fx[i];
            sum_f += fx[i];
            if (piece > widest)
                widest = piece;
            left = x[i];
        }
    }
    double last = b - left;
    area += last * fn->f(b);
    *riemann = area;
    *mean = width * (sum_f / (double)s);
    *max_gap = last > widest ? last : widest;
    return SORT_OK;
}

static void montecarlo_free(void *state);

/*
 * The series (4 arrays of at most S elements) and per thread a scratch of S
 * keys and the sort's workspace, about 22 bytes a key (sort.h): 3.75 arrays
 * of S doubles, counted as 4.
 */
static int montecarlo_check_threads(const param_value *v, int threads, char *err, size_t errlen)
{
    if (machine_check_fits("montecarlo: --samples", v[MC_SAMPLES].i, sizeof(double),
                           4 * threads + 4, err, errlen) != 0)
        return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}

/* One thread's scratch for up to `samples` points; OMPSCALE_FAIL when out of memory. */
static int montecarlo_scratch_alloc(montecarlo_scratch *scratch, int64_t samples)
{
    scratch->keys = malloc((size_t)samples * sizeof *scratch->keys);
    scratch->sort = sort_workspace_alloc((size_t)samples);
    return scratch->keys && scratch->sort ? OMPSCALE_OK : OMPSCALE_FAIL;
}

static void montecarlo_scratch_free(montecarlo_scratch *scratch)
{
    free(scratch->keys);
    sort_workspace_free(scratch->sort);
}

static int montecarlo_check(param_value *v, int max_threads, char *err, size_t errlen)
{
    return montecarlo_check_threads(v, max_threads, err, errlen);
}

static int montecarlo_prepare(param_value *v, int max_threads, void **state, char *err,
                              size_t errlen)
{
    const int64_t samples = v[MC_SAMPLES].i;
    if (max_threads < 1)
        max_threads = 1;
    if (montecarlo_check_threads(v, max_threads, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    montecarlo_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->fn = &montecarlo_fns[v[MC_F].choice];
    s->samples = samples;
    s->seed = (uint64_t)v[MC_SEED].i;
    s->max_threads = max_threads;
    s->ranks = 1;
    s->variation = s->fn->variation(s->fn);
    if (v[MC_SERIES].choice == MC_SERIES_LINEAR) {
        s->count = samples;
    } else {
        s->count = 1; /* S itself */
        for (int64_t p = 1; p < samples; p *= 2)
            s->count++;
    }
    s->series = malloc((size_t)s->count * sizeof *s->series);
    s->riemann = machine_alloc_doubles(s->count);
    s->mean = machine_alloc_doubles(s->count);
    s->max_gap = machine_alloc_doubles(s->count);
    s->scratch = calloc((size_t)max_threads, sizeof *s->scratch);
    if (!s->series || !s->riemann || !s->mean || !s->max_gap || !s->scratch)
        goto nomem;
    for (int t = 0; t < max_threads; t++)
        if (montecarlo_scratch_alloc(&s->scratch[t], samples) != OMPSCALE_OK)
            goto nomem;
    if (v[MC_SERIES].choice == MC_SERIES_LINEAR) {
        for (int64_t k = 0; k < s->count; k++)
            s->series[k] = k + 1;
    } else {
        int64_t k = 0;
        for (int64_t p = 1; p < samples; p *= 2)
            s->series[k++] = p;
        s->series[k] = samples;
    }
    /*
     * First touch of each scratch buffer by the thread that will use it (the
     * sort's are calloc'd: untouched pages until its first sort).
     */
    montecarlo_scratch *scratch = s->scratch;
#pragma omp parallel num_threads(max_threads)
    {
        montecarlo_scratch *mine = &scratch[omp_get_thread_num()];
        memset(mine->keys, 0, (size_t)samples * sizeof *mine->keys);
    }
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "montecarlo: out of memory for samples = %" PRId64 " and %d threads",
             samples, max_threads);
    montecarlo_free(s);
    return OMPSCALE_FAIL;
}

static int montecarlo_run(void *state, int variant, const kernel_exec *exec,
                          int *threads_obtained)
{
    montecarlo_state *s = state;
    const montecarlo_fn *fn = s->fn;
    const uint64_t seed = s->seed;
    const int64_t count = s->count, first = s->rank, stride = s->ranks;
    const int64_t mine = (count - first + stride - 1) / stride; /* elements of this rank */
    const int64_t *series = s->series;
    double *riemann = s->riemann, *mean = s->mean, *max_gap = s->max_gap;
    montecarlo_scratch *scratch = s->scratch;
    s->refused_threads = 0;
    s->sort_refused = false;
    s->ran = false;
    int refused = 0; /* any element's sort_u53 status */
    if (variant == 0) {
        *threads_obtained = 1;
        for (int64_t k = first; k < count; k += stride)
            refused |= montecarlo_estimate(fn, seed, series[k], &scratch[0], &riemann[k],
                                           &mean[k], &max_gap[k]);
        goto done;
    }
    /* Scratch buffers exist for max_threads threads only (prepare allocates, run never does). */
    if (exec->threads > s->max_threads) {
        s->refused_threads = exec->threads; /* verify() says so */
        return OMPSCALE_FAIL;
    }
    int obtained = 0;
    sched_guard g;
    sched_enter(&g, &exec->schedule);
#pragma omp parallel num_threads(exec->threads)
    {
#pragma omp master
        obtained = omp_get_num_threads();
        montecarlo_scratch *own = &scratch[omp_get_thread_num()];
#pragma omp for schedule(runtime) reduction(| : refused)
        for (int64_t j = 0; j < mine; j++) {
            const int64_t k = first + j * stride;
            refused |= montecarlo_estimate(fn, seed, series[k], own, &riemann[k], &mean[k],
                                           &max_gap[k]);
        }
    }
    sched_leave(&g);
    *threads_obtained = obtained;
done:
    if (refused) {
        s->sort_refused = true; /* verify() says so */
        return OMPSCALE_FAIL;
    }
    s->ran = true;
    return OMPSCALE_OK;
}

/*
 * Hybrid: element s costs about s, so contiguous blocks of the series would
 * give the last rank the dearest elements; rank r of R takes the cyclic share
 * r, r + R, r + 2R, ... (every rank gets small and large s: for the linear
 * series the ranks' costs differ by under R/S of the total).  The geometric
 * series cannot be balanced by any split of its elements: its last element
 * is about half the work.  Each element is a pure function of (seed, s), so
 * its estimates are bitwise the same on any rank with any threads; the
 * partial is the rank's elements' estimates and largest pieces (3 x
 * ceil(count/R) doubles), which combine() puts back at their indices: the
 * combined table is bitwise the serial one.
 */
static int montecarlo_hybrid_run(void *state, int variant, const kernel_exec *exec,
                                 const kernel_part *part, int *threads_obtained)
{
    montecarlo_state *s = state;
    s->rank = part->rank;
    s->ranks = part->ranks;
    int status = montecarlo_run(s, variant, exec, threads_obtained);
    s->rank = 0;
    s->ranks = 1;
    return status;
}

static size_t montecarlo_hybrid_partial_len(const void *state, int ranks)
{
    const montecarlo_state *s = state;
    return kernel_part_cyclic_len(s->count, ranks, 3);
}

static void montecarlo_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    const montecarlo_state *s = state;
    const double *const arrays[] = {s->riemann, s->mean, s->max_gap};
    kernel_part_cyclic_pack(part, s->count, arrays, 3, out);
}

static int montecarlo_hybrid_combine(void *state, int ranks, const double *partials)
{
    montecarlo_state *s = state;
    double *const arrays[] = {s->riemann, s->mean, s->max_gap};
    kernel_part_cyclic_unpack(ranks, s->count, partials,
                              montecarlo_hybrid_partial_len(s, ranks), arrays, 3);
    s->ran = true;
    return OMPSCALE_OK;
}

static const kernel_hybrid montecarlo_hybrid = {
    .decomposition = "cyclic elements: rank r of R computes elements r, r + R, r + 2R, ...",
    .run = montecarlo_hybrid_run,
    .partial_len = montecarlo_hybrid_partial_len,
    .partial = montecarlo_hybrid_partial,
    .combine = montecarlo_hybrid_combine,
};

/*
 * Room for rounding in the bounds of an estimate from s points: the computed
 * sums differ from the exact sums over the same points by at most about
 * (s + 1) u sum |piece * f| (recursive summation), plus a few u per term for
 * each piece, product and libm call, where sum |piece| = b - a; the reference
 * is rounded once more.  8 (s + 4) DBL_EPSILON (b-a) max|f| covers all of it
 * with room to spare.  It grows like s while the Riemann bound shrinks like
 * log(s)/s, but at s = 10^6 it is still about 10^-4 of that bound.
 */
static double montecarlo_rounding(const montecarlo_fn *fn, int64_t s)
{
    double f_abs = fmax(fabs(fn->f_min), fabs(fn->f_max));
    return 8.0 * ((double)s + 4.0) * DBL_EPSILON * (fn->b - fn->a) * f_abs;
}

static void montecarlo_verify(void *state, kernel_check *c)
{
    const montecarlo_state *s = state;
    const montecarlo_fn *fn = s->fn;
    const double width = fn->b - fn->a;
    memset(c, 0, sizeof *c);
    if (s->refused_threads > 0) {
        snprintf(c->detail, sizeof c->detail,
                 "the run asked for %d threads but was prepared for at most %d (one scratch "
                 "buffer per thread): prepare it for the most threads it will run",
                 s->refused_threads, s->max_threads);
        return;
    }
    if (s->sort_refused) {
        snprintf(c->detail, sizeof c->detail,
                 "the sort refused an element's keys (sort_u53: more keys than its workspace "
                 "or one of 53 bits or more): a bug in montecarlo.c, not a parameter");
        return;
    }
    if (!s->ran) {
        snprintf(c->detail, sizeof c->detail, "no run to verify");
        return;
    }
    /*
     * Every estimate is checked against a bound that holds for it with
     * certainty or near certainty, so the check needs no second computation:
     *   - Riemann: on any partition with pieces at most h, a right Riemann
     *     sum is within h * TV(f on [a,b]) of the integral (on each piece,
     *     |f(right end) - f(x)| is at most the variation there);
     *   - mean: Hoeffding's bound (b-a) (f_max - f_min) sqrt(ln(2/delta) / 2s).
     * A recorded largest piece must also be consistent with s + 1 pieces
     * filling [a,b]: at least (b-a)/(s+1), at most b-a.
     */
    const double hoeffding = width * (fn->f_max - fn->f_min) *
                             sqrt(log(2.0 / MC_HOEFFDING_DELTA) / 2.0);
    int64_t outside = 0, first_outside = -1;
    double worst_riemann = 0, worst_mean = 0;
    for (int64_t k = 0; k < s->count; k++) {
        const int64_t n = s->series[k];
        const double h = s->max_gap[k], rounding = montecarlo_rounding(fn, n);
        const double riemann_bound = h * s->variation + rounding;
        const double mean_bound = hoeffding / sqrt((double)n) + rounding;
        const double riemann_error = fabs(s->riemann[k] - fn->exact);
        const double mean_error = fabs(s->mean[k] - fn->exact);
        const bool gap_ok = h * ((double)n + 1.0) >= width * (1.0 - 1e-9) && h <= width;
        if (!(riemann_error <= riemann_bound) || !(mean_error <= mean_bound) || !gap_ok) {
            if (first_outside < 0)
                first_outside = k;
            outside++;
        }
        if (!(riemann_error / riemann_bound <= worst_riemann))
            worst_riemann = riemann_error / riemann_bound;
        if (!(mean_error / mean_bound <= worst_mean))
            worst_mean = mean_error / mean_bound;
    }
    const int64_t last = s->count - 1;
    c->result = s->riemann[last];
    c->reference = fn->exact;
    c->abs_error = fabs(c->result - c->reference);
    c->tolerance = s->max_gap[last] * s->variation +
                   montecarlo_rounding(fn, s->series[last]);
    c->verified = outside == 0;
    if (outside > 0) {
        const int64_t k = first_outside;
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " estimates outside their bounds, first at s = %" PRId64
                 ": riemann %.17g, mean %.17g, largest piece %.3g, exact %.17g",
                 outside, s->count, s->series[k], s->riemann[k], s->mean[k], s->max_gap[k],
                 fn->exact);
    } else {
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " estimates within bounds; worst Riemann error/bound %.2f, "
                 "mean error/bound %.2f",
                 s->count, worst_riemann, worst_mean);
    }
}

/*
 * The slope of log|estimate - exact| against log s by least squares
 * (gsl_fit_linear), skipping zero errors; NaN with fewer than 2 points.
 */
static double montecarlo_order(const montecarlo_state *s, const double *estimate, double *log_s,
                               double *log_error)
{
    size_t n = 0;
    for (int64_t k = 0; k < s->count; k++) {
        double error = fabs(estimate[k] - s->fn->exact);
        if (error > 0 && isfinite(error)) {
            log_s[n] = log((double)s->series[k]);
            log_error[n] = log(error);
            n++;
        }
    }
    double c0, c1, cov00, cov01, cov11, sumsq;
    if (n < 2 ||
        gsl_fit_linear(log_s, 1, log_error, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) != 0)
        return NAN;
    return c1;
}

static int montecarlo_facts(const void *state, kernel_fact *facts, int max)
{
    const montecarlo_state *s = state;
    if (!s->ran || max < 1)
        return 0;
    double *log_s = malloc((size_t)s->count * sizeof *log_s);
    double *log_error = malloc((size_t)s->count * sizeof *log_error);
    int n = 0;
    if (log_s && log_error) {
        const kernel_fact all[] = {
            {"order_riemann", montecarlo_order(s, s->riemann, log_s, log_error)},
            {"order_mean", montecarlo_order(s, s->mean, log_s, log_error)},
            {"mean_error_at_S", fabs(s->mean[s->count - 1] - s->fn->exact)},
        };
        for (; n < max && n < (int)(sizeof all / sizeof all[0]); n++)
            facts[n] = all[n];
    }
    free(log_s);
    free(log_error);
    return n;
}

static void montecarlo_work(const void *state, kernel_work *w)
{
    const montecarlo_state *s = state;
    *w = (kernel_work){0};
    double points = 0;
    for (int64_t k = 0; k < s->count; k++)
        points += (double)s->series[k];
    w->amount = points;
    w->unit = KERNEL_UNIT_SAMPLE;
    /*
     * The roofline's count, flop per sample: the point a + width (k 2^-53),
     * 3; f, 3 for 1/(1+x^2) and 2 for sin(x^2) and exp(-x^2) (a libm sine or
     * exponential counted as one); the sums, 4 (x - left, area += piece f,
     * sum_f += f).  The draw and the sort are integer work, not counted; the
     * points stay in each thread's scratch (S keys and their sort buffers),
     * so no memory bytes are counted: only the compute roof bounds it.
     */
    double f_flops = strcmp(s->fn->name, "inv1px2") == 0 ? 3 : 2;
    w->ops = points * (3 + f_flops + 4);
    w->ops_kind = KERNEL_OPS_FLOP;
    w->in_cache = true;
}

static void montecarlo_free(void *state)
{
    montecarlo_state *s = state;
    if (!s)
        return;
    for (int t = 0; s->scratch && t < s->max_threads; t++)
        montecarlo_scratch_free(&s->scratch[t]);
    free(s->scratch);
    free(s->series);
    free(s->riemann);
    free(s->mean);
    free(s->max_gap);
    free(s->plot);
    free(s);
}

/*
 * The convergence series: |estimate - exact| against s, on log-log axes, for
 * both estimates, each with its fitted order (the facts' least-squares
 * slope).  Its arrays are made on the first call (plot's, not a sweep's).
 */
static int montecarlo_series(void *state, kernel_series *out)
{
    montecarlo_state *s = state;
    size_t n = (size_t)s->count;
    if (!s->ran || (!s->plot && !(s->plot = malloc(3 * n * sizeof *s->plot))))
        return OMPSCALE_FAIL;
    double *x = s->plot, *riemann = s->plot + n, *mean = s->plot + 2 * n;
    for (size_t k = 0; k < n; k++) {
        x[k] = (double)s->series[k];
        riemann[k] = fabs(s->riemann[k] - s->fn->exact);
        mean[k] = fabs(s->mean[k] - s->fn->exact);
    }
    kernel_fact facts[3];
    int nfacts = montecarlo_facts(s, facts, 3);
    *out = (kernel_series){.x_label = "s (samples)",
                           .y_label = "absolute error |estimate - exact|", .x_symbol = "s",
                           .y_symbol = "error", .y_key = "|estimate - exact|", .log_x = true,
                           .log_y = true, .count = n, .x = x, .nlines = 2};
    snprintf(out->title, sizeof out->title, "convergence, exact integral %.10g", s->fn->exact);
    out->lines[0] = (kernel_series_line){"sorted Riemann sum", riemann,
                                         nfacts > 0 ? facts[0].value : NAN};
    out->lines[1] = (kernel_series_line){"plain Monte Carlo mean", mean,
                                         nfacts > 1 ? facts[1].value : NAN};
    return OMPSCALE_OK;
}

int montecarlo_table(const void *state, int64_t *count, const int64_t **s, const double **riemann,
                     const double **mean)
{
    const montecarlo_state *st = state;
    if (!st || !st->ran)
        return OMPSCALE_FAIL;
    *count = st->count;
    *s = st->series;
    *riemann = st->riemann;
    *mean = st->mean;
    return OMPSCALE_OK;
}

double montecarlo_exact(const void *state)
{
    const montecarlo_state *st = state;
    return st->fn->exact;
}

const kernel kernel_montecarlo = {
    .name = "montecarlo",
    .summary = "convergence of sorted-Riemann and plain Monte Carlo estimates of an integral "
               "over a series of sample counts; element s costs about s",
    .params = montecarlo_params,
    .presets = montecarlo_presets,
    .variants = montecarlo_variants,
    .size_param = "samples",
    .scheduled = true,
    .unequal_work = true, /* element s costs about s */
    .check = montecarlo_check,
    .prepare = montecarlo_prepare,
    .run = montecarlo_run,
    .verify = montecarlo_verify,
    .work = montecarlo_work,
    .facts = montecarlo_facts,
    .series = montecarlo_series,
    .series_name = "convergence",
    .free = montecarlo_free,
    .hybrid = &montecarlo_hybrid,
};
