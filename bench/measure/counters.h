/*
 * counters.h: what a cell's timed repetitions use besides wall time
 * (`ompscale run --counters auto|sw|hw|none`).  Read before and after each
 * timed repetition, outside its clock reads, and summed into the cell's
 * usage (result.h):
 *
 * - getrusage(RUSAGE_SELF): user and system CPU time and voluntary and
 *   involuntary context switches of the whole process; on Linux RUSAGE_SELF
 *   sums every thread, so the OpenMP team is in it.
 * - perf_event_open software events (context switches, CPU migrations, page
 *   faults, task clock), which work in a VM without a PMU.
 * - perf_event_open hardware events (cycles, instructions, last-level-cache
 *   misses), user space only, where the machine has a PMU and
 *   perf_event_paranoid allows them.
 *
 * The perf events count this process (pid 0, any CPU) with inherit set, and
 * inherit reaches only the threads created after an event is opened: so they
 * are opened once, before the first parallel region of the run (libgomp
 * keeps its pool of threads alive from that region on), and read as deltas
 * around each repetition; a read of an inherited event sums the live threads
 * created since.  Each event is opened and read on its own (no group: a
 * group read and inherit do not go together on older kernels); a count the
 * kernel multiplexed is scaled by its time enabled over time running.  What
 * cannot be opened is said in the context (ctx_counters), never an error in
 * auto mode: "no PMU: software events only", "perf_event_paranoid=3: ...",
 * or the system call's own reason (a seccomp filter, valgrind).
 */
#ifndef OMPSCALE_COUNTERS_H
#define OMPSCALE_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "context.h"
#include "result.h"

typedef enum { COUNTERS_AUTO, COUNTERS_SW, COUNTERS_HW, COUNTERS_NONE } counters_mode;

enum { COUNTERS_SW_EVENTS = 4, COUNTERS_HW_EVENTS = 3 };

typedef struct counters {
    counters_mode mode;
    int sw_fd[COUNTERS_SW_EVENTS]; /* context switches, migrations, page faults, task clock */
    int hw_fd[COUNTERS_HW_EVENTS]; /* cycles, instructions, LLC misses */
    ctx_counters facts;            /* what is measured, and why not (the context's) */
} counters;

/* One reading of every source (what is not measured stays 0). */
typedef struct counters_sample {
    double user_s, sys_s;
    int64_t voluntary_switches, involuntary_switches;
    double sw[COUNTERS_SW_EVENTS];
    double hw[COUNTERS_HW_EVENTS];
} counters_sample;

/* "auto", "sw", "hw", "none" into *mode; 0, or -1 for another name. */
int counters_parse(const char *name, counters_mode *mode);

/* The mode's name. */
const char *counters_mode_name(counters_mode mode);

/*
 * Opens what mode asks for, before any parallel region.  0, or -1 when
 * mode is sw or hw and what it names cannot be measured here: err says why
 * (auto degrades instead, and says why in c->facts).  c is closed by
 * counters_close whatever this returns.
 */
int counters_open(counters *c, counters_mode mode, char *err, size_t errlen);

/* Reads every open source into s. */
void counters_read(const counters *c, counters_sample *s);

/* Adds one repetition, between before and after, of wall time wall_s to usage u. */
void counters_add(const counters *c, const counters_sample *before, const counters_sample *after,
                  double wall_s, cell_usage *u);

void counters_close(counters *c);

#endif
