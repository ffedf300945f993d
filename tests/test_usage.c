/*
 * test_usage.c: the resource figures and their findings (suite unit), on
 * synthetic cells with known answers (bench/analyze/usage.h): CPU-s per
 * wall-s and per-repetition counts from a cell's sums, IPC and instructions
 * against 1 thread; "oversubscribed" at 4 threads on 2 busy CPUs, nothing
 * when other work kept the process below 0.9 P; "spinning" when a cell burns
 * far more CPU than its speedup needs, not when it is memory-bound; and
 * nothing at all without counters.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "registry.h"
#include "usage.h"

#define EXACT 1e-12

/* A cell of squares' omp variant (serial at threads 0): 4 repetitions of wall_s in all. */
static cell_result cell(int threads, double wall_s, double user_s, double sys_s, int64_t invol,
                        double speedup)
{
    static double times[4] = {1, 1, 1, 1};
    int ran = threads ? threads : 1;
    cell_result c = {.k = registry_find("squares"), .variant = threads > 0, .threads = ran,
                     .scheduled = threads > 0, .threads_obtained = ran,
                     .times = times, .reps = 4, .as_asked = true, .speedup = speedup,
                     .speedup_ci_low = speedup, .speedup_ci_high = speedup * 1.05,
                     .work = {.unit = KERNEL_UNIT_ITEM, .amount = 1}};
    c.usage = (cell_usage){.reps = 4, .wall_s = wall_s, .rusage = true, .user_s = user_s,
                           .sys_s = sys_s, .involuntary_switches = invol,
                           .voluntary_switches = 8, .software = true, .cpu_migrations = 2,
                           .task_clock_s = user_s + sys_s};
    return c;
}

static scaling_result series(void)
{
    return (scaling_result){.k = registry_find("squares"), .variant = 1};
}

static void test_figures(void **state)
{
    (void)state;
    cell_result cells[2] = {cell(0, 2.0, 1.9, 0.1, 4, 1), cell(2, 1.0, 1.5, 0.5, 10, 2)};
    cells[0].usage.hardware = cells[1].usage.hardware = true;
    cells[0].usage.cycles = 1000;
    cells[0].usage.instructions = 1500;
    cells[1].usage.cycles = 4000;
    cells[1].usage.instructions = 2000;
    cells[1].threads = 2;
    sweep_result r = {.cells = cells, .ncells = 2};
    usage_cells(&r);
    const usage_figures *s = &cells[0].fig, *p = &cells[1].fig;
    assert_float_equal(s->user_per_wall, 0.95, EXACT);       /* 1.9 / 2 */
    assert_float_equal(s->cpu_per_wall, 1.0, EXACT);         /* (1.9 + 0.1) / 2 */
    assert_float_equal(p->cpu_per_wall, 2.0, EXACT);         /* (1.5 + 0.5) / 1 */
    assert_float_equal(p->sys_per_wall, 0.5, EXACT);
    assert_float_equal(p->involuntary_per_rep, 2.5, EXACT);  /* 10 / 4 */
    assert_float_equal(p->voluntary_per_rep, 2.0, EXACT);    /* 8 / 4 */
    assert_float_equal(p->migrations_per_rep, 0.5, EXACT);   /* 2 / 4 */
    assert_float_equal(p->task_clock_per_wall, 2.0, EXACT);
    assert_float_equal(s->ipc, 1.5, EXACT);                  /* 1500 / 1000 */
    assert_float_equal(p->ipc, 0.5, EXACT);                  /* 2000 / 4000 */
    /* the omp series has no 1-thread cell here: no ratio; serial is its own series at 1 */
    assert_true(isnan(p->instructions_vs_1thread));
    assert_float_equal(s->instructions_vs_1thread, 1.0, EXACT);

    /* too short to account (4.7 CPU-s in 0.01 s on 2 CPUs, as ticks can give), and impossible
     * over a long time: no per-wall figure; the counts per repetition stay */
    cell_result brief[2] = {cell(2, 0.01, 0.047, 0, 4, 1), cell(2, 1.0, 4.7, 0, 4, 1)};
    r = (sweep_result){.cells = brief, .ncells = 2, .ctx.logical_cpus = 2};
    usage_cells(&r);
    assert_true(isnan(brief[0].fig.cpu_per_wall) && isnan(brief[0].fig.task_clock_per_wall));
    assert_true(isnan(brief[1].fig.cpu_per_wall) && isnan(brief[1].fig.user_per_wall));
    assert_float_equal(brief[0].fig.involuntary_per_rep, 1.0, EXACT);
    brief[1].usage.user_s = 2.0; /* 2 CPU-s per wall-s on 2 CPUs: a figure */
    usage_cells(&r);
    assert_float_equal(brief[1].fig.cpu_per_wall, 2.0, EXACT);

    cell_result none = cell(2, 1, 1, 1, 1, 1);
    none.usage = (cell_usage){0}; /* --counters none */
    r = (sweep_result){.cells = &none, .ncells = 1};
    usage_cells(&r);
    assert_true(isnan(none.fig.cpu_per_wall) && isnan(none.fig.involuntary_per_rep));
}

