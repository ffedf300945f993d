/*
 * roofline.c: each cell's operations against the measured roofs, and each
 * kernel configuration's sentence (roofline.h).
 */
#include "roofline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double roofline_roof(const sweep_result *r, const char *name, const cell_result *c)
{
    double best = NAN;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *o = &r->cells[i];
        if (o->reps > 0 && o->work.roof && strcmp(o->work.roof, name) == 0 &&
            o->threads == c->threads && (o->variant == 0) == (c->variant == 0) &&
            o->best_throughput > 0 && !(o->best_throughput <= best))
            best = o->best_throughput;
    }
    return best;
}

/* The memory roofs from the slowest (DRAM) up: a point is held against the first above it. */
/* Decimals that show a percentage below 10 with two significant figures (0.07, 4.2). */
static int roofline_decimals(double percent)
{
    int d = 1;
    while (d < 6 && percent > 0 && percent < pow(10, 1 - d))
        d++;
    return d;
}

static const char *const roofline_levels[] = {ROOFLINE_MEMORY, "L3", "L2", "L1"};
#define ROOFLINE_NLEVELS (sizeof roofline_levels / sizeof *roofline_levels)

/* Sets c's bound to roof `name` at `gops` G/s. */
static void roofline_bind(cell_result *c, const char *name, double gops)
{
    c->roof_bound = name;
    c->roof_gops = gops;
}

/*
 * The cell's figures.  The roof at its intensity is min(FMA, level x
 * intensity) for the memory level its data comes from: a bandwidth roof's
 * own cells, their level; a kernel whose data stays in cache, FMA alone;
 * any other, the first level from DRAM up whose roof the point does not
 * pass by more than ROOFLINE_MAX_FRACTION (which level a kernel's data
 * comes from is not known to the harness; a point under the DRAM roof is
 * bound by it, one above it by the nearest cache roof above it, as a
 * cache-aware roofline is read).
 */
static void roofline_cell(const sweep_result *r, cell_result *c)
{
    c->intensity = c->gops = c->roof_gops = c->roof_fraction = NAN;
    c->roof_bound = NULL;
    const kernel_work *w = &c->work;
    if (c->reps == 0 || !(w->ops > 0) || !(c->stats.median_s > 0) || r->whole_process)
        return;
    c->gops = w->ops / c->stats.median_s / 1e9;
    if (w->bytes > 0)
        c->intensity = w->ops / w->bytes;
    if (w->ops_kind != KERNEL_OPS_FLOP)
        return; /* integer operations: peakflops is no roof of theirs */
    double compute = roofline_roof(r, ROOFLINE_COMPUTE, c);
    if (isfinite(compute))
        roofline_bind(c, ROOFLINE_COMPUTE, compute);
    if (!w->in_cache && isfinite(c->intensity)) {
        bool own = w->roof && strcmp(w->roof, ROOFLINE_COMPUTE) != 0;
        for (size_t i = 0; i < ROOFLINE_NLEVELS; i++) {
            const char *level = own ? w->roof : roofline_levels[i];
            double memory = roofline_roof(r, level, c) * c->intensity;
            if (!isfinite(memory) || !(memory < compute || !isfinite(compute)))
                continue; /* not measured, or above the compute roof: FMA bounds */
            roofline_bind(c, level, memory);
            if (own || c->gops <= ROOFLINE_MAX_FRACTION * memory)
                break;
        }
    }
    if (c->roof_bound)
        c->roof_fraction = c->gops / c->roof_gops;
}

/* Whether kernel k has more than one configuration in the sweep. */
static bool roofline_configs(const sweep_result *r, const kernel *k)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].k == k && r->cells[i].group != r->cells[0].group)
            for (size_t j = 0; j < i; j++)
                if (r->cells[j].k == k && r->cells[j].group != r->cells[i].group)
                    return true;
    return false;
}

/* The sentence of point p: which roof bounds its cell and how close it gets. */
static void roofline_sentence(const sweep_result *r, roofline_point *p)
{
    const cell_result *c = &r->cells[p->cell];
    char who[320], sched[48];
    snprintf(who, sizeof who, "%s", c->k->name);
    if (roofline_configs(r, c->k))
        snprintf(who + strlen(who), sizeof who - strlen(who), " (%s)", c->params);
    result_schedule_text(c, sched, sizeof sched);
    const char *unit = c->work.ops_kind == KERNEL_OPS_FLOP ? "flop" : "op";
    char at[64] = "";
    if (isfinite(c->intensity))
        snprintf(at, sizeof at, " at %.3g %s/B", c->intensity, unit);
    else if (c->work.in_cache)
        snprintf(at, sizeof at, " (its data in cache)");
    if (!c->roof_bound) {
        snprintf(p->sentence, sizeof p->sentence, "%s: %.3g G%s/s%s (%s %s, %d thread%s): %s",
                 who, c->gops, c->work.ops_kind == KERNEL_OPS_FLOP ? "FLOP" : "OP", at,
                 c->k->variants[c->variant].name, sched, c->threads, c->threads == 1 ? "" : "s",
                 c->work.ops_kind == KERNEL_OPS_FLOP
                     ? "no roof measured at these threads (run with --roofline)"
                     : "integer operations, which no measured roof bounds (peakflops is FP)");
        return;
    }
    bool compute = strcmp(c->roof_bound, ROOFLINE_COMPUTE) == 0; /* else a bandwidth's */
    /* two significant figures below 10% (0.07%, not 0%) */
    snprintf(p->sentence, sizeof p->sentence, "%s: %s-bound, %.*f%% of the %s roof%s (%s %s, "
             "%d thread%s)", who, compute ? "compute" : "memory",
             100 * c->roof_fraction >= 10 ? 0 : roofline_decimals(100 * c->roof_fraction),
             100 * c->roof_fraction,
             c->roof_bound, at, c->k->variants[c->variant].name, sched, c->threads,
             c->threads == 1 ? "" : "s");
}

int roofline_cells(sweep_result *r)
{
    free(r->roofline);
    r->roofline = NULL;
    r->nroofline = 0;
    for (size_t i = 0; i < r->ncells; i++)
        roofline_cell(r, &r->cells[i]);
    r->roofline = calloc(r->ncells ? r->ncells : 1, sizeof *r->roofline);
    if (!r->roofline)
        return OMPSCALE_FAIL;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (c->variant == 0 || c->work.roof || !isfinite(c->gops))
            continue;
        size_t p = 0;
        while (p < r->nroofline && r->roofline[p].group != c->group)
            p++;
        if (p == r->nroofline)
            r->roofline[r->nroofline++] = (roofline_point){.group = c->group, .cell = i};
        else if (c->gops > r->cells[r->roofline[p].cell].gops)
            r->roofline[p].cell = i;
    }
    for (size_t p = 0; p < r->nroofline; p++)
        roofline_sentence(r, &r->roofline[p]);
    return OMPSCALE_OK;
}
