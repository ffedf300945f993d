/*
 * constructs.h: what an OpenMP construct costs, EPCC's way: for a construct
 * kernel (work unit KERNEL_UNIT_CONSTRUCT), its serial variant is the
 * reference loop, so one construct costs (median - serial median) /
 * constructs, with a conservative interval from the two medians' intervals.
 */
#ifndef OMPSCALE_CONSTRUCTS_H
#define OMPSCALE_CONSTRUCTS_H

#include "result.h"

/* Fills overhead_us and its interval of every cell (NAN where it does not apply). */
void constructs_cost(sweep_result *r);

#endif
