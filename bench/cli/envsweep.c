/*
 * envsweep.c: one child process per value of an OpenMP variable, then every
 * cell under each value (envsweep.h).
 */
#include "envsweep.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <jansson.h>
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

static const char *const wait_policies[] = {"active", "passive", NULL};
static const char *const wait_suffixes[] = {"-active", "-passive", NULL};

const envsweep envsweep_wait_policy = {
    .option = "--wait-policy", .variable = "OMP_WAIT_POLICY", .values = wait_policies,
    .suffixes = wait_suffixes, .note = "past P the policy decides"};

/*
 * OMP_PLACES=cores: one place per physical core, so that spread puts
 * threads on distinct cores (and sockets) before any shares one, and close
 * fills neighbouring cores; hardware threads as places would have close put
 * two threads on one core's hyperthreads, measuring SMT rather than where
 * the cores are.
 */
static const char *const bindings[] = {"false", "close", "spread", NULL};
static const char *const bind_suffixes[] = {"-false", "-close", "-spread", NULL};

const envsweep envsweep_bind = {
    .option = "--bind", .variable = "OMP_PROC_BIND", .values = bindings,
    .suffixes = bind_suffixes, .also = "OMP_PLACES=cores",
    .note = "OMP_PLACES=cores; on one socket the placements differ little", .affinity = 1};

/*
 * The runtimes' own wait knobs: how long a waiting thread spins before it
 * sleeps.  libgomp: GOMP_SPINCOUNT, spins (default 300000, 30 billion under
 * OMP_WAIT_POLICY=active, 1000 when the threads outnumber the CPUs; k and M
 * suffixes); LLVM's libomp: KMP_BLOCKTIME, milliseconds (default 200).
 * Each sweep belongs to its runtime (runtime), which the run checks.
 */
static const char *const spincounts[] = {"0", "1k", "300k", "infinite", NULL};
static const char *const spincount_suffixes[] = {"-spin0", "-spin1k", "-spin300k",
                                                 "-spininfinite", NULL};

const envsweep envsweep_gomp_spincount = {
    .option = "--gomp-spincount", .variable = "GOMP_SPINCOUNT", .values = spincounts,
    .suffixes = spincount_suffixes, .runtime = "libgomp",
    .note = "libgomp's spins before a waiting thread sleeps"};

static const char *const blocktimes[] = {"0", "1", "200", "infinite", NULL};
static const char *const blocktime_suffixes[] = {"-block0", "-block1", "-block200",
                                                 "-blockinfinite", NULL};

const envsweep envsweep_kmp_blocktime = {
    .option = "--kmp-blocktime", .variable = "KMP_BLOCKTIME", .values = blocktimes,
    .suffixes = blocktime_suffixes, .runtime = "libomp",
    .note = "libomp's milliseconds of spinning before a waiting thread sleeps"};

/* "active, passive" or "false, close and spread": s's values in words. */
static void envsweep_valid(const envsweep *s, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t v = 0; s->values[v]; v++)
        text_append(buf, len, "%s%s", v == 0 ? "" : s->values[v + 1] ? ", " : " and ",
                    s->values[v]);
}

int envsweep_parse(const envsweep *s, const char *list, const char **names, size_t *n, char *err,
                   size_t errlen)
{
    char buf[128], valid[128];
    const char *items[ENVSWEEP_MAX];
    envsweep_valid(s, valid, sizeof valid);
    if (text_split_list(s->option, list, buf, sizeof buf, items, ENVSWEEP_MAX, n, err,
                        errlen) != 0) {
        snprintf(err + strlen(err), errlen - strlen(err), " (valid are %s)", valid);
        return OMPSCALE_USAGE;
    }
    for (size_t i = 0; i < *n; i++) {
        names[i] = NULL;
        for (size_t v = 0; s->values[v]; v++)
            if (strcmp(items[i], s->values[v]) == 0)
                names[i] = s->values[v]; /* the name, not the copy in buf */
        if (!names[i]) {
            snprintf(err, errlen, "%s '%s': valid are %s, e.g. %s,%s", s->option, items[i], valid,
                     s->values[0], s->values[1]);
            return OMPSCALE_USAGE;
        }
        for (size_t j = 0; j < i; j++)
            if (names[i] == names[j]) {
                snprintf(err, errlen, "%s '%s': %s is named twice", s->option, list, names[i]);
                return OMPSCALE_USAGE;
            }
    }
    return 0;
}

