/*
 * report.h: the reporter interface.  A reporter only turns a sweep_result
 * into bytes (CSV, JSON, a terminal table); it never measures and never
 * recomputes a figure.  report_write_file writes under a temporary name in
 * the same directory and renames when complete, so no half-written file ever
 * bears the final name.
 */
#ifndef OMPSCALE_REPORT_H
#define OMPSCALE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "result.h"

typedef struct reporter {
    const char *name;      /* "csv", "json", "table" */
    const char *extension; /* ".csv", ".json", ".txt" */
    /* Returns 0, or non-zero if a write failed (the caller checks the stream too). */
    int (*write)(const sweep_result *r, FILE *out);
} reporter;

extern const reporter report_csv;
extern const reporter report_json;
extern const reporter report_table;

/* The reporter called name, or NULL. */
const reporter *report_find(const char *name);

/* Writes one CSV field (a comma first unless *first), quoted by libcsv where it needs it. */
void report_csv_field(FILE *out, bool *first, const char *text);
/* A number with 9 significant digits; NAN (not applicable) is an empty field. */
void report_csv_number(FILE *out, bool *first, double v);

/* The column names of the CSV, in order (the fixed ones first), ending with NULL. */
extern const char *const report_csv_columns[];

/*
 * Writes path through a temporary file in the same directory: write(what,
 * out) fills it; every write, the flush, fsync and close are checked; then a
 * rename gives it its name.  0, or 1 with a message in err and no file left.
 */
int report_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                        const void *what, char *err, size_t errlen);

/*
 * Gives the finished temporary file tmp its final name path (mode 0644),
 * refusing to replace anything but a regular file or a symbolic link: 0, or
 * 1 with a message in err (tmp is left for the caller to remove).
 */
int report_rename(const char *tmp, const char *path, char *err, size_t errlen);

/* Writes r to path through report_write_atomic; 0 or 1 with a message in err. */
int report_write_file(const reporter *rep, const sweep_result *r, const char *path, char *err,
                      size_t errlen);

/* Checks that a file can be created next to path (the directory exists and is writable). */
int report_check_writable(const char *path, char *err, size_t errlen);

/* "static", "dynamic:4", or "none" for a serial cell. */
void report_schedule_text(const cell_result *c, char *buf, size_t len);

#endif
