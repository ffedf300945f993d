/*
 * plot_roofline.c: the roofline figure of one result file (plot_parts.h).
 * Its roofs are the file's rows that measure one (the `roof` column: FMA
 * from peakflops, L1, L2, L3, DRAM from stream-read sized to each level),
 * each the best repetition of its parallel rows at a thread count.  One
 * log-log panel per thread count: the compute roof as a level, each
 * bandwidth roof as a diagonal (GB/s x intensity) up to where it meets the
 * compute roof, each labelled with its level and figure, and from 2 threads
 * on the 1-thread roofs dotted in grey, so that roofs that grow with the
 * threads (or do not) show beside the points.  Every kernel configuration
 * that is not a roof and has G(FL)OP/s is a point at its intensity: at that
 * thread count, its parallel row with the highest G(FL)OP/s (its best
 * variant and schedule); one whose data stays in cache (no bytes, so no
 * intensity) is drawn at the right edge, and the key says so.  Each point
 * keeps its colour and point type in every panel; keys below the data; the
 * footer gives the file's provenance and what was not drawn.
 */
#include "plot_lines.h"
#include "plot_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "status.h"
#include "text.h"

#define RL_WIDTH 1400
#define RL_PANEL_HEIGHT 620
#define RL_TITLE_HEIGHT 60
#define RL_FOOTER_LINE 16
#define RL_MAX_PANELS SCALING_MAX_POINTS
#define RL_MAX_POINTS 48

/* The roofs in the order they are drawn and keyed: compute first, then the bandwidths down. */
static const char *const rl_roofs[] = {"FMA", "L1", "L2", "L3", "DRAM"};
#define RL_NROOFS (sizeof rl_roofs / sizeof *rl_roofs)
static const char *const rl_roof_colors[] = {"#000000", "#882255", "#AA4499", "#44AA99",
                                             "#117733"};

/* A point: one kernel configuration, the same colour and point type in every panel. */
typedef struct rl_point {
    const rf_row *first; /* kernel and params come from it */
    bool in_cache;       /* drawn at the right edge: no intensity */
    char title[320];
} rl_point;

typedef struct rl_fig {
    const rf_file *file;
    int threads[RL_MAX_PANELS];
    size_t npanels;
    double roof[RL_MAX_PANELS][RL_NROOFS]; /* G/s, NAN where not measured */
    rl_point point[RL_MAX_POINTS];
    size_t npoints;
    double xmin, xmax, ymin, ymax;
    char *notes;
    size_t notes_len;
    FILE *notes_out;
} rl_fig;

bool plot_has_roofs(const rf_file *file)
{
    for (size_t r = 0; r < file->nrows; r++)
        if (file->rows[r].roof[0] && plot_is_parallel(&file->rows[r]) &&
            file->rows[r].best_throughput > 0)
            return true;
    return false;
}

/* Roof i at thread count t: the best of the parallel rows measuring it, or NAN. */
static double rl_roof(const rf_file *file, size_t i, int t)
{
    double best = NAN;
    for (size_t r = 0; r < file->nrows; r++) {
        const rf_row *row = &file->rows[r];
        if (plot_is_parallel(row) && row->threads == t && strcmp(row->roof, rl_roofs[i]) == 0 &&
            row->best_throughput > 0 && !(row->best_throughput <= best))
            best = row->best_throughput;
    }
    return best;
}

/* Whether a row is a point: not a roof, parallel, with G(FL)OP/s and a place on the x axis. */
static bool rl_is_point(const rf_row *row)
{
    return !row->roof[0] && plot_is_parallel(row) && row->gops > 0 &&
           strcmp(row->ops_kind, "flop") == 0;
}

static bool rl_same_config(const rf_row *a, const rf_row *b)
{
    return strcmp(a->kernel, b->kernel) == 0 && strcmp(a->params, b->params) == 0;
}

/* The parameters of the file's row i of the kernel of the row rl_own_params names, or NULL. */
typedef struct rl_others {
    const rf_file *file;
    const char *kernel;
} rl_others;

static const char *rl_row_params(const void *ctx, size_t i)
{
    const rl_others *o = ctx;
    const rf_row *row = &o->file->rows[i];
    return strcmp(row->kernel, o->kernel) == 0 ? row->params : NULL;
}

/* The parameters of row that another row of its kernel lacks (rangesum's "mode=array"), or "". */
static void rl_own_params(const rf_file *file, const rf_row *row, char *buf, size_t len)
{
    rl_others o = {file, row->kernel};
    text_words_part(row->params, file->nrows, rl_row_params, &o, false, buf, len);
}

