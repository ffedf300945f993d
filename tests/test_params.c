/*
 * test_params.c: parameter, schedule and preset parsing (suite unit): valid
 * text gives the right value, and every kind of bad text is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kernel.h"
#include "registry.h"

static const kernel_param p_int = {"n", PARAM_INT, "auto", 1, 1000, NULL, ""};
static const kernel_param p_real = {"a", PARAM_REAL, "0", -10, 10, NULL, ""};
static const kernel_param p_choice = {"f", PARAM_CHOICE, "x", 0, 0, "x|yy|zzz", ""};

static void ints(void **unused)
{
    (void)unused;
    char err[256];
    param_value v;
    assert_int_equal(param_parse(&p_int, "17", &v, err, sizeof err), 0);
    assert_int_equal(v.i, 17);
    assert_false(v.is_auto);
    assert_int_equal(param_parse(&p_int, "2^9", &v, err, sizeof err), 0);
    assert_int_equal(v.i, 512);
    assert_int_equal(param_parse(&p_int, "auto", &v, err, sizeof err), 0);
    assert_true(v.is_auto);
    const char *bad[] = {"", "0", "1001", "-1", "12abc", "1.5", "abc", "2^10", "99999999999999999999", " 5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        assert_int_equal(param_parse(&p_int, bad[i], &v, err, sizeof err), 2);
        assert_non_null(strstr(err, "--n"));
        assert_non_null(strstr(err, "1 to 1000"));
    }
}

static void reals_and_choices(void **unused)
{
    (void)unused;
    char err[256];
    param_value v;
    assert_int_equal(param_parse(&p_real, "-2.5e0", &v, err, sizeof err), 0);
    assert_true(v.r == -2.5);
    const char *bad[] = {"nan", "inf", "11", "1e999", "x", "auto"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(param_parse(&p_real, bad[i], &v, err, sizeof err), 2);
    assert_int_equal(param_parse(&p_choice, "zzz", &v, err, sizeof err), 0);
    assert_int_equal(v.choice, 2);
    assert_int_equal(param_parse(&p_choice, "yyy", &v, err, sizeof err), 2);
    assert_non_null(strstr(err, "x|yy|zzz"));
    char buf[32];
    param_format(&p_choice, &v, buf, sizeof buf);
    assert_string_equal(buf, "zzz"); /* a refused parse leaves the value as it was */
}

static void schedules(void **unused)
{
    (void)unused;
    char err[256], buf[32];
    kernel_schedule s;
    assert_int_equal(sched_parse("guided", &s, err, sizeof err), 0);
    assert_int_equal(s.kind, SCHED_GUIDED);
    assert_int_equal(s.chunk, 0);
    assert_int_equal(sched_parse("dynamic:16", &s, err, sizeof err), 0);
    assert_int_equal(s.kind, SCHED_DYNAMIC);
    assert_int_equal(s.chunk, 16);
    sched_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "dynamic:16");
    const char *bad[] = {"", "auto", "runtime", "dynamic:", "dynamic:0", "static:-1", "dyn", "guided:x", "static,4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(sched_parse(bad[i], &s, err, sizeof err), 2);
}

static void presets(void **unused)
{
    (void)unused;
    char err[256];
    param_value v[16];
    const kernel *k = registry_find("rangesum");
    assert_non_null(k);
    assert_null(registry_find("nosuch"));
    assert_int_equal(kernel_defaults(k, "tutorial", v, err, sizeof err), 0);
    assert_int_equal(v[kernel_param_index(k, "n")].i, 20);
    assert_int_equal(v[kernel_param_index(k, "lo")].i, 1);
    assert_int_equal(kernel_defaults(k, "nosuch", v, err, sizeof err), 2);
    assert_non_null(strstr(err, "tutorial"));
    assert_int_equal(kernel_set(k, v, "bogus", "1", err, sizeof err), 2);
    assert_non_null(strstr(err, "--lo"));
    assert_int_equal(kernel_assign(k, v, "lo=-5,n=3", err, sizeof err), 0);
    assert_int_equal(v[kernel_param_index(k, "lo")].i, -5);
    assert_int_equal(kernel_assign(k, v, "lo", err, sizeof err), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ints),
        cmocka_unit_test(reals_and_choices),
        cmocka_unit_test(schedules),
        cmocka_unit_test(presets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
