/*
 * interrupt.c: the SIGINT, SIGTERM and SIGHUP handlers (interrupt.h).  The handler
 * touches only lock-free atomics and calls only async-signal-safe functions
 * (write, unlink, rename, kill, sigaction, raise, sigprocmask, _exit); its messages
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

static const int intr_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define INTR_NSIGNALS (sizeof intr_signals / sizeof intr_signals[0])

static atomic_int intr_mode_now;
static atomic_int intr_first; /* the first signal received, 0: none */
static atomic_int intr_count;
static atomic_int intr_child;
static bool intr_installed;
static bool intr_ignored[INTR_NSIGNALS]; /* ignored when ompscale started: left so */

/*
 * The temporary files in progress: a slot is free, WRITING (a signal that
 * stops at once removes the file) or READY (complete, and one of a set being
 * renamed into place: the signal finishes the renames, so that a CSV and its
 * JSON never come from different saves).  Slots are taken in turn, so a slot
 * just freed is not rewritten while a handler on another thread may read it.
 */
enum { INTR_TMP_FREE, INTR_TMP_WRITING, INTR_TMP_READY };
typedef struct intr_tmp_slot {
    char tmp[INTR_PATH_MAX];
    char final[INTR_PATH_MAX];
    atomic_int state;
} intr_tmp_slot;
static intr_tmp_slot intr_tmp[INTR_TMP_SLOTS];
static int intr_tmp_next;

/* What a signal that stops at once says first (intr_set_farewell); empty: nothing. */
static char intr_farewell[1024];
static atomic_size_t intr_farewell_len;

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

/* Removes the temporary files being written and renames the ready ones. */
static void intr_tmp_settle(void)
{
    for (size_t i = 0; i < sizeof intr_tmp / sizeof intr_tmp[0]; i++) {
        int state = atomic_exchange(&intr_tmp[i].state, INTR_TMP_FREE);
        if (state == INTR_TMP_WRITING)
            unlink(intr_tmp[i].tmp);
        else if (state == INTR_TMP_READY && rename(intr_tmp[i].tmp, intr_tmp[i].final) != 0)
            unlink(intr_tmp[i].tmp);
    }
}

/*
 * Stops the child in progress (its process group: gnuplot, a wait-policy
 * run), settles the temporary files, then ends the process by sig.
 */
static void intr_die(int sig)
{
    size_t said = atomic_load(&intr_farewell_len);
    if (said > 0 && write(STDERR_FILENO, intr_farewell, said) < 0)
        said = 0; /* nothing to do about a failed message */
    pid_t child = atomic_load(&intr_child);
    if (child > 0) {
        kill(-child, SIGTERM);
        kill(child, SIGTERM);
    }
    intr_tmp_settle();
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
    if (sig == SIGHUP)
        return "SIGHUP";
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
    const size_t n = sizeof intr_tmp / sizeof intr_tmp[0];
    for (size_t tries = 0; tries < n; tries++) {
        intr_tmp_slot *s = &intr_tmp[intr_tmp_next];
        intr_tmp_next = (intr_tmp_next + 1) % (int)n;
        if (atomic_load(&s->state) != INTR_TMP_FREE)
            continue;
        snprintf(s->tmp, sizeof s->tmp, "%s", template);
        atomic_store(&s->state, INTR_TMP_WRITING); /* seq_cst: the copy is visible first */
        return s->tmp;
    }
    return NULL;
}

static intr_tmp_slot *intr_tmp_find(const char *tmp)
{
    for (size_t i = 0; i < sizeof intr_tmp / sizeof intr_tmp[0]; i++)
        if (intr_tmp[i].tmp == tmp)
            return &intr_tmp[i];
    return NULL;
}

void intr_tmp_ready(const char *tmp, const char *final)
{
    intr_tmp_slot *s = intr_tmp_find(tmp);
    if (!s)
        return;
    snprintf(s->final, sizeof s->final, "%s", final);
    atomic_store(&s->state, INTR_TMP_READY);
}

void intr_tmp_end(const char *tmp)
{
    intr_tmp_slot *s = intr_tmp_find(tmp);
    if (s)
        atomic_store(&s->state, INTR_TMP_FREE);
}

void intr_set_farewell(const char *message)
{
    atomic_store(&intr_farewell_len, 0);
    if (!message)
        return;
    int n = snprintf(intr_farewell, sizeof intr_farewell, "%s%s\n",
                     isatty(STDERR_FILENO) ? "\r\033[K" : "", message);
    if (n > 0 && (size_t)n < sizeof intr_farewell)
        atomic_store(&intr_farewell_len, (size_t)n);
}

void intr_exit_cleanup(void)
{
    pid_t child = atomic_exchange(&intr_child, 0);
    if (child > 0) {
        kill(-child, SIGTERM);
        kill(child, SIGTERM);
    }
    intr_tmp_settle();
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
