/*
 * plot_scaling.c: the gnuplot script body of one kernel's scaling plot
 * (plot_parts.h).  The rows of the kernel are grouped into lines, one per
 * file, variant, schedule and parameter set (the serial rows are the
 * reference, not a line); each line becomes an inline data block, sorted by
 * threads.  A row without a speedup (a failed cell, or one whose serial
 * reference failed) is no point: the line's key says how many there were.  Two panels side by side: speedup with the ideal line and error
 * bars from the bootstrap CI of the speedup, and parallel efficiency with a
 * line at 1; dashed vertical markers at each machine's core and CPU counts.
 * With several files each machine has its own colour and each variant and
 * schedule its own dash and point type; with one file the lines get
 * colours of their own.  Every text from the files goes through gp_quote.
 */
#include "status.h"
#include "plot_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "text.h"

#define PLOT_LOG_ABOVE 16 /* a log2 thread axis past this many threads */

/* Okabe-Ito colours, told apart with colour-blindness too. */
static const char *const plot_colors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9", "#000000", "#999933"};
static const int plot_points[] = {7, 5, 9, 11, 13, 15, 4, 6};
static const int plot_dashes[] = {1, 4, 5, 3};
#define PLOT_NCOLORS (sizeof plot_colors / sizeof plot_colors[0])
#define PLOT_NPOINTS (sizeof plot_points / sizeof plot_points[0])
#define PLOT_NDASHES (sizeof plot_dashes / sizeof plot_dashes[0])

typedef struct plot_line {
    size_t file;
    const rf_row *first; /* variant, schedule and params come from it */
    int combo;           /* index of its (variant, schedule): dash and point type */
    bool ci;             /* every point has a speedup CI */
    char title[320];
} plot_line;

typedef struct plot_lines {
    const rf_file *files;
    size_t nfiles;
    const char *kernel;
    plot_line *line;     /* room for one per row of the files: never full */
    size_t nlines;
    const rf_row **combo; /* the first row of each (variant, schedule); as many */
    int ncombos;
    int max_threads;
    double max_speedup, max_efficiency;
    bool same_params;
} plot_lines;

bool plot_is_parallel(const rf_row *row)
{
    return strcmp(row->variant, "serial") != 0;
}

bool plot_is_drawn(const rf_row *row)
{
    return plot_is_parallel(row) && isfinite(row->speedup);
}

/* The index of row's (variant, schedule) among the kernel's, added if new. */
static int plot_combo(plot_lines *L, const rf_row *row)
{
    for (int c = 0; c < L->ncombos; c++)
        if (strcmp(L->combo[c]->variant, row->variant) == 0 &&
            strcmp(L->combo[c]->schedule, row->schedule) == 0)
            return c;
    L->combo[L->ncombos] = row;
    return L->ncombos++;
}

/* Adds a row that has a point to its line, opening the line if new. */
static void plot_add_row(plot_lines *L, size_t f, const rf_row *row)
{
    size_t i = 0;
    while (i < L->nlines && !(L->line[i].file == f &&
                              strcmp(L->line[i].first->variant, row->variant) == 0 &&
                              strcmp(L->line[i].first->schedule, row->schedule) == 0 &&
                              strcmp(L->line[i].first->params, row->params) == 0))
        i++;
    if (i == L->nlines) {
        int combo = plot_combo(L, row);
        L->line[L->nlines++] = (plot_line){.file = f, .first = row, .combo = combo};
        L->same_params &= strcmp(row->params, L->line[0].first->params) == 0;
    }
    double high = isfinite(row->speedup_ci_high) ? row->speedup_ci_high : row->speedup;
    L->max_speedup = fmax(L->max_speedup, fmax(high, row->speedup));
    L->max_efficiency = fmax(L->max_efficiency, row->efficiency);
    if (row->threads > L->max_threads)
        L->max_threads = row->threads;
}

/* The lines of the kernel: a line is opened by a row with a point (failed rows have none). */
static int plot_collect(plot_lines *L, char *err, size_t errlen)
{
    size_t rows = 0;
    for (size_t f = 0; f < L->nfiles; f++)
        rows += L->files[f].nrows;
    L->line = malloc(rows * sizeof *L->line);
    L->combo = malloc(rows * sizeof *L->combo);
    if (!L->line || !L->combo) {
        snprintf(err, errlen, "out of memory for the plot of %s", L->kernel);
        return OMPSCALE_FAIL;
    }
    L->same_params = true;
    for (size_t f = 0; f < L->nfiles; f++)
        for (size_t r = 0; r < L->files[f].nrows; r++) {
            const rf_row *row = &L->files[f].rows[r];
            if (strcmp(row->kernel, L->kernel) == 0 && plot_is_drawn(row))
                plot_add_row(L, f, row);
        }
    return 0;
}

