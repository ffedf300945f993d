/*
 * plot_series.c: the plot of a kernel's series (plot_parts.h), for any
 * kernel whose row has the series hook (kernel.h), montecarlo's convergence
 * among them.  A result file keeps only a run's last result, but a series is
 * a pure function of the parameters, so the kernel is prepared and run once,
 * serially, with the parameters of the file's row of it, and its series read
 * back.  Each line is drawn as points; on log-log axes also its fitted power
 * law: the kernel's own slope where it gives one (montecarlo's convergence
 * orders, the numbers the JSON records as facts), else the least-squares
 * slope (gsl_fit_linear), drawn with the least-squares intercept for it.
 * Points a log axis cannot show (zero errors) are left out.
 */
#include "plot_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>

#include "gnuplot.h"
#include "registry.h"

#define PLOT_SERIES_MAX_PARAMS 32

/* Line colours and point types, one per line (Okabe-Ito). */
static const char *const plot_series_colors[KERNEL_SERIES_MAX_LINES] = {"#0072B2", "#D55E00",
                                                                      "#009E73", "#CC79A7"};
static const int plot_series_points[KERNEL_SERIES_MAX_LINES] = {7, 5, 9, 11};

/* The first file's row of kernel (its serial row if it has one); NULL if none. */
static const rf_row *plot_series_row(const rf_file *files, size_t nfiles, const char *kernel,
                                     size_t *file)
{
    for (size_t f = 0; f < nfiles; f++) {
        const rf_row *found = NULL;
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (strcmp(row->kernel, kernel) != 0)
                continue;
            if (!found || !plot_is_parallel(row))
                found = row;
            if (!plot_is_parallel(row))
                break;
        }
        if (found) {
            *file = f;
            return found;
        }
    }
    return NULL;
}

/* Says so when another row of the kernel has other parameters: only one set is drawn. */
static void plot_series_note_others(const rf_file *files, size_t nfiles, const kernel *k,
                                    const rf_file *used, const rf_row *chosen, FILE *notes)
{
    for (size_t f = 0; notes && f < nfiles; f++)
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (strcmp(row->kernel, k->name) == 0 && strcmp(row->params, chosen->params) != 0) {
                fprintf(notes, "ompscale: note: %s:%d has other %s parameters than %s:%d; the %s "
                               "plot uses those of %s\n", files[f].path, row->line, k->name,
                        used->path, chosen->line, k->series_name, used->path);
                return;
            }
        }
}

/* Prepares the kernel with the row's parameters ("name=value ..."); 0, 1 or 2. */
static int plot_series_prepare(const kernel *k, const rf_file *file, const rf_row *row,
                               void **state, char *err, size_t errlen)
{
    param_value values[PLOT_SERIES_MAX_PARAMS];
    char list[sizeof row->params], why[512];
    snprintf(list, sizeof list, "%s", row->params);
    for (char *c = list; *c; c++)
        if (*c == ' ')
            *c = ','; /* kernel_assign reads presets' "name=value,name=value" */
    int status = kernel_param_count(k) > PLOT_SERIES_MAX_PARAMS ? OMPSCALE_FAIL : OMPSCALE_OK;
    if (status == OMPSCALE_OK && (kernel_defaults(k, NULL, values, why, sizeof why) != 0 ||
                                kernel_assign(k, values, list, why, sizeof why) != 0))
        status = OMPSCALE_USAGE;
    if (status == OMPSCALE_OK)
        status = k->prepare(values, 1, state, why, sizeof why);
    if (status == OMPSCALE_USAGE)
        snprintf(err, errlen, "%s:%d: %s parameters '%s' are not valid here: %s", file->path,
                 row->line, k->name, row->params, why);
    else if (status != OMPSCALE_OK)
        snprintf(err, errlen, "%s:%d: recomputing %s for its %s plot failed: %s", file->path,
                 row->line, k->name, k->series_name,
                 status == OMPSCALE_FAIL ? why : "unknown status");
    return status;
}

/* Whether a value can be drawn on the series' y axis. */
static bool plot_series_shown(const kernel_series *s, double x, double y)
{
    return isfinite(x) && isfinite(y) && (!s->log_x || x > 0) && (!s->log_y || y > 0);
}

/* Writes the block $lineJ of the points the axes can show; returns how many. */
static size_t plot_series_block(FILE *out, const kernel_series *s, size_t j)
{
    size_t n = 0;
    fprintf(out, "$line%zu << EOD\n", j);
    for (size_t i = 0; i < s->count; i++)
        if (plot_series_shown(s, s->x[i], s->lines[j].y[i])) {
            fprintf(out, "%.9g %.9g\n", s->x[i], s->lines[j].y[i]);
            n++;
        }
    fputs("EOD\n", out);
    return n;
}

