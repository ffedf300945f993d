/*
 * overhead.h: write access to the overhead kernels' counters, for tests that
 * check a wrong count is caught.
 */
#ifndef OMPSCALE_OVERHEAD_H
#define OMPSCALE_OVERHEAD_H

#include <stdint.h>

/*
 * The last run's count for one thread (regions entered by it, or barriers
 * passed: overhead-parallel, overhead-barrier) or, with thread -1, the
 * shared counter (updates: reduction, atomic, critical); NULL for a thread
 * outside the counters.
 */
int64_t *overhead_counter(void *state, int thread);

#endif
