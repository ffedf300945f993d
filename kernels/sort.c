/*
 * sort.c: sort_u53 (sort.h), a bucket sort made for uniform random keys.
 *
 * n keys go into n buckets by their leading bits (bucket b holds about the
 * keys in [b, b+1) * 2^53 / n), so buckets come in key order and a uniform
 * key lands in each with probability about 1/n: a bucket holds about one
 * key, rarely more than a few.  Three passes do it:
 *   1. find each key's bucket (a loop that vectorises), count the keys of
 *      each bucket, listing the buckets too full for pass 3, and turn the
 *      counts into each bucket's first place (a prefix sum, which an OpenMP
 *      simd scan vectorises);
 *   2. scatter the keys into `grouped`, bucket after bucket, each bucket's
 *      keys in their input order;
 *   3. put each key at its rank: every key of an earlier bucket is smaller
 *      and every key of a later one larger, so key i of `grouped` belongs
 *      at i + (the later keys of its bucket that are smaller) - (the earlier
 *      ones that are larger), and the rest of its bucket is among the
 *      SORT_WINDOW keys on either side when the bucket holds at most
 *      SORT_WINDOW + 1.  Those 2 SORT_WINDOW comparisons have no branches,
 *      so they vectorise, where an insertion sort of the buckets would
 *      mispredict a branch for about one key in five.
 * A bucket fuller than that (pass 1 listed it) is sorted again on its own,
 * by insertion when it is small and by qsort otherwise, so that any input
 * is sorted correctly, in O(n log n) at worst.
 *
 * Cost for uniform keys, per key: pass 1 reads the key, writes its bucket,
 * clears and updates a counter and writes a place; pass 2 reads the key, its
 * bucket and a place and writes the key and the place; pass 3 compares the
 * key with 6 neighbours (from cache) and writes a byte, then reads both and
 * writes the key.  About 90 bytes of cache traffic and 20 instructions (a
 * vector pass's divided among its 8 keys), where a heapsort makes about
 * log2 n comparisons a key, each a mispredicted branch half the time.
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#include "clones.h"

/*
 * Keys on either side that the rank pass compares: 3 puts a bucket of up to
 * 4 keys within reach.  Bucket sizes of n uniform keys in n buckets are about
 * Poisson(1), so 1.9% of the keys are in a fuller bucket (P(size > 4) =
 * 0.37% of the buckets), each sorted again by insertion: cheaper than the
 * 8 more comparisons per key that a window of 7 (P = 1.1e-6) would cost.
 */
#define SORT_WINDOW 3
/* A bucket beyond the window this size or smaller is sorted by insertion, a larger one by qsort. */
#define SORT_INSERTION_MAX 32

struct sort_workspace {
    size_t capacity;
    uint64_t *padded;  /* SORT_WINDOW zeros, `grouped` (capacity keys), SORT_WINDOW ones */
    uint64_t *grouped; /* padded + SORT_WINDOW */
    uint32_t *bucket;  /* per key: its bucket */
    uint32_t *count;   /* per bucket: its keys */
    uint32_t *first;   /* per bucket: its first place in grouped, then (after pass 2) its end */
    int8_t *shift;     /* per key of grouped: how far its rank is from its place */
    uint32_t *full;    /* the buckets of more than SORT_WINDOW + 1 keys */
};

sort_workspace *sort_workspace_alloc(size_t capacity)
{
    if (capacity > UINT32_MAX)
        return NULL;
    sort_workspace *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    const size_t room = capacity > 0 ? capacity : 1;
    w->capacity = capacity;
    w->padded = calloc(capacity + 2 * SORT_WINDOW, sizeof *w->padded);
    w->bucket = calloc(room, sizeof *w->bucket);
    w->count = calloc(room, sizeof *w->count);
    w->first = calloc(room, sizeof *w->first);
    w->shift = calloc(room, sizeof *w->shift);
    w->full = calloc(capacity / (SORT_WINDOW + 2) + 1, sizeof *w->full);
    if (!w->padded || !w->bucket || !w->count || !w->first || !w->shift || !w->full) {
        sort_workspace_free(w);
        return NULL;
    }
    w->grouped = w->padded + SORT_WINDOW;
    return w;
}

void sort_workspace_free(sort_workspace *w)
{
    if (!w)
        return;
    free(w->padded);
    free(w->bucket);
    free(w->count);
    free(w->first);
    free(w->shift);
    free(w->full);
    free(w);
}

/*
 * Pass 1, first part: bucket[i], the bucket of key i among n, which is
 * floor(k n / 2^32) for k the key's leading 32 of 53 bits (the product fits
 * in 64 bits for n < 2^32).  Non-decreasing in the key, so buckets come in
 * key order.  The mask keeps a key of 53 bits or more in range; the OR of
 * all keys, returned, tells the caller to refuse it.
 */
CLONES_VECTOR
static uint64_t sort_buckets(const uint64_t *restrict keys, size_t n, uint32_t *restrict bucket)
{
    uint64_t all_bits = 0;
    for (size_t i = 0; i < n; i++) {
        all_bits |= keys[i];
        bucket[i] = (uint32_t)((((keys[i] >> 21) & UINT32_MAX) * n) >> 32);
    }
    return all_bits;
}

