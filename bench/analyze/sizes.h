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

/* The params text without the size parameter's "name=value", in buf. */
void sizes_params_without_size(const cell_result *c, char *buf, size_t len);

#endif
