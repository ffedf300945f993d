/*
 * report_json.c: the sweep as one JSON document, built with jansson: the
 * machine context, the settings, every cell as a row (the CSV's columns,
 * typed), and the scaling summary of every kernel, variant and schedule
 * that has a measured cell.  Non-finite numbers (an infinite USL peak, a figure that
 * does not apply) and unknown counts (physical_cores) are written as null;
 * a failed cell is a row, with reps 0 when no repetition ran.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "report.h"

static json_t *json_num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* A count that is known only when `known` (0 physical cores: unknown); null otherwise. */
static json_t *json_count(double v, bool known)
{
    return known ? json_integer((json_int_t)v) : json_null();
}

/* Whole-process rows record no result, error or work (result.h): those fields are null. */
static json_t *json_measured(const sweep_result *r, double v)
{
    return r->whole_process ? json_null() : json_num(v);
}

static json_t *json_cell(const sweep_result *r, const cell_result *c)
{
    const run_stats *s = &c->stats;
    char sched[32];
    report_schedule_text(c, sched, sizeof sched);
    bool ran = c->reps > 0; /* a failed cell without repetitions is a row too */
    json_t *row = json_pack("{s:s, s:s, s:i, s:o, s:s, s:s, s:s, s:i, s:o, s:I, s:I}",
                            "host", r->ctx.host, "cpu_model", r->ctx.cpu_model, "logical_cpus",
                            r->ctx.logical_cpus, "physical_cores",
                            json_count(r->ctx.physical_cores, r->ctx.physical_cores > 0),
                            "kernel", c->k->name, "variant", c->k->variants[c->variant].name,
                            "schedule", sched, "threads", c->threads, "threads_obtained",
                            json_count(c->threads_obtained, ran), "size", (json_int_t)c->size,
                            "reps", (json_int_t)c->reps);
    if (!row)
        return NULL;
    json_object_set_new(row, "min_s", json_num(s->min_s));
    json_object_set_new(row, "median_s", json_num(s->median_s));
    json_object_set_new(row, "mean_s", json_num(s->mean_s));
    json_object_set_new(row, "stddev_s", json_num(s->stddev_s));
    json_object_set_new(row, "mad_s", json_num(s->mad_s));
    json_object_set_new(row, "ci95_low_s", json_num(s->ci95_low_s));
    json_object_set_new(row, "ci95_high_s", json_num(s->ci95_high_s));
    json_object_set_new(row, "speedup", json_num(c->speedup));
    json_object_set_new(row, "efficiency", json_num(c->efficiency));
    json_object_set_new(row, "throughput", json_measured(r, c->throughput));
    json_object_set_new(row, "throughput_unit",
                        r->whole_process ? json_null() : json_string(c->throughput_unit));
    json_object_set_new(row, "result", json_measured(r, c->check.result));
    if (c->check.result_text[0])
        json_object_set_new(row, "result_exact", json_string(c->check.result_text));
    if (c->check.reference_text[0])
        json_object_set_new(row, "reference_exact", json_string(c->check.reference_text));
    json_object_set_new(row, "reference", json_measured(r, c->check.reference));
    json_object_set_new(row, "abs_error", json_measured(r, c->check.abs_error));
    json_object_set_new(row, "tolerance", json_measured(r, c->check.tolerance));
    json_object_set_new(row, "verified", json_boolean(c->verified));
    json_object_set_new(row, "detail", json_string(c->check.detail));
    json_object_set_new(row, "threads_obtained_max", json_count(c->threads_obtained_max, ran));
    json_object_set_new(row, "speedup_ci95_low", json_num(c->speedup_ci_low));
    json_object_set_new(row, "speedup_ci95_high", json_num(c->speedup_ci_high));
    json_object_set_new(row, "outliers", json_count((double)s->outliers, ran));
    json_object_set_new(row, "noisy", json_boolean(c->noisy));
    json_object_set_new(row, "params", json_string(c->params));
    json_object_set_new(row, "best_throughput", json_measured(r, c->best_throughput));
    json_object_set_new(row, "ceiling", c->ceiling ? json_string(c->ceiling) : json_null());
    json_object_set_new(row, "ceiling_throughput", json_num(c->ceiling_throughput));
    json_object_set_new(row, "ceiling_fraction", json_num(c->ceiling_fraction));
    json_object_set_new(row, "overhead_us", json_num(c->overhead_us));
    json_object_set_new(row, "overhead_ci95_low_us", json_num(c->overhead_ci_low_us));
    json_object_set_new(row, "overhead_ci95_high_us", json_num(c->overhead_ci_high_us));
    json_object_set_new(row, "weak_efficiency", json_num(c->weak_efficiency));
    json_object_set_new(row, "work", r->whole_process ? json_null()
                                                      : json_pack("{s:f, s:s}", "amount",
                                                                  c->work.amount, "unit",
                                                                  kernel_unit_name(c->work.unit)));
    json_t *facts = json_object();
    for (size_t i = 0; i < c->nfacts; i++)
        json_object_set_new(facts, c->facts[i].name, json_num(c->facts[i].value));
    json_object_set_new(row, "facts", facts);
    return row;
}

