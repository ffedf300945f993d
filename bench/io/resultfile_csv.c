/*
 * resultfile_csv.c: the result CSV reader (resultfile.h).  The file is fed
 * to libcsv line by line so that every record knows the line it started on;
 * each record's fields are kept until its end, then the header is mapped to
 * the schema's CSV columns by name, or the row's fields are handed, column
 * by column, to rf_record (resultfile_parts.h).
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resultfile_parts.h"

#define RF_MAX_LINE (1 << 20) /* a result row is a few hundred bytes */

static void rf_field_cb(void *data, size_t len, void *ctx)
{
    rf_reader *r = ctx;
    if (!r->in_record) {
        r->in_record = true;
        r->record_line = r->line;
    }
    if (r->status)
        return;
    if (r->nfields == RF_MAX_FIELDS) {
        rf_error(r, -1, "more than %d fields: not a result CSV", RF_MAX_FIELDS);
        return;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        rf_error(r, -1, "out of memory");
        return;
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    if (strlen(copy) != len) {
        free(copy);
        rf_error(r, -1, "field %zu holds a NUL byte: not a text CSV", r->nfields + 1);
        return;
    }
    r->fields[r->nfields++] = copy;
}

/* The header: each schema column's field index, or -1; every required column present. */
static void rf_header(rf_reader *r)
{
    for (int c = 0; c < RF_MAX_COLUMNS; c++)
        r->column[c] = -1;
    for (size_t i = 0; i < r->nfields; i++) {
        int c = schema_index(r->fields[i]);
        if (c < 0 || !(schema_columns[c].where & SCHEMA_CSV))
            continue; /* a column the suite does not read: ignored */
        if (r->column[c] >= 0) {
            rf_error(r, -1, "column '%s' appears twice (columns %d and %zu)",
                     schema_columns[c].name, r->column[c] + 1, i + 1);
            return;
        }
        r->column[c] = (int)i;
    }
    for (int c = 0; schema_columns[c].name; c++)
        if ((schema_columns[c].where & SCHEMA_CSV) &&
            schema_columns[c].read.need == SCHEMA_REQUIRED && schema_columns[c].read.since == 0 &&
            r->column[c] < 0) {
            char required[1024];
            schema_required_list(SCHEMA_CSV, 0, required, sizeof required);
            rf_error(r, -1, "not an ompscale result CSV: the header has no column '%s' "
                            "(required: %s; see results/README.md)",
                     schema_columns[c].name, required);
            return;
        }
    r->header_fields = r->nfields;
}

static void rf_csv_row(rf_reader *r)
{
    if (r->nfields != r->header_fields) {
        rf_error(r, -1, "%zu fields, but the header has %zu", r->nfields, r->header_fields);
        return;
    }
    rf_field fields[RF_MAX_COLUMNS] = {{0}};
    for (int c = 0; schema_columns[c].name; c++)
        if (r->column[c] >= 0)
            fields[c].text = r->fields[r->column[c]];
    rf_record(r, fields);
}

static void rf_record_cb(int c, void *ctx)
{
    (void)c;
    rf_reader *r = ctx;
    if (!r->in_record) { /* a record of no fields */
        r->in_record = true;
        r->record_line = r->line;
    }
    if (!r->status) {
        if (!r->header_fields)
            rf_header(r);
        else
            rf_csv_row(r);
    }
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    r->nfields = 0;
    r->in_record = false;
}

/*
 * One line of in, its newline included, NUL bytes and all, like getline; but
 * it stops reading past RF_MAX_LINE bytes (returning RF_MAX_LINE + 1), so a
 * file without newlines (/dev/zero) cannot exhaust memory.  -1 at the end or
 * on an error.
 */
static ssize_t rf_getline(char **buf, size_t *cap, FILE *in)
{
    size_t len = 0;
    int c;
    while ((c = getc(in)) != EOF) {
        if (len + 2 > *cap) {
            size_t grown = *cap ? 2 * *cap : 4096;
            char *b = realloc(*buf, grown);
            if (!b)
                return -1;
            *buf = b;
            *cap = grown;
        }
        (*buf)[len++] = (char)c;
        if (c == '\n' || len > RF_MAX_LINE)
            break;
    }
    if (len == 0)
        return -1;
    (*buf)[len] = '\0';
    return (ssize_t)len;
}

int rf_read(FILE *in, const char *path, rf_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    out->schema_version = -1;
    rf_reader r = {.out = out, .err = err, .errlen = errlen};
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        snprintf(err, errlen, "%s: cannot start the CSV parser", path);
        return OMPSCALE_USAGE;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while (!r.status && (len = rf_getline(&buf, &cap, in)) > 0) {
        r.line++;
        if (!r.in_record)
            r.record_line = r.line;
        if ((size_t)len > RF_MAX_LINE) {
            rf_error(&r, -1, "a line longer than %d bytes: not a result CSV", RF_MAX_LINE);
            break;
        }
        size_t skip = r.line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0
                          ? 3 /* a UTF-8 byte order mark, as spreadsheets save CSV */
                          : 0;
        len -= (ssize_t)skip;
        if (csv_parse(&p, buf + skip, (size_t)len, rf_field_cb, rf_record_cb, &r) != (size_t)len)
            rf_error(&r, -1, "field %zu: not valid CSV (a stray quote inside a field?): %s",
                     r.nfields + 1, csv_strerror(csv_error(&p)));
    }
    if (!r.status && ferror(in))
        rf_error(&r, -1, "reading failed: %s", strerror(errno));
    if (!r.status && csv_fini(&p, rf_field_cb, rf_record_cb, &r) != 0)
        rf_error(&r, -1, "field %zu: a quoted field is never closed: %s", r.nfields + 1,
                 csv_strerror(csv_error(&p)));
    for (size_t i = 0; i < r.nfields; i++)
        free(r.fields[i]);
    csv_free(&p);
    free(buf);
    if (!r.status && !r.header_fields) {
        r.record_line = 1;
        rf_error(&r, -1, "the file is empty: a result CSV has a header and one row per cell");
    } else if (!r.status && out->nrows == 0) {
        r.record_line = r.line + 1;
        rf_error(&r, -1, "no result rows after the header");
    }
    rf_finish(&r);
    return r.status;
}
