/*
 * test_schema.c: the column table's own promises (suite unit).  Every
 * column has a name no other has, a getter, and a setter where a reader
 * takes it; a column described with the one before it shares its group,
 * type and unit (one line of the README's table); the JSON-only columns
 * come after the CSV's, so CSV positions are the table's order; the readers
 * have room for every column; and what a getter gives, a setter takes back:
 * a cell's values go through the table into an rf_row unchanged.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "resultfile_parts.h"
#include "schema.h"

static void every_column_is_named_once_with_its_accessors(void **unused)
{
    (void)unused;
    size_t n = schema_count();
    assert_true(n > 0 && n <= RF_MAX_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        const schema_column *c = &schema_columns[i];
        assert_non_null(c->get);
        assert_true(c->where != 0);
        assert_int_equal(schema_index(c->name), (int)i); /* no second column of the name */
        if (c->read.need != SCHEMA_UNREAD)
            assert_non_null(c->read.set);
        assert_true(c->read.since >= 0 && c->read.since <= OMPSCALE_SCHEMA_VERSION);
        assert_true(c->group >= 0 && schema_groups[c->group].title);
        if (!c->description) { /* one line with the column before it */
            assert_true(i > 0);
            assert_int_equal(c->group, schema_columns[i - 1].group);
            assert_int_equal(c->type, schema_columns[i - 1].type);
            assert_string_equal(c->unit, schema_columns[i - 1].unit);
            assert_string_equal(schema_description(i), schema_description(i - 1));
        }
    }
    assert_int_equal(schema_index("no-such-column"), -1);
}

static void csv_positions_follow_the_table(void **unused)
{
    (void)unused;
    int last = 0;
    bool json_only = false;
    for (size_t i = 0; schema_columns[i].name; i++) {
        int pos = schema_csv_position(i);
        if (!pos) {
            json_only = true;
            continue;
        }
        assert_false(json_only); /* a CSV column after a JSON-only one */
        assert_int_equal(pos, last + 1);
        last = pos;
    }
    /* the columns promised first stay first: the first and the 25th, by name */
    assert_int_equal(schema_csv_position((size_t)schema_index("host")), 1);
    assert_int_equal(schema_csv_position((size_t)schema_index("verified")), 25);
    assert_int_equal(schema_csv_position((size_t)schema_index("threads_obtained_max")), 44);
}

static void the_required_list_grows_with_the_version(void **unused)
{
    (void)unused;
    char v0[1024], v1[1024];
    schema_required_list(SCHEMA_CSV, 0, v0, sizeof v0);
    schema_required_list(SCHEMA_JSON_ROW | SCHEMA_JSON_TOP, 1, v1, sizeof v1);
    assert_int_equal(strncmp(v0, "host, cpu_model, logical_cpus, physical_cores, kernel", 53), 0);
    assert_non_null(strstr(v0, ", verified"));
    assert_null(strstr(v0, "times_s")); /* not in a CSV, nor in a JSON of version 0 */
    assert_non_null(strstr(v1, ", verified, times_s"));
}

static const kernel_variant variants[] = {{"serial", "s"}, {"omp", "o"}, {NULL, NULL}};
static kernel stand_in = {.name = "standin", .variants = variants, .size_param = "n"};

/* Column name's value in cell c of r, as a reader's setter stores it. */
static void through_the_table(const sweep_result *r, const cell_result *c, const char *name,
                              rf_file *m, rf_row *w)
{
    int i = schema_index(name);
    assert_true(i >= 0);
    schema_value v = {0};
    schema_columns[i].get(r, c, &v);
    assert_int_equal(schema_columns[i].read.set(m, w, &v), 0);
}

static void what_a_getter_gives_a_setter_takes(void **unused)
{
    (void)unused;
    double times[] = {0.3, 0.1, 0.2};
    sweep_result r = {.ctx = {.logical_cpus = 8, .physical_cores = 4}};
    snprintf(r.ctx.host, sizeof r.ctx.host, "box");
    cell_result c = {.k = &stand_in, .variant = 1, .scheduled = true, .threads = 4,
                     .threads_obtained = 3, .size = 1 << 20, .reps = 3, .times = times,
                     .verified = true, .speedup = 2.5, .stats = {.median_s = 0.2}};
    c.schedule.kind = SCHED_DYNAMIC;
    c.schedule.chunk = 8;
    rf_file m = {.logical_cpus = 0};
    rf_row w = {.line = 0};
    const char *names[] = {"host", "logical_cpus", "physical_cores", "kernel", "variant",
                           "schedule", "threads", "threads_obtained", "size", "reps", "median_s",
                           "speedup", "verified", "times_s", NULL};
    for (int i = 0; names[i]; i++)
        through_the_table(&r, &c, names[i], &m, &w);
    assert_string_equal(m.host, "box");
    assert_int_equal(m.logical_cpus, 8);
    assert_int_equal(m.physical_cores, 4);
    assert_string_equal(w.kernel, "standin");
    assert_string_equal(w.variant, "omp");
    assert_string_equal(w.schedule, "dynamic:8");
    assert_int_equal(w.threads, 4);
    assert_int_equal(w.threads_obtained, 3);
    assert_int_equal(w.size, 1 << 20);
    assert_int_equal(w.reps, 3);
    assert_true(w.median_s == 0.2 && w.speedup == 2.5 && w.verified);
    assert_int_equal(w.ntimes, 3);
    assert_true(w.times[0] == 0.3 && w.times[1] == 0.1 && w.times[2] == 0.2);
    free(w.times);
    /* unknown cores and a cell that never ran: none, read back as 0 */
    r.ctx.physical_cores = 0;
    c.reps = 0;
    through_the_table(&r, &c, "physical_cores", &m, &w);
    through_the_table(&r, &c, "threads_obtained", &m, &w);
    assert_int_equal(m.physical_cores, 0);
    assert_int_equal(w.threads_obtained, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_column_is_named_once_with_its_accessors),
        cmocka_unit_test(csv_positions_follow_the_table),
        cmocka_unit_test(the_required_list_grows_with_the_version),
        cmocka_unit_test(what_a_getter_gives_a_setter_takes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
