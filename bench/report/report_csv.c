/*
 * report_csv.c: one CSV row per cell, its columns those of the schema table
 * (schema.h) marked for the CSV, in the table's order: the fixed columns the
 * suite promises first, extra columns after them.  Fields are quoted by
 * libcsv's writer where they need it.  A failed cell is a row like any other
 * (reps 0 when no repetition ran, verified false, the kernel's reason in
 * detail); a figure that does not apply or is not finite, and a machine fact
 * that is unknown (physical_cores), is an empty field.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csvout.h"
#include "report.h"
#include "schema.h"



/* One value of column col: empty when none; a real with its column's digits, or its exact text. */
static void csv_value(FILE *out, bool *first, const schema_column *col, const schema_value *v)
{
    char buf[64] = "";
    const char *text = buf;
    if (col->type == SCHEMA_REAL && v->exact)
        text = v->exact;
    else if (v->none)
        text = "";
    else if (col->type == SCHEMA_TEXT)
        text = v->text;
    else if (col->type == SCHEMA_INT)
        snprintf(buf, sizeof buf, "%" PRId64, v->integer);
    else if (col->type == SCHEMA_REAL)
        snprintf(buf, sizeof buf, "%.*g", col->digits ? col->digits : 9, v->real);
    else if (col->type == SCHEMA_BOOL)
        text = v->boolean ? "true" : "false";
    csvout_field(out, first, text);
}

static int report_csv_write(const sweep_result *r, FILE *out)
{
    bool first = true;
    for (size_t j = 0; schema_columns[j].name; j++)
        if (schema_columns[j].where & SCHEMA_CSV)
            csvout_field(out, &first, schema_columns[j].name);
    fputc('\n', out);
    for (size_t i = 0; i < r->ncells; i++) {
        first = true;
        for (size_t j = 0; schema_columns[j].name; j++) {
            const schema_column *col = &schema_columns[j];
            if (!(col->where & SCHEMA_CSV))
                continue;
            schema_value v = {0};
            col->get(r, &r->cells[i], &v);
            csv_value(out, &first, col, &v);
        }
        fputc('\n', out);
    }
    return ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

const reporter report_csv = {"csv", ".csv", report_csv_write};
