/*
 * squares.c: y[i] = x[i]^2 over n doubles, the tutorials' Pool.map of a
 * square (and of sqrt over a shared array), in three regimes:
 *   - plain: one multiply per 16 bytes moved, so memory-bound;
 *   - --work K: K more dependent multiply-adds per element, compute-bound;
 *   - --sleep-us U: each of n items sleeps U microseconds first, the
 *     tutorials' simulated expensive task; latency-bound, so it keeps scaling
 *     past the core count while the other two stop at the machine's limits.
 * The input is x[i] = i mod 2^26, whose squares are exact in double precision,
 * so the plain checksum has an exact closed-form reference.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exact.h"
#include "kernel.h"
#include "machine.h"
#include "squares.h"

enum { SQ_N, SQ_WORK, SQ_SLEEP_US };

static const kernel_param squares_params[] = {
    {"n", PARAM_INT, "auto", 1, 4e12, NULL,
     "elements; auto: each array 4x the last-level cache, or 40 with --sleep-us"},
    {"work", PARAM_INT, "0", 0, 1e6, NULL,
     "extra dependent multiply-adds per element (0: memory-bound)"},
    {"sleep-us", PARAM_INT, "0", 0, 1e7, NULL,
     "sleep this many microseconds per element (latency-bound mode)"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset squares_presets[] = {
    {"tutorial", "n=10", "the squares of 0..9"},
    {"tutorial-sleep", "n=10,sleep-us=100000", "the tutorial's 10 items of 0.1 s each"},
    {"quick", "n=2^16", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant squares_variants[] = {
    {"serial", "a plain loop, no OpenMP"},
    {"omp", "parallel for under the chosen schedule"},
    {NULL, NULL},
};

/* Inputs repeat with this period so that every square is an exact double. */
#define SQ_PERIOD (INT64_C(1) << 26)

typedef struct squares_state {
    int64_t n;
    int64_t work;
    int64_t sleep_us;
    int max_threads;
    double *x;
    double *y;
    int64_t first, count; /* the elements run() computes: all, or a rank's block (hybrid) */
    double tally[KERNEL_TALLY_LEN];      /* hybrid: the ranks' tallies combined (squares_tally) */
    unsigned __int128 exact; /* and their exact checksums */
    bool combined;        /* verify() reports them, not its own pass over y */
} squares_state;

/* The per-element function: K dependent multiply-adds that stay bounded, then the square. */
static inline double squares_f(double x, int64_t work)
{
    double v = x;
    for (int64_t k = 0; k < work; k++)
        v = v * 0.999999 + 1e-6;
    return v * v;
}

