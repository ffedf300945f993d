/*
 * compare.h: the model behind `ompscale compare`, built from result files
 * that rf_load read, one per machine.  Rows are matched into series keyed by
 * kernel, configuration (the kernel's n-th distinct params and size in file
 * order), variant and schedule; each series holds one column group per file:
 * the row at every thread count any file measured, the file's scaling
 * summary, its speedup per physical core, and the ratio of the baseline's
 * (the first file's) median time to this file's at each file's best thread
 * count.  Against the baseline, every figure gets a verdict: intervals that
 * overlap are not significant.  The serial rows form a series of their own
 * (variant serial, schedule none), so its time ratio is the one at 1 thread.
 * Each cell of a file after the first also gets its time ratio against the
 * baseline's cell and the regression gate's verdict (compare_gate.c): the
 * Mann-Whitney U test on the two cells' repetition times.  Each file has a
 * label (given, or its host made unique) and the geometric means of its
 * time ratios over the kernel configurations it shares with the baseline.
 * Pure numbers, no I/O: the renderers (compare_report.h) print the model.
 */
#ifndef OMPSCALE_COMPARE_H
#define OMPSCALE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"
#include "resultfile.h"
#include "scaling.h"

#define COMPARE_MAX_FILES 16
#define COMPARE_THRESHOLD SCALING_KNEE_THRESHOLD /* the knee rule's, as `ompscale run` uses */
#define COMPARE_FACTOR 1.10    /* the gate's default: slower than the baseline by 10% */
#define COMPARE_ALPHA 0.05     /* the gate's default significance level */
#define COMPARE_MIN_REPS 9     /* fewer repetitions in either cell: no verdict */
#define COMPARE_LABEL_MAX RESULT_LABEL_MAX /* a label given with --label: at most so many bytes */

/* How a comparison is made: what the command line may set. */
typedef struct compare_settings {
    const char *labels[COMPARE_MAX_FILES]; /* NULL: the file's host, made unique */
    double factor;                         /* above 1: a slowdown beyond it is a regression */
    double alpha;                          /* in (0, 1): p below it is a real difference */
    bool verdicts_asked;                   /* --fail-on-regression or --format json: why a
                                              cell got no verdict is said on stderr */
} compare_settings;

/* The regression gate's verdict on one cell of a file against the baseline's. */
typedef enum {
    GATE_NONE,          /* no such cell in one of the two, or it failed (no repetitions) */
    GATE_NO_TIMES,      /* a file records no repetition times (a CSV, a JSON before schema 1) */
    GATE_TOO_FEW,       /* fewer than COMPARE_MIN_REPS repetitions in one of the two cells */
    GATE_NO_DIFFERENCE, /* p >= alpha, or the medians within the factor of each other */
    GATE_REGRESSION,    /* median slower than the baseline's x factor, and p < alpha */
    GATE_IMPROVEMENT,   /* median faster than the baseline's / factor, and p < alpha */
} compare_gate_verdict;

typedef struct compare_gate {
    compare_gate_verdict verdict;
    double slowdown; /* this cell's median time / the baseline's; NAN without both */
    double p;        /* the Mann-Whitney U test's two-sided p; NAN without a test */
    bool exact;      /* p from U's exact distribution (else the normal approximation) */
} compare_gate;

/* A figure of one file against the same figure of the baseline. */
typedef enum {
    COMPARE_MISSING,  /* this file or the baseline has no such row */
    COMPARE_UNKNOWN,  /* a row lacks the 95% interval the verdict needs */
    COMPARE_NS,       /* the 95% intervals overlap: not significant */
    COMPARE_BASELINE, /* the baseline is significantly higher (speedup) or faster (time) */
    COMPARE_THIS,     /* this file is significantly higher or faster */
} compare_verdict;

/* One file's row at one thread count of a series. */
typedef struct compare_cell {
    const rf_row *row;               /* NULL when this file has no such row; reps 0: failed */
    double speedup_per_core;         /* speedup / min(threads, physical cores); NAN when
                                        either is unknown */
    compare_verdict speedup_verdict; /* its speedup interval against the baseline's */
    double time_ratio;               /* the baseline's median time / this one's (above 1:
                                        faster); NAN without both */
    compare_verdict time_verdict;    /* its median-time interval against the baseline's */
    compare_gate gate;               /* against the baseline's cell (files after the first) */
} compare_cell;

