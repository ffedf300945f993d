/*
 * hrecord.h: what one launch of ompscale-hybrid-rank measured, as rank 0
 * writes it for `ompscale hybrid` to read: the ranks (host, affinity), the
 * MPI construct costs at this rank count, and per kernel configuration and
 * threads per rank the check of the combined result and every timed
 * repetition's times over the ranks.  A text file of tab-separated lines
 * (the first "ompscale-hybrid-record 1"); the writer and the reader are
 * both here, so the format has one definition.
 */
#ifndef OMPSCALE_HRECORD_H
#define OMPSCALE_HRECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel.h"

#define HRECORD_VERSION 1

typedef struct hrecord_rank {
    char host[64];
    int cpus;       /* CPUs in its affinity mask; 0: unknown */
    char mask[128]; /* "0-3,8" */
} hrecord_rank;

/* One timed repetition: the region is barrier, run and combine, barrier (IMB's timing). */
typedef struct hrecord_rep {
    double region_max_s, region_min_s, region_mean_s; /* over the ranks: run + combine */
    double compute_mean_s, compute_max_s;             /* the kernel's run alone */
    double mpi_mean_s;                                /* in MPI (gathering the partials) */
} hrecord_rep;

typedef struct hrecord_cell {
    char kernel[32];
    int config;          /* the configuration's index on the command line */
    int threads;         /* per rank, asked for */
    int obtained_min, obtained_max; /* per rank, over ranks and repetitions */
    bool failed;         /* a run returned an error on some rank */
    bool verified;       /* every repetition's combined result verified */
    int64_t size;
    kernel_check check;  /* the last repetition's (the first failing one's) */
    kernel_work work;    /* ceiling is not kept */
    char params[256];
    hrecord_rep *reps;
    size_t nreps;
} hrecord_cell;

typedef struct hrecord {
    int ranks;
    hrecord_rank *rank; /* ranks of them */
    double barrier_us, allreduce_us; /* per MPI_Barrier, per MPI_Allreduce of one double */
    hrecord_cell *cells;
    size_t ncells;
} hrecord;

/* Writes r; 0, or non-zero if a write failed. */
int hrecord_write(const hrecord *r, FILE *out);

/* Reads a record; 0, or 1 with what is wrong (and where) in err. */
int hrecord_read(const char *path, hrecord *r, char *err, size_t errlen);

/* Frees what the reader (or a writer that filled r with malloc) holds; r zeroed. */
void hrecord_free(hrecord *r);

#endif
