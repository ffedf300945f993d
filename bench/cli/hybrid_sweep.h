/*
 * hybrid_sweep.h: the steps of `ompscale hybrid` (cmd_hybrid.c): resolve and
 * check everything the sweep needs (kernel configurations, splits, the
 * launcher and the rank program, the output prefix), measure the serial
 * references, launch once per rank count and save after each launch, and
 * print the table.
 */
#ifndef OMPSCALE_HYBRID_SWEEP_H
#define OMPSCALE_HYBRID_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "hplan.h"
#include "kernel.h"
#include "result.h"

#define HYBRID_MAX_CONFIGS 32

typedef struct hybrid_opts {
    int cores;                /* 0: the CPUs this process may use */
    const char *splits;       /* or NULL: hplan_default */
    int reps;
    bool quick;
    bool force;               /* replace an earlier PREFIX.csv or .json */
    const char *out;          /* or NULL: results/HOST-hybrid-TIME */
    const char *launcher;     /* or NULL: srun in Slurm, else mpirun */
    const char *rank_program; /* or NULL: beside ompscale, else PATH */
    char configs[HYBRID_MAX_CONFIGS][256]; /* "KERNEL[:name=value,...]" as given */
    size_t nconfigs;
    const char *plugins[HYBRID_MAX_CONFIGS]; /* --plugin, loaded here and by every rank */
    size_t nplugins;
} hybrid_opts;

typedef struct hybrid_config {
    const kernel *k;
    char arg[300]; /* what the rank program is given: "KERNEL[:name=value,...]" */
    const char *list; /* the name=value list within arg, or NULL */
} hybrid_config;

typedef struct hybrid_job {
    hybrid_opts o;
    hplan plan;
    hybrid_config configs[HYBRID_MAX_CONFIGS * 4];
    size_t nconfigs;
    char launcher[4096];
    bool srun;
    char rank_program[4096];
    char prefix[4096];
    char tmpdir[4096];
    sweep_result r;
    size_t cap;
} hybrid_job;

/* Everything checked, nothing launched or written: OMPSCALE_OK, or OMPSCALE_USAGE (said). */
int hybrid_prepare(const hybrid_opts *o, hybrid_job *job);

/* Serial references, then one launch per rank count, saving after each. */
int hybrid_sweep(hybrid_job *job);

/* Per configuration, each split's row and the split that wins. */
void hybrid_print(const hybrid_job *job, FILE *out);

void hybrid_free(hybrid_job *job);

#endif
