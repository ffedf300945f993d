/*
 * runopts.h: the command line of `ompscale run`: its options table (args.h),
 * the options as given (runopts_parse, one getopt_long scan, each value
 * checked as far as it can be alone), and the plan they make
 * (runopts_plan).  The plan is made in two steps whatever the order on the
 * command line: first the kernels, the preset and --quick decide each
 * kernel's defaults, then the kernel parameters are applied over them in
 * their order, and --size last.  A runopts owns everything it points to
 * (but argv's words) and runopts_free frees it.
 */
#ifndef OMPSCALE_RUNOPTS_H
#define OMPSCALE_RUNOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "measure.h"
#include "plan.h"
#include "report.h"
#include "counters.h"
#include "envsweep.h"

extern const args_command run_command;

/* A kernel parameter as given: --NAME VALUE (name: the table's, value: argv's). */
typedef struct runopts_param {
    const char *name, *value;
} runopts_param;

typedef struct runopts {
    const kernel *kernels[PLAN_MAX_GROUPS]; /* --kernel, in its order; none: every kernel */
    size_t nkernels;
    const char *preset;   /* --preset, or NULL (--quick alone: quick, where a kernel has it) */
    bool quick, plot, report, weak, force;
    bool roofline;        /* --roofline: the kernels' roof configurations too */
    const char *variants; /* --variant's list, checked against the kernels by the plan */
    kernel_schedule schedules[PLAN_MAX_SCHEDULES];
    size_t nschedules;    /* 0: each kernel's default */
    const char *threads, *size, *sizes; /* as given, or NULL */
    measure_opts measure; /* repetitions, warm-up, order, with --quick's defaults */
    const char *out_prefix; /* --out, or NULL: results/<host>-<UTC time> */
    const char *label;    /* --label, or NULL: the files record none */
    const reporter *stdout_format;
    double timeout_s;     /* --timeout: 0 for none */
    double settle_s;      /* --settle: 0 for none */
    double settle_cpus;   /* --settle-load: other processes' CPUs that count as busy */
    /* --wait-policy or --bind: the variable swept, one child process per value; NULL: none */
    const envsweep *sweep;
    const char *sweep_values[ENVSWEEP_MAX];
    size_t nsweep;
    counters_mode counters; /* --counters */
    runopts_param *params; /* in their order on the command line */
    size_t nparams;
    char **child_argv;    /* a --wait-policy or --bind child's arguments: these without
                             that option, --out, --timeout and --force, with room for two more */
    int child_argc;
} runopts;

/*
 * Reads run's arguments (plugins already loaded) into o; OMPSCALE_OK, or
 * OMPSCALE_USAGE (or OMPSCALE_FAIL out of memory) with the message printed.  Call
 * runopts_free whatever it returns.
 */
int runopts_parse(int argc, char **argv, runopts *o);

/*
 * The plan of o: its kernel configurations with their parameters, the
 * variants, schedules and thread counts (none when not given: the machine's
 * default, plan_default_threads), every size checked against memory.
 * OMPSCALE_OK, or OMPSCALE_USAGE with the message printed.
 */
int runopts_plan(const runopts *o, plan *p);

void runopts_free(runopts *o);

/*
 * The message for an option that is not run's nor a parameter of the
 * selected kernels, with the option as its one %s.
 */
#define RUNOPTS_UNKNOWN "unknown option '%s': not an option of run nor a parameter of the " \
                        "selected kernels (see ompscale run --help, ompscale list)"

#endif
