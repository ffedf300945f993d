/*
 * report_json.c: the sweep as one JSON document, built with jansson: its
 * schema_version and the schema table's per-file columns, the machine
 * context, the settings, every cell as a row (the table's columns, typed,
 * every timed repetition included, then the kernel's work and facts), and
 * the scaling summary of every kernel, variant and schedule that has a
 * measured cell, with its diagnosis.  Non-finite numbers (an infinite USL
 * peak, a figure that does not apply) and unknown counts (physical_cores)
 * are written as null; a failed cell is a row, with reps 0 (and no times)
 * when no repetition ran.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "report.h"
#include "schema.h"

static json_t *json_num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* One value of column col as JSON: null when none; an array for a list of reals. */
static json_t *json_value(const schema_column *col, const schema_value *v)
{
    if (col->type == SCHEMA_REALS) {
        json_t *a = json_array();
        for (size_t i = 0; i < v->nreals; i++)
            json_array_append_new(a, json_num(v->reals[i]));
        return a;
    }
    if (v->none)
        return json_null();
    switch (col->type) {
    case SCHEMA_TEXT: return json_string(v->text);
    case SCHEMA_INT: return json_integer((json_int_t)v->integer);
    case SCHEMA_BOOL: return json_boolean(v->boolean);
    default: return json_num(v->real);
    }
}

/* The columns of the table written at `where` into o, from cell c (NULL for the top level). */
static void json_columns(json_t *o, unsigned where, const sweep_result *r, const cell_result *c)
{
    for (size_t j = 0; schema_columns[j].name; j++) {
        const schema_column *col = &schema_columns[j];
        if (!(col->where & where))
            continue;
        schema_value v = {0};
        col->get(r, c, &v);
        json_object_set_new(o, col->name, json_value(col, &v));
        if (col->type == SCHEMA_REAL && v.exact) { /* the digits a double would lose */
            char name[64];
            snprintf(name, sizeof name, "%s_exact", col->name);
            json_object_set_new(o, name, json_string(v.exact));
        }
    }
}

/* A row: the schema's columns, then the kernel's work and facts (per-kernel, structured). */
static json_t *json_cell(const sweep_result *r, const cell_result *c)
{
    json_t *row = json_object();
    json_columns(row, SCHEMA_JSON_ROW, r, c);
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

/* A reason as a JSON string, or null when there is none. */
static json_t *json_reason(const char *text)
{
    return text[0] ? json_string(text) : json_null();
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
                        m->amdahl_ok ? json_pack("{s:o, s:o, s:o, s:o}", "serial_fraction",
                                                 json_num(m->amdahl_f), "slope",
                                                 json_num(m->amdahl_slope), "r2",
                                                 json_num(m->amdahl_r2), "withheld",
                                                 json_reason(m->amdahl_withheld))
                                     : json_null());
    json_object_set_new(o, "usl",
                        m->usl_ok ? json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "sigma",
                                              json_num(m->usl_sigma), "kappa",
                                              json_num(m->usl_kappa), "peak_threads",
                                              json_num(m->usl_peak_p), "speedup_at_2P",
                                              json_num(m->usl_at_2P), "speedup_at_4P",
                                              json_num(m->usl_at_4P), "r2",
                                              json_num(m->usl_r2), "withheld",
                                              json_reason(m->usl_withheld))
                                  : json_null());
    /* Why a claim is not made (scaling.h): null when it stands. */
    json_object_set_new(o, "knee_withheld", json_reason(m->knee_withheld));
    json_object_set_new(o, "speedup_note", json_reason(m->speedup_note));
    json_object_set_new(o, "omp_overhead_1thread", json_num(sr->omp_overhead));
    json_object_set_new(o, "best_schedule", json_boolean(sr->best_schedule));
    json_object_set_new(o, "gain_over_static", json_num(sr->gain_over_static));
    json_object_set_new(o, "min_size", sr->min_size > 0 ? json_integer(sr->min_size) : json_null());
    json_object_set_new(o, "fork_join_us", json_num(sr->fork_join_us));
    json_object_set_new(o, "thread_counts_as_asked", json_integer(sr->as_asked));
    json_object_set_new(o, "diagnosis", sr->diagnosis ? json_string(sr->diagnosis) : json_null());
    json_object_set_new(o, "resources", json_reason(sr->resources));
    json_object_set_new(o, "faster_than_serial_from",
                        sr->faster_from > 0 ? json_integer(sr->faster_from) : json_null());
    return o;
}

