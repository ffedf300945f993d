/*
 * launch.h: the command line that starts one launch of a hybrid sweep: R
 * ranks of ompscale-hybrid-rank under mpirun, or under srun inside a Slurm
 * allocation (SLURM_JOB_ID set).  One launch runs every thread count of its
 * rank count, so the binding cannot be one core per thread of a fixed T:
 * mpirun gets --bind-to none (each rank may use every CPU; its OpenMP team
 * spreads as the kernel's own single-node run does) and --oversubscribe when
 * the ranks, or ranks x the most threads, exceed the cores; srun gets
 * --cpu-bind=none and --overcommit likewise.
 */
#ifndef OMPSCALE_LAUNCH_H
#define OMPSCALE_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

#define LAUNCH_MAX_ARGS 160

typedef struct launch_spec {
    bool srun;                /* srun (inside Slurm), else mpirun */
    const char *launcher;     /* the mpirun or srun to run (a path or a name) */
    const char *rank_program; /* ompscale-hybrid-rank */
    int ranks;
    int min_threads, max_threads; /* the fewest and most threads per rank of this launch */
    int cores;                /* P */
    const char *threads;      /* "1,2,4" */
    const char *out;          /* the record file */
    int reps;
    const char *preset;       /* or NULL */
    const char *const *configs; /* "KERNEL[:a=1,...]", count nconfigs */
    size_t nconfigs;
    const char *const *plugins; /* shared objects the ranks load first, count nplugins */
    size_t nplugins;
} launch_spec;

typedef struct launch_argv {
    char *argv[LAUNCH_MAX_ARGS]; /* ends with NULL */
    char numbers[8][40];         /* the numbers argv points to */
} launch_argv;

/* Fills a from s; 0, or 1 when it would not fit (too many configurations). */
int launch_build(const launch_spec *s, launch_argv *a);

/* argv as one shell line (words with spaces or shell characters quoted), in buf. */
void launch_line(char *const *argv, char *buf, size_t len);

#endif
