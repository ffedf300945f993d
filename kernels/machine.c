/*
 * machine.c: cache size and memory from hwloc, and checked allocation (machine.h).
 */
#include "machine.h"

#include <hwloc.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

uint64_t machine_llc_bytes(void)
{
    hwloc_topology_t topo;
    uint64_t bytes = 0;
    if (hwloc_topology_init(&topo) != 0)
        return 0;
    if (hwloc_topology_load(topo) == 0) {
        static const hwloc_obj_type_t levels[] = {HWLOC_OBJ_L5CACHE, HWLOC_OBJ_L4CACHE,
                                                  HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L2CACHE,
                                                  HWLOC_OBJ_L1CACHE};
        for (size_t i = 0; i < sizeof levels / sizeof levels[0] && bytes == 0; i++) {
            hwloc_obj_t obj = hwloc_get_next_obj_by_type(topo, levels[i], NULL);
            if (obj && obj->attr)
                bytes = obj->attr->cache.size;
        }
    }
    hwloc_topology_destroy(topo);
    return bytes;
}

uint64_t machine_cache_bytes(int level)
{
    static const hwloc_obj_type_t types[] = {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L2CACHE,
                                             HWLOC_OBJ_L3CACHE};
    if (level < 1 || level > 3)
        return 0;
    hwloc_topology_t topo;
    uint64_t bytes = 0;
    if (hwloc_topology_init(&topo) != 0)
        return 0;
    if (hwloc_topology_load(topo) == 0) {
        hwloc_obj_t obj = hwloc_get_next_obj_by_type(topo, types[level - 1], NULL);
        if (obj && obj->attr)
            bytes = obj->attr->cache.size;
    }
    hwloc_topology_destroy(topo);
    return bytes;
}

uint64_t machine_memory_bytes(void)
{
    hwloc_topology_t topo;
    uint64_t bytes = 0;
    if (hwloc_topology_init(&topo) != 0)
        return 0;
    if (hwloc_topology_load(topo) == 0)
        bytes = hwloc_get_root_obj(topo)->total_memory;
    hwloc_topology_destroy(topo);
    return bytes;
}

int64_t machine_default_array_len(void)
{
    uint64_t llc = machine_llc_bytes();
    if (llc == 0)
        return INT64_C(1) << 25;
    uint64_t want = 4 * llc / sizeof(double);
    int64_t n = 1;
    while ((uint64_t)n < want)
        n <<= 1;
    return n;
}

int machine_check_fits(const char *what, int64_t n, size_t elem, int arrays, char *err,
                       size_t errlen)
{
    uint64_t mem = machine_memory_bytes();
    if (mem == 0)
        mem = UINT64_C(1) << 34; /* unknown: assume 16 GiB rather than refuse */
    uint64_t limit = mem / 2;
    if (n < 1 || (uint64_t)n > limit / elem / (uint64_t)arrays) {
        snprintf(err, errlen,
                 "%s %" PRId64 " needs %d array(s) of %zu-byte elements, more than half of this "
                 "machine's %" PRIu64 " MiB of memory: the largest valid is %" PRIu64,
                 what, n, arrays, elem, mem >> 20, limit / elem / (uint64_t)arrays);
        return 2;
    }
    return 0;
}

/*
 * Arrays of 2 MiB or more are aligned to 2 MiB and advised to the kernel as
 * huge-page candidates (MADV_HUGEPAGE; it matters where transparent huge
 * pages are "madvise" only, as on many distributions).  With 4 KiB pages the
 * physical placement of an array changes from one allocation to the next,
 * and with it a memory-bound kernel's bandwidth by about 10% on our VM: two
 * allocations of the same copy kernel differed that much, which made a
 * kernel's fraction of the stream ceiling depend on which array was
 * allocated first.  The advice is only advice: where it is refused
 * (ENOSYS, EINVAL on kernels without THP) the array is still valid.
 */
double *machine_alloc_doubles(int64_t n)
{
    if (n < 1 || (uint64_t)n > SIZE_MAX / sizeof(double) - MACHINE_HUGE_PAGE)
        return NULL;
    size_t bytes = (size_t)n * sizeof(double);
    size_t align = bytes >= MACHINE_HUGE_PAGE ? MACHINE_HUGE_PAGE : 64;
    bytes = (bytes + align - 1) / align * align;
    double *a = aligned_alloc(align, bytes);
#ifdef MADV_HUGEPAGE
    if (a && align == MACHINE_HUGE_PAGE)
        (void)madvise(a, bytes, MADV_HUGEPAGE);
#endif
    return a;
}

void machine_thp_mode(char *buf, size_t len)
{
    snprintf(buf, len, "unknown");
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f)
        return;
    char line[128];
    if (fgets(line, sizeof line, f)) {
        char *open = strchr(line, '['), *close = open ? strchr(open, ']') : NULL;
        if (open && close && close > open + 1)
            snprintf(buf, len, "%.*s", (int)(close - open - 1), open + 1);
    }
    fclose(f);
}
