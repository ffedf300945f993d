/*
 * plot_panels.c: the lower panels of a kernel's scaling figure
 * (plot_lines.h).  The time panel: each line's median time with the 95%
 * interval of the median, on a log axis, and its serial reference as a
 * dotted level.  The kernel's own metric, chosen from its rows' unit:
 * bandwidth kernels (GB/s) the best repetition's bandwidth (STREAM's rule,
 * as the table prints it) with the curve of their ceiling kernel at the same
 * threads; overhead kernels (EPCC) microseconds per construct with their
 * interval on a log axis; any other unit its throughput from the median.
 * Lines of another unit than the panel's (rangesum's two modes) are left out
 * of it, and points a log axis cannot show (an overhead at or below 0, under
 * the clock's reach) too; the footer says which.
 */
#include "plot_lines.h"

#include <math.h>
#include <string.h>

#include "gnuplot.h"
#include "text.h"

/* The metric a line's first row gives, and its unit. */
static plot_metric plot_row_metric(const rf_row *row)
{
    if (isfinite(row->overhead_us))
        return PLOT_METRIC_OVERHEAD;
    if (!isfinite(row->throughput) || !row->throughput_unit[0])
        return PLOT_METRIC_NONE;
    return strcmp(row->throughput_unit, "GB/s") == 0 ? PLOT_METRIC_BANDWIDTH : PLOT_METRIC_RATE;
}

void plot_metric_values(const plot_lines *L, const rf_row *row, double v[3])
{
    v[0] = v[1] = v[2] = NAN;
    switch (L->metric) {
    case PLOT_METRIC_BANDWIDTH:
        v[0] = row->best_throughput;
        if (!isfinite(v[0])) /* a file without the column: the median's */
            v[0] = row->throughput;
        break;
    case PLOT_METRIC_OVERHEAD:
        if (row->overhead_us > 0) { /* a log axis: an interval cut at 0 keeps its point */
            v[0] = row->overhead_us;
            v[1] = row->overhead_ci_low_us > 0 ? row->overhead_ci_low_us : row->overhead_us;
            v[2] = isfinite(row->overhead_ci_high_us) ? row->overhead_ci_high_us
                                                       : row->overhead_us;
        }
        break;
    case PLOT_METRIC_RATE:
        v[0] = row->throughput;
        break;
    case PLOT_METRIC_NONE:
        break;
    }
}

/*
 * The panel's metric: bandwidth where any line has it (it has a ceiling to
 * show), else the first line's; each line whose unit differs is left out, and
 * the notes say so, as they say which overheads the log axis cannot show.
 */
void plot_metric_choose(plot_lines *L)
{
    L->metric = PLOT_METRIC_NONE;
    for (size_t i = 0; i < L->nlines; i++) {
        plot_metric m = plot_row_metric(L->line[i].first);
        if (m == PLOT_METRIC_BANDWIDTH || L->metric == PLOT_METRIC_NONE) {
            L->metric = m;
            snprintf(L->metric_unit, sizeof L->metric_unit, "%s",
                     L->line[i].first->throughput_unit);
        }
    }
    for (size_t i = 0; i < L->nlines; i++) {
        plot_line *l = &L->line[i];
        l->in_metric = L->metric != PLOT_METRIC_NONE && plot_row_metric(l->first) == L->metric &&
                       (L->metric == PLOT_METRIC_OVERHEAD ||
                        strcmp(l->first->throughput_unit, L->metric_unit) == 0);
        if (L->metric != PLOT_METRIC_NONE && !l->in_metric) {
            char name[400];
            plot_line_name(L, l, name, sizeof name);
            fprintf(L->notes_out, "%s: in %s, not in the %s panel\n", name,
                    l->first->throughput_unit[0] ? l->first->throughput_unit : "no unit",
                    L->metric_unit);
        }
        if (l->in_metric && !L->ceiling[0] && l->first->ceiling[0])
            snprintf(L->ceiling, sizeof L->ceiling, "%s", l->first->ceiling);
    }
    if (L->metric == PLOT_METRIC_NONE) {
        fputs("no throughput in the file (whole-process timing has none): no metric panel\n",
              L->notes_out);
        return;
    }
    if (L->metric != PLOT_METRIC_OVERHEAD)
        return;
    size_t hidden = 0;
    for (size_t f = 0; f < L->nfiles; f++)
        for (size_t r = 0; r < L->files[f].nrows; r++) {
            const rf_row *row = &L->files[f].rows[r];
            hidden += strcmp(row->kernel, L->kernel) == 0 && isfinite(row->speedup) &&
                      strcmp(row->variant, "serial") != 0 && !(row->overhead_us > 0);
        }
    if (hidden)
        fprintf(L->notes_out, "%zu overhead%s at or below 0 us (the construct cost less than "
                              "the timing's spread) not shown on the log axis\n",
                hidden, hidden == 1 ? "" : "s");
}

/* The line's colour: its machine's with several files, else its own. */
static const char *plot_line_color(const plot_lines *L, const plot_line *l)
{
    return plot_color(L->nfiles > 1 ? l->file : (size_t)l->style);
}

