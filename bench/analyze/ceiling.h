/*
 * ceiling.h: the bandwidth ceiling, measured in the same sweep: every cell's
 * best throughput (the best repetition, STREAM's rule), and for a kernel
 * whose work names a ceiling kernel (squares: stream-copy) that best as a
 * fraction of the ceiling kernel's best at the same thread count.  (The
 * construct costs are constructs.h's; the minimum sizes, sizes.h's.)
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

/* Fills the best throughput and ceiling fields of every cell (after the statistics). */
void ceiling_cells(sweep_result *r);

#endif