/* The thread counts, the roofs at each, the points, the axes' ranges, and the notes. */
static void rl_collect(rl_fig *F)
{
    const rf_file *file = F->file;
    size_t integers = 0;
    const bool roofs = plot_has_roofs(file);
    F->xmin = 1.0 / 64;
    F->xmax = 16;
    F->ymin = INFINITY;
    F->ymax = 0;
    for (size_t r = 0; r < file->nrows; r++) {
        const rf_row *row = &file->rows[r];
        if (!plot_is_parallel(row) || !isfinite(row->median_s))
            continue;
        bool seen = false;
        for (size_t p = 0; p < F->npanels && !seen; p++)
            seen = F->threads[p] == row->threads;
        if (!seen && F->npanels < RL_MAX_PANELS && roofs &&
            (row->roof[0] || rl_is_point(row)))
            F->threads[F->npanels++] = row->threads;
        integers += !row->roof[0] && strcmp(row->ops_kind, "int") == 0 && row->gops > 0;
        if (!rl_is_point(row))
            continue;
        bool known = false;
        for (size_t p = 0; p < F->npoints && !known; p++)
            known = rl_same_config(F->point[p].first, row);
        if (!known && F->npoints < RL_MAX_POINTS) {
            rl_point *pt = &F->point[F->npoints++];
            *pt = (rl_point){.first = row, .in_cache = !(row->intensity > 0)};
            char own[256];
            rl_own_params(file, row, own, sizeof own);
            snprintf(pt->title, sizeof pt->title, "%s", row->kernel);
            if (own[0])
                text_append(pt->title, sizeof pt->title, " (%s)", own);
            if (pt->in_cache)
                text_append(pt->title, sizeof pt->title, " (in cache)");
        }
        if (row->intensity > 0) {
            F->xmin = fmin(F->xmin, row->intensity / 2);
            F->xmax = fmax(F->xmax, row->intensity * 4);
        }
        F->ymin = fmin(F->ymin, row->gops / 2);
    }
    for (size_t a = 0; a < F->npanels; a++) /* ascending threads */
        for (size_t b = a + 1; b < F->npanels; b++)
            if (F->threads[b] < F->threads[a]) {
                int t = F->threads[a];
                F->threads[a] = F->threads[b];
                F->threads[b] = t;
            }
    for (size_t p = 0; p < F->npanels; p++)
        for (size_t i = 0; i < RL_NROOFS; i++) {
            double v = F->roof[p][i] = rl_roof(file, i, F->threads[p]);
            if (!isfinite(v))
                continue;
            F->ymax = fmax(F->ymax, i == 0 ? v : v * F->xmax);
            if (i == 0)
                F->ymin = fmin(F->ymin, v / 1000);
            else
                F->ymin = fmin(F->ymin, v * F->xmin / 2);
        }
    bool compute = false;
    double top = 0;
    for (size_t p = 0; p < F->npanels; p++)
        if (isfinite(F->roof[p][0])) {
            compute = true;
            top = fmax(top, 3 * F->roof[p][0]); /* room over the compute roof for its label */
        }
    if (compute)
        F->ymax = top;
    for (size_t r = 0; r < file->nrows; r++)
        if (rl_is_point(&file->rows[r]))
            F->ymax = fmax(F->ymax, 2 * file->rows[r].gops);
    if (!(F->ymin > 0) || !isfinite(F->ymin))
        F->ymin = 1e-3;
    if (!(F->ymax > F->ymin))
        F->ymax = F->ymin * 1e4;
    for (size_t p = 0; p < F->npoints; p++)
        if (F->point[p].in_cache) {
            fputs("(in cache): data in registers or cache, no bytes counted, so no intensity: "
                  "drawn at the right edge, against the FMA roof\n", F->notes_out);
            break;
        }
    if (integers)
        fprintf(F->notes_out, "%zu row%s of integer operations (rangesum's int mode) not drawn: "
                "no measured roof bounds integer operations (peakflops is floating point)\n",
                integers, integers == 1 ? "" : "s");
    if (!compute)
        fputs("no compute roof in the file (peakflops was not run): run with --roofline\n",
              F->notes_out);
}

static size_t rl_note_lines(const rl_fig *F)
{
    return plot_text_lines(F->notes, F->notes_len);
}

static int rl_rows(const rl_fig *F)
{
    return (int)(F->npanels + 1) / 2;
}

static int rl_height(const rl_fig *F)
{
    return RL_TITLE_HEIGHT + rl_rows(F) * RL_PANEL_HEIGHT +
           RL_FOOTER_LINE * (int)(rl_note_lines(F) + 2);
}

