/*
 * child.h: the helper processes ompscale starts (gnuplot, each --wait-policy
 * run; later mpirun).  Every child gets well-defined standard streams (never
 * one of ompscale's own descriptors that happens to be closed or reused), a
 * process group of its own (so that a terminal's Ctrl-C reaches it once,
 * through ompscale), a signal when ompscale dies (PR_SET_PDEATHSIG), is
 * stopped when a signal stops ompscale (interrupt.h), and is waited for with
 * a deadline: past it the child gets SIGTERM, after grace_s a second
 * SIGTERM, after grace_s more SIGKILL.  (An ompscale child stops after the
 * cell in progress on the first SIGTERM and at once on the second; gnuplot
 * stops on the first.)
 */
#ifndef OMPSCALE_CHILD_H
#define OMPSCALE_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum {
    CHILD_NULL = -1,    /* a standard stream opened on /dev/null */
    CHILD_INHERIT = -2, /* ompscale's own descriptor of the same number */
};

enum { CHILD_EXITED = 0, CHILD_FAILED = 1, CHILD_TIMED_OUT = 3 };

typedef struct child_spec {
    const char *path;       /* the program to run */
    char *const *argv;      /* its arguments, argv[0] first, ending with NULL */
    int in, out, err;       /* descriptors for its 0, 1, 2, or CHILD_NULL, CHILD_INHERIT */
    /* "NAME=VALUE" set in its environment (replacing any NAME there), ending with NULL; or NULL */
    const char *const *env_set;
    int death_signal;       /* sent to it if ompscale dies first (SIGTERM, SIGKILL) */
    double timeout_s;       /* 0: none */
    double grace_s;         /* between the deadline's signals (default 5 s when 0) */
} child_spec;

typedef struct child {
    pid_t pid;
    double deadline;        /* clock_now() value; 0: none */
    double grace_s;
    const char *what;       /* for messages, e.g. "gnuplot" */
} child;

/* Starts the child; 0, or 1 with a message in err.  It is ompscale's one child from then on. */
int child_start(const child_spec *s, const char *what, child *c, char *err, size_t errlen);

/*
 * Waits for the child.  CHILD_EXITED with its wait status in *wstatus (it
 * ended by itself); CHILD_TIMED_OUT when the deadline passed (it was then
 * stopped as above; *wstatus says how it ended); CHILD_FAILED with a message
 * in err if waiting failed.
 */
int child_wait(child *c, int *wstatus, char *err, size_t errlen);

/* "exit status N" or "signal N (SIGTERM)" of a wait status, in buf. */
const char *child_status_text(int wstatus, char *buf, size_t len);

#endif
