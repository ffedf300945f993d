/*
 * html_context.c: the report's machines: per file what its header and, for a
 * JSON, its context and load say (CPU, cores, caches, memory, OS, compiler,
 * OpenMP runtime and settings, commit, how busy the machine was), as a
 * two-column table.  A CSV records only the machine's name, CPU and counts,
 * and the page says so.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html_parts.h"

/* One fact: its name, and its value escaped ("unknown" when empty). */
static void html_fact(FILE *out, const char *name, const char *value)
{
    fprintf(out, "<tr><th scope=\"row\">%s</th><td>", name);
    if (value && *value)
        html_text(out, value);
    else
        fputs("<span class=\"dim\">unknown</span>", out);
    fputs("</td></tr>\n", out);
}

static void html_bytes(char *buf, size_t len, int64_t bytes)
{
    if (bytes >= (int64_t)1 << 30)
        snprintf(buf, len, "%.1f GiB", (double)bytes / (1 << 30));
    else if (bytes >= 1 << 20)
        snprintf(buf, len, "%.0f MiB", (double)bytes / (1 << 20));
    else
        snprintf(buf, len, "%.0f KiB", (double)bytes / 1024);
}

static void html_caches(FILE *out, const runinfo *info)
{
    char text[512] = "", size[32];
    for (size_t i = 0; i < info->ncaches; i++) {
        const runinfo_cache *c = &info->caches[i];
        html_bytes(size, sizeof size, c->bytes);
        size_t at = strlen(text);
        snprintf(text + at, sizeof text - at, "%sL%d %s %s x %d", i ? ", " : "", c->level, c->type,
                 size, c->instances);
    }
    html_fact(out, "caches", text);
}

/* How busy the machine was while it measured (the JSON's load). */
static void html_load(FILE *out, const runinfo *info)
{
    char text[600] = "";
    if (!info->has_load) {
        html_fact(out, "load during the run", "not recorded (an import, or an older file)");
        return;
    }
    if (isfinite(info->others_cpus))
        snprintf(text, sizeof text, "other processes used %.2f CPUs on average", info->others_cpus);
    if (isfinite(info->steal_fraction) && info->steal_fraction > 0)
        snprintf(text + strlen(text), sizeof text - strlen(text), ", %.1f%% of the CPU time stolen",
                 100 * info->steal_fraction);
    if (isfinite(info->load_start_1m))
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "%sload average %.2f at the start", text[0] ? "; " : "", info->load_start_1m);
    if (info->busy_kernels[0])
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "; busy (over %.2f CPUs of others) while %s ran: their times include it",
                 info->busy_cpus, info->busy_kernels);
    else if (text[0])
        snprintf(text + strlen(text), sizeof text - strlen(text), "; no configuration was busy");
    html_fact(out, "load during the run", text);
}

static void html_json_facts(FILE *out, const rf_file *f, const runinfo *info)
{
    char text[600];
    html_caches(out, info);
    html_bytes(text, sizeof text, info->memory_bytes);
    html_fact(out, "memory", info->memory_bytes > 0 ? text : "");
    snprintf(text, sizeof text, "%d", info->numa_nodes);
    html_fact(out, "NUMA nodes", info->numa_nodes > 0 ? text : "");
    html_fact(out, "operating system", info->os);
    snprintf(text, sizeof text, "%s (%s: %s)", f->compiler, info->build_type, info->build_flags);
    html_fact(out, "compiler", f->compiler[0] ? text : "");
    snprintf(text, sizeof text, "%s, _OPENMP %d", f->openmp_runtime, f->openmp_version);
    html_fact(out, "OpenMP runtime", f->openmp_runtime[0] ? text : "");
    snprintf(text, sizeof text, "proc_bind %s%s%s, wait policy %s%s%s", info->proc_bind,
             info->places[0] ? ", places " : "", info->places, info->wait_policy,
             info->omp_env[0] ? "; " : "", info->omp_env);
    html_fact(out, "OpenMP settings", text);
    snprintf(text, sizeof text, "%s%s", info->governor[0] ? "governor " : "", info->governor);
    if (info->hugepages[0])
        snprintf(text + strlen(text), sizeof text - strlen(text), "%stransparent huge pages %s",
                 text[0] ? ", " : "", info->hugepages);
    html_fact(out, "frequency and pages", text);
    snprintf(text, sizeof text, "ompscale %s, commit %s", f->version, f->commit);
    html_fact(out, "program", text);
    html_load(out, info);
    if (!info->complete)
        html_fact(out, "complete", "no: the run stopped early or was still being written");
}

void html_context(FILE *out, const html_doc *d)
{
    fputs("<section id=\"machines\">\n<h2>Machines</h2>\n", out);
    for (size_t i = 0; i < d->nfiles; i++) {
        const rf_file *f = &d->files[i];
        char machine[200], text[400];
        html_machine(d, i, machine, sizeof machine);
        fputs("<table class=\"facts\">\n<caption>", out);
        html_text(out, machine);
        fputs(": <code>", out);
        html_text(out, d->o->names ? d->o->names[i] : f->path);
        fputs("</code></caption>\n", out);
        html_fact(out, "CPU", f->cpu_model);
        if (f->physical_cores > 0)
            snprintf(text, sizeof text, "%d logical CPUs, %d physical cores", f->logical_cpus,
                     f->physical_cores);
        else
            snprintf(text, sizeof text, "%d logical CPUs, physical cores unknown", f->logical_cpus);
        html_fact(out, "CPUs", text);
        snprintf(text, sizeof text, "%s, %s timing", f->timestamp[0] ? f->timestamp : "when unknown",
                 f->timing);
        html_fact(out, "run", text);
        if (d->info[i].json)
            html_json_facts(out, f, &d->info[i]);
        else
            fputs("<tr><td colspan=\"2\" class=\"note\">A CSV records the machine's name, CPU and "
                  "counts only: its JSON also has the caches, memory, compiler, OpenMP runtime, "
                  "commit, the load during the run and the run's own scaling summaries.</td></tr>\n",
                  out);
        fputs("</table>\n", out);
    }
    fputs("</section>\n", out);
}
