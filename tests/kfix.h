/*
 * kfix.h: a test fixture that prepares one kernel with a preset and
 * overrides, runs a variant at a thread count and schedule, and verifies it,
 * failing the cmocka test with the kernel's own message on any error.
 */
#ifndef OMPSCALE_KFIX_H
#define OMPSCALE_KFIX_H

#include "kernel.h"

typedef struct kfix {
    const kernel *k;
    param_value values[16];
    void *state;
} kfix;

/* Prepares kernel `name` with a preset (or NULL) and "a=1,b=2" overrides (or NULL). */
void kfix_prepare(kfix *f, const char *name, const char *preset, const char *overrides,
                  int max_threads);
/* Runs a variant once and verifies it; returns the threads obtained. */
int kfix_run(kfix *f, const char *variant, int threads, const char *schedule, kernel_check *check);
void kfix_free(kfix *f);

#endif
