/*
 * ceiling.c: bandwidth fractions, construct costs and minimum sizes (ceiling.h).
 */
#include "ceiling.h"

#include <math.h>
#include <string.h>

#include "units.h"

/* The cell of kernel `name` at the same thread count and of the same kind (serial or not). */
static const cell_result *ceiling_match(const sweep_result *r, const char *name,
                                        const cell_result *c)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *o = &r->cells[i];
        if (o->reps > 0 && strcmp(o->k->name, name) == 0 && o->threads == c->threads &&
            (o->variant == 0) == (c->variant == 0))
            return o;
    }
    return NULL;
}

static void ceiling_construct(const sweep_result *r, cell_result *c)
{
    const cell_result *ref = result_serial(r, c->group);
    if (c->variant == 0 || !ref || c->work.amount <= 0)
        return;
    double per = 1e6 / c->work.amount;
    c->overhead_us = (c->stats.median_s - ref->stats.median_s) * per;
    c->overhead_ci_low_us = (c->stats.ci95_low_s - ref->stats.ci95_high_s) * per;
    c->overhead_ci_high_us = (c->stats.ci95_high_s - ref->stats.ci95_low_s) * per;
}

void ceiling_cells(sweep_result *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        c->best_throughput = c->ceiling_throughput = c->ceiling_fraction = NAN;
        c->ceiling_withheld = NULL;
        c->overhead_us = c->overhead_ci_low_us = c->overhead_ci_high_us = NAN;
        c->ceiling = c->work.ceiling;
        if (c->reps == 0 || c->stats.min_s <= 0)
            continue;
        double scale;
        units_throughput(c->work.unit, &scale);
        c->best_throughput = c->work.amount / c->stats.min_s / scale;
        if (c->work.unit == KERNEL_UNIT_CONSTRUCT)
            ceiling_construct(r, c);
    }
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        const cell_result *top = c->ceiling ? ceiling_match(r, c->ceiling, c) : NULL;
        if (!top || !(top->best_throughput > 0))
            continue;
        c->ceiling_throughput = top->best_throughput;
        c->ceiling_fraction = c->best_throughput / top->best_throughput;
        if (c->ceiling_fraction > CEILING_MAX_FRACTION)
            c->ceiling_withheld = "above 1.10 of its ceiling: one of the two measurements is off "
                                  "(noise), no finding";
    }
}

/* The cost of one parallel region at P threads, in seconds, or NAN. */
static double ceiling_fork_join(const sweep_result *r, int P)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        /* a region that ran fewer threads (OMP_THREAD_LIMIT) is no cost at P threads */
        if (c->variant > 0 && c->threads == P && c->k->fork_join_reference &&
            c->threads_obtained == c->threads && isfinite(c->overhead_us))
            return c->overhead_us * 1e-6;
    }
    return NAN;
}

void ceiling_min_sizes(sweep_result *r, int P)
{
    double fork_join = ceiling_fork_join(r, P);
    for (size_t j = 0; j < r->nscaling; j++) {
        scaling_result *sr = &r->scaling[j];
        const cell_result *serial = result_serial(r, sr->group);
        sr->min_size = 0;
        sr->fork_join_us = NAN;
        if (!(fork_join > 0) || !serial || serial->size <= 0 ||
            serial->work.unit == KERNEL_UNIT_CONSTRUCT)
            continue;
        double per_unit = serial->stats.median_s / (double)serial->size;
        sr->min_size = (int64_t)ceil(P * fork_join / (CEILING_MAX_OVERHEAD * per_unit));
        sr->fork_join_us = fork_join * 1e6;
    }
}
