/*
 * ceiling.h: what the suite's two ceilings say about the other kernels,
 * measured in the same sweep.  The bandwidth ceiling: a kernel whose work
 * names a ceiling kernel (squares: stream-copy) gets its best bandwidth as a
 * fraction of that kernel's best at the same thread count.  The overhead
 * ceiling: construct kernels (EPCC style, work unit "construct") get the cost
 * of one construct, (median - serial reference median) / constructs, and
 * every configuration gets the smallest size at which one parallel region
 * (the construct cost of the kernel whose row says it is the fork-join
 * reference, at P threads) costs under 1% of its work at P threads.
 */
#ifndef OMPSCALE_CEILING_H
#define OMPSCALE_CEILING_H

#include "result.h"

/*
 * A kernel cannot move its bytes faster than its ceiling kernel moves the same
 * kind: a fraction above this says one of the two best repetitions is off
 * (each has a few percent of noise on a busy machine, STREAM's own spread),
 * not that the ceiling was beaten, so it is no finding.
 */
#define CEILING_MAX_FRACTION 1.10
/* A parallel region may cost at most this fraction of the work at P threads. */
#define CEILING_MAX_OVERHEAD 0.01

/* Fills the ceiling fields of every cell (after the statistics). */
void ceiling_cells(sweep_result *r);

/* Fills min_size and fork_join_us of every scaling row (after ceiling_cells). */
void ceiling_min_sizes(sweep_result *r, int P);

#endif