/* The time unit for the panel: s, ms or us, from the largest time drawn. */
static double plot_time_scale(const plot_lines *L, const char **unit)
{
    double top = 0;
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        const rf_file *file = &L->files[l->file];
        for (size_t r = 0; r < file->nrows; r++)
            if (strcmp(file->rows[r].kernel, L->kernel) == 0 && isfinite(file->rows[r].median_s))
                top = fmax(top, file->rows[r].median_s);
    }
    if (top >= 1) {
        *unit = "s";
        return 1;
    }
    if (top >= 1e-3) {
        *unit = "ms";
        return 1e3;
    }
    *unit = "us";
    return 1e6;
}

/*
 * Labelled tics for a log axis over [lo, hi] that spans less than two
 * decades (gnuplot labels only the powers of ten, which such a range may
 * hold one of, or none): 1, 2, 5 in each decade, 1.5, 3, 7 too within one,
 * and within a factor of 3, about five evenly spaced round numbers.
 * Wider ranges keep gnuplot's decades.
 */
static void plot_log_tics(FILE *out, double lo, double hi)
{
    if (!(lo > 0) || !(hi > lo) || hi / lo >= 100)
        return;
    size_t shown = 0;
    fputs("set ytics (", out);
    if (hi / lo < 3) { /* a narrow range: evenly spaced round numbers, about five */
        double raw = (hi - lo) / 4, unit = pow(10, floor(log10(raw)));
        double step = raw / unit < 2 ? unit : raw / unit < 5 ? 2 * unit : 5 * unit;
        for (double v = ceil(lo / 1.1 / step) * step; v <= hi * 1.1; v += step)
            fprintf(out, "%s%.4g", shown++ ? ", " : "", v);
        fputs(")\n", out);
        return;
    }
    static const double wide[] = {1, 2, 5}, narrow[] = {1, 1.5, 2, 3, 5, 7};
    const double *steps = hi / lo < 10 ? narrow : wide;
    size_t nsteps = hi / lo < 10 ? 6 : 3;
    for (double decade = pow(10, floor(log10(lo))); decade <= hi; decade *= 10)
        for (size_t k = 0; k < nsteps; k++) {
            double v = steps[k] * decade;
            if (v >= lo / 1.25 && v <= hi * 1.25)
                fprintf(out, "%s%.3g", shown++ ? ", " : "", v);
        }
    fputs(")\n", out);
}

/* The range of the kernel's values got by value() (> 0 only) over the files' rows, into lo, hi. */
static void plot_range(const plot_lines *L, double (*value)(const rf_row *, int), double *lo,
                       double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (size_t f = 0; f < L->nfiles; f++)
        for (size_t r = 0; r < L->files[f].nrows; r++) {
            const rf_row *row = &L->files[f].rows[r];
            if (strcmp(row->kernel, L->kernel) != 0)
                continue;
            for (int k = 0; k < 3; k++) {
                double v = value(row, k);
                if (v > 0 && isfinite(v)) {
                    *lo = fmin(*lo, v);
                    *hi = fmax(*hi, v);
                }
            }
        }
}

static double plot_time_of(const rf_row *row, int k)
{
    return k == 0 ? row->median_s : k == 1 ? row->ci95_low_s : row->ci95_high_s;
}

static double plot_overhead_of(const rf_row *row, int k)
{
    return k == 0 ? row->overhead_us : k == 1 ? row->overhead_ci_low_us : row->overhead_ci_high_us;
}

/* A horizontal level over the threads axis, dotted, for a serial reference. */
static void plot_level(FILE *out, double y, const char *color, const char *title)
{
    fprintf(out, ", \\\n  %.9g with lines dt 3 lw 2 lc rgb '%s' title ", y, color);
    gp_quote(out, title);
}

/* Whether the serial row of line i was drawn already by an earlier line. */
static bool plot_serial_seen(const plot_lines *L, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (L->line[j].serial == L->line[i].serial)
            return true;
    return false;
}

/* "serial" and, where needed, whose and with which parameters. */
static void plot_serial_title(const plot_lines *L, const plot_line *l, char *buf, size_t len)
{
    buf[0] = '\0';
    if (L->nfiles > 1) {
        plot_machine(L, l->file, buf, len);
        text_append(buf, len, ": ");
    }
    text_append(buf, len, "serial");
    char own[256];
    plot_params_part(L, l->first->params, false, own, sizeof own);
    if (own[0])
        text_append(buf, len, " (%s)", own);
}

