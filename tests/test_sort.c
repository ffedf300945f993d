/*
 * test_sort.c: sort_u53 (kernels/sort.c), the montecarlo kernel's sort
 * (suite kernels).  Its output is checked against gsl_sort, the sort the
 * kernel used before, on the same numbers as doubles: uniform keys of many
 * lengths, and inputs made to defeat a bucket sort (equal keys, duplicates,
 * sorted and reversed runs, everything in one bucket, buckets just at and
 * past the rank window and the insertion limit, keys on bucket edges).  Also:
 * sorting the keys sorts the points made from them, a workspace reused for
 * a shorter input, and the refusals (a key of 53 bits or more, more keys
 * than the workspace holds), which leave the keys untouched.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_sort.h>

#include "rng.h"
#include "sort.h"

/* The largest key, and the count of keys a test input may have. */
#define KEY_MAX (SORT_KEY_LIMIT - 1)
#define MOST (1u << 20)

static uint64_t keys[MOST], copy[MOST];
static double as_doubles[MOST];

/*
 * Sorts keys[0..n) with sort_u53 in workspace w and a copy as doubles with
 * gsl_sort (keys below 2^53 convert exactly both ways), and fails unless
 * they agree.
 */
static void expect_sorted_in(sort_workspace *w, const char *what, size_t n)
{
    for (size_t i = 0; i < n; i++)
        as_doubles[i] = (double)keys[i];
    gsl_sort(as_doubles, 1, n);
    assert_int_equal(sort_u53(keys, n, w), SORT_OK);
    for (size_t i = 0; i < n; i++)
        if (keys[i] != (uint64_t)as_doubles[i])
            fail_msg("%s, n = %zu: key %zu is %llu, gsl_sort has %.17g", what, n, i,
                     (unsigned long long)keys[i], as_doubles[i]);
}

/* The same in a workspace of its own, just large enough. */
static void expect_sorted_like_gsl(const char *what, size_t n)
{
    sort_workspace *w = sort_workspace_alloc(n);
    assert_non_null(w);
    expect_sorted_in(w, what, n);
    sort_workspace_free(w);
}

/* n uniform keys: stream `stream` of rng.h under seed 1, as the kernel draws them. */
static void fill_uniform(size_t n, uint64_t stream)
{
    const uint64_t state = rng_stream(1, stream);
    for (size_t i = 0; i < n; i++)
        keys[i] = rng_u53(state, i);
}

static void uniform_keys_of_every_length_sort_like_gsl(void **unused)
{
    (void)unused;
    /* Every length to 300 (the edges of the window and of small buckets), then longer ones. */
    for (size_t n = 0; n <= 300; n++)
        for (uint64_t stream = 1; stream <= 5; stream++) {
            fill_uniform(n, 1000 * n + stream);
            expect_sorted_like_gsl("uniform", n);
        }
    static const size_t longer[] = {1000, 4095, 4096, 4097, 10000, 65537, 1000003, MOST};
    for (size_t i = 0; i < sizeof longer / sizeof longer[0]; i++) {
        fill_uniform(longer[i], 7 + i);
        expect_sorted_like_gsl("uniform", longer[i]);
    }
}

static void adversarial_inputs_sort_like_gsl(void **unused)
{
    (void)unused;
    const size_t n = 5000;
    const uint64_t state = rng_stream(2, 2);
    /* One value n times, for three values: 0, the largest, one in between. */
    static const uint64_t same[] = {0, KEY_MAX, 12345678901};
    for (size_t v = 0; v < 3; v++) {
        for (size_t i = 0; i < n; i++)
            keys[i] = same[v];
        expect_sorted_like_gsl("all equal", n);
    }
    /* Ten values in random order: every bucket with a key is full of duplicates. */
    for (size_t i = 0; i < n; i++)
        keys[i] = (rng_u53(state, i) % 10) * (KEY_MAX / 9);
    expect_sorted_like_gsl("ten values", n);
    /* Uniform keys, each twice. */
    for (size_t i = 0; i < n; i += 2)
        keys[i] = keys[i + 1] = rng_u53(state, i);
    expect_sorted_like_gsl("pairs", n);
    /* Ascending and descending, spread over all buckets and packed into one. */
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)i * (KEY_MAX / n);
    expect_sorted_like_gsl("ascending", n);
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)(n - i) * (KEY_MAX / n);
    expect_sorted_like_gsl("descending", n);
    for (size_t i = 0; i < n; i++)
        keys[i] = n - i;
    expect_sorted_like_gsl("descending in bucket 0", n);
    /* Random keys below 2^20: all n in bucket 0 (qsort's case). */
    for (size_t i = 0; i < n; i++)
        keys[i] = rng_u53(state, i) >> 33;
    expect_sorted_like_gsl("one bucket", n);
    /* Half uniform, half in a narrow band: one huge bucket among ordinary ones. */
    for (size_t i = 0; i < n; i++)
        keys[i] = i % 2 ? rng_u53(state, i) : (KEY_MAX / 3) + (rng_u53(state, i) >> 40);
    expect_sorted_like_gsl("band", n);
    /* Sawtooth: ten ascending runs. */
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)(i % (n / 10)) * (KEY_MAX / (n / 10));
    expect_sorted_like_gsl("sawtooth", n);
    /*
     * On the bucket edges: key floor(b 2^53 / n) and its neighbours, where
     * the bucket computation from 32 leading bits could misplace a key.
     */
    for (size_t i = 0; i < n; i++) {
        const uint64_t b = rng_u53(state, i) % n;
        const uint64_t edge = (uint64_t)(((unsigned __int128)b << 53) / n);
        const uint64_t offset = rng_u53(state, i + n) % 3;
        keys[i] = edge == 0 && offset == 0 ? 0 : edge + offset - 1;
    }
    expect_sorted_like_gsl("bucket edges", n);
}

