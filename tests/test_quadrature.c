/*
 * test_quadrature.c: the quadrature kernel and its Fresnel reference (suite
 * kernels): the Fresnel integral against literature values, its two methods
 * against each other where they meet, the tutorial's five unit intervals and
 * their total, the benchmark default under every schedule at 1 to 4 threads
 * (bitwise equal to serial), GSL_EROUND accepted, and that a QAGS failure, a
 * wrong interval and bad bounds are all refused.  QAGS's targets --epsabs
 * and --epsrel: the defaults give the results and tolerances of before they
 * were parameters, to the bit; other targets reach QAGS, and the check's
 * tolerances follow them; targets beyond double precision are refused; a
 * failure names them, and loosening them is a way out that works.
 *
 * The constants are the integral of sin(t^2) from mpmath at 40 digits
 * (mpmath.quad of sin(t*t), and sqrt(pi/2) fresnels(x sqrt(2/pi))), except
 * the first two, which are also the textbook values.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fresnel.h"
#include "kfix.h"
#include "quadrature.h"
#include "registry.h"

/* The integral of sin(t^2) from 0 to 1, and from 0 to infinity (sqrt(pi/8)). */
#define SIN_X2_0_1 0.310268301723381101808152423165
#define SIN_X2_0_INF 0.626657068657750125603941321203
/* From 0 to 5 and from 0 to 100: the tutorial's and the benchmark default's totals. */
#define SIN_X2_0_5 0.527917281165322413844615687185
#define SIN_X2_0_100 0.631417921866933733603279998379

/* Within rel of want, relative. */
static void assert_close(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g (relative error %.3g > %.3g)", got, want,
                 fabs(got - want) / fabs(want), rel);
}

/* Within tol of want, absolute. */
static void assert_near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (error %.3g > %.3g)", got, want, fabs(got - want), tol);
}

static double fact(const kfix *f, const char *name)
{
    kernel_fact facts[8];
    int n = f->k->facts(f->state, facts, 8);
    for (int i = 0; i < n; i++)
        if (strcmp(facts[i].name, name) == 0)
            return facts[i].value;
    fail_msg("no fact %s", name);
    return NAN;
}

static void fresnel_matches_known_values(void **unused)
{
    (void)unused;
    static const struct {
        double x, value;
    } known[] = {
        {0.5, 0.0414810242685474815985281654835}, {1, SIN_X2_0_1},
        {2, 0.804776489343756110296275601793},   {3, 0.773562526893769017149772167826},
        {5, SIN_X2_0_5},                         {5.5, 0.59225271880746179991848672677},
        {6, 0.638459189315010377845408060941},   {7, 0.60588693162782710543776265178},
        {10, 0.583670899929623342157572409286},  {20, 0.639816006175832889001580368958},
        {94, 0.62807895510520100478712982264},   {100, SIN_X2_0_100},
        {1000, 0.626188692681482280035014995912}, {1e4, 0.626675237911985000373494814471},
    };
    /* Both methods are good to about an ulp; 3 ulps of numbers below 1 allowed. */
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        assert_near(fresnel_sin_x2(known[i].x), known[i].value, 3 * 0x1p-53);
        assert_true(fresnel_sin_x2(-known[i].x) == -fresnel_sin_x2(known[i].x));
    }
    assert_true(fresnel_sin_x2(0) == 0);
    /* The tail beyond x is about cos(x^2) / (2x) in size. */
    assert_near(fresnel_sin_x2(1e4), SIN_X2_0_INF, 0.5e-4);
}

static void series_and_expansion_agree_where_they_meet(void **unused)
{
    (void)unused;
    /* At 5.5 the expansion's smallest term is still 6e-15; from 6 on both are at an ulp. */
    assert_near(fresnel_sin_x2_series(5.5), fresnel_sin_x2_asymptotic(5.5), 1e-14);
    assert_near(fresnel_sin_x2_series(6), fresnel_sin_x2_asymptotic(6), 4 * 0x1p-53);
    assert_near(fresnel_sin_x2_series(7), fresnel_sin_x2_asymptotic(7), 2e-15);
    /* Each is needed on its own side: the expansion fails at 4, the series at 10. */
    assert_true(fabs(fresnel_sin_x2_asymptotic(4) - 0.747133844648115) > 1e-9);
    assert_true(fabs(fresnel_sin_x2_series(10) - 0.583670899929623) > 1e-3);
    assert_true(isnan(fresnel_sin_x2_asymptotic(0)));
}

