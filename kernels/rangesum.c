/*
 * rangesum.c: sums, in two modes.
 *
 * mode=int: the sum of the integers lo..hi (hi = lo + n - 1), the tutorial's
 * 1..20 = 210 that two processes added into one shared value.  Exact in
 * 64-bit integers, or in 128-bit ones when n * max(|lo|, |hi|) could pass
 * 2^63, and checked against the closed form n(lo + hi)/2.  Variants: serial,
 * omp (a reduction clause: private partial sums combined once) and omp-atomic
 * (every term added into one shared accumulator with an atomic: the tutorial's
 * shared-value design made safe, to show what contention costs).  Each term
 * passes through an empty asm statement, so the compiler can neither turn the
 * loop into the closed form nor vectorise it away: the time grows with n.
 *
 * mode=array: the sum of n doubles read from memory, a memory-bound
 * reduction.  The array (signed values of magnitude 2^-16..2^16, so that the sum
 * cancels and rounding matters) is cut into fixed blocks of RS_BLOCK elements; each
 * block is summed in a fixed order, and the block sums are added in block
 * order, so the result is bitwise identical for every thread count and
 * schedule.  It is checked against a compensated (Neumaier) serial sum.  The
 * omp-atomic variant adds each element atomically; its order, and so its last
 * bits, depend on the threads, and it is checked against the same bound.
 */
#include <inttypes.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "kernel.h"
#include "machine.h"
#include "rng.h"

enum { RS_MODE, RS_LO, RS_N, RS_SEED };
enum { RS_MODE_INT, RS_MODE_ARRAY };
enum { RS_SERIAL, RS_OMP, RS_OMP_ATOMIC };

#define RS_BLOCK 2048 /* elements per block in array mode: 16 KiB, fits L1 */

