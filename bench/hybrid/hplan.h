/*
 * hplan.h: the plan of a hybrid sweep: which splits of cores into MPI ranks x
 * OpenMP threads per rank are measured.  By default every factorisation of P
 * (the cores) and of 2P (twice oversubscribed), after 1 x 1, ordered by
 * ranks x threads and then by ranks: on P = 2, 1x1, 1x2, 2x1, 1x4, 2x2, 4x1.
 * --splits gives the list instead.  Pure numbers, no I/O.
 */
#ifndef OMPSCALE_HPLAN_H
#define OMPSCALE_HPLAN_H

#include <stddef.h>

/* The most ranks x threads a split may have (the schema's thread counts stop there too). */
#define HPLAN_MAX_PRODUCT (1 << 20)
#define HPLAN_MAX_SPLITS 64

typedef struct hplan_split {
    int ranks;
    int threads; /* per rank */
} hplan_split;

typedef struct hplan {
    hplan_split splits[HPLAN_MAX_SPLITS];
    size_t nsplits;
} hplan;

/* Every factorisation of cores and 2 x cores, after 1 x 1; OMPSCALE_USAGE (err) if cores < 1. */
int hplan_default(int cores, hplan *p, char *err, size_t errlen);

/*
 * Parses "RxT,RxT,..." (e.g. "1x2,2x1") into p, in the order given, repeats
 * dropped.  OMPSCALE_USAGE with "what was wrong: what is valid" in err for a
 * malformed item, ranks or threads below 1, or a product over
 * HPLAN_MAX_PRODUCT (which an overflowing product is).
 */
int hplan_parse(const char *text, hplan *p, char *err, size_t errlen);

/* The distinct rank counts in plan order; returns how many (at most HPLAN_MAX_SPLITS). */
size_t hplan_rank_counts(const hplan *p, int *ranks);

/* The thread counts of the splits with this many ranks, "1,2,4", in buf. */
void hplan_threads_of(const hplan *p, int ranks, char *buf, size_t len);

#endif
