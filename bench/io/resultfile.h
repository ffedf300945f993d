/*
 * resultfile.h: reads the suite's result files back (what `ompscale run` and
 * `ompscale import-hyperfine` write) for compare and plot: the CSV, or the
 * JSON (a name ending in .json).  Both are read by the one column table
 * (schema.h) and checked alike, so that a CSV and the JSON of the same sweep
 * give the same rows.  CSV columns are found by header name, in any order,
 * and extra columns are ignored; fields are split by libcsv, so quoted commas
 * and quotes are read correctly.  JSON fields are found by name in each of
 * rows[] (the per-file ones at the top level), and a JSON of a newer
 * schema_version than this program's is refused.  A file that is not such a
 * CSV or JSON gets one message naming the file and the line and column (CSV)
 * or the row and field (JSON), and status 2 (bad input).
 */
#ifndef OMPSCALE_RESULTFILE_H
#define OMPSCALE_RESULTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scaling.h"

/*
 * What a row's `verified` says (results/README.md): the words of the files,
 * in rf_verdict_words by this order.  Only RF_NOT_VERIFIED is a failure.
 */
typedef enum rf_verdict {
    RF_NOT_VERIFIED, /* "false": a check or a run failed, or a process exited non-zero */
    RF_VERIFIED,     /* "true": ompscale checked every result */
    RF_FOREIGN,      /* "foreign": a program ompscale does not check; every process exited 0 */
} rf_verdict;

/* "false", "true", "foreign", NULL: the values of the column `verified`. */
extern const char *const rf_verdict_words[];

/* One row: one cell (kernel x variant x schedule x threads at one size). */
typedef struct rf_row {
    int line;                /* the line of the file it came from (1 is the header) */
    char kernel[32];
    char variant[32];
    char schedule[32];       /* "none" for serial rows */
    int threads;             /* asked for */
    int threads_obtained;    /* 0 when reps is 0 (it never ran) */
    int64_t size;
    int64_t reps;            /* 0: a cell that failed before any repetition (verified false) */
    double min_s;            /* NAN when the column is absent or empty */
    double median_s;         /* above 0; NAN when reps is 0, and so are its CI bounds */
    double ci95_low_s, ci95_high_s;  /* 95% CI of the median */
    double speedup;          /* against the serial row of the same configuration; NAN when
                                empty (does not apply: no repetitions, no serial time) */
    double speedup_ci_low, speedup_ci_high; /* NAN when absent */
    double efficiency;       /* NAN when empty */
    double throughput;       /* NAN when absent or empty */
    char throughput_unit[16];
    rf_verdict verified;
    char params[256];        /* "name=value ..."; empty when absent */
    double overhead_us;      /* overhead kernels: cost of one construct; NAN when absent or empty */
    double overhead_ci_low_us, overhead_ci_high_us; /* its interval; NAN when absent or empty */
    double best_throughput;  /* work / min_s; NAN when absent or empty */
    char ceiling[32];        /* the kernel bounding this one's bandwidth; "" when none */
    double ceiling_throughput; /* that kernel's best_throughput here; NAN when absent or empty */
    /* the roofline's columns ("" / NAN when absent or empty) */
    char ops_kind[8];        /* "flop" or "int" */
    double intensity;        /* op/B */
    double gops;             /* G(FL)OP/s at the median */
    char roof[8];            /* the roof this row measures ("FMA", "L1" ... "DRAM") */
    char roof_bound[8];      /* the roof that bounds it */
    double roof_gops, roof_fraction;
    /* every timed repetition in order (a JSON of schema_version 1 on: ntimes = reps); NULL
     * and 0 when the file has none (a CSV, an older JSON) or reps is 0 */
    double *times;
    size_t ntimes;
} rf_row;

/* One file: one machine's rows and what its header says about the machine. */
typedef struct rf_file {
    char path[1024];
    char host[128];
    char cpu_model[160];
    int logical_cpus;
    int physical_cores;      /* 0: unknown (an empty field) */
    char version[64];        /* ompscale_version; empty when absent */
    char timing[32];         /* "in-process" or "whole-process"; "in-process" when absent */
    char timestamp[32];      /* when the run started (ISO 8601 UTC); "" when absent */
    /* From a JSON's context ("" / 0 when absent, and always for a CSV): */
    char commit[48];         /* git_commit */
    char compiler[96];       /* e.g. "gcc 12.2.0" */
    char openmp_runtime[64]; /* e.g. "libgomp.so.1.0.0" */
    int openmp_version;      /* _OPENMP, e.g. 201511 */
    char label[65];          /* run --label; empty when absent (compare then names it by host) */
    int schema_version;      /* a JSON's schema_version (0 when it has none); -1 for a CSV */
    rf_row *rows;
    size_t nrows;
} rf_file;

/*
 * Reads path into out: as JSON when its name ends in .json (any case), else
 * as CSV.  Returns 0, or 2 with "PATH:LINE: column C (NAME): what was wrong"
 * (a CSV) or "PATH: rows[I].NAME: what was wrong" (a JSON) in err for a file
 * that is missing, empty, not CSV or JSON, of a newer schema_version, lacks a
 * required column, has a field count that differs from the header's, holds a
 * value that is not valid for its column, mixes machines (host, CPU), repeats
 * a cell (kernel, params, size, variant, schedule, threads) or has more than
 * SCALING_MAX_POINTS thread counts in one series.  Every command that reads
 * result files reads them here and adds no refusal of its own, so that what
 * one accepts, all accept.  On failure out holds nothing to free.
 */
int rf_load(const char *path, rf_file *out, char *err, size_t errlen);

/* A CSV from a stream already open, named path in out and in messages (the fuzz target's way in). */
int rf_read(FILE *in, const char *path, rf_file *out, char *err, size_t errlen);

/* A JSON from a stream already open, likewise. */
int rf_read_json(FILE *in, const char *path, rf_file *out, char *err, size_t errlen);

/* Whether rf_load reads path as JSON: its name ends in .json, in any case. */
bool rf_is_json(const char *path);

/*
 * The scaling analysis (scaling.h) of one series of file f, rows[0..n)
 * sorted by threads, as `ompscale run` makes it: from the rows that ran the
 * threads they asked for and have a speedup (a NULL or failed row is left
 * out), at the run's knee threshold.  0, or non-zero when no row counts or
 * the analysis refuses the points.  What compare, plot and the report state
 * of a file they read.
 */
int rf_analyse(const rf_file *f, const rf_row *const *rows, size_t n, scaling_summary *out);

/* Frees what rf_load allocated; rf_free(NULL) does nothing. */
void rf_free(rf_file *f);

#endif
