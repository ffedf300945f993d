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
 * Pure numbers, no I/O: the renderers (compare_report.h) print the model.
 */
#ifndef OMPSCALE_COMPARE_H
#define OMPSCALE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "resultfile.h"
#include "scaling.h"

#define COMPARE_MAX_FILES 16
#define COMPARE_THRESHOLD 0.05 /* the knee rule's threshold, as `ompscale run` uses */

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
    char label[COMPARE_MAX_FILES][160]; /* the host, with #2, #3 for a host seen before */
    bool version_differs;               /* some file's ompscale_version differs from the first's */
    bool timing_differs;                /* some file's timing method differs from the first's */
    compare_config *configs;
    size_t nconfigs;
    compare_series *series;             /* grouped by configuration, serial first in each */
    size_t nseries;
} compare_model;

/*
 * Builds the model of nfiles (2 to COMPARE_MAX_FILES) files that rf_load
 * read, which must outlive it.  Returns 0, or 1 when out of memory (err says
 * so); it refuses nothing rf_load accepted (resultfile.h), so that compare
 * and plot accept the same files.  On failure out holds nothing to free.
 */
int compare_build(const rf_file *files, size_t nfiles, compare_model *out, char *err,
                  size_t errlen);

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
