/*
 * test_progress.c: the progress line's estimates (progress.h) on synthetic
 * timings (suite unit): the repetitions a cell still needs under min_reps,
 * min_time and max_reps; and, over a whole simulated sweep of two
 * configurations of one kernel (the second twice the size, so each
 * repetition takes twice as long) measured interleaved, the time left as
 * estimated after every repetition against the time that really was left:
 * within a factor of two either way, from the first repetition on.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "progress.h"

static cell_result cell_with(size_t reps, double each)
{
    cell_result c = {0};
    c.times = calloc(reps ? reps : 1, sizeof *c.times);
    for (size_t i = 0; i < reps; i++)
        c.times[i] = each;
    c.reps = c.cap = reps;
    return c;
}

static void cell_left_follows_the_rules(void **unused)
{
    (void)unused;
    measure_opts o = {.min_reps = 10, .max_reps = 50, .min_time_s = 0.5};
    int64_t reps;
    double s;
    /* 3 reps of 0.1 s: min_reps wants 7 more (0.7 s), min_time 2 more: 7, 0.7 s. */
    cell_result c = cell_with(3, 0.1);
    progress_cell_left(&c, &o, NAN, &reps, &s);
    assert_int_equal(reps, 7);
    assert_true(fabs(s - 0.7) < 1e-12);
    free(c.times);
    /* 10 reps of 1/32 s = 0.3125 s: min_time wants (0.5 - 0.3125) * 32 = 6 more (exact in binary). */
    c = cell_with(10, 0.03125);
    progress_cell_left(&c, &o, NAN, &reps, &s);
    assert_int_equal(reps, 6);
    assert_true(s == 0.1875);
    free(c.times);
    /* 10 reps of 0.001 s: min_time would want 490 more, max_reps allows 40. */
    c = cell_with(10, 0.001);
    progress_cell_left(&c, &o, NAN, &reps, &s);
    assert_int_equal(reps, 40);
    free(c.times);
    /* No rep yet: the warm-up's 0.2 s each, min_reps 10 (2 s) beats min_time. */
    c = cell_with(0, 0);
    progress_cell_left(&c, &o, 0.2, &reps, &s);
    assert_int_equal(reps, 10);
    assert_true(fabs(s - 2.0) < 1e-12);
    /* No rep and no warm-up time: the repetitions are known, the seconds not. */
    progress_cell_left(&c, &o, NAN, &reps, &s);
    assert_int_equal(reps, 10);
    assert_true(isnan(s));
    /* A failed cell needs nothing; a done one neither. */
    c.failed = true;
    progress_cell_left(&c, &o, 0.2, &reps, &s);
    assert_int_equal(reps, 0);
    assert_true(s == 0);
    free(c.times);
    c = cell_with(12, 0.1);
    progress_cell_left(&c, &o, NAN, &reps, &s);
    assert_int_equal(reps, 0);
    free(c.times);
}

enum { CELLS = 5 };

/* The repetition time of cell i of configuration g: 1 thread slowest, size doubling it. */
static double rep_time(size_t g, size_t i)
{
    static const double base[CELLS] = {0.020, 0.021, 0.011, 0.008, 0.006};
    return base[i] * (g == 0 ? 1.0 : 2.0);
}

static bool cell_done(const cell_result *c, const measure_opts *o)
{
    double total = 0;
    for (size_t i = 0; i < c->reps; i++)
        total += c->times[i];
    return (int64_t)c->reps >= o->max_reps ||
           ((int64_t)c->reps >= o->min_reps && total >= o->min_time_s);
}

/*
 * A sweep of two configurations run as measure.c runs it, the estimate
 * asked after every repetition and held to within a factor of two of the
 * truth both ways.  Each repetition (and warm-up) also costs check times its
 * own time outside the timed region: the result's check, which for the
 * stream kernels takes as long as the run or longer.
 */