/* The machine of file f as lines name it: its host, with the file's name if hosts repeat. */
static void plot_machine(const plot_lines *L, size_t f, char *buf, size_t len)
{
    snprintf(buf, len, "%s", L->files[f].host);
    for (size_t g = 0; g < L->nfiles; g++)
        if (g != f && strcmp(L->files[g].host, L->files[f].host) == 0) {
            const char *slash = strrchr(L->files[f].path, '/');
            text_append(buf, len, " (%s)", slash ? slash + 1 : L->files[f].path);
            return;
        }
}

static bool plot_file_used(const plot_lines *L, size_t f)
{
    for (size_t i = 0; i < L->nlines; i++)
        if (L->line[i].file == f)
            return true;
    return false;
}

static int plot_by_threads(const void *a, const void *b)
{
    const rf_row *x = *(const rf_row *const *)a, *y = *(const rf_row *const *)b;
    return (x->threads > y->threads) - (x->threads < y->threads);
}

/* The rows of line i in rows (room for the file's rows), sorted by threads; returns how many. */
static size_t plot_line_rows(const plot_lines *L, size_t i, const rf_row **rows)
{
    const plot_line *l = &L->line[i];
    const rf_file *file = &L->files[l->file];
    size_t n = 0;
    for (size_t r = 0; r < file->nrows; r++) {
        const rf_row *row = &file->rows[r];
        if (strcmp(row->kernel, L->kernel) == 0 && strcmp(row->variant, l->first->variant) == 0 &&
            strcmp(row->schedule, l->first->schedule) == 0 &&
            strcmp(row->params, l->first->params) == 0)
            rows[n++] = row;
    }
    qsort(rows, n, sizeof *rows, plot_by_threads);
    return n;
}

/* Line i's title and whether it has every CI, from its rows. */
static void plot_line_describe(plot_lines *L, size_t i, const rf_row *const *rows, size_t n)
{
    plot_line *l = &L->line[i];
    size_t unverified = 0, foreign = 0, failed = 0, no_speedup = 0;
    bool fewer = false;
    l->ci = true;
    for (size_t r = 0; r < n; r++) {
        if (rows[r]->reps == 0) { /* a failed cell: no point, no threads obtained */
            failed++;
            continue;
        }
        if (!plot_is_drawn(rows[r])) { /* no serial time to take a speedup against */
            no_speedup++;
            continue;
        }
        l->ci &= isfinite(rows[r]->speedup_ci_low) && isfinite(rows[r]->speedup_ci_high);
        unverified += rows[r]->verified == RF_NOT_VERIFIED;
        foreign += rows[r]->verified == RF_FOREIGN;
        fewer |= rows[r]->threads_obtained < rows[r]->threads;
    }
    l->title[0] = '\0';
    if (L->nfiles > 1) {
        char machine[1200];
        plot_machine(L, l->file, machine, sizeof machine);
        text_append(l->title, sizeof l->title, "%s: ", machine);
    }
    text_append(l->title, sizeof l->title, "%s", l->first->variant);
    if (strcmp(l->first->schedule, "none") != 0)
        text_append(l->title, sizeof l->title, " %s", l->first->schedule);
    if (!L->same_params && l->first->params[0])
        text_append(l->title, sizeof l->title, " (%s)", l->first->params);
    if (!l->ci)
        text_append(l->title, sizeof l->title, ", no CI");
    if (unverified)
        text_append(l->title, sizeof l->title, ", %zu not verified", unverified);
    if (foreign) /* every point or none: a foreign program's line */
        text_append(l->title, sizeof l->title, ", not checked by ompscale");
    if (failed)
        text_append(l->title, sizeof l->title, ", %zu failed (no point)", failed);
    if (no_speedup)
        text_append(l->title, sizeof l->title, ", %zu without speedup", no_speedup);
    if (fewer)
        text_append(l->title, sizeof l->title, ", fewer threads obtained than asked");
}

static void plot_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, " %.9g", v);
    else
        fputs(" NaN", out);
}

