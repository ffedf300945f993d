/*
 * plot_convergence.c: the montecarlo convergence plot (plot_parts.h).  The
 * result CSV keeps only the last estimate, but every estimate is a pure
 * function of the parameters (seed and s), so the kernel is prepared and run
 * once, serially, with the parameters of the file's montecarlo row, and its
 * convergence table read back (montecarlo_table).  Drawn on log-log axes:
 * |estimate - exact| against s for the sorted Riemann sum and for the plain
 * Monte Carlo mean (zero errors, which a log axis cannot show, left out),
 * each with its fitted power law.  The order shown is the kernel's own fit
 * (its facts order_riemann and order_mean, the numbers the JSON records);
 * only if a fact is missing is it refitted here with gsl_fit_linear.  The
 * line drawn has that slope and the least-squares intercept for it.
 */
#include "plot_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>

#include "gnuplot.h"
#include "montecarlo.h"
#include "registry.h"

#define PLOT_MC_MAX_PARAMS 32

/* The convergence table of one run. */
typedef struct plot_mc_table {
    int64_t count;
    const int64_t *s;
    const double *riemann, *mean;
    double exact;
} plot_mc_table;

/* The first file's montecarlo row (its serial row if it has one); NULL if none. */
static const rf_row *plot_mc_row(const rf_file *files, size_t nfiles, size_t *file)
{
    for (size_t f = 0; f < nfiles; f++) {
        const rf_row *found = NULL;
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (strcmp(row->kernel, "montecarlo") != 0)
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

/* Says so when another montecarlo row has other parameters: only one set is drawn. */
static void plot_mc_note_others(const rf_file *files, size_t nfiles, const rf_file *used,
                                const rf_row *chosen, FILE *notes)
{
    for (size_t f = 0; notes && f < nfiles; f++)
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (strcmp(row->kernel, "montecarlo") == 0 &&
                strcmp(row->params, chosen->params) != 0) {
                fprintf(notes, "ompscale: note: %s:%d has other montecarlo parameters than "
                               "%s:%d; the convergence plot uses those of %s\n",
                        files[f].path, row->line, used->path, chosen->line, used->path);
                return;
            }
        }
}

/* Prepares the kernel with the row's parameters ("name=value ..."); 0, 1 or 2. */
static int plot_mc_prepare(const kernel *k, const rf_file *file, const rf_row *row,
                           void **state, char *err, size_t errlen)
{
    param_value values[PLOT_MC_MAX_PARAMS];
    char list[sizeof row->params], why[512];
    snprintf(list, sizeof list, "%s", row->params);
    for (char *c = list; *c; c++)
        if (*c == ' ')
            *c = ','; /* kernel_assign reads presets' "name=value,name=value" */
    int status = kernel_param_count(k) > PLOT_MC_MAX_PARAMS ? KERNEL_EFAIL : KERNEL_OK;
    if (status == KERNEL_OK && (kernel_defaults(k, NULL, values, why, sizeof why) != 0 ||
                                kernel_assign(k, values, list, why, sizeof why) != 0))
        status = KERNEL_EUSAGE;
    if (status == KERNEL_OK)
        status = k->prepare(values, 1, state, why, sizeof why);
    if (status == KERNEL_EUSAGE)
        snprintf(err, errlen, "%s:%d: montecarlo parameters '%s' are not valid here: %s",
                 file->path, row->line, row->params, why);
    else if (status != KERNEL_OK)
        snprintf(err, errlen, "%s:%d: recomputing montecarlo for its convergence plot failed: %s",
                 file->path, row->line, status == KERNEL_EFAIL ? why : "unknown status");
    return status;
}

/* Writes the block name of (s, |estimate - exact|) with nonzero errors; returns how many. */
static size_t plot_mc_block(FILE *out, const char *name, const plot_mc_table *t,
                            const double *estimate)
{
    size_t n = 0;
    fprintf(out, "%s << EOD\n", name);
    for (int64_t k = 0; k < t->count; k++) {
        double error = fabs(estimate[k] - t->exact);
        if (error > 0 && isfinite(error)) {
            fprintf(out, "%lld %.9g\n", (long long)t->s[k], error);
            n++;
        }
    }
    fputs("EOD\n", out);
    return n;
}

/*
 * Writes the block name of the fitted line's two ends and sets *order to
 * its slope: kernel_order if finite, else the least-squares slope.  Returns
 * false (and writes nothing) with fewer than two distinct nonzero errors.
 */
static bool plot_mc_fit(FILE *out, const char *name, const plot_mc_table *t,
                        const double *estimate, double kernel_order, double *order)
{
    double *lx = malloc((size_t)t->count * sizeof *lx), *ly = malloc((size_t)t->count * sizeof *ly);
    size_t n = 0;
    for (int64_t k = 0; lx && ly && k < t->count; k++) {
        double error = fabs(estimate[k] - t->exact);
        if (error > 0 && isfinite(error)) {
            lx[n] = log((double)t->s[k]);
            ly[n++] = log(error);
        }
    }
    double c0, c1, cov00, cov01, cov11, sumsq;
    bool fitted = n >= 2 && lx[n - 1] > lx[0] &&
                  gsl_fit_linear(lx, 1, ly, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) == 0 &&
                  isfinite(c1);
    if (fitted) {
        *order = isfinite(kernel_order) ? kernel_order : c1;
        double c = gsl_stats_mean(ly, 1, n) - *order * gsl_stats_mean(lx, 1, n);
        fprintf(out, "%s << EOD\n%.9g %.9g\n%.9g %.9g\nEOD\n", name, exp(lx[0]),
                exp(c + *order * lx[0]), exp(lx[n - 1]), exp(c + *order * lx[n - 1]));
    }
    free(lx);
    free(ly);
    return fitted;
}

static double plot_mc_fact(const kernel_fact *facts, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(facts[i].name, name) == 0)
            return facts[i].value;
    return NAN;
}