static void squares_sleep(int64_t us)
{
    struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static int squares_check(param_value *v, int max_threads, char *err, size_t errlen)
{
    (void)max_threads;
    if (v[SQ_SLEEP_US].i > 0 && v[SQ_WORK].i > 0) {
        snprintf(err, errlen, "squares: --sleep-us and --work exclude each other (sleeping items "
                              "are plain squares): give one");
        return OMPSCALE_USAGE;
    }
    if (v[SQ_N].is_auto) {
        v[SQ_N].is_auto = false;
        v[SQ_N].i = v[SQ_SLEEP_US].i > 0 ? 40 : machine_default_array_len();
    }
    if (machine_check_fits("squares: --n", v[SQ_N].i, sizeof(double), 2, err, errlen) != 0)
        return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}

static int squares_prepare(param_value *v, int max_threads, void **state, char *err,
                           size_t errlen)
{
    if (squares_check(v, max_threads, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    squares_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->n = v[SQ_N].i;
    s->work = v[SQ_WORK].i;
    s->sleep_us = v[SQ_SLEEP_US].i;
    s->max_threads = max_threads;
    s->count = s->n;
    s->x = machine_alloc_doubles(s->n);
    s->y = machine_alloc_doubles(s->n);
    if (!s->x || !s->y)
        goto nomem;
    /* First touch by the threads that will use the pages, in the run's static split. */
    const int64_t n = s->n;
    double *x = s->x, *y = s->y;
#pragma omp parallel for schedule(static) num_threads(max_threads)
    for (int64_t i = 0; i < n; i++) {
        x[i] = (double)(i % SQ_PERIOD);
        y[i] = -1.0;
    }
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "squares: out of memory for n = %" PRId64, v[SQ_N].i);
    if (s) {
        free(s->x);
        free(s->y);
        free(s);
    }
    return OMPSCALE_FAIL;
}

static int squares_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    squares_state *s = state;
    const int64_t lo = s->first, hi = s->first + s->count, work = s->work, sleep_us = s->sleep_us;
    const double *restrict x = s->x;
    double *restrict y = s->y;
    s->combined = false;
    if (variant == 0) {
        *threads_obtained = 1;
        if (sleep_us > 0)
            for (int64_t i = lo; i < hi; i++) {
                squares_sleep(sleep_us);
                y[i] = x[i] * x[i];
            }
        else if (work > 0)
            for (int64_t i = lo; i < hi; i++)
                y[i] = squares_f(x[i], work);
        else
            for (int64_t i = lo; i < hi; i++)
                y[i] = x[i] * x[i];
        return OMPSCALE_OK;
    }
    int obtained = 0;
    sched_guard g;
    sched_enter(&g, &exec->schedule);
#pragma omp parallel num_threads(exec->threads)
    {
#pragma omp master
        obtained = omp_get_num_threads();
        if (sleep_us > 0) {
#pragma omp for schedule(runtime)
            for (int64_t i = lo; i < hi; i++) {
                squares_sleep(sleep_us);
                y[i] = x[i] * x[i];
            }
        } else if (work > 0) {
#pragma omp for schedule(runtime)
            for (int64_t i = lo; i < hi; i++)
                y[i] = squares_f(x[i], work);
        } else {
#pragma omp for schedule(runtime)
            for (int64_t i = lo; i < hi; i++)
                y[i] = x[i] * x[i];
        }
    }
    sched_leave(&g);
    *threads_obtained = obtained;
    return OMPSCALE_OK;
}


/* Sum of i^2 for i = 0..m-1, exactly. */
static unsigned __int128 squares_sum_sq(int64_t m)
{
    unsigned __int128 mm = (unsigned __int128)m;
    return m < 1 ? 0 : (mm - 1) * mm * (2 * mm - 1) / 6;
}

/*
 * What verify() counts over elements first..first+count-1, as doubles so that
 * a rank's tally travels as its partial: the elements that differ from the
 * serial function, the first of them (-1: none), the worst difference, the
 * sums of y and of the serial values; and the exact sum of y (plain squares:
 * every element an integer below 2^64).
 */
static void squares_tally(const squares_state *s, int64_t first, int64_t count,
                          double tally[KERNEL_TALLY_LEN], unsigned __int128 *exact)
{
    kernel_tally_init(tally);
    *exact = 0;
    for (int64_t i = first; i < first + count; i++) {
        double want = s->work > 0 ? squares_f(s->x[i], s->work) : s->x[i] * s->x[i];
        double got = s->y[i];
        kernel_tally_add(tally, i, got, want);
        if (s->work == 0 && got >= 0 && got < 0x1p64)
            *exact += (unsigned __int128)(uint64_t)got;
    }
}

static void squares_verify(void *state, kernel_check *c)
{
    const squares_state *s = state;
    memset(c, 0, sizeof *c);
    /*
     * Every element is compared bit for bit with the serial function of its
     * input: each is computed by the same IEEE operations in the same order
     * whatever the thread, and the build turns off FMA contraction, so the
     * tolerance is zero.  After a hybrid run the ranks' tallies of their
     * blocks, combined, stand for this pass over all n.
     */
    double tally[KERNEL_TALLY_LEN];
    unsigned __int128 exact;
    if (s->combined) {
        memcpy(tally, s->tally, sizeof tally);
        exact = s->exact;
    } else {
        squares_tally(s, 0, s->n, tally, &exact);
    }
    const int64_t wrong = (int64_t)tally[KERNEL_TALLY_WRONG], first_wrong = (int64_t)tally[KERNEL_TALLY_FIRST_WRONG];
    c->result = tally[KERNEL_TALLY_SUM];
    c->reference = tally[KERNEL_TALLY_REF_SUM];
    c->abs_error = tally[KERNEL_TALLY_WORST];
    c->tolerance = 0;
    c->verified = wrong == 0;
    if (s->work == 0) {
        /* Plain squares: the exact checksum against the closed form of sum (i mod 2^26)^2. */
        int64_t q = s->n / SQ_PERIOD, r = s->n % SQ_PERIOD;
        unsigned __int128 ref = (unsigned __int128)q * squares_sum_sq(SQ_PERIOD) + squares_sum_sq(r);
        exact_i128_text((__int128)exact, c->result_text, sizeof c->result_text);
        exact_i128_text((__int128)ref, c->reference_text, sizeof c->reference_text);
        if (exact != ref)
            c->verified = false;
    }
    if (wrong > 0)
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " elements differ from the serial function, first at %" PRId64,
                 wrong, s->n, first_wrong);
    else
        snprintf(c->detail, sizeof c->detail, "all %" PRId64 " elements exact", s->n);
}

