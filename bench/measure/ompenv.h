/*
 * ompenv.h: what the OpenMP environment does to a sweep, said in one line
 * per setting.  Before measuring, from the machine context and the planned
 * thread counts: an affinity mask smaller than the machine (P and the
 * default plan follow it), OMP_THREAD_LIMIT below the plan, OMP_DYNAMIC,
 * places or a binding that put several threads on one CPU (warnings), and
 * OMP_NUM_THREADS, which every cell overrides (a note).  After measuring:
 * one summary of the cells that obtained fewer threads than those warnings
 * foresaw.  A setting that changes nothing gets no line; the context records
 * it all the same.  Pure: the caller prints the messages.
 */
#ifndef OMPSCALE_OMPENV_H
#define OMPSCALE_OMPENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "context.h"
#include "result.h"

#define OMPENV_MAX_MESSAGES 6

typedef struct ompenv_message {
    bool warning;    /* false: a note (a setting the sweep overrides) */
    char text[640];  /* without the "ompscale: warning: " prefix */
} ompenv_message;

/*
 * The notes and warnings for thread counts threads[0..n) (sorted, rising)
 * under ctx's environment, at most max; returns how many.  ctx->machine_pus
 * 0 (not gathered) skips the affinity-mask check.
 */
size_t ompenv_check_plan(const machine_context *ctx, const int *threads, size_t n,
                         ompenv_message *out, size_t max);

/* The threads a parallel region asking for `threads` gets under the thread limit. */
int ompenv_expected_threads(const machine_context *ctx, int threads);

/*
 * After the sweep: one warning naming the cells that obtained fewer threads
 * than ompenv_expected_threads (OMP_DYNAMIC, or the runtime), and the cause;
 * returns 1 with it in out, 0 when every cell got what was expected.
 */
int ompenv_check_cells(const machine_context *ctx, const cell_result *cells, size_t n,
                       ompenv_message *out);

/*
 * For a command without a context (once): gathers the OpenMP part itself
 * (ctx_gather_openmp) and prints the plan's messages for threads[0..n).
 */
void ompenv_warn(const int *threads, size_t n, FILE *out);

/* Prints each message on its own line: "ompscale: warning: ..." or "ompscale: note: ...". */
void ompenv_print(const ompenv_message *m, size_t n, FILE *out);

#endif
