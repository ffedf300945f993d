/*
 * plot_scaling.c: one kernel's scaling figure (plot_parts.h): its lines
 * (plot_lines.h), their data blocks, and the speedup and efficiency panels.
 * The rows of the kernel are grouped into lines, one per file, variant,
 * schedule and parameter set; each line becomes an inline data block, sorted
 * by threads.  A row without a speedup (a failed cell, or one whose serial
 * reference failed) is no point: the line's key says how many there were.
 * Each line's points are analysed as the run analyses them (scaling.h, the
 * rows that ran the threads they asked for): the Amdahl and USL fits are
 * drawn over the speedups, and the thread count where it flattens is ringed,
 * only where the analysis lets them stand; the footer says why any was not.
 * Every line has a colour and point type of its own, and a dash per variant
 * and schedule; with several files, a colour per machine.  Every text from
 * the files goes through gp_quote.
 */
#include "status.h"
#include "plot_lines.h"
#include "plot_parts.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "text.h"

/* Okabe-Ito colours, told apart with colour-blindness too. */
static const char *const plot_colors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9", "#000000", "#999933"};
static const int plot_points[] = {7, 5, 9, 11, 13, 15, 4, 6, 8, 10, 12, 14};
/* solid, dashed, dash-dot, long dashes: dots are for serial levels and fits */
static const char *const plot_dashes[] = {"1", "(12,5)", "(12,4,3,4)", "(24,6)"};
#define PLOT_NCOLORS (sizeof plot_colors / sizeof plot_colors[0])
#define PLOT_NPOINTS (sizeof plot_points / sizeof plot_points[0])
#define PLOT_NDASHES (sizeof plot_dashes / sizeof plot_dashes[0])

/* With more entries than this in the speedup key, the fits and knees are named in the footer. */
#define PLOT_KEY_MAX 7

const char *plot_color(size_t i)
{
    return plot_colors[i % PLOT_NCOLORS];
}

int plot_point(size_t i)
{
    return plot_points[i % PLOT_NPOINTS];
}

const char *plot_dash(size_t i)
{
    return plot_dashes[i % PLOT_NDASHES];
}

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

