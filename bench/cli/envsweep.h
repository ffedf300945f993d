/*
 * envsweep.h: `ompscale run --wait-policy active,passive`, `--bind
 * false,close,spread`, and the runtimes' wait knobs `--gomp-spincount` (libgomp)
 * and `--kmp-blocktime` (LLVM's libomp): the whole run once per value of an OpenMP variable
 * that the runtime reads once, at start (libgomp reads OMP_WAIT_POLICY,
 * OMP_PROC_BIND and OMP_PLACES when it loads), so each value runs as a child
 * process of its own: the same run command line with the variable set (and
 * the sweep's fixed companions, OMP_PLACES=cores for --bind) and its files at
 * PREFIX-<value>.csv/.json, each a complete result file that compare and
 * plot read.  The parent then reads the children's CSVs back and prints
 * every cell under each value side by side, with each value's ratio to the
 * first (construct costs for the overhead kernels, median times for the
 * rest), and for --bind the affinity each child's team got (its JSON
 * context's omp_in_force).
 */
#ifndef OMPSCALE_ENVSWEEP_H
#define OMPSCALE_ENVSWEEP_H

#include <stddef.h>

#define ENVSWEEP_MAX 4

/* One variable swept: its option, its values, what else every child gets. */
typedef struct envsweep {
    const char *option;             /* "--wait-policy" */
    const char *variable;           /* "OMP_WAIT_POLICY" */
    const char *const *values;      /* the valid values, ending with NULL */
    const char *const *suffixes;    /* each value's file suffix, "-active", in the same order */
    const char *also;               /* "NAME=VALUE" set in every child too, or NULL */
    const char *note;               /* the comparison's heading ends with it */
    int affinity;                   /* 1: the comparison shows each child's binding and places */
    const char *runtime;            /* the runtime the variable belongs to ("libgomp"), or NULL */
} envsweep;

extern const envsweep envsweep_wait_policy; /* OMP_WAIT_POLICY: active, passive */
extern const envsweep envsweep_bind;        /* OMP_PROC_BIND: false, close, spread */
extern const envsweep envsweep_gomp_spincount; /* GOMP_SPINCOUNT: 0, 1k, 300k, infinite */
extern const envsweep envsweep_kmp_blocktime;  /* KMP_BLOCKTIME: 0, 1, 200, infinite (ms) */

/* Parses "active,passive" into names (pointing at s's values); 0, or 2 with err set. */
int envsweep_parse(const envsweep *s, const char *list, const char **names, size_t *n, char *err,
                   size_t errlen);

/*
 * Runs the command line argv (the run's own arguments, without the sweep's
 * option and its value, and without --out) once per value as a child
 * process, with files at prefix-<value>, then prints the comparison.  P:
 * the logical CPUs.  Returns the exit status for the run: the worst of the
 * children's.  On SIGINT or SIGTERM (forwarded to the child in progress,
 * interrupt.h) it starts no further child and prints no comparison: 128 +
 * the signal, or the child's failure.  timeout (seconds, 0: none) bounds
 * all the children together: each gets what is left as its own --timeout,
 * and one that does not stop a minute after it is stopped (child.h).
 */
int envsweep_run(const envsweep *s, int argc, char **argv, const char *const *names, size_t n,
                 const char *prefix, int P, double timeout);

/* "-active" or "-close": what a value's files add to the prefix. */
const char *envsweep_suffix(const envsweep *s, const char *value);

#endif
