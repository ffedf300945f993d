/*
 * jacobi.c: a kernel of your own, outside ompscale's tree: Jacobi sweeps of
 * the 2D heat (Laplace) equation on an n x n interior grid with zero
 * (Dirichlet) boundary, built as a plugin against the installed
 * <ompscale/kernel.h> and loaded with `ompscale run --plugin jacobi.so`.
 *
 * One sweep replaces every interior point by the average of its four
 * neighbours.  Started from the separable sine
 *     u0(i, j) = sin(pi i h) sin(pi j h),   h = 1 / (n + 1),
 * which is zero on the boundary (i or j = 0 or n + 1), a sweep gives
 *     (u(i-1,j) + u(i+1,j) + u(i,j-1) + u(i,j+1)) / 4
 *   = (2 cos(pi h) u(i,j) + 2 cos(pi h) u(i,j)) / 4        [sin(a-b) + sin(a+b) = 2 sin a cos b]
 *   = lambda u(i,j),  lambda = (cos(pi h) + cos(pi h)) / 2 = cos(pi h),
 * so after K sweeps u = lambda^K u0 exactly: the closed form every run is
 * verified against, point by point.
 *
 * Variants: serial, and omp (rows split under the chosen schedule, one
 * parallel region for all K sweeps, the schedule applied and restored with
 * sched_enter/sched_leave as the built-in kernels do).
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ompscale/kernel.h>
#include <ompscale/machine.h>

enum { JACOBI_N, JACOBI_ITERS };

#define JACOBI_PI 3.14159265358979323846 /* M_PI is not ISO C */

