/*
 * test_interrupt.c: stopping early (suite unit).  measure_group's stop check
 * keeps exactly the cells that finished (interleaved: after the repetition
 * in progress; sequential: after the cell in progress completes) and drops
 * the rest; and the signal handlers of interrupt.h, each in a forked child:
 * a first signal during a sweep is only recorded, a second one while
 * files_write_atomic is writing ends the process by that signal and leaves
 * neither the temporary file nor a file under the final name, and so does
 * one signal in the default mode of every other command.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "files.h"
#include "interrupt.h"
#include "measure.h"
#include "plan.h"
#include "registry.h"
#include "report.h"

/* squares (quick preset) at 1 and 2 threads: serial, omp at 1, omp at 2. */
static size_t three_cells(plan *p, cell_result *cells)
{
    char err[256];
    memset(p, 0, sizeof *p);
    p->groups[0].k = registry_find("squares");
    assert_non_null(p->groups[0].k);
    assert_int_equal(kernel_defaults(p->groups[0].k, "quick", p->groups[0].values, err,
                                     sizeof err), 0);
    p->ngroups = 1;
    p->threads[0] = 1;
    p->threads[1] = 2;
    p->nthreads = 2;
    size_t n = plan_group_cells(p, 0, NULL);
    assert_int_equal(n, 3);
    memset(cells, 0, 3 * sizeof *cells);
    return plan_group_cells(p, 0, cells);
}

/* Stop checks that look at the cells: stop once cell `which` has `reps` repetitions. */
typedef struct stop_at {
    const cell_result *cells;
    size_t which, reps;
} stop_at;

static bool stop_when(void *ctx)
{
    const stop_at *s = ctx;
    return s->cells[s->which].reps >= s->reps;
}

/*
 * Measures the three cells with min_reps..max_reps repetitions (and a
 * minimum time of min_time_s), stopped as stop_when says.
 */
static size_t measure_reps_with_stop(bool sequential, int64_t min_reps, int64_t max_reps,
                                     double min_time_s, size_t which, size_t reps,
                                     cell_result *cells)
{
    plan p;
    size_t n = three_cells(&p, cells), finished = 99;
    stop_at s = {cells, which, reps};
    measure_opts o = {.warmup = 1, .min_reps = min_reps, .max_reps = max_reps,
                      .min_time_s = min_time_s,
                      .sequential = sequential, .stop = stop_when, .stop_ctx = &s};
    char err[256];
    assert_int_equal(measure_group(&p.groups[0], 2, cells, n, &o, NULL, NULL, &finished, err,
                                   sizeof err), OMPSCALE_OK);
    return finished;
}

static size_t measure_with_stop(bool sequential, size_t which, size_t reps, cell_result *cells)
{
    return measure_reps_with_stop(sequential, 3, 3, 0, which, reps, cells);
}

/*
 * Interleaved, min 2 and max 5 repetitions and a minimum time no cell
 * reaches: the stop comes after cell 0's third repetition; cells 1 and 2
 * have two, their minimum, and are kept with them.
 */
static void interleaved_keeps_cells_at_min_reps(void **unused)
{
    (void)unused;
    cell_result cells[3];
    size_t finished = measure_reps_with_stop(false, 2, 5, 1e9, 0, 3, cells);
    assert_int_equal(finished, 3);
    assert_int_equal(cells[0].reps, 3);
    assert_int_equal(cells[1].reps, 2);
    assert_int_equal(cells[2].reps, 2);
    for (size_t i = 0; i < 3; i++)
        assert_true(cells[i].verified);
    measure_free_cells(cells, finished);
}

/* Interleaved: the stop comes after cell 0's third repetition; cells 1 and 2 have two. */
static void interleaved_keeps_finished(void **unused)
{
    (void)unused;
    cell_result cells[3];
    size_t finished = measure_with_stop(false, 0, 3, cells);
    assert_int_equal(finished, 1);
    assert_int_equal(cells[0].variant, 0);
    assert_int_equal(cells[0].reps, 3);
    assert_true(cells[0].verified);
    for (size_t i = 1; i < 3; i++) { /* dropped: zeroed, their times freed */
        assert_int_equal(cells[i].reps, 0);
        assert_null(cells[i].times);
    }
    measure_free_cells(cells, finished);
}

/* Sequential: asked to stop during cell 1, it completes cell 1 first; cell 2 never starts. */
static void sequential_finishes_cell_in_progress(void **unused)
{
    (void)unused;
    cell_result cells[3];
    size_t finished = measure_with_stop(true, 1, 1, cells);
    assert_int_equal(finished, 2);
    assert_int_equal(cells[0].reps, 3);
    assert_int_equal(cells[1].reps, 3);
    assert_int_equal(cells[1].threads, 1);
    assert_int_equal(cells[1].variant, 1);
    assert_int_equal(cells[2].reps, 0);
    measure_free_cells(cells, finished);
}

