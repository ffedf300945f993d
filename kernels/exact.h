/*
 * exact.h: printing 128-bit integers, which printf cannot, so that exact
 * results (sums past 2^63) are shown with every digit.
 */
#ifndef OMPSCALE_EXACT_H
#define OMPSCALE_EXACT_H

#include <stddef.h>

/* Writes v in decimal into buf (at least 41 bytes hold any value). */
void exact_i128_text(__int128 v, char *buf, size_t len);

#endif
