/*
 * tiny.c: the smallest plugin (tests/test_plugin.sh): one kernel "tiny",
 * the sum 0 + 1 + ... + (n-1) in a serial and an OpenMP variant, checked
 * against n (n - 1) / 2, with no presets (so --quick runs it at its
 * defaults).  Built with one of these, it is a malformed plugin instead:
 *   -DTINY_NO_TABLE     exports no table
 *   -DTINY_ABI=N        a table of another ABI number
 *   -DTINY_NO_SERIAL    variant 0 is not serial
 *   -DTINY_NAME='"x"'   the kernel is called x (e.g. a built-in kernel's name)
 *   -DTINY_TWICE        the table lists the kernel twice
 *   -DTINY_WRONG        the OpenMP variant adds one too many (verification fails)
 * It has the hybrid hook (tests/test_hybrid_mpi.sh runs it under mpirun):
 * ranks sum contiguous blocks of the terms, their sums added in rank order.
 */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ompscale/kernel.h>

#ifndef TINY_NAME
#define TINY_NAME "tiny"
#endif
#ifndef TINY_ABI
#define TINY_ABI OMPSCALE_KERNEL_ABI
#endif
#ifdef TINY_WRONG
#define TINY_EXTRA 1
#else
#define TINY_EXTRA 0
#endif

static const kernel_param tiny_params[] = {
    {"n", PARAM_INT, "100000", 1, 1e9, NULL, "terms"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};

static const kernel_variant tiny_variants[] = {
#ifndef TINY_NO_SERIAL
    {"serial", "a plain loop"},
#endif
    {"omp", "a reduction under the chosen schedule"},
    {NULL, NULL},
};

typedef struct tiny_state {
    int64_t n, sum;
    int64_t first, count; /* the terms run() adds: all, or a rank's block */
} tiny_state;

static int tiny_prepare(param_value *v, int max_threads, void **state, char *err, size_t errlen)
{
    (void)max_threads;
    tiny_state *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "tiny: out of memory");
        return OMPSCALE_FAIL;
    }
    s->n = v[0].i;
    s->count = s->n;
    *state = s;
    return OMPSCALE_OK;
}

static int tiny_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    tiny_state *s = state;
    int64_t sum = 0, first = s->first, n = s->first + s->count;
    if (variant == 0) {
        for (int64_t i = first; i < n; i++)
            sum += i;
        *threads_obtained = 1;
    } else {
        int obtained = 0;
        sched_guard g;
        sched_enter(&g, &exec->schedule);
#pragma omp parallel for schedule(runtime) reduction(+ : sum) num_threads(exec->threads)
        for (int64_t i = first; i < n + TINY_EXTRA; i++) {
            if (omp_get_thread_num() == 0)
                obtained = omp_get_num_threads();
            sum += i;
        }
        sched_leave(&g);
        *threads_obtained = obtained;
    }
    s->sum = sum;
    return OMPSCALE_OK;
}

static void tiny_verify(void *state, kernel_check *c)
{
    const tiny_state *s = state;
    memset(c, 0, sizeof *c);
    c->result = (double)s->sum;
    c->reference = (double)(s->n * (s->n - 1) / 2);
    c->abs_error = c->result > c->reference ? c->result - c->reference : c->reference - c->result;
    c->verified = s->sum == s->n * (s->n - 1) / 2; /* integers: exact */
    snprintf(c->detail, sizeof c->detail, "%s", c->verified ? "exact" : "the sum is wrong");
}

static void tiny_work(const void *state, kernel_work *w)
{
    *w = (kernel_work){.amount = (double)((const tiny_state *)state)->n, .unit = KERNEL_UNIT_ITEM};
}

static void tiny_free(void *state)
{
    free(state);
}

static int tiny_hybrid_run(void *state, int variant, const kernel_exec *exec,
                           const kernel_part *part, int *threads_obtained)
{
    tiny_state *s = state;
    kernel_part_block(part, s->n, &s->first, &s->count);
    int status = tiny_run(s, variant, exec, threads_obtained);
    s->first = 0;
    s->count = s->n;
    return status;
}

static size_t tiny_hybrid_partial_len(const void *state, int ranks)
{
    (void)state;
    (void)ranks;
    return 1;
}

/* The block's sum, an integer, in a double's bits (exact at any size). */
static void tiny_hybrid_partial(const void *state, const kernel_part *part, double *out)
{
    (void)part;
    memcpy(out, &((const tiny_state *)state)->sum, sizeof(int64_t));
}

static int tiny_hybrid_combine(void *state, int ranks, const double *partials)
{
    tiny_state *s = state;
    s->sum = 0;
    for (int r = 0; r < ranks; r++) {
        int64_t sum;
        memcpy(&sum, partials + r, sizeof sum);
        s->sum += sum;
    }
    return OMPSCALE_OK;
}

static const kernel_hybrid tiny_hybrid = {
    .decomposition = "contiguous blocks of the terms",
    .run = tiny_hybrid_run,
    .partial_len = tiny_hybrid_partial_len,
    .partial = tiny_hybrid_partial,
    .combine = tiny_hybrid_combine,
};

static const kernel kernel_tiny = {
    .name = TINY_NAME,
    .summary = "the sum of 0..n-1",
    .params = tiny_params,
    .presets = NULL,
    .variants = tiny_variants,
    .size_param = "n",
    .scheduled = true,
    .prepare = tiny_prepare,
    .run = tiny_run,
    .verify = tiny_verify,
    .work = tiny_work,
    .free = tiny_free,
    .hybrid = &tiny_hybrid,
};

#ifdef TINY_NO_TABLE
const kernel *const tiny_not_the_table = &kernel_tiny; /* a kernel, but not under the table's name */
#else
#ifdef TINY_TWICE
static const kernel *const tiny_kernels[] = {&kernel_tiny, &kernel_tiny, NULL};
#else
static const kernel *const tiny_kernels[] = {&kernel_tiny, NULL};
#endif
const ompscale_plugin ompscale_plugin_table = {.abi = TINY_ABI, .kernels = tiny_kernels};
#endif
