/*
 * overhead.c: the cost of single OpenMP constructs, measured in the manner of
 * the EPCC OpenMP micro-benchmarks (syncbench): five kernels, one per
 * construct (an empty parallel region, a barrier, a parallel for with a
 * reduction, an atomic update, a critical section), sharing this code.
 *
 * Each kernel's serial variant is EPCC's reference loop and its omp variant
 * the test loop, both of `innerreps` repetitions, built so that the two do
 * the same work per repetition except for the construct.  The harness times
 * both like any other variants, and (omp median - serial median) / innerreps
 * (the work amount, in "construct"s) is the cost of one construct.
 *
 * Between constructs each thread runs delay(): a dependent chain of `delay`
 * floating-point additions (about 1 ns each on a 2-core AMD EPYC VM, so the
 * default 100 is the 0.1 microseconds EPCC aims at), which keeps the
 * construct from being measured back to back with itself.  The loops are
 * EPCC's (p: the threads asked):
 *   parallel   test:      innerreps x { parallel { delay } }
 *              reference: innerreps x { delay }
 *   barrier    test:      parallel { innerreps x { delay; barrier } }
 *              reference: innerreps x { delay }
 *   reduction  test:      innerreps x { parallel for reduction(+:x) over p iterations
 *                                       { delay; x += 1 } }
 *              reference: innerreps x { delay; x += 1 }
 *   atomic     test:      parallel { innerreps/p x { atomic x += 1 } }
 *              reference: innerreps x { x += 1 }
 *   critical   test:      parallel { innerreps/p x { critical { delay; x += 1 } } }
 *              reference: innerreps x { delay; x += 1 }
 * In the first three every thread does in each repetition what the
 * reference does once.  Atomic and critical share innerreps updates among
 * the threads (the remainder to the first ones); the construct serialises
 * them, so the test makes innerreps updates one after another as the
 * reference does.  A delay outside the atomic would run in parallel and make
 * the difference meaningless, which is why EPCC's atomic test has none.
 *
 * Above the CPU count, threads that share a CPU run their delays one after
 * another, and the cost measured includes that time and the runtime's
 * waiting policy (OMP_WAIT_POLICY, which the kernel leaves as it is).
 *
 * Every run is verified exactly: per-thread entry counts (parallel,
 * barrier; after each barrier a thread also checks that its neighbour had
 * arrived, which costs less than this machine's noise, about 0.01 us), or
 * the shared counter against the number of updates (reduction, atomic,
 * critical).
 */
#include <inttypes.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "overhead.h"

typedef enum { OV_PARALLEL, OV_BARRIER, OV_REDUCTION, OV_ATOMIC, OV_CRITICAL } ov_construct;

enum { OV_INNERREPS, OV_DELAY };

/*
 * The defaults make one run take a few milliseconds at one thread (measured
 * on a 2-core AMD EPYC VM): a construct that costs little gets more
 * repetitions so that its total stays well above the clock's resolution.
 */
#define OV_DELAY_PARAM                                                                       \
    {"delay", PARAM_INT, "100", 0, 1e7, NULL,                                                \
     "length of the delay loop between constructs (dependent additions, ~1 ns each; EPCC's "  \
     "0.1 us)"}
#define OV_INNERREPS_PARAM(DEFAULT)                                                          \
    {"innerreps", PARAM_INT, DEFAULT, 1, 1e9, NULL,                                          \
     "constructs per run (EPCC's innerreps); the cost is (omp - serial) / innerreps"}
#define OV_END_PARAM {NULL, 0, NULL, 0, 0, NULL, NULL}

static const kernel_param ov_parallel_params[] = {
    OV_INNERREPS_PARAM("4000"), OV_DELAY_PARAM, OV_END_PARAM};
static const kernel_param ov_barrier_params[] = {
    OV_INNERREPS_PARAM("8000"), OV_DELAY_PARAM, OV_END_PARAM};
static const kernel_param ov_reduction_params[] = {
    OV_INNERREPS_PARAM("4000"), OV_DELAY_PARAM, OV_END_PARAM};
/* No delay: EPCC's atomic test has none (see the top of the file). */
static const kernel_param ov_atomic_params[] = {OV_INNERREPS_PARAM("1000000"), OV_END_PARAM};
static const kernel_param ov_critical_params[] = {
    OV_INNERREPS_PARAM("20000"), OV_DELAY_PARAM, OV_END_PARAM};

