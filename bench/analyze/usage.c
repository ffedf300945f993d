/*
 * usage.c: resource figures per cell and what they show per series (usage.h).
 */
#include "usage.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static bool usage_same_series(const cell_result *a, const cell_result *b)
{
    return a->group == b->group && a->variant == b->variant &&
           a->schedule.kind == b->schedule.kind && a->schedule.chunk == b->schedule.chunk;
}

/* Whether cell c belongs to series sr (configuration, variant, schedule). */
static bool usage_in_series(const cell_result *c, const scaling_result *sr)
{
    return c->group == sr->group && c->variant == sr->variant &&
           c->schedule.kind == sr->schedule.kind && c->schedule.chunk == sr->schedule.chunk;
}

/* The series' 1-thread cell with hardware counts, or NULL. */
static const cell_result *usage_one_thread(const sweep_result *r, const cell_result *c)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *o = &r->cells[i];
        if (usage_same_series(o, c) && o->threads == 1 && o->usage.hardware && o->usage.reps > 0)
            return o;
    }
    return NULL;
}

void usage_cells(sweep_result *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        const cell_usage *u = &c->usage;
        usage_figures *f = &c->fig;
        *f = (usage_figures){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
        if (u->reps == 0 || !u->rusage || !(u->wall_s > 0))
            continue;
        double reps = (double)u->reps;
        double most = r->ctx.logical_cpus > 0 ? USAGE_MAX_CPUS_FRACTION * r->ctx.logical_cpus
                                              : INFINITY; /* the CPUs unknown: no bound */
        bool timed = u->wall_s >= USAGE_MIN_WALL_S; /* long enough to account CPU time */
        if (timed && (u->user_s + u->sys_s) / u->wall_s <= most) {
            f->user_per_wall = u->user_s / u->wall_s;
            f->sys_per_wall = u->sys_s / u->wall_s;
            f->cpu_per_wall = (u->user_s + u->sys_s) / u->wall_s;
        }
        f->voluntary_per_rep = (double)u->voluntary_switches / reps;
        f->involuntary_per_rep = (double)u->involuntary_switches / reps;
        if (u->software) {
            if (timed && u->task_clock_s / u->wall_s <= most)
                f->task_clock_per_wall = u->task_clock_s / u->wall_s;
            f->migrations_per_rep = (double)u->cpu_migrations / reps;
        }
        if (u->hardware && u->cycles > 0)
            f->ipc = (double)u->instructions / (double)u->cycles;
    }
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        const cell_result *one = c->usage.hardware ? usage_one_thread(r, c) : NULL;
        if (one && one->usage.instructions > 0)
            c->fig.instructions_vs_1thread =
                ((double)c->usage.instructions / (double)c->usage.reps) /
                ((double)one->usage.instructions / (double)one->usage.reps);
    }
}

/* The series' cell at the most threads above P whose process kept the CPUs busy, or NULL. */
static const cell_result *usage_oversubscribed(const sweep_result *r, const scaling_result *sr,
                                               int P)
{
    const cell_result *most = NULL;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (!usage_in_series(c, sr) || !c->as_asked)
            continue;
        if (c->threads > P && c->fig.cpu_per_wall >= USAGE_BUSY_FRACTION * P &&
            (!most || c->threads > most->threads))
            most = c;
    }
    return most;
}

/* The series' cell that burnt the most CPU beyond what its speedup needs (usage.h), or NULL. */
static const cell_result *usage_spinning(const sweep_result *r, const scaling_result *sr,
                                         double *needed)
{
    const cell_result *serial = result_serial(r, sr->group);
    if (!serial || !isfinite(serial->fig.cpu_per_wall))
        return NULL;
    const cell_result *worst = NULL;
    double excess = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (!usage_in_series(c, sr) || !c->as_asked || c->threads < 2 ||
            !isfinite(c->speedup_ci_high))
            continue;
        double need = c->speedup_ci_high * serial->fig.cpu_per_wall;
        double cpu = c->fig.cpu_per_wall;
        if (cpu >= USAGE_SPIN_RATIO * need && cpu - need >= USAGE_SPIN_EXCESS &&
            c->fig.user_per_wall >= USAGE_SPIN_USER * cpu && cpu - need > excess) {
            worst = c;
            excess = cpu - need;
            *needed = c->speedup * serial->fig.cpu_per_wall;
        }
    }
    return worst;
}

/* A measured cell of series sr (for its work unit), or NULL. */
static const cell_result *usage_series_cell(const sweep_result *r, const scaling_result *sr)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (usage_in_series(c, sr) && c->reps > 0)
            return c;
    }
    return NULL;
}

void usage_finding(const sweep_result *r, scaling_result *sr, int P)
{
    sr->resources[0] = '\0';
    const cell_result *c = usage_oversubscribed(r, sr, P);
    if (c) {
        snprintf(sr->resources, sizeof sr->resources,
                 "oversubscribed: %d threads on %d CPU%s, %.2f CPU-s per wall-s, %.0f involuntary "
                 "switches per repetition", c->threads, P, P == 1 ? "" : "s",
                 c->fig.cpu_per_wall, c->fig.involuntary_per_rep);
        return;
    }
    const cell_result *any = usage_series_cell(r, sr);
    if (!any || any->work.unit == KERNEL_UNIT_BYTES || any->work.unit == KERNEL_UNIT_CONSTRUCT)
        return;
    double needed = NAN;
    if ((c = usage_spinning(r, sr, &needed)))
        snprintf(sr->resources, sizeof sr->resources,
                 "spinning: %.2f CPU-s per wall-s at %d threads where its speedup needs %.2f: "
                 "CPU time far above the threads doing work (waiting threads spin)",
                 c->fig.cpu_per_wall, c->threads, needed);
}
