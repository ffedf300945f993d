/*
 * hyperfine.h: reads hyperfine's JSON export (`hyperfine --export-json`):
 * for each benchmarked command, the command line as run (parameters already
 * substituted), every timed run's wall time in seconds (warm-up runs are not
 * in it), whether every run exited 0, and the value of its parameter
 * `threads` where it has one.  Anything that is not such an
 * export gets one message naming the file and the place, and status 2.
 */
#ifndef OMPSCALE_HYPERFINE_H
#define OMPSCALE_HYPERFINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct hf_result {
    char command[1024];
    double *times;     /* seconds, one per timed run, each from 1e-9 to 1e7 s */
    size_t ntimes;
    bool all_exit_zero;
    /* hyperfine's parameter "threads" (--parameter-scan or --parameter-list threads), from 1;
     * 0 when the run had none (a reference command) */
    int threads;
} hf_result;

typedef struct hf_export {
    hf_result *results;
    size_t nresults;
} hf_export;

/* Reads path into out: 0, or 2 with "PATH: where: what was wrong" in err (nothing to free). */
int hf_load(const char *path, hf_export *out, char *err, size_t errlen);

/* The same, from a stream already open, named path in messages (the fuzz target's way in). */
int hf_read(FILE *in, const char *path, hf_export *out, char *err, size_t errlen);

/* Frees what hf_load allocated; hf_free(NULL) does nothing. */
void hf_free(hf_export *e);

#endif