static void tutorial_unit_intervals(void **unused)
{
    (void)unused;
    static const double unit[5] = {
        SIN_X2_0_1,
        0.494508187620375008488123178627,
        -0.0312139624499870931465034339663,
        -0.0264286822456543609499550437633,
        -0.219216563482792242355201436878,
    };
    const char *variants[] = {"serial", "omp"};
    for (int v = 0; v < 2; v++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "quadrature", "tutorial", NULL, 2);
        assert_int_equal(kfix_run(&f, variants[v], v ? 2 : 1, "dynamic", &c), v ? 2 : 1);
        assert_true(c.verified);
        int64_t k;
        const double *y = quadrature_output(f.state, &k);
        assert_int_equal(k, 5);
        for (int i = 0; i < 5; i++)
            assert_close(y[i], unit[i], 1e-9);
        assert_close(c.result, SIN_X2_0_5, 1e-9);
        assert_close(c.reference, SIN_X2_0_5, 1e-15);
        assert_true(c.tolerance < 1e-9 * SIN_X2_0_5 + 1e-12);
        kernel_work w;
        f.k->work(f.state, &w);
        assert_int_equal(w.unit, KERNEL_UNIT_ITEM);
        assert_true(w.amount == 5.0);
        kfix_free(&f);
    }
}

static void default_is_bitwise_serial_under_every_schedule(void **unused)
{
    (void)unused;
    const char *schedules[] = {"static", "dynamic", "guided", "dynamic:7"};
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "quadrature", NULL, "a=0,b=100,k=1000", 4);
    kfix_run(&f, "serial", 1, NULL, &c);
    assert_true(c.verified);
    assert_close(c.result, SIN_X2_0_100, 1e-9);
    assert_close(c.reference, SIN_X2_0_100, 1e-15);
    assert_true(fact(&f, "max_interval_abs_error") < 1e-12);
    const double serial_total = c.result;
    int64_t k;
    double serial[1000];
    const double *y = quadrature_output(f.state, &k);
    assert_int_equal(k, 1000);
    memcpy(serial, y, sizeof serial);
    for (int threads = 1; threads <= 4; threads++)
        for (int s = 0; s < 4; s++) {
            assert_int_equal(kfix_run(&f, "omp", threads, schedules[s], &c), threads);
            if (!c.verified)
                fail_msg("%d threads, %s: %s", threads, schedules[s], c.detail);
            assert_memory_equal(&c.result, &serial_total, sizeof serial_total);
            assert_memory_equal(quadrature_output(f.state, &k), serial, sizeof serial);
        }
    kfix_free(&f);
}

static void eround_is_reported_and_accepted(void **unused)
{
    (void)unused;
    /*
     * Unit intervals past x = 100 hold values near 1e-5 while sin(x*x) is good
     * only to about 1e-12 there, so QAGS cannot reach 1e-10 relative on some
     * of them and says GSL_EROUND (42 of the 500 on the machine this was
     * written on); the values are still within the tolerance.
     */
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "quadrature", NULL, "a=0,b=500,k=500", 2);
    kfix_run(&f, "omp", 2, "guided", &c);
    if (!c.verified)
        fail_msg("%s", c.detail);
    double eround = fact(&f, "eround_intervals");
    assert_true(eround >= 1 && eround <= 500);
    assert_non_null(strstr(c.detail, "GSL_EROUND"));
    assert_true(fact(&f, "worst_abserr_estimate") < 1e-10);
    assert_true(fact(&f, "worst_error_to_tolerance") <= 1);
    kfix_free(&f);
}

