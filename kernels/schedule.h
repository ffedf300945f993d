/*
 * schedule.h: OpenMP loop schedules as values, and a guard that applies one for
 * the length of a run and then restores what was there.
 *
 * Kernels write their loops with schedule(runtime) and bracket the parallel
 * region with sched_enter/sched_leave, so the harness can sweep schedules
 * without any kernel knowing which, and no setting outlives the run.
 */
#ifndef OMPSCALE_SCHED_H
#define OMPSCALE_SCHED_H

#include <stddef.h>

typedef enum { SCHED_STATIC, SCHED_DYNAMIC, SCHED_GUIDED } sched_kind;

typedef struct kernel_schedule {
    sched_kind kind;
    int chunk; /* 0: the runtime's default for that kind */
} kernel_schedule;

/* The saved schedule, restored by sched_leave. */
typedef struct sched_guard {
    int saved_kind;
    int saved_chunk;
} sched_guard;

/* "static", "dynamic", "guided", each optionally ":CHUNK" (e.g. "dynamic:16"). */
int sched_parse(const char *text, kernel_schedule *out, char *err, size_t errlen);
/* The inverse of sched_parse. */
void sched_format(const kernel_schedule *s, char *buf, size_t len);
void sched_enter(sched_guard *g, const kernel_schedule *s);
void sched_leave(const sched_guard *g);

#endif
