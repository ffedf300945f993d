/*
 * montecarlo.h: read access to the montecarlo kernel's last run (montecarlo.c),
 * for tests and plots: the convergence table, one row per sample count of the
 * series, and the exact integral it converges to.
 */
#ifndef OMPSCALE_MONTECARLO_H
#define OMPSCALE_MONTECARLO_H

#include <stdint.h>

/*
 * The convergence table of the last run on `state` (from kernel_montecarlo's
 * prepare): count rows; s[k] points gave the sorted Riemann estimate
 * riemann[k] and the plain Monte Carlo estimate mean[k].  The arrays belong
 * to the state.  Returns OMPSCALE_FAIL (and writes nothing) before any run.
 */
int montecarlo_table(const void *state, int64_t *count, const int64_t **s, const double **riemann,
                     const double **mean);
/* The exact integral of the chosen function over its interval. */
double montecarlo_exact(const void *state);

#endif
