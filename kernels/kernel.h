/*
 * kernel.h: the one interface every ompscale kernel implements.
 *
 * A kernel is a row in the registry (registry.c): a name, a summary, a table
 * of parameters with defaults, named presets, a list of variants (variant 0
 * is always "serial", the reference every speedup is taken against) and five
 * steps.  prepare() does everything that must stay outside the timed region
 * (allocation, first touch, input data); run() is the timed region; verify()
 * checks the last run against an exact or independent reference; work() says
 * how much work one run does so that a harness can print GB/s or items/s;
 * free() releases the state.  The harness never names a kernel: it loops over
 * the registry and over each kernel's variants.
 *
 * A run that fails is explained by the kernel, not by the harness: when run()
 * returns OMPSCALE_FAIL (a library error, more threads than prepare() was
 * given), the verify() that follows sets verified false and says in
 * check->detail why, and what to change where a parameter can fix it (e.g.
 * "raise --limit").  The harness records that text with the failed cell and
 * prints it; it has no words of its own for a kernel's failure.
 *
 * Every parallel variant sets its thread count itself (num_threads clause)
 * and restores any schedule it sets (sched_enter/sched_leave), so that no
 * OpenMP setting leaks from one run into the next.
 *
 * The conventions every kernel follows (tests/test_kernels.c checks each row):
 * - Variant 0 is named "serial": no OpenMP, the reference of every speedup
 *   and of the construct cost.  Every other variant is parallel: it runs on
 *   exec->threads threads with exec->schedule, and the harness treats them
 *   all alike (sweeps, summaries, size warnings).  One of them is named
 *   "omp", the default of `ompscale once` and scripts/hyperfine.
 * - A preset named "quick" exists: small and fast (a few milliseconds), for
 *   --quick, the tests and the benchmark targets.  The built-in kernels also
 *   have "tutorial": the case of the tutorial they come from, or the defaults.
 * - Names are unique in the registry, of letters, digits, '-', '_' and '.'
 *   (they become options, file names and CSV fields; kernel_validate).
 * - A kernel that bounds another's bandwidth (kernel_work.ceiling) comes
 *   before it in the registry, so that a sweep has measured it.
 * A kernel built outside ompscale is the same row in a plugin's table
 * (ompscale_plugin, at the end), checked by kernel_validate when it is loaded.
 */
#ifndef OMPSCALE_KERNEL_H
#define OMPSCALE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#include "param.h"
#include "schedule.h"


/* How one run is executed. */
typedef struct kernel_exec {
    int threads;              /* threads asked for (1 for serial) */
    kernel_schedule schedule; /* ignored by kernels with no loop to schedule */
} kernel_exec;

/* What verify() found for the last run. */
typedef struct kernel_check {
    double result;           /* the run's headline figure */
    double reference;        /* the exact or independent value it is checked against */
    double abs_error;        /* |result - reference| (or the worst element's) */
    double tolerance;        /* the absolute error allowed; 0 means exact */
    bool verified;
    char result_text[48];    /* exact text of the result where a double loses digits */
    char reference_text[48]; /* likewise for the reference */
    char detail[320];        /* what failed and what to change, or a note such as GSL statuses seen */
} kernel_check;

/* What a kernel's work is counted in; kernel_unit_name gives the files' name of each. */
typedef enum kernel_unit {
    KERNEL_UNIT_ITEM,      /* "item": items processed (items/s) */
    KERNEL_UNIT_BYTES,     /* "B": bytes moved (GB/s): a bandwidth-bound kernel */
    KERNEL_UNIT_FLOP,      /* "flop": floating-point operations (GFLOP/s) */
    KERNEL_UNIT_SAMPLE,    /* "sample": Monte Carlo samples drawn (Msamples/s) */
    /*
     * "construct": an overhead kernel (EPCC style) whose serial variant is
     * the reference loop, so that (variant time - serial time) / amount is
     * the cost of one construct; it has no speedup.
     */
    KERNEL_UNIT_CONSTRUCT,
} kernel_unit;

