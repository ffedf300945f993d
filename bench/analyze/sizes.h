/*
 * sizes.h: scaling in problem size as well as threads.  With --sizes, one
 * configuration runs at several sizes: each variant's crossover, the size
 * below which parallel execution is slower than serial.  With --weak, the
 * size grows with the threads: the weak-scaling efficiency of each cell,
 * the serial time at the base size over the cell's time at base x threads.
 */
#ifndef OMPSCALE_SIZES_H
#define OMPSCALE_SIZES_H

#include "result.h"

/* Fills weak_efficiency of every cell and faster_from of every scaling row. */
void sizes_analyse(sweep_result *r);

/* Whether scaling row j is the last of its size series (where its summary is printed). */
bool sizes_is_last(const sweep_result *r, size_t j);

/* A parallel region may cost at most this fraction of the work at P threads. */
#define SIZES_MAX_OVERHEAD 0.01

/*
 * Fills min_size and fork_join_us of every scaling row: the smallest size at
 * which one parallel region (the construct cost of the kernel whose row says
 * it is the fork-join reference, kernel.h, at P threads) costs under
 * SIZES_MAX_OVERHEAD of the work at P threads.  After constructs_cost.
 */
void sizes_minimum(sweep_result *r, int P);

/* The params text without the size parameter's "name=value", in buf. */
void sizes_params_without_size(const cell_result *c, char *buf, size_t len);

#endif