/*
 * Writes the block $lineJ_fit of the fitted power law's two ends and sets
 * *slope: the kernel's if finite, else the least-squares slope.  Returns
 * false (and writes nothing) off log-log axes or with fewer than two
 * distinct points.
 */
static bool plot_series_fit(FILE *out, const kernel_series *s, size_t j, double *slope)
{
    if (!s->log_x || !s->log_y)
        return false;
    double *lx = malloc(s->count * sizeof *lx), *ly = malloc(s->count * sizeof *ly);
    size_t n = 0;
    for (size_t i = 0; lx && ly && i < s->count; i++)
        if (plot_series_shown(s, s->x[i], s->lines[j].y[i])) {
            lx[n] = log(s->x[i]);
            ly[n++] = log(s->lines[j].y[i]);
        }
    double c0, c1, cov00, cov01, cov11, sumsq;
    bool fitted = n >= 2 && lx[n - 1] > lx[0] &&
                  gsl_fit_linear(lx, 1, ly, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) == 0 &&
                  isfinite(c1);
    if (fitted) {
        *slope = isfinite(s->lines[j].slope) ? s->lines[j].slope : c1;
        double c = gsl_stats_mean(ly, 1, n) - *slope * gsl_stats_mean(lx, 1, n);
        fprintf(out, "$line%zu_fit << EOD\n%.9g %.9g\n%.9g %.9g\nEOD\n", j, exp(lx[0]),
                exp(c + *slope * lx[0]), exp(lx[n - 1]), exp(c + *slope * lx[n - 1]));
    }
    free(lx);
    free(ly);
    return fitted;
}

/* Two title lines (what is drawn; that it is a serial recomputation of which run), then the axes. */
static void plot_series_axes(FILE *out, const kernel *k, const kernel_series *s,
                             const rf_file *file, const rf_row *row)
{
    char what[512], how[1024], x_max[64] = "*";
    snprintf(what, sizeof what, "%s %s (%s)", k->name, s->title, row->params);
    snprintf(how, sizeof how, "serial recomputation here with the parameters of the run on %s: "
             "%s", file->host, file->cpu_model);
    fputs("set title ", out);
    gp_quote(out, what);
    fputs(" . \"\\n\" . ", out);
    gp_quote(out, how);
    fputs(" font ',12'\n", out);
    if (s->log_x || s->log_y)
        fprintf(out, "set logscale %s%s\n", s->log_x ? "x" : "", s->log_y ? "y" : "");
    double top = -INFINITY;
    for (size_t i = 0; i < s->count; i++)
        top = s->x[i] > top ? s->x[i] : top;
    if (s->log_x && isfinite(top))
        snprintf(x_max, sizeof x_max, "%g", 1.25 * top);
    fprintf(out, "set xrange [%s:%s]\n", s->log_x ? "0.8" : "*", x_max);
    fputs("set xlabel ", out);
    gp_quote(out, s->x_label ? s->x_label : "x");
    fputs("\nset ylabel ", out);
    gp_quote(out, s->y_label ? s->y_label : "y");
    fprintf(out, "\n%sset grid\nset key top right box opaque\n",
            s->log_y ? "set format y '%.0e'\n" : "");
}

