/*
 * test_peakflops.c: the peakflops kernel (suite kernels): serial and omp runs
 * verify; each lane is bitwise a scalar fma() recomputation of its chain
 * (whichever vector path the CPU took); a lane one FMA off and a reference
 * taken one iteration off fail; its work is 2 flop per lane and iteration,
 * in registers, the FMA roof.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "peakflops.h"

#define LANES 96 /* per thread: 12 vectors of 8 doubles (peakflops.c) */

/* The recurrence's a and b (peakflops.c): x <- (1 - 2^-24) x + 2^-23, fixed point 2. */
#define A (1.0 - 0x1p-24)
#define B 0x1p-23

static void serial_and_omp_verify(void **unused)
{
    (void)unused;
    const char *variants[] = {"serial", "omp", "omp"};
    const int threads[] = {1, 1, 2};
    for (int v = 0; v < 3; v++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "peakflops", "quick", NULL, 2);
        assert_int_equal(kfix_run(&f, variants[v], threads[v], NULL, &c), threads[v]);
        assert_true(c.verified);
        assert_true(c.tolerance > 0 && c.abs_error <= c.tolerance);
        kfix_free(&f);
    }
}

/*
 * Thread 0's first lane starts at 1 + 1/(4 96 64) (peakflops.c's pf_x0) and
 * thread 1's at 1 + 97/(4 96 64); n = 2^14 iterations split 8192 and 8192.
 * fma() is correctly rounded as the vector FMAs are, so each lane is this
 * loop's value bit for bit.
 */
static void lanes_are_the_scalar_recurrence_bitwise(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "peakflops", "quick", NULL, 2);
    kfix_run(&f, "omp", 2, NULL, &c);
    int threads = 0;
    const double *lanes = peakflops_lanes(f.state, &threads);
    assert_int_equal(threads, 2);
    const int check[] = {0, 1, 11, 12, 95};
    for (int t = 0; t < 2; t++)
        for (size_t k = 0; k < sizeof check / sizeof *check; k++) {
            int i = check[k];
            double x = 1.0 + (double)(t * LANES + i + 1) / (double)(4 * LANES * 64);
            for (int it = 0; it < 8192; it++)
                x = fma(A, x, B);
            double got = lanes[t * LANES + i];
            assert_memory_equal(&got, &x, sizeof x);
        }
    kfix_free(&f);
}

static void a_lane_one_fma_off_fails(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "peakflops", "quick", NULL, 2);
    kfix_run(&f, "omp", 2, NULL, &c);
    assert_true(c.verified);
    int threads = 0;
    double *lanes = peakflops_lanes(f.state, &threads);
    lanes[LANES + 5] = fma(A, lanes[LANES + 5], B); /* thread 1, lane 5: one iteration too many */
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    assert_non_null(strstr(c.detail, "first thread 1 lane 5"));
    kfix_free(&f);
}

/*
 * A wrong reference: the closed form at n + 1 or n - 1 iterations is off
 * the lane by a^n 2^-24 |x0 - 2| (a^n = 0.999 and |x0 - 2| = 0.99997 here:
 * about 6e-8), far more than the tolerance at n = 16384 (2 n u + 16 u, about
 * 3.6e-12); so is a reference from another start; the right one is within it.
 */
static void a_reference_one_iteration_off_fails(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "peakflops", "quick", NULL, 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    int threads = 0;
    const double *lanes = peakflops_lanes(f.state, &threads);
    const int64_t n = 16384;
    const double x0 = 1.0 + 1.0 / (4 * LANES * 64), tol = peakflops_tolerance(n);
    assert_true(fabs(lanes[0] - peakflops_closed_form(x0, n)) <= tol);
    assert_false(fabs(lanes[0] - peakflops_closed_form(x0, n + 1)) <= tol);
    assert_false(fabs(lanes[0] - peakflops_closed_form(x0, n - 1)) <= tol);
    assert_false(fabs(lanes[0] - peakflops_closed_form(x0 + 0x1p-20, n)) <= tol);
    kfix_free(&f);
}

static void its_work_is_the_fma_roof(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "peakflops", "quick", NULL, 1);
    kfix_run(&f, "serial", 1, NULL, &c);
    kernel_work w;
    f.k->work(f.state, &w);
    assert_true(w.unit == KERNEL_UNIT_FLOP);
    assert_true(w.amount == 2.0 * LANES * 16384); /* an FMA is 2 flop, 96 lanes, n = 2^14 */
    assert_true(w.ops == w.amount);
    assert_int_equal(w.ops_kind, KERNEL_OPS_FLOP);
    assert_true(w.in_cache);
    assert_true(w.bytes == 0);
    assert_string_equal(w.roof, "FMA");
    kfix_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serial_and_omp_verify),
        cmocka_unit_test(lanes_are_the_scalar_recurrence_bitwise),
        cmocka_unit_test(a_lane_one_fma_off_fails),
        cmocka_unit_test(a_reference_one_iteration_off_fails),
        cmocka_unit_test(its_work_is_the_fma_roof),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
