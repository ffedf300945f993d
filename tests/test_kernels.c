/*
 * test_kernels.c: the registry-wide contract (suite kernels).  For every
 * kernel in the table, at its quick preset: every variant at 1, 2, 3 and 4
 * threads under every schedule verifies, obtains the threads it asked for,
 * and leaves the OpenMP schedule, thread count and dynamic setting as it
 * found them; a run that fails is explained by verify(); every preset
 * parses; the table is well formed.  A kernel added
 * to the registry is tested here without a line of this file changing.
 */
#include <math.h>
#include <omp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "machine.h"
#include "registry.h"

static const char *const schedules[] = {"static", "dynamic", "guided", "static:3", "dynamic:5",
                                        "guided:2"};

static void table_well_formed(void **unused)
{
    (void)unused;
    char err[256];
    param_value v[16];
    int count = 0;
    for (int i = 0; kernel_registry[i]; i++, count++) {
        const kernel *k = kernel_registry[i];
        assert_string_equal(k->variants[0].name, "serial");
        assert_true(kernel_variant_count(k) >= 2);
        assert_true(kernel_variant_index(k, "omp") > 0);
        assert_true(kernel_param_index(k, k->size_param) >= 0);
        assert_true(kernel_param_count(k) <= 16);
        assert_non_null(k->prepare);
        assert_non_null(k->run);
        assert_non_null(k->verify);
        assert_non_null(k->work);
        assert_non_null(k->free);
        k->free(NULL); /* must do nothing */
        assert_int_equal(kernel_defaults(k, NULL, v, err, sizeof err), 0);
        bool has_tutorial = false, has_quick = false;
        for (int p = 0; k->presets[p].name; p++) {
            if (kernel_defaults(k, k->presets[p].name, v, err, sizeof err) != 0)
                fail_msg("%s preset %s: %s", k->name, k->presets[p].name, err);
            has_tutorial |= strcmp(k->presets[p].name, "tutorial") == 0;
            has_quick |= strcmp(k->presets[p].name, "quick") == 0;
        }
        assert_true(has_tutorial);
        assert_true(has_quick);
        assert_ptr_equal(registry_find(k->name), k);
        if (kernel_validate(k, err, sizeof err) != OMPSCALE_OK)
            fail_msg("%s", err);
        for (int j = 0; j < i; j++) /* one name, one kernel */
            if (strcmp(kernel_registry[j]->name, k->name) == 0)
                fail_msg("%s is in the registry twice (rows %d and %d)", k->name, j, i);
    }
    assert_true(count > 0);
    int references = 0; /* the one kernel whose construct cost is a parallel region's */
    for (int i = 0; kernel_registry[i]; i++) {
        if (!kernel_registry[i]->fork_join_reference)
            continue;
        references++;
        kfix f;
        kfix_prepare(&f, kernel_registry[i]->name, "quick", NULL, 1);
        kernel_work w = {0};
        f.k->work(f.state, &w);
        assert_int_equal(w.unit, KERNEL_UNIT_CONSTRUCT);
        kfix_free(&f);
    }
    assert_true(references <= 1);
}

/*
 * A kernel's bandwidth ceiling (its work's ceiling, e.g. squares' stream-copy)
 * is a kernel of the registry that comes before it, so that a default sweep
 * has measured the ceiling when it reports the fraction reached.
 */
static void ceilings_come_first(void **unused)
{
    (void)unused;
    for (int i = 0; kernel_registry[i]; i++) {
        const kernel *k = kernel_registry[i];
        for (int cf = -1; cf < 0 || (k->sweep_configs && k->sweep_configs[cf]); cf++) {
        kfix f; /* the defaults, then each configuration a sweep adds */
        kfix_prepare(&f, k->name, "quick", cf < 0 ? NULL : k->sweep_configs[cf], 1);
        kernel_work w = {0};
        f.k->work(f.state, &w);
        if (w.ceiling) {
            const kernel *c = registry_find(w.ceiling);
            if (!c)
                fail_msg("%s: its ceiling %s is not in the registry", f.k->name, w.ceiling);
            int at = 0;
            while (kernel_registry[at] != c)
                at++;
            if (at >= i)
                fail_msg("%s (row %d) comes before its ceiling %s (row %d)", f.k->name, i,
                         w.ceiling, at);
        }
        kfix_free(&f);
        }
    }
}

/*
 * A kernel with a series (kernel.h) names it, has none before a run, and
 * after a serial run gives points the plot can use: x ascending and
 * finite, 1 to KERNEL_SERIES_MAX_LINES named lines, labels for the axes.
 */
static void series_are_well_formed(void **unused)
{
    (void)unused;
    for (int i = 0; kernel_registry[i]; i++) {
        const kernel *k = kernel_registry[i];
        if (!k->series)
            continue;
        assert_non_null(k->series_name);
        kfix f;
        kfix_prepare(&f, k->name, "quick", NULL, 1);
        kernel_series s;
        assert_int_equal(k->series(f.state, &s), OMPSCALE_FAIL); /* no run yet */
        kernel_check c;
        kfix_run(&f, "serial", 1, "static", &c);
        assert_int_equal(k->series(f.state, &s), OMPSCALE_OK);
        assert_true(s.count > 0);
        assert_true(s.nlines >= 1 && s.nlines <= KERNEL_SERIES_MAX_LINES);
        assert_non_null(s.x_label);
        assert_non_null(s.y_label);
        for (size_t j = 0; j < s.nlines; j++) {
            assert_non_null(s.lines[j].name);
            assert_non_null(s.lines[j].y);
        }
        for (size_t p = 0; p < s.count; p++) {
            assert_true(isfinite(s.x[p]));
            if (p > 0 && !(s.x[p] > s.x[p - 1]))
                fail_msg("%s: series x not ascending at %zu", k->name, p);
        }
        kfix_free(&f);
    }
}