/* Removes PREFIX.csv.tmp-*, PREFIX.json.tmp-* and PREFIX.lock that a child stopped by force left. */
static void envsweep_remove_temporaries(const char *prefix)
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

const char *envsweep_suffix(const envsweep *s, const char *value)
{
    for (size_t v = 0; s->values[v]; v++)
        if (strcmp(s->values[v], value) == 0)
            return s->suffixes[v];
    return "";
}

/*
 * One child: ompscale run ARGS --out PREFIX-VALUE [--timeout T] with
 * VARIABLE=VALUE (and s's companion) set; its exit status.  With a timeout the child stops
 * itself after the cell in progress; should it not end within a minute more,
 * it is stopped (child.h: SIGTERM, SIGTERM, SIGKILL) and its temporary files
 * are removed.
 */
static int envsweep_child(const envsweep *s, int argc, char **argv, const char *value,
                          const char *out, double timeout)
{
    char **args = calloc((size_t)argc + 7, sizeof *args);
    if (!args)
        return cli_fail("out of memory");
    char limit[32], assignment[96];
    snprintf(assignment, sizeof assignment, "%s=%s", s->variable, value);
    const char *env[] = {assignment, s->also, NULL};
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
                       .env_set = env,
                       .death_signal = SIGTERM, .timeout_s = timeout > 0 ? timeout + 60 : 0,
                       .grace_s = 10};
    char what[160], err[512], how[96];
    snprintf(what, sizeof what, "the child for %s", assignment);
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
        envsweep_remove_temporaries(out);
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
static const rf_row *envsweep_match(const rf_file *f, const rf_row *w)
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

/*
 * The binding and places each child's team got, from its JSON's context
 * (omp_in_force): "close: proc_bind close, places {0},{1}, threads bound to 2 CPUs".
 */
static void envsweep_affinity(const envsweep *s, const char *const *names, size_t n,
                              char paths[][4200])
{
    printf("  the affinity each child's team got (its JSON context, omp_in_force):\n");
    for (size_t i = 0; i < n; i++) {
        char json[4200];
        snprintf(json, sizeof json, "%.*s.json", (int)(strlen(paths[i]) - 4), paths[i]);
        json_t *doc = json_load_file(json, 0, NULL);
        json_t *f = json_object_get(json_object_get(doc, "context"), "omp_in_force");
        const char *bind = json_string_value(json_object_get(f, "proc_bind"));
        const char *places = json_string_value(json_object_get(f, "places"));
        json_t *bound = json_object_get(f, "bound_cpus");
        char places_text[300];
        text_escape(places && places[0] ? places : "none", places_text, sizeof places_text);
        if (!bind)
            printf("    %s=%s: %s has no context to say\n", s->variable, names[i], json);
        else if (json_is_integer(bound))
            printf("    %s=%s: proc_bind %s, places %s, threads bound to %lld CPUs\n",
                   s->variable, names[i], bind, places_text,
                   (long long)json_integer_value(bound));
        else
            printf("    %s=%s: proc_bind %s, places %s, threads not bound\n", s->variable,
                   names[i], bind, places_text);
        json_decref(doc);
    }
}

