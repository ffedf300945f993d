/*
 * once.c: the command line of `ompscale once` (once.h): its options table,
 * and the parser that turns "KERNEL [options]" into options and the
 * kernel's parameter values, printing nothing.
 */
#include "once.h"

#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "registry.h"

enum {
    ONCE_VARIANT = 1,
    ONCE_THREADS,
    ONCE_SCHEDULE,
    ONCE_PRESET,
    ONCE_SIZE,
    ONCE_WARMUP,
    ONCE_QUIET,
    ONCE_PLUGIN,
};

static const args_option once_options[] = {
    {.name = "variant", .id = ONCE_VARIANT, .value = ARGS_VARIANT, .metavar = "V",
     .help = "serial, omp, ... (see ompscale list; default omp)"},
    {.name = "threads", .id = ONCE_THREADS, .value = ARGS_TEXT, .metavar = "N",
     .help = "threads for a parallel variant (default: the CPUs available)"},
    {.name = "schedule", .id = ONCE_SCHEDULE, .value = ARGS_CHOICE, .metavar = "S",
     .help = "static, dynamic or guided, each with optional :CHUNK (default static)",
     .choices = "static,dynamic,guided"},
    {.name = "preset", .id = ONCE_PRESET, .value = ARGS_PRESET, .metavar = "P",
     .help = "a named parameter set of the kernel (e.g. tutorial)"},
    {.name = "size", .id = ONCE_SIZE, .value = ARGS_TEXT, .metavar = "N",
     .help = "the kernel's size parameter (see ompscale list)"},
    {.name = "warmup", .id = ONCE_WARMUP, .value = ARGS_TEXT, .metavar = "N",
     .help = "untimed runs first (default 1)"},
    {.name = "quiet", .id = ONCE_QUIET,
     .help = "print nothing but errors: exit status 1 if it did not verify or\n"
             "got fewer threads than asked (for hyperfine: scripts/hyperfine)"},
    {.name = "plugin", .id = ONCE_PLUGIN, .value = ARGS_FILE, .metavar = "PATH",
     .help = "load the kernels of a plugin (a shared object), which KERNEL may\n"
             "then name; may be given several times"},
    {.name = NULL},
};

const args_command once_command = {
    .name = "once",
    .summary = "run one kernel variant once at a thread count and schedule, verified",
    .usage = "KERNEL [options] [--PARAM VALUE ...]",
    .about = "Runs one variant of KERNEL once (after warm-up) and verifies it.  Options take\n"
             "their value as --threads 2 or --threads=2.",
    .options = once_options,
    .params = ARGS_FIRST_WORD,
};

/* The variant names of k after a prefix, in err. */
static int once_bad_variant(const once_opts *o, char *err, size_t errlen)
{
    int n = snprintf(err, errlen, "--variant '%s': %s has", o->variant, o->k->name);
    for (int v = 0; o->k->variants[v].name && n > 0 && (size_t)n < errlen; v++)
        n += snprintf(err + n, errlen - (size_t)n, " %s", o->k->variants[v].name);
    return OMPSCALE_USAGE;
}

/* An option of the table, but --size and the parameters (once_params); 0, or 2 with err set. */
static int once_option(once_opts *o, const args_item *it, char *err, size_t errlen)
{
    int64_t v;
    char why[256];
    switch (it->option->id) {
    case ONCE_VARIANT:
        o->variant = it->value;
        break;
    case ONCE_THREADS:
        if (param_parse_i64(it->value, 1, plan_thread_cap(), &v) != 0) {
            snprintf(err, errlen, "--threads '%s': must be a whole number from 1 to %d", it->value,
                     plan_thread_cap());
            return OMPSCALE_USAGE;
        }
        o->threads = (int)v;
        break;
    case ONCE_SCHEDULE:
        if (sched_parse(it->value, &o->schedule, why, sizeof why) != 0) {
            snprintf(err, errlen, "--schedule: %s", why);
            return OMPSCALE_USAGE;
        }
        break;
    case ONCE_PRESET:
        o->preset = it->value; /* applied before the parameters, wherever it is */
        break;
    case ONCE_WARMUP:
        if (param_parse_i64(it->value, 0, 1000, &o->warmup) != 0) {
            snprintf(err, errlen, "--warmup '%s': must be a whole number from 0 to 1000", it->value);
            return OMPSCALE_USAGE;
        }
        break;
    case ONCE_QUIET:
        o->quiet = true;
        break;
    default: /* --size: with the parameters; --plugin: loaded before the kernel is looked up */
        break;
    }
    return 0;
}

