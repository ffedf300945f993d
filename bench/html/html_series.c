/*
 * html_series.c: the report's series (html_parts.h): each file's rows of one
 * kernel configuration, variant and schedule, with the serial row they are
 * measured against, and their scaling summary.  From a JSON that is the
 * run's own, read from its scaling[] (runinfo.h), diagnosis and withheld
 * reasons included; from a CSV, which has none, or a JSON of schema version
 * 0, whose scaling[] has no withheld claims, the same analysis
 * (scaling_analyse, as `ompscale run` and the plots call it) of the rows
 * that ran with the threads they asked for, without a diagnosis.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "html_parts.h"

bool html_noisy(const rf_row *row)
{
    double tol = ANALYSIS_NOISE_TOLERANCE * row->median_s;
    return row->reps > 0 && (row->median_s - row->ci95_low_s > tol ||
                             row->ci95_high_s - row->median_s > tol);
}

static bool html_same_config(const rf_row *a, const rf_row *b)
{
    return strcmp(a->kernel, b->kernel) == 0 && strcmp(a->params, b->params) == 0 &&
           a->size == b->size;
}

static bool html_same_series(const rf_row *a, const rf_row *b)
{
    return html_same_config(a, b) && strcmp(a->variant, b->variant) == 0 &&
           strcmp(a->schedule, b->schedule) == 0;
}

static int html_by_threads(const void *a, const void *b)
{
    const rf_row *x = *(const rf_row *const *)a, *y = *(const rf_row *const *)b;
    return (x->threads > y->threads) - (x->threads < y->threads);
}

/* The run's summary of s from its JSON's scaling[], if it has one. */
static bool html_from_run(const html_doc *d, html_series *s)
{
    const runinfo *info = &d->info[s->file];
    for (size_t i = 0; i < info->nseries; i++) {
        const runinfo_series *r = &info->series[i];
        if (strcmp(r->kernel, s->first->kernel) == 0 && strcmp(r->variant, s->first->variant) == 0 &&
            strcmp(r->schedule, s->first->schedule) == 0 && strcmp(r->params, s->first->params) == 0 &&
            r->size == s->first->size) {
            s->summary = r->summary;
            s->diagnosis = r->diagnosis[0] ? r->diagnosis : NULL;
            if (r->as_asked >= 0)
                s->as_asked = r->as_asked;
            return true;
        }
    }
    return false;
}

/* The analysis of the rows that ran as asked, as the run makes it. */
static void html_analyse(const html_doc *d, html_series *s)
{
    s->summary_ok = rf_analyse(&d->files[s->file], s->rows, s->nrows, &s->summary) == 0;
}

static void html_series_fill(html_doc *d, html_series *s)
{
    for (size_t i = 0; i < s->nrows; i++) {
        const rf_row *r = s->rows[i];
        s->construct |= isfinite(r->overhead_us);
        if (r->reps == 0 || r->verified == RF_NOT_VERIFIED)
            s->failed++;
        if (r->reps == 0)
            continue;
        s->cells++;
        s->noisy += html_noisy(r);
        s->short_of += r->threads_obtained != r->threads;
        s->as_asked += r->threads_obtained == r->threads;
    }
    qsort(s->rows, s->nrows, sizeof *s->rows, html_by_threads);
    /* version 0 (ompscale 0.1.0) recorded no withheld claims and no diagnosis: analysed anew */
    if (d->info[s->file].json && d->files[s->file].schema_version >= 1 && html_from_run(d, s))
        s->summary_ok = s->from_run = true;
    else
        html_analyse(d, s);
}

static void html_kernel_seen(html_doc *d, const char *kernel)
{
    for (size_t k = 0; k < d->nkernels; k++)
        if (strcmp(d->kernels[k], kernel) == 0)
            return;
    if (d->nkernels < sizeof d->kernels / sizeof d->kernels[0])
        d->kernels[d->nkernels++] = kernel;
}

/* Adds row r of file f to its series (a new one if none has it yet). */
static void html_series_add(html_doc *d, size_t f, const rf_row *r)
{
    for (size_t i = 0; i < d->nseries; i++) {
        html_series *s = &d->series[i];
        if (s->file == f && html_same_series(s->first, r)) {
            s->rows[s->nrows++] = r;
            return;
        }
    }
    html_series *s = &d->series[d->nseries++];
    *s = (html_series){.file = f, .first = r};
    s->rows = calloc(d->files[f].nrows, sizeof *s->rows);
    if (s->rows)
        s->rows[s->nrows++] = r;
    for (size_t j = 0; j < d->files[f].nrows; j++)
        if (strcmp(d->files[f].rows[j].variant, "serial") == 0 &&
            html_same_config(&d->files[f].rows[j], r))
            s->serial = &d->files[f].rows[j];
}

int html_series_build(html_doc *d, char *err, size_t errlen)
{
    size_t rows = 0;
    for (size_t f = 0; f < d->nfiles; f++)
        rows += d->files[f].nrows;
    if (!(d->series = calloc(rows + 1, sizeof *d->series)))
        goto oom;
    for (size_t f = 0; f < d->nfiles; f++)
        for (size_t j = 0; j < d->files[f].nrows; j++) {
            const rf_row *r = &d->files[f].rows[j];
            html_kernel_seen(d, r->kernel);
            if (strcmp(r->variant, "serial") != 0)
                html_series_add(d, f, r);
        }
    for (size_t i = 0; i < d->nseries; i++) {
        if (!d->series[i].rows)
            goto oom;
        html_series_fill(d, &d->series[i]);
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory for the report");
    return 1;
}

void html_series_free(html_doc *d)
{
    for (size_t i = 0; d->series && i < d->nseries; i++)
        free(d->series[i].rows);
    free(d->series);
    d->series = NULL;
    d->nseries = 0;
}
