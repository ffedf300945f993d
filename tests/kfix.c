/*
 * kfix.c: the kernel test fixture (kfix.h).
 */
#include "kfix.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "registry.h"

void kfix_prepare(kfix *f, const char *name, const char *preset, const char *overrides,
                  int max_threads)
{
    char err[256] = "";
    memset(f, 0, sizeof *f);
    f->k = registry_find(name);
    if (!f->k)
        fail_msg("no kernel %s", name);
    assert_true(kernel_param_count(f->k) <= 16);
    if (kernel_defaults(f->k, preset, f->values, err, sizeof err) != 0)
        fail_msg("%s", err);
    if (overrides && kernel_assign(f->k, f->values, overrides, err, sizeof err) != 0)
        fail_msg("%s", err);
    if (f->k->prepare(f->values, max_threads, &f->state, err, sizeof err) != KERNEL_OK)
        fail_msg("%s: prepare: %s", name, err);
}

int kfix_run(kfix *f, const char *variant, int threads, const char *schedule, kernel_check *check)
{
    char err[256] = "";
    kernel_exec exec = {.threads = threads};
    int v = kernel_variant_index(f->k, variant);
    if (v < 0)
        fail_msg("%s has no variant %s", f->k->name, variant);
    if (sched_parse(schedule ? schedule : "static", &exec.schedule, err, sizeof err) != 0)
        fail_msg("%s", err);
    int obtained = 0;
    if (f->k->run(f->state, v, &exec, &obtained) != KERNEL_OK)
        fail_msg("%s/%s at %d threads, %s: run failed", f->k->name, variant, threads, schedule);
    f->k->verify(f->state, check);
    return obtained;
}

void kfix_free(kfix *f)
{
    if (f->k)
        f->k->free(f->state);
    f->state = NULL;
}
