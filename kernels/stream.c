/*
 * stream.c: the suite's own STREAM (McCalpin), the bandwidth ceilings the
 * memory-bound kernels are measured against.  Five kernels share this file
 * and differ only in their op: stream-copy (c = a), stream-scale (b = q*c),
 * stream-add (c = a + b), stream-triad (a = b + q*c) and stream-read
 * (s = sum of a[i], the ceiling of a kernel that only reads one array).
 *
 * STREAM's rules, as kept here: each array is at least 4x the last-level
 * cache (n = auto); the arrays are allocated and first touched in prepare, in
 * the static split the runs use, outside any timed region; each run executes
 * the op once; every result is validated.  STREAM's "best of several runs" is
 * applied by the harness: it is the CSV's min_s.  Unlike STREAM's chained
 * sequence copy, scale, add, triad (each op reading the last one's output),
 * each kernel here is measured alone so that it can be swept over threads;
 * each op reads only arrays it never writes, so every run writes the same
 * values, STREAM's replay of the recurrence reduces to the formula itself,
 * and verification is an exact per-element check of all n elements.
 *
 * Bytes are counted as STREAM counts them (copy and scale 16 per element,
 * add and triad 24, read 8): the write-allocate read of a written array is
 * not counted.  Flops per element, for the roofline: copy 0, scale 1, add 1,
 * triad 2, read 1.
 *
 * For the roofline's bandwidth roofs, --fit l1|l2|l3 sizes the arrays
 * (n = auto) to half of one cache of that level together, and --passes
 * (auto: enough for 16 MiB a run) sweeps them several times in one run
 * (one parallel region; each thread rereads its own static share, so its
 * data stays in its core's cache), so that a run is long next to a fork and
 * a join.  stream-read names the roof it measures (kernel_work.roof): the
 * level its arrays were sized to, or DRAM when they are at least twice the
 * last-level cache.
 */
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clones.h"
#include "exact.h"
#include "kernel.h"
#include "machine.h"
#include "stream.h"

enum { ST_N, ST_FIT, ST_PASSES };
enum { ST_FIT_MEMORY, ST_FIT_L1, ST_FIT_L2, ST_FIT_L3 };

/* A run moves at least this many bytes when --passes is auto and the arrays fit a cache. */
#define ST_PASS_BYTES (16.0 * 1024 * 1024)

typedef enum { ST_COPY, ST_SCALE, ST_ADD, ST_TRIAD, ST_READ } stream_op;

/* The arrays an op reads or writes, as bits. */
enum { ST_A = 1, ST_B = 2, ST_C = 4 };

static const struct {
    const char *name;
    unsigned reads, writes;
    int arrays;   /* how many it allocates */
    double bytes; /* per element, STREAM's counting */
    double flops; /* per element */
} st_ops[] = {
    [ST_COPY] = {"stream-copy", ST_A, ST_C, 2, 16, 0},
    [ST_SCALE] = {"stream-scale", ST_C, ST_B, 2, 16, 1},
    [ST_ADD] = {"stream-add", ST_A | ST_B, ST_C, 3, 24, 1},
    [ST_TRIAD] = {"stream-triad", ST_B | ST_C, ST_A, 3, 24, 2},
    [ST_READ] = {"stream-read", ST_A, 0, 1, 8, 1},
};