/* Two title lines: what is plotted, and that it is a serial recomputation of which run. */
static void plot_mc_title(FILE *out, const rf_file *file, const rf_row *row, const plot_mc_table *t)
{
    char what[512], how[1024];
    snprintf(what, sizeof what, "montecarlo convergence (%s), exact integral %.10g", row->params,
             t->exact);
    snprintf(how, sizeof how, "serial recomputation here with the parameters of the run on %s: "
             "%s", file->host, file->cpu_model);
    fputs("set title ", out);
    gp_quote(out, what);
    fputs(" . \"\\n\" . ", out);
    gp_quote(out, how);
    fprintf(out, " font ',12'\nset logscale xy\nset xrange [0.8:%g]\n",
            1.25 * (double)t->s[t->count - 1]);
    fputs("set xlabel 's (samples)'\nset ylabel 'absolute error |estimate - exact|'\n"
          "set format y '%.0e'\nset grid\nset key top right box opaque\n", out);
}

/* One estimate's points (and fitted line if any) in the plot command. */
static void plot_mc_series(FILE *out, const char *sep, const char *block, const char *what,
                           const char *color, int point, bool fitted, double order)
{
    fprintf(out, "%s$%s with points pt %d ps 0.5 lc rgb '%s' title '%s |estimate - exact|'", sep,
            block, point, color, what);
    if (fitted)
        fprintf(out, ", \\\n  $%s_fit with lines lw 2.5 lc rgb '%s' title '%s: error ~ s^%.2f'",
                block, color, what, order);
}

