/*
 * resultfile.h: reads the suite's result CSV back (what `ompscale run` and
 * `ompscale import-hyperfine` write) for compare and plot.  Columns are found
 * by header name, in any order, and extra columns are ignored; fields are
 * split by libcsv, so quoted commas and quotes are read correctly.  A file
 * that is not such a CSV gets one message naming the file, the line and the
 * column, and status 2 (bad input).
 */
#ifndef OMPSCALE_RESULTFILE_H
#define OMPSCALE_RESULTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
    bool verified;
    char params[256];        /* "name=value ..."; empty when absent */
    double overhead_us;      /* overhead kernels: cost of one construct; NAN when absent or empty */
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
    rf_row *rows;
    size_t nrows;
} rf_file;

/*
 * Reads path into out.  Returns 0, or 2 with "PATH:LINE: column C (NAME): what
 * was wrong" in err for a file that is missing, empty, not CSV, lacks a
 * required column, has a field count that differs from the header's, holds a
 * value that is not valid for its column, mixes machines (host, CPU), repeats
 * a cell (kernel, params, size, variant, schedule, threads) or has more than
 * SCALING_MAX_POINTS thread counts in one series.  Every command that reads
 * result files reads them here and adds no refusal of its own, so that what
 * one accepts, all accept.  On failure out holds nothing to free.
 */
int rf_load(const char *path, rf_file *out, char *err, size_t errlen);

/* The same, from a stream already open, named path in out and in messages (the fuzz target's way in). */
int rf_read(FILE *in, const char *path, rf_file *out, char *err, size_t errlen);

/* Frees what rf_load allocated; rf_free(NULL) does nothing. */
void rf_free(rf_file *f);

/* The columns rf_load requires, ending with NULL. */
extern const char *const rf_required_columns[];

#endif
