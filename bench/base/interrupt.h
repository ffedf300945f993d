/*
 * interrupt.h: what ompscale does on SIGINT, SIGTERM and SIGHUP (a closed
 * terminal or ssh session: treated as SIGTERM is).  The handlers only
 * set flags, unlink and re-raise (all async-signal-safe); everything else
 * happens in the code that polls intr_signal().
 *
 * INTR_AT_ONCE (every command; main installs it): the signal kills the
 * process at once, by the signal, after stopping the child process in
 * progress (intr_set_child: gnuplot) and removing the temporary files being
 * written (intr_tmp_begin), so no half-written file bears a final name.
 * INTR_AFTER_CELL (a sweep): the first signal is recorded and said on
 * stderr; the sweep polls intr_signal() and stops after the cell in
 * progress.  A second signal acts as INTR_AT_ONCE.
 * INTR_FORWARD (the --wait-policy parent): every signal is recorded and sent
 * on to the child in progress (intr_set_child), which is in a process group
 * of its own so that it gets each signal once, from the parent.
 *
 * A signal that was ignored when ompscale started (nohup, a background job
 * of a shell without job control) stays ignored.  SIGXFSZ is ignored, so
 * that a write past the file size limit fails with EFBIG and is reported
 * instead of killing the process.
 */
#ifndef OMPSCALE_INTERRUPT_H
#define OMPSCALE_INTERRUPT_H

#include <stdbool.h>
#include <sys/types.h>

typedef enum intr_mode { INTR_AT_ONCE, INTR_AFTER_CELL, INTR_FORWARD } intr_mode;

/* Installs (or switches) the handlers of SIGINT, SIGTERM and SIGHUP; 0, or -1 with errno. */
int intr_install(intr_mode mode);

/* The first SIGINT, SIGTERM or SIGHUP received since intr_install, or 0. */
int intr_signal(void);

/* Whether a signal was received: a stop check for measure_opts (ctx unused). */
bool intr_requested(void *ctx);

/* "SIGINT", "SIGTERM", "SIGHUP" or "signal N". */
const char *intr_name(int sig);

/* The exit status of a process ended by sig: 128 + sig. */
int intr_exit_status(int sig);

/*
 * Ends the process by the signal intr_signal() received, with its default
 * action (so a calling shell sees it was interrupted: $? is 130 or 143).
 * Returns (and does nothing) if no signal was received.  Flush stdout first.
 */
void intr_raise(void);

/* The most temporary files a set written together may have (a CSV and its JSON). */
#define INTR_TMP_MAX 4
/* The most temporary files in progress at once: a plot command's up to 128 plots, renamed together. */
#define INTR_TMP_SLOTS 136
/*
 * A temporary file being written: copies template ("PATH.tmp-XXXXXX") into
 * a buffer the handler reads and returns it, to be passed to mkstemp as it
 * is (NULL if INTR_TMP_MAX are in progress); a signal that stops at once
 * unlinks it.  intr_tmp_ready marks it complete, about to be renamed to
 * final: a signal that stops at once then renames it instead, so that files
 * written as a set are all renamed or none.  intr_tmp_end forgets it (after
 * the rename or the unlink).
 */
char *intr_tmp_begin(const char *template);
void intr_tmp_ready(const char *tmp, const char *final);
void intr_tmp_end(const char *tmp);

/*
 * The child process in progress (0: none), in a process group of its own
 * (child.h): INTR_FORWARD sends it each signal; a signal that stops ompscale
 * at once sends it SIGTERM first.
 */
void intr_set_child(pid_t pid);

/* A line a signal that stops at once writes on stderr first (NULL: none), e.g. what is kept. */
void intr_set_farewell(const char *message);

/*
 * For an exit that no signal caused but that ends the process mid-work (an
 * OpenMP runtime that cannot create a thread calls exit): stops the child
 * in progress and settles the temporary files as a signal would.
 */
void intr_exit_cleanup(void);

/* Blocks (hold) or unblocks SIGINT, SIGTERM and SIGHUP in the calling thread: around a fork. */
void intr_hold(bool hold);

/* In a forked child before exec: default actions for the signals ompscale caught, unblocked. */
void intr_child_defaults(void);

#endif