static const kernel_param stream_params[] = {
    /* At most 2^42 elements, so that stream-read's exact sum (below 1025 n) stays below 2^53. */
    {"n", PARAM_INT, "auto", 1, 0x1p42, NULL,
     "elements per array; auto: each array 4x the last-level cache, or see --fit"},
    {"fit", PARAM_CHOICE, "memory", 0, 0, "memory|l1|l2|l3",
     "with n auto: the arrays together half of one cache of this level (a roofline roof)"},
    /* passes x n at most 2^42, as n alone (checked): stream-read's sum stays exact */
    {"passes", PARAM_INT, "auto", 1, 1e9, NULL,
     "sweeps of the arrays per run; auto: 1, or enough for 16 MiB when --fit is a cache"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset stream_presets[] = {
    {"tutorial", "n=auto", "STREAM's rule, the default: each array 4x the last-level cache"},
    {"quick", "n=2^16", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant stream_variants[] = {
    {"serial", "a plain loop, no OpenMP"},
    {"omp", "parallel for, static schedule"},
    {NULL, NULL},
};

#define ST_Q 3.0         /* STREAM's scalar */
#define ST_PERIOD 1024   /* inputs repeat with this period */
#define ST_UNWRITTEN -1.0 /* an output element no run has written */

/*
 * The inputs: small integers that differ from array to array and from
 * element to element (an op that reads the wrong array or the wrong index
 * writes a wrong value), so that every result below is an integer under 2^13.
 */
static inline double st_a(int64_t i) { return (double)(1 + i % ST_PERIOD); }
static inline double st_b(int64_t i) { return (double)(2 + 2 * (i % ST_PERIOD)); }
static inline double st_c(int64_t i) { return (double)(3 + 3 * (i % ST_PERIOD)); }

typedef struct stream_state {
    stream_op op;
    int64_t n;
    int64_t passes;
    const char *roof;  /* stream-read: the level whose bandwidth it measures, or NULL */
    int64_t runs;      /* runs of the op since prepare */
    double *a, *b, *c; /* NULL where the op uses no such array */
    double sum;        /* stream-read: the last run's sum */
    int64_t first, count; /* the elements run() does: all, or a rank's block (hybrid) */
    double tally[KERNEL_TALLY_LEN];      /* hybrid: the ranks' tallies of the output combined (st_tally) */
    bool combined;        /* verify() reports them, not its own pass over the output */
} stream_state;

/* Array p from element `first` on, or NULL where the op uses no such array. */
static double *st_from(double *p, int64_t first)
{
    return p ? p + first : NULL;
}

/* The array a mask names (one bit), or NULL for none. */
static double *st_array(const stream_state *s, unsigned mask)
{
    return mask & ST_A ? s->a : mask & ST_B ? s->b : mask & ST_C ? s->c : NULL;
}

static const char *const st_levels[] = {[ST_FIT_MEMORY] = "DRAM", [ST_FIT_L1] = "L1",
                                        [ST_FIT_L2] = "L2", [ST_FIT_L3] = "L3"};

static int stream_check(stream_op op, param_value *v, char *err, size_t errlen)
{
    const int fit = v[ST_FIT].choice, arrays = st_ops[op].arrays;
    if (v[ST_N].is_auto && fit != ST_FIT_MEMORY) {
        uint64_t cache = machine_cache_bytes(fit);
        if (cache < 2 * 64 * sizeof(double) * (uint64_t)arrays) {
            snprintf(err, errlen, "%s: --fit %s: hwloc reports no %s cache on this machine: "
                     "valid are memory and the levels it reports (ompscale info)",
                     st_ops[op].name, fit == ST_FIT_L1 ? "l1" : fit == ST_FIT_L2 ? "l2" : "l3",
                     st_levels[fit]);
            return OMPSCALE_USAGE;
        }
        v[ST_N].is_auto = false; /* half the cache, in whole 64-element (512-byte) blocks */
        v[ST_N].i = (int64_t)(cache / 2 / sizeof(double) / (uint64_t)arrays) / 64 * 64;
    } else if (v[ST_N].is_auto) {
        v[ST_N].is_auto = false;
        v[ST_N].i = machine_default_array_len();
    }
    char what[32];
    snprintf(what, sizeof what, "%s: --n", st_ops[op].name);
    if (machine_check_fits(what, v[ST_N].i, sizeof(double), arrays, err, errlen) != 0)
        return OMPSCALE_USAGE;
    if (v[ST_PASSES].is_auto) {
        double per_pass = st_ops[op].bytes * (double)v[ST_N].i;
        v[ST_PASSES].is_auto = false;
        v[ST_PASSES].i = fit == ST_FIT_MEMORY || per_pass >= ST_PASS_BYTES
                             ? 1 : (int64_t)ceil(ST_PASS_BYTES / per_pass);
    }
    if ((double)v[ST_PASSES].i * (double)v[ST_N].i > 0x1p42) {
        snprintf(err, errlen, "%s: --passes %" PRId64 " times --n %" PRId64 " is above 2^42 "
                 "elements a run (the read sum's exact range): give fewer passes",
                 st_ops[op].name, v[ST_PASSES].i, v[ST_N].i);
        return OMPSCALE_USAGE;
    }
    return OMPSCALE_OK;
}

/*
 * The roof stream-read measures: the level --fit sized it to, or DRAM when
 * its array is at least twice the last-level cache; NULL otherwise (a
 * working set between the levels measures no one level's bandwidth).
 */
static const char *stream_roof(stream_op op, const param_value *v)
{
    if (op != ST_READ)
        return NULL;
    if (v[ST_FIT].choice != ST_FIT_MEMORY)
        return st_levels[v[ST_FIT].choice];
    uint64_t llc = machine_llc_bytes();
    return llc > 0 && (double)v[ST_N].i * sizeof(double) >= 2.0 * (double)llc ? "DRAM" : NULL;
}

static void stream_free(void *state)
{
    stream_state *s = state;
    if (!s)
        return;
    free(s->a);
    free(s->b);
    free(s->c);
    free(s);
}

static int stream_prepare(stream_op op, param_value *v, int max_threads, void **state, char *err,
                          size_t errlen)
{
    if (stream_check(op, v, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    stream_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->op = op;
    s->n = v[ST_N].i;
    s->passes = v[ST_PASSES].i;
    s->roof = stream_roof(op, v);
    s->count = s->n;
    const unsigned used = st_ops[op].reads | st_ops[op].writes;
    if (used & ST_A && !(s->a = machine_alloc_doubles(s->n)))
        goto nomem;
    if (used & ST_B && !(s->b = machine_alloc_doubles(s->n)))
        goto nomem;
    if (used & ST_C && !(s->c = machine_alloc_doubles(s->n)))
        goto nomem;
    /* First touch by the threads that will use the pages, in the run's static split. */
    const int64_t n = s->n;
    const unsigned writes = st_ops[op].writes;
    double *a = s->a, *b = s->b, *c = s->c;
#pragma omp parallel for schedule(static) num_threads(max_threads)
    for (int64_t i = 0; i < n; i++) {
        if (a)
            a[i] = writes & ST_A ? ST_UNWRITTEN : st_a(i);
        if (b)
            b[i] = writes & ST_B ? ST_UNWRITTEN : st_b(i);
        if (c)
            c[i] = writes & ST_C ? ST_UNWRITTEN : st_c(i);
    }
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "%s: out of memory for n = %" PRId64, st_ops[op].name, v[ST_N].i);
    stream_free(s);
    return OMPSCALE_FAIL;
}

/*
 * The sum of a[0..n): ST_LANES independent accumulators over blocks of
 * ST_LANES elements, so that the adds are not one dependent chain: with
 * AVX-512 (CLONES_VECTOR) four vector chains, enough to cover an add's
 * latency, so that in L1 and L2 the loads, not the adds, set the pace (with
 * eight, one chain of eight lanes held the L1 and L2 roofs at the adds'
 * latency, about 70 GB/s here).  Every input is a small integer, so every
 * order of the adds gives the same exact sum (stream_verify).  The omp
 * variant gives each thread its own accumulators over its static share of
 * the blocks.
 */
#define ST_LANES 32

/* s[j] += a[ST_LANES k + j] over blocks k0..k1-1, pass after pass (fenced: each a real sweep). */
CLONES_VECTOR
static void st_read_blocks(const double *restrict a, int64_t k0, int64_t k1, int64_t passes,
                           double *restrict s)
{
    double t[ST_LANES];
    memcpy(t, s, sizeof t);
    for (int64_t p = 0; p < passes; p++) {
        for (int64_t k = k0; k < k1; k++)
            for (int j = 0; j < ST_LANES; j++)
                t[j] += a[ST_LANES * k + j];
        __asm__ volatile("" : : "r"(t) : "memory");
    }
    memcpy(s, t, sizeof t);
}

static double st_read_tree(const double *s)
{
    double sum = 0;
    for (int j = 0; j < ST_LANES; j++)
        sum += s[j];
    return sum;
}

/*
 * Between passes: the compiler may not assume the arrays unchanged, so it
 * cannot merge the passes (every one is a real sweep of memory).
 */
static inline void st_pass_fence(void)
{
    __asm__ volatile("" ::: "memory");
}

/* The elements past the last whole block, passes times. */
static double st_read_tail(const double *a, int64_t n, int64_t passes)
{
    double sum = 0;
    for (int64_t p = 0; p < passes; p++)
        for (int64_t i = ST_LANES * (n / ST_LANES); i < n; i++)
            sum += a[i];
    return sum;
}

/* The accumulators carry from pass to pass: --passes sweeps, one sum (passes x the sum). */
static double st_read_serial(const double *restrict a, int64_t n, int64_t passes)
{
    double s[ST_LANES] = {0};
    st_read_blocks(a, 0, n / ST_LANES, passes, s);
    return st_read_tree(s) + st_read_tail(a, n, passes);
}

/* Each thread its share of the blocks, as schedule(static) splits them, every pass. */
static double st_read_omp(const double *restrict a, int64_t n, int64_t passes, int threads,
                          int *obtained)
{
    const int64_t blocks = n / ST_LANES;
    double sum = 0;
#pragma omp parallel num_threads(threads) reduction(+ : sum)
    {
        const int t = omp_get_thread_num(), T = omp_get_num_threads();
#pragma omp master
        *obtained = T;
        const int64_t q = blocks / T, r = blocks % T;
        const int64_t k0 = t * q + (t < r ? t : r), k1 = k0 + q + (t < r);
        double s[ST_LANES] = {0};
        st_read_blocks(a, k0, k1, passes, s);
        sum += st_read_tree(s);
    }
    return sum + st_read_tail(a, n, passes);
}

static void st_run_serial(stream_state *s)
{
    const int64_t n = s->count; /* all n, or a rank's block (hybrid) */
    double *restrict a = st_from(s->a, s->first), *restrict b = st_from(s->b, s->first),
                     *restrict c = st_from(s->c, s->first);
    if (s->op == ST_READ) {
        s->sum = st_read_serial(a, n, s->passes);
        return;
    }
    for (int64_t p = 0; p < s->passes; p++, st_pass_fence()) {
        switch (s->op) {
        case ST_COPY:
            for (int64_t i = 0; i < n; i++)
                c[i] = a[i];
            break;
        case ST_SCALE:
            for (int64_t i = 0; i < n; i++)
                b[i] = ST_Q * c[i];
            break;
        case ST_ADD:
            for (int64_t i = 0; i < n; i++)
                c[i] = a[i] + b[i];
            break;
        case ST_TRIAD:
            for (int64_t i = 0; i < n; i++)
                a[i] = b[i] + ST_Q * c[i];
            break;
        case ST_READ:
            break;
        }
    }
}

static int st_run_omp(stream_state *s, int threads)
{
    const int64_t n = s->count;
    double *restrict a = st_from(s->a, s->first), *restrict b = st_from(s->b, s->first),
                     *restrict c = st_from(s->c, s->first);
    int obtained = 0;
    const int64_t passes = s->passes;
    if (s->op == ST_READ) {
        s->sum = st_read_omp(a, n, passes, threads, &obtained);
        return obtained;
    }
#pragma omp parallel num_threads(threads)
    {
#pragma omp master
        obtained = omp_get_num_threads();
        /* each pass ends with the loops' barrier: a pass writes before the next */
        for (int64_t p = 0; p < passes; p++, st_pass_fence()) {
            switch (s->op) {
            case ST_COPY:
#pragma omp for schedule(static)
                for (int64_t i = 0; i < n; i++)
                    c[i] = a[i];
                break;
            case ST_SCALE:
#pragma omp for schedule(static)
                for (int64_t i = 0; i < n; i++)
                    b[i] = ST_Q * c[i];
                break;
            case ST_ADD:
#pragma omp for schedule(static)
                for (int64_t i = 0; i < n; i++)
                    c[i] = a[i] + b[i];
                break;
            case ST_TRIAD:
#pragma omp for schedule(static)
                for (int64_t i = 0; i < n; i++)
                    a[i] = b[i] + ST_Q * c[i];
                break;
            case ST_READ:
                break;
            }
        }
    }
    return obtained;
}

static int stream_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    stream_state *s = state;
    s->combined = false;
    if (variant == 0) {
        st_run_serial(s);
        *threads_obtained = 1;
    } else {
        *threads_obtained = st_run_omp(s, exec->threads);
    }
    s->runs++;
    return OMPSCALE_OK;
}


/* What element i of the op's output must be, from the input formulas (not the input arrays). */
static double st_expected(stream_op op, int64_t i)
{
    switch (op) {
    case ST_COPY:
        return st_a(i);
    case ST_SCALE:
        return ST_Q * st_c(i);
    case ST_ADD:
        return st_a(i) + st_b(i);
    case ST_TRIAD:
        return st_b(i) + ST_Q * st_c(i);
    case ST_READ:
        break;
    }
    return 0;
}

/* The exact sum of st_a(i) for i < n: whole periods of 1..1024, then 1..r. */
static int64_t st_read_reference(int64_t n)
{
    int64_t q = n / ST_PERIOD, r = n % ST_PERIOD;
    return q * (ST_PERIOD * (ST_PERIOD + 1) / 2) + r * (r + 1) / 2;
}

/*
 * What verify() counts over output elements first..first+count-1, as doubles
 * so that a rank's tally travels as its partial: the elements that differ
 * from the formula, the first of them (-1: none), the worst difference, the
 * sums of the output and of the formula (integers, exact: stream_verify).
 */
static void st_tally(const stream_state *s, int64_t first, int64_t count, double *tally)
{
    const double *out = st_array(s, st_ops[s->op].writes);
    kernel_tally_init(tally);
    for (int64_t i = first; i < first + count; i++)
        kernel_tally_add(tally, i, out[i], st_expected(s->op, i));
}

static void stream_verify(void *state, kernel_check *c)
{
    const stream_state *s = state;
    memset(c, 0, sizeof *c);
    /*
     * Tolerance zero, where STREAM allows a relative 1e-13: every input is an
     * integer of at most 3 * 1024 + 3, q is 3, and the sum of at most 2^42
     * inputs of at most 1024 stays below 2^53, so every product, sum and
     * partial sum is an integer that binary64 holds exactly, whatever the
     * order of the adds: a right result is bit for bit the formula.
     */
    c->tolerance = 0;
    if (s->runs == 0) {
        snprintf(c->detail, sizeof c->detail, "not run since prepare");
        return;
    }
    if (s->op == ST_READ) {
        int64_t ref = st_read_reference(s->n) * s->passes;
        c->result = s->sum;
        c->reference = (double)ref;
        c->abs_error = s->sum > c->reference ? s->sum - c->reference : c->reference - s->sum;
        c->verified = s->sum == c->reference;
        if (s->sum >= 0 && s->sum < 0x1p63)
            exact_i128_text((__int128)(int64_t)s->sum, c->result_text, sizeof c->result_text);
        else
            snprintf(c->result_text, sizeof c->result_text, "%.17g", s->sum);
        exact_i128_text(ref, c->reference_text, sizeof c->reference_text);
        snprintf(c->detail, sizeof c->detail, "sum of %" PRId64 " elements %s after %" PRId64 " runs",
                 s->n, c->verified ? "exact" : "differs from the exact sum", s->runs);
        return;
    }
    double tally[KERNEL_TALLY_LEN];
    if (s->combined)
        memcpy(tally, s->tally, sizeof tally);
    else
        st_tally(s, 0, s->n, tally);
    const int64_t wrong = (int64_t)tally[KERNEL_TALLY_WRONG], first_wrong = (int64_t)tally[KERNEL_TALLY_FIRST_WRONG];
    const double worst = tally[KERNEL_TALLY_WORST], sum = tally[KERNEL_TALLY_SUM], ref_sum = tally[KERNEL_TALLY_REF_SUM];
    c->result = sum;
    c->reference = ref_sum;
    c->abs_error = worst;
    c->verified = wrong == 0;
    if (wrong > 0)
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " of %" PRId64 " elements differ from the formula, first at %" PRId64,
                 wrong, s->n, first_wrong);
    else
        snprintf(c->detail, sizeof c->detail, "all %" PRId64 " elements exact after %" PRId64 " runs",
                 s->n, s->runs);
}

/*
 * Hybrid: rank r of R runs the op on its contiguous block of the n elements
 * and checks its block as verify() would (st_tally); its partial is that
 * tally (or for stream-read its block's sum), and combine() adds them in
 * rank order (integers: exact in any order), so that verify() reports the
 * whole run from them.
 */
static int stream_hybrid_run(void *state, int variant, const kernel_exec *exec,
                             const kernel_part *part, int *threads_obtained)
{
    stream_state *s = state;
    kernel_part_block(part, s->n, &s->first, &s->count);
    int status = stream_run(s, variant, exec, threads_obtained);
    s->first = 0;
    s->count = s->n;
    return status;
}

static size_t stream_hybrid_partial_len(const void *state, int ranks)
{
    const stream_state *s = state;
    (void)ranks;
    return s->op == ST_READ ? 1 : KERNEL_TALLY_LEN;
}

static void stream_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    const stream_state *s = state;
    int64_t first, count;
    kernel_part_block(part, s->n, &first, &count);
    if (s->op == ST_READ)
        out[0] = s->sum;
    else
        st_tally(s, first, count, out);
}

static int stream_hybrid_combine(void *state, int ranks, const double *partials)
{
    stream_state *s = state;
    if (s->op == ST_READ) {
        double sum = 0;
        for (int r = 0; r < ranks; r++)
            sum += partials[r];
        s->sum = sum;
        return OMPSCALE_OK;
    }
    kernel_part_tally_combine(ranks, partials, KERNEL_TALLY_LEN, s->tally);
    s->combined = true;
    return OMPSCALE_OK;
}

static const kernel_hybrid stream_hybrid = {
    .decomposition = "contiguous blocks of the n elements",
    .run = stream_hybrid_run,
    .partial_len = stream_hybrid_partial_len,
    .partial = stream_hybrid_partial,
    .combine = stream_hybrid_combine,
};

static void stream_work(const void *state, kernel_work *w)
{
    const stream_state *s = state;
    *w = (kernel_work){0};
    w->amount = st_ops[s->op].bytes * (double)s->n * (double)s->passes;
    w->unit = KERNEL_UNIT_BYTES;
    w->ceiling = NULL; /* these are the ceilings */
    w->ops = st_ops[s->op].flops * (double)s->n * (double)s->passes;
    w->ops_kind = KERNEL_OPS_FLOP;
    w->bytes = w->amount;
    w->roof = s->roof;
}

double *stream_output(void *state, int64_t *n)
{
    stream_state *s = state;
    *n = s->n;
    return st_array(s, st_ops[s->op].writes);
}

double *stream_input(void *state, int64_t *n)
{
    stream_state *s = state;
    *n = s->n;
    return st_array(s, st_ops[s->op].reads);
}

/* One kernel per op: the table row, and the two steps that need to know the op. */
#define STREAM_KERNEL(OP, ID, ROOFS, SUMMARY)                                                    \
    static int stream_check_##ID(param_value *v, int max_threads, char *err, size_t errlen)     \
    {                                                                                            \
        (void)max_threads;                                                                       \
        return stream_check(OP, v, err, errlen);                                                 \
    }                                                                                            \
    static int stream_prepare_##ID(param_value *v, int max_threads, void **state, char *err,     \
                                   size_t errlen)                                                \
    {                                                                                            \
        return stream_prepare(OP, v, max_threads, state, err, errlen);                           \
    }                                                                                            \
    const kernel kernel_stream_##ID = {                                                          \
        .name = "stream-" #ID,                                                                   \
        .summary = SUMMARY,                                                                      \
        .params = stream_params,                                                                 \
        .presets = stream_presets,                                                               \
        .variants = stream_variants,                                                             \
        .size_param = "n",                                                                       \
        .scheduled = false,                                                                      \
        .unequal_work = false,                                                                   \
        .roof_configs = ROOFS,                                                                   \
        .check = stream_check_##ID,                                                              \
        .prepare = stream_prepare_##ID,                                                          \
        .run = stream_run,                                                                       \
        .verify = stream_verify,                                                                 \
        .work = stream_work,                                                                     \
        .facts = NULL,                                                                           \
        .free = stream_free,                                                                     \
        .hybrid = &stream_hybrid,                                                                \
    };

/* What --roofline adds: stream-read's working set at half of each cache level, and in memory. */
static const char *const stream_roofs[] = {"n=auto,fit=l1,passes=auto", "n=auto,fit=l2,passes=auto",
                                           "n=auto,fit=l3,passes=auto",
                                           "n=auto,fit=memory,passes=auto", NULL};

STREAM_KERNEL(ST_COPY, copy, NULL, "STREAM copy c = a: the bandwidth of one array read, one written")
STREAM_KERNEL(ST_SCALE, scale, NULL, "STREAM scale b = q*c: copy with a multiply")
STREAM_KERNEL(ST_ADD, add, NULL, "STREAM add c = a + b: two arrays read, one written")
STREAM_KERNEL(ST_TRIAD, triad, NULL, "STREAM triad a = b + q*c: two arrays read, one written")
STREAM_KERNEL(ST_READ, read, stream_roofs, "s = sum of a[i]: the bandwidth of one array read, nothing written")
