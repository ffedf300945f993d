/*
 * test_report.c: what the result writers save, read back by the reader that
 * compare and plot use (suite report).  A sweep of a stand-in kernel (one
 * serial cell of three times, one OpenMP cell that failed before any
 * repetition) is analysed and saved as run saves it; the CSV reads back with
 * the failed cell as a row of 0 repetitions, no times and its reason, and
 * with unknown physical cores as unknown.  The JSON reads back to the same
 * rows as the CSV, and with every repetition in the order it ran; a JSON of
 * schema version 0 (no schema_version, no times) is read, one of version 1
 * without times and one newer than the program's are refused.  A CSV the reader would refuse (a
 * kernel name longer than the reader's 31 characters) is not saved at all:
 * no file under either final name, no temporary left, and a message that
 * names the reader's complaint as ompscale's bug.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis.h"
#include "report.h"
#include "resultfile.h"
#include "schema.h"

static const kernel_variant variants[] = {
    {"serial", "the reference"}, {"omp", "the parallel one"}, {NULL, NULL}};

static kernel stand_in = {.name = "standin", .variants = variants, .size_param = "n"};

static double serial_times[] = {0.9, 1.0, 1.1};
/* The same times in the order they might have run: a reader must keep it. */
static double unsorted_times[] = {1.1, 0.9, 1.0};

/* The sweep: a serial cell that ran (times) and an OpenMP cell at 2 threads that failed. */
static void sweep_times(sweep_result *r, cell_result cells[2], int physical, double *times)
{
    memset(r, 0, sizeof *r);
    memset(cells, 0, 2 * sizeof *cells);
    snprintf(r->ctx.host, sizeof r->ctx.host, "testhost");
    snprintf(r->ctx.version, sizeof r->ctx.version, "0.0.0");
    r->ctx.logical_cpus = 2;
    r->ctx.physical_cores = physical;
    r->knee_threshold = ANALYSIS_KNEE_THRESHOLD;
    r->noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
    r->complete = true;
    for (int i = 0; i < 2; i++) {
        cell_result *c = &cells[i];
        c->k = &stand_in;
        c->variant = i;
        c->scheduled = i > 0;
        c->threads = i ? 2 : 1;
        c->size = 1000;
        c->work = (kernel_work){.amount = 1000, .unit = KERNEL_UNIT_ITEM};
        snprintf(c->params, sizeof c->params, "n=1000");
    }
    cells[0].times = times;
    cells[0].reps = cells[0].cap = 3;
    cells[0].threads_obtained = cells[0].threads_obtained_max = 1;
    cells[0].verified = cells[0].check.verified = true;
    cells[1].failed = true;
    snprintf(cells[1].check.detail, sizeof cells[1].check.detail,
             "the library said no: raise --limit");
    r->cells = cells;
    r->ncells = 2;
    assert_int_equal(analysis_run(r, r->ctx.logical_cpus, r->ctx.physical_cores), 0);
}

static void sweep(sweep_result *r, cell_result cells[2], int physical)
{
    sweep_times(r, cells, physical, serial_times);
}