/* "item", "B", "flop", "sample" or "construct". */
const char *kernel_unit_name(kernel_unit unit);

/* What a kernel's operations are, for the roofline (kernel_work.ops). */
typedef enum kernel_ops_kind {
    KERNEL_OPS_UNKNOWN, /* 0: not declared (a plugin that leaves it): no roofline point */
    KERNEL_OPS_FLOP,    /* floating-point operations: an FMA counts 2, as the roofline counts */
    KERNEL_OPS_INTEGER, /* integer operations: no measured roof bounds them (peakflops is FP) */
} kernel_ops_kind;

/* How much work one run does: the harness divides by time. */
typedef struct kernel_work {
    double amount;    /* in units below */
    kernel_unit unit;
    /*
     * Optional (NULL: none): the kernel whose bandwidth bounds this one's, at
     * the same thread count, e.g. "stream-copy" for a kernel that reads one
     * array and writes another; the harness reports the fraction reached.
     */
    const char *ceiling;
    /*
     * Optional, for the roofline (0 / false / NULL when not declared): the
     * operations one run does, counted analytically (README's kernel table
     * says each kernel's count) and of which kind; the bytes one run moves
     * to and from memory as STREAM counts them (writes once, no
     * write-allocate); ops / bytes is the arithmetic intensity.  in_cache:
     * the kernel's data stays in registers or a small per-thread buffer, so
     * no bytes are counted and only the compute roof bounds it.
     */
    double ops;
    kernel_ops_kind ops_kind;
    double bytes;
    bool in_cache;
    /*
     * Optional: this run measures a roof of the roofline, named as the plot
     * labels it: "FMA" (the compute roof, peakflops), or the memory level
     * whose bandwidth it measures ("L1", "L2", "L3", "DRAM": stream-read
     * sized to fit it).  NULL: not a roof.
     */
    const char *roof;
} kernel_work;

/* A named figure a kernel computes beyond its result (e.g. a convergence order). */
typedef struct kernel_fact {
    const char *name;
    double value;
} kernel_fact;

/* One line of a series: its y values against the series' x, and its fitted power law. */
typedef struct kernel_series_line {
    const char *name; /* in the key, e.g. "sorted Riemann sum" */
    const double *y;  /* count values; one a log axis cannot show (<= 0, not finite) is left out */
    /*
     * The kernel's own slope of log y on log x (e.g. a convergence order it
     * reports as a fact), drawn with the least-squares intercept; NAN: the
     * plot fits the slope itself.  Only log-log series get a fitted line.
     */
    double slope;
} kernel_series_line;

#define KERNEL_SERIES_MAX_LINES 4

/*
 * A series one run computes beside its result (montecarlo: the error of the
 * estimate at every sample count s), which `ompscale plot` draws by rerunning
 * the serial variant with a result row's parameters: count points (x[i],
 * lines[j].y[i]) per line, on the axes and scales given.  The arrays belong
 * to the state and stay valid until the next run or free().
 */
typedef struct kernel_series {
    char title[160];      /* what is drawn, e.g. "convergence, exact integral 0.7853981634" */
    const char *x_label;  /* "s (samples)" */
    const char *y_label;  /* "absolute error |estimate - exact|" */
    const char *x_symbol; /* the fitted law reads "NAME: Y_SYMBOL ~ X_SYMBOL^slope" */
    const char *y_symbol;
    const char *y_key;    /* after a line's name in the key, e.g. "|estimate - exact|" */
    bool log_x, log_y;
    size_t count;
    const double *x;
    size_t nlines;
    kernel_series_line lines[KERNEL_SERIES_MAX_LINES];
} kernel_series;

/* A named set of parameter values, e.g. the tutorial's case. */
typedef struct kernel_preset {
    const char *name;
    const char *values; /* "name=value,name=value" */
    const char *summary;
} kernel_preset;