/* Every cell of the first file under each value, with each later value's ratio to the first. */
static void envsweep_compare(const envsweep *s, const char *const *names, const rf_file *f,
                             size_t n, int P)
{
    printf("\n%s: %s", s->variable, f[0].path);
    for (size_t i = 1; i < n; i++)
        printf("%s%s", i + 1 == n ? " against " : ", ", f[i].path);
    printf(" (P = %d; %s)\n", P, s->note);
    printf("  %-20s %-10s %-8s %7s", "kernel", "variant", "schedule", "threads");
    for (size_t i = 0; i < n; i++)
        printf("  %12s", names[i]);
    for (size_t i = 1; i < n; i++) {
        char ratio[32];
        snprintf(ratio, sizeof ratio, "%s/%s", names[i], names[0]);
        printf("  %14s", ratio);
    }
    printf("\n");
    for (size_t r = 0; r < f[0].nrows; r++) {
        const rf_row *w[ENVSWEEP_MAX] = {&f[0].rows[r]};
        bool all = strcmp(w[0]->variant, "serial") != 0 && w[0]->reps > 0;
        for (size_t i = 1; i < n && all; i++) {
            w[i] = envsweep_match(&f[i], w[0]);
            all = w[i] && w[i]->reps > 0; /* a failed cell has no time (its run said why) */
        }
        if (!all)
            continue;
        bool us = true; /* overhead kernels: microseconds per construct (NAN for others) */
        for (size_t i = 0; i < n; i++)
            us &= isfinite(w[i]->overhead_us);
        printf("  %-20s %-10s %-8s %6d%s", w[0]->kernel, w[0]->variant, w[0]->schedule,
               w[0]->threads, w[0]->threads > P ? "+" : " ");
        for (size_t i = 0; i < n; i++)
            if (us)
                printf("  %9.3f us", w[i]->overhead_us);
            else
                printf("  %10.4g s", w[i]->median_s);
        for (size_t i = 1; i < n; i++)
            printf("  %14.2f", us ? (w[0]->overhead_us > 0 ? w[i]->overhead_us / w[0]->overhead_us
                                                            : NAN)
                                 : w[i]->median_s / w[0]->median_s);
        printf("\n");
    }
    printf("  (+: more threads than CPUs.  Overhead kernels: microseconds per construct over the "
           "serial reference; others: median time.)\n");
}

int envsweep_run(const envsweep *s, int argc, char **argv, const char *const *names, size_t n,
                 const char *prefix, int P, double timeout)
{
    int worst = OMPSCALE_OK;
    double deadline = timeout > 0 ? clock_now() + timeout : 0;
    char paths[ENVSWEEP_MAX][4200];
    for (size_t i = 0; i < n; i++) {
        char out[4096];
        snprintf(out, sizeof out, "%s%s", prefix, envsweep_suffix(s, names[i]));
        snprintf(paths[i], sizeof paths[i], "%s.csv", out);
        double left = deadline > 0 ? deadline - clock_now() : 0;
        if (deadline > 0 && (left <= 0 || worst == OMPSCALE_TIMED_OUT)) {
            fprintf(stderr, "ompscale: --timeout %g s reached before %s=%s: no further run and "
                            "no comparison\n", timeout, s->variable, names[i]);
            return OMPSCALE_TIMED_OUT;
        }
        fprintf(stderr, "ompscale: %s=%s%s%s, in a child process\n", s->variable, names[i],
                s->also ? " " : "", s->also ? s->also : "");
        printf("\n== %s=%s ==\n", s->variable, names[i]);
        bool started = !intr_signal();
        int status = started ? envsweep_child(s, argc, argv, names[i], out, left) : OMPSCALE_OK;
        if (intr_signal()) {
            fprintf(stderr, "ompscale: interrupted by %s %s %s=%s%s; no further run and no "
                            "comparison\n", intr_name(intr_signal()),
                    started ? "during" : "before", s->variable, names[i],
                    started ? ": its files hold the cells it finished" : "");
            return status == OMPSCALE_OK ? intr_exit_status(intr_signal()) : status;
        }
        if (status > worst)
            worst = status;
        if (status == OMPSCALE_USAGE)
            return status;
    }
    if (worst == OMPSCALE_TIMED_OUT || n < 2)
        return worst; /* the last child ran out of time: its files are incomplete */
    rf_file files[ENVSWEEP_MAX];
    char err[2048];
    for (size_t i = 0; i < n; i++)
        if (rf_load(paths[i], &files[i], err, sizeof err) != 0) {
            for (size_t j = 0; j < i; j++)
                rf_free(&files[j]);
            return cli_fail("%s", err);
        }
    envsweep_compare(s, names, files, n, P);
    if (s->affinity)
        envsweep_affinity(s, names, n, paths);
    for (size_t i = 0; i < n; i++)
        rf_free(&files[i]);
    return worst;
}
