/*
 * units.c: throughput units (units.h).
 */
#include "units.h"

#include <stdio.h>

const char *units_throughput(kernel_unit work_unit, double *scale)
{
    switch (work_unit) {
    case KERNEL_UNIT_BYTES:
        *scale = 1e9;
        return "GB/s";
    case KERNEL_UNIT_FLOP:
        *scale = 1e9;
        return "GFLOP/s";
    case KERNEL_UNIT_SAMPLE:
        *scale = 1e6;
        return "Msamples/s";
    case KERNEL_UNIT_CONSTRUCT:
        *scale = 1e6;
        return "Mconstructs/s";
    case KERNEL_UNIT_ITEM:
        break;
    }
    *scale = 1;
    return "items/s";
}

void units_format_throughput(double amount, kernel_unit work_unit, double seconds, char *buf,
                             size_t len)
{
    double scale;
    const char *unit = units_throughput(work_unit, &scale);
    snprintf(buf, len, "%.4g %s", seconds > 0 ? amount / seconds / scale : 0.0, unit);
}
