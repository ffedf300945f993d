/*
 * plan.h: what a sweep will run, decided before anything is measured:
 * kernel configurations (a kernel with its parameter values), the thread
 * counts, the schedules and the variants, expanded into the list of cells.
 */
#ifndef OMPSCALE_PLAN_H
#define OMPSCALE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "kernel.h"
#include "result.h"

#define PLAN_MAX_GROUPS 64
#define PLAN_MAX_SCHEDULES 8
#define PLAN_MAX_PARAMS KERNEL_MAX_PARAMS

typedef struct plan_group {
    const kernel *k;
    param_value values[PLAN_MAX_PARAMS];
    int only_threads;   /* weak scaling: the one thread count this size runs at (0: all) */
    int64_t weak_base;  /* weak scaling: the size at 1 thread (0: not weak) */
} plan_group;

typedef struct plan {
    plan_group groups[PLAN_MAX_GROUPS];
    size_t ngroups;
    int threads[SCALING_MAX_POINTS];
    size_t nthreads;
    kernel_schedule schedules[PLAN_MAX_SCHEDULES];
    size_t nschedules; /* 0: the default per kernel */
    const char *variants[8];
    size_t nvariants;  /* 0: every variant */
} plan;

/*
 * The default thread plan: 1..2P when P <= 8; otherwise 1, 2, 4, ... up to
 * P, then 1.25P, 1.5P and 2P, always with P and the physical core count.
 */
void plan_default_threads(int P, int physical, int *out, size_t *n);

/* The largest thread count accepted: max(256, 8 x the CPUs this process may use). */
int plan_thread_cap(void);

/*
 * Parses a thread list such as "1,2,4-8,P,2P" (P: the logical CPUs this
 * process may use) into a sorted list without repeats; returns 2 with a
 * message in err if an item is not valid or above cap.
 */
int plan_parse_threads(const char *text, int P, int cap, int *out, size_t max, size_t *n,
                       char *err, size_t errlen);

/* The schedules the group runs: the plan's, or static (and dynamic, guided for unequal work). */
size_t plan_group_schedules(const plan *p, const plan_group *g, kernel_schedule *out);

/* Whether the plan runs variant v of the group's kernel (serial always: it is the reference). */
bool plan_runs_variant(const plan *p, const kernel *k, int v);

/* The number of cells of one group, and the cells themselves (times not yet allocated). */
size_t plan_group_cells(const plan *p, size_t group, cell_result *out);

/*
 * Adds, after each group, one group per configuration its kernel's sweep
 * runs besides the defaults (kernel.sweep_configs); 2 with err set if the
 * plan is full or a configuration does not apply.
 */
int plan_expand_configs(plan *p, char *err, size_t errlen);

/*
 * --sizes: replaces each group by one group per size in list ("2^10,2^14" or
 * "2^10..2^20" for every power of two between), each set as the kernel's
 * size parameter; 2 with err set on a bad size or a full plan.
 */
int plan_expand_sizes(plan *p, const char *list, char *err, size_t errlen);

/*
 * --weak: replaces each group (size n, auto resolved) by one group per
 * thread count t of the plan, at size n t, running only at t threads;
 * 2 with err set when a size overflows or the plan is full.
 */
int plan_expand_weak(plan *p, char *err, size_t errlen);

/*
 * --roofline: puts before the plan's groups one group per roof
 * configuration (kernel.roof_configs) of every kernel in `all` (NULL-ended),
 * each at the kernel's defaults, or its preset `preset` where it has one
 * (NULL: none), with the configuration over them; plan_dedupe then drops
 * the plan's own repeats of them.  2 with err set when the plan is full.
 */
int plan_add_roofs(plan *p, const kernel *const *all, const char *preset, char *err,
                   size_t errlen);

/* Removes groups whose kernel and parameters repeat an earlier group's. */
void plan_dedupe(plan *p);

/* The highest thread count in the plan. */
int plan_max_threads(const plan *p);

#endif