/*
 * Hybrid: rank r of R squares its contiguous block of the n elements and
 * checks it as verify() would (squares_tally); its partial is that tally and
 * its exact checksum (7 doubles), and combine() adds them in rank order, so
 * that verify() reports the whole run from them.  The element-by-element
 * check stays exact; only the double checksum `result` is summed by blocks.
 */
static int squares_hybrid_run(void *state, int variant, const kernel_exec *exec,
                              const kernel_part *part, int *threads_obtained)
{
    squares_state *s = state;
    kernel_part_block(part, s->n, &s->first, &s->count);
    int status = squares_run(s, variant, exec, threads_obtained);
    s->first = 0;
    s->count = s->n;
    return status;
}

enum { SQ_PARTIAL = KERNEL_TALLY_LEN + 2 }; /* the tally, then the exact checksum's two 64-bit words */

static size_t squares_hybrid_partial_len(const void *state, int ranks)
{
    (void)state;
    (void)ranks;
    return SQ_PARTIAL;
}

static void squares_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    const squares_state *s = state;
    int64_t first, count;
    unsigned __int128 exact;
    kernel_part_block(part, s->n, &first, &count);
    squares_tally(s, first, count, out, &exact);
    uint64_t words[2] = {(uint64_t)exact, (uint64_t)(exact >> 64)};
    memcpy(out + KERNEL_TALLY_LEN, words, sizeof words);
}

static int squares_hybrid_combine(void *state, int ranks, const double *partials)
{
    squares_state *s = state;
    kernel_part_tally_combine(ranks, partials, SQ_PARTIAL, s->tally);
    s->exact = 0;
    for (int r = 0; r < ranks; r++) {
        uint64_t words[2];
        memcpy(words, partials + (size_t)r * SQ_PARTIAL + KERNEL_TALLY_LEN, sizeof words);
        s->exact += (unsigned __int128)words[0] | (unsigned __int128)words[1] << 64;
    }
    s->combined = true;
    return OMPSCALE_OK;
}

static const kernel_hybrid squares_hybrid = {
    .decomposition = "contiguous blocks of the n elements",
    .run = squares_hybrid_run,
    .partial_len = squares_hybrid_partial_len,
    .partial = squares_hybrid_partial,
    .combine = squares_hybrid_combine,
};

static void squares_work(const void *state, kernel_work *w)
{
    const squares_state *s = state;
    *w = (kernel_work){0};
    /*
     * The roofline's count: per element one multiply (the square) and 2 per
     * extra multiply-add of --work, over the 16 bytes of x[i] read and y[i]
     * written; sleeping items have no operations to speak of (no point).
     */
    w->ops = s->sleep_us > 0 ? 0 : (double)s->n * (1.0 + 2.0 * (double)s->work);
    w->ops_kind = s->sleep_us > 0 ? KERNEL_OPS_UNKNOWN : KERNEL_OPS_FLOP;
    w->bytes = s->sleep_us > 0 ? 0 : 16.0 * (double)s->n;
    if (s->sleep_us > 0) {
        w->amount = (double)s->n;
        w->unit = KERNEL_UNIT_ITEM;
    } else if (s->work > 0) {
        w->amount = (double)s->n * (1.0 + 2.0 * (double)s->work);
        w->unit = KERNEL_UNIT_FLOP;
    } else {
        w->amount = 16.0 * (double)s->n; /* read x, write y: STREAM's counting */
        w->unit = KERNEL_UNIT_BYTES;
        w->ceiling = "stream-copy"; /* the same traffic: one array read, one written */
    }
}

double *squares_output(void *state, int64_t *n)
{
    squares_state *s = state;
    *n = s->n;
    return s->y;
}

static void squares_free(void *state)
{
    squares_state *s = state;
    if (!s)
        return;
    free(s->x);
    free(s->y);
    free(s);
}

const kernel kernel_squares = {
    .name = "squares",
    .summary = "y[i] = x[i]^2: memory-bound, or compute-bound with --work, or latency-bound "
               "with --sleep-us",
    .params = squares_params,
    .presets = squares_presets,
    .variants = squares_variants,
    .size_param = "n",
    .scheduled = true,
    .unequal_work = false, /* with --sleep-us every item sleeps alike too */
    .check = squares_check,
    .prepare = squares_prepare,
    .run = squares_run,
    .verify = squares_verify,
    .work = squares_work,
    .facts = NULL,
    .free = squares_free,
    .hybrid = &squares_hybrid,
};
