/*
 * test_ompenv.c: the OpenMP environment's notes and warnings (suite unit),
 * from hand-made contexts: an ordinary environment says nothing; each of
 * OMP_NUM_THREADS (a note), OMP_THREAD_LIMIT below the plan, OMP_DYNAMIC,
 * places or a binding that put threads on fewer CPUs, and an affinity mask
 * smaller than the machine gives one line naming the variable, its value and
 * the thread counts it changes, and none where it changes nothing.  After a
 * sweep, the cells short of what the limits foretold come in one line.  And
 * the analysis under a thread limit: efficiency over the threads obtained,
 * the short cell left out of the knee.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis.h"
#include "ompenv.h"

static const kernel_variant fake_variants[] = {
    {"serial", "the reference"}, {"omp", "parallel"}, {NULL, NULL}};
static const kernel fake = {.name = "fake", .variants = fake_variants, .size_param = "n"};

/* A 2-CPU machine with nothing set: libgomp's defaults. */
static machine_context plain(void)
{
    machine_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.logical_cpus = ctx.machine_pus = ctx.physical_cores = 2;
    ctx.thread_limit = INT_MAX;
    ctx.max_threads = 2;
    strcpy(ctx.proc_bind, "false");
    return ctx;
}

static void set_env(machine_context *ctx, const char *name, const char *value)
{
    strcpy(ctx->env[ctx->nenv].name, name);
    strcpy(ctx->env[ctx->nenv].value, value);
    ctx->nenv++;
}

static const int plan124[] = {1, 2, 4};

/* The messages for plan124 (or the first n of it) under ctx. */
static size_t check(const machine_context *ctx, size_t n, ompenv_message *m)
{
    return ompenv_check_plan(ctx, plan124, n, m, OMPENV_MAX_MESSAGES);
}

static void assert_has(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("'%s' lacks '%s'", text, part);
}

/* The one message for the first n of plan124 under ctx: a warning or a note, with part in it. */
static const char *only(const machine_context *ctx, size_t n, bool warning, const char *part)
{
    static ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(ctx, n, m), 1);
    assert_int_equal(m[0].warning, warning);
    assert_has(m[0].text, part);
    return m[0].text;
}

static void nothing_set(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(&ctx, 3, m), 0);
    set_env(&ctx, "OMP_WAIT_POLICY", "passive"); /* recorded, changes no thread count */
    set_env(&ctx, "OMP_THREAD_LIMIT", "8");      /* above the plan */
    ctx.thread_limit = 8;
    assert_int_equal(check(&ctx, 3, m), 0);
}

static void num_threads_is_a_note(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    set_env(&ctx, "OMP_NUM_THREADS", "4,2");
    assert_has(only(&ctx, 3, false, "OMP_NUM_THREADS=4,2 is overridden"), "(1 to 4 here");
}

static void thread_limit(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    set_env(&ctx, "OMP_THREAD_LIMIT", "2");
    ctx.thread_limit = 2;
    assert_has(only(&ctx, 3, true, "OMP_THREAD_LIMIT=2 caps every parallel region at 2 threads"),
               "at 4 threads only 2 run");
    ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(&ctx, 2, m), 0); /* 1 and 2 threads: within the limit */
    assert_int_equal(ompenv_expected_threads(&ctx, 4), 2);
    assert_int_equal(ompenv_expected_threads(&ctx, 2), 2);
    assert_int_equal(ompenv_expected_threads(&ctx, 1), 1);
    ctx.thread_limit = 1;
    set_env(&ctx, "OMP_DYNAMIC", "true");
    ctx.dynamic = 1; /* but one thread leaves nothing to adjust: no dynamic warning */
    only(&ctx, 3, true, "at 2, 4 threads only 1 run");
}

static void dynamic(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    set_env(&ctx, "OMP_DYNAMIC", "TRUE");
    ctx.dynamic = 1;
    only(&ctx, 3, true, "OMP_DYNAMIC=TRUE lets the runtime give");
    ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(&ctx, 1, m), 0); /* 1 thread only */
}

static void binding(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    set_env(&ctx, "OMP_PLACES", "{0}");
    set_env(&ctx, "OMP_PROC_BIND", "true");
    strcpy(ctx.proc_bind, "true");
    strcpy(ctx.places, "{0}");
    ctx.num_places = ctx.place_cpus = ctx.bound_cpus = 1;
    assert_has(only(&ctx, 3, true, "OMP_PROC_BIND=true OMP_PLACES={0} bind each team of threads "
                                   "to 1 of the 2 CPUs"),
               "at 2, 4 threads, several threads share one CPU");
    ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(&ctx, 1, m), 0);
    /* Places on every CPU: threads share CPUs only past P, as unbound. */
    strcpy(ctx.places, "{0},{1}");
    ctx.num_places = ctx.place_cpus = ctx.bound_cpus = 2;
    assert_int_equal(check(&ctx, 3, m), 0);
    /* proc_bind primary puts the team on the primary thread's one place. */
    strcpy(ctx.proc_bind, "primary");
    ctx.bound_cpus = 1;
    only(&ctx, 3, true, "proc_bind primary");
}

static void affinity_mask(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    ctx.logical_cpus = ctx.physical_cores = 1;
    assert_has(only(&ctx, 2, true, "the CPU affinity mask allows 1 of the machine's 2 CPUs"),
               "up to 2P = 2 threads");
    ompenv_message m[OMPENV_MAX_MESSAGES];
    ctx.machine_pus = 0; /* not gathered (once) */
    assert_int_equal(check(&ctx, 2, m), 0);
}

