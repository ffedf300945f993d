/*
 * sort.h: an ascending sort of 53-bit keys, the integers that rng.h turns
 * into uniform doubles, in expected linear time when they are uniform and
 * correct whatever they are (sort.c says how).
 *
 * Sorting the keys sorts the points drawn from them: a + width * (k * 2^-53)
 * is a non-decreasing function of k for width > 0 (k * 2^-53 is exact, and
 * a rounded product and a rounded sum never decrease when an operand
 * grows), so the sorted keys give the sorted points; and since any correct
 * sort of the same numbers gives the same array, they are gsl_sort's array
 * bit for bit.
 */
#ifndef OMPSCALE_SORT_H
#define OMPSCALE_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Keys must be below this: rng.h's 53 random bits. */
#define SORT_KEY_LIMIT (UINT64_C(1) << 53)

/* sort_u53's statuses (GSL's convention: 0 is success). */
enum {
    SORT_OK = 0,
    SORT_EINVAL = 1, /* more keys than the workspace holds, or a key not below SORT_KEY_LIMIT */
};

/*
 * What sort_u53 needs besides the keys, for up to `capacity` keys: about
 * 22 bytes a key, calloc'd (large arrays are fresh pages until the first
 * sort touches them).
 */
typedef struct sort_workspace sort_workspace;

/* NULL when out of memory or capacity is above UINT32_MAX. */
sort_workspace *sort_workspace_alloc(size_t capacity);
/* Does nothing for NULL. */
void sort_workspace_free(sort_workspace *w);

/*
 * Sorts keys[0..n) ascending in place.  Returns SORT_EINVAL, with the keys
 * untouched, when n exceeds the workspace's capacity or a key is not below
 * SORT_KEY_LIMIT.
 */
int sort_u53(uint64_t *keys, size_t n, sort_workspace *w);

#endif