void plot_time_panel(FILE *out, const plot_lines *L)
{
    const char *unit;
    double scale = plot_time_scale(L, &unit);
    fputs("set title 'median time (bars: 95% CI of the median; dotted: serial)'\n", out);
    /* the data's own range (a log axis would round it out to whole decades), a margin */
    fprintf(out, "set ylabel 'median time per run (%s)'\nset logscale y 10\n"
                 "set yrange [*:*]\nset autoscale yfix\nset offsets 0, 0, graph 0.08, graph 0.08\n",
            unit);
    double lo, hi;
    plot_range(L, plot_time_of, &lo, &hi);
    plot_log_tics(out, lo * scale, hi * scale);
    fputs("plot", out);
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        fprintf(out, "%s \\\n  $line%zu using 1:($%d*%g):($%d*%g):($%d*%g) with yerrorlines "
                "lw 1.5 lc rgb '%s' dt %s pt %d ps 1.1 title ", i ? "," : "", i,
                PLOT_COL_TIME, scale, PLOT_COL_TIME_LOW, scale, PLOT_COL_TIME_HIGH, scale,
                plot_line_color(L, l), plot_dash((size_t)l->combo), plot_point((size_t)l->style));
        gp_quote(out, l->title);
    }
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        if (!l->serial || !isfinite(l->serial->median_s) || plot_serial_seen(L, i))
            continue;
        char title[600];
        plot_serial_title(L, l, title, sizeof title);
        plot_level(out, l->serial->median_s * scale, plot_line_color(L, l), title);
    }
    fputc('\n', out);
}

/* The panel's title and axis for its metric. */
static void plot_metric_axis(FILE *out, const plot_lines *L)
{
    char title[400];
    switch (L->metric) {
    case PLOT_METRIC_BANDWIDTH:
        snprintf(title, sizeof title, "bandwidth, best repetition (STREAM's rule)%s%s",
                 L->ceiling[0] ? "; ceiling: " : "; itself a ceiling", L->ceiling);
        /* room above the highest curve, which may be the ceiling's, flat */
        fputs("set ylabel 'GB/s'\nset yrange [0:*]\nset offsets 0, 0, graph 0.08, 0\n", out);
        break;
    case PLOT_METRIC_OVERHEAD:
        snprintf(title, sizeof title, "cost of one construct (EPCC: test - reference; bars: 95%%"
                 " interval)");
        fputs("set ylabel 'overhead per construct (us)'\nset logscale y 10\nset yrange [*:*]\n"
              "set autoscale yfix\nset offsets 0, 0, graph 0.08, graph 0.08\n", out);
        double lo, hi;
        plot_range(L, plot_overhead_of, &lo, &hi);
        plot_log_tics(out, lo, hi);
        break;
    default:
        snprintf(title, sizeof title, "throughput from the median time (dotted: serial)");
        fputs("set ylabel ", out);
        gp_quote(out, L->metric_unit);
        fputs("\nset yrange [0:*]\nset offsets 0, 0, graph 0.08, 0\n", out);
        break;
    }
    fputs("set title ", out);
    gp_quote(out, title);
    fputc('\n', out);
}

void plot_metric_panel(FILE *out, const plot_lines *L)
{
    plot_metric_axis(out, L);
    fputs("plot", out);
    bool first = true;
    for (size_t i = 0; i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        if (!l->in_metric)
            continue;
        bool bars = L->metric == PLOT_METRIC_OVERHEAD;
        fprintf(out, "%s \\\n  $line%zu using 1:%d%s with %s lw 1.5 lc rgb '%s' dt %s pt %d "
                "ps 1.1 title ", first ? "" : ",", i, PLOT_COL_METRIC,
                bars ? ":10:11" : "", bars ? "yerrorlines" : "linespoints",
                plot_line_color(L, l), plot_dash((size_t)l->combo),
                plot_point((size_t)l->style));
        gp_quote(out, l->title);
        first = false;
        /* the ceiling at the same threads: one curve per file (every line of it has the same) */
        bool file_drawn = false;
        for (size_t j = 0; j < i; j++)
            file_drawn |= L->line[j].in_metric && L->line[j].file == l->file &&
                          L->line[j].first->ceiling[0];
        if (L->metric == PLOT_METRIC_BANDWIDTH && l->first->ceiling[0] && !file_drawn) {
            char title[400] = "";
            if (L->nfiles > 1) {
                plot_machine(L, l->file, title, sizeof title);
                text_append(title, sizeof title, ": ");
            }
            text_append(title, sizeof title, "ceiling: %s, best repetition", l->first->ceiling);
            fprintf(out, ", \\\n  $line%zu using 1:%d with linespoints lw 3 dt 2 pt 1 ps 1.3 "
                    "lc rgb '%s' title ", i, PLOT_COL_CEILING,
                    L->nfiles > 1 ? plot_color(l->file) : "#808080");
            gp_quote(out, title);
        }
    }
    /* the serial level, where the metric has one (an overhead is relative to it) */
    for (size_t i = 0; L->metric != PLOT_METRIC_OVERHEAD && i < L->nlines; i++) {
        const plot_line *l = &L->line[i];
        if (!l->in_metric || !l->serial || plot_serial_seen(L, i))
            continue;
        double v[3];
        plot_metric_values(L, l->serial, v);
        if (!isfinite(v[0]))
            continue;
        char title[600];
        plot_serial_title(L, l, title, sizeof title);
        plot_level(out, v[0], plot_line_color(L, l), title);
    }
    fputc('\n', out);
}