static void everything_at_once(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    ctx.logical_cpus = 1;
    set_env(&ctx, "OMP_NUM_THREADS", "1");
    set_env(&ctx, "OMP_THREAD_LIMIT", "2");
    ctx.thread_limit = 2;
    ctx.dynamic = 1;
    ompenv_message m[OMPENV_MAX_MESSAGES];
    assert_int_equal(check(&ctx, 3, m), 4);
    assert_has(m[0].text, "affinity mask");
    assert_has(m[1].text, "OMP_THREAD_LIMIT=2");
    assert_has(m[2].text, "dynamic adjustment (omp_get_dynamic() is true)");
    assert_has(m[3].text, "OMP_NUM_THREADS=1");
    assert_int_equal(ompenv_check_plan(&ctx, plan124, 3, m, 2), 2); /* never past max */
}

static cell_result cell(int threads, int obtained, int obtained_max)
{
    return (cell_result){.k = &fake, .variant = threads > 1, .threads = threads, .reps = 3,
                         .threads_obtained = obtained, .threads_obtained_max = obtained_max};
}

static void cells_short(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    set_env(&ctx, "OMP_DYNAMIC", "true");
    ctx.dynamic = 1;
    cell_result cells[] = {cell(1, 1, 1), cell(2, 1, 2), cell(4, 4, 4)};
    ompenv_message m;
    assert_int_equal(ompenv_check_cells(&ctx, cells, 3, &m), 1);
    assert_true(m.warning);
    assert_has(m.text, "1 of 3 cells obtained fewer threads than asked (OMP_DYNAMIC=true)");
    assert_has(m.text, "fake/omp at 2 got 1..2");
    cells[1].threads_obtained = 2;
    assert_int_equal(ompenv_check_cells(&ctx, cells, 3, &m), 0);
    /* What the thread limit foretold is not repeated; a shortfall below it is. */
    ctx = plain();
    ctx.thread_limit = 2;
    cells[2].threads_obtained = cells[2].threads_obtained_max = 2;
    assert_int_equal(ompenv_check_cells(&ctx, cells, 3, &m), 0);
    cells[2].threads_obtained = cells[2].threads_obtained_max = 1;
    assert_int_equal(ompenv_check_cells(&ctx, cells, 3, &m), 1);
    assert_has(m.text, "(the runtime: no OpenMP setting recorded explains it)");
    assert_has(m.text, "fake/omp at 4 got 1;");
}

static void cells_many_short(void **unused)
{
    (void)unused;
    machine_context ctx = plain();
    ctx.dynamic = 1;
    cell_result cells[9];
    for (int i = 0; i < 9; i++)
        cells[i] = cell(2 + i, 1, 1);
    ompenv_message m;
    assert_int_equal(ompenv_check_cells(&ctx, cells, 9, &m), 1);
    assert_has(m.text, "9 of 9 cells");
    assert_has(m.text, "fake/omp at 7 got 1 and 3 more;");
    assert_null(strstr(m.text, "at 8 got"));
}

/* Under OMP_THREAD_LIMIT=2: serial 1 s, omp 1 s at 1 thread, 0.5 s at 2, and at 4 (ran 2). */
static void analysis_under_limit(void **unused)
{
    (void)unused;
    double t_serial[] = {1, 1, 1}, t1[] = {1, 1, 1}, t2[] = {0.5, 0.5, 0.5},
           t4[] = {0.5, 0.5, 0.5};
    double *times[] = {t_serial, t1, t2, t4};
    int threads[] = {1, 1, 2, 4}, obtained[] = {1, 1, 2, 2};
    static sweep_result r;
    memset(&r, 0, sizeof r);
    cell_result cells[4];
    for (int i = 0; i < 4; i++) {
        cells[i] = cell(threads[i], obtained[i], obtained[i]);
        cells[i].variant = i > 0;
        cells[i].times = times[i];
        cells[i].work = (kernel_work){.amount = 1, .unit = KERNEL_UNIT_ITEM};
        cells[i].verified = true;
    }
    r.cells = cells;
    r.ncells = 4;
    r.knee_threshold = ANALYSIS_KNEE_THRESHOLD;
    r.noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
    assert_int_equal(analysis_run(&r, 2, 2), 0);
    assert_float_equal(cells[3].speedup, 2.0, 1e-12);
    assert_float_equal(cells[3].efficiency, 1.0, 1e-12); /* 2 / 2 threads obtained, not 2 / 4 */
    assert_float_equal(cells[2].efficiency, 1.0, 1e-12);
    assert_int_equal(r.nscaling, 1);
    /* With the 4-thread cell, 2 threads would be the knee; without it, still scaling at 2. */
    assert_int_equal(r.scaling[0].summary.best_threads, 2);
    assert_int_equal(r.scaling[0].summary.knee, KNEE_NONE);
    analysis_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_set),
        cmocka_unit_test(num_threads_is_a_note),
        cmocka_unit_test(thread_limit),
        cmocka_unit_test(dynamic),
        cmocka_unit_test(binding),
        cmocka_unit_test(affinity_mask),
        cmocka_unit_test(everything_at_once),
        cmocka_unit_test(cells_short),
        cmocka_unit_test(cells_many_short),
        cmocka_unit_test(analysis_under_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