static const kernel_preset ov_presets[] = {
    {"tutorial", "", "the defaults: a few milliseconds per run at one thread"},
    {"quick", "innerreps=64", "small and fast, for tests and --quick"},
    {NULL, NULL, NULL},
};

static const kernel_variant ov_variants[] = {
    {"serial", "EPCC's reference loop: the same work without the construct"},
    {"omp", "EPCC's test loop: the construct innerreps times at the asked thread count"},
    {NULL, NULL},
};

/* One thread's counters, alone on its cache line so that threads do not share one. */
typedef struct ov_slot {
    _Alignas(64) int64_t entries; /* regions entered (parallel) or barriers passed (barrier) */
    int64_t behind;               /* barrier: times the neighbour had not arrived */
} ov_slot;

typedef struct ov_state {
    ov_construct construct;
    int64_t innerreps;
    int64_t delay;
    int max_threads;
    ov_slot *slots; /* max_threads of them */
    /* The last run. */
    int threads;        /* asked (1 for serial) */
    int fewest;         /* the fewest threads seen in a team */
    int64_t team_total; /* parallel, barrier: the entries the teams' sizes call for */
    int64_t count;      /* reduction, atomic, critical: the shared counter */
    int refused_threads; /* the threads the last run asked outside 1..max_threads (0: none) */
} ov_state;

/*
 * EPCC's delay(): `length` dependent additions that the compiler can neither
 * remove (the sum reaches an empty asm) nor reorder (no -ffast-math).  Not
 * inlined, so that reference and test call the same code.
 */
static __attribute__((noinline)) void ov_delay(int64_t length)
{
    double a = 0;
    for (int64_t i = 0; i < length; i++)
        a += (double)i;
    __asm__ volatile("" : : "g"(a));
}

/* An identity the compiler cannot see through, so that the reference adds every 1. */
static inline int64_t ov_opaque(int64_t v)
{
    __asm__("" : "+r"(v));
    return v;
}

static int ov_prepare(ov_construct construct, param_value *v, int max_threads, void **state,
                      char *err, size_t errlen)
{
    ov_state *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    s->construct = construct;
    s->innerreps = v[OV_INNERREPS].i;
    s->delay = construct == OV_ATOMIC ? 0 : v[OV_DELAY].i;
    s->max_threads = max_threads < 1 ? 1 : max_threads;
    s->slots = aligned_alloc(_Alignof(ov_slot), (size_t)s->max_threads * sizeof(ov_slot));
    if (!s->slots)
        goto nomem;
    memset(s->slots, 0, (size_t)s->max_threads * sizeof(ov_slot));
    *state = s;
    return OMPSCALE_OK;
nomem:
    snprintf(err, errlen, "overhead: out of memory for %d threads' counters", max_threads);
    free(s);
    return OMPSCALE_FAIL;
}

static void ov_serial(ov_state *s)
{
    const int64_t reps = s->innerreps, delay = s->delay;
    int64_t x = 0;
    switch (s->construct) {
    case OV_PARALLEL:
    case OV_BARRIER:
        for (int64_t j = 0; j < reps; j++) {
            ov_delay(delay);
            s->slots[0].entries++;
        }
        s->team_total = reps;
        break;
    case OV_ATOMIC:
        for (int64_t j = 0; j < reps; j++)
            x = ov_opaque(x + 1);
        break;
    case OV_REDUCTION:
    case OV_CRITICAL:
        for (int64_t j = 0; j < reps; j++) {
            ov_delay(delay);
            x = ov_opaque(x + 1);
        }
        break;
    }
    s->count = x;
}

/* The share of n updates that thread `tid` of `nt` does: n / nt, one more for the first n % nt. */
static int64_t ov_share(int64_t n, int tid, int nt)
{
    return n / nt + (tid < n % nt ? 1 : 0);
}