/* The best row of point p at thread count t (highest G(FL)OP/s), or NULL. */
static const rf_row *rl_best(const rl_fig *F, const rl_point *p, int t)
{
    const rf_row *best = NULL;
    for (size_t r = 0; r < F->file->nrows; r++) {
        const rf_row *row = &F->file->rows[r];
        if (row->threads == t && rl_is_point(row) && rl_same_config(row, p->first) &&
            (!best || row->gops > best->gops))
            best = row;
    }
    return best;
}

/* "L2 61.9 GB/s", "FMA 54.5 GFLOP/s". */
static void rl_roof_name(size_t i, double v, char *buf, size_t len)
{
    snprintf(buf, len, "%s %.3g %s", rl_roofs[i], v, i == 0 ? "GFLOP/s" : "GB/s");
}

/* Panel p: its roofs (as functions of x), the 1-thread roofs dotted, and its points. */
static void rl_panel(FILE *out, const rl_fig *F, size_t p)
{
    const int t = F->threads[p];
    double h = rl_height(F), ph = RL_PANEL_HEIGHT / h;
    double footer = 1 - RL_TITLE_HEIGHT / h - rl_rows(F) * ph;
    int row = (int)p / 2;
    fprintf(out, "set size 0.5, %.6f\nset origin %.1f, %.6f\n", ph, p % 2 ? 0.5 : 0.0,
            footer + (rl_rows(F) - 1 - row) * ph);
    fprintf(out, "set title '%d thread%s (roofs: best repetition; points: median)'\n", t,
            t == 1 ? "" : "s");
    fputs("do for [i = 1:" , out);
    fprintf(out, "%zu] { unset label i }\n", RL_NROOFS);
    const double P = F->roof[p][0];
    char name[64];
    for (size_t i = 0; i < RL_NROOFS; i++) {
        double v = F->roof[p][i];
        if (!isfinite(v))
            continue;
        rl_roof_name(i, v, name, sizeof name);
        /*
         * The compute roof's label at the right; a bandwidth's on its diagonal,
         * each a step further right than the faster one's, so that close roofs
         * (L1 and L2) keep their labels apart; under the compute roof when the
         * diagonal meets it first.
         */
        double x = i == 0 ? F->xmax / 1.3 : F->xmin * 1.3 * pow(2.6, (double)(i - 1));
        double y = i == 0 ? v * 1.25 : v * x * 1.3;
        if (i > 0 && isfinite(P) && y > P / 1.3) {
            x = fmax(P / v / 1.6, F->xmin * 1.2);
            y = P / 1.6 * 1.25;
        }
        fprintf(out, "set label %zu ", i + 1);
        gp_quote(out, name);
        fprintf(out, " at %.9g, %.9g %s font ',9' textcolor rgb '%s' front\n", x, y,
                i == 0 ? "right" : "left", rl_roof_colors[i]);
    }
    fputs("plot", out);
    bool first = true;
    for (size_t i = 0; i < RL_NROOFS; i++) {
        double v = F->roof[p][i];
        if (!isfinite(v))
            continue;
        rl_roof_name(i, v, name, sizeof name);
        if (i == 0)
            fprintf(out, "%s \\\n  %.9g with lines lw 2.5 lc rgb '%s' title ", first ? "" : ",", v,
                    rl_roof_colors[i]);
        else if (isfinite(P))
            fprintf(out, "%s \\\n  (x * %.9g <= %.9g ? x * %.9g : NaN) with lines lw 2 lc rgb "
                    "'%s' title ", first ? "" : ",", v, P, v, rl_roof_colors[i]);
        else
            fprintf(out, "%s \\\n  x * %.9g with lines lw 2 lc rgb '%s' title ", first ? "" : ",",
                    v, rl_roof_colors[i]);
        gp_quote(out, name);
        first = false;
    }
    for (size_t i = 0; p > 0 && F->threads[0] == 1 && i < RL_NROOFS; i++) {
        double v = F->roof[0][i], P1 = F->roof[0][0];
        if (!isfinite(v))
            continue;
        fprintf(out, "%s \\\n  ", first ? "" : ",");
        if (i == 0)
            fprintf(out, "%.9g", v);
        else if (isfinite(P1))
            fprintf(out, "(x * %.9g <= %.9g ? x * %.9g : NaN)", v, P1, v);
        else
            fprintf(out, "x * %.9g", v);
        fprintf(out, " with lines dt 3 lw 1.5 lc rgb '#999999' title %s", i == 0 ?
                "'the roofs at 1 thread (dotted)'" : "''");
        first = false;
    }
    for (size_t k = 0; k < F->npoints; k++) {
        const rl_point *pt = &F->point[k];
        const rf_row *best = rl_best(F, pt, t);
        double x = pt->in_cache ? F->xmax / 1.5 : best ? best->intensity : NAN;
        fprintf(out, "%s \\\n  '+' using (%.9g):(%.9g) every ::0::0 with points pt %d ps 2 lw 2 "
                "lc rgb '%s' title ", first ? "" : ",", x, best ? best->gops : NAN,
                plot_point(k), plot_color(k));
        char title[400];
        snprintf(title, sizeof title, "%s", pt->title);
        if (best) {
            char sched[40] = "";
            if (strcmp(best->schedule, "none") != 0)
                snprintf(sched, sizeof sched, " %s", best->schedule);
            text_append(title, sizeof title, " [%s%s: %.3g G%s/s", best->variant, sched,
                        best->gops, "FLOP");
            if (best->roof_bound[0] && isfinite(best->roof_fraction))
                text_append(title, sizeof title, /* 0.07%, not 0% */
                            100 * best->roof_fraction >= 10 ? ", %.0f%% of %s" : ", %.2g%% of %s",
                            100 * best->roof_fraction, best->roof_bound);
            text_append(title, sizeof title, "]");
        } else {
            text_append(title, sizeof title, " [not measured at %d thread%s]", t,
                        t == 1 ? "" : "s");
        }
        gp_quote(out, title);
        first = false;
    }
    fputc('\n', out);
}

