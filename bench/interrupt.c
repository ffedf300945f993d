/*
 * interrupt.c: the SIGINT and SIGTERM handlers (interrupt.h).  The handler
 * touches only lock-free atomics and calls only async-signal-safe functions
 * (write, unlink, kill, sigaction, raise, sigprocmask, _exit); its messages
 * are composed when the handlers are installed.  It may run on any thread
 * (OpenMP's workers do not block signals), hence atomics rather than plain
 * volatile flags.
 */
#include "interrupt.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the handler needs lock-free atomic ints");

#define INTR_PATH_MAX 4200

static const int intr_signals[] = {SIGINT, SIGTERM};
#define INTR_NSIGNALS (sizeof intr_signals / sizeof intr_signals[0])

static atomic_int intr_mode_now;
static atomic_int intr_first; /* the first signal received, 0: none */
static atomic_int intr_count;
static atomic_int intr_child;
static bool intr_installed;
static bool intr_ignored[INTR_NSIGNALS]; /* ignored when ompscale started: left so */

/* Two buffers, used in turn, so that a handler reading one never sees it rewritten. */
static char intr_tmp[2][INTR_PATH_MAX];
static atomic_int intr_tmp_slot = -1;
static int intr_tmp_next;

/* Messages, composed at install: [signal][0: first, 1: again]. */
static char intr_msg[INTR_NSIGNALS][2][160];
static size_t intr_msg_len[INTR_NSIGNALS][2];

static int intr_index(int sig)
{
    for (size_t i = 0; i < INTR_NSIGNALS; i++)
        if (intr_signals[i] == sig)
            return (int)i;
    return 0;
}

static void intr_say(int sig, int again)
{
    int i = intr_index(sig);
    ssize_t n = write(STDERR_FILENO, intr_msg[i][again], intr_msg_len[i][again]);
    (void)n; /* nothing to do about a failed message */
}

/* Removes the temporary file in progress, then ends the process by sig. */
static void intr_die(int sig)
{
    int slot = atomic_load(&intr_tmp_slot);
    if (slot >= 0)
        unlink(intr_tmp[slot]);
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* pending: sig is blocked inside its handler */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    _exit(128 + sig); /* not reached */
}

static void intr_handler(int sig)
{
    int saved_errno = errno;
    int none = 0;
    atomic_compare_exchange_strong(&intr_first, &none, sig);
    int count = atomic_fetch_add(&intr_count, 1) + 1;
    switch (atomic_load(&intr_mode_now)) {
    case INTR_FORWARD: {
        pid_t child = atomic_load(&intr_child);
        if (child > 0)
            kill(child, sig);
        break;
    }
    case INTR_AFTER_CELL:
        if (count == 1) {
            intr_say(sig, 0);
            break;
        }
        intr_say(sig, 1);
        intr_die(sig);
        break;
    default:
        intr_die(sig);
    }
    errno = saved_errno;
}

const char *intr_name(int sig)
{
    static char other[32];
    if (sig == SIGINT)
        return "SIGINT";
    if (sig == SIGTERM)
        return "SIGTERM";
    snprintf(other, sizeof other, "signal %d", sig);
    return other;
}

static void intr_compose(void)
{
    const char *clear = isatty(STDERR_FILENO) ? "\r\033[K" : ""; /* over the progress line */
    for (size_t i = 0; i < INTR_NSIGNALS; i++) {
        const char *name = intr_name(intr_signals[i]);
        int n = snprintf(intr_msg[i][0], sizeof intr_msg[i][0],
                         "%sompscale: interrupted by %s: stopping after the cell in progress "
                         "(again to stop at once)\n", clear, name);
        intr_msg_len[i][0] = (size_t)n < sizeof intr_msg[i][0] ? (size_t)n : 0;
        n = snprintf(intr_msg[i][1], sizeof intr_msg[i][1],
                     "%sompscale: %s again: stopping at once; the files keep their last save\n",
                     clear, name);
        intr_msg_len[i][1] = (size_t)n < sizeof intr_msg[i][1] ? (size_t)n : 0;
    }
}

int intr_install(intr_mode mode)
{
    atomic_store(&intr_mode_now, (int)mode);
    if (intr_installed)
        return 0;
    intr_compose();
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGXFSZ, &ignore, NULL) != 0)
        return -1;
    struct sigaction act = {.sa_handler = intr_handler, .sa_flags = SA_RESTART};
    sigemptyset(&act.sa_mask);
    for (size_t i = 0; i < INTR_NSIGNALS; i++)
        sigaddset(&act.sa_mask, intr_signals[i]);
    for (size_t i = 0; i < INTR_NSIGNALS; i++) {
        struct sigaction old;
        if (sigaction(intr_signals[i], NULL, &old) != 0)
            return -1;
        intr_ignored[i] = old.sa_handler == SIG_IGN;
        if (!intr_ignored[i] && sigaction(intr_signals[i], &act, NULL) != 0)
            return -1;
    }
    intr_installed = true;
    return 0;
}

int intr_signal(void)
{
    return atomic_load(&intr_first);
}

bool intr_requested(void *ctx)
{
    (void)ctx;
    return atomic_load(&intr_first) != 0;
}

int intr_exit_status(int sig)
{
    return 128 + sig;
}

void intr_raise(void)
{
    int sig = atomic_load(&intr_first);
    if (sig == 0)
        return;
    atomic_store(&intr_mode_now, (int)INTR_AT_ONCE);
    intr_die(sig);
}

char *intr_tmp_begin(const char *template)
{
    atomic_store(&intr_tmp_slot, -1);
    int slot = intr_tmp_next;
    intr_tmp_next ^= 1;
    snprintf(intr_tmp[slot], sizeof intr_tmp[slot], "%s", template);
    atomic_store(&intr_tmp_slot, slot); /* seq_cst: the copy is visible before the slot */
    return intr_tmp[slot];
}

void intr_tmp_end(void)
{
    atomic_store(&intr_tmp_slot, -1);
}

void intr_set_child(pid_t pid)
{
    atomic_store(&intr_child, (int)pid);
}

static void intr_signal_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < INTR_NSIGNALS; i++)
        sigaddset(set, intr_signals[i]);
}

void intr_hold(bool hold)
{
    sigset_t set;
    intr_signal_set(&set);
    pthread_sigmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

void intr_child_defaults(void)
{
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    for (size_t i = 0; intr_installed && i < INTR_NSIGNALS; i++)
        if (!intr_ignored[i])
            sigaction(intr_signals[i], &dfl, NULL);
    intr_hold(false);
}