/* One data block per line ($line0, ...: threads speedup ci_low ci_high efficiency) and $ideal. */
static int plot_data(FILE *out, plot_lines *L, char *err, size_t errlen)
{
    for (size_t i = 0; i < L->nlines; i++) {
        const rf_file *file = &L->files[L->line[i].file];
        const rf_row **rows = malloc(file->nrows * sizeof *rows);
        if (!rows) {
            snprintf(err, errlen, "out of memory for the plot of %s", L->kernel);
            return OMPSCALE_FAIL;
        }
        size_t n = plot_line_rows(L, i, rows);
        plot_line_describe(L, i, rows, n);
        fprintf(out, "$line%zu << EOD\n", i);
        for (size_t r = 0; r < n; r++) {
            if (!plot_is_drawn(rows[r]))
                continue; /* failed: no point (the key says how many) */
            fprintf(out, "%d", rows[r]->threads);
            plot_number(out, rows[r]->speedup);
            plot_number(out, rows[r]->speedup_ci_low);
            plot_number(out, rows[r]->speedup_ci_high);
            plot_number(out, rows[r]->efficiency);
            fputc('\n', out);
        }
        fputs("EOD\n", out);
        free(rows);
    }
    fprintf(out, "$ideal << EOD\n1 1\n%d %d\nEOD\n", L->max_threads, L->max_threads);
    return 0;
}

/* "KERNEL (PARAMS) on HOST: CPU, P CPUs[; HOST: CPU, P CPUs ...]" */
static void plot_title(FILE *out, const plot_lines *L)
{
    char title[4096] = "";
    text_append(title, sizeof title, "%s", L->kernel);
    if (!L->same_params)
        text_append(title, sizeof title, " (parameters per line)");
    else if (L->line[0].first->params[0])
        text_append(title, sizeof title, " (%s)", L->line[0].first->params);
    size_t files = 0;
    for (size_t f = 0; f < L->nfiles; f++)
        files += plot_file_used(L, f);
    char machines[4096] = "";
    for (size_t f = 0; f < L->nfiles; f++)
        if (plot_file_used(L, f))
            text_append(machines, sizeof machines, "%s%s: %s, %d CPU%s", machines[0] ? "; " : "",
                        L->files[f].host, L->files[f].cpu_model, L->files[f].logical_cpus,
                        L->files[f].logical_cpus == 1 ? "" : "s");
    /* Several machines go on a line of their own. */
    text_append(title, sizeof title, " on%s", files > 1 ? "" : " ");
    fputs("set multiplot layout 1,2 title ", out);
    gp_quote(out, title);
    if (files > 1)
        fputs(" . \"\\n\" . ", out);
    else
        fputs(" . ", out);
    gp_quote(out, machines);
    fputs(" font ',13'\n", out);
}

/*
 * A dashed line at x, labelled along it from the top of the panel down or
 * from the bottom up, behind the data; every other machine's labels go on
 * the right of its lines.
 */
static void plot_marker(FILE *out, const plot_lines *L, int x, const char *text,
                        const char *color, bool top, bool right)
{
    if (x < 1 || x > L->max_threads)
        return; /* outside the threads measured */
    fprintf(out, "set arrow from %d, graph 0 to %d, graph 1 nohead dt 2 lw 1.5 lc rgb '%s' back\n",
            x, x, color);
    fputs("set label ", out);
    gp_quote(out, text);
    fprintf(out, " at %d, graph %s rotate by 90 %s offset %s,0 tc rgb '%s' back\n", x,
            top ? "0.98" : "0.02", top ? "right" : "left", right ? "1.5" : "-0.6", color);
}

/*
 * Dashed lines at each machine's physical cores and logical CPUs (one if
 * equal), labelled at the top or the bottom of the panel, away from its key.
 */
static void plot_markers(FILE *out, const plot_lines *L, bool top)
{
    size_t shown = 0;
    fputs("unset arrow\nunset label\n", out);
    for (size_t f = 0; f < L->nfiles; f++) {
        if (!plot_file_used(L, f))
            continue;
        const rf_file *file = &L->files[f];
        const char *color = L->nfiles > 1 ? plot_colors[f % PLOT_NCOLORS] : "#606060";
        char text[64]; /* the colour names the machine: its lines have the same */
        int cores = file->physical_cores, cpus = file->logical_cpus;
        bool right = shown++ % 2 == 1;
        if (cores <= 0) { /* unknown: the CPUs alone */
            snprintf(text, sizeof text, "%d CPU%s (cores unknown)", cpus, cpus == 1 ? "" : "s");
            plot_marker(out, L, cpus, text, color, top, right);
            continue;
        }
        if (cores == cpus) {
            snprintf(text, sizeof text, "%d core%s = %d CPU%s", cores, cores == 1 ? "" : "s", cpus,
                     cpus == 1 ? "" : "s");
            plot_marker(out, L, cpus, text, color, top, right);
            continue;
        }
        snprintf(text, sizeof text, "%d core%s", cores, cores == 1 ? "" : "s");
        plot_marker(out, L, cores, text, color, top, right);
        snprintf(text, sizeof text, "%d CPU%s", cpus, cpus == 1 ? "" : "s");
        plot_marker(out, L, file->logical_cpus, text, color, top, right);
    }
}

