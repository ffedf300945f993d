/*
 * html_compare.c: with several files, the report's comparison: the compare
 * model (compare.h: rows matched by kernel, configuration, variant and
 * schedule, the first file the baseline) as one table of time ratios,
 * baseline median / this machine's median, per series, machine and thread
 * count (the serial series gives the ratio at one thread).  Above 1 this
 * machine is faster; where the two medians' 95% intervals overlap the ratio
 * is marked not significant, as compare marks it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "compare.h"
#include "html_parts.h"

/* The union of the model's thread counts, rising, in t (room for cap); their number. */
static size_t html_all_threads(const compare_model *m, int *t, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nseries; i++)
        for (size_t j = 0; j < m->series[i].nthreads; j++) {
            int p = m->series[i].threads[j];
            size_t k = 0;
            while (k < n && t[k] < p)
                k++;
            if ((k < n && t[k] == p) || n == cap)
                continue;
            for (size_t q = n; q > k; q--)
                t[q] = t[q - 1];
            t[k] = p;
            n++;
        }
    return n;
}

/* The ratio cell of file f against the baseline at thread count p of series s. */
static void html_ratio(FILE *out, const compare_model *m, const compare_series *s, int p, size_t f)
{
    size_t t = 0;
    while (t < s->nthreads && s->threads[t] != p)
        t++;
    const compare_cell *base = t < s->nthreads ? compare_cell_at(m, s, t, 0) : NULL;
    const compare_cell *c = t < s->nthreads ? compare_cell_at(m, s, t, f) : NULL;
    if (!base || !c || !base->row || !c->row || base->row->reps == 0 || c->row->reps == 0) {
        fputs("<td class=\"dim\">&ndash;</td>", out);
        return;
    }
    const rf_row *a = base->row, *b = c->row;
    double ratio = a->median_s / b->median_s;
    bool overlap = a->ci95_low_s <= b->ci95_high_s && b->ci95_low_s <= a->ci95_high_s;
    bool known = isfinite(a->ci95_low_s) && isfinite(b->ci95_low_s);
    fprintf(out, "<td class=\"%s\">", !known || overlap ? "ns" : ratio > 1 ? "good" : "warn");
    html_num(out, "%.2f", ratio);
    if (!known)
        fputs(" ?", out);
    else if (overlap)
        fputs(" <span class=\"dim\">n.s.</span>", out);
    fputs("</td>", out);
}

int html_compare(FILE *out, const html_doc *d, char *err, size_t errlen)
{
    compare_model m;
    /* the files' own labels, the gate's defaults (the page shows ratios, not verdicts) */
    compare_settings settings = {.factor = COMPARE_FACTOR, .alpha = COMPARE_ALPHA};
    if (compare_build(d->files, d->nfiles, &settings, &m, err, errlen) != 0)
        return 1;
    int threads[SCALING_MAX_POINTS * 2];
    size_t nt = html_all_threads(&m, threads, sizeof threads / sizeof threads[0]);
    fputs("<section id=\"comparison\">\n<h2>Comparison</h2>\n<p>Time ratio: the baseline's "
          "median time (", out);
    char machine[200];
    html_machine(d, 0, machine, sizeof machine);
    html_text(out, machine);
    fputs(") over each machine's, per thread count: above 1 that machine is faster. "
          "<span class=\"dim\">n.s.</span>: the two medians' 95% intervals overlap.</p>\n"
          "<div class=\"scroll\"><table class=\"cells ratios\">\n<thead><tr><th>kernel</th>"
          "<th>series</th><th>machine</th>", out);
    for (size_t k = 0; k < nt; k++)
        fprintf(out, "<th>%d</th>", threads[k]);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < m.nseries; i++) {
        const compare_series *s = &m.series[i];
        const compare_config *c = &m.configs[s->config];
        for (size_t f = 1; f < m.nfiles; f++) {
            fputs("<tr><td>", out);
            html_text(out, c->kernel);
            if (c->count > 1)
                fprintf(out, " #%d", c->index);
            fputs("</td><td>", out);
            html_textf(out, "%s%s%s", s->variant, s->serial ? "" : " ", s->serial ? "" : s->schedule);
            fputs("</td><td>", out);
            html_machine(d, f, machine, sizeof machine);
            html_text(out, machine);
            fputs("</td>", out);
            for (size_t k = 0; k < nt; k++)
                html_ratio(out, &m, s, threads[k], f);
            fputs("</tr>\n", out);
        }
    }
    fputs("</tbody>\n</table></div>\n</section>\n", out);
    compare_free(&m);
    return 0;
}
