/*
 * quadrature.h: read access to the quadrature kernel's per-interval values,
 * for tests.
 */
#ifndef OMPSCALE_QUADRATURE_H
#define OMPSCALE_QUADRATURE_H

#include <stdint.h>

/*
 * The k interval values of the last run, interval i being
 * [a + i (b-a)/k, a + (i+1) (b-a)/k], and k.
 */
double *quadrature_output(void *state, int64_t *k);

#endif
