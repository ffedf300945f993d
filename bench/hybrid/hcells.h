/*
 * hcells.h: the cells of a hybrid sweep from the records of its launches
 * (hrecord.h): one cell_result per kernel configuration and split, in the
 * suite's one result struct, with the speedup and efficiency against the
 * configuration's serial cell over ranks x threads and the POP metrics
 * (load balance, MPI and OpenMP parallel efficiency).  Pure numbers.
 */
#ifndef OMPSCALE_HCELLS_H
#define OMPSCALE_HCELLS_H

#include <stddef.h>

#include "hrecord.h"
#include "result.h"

/*
 * Fills *out from cell `i` of rec: k the kernel, serial its configuration's
 * serial cell (analysed: stats set) or NULL.  The times are copied
 * (out->times is malloc'ed).  0, or 1 out of memory.
 */
int hcells_from_record(const hrecord *rec, size_t i, const kernel *k, int group,
                       const cell_result *serial, cell_result *out);

/* "host:ranks,host:ranks" of rec's ranks in rank order, in buf. */
void hcells_hosts(const hrecord *rec, char *buf, size_t len);

#endif