/* A new empty directory under /tmp, in dir. */
static void new_dir(char *dir, size_t len)
{
    snprintf(dir, len, "/tmp/ompscale-test-report-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

/* The number of entries in dir besides . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_all(const char *dir, const char *prefix)
{
    char path[4200];
    snprintf(path, sizeof path, "%s.csv", prefix);
    unlink(path);
    snprintf(path, sizeof path, "%s.json", prefix);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
}

static void a_failed_cell_reads_back_as_a_row(void **unused)
{
    (void)unused;
    sweep_result r;
    cell_result cells[2];
    char dir[64], prefix[128], paths[2][4200], err[2048] = "";
    sweep(&r, cells, 2);
    new_dir(dir, sizeof dir);
    snprintf(prefix, sizeof prefix, "%s/r", dir);
    if (report_write_results(&r, prefix, paths, err, sizeof err) != 0)
        fail_msg("%s", err);
    rf_file f;
    if (rf_load(paths[0], &f, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f.nrows, 2);
    assert_int_equal(f.physical_cores, 2);
    const rf_row *serial = &f.rows[0], *omp = &f.rows[1];
    assert_int_equal(serial->reps, 3);
    assert_int_equal(serial->verified, RF_VERIFIED);
    assert_true(serial->median_s == 1.0); /* the middle of 0.9, 1.0, 1.1 */
    assert_true(serial->speedup == 1.0);
    assert_string_equal(omp->variant, "omp");
    assert_int_equal(omp->threads, 2);
    assert_int_equal(omp->reps, 0);
    assert_int_equal(omp->verified, RF_NOT_VERIFIED);
    assert_true(isnan(omp->median_s) && isnan(omp->ci95_low_s) && isnan(omp->speedup) &&
                isnan(omp->efficiency));
    assert_int_equal(omp->threads_obtained, 0);
    rf_free(&f);
    /* the reason is in the detail column, next to its empty times */
    FILE *in = fopen(paths[0], "r");
    char line[4096];
    assert_non_null(fgets(line, sizeof line, in));
    assert_non_null(fgets(line, sizeof line, in));
    assert_non_null(fgets(line, sizeof line, in));
    fclose(in);
    assert_non_null(strstr(line, ",2,,1000,0,,,,,,,,,,,items/s,"));
    assert_non_null(strstr(line, ",the library said no: raise --limit,"));
    analysis_free(&r);
    remove_all(dir, prefix);
}

static void unknown_physical_cores_read_back_as_unknown(void **unused)
{
    (void)unused;
    sweep_result r;
    cell_result cells[2];
    char dir[64], prefix[128], paths[2][4200], err[2048] = "";
    sweep(&r, cells, 0); /* hwloc saw no core */
    new_dir(dir, sizeof dir);
    snprintf(prefix, sizeof prefix, "%s/r", dir);
    if (report_write_results(&r, prefix, paths, err, sizeof err) != 0)
        fail_msg("%s", err);
    rf_file f;
    if (rf_load(paths[0], &f, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f.physical_cores, 0);
    assert_int_equal(f.logical_cpus, 2);
    rf_free(&f);
    FILE *in = fopen(paths[0], "r");
    char line[4096];
    assert_non_null(fgets(line, sizeof line, in));
    assert_non_null(fgets(line, sizeof line, in));
    fclose(in);
    assert_int_equal(strncmp(line, "testhost,,2,,standin,serial,", 28), 0);
    analysis_free(&r);
    remove_all(dir, prefix);
}

static void a_csv_the_reader_refuses_is_not_saved(void **unused)
{
    (void)unused;
    sweep_result r;
    cell_result cells[2];
    char dir[64], prefix[128], paths[2][4200], err[2048] = "";
    kernel long_name = stand_in;
    long_name.name = "a-kernel-whose-name-is-forty-characters";
    sweep(&r, cells, 2);
    cells[0].k = cells[1].k = &long_name;
    new_dir(dir, sizeof dir);
    snprintf(prefix, sizeof prefix, "%s/r", dir);
    assert_int_equal(report_write_results(&r, prefix, paths, err, sizeof err), 1);
    assert_non_null(strstr(err, "r.csv: not saved"));
    assert_non_null(strstr(err, "a bug of ompscale's"));
    assert_non_null(strstr(err, "r.csv:2: column 5 (kernel): "));
    assert_non_null(strstr(err, "longer than 31 characters"));
    assert_int_equal(entries(dir), 0); /* neither file, nor a temporary */
    analysis_free(&r);
    assert_int_equal(rmdir(dir), 0);
}

static void the_json_reads_back_as_the_csv_with_every_repetition(void **unused)
{
    (void)unused;
    sweep_result r;
    cell_result cells[2];
    char dir[64], prefix[128], paths[2][4200], err[2048] = "";
    sweep_times(&r, cells, 2, unsorted_times);
    new_dir(dir, sizeof dir);
    snprintf(prefix, sizeof prefix, "%s/r", dir);
    if (report_write_results(&r, prefix, paths, err, sizeof err) != 0)
        fail_msg("%s", err);
    rf_file csv, json;
    if (rf_load(paths[0], &csv, err, sizeof err) != 0)
        fail_msg("%s", err);
    if (rf_load(paths[1], &json, err, sizeof err) != 0) /* r.json: read as JSON, by its name */
        fail_msg("%s", err);
    assert_int_equal(csv.schema_version, -1);
    assert_int_equal(json.schema_version, OMPSCALE_SCHEMA_VERSION);
    assert_string_equal(json.host, "testhost");
    assert_string_equal(json.version, "0.0.0");
    assert_string_equal(json.timing, "in-process");
    assert_int_equal(json.physical_cores, 2);
    assert_int_equal(json.nrows, csv.nrows);
    for (size_t i = 0; i < csv.nrows; i++) {
        const rf_row *a = &csv.rows[i], *b = &json.rows[i];
        assert_string_equal(a->kernel, b->kernel);
        assert_string_equal(a->variant, b->variant);
        assert_string_equal(a->schedule, b->schedule);
        assert_string_equal(a->params, b->params);
        assert_int_equal(a->threads, b->threads);
        assert_int_equal(a->threads_obtained, b->threads_obtained);
        assert_int_equal(a->reps, b->reps);
        assert_int_equal(a->verified, b->verified);
        /* 0.9, 1.0, 1.1 are written by the CSV (9 digits) and the JSON (17) as the same doubles */
        assert_true(a->median_s == b->median_s || (isnan(a->median_s) && isnan(b->median_s)));
        assert_true(a->ci95_low_s == b->ci95_low_s || (isnan(a->ci95_low_s) && isnan(b->ci95_low_s)));
        assert_true(a->speedup == b->speedup || (isnan(a->speedup) && isnan(b->speedup)));
        assert_null(a->times); /* the CSV keeps no repetitions */
    }
    assert_true(json.rows[0].median_s == 1.0); /* the middle of 1.1, 0.9, 1.0 */
    assert_int_equal(json.rows[0].ntimes, 3);
    assert_true(json.rows[0].times[0] == 1.1 && json.rows[0].times[1] == 0.9 &&
                json.rows[0].times[2] == 1.0); /* in the order they ran, not sorted */
    assert_int_equal(json.rows[1].ntimes, 0); /* the failed cell: times_s [] */
    assert_null(json.rows[1].times);
    rf_free(&csv);
    rf_free(&json);
    analysis_free(&r);
    remove_all(dir, prefix);
}

/* Reads text as a result JSON named name: the status, the message in err. */
static int read_json_text(const char *text, const char *name, rf_file *f, char *err, size_t len)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(in);
    int status = rf_read_json(in, name, f, err, len);
    fclose(in);
    return status;
}

/* One row of a result JSON, whose top level starts with `top`. */
#define ROW_JSON(top, row)                                                                      \
    "{" top "\"rows\": [{\"host\": \"h\", \"cpu_model\": \"\", \"logical_cpus\": 2, "             \
    "\"physical_cores\": null, \"kernel\": \"k\", \"variant\": \"serial\", \"schedule\": \"none\", " \
    "\"threads\": 1, \"threads_obtained\": 1, \"size\": 10, \"reps\": 1, \"median_s\": 0.5, "       \
    "\"ci95_low_s\": 0.5, \"ci95_high_s\": 0.5, \"speedup\": 1, \"efficiency\": 1, " row "}]}"
#define ONE_ROW_JSON(top) ROW_JSON(top, "\"verified\": true")

static void a_json_of_version_0_is_read_a_newer_one_refused(void **unused)
{
    (void)unused;
    rf_file f;
    char err[2048] = "";
    /* version 0: ompscale 0.1.0's files, without schema_version and times_s */
    if (read_json_text(ONE_ROW_JSON(""), "old.json", &f, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f.schema_version, 0);
    assert_int_equal(f.nrows, 1);
    assert_int_equal(f.physical_cores, 0); /* null: unknown */
    assert_string_equal(f.timing, "in-process"); /* absent: in-process */
    assert_true(f.rows[0].median_s == 0.5);
    assert_null(f.rows[0].times);
    rf_free(&f);
    /* version 1 requires every repetition */
    assert_int_equal(read_json_text(ONE_ROW_JSON("\"schema_version\": 1, "), "v1.json", &f, err,
                                    sizeof err), 2);
    assert_non_null(strstr(err, "v1.json: rows[0]: no field 'times_s'"));
    assert_null(f.rows);
    /* a version this program does not know */
    char want[128];
    assert_int_equal(read_json_text(ONE_ROW_JSON("\"schema_version\": 99, "), "v99.json", &f, err,
                                    sizeof err), 2);
    snprintf(want, sizeof want, "v99.json: schema_version 99 is newer than this ompscale reads "
                                "(%d): update ompscale", OMPSCALE_SCHEMA_VERSION);
    assert_string_equal(err, want);
}

/* read_json_text's status for a row of schema version 2 whose verified field is `verified`. */
static int read_verified_v2(const char *verified, rf_file *f, char *err, size_t errlen)
{
    char text[2048];
    snprintf(text, sizeof text,
             ROW_JSON("\"schema_version\": 2, ", "\"times_s\": [0.5], \"verified\": %s"), verified);
    return read_json_text(text, "v2.json", f, err, errlen);
}

/*
 * verified (schema version 2): a string, "true", "false" or "foreign" (a
 * program ompscale does not check, which is no failure); a JSON before
 * version 2 holds the boolean, still read.
 */
static void verified_is_a_word_from_version_2(void **unused)
{
    (void)unused;
    rf_file f;
    char err[2048] = "";
    if (read_json_text(ONE_ROW_JSON(""), "old.json", &f, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(f.rows[0].verified, RF_VERIFIED); /* version 0: the boolean true */
    rf_free(&f);
    const char *words[] = {"\"true\"", "\"false\"", "\"foreign\""};
    const rf_verdict verdicts[] = {RF_VERIFIED, RF_NOT_VERIFIED, RF_FOREIGN};
    for (int i = 0; i < 3; i++) {
        if (read_verified_v2(words[i], &f, err, sizeof err) != 0)
            fail_msg("%s", err);
        assert_int_equal(f.rows[0].verified, verdicts[i]);
        rf_free(&f);
    }
    assert_int_equal(read_verified_v2("true", &f, err, sizeof err), 2); /* no longer a boolean */
    assert_string_equal(err, "v2.json: rows[0].verified: is a boolean: expected a string");
    assert_int_equal(read_verified_v2("\"maybe\"", &f, err, sizeof err), 2);
    assert_string_equal(err, "v2.json: rows[0].verified: 'maybe' is not one of false, true, foreign");
}

/*
 * Ceiling fractions (ceiling.c): a bandwidth kernel at 1.05 of its ceiling
 * is a finding; at 1.16 (a noisy ceiling cell) it is withheld with the
 * reason, the number kept for the files.
 */
static void a_ceiling_fraction_above_1_10_is_withheld(void **unused)
{
    (void)unused;
    static const kernel ceiling_kernel = {.name = "ceilingk", .variants = variants,
                                          .size_param = "n"};
    double ceiling_times[] = {1.0, 1.0, 1.0}, fast[] = {0.95, 1.0, 1.0}, faster[] = {0.86, 1.0, 1.0};
    for (int t = 0; t < 2; t++) {
        sweep_result r;
        cell_result cells[2];
        memset(&r, 0, sizeof r);
        memset(cells, 0, sizeof cells);
        r.ctx.logical_cpus = 2;
        r.knee_threshold = ANALYSIS_KNEE_THRESHOLD;
        r.noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
        for (int i = 0; i < 2; i++) { /* two serial cells, one per kernel, 1e9 B each */
            cells[i] = (cell_result){.k = i ? &stand_in : &ceiling_kernel, .group = i,
                                     .threads = 1, .threads_obtained = 1, .size = 1,
                                     .verified = true, .reps = 3, .cap = 3,
                                     .work = {1e9, KERNEL_UNIT_BYTES, i ? "ceilingk" : NULL}};
            cells[i].check.verified = true;
        }
        cells[0].times = ceiling_times;
        cells[1].times = t ? faster : fast;
        r.cells = cells;
        r.ncells = 2;
        assert_int_equal(analysis_run(&r, 2, 2), 0);
        /* best 1e9 B / min_s against 1 GB/s: 1/0.95 = 1.053, 1/0.86 = 1.163 */
        assert_true(fabs(cells[1].ceiling_fraction - (t ? 1 / 0.86 : 1 / 0.95)) < 1e-9);
        if (t)
            assert_non_null(strstr(cells[1].ceiling_withheld, "above 1.10"));
        else
            assert_null(cells[1].ceiling_withheld);
        analysis_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_failed_cell_reads_back_as_a_row),
        cmocka_unit_test(unknown_physical_cores_read_back_as_unknown),
        cmocka_unit_test(a_csv_the_reader_refuses_is_not_saved),
        cmocka_unit_test(the_json_reads_back_as_the_csv_with_every_repetition),
        cmocka_unit_test(a_json_of_version_0_is_read_a_newer_one_refused),
        cmocka_unit_test(verified_is_a_word_from_version_2),
        cmocka_unit_test(a_ceiling_fraction_above_1_10_is_withheld),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