static const kernel_param rangesum_params[] = {
    {"mode", PARAM_CHOICE, "int", 0, 0, "int|array",
     "int: integers lo..lo+n-1, exact; array: n doubles from memory"},
    {"lo", PARAM_INT, "1", -0x1p63, 0x1p63, NULL, "first integer (mode=int)"},
    {"n", PARAM_INT, "auto", 1, 0x1p63, NULL,
     "terms; auto: 2^26 integers, or an array 4x the last-level cache"},
    {"seed", PARAM_INT, "1", 0, 0x1p63, NULL, "random data seed (mode=array)"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_preset rangesum_presets[] = {
    {"tutorial", "mode=int,lo=1,n=20", "1 + 2 + ... + 20 = 210"},
    {"array", "mode=array", "the memory-bound sum of doubles"},
    {"quick", "n=2^16", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant rangesum_variants[] = {
    {"serial", "a plain loop"},
    {"omp", "reduction clause: private partial sums"},
    {"omp-atomic", "one shared accumulator, an atomic add per term"},
    {NULL, NULL},
};

typedef struct rangesum_state {
    int mode;
    int last_variant;
    int64_t lo, n;
    bool wide; /* int mode: partial sums may pass 64 bits */
    __int128 sum_int;
    /* array mode */
    double *x;
    double *block_sum;
    int64_t blocks;
    double sum_array;
    double neumaier; /* reference */
    double abs_total; /* sum of |x[i]|, for the error bound */
    /*
     * What run() does: all of it, or a rank's block (hybrid): in int mode
     * terms first.. of the range, in array mode blocks first.. of RS_BLOCK.
     */
    int64_t first, count;
} rangesum_state;

/* An identity the compiler cannot see through: it must add every term. */
static inline int64_t rs_opaque(int64_t v)
{
    __asm__("" : "+r"(v));
    return v;
}

/*
 * The three integer variants for one accumulator type T.  Terms are counted
 * from k = 0 so that no index passes hi (hi may be INT64_MAX).
 */
#define RS_INT_VARIANTS(T, SUFFIX)                                                           \
    static T rs_serial_##SUFFIX(int64_t lo, int64_t n)                                      \
    {                                                                                        \
        T s = 0;                                                                             \
        for (int64_t k = 0; k < n; k++)                                                      \
            s += (T)rs_opaque(lo + k);                                                       \
        return s;                                                                            \
    }                                                                                        \
    static T rs_omp_##SUFFIX(int64_t lo, int64_t n, int threads, int *obtained)            \
    {                                                                                        \
        T s = 0;                                                                             \
        _Pragma("omp parallel num_threads(threads) reduction(+ : s)")                        \
        {                                                                                    \
            _Pragma("omp master") *obtained = omp_get_num_threads();                         \
            _Pragma("omp for schedule(runtime)")                                             \
            for (int64_t k = 0; k < n; k++)                                                  \
                s += (T)rs_opaque(lo + k);                                                   \
        }                                                                                    \
        return s;                                                                            \
    }                                                                                        \
    static T rs_atomic_##SUFFIX(int64_t lo, int64_t n, int threads, int *obtained)         \
    {                                                                                        \
        T s = 0;                                                                             \
        _Pragma("omp parallel num_threads(threads) shared(s)")                               \
        {                                                                                    \
            _Pragma("omp master") *obtained = omp_get_num_threads();                         \
            _Pragma("omp for schedule(runtime)")                                             \
            for (int64_t k = 0; k < n; k++) {                                                \
                T term = (T)rs_opaque(lo + k);                                               \
                _Pragma("omp atomic") s += term;                                             \
            }                                                                                \
        }                                                                                    \
        return s;                                                                            \
    }

RS_INT_VARIANTS(int64_t, i64)
RS_INT_VARIANTS(__int128, i128)

/* The sum of a block in a fixed order: eight interleaved accumulators, then a fixed tree. */
static double rs_block(const double *restrict x, int64_t len)
{
    double a[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= len; i += 8)
        for (int j = 0; j < 8; j++)
            a[j] += x[i + j];
    for (; i < len; i++)
        a[0] += x[i];
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

static double rs_combine(const double *block_sum, int64_t blocks)
{
    double s = 0;
    for (int64_t b = 0; b < blocks; b++)
        s += block_sum[b];
    return s;
}

static int rangesum_check(param_value *v, int max_threads, char *err, size_t errlen)
{
    (void)max_threads;
    int mode = v[RS_MODE].choice;
    if (v[RS_N].is_auto) {
        v[RS_N].is_auto = false;
        v[RS_N].i = mode == RS_MODE_INT ? INT64_C(1) << 26 : machine_default_array_len();
    }
    int64_t lo = v[RS_LO].i, n = v[RS_N].i;
    if (mode == RS_MODE_ARRAY)
        return machine_check_fits("rangesum: --n", n, sizeof(double), 1, err, errlen) == 0
                   ? OMPSCALE_OK
                   : OMPSCALE_USAGE;
    /* hi = lo + n - 1 must be a 64-bit integer. */
    if ((__int128)lo + n - 1 > INT64_MAX) {
        snprintf(err, errlen,
                 "rangesum: lo + n - 1 = lo %" PRId64 " + n %" PRId64
                 " - 1 passes 2^63 - 1; the largest valid n for this lo is %" PRId64,
                 lo, n, (int64_t)((__int128)INT64_MAX - lo + 1));
        return OMPSCALE_USAGE;
    }
    return OMPSCALE_OK;
}

static int rangesum_prepare(param_value *v, int max_threads, void **state, char *err,
                            size_t errlen)
{
    if (rangesum_check(v, max_threads, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    rangesum_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->mode = v[RS_MODE].choice;
    s->lo = v[RS_LO].i;
    s->n = v[RS_N].i;
    if (s->mode == RS_MODE_INT) {
        __int128 hi = (__int128)s->lo + s->n - 1;
        __int128 mag = s->lo < 0 ? -(__int128)s->lo : s->lo;
        __int128 mag_hi = hi < 0 ? -hi : hi;
        if (mag_hi > mag)
            mag = mag_hi;
        /* Any partial sum is at most n * max(|lo|, |hi|) in magnitude. */
        s->wide = mag * s->n > INT64_MAX;
        s->count = s->n;
        *state = s;
        return OMPSCALE_OK;
    }
    s->blocks = (s->n + RS_BLOCK - 1) / RS_BLOCK;
    s->count = s->blocks;
    s->x = machine_alloc_doubles(s->n);
    s->block_sum = machine_alloc_doubles(s->blocks);
    if (!s->x || !s->block_sum)
        goto nomem;
    /* Written by the threads in the static split the runs use (first touch). */
    const uint64_t stream = rng_stream((uint64_t)v[RS_SEED].i, 0);
    const int64_t n = s->n;
    double *x = s->x;
#pragma omp parallel for schedule(static) num_threads(max_threads)
    for (int64_t i = 0; i < n; i++) {
        uint64_t bits = rng_bits(stream, (uint64_t)i);
        double mant = (double)(bits >> 11) * 0x1.0p-53;
        int expo = (int)(bits & 31) - 15; /* magnitudes 2^-16 .. 2^16 */
        x[i] = ldexp(bits & 32 ? -mant : mant, expo);
    }
    /* The reference: Neumaier's compensated sum, serial (Neumaier 1974). */
    double sum = 0, comp = 0, abs_total = 0;
    for (int64_t i = 0; i < n; i++) {
        double t = sum + x[i];
        if (fabs(sum) >= fabs(x[i]))
            comp += (sum - t) + x[i];
        else
            comp += (x[i] - t) + sum;
        sum = t;
        abs_total += fabs(x[i]);
    }
    s->neumaier = sum + comp;
    s->abs_total = abs_total;
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "rangesum: out of memory for n = %" PRId64, v[RS_N].i);
    if (s) {
        free(s->x);
        free(s->block_sum);
        free(s);
    }
    return OMPSCALE_FAIL;
}

static int rangesum_run_int(rangesum_state *s, int variant, int threads, int *obtained)
{
    const int64_t first = s->lo + s->first, n = s->count;
    *obtained = 1;
    if (s->wide)
        s->sum_int = variant == RS_SERIAL ? rs_serial_i128(first, n)
                     : variant == RS_OMP  ? rs_omp_i128(first, n, threads, obtained)
                                          : rs_atomic_i128(first, n, threads, obtained);
    else
        s->sum_int = variant == RS_SERIAL ? rs_serial_i64(first, n)
                     : variant == RS_OMP  ? rs_omp_i64(first, n, threads, obtained)
                                          : rs_atomic_i64(first, n, threads, obtained);
    return OMPSCALE_OK;
}

static int rangesum_run_array(rangesum_state *s, int variant, int threads, int *obtained)
{
    const double *restrict x = s->x;
    double *restrict block_sum = s->block_sum;
    const int64_t n = s->n, blocks = s->blocks;
    const int64_t first = s->first, last = s->first + s->count; /* blocks */
    *obtained = 1;
    if (variant == RS_SERIAL) {
        for (int64_t b = first; b < last; b++)
            block_sum[b] = rs_block(x + b * RS_BLOCK, b + 1 < blocks ? RS_BLOCK : n - b * RS_BLOCK);
        s->sum_array = rs_combine(block_sum + first, last - first);
        return OMPSCALE_OK;
    }
    if (variant == RS_OMP) {
#pragma omp parallel num_threads(threads)
        {
#pragma omp master
            *obtained = omp_get_num_threads();
#pragma omp for schedule(runtime)
            for (int64_t b = first; b < last; b++)
                block_sum[b] =
                    rs_block(x + b * RS_BLOCK, b + 1 < blocks ? RS_BLOCK : n - b * RS_BLOCK);
        }
        s->sum_array = rs_combine(block_sum + first, last - first);
        return OMPSCALE_OK;
    }
    const int64_t end = last < blocks ? last * RS_BLOCK : n;
    double acc = 0;
#pragma omp parallel num_threads(threads) shared(acc)
    {
#pragma omp master
        *obtained = omp_get_num_threads();
#pragma omp for schedule(runtime)
        for (int64_t i = first * RS_BLOCK; i < end; i++) {
#pragma omp atomic
            acc += x[i];
        }
    }
    s->sum_array = acc;
    return OMPSCALE_OK;
}

static int rangesum_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    rangesum_state *s = state;
    sched_guard g;
    s->last_variant = variant;
    sched_enter(&g, &exec->schedule);
    int status = s->mode == RS_MODE_INT
                     ? rangesum_run_int(s, variant, exec->threads, threads_obtained)
                     : rangesum_run_array(s, variant, exec->threads, threads_obtained);
    sched_leave(&g);
    return status;
}

/*
 * Hybrid: rank r of R sums its contiguous block of the terms (int mode) or of
 * the RS_BLOCK blocks (array mode).  Its partial is, in int mode, its 128-bit
 * sum as two 64-bit words in two doubles' bits (combined exactly, as
 * integers); in array mode its blocks' sums, padded to the longest share
 * (omp), which combine() puts back in place and adds in block order as the
 * single-node run does, so the total is bitwise the serial one; for
 * omp-atomic its one sum, added in rank order.
 */
static int rangesum_hybrid_run(void *state, int variant, const kernel_exec *exec,
                               const kernel_part *part, int *threads_obtained)
{
    rangesum_state *s = state;
    const int64_t items = s->mode == RS_MODE_INT ? s->n : s->blocks;
    kernel_part_block(part, items, &s->first, &s->count);
    int status = rangesum_run(s, variant, exec, threads_obtained);
    s->first = 0;
    s->count = items;
    return status;
}

static size_t rangesum_hybrid_partial_len(const void *state, int ranks)
{
    const rangesum_state *s = state;
    if (s->mode == RS_MODE_INT)
        return 2;
    return kernel_part_block_len(s->blocks, ranks) + 1; /* the block sums, then sum_array */
}

static void rangesum_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    const rangesum_state *s = state;
    if (s->mode == RS_MODE_INT) {
        unsigned __int128 bits = (unsigned __int128)s->sum_int;
        uint64_t words[2] = {(uint64_t)bits, (uint64_t)(bits >> 64)};
        memcpy(out, words, sizeof words);
        return;
    }
    const size_t len = rangesum_hybrid_partial_len(s, part->ranks);
    kernel_part_block_pack(part, s->blocks, s->block_sum, out);
    out[len - 1] = s->sum_array;
}

static int rangesum_hybrid_combine(void *state, int ranks, const double *partials)
{
    rangesum_state *s = state;
    const size_t len = rangesum_hybrid_partial_len(s, ranks);
    if (s->mode == RS_MODE_INT) {
        unsigned __int128 sum = 0;
        for (int r = 0; r < ranks; r++) {
            uint64_t words[2];
            memcpy(words, partials + (size_t)r * len, sizeof words);
            sum += (unsigned __int128)words[0] | (unsigned __int128)words[1] << 64;
        }
        s->sum_int = (__int128)sum;
        return OMPSCALE_OK;
    }
    if (s->last_variant == RS_OMP_ATOMIC) {
        double sum = 0;
        for (int r = 0; r < ranks; r++)
            sum += partials[(size_t)r * len + len - 1];
        s->sum_array = sum;
        return OMPSCALE_OK;
    }
    kernel_part_block_unpack(ranks, s->blocks, partials, len, s->block_sum);
    s->sum_array = rs_combine(s->block_sum, s->blocks);
    return OMPSCALE_OK;
}

static const kernel_hybrid rangesum_hybrid = {
    .decomposition = "contiguous blocks of the terms (int) or of the summed blocks (array)",
    .run = rangesum_hybrid_run,
    .partial_len = rangesum_hybrid_partial_len,
    .partial = rangesum_hybrid_partial,
    .combine = rangesum_hybrid_combine,
};

/* n(lo + hi)/2 without overflow: of n and lo + hi = 2lo + n - 1, one is even. */
static __int128 rs_closed_form(int64_t lo, int64_t n)
{
    __int128 ends = (__int128)lo + ((__int128)lo + n - 1);
    return n % 2 == 0 ? (__int128)(n / 2) * ends : (__int128)n * (ends / 2);
}

static void rangesum_verify(void *state, kernel_check *c)
{
    const rangesum_state *s = state;
    memset(c, 0, sizeof *c);
    if (s->mode == RS_MODE_INT) {
        __int128 ref = rs_closed_form(s->lo, s->n);
        __int128 diff = s->sum_int - ref;
        c->result = (double)s->sum_int;
        c->reference = (double)ref;
        c->abs_error = diff < 0 ? -(double)diff : (double)diff;
        c->tolerance = 0; /* integers: exact */
        c->verified = diff == 0;
        exact_i128_text(s->sum_int, c->result_text, sizeof c->result_text);
        exact_i128_text(ref, c->reference_text, sizeof c->reference_text);
        snprintf(c->detail, sizeof c->detail, "%s-bit accumulator, %s", s->wide ? "128" : "64",
                 c->verified ? "exact" : "differs from n(lo+hi)/2");
        return;
    }
    /*
     * Tolerance: a sum whose longest chain of additions is m has error at most
     * m * u * sum|x| (u = 2^-53; Higham, Accuracy and Stability, 4.2).  The
     * blocked sum's chain is RS_BLOCK/8 + 3 inside a block plus one per block;
     * the atomic sum's is n.  Neumaier's reference is within 2u|S| + O(n u^2) sum|x|.
     */
    const double u = 0x1.0p-53;
    double chain = s->last_variant == RS_OMP_ATOMIC ? (double)s->n
                                                    : (double)(RS_BLOCK / 8 + 4 + s->blocks);
    c->result = s->sum_array;
    c->reference = s->neumaier;
    c->abs_error = fabs(s->sum_array - s->neumaier);
    c->tolerance = (chain * u + (double)s->n * u * u) * s->abs_total + 2 * u * fabs(s->neumaier);
    c->verified = c->abs_error <= c->tolerance;
    snprintf(c->detail, sizeof c->detail, "%" PRId64 " blocks of %d; error %.3g of bound %.3g",
             s->blocks, RS_BLOCK, c->abs_error, c->tolerance);
}

static void rangesum_work(const void *state, kernel_work *w)
{
    const rangesum_state *s = state;
    *w = (kernel_work){0};
    /* The roofline's count: one add per term; the integers are generated, not read. */
    w->ops = (double)s->n;
    if (s->mode == RS_MODE_INT) {
        w->amount = (double)s->n;
        w->unit = KERNEL_UNIT_ITEM;
        w->ops_kind = KERNEL_OPS_INTEGER;
        w->in_cache = true;
    } else {
        w->amount = 8.0 * (double)s->n; /* each double read once */
        w->unit = KERNEL_UNIT_BYTES;
        w->ceiling = "stream-read"; /* one array read, nothing written */
        w->ops_kind = KERNEL_OPS_FLOP;
        w->bytes = w->amount;
    }
}

static void rangesum_free(void *state)
{
    rangesum_state *s = state;
    if (!s)
        return;
    free(s->x);
    free(s->block_sum);
    free(s);
}

/* A sweep runs the integer sum (the default) and the array sum, its memory-bound twin. */
static const char *const rangesum_sweep[] = {"mode=array", NULL};

const kernel kernel_rangesum = {
    .name = "rangesum",
    .summary = "sum of lo..hi exactly (reduction vs atomic), or of n doubles from memory, "
               "bitwise reproducible",
    .params = rangesum_params,
    .presets = rangesum_presets,
    .variants = rangesum_variants,
    .size_param = "n",
    .scheduled = true,
    .unequal_work = false,
    .sweep_configs = rangesum_sweep,
    .check = rangesum_check,
    .prepare = rangesum_prepare,
    .run = rangesum_run,
    .verify = rangesum_verify,
    .work = rangesum_work,
    .facts = NULL,
    .free = rangesum_free,
    .hybrid = &rangesum_hybrid,
};
