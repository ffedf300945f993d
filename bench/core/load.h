/*
 * load.h: how busy the machine is, from /proc (these are shared VMs): the
 * 1-minute load average, the runnable tasks, the CPU time spent busy on all
 * CPUs and the time the hypervisor stole, with this process's own CPU time
 * (getrusage) beside them, so that what other work did between two samples
 * can be told from what the sweep did: other processes' CPUs on average
 * (busy - own) / wall, and the share of the machine's CPU time stolen.
 */
#ifndef OMPSCALE_LOAD_H
#define OMPSCALE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

/* Other processes using this many CPUs on average, or this share stolen, made a cell busy. */
#define LOAD_BUSY_CPUS 0.25
#define LOAD_BUSY_STEAL 0.02

typedef struct load_sample {
    bool ok;            /* /proc was read (false elsewhere: every figure unknown) */
    double at_s;        /* clock_now() when taken */
    double loadavg_1m;  /* /proc/loadavg */
    int runnable;       /* /proc/stat procs_running, the reading thread included */
    int others_runnable; /* of those, not this process's threads (/proc/self/task) */
    double busy_s;      /* CPU seconds busy since boot, every CPU: user nice system irq softirq */
    double steal_s;     /* CPU seconds the hypervisor stole since boot */
    double own_s;       /* this process's CPU seconds, user and system */
} load_sample;

/* What other work did between two samples. */
typedef struct load_share {
    double seconds;        /* wall time between them */
    double others_cpus;    /* other processes' CPUs on average (NAN: unknown) */
    double steal_fraction; /* stolen share of the P CPUs' time (NAN: unknown) */
    /*
     * What the kernel's counting in ticks (1/100 s) leaves uncertain in
     * others_cpus: two ticks each of the four readings over the seconds.  A
     * share is judged only by what stands above it.
     */
    double resolution_cpus;
    /*
     * Other processes' runnable tasks at the two samples, on average: an
     * instant count, for a share too short for the ticks (a --quick sweep).
     */
    double others_runnable;
} load_share;

/* Takes a sample; s->ok says whether /proc could be read. */
void load_read(load_sample *s);

/* Between a and b (b later) on P CPUs. */
void load_between(const load_sample *a, const load_sample *b, int P, load_share *out);

/*
 * Whether a share says other work competed: other processes above busy_cpus
 * (LOAD_BUSY_CPUS by default), or more than LOAD_BUSY_STEAL stolen, beyond
 * the tick resolution.
 */
bool load_busy(const load_share *s, double busy_cpus);

/* Whether a share is long enough to judge on its own (its resolution below busy_cpus). */
bool load_judged(const load_share *s, double busy_cpus);

/*
 * For what is too short to judge by time: whether other processes' runnable
 * tasks, the median of n samples (at most 513 read), exceed busy_cpus.
 */
bool load_busy_runnable(const load_sample *const *samples, size_t n, double busy_cpus);

#endif
