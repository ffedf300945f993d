/*
 * sort.c: sort_u53 (sort.h), a bucket sort made for uniform random keys.
 *
 * n keys go into n buckets by their leading bits (bucket b holds about the
 * keys in [b, b+1) * 2^53 / n), so buckets come in key order and a uniform
 * key lands in each with probability about 1/n: a bucket holds about one
 * key, rarely more than a few.  Three passes do it:
 *   1. count the keys of each bucket, then turn the counts into each
 *      bucket's first place (a prefix sum), noting the fullest bucket;
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
 * A bucket fuller than that (pass 1 lists them) is sorted again on its own,
 * by insertion when it is small and by qsort otherwise, so that any input
 * is sorted correctly, in O(n log n) at worst.
 *
 * Cost for uniform keys: pass 1 reads n keys and updates n counters twice,
 * pass 2 reads and writes n keys and updates n counters, pass 3 compares
 * each key with its 6 neighbours (in cache) and writes it and a byte; about
 * 50 bytes and 30 simple operations a key, against about n log2 n
 * comparisons, each a mispredicted branch half the time, for a heapsort.
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
    uint64_t *padded;   /* SORT_WINDOW zeros, `grouped` (capacity keys), SORT_WINDOW ones */
    uint64_t *grouped;  /* padded + SORT_WINDOW */
    uint32_t *first;    /* per bucket: its first place in grouped, then (after pass 2) its end */
    int8_t *shift;      /* per key of grouped: how far its rank is from its place */
    uint32_t *full;     /* the buckets of more than SORT_WINDOW + 1 keys, ascending */
};

sort_workspace *sort_workspace_alloc(size_t capacity)
{
    if (capacity > UINT32_MAX)
        return NULL;
    sort_workspace *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->capacity = capacity;
    w->padded = calloc(capacity + 2 * SORT_WINDOW, sizeof *w->padded);
    w->first = calloc(capacity > 0 ? capacity : 1, sizeof *w->first);
    w->shift = calloc(capacity > 0 ? capacity : 1, sizeof *w->shift);
    w->full = calloc(capacity / (SORT_WINDOW + 2) + 1, sizeof *w->full);
    if (!w->padded || !w->first || !w->shift || !w->full) {
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
    free(w->first);
    free(w->shift);
    free(w->full);
    free(w);
}

/*
 * The bucket of key k among n: floor(k n / 2^53), from the key's leading 32
 * bits (the product then fits in 64 bits for n < 2^32).  Non-decreasing in
 * k, so buckets come in key order.  The mask keeps a key at or above 2^53 in
 * range; sort_count refuses such keys before they are placed.
 */
static inline uint32_t sort_bucket(uint64_t k, uint64_t n)
{
    return (uint32_t)((((k >> 21) & UINT32_MAX) * n) >> 32);
}

/*
 * Pass 1: first[b] becomes the place of bucket b's first key in sorted
 * order, and full[0..*nfull) the buckets of more than SORT_WINDOW + 1 keys.
 * SORT_EINVAL if a key is not below SORT_KEY_LIMIT.
 */
static int sort_count(const uint64_t *restrict keys, size_t n, uint32_t *restrict first,
                      uint32_t *restrict full, size_t *nfull)
{
    uint64_t all_bits = 0;
    memset(first, 0, n * sizeof *first);
    for (size_t i = 0; i < n; i++) {
        all_bits |= keys[i];
        first[sort_bucket(keys[i], n)]++;
    }
    if (all_bits >= SORT_KEY_LIMIT)
        return SORT_EINVAL;
    uint32_t place = 0;
    size_t listed = 0;
    for (size_t b = 0; b < n; b++) {
        const uint32_t count = first[b];
        first[b] = place;
        place += count;
        if (count > SORT_WINDOW + 1)
            full[listed++] = (uint32_t)b;
    }
    *nfull = listed;
    return SORT_OK;
}

/* Pass 2: the keys into grouped, bucket by bucket; first[b] ends as bucket b's end. */
static void sort_scatter(const uint64_t *restrict keys, size_t n, uint32_t *restrict first,
                         uint64_t *restrict grouped)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        grouped[first[sort_bucket(k, n)]++] = k;
    }
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
    if (n > w->capacity)
        return SORT_EINVAL;
    size_t nfull = 0;
    if (sort_count(keys, n, w->first, w->full, &nfull) != SORT_OK)
        return SORT_EINVAL;
    /*
     * Sentinels that the rank pass never counts: no key is above the zeros
     * before grouped (calloc's), nor below the all-ones written after its
     * n keys here, since an earlier, longer call left keys there.
     */
    for (size_t j = 0; j < SORT_WINDOW; j++)
        w->grouped[n + j] = UINT64_MAX;
    sort_scatter(keys, n, w->first, w->grouped);
    sort_shifts(w->grouped, n, w->shift);
    sort_place(w->grouped, w->shift, n, keys);
    sort_full_buckets(w->grouped, w->first, w->full, nfull, keys);
    return SORT_OK;
}
