/*
 * report_csv.c: one CSV row per cell, the fixed columns first in the order
 * the suite promises, extra columns after them.  Fields are quoted by
 * libcsv's writer where they need it.  A failed cell is a row like any other
 * (reps 0 when no repetition ran, verified false, the kernel's reason in
 * detail); a figure that does not apply or is not finite, and a machine fact
 * that is unknown (physical_cores), is an empty field.
 */
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *const report_csv_columns[] = {
    "host", "cpu_model", "logical_cpus", "physical_cores", "kernel", "variant", "schedule",
    "threads", "threads_obtained", "size", "reps", "min_s", "median_s", "mean_s", "stddev_s",
    "mad_s", "ci95_low_s", "ci95_high_s", "speedup", "efficiency", "throughput",
    "throughput_unit", "result", "abs_error", "verified",
    /* extra columns, after the fixed ones */
    "speedup_ci95_low", "speedup_ci95_high", "outliers", "noisy", "tolerance", "params",
    "detail", "ompscale_version", "timestamp", "timing", "best_throughput", "ceiling",
    "ceiling_throughput", "ceiling_fraction", "overhead_us", "overhead_ci95_low_us",
    "overhead_ci95_high_us", "weak_efficiency", "threads_obtained_max", NULL,
};

void report_csv_number(FILE *out, bool *first, double v)
{
    char buf[64] = "";
    if (isfinite(v))
        snprintf(buf, sizeof buf, "%.9g", v);
    report_csv_field(out, first, buf);
}

void report_csv_field(FILE *out, bool *first, const char *text)
{
    if (!*first)
        fputc(',', out);
    *first = false;
    if (strpbrk(text, ",\"\r\n"))
        csv_fwrite(out, text, strlen(text));
    else
        fputs(text, out);
}

/* A number in format fmt; empty when it is not finite (not applicable, as NAN is). */
static void csv_putf(FILE *out, bool *first, const char *fmt, double v)
{
    char buf[64] = "";
    if (isfinite(v))
        snprintf(buf, sizeof buf, fmt, v);
    report_csv_field(out, first, buf);
}

/* A count that is known only when `known` (e.g. threads obtained by a cell that never ran). */
static void csv_count(FILE *out, bool *first, double v, bool known)
{
    csv_putf(out, first, "%.0f", known ? v : NAN);
}

static int report_csv_write(const sweep_result *r, FILE *out)
{
    bool first = true;
    for (int i = 0; report_csv_columns[i]; i++)
        report_csv_field(out, &first, report_csv_columns[i]);
    fputc('\n', out);
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        const run_stats *s = &c->stats;
        char sched[32];
        bool ran = c->reps > 0; /* a failed cell without repetitions is a row too */
        report_schedule_text(c, sched, sizeof sched);
        first = true;
        report_csv_field(out, &first, r->ctx.host);
        report_csv_field(out, &first, r->ctx.cpu_model);
        csv_putf(out, &first, "%.0f", r->ctx.logical_cpus);
        csv_count(out, &first, r->ctx.physical_cores, r->ctx.physical_cores > 0); /* 0: unknown */
        report_csv_field(out, &first, c->k->name);
        report_csv_field(out, &first, c->k->variants[c->variant].name);
        report_csv_field(out, &first, sched);
        csv_putf(out, &first, "%.0f", c->threads);
        csv_count(out, &first, c->threads_obtained, ran);
        csv_putf(out, &first, "%.0f", (double)c->size);
        csv_putf(out, &first, "%.0f", (double)s->reps);
        csv_putf(out, &first, "%.9g", s->min_s);
        csv_putf(out, &first, "%.9g", s->median_s);
        csv_putf(out, &first, "%.9g", s->mean_s);
        csv_putf(out, &first, "%.9g", s->stddev_s);
        csv_putf(out, &first, "%.9g", s->mad_s);
        csv_putf(out, &first, "%.9g", s->ci95_low_s);
        csv_putf(out, &first, "%.9g", s->ci95_high_s);
        csv_putf(out, &first, "%.9g", c->speedup);
        csv_putf(out, &first, "%.9g", c->efficiency);
        if (r->whole_process) { /* the work per process is not recorded: see result.h */
            report_csv_field(out, &first, "");
            report_csv_field(out, &first, "");
        } else {
            csv_putf(out, &first, "%.9g", c->throughput);
            report_csv_field(out, &first, c->throughput_unit);
        }
        if (r->whole_process)
            report_csv_field(out, &first, ""); /* not recorded: see result.h */
        else if (c->check.result_text[0])
            report_csv_field(out, &first, c->check.result_text);
        else
            csv_putf(out, &first, "%.17g", c->check.result);
        if (r->whole_process)
            report_csv_field(out, &first, "");
        else
            csv_putf(out, &first, "%.6g", c->check.abs_error);
        report_csv_field(out, &first, c->verified ? "true" : "false");
        csv_putf(out, &first, "%.9g", c->speedup_ci_low);
        csv_putf(out, &first, "%.9g", c->speedup_ci_high);
        csv_count(out, &first, (double)s->outliers, ran);
        report_csv_field(out, &first, c->noisy ? "true" : "false");
        if (r->whole_process)
            report_csv_field(out, &first, "");
        else
            csv_putf(out, &first, "%.6g", c->check.tolerance);
        report_csv_field(out, &first, c->params);
        report_csv_field(out, &first, c->check.detail);
        report_csv_field(out, &first, r->ctx.version);
        report_csv_field(out, &first, r->ctx.timestamp);
        report_csv_field(out, &first, r->whole_process ? "whole-process" : "in-process");
        report_csv_number(out, &first, r->whole_process ? NAN : c->best_throughput);
        report_csv_field(out, &first, c->ceiling ? c->ceiling : "");
        report_csv_number(out, &first, c->ceiling_throughput);
        report_csv_number(out, &first, c->ceiling_fraction);
        report_csv_number(out, &first, c->overhead_us);
        report_csv_number(out, &first, c->overhead_ci_low_us);
        report_csv_number(out, &first, c->overhead_ci_high_us);
        report_csv_number(out, &first, c->weak_efficiency);
        csv_count(out, &first, c->threads_obtained_max, ran);
        fputc('\n', out);
    }
    return ferror(out) ? 1 : 0;
}

const reporter report_csv = {"csv", ".csv", report_csv_write};