/* The resolved parameters of the configuration (group) a scaling row belongs to. */
static const char *json_group_params(const sweep_result *r, int group)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].group == group)
            return r->cells[i].params;
    return "";
}

static json_t *json_scaling(const sweep_result *r, const scaling_result *sr)
{
    const scaling_summary *m = &sr->summary;
    char sched[32];
    sched_format(&sr->schedule, sched, sizeof sched);
    json_t *kf = json_array();
    for (size_t i = 0; i < m->points; i++)
        json_array_append_new(kf, json_pack("{s:i, s:o}", "threads", m->kf_threads[i],
                                            "serial_fraction", json_num(m->karp_flatt[i])));
    json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:i, s:o, s:i, s:s, s:o}", "kernel", sr->k->name,
                          "variant", sr->k->variants[sr->variant].name, "schedule", sched, "size",
                          (json_int_t)sr->size, "best_threads", m->best_threads, "max_speedup",
                          json_num(m->max_speedup), "flattens_at", m->flattens_at, "knee",
                          scaling_knee_name(m->knee), "knee_threshold", json_num(m->threshold));
    json_object_set_new(o, "params", json_string(json_group_params(r, sr->group)));
    json_object_set_new(o, "karp_flatt", kf);
    json_object_set_new(o, "amdahl",
                        m->amdahl_ok ? json_pack("{s:o, s:o}", "serial_fraction",
                                                 json_num(m->amdahl_f), "slope",
                                                 json_num(m->amdahl_slope))
                                     : json_null());
    json_object_set_new(o, "usl",
                        m->usl_ok ? json_pack("{s:o, s:o, s:o, s:o, s:o}", "sigma",
                                              json_num(m->usl_sigma), "kappa",
                                              json_num(m->usl_kappa), "peak_threads",
                                              json_num(m->usl_peak_p), "speedup_at_2P",
                                              json_num(m->usl_at_2P), "speedup_at_4P",
                                              json_num(m->usl_at_4P))
                                  : json_null());
    json_object_set_new(o, "omp_overhead_1thread", json_num(sr->omp_overhead));
    json_object_set_new(o, "best_schedule", json_boolean(sr->best_schedule));
    json_object_set_new(o, "gain_over_static", json_num(sr->gain_over_static));
    json_object_set_new(o, "min_size", sr->min_size > 0 ? json_integer(sr->min_size) : json_null());
    json_object_set_new(o, "fork_join_us", json_num(sr->fork_join_us));
    json_object_set_new(o, "faster_than_serial_from",
                        sr->faster_from > 0 ? json_integer(sr->faster_from) : json_null());
    return o;
}

static int report_json_write(const sweep_result *r, FILE *out)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "ompscale_version", json_string(r->ctx.version));
    json_object_set_new(doc, "complete", json_boolean(r->complete));
    json_object_set_new(doc, "elapsed_s", json_measured(r, r->elapsed_s));
    json_object_set_new(doc, "timing", json_string(r->whole_process ? "whole-process" : "in-process"));
    json_object_set_new(doc, "context", ctx_to_json(&r->ctx));
    json_object_set_new(doc, "settings",
                        json_pack("{s:o, s:o}", "knee_threshold", json_num(r->knee_threshold),
                                  "noise_tolerance", json_num(r->noise_tolerance)));
    json_t *rows = json_array();
    for (size_t i = 0; i < r->ncells; i++)
        json_array_append_new(rows, json_cell(r, &r->cells[i]));
    json_object_set_new(doc, "rows", rows);
    json_t *scaling = json_array();
    for (size_t i = 0; i < r->nscaling; i++)
        if (r->scaling[i].measured) /* a series whose every cell failed has no summary */
            json_array_append_new(scaling, json_scaling(r, &r->scaling[i]));
    json_object_set_new(doc, "scaling", scaling);
    int status = json_dumpf(doc, out, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
    json_decref(doc);
    fputc('\n', out);
    return status != 0 || ferror(out) ? 1 : 0;
}

const reporter report_json = {"json", ".json", report_json_write};