static void plot_axes(FILE *out, const plot_lines *L)
{
    int m = L->max_threads;
    if (m > PLOT_LOG_ABOVE)
        fprintf(out, "set logscale x 2\nset xrange [0.8:%g]\n", m * 1.25);
    else
        fprintf(out, "set xrange [0.5:%g]\nset xtics 1\n", m + 0.5);
    fputs("set xlabel 'threads'\nset grid\nset key inside opaque box samplen 3\n", out);
}

/* ", \\\n  $lineI using COLUMNS with STYLE ... title 'TITLE'" for every line. */
static void plot_lines_cmd(FILE *out, const plot_lines *L, bool speedup)
{
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        size_t color = L->nfiles > 1 ? l->file : (size_t)l->combo;
        bool bars = speedup && l->ci;
        fprintf(out, ", \\\n  $line%zu using %s with %s lw 1.5 lc rgb '%s' dt %d pt %d ps 1.1 "
                "title ", i, !speedup ? "1:5" : bars ? "1:2:3:4" : "1:2",
                bars ? "yerrorlines" : "linespoints", plot_colors[color % PLOT_NCOLORS],
                plot_dashes[(size_t)l->combo % PLOT_NDASHES],
                plot_points[(size_t)l->combo % PLOT_NPOINTS]);
        gp_quote(out, l->title);
    }
    fputc('\n', out);
}

static void plot_speedup_panel(FILE *out, const plot_lines *L)
{
    size_t with_ci = 0;
    for (size_t i = 0; i < L->nlines; i++)
        with_ci += L->line[i].ci;
    const char *bars = with_ci == L->nlines ? "bars: bootstrap 95% CI of the speedup"
                       : with_ci ? "bars: bootstrap 95% CI of the speedup, where the file has it"
                                 : "no speedup CI in the file: no error bars";
    fprintf(out, "set title 'speedup, %s'\n", bars);
    fputs("set ylabel 'speedup (serial time / parallel time)'\n", out);
    fprintf(out, "set yrange [0:%g]\n", 1.08 * fmax(L->max_speedup, L->max_threads));
    plot_markers(out, L, false);
    fputs("set key top left\n", out); /* above the ideal line, which speedups stay below */
    fputs("plot $ideal with lines dt 2 lw 1.5 lc rgb 'black' title 'ideal: speedup = threads'", out);
    plot_lines_cmd(out, L, true);
}

static void plot_efficiency_panel(FILE *out, const plot_lines *L)
{
    fputs("set title 'parallel efficiency'\n"
          "set ylabel 'parallel efficiency (speedup / threads)'\n", out);
    fprintf(out, "set yrange [0:%g]\n", 1.15 * fmax(L->max_efficiency, 1));
    plot_markers(out, L, true);
    fputs("set key bottom left\n", out); /* efficiency is highest at few threads */
    fputs("plot 1 with lines dt 2 lw 1.5 lc rgb 'black' title 'ideal: efficiency = 1'", out);
    plot_lines_cmd(out, L, false);
}

int plot_scaling_script(const rf_file *files, size_t nfiles, const char *kernel, FILE *out,
                        char *err, size_t errlen)
{
    plot_lines *L = calloc(1, sizeof *L);
    if (!L) {
        snprintf(err, errlen, "out of memory for the plot of %s", kernel);
        return OMPSCALE_FAIL;
    }
    *L = (plot_lines){.files = files, .nfiles = nfiles, .kernel = kernel};
    int status = plot_collect(L, err, errlen);
    if (status == 0 && L->nlines == 0) { /* plot.c asks only for kernels with a point */
        snprintf(err, errlen, "kernel %s has no OpenMP row with a speedup to plot", kernel);
        status = OMPSCALE_FAIL;
    }
    if (status == 0)
        status = plot_data(out, L, err, errlen);
    if (status == 0) {
        plot_title(out, L);
        plot_axes(out, L);
        plot_speedup_panel(out, L);
        plot_efficiency_panel(out, L);
        fputs("unset multiplot\n", out);
    }
    free(L->line);
    free(L->combo);
    free(L);
    return status;
}
