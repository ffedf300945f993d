/*
 * registry.c: the kernel table (registry.h).
 */
#include "registry.h"

#include <stdio.h>
#include <string.h>

extern const kernel kernel_overhead_parallel;
extern const kernel kernel_overhead_barrier;
extern const kernel kernel_overhead_reduction;
extern const kernel kernel_overhead_atomic;
extern const kernel kernel_overhead_critical;
extern const kernel kernel_stream_copy;
extern const kernel kernel_stream_scale;
extern const kernel kernel_stream_add;
extern const kernel kernel_stream_triad;
extern const kernel kernel_stream_read;
extern const kernel kernel_squares;
extern const kernel kernel_rangesum;
extern const kernel kernel_montecarlo;
extern const kernel kernel_quadrature;

/* The stream ceilings come first: they are measured before the kernels compared against them. */
const kernel *const kernel_registry[] = {
    &kernel_overhead_parallel,
    &kernel_overhead_barrier,
    &kernel_overhead_reduction,
    &kernel_overhead_atomic,
    &kernel_overhead_critical,
    &kernel_stream_copy,
    &kernel_stream_scale,
    &kernel_stream_add,
    &kernel_stream_triad,
    &kernel_stream_read,
    &kernel_squares,
    &kernel_rangesum,
    &kernel_montecarlo,
    &kernel_quadrature,
    NULL,
};

const kernel *registry_find(const char *name)
{
    for (int i = 0; kernel_registry[i]; i++)
        if (strcmp(kernel_registry[i]->name, name) == 0)
            return kernel_registry[i];
    return NULL;
}

void registry_names(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; kernel_registry[i] && used < len; i++) {
        int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", kernel_registry[i]->name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
