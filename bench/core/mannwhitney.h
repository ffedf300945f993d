/*
 * mannwhitney.h: the Mann-Whitney U test (Wilcoxon rank-sum test) of two
 * samples of repetition times, two-sided: do the times of one cell tend to
 * be longer or shorter than those of another?  Pure numbers, no I/O.  It
 * assumes nothing of the times' distribution (timings are skewed, with a
 * long tail of interrupted repetitions), which is why google/benchmark's
 * compare.py and asv use it to call a difference real.
 */
#ifndef OMPSCALE_MANNWHITNEY_H
#define OMPSCALE_MANNWHITNEY_H

#include <stdbool.h>
#include <stddef.h>

/* Samples with both sizes up to this and no ties get the exact distribution. */
#define MWU_EXACT_MAX 30

typedef struct mwu_result {
    double u;    /* U of the first sample: pairs (x_i, y_j) with x_i > y_j, a tie counting 1/2 */
    double p;    /* two-sided p-value, in (0, 1] */
    bool exact;  /* p from the exact distribution of U; false: the normal approximation */
} mwu_result;

/*
 * Tests x (nx times) against y (ny), both at least 1 and finite.  With no
 * tie between any two values and nx, ny <= MWU_EXACT_MAX, p is exact: twice
 * the probability, over all C(nx + ny, nx) equally likely orders, of a U at
 * least as far from nx ny / 2 as the one seen (capped at 1).  Otherwise
 * the normal approximation with the tie correction of the variance and a
 * continuity correction of 1/2, as scipy.stats.mannwhitneyu's "asymptotic"
 * method; every value equal gives p = 1.  Returns 0, 2 for sizes of 0 or a
 * value not finite, 1 out of memory.
 */
int mwu_test(const double *x, size_t nx, const double *y, size_t ny, mwu_result *out);

#endif