static const kernel_param jacobi_params[] = {
    {"n", PARAM_INT, "1024", 1, 1 << 20, NULL, "interior grid points per side"},
    {"iters", PARAM_INT, "50", 1, 1e6, NULL, "Jacobi sweeps per run"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset jacobi_presets[] = {
    {"quick", "n=128,iters=20", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant jacobi_variants[] = {
    {"serial", "row by row, no OpenMP"},
    {"omp", "rows split under the chosen schedule, one parallel region for every sweep"},
    {NULL, NULL},
};

typedef struct jacobi_state {
    int64_t n, iters;
    int64_t side;     /* n + 2: the grid with its boundary */
    double *start;    /* u0, read by the first sweep of every run, never written */
    double *grid[2];  /* sweep k writes grid[k % 2] */
    double lambda;    /* cos(pi h) */
} jacobi_state;

static int jacobi_check(param_value *v, int max_threads, char *err, size_t errlen)
{
    (void)max_threads;
    int64_t side = v[JACOBI_N].i + 2;
    /* three grids of side^2 doubles: u0 and the two that sweeps alternate between */
    if (machine_check_fits("jacobi: --n", side * side, sizeof(double), 3, err, errlen) != 0)
        return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}

/* One sweep of rows [first, last) from src into dst. */
static inline void jacobi_rows(const double *restrict src, double *restrict dst, int64_t side,
                               int64_t first, int64_t last)
{
    for (int64_t i = first; i < last; i++)
        for (int64_t j = 1; j < side - 1; j++)
            dst[i * side + j] = 0.25 * (src[(i - 1) * side + j] + src[(i + 1) * side + j] +
                                        src[i * side + j - 1] + src[i * side + j + 1]);
}

static void jacobi_free(void *state)
{
    jacobi_state *s = state;
    if (!s)
        return;
    free(s->start);
    free(s->grid[0]);
    free(s->grid[1]);
    free(s);
}

static int jacobi_prepare(param_value *v, int max_threads, void **state, char *err,
                          size_t errlen)
{
    if (jacobi_check(v, max_threads, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    jacobi_state *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "jacobi: out of memory");
        return OMPSCALE_FAIL;
    }
    s->n = v[JACOBI_N].i;
    s->iters = v[JACOBI_ITERS].i;
    s->side = s->n + 2;
    const double h = 1.0 / (double)(s->n + 1);
    s->lambda = cos(JACOBI_PI * h);
    s->start = machine_alloc_doubles(s->side * s->side);
    s->grid[0] = machine_alloc_doubles(s->side * s->side);
    s->grid[1] = machine_alloc_doubles(s->side * s->side);
    if (!s->start || !s->grid[0] || !s->grid[1]) {
        snprintf(err, errlen, "jacobi: out of memory for n = %" PRId64, s->n);
        jacobi_free(s);
        return OMPSCALE_FAIL;
    }
    /*
     * First touch by rows, as the static schedule will split them.  The
     * boundary is exactly 0 (sin(pi) in doubles is 1.2e-16, not 0) and is
     * never written by a sweep.
     */
    const int64_t side = s->side;
    double *u0 = s->start, *a = s->grid[0], *b = s->grid[1];
#pragma omp parallel for schedule(static) num_threads(max_threads)
    for (int64_t i = 0; i < side; i++)
        for (int64_t j = 0; j < side; j++) {
            bool edge = i == 0 || j == 0 || i == side - 1 || j == side - 1;
            u0[i * side + j] =
                edge ? 0.0 : sin(JACOBI_PI * (double)i * h) * sin(JACOBI_PI * (double)j * h);
            a[i * side + j] = b[i * side + j] = 0.0;
        }
    *state = s;
    return OMPSCALE_OK;
}

static int jacobi_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    jacobi_state *s = state;
    const int64_t side = s->side, iters = s->iters;
    if (variant == 0) {
        *threads_obtained = 1;
        const double *src = s->start;
        for (int64_t k = 0; k < iters; k++) {
            jacobi_rows(src, s->grid[k % 2], side, 1, side - 1);
            src = s->grid[k % 2];
        }
        return OMPSCALE_OK;
    }
    int obtained = 0;
    sched_guard g;
    sched_enter(&g, &exec->schedule);
#pragma omp parallel num_threads(exec->threads)
    {
#pragma omp master
        obtained = omp_get_num_threads();
        const double *src = s->start;
        for (int64_t k = 0; k < iters; k++) {
            double *dst = s->grid[k % 2];
            /* its implicit barrier: no sweep reads a grid the previous one is still writing */
#pragma omp for schedule(runtime)
            for (int64_t i = 1; i < side - 1; i++)
                jacobi_rows(src, dst, side, i, i + 1);
            src = dst;
        }
    }
    sched_leave(&g);
    *threads_obtained = obtained;
    return OMPSCALE_OK;
}

static void jacobi_verify(void *state, kernel_check *c)
{
    const jacobi_state *s = state;
    memset(c, 0, sizeof *c);
    const int64_t side = s->side;
    const double *u = s->grid[(s->iters - 1) % 2], *u0 = s->start;
    const double decay = pow(s->lambda, (double)s->iters);
    double worst = 0;
    int64_t worst_at = 0;
    for (int64_t p = 0; p < side * side; p++) {
        double d = fabs(u[p] - decay * u0[p]);
        if (!(d <= worst)) { /* a NaN counts as the worst */
            worst = d;
            worst_at = p;
        }
    }
    /*
     * The tolerance is the smaller of two bounds on the rounding, for K
     * sweeps of an n x n grid (eps = DBL_EPSILON), and has room for nothing
     * else: one sweep fewer is off by (1 - lambda) lambda^(K-1), 3e-4 at n =
     * 128, and a grid left at zero by lambda^K.
     *  - A sweep adds four values and scales by the exact 0.25: three
     *    roundings of eps/2 of partial sums of at most 4 max|u|, so 1.5 eps
     *    max|u| per point.  The stored sines are within 8 eps of the true
     *    u0, and lambda^K carries lambda's rounding K times (K eps lambda^K).
     *  - In the max norm a sweep (weights 1/4, summing to at most 1) never
     *    amplifies an error, and |u| <= 1: (2.5K + 16) eps in all.
     *  - In the 2-norm a sweep shrinks every error by lambda (the largest
     *    eigenvalue of the averaging in magnitude), and max|u| after k sweeps is about
     *    lambda^k: at most lambda^(K-1) (n (1.5K + 8) + K + 2) eps, which
     *    bounds the max norm too and follows the solution down as it decays.
     *    Once lambda^K underflows, each operation may round by DBL_TRUE_MIN.
     */
    const double k_sweeps = (double)s->iters, n = (double)s->n;
    double by_max = (2.5 * k_sweeps + 16.0) * DBL_EPSILON;
    double by_two = pow(s->lambda, k_sweeps - 1.0) * (n * (1.5 * k_sweeps + 8.0) + k_sweeps + 2.0) *
                        DBL_EPSILON + 4.0 * k_sweeps * DBL_TRUE_MIN;
    c->tolerance = by_max < by_two ? by_max : by_two;
    const int64_t centre = (side / 2) * side + side / 2; /* the headline: the centre's value */
    c->result = u[centre];
    c->reference = decay * u0[centre];
    c->abs_error = worst;
    c->verified = worst <= c->tolerance;
    snprintf(c->detail, sizeof c->detail,
             "%s: after %" PRId64 " sweeps every point within %.3g of lambda^K u0 (worst %.3g at "
             "row %" PRId64 ", column %" PRId64 "; lambda = cos(pi/%" PRId64 ") = %.17g)",
             c->verified ? "closed form" : "wrong", s->iters, c->tolerance, worst,
             worst_at / side, worst_at % side, s->n + 1, s->lambda);
}

static void jacobi_work(const void *state, kernel_work *w)
{
    const jacobi_state *s = state;
    *w = (kernel_work){0};
    /* each sweep reads the grid once and writes it once (neighbours come from cache) */
    w->amount = 16.0 * (double)s->n * (double)s->n * (double)s->iters;
    w->unit = KERNEL_UNIT_BYTES;
    w->ceiling = "stream-copy"; /* the same traffic per point: one read, one write */
    /* for the roofline (ABI 2): 3 adds and a multiply per point and sweep, over those bytes */
    w->ops = 4.0 * (double)s->n * (double)s->n * (double)s->iters;
    w->ops_kind = KERNEL_OPS_FLOP;
    w->bytes = w->amount;
}

static const kernel kernel_jacobi = {
    .name = "jacobi",
    .summary = "Jacobi sweeps of the 2D heat equation, verified against the closed-form decay "
               "of a sine mode",
    .params = jacobi_params,
    .presets = jacobi_presets,
    .variants = jacobi_variants,
    .size_param = "n",
    .scheduled = true,
    .unequal_work = false,
    .check = jacobi_check,
    .prepare = jacobi_prepare,
    .run = jacobi_run,
    .verify = jacobi_verify,
    .work = jacobi_work,
    .facts = NULL,
    .free = jacobi_free,
};

static const kernel *const jacobi_kernels[] = {&kernel_jacobi, NULL};

/* What ompscale looks for when it loads this file (kernel.h). */
const ompscale_plugin ompscale_plugin_table = {
    .abi = OMPSCALE_KERNEL_ABI,
    .kernels = jacobi_kernels,
};
