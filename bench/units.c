/*
 * units.c: throughput units (units.h).
 */
#include "units.h"

#include <stdio.h>
#include <string.h>

const char *units_throughput(const char *work_unit, double *scale)
{
    if (strcmp(work_unit, "B") == 0) {
        *scale = 1e9;
        return "GB/s";
    }
    if (strcmp(work_unit, "flop") == 0) {
        *scale = 1e9;
        return "GFLOP/s";
    }
    if (strcmp(work_unit, "sample") == 0) {
        *scale = 1e6;
        return "Msamples/s";
    }
    if (strcmp(work_unit, "construct") == 0) {
        *scale = 1e6;
        return "Mconstructs/s";
    }
    *scale = 1;
    return "items/s";
}

void units_format_throughput(double amount, const char *work_unit, double seconds, char *buf,
                             size_t len)
{
    double scale;
    const char *unit = units_throughput(work_unit, &scale);
    snprintf(buf, len, "%.4g %s", seconds > 0 ? amount / seconds / scale : 0.0, unit);
}
