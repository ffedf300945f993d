/*
 * plot_frame.c: the frame of a kernel's scaling figure (plot_lines.h): the
 * title with the machines, four panels in two rows (speedup, efficiency;
 * time, the kernel's own metric) placed by hand so that a strip is left at
 * the top for the title and at the bottom for the footer (one row of two
 * for an overhead kernel: plot_scaling.c), each panel's key
 * below its axes (never over the data), the core and CPU counts of each
 * machine as dashed lines named on the top axis (outside the data), and the
 * footer: per file where it came from (run date, ompscale version and
 * commit, compiler, OpenMP runtime), then the notes on what was not drawn
 * and why.
 */
#include "plot_lines.h"

#include <math.h>
#include <string.h>

#include "gnuplot.h"
#include "text.h"

#define PLOT_WIDTH 1400
#define PLOT_PANEL_HEIGHT 560 /* each row of panels, key included */
#define PLOT_TITLE_HEIGHT 60
#define PLOT_FOOTER_LINE 16
#define PLOT_FOOTER_MAX_NOTES 16 /* more are counted, not listed */
#define PLOT_LOG_ABOVE 16        /* a log2 thread axis past this many threads */

size_t plot_text_lines(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

static size_t plot_note_lines(const plot_lines *L)
{
    return plot_text_lines(L->notes, L->notes_len);
}

static size_t plot_files_used(const plot_lines *L)
{
    size_t n = 0;
    for (size_t f = 0; f < L->nfiles; f++)
        n += plot_file_used(L, f);
    return n;
}

static int plot_footer_lines(const plot_lines *L)
{
    size_t notes = plot_note_lines(L);
    if (notes > PLOT_FOOTER_MAX_NOTES)
        notes = PLOT_FOOTER_MAX_NOTES + 1; /* "... and N more" */
    return (int)(plot_files_used(L) + notes);
}

/* "KERNEL (PARAMS) on HOST: CPU, P CPUs[; HOST: CPU, P CPUs ...]" as the multiplot's title. */
static void plot_title(FILE *out, const plot_lines *L)
{
    char title[4096] = "";
    text_append(title, sizeof title, "%s", L->kernel);
    char shared[256];
    plot_params_part(L, L->line[0].first->params, true, shared, sizeof shared);
    if (shared[0])
        text_append(title, sizeof title, " (%s%s)", shared, L->same_params ? "" : "; others per line");
    else if (!L->same_params)
        text_append(title, sizeof title, " (parameters per line)");
    size_t files = plot_files_used(L);
    char machines[4096] = "";
    for (size_t f = 0; f < L->nfiles; f++)
        if (plot_file_used(L, f))
            text_append(machines, sizeof machines, "%s%s: %s, %d CPU%s", machines[0] ? "; " : "",
                        plot_name(&L->files[f]), L->files[f].cpu_model, L->files[f].logical_cpus,
                        L->files[f].logical_cpus == 1 ? "" : "s");
    /* Several machines go on a line of their own. */
    text_append(title, sizeof title, " on%s", files > 1 ? "" : " ");
    fputs("set multiplot title ", out);
    gp_quote(out, title);
    fputs(files > 1 ? " . \"\\n\" . " : " . ", out);
    gp_quote(out, machines);
    fputs(" font ',13'\n", out);
}

static int plot_rows(const plot_lines *L)
{
    return (L->npanels + 1) / 2;
}

/* The figure's height in pixels: title, rows of panels, footer. */
static int plot_height(const plot_lines *L)
{
    return PLOT_TITLE_HEIGHT + plot_rows(L) * PLOT_PANEL_HEIGHT +
           PLOT_FOOTER_LINE * (plot_footer_lines(L) + 1);
}

void plot_frame_begin(FILE *out, const plot_lines *L, int *width, int *height)
{
    *width = PLOT_WIDTH;
    *height = plot_height(L);
    plot_title(out, L);
    int m = L->max_threads;
    if (m > PLOT_LOG_ABOVE)
        fprintf(out, "set logscale x 2\nset xrange [0.8:%g]\nset xtics nomirror\n", m * 1.25);
    else /* with several machines, room on the right for their names at the last count */
        fprintf(out, "set xrange [0.5:%g]\nset xtics 1 nomirror\n",
                m + (plot_files_used(L) > 1 ? 0.9 : 0.5));
    fputs("set link x2\nset xlabel 'threads'\nset grid\n"
          "set key below left Left reverse samplen 3 height 1\n", out);
}

/* One core or CPU count of the x2 axis: merged with another machine's at the same x. */
typedef struct plot_tic {
    int x;
    char text[400];
} plot_tic;

static void plot_tic_add(plot_tic *tics, size_t *n, size_t max, int x, const char *text)
{
    for (size_t i = 0; i < *n; i++)
        if (tics[i].x == x) {
            text_append(tics[i].text, sizeof tics[i].text, "\n%s", text); /* a line each */
            return;
        }
    if (*n < max) {
        tics[*n] = (plot_tic){.x = x};
        snprintf(tics[*n].text, sizeof tics[*n].text, "%s", text);
        (*n)++;
    }
}

/*
 * Dashed lines at each machine's physical cores and logical CPUs (one if
 * equal), named on the top axis, above the data; with several machines in
 * each machine's colour and with its name.
 */
static void plot_markers(FILE *out, const plot_lines *L)
{
    plot_tic tics[16];
    size_t ntics = 0, max = sizeof tics / sizeof tics[0];
    fputs("unset arrow\nunset label\n", out);
    for (size_t f = 0; f < L->nfiles; f++) {
        if (!plot_file_used(L, f))
            continue;
        const rf_file *file = &L->files[f];
        const char *color = L->nfiles > 1 ? plot_color(f) : "#606060";
        char who[200] = "", text[260];
        if (plot_files_used(L) > 1) {
            plot_machine(L, f, who, sizeof who);
            text_append(who, sizeof who, ": ");
        }
        int cores = file->physical_cores, cpus = file->logical_cpus;
        int xs[2] = {cpus, 0};
        if (cores <= 0) /* unknown: the CPUs alone */
            snprintf(text, sizeof text, "%s%d CPU%s (cores unknown)", who, cpus,
                     cpus == 1 ? "" : "s");
        else if (cores == cpus)
            snprintf(text, sizeof text, "%s%d core%s = %d CPU%s", who, cores,
                     cores == 1 ? "" : "s", cpus, cpus == 1 ? "" : "s");
        else {
            snprintf(text, sizeof text, "%s%d core%s", who, cores, cores == 1 ? "" : "s");
            xs[0] = cores;
            xs[1] = cpus;
        }
        for (int k = 0; k < 2 && xs[k] > 0; k++) {
            if (xs[k] < 1 || xs[k] > L->max_threads)
                continue; /* outside the threads measured */
            fprintf(out, "set arrow from %d, graph 0 to %d, graph 1 nohead dt 2 lw 1.5 "
                    "lc rgb '%s' back\n", xs[k], xs[k], color);
            if (k == 1)
                snprintf(text, sizeof text, "%s%d CPUs", who, cpus);
            plot_tic_add(tics, &ntics, max, xs[k], text);
        }
    }
    if (ntics == 0) {
        fputs("unset x2tics\n", out);
        return;
    }
    bool lines = false;
    for (size_t i = 0; i < ntics; i++)
        lines |= strchr(tics[i].text, '\n') != NULL;
    /* the panel's title above the names, however many lines they take */
    fprintf(out, "set title offset 0, %d\n", lines ? 1 : 0);
    fputs("set x2tics (", out);
    for (size_t i = 0; i < ntics; i++) {
        fputs(i ? ", " : "", out);
        /* one machine a line: the lines quoted apart, joined by newlines */
        for (char *line = tics[i].text, *end;; line = end + 1) {
            end = strchr(line, '\n');
            if (end)
                *end = '\0';
            gp_quote(out, line);
            if (!end)
                break;
            fputs(" . \"\\n\" . ", out);
        }
        fprintf(out, " %d", tics[i].x);
    }
    fputs(") out nomirror font ',9' textcolor rgb '#404040'\n", out);
}

void plot_frame_panel(FILE *out, const plot_lines *L, int i)
{
    double h = plot_height(L), ph = PLOT_PANEL_HEIGHT / h;
    double footer = 1 - PLOT_TITLE_HEIGHT / h - plot_rows(L) * ph;
    int row = i / 2; /* from the top */
    fprintf(out, "set size 0.5, %.6f\nset origin %.1f, %.6f\nunset logscale y\n"
                 "set offsets 0, 0, 0, 0\nset autoscale y\nset ytics autofreq\n", ph,
            i % 2 ? 0.5 : 0.0, footer + (plot_rows(L) - 1 - row) * ph);
    plot_markers(out, L);
}

/* The file's name without its directory. */
static const char *plot_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Where file f came from, as one footer line. */
void plot_provenance(const rf_file *file, char *buf, size_t len)
{
    const char *stamp = file->timestamp[0] ? file->timestamp : "time unknown";
    snprintf(buf, len, "%s: run %s, ompscale %s", plot_base(file->path), stamp,
             file->version[0] ? file->version : "(version unknown)");
    if (file->schema_version < 0) {
        text_append(buf, len, "; commit, compiler and OpenMP runtime: in the JSON only");
        return;
    }
    text_append(buf, len, " (commit %s); %s, OpenMP runtime %s", 
                file->commit[0] ? file->commit : "unknown",
                file->compiler[0] ? file->compiler : "compiler unknown",
                file->openmp_runtime[0] ? file->openmp_runtime : "unknown");
    if (file->openmp_version > 0)
        text_append(buf, len, " (_OPENMP %d)", file->openmp_version);
    if (strcmp(file->timing, "whole-process") == 0)
        text_append(buf, len, "; whole-process timing");
}

static void plot_footer_label(FILE *out, int *n, double y, const char *text)
{
    fprintf(out, "set label %d ", 100 + (*n)++);
    gp_quote(out, text);
    fprintf(out, " at screen 0.01, screen %.6f left font ',9' textcolor rgb '#303030'\n", y);
}

void plot_frame_footer(FILE *out, const plot_lines *L)
{
    double h = plot_height(L);
    int lines = plot_footer_lines(L), n = 0;
    double y = (PLOT_FOOTER_LINE * lines) / h; /* the first line's baseline, from the top */
    char text[1200];
    for (size_t f = 0; f < L->nfiles; f++) {
        if (!plot_file_used(L, f))
            continue;
        plot_provenance(&L->files[f], text, sizeof text);
        plot_footer_label(out, &n, y, text);
        y -= PLOT_FOOTER_LINE / h;
    }
    size_t notes = plot_note_lines(L), shown = 0;
    const char *p = L->notes;
    while (p && *p && shown < PLOT_FOOTER_MAX_NOTES) {
        const char *end = strchr(p, '\n');
        snprintf(text, sizeof text, "%.*s", (int)(end - p), p);
        plot_footer_label(out, &n, y, text);
        y -= PLOT_FOOTER_LINE / h;
        p = end + 1;
        shown++;
    }
    if (notes > shown) {
        snprintf(text, sizeof text, "... and %zu more notes", notes - shown);
        plot_footer_label(out, &n, y, text);
    }
}
