/*
 * test_hybrid.c: every kernel's hybrid hook (kernel.h) without MPI.  R ranks
 * are simulated one after another in this process, each with its own state:
 * each runs its share with the omp variant, writes its partial, and rank 0's
 * state combines them in rank order as ompscale-hybrid-rank does after
 * MPI_Gather; the combined run must verify against the single-node
 * reference.  montecarlo's and quadrature's combined results must equal the
 * serial run's bit for bit (every element is a pure function of its index;
 * quadrature sums in index order), and so must rangesum's array mode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel.h"
#include "kfix.h"
#include "montecarlo.h"
#include "registry.h"

/* Runs kernel `name` (preset quick, overrides) as `ranks` ranks of `threads`; the check of the
 * combined run in *check; rank 0's fixture in *root (freed by the caller). */
static void hybrid_simulate(const char *name, const char *overrides, int ranks, int threads,
                            kfix *root, kernel_check *check)
{
    kfix f[8];
    assert_true(ranks <= 8);
    double *partials = NULL;
    size_t len = 0;
    for (int r = 0; r < ranks; r++) {
        kfix_prepare(&f[r], name, "quick", overrides, threads);
        const kernel *k = f[r].k;
        assert_non_null(k->hybrid);
        if (r == 0) {
            len = k->hybrid->partial_len(f[0].state, ranks);
            partials = calloc((size_t)ranks * len, sizeof *partials);
            assert_non_null(partials);
        }
        assert_int_equal(k->hybrid->partial_len(f[r].state, ranks), len);
        kernel_exec exec = {.threads = threads};
        char err[128];
        assert_int_equal(sched_parse("static", &exec.schedule, err, sizeof err), 0);
        kernel_part part = {r, ranks};
        int obtained = 0;
        assert_int_equal(k->hybrid->run(f[r].state, kernel_variant_index(k, "omp"), &exec, &part,
                                        &obtained),
                         OMPSCALE_OK);
        assert_int_equal(obtained, threads);
        k->hybrid->partial(f[r].state, &part, partials + (size_t)r * len);
    }
    assert_int_equal(f[0].k->hybrid->combine(f[0].state, ranks, partials), OMPSCALE_OK);
    f[0].k->verify(f[0].state, check);
    for (int r = 1; r < ranks; r++)
        kfix_free(&f[r]);
    free(partials);
    *root = f[0];
}

/* Every built-in kernel with the hook, at 1..4 ranks of 1 and 2 threads, verifies combined. */
static void test_every_hybrid_kernel_verifies(void **st)
{
    (void)st;
    static const char *const configs[][2] = {
        {"rangesum", "mode=int"}, {"rangesum", "mode=array"}, {"rangesum", "mode=int,lo=-7,n=1001"},
    };
    int with_hook = 0;
    for (const kernel *const *k = registry_all(); *k; k++) {
        if (!(*k)->hybrid)
            continue;
        with_hook++;
        for (int ranks = 1; ranks <= 4; ranks++)
            for (int threads = 1; threads <= 2; threads++) {
                kfix root;
                kernel_check c;
                hybrid_simulate((*k)->name, NULL, ranks, threads, &root, &c);
                if (!c.verified)
                    fail_msg("%s at %d x %d: %s", (*k)->name, ranks, threads, c.detail);
                kfix_free(&root);
            }
    }
    /* stream copy, scale, add, triad, read; squares; rangesum; montecarlo; quadrature */
    assert_true(with_hook >= 9);
    for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++)
        for (int ranks = 1; ranks <= 3; ranks++) {
            kfix root;
            kernel_check c;
            hybrid_simulate(configs[i][0], configs[i][1], ranks, 2, &root, &c);
            if (!c.verified)
                fail_msg("%s %s at %d ranks: %s", configs[i][0], configs[i][1], ranks, c.detail);
            kfix_free(&root);
        }
}

/* The combined headline result equals the serial one bit for bit, for every split. */
static void expect_bitwise_serial(const char *name, const char *overrides)
{
    kfix serial;
    kernel_check want;
    kfix_prepare(&serial, name, "quick", overrides, 1);
    kfix_run(&serial, "serial", 1, "static", &want);
    for (int ranks = 1; ranks <= 4; ranks++)
        for (int threads = 1; threads <= 3; threads++) {
            kfix root;
            kernel_check got;
            hybrid_simulate(name, overrides, ranks, threads, &root, &got);
            assert_memory_equal(&got.result, &want.result, sizeof got.result);
            kfix_free(&root);
        }
    kfix_free(&serial);
}

static void test_bitwise_results(void **st)
{
    (void)st;
    expect_bitwise_serial("quadrature", NULL);
    expect_bitwise_serial("rangesum", "mode=array");
}

/* montecarlo: the whole table of estimates, not only the last, bit for bit. */
static void test_montecarlo_table_bitwise(void **st)
{
    (void)st;
    kfix serial;
    kernel_check want;
    kfix_prepare(&serial, "montecarlo", "quick", "f=sin_x2", 1);
    kfix_run(&serial, "serial", 1, "static", &want);
    int64_t n_want, n_got;
    const int64_t *s_want, *s_got;
    const double *riemann_want, *mean_want, *riemann_got, *mean_got;
    assert_int_equal(montecarlo_table(serial.state, &n_want, &s_want, &riemann_want, &mean_want),
                     OMPSCALE_OK);
    for (int ranks = 1; ranks <= 4; ranks++)
        for (int threads = 1; threads <= 3; threads++) {
            kfix root;
            kernel_check got;
            hybrid_simulate("montecarlo", "f=sin_x2", ranks, threads, &root, &got);
            assert_true(got.verified);
            assert_int_equal(montecarlo_table(root.state, &n_got, &s_got, &riemann_got, &mean_got),
                             OMPSCALE_OK);
            assert_int_equal(n_got, n_want);
            assert_memory_equal(riemann_got, riemann_want, (size_t)n_want * sizeof *riemann_got);
            assert_memory_equal(mean_got, mean_want, (size_t)n_want * sizeof *mean_got);
            kfix_free(&root);
        }
    kfix_free(&serial);
}

/* The block split: sizes differ by at most one, in order, covering 0..n-1 exactly. */
static void test_part_block(void **st)
{
    (void)st;
    /* n = 10 over 4 ranks: 10 = 4 * 2 + 2, so ranks 0 and 1 take 3, ranks 2 and 3 take 2. */
    static const int64_t first[] = {0, 3, 6, 8}, count[] = {3, 3, 2, 2};
    for (int r = 0; r < 4; r++) {
        int64_t f, c;
        kernel_part_block(&(kernel_part){r, 4}, 10, &f, &c);
        assert_int_equal(f, first[r]);
        assert_int_equal(c, count[r]);
        /* cyclic: rank r of 4 takes r, r + 4, r + 8 below 10: 3, 3, 2, 2 */
        assert_int_equal(kernel_part_cyclic_count(&(kernel_part){r, 4}, 10), count[r]);
    }
    int64_t f, c;
    kernel_part_block(&(kernel_part){2, 3}, 1, &f, &c); /* fewer items than ranks */
    assert_int_equal(c, 0);
    assert_int_equal(f, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_part_block),
        cmocka_unit_test(test_every_hybrid_kernel_verifies),
        cmocka_unit_test(test_bitwise_results),
        cmocka_unit_test(test_montecarlo_table_bitwise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
