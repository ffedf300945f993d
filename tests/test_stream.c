/*
 * test_stream.c: the stream kernels (suite kernels): each op, serial and omp
 * at 1..4 threads, writes the exact values of its formula at a small n with
 * a tail past the last block of eight; the bytes per element are STREAM's;
 * a wrong output element is caught; stream-read's result is the exact sum,
 * and a changed input changes it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfix.h"
#include "stream.h"

/* The inputs stream.c writes: a = 1 + m, b = 2 + 2m, c = 3 + 3m with m = i mod 1024. */
static double in_a(int64_t i) { return (double)(1 + i % 1024); }
static double in_b(int64_t i) { return (double)(2 + 2 * (i % 1024)); }
static double in_c(int64_t i) { return (double)(3 + 3 * (i % 1024)); }

/* The four ops that write an array, with each element's exact value and STREAM's bytes. */
static const struct {
    const char *name;
    double bytes;
} ops[] = {
    {"stream-copy", 16},
    {"stream-scale", 16},
    {"stream-add", 24},
    {"stream-triad", 24},
};

static double want(int op, int64_t i)
{
    switch (op) {
    case 0:
        return in_a(i);               /* c = a */
    case 1:
        return 3.0 * in_c(i);         /* b = q*c */
    case 2:
        return in_a(i) + in_b(i);     /* c = a + b */
    default:
        return in_b(i) + 3.0 * in_c(i); /* a = b + q*c */
    }
}

#define N 3001 /* past two periods of the inputs, and not a multiple of 8 */

static void every_op_writes_exact_values(void **unused)
{
    (void)unused;
    for (int op = 0; op < 4; op++)
        for (int t = 0; t <= 4; t++) {
            kfix f;
            kernel_check c;
            kfix_prepare(&f, ops[op].name, NULL, "n=3001", 4);
            int obtained = kfix_run(&f, t ? "omp" : "serial", t ? t : 1, "static", &c);
            assert_int_equal(obtained, t ? t : 1);
            if (!c.verified)
                fail_msg("%s at %d threads: %s", ops[op].name, t, c.detail);
            int64_t n;
            const double *out = stream_output(f.state, &n);
            assert_int_equal(n, N);
            for (int64_t i = 0; i < n; i++)
                if (out[i] != want(op, i))
                    fail_msg("%s at %d threads: element %lld is %g, want %g", ops[op].name, t,
                             (long long)i, out[i], want(op, i));
            /* Again: the op reads only what it never writes, so a second run is the same. */
            kfix_run(&f, t ? "omp" : "serial", t ? t : 1, "static", &c);
            assert_true(c.verified);
            assert_non_null(strstr(c.detail, "after 2 runs"));
            kfix_free(&f);
        }
}

static void bytes_are_streams(void **unused)
{
    (void)unused;
    for (int op = 0; op < 5; op++) {
        const char *name = op < 4 ? ops[op].name : "stream-read";
        double bytes = op < 4 ? ops[op].bytes : 8;
        kfix f;
        kfix_prepare(&f, name, NULL, "n=1000", 1);
        kernel_work w;
        f.k->work(f.state, &w);
        assert_int_equal(w.unit, KERNEL_UNIT_BYTES);
        assert_true(w.amount == 1000 * bytes);
        assert_null(w.ceiling);
        kfix_free(&f);
    }
}

static void a_wrong_element_is_caught(void **unused)
{
    (void)unused;
    for (int op = 0; op < 4; op++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, ops[op].name, "quick", NULL, 2);
        kfix_run(&f, "omp", 2, "static", &c);
        assert_true(c.verified);
        int64_t n;
        double *out = stream_output(f.state, &n);
        out[40000] += 1.0;
        f.k->verify(f.state, &c);
        assert_false(c.verified);
        assert_non_null(strstr(c.detail, "1 of 65536 elements"));
        assert_non_null(strstr(c.detail, "first at 40000"));
        assert_true(c.abs_error == 1.0);
        kfix_free(&f);
    }
}

static void unrun_is_not_verified(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "stream-copy", NULL, "n=100", 1);
    f.k->verify(f.state, &c);
    assert_false(c.verified);
    kfix_free(&f);
}

static void read_is_the_exact_sum(void **unused)
{
    (void)unused;
    /* n = 3001: two periods of 1..1024 (524800 each), then 1..953 (454581). */
    for (int t = 0; t <= 4; t++) {
        kfix f;
        kernel_check c;
        kfix_prepare(&f, "stream-read", NULL, "n=3001", 4);
        assert_int_equal(kfix_run(&f, t ? "omp" : "serial", t ? t : 1, "static", &c), t ? t : 1);
        assert_true(c.verified);
        assert_true(c.result == 1504181.0);
        assert_string_equal(c.result_text, "1504181");
        assert_string_equal(c.reference_text, "1504181");
        assert_null(stream_output(f.state, &(int64_t){0}));
        /* A changed input (in a block, then in the tail) changes the sum. */
        int64_t n;
        double *a = stream_input(f.state, &n);
        assert_true(a[5] == in_a(5));
        a[5] += 2.0;
        kfix_run(&f, t ? "omp" : "serial", t ? t : 1, "static", &c);
        assert_false(c.verified);
        assert_true(c.result == 1504183.0);
        a[5] -= 2.0;
        a[3000] -= 1.0;
        kfix_run(&f, t ? "omp" : "serial", t ? t : 1, "static", &c);
        assert_false(c.verified);
        assert_true(c.abs_error == 1.0);
        kfix_free(&f);
    }
}

static void read_of_fewer_than_eight(void **unused)
{
    (void)unused;
    kfix f;
    kernel_check c;
    kfix_prepare(&f, "stream-read", NULL, "n=5", 4);
    kfix_run(&f, "omp", 4, "static", &c);
    assert_true(c.verified);
    assert_true(c.result == 15.0); /* 1 + 2 + 3 + 4 + 5 */
    kfix_free(&f);
}

/*
 * Each op's arrays of n doubles in half of the physical memory, and n at most
 * 2^42, where stream-read's exact sum (below 1025 n) still fits binary64's
 * 2^53 integers: 2^42 is taken, 2^42 + 1 refused whatever the memory.
 */
static void size_limit(void **unused)
{
    (void)unused;
    static const struct {
        const char *name;
        int arrays;
    } kernels[] = {{"stream-copy", 2}, {"stream-scale", 2}, {"stream-add", 3},
                   {"stream-triad", 3}, {"stream-read", 1}};
    char err[512];
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        kfix_expect_size_limit(kernels[i].name, NULL, "n", kernels[i].arrays, 0);
        assert_int_equal(kfix_check_at(kernels[i].name, NULL, "n", (INT64_C(1) << 42) + 1, err,
                                       sizeof err), -1);
    }
    assert_true(1025.0 * 0x1p42 < 0x1p53);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_op_writes_exact_values),
        cmocka_unit_test(bytes_are_streams),
        cmocka_unit_test(a_wrong_element_is_caught),
        cmocka_unit_test(unrun_is_not_verified),
        cmocka_unit_test(read_is_the_exact_sum),
        cmocka_unit_test(read_of_fewer_than_eight),
        cmocka_unit_test(size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
