/*
 * peakflops.h: the peakflops kernel's lanes and its reference, for tests.
 */
#ifndef OMPSCALE_PEAKFLOPS_H
#define OMPSCALE_PEAKFLOPS_H

#include <stdint.h>

/* The lanes of the last run (96 per thread, thread after thread), and its threads. */
double *peakflops_lanes(void *state, int *threads);
/* x_n of x <- a x + b from x0 after n iterations, in closed form: what verify() compares to. */
double peakflops_closed_form(double x0, int64_t iterations);
/* The absolute error verify() allows a lane after n iterations (the rounding bound). */
double peakflops_tolerance(int64_t iterations);

#endif
