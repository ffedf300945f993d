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
#include <dirent.h>
#include <libgen.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "cli.h"
#include "clock.h"
#include "text.h"
#include "interrupt.h"
#include "resultfile.h"

int wp_parse(const char *list, const char **names, size_t *n, char *err, size_t errlen)
{
    static const char *const valid[] = {"active", "passive"};
    char buf[128];
    const char *items[WP_MAX];
    if (text_split_list("--wait-policy", list, buf, sizeof buf, items, WP_MAX, n, err,
                        errlen) != 0) {
        snprintf(err + strlen(err), errlen - strlen(err), " (active, passive or both)");
        return OMPSCALE_USAGE;
    }
    for (size_t i = 0; i < *n; i++) {
        names[i] = NULL;
        for (size_t v = 0; v < sizeof valid / sizeof valid[0]; v++)
            if (strcmp(items[i], valid[v]) == 0)
                names[i] = valid[v]; /* the name, not the copy in buf */
        if (!names[i]) {
            snprintf(err, errlen, "--wait-policy '%s': valid are active and passive, e.g. "
                                  "active,passive", items[i]);
            return OMPSCALE_USAGE;
        }
        for (size_t j = 0; j < i; j++)
            if (names[i] == names[j]) {
                snprintf(err, errlen, "--wait-policy '%s': %s is named twice", list, names[i]);
                return OMPSCALE_USAGE;
            }
    }
    return 0;
}

/* Removes PREFIX.csv.tmp-*, PREFIX.json.tmp-* and PREFIX.lock that a child stopped by force left. */
static void wp_remove_temporaries(const char *prefix)
{
    char copy[4096], dir[4096], stem[4096];
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(dir, sizeof dir, "%s", dirname(copy));
    snprintf(copy, sizeof copy, "%s", prefix);
    snprintf(stem, sizeof stem, "%s", basename(copy));
    size_t len = strlen(stem);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        const char *rest = e->d_name + len;
        if (strncmp(e->d_name, stem, len) != 0)
            continue;
        if (strncmp(rest, ".csv.tmp-", 9) == 0 || strncmp(rest, ".json.tmp-", 10) == 0 ||
            strcmp(rest, ".lock") == 0) {
            char path[8200];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d)
        closedir(d);
}

const char *wp_suffix(const char *policy)
{
    return strcmp(policy, "active") == 0 ? "-active" : "-passive";
}

/*
 * One child: ompscale run ARGS --out PREFIX-POLICY [--timeout T] with
 * OMP_WAIT_POLICY=POLICY; its exit status.  With a timeout the child stops
 * itself after the cell in progress; should it not end within a minute more,
 * it is stopped (child.h: SIGTERM, SIGTERM, SIGKILL) and its temporary files
 * are removed.
 */
static int wp_child(int argc, char **argv, const char *policy, const char *out, double timeout)
{
    char **args = calloc((size_t)argc + 7, sizeof *args);
    if (!args)
        return cli_fail("out of memory");
    char limit[32];
    int n = 0;
    args[n++] = "ompscale";
    args[n++] = "run";
    for (int i = 0; i < argc; i++)
        args[n++] = argv[i];
    args[n++] = "--out";
    args[n++] = (char *)out;
    if (timeout > 0) {
        snprintf(limit, sizeof limit, "%.3f", timeout);
        args[n++] = "--timeout";
        args[n++] = limit;
    }
    cli_flush_stdout();
    fflush(stderr);
    /* The child has its own process group: each signal reaches it once, forwarded by the parent. */
    intr_install(INTR_FORWARD);
    child_spec spec = {.path = "/proc/self/exe", .argv = args, .in = CHILD_INHERIT,
                       .out = CHILD_INHERIT, .err = CHILD_INHERIT,
                       .env_name = "OMP_WAIT_POLICY", .env_value = policy,
                       .death_signal = SIGTERM, .timeout_s = timeout > 0 ? timeout + 60 : 0,
                       .grace_s = 10};
    char what[64], err[512], how[96];
    snprintf(what, sizeof what, "the child for OMP_WAIT_POLICY=%s", policy);
    child c;
    int started = child_start(&spec, what, &c, err, sizeof err);
    free(args);
    if (started != 0)
        return cli_fail("%s", err);
    int status = 0;
    int waited = child_wait(&c, &status, err, sizeof err);
    if (waited == CHILD_FAILED)
        return cli_fail("%s", err);
    if (waited == CHILD_TIMED_OUT) {
        wp_remove_temporaries(out);
        return cli_fail("%s did not stop within 60 s of its --timeout: stopped (%s); its files "
                        "hold its last save", what, child_status_text(status, how, sizeof how));
    }
    if (WIFSIGNALED(status) && intr_signal())
        return intr_exit_status(WTERMSIG(status));
    if (WIFSIGNALED(status))
        return cli_fail("%s was killed by signal %d", what, WTERMSIG(status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : OMPSCALE_FAIL;
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

int wp_run(int argc, char **argv, const char *const *names, size_t n, const char *prefix, int P,
           double timeout)
{
    int worst = OMPSCALE_OK;
    double deadline = timeout > 0 ? clock_now() + timeout : 0;
    char paths[WP_MAX][4200];
    for (size_t i = 0; i < n; i++) {
        char out[4096];
        snprintf(out, sizeof out, "%s%s", prefix, wp_suffix(names[i]));
        snprintf(paths[i], sizeof paths[i], "%s.csv", out);
        double left = deadline > 0 ? deadline - clock_now() : 0;
        if (deadline > 0 && (left <= 0 || worst == OMPSCALE_TIMED_OUT)) {
            fprintf(stderr, "ompscale: --timeout %g s reached before OMP_WAIT_POLICY=%s: no "
                            "further policy and no comparison\n", timeout, names[i]);
            return OMPSCALE_TIMED_OUT;
        }
        fprintf(stderr, "ompscale: OMP_WAIT_POLICY=%s, in a child process\n", names[i]);
        printf("\n== OMP_WAIT_POLICY=%s ==\n", names[i]);
        bool started = !intr_signal();
        int status = started ? wp_child(argc, argv, names[i], out, left) : OMPSCALE_OK;
        if (intr_signal()) {
            fprintf(stderr, "ompscale: interrupted by %s %s OMP_WAIT_POLICY=%s%s; no further "
                            "policy and no comparison\n", intr_name(intr_signal()),
                    started ? "during" : "before", names[i],
                    started ? ": its files hold the cells it finished" : "");
            return status == OMPSCALE_OK ? intr_exit_status(intr_signal()) : status;
        }
        if (status > worst)
            worst = status;
        if (status == OMPSCALE_USAGE)
            return status;
    }
    if (worst == OMPSCALE_TIMED_OUT)
        return worst; /* the last child ran out of time: its files are incomplete */
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
