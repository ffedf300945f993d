/*
 * html_summary.c: the report's summary, at the top of the page: one row per
 * series (html_series.c), with its best speedup and interval at the thread
 * count that gave it, where it flattens and why, and how far to trust it
 * (noisy, failed and short-of-threads cells, a busy machine).  The words
 * follow the terminal summary's rules (report_table.c): no speedup below 1,
 * no knee where the intervals cannot tell, an overhead kernel's cost instead
 * of a speedup; every figure comes from the series' summary.
 */
#include <math.h>
#include <stdio.h>

#include "html_parts.h"

/* The row of series s at its best thread count, or NULL. */
static const rf_row *html_best_row(const html_series *s)
{
    for (size_t i = 0; i < s->nrows; i++)
        if (s->rows[i]->threads == s->summary.best_threads)
            return s->rows[i];
    return NULL;
}

/* An overhead kernel's cost per construct at the most threads up to P, with its interval. */
static void html_construct_cost(FILE *out, const html_doc *d, const html_series *s)
{
    const rf_row *at = NULL;
    for (size_t i = 0; i < s->nrows; i++)
        if (isfinite(s->rows[i]->overhead_us) && s->rows[i]->threads <= d->files[s->file].logical_cpus)
            at = s->rows[i];
    fputs("<td>construct cost, no speedup</td><td>", out);
    if (at) {
        html_num(out, "%.3g", at->overhead_us);
        fprintf(out, " &micro;s per construct at %d thread%s", at->threads,
                at->threads == 1 ? "" : "s");
        html_interval(out, "%.3g", at->overhead_ci_low_us, at->overhead_ci_high_us);
    }
    fputs("</td>", out);
}

/* Best speedup, and where it flattens and why. */
static void html_scaling_cells(FILE *out, const html_doc *d, const html_series *s)
{
    const scaling_summary *m = &s->summary;
    if (s->construct) {
        html_construct_cost(out, d, s);
        return;
    }
    if (!s->summary_ok || s->as_asked < 2) {
        fputs("<td>&ndash;</td><td>no scaling measured: fewer than two thread counts ran with "
              "the threads they asked for</td>", out);
        return;
    }
    const rf_row *best = html_best_row(s);
    fputs("<td>", out);
    fprintf(out, "<b>%.2f&times;</b> at %d", m->max_speedup, m->best_threads);
    if (best)
        html_interval(out, "%.2f", best->speedup_ci_low, best->speedup_ci_high);
    fputs("</td><td>", out);
    if (m->speedup_note[0])
        html_text(out, m->speedup_note);
    else if (m->knee_withheld[0])
        html_textf(out, "inconclusive: where it flattens is %s", m->knee_withheld);
    else if (m->knee == KNEE_NONE)
        fprintf(out, "still scaling at %d thread%s", m->best_threads,
                m->best_threads == 1 ? "" : "s");
    else
        html_textf(out, "flattens at %d (%s)", m->flattens_at, scaling_knee_name(m->knee));
    if (s->diagnosis && !m->speedup_note[0]) {
        fputs(": ", out);
        html_text(out, s->diagnosis);
    }
    fputs("</td>", out);
}

/* How far to trust it. */
static void html_trust(FILE *out, const html_doc *d, const html_series *s)
{
    const runinfo *info = &d->info[s->file];
    bool bad = s->noisy > 0 || s->failed > 0 || s->short_of > 0;
    fprintf(out, "<td class=\"%s\">", bad ? "warn" : "good");
    if (s->noisy)
        fprintf(out, "%zu of %zu cells noisy", s->noisy, s->cells);
    else if (s->cells)
        fputs("every cell within &plusmn;5%", out);
    if (s->failed)
        fprintf(out, "; %zu failed or not verified", s->failed);
    if (s->short_of)
        fprintf(out, "; %zu short of threads", s->short_of);
    if (runinfo_busy(info, s->first->kernel))
        fputs("; the machine was busy", out);
    if (!s->from_run && !s->construct)
        fprintf(out, "; <span class=\"dim\">analysed from the %s rows (no diagnosis)</span>",
                info->json ? "older JSON's" : "CSV's");
    fputs("</td>", out);
}

void html_summary(FILE *out, const html_doc *d)
{
    fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr>"
          "<th>kernel</th><th>series</th><th>best speedup at p [95% CI]</th>"
          "<th>where it flattens, and why</th><th>trust</th></tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < d->nseries; i++) {
        const html_series *s = &d->series[i];
        char id[64];
        html_kernel_id(s->first->kernel, id, sizeof id);
        fprintf(out, "<tr><td><a href=\"#%s\">", id);
        html_text(out, s->first->kernel);
        fputs("</a></td><td>", out);
        html_series_name(out, d, s);
        fputs("</td>", out);
        html_scaling_cells(out, d, s);
        html_trust(out, d, s);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n<p class=\"note\">Speedup: serial median time over the cell's, "
          "with a bootstrap 95% interval. A series flattens at the smallest p after which no "
          "thread count gains more than 5%; a claim the intervals cannot support is withheld, "
          "with the reason. Noisy: the 95% interval of a cell's median is wider than "
          "&plusmn;5% of it.</p>\n</section>\n", out);
}
