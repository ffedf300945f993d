/*
 * once.h: the command line of `ompscale once` (one kernel variant, one
 * thread count, one schedule): its options table (args.h), and its parser,
 * which prints nothing so that both the once command and import-hyperfine,
 * which reads the same arguments back out of hyperfine's recorded commands,
 * use it.
 */
#ifndef OMPSCALE_ONCE_H
#define OMPSCALE_ONCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "kernel.h"

#define ONCE_MAX_PARAMS 32

typedef struct once_opts {
    const kernel *k;
    const char *variant;   /* its name, as given (default omp) */
    int variant_index;
    const char *preset;
    int threads;           /* 1 for the serial variant */
    kernel_schedule schedule;
    int64_t warmup;
    bool quiet;
} once_opts;

/*
 * Parses "KERNEL [--option VALUE ...]" (or --option=VALUE) into o and the
 * kernel's parameter values (ONCE_MAX_PARAMS of them): the preset first,
 * wherever it is, then --size and the parameters in their order.  Returns
 * 0, or 2 with the message in err ("what was wrong: what is valid", no
 * prefix).  threads defaults to default_threads.  It prints nothing and
 * keeps nothing between calls (import-hyperfine calls it once a command).
 */
int once_parse(int argc, char **argv, int default_threads, once_opts *o, param_value *values,
               char *err, size_t errlen);

/* once's options, usage and help. */
extern const args_command once_command;

#endif
