/*
 * peakflops.c: the compute roof of the roofline.  Each thread runs
 * PF_LANES independent recurrences x <- a x + b, one fused multiply-add
 * each per iteration, held in registers: PF_CHAINS vector registers of
 * doubles at once, more than an FMA's latency (4 cycles) times the FMA
 * ports (2) of current x86 cores, so that the ports never wait for a
 * result (the Empirical Roofline Toolkit and likwid-bench's peakflops do
 * the same: independent chains, no memory traffic inside the loop).
 *
 * The build has -ffp-contract=off, so no a*x+b is fused behind our back:
 * the FMAs are explicit, _mm512_fmadd_pd or _mm256_fmadd_pd in functions
 * compiled for AVX-512 or AVX2+FMA (the target attribute), chosen once in
 * prepare by what the CPU supports, else C's fma() one lane at a time.
 * fma() is correctly rounded, as the instructions are, so every path gives
 * every lane the same bits: the choice changes the speed, not the result.
 *
 * The size n is the iterations of one run, split across the threads (a
 * static split: thread t of T gets n/T, one more for t < n mod T), each
 * thread on its own lanes (a cache line apart, its own x0).  One run does
 * 2 PF_LANES n flop (an FMA counts two, as the roofline counts), and moves
 * no bytes: a point at infinite intensity, the roof itself.
 *
 * Verified against the closed form of the recurrence (below), within a
 * bound on the rounding of the n FMAs.
 */
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define PF_X86 1
#endif

#include "kernel.h"
#include "peakflops.h"

enum { PF_N };

#define PF_CHAINS 12             /* vector registers in flight: > 4 cycles x 2 ports */
#define PF_LANES (PF_CHAINS * 8) /* doubles per thread: 12 zmm, or 2 x 12 ymm, or 96 scalars */

/*
 * a = 1 - 2^-24 and b = 2^-23: the fixed point b / (1 - a) is exactly 2 and
 * x_n = 2 + a^n (x_0 - 2).  a^n stays far from 0 over the iterations a run
 * can have (n <= 2^24: a^n >= e^-1), so that a run that skips or repeats an
 * iteration lands a^n (1 - a) |x_0 - 2| away, which the tolerance resolves.
 */
#define PF_A (1.0 - 0x1p-24)
#define PF_B 0x1p-23