static void ov_parallel(ov_state *s, int p)
{
    const int64_t reps = s->innerreps, delay = s->delay;
    ov_slot *slots = s->slots;
    int fewest = p;
    int64_t team_total = 0, x = 0;
    switch (s->construct) {
    case OV_PARALLEL:
        for (int64_t j = 0; j < reps; j++) {
#pragma omp parallel num_threads(p)
            {
                ov_delay(delay);
                int tid = omp_get_thread_num();
                slots[tid].entries++;
                if (tid == 0) {
                    int nt = omp_get_num_threads();
                    team_total += nt;
                    if (nt < fewest)
                        fewest = nt;
                }
            }
        }
        break;
    case OV_BARRIER:
#pragma omp parallel num_threads(p)
    {
        int tid = omp_get_thread_num(), nt = omp_get_num_threads();
        ov_slot *mine = &slots[tid];
        const ov_slot *next = &slots[(tid + 1) % nt];
        int64_t behind = 0;
        for (int64_t j = 0; j < reps; j++) {
            ov_delay(delay);
            __atomic_store_n(&mine->entries, j + 1, __ATOMIC_RELAXED);
#pragma omp barrier
            /* After barrier j every thread has stored j + 1 (or more, since). */
            if (__atomic_load_n(&next->entries, __ATOMIC_RELAXED) <= j)
                behind++;
        }
        mine->behind = behind;
        if (tid == 0) {
            fewest = nt;
            team_total = (int64_t)nt * reps;
        }
    }
        break;
    case OV_REDUCTION:
        for (int64_t j = 0; j < reps; j++) {
#pragma omp parallel for num_threads(p) schedule(static) reduction(+ : x)
            for (int i = 0; i < p; i++) {
                ov_delay(delay);
                x += 1;
                if (omp_get_thread_num() == 0 && omp_get_num_threads() < fewest)
                    fewest = omp_get_num_threads();
            }
        }
        break;
    case OV_ATOMIC:
#pragma omp parallel num_threads(p)
    {
        int tid = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t mine = ov_share(reps, tid, nt);
        for (int64_t j = 0; j < mine; j++) {
#pragma omp atomic update
            x += 1;
        }
        if (tid == 0)
            fewest = nt;
    }
        break;
    case OV_CRITICAL:
#pragma omp parallel num_threads(p)
    {
        int tid = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t mine = ov_share(reps, tid, nt);
        for (int64_t j = 0; j < mine; j++) {
#pragma omp critical
            {
                ov_delay(delay);
                x += 1;
            }
        }
        if (tid == 0)
            fewest = nt;
    }
        break;
    }
    s->fewest = fewest;
    s->team_total = team_total;
    s->count = x;
}

static int ov_run(void *state, int variant, const kernel_exec *exec, int *threads_obtained)
{
    ov_state *s = state;
    int p = variant == 0 ? 1 : exec->threads;
    s->refused_threads = 0;
    if (p < 1 || p > s->max_threads) {
        s->refused_threads = p; /* prepare sized the counters for max_threads; verify() says so */
        return OMPSCALE_FAIL;
    }
    for (int t = 0; t < s->max_threads; t++)
        s->slots[t] = (ov_slot){0};
    s->threads = p;
    s->fewest = 1;
    s->team_total = 0;
    s->count = 0;
    if (variant == 0)
        ov_serial(s);
    else
        ov_parallel(s, p);
    *threads_obtained = s->fewest;
    return OMPSCALE_OK;
}

static void ov_check_counts(const ov_state *s, kernel_check *c)
{
    const char *what = s->construct == OV_PARALLEL ? "regions entered" : "barriers passed";
    int64_t sum = 0, behind = 0;
    int short_thread = -1;
    for (int t = 0; t < s->max_threads; t++) {
        sum += s->slots[t].entries;
        behind += s->slots[t].behind;
        /* Threads 0..fewest-1 were in every team, so each counted every repetition. */
        if (t < s->fewest && s->slots[t].entries != s->innerreps && short_thread < 0)
            short_thread = t;
    }
    c->result = (double)sum;
    c->reference = (double)s->team_total;
    snprintf(c->result_text, sizeof c->result_text, "%" PRId64, sum);
    snprintf(c->reference_text, sizeof c->reference_text, "%" PRId64, s->team_total);
    c->verified = sum == s->team_total && short_thread < 0 && behind == 0;
    if (short_thread >= 0)
        snprintf(c->detail, sizeof c->detail, "thread %d: %" PRId64 " %s, not %" PRId64,
                 short_thread, s->slots[short_thread].entries, what, s->innerreps);
    else if (behind > 0)
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " times a thread passed a barrier before its neighbour reached it",
                 behind);
    else if (sum != s->team_total)
        snprintf(c->detail, sizeof c->detail,
                 "%" PRId64 " %s in all, but the teams had %" PRId64 " threads in all", sum, what,
                 s->team_total);
    else
        snprintf(c->detail, sizeof c->detail, "%" PRId64 " %s by each of %d thread%s",
                 s->innerreps, what, s->fewest, s->fewest == 1 ? "" : "s");
}