/* The serial row of file f with params: the reference of a line. */
static const rf_row *plot_serial(const plot_lines *L, size_t f, const char *params)
{
    const rf_file *file = &L->files[f];
    for (size_t r = 0; r < file->nrows; r++) {
        const rf_row *row = &file->rows[r];
        if (!plot_is_parallel(row) && strcmp(row->kernel, L->kernel) == 0 &&
            strcmp(row->params, params) == 0)
            return row;
    }
    return NULL;
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
        /* a style per line of its file: with one file its colour, with several its point */
        int style = 0;
        for (size_t j = 0; j < L->nlines; j++)
            style += L->line[j].file == f;
        L->line[L->nlines++] = (plot_line){.file = f, .first = row, .combo = combo,
                                           .style = style,
                                           .serial = plot_serial(L, f, row->params)};
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
    L->notes_out = open_memstream(&L->notes, &L->notes_len);
    if (!L->line || !L->combo || !L->notes_out) {
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

const char *plot_name(const rf_file *file)
{
    return file->label[0] ? file->label : file->host;
}

void plot_machine(const plot_lines *L, size_t f, char *buf, size_t len)
{
    snprintf(buf, len, "%s", plot_name(&L->files[f]));
    for (size_t g = 0; g < L->nfiles; g++)
        if (g != f && strcmp(plot_name(&L->files[g]), plot_name(&L->files[f])) == 0) {
            const char *slash = strrchr(L->files[f].path, '/');
            text_append(buf, len, " (%s)", slash ? slash + 1 : L->files[f].path);
            return;
        }
}

bool plot_file_used(const plot_lines *L, size_t f)
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

/* The parameters of line i (text_words_part's lists). */
static const char *plot_line_params(const void *ctx, size_t i)
{
    return ((const plot_lines *)ctx)->line[i].first->params;
}

void plot_params_part(const plot_lines *L, const char *params, bool shared, char *buf,
                      size_t len)
{
    text_words_part(params, L->nlines, plot_line_params, L, shared, buf, len);
}

void plot_line_name(const plot_lines *L, const plot_line *l, char *buf, size_t len)
{
    buf[0] = '\0';
    if (L->nfiles > 1) {
        char machine[1200];
        plot_machine(L, l->file, machine, sizeof machine);
        text_append(buf, len, "%s: ", machine);
    }
    text_append(buf, len, "%s", l->first->variant);
    if (strcmp(l->first->schedule, "none") != 0)
        text_append(buf, len, " %s", l->first->schedule);
    char own[256];
    plot_params_part(L, l->first->params, false, own, sizeof own);
    if (own[0])
        text_append(buf, len, " (%s)", own);
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
    plot_line_name(L, l, l->title, sizeof l->title);
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

/* What the drawn fits and knee of line l are, as one text ("" when none is drawn). */
static int plot_fit_titles(const plot_line *l, char *buf, size_t len)
{
    const scaling_summary *s = &l->fit;
    int n = 0;
    buf[0] = '\0';
    if (!l->fitted || s->no_speedup)
        return 0;
    n += s->amdahl_ok && !s->amdahl_withheld[0];
    n += s->usl_ok && !s->usl_withheld[0];
    n += !s->knee_withheld[0] && s->knee != KNEE_NONE;
    if (s->amdahl_ok && !s->amdahl_withheld[0])
        text_append(buf, len, "Amdahl fit (dotted), serial fraction %.3f, R^2 %.2f",
                    s->amdahl_f, s->amdahl_r2);
    if (s->usl_ok && !s->usl_withheld[0])
        text_append(buf, len, "%sUSL fit (dash-dot), contention %.3g, coherency %.3g, R^2 %.2f",
                    buf[0] ? "; " : "", s->usl_sigma, s->usl_kappa, s->usl_r2);
    if (!s->knee_withheld[0] && s->knee != KNEE_NONE)
        text_append(buf, len, "%sflattens at %d thread%s (%s; ringed)", buf[0] ? "; " : "",
                    s->flattens_at, s->flattens_at == 1 ? "" : "s", scaling_knee_name(s->knee));
    return n;
}

/*
 * Whether the speedup key names the fits and knees: when it would hold no
 * more than PLOT_KEY_MAX entries; else the footer names them (each curve's
 * line is told by its colour), and this writes those notes.
 */
static void plot_fits_keyed(plot_lines *L)
{
    char text[600], name[400];
    int entries = 1 + (int)L->nlines; /* the ideal line and the lines */
    for (size_t i = 0; i < L->nlines; i++)
        entries += plot_fit_titles(&L->line[i], text, sizeof text);
    L->fits_keyed = entries <= PLOT_KEY_MAX;
    for (size_t i = 0; !L->fits_keyed && i < L->nlines; i++)
        if (plot_fit_titles(&L->line[i], text, sizeof text)) {
            plot_line_name(L, &L->line[i], name, sizeof name);
            fprintf(L->notes_out, "%s: %s\n", name, text);
        }
}

/* A note of the line called name, for the footer; dropped when out of memory. */
static void plot_note_add(plot_lines *L, const char *name, const char *fmt, ...)
{
    plot_note *grown = realloc(L->line_notes, (L->nline_notes + 1) * sizeof *grown);
    if (!grown)
        return;
    L->line_notes = grown;
    plot_note *n = &grown[L->nline_notes++];
    snprintf(n->name, sizeof n->name, "%s", name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
}

/*
 * The lines' notes into the footer's, one per text: lines with the same
 * note share it ("omp static, omp dynamic: Amdahl fit not drawn: ..."), in
 * the order the texts first came.
 */
static void plot_notes_write(plot_lines *L)
{
    for (size_t i = 0; i < L->nline_notes; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(L->line_notes[j].text, L->line_notes[i].text) == 0;
        if (seen)
            continue;
        fputs(L->line_notes[i].name, L->notes_out);
        for (size_t j = i + 1; j < L->nline_notes; j++)
            if (strcmp(L->line_notes[j].text, L->line_notes[i].text) == 0)
                fprintf(L->notes_out, ", %s", L->line_notes[j].name);
        fprintf(L->notes_out, ": %s\n", L->line_notes[i].text);
    }
    free(L->line_notes);
    L->line_notes = NULL;
    L->nline_notes = 0;
}

/*
 * Line i's scaling analysis, as the run's summary makes it: from the rows
 * that ran the threads they asked for and have a speedup.  What it withholds
 * goes to the footer's notes.
 */
static void plot_line_fit(plot_lines *L, size_t i, const rf_row *const *rows, size_t n)
{
    plot_line *l = &L->line[i];
    if (L->metric == PLOT_METRIC_OVERHEAD)
        return; /* no speedup panel: nothing to fit */
    l->fitted = rf_analyse(&L->files[l->file], rows, n, &l->fit) == 0;
    char name[400];
    plot_line_name(L, l, name, sizeof name);
    if (!l->fitted) {
        plot_note_add(L, name, "too few points for the fits and the knee");
        return;
    }
    const scaling_summary *s = &l->fit;
    if (s->no_speedup) { /* nothing scales: fits and a knee would describe nothing */
        plot_note_add(L, name, "%s: no fit or knee drawn", s->speedup_note);
        return;
    }
    if (s->knee_withheld[0])
        plot_note_add(L, name, "no knee marked: %s", s->knee_withheld);
    else if (s->knee == KNEE_NONE) /* flattens_at is then the last thread count */
        for (size_t r = 0; r < n; r++)
            if (rows[r]->threads == s->flattens_at && rows[r]->speedup > 0)
                plot_note_add(L, name, "still scaling at %d threads (%.2fx)", s->flattens_at,
                              rows[r]->speedup);
    if (s->amdahl_ok && s->amdahl_withheld[0])
        plot_note_add(L, name, "Amdahl fit not drawn: %s", s->amdahl_withheld);
    if (s->usl_ok && s->usl_withheld[0])
        plot_note_add(L, name, "USL fit not drawn: %s", s->usl_withheld);
}

void plot_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, " %.9g", v);
    else
        fputs(" NaN", out);
}

/* One data block per line ($line0, ...: the PLOT_COL_* columns) and $ideal. */
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
        plot_line_fit(L, i, rows, n);
        fprintf(out, "$line%zu << EOD\n", i);
        for (size_t r = 0; r < n; r++) {
            if (!plot_is_drawn(rows[r]))
                continue; /* failed: no point (the key says how many) */
            double metric[3];
            plot_metric_values(L, rows[r], metric);
            fprintf(out, "%d", rows[r]->threads);
            plot_number(out, rows[r]->speedup);
            plot_number(out, rows[r]->speedup_ci_low);
            plot_number(out, rows[r]->speedup_ci_high);
            plot_number(out, rows[r]->efficiency);
            plot_number(out, rows[r]->median_s);
            plot_number(out, rows[r]->ci95_low_s);
            plot_number(out, rows[r]->ci95_high_s);
            for (int k = 0; k < 3; k++)
                plot_number(out, L->line[i].in_metric ? metric[k] : NAN);
            plot_number(out, L->line[i].in_metric ? rows[r]->ceiling_throughput : NAN);
            fputc('\n', out);
        }
        fputs("EOD\n", out);
        free(rows);
    }
    fprintf(out, "$ideal << EOD\n1 1\n%d %d\nEOD\n", L->max_threads, L->max_threads);
    plot_notes_write(L);
    plot_fits_keyed(L);
    return 0;
}

