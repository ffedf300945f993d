/*
 * html_parts.h: what the files of the HTML report share (html.h).  html_doc
 * holds the files, what their JSONs say besides rows (runinfo.h), the series
 * (html_series.c: one file's rows of one kernel configuration, variant and
 * schedule, with its scaling summary) and each kernel's inline plots
 * (html_svg.c).  Each section has its own file: html_context.c (the
 * machines), html_summary.c, html_kernel.c (a kernel's plots, table and
 * fits), html_compare.c (time ratios of several files); html_page.c puts
 * them in one page.  Text from the files goes out through html_text, which
 * escapes it.
 */
#ifndef OMPSCALE_HTML_PARTS_H
#define OMPSCALE_HTML_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "html.h"
#include "resultfile.h"
#include "runinfo.h"
#include "scaling.h"

/* One file's rows of one kernel configuration (params, size), variant and schedule. */
typedef struct html_series {
    size_t file;
    const rf_row *first;      /* kernel, params, size, variant, schedule */
    const rf_row *serial;     /* the serial row of the same configuration, or NULL */
    const rf_row **rows;      /* by threads, rising */
    size_t nrows;
    bool construct;           /* an overhead kernel: microseconds per construct, no speedup */
    bool summary_ok;          /* summary holds the analysis */
    bool from_run;            /* summary is the run's own (a JSON's scaling[]) */
    scaling_summary summary;
    int as_asked;             /* thread counts that ran as asked */
    const char *diagnosis;    /* why it flattens (a JSON's), or NULL */
    size_t noisy, cells, failed, short_of;
} html_series;

/* The plots of one kernel, as inline SVG text (html_svg.c). */
typedef struct html_plot {
    char kernel[32];
    char *svg;
    size_t len;
} html_plot;

typedef struct html_doc {
    const rf_file *files;
    size_t nfiles;
    const html_opts *o;
    runinfo info[HTML_MAX_FILES];
    const char *kernels[256]; /* the kernels, in the order the files name them */
    size_t nkernels;
    html_series *series;
    size_t nseries;
    html_plot *plots;
    size_t nplots;
} html_doc;

/* s with &, <, >, " and ' as entities, and what a terminal would act on escaped (text.h). */
void html_text(FILE *out, const char *s);
/* The formatted text, escaped as html_text does. */
void html_textf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A number in the printf format fmt, or an en dash when it is not finite. */
void html_num(FILE *out, const char *fmt, double v);
/* " [low, high]" as an interval (nothing when neither bound is finite). */
void html_interval(FILE *out, const char *fmt, double low, double high);
/* An id for a kernel's section: "k-" and its name with anything but [A-Za-z0-9_-] as '_'. */
void html_kernel_id(const char *kernel, char *buf, size_t len);
/* The machine of file f as the page names it: its host (with its file's position if hosts repeat). */
void html_machine(const html_doc *d, size_t f, char *buf, size_t len);

/*
 * A series' name, escaped: its machine (with several files), variant and schedule, and its
 * parameters when its file has the kernel in another configuration too.
 */
void html_series_name(FILE *out, const html_doc *d, const html_series *s);

/* The series of every file, with their summaries (html_series.c); 0 or 1 (out of memory). */
int html_series_build(html_doc *d, char *err, size_t errlen);
void html_series_free(html_doc *d);
/* Whether a row's median interval is wider than +-5% of it (the run's `noisy` rule). */
bool html_noisy(const rf_row *row);

/* Draws every plot of the files into a temporary directory and keeps them as inline SVG. */
int html_plots_draw(html_doc *d, char *err, size_t errlen);
void html_plots_free(html_doc *d);
/* Writes the inline plots of kernel (nothing when it has none). */
void html_plots_of(FILE *out, const html_doc *d, const char *kernel);

void html_context(FILE *out, const html_doc *d);
void html_summary(FILE *out, const html_doc *d);
void html_kernel(FILE *out, const html_doc *d, const char *kernel);
/* With several files: time ratios per kernel and thread count; 0 or 1 (out of memory). */
int html_compare(FILE *out, const html_doc *d, char *err, size_t errlen);

#endif
