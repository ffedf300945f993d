/*
 * squares.h: read access to the squares kernel's output, for tests.
 */
#ifndef OMPSCALE_SQUARES_H
#define OMPSCALE_SQUARES_H

#include <stdint.h>

/* The output array y of the last run, and its length. */
double *squares_output(void *state, int64_t *n);

#endif
