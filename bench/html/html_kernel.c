/*
 * html_kernel.c: one kernel's section of the report: its plots (inline
 * SVG), then per series (html_series.c) a table of its cells, the serial
 * reference first (threads, median time with its 95% interval, speedup with
 * its bootstrap 95% interval, efficiency, and the kernel's metric: GB/s of
 * the best repetition, microseconds per construct with their interval, or
 * its throughput) and its fits: where it flattens, Amdahl and USL with their
 * R^2, or the reason each is withheld, as the series' summary has it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html_parts.h"

/* The unit of a series' median times, by its slowest cell, and the factor from seconds. */
static const char *html_time_unit(const html_series *s, double *scale)
{
    double top = s->serial && s->serial->reps > 0 ? s->serial->median_s : 0;
    for (size_t i = 0; i < s->nrows; i++)
        if (s->rows[i]->reps > 0)
            top = fmax(top, s->rows[i]->median_s);
    *scale = top >= 1 ? 1 : top >= 1e-3 ? 1e3 : 1e6;
    return top >= 1 ? "s" : top >= 1e-3 ? "ms" : "&micro;s";
}

/* The metric column's heading. */
static void html_metric_head(FILE *out, const html_series *s)
{
    if (s->construct)
        fputs("<th>&micro;s per construct [95% CI]</th>", out);
    else if (strcmp(s->first->throughput_unit, "GB/s") == 0)
        fputs("<th>GB/s, best repetition</th>", out);
    else if (s->first->throughput_unit[0]) {
        fputs("<th>", out);
        html_text(out, s->first->throughput_unit);
        fputs("</th>", out);
    } else
        fputs("<th>metric</th>", out);
}

static void html_metric(FILE *out, const html_series *s, const rf_row *r)
{
    fputs("<td>", out);
    if (s->construct) {
        html_num(out, "%.3g", r->overhead_us);
        html_interval(out, "%.3g", r->overhead_ci_low_us, r->overhead_ci_high_us);
    } else if (strcmp(s->first->throughput_unit, "GB/s") == 0) {
        html_num(out, "%.1f", r->best_throughput);
    } else {
        html_num(out, "%.4g", r->throughput);
    }
    fputs("</td>", out);
}

/* One cell's row; marks say what to keep in mind about it. */
static void html_cell_row(FILE *out, const html_series *s, const rf_row *r, double scale)
{
    bool noisy = html_noisy(r), bad = r->reps == 0 || r->verified == RF_NOT_VERIFIED;
    bool knee = s->summary_ok && !s->construct && !s->summary.knee_withheld[0] &&
                s->summary.knee != KNEE_NONE && r != s->serial &&
                r->threads == s->summary.flattens_at;
    fprintf(out, "<tr%s><td>", bad ? " class=\"bad\"" : knee ? " class=\"knee\"" : "");
    if (r == s->serial)
        fputs("serial", out);
    else
        fprintf(out, "%d", r->threads);
    if (r->reps > 0 && r->threads_obtained != r->threads)
        fprintf(out, " <span class=\"warn\">(ran %d)</span>", r->threads_obtained);
    fputs("</td><td>", out);
    if (r->reps == 0) {
        fprintf(out, "failed</td><td colspan=\"%d\"></td></tr>\n", s->construct ? 1 : 3);
        return;
    }
    html_num(out, "%.4g", r->median_s * scale);
    html_interval(out, "%.4g", r->ci95_low_s * scale, r->ci95_high_s * scale);
    fprintf(out, "%s%s</td>", noisy ? " <span class=\"warn\">noisy</span>" : "",
            r->verified == RF_NOT_VERIFIED ? " <span class=\"warn\">not verified</span>"
            : r->verified == RF_FOREIGN    ? " <span class=\"dim\">not checked by ompscale</span>"
                                           : "");
    if (!s->construct) { /* a construct's cost has no speedup to speak of */
        fputs("<td>", out);
        html_num(out, "%.2f", r->speedup);
        html_interval(out, "%.2f", r->speedup_ci_low, r->speedup_ci_high);
        fputs("</td><td>", out);
        html_num(out, "%.2f", r->efficiency);
        fputs("</td>", out);
    }
    html_metric(out, s, r);
    fputs("</tr>\n", out);
}

