/*
 * plot_parts.h: the pieces of the plot module (plot.h) that write gnuplot
 * script bodies: everything between "set output" and the end of the plot,
 * the same for every terminal.  plot.c runs each body once per format.
 */
#ifndef OMPSCALE_PLOT_PARTS_H
#define OMPSCALE_PLOT_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "resultfile.h"

/* Whether a row is of a parallel variant (every variant but serial). */
bool plot_is_parallel(const rf_row *row);
/* Whether a row is a point of a scaling plot: parallel, with a speedup (a failed one has none). */
bool plot_is_drawn(const rf_row *row);

/*
 * The scaling figure of kernel, which must have a row that plot_is_drawn,
 * over every file, as a multiplot: speedup with its fits, efficiency, time,
 * and the kernel's own metric (plot_lines.h), and the size in pixels it
 * needs in *width and *height.  Returns 0, or 1 with a message in err (out
 * of memory).
 */
int plot_scaling_script(const rf_file *files, size_t nfiles, const char *kernel, FILE *out,
                        int *width, int *height, char *err, size_t errlen);

/* Whether the kernel called name is in the registry with a series (kernel.h) that plot draws. */
bool plot_has_series(const char *name);

/*
 * The plot of the series of the kernel called name (kernel.h: montecarlo's convergence): the
 * kernel rerun serially with the parameters of the first file's row of it.
 * *drawn says whether there was anything to draw (a notes line says why
 * not, if notes is not NULL: no params, parameters the kernel refuses here,
 * a recomputation too long).  The recomputation is bounded: its time is
 * foreseen from the row's own median (times the threads it had), and one
 * foreseen past limit_s seconds, or not foreseeable (a row without times),
 * is not run (a note says so); one foreseen past 2 s is announced first.
 * Returns 0, or 1 if the recomputation failed.
 */
int plot_series_script(const rf_file *files, size_t nfiles, const char *name, double limit_s,
                       FILE *out, FILE *notes, bool *drawn, char *err, size_t errlen);

/* Whether file has a roof of the roofline (a parallel row whose `roof` column names one). */
bool plot_has_roofs(const rf_file *file);

/*
 * The roofline figure of file, which must plot_has_roofs (plot_roofline.c):
 * a log-log panel per thread count with the measured roofs and every kernel
 * configuration's point, and the size in pixels it needs.  Returns 0, or 1
 * with a message in err (out of memory).
 */
int plot_roofline_script(const rf_file *file, FILE *out, int *width, int *height, char *err,
                         size_t errlen);

#endif