typedef struct kernel_variant {
    const char *name;
    const char *summary;
} kernel_variant;

/* One rank's place in a hybrid (MPI + OpenMP) run: rank `rank` of `ranks`. */
typedef struct kernel_part {
    int rank;
    int ranks;
} kernel_part;

/*
 * Optional: the hybrid hook, for kernels whose work splits between MPI
 * ranks (ompscale-hybrid-rank).  Every rank prepares the whole state as a
 * single-node run does; run() then does only the rank's share of the work
 * (`decomposition` says which share), with the kernel's own parallel variant
 * on exec->threads threads, and is the timed region.  partial() writes the
 * rank's share of the result as partial_len() doubles (the same length on
 * every rank, whatever its share): its sum, its elements of a table, or,
 * where the result is a large array, the tally of its block's check
 * (kernel_part_tally_combine), so that what travels is small; the harness
 * gathers them to rank 0 in
 * rank order and combine() folds them, in that fixed order, into the state
 * so that the ordinary verify() checks the combined run against the same
 * reference as a single-node one.  The combination is the kernel's and is
 * deterministic (no MPI_SUM of floating point, whose order may vary), so a
 * kernel whose single-node result does not depend on the thread count keeps
 * that for every ranks x threads split.  The hook uses no MPI itself: the
 * kernel library stays MPI-free.
 */
typedef struct kernel_hybrid {
    const char *decomposition; /* e.g. "contiguous blocks of the n elements" */
    int (*run)(void *state, int variant, const kernel_exec *exec, const kernel_part *part,
               int *threads_obtained);
    size_t (*partial_len)(const void *state, int ranks);
    void (*partial)(const void *state, const kernel_part *part, double *out);
    /* partials: ranks x partial_len doubles, rank 0's first; OMPSCALE_OK or OMPSCALE_FAIL */
    int (*combine)(void *state, int ranks, const double *partials);
} kernel_hybrid;

typedef struct kernel {
    const char *name;
    const char *summary;
    const kernel_param *params;     /* ends with a row whose name is NULL */
    const kernel_preset *presets;   /* ends with a row whose name is NULL */
    const kernel_variant *variants; /* ends with a row whose name is NULL; [0] is serial */
    const char *size_param;         /* the parameter that --size sets */
    bool scheduled;                 /* whether the OpenMP schedule changes the work split */
    bool unequal_work;              /* iterations cost differently: sweeps try every schedule */
    /*
     * Its construct cost is that of one parallel region (a fork and a join):
     * the harness sets every configuration's minimum size from it (at most
     * one kernel in the registry; work unit KERNEL_UNIT_CONSTRUCT).
     */
    bool fork_join_reference;
    /*
     * Optional: configurations a sweep runs besides the defaults, each a
     * "name=value,..." list applied over the defaults (or preset), ending
     * with NULL; e.g. rangesum's array mode, which the bandwidth ceiling bounds.
     */
    const char *const *sweep_configs;
    /*
     * Optional: configurations `ompscale run --roofline` adds to any sweep,
     * written as sweep_configs are ("" is the defaults), each measuring a
     * roof (kernel_work.roof): stream-read's working set sized to each cache
     * level and to memory, peakflops at its defaults.
     */
    const char *const *roof_configs;

    /*
     * Optional: resolves "auto" values in place and checks them (ranges,
     * memory) without allocating, so that a sweep can refuse bad input before
     * it measures anything.  max_threads is the most threads the run will
     * give prepare() (per-thread buffers count against memory).  prepare()
     * must check as well.
     */
    int (*check)(param_value *values, int max_threads, char *err, size_t errlen);

    /*
     * Resolves "auto" values in place, checks them, and builds the state:
     * input data, buffers and per-thread workspaces for up to max_threads.
     * On bad values returns OMPSCALE_USAGE with a message in err.
     */
    int (*prepare)(param_value *values, int max_threads, void **state, char *err, size_t errlen);
    /*
     * The timed region.  Writes the number of threads the parallel region
     * really had.  Returns OMPSCALE_OK, or OMPSCALE_FAIL when the run could not
     * finish; then it has no result and verify() explains (top comment).
     */
    int (*run)(void *state, int variant, const kernel_exec *exec, int *threads_obtained);
    /*
     * Checks the last run against the reference.  After a run that returned
     * OMPSCALE_FAIL: verified false, and why (with what to change) in detail.
     */
    void (*verify)(void *state, kernel_check *check);
    /*
     * Asked before the runs and again after them: a count the kernel takes
     * from a run (quadrature's evaluations of f, for the roofline's ops) is
     * there the second time, the same for every run of the configuration.
     */
    void (*work)(const void *state, kernel_work *work);
    /* Optional: figures of the last run beyond its result; returns how many were written. */
    int (*facts)(const void *state, kernel_fact *facts, int max);
    /*
     * Optional: the series of the last run (kernel_series), for plot; 0, or
     * OMPSCALE_FAIL when there is none (no run yet, out of memory).
     */
    int (*series)(void *state, kernel_series *out);
    /* With series: what it is, in its plot's file name and in notes, e.g. "convergence". */
    const char *series_name;
    void (*free)(void *state); /* free(NULL) does nothing */
    const kernel_hybrid *hybrid; /* optional: NULL where the work does not split between ranks */
} kernel;

