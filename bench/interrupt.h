/*
 * interrupt.h: what ompscale does on SIGINT and SIGTERM.  The handlers only
 * set flags, unlink and re-raise (all async-signal-safe); everything else
 * happens in the code that polls intr_signal().
 *
 * INTR_AT_ONCE (every command; main installs it): the signal kills the
 * process at once, by the signal, after removing the temporary file being
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

/* Installs (or switches) the handlers of SIGINT and SIGTERM; 0, or -1 with errno. */
int intr_install(intr_mode mode);

/* The first SIGINT or SIGTERM received since intr_install, or 0. */
int intr_signal(void);

/* Whether a signal was received: a stop check for measure_opts (ctx unused). */
bool intr_requested(void *ctx);

/* "SIGINT", "SIGTERM" or "signal N". */
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

/* INTR_FORWARD: the child that gets each signal (0: none). */
void intr_set_child(pid_t pid);

/* Blocks (hold) or unblocks SIGINT and SIGTERM in the calling thread: around a fork. */
void intr_hold(bool hold);

/* In a forked child before exec: default actions for the signals ompscale caught, unblocked. */
void intr_child_defaults(void);

#endif
