/*
 * hserial.h: the serial reference of a hybrid sweep, measured in this
 * process (no MPI) as `ompscale run` measures a serial cell: prepared
 * outside the timed region, one untimed warm-up, `reps` timed runs of
 * variant 0, each verified.  Every hybrid cell of the configuration takes
 * its speedup against it.
 */
#ifndef OMPSCALE_HSERIAL_H
#define OMPSCALE_HSERIAL_H

#include <stddef.h>

#include "kernel.h"
#include "result.h"

/*
 * Measures kernel k with `values` (resolved in place) into *out (out->times
 * malloc'ed, stats computed), group `group`.  OMPSCALE_OK (verified or not:
 * out->verified says), OMPSCALE_USAGE or OMPSCALE_FAIL with why in err.
 */
int hserial_measure(const kernel *k, param_value *values, int group, int reps, cell_result *out,
                    char *err, size_t errlen);

#endif