/*
 * The version of this interface for kernels built outside ompscale
 * (plugins).  It must change whenever struct kernel or any struct it points
 * to or passes (kernel_param, param_value, kernel_preset, kernel_variant,
 * kernel_exec, kernel_schedule, kernel_check, kernel_work, kernel_fact)
 * gains, loses or reorders a member or changes its type or meaning, or a
 * status code or convention of this file changes: a plugin built against
 * other headers is then refused at load instead of run with the wrong layout.
 */
#define OMPSCALE_KERNEL_ABI 3
/*
 * 2 (two branches at once, merged as 3): kernel_work gained ops, ops_kind,
 * bytes, in_cache and roof (the roofline), struct kernel gained roof_configs
 * after sweep_configs; and struct kernel ends with the hybrid hook
 * (kernel_hybrid, kernel_part).
 * 3: both: a plugin of ABI 1 or 2 writes a shorter kernel_work or shorter
 * kernel rows, so reading the new fields would read past them: refused.
 */

/* The most parameters a kernel may have (a sweep keeps this many values per configuration). */
#define KERNEL_MAX_PARAMS 16
/* The longest name of a kernel, variant, parameter or preset (result files keep 31 bytes). */
#define KERNEL_MAX_NAME 31

/*
 * A plugin is a shared object that exports its kernels as one table under
 * the name OMPSCALE_PLUGIN_SYMBOL (default visibility), e.g.
 *
 *     static const kernel *const my_kernels[] = {&kernel_jacobi, NULL};
 *     const ompscale_plugin ompscale_plugin_table = {
 *         .abi = OMPSCALE_KERNEL_ABI,
 *         .kernels = my_kernels,
 *     };
 *
 * `abi` comes first and stays an int in every version, so that any ompscale
 * can read it and refuse a number other than its own.
 */
typedef struct ompscale_plugin {
    int abi;                      /* OMPSCALE_KERNEL_ABI of the headers it was built with */
    const kernel *const *kernels; /* ends with NULL */
} ompscale_plugin;
#define OMPSCALE_PLUGIN_SYMBOL "ompscale_plugin_table"

/*
 * Checks k against this file's contract, as every kernel from a plugin is
 * checked at load: a name, summaries, the required steps, variant 0 serial
 * and at least one parallel variant, size_param an integer parameter, every
 * default and preset valid, names unique within each table and at most
 * KERNEL_MAX_NAME characters of letters, digits, '-', '_' and '.'.
 * OMPSCALE_OK, or OMPSCALE_USAGE with what is wrong and what is valid in err.
 */