static void test_oversubscribed(void **state)
{
    (void)state;
    /* 4 threads on 2 CPUs, 1.98 CPU-s per wall-s, 1240 / 4 = 310 involuntary switches each */
    cell_result cells[3] = {cell(0, 1, 1, 0, 0, 1), cell(2, 1, 1.9, 0, 8, 1.9),
                            cell(4, 1, 1.9, 0.08, 1240, 1.9)};
    sweep_result r = {.cells = cells, .ncells = 3};
    usage_cells(&r);
    scaling_result sr = series();
    usage_finding(&r, &sr, 2);
    assert_string_equal(sr.resources, "oversubscribed: 4 threads on 2 CPUs, 1.98 CPU-s per "
                                      "wall-s, 310 involuntary switches per repetition");
    /* other work took the CPUs: 1.2 < 0.9 x 2, so the figures say nothing of the threads */
    cells[2].usage.user_s = 1.2;
    cells[2].usage.sys_s = 0;
    usage_cells(&r);
    usage_finding(&r, &sr, 2);
    assert_string_equal(sr.resources, "");
}

static void test_spinning(void **state)
{
    (void)state;
    /* speedup 1.0 (upper bound 1.05) needs 1.05 CPU-s per wall-s; 1.96 is 1.87x and 0.91 more */
    cell_result cells[2] = {cell(0, 1, 1, 0, 0, 1), cell(2, 1, 1.9, 0.06, 3, 1.0)};
    sweep_result r = {.cells = cells, .ncells = 2};
    usage_cells(&r);
    scaling_result sr = series();
    usage_finding(&r, &sr, 2);
    assert_non_null(strstr(sr.resources, "spinning: 1.96 CPU-s per wall-s at 2 threads where its "
                                         "speedup needs 1.00"));
    /* a speedup of 1.9 needs what it burns: no finding */
    cells[1].speedup = 1.9;
    cells[1].speedup_ci_high = 1.95;
    usage_finding(&r, &sr, 2);
    assert_string_equal(sr.resources, "");
    /* memory-bound: threads stalled on memory are busy too, so no spin is claimed */
    cells[1].speedup = 1.0;
    cells[1].speedup_ci_high = 1.05;
    cells[0].work.unit = cells[1].work.unit = KERNEL_UNIT_BYTES;
    usage_finding(&r, &sr, 2);
    assert_string_equal(sr.resources, "");
    /* mostly system time (sleeping waits, page faults) is no spin either */
    cells[0].work.unit = cells[1].work.unit = KERNEL_UNIT_ITEM;
    cells[1].usage.user_s = 0.9;
    cells[1].usage.sys_s = 1.06;
    usage_cells(&r);
    usage_finding(&r, &sr, 2);
    assert_string_equal(sr.resources, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_oversubscribed),
        cmocka_unit_test(test_spinning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