static int plot_mc_draw(FILE *out, const kernel *k, void *state, const rf_file *file,
                        const rf_row *row, FILE *notes, bool *drawn, char *err, size_t errlen)
{
    plot_mc_table t;
    if (montecarlo_table(state, &t.count, &t.s, &t.riemann, &t.mean) != KERNEL_OK) {
        snprintf(err, errlen, "montecarlo: no convergence table after its run");
        return 1;
    }
    t.exact = montecarlo_exact(state);
    kernel_fact facts[8];
    int nfacts = k->facts ? k->facts(state, facts, 8) : 0;
    size_t nr = plot_mc_block(out, "$riemann", &t, t.riemann);
    size_t nm = plot_mc_block(out, "$mean", &t, t.mean);
    if (nr + nm == 0) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: every montecarlo estimate is exact: no "
                           "convergence to draw on log axes\n", file->path, row->line);
        return 0;
    }
    double order_r = NAN, order_m = NAN;
    bool fit_r = plot_mc_fit(out, "$riemann_fit", &t, t.riemann,
                             plot_mc_fact(facts, nfacts, "order_riemann"), &order_r);
    bool fit_m = plot_mc_fit(out, "$mean_fit", &t, t.mean,
                             plot_mc_fact(facts, nfacts, "order_mean"), &order_m);
    plot_mc_title(out, file, row, &t);
    const char *sep = "plot ";
    if (nr) {
        plot_mc_series(out, sep, "riemann", "sorted Riemann sum", "#0072B2", 7, fit_r, order_r);
        sep = ", \\\n  ";
    }
    if (nm)
        plot_mc_series(out, sep, "mean", "plain Monte Carlo mean", "#D55E00", 5, fit_m, order_m);
    fputc('\n', out);
    *drawn = true;
    return 0;
}

/*
 * Whether the recomputation of row fits in limit_s: foreseen from the row's
 * median, times the threads it had (the recomputation is serial).  A note
 * says why not, or announces one that takes a while.
 */
static bool plot_mc_affordable(const rf_file *file, const rf_row *row, double limit_s,
                               FILE *notes)
{
    int threads = row->threads_obtained > 1 ? row->threads_obtained : 1;
    double foreseen = row->median_s * threads;
    if (!isfinite(foreseen) || foreseen <= 0) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: no montecarlo convergence plot: the row has no "
                           "time to foresee its serial recomputation by\n", file->path, row->line);
        return false;
    }
    if (foreseen > limit_s) {
        if (notes)
            fprintf(notes, "ompscale: note: %s:%d: no montecarlo convergence plot: its serial "
                           "recomputation would take about %.0f s (the row's median x %d "
                           "threads), over the limit of %g s (plot --recompute-limit)\n",
                    file->path, row->line, foreseen, threads, limit_s);
        return false;
    }
    if (foreseen > 2 && notes) {
        fprintf(notes, "ompscale: recomputing montecarlo serially for its convergence plot: "
                       "about %.0f s\n", foreseen);
        fflush(notes);
    }
    return true;
}

int plot_convergence_script(const rf_file *files, size_t nfiles, double limit_s, FILE *out,
                            FILE *notes, bool *drawn, char *err, size_t errlen)
{
    *drawn = false;
    size_t f = 0;
    const rf_row *row = plot_mc_row(files, nfiles, &f);
    const kernel *k = registry_find("montecarlo");
    if (!row || !k)
        return 0;
    if (!row->params[0]) {
        if (notes)
            fprintf(notes, "ompscale: note: %s has no params column: no montecarlo convergence "
                           "plot (it needs the run's parameters)\n", files[f].path);
        return 0;
    }
    plot_mc_note_others(files, nfiles, &files[f], row, notes);
    if (!plot_mc_affordable(&files[f], row, limit_s, notes))
        return 0;
    void *state = NULL;
    int status = plot_mc_prepare(k, &files[f], row, &state, err, errlen);
    if (status == KERNEL_EUSAGE) {
        /* The file is valid (compare reads it); only this plot cannot be drawn from it. */
        if (notes)
            fprintf(notes, "ompscale: note: no montecarlo convergence plot: %s\n", err);
        err[0] = '\0';
        return 0;
    }
    kernel_exec serial = {.threads = 1};
    int obtained;
    if (status == KERNEL_OK && k->run(state, 0, &serial, &obtained) != KERNEL_OK) {
        snprintf(err, errlen, "%s:%d: the serial montecarlo recomputation failed", files[f].path,
                 row->line);
        status = KERNEL_EFAIL;
    }
    if (status == KERNEL_OK)
        status = plot_mc_draw(out, k, state, &files[f], row, notes, drawn, err, errlen);
    k->free(state);
    return status;
}