static void ov_verify(void *state, kernel_check *c)
{
    const ov_state *s = state;
    memset(c, 0, sizeof *c);
    c->tolerance = 0;
    if (s->refused_threads != 0) {
        snprintf(c->detail, sizeof c->detail,
                 "the run asked for %d threads but was prepared for 1 to %d (one counter per "
                 "thread): prepare it for the most threads it will run",
                 s->refused_threads, s->max_threads);
        return;
    }
    if (s->construct == OV_PARALLEL || s->construct == OV_BARRIER) {
        ov_check_counts(s, c);
    } else {
        /* The reduction's loop has one iteration per asked thread, whatever the team. */
        int64_t want = s->construct == OV_REDUCTION ? s->innerreps * s->threads : s->innerreps;
        c->result = (double)s->count;
        c->reference = (double)want;
        snprintf(c->result_text, sizeof c->result_text, "%" PRId64, s->count);
        snprintf(c->reference_text, sizeof c->reference_text, "%" PRId64, want);
        c->verified = s->count == want;
        snprintf(c->detail, sizeof c->detail, "%" PRId64 " updates counted, %" PRId64 " made",
                 s->count, want);
    }
    c->abs_error = c->result > c->reference ? c->result - c->reference : c->reference - c->result;
    if (s->fewest < s->threads) {
        size_t used = strlen(c->detail);
        snprintf(c->detail + used, sizeof c->detail - used, "; only %d of %d threads ran",
                 s->fewest, s->threads);
    }
}

static void ov_work(const void *state, kernel_work *w)
{
    const ov_state *s = state;
    *w = (kernel_work){.amount = (double)s->innerreps, .unit = KERNEL_UNIT_CONSTRUCT, .ceiling = NULL};
}

int64_t *overhead_counter(void *state, int thread)
{
    ov_state *s = state;
    if (thread < 0)
        return &s->count;
    return thread < s->max_threads ? &s->slots[thread].entries : NULL;
}

static void ov_free(void *state)
{
    ov_state *s = state;
    if (!s)
        return;
    free(s->slots);
    free(s);
}

/* One kernel per construct: a prepare that names it, and the table row. */
#define OV_KERNEL(ID, CONSTRUCT, NAME, PARAMS, SUMMARY)                                      \
    static int ov_prepare_##ID(param_value *v, int max_threads, void **state, char *err,     \
                               size_t errlen)                                                \
    {                                                                                        \
        return ov_prepare(CONSTRUCT, v, max_threads, state, err, errlen);                    \
    }                                                                                        \
    const kernel kernel_overhead_##ID = {                                                    \
        .name = NAME,                                                                        \
        .summary = SUMMARY,                                                                  \
        .params = PARAMS,                                                                    \
        .presets = ov_presets,                                                               \
        .variants = ov_variants,                                                             \
        .size_param = "innerreps",                                                           \
        .scheduled = false,                                                                  \
        .unequal_work = false,                                                               \
        .fork_join_reference = (CONSTRUCT) == OV_PARALLEL, /* an empty region: fork + join */ \
        .check = NULL,                                                                       \
        .prepare = ov_prepare_##ID,                                                          \
        .run = ov_run,                                                                       \
        .verify = ov_verify,                                                                 \
        .work = ov_work,                                                                     \
        .facts = NULL,                                                                       \
        .free = ov_free,                                                                     \
    };

OV_KERNEL(parallel, OV_PARALLEL, "overhead-parallel", ov_parallel_params,
          "EPCC overhead of an empty parallel region, per region")
OV_KERNEL(barrier, OV_BARRIER, "overhead-barrier", ov_barrier_params,
          "EPCC overhead of a barrier, per barrier")
OV_KERNEL(reduction, OV_REDUCTION, "overhead-reduction", ov_reduction_params,
          "EPCC overhead of a parallel for with a reduction(+), per loop")
OV_KERNEL(atomic, OV_ATOMIC, "overhead-atomic", ov_atomic_params,
          "EPCC overhead of an atomic update, per update")
OV_KERNEL(critical, OV_CRITICAL, "overhead-critical", ov_critical_params,
          "EPCC overhead of a critical section, per entry")