static void every_variant_thread_and_schedule_verifies(void **unused)
{
    (void)unused;
    for (int i = 0; kernel_registry[i]; i++) {
        kfix f;
        kfix_prepare(&f, kernel_registry[i]->name, "quick", NULL, 4);
        int variants = kernel_variant_count(f.k);
        kernel_check c;
        kfix_run(&f, "serial", 1, "static", &c);
        if (!c.verified)
            fail_msg("%s/serial: %s", f.k->name, c.detail);
        for (int v = 1; v < variants; v++)
            for (int t = 1; t <= 4; t++)
                for (size_t s = 0; s < sizeof schedules / sizeof schedules[0]; s++) {
                    omp_sched_t kind_before, kind_after;
                    int chunk_before, chunk_after;
                    omp_get_schedule(&kind_before, &chunk_before);
                    int max_before = omp_get_max_threads(), dyn_before = omp_get_dynamic();
                    int obtained = kfix_run(&f, f.k->variants[v].name, t, schedules[s], &c);
                    if (!c.verified)
                        fail_msg("%s/%s at %d threads, %s: %s", f.k->name, f.k->variants[v].name,
                                 t, schedules[s], c.detail);
                    assert_int_equal(obtained, t);
                    omp_get_schedule(&kind_after, &chunk_after);
                    assert_int_equal(kind_after, kind_before);
                    assert_int_equal(chunk_after, chunk_before);
                    assert_int_equal(omp_get_max_threads(), max_before);
                    assert_int_equal(omp_get_dynamic(), dyn_before);
                }
        kfix_free(&f);
    }
}

static void work_is_positive(void **unused)
{
    (void)unused;
    for (int i = 0; kernel_registry[i]; i++) {
        kfix f;
        kfix_prepare(&f, kernel_registry[i]->name, "quick", NULL, 2);
        kernel_work w = {0};
        f.k->work(f.state, &w);
        assert_true(w.amount > 0);
        assert_true(w.unit >= KERNEL_UNIT_ITEM && w.unit <= KERNEL_UNIT_CONSTRUCT);
        kfix_free(&f);
    }
}

/*
 * kernel.h's contract for a run that fails: run() returns OMPSCALE_FAIL (no
 * other status), and the verify() after it says verified false and why, even
 * right after a run that verified.  A parallel run at more threads than
 * prepare() was given (2 here, 3 asked) is such a failure in every kernel
 * that keeps per-thread state; the others run it as asked and verify.  At
 * least the kernels known to keep per-thread state must fail it: montecarlo,
 * quadrature and the five overhead kernels, seven.
 */
static void a_failed_run_is_explained_by_verify(void **unused)
{
    (void)unused;
    int failing = 0;
    for (int i = 0; kernel_registry[i]; i++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, kernel_registry[i]->name, "quick", NULL, 2);
        kfix_run(&f, "serial", 1, NULL, &c);
        if (!c.verified)
            fail_msg("%s/serial: %s", f.k->name, c.detail);
        kernel_exec exec = {.threads = 3, .schedule = {SCHED_STATIC, 0}};
        int obtained = 0;
        int status = f.k->run(f.state, kernel_variant_index(f.k, "omp"), &exec, &obtained);
        memset(&c, 0x55, sizeof c); /* verify() must fill it */
        f.k->verify(f.state, &c);
        if (status == OMPSCALE_OK) {
            if (!c.verified)
                fail_msg("%s/omp at 3 threads: %s", f.k->name, c.detail);
        } else {
            if (status != OMPSCALE_FAIL)
                fail_msg("%s/omp: run returned %d, not OMPSCALE_FAIL", f.k->name, status);
            if (c.verified)
                fail_msg("%s/omp: verified after a run that failed", f.k->name);
            if (!memchr(c.detail, '\0', sizeof c.detail) || strlen(c.detail) < 10 ||
                !strstr(c.detail, "3 threads"))
                fail_msg("%s/omp: the failure's detail does not say why: '%.80s'", f.k->name,
                         memchr(c.detail, '\0', sizeof c.detail) ? c.detail : "(unterminated)");
            failing++;
        }
        kfix_free(&f);
    }
    assert_true(failing >= 7);
}

/*
 * A count of doubles whose byte count passes SIZE_MAX is refused before any
 * allocation: n * 8 would wrap to a small number (2^61 * 8 = 2^64 = 0) and
 * a tiny block would come back for a huge array.
 */
static void allocation_past_size_max_is_refused(void **unused)
{
    (void)unused;
    const int64_t wraps[] = {(int64_t)(SIZE_MAX / sizeof(double)) + 1,
                             (int64_t)(SIZE_MAX / sizeof(double)) - 6, INT64_C(1) << 62,
                             INT64_MAX, 0, -1, INT64_MIN};
    for (size_t i = 0; i < sizeof wraps / sizeof wraps[0]; i++) {
        double *p = machine_alloc_doubles(wraps[i]);
        if (p) {
            free(p);
            fail_msg("machine_alloc_doubles(%lld) returned memory", (long long)wraps[i]);
        }
    }
    double *one = machine_alloc_doubles(1);
    assert_non_null(one);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_well_formed),
        cmocka_unit_test(ceilings_come_first),
        cmocka_unit_test(series_are_well_formed),
        cmocka_unit_test(every_variant_thread_and_schedule_verifies),
        cmocka_unit_test(work_is_positive),
        cmocka_unit_test(a_failed_run_is_explained_by_verify),
        cmocka_unit_test(allocation_past_size_max_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
