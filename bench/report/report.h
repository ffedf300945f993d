/*
 * report.h: the reporter interface.  A reporter only turns a sweep_result
 * into bytes (CSV, JSON, a terminal table); it never measures and never
 * recomputes a figure.  report_write_results saves a sweep's CSV and JSON
 * as one set (files.h), so no half-written file, and no CSV without its
 * JSON, ever bears a final name.
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


/* r as PREFIX.csv and PREFIX.json, one set, each read back first (report_readback_csv,
 * report_readback_json); their names in paths. */
int report_write_results(const sweep_result *r, const char *prefix, char paths[2][4200],
                         char *err, size_t errlen);

/*
 * Whatever one command writes, every other command reads (report_readback.c):
 * reads the result CSV in file tmp, meant for path, back with the reader
 * compare and plot use (rf_read); 0, or 1 with "PATH: not saved: ... a bug of
 * ompscale's ...: the reader's message" in err.  A files_output check.
 */
int report_readback_csv(const char *tmp, const char *path, char *err, size_t errlen);
/* The same for a result JSON (rf_read_json). */
int report_readback_json(const char *tmp, const char *path, char *err, size_t errlen);
/*
 * r's CSV written to out (standard output), named name in messages, only
 * once it reads back as above: 0; 1 with why in err (empty if writing out
 * failed: the caller checks the stream).
 */
int report_csv_checked(const sweep_result *r, FILE *out, const char *name, char *err,
                       size_t errlen);

#endif
