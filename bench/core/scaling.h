/*
 * scaling.h: what a series of speedups against thread count says: the best
 * thread count, where scaling flattens, the Karp-Flatt serial fraction per p,
 * an Amdahl fit and a Universal Scalability Law fit with its predictions for
 * bigger machines.  Pure numbers, no I/O.
 */
#ifndef OMPSCALE_SCALING_H
#define OMPSCALE_SCALING_H

#include <stdbool.h>
#include <stddef.h>

#define SCALING_MAX_POINTS 64

/* One measured point: speedup at a thread count, with its 95% interval. */
typedef struct scaling_point {
    int threads;
    double speedup;
    double ci_low, ci_high;
} scaling_point;

typedef enum {
    KNEE_NONE,     /* still scaling at the last thread count measured */
    KNEE_EARLY,    /* flattens before the physical core count (memory bandwidth, overhead...) */
    KNEE_PHYSICAL, /* at the physical core count */
    KNEE_LOGICAL,  /* at the logical CPU count (SMT siblings helped) */
    KNEE_BEYOND,   /* past the CPU count (latency-bound work) */
    KNEE_WITHIN,   /* at or before the CPU count, the physical core count being unknown */
} scaling_knee;

typedef struct scaling_summary {
    int best_threads;      /* the thread count of the largest speedup */
    double max_speedup;
    int flattens_at;       /* knee: smallest p after which no p' gains more than threshold */
    scaling_knee knee;
    double threshold;      /* the relative gain the knee rule uses */
    /* Karp-Flatt experimentally determined serial fraction e(p) = (1/S - 1/p) / (1 - 1/p), p > 1 */
    size_t points;
    int kf_threads[SCALING_MAX_POINTS];
    double karp_flatt[SCALING_MAX_POINTS];
    /* Amdahl: 1/S = f + (1 - f)/p by gsl_fit_linear of 1/S on 1/p over p <= P */
    double amdahl_f;       /* the intercept */
    double amdahl_slope;   /* ideally 1 - f */
    int amdahl_ok;         /* enough points (>= 2 distinct p) */
    int amdahl_points;     /* the thread counts it was fitted on (p <= P) */
    /* USL: S = p / (1 + s(p - 1) + k p(p - 1)), least squares on p/S - 1 */
    double usl_sigma;      /* contention */
    double usl_kappa;      /* coherency */
    double usl_peak_p;     /* sqrt((1 - sigma) / kappa), or infinity when kappa = 0 */
    double usl_at_2P;      /* predicted speedup at 2P and 4P threads */
    double usl_at_4P;
    int usl_ok;
    /*
     * Which of the figures above stand as findings (scaling.c's rules).  Each
     * text is empty when the figure stands, else why it is withheld; the
     * numbers stay, for the JSON, but no sentence states them as a finding.
     */
    double amdahl_r2;        /* R^2 of the Amdahl fit of 1/S on 1/p; NAN without a fit */
    double usl_r2;           /* R^2 of the USL curve against the speedups; NAN without a fit */
    bool no_speedup;         /* the best speedup is below 1 (and its interval does not reach 1) */
    char speedup_note[160];  /* why the best speedup is not a gain, when it is not */
    char knee_withheld[160]; /* why the knee or "still scaling" claim is not supported */
    char amdahl_withheld[160];
    char usl_withheld[160];
} scaling_summary;

/* The relative gain the knee rule uses: a later thread count must gain more than 5%. */
#define SCALING_KNEE_THRESHOLD 0.05

/* A fit whose R^2 is below this describes the points too poorly to be a finding. */
#define SCALING_MIN_R2 0.9

/*
 * Analyses n points (sorted by threads, each thread count once).  P is the
 * logical CPU count, physical the physical core count (0: unknown, so a knee
 * at or before P is KNEE_WITHIN rather than early, physical or logical),
 * threshold the relative speedup gain that counts as "still scaling" (e.g. 0.05).
 */
int scaling_analyse(const scaling_point *pts, size_t n, int P, int physical, double threshold,
                    scaling_summary *out);

/* A word for the knee: "none", "early", "physical-cores", "logical-cpus", "beyond-cpus",
 * "within-cpus". */
const char *scaling_knee_name(scaling_knee knee);

#endif
