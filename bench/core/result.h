/*
 * result.h: the one contract between measuring and reporting.  A sweep is a
 * list of cells (kernel x variant x threads x schedule at one size); the
 * measurer fills each cell's times and verification, the analysis fills the
 * statistics, speedups and scaling summaries, and every reporter reads the
 * same structs: no reporter recomputes a figure on its own.
 */
#ifndef OMPSCALE_RESULT_H
#define OMPSCALE_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "context.h"
#include "load.h"
#include "kernel.h"
#include "scaling.h"
#include "stats.h"

#define RESULT_MAX_FACTS 8

/*
 * What a cell's timed repetitions used, summed over them (warm-ups left
 * out), as the measurer reads it around each repetition (counters.h): the
 * whole process's CPU time and context switches from getrusage
 * (RUSAGE_SELF covers every thread, the OpenMP team's too), perf's software
 * events and, where the machine has them, hardware events (both counted
 * with inherit over every thread).  A source not measured has its flag false.
 */
typedef struct cell_usage {
    size_t reps;          /* repetitions counted: the cell's reps, or 0 (no counters) */
    double wall_s;        /* their times summed */
    bool rusage;          /* getrusage */
    double user_s, sys_s;
    int64_t voluntary_switches, involuntary_switches;
    bool software;        /* perf software events */
    int64_t context_switches, cpu_migrations, page_faults;
    double task_clock_s;
    bool hardware;        /* perf hardware events (cycles and instructions) */
    int64_t cycles, instructions;
    bool llc;             /* the last-level-cache misses, a hardware event of their own */
    int64_t llc_misses;
} cell_usage;

/* What the analysis derives from a cell's usage (usage.h); NAN where not measured. */
typedef struct usage_figures {
    double user_per_wall, sys_per_wall; /* CPU-s per wall-s */
    double cpu_per_wall;                /* user + system */
    double task_clock_per_wall;
    double involuntary_per_rep, voluntary_per_rep, migrations_per_rep;
    double ipc;                         /* instructions / cycles */
    /* instructions per repetition / those of the series' 1-thread cell (serial: 1) */
    double instructions_vs_1thread;
} usage_figures;

typedef struct cell_result {
    /* what was run */
    const kernel *k;
    int group;            /* index of the kernel configuration in the plan */
    int variant;
    bool scheduled;       /* false for serial: no schedule applies */
    kernel_schedule schedule;
    int threads;          /* asked for */
    int threads_obtained; /* the fewest seen inside the parallel region over all reps */
    int threads_obtained_max; /* the most seen (differs only under OMP_DYNAMIC) */
    int64_t size;
    int64_t weak_base;    /* weak scaling: the size at 1 thread (0: strong scaling) */
    char params[256];     /* "name=value ..." after auto values were resolved */

    /* what was measured */
    double *times;        /* one per timed repetition, seconds */
    size_t reps;
    size_t cap;
    bool failed;          /* a run (warm-up or timed) returned an error; reps may be 0 */
    bool verified;        /* every repetition verified (false for a failed cell) */
    /* a whole-process cell of a program ompscale does not check (import-hyperfine of any other
     * command than `ompscale once`): verified then says only that every process exited 0 */
    bool foreign;
    /* The last repetition's check (the first failing one, if any); for a failed
     * cell the kernel's check after the failed run, which says why (kernel.h). */
    kernel_check check;
    kernel_work work;
    cell_usage usage;     /* CPU time, switches, events over the timed repetitions */
    size_t nfacts;
    kernel_fact facts[RESULT_MAX_FACTS];

    /* what the analysis derived; NAN where it does not apply (no repetitions,
     * no serial reference) or is not finite: the writers leave such fields empty */
    run_stats stats;      /* every time NAN when reps is 0 */
    bool noisy;           /* CI of the median wider than +-5% */
    double speedup;       /* serial median / this median */
    double speedup_ci_low, speedup_ci_high;
    double efficiency;    /* speedup / threads_obtained: the threads that ran */
    /* it ran (reps > 0) with the threads it asked for, every repetition (threads_obtained ==
     * threads): a measurement at `threads`, which the scaling summary takes */
    bool as_asked;
    double throughput;    /* work per second at the median, in throughput_unit */
    const char *throughput_unit;

    /* what the ceilings say (ceiling.c); NAN where they do not apply */
    double best_throughput;     /* work / min_s: STREAM's best-of-runs rule */
    const char *ceiling;        /* the kernel whose bandwidth bounds this one (work.ceiling) */
    double ceiling_throughput;  /* its best_throughput at the same threads (serial for serial) */
    double ceiling_fraction;    /* best_throughput / ceiling_throughput */
    /* why ceiling_fraction is no finding (ceiling.h: above CEILING_MAX_FRACTION), or NULL */
    const char *ceiling_withheld;
    double overhead_us;         /* construct kernels: (median - serial median) / constructs */
    double overhead_ci_low_us;  /* from the two medians' 95% intervals, conservatively */
    double overhead_ci_high_us;
    /* weak scaling: serial median at the base size / this median (NAN: strong scaling) */
    double weak_efficiency;
    usage_figures fig;    /* from usage (usage.h) */

    /* the roofline (analyze/roofline.c); NAN or NULL where it does not apply */
    double intensity;        /* work.ops / work.bytes (op/B); NAN: no ops or no bytes counted */
    double gops;             /* work.ops / median_s / 1e9: G(FL)OP/s at the median */
    const char *roof_bound;  /* the roof that bounds it at its intensity: "FMA", "DRAM", NULL */
    double roof_gops;        /* that roof's G(FL)OP/s at its intensity, same threads and kind */
    double roof_fraction;    /* gops / roof_gops */

    /*
     * Hybrid (MPI + OpenMP) cells of `ompscale hybrid` (ranks > 0): threads is
     * ranks x threads_per_rank (the cores axis) and times[] the slowest
     * rank's region per repetition; each figure below is the median over the
     * repetitions of its value per repetition.  Not read where ranks is 0.
     */
    int ranks;
    int threads_per_rank;
    double rank_time_min_s, rank_time_mean_s, rank_time_max_s; /* the region over the ranks */
    double load_balance;     /* mean / max of the ranks' compute times (POP) */
    double mpi_fraction;     /* time in MPI / region time, both the ranks' mean */
    double mpi_efficiency;   /* mean compute time / region (POP's MPI parallel efficiency) */
    double omp_efficiency;   /* efficiency / mpi_efficiency: the OpenMP (and computation) part */
    int rank_cpus_min;       /* the fewest CPUs in a rank's affinity mask (0: unknown) */
    char hosts[256];         /* "host:ranks,..." in rank order */
    double mpi_barrier_us;   /* MPI_Barrier at this rank count */
    double mpi_allreduce_us; /* MPI_Allreduce of one double at this rank count */
} cell_result;

