/*
 * fresnel.h: the integral of sin(t^2) from 0 to x, the Fresnel integral in
 * the unscaled form (sqrt(pi/2) * S(x * sqrt(2/pi)) in the usual notation),
 * computed without GSL so that it can check the quadrature kernel: a
 * Maclaurin series in _Float128 below |x| = 6 and the asymptotic expansion
 * from there on.  Good to a few units in the last place of a double for
 * every x (fresnel.c gives the error analysis).
 */
#ifndef OMPSCALE_FRESNEL_H
#define OMPSCALE_FRESNEL_H

/* The integral of sin(t^2) from 0 to x; odd in x. */
double fresnel_sin_x2(double x);
/* The same by the series alone: accurate while |x| <= about 7 (digits lost grow as x^2). */
double fresnel_sin_x2_series(double x);
/* The same by the asymptotic expansion alone: accurate for |x| >= about 6; NaN at x = 0. */
double fresnel_sin_x2_asymptotic(double x);

#endif