static void estimate_run(double check)
{
    measure_opts o = {.warmup = 1, .min_reps = 10, .max_reps = 50, .min_time_s = 0.5};
    static const int kernel_tag;
    progress_group groups[2] = {{.kernel = &kernel_tag, .size = 100, .ncells = CELLS},
                                {.kernel = &kernel_tag, .size = 200, .ncells = CELLS}};
    /* First the whole sweep, interleaved as measure.c runs it, to know its length. */
    double total = 0;
    for (size_t g = 0; g < 2; g++) {
        cell_result cells[CELLS];
        for (size_t i = 0; i < CELLS; i++) {
            cells[i] = cell_with(0, 0);
            cells[i].times = realloc(cells[i].times, 64 * sizeof(double));
        }
        for (size_t i = 0; i < CELLS; i++)
            total += rep_time(g, i) * (1 + check); /* the warm-up */
        for (bool all = false; !all;) {
            all = true;
            for (size_t i = 0; i < CELLS; i++)
                if (!cell_done(&cells[i], &o)) {
                    cells[i].times[cells[i].reps++] = rep_time(g, i);
                    total += rep_time(g, i) * (1 + check);
                    all = false;
                }
        }
        for (size_t i = 0; i < CELLS; i++)
            free(cells[i].times);
    }
    /* Then again, asking after every repetition, as run's progress line does. */
    double elapsed = 0;
    size_t asked = 0;
    for (size_t g = 0; g < 2; g++) {
        cell_result cells[CELLS];
        double warmup[CELLS];
        for (size_t i = 0; i < CELLS; i++) {
            cells[i] = cell_with(0, 0);
            cells[i].times = realloc(cells[i].times, 64 * sizeof(double));
            warmup[i] = rep_time(g, i);
            elapsed += warmup[i] * (1 + check);
        }
        for (bool all = false; !all;) {
            all = true;
            for (size_t i = 0; i < CELLS; i++)
                if (!cell_done(&cells[i], &o)) {
                    cells[i].times[cells[i].reps++] = rep_time(g, i);
                    elapsed += rep_time(g, i) * (1 + check);
                    all = false;
                    progress_view v = {.elapsed_s = elapsed};
                    progress_estimate(cells, CELLS, warmup, &o, groups, 2, g, &v);
                    double truly_left = total - elapsed;
                    if (truly_left > 0.05) {
                        asked++;
                        if (!(v.left_s <= 2 * truly_left && v.left_s >= truly_left / 2))
                            fail_msg("at %.3f s of %.3f: %.3f s left estimated, %.3f truly",
                                     elapsed, total, v.left_s, truly_left);
                    }
                }
        }
        groups[g].measured = true;
        for (size_t i = 0; i < CELLS; i++) {
            groups[g].reps += (int64_t)cells[i].reps;
            for (size_t r = 0; r < cells[i].reps; r++)
                groups[g].seconds += cells[i].times[r];
            free(cells[i].times);
        }
    }
    assert_true(asked > 50);
}

static void estimate_within_a_factor_of_two(void **unused)
{
    (void)unused;
    estimate_run(0);
}

/* Checking each result takes twice the run (the repetitions are a third of the wall time). */
static void estimate_counts_the_checking(void **unused)
{
    (void)unused;
    estimate_run(2);
}

/*
 * A kernel not yet measured is forecast from its probe (one serial run timed
 * before the sweep), not from a lighter kernel's cells: 0.1 s a run needs
 * 10 repetitions and a warm-up, 1.1 s a cell, 5.5 s for its 5 cells; the
 * mean of the kernel measured (0.01 s runs) would say 0.55 s; its check
 * and prepare, timed by the probe too, are added.
 */
static void estimate_uses_the_probe(void **unused)
{
    (void)unused;
    measure_opts o = {.warmup = 1, .min_reps = 10, .max_reps = 50, .min_time_s = 0.5};
    static const int light, heavy;
    progress_group groups[2] = {{.kernel = &light, .size = 100, .ncells = 1},
                                {.kernel = &heavy, .size = 100, .ncells = 5, .probe_s = 0.1,
                                 .probe_check_s = 0, .probe_prepare_s = 0}};
    cell_result done = cell_with(50, 0.01); /* the light kernel's one cell, finished */
    double warmup = 0.01;
    progress_view v = {0};
    progress_estimate(&done, 1, &warmup, &o, groups, 2, 0, &v);
    assert_float_equal(v.left_s, 5.5, 1e-9);
    assert_int_equal(v.reps_left, 50);
    /* its check costs as much as a run and its prepare 2 s: twice 5.5 s, and 2 s */
    groups[1].probe_check_s = 0.1;
    groups[1].probe_prepare_s = 2;
    progress_estimate(&done, 1, &warmup, &o, groups, 2, 0, &v);
    assert_float_equal(v.left_s, 13, 1e-9);
    groups[1].probe_s = groups[1].probe_check_s = groups[1].probe_prepare_s = NAN;
    /* without it: the mean cell so far, 0.5 s (min_time) each */
    progress_estimate(&done, 1, &warmup, &o, groups, 2, 0, &v);
    assert_true(v.left_s < 2.75);
    free(done.times);
}

static void line_shows_bar_counts_and_time(void **unused)
{
    (void)unused;
    progress_view v = {.kernel = "squares", .group = 0, .ngroups = 2, .reps_done = 30,
                       .reps_left = 90, .elapsed_s = 10, .left_s = 30};
    char line[256];
    progress_line(&v, true, line, sizeof line);
    /* 10 s of 40: a quarter of the 24 marks. */
    assert_non_null(strstr(line, "[######..................]  25% 30 of ~120 repetitions, "
                                 "squares (1 of 2), 10 s elapsed, about 30 s left"));
    progress_line(&v, false, line, sizeof line);
    assert_null(strchr(line, '['));
    v.left_s = NAN;
    progress_line(&v, false, line, sizeof line);
    assert_non_null(strstr(line, "time left unknown"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cell_left_follows_the_rules),
        cmocka_unit_test(estimate_within_a_factor_of_two),
        cmocka_unit_test(estimate_counts_the_checking),
        cmocka_unit_test(estimate_uses_the_probe),
        cmocka_unit_test(line_shows_bar_counts_and_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
