/*
 * report.h: the reporter interface.  A reporter only turns a sweep_result
 * into bytes (CSV, JSON, a terminal table); it never measures and never
 * recomputes a figure.  report_write_set writes files under temporary names
 * in the same directory and renames them when all are complete, so no
 * half-written file, and no CSV without its JSON, ever bears a final name.
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


/* One file of a set: write(what, out) fills it. */
typedef struct report_output {
    const char *path;
    int (*write)(const void *what, FILE *out);
    const void *what;
    /*
     * Optional: reads the complete temporary file tmp back before anything is
     * renamed; non-zero (with why in err) refuses the whole set.
     */
    int (*check)(const char *tmp, const char *path, char *err, size_t errlen);
} report_output;

/*
 * Writes each file through a temporary file in the same directory; every
 * write, the flush, fsync and close are checked; only when every one is
 * complete are they renamed to their names (a signal that stops the process
 * then finishes the renames), so a set is replaced whole or not at all.  0,
 * or 1 with a message in err and no temporary left.
 */
int report_write_set(const report_output *outs, size_t n, char *err, size_t errlen);
/* A set of one. */
int report_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                        const void *what, char *err, size_t errlen);
/* r as PREFIX.csv and PREFIX.json, one set, each read back first (report_readback_csv,
 * report_readback_json); their names in paths. */
int report_write_results(const sweep_result *r, const char *prefix, char paths[2][4200],
                         char *err, size_t errlen);

/*
 * Whatever one command writes, every other command reads (report_readback.c):
 * reads the result CSV in file tmp, meant for path, back with the reader
 * compare and plot use (rf_read); 0, or 1 with "PATH: not saved: ... a bug of
 * ompscale's ...: the reader's message" in err.  A report_output check.
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

/* 0 if path is absent or a regular file; else 1 with why in err (a directory, link, device). */
int report_check_replaceable(const char *path, char *err, size_t errlen);

/*
 * Gives the finished temporary file tmp its final name path (the mode of the
 * file it replaces, or 0666 less the umask),
 * refusing to replace anything but a regular file (report_check_replaceable):
 * 0, or 1 with a message in err (tmp is left for the caller to remove).
 */
int report_rename(const char *tmp, const char *path, char *err, size_t errlen);

/* Whether a and b both exist and are the same file (by any name: links, other paths). */
bool report_same_file(const char *a, const char *b);

/* Checks that a file can be created next to path (the directory exists and is writable). */
int report_check_writable(const char *path, char *err, size_t errlen);

#endif