/* ", \\\n  $lineI using COLUMNS with STYLE ... title 'TITLE'" for every line. */
static void plot_lines_cmd(FILE *out, const plot_lines *L, bool speedup)
{
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        size_t color = L->nfiles > 1 ? l->file : (size_t)l->style;
        bool bars = speedup && l->ci;
        fprintf(out, ", \\\n  $line%zu using %s with %s lw 1.5 lc rgb '%s' dt %s pt %d ps 1.1 "
                "title ", i, !speedup ? "1:5" : bars ? "1:2:3:4" : "1:2",
                bars ? "yerrorlines" : "linespoints", plot_color(color),
                plot_dash((size_t)l->combo), plot_point((size_t)l->style));
        gp_quote(out, l->title);
    }
}

/* After "title " in a plot command: the text, or nothing in the key ("title ''" is none). */
static void plot_key_title(FILE *out, bool keyed, const char *text)
{
    gp_quote(out, keyed ? text : "");
}

/*
 * The fits that stand, as thin curves in their line's colour over the
 * threads measured (the Amdahl fit of 1/S on 1/p: S = 1 / (f + b/p); USL:
 * S = p / (1 + s(p - 1) + k p(p - 1))), and a ring at the thread count where
 * the line flattens, where the analysis supports it.
 */
static void plot_fits_cmd(FILE *out, const plot_lines *L)
{
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        if (!l->fitted)
            continue;
        const scaling_summary *s = &l->fit;
        const char *color = plot_color(L->nfiles > 1 ? l->file : (size_t)l->style);
        char name[400], title[600];
        plot_line_name(L, l, name, sizeof name);
        bool keyed = L->fits_keyed; /* else the footer names them */
        if (s->amdahl_ok && !s->amdahl_withheld[0]) {
            fprintf(out, ", \\\n  (x >= 1 && x <= %d ? 1 / (%.9g + %.9g / x) : NaN) with lines "
                    "lw 1.5 lc rgb '%s' dt (3,4) title ", L->max_threads, s->amdahl_f,
                    s->amdahl_slope, color);
            snprintf(title, sizeof title, "%s: Amdahl fit, serial fraction %.3f, R^2 %.2f",
                     name, s->amdahl_f, s->amdahl_r2);
            plot_key_title(out, keyed, title);
        }
        if (s->usl_ok && !s->usl_withheld[0]) {
            fprintf(out, ", \\\n  (x >= 1 && x <= %d ? x / (1 + %.9g * (x - 1) + %.9g * x * "
                    "(x - 1)) : NaN) with lines lw 1.5 lc rgb '%s' dt (12,3,3,3) title ",
                    L->max_threads, s->usl_sigma, s->usl_kappa, color);
            snprintf(title, sizeof title, "%s: USL fit, contention %.3g, coherency %.3g, "
                     "R^2 %.2f", name, s->usl_sigma, s->usl_kappa, s->usl_r2);
            plot_key_title(out, keyed, title);
        }
        if (!s->knee_withheld[0] && s->knee != KNEE_NONE) {
            fprintf(out, ", \\\n  $line%zu using 1:($1 == %d ? $2 : NaN) with points pt 6 "
                    "ps 3.2 lw 2 lc rgb '%s' title ", i, s->flattens_at, color);
            snprintf(title, sizeof title, "%s: flattens at %d thread%s (%s)", name,
                     s->flattens_at, s->flattens_at == 1 ? "" : "s",
                     scaling_knee_name(s->knee));
            plot_key_title(out, keyed, title);
        }
    }
}

