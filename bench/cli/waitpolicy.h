/*
 * waitpolicy.h: `ompscale run --wait-policy active,passive`.  libgomp reads
 * OMP_WAIT_POLICY once, at start, so each setting runs as a child process of
 * its own: the same run command line with OMP_WAIT_POLICY set and its files
 * at PREFIX-<policy>.csv/.json.  The parent then reads the children's CSVs
 * back and prints the policy's effect: the construct costs of the overhead
 * kernels, and every kernel's median time at each thread count, with the
 * ratio passive / active, where past the CPU count the policy decides.
 */
#ifndef OMPSCALE_WAITPOLICY_H
#define OMPSCALE_WAITPOLICY_H

#include <stddef.h>

#define WP_MAX 4

/* Parses "active,passive" into names (pointing at constant strings); 0, or 2 with err set. */
int wp_parse(const char *list, const char **names, size_t *n, char *err, size_t errlen);

/*
 * Runs the command line argv (the run's own arguments, without --wait-policy
 * and its value, and without --out) once per policy as a child process, with
 * files at prefix-<policy>, then prints the comparison.  P: the logical CPUs.
 * Returns the exit status for the run: the worst of the children's.  On
 * SIGINT or SIGTERM (forwarded to the child in progress, interrupt.h) it
 * starts no further child and prints no comparison: 128 + the signal, or
 * the child's failure.  timeout (seconds, 0: none) bounds all the children
 * together: each gets what is left as its own --timeout, and one that does
 * not stop a minute after it is stopped (child.h).
 */
int wp_run(int argc, char **argv, const char *const *names, size_t n, const char *prefix, int P,
           double timeout);

/* "-active" or "-passive": what a policy's files add to the prefix. */
const char *wp_suffix(const char *policy);


#endif