/* One file's figures of a series. */
typedef struct compare_side {
    bool summary_ok;                 /* the file has rows with speedups to analyse */
    scaling_summary summary;         /* scaling_analyse at COMPARE_THRESHOLD */
    double max_speedup_per_core;     /* max speedup / physical cores; NAN when unknown */
    const rf_row *best;              /* the row at summary.best_threads */
    double best_time_ratio;          /* baseline's best median time / this file's; NAN if none */
    compare_verdict best_time_verdict; /* from the median-time intervals */
} compare_side;

/* One kernel configuration: a kernel's n-th distinct params and size, matched across files. */
typedef struct compare_config {
    char kernel[32];
    int index;                            /* 1-based among the kernel's configurations */
    int count;                            /* how many configurations the kernel has, at most */
    const char *params[COMPARE_MAX_FILES]; /* NULL when the file lacks the configuration */
    long long size[COMPARE_MAX_FILES];
    bool params_differ, size_differ;      /* between the files that have it */
} compare_config;

typedef struct compare_series {
    size_t config;                   /* index into compare_model.configs */
    char variant[32];
    char schedule[32];
    bool serial;                     /* the reference series: variant serial, schedule none */
    size_t nthreads;
    int *threads;                    /* every thread count of any file, rising */
    size_t threads_cap;
    compare_cell *cells;             /* nthreads x nfiles: use compare_cell_at */
    compare_side side[COMPARE_MAX_FILES];
} compare_series;

typedef struct compare_model {
    size_t nfiles;
    const rf_file *files[COMPARE_MAX_FILES];
    compare_settings settings;
    char label[COMPARE_MAX_FILES][160]; /* given, or the host with #2, #3 for one seen before */
    bool version_differs;               /* some file's ompscale_version differs from the first's */
    bool timing_differs;                /* some file's timing method differs from the first's */
    bool build_differs;                 /* compiler, _OPENMP or the OpenMP runtime differ between
                                           files recording them */
    bool build_unknown;                 /* some file records no compiler (a CSV) */
    /* over the kernel configurations file f shares with the baseline: the geometric mean of
     * the baseline's shortest median time of the configuration (any variant, schedule and
     * thread count) / file f's, and of the serial time ratios; NAN when none is shared */
    double geomean_best[COMPARE_MAX_FILES];
    double geomean_serial[COMPARE_MAX_FILES];
    int geomean_configs[COMPARE_MAX_FILES]; /* how many configurations each mean is over */
    size_t gate_counts[GATE_IMPROVEMENT + 1]; /* cells of each verdict, every file together */
    compare_config *configs;
    size_t nconfigs;
    compare_series *series;             /* grouped by configuration, serial first in each */
    size_t nseries;
} compare_model;

/* The defaults: no labels, COMPARE_FACTOR, COMPARE_ALPHA. */
compare_settings compare_settings_default(void);

/*
 * Builds the model of nfiles (2 to COMPARE_MAX_FILES) files that rf_load
 * read, which must outlive it, as settings say (NULL: the defaults; the
 * command line checked them).  Returns 0, or 1 when out of memory (err says
 * so); it refuses nothing rf_load accepted (resultfile.h), so that compare
 * and plot accept the same files.  On failure out holds nothing to free.
 */
int compare_build(const rf_file *files, size_t nfiles, const compare_settings *settings,
                  compare_model *out, char *err, size_t errlen);

/*
 * The gate's verdicts of every cell of every file after the first against
 * the baseline's (compare_gate.c; compare_build calls it): 0, or 1 out of memory.
 */
int compare_gate_judge(compare_model *m);

/* Each file's geometric means against the baseline (compare_means.c; compare_build calls it). */
void compare_geomeans(compare_model *m);

/* "regression", "improvement", "no-difference", "too-few-repetitions", "no-repetitions",
 * "none". */
const char *compare_gate_name(compare_gate_verdict v);

/* The kernel's own figure of row r: microseconds per construct for the overhead kernels,
 * else its throughput; NAN when the row has none.  *unit: "us/construct", "GB/s", ... */
double compare_metric(const rf_row *r, const char **unit);

/* Frees what compare_build allocated; compare_free(NULL) does nothing. */
void compare_free(compare_model *m);

/* The cell of file f at the t-th thread count of s. */
const compare_cell *compare_cell_at(const compare_model *m, const compare_series *s, size_t t,
                                    size_t f);

/* The label of the winner of a verdict of file f (NULL unless the verdict names one). */
const char *compare_winner(const compare_model *m, compare_verdict v, size_t f);

/* "missing", "unknown", "n.s." or "significant" (either way). */
const char *compare_verdict_name(compare_verdict v);

/* The serial series of configuration c, or NULL. */
const compare_series *compare_serial_of(const compare_model *m, size_t c);

#endif
