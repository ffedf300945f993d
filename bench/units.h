/*
 * units.h: how a kernel's work per second is named and scaled for people:
 * bytes as GB/s, flops as GFLOP/s, items and samples per second.
 */
#ifndef OMPSCALE_UNITS_H
#define OMPSCALE_UNITS_H

#include <stddef.h>

/* The throughput unit for a work unit ("B" -> "GB/s"), and the divisor to get it. */
const char *units_throughput(const char *work_unit, double *scale);
/* "12.3 GB/s" from work amount and seconds. */
void units_format_throughput(double amount, const char *work_unit, double seconds, char *buf,
                             size_t len);

#endif
