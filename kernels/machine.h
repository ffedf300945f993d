/*
 * machine.h: the few machine facts kernels need to choose their default sizes
 * (the last-level cache, read with hwloc), and checked allocation of the big
 * arrays (sizes whose byte count overflows, or that exceed physical memory,
 * are refused before anything is allocated).
 */
#ifndef OMPSCALE_MACHINE_H
#define OMPSCALE_MACHINE_H

#include <stddef.h>
#include <stdint.h>

/* The size in bytes of the largest cache hwloc reports, or 0 if unknown. */
uint64_t machine_llc_bytes(void);
/*
 * The size in bytes of one cache of level 1 (data), 2 or 3 as hwloc reports
 * it (the first such cache: each core's own for private levels), or 0 if
 * there is none or it is unknown.
 */
uint64_t machine_cache_bytes(int level);
/* Physical memory in bytes, or 0 if unknown. */
uint64_t machine_memory_bytes(void);
/*
 * The default element count for a memory-bound kernel: each array of doubles
 * at least 4x the last-level cache (a power of two), or 2^25 when unknown.
 */
int64_t machine_default_array_len(void);
/*
 * Checks that `arrays` arrays of n elements of `elem` bytes fit in half of the
 * physical memory; on failure writes why into err and returns 2.
 */
int machine_check_fits(const char *what, int64_t n, size_t elem, int arrays, char *err,
                       size_t errlen);
/* The huge-page size that big arrays are aligned to (2 MiB on x86-64 and arm64). */
#define MACHINE_HUGE_PAGE ((size_t)2 << 20)
/*
 * Aligned allocation of n doubles: 64-byte aligned, and for arrays of 2 MiB
 * or more 2 MiB aligned and advised as transparent huge pages.  NULL on
 * failure or overflow.  Free with free().
 */
double *machine_alloc_doubles(int64_t n);
/* The transparent huge page mode ("always", "madvise", "never"), or "unknown". */
void machine_thp_mode(char *buf, size_t len);

#endif
