/*
 * compare_report.h: the renderers of a comparison (compare.h): an aligned
 * text table for a terminal, the same content as GitHub markdown, and a long
 * CSV with one row per kernel, configuration, variant, schedule, machine and
 * thread count.  A renderer only turns the model into bytes; it computes no
 * figure.  compare_write_file writes through a temporary file and a rename,
 * so no half-written file ever bears the final name.
 */
#ifndef OMPSCALE_COMPARE_REPORT_H
#define OMPSCALE_COMPARE_REPORT_H

#include <stdio.h>

#include "compare.h"

typedef struct compare_format {
    const char *name; /* "table", "markdown", "csv" */
    /* Returns 0, or 1 if a write failed. */
    int (*write)(const compare_model *m, FILE *out);
} compare_format;

extern const compare_format compare_table;
extern const compare_format compare_markdown;
extern const compare_format compare_csv;
extern const compare_format compare_json;

/* The format called name, or NULL. */
const compare_format *compare_format_find(const char *name);

/* The valid format names, for messages: "table, markdown, csv, json". */
extern const char compare_format_names[];

/* Writes the model to path through a temporary file and a rename; 0 or 1 with a message in err. */
int compare_write_file(const compare_format *fmt, const compare_model *m, const char *path,
                       char *err, size_t errlen);

/*
 * One "ompscale: warning: ..." line per difference between the files that may
 * mislead, per kind of cell the gate could not judge, and for the kernels and
 * cells not every file has (compare_warn.c).
 */
void compare_warnings(const compare_model *m, FILE *err);

/*
 * One "ompscale: regression: ..." line per cell the gate judged a regression
 * (kernel, variant, schedule, threads, both medians, slowdown, p) and a last
 * line counting them; nothing when there is none.  Returns how many.
 */
size_t compare_regressions(const compare_model *m, FILE *err);

/* A file's build: "gcc 12.2.0, OpenMP 4.5 (201511)", or "not recorded (a CSV)". */
void compare_build_text(const rf_file *file, char *buf, size_t len);

/* The columns of the long CSV, in order, ending with NULL. */
extern const char *const compare_csv_columns[];

#endif
