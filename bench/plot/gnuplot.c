/*
 * gnuplot.c: finding gnuplot, quoting text for it and running one script
 * through it (gnuplot.h).  The script goes down a pipe to a child spawned
 * as a child (child.h) with a deadline (gp_timeout); SIGPIPE is ignored
 * while writing, so that a gnuplot that dies early shows up as its exit
 * status rather than killing ompscale, and the write gives up at the
 * deadline, so that a gnuplot that never reads cannot hang ompscale.
 */
#include "gnuplot.h"

#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "clock.h"

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
    return OMPSCALE_FAIL;
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

/*
 * Writes all of script to fd (non-blocking) with SIGPIPE ignored, giving up
 * at the child's deadline; 0, or errno (ETIMEDOUT at the deadline).
 */
static int gp_write_all(int fd, const char *script, size_t len, const child *c)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, saved;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved);
    int status = 0;
    while (len > 0) {
        ssize_t n = write(fd, script, len);
        if (n < 0 && errno == EAGAIN) {
            double left = c->deadline - clock_now();
            if (left <= 0) {
                status = ETIMEDOUT;
                break;
            }
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, (int)(left * 1000) + 1);
            continue;
        }
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

double gp_timeout(void)
{
    const char *text = getenv("OMPSCALE_GNUPLOT_TIMEOUT");
    char *end;
    double t = text && *text ? strtod(text, &end) : 0;
    if (text && *text && *end == '\0' && t > 0 && t <= 86400)
        return t;
    return GP_TIMEOUT_DEFAULT;
}

int gp_run(const char *path, const char *script, size_t len, char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot make a pipe to gnuplot: %s", strerror(errno));
        return OMPSCALE_FAIL;
    }
    /* Its standard output goes to our standard error: ours holds only what ompscale prints. */
    char *argv[] = {"gnuplot", NULL};
    double timeout = gp_timeout();
    child_spec spec = {.path = path, .argv = argv, .in = fds[0], .out = STDERR_FILENO,
                       .err = CHILD_INHERIT, .death_signal = SIGKILL, .timeout_s = timeout,
                       .grace_s = 1};
    child c;
    int started = child_start(&spec, path, &c, err, errlen);
    close(fds[0]);
    if (started != 0) {
        close(fds[1]);
        return OMPSCALE_FAIL;
    }
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    int write_errno = gp_write_all(fds[1], script, len, &c);
    close(fds[1]);
    int wstatus;
    int waited = child_wait(&c, &wstatus, err, errlen);
    if (waited == CHILD_FAILED)
        return OMPSCALE_FAIL;
    if (waited == CHILD_TIMED_OUT || write_errno == ETIMEDOUT) {
        snprintf(err, errlen, "%s did not finish within %g s and was stopped (a larger "
                              "OMPSCALE_GNUPLOT_TIMEOUT allows more)", path, timeout);
        return OMPSCALE_FAIL;
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
    return OMPSCALE_FAIL;
}
