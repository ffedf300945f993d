/*
 * test_rangesum.c: the rangesum kernel (suite kernels): the tutorial's
 * 1..20 = 210 in every variant, negative ranges, a sum past 2^63 that needs
 * the 128-bit accumulator, bounds past 2^63 refused, and the array mode's
 * bitwise identity across thread counts and schedules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
    assert_int_equal(k->prepare(v, 2, &state, err, sizeof err), KERNEL_EUSAGE);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tutorial_1_to_20_is_210),
        cmocka_unit_test(negative_ranges),
        cmocka_unit_test(past_2_to_63_uses_128_bits),
        cmocka_unit_test(bounds_past_2_to_63_are_refused),
        cmocka_unit_test(array_mode_is_bitwise_identical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
