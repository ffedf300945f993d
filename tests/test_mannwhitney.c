/*
 * test_mannwhitney.c: the Mann-Whitney U test (suite unit) against
 * scipy.stats.mannwhitneyu (scipy 1.10.1, alternative="two-sided"; the
 * method named beside each case), and against the exact distribution worked
 * out by hand for the smallest samples.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mannwhitney.h"

#define CLOSE 1e-12

static void by_hand(void **unused)
{
    (void)unused;
    /* x = {1, 2}, y = {3}: the 3 orders of 2 x's and 1 y give U of x = 0, 1, 2 once each;
     * seen U = 0, the far tail U >= 2 has probability 1/3, two-sided 2/3. */
    const double x[] = {1, 2}, y[] = {3};
    mwu_result r;
    assert_int_equal(mwu_test(x, 2, y, 1, &r), 0);
    assert_true(r.exact);
    assert_float_equal(r.u, 0, 0);
    assert_float_equal(r.p, 2.0 / 3, CLOSE);
    /* y against x: U = 2, the same p */
    assert_int_equal(mwu_test(y, 1, x, 2, &r), 0);
    assert_float_equal(r.u, 2, 0);
    assert_float_equal(r.p, 2.0 / 3, CLOSE);
}

static void exact_apart(void **unused)
{
    (void)unused;
    /* every x below every y: U = 0, p = 2 / C(9, 4) = 2/126 (scipy, method="exact":
     * 0.015873015873015872) */
    const double x[] = {1.1, 2.3, 3.2, 4.8, 5.5}, y[] = {6.1, 7.7, 8.2, 9.9};
    mwu_result r;
    assert_int_equal(mwu_test(x, 5, y, 4, &r), 0);
    assert_true(r.exact);
    assert_float_equal(r.u, 0, 0);
    assert_float_equal(r.p, 0.015873015873015872, CLOSE);
}

static void exact_overlapping(void **unused)
{
    (void)unused;
    /* 10 against 12 times that overlap (scipy, method="exact": U 16, p 0.00264750729147014) */
    const double x[] = {0.101, 0.104, 0.099, 0.112, 0.108, 0.095, 0.103, 0.110, 0.097, 0.106};
    const double y[] = {0.109, 0.113, 0.102, 0.118, 0.115, 0.107,
                        0.121, 0.111, 0.105, 0.117, 0.119, 0.114};
    mwu_result r;
    assert_int_equal(mwu_test(x, 10, y, 12, &r), 0);
    assert_true(r.exact);
    assert_float_equal(r.u, 16, 0);
    assert_float_equal(r.p, 0.00264750729147014, CLOSE);
    /* swapped: U = 10 x 12 - 16 = 104, the same p */
    assert_int_equal(mwu_test(y, 12, x, 10, &r), 0);
    assert_float_equal(r.u, 104, 0);
    assert_float_equal(r.p, 0.00264750729147014, CLOSE);
}

static void ties_normal(void **unused)
{
    (void)unused;
    /* ties: the normal approximation with the tie correction (scipy, method="asymptotic":
     * U 19, p 0.03543144433646534); without the correction the p would differ */
    const double x[] = {1, 2, 2, 3, 3, 3, 4, 5, 6}, y[] = {2, 3, 4, 4, 5, 6, 6, 7, 8, 9};
    mwu_result r;
    assert_int_equal(mwu_test(x, 9, y, 10, &r), 0);
    assert_false(r.exact);
    assert_float_equal(r.u, 19, 0);
    assert_float_equal(r.p, 0.03543144433646534, CLOSE);
}

static void large_normal(void **unused)
{
    (void)unused;
    /* 40 and 35 values, more than MWU_EXACT_MAX: normal (scipy, method="asymptotic":
     * U 595, p 0.26709471459583256) */
    double x[40], y[35];
    for (int i = 1; i <= 40; i++)
        x[i - 1] = fmod(i * 0.37, 1);
    for (int i = 1; i <= 35; i++)
        y[i - 1] = fmod(i * 0.53, 1) + 0.1;
    mwu_result r;
    assert_int_equal(mwu_test(x, 40, y, 35, &r), 0);
    assert_false(r.exact);
    assert_float_equal(r.u, 595, 0);
    assert_float_equal(r.p, 0.26709471459583256, 1e-10);
}

static void all_equal(void **unused)
{
    (void)unused;
    /* nothing tells the samples apart: p = 1 (scipy: U 3, p 1.0) */
    const double x[] = {1, 1, 1}, y[] = {1, 1};
    mwu_result r;
    assert_int_equal(mwu_test(x, 3, y, 2, &r), 0);
    assert_float_equal(r.u, 3, 0);
    assert_float_equal(r.p, 1, 0);
}

static void refused(void **unused)
{
    (void)unused;
    const double x[] = {1, NAN}, y[] = {2};
    mwu_result r;
    assert_int_equal(mwu_test(x, 0, y, 1, &r), 2);
    assert_int_equal(mwu_test(x, 2, y, 1, &r), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(by_hand),       cmocka_unit_test(exact_apart),
        cmocka_unit_test(exact_overlapping), cmocka_unit_test(ties_normal),
        cmocka_unit_test(large_normal),  cmocka_unit_test(all_equal),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