int plot_roofline_script(const rf_file *file, FILE *out, int *width, int *height, char *err,
                         size_t errlen)
{
    rl_fig *F = calloc(1, sizeof *F);
    if (!F || !(F->notes_out = open_memstream(&F->notes, &F->notes_len))) {
        free(F);
        snprintf(err, errlen, "out of memory for the roofline of %s", file->path);
        return OMPSCALE_FAIL;
    }
    F->file = file;
    rl_collect(F);
    fflush(F->notes_out);
    *width = RL_WIDTH;
    *height = rl_height(F);
    fputs("set multiplot title ", out);
    char title[600];
    snprintf(title, sizeof title, "roofline on %s: %s, %d CPU%s (x: arithmetic intensity, "
             "flop per byte moved; y: GFLOP/s; log-log)", file->host, file->cpu_model,
             file->logical_cpus, file->logical_cpus == 1 ? "" : "s");
    gp_quote(out, title);
    fputs(" font ',13'\n", out);
    fprintf(out, "set logscale xy 10\nset xrange [%.9g:%.9g]\nset yrange [%.9g:%.9g]\n"
                 "set xlabel 'arithmetic intensity (flop/B)'\nset ylabel 'GFLOP/s'\n"
                 "set grid xtics ytics mxtics mytics lc rgb '#dddddd'\nset samples 400\n"
                 "set format x '%%g'\nset format y '%%g'\n"
                 "set key below left Left reverse samplen 3 height 1 maxcols 1 font ',9'\n",
            F->xmin, F->xmax, F->ymin, F->ymax);
    double h = rl_height(F), y = RL_FOOTER_LINE * (double)(rl_note_lines(F) + 1) / h;
    char prov[1400];
    plot_provenance(file, prov, sizeof prov);
    int n = 100;
    fprintf(out, "set label %d ", n++);
    gp_quote(out, prov);
    fprintf(out, " at screen 0.01, screen %.6f left font ',9' textcolor rgb '#303030'\n", y);
    for (const char *p = F->notes; p && *p;) {
        const char *end = strchr(p, '\n');
        char note[600];
        snprintf(note, sizeof note, "%.*s", (int)(end - p), p);
        y -= RL_FOOTER_LINE / h;
        fprintf(out, "set label %d ", n++);
        gp_quote(out, note);
        fprintf(out, " at screen 0.01, screen %.6f left font ',9' textcolor rgb '#303030'\n", y);
        p = end + 1;
    }
    fprintf(out, "footer_labels = %d\n", n);
    for (size_t p = 0; p < F->npanels; p++) {
        if (p == 1) /* the footer's labels stay with the first panel only */
            fprintf(out, "do for [i = 100:footer_labels - 1] { unset label i }\n");
        rl_panel(out, F, p);
    }
    fputs("unset multiplot\n", out);
    fclose(F->notes_out);
    free(F->notes);
    free(F);
    return 0;
}
