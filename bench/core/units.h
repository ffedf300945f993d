/*
 * units.h: how a kernel's work per second is named and scaled for people:
 * bytes as GB/s, flops as GFLOP/s, items and samples per second.
 */
#ifndef OMPSCALE_UNITS_H
#define OMPSCALE_UNITS_H

#include <stddef.h>

#include "kernel.h"

/* The throughput unit for a work unit (bytes -> "GB/s"), and the divisor to get it. */
const char *units_throughput(kernel_unit work_unit, double *scale);
/* "12.3 GB/s" from work amount and seconds. */
void units_format_throughput(double amount, kernel_unit work_unit, double seconds, char *buf,
                             size_t len);

#endif
