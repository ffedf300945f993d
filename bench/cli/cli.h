/*
 * cli.h: what every ompscale command shares on its command line: the one
 * error format ("ompscale: what was wrong: what is valid", exit status 2),
 * reading its arguments with its options table (args.h) and saying what is
 * wrong with them, and the checks of the files it will write.
 */
#ifndef OMPSCALE_CLI_H
#define OMPSCALE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "args.h"
#include "kernel.h"


/*
 * Prints "ompscale: <message>" on stderr as one line: what the message
 * quotes (an argument, a file's text) is escaped (text_escape).  Returns
 * OMPSCALE_USAGE for convenience.
 */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "ompscale: <message>" on stderr, one line, escaped as the errors are. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "ompscale: <message>" on stderr; returns OMPSCALE_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Reads a command's arguments with its table (args.h) and the parameters of
 * kernels (NULL-ended, or NULL), handing each item but --help (main's) to
 * each, in order, until one of them or the scan fails: OMPSCALE_OK, or the
 * failure with its message said.
 */
int cli_scan(const args_command *c, const kernel *const *kernels, int argc, char **argv,
             int (*each)(void *ctx, const args_scan *s, const args_item *item), void *ctx);
/* "NAME: unknown option 'X': valid are ...", said, for a word a command takes none of; OMPSCALE_USAGE. */
int cli_unknown_arg(const args_scan *s, const args_item *item);

/*
 * Checks a file option `opt` will write (through a temporary file and a
 * rename, which would replace whatever bears the name): refused, with the
 * message printed, when path is empty or exists and is not a regular file
 * (a directory, a device such as /dev/full, a FIFO).
 */
int cli_check_output_file(const char *opt, const char *path);
/*
 * Checks a path prefix (--out PREFIX, for PREFIX.csv and PREFIX.json):
 * refused, with the message printed, when it is empty, its last part is
 * empty, "." or "..", or PREFIX.csv or PREFIX.json exists and is not a
 * regular file.
 */
int cli_check_prefix(const char *opt, const char *prefix);

/*
 * Checks a label (run --label, compare --label): refused, with the message
 * printed, when it is empty, longer than RESULT_LABEL_MAX bytes, or holds what
 * text_escape would change (a control character, a backslash, bytes that are
 * not UTF-8).
 */
int cli_check_label(const char *opt, const char *label);

/*
 * Refuses (message printed, OMPSCALE_USAGE) an output file of option `opt` that
 * is one of the command's n input files, by whatever name: no command
 * replaces what it reads.
 */
int cli_check_not_input(const char *opt, const char *output, const char *const *inputs, size_t n);

/*
 * A result file's directory and stem (its name without .csv or .json), for
 * what a command writes next to it: "." and "x" for "x.json".
 */
void cli_file_stem(const char *path, char *dir, size_t dirlen, char *stem, size_t stemlen);

/* --recompute-limit S (plot, report): seconds from 0.001 to 1e7, or the message said. */
#define CLI_RECOMPUTE_LIMIT_HELP "the longest serial recomputation run for a series plot,\n" \
                                 "foreseen from the file's times (default 60)"
int cli_recompute_limit(const char *value, double *seconds);

/* Looks a kernel up by name; prints the valid names if there is none. */
const kernel *cli_find_kernel(const char *name);

/*
 * Flushes standard output, keeping the reason of the first refused flush
 * (stdio forgets it) for main's one message when it closes standard output.
 * 0, or EOF.  cli_stdout_errno: that reason, or 0.
 */
int cli_flush_stdout(void);
int cli_stdout_errno(void);

#endif