static const kernel_param peakflops_params[] = {
    {"n", PARAM_INT, "2^22", 1, 0x1p24, NULL,
     "FMA iterations per run, split across the threads (each does 96 lanes)"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset peakflops_presets[] = {
    {"tutorial", "n=2^22", "the default: about 10 ms serial at 80 GFLOP/s"},
    {"quick", "n=2^14", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant peakflops_variants[] = {
    {"serial", "one thread's lanes, no OpenMP"},
    {"omp", "a parallel region: each thread its share of the iterations on its own lanes"},
    {NULL, NULL},
};

/* How the lanes are stepped: the widest FMA this CPU has. */
typedef enum { PF_SCALAR, PF_AVX2, PF_AVX512 } pf_path;
static const char *const pf_path_names[] = {"scalar fma()", "AVX2 FMA", "AVX-512 FMA"};

typedef struct peakflops_state {
    int64_t n;
    int max_threads;
    pf_path path;
    double *lanes;       /* max_threads x PF_LANES, each thread's 64-byte aligned */
    int64_t *iterations; /* what each thread did in the last run */
    int threads_run;     /* the threads of the last run (0: none yet, or it failed) */
    int refused_threads; /* the threads the last run asked beyond max_threads (0: none) */
} peakflops_state;

/* Lane i's start on thread t: distinct, in [1, 1.5), never the fixed point. */
static double pf_x0(int t, int i)
{
    return 1.0 + (double)(t * PF_LANES + i + 1) / (double)(4 * PF_LANES * 64);
}

static void pf_step_scalar(double *restrict x, int64_t iters)
{
    for (int g = 0; g < PF_LANES; g += PF_CHAINS) {
        double v[PF_CHAINS];
        memcpy(v, x + g, sizeof v);
        for (int64_t k = 0; k < iters; k++)
            for (int j = 0; j < PF_CHAINS; j++)
                v[j] = fma(PF_A, v[j], PF_B);
        memcpy(x + g, v, sizeof v);
    }
}

#ifdef PF_X86
#define PF_REP12(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11)

__attribute__((target("avx512f"))) static void pf_step_avx512(double *restrict x, int64_t iters)
{
    const __m512d a = _mm512_set1_pd(PF_A), b = _mm512_set1_pd(PF_B);
#define PF_LOAD(j) __m512d v##j = _mm512_load_pd(x + 8 * (j));
#define PF_FMA(j) v##j = _mm512_fmadd_pd(a, v##j, b);
#define PF_STORE(j) _mm512_store_pd(x + 8 * (j), v##j);
    PF_REP12(PF_LOAD)
    for (int64_t k = 0; k < iters; k++) {
        PF_REP12(PF_FMA)
    }
    PF_REP12(PF_STORE)
#undef PF_LOAD
#undef PF_FMA
#undef PF_STORE
}

/* 16 ymm registers: the 96 lanes as two halves of 12 chains, one after the other. */
__attribute__((target("avx2,fma"))) static void pf_step_avx2(double *restrict x, int64_t iters)
{
    const __m256d a = _mm256_set1_pd(PF_A), b = _mm256_set1_pd(PF_B);
    for (int half = 0; half < 2; half++) {
        double *h = x + half * PF_LANES / 2;
#define PF_LOAD(j) __m256d v##j = _mm256_load_pd(h + 4 * (j));
#define PF_FMA(j) v##j = _mm256_fmadd_pd(a, v##j, b);
#define PF_STORE(j) _mm256_store_pd(h + 4 * (j), v##j);
        PF_REP12(PF_LOAD)
        for (int64_t k = 0; k < iters; k++) {
            PF_REP12(PF_FMA)
        }
        PF_REP12(PF_STORE)
#undef PF_LOAD
#undef PF_FMA
#undef PF_STORE
    }
}
#endif

static pf_path pf_choose(void)
{
#ifdef PF_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        return PF_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return PF_AVX2;
#endif
    return PF_SCALAR;
}

/* Thread t's lanes, from their starts, stepped iters times. */
static void pf_thread(peakflops_state *s, int t, int64_t iters)
{
    double *x = s->lanes + (size_t)t * PF_LANES;
    for (int i = 0; i < PF_LANES; i++)
        x[i] = pf_x0(t, i);
    s->iterations[t] = iters;
    switch (s->path) {
#ifdef PF_X86
    case PF_AVX512: pf_step_avx512(x, iters); return;
    case PF_AVX2: pf_step_avx2(x, iters); return;
#endif
    default: pf_step_scalar(x, iters); return;
    }
}

/* Thread t of T's share of n iterations. */
static int64_t pf_share(int64_t n, int t, int T)
{
    return n / T + (t < n % T);
}

static void peakflops_free(void *state)
{
    peakflops_state *s = state;
    if (!s)
        return;
    free(s->lanes);
    free(s->iterations);
    free(s);
}

static int peakflops_prepare(param_value *v, int max_threads, void **state, char *err,
                             size_t errlen)
{
    peakflops_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->n = v[PF_N].i;
    s->max_threads = max_threads < 1 ? 1 : max_threads;
    s->path = pf_choose();
    s->lanes = aligned_alloc(64, (size_t)s->max_threads * PF_LANES * sizeof *s->lanes);
    s->iterations = calloc((size_t)s->max_threads, sizeof *s->iterations);
    if (!s->lanes || !s->iterations)
        goto nomem;
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "peakflops: out of memory for %d threads", max_threads);
    peakflops_free(s);
    return OMPSCALE_FAIL;
}

static int peakflops_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    peakflops_state *s = state;
    s->threads_run = s->refused_threads = 0;
    if (variant == 0) {
        pf_thread(s, 0, s->n);
        s->threads_run = *threads_obtained = 1;
        return OMPSCALE_OK;
    }
    if (exec->threads > s->max_threads) {
        s->refused_threads = exec->threads; /* verify() says why */
        return OMPSCALE_FAIL;
    }
    int obtained = 0;
#pragma omp parallel num_threads(exec->threads)
    {
        int t = omp_get_thread_num(), T = omp_get_num_threads();
#pragma omp master
        obtained = T;
        pf_thread(s, t, pf_share(s->n, t, T));
    }
    s->threads_run = *threads_obtained = obtained;
    return OMPSCALE_OK;
}

double peakflops_closed_form(double x0, int64_t iterations)
{
    return 2.0 + pow(PF_A, (double)iterations) * (x0 - 2.0);
}

double peakflops_tolerance(int64_t iterations)
{
    /*
     * Each FMA rounds once, by at most u |x| <= 2u (every x stays in [1, 2],
     * between x_0 and the fixed point), and an error is carried on times
     * a < 1: after n steps at most 2 n u.  The closed form adds pow's few ulps of a^n
     * (|x_0 - 2| <= 1) and the final add's half ulp of 2: 16 u covers them.  A lane
     * that did n - 1 or n + 1 steps is off by a^n 2^-24 |x_0 - 2| >= e^-1 2^-24 / 2 =
     * 1.1e-8 (n <= 2^24, |x_0 - 2| > 1/2), three times this tolerance at n = 2^24 (3.7e-9)
     * and 24 times at the default 2^22 on one thread: a miscounted run does not verify.
     */
    const double u = 0x1p-53;
    return (2.0 * (double)iterations + 16.0) * u;
}

double *peakflops_lanes(void *state, int *threads)
{
    peakflops_state *s = state;
    *threads = s->threads_run;
    return s->lanes;
}

static void peakflops_verify(void *state, kernel_check *c)
{
    const peakflops_state *s = state;
    memset(c, 0, sizeof *c);
    if (s->refused_threads > 0) {
        snprintf(c->detail, sizeof c->detail, "peakflops: a run of %d threads was asked, and "
                 "lanes were prepared for %d: give --threads at most the plan's largest",
                 s->refused_threads, s->max_threads);
        return;
    }
    if (s->threads_run == 0) {
        snprintf(c->detail, sizeof c->detail, "peakflops: not run since prepare");
        return;
    }
    double worst = 0, worst_tol = 0, sum = 0, ref_sum = 0;
    int wrong = 0, first_t = -1, first_i = -1;
    for (int t = 0; t < s->threads_run; t++) {
        const double tol = peakflops_tolerance(s->iterations[t]);
        for (int i = 0; i < PF_LANES; i++) {
            double got = s->lanes[(size_t)t * PF_LANES + i];
            double want = peakflops_closed_form(pf_x0(t, i), s->iterations[t]);
            double d = fabs(got - want);
            if (!(d <= tol)) {
                if (wrong++ == 0) {
                    first_t = t;
                    first_i = i;
                }
            }
            if (!(d <= worst))
                worst = d;
            worst_tol = fmax(worst_tol, tol);
            sum += got;
            ref_sum += want;
        }
    }
    c->result = sum;
    c->reference = ref_sum;
    c->abs_error = worst;
    c->tolerance = worst_tol;
    c->verified = wrong == 0;
    if (wrong)
        snprintf(c->detail, sizeof c->detail, "%d of %d lanes off the closed form 2 + a^n (x0 - "
                 "2) by more than %.3g, first thread %d lane %d (%s)", wrong,
                 s->threads_run * PF_LANES, worst_tol, first_t, first_i, pf_path_names[s->path]);
    else
        snprintf(c->detail, sizeof c->detail, "%d lanes x %" PRId64 " FMAs on %d thread%s within "
                 "%.3g of the closed form (%s)", s->threads_run * PF_LANES, s->n, s->threads_run,
                 s->threads_run == 1 ? "" : "s", worst_tol, pf_path_names[s->path]);
}

static void peakflops_work(const void *state, kernel_work *w)
{
    const peakflops_state *s = state;
    *w = (kernel_work){0};
    w->amount = 2.0 * PF_LANES * (double)s->n; /* an FMA is two flop */
    w->unit = KERNEL_UNIT_FLOP;
    w->ops = w->amount;
    w->ops_kind = KERNEL_OPS_FLOP;
    w->in_cache = true; /* registers only */
    w->roof = "FMA";
}

static const char *const peakflops_roofs[] = {"", NULL};

const kernel kernel_peakflops = {
    .name = "peakflops",
    .summary = "independent FMA chains in registers: the compute roof of the roofline (GFLOP/s)",
    .params = peakflops_params,
    .presets = peakflops_presets,
    .variants = peakflops_variants,
    .size_param = "n",
    .scheduled = false,
    .unequal_work = false,
    .roof_configs = peakflops_roofs,
    .check = NULL, /* n's range is the table's; the lanes are 768 bytes a thread */
    .prepare = peakflops_prepare,
    .run = peakflops_run,
    .verify = peakflops_verify,
    .work = peakflops_work,
    .facts = NULL,
    .free = peakflops_free,
};
