/*
 * plot_lines.h: the lines of one kernel's scaling figure, shared by the
 * files that draw its parts (plot_scaling.c: the lines, their data and the
 * speedup and efficiency panels; plot_frame.c: the layout, title, core
 * markers and footer; plot_panels.c: the time panel and the kernel's own
 * metric).  A line is one file's rows of one variant, schedule and
 * parameter set, sorted by threads; the serial rows are its reference, not a
 * line.  Each line's data block ($lineI) has the columns PLOT_COL_*.
 */
#ifndef OMPSCALE_PLOT_LINES_H
#define OMPSCALE_PLOT_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "resultfile.h"
#include "scaling.h"

/* The columns of a line's data block. */
enum {
    PLOT_COL_THREADS = 1,
    PLOT_COL_SPEEDUP, PLOT_COL_SPEEDUP_LOW, PLOT_COL_SPEEDUP_HIGH,
    PLOT_COL_EFFICIENCY,
    PLOT_COL_TIME, PLOT_COL_TIME_LOW, PLOT_COL_TIME_HIGH, /* seconds */
    PLOT_COL_METRIC, PLOT_COL_METRIC_LOW, PLOT_COL_METRIC_HIGH, /* the metric panel's */
    PLOT_COL_CEILING, /* the ceiling kernel's best throughput at these threads */
};

/* What the fourth panel shows: the kernel's own metric. */
typedef enum plot_metric {
    PLOT_METRIC_NONE,      /* no throughput in the file (whole-process timing) */
    PLOT_METRIC_BANDWIDTH, /* GB/s, best repetition (STREAM's rule), with the ceiling's curve */
    PLOT_METRIC_OVERHEAD,  /* microseconds per construct (EPCC), log axis */
    PLOT_METRIC_RATE,      /* any other throughput unit, from the median */
} plot_metric;

/* The panels a figure can have. */
typedef enum plot_panel {
    PLOT_PANEL_SPEEDUP,
    PLOT_PANEL_EFFICIENCY,
    PLOT_PANEL_TIME,
    PLOT_PANEL_METRIC,
} plot_panel;

typedef struct plot_line {
    size_t file;
    const rf_row *first;  /* variant, schedule and params come from it */
    const rf_row *serial; /* the file's serial row of the same params; NULL if none */
    int combo;            /* index of its (variant, schedule): dash type */
    int style;            /* its colour and point type: distinct for every line */
    bool ci;              /* every point has a speedup CI */
    bool in_metric;       /* drawn in the metric panel (its unit is the panel's) */
    char title[320];
    scaling_summary fit;  /* the run's analysis of its points (scaling.h) */
    bool fitted;
} plot_line;

/* A note of one line's for the footer, merged with other lines' of the same text. */
typedef struct plot_note {
    char name[400];
    char text[300];
} plot_note;

typedef struct plot_lines {
    const rf_file *files;
    size_t nfiles;
    const char *kernel;
    plot_line *line;      /* room for one per row of the files: never full */
    size_t nlines;
    const rf_row **combo; /* the first row of each (variant, schedule); as many */
    int ncombos;
    int max_threads;
    double max_speedup, max_efficiency;
    bool same_params;
    plot_metric metric;
    char metric_unit[16]; /* the throughput unit of the metric panel */
    char ceiling[32];     /* the ceiling kernel of the panel's lines, "" if none */
    bool fits_keyed;      /* the fits and knees are in the speedup key, else in the footer */
    plot_panel panels[4]; /* in reading order: left to right, top to bottom */
    int npanels;
    /* Notes for the footer: what was not drawn and why, one per line of text. */
    char *notes;
    size_t notes_len;
    FILE *notes_out;
    plot_note *line_notes; /* the lines' notes until plot_data writes them, merged */
    size_t nline_notes;
} plot_lines;

/* Colours (Okabe-Ito), point types and dash types of the lines. */
const char *plot_color(size_t i);
int plot_point(size_t i);
const char *plot_dash(size_t i); /* a gnuplot dashtype */

/* Whether file f has a line in the figure. */
bool plot_file_used(const plot_lines *L, size_t f);

/* A file's name for its machine: the label it records (run --label), else its host. */
const char *plot_name(const rf_file *file);

/* The machine of file f as lines name it: plot_name, with the file's name if names repeat. */
void plot_machine(const plot_lines *L, size_t f, char *buf, size_t len);

/*
 * The parameters of params ("name=value ...") that every line has
 * (shared), for the title, or that not every line has, for the line's name.
 */
void plot_params_part(const plot_lines *L, const char *params, bool shared, char *buf,
                      size_t len);

/* The line's name: machine (with several files), variant, schedule, its own parameters. */
void plot_line_name(const plot_lines *L, const plot_line *l, char *buf, size_t len);

/* A number for a data block: " %.9g", or " NaN". */
void plot_number(FILE *out, double v);

/* The lines of a text of len bytes (its newlines): a footer's notes. */
size_t plot_text_lines(const char *text, size_t len);

/* Where file came from, as one footer line: run date, version, commit, compiler, runtime. */
void plot_provenance(const rf_file *file, char *buf, size_t len);

/* The overall title, panel layout, core-count markers and footer (plot_frame.c). */
void plot_frame_begin(FILE *out, const plot_lines *L, int *width, int *height);
/* Places the i-th panel (left to right, top to bottom, two a row) and sets its markers. */
void plot_frame_panel(FILE *out, const plot_lines *L, int i);
/* The footer's labels, set before the last panel's plot command; then unset after it. */
void plot_frame_footer(FILE *out, const plot_lines *L);

/* The time panel and the kernel's own metric (plot_panels.c). */
void plot_metric_choose(plot_lines *L);
void plot_time_panel(FILE *out, const plot_lines *L);
void plot_metric_panel(FILE *out, const plot_lines *L);
/* The metric panel's value of a row and its interval (NAN where none). */
void plot_metric_values(const plot_lines *L, const rf_row *row, double v[3]);

#endif
