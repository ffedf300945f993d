/*
 * test_hplan.c: the plan of a hybrid sweep (hplan.h), the launch line
 * (launch.h) and the POP metrics of a hybrid cell (hcells.h), each against
 * values worked out by hand.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hcells.h"
#include "hplan.h"
#include "launch.h"
#include "registry.h"

static void expect_splits(const hplan *p, const int (*want)[2], size_t n)
{
    assert_int_equal(p->nsplits, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p->splits[i].ranks, want[i][0]);
        assert_int_equal(p->splits[i].threads, want[i][1]);
    }
}

/* P = 2: 1x1, then the factorisations of 2 (1x2, 2x1) and of 4 (1x4, 2x2, 4x1). */
static void test_default_plan(void **st)
{
    (void)st;
    hplan p;
    char err[256];
    assert_int_equal(hplan_default(2, &p, err, sizeof err), 0);
    static const int two[][2] = {{1, 1}, {1, 2}, {2, 1}, {1, 4}, {2, 2}, {4, 1}};
    expect_splits(&p, two, 6);
    /* P = 1: 1x1 (also P's one factorisation, once), then 1x2, 2x1. */
    assert_int_equal(hplan_default(1, &p, err, sizeof err), 0);
    static const int one[][2] = {{1, 1}, {1, 2}, {2, 1}};
    expect_splits(&p, one, 3);
    /* P = 6: 1x1; 6 = 1x6, 2x3, 3x2, 6x1; 12 = 1x12, 2x6, 3x4, 4x3, 6x2, 12x1: 11 splits. */
    assert_int_equal(hplan_default(6, &p, err, sizeof err), 0);
    assert_int_equal(p.nsplits, 11);
    int ranks[HPLAN_MAX_SPLITS];
    /* rank counts in plan order: 1, 2, 3, 6, 4, 12 */
    static const int want_ranks[] = {1, 2, 3, 6, 4, 12};
    assert_int_equal(hplan_rank_counts(&p, ranks), 6);
    assert_memory_equal(ranks, want_ranks, sizeof want_ranks);
    char threads[64];
    hplan_threads_of(&p, 2, threads, sizeof threads);
    assert_string_equal(threads, "3,6");
    assert_int_equal(hplan_default(0, &p, err, sizeof err), OMPSCALE_USAGE);
}

static void test_parse_splits(void **st)
{
    (void)st;
    hplan p;
    char err[256];
    assert_int_equal(hplan_parse("2x1,1x2,2x1", &p, err, sizeof err), 0);
    static const int want[][2] = {{2, 1}, {1, 2}};
    expect_splits(&p, want, 2); /* the repeat dropped */
    static const char *const bad[] = {"0x2", "2x0", "2", "2x", "x2", "2x1,", "-1x2", "2x1y",
                                      "65536x65536", "1048577x1", "99999999999999999999x1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        assert_int_equal(hplan_parse(bad[i], &p, err, sizeof err), OMPSCALE_USAGE);
        assert_non_null(strstr(err, "--splits"));
    }
    /* 65536 x 65536 = 2^32: past 2^20 (and past an int), said as the product. */
    hplan_parse("65536x65536", &p, err, sizeof err);
    assert_non_null(strstr(err, "4294967296"));
}

/* One thread count that fits: bound to T cores each; several, or past the cores: bound to none. */
static void test_launch_binding(void **st)
{
    (void)st;
    const char *const configs[] = {"montecarlo"};
    launch_spec s = {.launcher = "mpirun", .rank_program = "rank", .ranks = 2, .min_threads = 1,
                     .max_threads = 1, .cores = 2, .threads = "1", .out = "rec", .reps = 3,
                     .configs = configs, .nconfigs = 1};
    launch_argv a;
    char line[1024];
    assert_int_equal(launch_build(&s, &a), 0);
    launch_line(a.argv, line, sizeof line);
    assert_string_equal(line, "mpirun -n 2 --map-by slot:PE=1 --bind-to core rank --out rec "
                              "--threads 1 --reps 3 montecarlo");
    s.max_threads = 2;
    s.threads = "1,2";
    assert_int_equal(launch_build(&s, &a), 0);
    launch_line(a.argv, line, sizeof line);
    assert_string_equal(line, "mpirun -n 2 --bind-to none --oversubscribe rank --out rec "
                              "--threads 1,2 --reps 3 montecarlo");
    s.srun = true;
    s.launcher = "srun";
    s.min_threads = 2;
    s.cores = 4;
    assert_int_equal(launch_build(&s, &a), 0);
    launch_line(a.argv, line, sizeof line);
    assert_string_equal(line, "srun --ntasks=2 --cpus-per-task=2 --cpu-bind=cores rank --out rec "
                              "--threads 1,2 --reps 3 montecarlo");
}

/*
 * Two ranks, one repetition: compute 3 and 1 ms, in MPI 1 and 3 ms, regions
 * 4 ms each; serial 4 ms; 2 x 1 threads.  Load balance = mean 2 / max 3 =
 * 0.667; MPI efficiency = mean compute 2 / region 4 = 0.5; speedup 4 / 4 = 1,
 * efficiency 1 / 2 = 0.5, so OpenMP efficiency = 0.5 / 0.5 = 1; MPI fraction
 * = mean MPI 2 / mean region 4 = 0.5.
 */
static void test_pop_metrics(void **st)
{
    (void)st;
    hrecord_rank ranks[2] = {{"a", 1, "0"}, {"b", 1, "1"}};
    hrecord_rep rep = {.region_max_s = 4e-3, .region_min_s = 4e-3, .region_mean_s = 4e-3,
                       .compute_mean_s = 2e-3, .compute_max_s = 3e-3, .mpi_mean_s = 2e-3};
    hrecord_cell cell = {.kernel = "montecarlo", .threads = 1, .obtained_min = 1,
                         .obtained_max = 1, .verified = true, .reps = &rep, .nreps = 1};
    hrecord rec = {.ranks = 2, .rank = ranks, .cells = &cell, .ncells = 1};
    double serial_time = 4e-3;
    cell_result serial = {.reps = 1, .times = &serial_time, .stats = {.median_s = 4e-3}};
    cell_result c;
    assert_int_equal(hcells_from_record(&rec, 0, registry_find("montecarlo"), 0, &serial, &c), 0);
    assert_int_equal(c.threads, 2);
    assert_true(fabs(c.load_balance - 2.0 / 3.0) < 1e-12);
    assert_true(fabs(c.mpi_efficiency - 0.5) < 1e-12);
    assert_true(fabs(c.speedup - 1.0) < 1e-12);
    assert_true(fabs(c.efficiency - 0.5) < 1e-12);
    assert_true(fabs(c.omp_efficiency - 1.0) < 1e-12);
    assert_true(fabs(c.mpi_fraction - 0.5) < 1e-12);
    assert_string_equal(c.hosts, "a:1,b:1");
    free(c.times);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_plan),
        cmocka_unit_test(test_parse_splits),
        cmocka_unit_test(test_launch_binding),
        cmocka_unit_test(test_pop_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