static void qags_failure_is_not_verified(void **unused)
{
    (void)unused;
    /* One Gauss-Kronrod rule per interval cannot reach 1e-10 on [0, 100]. */
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "quadrature", NULL, "limit=1", 2);
    for (int v = 0; v < 2; v++) {
        kernel_exec exec = {.threads = v ? 2 : 1};
        char err[64];
        assert_int_equal(sched_parse("dynamic", &exec.schedule, err, sizeof err), 0);
        int obtained;
        assert_int_equal(f.k->run(f.state, v, &exec, &obtained), OMPSCALE_FAIL);
        f.k->verify(f.state, &c);
        assert_false(c.verified);
        assert_non_null(strstr(c.detail, "failed in QAGS"));
        assert_non_null(strstr(c.detail, "GSL status 11")); /* GSL_EMAXITER */
        /* and what to change, in the kernel's own words (kernel.h) */
        assert_non_null(strstr(c.detail, "raise --limit (now 1)"));
        assert_non_null(strstr(c.detail, "--k"));
        assert_non_null(strstr(c.detail, "cannot reach --epsrel 1e-10 (--epsabs 0)"));
        assert_non_null(strstr(c.detail, "loosen --epsrel or --epsabs"));
    }
    kfix_free(&f);
}

static void a_wrong_interval_is_caught(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "quadrature", "tutorial", NULL, 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    assert_true(c.verified);
    int64_t k;
    double *y = quadrature_output(f.state, &k);
    y[2] += 1e-12; /* within 1e-9 of |-0.0312| */
    f.k->verify(f.state, &c);
    assert_true(c.verified);
    y[2] += 1e-10; /* beyond it */
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    assert_non_null(strstr(c.detail, "first [2, 3]"));
    kfix_free(&f);
}

static void bad_bounds_are_refused(void **unused)
{
    (void)unused;
    const kernel *k = registry_find("quadrature");
    assert_non_null(k);
    param_value values[16];
    char err[256] = "";
    void *state = NULL;
    assert_int_equal(kernel_defaults(k, NULL, values, err, sizeof err), 0);
    assert_int_equal(kernel_assign(k, values, "a=3,b=3", err, sizeof err), 0);
    assert_int_equal(k->prepare(values, 2, &state, err, sizeof err), OMPSCALE_USAGE);
    assert_non_null(strstr(err, "--b"));
    assert_null(state);
    assert_int_equal(kernel_assign(k, values, "k=0", err, sizeof err), 2);
}

/*
 * check() refuses what prepare() would (so that run refuses it before
 * measuring): b must exceed a, by as little as one ulp; k intervals need
 * five arrays of k + 1 doubles, and k is at most 10^7.
 */
static void check_refuses_b_not_above_a_and_k_past_memory(void **unused)
{
    (void)unused;
    const kernel *k = registry_find("quadrature");
    param_value v[16];
    char err[256], text[64];
    assert_non_null(k->check);
    assert_int_equal(kernel_defaults(k, NULL, v, err, sizeof err), 0);
    assert_int_equal(kernel_assign(k, v, "a=3,b=3", err, sizeof err), 0);
    assert_int_equal(k->check(v, 1, err, sizeof err), OMPSCALE_USAGE);
    assert_non_null(strstr(err, "a < b"));
    snprintf(text, sizeof text, "%.17g", nextafter(3.0, 4.0));
    assert_int_equal(kernel_set(k, v, "b", text, err, sizeof err), 0);
    assert_int_equal(k->check(v, 1, err, sizeof err), OMPSCALE_OK);
    assert_int_equal(kernel_assign(k, v, "a=-1e4,b=-10000", err, sizeof err), 0);
    assert_int_equal(k->check(v, 1, err, sizeof err), OMPSCALE_USAGE);
    kfix_expect_size_limit("quadrature", NULL, "k", 5, 1);
}

/*
 * The defaults (--epsabs 0, --epsrel 1e-10) are the fixed targets of before:
 * the same QAGS calls, so the same values, and the same tolerances, to the
 * bit (%a values from commit f938254, where 1e-10 and 1e-9 were constants).
 */