int kernel_validate(const kernel *k, char *err, size_t errlen);

/*
 * The contiguous block of n items that is rank part->rank's: the first n % ranks
 * ranks take one item more than the others, so the blocks differ by at most one.
 */
void kernel_part_block(const kernel_part *part, int64_t n, int64_t *first, int64_t *count);
/* How many of n items the cyclic split (item i to rank i % ranks) gives rank part->rank. */
int64_t kernel_part_cyclic_count(const kernel_part *part, int64_t n);

/*
 * Partials of the two splits, for hybrid hooks.  Block: a rank's block of an
 * array of n doubles, padded to kernel_part_block_len(n, ranks) = the longest
 * block.  Cyclic: items rank, rank + ranks, ... of each of narrays arrays of
 * n doubles, one after the other, each run padded to the longest share:
 * kernel_part_cyclic_len(n, ranks, narrays) doubles.  Unpacking reads ranks
 * partials `stride` doubles apart (at least the length above) and puts every
 * value back at its index.
 */
size_t kernel_part_block_len(int64_t n, int ranks);
void kernel_part_block_pack(const kernel_part *part, int64_t n, const double *array, double *out);
void kernel_part_block_unpack(int ranks, int64_t n, const double *partials, size_t stride,
                              double *array);
/*
 * An element-by-element check's tally over a rank's block, as a partial: the
 * elements found wrong, the first of them (-1: none), the worst difference,
 * the sums of the results and of the reference values.  Combining the
 * ranks' tallies (`stride` doubles apart, blocks in rank order) adds them in
 * rank order and keeps the first rank's first wrong element and the worst.
 */
enum { KERNEL_TALLY_WRONG, KERNEL_TALLY_FIRST_WRONG, KERNEL_TALLY_WORST, KERNEL_TALLY_SUM,
       KERNEL_TALLY_REF_SUM, KERNEL_TALLY_LEN };
void kernel_part_tally_combine(int ranks, const double *partials, size_t stride, double *tally);
/* An empty tally, and element i (got, against want, bit for bit) added to it. */
void kernel_tally_init(double *tally);
void kernel_tally_add(double *tally, int64_t i, double got, double want);

size_t kernel_part_cyclic_len(int64_t n, int ranks, int narrays);
void kernel_part_cyclic_pack(const kernel_part *part, int64_t n, const double *const *arrays,
                             int narrays, double *out);
void kernel_part_cyclic_unpack(int ranks, int64_t n, const double *partials, size_t stride,
                               double *const *arrays, int narrays);

/*
 * Whether name can name a kernel, variant, parameter or preset: options,
 * comma lists, CSV fields and file names can carry it.  1..KERNEL_MAX_NAME
 * letters, digits, '-', '_' or '.', not starting with '-' or '.'.
 */
bool kernel_name_ok(const char *name);

/* The index of a variant by name, or -1. */
int kernel_variant_index(const kernel *k, const char *name);
/* The number of variants. */
int kernel_variant_count(const kernel *k);
/* The index of a parameter by name, or -1. */
int kernel_param_index(const kernel *k, const char *name);
int kernel_param_count(const kernel *k);

/*
 * Fills values[] with every parameter's default, then applies the preset
 * (NULL for none).  values must hold kernel_param_count(k) entries.
 */
int kernel_defaults(const kernel *k, const char *preset, param_value *values, char *err,
                    size_t errlen);
/* Applies "name=value,name=value" (as presets are written) to values. */
int kernel_assign(const kernel *k, param_value *values, const char *list, char *err,
                  size_t errlen);
/* Writes the values as "name=value ..." in table order (auto values as resolved, if they were). */
void kernel_params_text(const kernel *k, const param_value *values, char *buf, size_t len);

/* Sets one parameter from text, checking type and range. */
int kernel_set(const kernel *k, param_value *values, const char *name, const char *text,
               char *err, size_t errlen);

#endif
