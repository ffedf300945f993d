/*
 * files.h: writing files so that none is ever half-written under its final
 * name: each file of a set goes to a temporary name in the same directory,
 * flushed, fsync'ed and closed, and only when every one is complete are
 * they renamed (a signal that stops the process then finishes the renames:
 * interrupt.h), so a set is replaced whole or not at all; what is replaced
 * must be a regular file (never a directory, device or link), and no
 * command writes over its own input.  Results, comparisons and plots all
 * write through here.
 */
#ifndef OMPSCALE_FILES_H
#define OMPSCALE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One file of a set: write(what, out) fills it. */
typedef struct files_output {
    const char *path;
    int (*write)(const void *what, FILE *out);
    const void *what;
    /*
     * Optional: reads the complete temporary file tmp back before anything is
     * renamed; non-zero (with why in err) refuses the whole set.
     */
    int (*check)(const char *tmp, const char *path, char *err, size_t errlen);
} files_output;

/*
 * Writes each file through a temporary file in the same directory; every
 * write, the flush, fsync and close are checked; only when every one is
 * complete are they renamed to their names (a signal that stops the process
 * then finishes the renames), so a set is replaced whole or not at all.  0,
 * or 1 with a message in err and no temporary left.
 */
int files_write_set(const files_output *outs, size_t n, char *err, size_t errlen);
/* A set of one. */
int files_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                       const void *what, char *err, size_t errlen);
/* 0 if path is absent or a regular file; else 1 with why in err (a directory, link, device). */
int files_check_replaceable(const char *path, char *err, size_t errlen);

/*
 * Gives the finished temporary file tmp its final name path (the mode of the
 * file it replaces, or 0666 less the umask),
 * refusing to replace anything but a regular file (files_check_replaceable):
 * 0, or 1 with a message in err (tmp is left for the caller to remove).
 */
int files_rename(const char *tmp, const char *path, char *err, size_t errlen);

/* Whether a and b both exist and are the same file (by any name: links, other paths). */
bool files_same_file(const char *a, const char *b);

/* Checks that a file can be created next to path (the directory exists and is writable). */
int files_check_writable(const char *path, char *err, size_t errlen);

#endif
