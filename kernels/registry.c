/*
 * registry.c: the kernel table (registry.h): the built-in kernels, and the
 * list every command reads, which kernels from plugins join at run time.
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
extern const kernel kernel_peakflops;
extern const kernel kernel_squares;
extern const kernel kernel_rangesum;
extern const kernel kernel_montecarlo;
extern const kernel kernel_quadrature;

/*
 * The stream ceilings and the compute roof (peakflops) come first: they are
 * measured before the kernels compared against them.
 */
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
    &kernel_peakflops,
    &kernel_squares,
    &kernel_rangesum,
    &kernel_montecarlo,
    &kernel_quadrature,
    NULL,
};

/* Every kernel and its origin (NULL: built in); filled from kernel_registry on first use. */
static const kernel *registry_every[REGISTRY_MAX + 1];
static const char *registry_origins[REGISTRY_MAX];
static int registry_count;

static void registry_fill(void)
{
    if (registry_count > 0)
        return;
    for (; kernel_registry[registry_count]; registry_count++)
        registry_every[registry_count] = kernel_registry[registry_count];
}

const kernel *const *registry_all(void)
{
    registry_fill();
    return registry_every;
}

const char *registry_origin(const kernel *k)
{
    registry_fill();
    for (int i = 0; i < registry_count; i++)
        if (registry_every[i] == k)
            return registry_origins[i];
    return NULL;
}

int registry_add(const kernel *const *kernels, const char *origin, char *err, size_t errlen)
{
    registry_fill();
    int n = 0;
    for (; kernels[n]; n++) {
        const kernel *k = kernels[n];
        if (registry_count + n == REGISTRY_MAX) {
            snprintf(err, errlen, "more kernels than ompscale takes: at most %d, built-in ones "
                     "included (%d)", REGISTRY_MAX, registry_count);
            return OMPSCALE_USAGE;
        }
        if (kernel_validate(k, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (k->fork_join_reference) {
            snprintf(err, errlen, "kernel '%s' claims to be the fork-join reference, which is "
                     "built into ompscale (overhead-parallel): leave fork_join_reference false",
                     k->name);
            return OMPSCALE_USAGE;
        }
        const kernel *known = registry_find(k->name);
        if (known) {
            const char *from = registry_origin(known);
            snprintf(err, errlen, "kernel '%s' clashes with the kernel of that name %s%s: give "
                     "it another name (ompscale list names those taken)", k->name,
                     from ? "from " : "built into ompscale", from ? from : "");
            return OMPSCALE_USAGE;
        }
        for (int j = 0; j < n; j++)
            if (strcmp(kernels[j]->name, k->name) == 0) {
                snprintf(err, errlen, "kernel '%s' is listed twice in the table: give each "
                         "kernel its own name", k->name);
                return OMPSCALE_USAGE;
            }
    }
    if (n == 0) {
        snprintf(err, errlen, "the table lists no kernel: give at least one before its NULL");
        return OMPSCALE_USAGE;
    }
    for (int j = 0; j < n; j++) {
        registry_origins[registry_count] = origin;
        registry_every[registry_count++] = kernels[j];
    }
    return OMPSCALE_OK;
}

const kernel *registry_find(const char *name)
{
    const kernel *const *all = registry_all();
    for (int i = 0; all[i]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

void registry_names(char *buf, size_t len)
{
    const kernel *const *all = registry_all();
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; all[i] && used < len; i++) {
        int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", all[i]->name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