/* Without a stop every cell finishes. */
static void no_stop_finishes_all(void **unused)
{
    (void)unused;
    cell_result cells[3];
    size_t finished = measure_with_stop(false, 0, 1000, cells);
    assert_int_equal(finished, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(cells[i].reps, 3);
    measure_free_cells(cells, finished);
}

static char dir[64];
static char final_path[128];

/* The writer: half a file, flushed to the temporary, then the signal it is given. */
static int write_then_signal(const void *what, FILE *out)
{
    fputs("kernel,threads\nsquares,1\n", out);
    fflush(out);
    raise(*(const int *)what);
    fputs("squares,2\n", out);
    return 0;
}

/* Entries in dir besides . and .. */
static int dir_entries(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/*
 * A child that installs mode, receives `first` signals of SIGINT beforehand
 * (each must leave it running, with intr_signal() set), then gets `during`
 * while files_write_atomic writes.  Returns the child's wait status.
 */
static int child_writing(intr_mode mode, int first, int during)
{
    snprintf(dir, sizeof dir, "/tmp/ompscale-intr-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(final_path, sizeof final_path, "%s/r.csv", dir);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (intr_install(mode) != 0)
            _exit(10);
        for (int i = 0; i < first; i++) {
            raise(SIGINT);
            if (intr_signal() != SIGINT || !intr_requested(NULL))
                _exit(11);
        }
        char err[512];
        files_write_atomic(final_path, write_then_signal, &during, err, sizeof err);
        _exit(12); /* not reached: the signal ends it */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void second_signal_removes_temporary(void **unused)
{
    (void)unused;
    int status = child_writing(INTR_AFTER_CELL, 1, SIGTERM);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_int_equal(dir_entries(), 0); /* neither r.csv nor r.csv.tmp-* */
    rmdir(dir);
}

static void default_mode_removes_temporary(void **unused)
{
    (void)unused;
    int status = child_writing(INTR_AT_ONCE, 0, SIGINT);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGINT);
    assert_int_equal(dir_entries(), 0);
    rmdir(dir);
}

/* The control: a write with no signal leaves exactly the final file. */
static void write_without_signal_renames(void **unused)
{
    (void)unused;
    int none = 0;
    snprintf(dir, sizeof dir, "/tmp/ompscale-intr-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(final_path, sizeof final_path, "%s/r.csv", dir);
    char err[512];
    assert_int_equal(files_write_atomic(final_path, write_then_signal, &none, err, sizeof err), 0);
    assert_int_equal(dir_entries(), 1);
    assert_int_equal(access(final_path, R_OK), 0);
    unlink(final_path);
    rmdir(dir);
}

/*
 * A signal that stops at once while a set is being renamed finishes the
 * renames of the files marked ready and removes the one still being written.
 */
static void signal_finishes_ready_renames(void **unused)
{
    (void)unused;
    snprintf(dir, sizeof dir, "/tmp/ompscale-intr-XXXXXX");
    assert_non_null(mkdtemp(dir));
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (intr_install(INTR_AT_ONCE) != 0)
            _exit(10);
        static const char *const names[] = {"r.csv", "r.json", "other.csv"};
        for (int i = 0; i < 3; i++) {
            char final[160], template[200];
            snprintf(final, sizeof final, "%s/%s", dir, names[i]);
            snprintf(template, sizeof template, "%s.tmp-XXXXXX", final);
            char *tmp = intr_tmp_begin(template);
            int fd = tmp ? mkstemp(tmp) : -1;
            if (fd < 0 || write(fd, "x\n", 2) != 2 || close(fd) != 0)
                _exit(11);
            if (i < 2)
                intr_tmp_ready(tmp, final); /* the third is still being written */
        }
        raise(SIGTERM);
        _exit(12); /* not reached */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    char path[160];
    snprintf(path, sizeof path, "%s/r.csv", dir);
    assert_int_equal(access(path, R_OK), 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/r.json", dir);
    assert_int_equal(access(path, R_OK), 0);
    unlink(path);
    assert_int_equal(dir_entries(), 0); /* no other.csv, no temporary */
    rmdir(dir);
}

/* A final name that is a directory (or a device such as /dev/full) is not replaced. */
static void write_refuses_to_replace_directory(void **unused)
{
    (void)unused;
    int none = 0;
    snprintf(dir, sizeof dir, "/tmp/ompscale-intr-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(final_path, sizeof final_path, "%s/r.csv", dir);
    assert_int_equal(mkdir(final_path, 0755), 0);
    char err[512] = "";
    assert_int_equal(files_write_atomic(final_path, write_then_signal, &none, err, sizeof err), 1);
    assert_non_null(strstr(err, "is not a regular file (a directory)"));
    struct stat st;
    assert_int_equal(stat(final_path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(dir_entries(), 1); /* the directory, and no temporary */
    rmdir(final_path);
    rmdir(dir);
}

/* After the sweep stopped, intr_raise ends the process by the signal it received. */
static void raise_ends_by_first_signal(void **unused)
{
    (void)unused;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        intr_install(INTR_AFTER_CELL);
        raise(SIGTERM);
        intr_raise();
        _exit(12);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_int_equal(intr_exit_status(SIGTERM), 143);
    assert_int_equal(intr_exit_status(SIGINT), 130);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interleaved_keeps_finished),
        cmocka_unit_test(interleaved_keeps_cells_at_min_reps),
        cmocka_unit_test(sequential_finishes_cell_in_progress),
        cmocka_unit_test(no_stop_finishes_all),
        cmocka_unit_test(second_signal_removes_temporary),
        cmocka_unit_test(default_mode_removes_temporary),
        cmocka_unit_test(write_without_signal_renames),
        cmocka_unit_test(write_refuses_to_replace_directory),
        cmocka_unit_test(signal_finishes_ready_renames),
        cmocka_unit_test(raise_ends_by_first_signal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
