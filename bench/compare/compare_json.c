/*
 * compare_json.c: the regression gate's verdicts as JSON, for other tools
 * (compare_report.h; `compare --format json`).  One document: the settings
 * (factor, alpha, the fewest repetitions judged), each machine (label,
 * file, host, build, geometric means of its time ratios), one object per
 * cell of each file after the first that the baseline also has (its
 * kernel, configuration, variant, schedule, threads, both medians, the
 * slowdown, the time ratio, p and the verdict), and the count of each
 * verdict.  The document is made whole in memory and written in one piece,
 * so a failure leaves nothing half written on standard output; to a file
 * it goes through a temporary name and a rename as every format does.
 * README's "Gating CI on regressions" documents the fields.
 */
#include <math.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "compare_report.h"
#include "status.h"
#include "text.h"

#define COMPARE_JSON_VERSION 1

/* A string from a file: as it is when UTF-8, else escaped (text_escape). */
static json_t *cj_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char safe[4096];
    return json_string(text_escape(s, safe, sizeof safe));
}

/* A number, null when not finite (as the result JSON writes). */
static json_t *cj_real(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* Adds value under key; a NULL value (a failed allocation) counts as a failure. */
static int cj_put(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value) != 0;
}

static json_t *cj_machine(const compare_model *m, size_t f)
{
    const rf_file *file = m->files[f];
    json_t *o = json_object();
    int failed = !o;
    failed |= cj_put(o, "label", cj_text(m->label[f]));
    failed |= cj_put(o, "file", cj_text(file->path));
    failed |= cj_put(o, "host", cj_text(file->host));
    failed |= cj_put(o, "cpu_model", cj_text(file->cpu_model));
    failed |= cj_put(o, "compiler", file->compiler[0] ? cj_text(file->compiler) : json_null());
    failed |= cj_put(o, "openmp_version",
                     file->openmp_version ? json_integer(file->openmp_version) : json_null());
    failed |= cj_put(o, "openmp_runtime",
                     file->openmp_runtime[0] ? cj_text(file->openmp_runtime) : json_null());
    failed |= cj_put(o, "ompscale_version", cj_text(file->version));
    failed |= cj_put(o, "timing", cj_text(file->timing));
    failed |= cj_put(o, "geomean_time_ratio_best", cj_real(m->geomean_best[f]));
    failed |= cj_put(o, "geomean_time_ratio_serial", cj_real(m->geomean_serial[f]));
    failed |= cj_put(o, "geomean_configurations", json_integer(m->geomean_configs[f]));
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *cj_cell(const compare_model *m, const compare_series *s, size_t t, size_t f)
{
    const compare_config *cf = &m->configs[s->config];
    const compare_cell *c = compare_cell_at(m, s, t, f);
    const rf_row *b = compare_cell_at(m, s, t, 0)->row;
    json_t *o = json_object();
    int failed = !o;
    failed |= cj_put(o, "kernel", cj_text(cf->kernel));
    failed |= cj_put(o, "configuration", json_integer(cf->index));
    failed |= cj_put(o, "params", cj_text(c->row->params));
    failed |= cj_put(o, "size", json_integer(c->row->size));
    failed |= cj_put(o, "variant", cj_text(s->variant));
    failed |= cj_put(o, "schedule", cj_text(s->schedule));
    failed |= cj_put(o, "threads", json_integer(s->threads[t]));
    failed |= cj_put(o, "machine", cj_text(m->label[f]));
    failed |= cj_put(o, "baseline_reps", json_integer(b->reps));
    failed |= cj_put(o, "reps", json_integer(c->row->reps));
    failed |= cj_put(o, "baseline_median_s", cj_real(b->median_s));
    failed |= cj_put(o, "median_s", cj_real(c->row->median_s));
    failed |= cj_put(o, "slowdown", cj_real(c->gate.slowdown));
    failed |= cj_put(o, "time_ratio", cj_real(c->time_ratio));
    failed |= cj_put(o, "p", cj_real(c->gate.p));
    failed |= cj_put(o, "p_exact", isnan(c->gate.p) ? json_null() : json_boolean(c->gate.exact));
    failed |= cj_put(o, "verdict", json_string(compare_gate_name(c->gate.verdict)));
    failed |= cj_put(o, "intervals_overlap", c->time_verdict == COMPARE_UNKNOWN
                                                 ? json_null()
                                                 : json_boolean(c->time_verdict == COMPARE_NS));
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Every cell of every file after the first that the baseline also has, with its verdict. */
static json_t *cj_cells(const compare_model *m)
{
    json_t *cells = json_array();
    for (size_t i = 0; cells && i < m->nseries; i++)
        for (size_t t = 0; t < m->series[i].nthreads; t++)
            for (size_t f = 1; f < m->nfiles; f++) {
                if (compare_cell_at(m, &m->series[i], t, f)->gate.verdict == GATE_NONE)
                    continue; /* a cell one of the two lacks, or one that failed */
                if (json_array_append_new(cells, cj_cell(m, &m->series[i], t, f)) != 0) {
                    json_decref(cells);
                    return NULL;
                }
            }
    return cells;
}

static json_t *cj_document(const compare_model *m)
{
    json_t *doc = json_object(), *machines = json_array(), *counts = json_object();
    int failed = !doc || !machines || !counts;
    for (size_t f = 0; !failed && f < m->nfiles; f++)
        failed |= json_array_append_new(machines, cj_machine(m, f)) != 0;
    for (int v = GATE_NO_TIMES; !failed && v <= GATE_IMPROVEMENT; v++)
        failed |= cj_put(counts, compare_gate_name(v), json_integer((json_int_t)m->gate_counts[v]));
    if (failed) {
        json_decref(machines);
        json_decref(counts);
        json_decref(doc);
        return NULL;
    }
    failed |= cj_put(doc, "compare_version", json_integer(COMPARE_JSON_VERSION));
    failed |= cj_put(doc, "test", json_string("Mann-Whitney U, two-sided"));
    failed |= cj_put(doc, "factor", json_real(m->settings.factor));
    failed |= cj_put(doc, "alpha", json_real(m->settings.alpha));
    failed |= cj_put(doc, "min_reps", json_integer(COMPARE_MIN_REPS));
    failed |= cj_put(doc, "baseline", cj_text(m->label[0]));
    failed |= cj_put(doc, "machines", machines);
    failed |= cj_put(doc, "cells", cj_cells(m));
    failed |= cj_put(doc, "counts", counts);
    failed |= cj_put(doc, "regressions",
                     json_integer((json_int_t)m->gate_counts[GATE_REGRESSION]));
    if (failed) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static int compare_json_write(const compare_model *m, FILE *out)
{
    json_t *doc = cj_document(m);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) : NULL;
    json_decref(doc);
    if (!text)
        return OMPSCALE_FAIL;
    int status = fputs(text, out) < 0 || fputc('\n', out) == EOF ? OMPSCALE_FAIL : OMPSCALE_OK;
    free(text);
    return status;
}

const compare_format compare_json = {"json", compare_json_write};
