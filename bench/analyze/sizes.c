/*
 * sizes.c: crossover sizes and weak-scaling efficiency (sizes.h).
 */
#include "sizes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void sizes_params_without_size(const cell_result *c, char *buf, size_t len)
{
    char copy[sizeof c->params], prefix[64];
    snprintf(copy, sizeof copy, "%s", c->params);
    snprintf(prefix, sizeof prefix, "%s=", c->k->size_param);
    size_t used = 0;
    buf[0] = '\0';
    for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
        if (strncmp(t, prefix, strlen(prefix)) != 0 && used < len)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? " " : "", t);
}

/* The first cell of a group: its params and size. */
static const cell_result *sizes_group_cell(const sweep_result *r, int group)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].group == group)
            return &r->cells[i];
    return NULL;
}

/* Whether scaling rows a and b are one variant and schedule of one configuration but its size. */
static bool sizes_same_series(const sweep_result *r, const scaling_result *a,
                              const scaling_result *b)
{
    if (a->k != b->k || a->variant != b->variant || a->schedule.kind != b->schedule.kind ||
        a->schedule.chunk != b->schedule.chunk)
        return false;
    const cell_result *ca = sizes_group_cell(r, a->group), *cb = sizes_group_cell(r, b->group);
    if (!ca || !cb || ca->weak_base || cb->weak_base)
        return false;
    char pa[256], pb[256];
    sizes_params_without_size(ca, pa, sizeof pa);
    sizes_params_without_size(cb, pb, sizeof pb);
    return strcmp(pa, pb) == 0;
}

static void sizes_crossover(sweep_result *r, scaling_result *sr)
{
    int64_t from = -1, largest_slow = 0;
    size_t sizes = 0;
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *o = &r->scaling[j];
        if (!o->analysed || !sizes_same_series(r, sr, o))
            continue; /* a size whose cells failed is neither slower nor faster */
        sizes++;
        if (o->summary.max_speedup < 1 && o->size > largest_slow)
            largest_slow = o->size;
    }
    if (sizes < 2) {
        sr->faster_from = 0;
        return;
    }
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *o = &r->scaling[j];
        if (o->analysed && sizes_same_series(r, sr, o) && o->size > largest_slow &&
            (from < 0 || o->size < from))
            from = o->size;
    }
    sr->faster_from = from;
}

/* E_w = serial median at the base size / this cell's median at base x threads. */
static void sizes_weak(sweep_result *r, cell_result *c)
{
    c->weak_efficiency = NAN;
    if (!c->weak_base || c->variant == 0 || c->reps == 0)
        return;
    char pc[256], ps[256];
    sizes_params_without_size(c, pc, sizeof pc);
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *s = &r->cells[i];
        if (s->k != c->k || s->variant != 0 || s->reps == 0 || s->weak_base != c->weak_base ||
            s->size != c->weak_base)
            continue;
        sizes_params_without_size(s, ps, sizeof ps);
        if (strcmp(ps, pc) == 0)
            c->weak_efficiency = s->stats.median_s / c->stats.median_s;
    }
}

void sizes_analyse(sweep_result *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        sizes_weak(r, &r->cells[i]);
    for (size_t j = 0; j < r->nscaling; j++)
        sizes_crossover(r, &r->scaling[j]);
}

bool sizes_is_last(const sweep_result *r, size_t j)
{
    for (size_t m = j + 1; m < r->nscaling; m++)
        if (sizes_same_series(r, &r->scaling[j], &r->scaling[m]))
            return false;
    return true;
}

/* The cost of one parallel region at P threads, in seconds, or NAN. */
static double sizes_fork_join(const sweep_result *r, int P)
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

void sizes_minimum(sweep_result *r, int P)
{
    double fork_join = sizes_fork_join(r, P);
    for (size_t j = 0; j < r->nscaling; j++) {
        scaling_result *sr = &r->scaling[j];
        const cell_result *serial = result_serial(r, sr->group);
        sr->min_size = 0;
        sr->fork_join_us = NAN;
        if (!(fork_join > 0) || !serial || serial->size <= 0 ||
            serial->work.unit == KERNEL_UNIT_CONSTRUCT)
            continue;
        double per_unit = serial->stats.median_s / (double)serial->size;
        sr->min_size = (int64_t)ceil(P * fork_join / (SIZES_MAX_OVERHEAD * per_unit));
        sr->fork_join_us = fork_join * 1e6;
    }
}
