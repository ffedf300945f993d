/*
 * test_overhead.c: the five EPCC-style overhead kernels (suite kernels):
 * every construct's reference and test loops count exactly at 1..4 threads
 * (4 is past this suite's 2-core machines, so oversubscribed), the atomic
 * and critical loops share a repetition count that the threads do not
 * divide, a wrong count is caught, and one run's work is innerreps
 * constructs.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "overhead.h"

/*
 * Each construct; whether its count grows with the threads (one per thread
 * per repetition, else innerreps shared among them); and whether each thread
 * keeps its own count (else one shared counter).
 */
static const struct {
    const char *name;
    bool grows;
    bool per_thread;
} constructs[] = {
    {"overhead-parallel", true, true},   {"overhead-barrier", true, true},
    {"overhead-reduction", true, false}, {"overhead-atomic", false, false},
    {"overhead-critical", false, false},
};
enum { CONSTRUCTS = sizeof constructs / sizeof constructs[0] };

static void expect_count(kfix *f, const char *variant, int threads, int64_t want)
{
    kernel_check c;
    char text[32];
    int obtained = kfix_run(f, variant, threads, NULL, &c);
    snprintf(text, sizeof text, "%lld", (long long)want);
    if (!c.verified || strcmp(c.result_text, text) != 0 || obtained != threads)
        fail_msg("%s/%s at %d threads: result %s, want %s, %d threads obtained: %s", f->k->name,
                 variant, threads, c.result_text, text, obtained, c.detail);
    assert_string_equal(c.reference_text, text);
    assert_true(c.abs_error == 0 && c.tolerance == 0);
}

static void every_construct_counts_exactly(void **unused)
{
    (void)unused;
    for (int k = 0; k < CONSTRUCTS; k++) {
        kfix f;
        kfix_prepare(&f, constructs[k].name, "quick", NULL, 4); /* innerreps = 64 */
        expect_count(&f, "serial", 1, 64);
        for (int t = 1; t <= 4; t++)
            expect_count(&f, "omp", t, constructs[k].grows ? 64 * t : 64);
        kfix_free(&f);
    }
}

static void updates_the_threads_do_not_divide_are_all_made(void **unused)
{
    (void)unused;
    const char *shared[] = {"overhead-atomic", "overhead-critical"};
    for (int k = 0; k < 2; k++) {
        kfix f;
        kfix_prepare(&f, shared[k], NULL, "innerreps=67", 4); /* prime: 67 = 3 * 22 + 1 */
        for (int t = 1; t <= 4; t++)
            expect_count(&f, "omp", t, 67);
        kfix_free(&f);
    }
}

static void a_wrong_count_is_caught(void **unused)
{
    (void)unused;
    for (int k = 0; k < CONSTRUCTS; k++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, constructs[k].name, "quick", NULL, 3);
        kfix_run(&f, "omp", 3, NULL, &c);
        assert_true(c.verified);
        /* A thread that missed one region or barrier, or one update lost. */
        int64_t *count = overhead_counter(f.state, constructs[k].per_thread ? 2 : -1);
        assert_non_null(count);
        *count -= 1;
        f.k->verify(f.state, &c);
        if (c.verified)
            fail_msg("%s: a count one short verified: %s", f.k->name, c.detail);
        assert_true(c.abs_error == 1);
        kfix_free(&f);
    }
}

static void work_is_innerreps_constructs(void **unused)
{
    (void)unused;
    for (int k = 0; k < CONSTRUCTS; k++) {
        kfix f;
        kfix_prepare(&f, constructs[k].name, NULL, "innerreps=123", 2);
        kernel_work w;
        f.k->work(f.state, &w);
        assert_true(w.amount == 123.0);
        assert_int_equal(w.unit, KERNEL_UNIT_CONSTRUCT);
        assert_null(w.ceiling);
        assert_string_equal(f.k->size_param, "innerreps");
        /* The atomic test has no delay, as EPCC's has none; the others do. */
        assert_int_equal(kernel_param_index(f.k, "delay") >= 0,
                         strcmp(f.k->name, "overhead-atomic") != 0);
        kfix_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_construct_counts_exactly),
        cmocka_unit_test(updates_the_threads_do_not_divide_are_all_made),
        cmocka_unit_test(a_wrong_count_is_caught),
        cmocka_unit_test(work_is_innerreps_constructs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
