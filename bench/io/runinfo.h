/*
 * runinfo.h: what a result JSON says besides its rows (resultfile.h reads
 * those), for the HTML report: the machine context beyond what rf_file keeps
 * (caches, memory, OS, build, OpenMP settings), how busy the machine was
 * (`load`), and the scaling summaries `ompscale run` computed (`scaling[]`,
 * with each claim's withheld reason and the diagnosis).  The file must be
 * one rf_load accepted; nothing here refuses it: a field that is missing or
 * of another type is left unknown ("", 0, NAN), as the reader does with the
 * context.  A CSV has none of this (json is false).
 */
#ifndef OMPSCALE_RUNINFO_H
#define OMPSCALE_RUNINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scaling.h"

#define RUNINFO_MAX_CACHES 8

typedef struct runinfo_cache {
    int level;
    char type[16];      /* "data", "instr", "unified" */
    int64_t bytes;
    int instances;
} runinfo_cache;

/* One of scaling[]: a series' summary as the run's analysis gave it. */
typedef struct runinfo_series {
    char kernel[32], variant[32], schedule[32];
    char params[256];
    int64_t size;
    scaling_summary summary; /* the fields the JSON records; amdahl_ok, usl_ok as present */
    int as_asked;            /* thread_counts_as_asked; -1 when absent (schema version 0) */
    char diagnosis[256];     /* "" when null or absent */
    double omp_overhead;     /* 1-thread OpenMP / serial median; NAN when absent, 0 not measured */
} runinfo_series;

typedef struct runinfo {
    bool json;               /* false for a CSV: nothing below is known */
    bool complete;           /* the JSON's `complete` (false: an interrupted or unfinished run) */
    double elapsed_s;        /* NAN when null */
    int machine_pus, numa_nodes;
    int64_t memory_bytes;
    runinfo_cache caches[RUNINFO_MAX_CACHES];
    size_t ncaches;
    char os[128];            /* context.kernel: uname */
    char governor[32], hugepages[32];
    char build_type[32], build_flags[256];
    char gsl_version[32], hwloc_version[32];
    char omp_env[512];       /* "NAME=value ..." of omp_env, "" for none */
    char proc_bind[16], places[128], wait_policy[32];
    bool has_load;           /* the `load` object was there (run only, not an import) */
    double load_start_1m;    /* the 1-minute load average at the start; NAN unknown */
    double others_cpus;      /* other processes' average CPUs over the sweep; NAN unknown */
    double steal_fraction;   /* the stolen share of CPU time over the sweep; NAN unknown */
    double busy_cpus;        /* the threshold above which a configuration counted as busy */
    char busy_kernels[256];  /* the kernels of the configurations that were busy, "a, b" */
    runinfo_series *series;  /* scaling[], in file order */
    size_t nseries;
} runinfo;

/*
 * Reads path's context, load and scaling[] into out when it is a JSON
 * (rf_is_json); a CSV leaves out->json false.  0; or 1 with a message in err
 * when the file cannot be read or parsed (it changed since rf_load read it)
 * or memory runs out.  On failure out holds nothing to free.
 */
int runinfo_load(const char *path, runinfo *out, char *err, size_t errlen);

/* Whether the machine was busy (other work competed) while kernel ran. */
bool runinfo_busy(const runinfo *info, const char *kernel);

/* Frees what runinfo_load allocated; runinfo_free(NULL) does nothing. */
void runinfo_free(runinfo *info);

#endif
