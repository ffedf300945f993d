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

#include "machine.h"
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
    if (f->k->prepare(f->values, max_threads, &f->state, err, sizeof err) != OMPSCALE_OK)
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
    if (f->k->run(f->state, v, &exec, &obtained) != OMPSCALE_OK)
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

int kfix_check_at(const char *name, const char *overrides, const char *param, int64_t n,
                  char *err, size_t errlen)
{
    return kfix_check_threads_at(name, overrides, param, n, 1, err, errlen);
}

int kfix_check_threads_at(const char *name, const char *overrides, const char *param, int64_t n,
                          int max_threads, char *err, size_t errlen)
{
    const kernel *k = registry_find(name);
    param_value v[16];
    char text[32];
    if (!k || !k->check)
        fail_msg("no kernel %s with a check function", name);
    if (kernel_defaults(k, NULL, v, err, errlen) != 0 ||
        (overrides && kernel_assign(k, v, overrides, err, errlen) != 0))
        fail_msg("%s", err);
    snprintf(text, sizeof text, "%lld", (long long)n);
    if (kernel_set(k, v, param, text, err, errlen) != 0)
        return -1;
    return k->check(v, max_threads, err, errlen);
}

void kfix_expect_size_limit(const char *name, const char *overrides, const char *param,
                            int arrays, int64_t extra)
{
    kfix_expect_threads_size_limit(name, overrides, param, 1, arrays, extra);
}

void kfix_expect_threads_size_limit(const char *name, const char *overrides, const char *param,
                                    int max_threads, int arrays, int64_t extra)
{
    const kernel *k = registry_find(name);
    assert_non_null(k);
    const kernel_param *p = &k->params[kernel_param_index(k, param)];
    const int64_t table_max = p->max >= 0x1p63 ? INT64_MAX : (int64_t)p->max;
    char err[512];
    for (int tries = 0; tries < 20; tries++) {
        uint64_t mem = machine_memory_bytes();
        uint64_t known = mem ? mem : UINT64_C(1) << 34; /* machine.c assumes 16 GiB when unknown */
        /* The largest m with arrays * m * 8 <= memory / 2, less what the kernel adds to param. */
        int64_t fits = (int64_t)(known / 2 / (sizeof(double) * (uint64_t)arrays)) - extra;
        int64_t last = fits < table_max ? fits : table_max;
        int at_last = kfix_check_threads_at(name, overrides, param, last, max_threads, err,
                                            sizeof err);
        char why_last[512];
        snprintf(why_last, sizeof why_last, "%s", err);
        int past = last == INT64_MAX ? -1
                                     : kfix_check_threads_at(name, overrides, param, last + 1,
                                                             max_threads, err, sizeof err);
        if (machine_memory_bytes() != mem)
            continue; /* memory changed between the reads: try again */
        if (at_last != OMPSCALE_OK)
            fail_msg("%s --%s %lld (the largest valid) refused: %s", name, param, (long long)last,
                     why_last);
        if (last == table_max) {
            assert_int_equal(past, -1); /* the parameter's own range */
        } else {
            if (past != OMPSCALE_USAGE)
                fail_msg("%s --%s %lld (one past the memory) accepted", name, param,
                         (long long)last + 1);
            assert_non_null(strstr(err, "more than half"));
        }
        return;
    }
    fail_msg("the physical memory kept changing while %s's limit was checked", name);
}
