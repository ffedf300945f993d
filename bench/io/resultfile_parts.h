/*
 * resultfile_parts.h: what the result file readers share (resultfile.h).
 * A front end (resultfile_csv.c: libcsv; resultfile_json.c: jansson) turns
 * each record into one field per column of the schema table, as text, and
 * hands it to rf_record, which parses each by its column's type and rules
 * (schema.h), checks the row as a whole and keeps it; rf_finish checks the
 * file's cells.  So a CSV and a JSON are refused for the same reasons, and
 * the messages differ only in how they name the place: "PATH:LINE: column C
 * (NAME): " in a CSV, "PATH: rows[I].NAME: " in a JSON.
 */
#ifndef OMPSCALE_RESULTFILE_PARTS_H
#define OMPSCALE_RESULTFILE_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "resultfile.h"
#include "schema.h"

#define RF_MAX_FIELDS 256
#define RF_MAX_ROWS 1000000
#define RF_MAX_COLUMNS 128 /* at least schema_count() (a unit test checks) */

/* One column's field in one record. */
typedef struct rf_field {
    const char *text;     /* NULL: the column is absent; "" an empty field (JSON null) */
    const double *reals;  /* SCHEMA_REALS: the values (text is then only non-NULL) */
    size_t nreals;
} rf_field;

typedef struct rf_reader {
    rf_file *out;
    bool json;
    int record_line;          /* CSV: the line the record started on; JSON: its rows[] index + 1,
                                 0 for the file as a whole */
    int column[RF_MAX_COLUMNS]; /* CSV: the field index of each schema column, -1 when absent */
    size_t cap;               /* rows allocated in out */
    int status;
    char *err;
    size_t errlen;
    /* CSV only */
    int line;                 /* the physical line being fed */
    bool in_record;
    char *fields[RF_MAX_FIELDS];
    size_t nfields;
    size_t header_fields;     /* 0 until the header was read */
} rf_reader;

/*
 * The first error wins, as status 2 and one line in err: the place (a CSV's
 * line and column, a JSON's row and field; col -1 names no column, and a
 * JSON's record_line 0 no row), then the message.
 */
void rf_error(rf_reader *r, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "line N" (a CSV) or "rows[N - 1]" (a JSON), for a row read from record N, in buf. */
void rf_where(const rf_reader *r, int record, char *buf, size_t len);

/* Parses one record (fields[i]: schema column i) into a row of r->out, checked; or an error. */
void rf_record(rf_reader *r, const rf_field *fields);

/* After the last record: the file's own checks (one row per cell, series not too long). */
void rf_finish(rf_reader *r);

#endif