/* The first scan: every option but the parameters, and whatever is wrong with the words. */
static int once_options_scan(args_scan *s, once_opts *o, char *err, size_t errlen)
{
    args_item it;
    for (;;) {
        if (args_next(s, &it, err, errlen) != 0)
            return OMPSCALE_USAGE;
        switch (it.kind) {
        case ARGS_END:
            return 0;
        case ARGS_WORD:
            snprintf(err, errlen, "once: unexpected argument '%s': options start with --", it.value);
            return OMPSCALE_USAGE;
        case ARGS_UNKNOWN: {
            int n = snprintf(err, errlen, "unknown option '%s' for kernel %s: its parameters are",
                             it.opt, o->k->name);
            for (int j = 0; o->k->params[j].name && n > 0 && (size_t)n < errlen; j++)
                n += snprintf(err + n, errlen - (size_t)n, " --%s", o->k->params[j].name);
            return OMPSCALE_USAGE;
        }
        case ARGS_HELP:
            snprintf(err, errlen, "once: -h or --help asks for the help, which runs nothing");
            return OMPSCALE_USAGE;
        case ARGS_OPTION:
            if (once_option(o, &it, err, errlen) != 0)
                return OMPSCALE_USAGE;
            break;
        case ARGS_PARAM:
            break;
        }
    }
}

/* The second scan: --size and the parameters, in their order, over the preset's values. */
static int once_params_scan(args_scan *s, const once_opts *o, param_value *values, char *err,
                            size_t errlen)
{
    args_item it;
    args_rewind(s);
    while (args_next(s, &it, err, errlen) == 0 && it.kind != ARGS_END) {
        const char *name = it.kind == ARGS_PARAM ? it.name
                           : it.kind == ARGS_OPTION && it.option->id == ONCE_SIZE
                               ? o->k->size_param
                               : NULL;
        if (name && kernel_set(o->k, values, name, it.value, err, errlen) != 0)
            return OMPSCALE_USAGE;
    }
    return 0;
}

static int once_parse_words(int argc, char **argv, int default_threads, once_opts *o,
                            param_value *values, char *err, size_t errlen)
{
    *o = (once_opts){.variant = "omp", .threads = default_threads, .warmup = 1};
    if (argc < 1 || argv[0][0] == '-') {
        snprintf(err, errlen, "once: name a kernel first, e.g. ompscale once squares");
        return OMPSCALE_USAGE;
    }
    o->k = registry_find(argv[0]);
    if (!o->k) {
        char names[256];
        registry_names(names, sizeof names);
        snprintf(err, errlen, "unknown kernel '%s': valid are %s", argv[0], names);
        return OMPSCALE_USAGE;
    }
    const kernel *kernels[] = {o->k, NULL};
    args_scan s;
    if (args_init(&s, &once_command, kernels, argc - 1, argv + 1) != 0) {
        snprintf(err, errlen, "out of memory");
        return OMPSCALE_USAGE;
    }
    char why[256];
    int status = once_options_scan(&s, o, err, errlen);
    if (status == 0 && kernel_defaults(o->k, o->preset, values, why, sizeof why) != 0) {
        snprintf(err, errlen, "--preset: %s", why);
        status = OMPSCALE_USAGE;
    }
    if (status == 0)
        status = once_params_scan(&s, o, values, err, errlen);
    args_free(&s);
    if (status != 0)
        return status;
    o->variant_index = kernel_variant_index(o->k, o->variant);
    if (o->variant_index < 0)
        return once_bad_variant(o, err, errlen);
    if (o->variant_index == 0)
        o->threads = 1;
    return 0;
}

int once_parse(int argc, char **argv, int default_threads, once_opts *o, param_value *values,
               char *err, size_t errlen)
{
    int status = once_parse_words(argc, argv, default_threads, o, values, err, errlen);
    /* A word may hold a newline (import reads them out of JSON): one line of message. */
    for (char *c = err; status != 0 && *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    return status;
}