/* Pass 1, second part: each bucket's keys, and the buckets that reach SORT_WINDOW + 2. */
static size_t sort_count(const uint32_t *restrict bucket, size_t n, uint32_t *restrict count,
                         uint32_t *restrict full)
{
    size_t listed = 0;
    memset(count, 0, n * sizeof *count);
    for (size_t i = 0; i < n; i++)
        if (++count[bucket[i]] == SORT_WINDOW + 2)
            full[listed++] = bucket[i];
    return listed;
}

/*
 * Pass 1, last part: first[b], the keys in buckets before b (an exclusive
 * prefix sum).  GCC vectorises the OpenMP scan; clang keeps a plain loop,
 * and would warn that it did not vectorise what it was asked to.
 */
#ifdef __clang__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpass-failed"
#endif
CLONES_VECTOR
static void sort_first_places(const uint32_t *restrict count, size_t n, uint32_t *restrict first)
{
    uint32_t place = 0;
#pragma omp simd reduction(inscan, + : place)
    for (size_t b = 0; b < n; b++) {
        first[b] = place;
#pragma omp scan exclusive(place)
        place += count[b];
    }
}
#ifdef __clang__
#pragma clang diagnostic pop
#endif

/* Pass 2: the keys into grouped, bucket by bucket; first[b] ends as bucket b's end. */
static void sort_scatter(const uint64_t *restrict keys, const uint32_t *restrict bucket, size_t n,
                         uint32_t *restrict first, uint64_t *restrict grouped)
{
    for (size_t i = 0; i < n; i++)
        grouped[first[bucket[i]]++] = keys[i];
}

/*
 * Pass 3, first half: how far each key of grouped is from its rank.  Equal
 * keys keep their order (only strictly smaller later keys and strictly larger
 * earlier ones move a key), so the ranks are distinct.  Exact for keys whose
 * bucket holds at most SORT_WINDOW + 1; a key of a fuller bucket still stays
 * inside its bucket's places (only keys of its own bucket move it), and
 * sort_full_buckets redoes those.
 */
CLONES_VECTOR
static void sort_shifts(const uint64_t *restrict grouped, size_t n, int8_t *restrict shift)
{
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = grouped[i];
        int64_t moves = 0;
        for (int j = 1; j <= SORT_WINDOW; j++)
            moves += (int64_t)(grouped[i + j] < k) - (int64_t)(grouped[i - j] > k);
        shift[i] = (int8_t)moves;
    }
}

/*
 * Pass 3, second half: each key to its rank, in a loop of its own because a
 * vector scatter (AVX-512's vpscatterqq) is slower than one store a key.
 */
static void sort_place(const uint64_t *restrict grouped, const int8_t *restrict shift, size_t n,
                       uint64_t *restrict sorted)
{
    for (size_t i = 0; i < n; i++)
        sorted[(ptrdiff_t)i + shift[i]] = grouped[i];
}

static int sort_compare(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* keys[0..m) ascending by insertion. */
static void sort_insertion(uint64_t *keys, size_t m)
{
    for (size_t i = 1; i < m; i++) {
        const uint64_t k = keys[i];
        size_t j = i;
        for (; j > 0 && keys[j - 1] > k; j--)
            keys[j] = keys[j - 1];
        keys[j] = k;
    }
}

/* The listed buckets, from grouped into sorted, sorted; end[b] is where bucket b ends. */
static void sort_full_buckets(const uint64_t *grouped, const uint32_t *end, const uint32_t *full,
                              size_t nfull, uint64_t *sorted)
{
    for (size_t f = 0; f < nfull; f++) {
        const uint32_t b = full[f];
        const size_t start = b > 0 ? end[b - 1] : 0, m = end[b] - start;
        memcpy(sorted + start, grouped + start, m * sizeof *sorted);
        if (m <= SORT_INSERTION_MAX)
            sort_insertion(sorted + start, m);
        else
            qsort(sorted + start, m, sizeof *sorted, sort_compare);
    }
}

int sort_u53(uint64_t *keys, size_t n, sort_workspace *w)
{
    if (n > w->capacity || sort_buckets(keys, n, w->bucket) >= SORT_KEY_LIMIT)
        return SORT_EINVAL;
    const size_t nfull = sort_count(w->bucket, n, w->count, w->full);
    sort_first_places(w->count, n, w->first);
    /*
     * Sentinels that the rank pass never counts: no key is above the zeros
     * before grouped (calloc's), nor below the all-ones written after its
     * n keys here, since an earlier, longer call left keys there.
     */
    for (size_t j = 0; j < SORT_WINDOW; j++)
        w->grouped[n + j] = UINT64_MAX;
    sort_scatter(keys, w->bucket, n, w->first, w->grouped);
    sort_shifts(w->grouped, n, w->shift);
    sort_place(w->grouped, w->shift, n, keys);
    sort_full_buckets(w->grouped, w->first, w->full, nfull, keys);
    return SORT_OK;
}
