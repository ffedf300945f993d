/*
 * test_load.c: what other work did between two samples (load.h), on
 * synthetic samples (suite unit): other processes' CPUs are the machine's
 * busy time less this process's, over the wall time; the stolen share is
 * over the P CPUs' time; a share too short for the kernel's ticks is not
 * judged on its own, and what it says must stand above its resolution.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"

static load_sample at(double t, double busy, double own, double steal)
{
    return (load_sample){.ok = true, .at_s = t, .loadavg_1m = 1, .runnable = 1, .busy_s = busy,
                         .steal_s = steal, .own_s = own};
}

static void others_and_steal(void **unused)
{
    (void)unused;
    load_share s;
    /* 10 s on 2 CPUs: the machine busy 16 CPU-s, this process 4: others used 12/10 = 1.2 CPUs;
     * 0.6 s stolen of 20 CPU-s is 3%. */
    load_sample a = at(100, 1000, 50, 5), b = at(110, 1016, 54, 5.6);
    load_between(&a, &b, 2, &s);
    assert_true(fabs(s.seconds - 10) < 1e-12);
    assert_true(fabs(s.others_cpus - 1.2) < 1e-12);
    assert_true(fabs(s.steal_fraction - 0.03) < 1e-12);
    assert_true(load_judged(&s, LOAD_BUSY_CPUS));
    assert_true(load_busy(&s, LOAD_BUSY_CPUS));
    /* The sweep alone: busy time all its own, nothing stolen: not busy. */
    b = at(110, 1004, 54, 5);
    load_between(&a, &b, 2, &s);
    assert_true(s.others_cpus == 0 && s.steal_fraction == 0);
    assert_false(load_busy(&s, LOAD_BUSY_CPUS));
    /* Other work below the threshold (0.1 CPUs over 10 s): not busy. */
    b = at(110, 1005, 54, 5);
    load_between(&a, &b, 2, &s);
    assert_false(load_busy(&s, LOAD_BUSY_CPUS));
    assert_true(load_busy(&s, 0.05)); /* a stricter --settle-load */
}

static void too_short_to_judge(void **unused)
{
    (void)unused;
    load_share s;
    /* 5 ms with one tick of someone else's: 2 "CPUs" that the ticks cannot tell from 0. */
    double tick = 1 / (double)sysconf(_SC_CLK_TCK);
    load_sample a = at(0, 10, 1, 0), b = at(0.005, 10 + tick, 1, 0);
    load_between(&a, &b, 2, &s);
    assert_false(load_judged(&s, LOAD_BUSY_CPUS));
    assert_false(load_busy(&s, LOAD_BUSY_CPUS));
    /* A sample that could not be read makes every figure unknown. */
    a.ok = false;
    load_between(&a, &b, 2, &s);
    assert_true(isnan(s.others_cpus) && isnan(s.steal_fraction));
    assert_false(load_busy(&s, LOAD_BUSY_CPUS));
}

/* Too short for the ticks: the median of other processes' runnable tasks over the samples. */
static void runnable_median(void **unused)
{
    (void)unused;
    load_sample s[5] = {at(0, 1, 1, 0), at(0, 1, 1, 0), at(0, 1, 1, 0), at(0, 1, 1, 0),
                        at(0, 1, 1, 0)};
    const load_sample *p[5] = {&s[0], &s[1], &s[2], &s[3], &s[4]};
    int quiet[5] = {0, 1, 0, 0, 1}, busy[5] = {2, 2, 1, 2, 0};
    for (int i = 0; i < 5; i++)
        s[i].others_runnable = quiet[i];
    assert_false(load_busy_runnable(p, 5, LOAD_BUSY_CPUS)); /* a passing task now and then */
    for (int i = 0; i < 5; i++)
        s[i].others_runnable = busy[i];
    assert_true(load_busy_runnable(p, 5, LOAD_BUSY_CPUS)); /* two busy loops */
    s[0].ok = s[1].ok = s[2].ok = s[3].ok = s[4].ok = false;
    assert_false(load_busy_runnable(p, 5, LOAD_BUSY_CPUS)); /* nothing read: nothing said */
}

static void reads_proc(void **unused)
{
    (void)unused;
    load_sample s;
    load_read(&s);
    assert_true(s.ok); /* Linux: /proc/loadavg and /proc/stat */
    assert_true(s.loadavg_1m >= 0 && s.runnable >= 1 && s.busy_s > 0 && s.own_s >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(others_and_steal),
        cmocka_unit_test(too_short_to_judge),
        cmocka_unit_test(runnable_median),
        cmocka_unit_test(reads_proc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