static void plot_speedup_panel(FILE *out, const plot_lines *L)
{
    size_t with_ci = 0;
    for (size_t i = 0; i < L->nlines; i++)
        with_ci += L->line[i].ci;
    const char *bars = with_ci == L->nlines ? "bars: bootstrap 95% CI"
                       : with_ci ? "bars: bootstrap 95% CI, where the file has it"
                                 : "no speedup CI in the file";
    fprintf(out, "set title 'speedup (%s; fits where they stand)'\n", bars);
    fputs("set ylabel 'speedup (serial time / parallel time)'\n", out);
    fprintf(out, "set yrange [0:%g]\n", 1.08 * fmax(L->max_speedup, L->max_threads));
    fputs("plot $ideal with lines dt 2 lw 1.5 lc rgb 'black' title 'ideal: speedup = threads'", out);
    plot_lines_cmd(out, L, true);
    plot_fits_cmd(out, L);
    fputc('\n', out);
}

static void plot_efficiency_panel(FILE *out, const plot_lines *L)
{
    fputs("set title 'parallel efficiency'\n"
          "set ylabel 'parallel efficiency (speedup / threads)'\n", out);
    fprintf(out, "set yrange [0:%g]\n", 1.15 * fmax(L->max_efficiency, 1));
    fputs("plot 1 with lines dt 2 lw 1.5 lc rgb 'black' title 'ideal: efficiency = 1'", out);
    plot_lines_cmd(out, L, false);
    fputc('\n', out);
}

/*
 * Which panels, in reading order: speedup and efficiency, time, and the
 * kernel's metric; an overhead kernel (EPCC) has no speedup to speak of
 * (its parallel runs do the serial loop's work plus the constructs), so its
 * figure is the cost per construct beside the time.
 */
static void plot_choose_panels(plot_lines *L)
{
    L->npanels = 0;
    if (L->metric == PLOT_METRIC_OVERHEAD) {
        L->panels[L->npanels++] = PLOT_PANEL_METRIC;
        L->panels[L->npanels++] = PLOT_PANEL_TIME;
        return;
    }
    L->panels[L->npanels++] = PLOT_PANEL_SPEEDUP;
    L->panels[L->npanels++] = PLOT_PANEL_EFFICIENCY;
    L->panels[L->npanels++] = PLOT_PANEL_TIME;
    if (L->metric != PLOT_METRIC_NONE)
        L->panels[L->npanels++] = PLOT_PANEL_METRIC;
}

int plot_scaling_script(const rf_file *files, size_t nfiles, const char *kernel, FILE *out,
                        int *width, int *height, char *err, size_t errlen)
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
    if (status == 0) {
        plot_metric_choose(L);
        plot_choose_panels(L);
        status = plot_data(out, L, err, errlen);
    }
    if (status == 0) {
        fflush(L->notes_out); /* every note, for the frame's size */
        plot_frame_begin(out, L, width, height);
        for (int p = 0; p < L->npanels; p++) {
            plot_frame_panel(out, L, p);
            if (p == L->npanels - 1)
                plot_frame_footer(out, L);
            switch (L->panels[p]) {
            case PLOT_PANEL_SPEEDUP: plot_speedup_panel(out, L); break;
            case PLOT_PANEL_EFFICIENCY: plot_efficiency_panel(out, L); break;
            case PLOT_PANEL_TIME: plot_time_panel(out, L); break;
            case PLOT_PANEL_METRIC: plot_metric_panel(out, L); break;
            }
        }
        fputs("unset multiplot\n", out);
    }
    if (L->notes_out)
        fclose(L->notes_out);
    free(L->notes);
    free(L->line_notes);
    free(L->line);
    free(L->combo);
    free(L);
    return status;
}
