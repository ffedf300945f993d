/*
 * plot.h: plots of result files, drawn by gnuplot.  For every kernel with
 * OpenMP rows, one figure per format (plot_lines.h): speedup with its fits
 * and knee, efficiency, time, and the kernel's own metric (GB/s with its
 * ceiling, microseconds per construct, its throughput), one line per
 * variant, schedule and parameter set, and per machine when several files
 * are given, with a footer of provenance and of what was not drawn.  For
 * every kernel with a series (kernel.h; montecarlo's convergence), also its
 * plot, from a serial recomputation with the file's
 * parameters.  Files are named
 * DIR/STEM-KERNEL.EXT and DIR/STEM-KERNEL-SERIES.EXT (montecarlo-convergence); each is
 * written by gnuplot under a temporary name and renamed only once every
 * output was drawn, so a failure leaves no file under a final name.
 */
#ifndef OMPSCALE_PLOT_H
#define OMPSCALE_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "resultfile.h"

/* The longest recomputation (of a kernel's series) a plot runs by default, in seconds. */
#define PLOT_RECOMPUTE_LIMIT 60.0

/* The output formats, as bits of plot_opts.formats. */
enum { PLOT_PNG = 1u << 0, PLOT_SVG = 1u << 1 };

typedef struct plot_opts {
    const char *dir;   /* an existing, writable directory */
    const char *stem;  /* the files' names start with it; no '/' */
    unsigned formats;  /* PLOT_PNG | PLOT_SVG */
    FILE *notes;       /* where notes about what was not drawn go, or NULL */
    double recompute_limit_s; /* the longest recomputation run for a plot; 0: the default */
    /* Called with each final path once all are in place. */
    void (*written)(const char *path, void *ctx);
    void *ctx;
} plot_opts;

/* The bit of the format called name ("png" or "svg"), or 0. */
unsigned plot_format_bit(const char *name);

/*
 * Draws the plots of files[0..nfiles), which rf_load read: every file it
 * accepted is drawn, as far as it can be (a failed cell is no point; with no
 * OpenMP row that has a speedup and no montecarlo row, or montecarlo
 * parameters the kernel refuses on this machine, a line on o->notes says
 * what was not drawn).  Returns 0; 1 with a message in err if gnuplot is
 * missing or fails, the montecarlo recomputation fails or a file cannot be
 * written.  On failure no file was left behind.
 */
int plot_write(const rf_file *files, size_t nfiles, const plot_opts *o, char *err,
               size_t errlen);

#endif
