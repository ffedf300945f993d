/*
 * status.h: ompscale_status, the one status of the whole program (kernel.h
 * includes it; the harness's lowest stage, bench/base/, uses it alone).
 */
#ifndef OMPSCALE_STATUS_H
#define OMPSCALE_STATUS_H

/*
 * The one status of the whole program, its kernels and plugins included: every
 * function that can fail returns one, and main exits with it (the values are
 * the exit statuses; a run ended by a signal exits 128 + the signal).
 */
typedef enum ompscale_status {
    OMPSCALE_OK = 0,
    OMPSCALE_FAIL = 1,       /* a run failed: a library error, out of memory, a wrong result, I/O */
    OMPSCALE_USAGE = 2,      /* bad input: the message says what was wrong and what is valid */
    OMPSCALE_REGRESSION = 3, /* compare --fail-on-regression: a cell slower than the baseline
                                beyond the factor, and significantly so (README, "Gating CI") */
    OMPSCALE_TIMED_OUT = 124 /* run --timeout ended the sweep (as timeout(1) exits) */
} ompscale_status;

#endif
