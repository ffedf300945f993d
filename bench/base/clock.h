/*
 * clock.h: the one clock every timing in ompscale reads: CLOCK_MONOTONIC,
 * which never jumps with the wall clock.
 */
#ifndef OMPSCALE_CLOCK_H
#define OMPSCALE_CLOCK_H

/* Seconds since an arbitrary fixed point. */
double clock_now(void);
/* The clock's advertised resolution in seconds (clock_getres). */
double clock_resolution(void);

#endif
