/*
 * once.c: parsing `ompscale once` arguments into options and kernel
 * parameter values (once.h).
 */
#include "once.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "registry.h"

/* The variant names of k after a prefix, in err. */
static int once_bad_variant(const once_opts *o, char *err, size_t errlen)
{
    int n = snprintf(err, errlen, "--variant '%s': %s has", o->variant, o->k->name);
    for (int v = 0; o->k->variants[v].name && n > 0 && (size_t)n < errlen; v++)
        n += snprintf(err + n, errlen - (size_t)n, " %s", o->k->variants[v].name);
    return CLI_USAGE;
}

/* One option with its value; CLI_OK or CLI_USAGE with the message in err. */
static int once_option(once_opts *o, param_value *values, const char *opt, const char *val,
                       char *err, size_t errlen)
{
    int64_t v;
    if (strcmp(opt, "--variant") == 0) {
        o->variant = val;
    } else if (strcmp(opt, "--threads") == 0) {
        int cap = plan_thread_cap();
        if (param_parse_i64(val, 1, cap, &v) != 0) {
            snprintf(err, errlen, "--threads '%s': must be a whole number from 1 to %d", val, cap);
            return CLI_USAGE;
        }
        o->threads = (int)v;
    } else if (strcmp(opt, "--schedule") == 0) {
        char why[256];
        if (sched_parse(val, &o->schedule, why, sizeof why) != 0) {
            snprintf(err, errlen, "--schedule: %s", why);
            return CLI_USAGE;
        }
    } else if (strcmp(opt, "--preset") == 0) {
        return CLI_OK; /* applied before the other options */
    } else if (strcmp(opt, "--plugin") == 0) {
        return CLI_OK; /* loaded before the kernel is looked up (cmd_once) */
    } else if (strcmp(opt, "--size") == 0) {
        return cli_kernel_param_text(o->k, values, o->k->size_param, val, err, errlen);
    } else if (strcmp(opt, "--warmup") == 0) {
        if (param_parse_i64(val, 0, 1000, &o->warmup) != 0) {
            snprintf(err, errlen, "--warmup '%s': must be a whole number from 0 to 1000", val);
            return CLI_USAGE;
        }
    } else {
        return cli_kernel_param_text(o->k, values, opt, val, err, errlen);
    }
    return CLI_OK;
}

bool once_is_flag(const char *arg)
{
    return strcmp(arg, "--quiet") == 0;
}

static int once_parse_words(int argc, char **argv, int default_threads, once_opts *o,
                            param_value *values, char *err, size_t errlen)
{
    *o = (once_opts){.variant = "omp", .threads = default_threads, .warmup = 1};
    if (argc < 1 || argv[0][0] == '-') {
        snprintf(err, errlen, "once: name a kernel first, e.g. ompscale once squares");
        return CLI_USAGE;
    }
    o->k = registry_find(argv[0]);
    if (!o->k) {
        char names[256];
        registry_names(names, sizeof names);
        snprintf(err, errlen, "unknown kernel '%s': valid are %s", argv[0], names);
        return CLI_USAGE;
    }
    /* The preset comes first, whatever its place: parameters override it. */
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--preset") == 0)
            o->preset = argv[i + 1];
    char why[256];
    if (kernel_defaults(o->k, o->preset, values, why, sizeof why) != 0) {
        snprintf(err, errlen, "--preset: %s", why);
        return CLI_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (once_is_flag(opt)) {
            o->quiet = true;
            continue;
        }
        if (strncmp(opt, "--", 2) != 0) {
            snprintf(err, errlen, "once: unexpected argument '%s': options start with --", opt);
            return CLI_USAGE;
        }
        if (i + 1 >= argc) {
            snprintf(err, errlen, "%s needs a value", opt);
            return CLI_USAGE;
        }
        if (once_option(o, values, opt, argv[++i], err, errlen) != CLI_OK)
            return CLI_USAGE;
    }
    o->variant_index = kernel_variant_index(o->k, o->variant);
    if (o->variant_index < 0)
        return once_bad_variant(o, err, errlen);
    if (o->variant_index == 0)
        o->threads = 1;
    return CLI_OK;
}

int once_parse(int argc, char **argv, int default_threads, once_opts *o, param_value *values,
               char *err, size_t errlen)
{
    int status = once_parse_words(argc, argv, default_threads, o, values, err, errlen);
    /* A word may hold a newline (import reads them out of JSON): one line of message. */
    for (char *c = err; status != CLI_OK && *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    return status;
}
