/*
 * cmd_once.c: `ompscale once KERNEL`: prepares one kernel, runs one variant
 * at one thread count and schedule (after untimed warm-up runs), verifies it,
 * and prints the result, the reference, the error, whether it verified, the
 * time of the one timed run and the throughput.  Exit status 1 if it did not
 * verify.  `--quiet` prints nothing but errors, for whole-process timing.
 */
#include <inttypes.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "registry.h"
#include "units.h"

typedef struct once_opts {
    const kernel *k;
    const char *variant;
    const char *preset;
    int threads;
    kernel_schedule schedule;
    int64_t warmup;
    bool quiet;
} once_opts;

static void once_help(void)
{
    printf("usage: ompscale once KERNEL [options] [--PARAM VALUE ...]\n"
           "Runs one variant of KERNEL once (after warm-up) and verifies it.\n"
           "  --variant V     serial, omp, ... (see ompscale list; default omp)\n"
           "  --threads N     threads for a parallel variant (default: the CPUs available)\n"
           "  --schedule S    static, dynamic or guided, each with optional :CHUNK (default static)\n"
           "  --preset P      a named parameter set of the kernel (e.g. tutorial)\n"
           "  --size N        the kernel's size parameter (see ompscale list)\n"
           "  --warmup N      untimed runs first (default 1)\n"
           "  --quiet         print nothing but errors (exit status says if it verified)\n"
           "  --PARAM VALUE   any parameter of the kernel, e.g. --work 8\n");
}

/* Parses options into o and the kernel parameters into values. */
static int once_parse(int argc, char **argv, once_opts *o, param_value *values)
{
    char err[512];
    if (argc < 1 || argv[0][0] == '-')
        return cli_usage_error("once: name a kernel first, e.g. ompscale once squares");
    o->k = cli_find_kernel(argv[0]);
    if (!o->k)
        return CLI_USAGE;
    /* The preset comes first, whatever its place: parameters override it. */
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--preset") == 0)
            o->preset = argv[i + 1];
    if (kernel_defaults(o->k, o->preset, values, err, sizeof err) != 0)
        return cli_usage_error("--preset: %s", err);
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--quiet") == 0) {
            o->quiet = true;
            continue;
        }
        if (strncmp(opt, "--", 2) != 0)
            return cli_usage_error("once: unexpected argument '%s': options start with --", opt);
        const char *val = cli_value(argc, argv, &i);
        if (!val)
            return CLI_USAGE;
        if (strcmp(opt, "--variant") == 0) {
            o->variant = val;
        } else if (strcmp(opt, "--threads") == 0) {
            if (cli_parse_threads("--threads", val, &o->threads) != 0)
                return CLI_USAGE;
        } else if (strcmp(opt, "--schedule") == 0) {
            if (sched_parse(val, &o->schedule, err, sizeof err) != 0)
                return cli_usage_error("--schedule: %s", err);
        } else if (strcmp(opt, "--preset") == 0) {
            continue; /* applied above */
        } else if (strcmp(opt, "--size") == 0) {
            if (cli_kernel_param(o->k, values, o->k->size_param, val) != 0)
                return CLI_USAGE;
        } else if (strcmp(opt, "--warmup") == 0) {
            if (param_parse_i64(val, 0, 1000, &o->warmup) != 0)
                return cli_usage_error("--warmup '%s': must be a whole number from 0 to 1000", val);
        } else if (cli_kernel_param(o->k, values, opt, val) != 0) {
            return CLI_USAGE;
        }
    }
    if (kernel_variant_index(o->k, o->variant) < 0) {
        int n = snprintf(err, sizeof err, "--variant '%s': %s has", o->variant, o->k->name);
        for (int v = 0; o->k->variants[v].name && n > 0 && (size_t)n < sizeof err; v++)
            n += snprintf(err + n, sizeof err - (size_t)n, " %s", o->k->variants[v].name);
        return cli_usage_error("%s", err);
    }
    return CLI_OK;
}

/* Exact text where the kernel gave one (a double may drop digits), else 17 digits. */
static void once_print_number(const char *label, double value, const char *text)
{
    if (text[0])
        printf("%-11s %s\n", label, text);
    else
        printf("%-11s %.17g\n", label, value);
}

static void once_print(const once_opts *o, const param_value *values, int variant, int obtained,
                       double seconds, const kernel_check *c, void *state)
{
    const kernel *k = o->k;
    char sched[32], val[64], tput[48];
    sched_format(&o->schedule, sched, sizeof sched);
    printf("kernel      %s, variant %s", k->name, k->variants[variant].name);
    if (variant > 0)
        printf(", %d thread%s asked, %d obtained, schedule %s%s", o->threads,
               o->threads == 1 ? "" : "s", obtained, sched, k->scheduled ? "" : " (ignored)");
    printf("\nparameters ");
    for (int p = 0; k->params[p].name; p++) {
        param_format(&k->params[p], &values[p], val, sizeof val);
        printf(" %s=%s", k->params[p].name, val);
    }
    printf("\n");
    once_print_number("result", c->result, c->result_text);
    once_print_number("reference", c->reference, c->reference_text);
    printf("abs_error   %.6g (tolerance %.6g)\n", c->abs_error, c->tolerance);
    printf("verified    %s: %s\n", c->verified ? "yes" : "NO", c->detail);
    kernel_work w;
    k->work(state, &w);
    units_format_throughput(w.amount, w.unit, seconds, tput, sizeof tput);
    printf("time        %.6f s (one run after %" PRId64 " warm-up)\n", seconds, o->warmup);
    printf("throughput  %s\n", tput);
    if (k->facts) {
        kernel_fact facts[16];
        int n = k->facts(state, facts, 16);
        for (int i = 0; i < n; i++)
            printf("%-11s %.6g\n", facts[i].name, facts[i].value);
    }
}

int cmd_once(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (cli_is_help(argv[i])) {
            once_help();
            return CLI_OK;
        }
    param_value values[32];
    once_opts o = {.variant = "omp", .threads = omp_get_num_procs(), .warmup = 1};
    int status = once_parse(argc, argv, &o, values);
    if (status != CLI_OK)
        return status;
    const kernel *k = o.k;
    int variant = kernel_variant_index(k, o.variant);
    if (variant == 0)
        o.threads = 1;
    char err[512] = "";
    void *state = NULL;
    status = k->prepare(values, o.threads, &state, err, sizeof err);
    if (status != KERNEL_OK)
        return status == KERNEL_EUSAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
    kernel_exec exec = {.threads = o.threads, .schedule = o.schedule};
    int obtained = 0;
    kernel_check check;
    for (int64_t w = 0; w < o.warmup && status == KERNEL_OK; w++)
        status = k->run(state, variant, &exec, &obtained);
    double t0 = clock_now();
    if (status == KERNEL_OK)
        status = k->run(state, variant, &exec, &obtained);
    double seconds = clock_now() - t0;
    if (status != KERNEL_OK) {
        k->free(state);
        return cli_fail("%s/%s: the run failed", k->name, o.variant);
    }
    k->verify(state, &check);
    if (!o.quiet)
        once_print(&o, values, variant, obtained, seconds, &check, state);
    if (!check.verified)
        cli_fail("%s/%s at %d threads did not verify: %s", k->name, o.variant, o.threads,
                 check.detail);
    k->free(state);
    return check.verified ? CLI_OK : CLI_FAIL;
}
