/*
 * quadrature.c: the integral of sin(x^2) over [a, b], split into k equal
 * intervals, each integrated by GSL's gsl_integration_qags (QUADPACK's QAGS,
 * the adaptive Gauss-Kronrod routine with epsilon extrapolation behind
 * scipy.integrate.quad) until its error estimate is within max(--epsabs,
 * --epsrel |value|) (by default a relative 1e-10; scipy's quad defaults to
 * 1.49e-8 for both), serially or one OpenMP loop iteration per interval with
 * a QAGS workspace per thread.  The integrand
 * oscillates faster as x grows, so later intervals need more subdivisions and
 * the schedule decides how evenly the threads are loaded.
 *
 * The total and every interval are checked against the Fresnel integral
 * (fresnel.c), computed by its own series and asymptotic expansion.  The
 * total is the sum of the intervals in index order whatever the variant, so
 * the OpenMP total is bitwise equal to the serial one.
 */
#include <float.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fresnel.h"
#include "kernel.h"
#include "machine.h"
#include "quadrature.h"

enum { QD_A, QD_B, QD_K, QD_LIMIT, QD_EPSABS, QD_EPSREL };

static const kernel_param quadrature_params[] = {
    {"a", PARAM_REAL, "0", -1e4, 1e4, NULL, "lower end of the integral of sin(x^2)"},
    {"b", PARAM_REAL, "1000", -1e4, 1e4, NULL, "upper end of the integral; must exceed a"},
    {"k", PARAM_INT, "10000", 1, 1e7, NULL,
     "equal intervals, each integrated by QAGS as one loop iteration"},
    {"limit", PARAM_INT, "1000", 1, 1e5, NULL,
     "most subintervals QAGS may use per interval (its workspace size)"},
    {"epsabs", PARAM_REAL, "0", 0, 1, NULL,
     "absolute error QAGS aims at per interval (scipy's quad: 1.49e-8)"},
    {"epsrel", PARAM_REAL, "1e-10", 0, 1, NULL,
     "relative error QAGS aims at per interval, with --epsabs the larger target wins "
     "(scipy's quad: 1.49e-8)"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset quadrature_presets[] = {
    {"tutorial", "a=0,b=5,k=5", "the tutorial's [0,5] in 5 unit intervals"},
    {"quick", "a=0,b=20,k=40", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant quadrature_variants[] = {
    {"serial", "one QAGS call per interval in a plain loop, no OpenMP"},
    {"omp", "parallel for over the intervals under the chosen schedule, a workspace per thread"},
    {NULL, NULL},
};

/*
 * The accuracy checked is ten times what QAGS was asked for (--epsabs,
 * --epsrel), since QAGS stops on its own error estimate, not on the true
 * error: 1e-9 relative for the default 1e-10 (10 * 1e-10 rounds to the
 * double 1e-9, so the default tolerances are those of the fixed 1e-9 of
 * before, to the bit).
 */
#define QD_CHECK_FACTOR 10.0
/*
 * The smallest --epsrel QAGS accepts without an absolute target: GSL
 * refuses anything tighter than 50 unit roundoffs (GSL_EBADTOL).
 */
#define QD_EPSREL_MIN (50.0 * DBL_EPSILON)
/* Double precision's unit roundoff doubled: one ulp of a number in [1, 2). */
#define QD_ULP 0x1p-52

typedef struct quadrature_state {
    double a;
    double b;
    int64_t k;
    size_t limit;
    double epsabs, epsrel;   /* QAGS's targets per interval */
    double check_abs, check_rel; /* QD_CHECK_FACTOR times each: what verify() allows */
    int max_threads;
    gsl_integration_workspace **workspaces; /* [0, max_threads) for omp, [max_threads] serial */
    double *ends;            /* the k+1 interval ends: ends[0] = a, ends[k] = b */
    double *reference;       /* the k interval values from the Fresnel integral, and a spare */
    double reference_total;  /* F(b) - F(a) */
    double *result;          /* the k interval values of the last run */
    double *abserr;          /* QAGS's k error estimates of the last run */
    int *status;             /* the k GSL statuses of the last run */
    int64_t *evaluations;    /* f evaluations of each interval in the last run */
    double *status_value;    /* hybrid: the statuses as doubles, for the partials */
    double total;            /* the sum of result in index order */
    bool has_run;
    int refused_threads;     /* the threads the last run asked beyond max_threads (0: none) */
    /* run() integrates intervals rank, rank + ranks, ...: all (0 of 1), or a rank's (hybrid) */
    int rank, ranks;
} quadrature_state;

static double quadrature_integrand(double x, void *params)
{
    (void)params;
    return sin(x * x);
}

/* Integrates interval i with workspace w, recording value, estimate and status. */
static void quadrature_interval(quadrature_state *s, int64_t i, gsl_integration_workspace *w)
{
    gsl_function f = {quadrature_integrand, NULL};
    s->status[i] = gsl_integration_qags(&f, s->ends[i], s->ends[i + 1], s->epsabs, s->epsrel,
                                        s->limit, w, &s->result[i], &s->abserr[i]);
    /*
     * QAGS applies the 21-point Gauss-Kronrod rule once to the interval and
     * then twice per bisection, and each bisection adds one subinterval to
     * the workspace: 21 (2 size - 1) evaluations of f.
     */
    s->evaluations[i] = 21 * (2 * (int64_t)(w->size > 0 ? w->size : 1) - 1);
}

/*
 * The error that double precision alone puts into the integral over [lo, hi],
 * with m = max |x| there.  sin(x*x) is off from sin(x^2) by up to half an ulp
 * of x^2 (the rounding of x*x: 1e-12 at x = 100) plus libm's ulp of the sine;
 * the Kronrod nodes themselves are rounded, which moves x^2 by up to another
 * ulp of x^2.  So each value is good only to about (1.5 m^2 + 1) ulps of 1,
 * taken here as 2 (m^2 + 1), and the integral to (hi - lo) times that.  QAGS
 * cannot do better whatever it is asked, which is why it says GSL_EROUND on
 * intervals whose value is small next to this floor (on [0, 100] in 1000
 * intervals, once: [94.2, 94.3], whose value is 1.1e-6).
 */
static double quadrature_roundoff(double lo, double hi)
{
    double m = fmax(fabs(lo), fabs(hi));
    return 2.0 * (hi - lo) * (m * m + 1.0) * QD_ULP;
}

/*
 * What interval i may be off its reference: QD_CHECK_FACTOR times the target
 * QAGS had, max(epsabs, epsrel |value|) (taken at the reference value), the
 * roundoff above, and 4 ulps of 1 for the reference itself, a difference of
 * two Fresnel values each within about an ulp (they are below 1 in size).
 */
static double quadrature_interval_tolerance(const quadrature_state *s, int64_t i)
{
    return fmax(s->check_abs, s->check_rel * fabs(s->reference[i])) +
           quadrature_roundoff(s->ends[i], s->ends[i + 1]) + 4.0 * QD_ULP;
}

static void quadrature_free(void *state);

static int quadrature_check(param_value *v, int max_threads, char *err, size_t errlen)
{
    (void)max_threads;
    if (!(v[QD_B].r > v[QD_A].r)) {
        snprintf(err, errlen, "quadrature: --b %g is not above --a %g: the integral needs a < b",
                 v[QD_B].r, v[QD_A].r);
        return OMPSCALE_USAGE;
    }
    if (v[QD_EPSABS].r <= 0 && v[QD_EPSREL].r < QD_EPSREL_MIN) {
        snprintf(err, errlen,
                 "quadrature: --epsrel %g with --epsabs %g asks QAGS for more than double "
                 "precision gives: --epsrel must be at least %.3g (50 unit roundoffs), or "
                 "--epsabs above 0",
                 v[QD_EPSREL].r, v[QD_EPSABS].r, QD_EPSREL_MIN);
        return OMPSCALE_USAGE;
    }
    if (machine_check_fits("quadrature: --k", v[QD_K].i + 1, sizeof(double), 5, err, errlen) != 0)
        return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}

static int quadrature_prepare(param_value *v, int max_threads, void **state, char *err,
                              size_t errlen)
{
    if (quadrature_check(v, max_threads, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    /* GSL aborts on errors by default; every status is checked instead. */
    gsl_set_error_handler_off();
    quadrature_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->a = v[QD_A].r;
    s->b = v[QD_B].r;
    s->k = v[QD_K].i;
    s->limit = (size_t)v[QD_LIMIT].i;
    s->epsabs = v[QD_EPSABS].r;
    s->epsrel = v[QD_EPSREL].r;
    s->check_abs = QD_CHECK_FACTOR * s->epsabs;
    s->check_rel = QD_CHECK_FACTOR * s->epsrel;
    s->max_threads = max_threads > 1 ? max_threads : 1;
    s->ranks = 1;
    s->workspaces = calloc((size_t)s->max_threads + 1, sizeof *s->workspaces);
    if (!s->workspaces)
        goto nomem;
    for (int t = 0; t <= s->max_threads; t++)
        if (!(s->workspaces[t] = gsl_integration_workspace_alloc(s->limit)))
            goto nomem;
    s->ends = machine_alloc_doubles(s->k + 1);
    s->reference = machine_alloc_doubles(s->k + 1);
    s->result = machine_alloc_doubles(s->k);
    s->abserr = machine_alloc_doubles(s->k);
    s->status = calloc((size_t)s->k, sizeof *s->status);
    s->evaluations = calloc((size_t)s->k, sizeof *s->evaluations);
    s->status_value = machine_alloc_doubles(s->k);
    if (!s->ends || !s->reference || !s->result || !s->abserr || !s->status || !s->evaluations ||
        !s->status_value)
        goto nomem;
    const int64_t k = s->k;
    const double a = s->a, b = s->b;
    double *ends = s->ends, *reference = s->reference, *result = s->result, *abserr = s->abserr;
    /*
     * The Fresnel integral at every end, in parallel since the series costs
     * up to 10 us a call, then differenced in place into the interval values.
     */
#pragma omp parallel for schedule(dynamic, 256) num_threads(s->max_threads)
    for (int64_t i = 0; i <= k; i++) {
        ends[i] = i == 0 ? a : i == k ? b : a + (b - a) * (double)i / (double)k;
        reference[i] = fresnel_sin_x2(ends[i]);
        if (i < k)
            result[i] = abserr[i] = 0;
    }
    s->reference_total = reference[k] - reference[0];
    for (int64_t i = 0; i < k; i++)
        reference[i] = reference[i + 1] - reference[i];
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "quadrature: out of memory for k = %" PRId64 ", limit = %" PRId64,
             v[QD_K].i, v[QD_LIMIT].i);
    quadrature_free(s);
    return OMPSCALE_FAIL;
}

/*
 * The total of intervals first, first + stride, ... in index order, so that
 * every variant (and every split's combination, stride 1) gives the same
 * bits; OMPSCALE_FAIL if QAGS failed on one of them.
 */
static int quadrature_total(quadrature_state *s, int64_t first, int64_t stride)
{
    double total = 0;
    bool failed = false;
    for (int64_t i = first; i < s->k; i += stride) {
        total += s->result[i];
        if (s->status[i] != GSL_SUCCESS && s->status[i] != GSL_EROUND)
            failed = true;
    }
    s->total = total;
    s->has_run = true;
    return failed ? OMPSCALE_FAIL : OMPSCALE_OK;
}

static int quadrature_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    quadrature_state *s = state;
    const int64_t k = s->k, first = s->rank, stride = s->ranks;
    s->refused_threads = 0;
    if (variant == 0) {
        *threads_obtained = 1;
        for (int64_t i = first; i < k; i += stride)
            quadrature_interval(s, i, s->workspaces[s->max_threads]);
    } else {
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
            gsl_integration_workspace *w = s->workspaces[omp_get_thread_num()];
            const int64_t mine = (k - first + stride - 1) / stride;
#pragma omp for schedule(runtime)
            for (int64_t j = 0; j < mine; j++)
                quadrature_interval(s, first + j * stride, w);
        }
        sched_leave(&g);
        *threads_obtained = obtained;
    }
    return quadrature_total(s, first, stride);
}

/*
 * Hybrid: the intervals cost more as x grows (sin(x^2) oscillates faster), so
 * contiguous blocks would leave the last rank the dearest; rank r of R takes
 * the cyclic share r, r + R, r + 2R, ..., which gives every rank intervals
 * from all along [a, b] and so nearly equal costs.  Its partial is the value,
 * error estimate and status of each of its intervals (3 x ceil(k/R) doubles);
 * combine() puts them back at their indices and sums the total in index
 * order, as a single-node run does: bitwise the serial total.
 */
static int quadrature_hybrid_run(void *state, int variant, const kernel_exec *exec,
                                 const kernel_part *part, int *threads_obtained)
{
    quadrature_state *s = state;
    s->rank = part->rank;
    s->ranks = part->ranks;
    int status = quadrature_run(s, variant, exec, threads_obtained);
    s->rank = 0;
    s->ranks = 1;
    return status;
}

static size_t quadrature_hybrid_partial_len(const void *state, int ranks)
{
    const quadrature_state *s = state;
    return kernel_part_cyclic_len(s->k, ranks, 3);
}

/* The GSL statuses travel as doubles (small integers, exact), in the state's spare array. */
static void quadrature_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    const quadrature_state *s = state;
    for (int64_t i = part->rank; i < s->k; i += part->ranks)
        s->status_value[i] = (double)s->status[i];
    const double *const arrays[] = {s->result, s->abserr, s->status_value};
    kernel_part_cyclic_pack(part, s->k, arrays, 3, out);
}

static int quadrature_hybrid_combine(void *state, int ranks, const double *partials)
{
    quadrature_state *s = state;
    double *const arrays[] = {s->result, s->abserr, s->status_value};
    kernel_part_cyclic_unpack(ranks, s->k, partials, quadrature_hybrid_partial_len(s, ranks),
                              arrays, 3);
    for (int64_t i = 0; i < s->k; i++)
        s->status[i] = (int)s->status_value[i];
    return quadrature_total(s, 0, 1);
}

static const kernel_hybrid quadrature_hybrid = {
    .decomposition = "cyclic intervals: rank r of R integrates r, r + R, r + 2R, ...",
    .run = quadrature_hybrid_run,
    .partial_len = quadrature_hybrid_partial_len,
    .partial = quadrature_hybrid_partial,
    .combine = quadrature_hybrid_combine,
};

static void quadrature_verify(void *state, kernel_check *c)
{
    const quadrature_state *s = state;
    memset(c, 0, sizeof *c);
    c->reference = s->reference_total;
    if (s->refused_threads > 0) {
        snprintf(c->detail, sizeof c->detail,
                 "the run asked for %d threads but was prepared for at most %d (one QAGS "
                 "workspace per thread): prepare it for the most threads it will run",
                 s->refused_threads, s->max_threads);
        return;
    }
    if (!s->has_run) {
        snprintf(c->detail, sizeof c->detail, "no run to verify");
        return;
    }
    /*
     * Each interval must be within its tolerance (quadrature_interval_tolerance)
     * and so must QAGS's own error estimate: an estimate beyond it means QAGS
     * cannot vouch for the accuracy checked, even where the value happens to
     * be right.  GSL_EROUND says only that roundoff stopped QAGS short of
     * its target, on values small next to the roundoff floor, and is
     * accepted on those terms (at the default 1e-10 relative its estimates
     * stay below a tenth of the tolerance on [0, 1000]).  Any other status
     * is a failure.
     */
    const int64_t k = s->k;
    int64_t bad_status = 0, bad_value = 0, bad_estimate = 0, eround = 0;
    int64_t first_status = -1, first_value = -1, first_estimate = -1;
    double worst = 0, worst_ratio = 0, roundoff = 0, magnitude = 0;
    for (int64_t i = 0; i < k; i++) {
        double tolerance = quadrature_interval_tolerance(s, i);
        double error = fabs(s->result[i] - s->reference[i]);
        roundoff += quadrature_roundoff(s->ends[i], s->ends[i + 1]);
        magnitude += fabs(s->result[i]);
        if (s->status[i] == GSL_EROUND)
            eround++;
        else if (s->status[i] != GSL_SUCCESS && bad_status++ == 0)
            first_status = i;
        if (!(error <= tolerance) && bad_value++ == 0)
            first_value = i;
        if (!(s->abserr[i] <= tolerance) && bad_estimate++ == 0)
            first_estimate = i;
        if (!(error <= worst))
            worst = error;
        if (!(error / tolerance <= worst_ratio))
            worst_ratio = error / tolerance;
    }
    /*
     * The total may be off by QD_CHECK_FACTOR times the targets: --epsrel of
     * itself and --epsabs for each of its k intervals (each may use all of
     * its absolute target); then the roundoff of every interval, 4 ulps for
     * its reference F(b) - F(a), and the rounding of the k - 1 additions (at
     * most k unit roundoffs, 2^-53, of the sum of magnitudes).  With the
     * default --epsabs 0, 1e-9 of the total as before the targets were
     * parameters.
     */
    c->result = s->total;
    c->abs_error = fabs(s->total - s->reference_total);
    c->tolerance = s->check_rel * fabs(s->reference_total) + (double)k * s->check_abs +
                   roundoff + 4.0 * QD_ULP + (double)k * 0.5 * QD_ULP * magnitude;
    c->verified = bad_status == 0 && bad_value == 0 && bad_estimate == 0 &&
                  c->abs_error <= c->tolerance;
    if (bad_status > 0) {
        int64_t i = first_status;
        /* What a user can change: QAGS's workspace, its targets, or the intervals' length. */
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " intervals failed in QAGS, first [%g, %g]: %s "
                 "(GSL status %d); QAGS cannot reach --epsrel %g (--epsabs %g) there: raise "
                 "--limit (now %zu), loosen --epsrel or --epsabs, or make each interval "
                 "shorter (a larger --k, or a narrower --a..--b)",
                 bad_status, k, s->ends[i], s->ends[i + 1], gsl_strerror(s->status[i]),
                 s->status[i], s->epsrel, s->epsabs, s->limit);
    } else if (bad_value > 0) {
        int64_t i = first_value;
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " intervals off their Fresnel reference, first "
                 "[%g, %g]: error %.3g > tolerance %.3g",
                 bad_value, k, s->ends[i], s->ends[i + 1], fabs(s->result[i] - s->reference[i]),
                 quadrature_interval_tolerance(s, i));
    } else if (bad_estimate > 0) {
        int64_t i = first_estimate;
        /* QAGS stopped short of the accuracy checked: asked for less, it can vouch for it. */
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " QAGS error estimates beyond the tolerance, first "
                 "[%g, %g]: %.3g > %.3g; loosen --epsrel (now %g) or --epsabs (now %g)",
                 bad_estimate, k, s->ends[i], s->ends[i + 1], s->abserr[i],
                 quadrature_interval_tolerance(s, i), s->epsrel, s->epsabs);
    } else if (!c->verified) {
        snprintf(c->detail, sizeof c->detail,
                 "total off the Fresnel reference by %.3g > tolerance %.3g", c->abs_error,
                 c->tolerance);
    } else {
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " intervals ok, %" PRId64 " GSL_EROUND (roundoff limit, accepted); "
                 "worst interval error %.2g, %.2g of its tolerance",
                 k, eround, worst, worst_ratio);
    }
}

