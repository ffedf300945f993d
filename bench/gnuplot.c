/*
 * gnuplot.c: finding gnuplot, quoting text for it and running one script
 * through it (gnuplot.h).  The script goes down a pipe to a child spawned
 * with posix_spawn; SIGPIPE is ignored while writing, so that a gnuplot that
 * dies early shows up as its exit status rather than killing ompscale.
 */
#include "gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int gp_find(char *buf, size_t len, char *err, size_t errlen)
{
    const char *path = getenv("PATH");
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir;
         dir = strtok_r(NULL, ":", &save)) {
        int n = snprintf(buf, len, "%s/gnuplot", dir);
        if (n > 0 && (size_t)n < len && access(buf, X_OK) == 0)
            return 0;
    }
    snprintf(err, errlen, "gnuplot is not installed (not found on PATH): install gnuplot-nox "
                          "or any gnuplot 5 (scripts/setup does)");
    return 1;
}

void gp_quote(FILE *out, const char *text)
{
    fputc('\'', out);
    for (const char *c = text; *c; c++) {
        if (*c == '\'')
            fputs("''", out);
        else
            fputc((unsigned char)*c < ' ' ? ' ' : *c, out);
    }
    fputc('\'', out);
}

/* Writes all of script to fd with SIGPIPE ignored; 0, or errno. */
static int gp_write_all(int fd, const char *script, size_t len)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, saved;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved);
    int status = 0;
    while (len > 0) {
        ssize_t n = write(fd, script, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            status = errno;
            break;
        }
        script += n;
        len -= (size_t)n;
    }
    sigaction(SIGPIPE, &saved, NULL);
    return status;
}

/* Waits for pid; 0 if it exited 0, else 1 with the reason in err. */
static int gp_wait(pid_t pid, const char *path, int write_errno, char *err, size_t errlen)
{
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR) {
            snprintf(err, errlen, "waiting for %s failed: %s", path, strerror(errno));
            return 1;
        }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && write_errno == 0)
        return 0;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0)
        snprintf(err, errlen, "%s failed with exit status %d (its messages are above)", path,
                 WEXITSTATUS(wstatus));
    else if (WIFSIGNALED(wstatus))
        snprintf(err, errlen, "%s was killed by signal %d", path, WTERMSIG(wstatus));
    else
        snprintf(err, errlen, "%s stopped reading its script: %s", path, strerror(write_errno));
    return 1;
}

int gp_run(const char *path, const char *script, size_t len, char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot make a pipe to gnuplot: %s", strerror(errno));
        return 1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
    char *argv[] = {"gnuplot", NULL};
    pid_t pid;
    int spawned = posix_spawn(&pid, path, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[0]);
    if (spawned != 0) {
        close(fds[1]);
        snprintf(err, errlen, "cannot start %s: %s", path, strerror(spawned));
        return 1;
    }
    int write_errno = gp_write_all(fds[1], script, len);
    close(fds[1]);
    return gp_wait(pid, path, write_errno, err, errlen);
}
