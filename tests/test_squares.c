/*
 * test_squares.c: the squares kernel (suite kernels): the tutorial's squares
 * of 0..9, the --work and --sleep-us modes, the exact checksum past 2^64,
 * and that verification catches a wrong element.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "squares.h"

static void tutorial_squares_of_0_to_9(void **unused)
{
    (void)unused;
    const char *variants[] = {"serial", "omp"};
    for (int v = 0; v < 2; v++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "squares", "tutorial", NULL, 4);
        kfix_run(&f, variants[v], v ? 4 : 1, "dynamic", &c);
        int64_t n;
        const double *y = squares_output(f.state, &n);
        assert_int_equal(n, 10);
        for (int i = 0; i < 10; i++)
            assert_true(y[i] == (double)(i * i));
        assert_true(c.verified);
        assert_string_equal(c.result_text, "285"); /* 0 + 1 + 4 + ... + 81 */
        assert_string_equal(c.reference_text, "285");
        kfix_free(&f);
    }
}

static void a_wrong_element_is_caught(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "squares", "quick", NULL, 2);
    kfix_run(&f, "omp", 2, "static", &c);
    assert_true(c.verified);
    int64_t n;
    double *y = squares_output(f.state, &n);
    y[3] = 10.0; /* 3^2 is 9 */
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    assert_non_null(strstr(c.detail, "first at 3"));
    assert_true(c.abs_error == 1.0);
    kfix_free(&f);
}

static void work_mode_verifies_and_changes_the_result(void **unused)
{
    (void)unused;
    kfix plain, worked;
    kernel_check cp, cw;
    kfix_prepare(&plain, "squares", NULL, "n=1000", 3);
    kfix_prepare(&worked, "squares", NULL, "n=1000,work=50", 3);
    kfix_run(&plain, "omp", 3, "guided", &cp);
    kfix_run(&worked, "omp", 3, "guided", &cw);
    assert_true(cp.verified);
    assert_true(cw.verified);
    assert_true(cw.result != cp.result);
    kernel_work w;
    worked.k->work(worked.state, &w);
    assert_int_equal(w.unit, KERNEL_UNIT_FLOP);
    assert_true(w.amount == 1000.0 * 101.0);
    kfix_free(&plain);
    kfix_free(&worked);
}

static void sleep_mode_verifies(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "squares", NULL, "sleep-us=500", 4);
    int64_t n;
    squares_output(f.state, &n);
    assert_int_equal(n, 40); /* auto size in sleep mode */
    assert_int_equal(kfix_run(&f, "omp", 4, "dynamic", &c), 4);
    assert_true(c.verified);
    kernel_work w;
    f.k->work(f.state, &w);
    assert_int_equal(w.unit, KERNEL_UNIT_ITEM);
    kfix_free(&f);
}

static void checksum_past_2_to_64_is_exact(void **unused)
{
    (void)unused;
    /* n = 2^26 + 5: one full period of inputs 0..2^26-1, then 0..4. */
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "squares", NULL, "n=67108869", 2);
    kfix_run(&f, "omp", 2, "static", &c);
    assert_true(c.verified);
    /* (m-1)m(2m-1)/6 with m = 2^26, plus 0+1+4+9+16 = 30 */
    assert_string_equal(c.reference_text, "100743816049419295391774");
    assert_string_equal(c.result_text, c.reference_text);
    kfix_free(&f);
}

/* Two arrays of n doubles in half of the physical memory, and at most the table's 4e12. */
static void size_limit(void **unused)
{
    (void)unused;
    kfix_expect_size_limit("squares", NULL, "n", 2, 0);
    char err[512];
    assert_int_equal(kfix_check_at("squares", NULL, "n", 4000000000001, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tutorial_squares_of_0_to_9),
        cmocka_unit_test(a_wrong_element_is_caught),
        cmocka_unit_test(work_mode_verifies_and_changes_the_result),
        cmocka_unit_test(sleep_mode_verifies),
        cmocka_unit_test(checksum_past_2_to_64_is_exact),
        cmocka_unit_test(size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
