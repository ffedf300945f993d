/*
 * usage.h: what the resource figures of a sweep say (counters.h measures
 * them).  Per cell: CPU-s per wall-s (user, system, both), task clock per
 * wall-s, switches and migrations per repetition, IPC and instructions
 * relative to the series' 1-thread cell, NAN where not measured (or, per
 * wall-s, where the time was too short to account: USAGE_MIN_WALL_S).  Per
 * series: a finding, only where the figures support one:
 *
 * - "oversubscribed": a thread count above P whose process kept the CPUs
 *   busy (CPU-s per wall-s at least USAGE_BUSY_FRACTION of P): its threads
 *   share the CPUs, and the involuntary switches say how often they were
 *   preempted.  Below that the CPUs were not full (a busy machine, threads
 *   asleep), and nothing is said.
 * - "spinning": a parallel cell whose CPU-s per wall-s is at least
 *   USAGE_SPIN_RATIO times, and USAGE_SPIN_EXCESS CPUs more than, the CPU
 *   the work needs at its speedup (the speedup's upper 95% bound times the
 *   serial cell's own CPU-s per wall-s), mostly user time: threads burn CPU
 *   without doing the work, as libgomp's waiting threads spin.  Not said of
 *   memory-bound kernels (threads stalled on memory are busy too) nor of
 *   the overhead kernels (their work is the waiting).
 */
#ifndef OMPSCALE_USAGE_H
#define OMPSCALE_USAGE_H

#include <stddef.h>

#include "result.h"

#define USAGE_BUSY_FRACTION 0.9
#define USAGE_SPIN_RATIO 1.5
#define USAGE_SPIN_EXCESS 0.5
#define USAGE_SPIN_USER 0.8 /* user time's least share of the CPU time of a spin */
/*
 * The per-wall-second figures stand only over timed repetitions that last
 * at least this long together: the kernel accounts a process's CPU time in
 * ticks and adjusts its user/system split so that neither goes backwards,
 * which over a few milliseconds can put several CPU-s in one wall-s.  And a
 * figure above the CPUs the process may use (USAGE_MAX_CPUS_FRACTION of
 * them) is impossible, so it is no figure either (NAN): the same
 * accounting put 2.10 CPU-s in a wall-s of a 3-thread cell on 2 CPUs.
 */
#define USAGE_MIN_WALL_S 0.05
#define USAGE_MAX_CPUS_FRACTION 1.0

/* Fills every cell's fig from its usage; call after the speedups. */
void usage_cells(sweep_result *r);

/* The finding of series sr into sr->resources ("" when none), P the logical CPUs. */
void usage_finding(const sweep_result *r, scaling_result *sr, int P);

#endif