/* A load sample (load.h): null when /proc could not be read. */
static json_t *json_load_sample(const load_sample *s)
{
    if (!s->ok)
        return json_null();
    return json_pack("{s:o, s:i, s:i, s:o, s:o}", "loadavg_1m", json_num(s->loadavg_1m),
                     "runnable", s->runnable, "others_runnable", s->others_runnable, "busy_cpu_s",
                     json_num(s->busy_s), "steal_cpu_s", json_num(s->steal_s));
}

/*
 * How busy the machine was: at the start and around each configuration, with
 * what other processes used (load.h) and whether that made it busy.
 */
static json_t *json_load(const sweep_result *r)
{
    json_t *configs = json_array();
    for (size_t i = 0; i < r->nloads; i++) {
        const config_load *l = &r->loads[i];
        const cell_result *c = NULL;
        for (size_t j = 0; j < r->ncells && !c; j++)
            if (r->cells[j].group == l->group)
                c = &r->cells[j];
        json_array_append_new(
            configs,
            json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o}", "kernel",
                      c ? json_string(c->k->name) : json_null(), "params",
                      c ? json_string(c->params) : json_null(), "seconds",
                      json_num(l->share.seconds), "others_cpus", json_num(l->share.others_cpus),
                      "steal_fraction", json_num(l->share.steal_fraction), "busy", (int)l->busy,
                      "before", json_load_sample(&l->before), "after",
                      json_load_sample(&l->after)));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "start", json_load_sample(&r->load_start),
                     "busy_cpus", json_num(r->busy_cpus > 0 ? r->busy_cpus : LOAD_BUSY_CPUS),
                     "sweep_others_cpus", json_num(r->load_sweep.others_cpus),
                     "sweep_steal_fraction", json_num(r->load_sweep.steal_fraction),
                     "sweep_seconds", json_num(r->load_sweep.seconds), "configurations", configs);
}

static int report_json_write(const sweep_result *r, FILE *out)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "schema_version", json_integer(OMPSCALE_SCHEMA_VERSION));
    json_columns(doc, SCHEMA_JSON_TOP, r, NULL);
    json_object_set_new(doc, "complete", json_boolean(r->complete));
    json_object_set_new(doc, "elapsed_s", r->whole_process ? json_null() : json_num(r->elapsed_s));
    json_object_set_new(doc, "context", ctx_to_json(&r->ctx));
    if (!r->whole_process)
        json_object_set_new(doc, "load", json_load(r));
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
    json_t *roofline = json_array(); /* each configuration's point (roofline.h) */
    for (size_t i = 0; i < r->nroofline; i++) {
        const cell_result *c = &r->cells[r->roofline[i].cell];
        char sched[32];
        result_schedule_text(c, sched, sizeof sched);
        json_array_append_new(roofline, json_pack(
            "{s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:s}", "kernel", c->k->name,
            "params", c->params, "variant", c->k->variants[c->variant].name, "schedule", sched,
            "threads", c->threads, "intensity", json_num(c->intensity), "gops", json_num(c->gops),
            "roof_bound", c->roof_bound ? json_string(c->roof_bound) : json_null(),
            "roof_gops", json_num(c->roof_gops), "roof_fraction", json_num(c->roof_fraction),
            "sentence", r->roofline[i].sentence));
    }
    json_object_set_new(doc, "roofline", roofline);
    int status = json_dumpf(doc, out, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
    json_decref(doc);
    fputc('\n', out);
    return status != 0 || ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

const reporter report_json = {"json", ".json", report_json_write};
