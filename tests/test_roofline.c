/*
 * test_roofline.c: the roofline's figures on a synthetic sweep (suite unit):
 * roofs from the cells that measure them (best repetition, same threads and
 * kind), each kernel held against min(FMA, level x intensity) at its
 * intensity, the nearest roof above a point, the compute roof for a kernel
 * in cache, none for integer operations, and the sentence per kernel.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analysis.h"
#include "registry.h"
#include "roofline.h"

#define NCELLS 8

/* A measured cell of kernel k: one repetition of `seconds`, best = median = that. */
static void cell(cell_result *c, const char *kernel, int group, int variant, int threads,
                 double seconds, kernel_work w)
{
    *c = (cell_result){.k = registry_find(kernel), .group = group, .variant = variant,
                       .threads = threads, .threads_obtained = threads, .reps = 1, .work = w,
                       .verified = true, .scheduled = variant != 0};
    snprintf(c->params, sizeof c->params, "n=%d", group);
    assert_non_null(c->k);
    c->stats.min_s = c->stats.median_s = seconds;
    /* the best throughput in the work's unit (ceiling.c's): G/s for flop and bytes */
    c->best_throughput = w.amount / seconds / 1e9;
}

/*
 * At 2 threads, parallel: peakflops 100 GFLOP/s (1e11 flop in 1 s), DRAM 20
 * GB/s and L3 40 GB/s (stream-read: 2e10 and 4e10 B in 1 s), serial
 * peakflops 50 GFLOP/s.  squares: 1 flop per 16 B, I = 0.0625, 1e9 flop in
 * 1 s = 1 GFLOP/s: DRAM x I = 1.25, so 80% of DRAM.  A copy of it twice as
 * fast (2 GFLOP/s) is past DRAM x 1.1 (1.375): the next roof up, L3 x I =
 * 2.5, bounds it at 80%.  montecarlo in cache, 25 GFLOP/s: 25% of FMA.
 * rangesum's integer adds: no bound.  The serial squares: no serial DRAM
 * roof, FMA serial 50 at I = 0.0625 bounds it (no memory roof to say
 * otherwise): 1 / 50 = 2%.
 */
static void fractions_of_the_roofs(void **unused)
{
    (void)unused;
    sweep_result r = {0};
    cell_result cells[NCELLS];
    kernel_work fma = {.amount = 1e11, .unit = KERNEL_UNIT_FLOP, .ops = 1e11,
                       .ops_kind = KERNEL_OPS_FLOP, .in_cache = true, .roof = "FMA"};
    kernel_work dram = {.amount = 2e10, .unit = KERNEL_UNIT_BYTES, .ops = 2e10 / 8,
                        .ops_kind = KERNEL_OPS_FLOP, .bytes = 2e10, .roof = "DRAM"};
    kernel_work l3 = dram;
    l3.amount = l3.bytes = 4e10;
    l3.ops = 4e10 / 8;
    l3.roof = "L3";
    kernel_work sq = {.amount = 16e9, .unit = KERNEL_UNIT_BYTES, .ops = 1e9,
                      .ops_kind = KERNEL_OPS_FLOP, .bytes = 16e9};
    kernel_work mc = {.amount = 1e6, .unit = KERNEL_UNIT_SAMPLE, .ops = 25e9,
                      .ops_kind = KERNEL_OPS_FLOP, .in_cache = true};
    kernel_work rs = {.amount = 1e9, .unit = KERNEL_UNIT_ITEM, .ops = 1e9,
                      .ops_kind = KERNEL_OPS_INTEGER, .in_cache = true};
    cell(&cells[0], "peakflops", 0, 1, 2, 1.0, fma);
    cell(&cells[1], "peakflops", 0, 0, 1, 2.0, fma);
    cell(&cells[2], "stream-read", 1, 1, 2, 1.0, dram);
    cell(&cells[3], "stream-read", 2, 1, 2, 1.0, l3);
    cell(&cells[4], "squares", 3, 1, 2, 1.0, sq);
    cell(&cells[5], "squares", 4, 1, 2, 0.5, sq);
    cell(&cells[6], "montecarlo", 5, 1, 2, 1.0, mc);
    cell(&cells[7], "rangesum", 6, 0, 1, 1.0, rs);
    r.cells = cells;
    r.ncells = NCELLS;
    assert_int_equal(roofline_cells(&r), OMPSCALE_OK);

    assert_true(fabs(roofline_roof(&r, "FMA", &cells[4]) - 100) < 1e-9);
    assert_true(fabs(roofline_roof(&r, "FMA", &cells[7]) - 50) < 1e-9); /* serial: serial's */
    assert_true(isnan(roofline_roof(&r, "L1", &cells[4])));

    assert_true(fabs(cells[4].intensity - 0.0625) < 1e-12);
    assert_true(fabs(cells[4].gops - 1.0) < 1e-12);
    assert_string_equal(cells[4].roof_bound, "DRAM");
    assert_true(fabs(cells[4].roof_gops - 1.25) < 1e-12);
    assert_true(fabs(cells[4].roof_fraction - 0.8) < 1e-12);

    assert_string_equal(cells[5].roof_bound, "L3");
    assert_true(fabs(cells[5].roof_fraction - 0.8) < 1e-12);

    assert_string_equal(cells[6].roof_bound, "FMA");
    assert_true(isnan(cells[6].intensity));
    assert_true(fabs(cells[6].roof_fraction - 0.25) < 1e-12);

    assert_null(cells[7].roof_bound);
    assert_true(isnan(cells[7].roof_fraction));
    assert_true(fabs(cells[7].gops - 1.0) < 1e-12);

    /* the roofs' own cells: against themselves (median = best here: 100%) */
    assert_string_equal(cells[2].roof_bound, "DRAM");
    assert_true(fabs(cells[2].roof_fraction - 1.0) < 1e-12);
    assert_string_equal(cells[3].roof_bound, "L3");

    /* one point per configuration that is not a roof, parallel cells only */
    assert_int_equal(r.nroofline, 3);
    assert_string_equal(r.roofline[0].sentence,
                        "squares (n=3): memory-bound, 80% of the DRAM roof at 0.0625 flop/B "
                        "(omp static, 2 threads)");
    assert_non_null(strstr(r.roofline[2].sentence, "montecarlo: compute-bound, 25% of the FMA"));
    free(r.roofline);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fractions_of_the_roofs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