static void default_targets_give_the_results_and_tolerances_of_before(void **unused)
{
    (void)unused;
    static const struct {
        const char *overrides;
        double result, tolerance;
    } before[] = {
        {"a=0,b=5,k=5", 0x1.0e4b2c833253ap-1, 0x1.223db632d8efbp-31},
        {"a=0,b=20,k=40", 0x1.4795f6abf70ddp-1, 0x1.606e80fe5ca1p-31},
        {"a=0,b=100,k=1000", 0x1.434935b90ee23p-1, 0x1.ad9c0d647e4ebp-31},
        {"a=-30,b=7.25,k=333", 0x1.4c28a26af2314p+0, 0x1.65ec24bb0283p-30},
    };
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "quadrature", NULL, before[i].overrides, 2);
        kfix_run(&f, "omp", 2, "dynamic", &c);
        assert_true(c.verified);
        if (memcmp(&c.result, &before[i].result, sizeof c.result) != 0 ||
            memcmp(&c.tolerance, &before[i].tolerance, sizeof c.tolerance) != 0)
            fail_msg("%s: result %a tolerance %a, before %a and %a", before[i].overrides, c.result,
                     c.tolerance, before[i].result, before[i].tolerance);
        kfix_free(&f);
    }
}

/*
 * Looser targets reach QAGS: it stops sooner, with error estimates far above
 * the default's (1.6e-12 on the quick preset) yet within the target it was
 * given, max(epsabs, epsrel |value|) with |value| < 1 here.  The values
 * stay right (QAGS's 21-point rule is far better than its estimate).
 */
static void targets_reach_qags(void **unused)
{
    (void)unused;
    static const struct {
        double epsabs, epsrel;
    } targets[] = {{0, 1e-4}, {1e-6, 0}, {1.49e-8, 1.49e-8}};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        char overrides[96];
        snprintf(overrides, sizeof overrides, "epsabs=%.17g,epsrel=%.17g", targets[i].epsabs,
                 targets[i].epsrel);
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "quadrature", "quick", overrides, 2);
        kfix_run(&f, "serial", 1, NULL, &c);
        if (!c.verified)
            fail_msg("%s: %s", overrides, c.detail);
        const double estimate = fact(&f, "worst_abserr_estimate");
        const double target = fmax(targets[i].epsabs, targets[i].epsrel);
        if (!(estimate > 1e-10 && estimate <= target))
            fail_msg("%s: worst QAGS estimate %g, expected above 1e-10 and within %g", overrides,
                     estimate, target);
        assert_true(fact(&f, "max_interval_abs_error") < 1e-13);
        kfix_free(&f);
    }
}

/*
 * The check follows the targets: ten times each.  The total's tolerance
 * grows by 10 (epsrel - 1e-10) |total| + 10 k epsabs over the default's; an
 * interval may be off by 10 max(epsabs, epsrel |value|), so at --epsabs 1e-6
 * an interval off by 5e-6 passes (at the default it would not) and one off
 * by 2e-5 is caught.
 */