/*
 * Buckets of m keys for every m around the rank window (3 keys on either
 * side: buckets of 4 are ranked in the window, 5 and more are re-sorted) and
 * the insertion limit (32, then qsort), each in random order, among
 * ordinary uniform keys.
 */
static void buckets_around_the_window_and_insertion_limit(void **unused)
{
    (void)unused;
    const size_t n = 2000;
    const uint64_t state = rng_stream(3, 3);
    static const size_t sizes[] = {2, 3, 4, 5, 6, 7, 8, 9, 31, 32, 33, 100};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        const size_t m = sizes[c];
        /* Bucket 1000 of 2000 holds [1000, 1001) * 2^53 / 2000: m keys in its first half. */
        const uint64_t start = (UINT64_C(1000) << 53) / n + 1, span = (SORT_KEY_LIMIT / n) / 2;
        for (size_t i = 0; i < n; i++)
            keys[i] = i < m ? start + rng_u53(state, i) % span : rng_u53(state, i);
        expect_sorted_like_gsl("bucket of m", n);
    }
}

/*
 * Points made from sorted keys, a + width * k / 2^53 as the kernel makes
 * them, are sorted and equal to gsl_sort of the same points: the mapping
 * never decreases (sort.h).
 */
static void sorting_keys_sorts_the_points(void **unused)
{
    (void)unused;
    static const double ends[][2] = {{0, 1}, {0, 5}, {0, 2}, {-1.5, 3.25}, {1e-300, 1e-299}};
    const size_t n = 20000;
    sort_workspace *w = sort_workspace_alloc(n);
    assert_non_null(w);
    for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
        const double a = ends[e][0], width = ends[e][1] - ends[e][0];
        fill_uniform(n, 100 + e);
        for (size_t i = 0; i < n; i++)
            as_doubles[i] = a + width * rng_u53_uniform(keys[i]);
        gsl_sort(as_doubles, 1, n);
        assert_int_equal(sort_u53(keys, n, w), SORT_OK);
        for (size_t i = 0; i < n; i++) {
            const double x = a + width * rng_u53_uniform(keys[i]);
            if (memcmp(&x, &as_doubles[i], sizeof x) != 0)
                fail_msg("[%g, %g]: point %zu is %a, gsl_sort has %a", ends[e][0], ends[e][1], i,
                         x, as_doubles[i]);
        }
    }
    sort_workspace_free(w);
}

/*
 * One workspace for a long input and then a shorter one: the keys the long
 * one left past the short one's end must not count in its ranks.  The long
 * input's keys are small (below 2^40), so that, were they counted, they
 * would move the short input's keys.
 */
static void a_workspace_serves_a_shorter_input_after_a_longer_one(void **unused)
{
    (void)unused;
    sort_workspace *w = sort_workspace_alloc(1000);
    assert_non_null(w);
    const uint64_t state = rng_stream(4, 4);
    for (size_t i = 0; i < 1000; i++)
        keys[i] = rng_u53(state, i) >> 13;
    assert_int_equal(sort_u53(keys, 1000, w), SORT_OK);
    for (size_t n = 1; n <= 40; n++) {
        fill_uniform(n, 5000 + n);
        expect_sorted_in(w, "after 1000 small keys", n);
    }
    sort_workspace_free(w);
}

static void refusals_leave_the_keys_untouched(void **unused)
{
    (void)unused;
    sort_workspace *w = sort_workspace_alloc(100);
    assert_non_null(w);
    fill_uniform(101, 9);
    memcpy(copy, keys, 101 * sizeof *keys);
    /* More keys than the workspace holds. */
    assert_int_equal(sort_u53(keys, 101, w), SORT_EINVAL);
    assert_memory_equal(keys, copy, 101 * sizeof *keys);
    /* One key of 53 bits, wherever it is; 2^53 - 1 is accepted. */
    static const size_t where[] = {0, 50, 99};
    for (size_t p = 0; p < 3; p++) {
        keys[where[p]] = SORT_KEY_LIMIT;
        memcpy(copy, keys, 100 * sizeof *keys);
        assert_int_equal(sort_u53(keys, 100, w), SORT_EINVAL);
        assert_memory_equal(keys, copy, 100 * sizeof *keys);
        keys[where[p]] = UINT64_MAX;
        assert_int_equal(sort_u53(keys, 100, w), SORT_EINVAL);
        keys[where[p]] = KEY_MAX;
        assert_int_equal(sort_u53(keys, 100, w), SORT_OK);
        assert_true(keys[99] == KEY_MAX);
    }
    sort_workspace_free(w);
    /* An empty workspace sorts nothing; one beyond 32-bit counters is refused; free(NULL). */
    w = sort_workspace_alloc(0);
    assert_non_null(w);
    assert_int_equal(sort_u53(keys, 0, w), SORT_OK);
    assert_int_equal(sort_u53(keys, 1, w), SORT_EINVAL);
    sort_workspace_free(w);
    assert_null(sort_workspace_alloc((size_t)UINT32_MAX + 1));
    sort_workspace_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uniform_keys_of_every_length_sort_like_gsl),
        cmocka_unit_test(adversarial_inputs_sort_like_gsl),
        cmocka_unit_test(buckets_around_the_window_and_insertion_limit),
        cmocka_unit_test(sorting_keys_sorts_the_points),
        cmocka_unit_test(a_workspace_serves_a_shorter_input_after_a_longer_one),
        cmocka_unit_test(refusals_leave_the_keys_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
