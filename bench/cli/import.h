/*
 * import.h: what import-hyperfine's two readers of benchmarked commands
 * share.  cmd_import.c reads `ompscale once` commands back with once's own
 * parser; import_foreign.c takes any other program's runs, placed by
 * hyperfine's parameter `threads`.  Both add each result's runs to one cell
 * of one sweep_result, which the same analysis as `ompscale run` then reads.
 */
#ifndef OMPSCALE_IMPORT_H
#define OMPSCALE_IMPORT_H

#include <stddef.h>

#include "hyperfine.h"
#include "kernel.h"
#include "plan.h"
#include "result.h"

typedef struct import_group {
    const kernel *k;
    char params[256];
} import_group;

/* A command of the foreign program seen at a thread count (0: the reference command). */
typedef struct import_seen {
    int threads;
    char command[sizeof ((hf_result *)0)->command];
} import_seen;

/*
 * The foreign program as a kernel of two variants, "serial" (the reference:
 * a separate reference command, or the command at 1 thread) and the swept
 * one, with the names and schedule its rows carry.  It has no steps: it is
 * never run, only named in the rows.
 */
typedef struct import_foreign {
    kernel k;
    kernel_variant variants[3];
    char name[KERNEL_MAX_NAME + 1];    /* --name, or the command's program ("" until known) */
    char variant[KERNEL_MAX_NAME + 1]; /* --variant (default omp) */
    kernel_schedule schedule;          /* --schedule (default static) */
    int group;                         /* its group, -1 until a foreign command is read */
    char reference_where[1400];        /* where the reference command was read, for messages */
    import_seen *seen;              /* one command per thread count, to refuse a second */
    size_t nseen;
} import_foreign;

typedef struct import_state {
    sweep_result r;
    size_t cap;
    import_group groups[PLAN_MAX_GROUPS];
    int ngroups;
    import_foreign foreign;
} import_state;

/* Splits a command into words as a shell would for plain words and quotes; -1: more than max. */
int import_words(char *text, char **words, int max);

/* The index of the group (kernel, params), added if new; -1 when there are too many. */
int import_group_of(import_state *s, const kernel *k, const char *params);

/*
 * The cell (group, variant, schedule, threads), added if new with detail as
 * its check's note; NULL out of memory.  The schedule of a serial cell is
 * ignored.  A pointer into s->r.cells: valid until the next call.
 */
cell_result *import_cell(import_state *s, int group, int variant, const kernel_schedule *schedule,
                         int threads, const char *detail);

/* Adds h's runs to c (verified only while every run exited 0); -1 out of memory. */
int import_add_runs(cell_result *c, const hf_result *h);

/*
 * Sets up the foreign program's names from --name and --variant (NULL: the
 * defaults) and --schedule (NULL: static): 0, or 2 with "--OPTION 'VALUE':
 * what was wrong: what is valid" in err.
 */
int import_foreign_init(import_foreign *f, const char *name, const char *variant,
                        const char *schedule, char *err, size_t errlen);

/* Adds one foreign result's runs (where: the place in the exports, for messages): 0 or 2. */
int import_foreign_result(import_state *s, const hf_result *h, const char *where, char *err,
                          size_t errlen);

/* After every file: the serial cell from the 1-thread runs when no reference command was given. */
int import_foreign_finish(import_state *s, char *err, size_t errlen);

/* Frees what the foreign reader keeps. */
void import_foreign_free(import_foreign *f);

#endif
