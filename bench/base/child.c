/*
 * child.c: starting and waiting for helper processes (child.h).  The child
 * is forked with SIGINT, SIGTERM and SIGHUP held, so that no signal finds it
 * unregistered; between fork and exec it calls only async-signal-safe
 * functions (OpenMP's threads exist in the parent), so its environment is
 * built before the fork.
 */
#include "child.h"

#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "interrupt.h"

extern char **environ;

/* Whether entry ("NAME=...") sets the variable that assignment ("NAME=VALUE") sets. */
static bool child_same_name(const char *entry, const char *assignment)
{
    size_t len = strcspn(assignment, "=");
    return strncmp(entry, assignment, len) == 0 && entry[len] == '=';
}

/* environ with every NAME=VALUE of set in it (a new array of their strings), or NULL. */
static char **child_environ(const char *const *set)
{
    size_t n = 0, m = 0;
    while (environ[n])
        n++;
    while (set[m])
        m++;
    char **env = calloc(n + m + 1, sizeof *env);
    if (!env)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        bool replaced = false;
        for (size_t j = 0; j < m && !replaced; j++)
            replaced = child_same_name(environ[i], set[j]);
        if (!replaced)
            env[w++] = environ[i];
    }
    for (size_t j = 0; j < m; j++)
        env[w++] = (char *)set[j];
    env[w] = NULL;
    return env;
}

/* In the child: descriptor want becomes fd 0, 1 or 2 (target); -1 on failure. */
static int child_stream(int want, int target)
{
    if (want == CHILD_INHERIT)
        return 0;
    int fd = want == CHILD_NULL ? open("/dev/null", target == 0 ? O_RDONLY : O_WRONLY) : want;
    if (fd < 0)
        return -1;
    if (fd == target)
        return fcntl(fd, F_SETFD, 0); /* keep it across exec */
    return dup2(fd, target) < 0 ? -1 : 0;
}

/* In the child, after fork: streams, group, parent-death signal, then exec.  Never returns. */
static void child_exec(const child_spec *s, char **env, pid_t parent)
{
    setpgid(0, 0);
    if (s->death_signal)
        prctl(PR_SET_PDEATHSIG, s->death_signal);
    if (getppid() != parent) /* the parent died before prctl */
        _exit(127);
    /* Move every source above 2 first, so that dup2 onto 0..2 cannot clobber another source. */
    int want[3] = {s->in, s->out, s->err};
    for (int i = 0; i < 3; i++)
        if (want[i] >= 0 && want[i] <= 2 && want[i] != i &&
            (want[i] = fcntl(want[i], F_DUPFD, 3)) < 0)
            _exit(127);
    /* (CHILD_NULL is -1 too: only a failed F_DUPFD above is an error) */
    for (int i = 0; i < 3; i++)
        if (child_stream(want[i], i) != 0)
            _exit(127);
    intr_child_defaults();
    execve(s->path, s->argv, env);
    _exit(127);
}

int child_start(const child_spec *s, const char *what, child *c, char *err, size_t errlen)
{
    char **env = environ;
    if (s->env_set && !(env = child_environ(s->env_set))) {
        snprintf(err, errlen, "out of memory to start %s", what);
        return OMPSCALE_FAIL;
    }
    *c = (child){.pid = -1, .what = what, .grace_s = s->grace_s > 0 ? s->grace_s : 5};
    if (access(s->path, X_OK) != 0) {
        snprintf(err, errlen, "cannot run %s (%s): %s", what, s->path, strerror(errno));
        goto done;
    }
    pid_t parent = getpid();
    fflush(NULL); /* nothing buffered is written twice */
    intr_hold(true);
    pid_t pid = fork();
    if (pid == 0)
        child_exec(s, env, parent);
    int saved = errno;
    if (pid > 0) {
        setpgid(pid, pid); /* fails harmlessly if the child has done it and exec'd */
        intr_set_child(pid);
        c->pid = pid;
        if (s->timeout_s > 0)
            c->deadline = clock_now() + s->timeout_s;
    }
    intr_hold(false); /* a signal held since the fork reaches the child now */
    if (pid < 0)
        snprintf(err, errlen, "cannot start %s: %s", what, strerror(saved));
done:
    if (env != environ)
        free(env);
    return c->pid > 0 ? 0 : 1;
}

static void child_nap(double seconds)
{
    struct timespec ts = {.tv_sec = (time_t)seconds,
                          .tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&ts, NULL);
}

int child_wait(child *c, int *wstatus, char *err, size_t errlen)
{
    int stage = 0; /* signals sent since the deadline */
    double next = c->deadline, nap = 0.005;
    for (;;) {
        pid_t got = waitpid(c->pid, wstatus, c->deadline > 0 ? WNOHANG : 0);
        if (got == c->pid)
            break;
        if (got < 0 && errno != EINTR) {
            snprintf(err, errlen, "waiting for %s failed: %s", c->what, strerror(errno));
            intr_set_child(0);
            return CHILD_FAILED;
        }
        if (got == 0 && clock_now() >= next) {
            kill(-c->pid, stage < 2 ? SIGTERM : SIGKILL);
            kill(c->pid, stage < 2 ? SIGTERM : SIGKILL); /* if it has no group of its own yet */
            stage++;
            next = clock_now() + (stage < 3 ? c->grace_s : 3600);
        }
        if (got == 0) {
            child_nap(nap);
            nap = nap < 0.05 ? 2 * nap : 0.05;
        }
    }
    intr_set_child(0);
    return stage > 0 ? CHILD_TIMED_OUT : CHILD_EXITED;
}

const char *child_status_text(int wstatus, char *buf, size_t len)
{
    if (WIFEXITED(wstatus))
        snprintf(buf, len, "exit status %d", WEXITSTATUS(wstatus));
    else if (WIFSIGNALED(wstatus))
        snprintf(buf, len, "signal %d (%s)", WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
    else
        snprintf(buf, len, "wait status %d", wstatus);
    return buf;
}