static void verification_tolerance_follows_the_targets(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "quadrature", "quick", NULL, 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    const double default_tolerance = c.tolerance, total = fabs(c.reference);
    kfix_free(&f);
    kfix_prepare(&f, "quadrature", "quick", "epsabs=1e-6,epsrel=1e-4", 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    assert_true(c.verified);
    /* quick is 40 intervals */
    assert_close(c.tolerance - default_tolerance, 10 * (1e-4 - 1e-10) * total + 10 * 40 * 1e-6,
                 1e-9);
    kfix_free(&f);
    kfix_prepare(&f, "quadrature", "quick", "epsabs=1e-6", 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    assert_true(c.verified);
    int64_t k;
    double *y = quadrature_output(f.state, &k);
    y[7] += 5e-6;
    f.k->verify(f.state, &c);
    if (!c.verified)
        fail_msg("off by 5e-6 at --epsabs 1e-6: %s", c.detail);
    y[7] += 15e-6;
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    assert_non_null(strstr(c.detail, "1 of 40 intervals off their Fresnel reference"));
    kfix_free(&f);
}

/*
 * QAGS refuses (GSL_EBADTOL) a relative target below 50 unit roundoffs
 * without an absolute one; check() refuses it first, naming both options.
 * Each target is in [0, 1].
 */
static void targets_beyond_double_precision_are_refused(void **unused)
{
    (void)unused;
    static const struct {
        const char *overrides;
        int status; /* of check(); -1: refused by the parameter's range */
    } cases[] = {
        {"epsabs=0,epsrel=1e-15", OMPSCALE_USAGE},
        {"epsabs=0,epsrel=0", OMPSCALE_USAGE},
        {"epsabs=0,epsrel=1.2e-14", OMPSCALE_OK},    /* above 50 * 2.2e-16 = 1.11e-14 */
        {"epsabs=1e-300,epsrel=0", OMPSCALE_OK},     /* any absolute target will do */
        {"epsabs=1.49e-8,epsrel=1.49e-8", OMPSCALE_OK},
        {"epsrel=-1e-10", -1},
        {"epsabs=2", -1},
    };
    const kernel *k = registry_find("quadrature");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        param_value v[16];
        char err[256] = "";
        assert_int_equal(kernel_defaults(k, NULL, v, err, sizeof err), 0);
        if (kernel_assign(k, v, cases[i].overrides, err, sizeof err) != 0) {
            if (cases[i].status != -1)
                fail_msg("%s refused by its range: %s", cases[i].overrides, err);
            continue;
        }
        assert_int_not_equal(cases[i].status, -1);
        int status = k->check(v, 1, err, sizeof err);
        if (status != cases[i].status)
            fail_msg("%s: check() gave %d (%s), expected %d", cases[i].overrides, status, err,
                     cases[i].status);
        if (status == OMPSCALE_USAGE) {
            assert_non_null(strstr(err, "--epsrel must be at least 1.11e-14"));
            assert_non_null(strstr(err, "--epsabs above 0"));
        }
    }
}

/*
 * The way out a failure names: [10, 12] in one interval with 5 subintervals
 * is beyond QAGS at 1e-10 (GSL_EMAXITER) and within it at 1e-6, or at
 * scipy's default targets.
 */
static void loosening_the_targets_is_a_way_out(void **unused)
{
    (void)unused;
    kfix f;
    kfix_prepare(&f, "quadrature", NULL, "a=10,b=12,k=1,limit=5", 1);
    kernel_exec exec = {.threads = 1};
    int obtained;
    assert_int_equal(f.k->run(f.state, 0, &exec, &obtained), OMPSCALE_FAIL);
    kernel_check c;
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    assert_non_null(strstr(c.detail, "loosen --epsrel or --epsabs"));
    kfix_free(&f);
    static const char *const looser[] = {"a=10,b=12,k=1,limit=5,epsrel=1e-6",
                                         "a=10,b=12,k=1,limit=5,epsabs=1.49e-8,epsrel=1.49e-8"};
    for (size_t i = 0; i < 2; i++) {
        kfix_prepare(&f, "quadrature", NULL, looser[i], 1);
        kfix_run(&f, "serial", 1, NULL, &c);
        if (!c.verified)
            fail_msg("%s: %s", looser[i], c.detail);
        kfix_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresnel_matches_known_values),
        cmocka_unit_test(series_and_expansion_agree_where_they_meet),
        cmocka_unit_test(tutorial_unit_intervals),
        cmocka_unit_test(default_is_bitwise_serial_under_every_schedule),
        cmocka_unit_test(eround_is_reported_and_accepted),
        cmocka_unit_test(qags_failure_is_not_verified),
        cmocka_unit_test(a_wrong_interval_is_caught),
        cmocka_unit_test(bad_bounds_are_refused),
        cmocka_unit_test(check_refuses_b_not_above_a_and_k_past_memory),
        cmocka_unit_test(default_targets_give_the_results_and_tolerances_of_before),
        cmocka_unit_test(targets_reach_qags),
        cmocka_unit_test(verification_tolerance_follows_the_targets),
        cmocka_unit_test(targets_beyond_double_precision_are_refused),
        cmocka_unit_test(loosening_the_targets_is_a_way_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
