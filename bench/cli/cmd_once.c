/*
 * cmd_once.c: `ompscale once KERNEL`: prepares one kernel, runs one variant
 * at one thread count and schedule (after untimed warm-up runs), verifies it,
 * and prints the result, the reference, the error, whether it verified, the
 * time of the one timed run and the throughput.  Exit status 1 if it did not
 * verify.  `--quiet` prints nothing but errors, for whole-process timing, and
 * fails when the parallel region got fewer threads than asked.
 */
#include <inttypes.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "once.h"
#include "ompenv.h"
#include "plugin.h"
#include "units.h"

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
    kernel_work w = {0};
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

/* Whether the run got the threads it asked for; a whole-process time of fewer would be mislabelled. */
static int once_check_threads(const once_opts *o, int obtained)
{
    if (o->variant_index == 0 || obtained == o->threads)
        return OMPSCALE_OK;
    return cli_fail("%s/%s: asked for %d threads but the parallel region had %d (OMP_THREAD_LIMIT, "
                    "OMP_DYNAMIC or the affinity mask limit it): the time would be mislabelled",
                    o->k->name, o->variant, o->threads, obtained);
}

int cmd_once(int argc, char **argv)
{
    param_value values[ONCE_MAX_PARAMS];
    once_opts o;
    char err[512] = "";
    if (plugin_load_options(&once_command, argc, argv) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (once_parse(argc, argv, omp_get_num_procs(), &o, values, err, sizeof err) != OMPSCALE_OK)
        return cli_usage_error("%s", err);
    const kernel *k = o.k;
    int variant = o.variant_index;
    if (!o.quiet && variant > 0)
        ompenv_warn(&o.threads, 1, stderr); /* OMP_THREAD_LIMIT, OMP_DYNAMIC, binding */
    void *state = NULL;
    int status = k->prepare(values, o.threads, &state, err, sizeof err);
    if (status != OMPSCALE_OK)
        return status == OMPSCALE_USAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
    kernel_exec exec = {.threads = o.threads, .schedule = o.schedule};
    int obtained = 0;
    kernel_check check;
    for (int64_t w = 0; w < o.warmup && status == OMPSCALE_OK; w++)
        status = k->run(state, variant, &exec, &obtained);
    double t0 = clock_now();
    if (status == OMPSCALE_OK)
        status = k->run(state, variant, &exec, &obtained);
    double seconds = clock_now() - t0;
    k->verify(state, &check); /* after a failed run, it says why (kernel.h) */
    if (status != OMPSCALE_OK) {
        k->free(state);
        return cli_fail("%s/%s at %d thread%s failed: %s", k->name, o.variant, o.threads,
                        o.threads == 1 ? "" : "s",
                        check.detail[0] ? check.detail : "the kernel gave no reason");
    }
    if (!o.quiet)
        once_print(&o, values, variant, obtained, seconds, &check, state);
    k->free(state);
    if (!check.verified)
        return cli_fail("%s/%s at %d threads did not verify: %s", k->name, o.variant, o.threads,
                        check.detail);
    return o.quiet ? once_check_threads(&o, obtained) : OMPSCALE_OK;
}