/* Where it flattens, and the fits: each figure, or why it is withheld. */
static void html_fits(FILE *out, const html_doc *d, const html_series *s)
{
    const scaling_summary *m = &s->summary;
    int P = d->files[s->file].logical_cpus;
    fputs("<ul class=\"fits\">\n", out);
    if (s->construct)
        fputs("<li>An overhead kernel: the cost of one construct over EPCC's reference loop, "
              "with no speedup to fit.</li>\n", out);
    else if (!s->summary_ok || s->as_asked < 2)
        fputs("<li>No scaling measured: fewer than two thread counts ran with the threads they "
              "asked for.</li>\n", out);
    if (s->construct || !s->summary_ok || s->as_asked < 2) {
        fputs("</ul>\n", out);
        return;
    }
    fputs("<li><b>Knee:</b> ", out);
    if (m->speedup_note[0])
        html_text(out, m->speedup_note);
    else if (m->knee_withheld[0])
        html_textf(out, "where it flattens is %s", m->knee_withheld);
    else if (m->knee == KNEE_NONE)
        fprintf(out, "still scaling at %d thread%s", m->best_threads, m->best_threads == 1 ? "" : "s");
    else
        html_textf(out, "flattens at %d thread%s (%s)", m->flattens_at,
                   m->flattens_at == 1 ? "" : "s", scaling_knee_name(m->knee));
    if (s->diagnosis) {
        fputs("; ", out);
        html_text(out, s->diagnosis);
    }
    fputs(".</li>\n<li><b>Amdahl</b> (1/S = f + b/p over p &le; P): ", out);
    if (!m->amdahl_ok)
        fputs("no fit: fewer than two thread counts up to P", out);
    else {
        fputs("serial fraction f = ", out);
        html_num(out, "%.3g", m->amdahl_f);
        fputs(", b = ", out);
        html_num(out, "%.3g", m->amdahl_slope);
        fputs(", R&sup2; = ", out);
        html_num(out, "%.3f", m->amdahl_r2);
        if (m->amdahl_withheld[0]) {
            fputs(" &mdash; <span class=\"warn\">withheld:</span> ", out);
            html_text(out, m->amdahl_withheld);
        }
    }
    fputs(".</li>\n<li><b>USL</b> (S = p / (1 + &sigma;(p&minus;1) + &kappa;p(p&minus;1))): ", out);
    if (!m->usl_ok)
        fputs("no fit: fewer than two thread counts above 1", out);
    else {
        fputs("&sigma; = ", out);
        html_num(out, "%.3g", m->usl_sigma);
        fputs(", &kappa; = ", out);
        html_num(out, "%.3g", m->usl_kappa);
        fputs(", R&sup2; = ", out);
        html_num(out, "%.3f", m->usl_r2);
        fputs(", peak at ", out);
        html_num(out, "%.3g", m->usl_peak_p);
        fprintf(out, " thread%s, predicts ", m->usl_peak_p == 1 ? "" : "s");
        html_num(out, "%.2f", m->usl_at_2P);
        fprintf(out, "&times; at %d and ", 2 * P);
        html_num(out, "%.2f", m->usl_at_4P);
        fprintf(out, "&times; at %d threads", 4 * P);
        if (m->usl_withheld[0]) {
            fputs(" &mdash; <span class=\"warn\">withheld:</span> ", out);
            html_text(out, m->usl_withheld);
        }
    }
    fputs(".</li>\n</ul>\n", out);
}

static void html_series_table(FILE *out, const html_doc *d, const html_series *s)
{
    double scale;
    const char *unit = html_time_unit(s, &scale);
    fputs("<div class=\"scroll\"><table class=\"cells\">\n<caption>", out);
    html_series_name(out, d, s);
    fputs(" <span class=\"dim\">(", out);
    html_text(out, s->first->params[0] ? s->first->params : "no parameters");
    fputs(")</span></caption>\n", out);
    fprintf(out, "<thead><tr><th>threads</th><th>median %s [95%% CI]</th>%s", unit,
            s->construct ? "" : "<th>speedup [95% CI]</th><th>efficiency</th>");
    html_metric_head(out, s);
    fputs("</tr></thead>\n<tbody>\n", out);
    if (s->serial)
        html_cell_row(out, s, s->serial, scale);
    for (size_t i = 0; i < s->nrows; i++)
        html_cell_row(out, s, s->rows[i], scale);
    fputs("</tbody>\n</table></div>\n", out);
    html_fits(out, d, s);
}

void html_kernel(FILE *out, const html_doc *d, const char *kernel)
{
    char id[64];
    html_kernel_id(kernel, id, sizeof id);
    fprintf(out, "<section class=\"kernel\" id=\"%s\">\n<h2>", id);
    html_text(out, kernel);
    fputs("</h2>\n", out);
    html_plots_of(out, d, kernel);
    bool any = false;
    for (size_t i = 0; i < d->nseries; i++)
        if (strcmp(d->series[i].first->kernel, kernel) == 0) {
            html_series_table(out, d, &d->series[i]);
            any = true;
        }
    if (!any)
        fputs("<p class=\"note\">Serial rows only: no parallel series to show.</p>\n", out);
    fputs("</section>\n", out);
}
