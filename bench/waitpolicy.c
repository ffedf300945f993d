/*
 * waitpolicy.c: one child process per OMP_WAIT_POLICY, then their effect
 * (waitpolicy.h).
 */
#include "waitpolicy.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"
#include "resultfile.h"

int wp_parse(const char *list, const char **names, size_t *n, char *err, size_t errlen)
{
    static char buf[128];
    if (cli_split_list("--wait-policy", list, buf, sizeof buf, names, WP_MAX, n, err,
                       errlen) != 0) {
        snprintf(err + strlen(err), errlen - strlen(err), " (active, passive or both)");
        return 2;
    }
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(names[i], "active") != 0 && strcmp(names[i], "passive") != 0) {
            snprintf(err, errlen, "--wait-policy '%s': valid are active and passive, e.g. "
                                  "active,passive", names[i]);
            return 2;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0) {
                snprintf(err, errlen, "--wait-policy '%s': %s is named twice", list, names[i]);
                return 2;
            }
    }
    return 0;
}

/* One child: ompscale run ARGS --out PREFIX-POLICY with OMP_WAIT_POLICY=POLICY; its exit status. */
static int wp_child(int argc, char **argv, const char *policy, const char *out)
{
    char **args = calloc((size_t)argc + 5, sizeof *args);
    if (!args)
        return cli_fail("out of memory");
    args[0] = "ompscale";
    args[1] = "run";
    for (int i = 0; i < argc; i++)
        args[i + 2] = argv[i];
    args[argc + 2] = "--out";
    args[argc + 3] = (char *)out;
    cli_flush_stdout();
    fflush(stderr);
    /* The child gets its own process group: SIGINT and SIGTERM reach it once, from the parent. */
    intr_install(INTR_FORWARD);
    intr_hold(true);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        intr_child_defaults();
        setenv("OMP_WAIT_POLICY", policy, 1);
        execv("/proc/self/exe", args);
        fprintf(stderr, "ompscale: cannot run a child for OMP_WAIT_POLICY=%s: %s\n", policy,
                strerror(errno));
        _exit(CLI_FAIL);
    }
    if (pid > 0) {
        setpgid(pid, pid); /* fails harmlessly if the child has already done it and exec'd */
        intr_set_child(pid);
    }
    intr_hold(false); /* a signal held since the fork is forwarded now */
    free(args);
    int status = 0, waited;
    while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        continue;
    intr_set_child(0);
    if (pid < 0 || waited < 0)
        return cli_fail("cannot run a child for OMP_WAIT_POLICY=%s: %s", policy, strerror(errno));
    if (WIFSIGNALED(status) && intr_signal())
        return intr_exit_status(WTERMSIG(status));
    if (WIFSIGNALED(status))
        return cli_fail("the child for OMP_WAIT_POLICY=%s was killed by signal %d", policy,
                        WTERMSIG(status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : CLI_FAIL;
}

/* The row of f matching row w (same cell), or NULL. */
static const rf_row *wp_match(const rf_file *f, const rf_row *w)
{
    for (size_t i = 0; i < f->nrows; i++) {
        const rf_row *o = &f->rows[i];
        if (o->threads == w->threads && strcmp(o->kernel, w->kernel) == 0 &&
            strcmp(o->variant, w->variant) == 0 && strcmp(o->schedule, w->schedule) == 0 &&
            strcmp(o->params, w->params) == 0)
            return o;
    }
    return NULL;
}

static void wp_compare(const rf_file *a, const rf_file *b, int P)
{
    printf("\nOMP_WAIT_POLICY: %s against %s (P = %d; past P the policy decides)\n",
           a->path, b->path, P);
    printf("  %-20s %-10s %-8s %7s  %12s  %12s  %8s\n", "kernel", "variant", "schedule",
           "threads", "active", "passive", "pass/act");
    for (size_t i = 0; i < a->nrows; i++) {
        const rf_row *w = &a->rows[i];
        const rf_row *o = wp_match(b, w);
        if (!o || strcmp(w->variant, "serial") == 0 || w->reps == 0 || o->reps == 0)
            continue; /* a failed cell has no time (its run said why) */
        double ua = w->overhead_us, ub = o->overhead_us; /* NAN but for overhead kernels */
        if (isfinite(ua) && isfinite(ub))
            printf("  %-20s %-10s %-8s %6d%s  %9.3f us  %9.3f us  %8.2f\n", w->kernel, w->variant,
                   w->schedule, w->threads, w->threads > P ? "+" : " ", ua, ub,
                   ua > 0 ? ub / ua : NAN);
        else
            printf("  %-20s %-10s %-8s %6d%s  %10.4g s  %10.4g s  %8.2f\n", w->kernel, w->variant,
                   w->schedule, w->threads, w->threads > P ? "+" : " ", w->median_s, o->median_s,
                   o->median_s / w->median_s);
    }
    printf("  (+: more threads than CPUs.  Overhead kernels: microseconds per construct over the "
           "serial reference; others: median time.)\n");
}

int wp_run(int argc, char **argv, const char *const *names, size_t n, const char *prefix, int P)
{
    int worst = CLI_OK;
    char paths[WP_MAX][4200];
    for (size_t i = 0; i < n; i++) {
        char out[4096];
        snprintf(out, sizeof out, "%s-%s", prefix, names[i]);
        snprintf(paths[i], sizeof paths[i], "%s.csv", out);
        fprintf(stderr, "ompscale: OMP_WAIT_POLICY=%s, in a child process\n", names[i]);
        printf("\n== OMP_WAIT_POLICY=%s ==\n", names[i]);
        bool started = !intr_signal();
        int status = started ? wp_child(argc, argv, names[i], out) : CLI_OK;
        if (intr_signal()) {
            fprintf(stderr, "ompscale: interrupted by %s %s OMP_WAIT_POLICY=%s%s; no further "
                            "policy and no comparison\n", intr_name(intr_signal()),
                    started ? "during" : "before", names[i],
                    started ? ": its files hold the cells it finished" : "");
            return status == CLI_OK ? intr_exit_status(intr_signal()) : status;
        }
        if (status > worst)
            worst = status;
        if (status == CLI_USAGE)
            return status;
    }
    int a = -1, b = -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], "active") == 0)
            a = (int)i;
        if (strcmp(names[i], "passive") == 0)
            b = (int)i;
    }
    if (a < 0 || b < 0)
        return worst;
    rf_file fa, fb;
    char err[2048];
    if (rf_load(paths[a], &fa, err, sizeof err) != 0)
        return cli_fail("%s", err);
    if (rf_load(paths[b], &fb, err, sizeof err) != 0) {
        rf_free(&fa);
        return cli_fail("%s", err);
    }
    wp_compare(&fa, &fb, P);
    rf_free(&fa);
    rf_free(&fb);
    return worst;
}
