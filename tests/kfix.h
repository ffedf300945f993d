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

/*
 * Sets parameter `param` of kernel `name` (defaults, then "a=1,b=2"
 * overrides or NULL) to the integer n and calls the kernel's check();
 * returns OMPSCALE_OK, the check's status (its message in err), or -1 if the
 * parameter's own range refused n.
 */
int kfix_check_at(const char *name, const char *overrides, const char *param, int64_t n,
                  char *err, size_t errlen);
/* The same for a run of at most max_threads threads (kfix_check_at takes 1). */
int kfix_check_threads_at(const char *name, const char *overrides, const char *param, int64_t n,
                          int max_threads, char *err, size_t errlen);
/*
 * The size limit of a kernel whose parameter `param` allocates `arrays`
 * arrays of (param + extra) doubles: the largest value is the smaller of the
 * parameter's maximum and the largest whose arrays fit in half of the
 * physical memory.  Checks that check() accepts it and refuses the next one
 * (the memory check, or the parameter's range past its maximum).  Physical
 * memory may change under a VM's balloon driver: the check is retried until
 * memory reads the same before and after.
 */
void kfix_expect_size_limit(const char *name, const char *overrides, const char *param,
                            int arrays, int64_t extra);
/* The same for a run of at most max_threads threads, with `arrays` counted at that many. */
void kfix_expect_threads_size_limit(const char *name, const char *overrides, const char *param,
                                    int max_threads, int arrays, int64_t extra);

#endif