/*
 * What the roofline says of one kernel configuration: its parallel cell
 * with the highest G(FL)OP/s, which roof bounds it and how close it gets,
 * in a sentence ("squares: memory-bound, 71% of the DRAM roof at 0.062
 * flop/B, 2 threads").
 */
typedef struct roofline_point {
    int group;
    size_t cell;             /* index in cells */
    char sentence[240];
} roofline_point;

/* The scaling of one kernel configuration, variant and schedule over threads. */
typedef struct scaling_result {
    int group;
    const kernel *k;
    int variant;
    kernel_schedule schedule;
    int64_t size;
    /* false: every cell of the series failed before a repetition; it is listed
     * all the same, so that the table shows them */
    bool measured;
    /* false: no cell of the series has a speedup at the threads it asked for
     * (none measured, no serial time, too few threads obtained): summary holds nothing */
    bool analysed;
    scaling_summary summary;
    int as_asked;         /* the thread counts of the series whose cell ran as asked */
    /*
     * Why scaling flattens (or that it does not), in a few words, from what
     * the suite knows of the kernel (analysis.c); NULL when the series has no
     * summary or fewer than two thread counts ran as asked (nothing to explain).
     */
    const char *diagnosis;
    /*
     * What the resource figures show, where they support a finding
     * (usage.h): "oversubscribed: 4 threads on 2 CPUs, 1.98 CPU-s per
     * wall-s, 310 involuntary switches per repetition", "spinning: ...";
     * empty when they show nothing or were not measured.  The diagnosis
     * cites it.
     */
    char resources[256];
    char diagnosis_text[512]; /* where diagnosis points when it cites resources */
    double omp_overhead;  /* this variant's 1-thread median / serial median (1.0: none) */
    bool best_schedule;   /* the schedule with the largest speedup for this variant */
    double gain_over_static; /* best speedup / static's best speedup (for the best row) */
    /*
     * The smallest size (in the kernel's size parameter) at which one parallel
     * region costs under 1% of the work at P threads: 100 P fork_join_s /
     * (serial median / size).  0 when the sweep has no cell of the fork-join
     * reference kernel (kernel.h) at P threads or no serial time.
     */
    int64_t min_size;
    double fork_join_us;  /* the parallel region's cost at P threads it used */
    /*
     * With several sizes of one configuration (--sizes): the smallest size
     * from which this variant's best speedup is at least 1 at every larger
     * size measured; below it parallel execution is slower than serial.
     * 0: not a size sweep; -1: slower than serial at every size.
     */
    int64_t faster_from;
} scaling_result;

/* How busy the machine was while one configuration (group) was measured (load.h). */
typedef struct config_load {
    int group;
    load_sample before, after;
    load_share share;  /* other work between the two */
    bool busy;         /* it competed with the sweep (load_busy: the analysis says) */
} config_load;

#define RESULT_LABEL_MAX 64 /* bytes of a sweep's --label */

typedef struct sweep_result {
    machine_context ctx;
    load_sample load_start;  /* before the sweep (after any --settle) */
    load_sample load_end;    /* after the last configuration measured */
    load_share load_sweep;   /* other work over the whole sweep (the analysis) */
    config_load *loads;      /* one per configuration measured, in order */
    size_t nloads;
    double busy_cpus;        /* other processes' CPUs that make a configuration busy */
    cell_result *cells;
    size_t ncells;
    scaling_result *scaling;
    size_t nscaling;
    roofline_point *roofline; /* one per configuration with a point (analyze/roofline.c) */
    size_t nroofline;
    bool complete;        /* every planned cell was measured or failed (a failed cell is a row) */
    double knee_threshold;
    double noise_tolerance;
    double elapsed_s;
    /* false: in-process timing of run() alone (ompscale run); true: whole
     * processes timed from outside (import-hyperfine), where each cell's
     * result is not recorded, only that every process exited 0 (verified). */
    bool whole_process;
    char label[RESULT_LABEL_MAX + 1]; /* run --label: the sweep's name in compare; "" none */
} sweep_result;

/* The measured serial cell of configuration `group`: the reference of its speedups, or NULL. */
const cell_result *result_serial(const sweep_result *r, int group);

/* "static", "dynamic:4", or "none" for a serial cell. */
void result_schedule_text(const cell_result *c, char *buf, size_t len);

#endif
