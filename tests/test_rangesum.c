/*
 * test_rangesum.c: the rangesum kernel (suite kernels): the tutorial's
 * 1..20 = 210 in every variant, negative ranges, a sum past 2^63 that needs
 * the 128-bit accumulator, bounds past 2^63 refused (the first n past them,
 * for several lo, with the last valid one accepted and summed exactly), the
 * array mode's size limit, and its bitwise identity across thread counts and
 * schedules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "registry.h"

static const char *const variants[] = {"serial", "omp", "omp-atomic"};
static const char *const schedules[] = {"static", "dynamic", "guided", "dynamic:7"};

/* Runs every variant at 1..4 threads and checks the exact text of each result. */
static void expect_sum(const char *overrides, const char *want, const char *width)
{
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "rangesum", NULL, overrides, 4);
    for (int v = 0; v < 3; v++)
        for (int t = 1; t <= (v ? 4 : 1); t++) {
            kfix_run(&f, variants[v], t, schedules[t - 1], &c);
            if (!c.verified || strcmp(c.result_text, want) != 0)
                fail_msg("%s %s at %d threads: got %s, want %s (%s)", overrides, variants[v], t,
                         c.result_text, want, c.detail);
            assert_string_equal(c.reference_text, want);
            assert_non_null(strstr(c.detail, width));
        }
    kfix_free(&f);
}

static void tutorial_1_to_20_is_210(void **unused)
{
    (void)unused;
    expect_sum("lo=1,n=20", "210", "64-bit");
}

static void negative_ranges(void **unused)
{
    (void)unused;
    expect_sum("lo=-10,n=21", "0", "64-bit");
    expect_sum("lo=-100,n=50", "-3775", "64-bit");
}

static void past_2_to_63_uses_128_bits(void **unused)
{
    (void)unused;
    /* 1000 * 2^62 + (0 + 1 + ... + 999) */
    expect_sum("lo=4611686018427387904,n=1000", "4611686018427388403500", "128-bit");
    /* the most negative start: every term near -2^63 */
    expect_sum("lo=-9223372036854775808,n=3", "-27670116110564327421", "128-bit");
}

static void bounds_past_2_to_63_are_refused(void **unused)
{
    (void)unused;
    const kernel *k = registry_find("rangesum");
    param_value v[16];
    char err[256];
    void *state = NULL;
    assert_int_equal(kernel_defaults(k, NULL, v, err, sizeof err), 0);
    assert_int_equal(kernel_assign(k, v, "lo=9223372036854775800,n=10", err, sizeof err), 0);
    assert_int_equal(k->prepare(v, 2, &state, err, sizeof err), OMPSCALE_USAGE);
    assert_null(state);
    assert_non_null(strstr(err, "largest valid n for this lo is 8"));
}

static void array_mode_is_bitwise_identical(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "rangesum", "array", "n=300001", 4); /* not a multiple of the block */
    kfix_run(&f, "serial", 1, "static", &c);
    assert_true(c.verified);
    /* The bound is a worst case; a correct blocked sum lands far inside it. */
    assert_true(c.tolerance > 0);
    assert_true(c.abs_error <= c.tolerance / 10);
    double serial = c.result;
    for (int t = 1; t <= 4; t++)
        for (size_t s = 0; s < sizeof schedules / sizeof schedules[0]; s++) {
            kfix_run(&f, "omp", t, schedules[s], &c);
            assert_true(c.verified);
            assert_memory_equal(&c.result, &serial, sizeof serial);
            kfix_run(&f, "omp-atomic", t, schedules[s], &c);
            if (!c.verified)
                fail_msg("atomic at %d: %s", t, c.detail);
        }
    kfix_free(&f);
}

/* hi = lo + n - 1 must stay a 64-bit integer: the largest n for each lo is INT64_MAX - lo + 1. */
static void check_refuses_the_first_n_past_int64(void **unused)
{
    (void)unused;
    static const int64_t los[] = {INT64_MAX, INT64_MAX - 1, INT64_C(1) << 62, 2, 1};
    char err[512], overrides[64];
    for (size_t i = 0; i < sizeof los / sizeof los[0]; i++) {
        int64_t last = (int64_t)((__int128)INT64_MAX - los[i] + 1);
        snprintf(overrides, sizeof overrides, "mode=int,lo=%lld", (long long)los[i]);
        if (kfix_check_at("rangesum", overrides, "n", last, err, sizeof err) != OMPSCALE_OK)
            fail_msg("lo %lld, n %lld refused: %s", (long long)los[i], (long long)last, err);
        if (last == INT64_MAX)
            continue; /* lo = 1: n itself can go no further (its range is refused below) */
        assert_int_equal(kfix_check_at("rangesum", overrides, "n", last + 1, err, sizeof err),
                         OMPSCALE_USAGE);
        char want[64];
        snprintf(want, sizeof want, "largest valid n for this lo is %lld", (long long)last);
        assert_non_null(strstr(err, want));
    }
    /* From lo <= 0 every n the parameter takes fits: hi <= n - 1. */
    assert_int_equal(kfix_check_at("rangesum", "mode=int,lo=0", "n", INT64_MAX, err, sizeof err), 0);
    assert_int_equal(kfix_check_at("rangesum", "mode=int,lo=-9223372036854775808", "n", INT64_MAX,
                                   err, sizeof err), 0);
    /* lo itself: the 64-bit range, and no further. */
    const kernel *k = registry_find("rangesum");
    param_value v[16];
    assert_int_equal(kernel_defaults(k, NULL, v, err, sizeof err), 0);
    assert_int_equal(kernel_set(k, v, "lo", "9223372036854775807", err, sizeof err), 0);
    assert_int_equal(kernel_set(k, v, "lo", "9223372036854775808", err, sizeof err), 2);
    assert_int_equal(kernel_set(k, v, "lo", "-9223372036854775808", err, sizeof err), 0);
    assert_int_equal(kernel_set(k, v, "lo", "-9223372036854775809", err, sizeof err), 2);
    assert_int_equal(kernel_set(k, v, "n", "9223372036854775808", err, sizeof err), 2);
}

/*
 * The last valid ranges run and are exact: hi = INT64_MAX (a loop to i <= hi
 * would never end), the sum just past 2^63, and the most negative terms.
 * Sums: 10 INT64_MAX - 45, 2^62 + (2^62 + 1) = 2^63 + 1, 10 INT64_MIN + 45.
 */
static void the_last_valid_ranges_are_exact(void **unused)
{
    (void)unused;
    expect_sum("lo=9223372036854775798,n=10", "92233720368547758025", "128-bit");
    expect_sum("lo=9223372036854775807,n=1", "9223372036854775807", "64-bit");
    expect_sum("lo=4611686018427387904,n=2", "9223372036854775809", "128-bit");
    expect_sum("lo=-9223372036854775808,n=10", "-92233720368547758035", "128-bit");
}

/* Array mode: n doubles in half of the physical memory. */
static void array_mode_size_limit(void **unused)
{
    (void)unused;
    kfix_expect_size_limit("rangesum", "mode=array", "n", 1, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tutorial_1_to_20_is_210),
        cmocka_unit_test(negative_ranges),
        cmocka_unit_test(past_2_to_63_uses_128_bits),
        cmocka_unit_test(bounds_past_2_to_63_are_refused),
        cmocka_unit_test(array_mode_is_bitwise_identical),
        cmocka_unit_test(check_refuses_the_first_n_past_int64),
        cmocka_unit_test(the_last_valid_ranges_are_exact),
        cmocka_unit_test(array_mode_size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
