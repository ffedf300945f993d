/*
 * html.h: the report page: one self-contained HTML5 file of one or more
 * result files that a person opens from a cluster's file system with no
 * network.  The style sheet is inline, the plots (plot.h, drawn as SVG into
 * a temporary directory) are inline <svg> elements, and there is no script,
 * no link and no reference to anything outside the file.  At the top the
 * machines' context and a summary (each series' best speedup, where it
 * flattens and why, how far to trust it: the run's own scaling summaries
 * from a JSON's scaling[], or from a CSV the same analysis of its rows);
 * then a section per kernel with its plots, its table (median time and
 * speedup with their 95% intervals, efficiency, its metric) and its fits
 * (Amdahl, USL, or why each is withheld); with several files, a table of
 * time ratios per kernel and thread count.  Every text from the files is
 * escaped.  The page is written under a temporary name and renamed
 * (files.h).
 */
#ifndef OMPSCALE_HTML_H
#define OMPSCALE_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "resultfile.h"

#define HTML_MAX_FILES 16 /* as compare takes */

typedef struct html_opts {
    const char *path;         /* the page to write */
    const char *const *names; /* the files as the user named them (for the page); nfiles */
    FILE *notes;              /* where the plots' notes go (what was not drawn), or NULL */
    double recompute_limit_s; /* plot_opts' (0: the default) */
} html_opts;

/*
 * Writes the report of files[0..nfiles) (read by rf_load, 1 to
 * HTML_MAX_FILES) to o->path.  0; 2 with a message in err when there are
 * more, or the page would replace one of the files; 1 when gnuplot fails, a JSON cannot be read again, or the page
 * cannot be written.  On failure nothing is left under o->path's name, nor
 * any temporary file.
 */
int html_write(const rf_file *files, size_t nfiles, const html_opts *o, char *err,
               size_t errlen);

#endif