static void quadrature_work(const void *state, kernel_work *w)
{
    const quadrature_state *s = state;
    *w = (kernel_work){0};
    w->amount = (double)s->k; /* one item is one interval integrated by QAGS */
    w->unit = KERNEL_UNIT_ITEM;
    /*
     * The roofline's count, from the last run: 2 flop per evaluation of f
     * (x*x and the sine, counted as one), over the evaluations QAGS made; the
     * rule's own weighted sums are not counted, so this is a lower bound.
     * GSL's workspace is per thread and small: no memory bytes are counted.
     */
    double evaluations = 0;
    for (int64_t i = 0; s->has_run && i < s->k; i++)
        evaluations += (double)s->evaluations[i];
    w->ops = 2 * evaluations;
    w->ops_kind = evaluations > 0 ? KERNEL_OPS_FLOP : KERNEL_OPS_UNKNOWN;
    w->in_cache = true;
}

static int quadrature_facts(const void *state, kernel_fact *facts, int max)
{
    const quadrature_state *s = state;
    if (!s->has_run)
        return 0;
    double eround = 0, worst_error = 0, worst_estimate = 0, worst_ratio = 0;
    for (int64_t i = 0; i < s->k; i++) {
        double error = fabs(s->result[i] - s->reference[i]);
        eround += s->status[i] == GSL_EROUND;
        worst_error = fmax(worst_error, error);
        worst_estimate = fmax(worst_estimate, s->abserr[i]);
        worst_ratio = fmax(worst_ratio, error / quadrature_interval_tolerance(s, i));
    }
    const kernel_fact all[] = {
        {"eround_intervals", eround},
        {"max_interval_abs_error", worst_error},
        {"worst_abserr_estimate", worst_estimate},
        {"worst_error_to_tolerance", worst_ratio},
    };
    int n = 0;
    for (; n < max && n < (int)(sizeof all / sizeof all[0]); n++)
        facts[n] = all[n];
    return n;
}

