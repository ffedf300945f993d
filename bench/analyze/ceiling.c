/*
 * ceiling.c: every cell's best throughput, and the bandwidth fraction of
 * the kernels that name a ceiling (ceiling.h).
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


void ceiling_cells(sweep_result *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        c->best_throughput = c->ceiling_throughput = c->ceiling_fraction = NAN;
        c->ceiling_withheld = NULL;
        c->ceiling = c->work.ceiling;
        if (c->reps == 0 || c->stats.min_s <= 0)
            continue;
        double scale;
        units_throughput(c->work.unit, &scale);
        c->best_throughput = c->work.amount / c->stats.min_s / scale;
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
