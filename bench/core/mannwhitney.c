/*
 * mannwhitney.c: the Mann-Whitney U test (mannwhitney.h).  The samples are
 * pooled and sorted, tied values get the mean of their ranks (midranks), and
 * U of x is its rank sum less nx (nx + 1) / 2.  The exact distribution of U
 * without ties counts the orders of the pooled sample by the recurrence
 * c(u; m, n) = c(u - n; m - 1, n) + c(u; m, n - 1) (whether the largest
 * value is an x, above all n y's, or a y): only additions of counts, so
 * doubles keep it to their precision; it is built up over m for every n at
 * once, n + 1 arrays of up to m n + 1 counts.
 */
#include "mannwhitney.h"

#include <math.h>
#include <stdlib.h>

#include "status.h"

typedef struct mwu_value {
    double v;
    bool from_x;
} mwu_value;

static int mwu_by_value(const void *a, const void *b)
{
    double x = ((const mwu_value *)a)->v, y = ((const mwu_value *)b)->v;
    return (x > y) - (x < y);
}

/*
 * P(U >= u) for samples of sizes m and n without ties, from the counts of
 * every U over all C(m + n, m) orders; NAN out of memory.
 */
static double mwu_exact_upper(size_t m, size_t n, double u)
{
    size_t top = m * n;
    /* count[j][k]: the orders of i x's and j y's with U = k, for the current i */
    double *count = calloc((n + 1) * (top + 1), sizeof *count);
    if (!count)
        return NAN;
#define C(j, k) count[(j) * (top + 1) + (k)]
    for (size_t j = 0; j <= n; j++)
        C(j, 0) = 1; /* i = 0: one order, U = 0 */
    for (size_t i = 1; i <= m; i++) {
        /* c(k; i, j) = c(k - j; i - 1, j) + c(k; i, j - 1): j rising, k falling, so that
         * C(j, k - j) still holds row i - 1 when it is read and C(j - 1, k) row i */
        for (size_t j = 0; j <= n; j++)
            for (size_t k = i * j + 1; k-- > 0;) {
                double with_x_last = k >= j ? C(j, k - j) : 0;
                double with_y_last = j > 0 ? C(j - 1, k) : 0;
                C(j, k) = with_x_last + with_y_last;
            }
    }
    double total = 0, upper = 0;
    for (size_t k = 0; k <= top; k++) {
        total += C(n, k);
        if ((double)k >= u)
            upper += C(n, k);
    }
#undef C
    free(count);
    return upper / total;
}

int mwu_test(const double *x, size_t nx, const double *y, size_t ny, mwu_result *out)
{
    if (nx == 0 || ny == 0)
        return OMPSCALE_USAGE;
    size_t n = nx + ny;
    mwu_value *all = malloc(n * sizeof *all);
    if (!all)
        return OMPSCALE_FAIL;
    for (size_t i = 0; i < n; i++) {
        all[i] = (mwu_value){i < nx ? x[i] : y[i - nx], i < nx};
        if (!isfinite(all[i].v)) {
            free(all);
            return OMPSCALE_USAGE;
        }
    }
    qsort(all, n, sizeof *all, mwu_by_value);
    double rank_sum_x = 0, ties = 0; /* ties: the sum of t^3 - t over groups of t equal values */
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && all[end].v == all[i].v)
            end++;
        double t = (double)(end - i), midrank = (double)(i + 1 + end) / 2; /* ranks i+1..end */
        for (size_t k = i; k < end; k++)
            rank_sum_x += all[k].from_x ? midrank : 0;
        ties += t * t * t - t;
        i = end;
    }
    free(all);
    double mx = (double)nx, my = (double)ny, nn = (double)n;
    double u = rank_sum_x - mx * (mx + 1) / 2;
    double u_far = fmax(u, mx * my - u); /* the tail the seen U lies in, taken from above */
    *out = (mwu_result){.u = u};
    if (ties == 0 && nx <= MWU_EXACT_MAX && ny <= MWU_EXACT_MAX) {
        double upper = mwu_exact_upper(nx, ny, u_far);
        if (isnan(upper))
            return OMPSCALE_FAIL;
        out->p = fmin(1, 2 * upper);
        out->exact = true;
        return OMPSCALE_OK;
    }
    double sd = sqrt(mx * my / 12 * ((nn + 1) - ties / (nn * (nn - 1))));
    if (!(sd > 0)) { /* every value equal: nothing tells the samples apart */
        out->p = 1;
        return OMPSCALE_OK;
    }
    double z = (u_far - mx * my / 2 - 0.5) / sd;
    out->p = fmin(1, erfc(z / sqrt(2))); /* 2 P(Z > z) = erfc(z / sqrt 2) */
    return OMPSCALE_OK;
}
