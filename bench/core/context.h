/*
 * context.h: the facts about the machine, the build and the OpenMP runtime
 * that a result needs to be read correctly elsewhere: topology from hwloc,
 * the OMP_*, GOMP_* and KMP_* environment with the binding, places and wait policy
 * in force, compiler and library versions, time and commit.  Gathered once,
 * before measuring; written out by the reporters.
 */
#ifndef OMPSCALE_CONTEXT_H
#define OMPSCALE_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#define CTX_MAX_CACHES 8
#define CTX_MAX_ENV 32

typedef struct ctx_cache {
    int level;        /* 1, 2, 3 ... */
    char type[8];     /* "data", "instr", "unified" */
    uint64_t bytes;   /* size of one instance */
    int instances;
} ctx_cache;

typedef struct ctx_env {
    char name[48];
    char value[208];
} ctx_env;

/*
 * Which resource counters a run measured (--counters; the measurer's
 * counters.h fills it before the sweep), and why one is missing, in the
 * user's words: "no PMU: software events only", "perf_event_paranoid=3:
 * ...".  Empty (asked "") for a command that measures none (info, import).
 */
typedef struct ctx_counters {
    char asked[8];        /* auto, sw, hw, none; "" not a sweep */
    bool rusage;          /* getrusage: CPU time, context switches */
    bool software;        /* perf software events */
    bool hardware;        /* perf hardware events: cycles, instructions */
    bool llc;             /* the last-level-cache misses */
    char software_why[160]; /* why not ("" when measured) */
    char hardware_why[160];
} ctx_counters;

typedef struct machine_context {
    char host[128];
    char cpu_model[128];
    int logical_cpus;     /* P: the CPUs this process may use (omp_get_num_procs) */
    int machine_pus;      /* all PUs hwloc sees on the machine */
    int physical_cores;   /* cores among the CPUs this process may use; 0: unknown (hwloc
                             saw no core), written as empty (CSV) or null (JSON) */
    int numa_nodes;
    size_t ncaches;
    ctx_cache caches[CTX_MAX_CACHES];
    uint64_t memory_bytes;
    char governor[32];    /* "" when unreadable */
    char thp[16];         /* transparent huge pages: "always", "madvise", "never" or "unknown" */
    char kernel_version[128];
    char compiler[96];
    char build_type[32];
    char build_flags[256];
    int openmp_version;   /* _OPENMP, e.g. 201511 */
    char openmp_runtime[64]; /* the runtime library's file (ompruntime.h); "" unknown */
    char gsl_version[16];
    char hwloc_version[16];
    size_t nenv;
    ctx_env env[CTX_MAX_ENV]; /* every OMP_*, GOMP_* and KMP_* variable set */
    char proc_bind[16];   /* in force: omp_get_proc_bind() */
    int num_places;       /* omp_get_num_places() */
    char places[208];     /* the places as CPU lists, "{0-1},{2}" ("" without places) */
    int place_cpus;       /* the CPUs the places cover together (0 without places) */
    int bound_cpus;       /* the CPUs one team's threads are bound to; 0: not bound */
    char wait_policy[16]; /* OMP_WAIT_POLICY, or "default" (libgomp spins a while, then sleeps) */
    int dynamic;          /* omp_get_dynamic() */
    int thread_limit;     /* omp_get_thread_limit() */
    int max_threads;      /* omp_get_max_threads() */
    ctx_counters counters;
    char timestamp[32];   /* ISO 8601 UTC, e.g. 2026-11-21T22:01:02Z */
    char version[32];
    char commit[48];
    double clock_resolution_s; /* clock_getres(CLOCK_MONOTONIC) */
    double clock_overhead_s;   /* measured cost of one clock read */
    double clock_granularity_s; /* smallest nonzero difference of two reads */
} machine_context;

/* Gathers everything; a fact that cannot be read is left empty/zero, never guessed. */
int ctx_gather(machine_context *ctx);
/*
 * Only the OpenMP part (environment, P, binding, places, dynamic, limits),
 * cheaply, for a command that needs no topology (once); the rest stays zero.
 */
int ctx_gather_openmp(machine_context *ctx);
/* The value of OMP_* or GOMP_* variable name as recorded, or NULL when it was not set. */
const char *ctx_env_value(const machine_context *ctx, const char *name);
/* The context as a JSON object (new reference), for the JSON reporter and `ompscale info`. */
json_t *ctx_to_json(const machine_context *ctx);
/* Human-readable lines for `ompscale info`. */
void ctx_print(const machine_context *ctx, FILE *out);

#endif
