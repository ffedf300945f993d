/*
 * runinfo.c: the context, load and scaling[] of a result JSON (runinfo.h),
 * read with jansson.  Every field is optional: what is missing or of another
 * type stays unknown, so that any JSON the reader accepted gives a report.
 */
#include "runinfo.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resultfile.h"
#include "text.h"

static void info_text(const json_t *o, const char *name, char *buf, size_t len)
{
    const json_t *v = json_object_get(o, name);
    snprintf(buf, len, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static double info_real(const json_t *o, const char *name)
{
    const json_t *v = json_object_get(o, name);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static int64_t info_int(const json_t *o, const char *name)
{
    const json_t *v = json_object_get(o, name);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static void info_caches(const json_t *ctx, runinfo *out)
{
    const json_t *caches = json_object_get(ctx, "caches"), *c;
    size_t i;
    json_array_foreach(caches, i, c) {
        if (out->ncaches == RUNINFO_MAX_CACHES || !json_is_object(c))
            break;
        runinfo_cache *rc = &out->caches[out->ncaches++];
        rc->level = (int)info_int(c, "level");
        info_text(c, "type", rc->type, sizeof rc->type);
        rc->bytes = info_int(c, "bytes");
        rc->instances = (int)info_int(c, "instances");
    }
}

static void info_context(const json_t *ctx, runinfo *out)
{
    out->machine_pus = (int)info_int(ctx, "machine_pus");
    out->numa_nodes = (int)info_int(ctx, "numa_nodes");
    out->memory_bytes = info_int(ctx, "memory_bytes");
    info_caches(ctx, out);
    info_text(ctx, "kernel", out->os, sizeof out->os);
    info_text(ctx, "governor", out->governor, sizeof out->governor);
    info_text(ctx, "transparent_hugepages", out->hugepages, sizeof out->hugepages);
    info_text(ctx, "build_type", out->build_type, sizeof out->build_type);
    info_text(ctx, "build_flags", out->build_flags, sizeof out->build_flags);
    info_text(ctx, "gsl_version", out->gsl_version, sizeof out->gsl_version);
    info_text(ctx, "hwloc_version", out->hwloc_version, sizeof out->hwloc_version);
    const char *name;
    const json_t *v, *env = json_object_get(ctx, "omp_env");
    json_object_foreach((json_t *)env, name, v)
        if (json_is_string(v))
            text_append(out->omp_env, sizeof out->omp_env, "%s%s=%s", out->omp_env[0] ? " " : "",
                        name, json_string_value(v));
    const json_t *force = json_object_get(ctx, "omp_in_force");
    info_text(force, "proc_bind", out->proc_bind, sizeof out->proc_bind);
    info_text(force, "places", out->places, sizeof out->places);
    info_text(force, "wait_policy", out->wait_policy, sizeof out->wait_policy);
}

/* Whether name is an item of list ("a, b, c"). */
static bool info_listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = list; *at; at += strcspn(at, ",") + (at[strcspn(at, ",")] ? 2 : 0))
        if (strncmp(at, name, n) == 0 && (at[n] == ',' || at[n] == '\0'))
            return true;
    return false;
}

static void info_load(const json_t *load, runinfo *out)
{
    out->has_load = json_is_object(load);
    out->load_start_1m = info_real(json_object_get(load, "start"), "loadavg_1m");
    out->others_cpus = info_real(load, "sweep_others_cpus");
    out->steal_fraction = info_real(load, "sweep_steal_fraction");
    out->busy_cpus = info_real(load, "busy_cpus");
    const json_t *configs = json_object_get(load, "configurations"), *c;
    size_t i;
    json_array_foreach(configs, i, c) {
        char kernel[32];
        info_text(c, "kernel", kernel, sizeof kernel);
        if (!json_is_true(json_object_get(c, "busy")) || !kernel[0])
            continue;
        if (!info_listed(out->busy_kernels, kernel)) /* each kernel once */
            text_append(out->busy_kernels, sizeof out->busy_kernels, "%s%s",
                        out->busy_kernels[0] ? ", " : "", kernel);
    }
}

/* A reason as text: "" when null (the claim stands). */
static void info_reason(const json_t *o, const char *name, char *buf, size_t len)
{
    info_text(o, name, buf, len);
}

static void info_series(const json_t *s, runinfo_series *out)
{
    scaling_summary *m = &out->summary;
    info_text(s, "kernel", out->kernel, sizeof out->kernel);
    info_text(s, "variant", out->variant, sizeof out->variant);
    info_text(s, "schedule", out->schedule, sizeof out->schedule);
    info_text(s, "params", out->params, sizeof out->params);
    info_text(s, "diagnosis", out->diagnosis, sizeof out->diagnosis);
    out->size = info_int(s, "size");
    m->best_threads = (int)info_int(s, "best_threads");
    m->max_speedup = info_real(s, "max_speedup");
    m->flattens_at = (int)info_int(s, "flattens_at");
    m->threshold = info_real(s, "knee_threshold");
    char knee[32];
    info_text(s, "knee", knee, sizeof knee);
    m->knee = KNEE_NONE;
    for (int k = KNEE_NONE; k <= KNEE_WITHIN; k++)
        if (strcmp(knee, scaling_knee_name((scaling_knee)k)) == 0)
            m->knee = (scaling_knee)k;
    info_reason(s, "knee_withheld", m->knee_withheld, sizeof m->knee_withheld);
    info_reason(s, "speedup_note", m->speedup_note, sizeof m->speedup_note);
    m->no_speedup = m->speedup_note[0] && m->max_speedup < 1;
    const json_t *a = json_object_get(s, "amdahl"), *u = json_object_get(s, "usl");
    m->amdahl_ok = json_is_object(a);
    m->amdahl_f = info_real(a, "serial_fraction");
    m->amdahl_slope = info_real(a, "slope");
    m->amdahl_r2 = info_real(a, "r2");
    info_reason(a, "withheld", m->amdahl_withheld, sizeof m->amdahl_withheld);
    m->usl_ok = json_is_object(u);
    m->usl_sigma = info_real(u, "sigma");
    m->usl_kappa = info_real(u, "kappa");
    m->usl_peak_p = info_real(u, "peak_threads");
    m->usl_at_2P = info_real(u, "speedup_at_2P");
    m->usl_at_4P = info_real(u, "speedup_at_4P");
    m->usl_r2 = info_real(u, "r2");
    info_reason(u, "withheld", m->usl_withheld, sizeof m->usl_withheld);
    const json_t *asked = json_object_get(s, "thread_counts_as_asked");
    out->as_asked = json_is_integer(asked) ? (int)json_integer_value(asked) : -1;
    out->omp_overhead = info_real(s, "omp_overhead_1thread");
}

int runinfo_load(const char *path, runinfo *out, char *err, size_t errlen)
{
    *out = (runinfo){.elapsed_s = NAN, .load_start_1m = NAN, .others_cpus = NAN,
                     .steal_fraction = NAN, .busy_cpus = NAN};
    if (!rf_is_json(path))
        return 0;
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        snprintf(err, errlen, "%s: %s", path, jerr.text);
        return 1;
    }
    out->json = true;
    out->complete = json_is_true(json_object_get(doc, "complete"));
    out->elapsed_s = info_real(doc, "elapsed_s");
    info_context(json_object_get(doc, "context"), out);
    info_load(json_object_get(doc, "load"), out);
    const json_t *scaling = json_object_get(doc, "scaling"), *s;
    size_t n = json_array_size(scaling), i;
    int status = 0;
    if (n > 0 && !(out->series = calloc(n, sizeof *out->series))) {
        snprintf(err, errlen, "out of memory reading %s", path);
        status = 1;
        goto done;
    }
    json_array_foreach(scaling, i, s)
        if (json_is_object(s))
            info_series(s, &out->series[out->nseries++]);
done:
    json_decref(doc);
    return status;
}

bool runinfo_busy(const runinfo *info, const char *kernel)
{
    return info_listed(info->busy_kernels, kernel);
}

void runinfo_free(runinfo *info)
{
    if (!info)
        return;
    free(info->series);
    info->series = NULL;
    info->nseries = 0;
}
