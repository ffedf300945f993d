/*
 * constructs.c: the cost of one OpenMP construct (constructs.h).
 */
#include "constructs.h"

#include <math.h>

static void constructs_cell(const sweep_result *r, cell_result *c)
{
    const cell_result *ref = result_serial(r, c->group);
    if (c->variant == 0 || !ref || c->work.amount <= 0)
        return;
    double per = 1e6 / c->work.amount;
    c->overhead_us = (c->stats.median_s - ref->stats.median_s) * per;
    c->overhead_ci_low_us = (c->stats.ci95_low_s - ref->stats.ci95_high_s) * per;
    c->overhead_ci_high_us = (c->stats.ci95_high_s - ref->stats.ci95_low_s) * per;
}

void constructs_cost(sweep_result *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        c->overhead_us = c->overhead_ci_low_us = c->overhead_ci_high_us = NAN;
        if (c->reps > 0 && c->work.unit == KERNEL_UNIT_CONSTRUCT)
            constructs_cell(r, c);
    }
}