/* Writes the blocks and the plot command; *drawn says whether any point was drawn. */
static int plot_series_draw(FILE *out, const kernel *k, const kernel_series *s,
                            const rf_file *file, const rf_row *row, FILE *notes, bool *drawn)
{
    size_t points[KERNEL_SERIES_MAX_LINES], all = 0, nlines = s->nlines;
    if (nlines > KERNEL_SERIES_MAX_LINES)
        nlines = KERNEL_SERIES_MAX_LINES;
    for (size_t j = 0; j < nlines; j++)
        all += points[j] = plot_series_block(out, s, j);
    if (all == 0) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: no %s %s plot: no point of it can be drawn "
                           "on its axes (on log axes: every value is 0)\n", file->path,
                    row->line, k->name, k->series_name);
        return 0;
    }
    bool fitted[KERNEL_SERIES_MAX_LINES];
    double slope[KERNEL_SERIES_MAX_LINES];
    for (size_t j = 0; j < nlines; j++)
        fitted[j] = points[j] > 0 && plot_series_fit(out, s, j, &slope[j]);
    plot_series_axes(out, k, s, file, row);
    const char *sep = "plot ";
    for (size_t j = 0; j < nlines; j++) {
        if (!points[j])
            continue;
        char key[256], law[256];
        snprintf(key, sizeof key, "%s %s", s->lines[j].name, s->y_key ? s->y_key : "");
        fprintf(out, "%s$line%zu with points pt %d ps 0.5 lc rgb '%s' title ", sep, j,
                plot_series_points[j], plot_series_colors[j]);
        gp_quote(out, key);
        if (fitted[j]) {
            snprintf(law, sizeof law, "%s: %s ~ %s^%.2f", s->lines[j].name,
                     s->y_symbol ? s->y_symbol : "y", s->x_symbol ? s->x_symbol : "x", slope[j]);
            fprintf(out, ", \\\n  $line%zu_fit with lines lw 2.5 lc rgb '%s' title ", j,
                    plot_series_colors[j]);
            gp_quote(out, law);
        }
        sep = ", \\\n  ";
    }
    fputc('\n', out);
    *drawn = true;
    return 0;
}

/*
 * Whether the recomputation of row fits in limit_s: foreseen from the row's
 * median, times the threads it had (the recomputation is serial).  A note
 * says why not, or announces one that takes a while.
 */
static bool plot_series_affordable(const kernel *k, const rf_file *file, const rf_row *row,
                                   double limit_s, FILE *notes)
{
    int threads = row->threads_obtained > 1 ? row->threads_obtained : 1;
    double foreseen = row->median_s * threads;
    if (!isfinite(foreseen) || foreseen <= 0) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: no %s %s plot: the row has no time to foresee "
                           "its serial recomputation by\n", file->path, row->line, k->name,
                    k->series_name);
        return false;
    }
    if (foreseen > limit_s) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: no %s %s plot: its serial recomputation would "
                           "take about %.0f s (the row's median x %d threads), over the limit of "
                           "%g s (plot --recompute-limit)\n", file->path, row->line, k->name,
                    k->series_name, foreseen, threads, limit_s);
        return false;
    }
    if (foreseen > 2 && notes) {
        fprintf(notes, "ompscale: recomputing %s serially for its %s plot: about %.0f s\n",
                k->name, k->series_name, foreseen);
        fflush(notes);
    }
    return true;
}

bool plot_has_series(const char *name)
{
    const kernel *k = registry_find(name);
    return k && k->series && k->series_name;
}

int plot_series_script(const rf_file *files, size_t nfiles, const char *name, double limit_s,
                       FILE *out, FILE *notes, bool *drawn, char *err, size_t errlen)
{
    *drawn = false;
    size_t f = 0;
    const rf_row *row = plot_series_row(files, nfiles, name, &f);
    const kernel *k = registry_find(name);
    if (!row || !k || !k->series)
        return 0;
    if (!row->params[0]) {
        if (notes)
            fprintf(notes, "ompscale: note: %s has no params column: no %s %s plot (it needs the "
                           "run's parameters)\n", files[f].path, k->name, k->series_name);
        return 0;
    }
    plot_series_note_others(files, nfiles, k, &files[f], row, notes);
    if (!plot_series_affordable(k, &files[f], row, limit_s, notes))
        return 0;
    void *state = NULL;
    int status = plot_series_prepare(k, &files[f], row, &state, err, errlen);
    if (status == OMPSCALE_USAGE) {
        /* The file is valid (compare reads it); only this plot cannot be drawn from it. */
        if (notes)
            fprintf(notes, "ompscale: note: no %s %s plot: %s\n", k->name, k->series_name, err);
        err[0] = '\0';
        return 0;
    }
    kernel_exec serial = {.threads = 1};
    kernel_series s;
    int obtained;
    if (status == OMPSCALE_OK && k->run(state, 0, &serial, &obtained) != OMPSCALE_OK) {
        snprintf(err, errlen, "%s:%d: the serial %s recomputation failed", files[f].path,
                 row->line, k->name);
        status = OMPSCALE_FAIL;
    }
    if (status == OMPSCALE_OK && k->series(state, &s) != OMPSCALE_OK) {
        snprintf(err, errlen, "%s:%d: %s gave no %s after its run", files[f].path, row->line,
                 k->name, k->series_name);
        status = OMPSCALE_FAIL;
    }
    if (status == OMPSCALE_OK)
        status = plot_series_draw(out, k, &s, &files[f], row, notes, drawn);
    k->free(state);
    return status;
}