double *quadrature_output(void *state, int64_t *k)
{
    quadrature_state *s = state;
    *k = s->k;
    return s->result;
}

static void quadrature_free(void *state)
{
    quadrature_state *s = state;
    if (!s)
        return;
    if (s->workspaces)
        for (int t = 0; t <= s->max_threads; t++)
            if (s->workspaces[t])
                gsl_integration_workspace_free(s->workspaces[t]);
    free(s->workspaces);
    free(s->ends);
    free(s->reference);
    free(s->result);
    free(s->abserr);
    free(s->status);
    free(s->evaluations);
    free(s->status_value);
    free(s);
}

const kernel kernel_quadrature = {
    .name = "quadrature",
    .summary = "integral of sin(x^2) in k intervals by GSL's adaptive QAGS: later intervals "
               "oscillate faster and cost more, so the schedule matters",
    .params = quadrature_params,
    .presets = quadrature_presets,
    .variants = quadrature_variants,
    .size_param = "k",
    .scheduled = true,
    .unequal_work = true, /* sin(x^2) oscillates faster as x grows */
    .check = quadrature_check,
    .prepare = quadrature_prepare,
    .run = quadrature_run,
    .verify = quadrature_verify,
    .work = quadrature_work,
    .facts = quadrature_facts,
    .free = quadrature_free,
    .hybrid = &quadrature_hybrid,
};
