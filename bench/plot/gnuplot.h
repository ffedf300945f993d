/*
 * gnuplot.h: talking to gnuplot for the plot module.  gp_find looks gnuplot
 * up on PATH (so that a missing gnuplot is reported before anything is
 * drawn), gp_quote writes text as a gnuplot string literal that gnuplot
 * prints exactly as given, and gp_run pipes a whole script to one gnuplot
 * process and waits for it, so that its exit status decides whether the
 * outputs it wrote are kept.
 */
#ifndef OMPSCALE_GNUPLOT_H
#define OMPSCALE_GNUPLOT_H

#include <stddef.h>
#include <stdio.h>

/* The path of the gnuplot executable on PATH in buf: 0, or 1 with a message in err. */
int gp_find(char *buf, size_t len, char *err, size_t errlen);

/*
 * Writes text as a single-quoted gnuplot string: quotes doubled, control
 * characters as spaces.  With the terminals' noenhanced option nothing else
 * in it is special.
 */
void gp_quote(FILE *out, const char *text);

/* The most seconds one gnuplot script may take: OMPSCALE_GNUPLOT_TIMEOUT, else this. */
#define GP_TIMEOUT_DEFAULT 60.0
double gp_timeout(void);

/*
 * Runs the gnuplot at path with the script on its standard input (its
 * standard output goes to our standard error, so that ours holds only what
 * ompscale prints) and waits, at most gp_timeout() seconds: then it is
 * stopped.  Returns 0 if gnuplot exited 0, else 1 with a message in err.
 */
int gp_run(const char *path, const char *script, size_t len, char *err, size_t errlen);

#endif
