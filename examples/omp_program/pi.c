/* pi.c STEPS [THREADS]: a user's own OpenMP program, pi by the midpoint rule on 4/(1+x^2),
 * checked against M_PI (exit 1 when off); THREADS defaults to OMP_NUM_THREADS.  README:
 * "Any program's scaling" sweeps it with scripts/hyperfine --command. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#ifndef PI_REFERENCE
#define PI_REFERENCE M_PI /* the tests build it with a wrong one too, to see it fail */
#endif

int main(int argc, char **argv)
{
    long steps = argc > 1 ? atol(argv[1]) : 0;
    int threads = argc > 2 ? atoi(argv[2]) : omp_get_max_threads();
    if (steps < 1 || threads < 1)
        return fprintf(stderr, "usage: pi STEPS [THREADS]\n"), 2;
    double h = 1.0 / (double)steps, sum = 0;
#pragma omp parallel for num_threads(threads) reduction(+ : sum)
    for (long i = 0; i < steps; i++)
        sum += 4 / (1 + ((double)i + 0.5) * h * ((double)i + 0.5) * h);
    double pi = sum * h, error = fabs(pi - PI_REFERENCE);
    printf("pi %.15f error %.3g\n", pi, error);
    return error <= h * h / 3 + 1e-9 ? 0 : 1; /* the rule's bound (|f''| <= 8), the sum's rounding */
}
