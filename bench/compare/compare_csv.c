/*
 * compare_csv.c: the comparison as a long CSV (compare_report.h): one row
 * per kernel, configuration, variant, schedule, machine and thread count
 * that the machine measured, with the row's own figures, the machine's
 * summary of the series, the time ratios against the baseline and each
 * verdict ("baseline" on the first machine's rows, then "n.s.",
 * "significant", "unknown" or "missing", with the winner's label beside a
 * significant one), then the machine's compiler and _OPENMP (empty when the
 * file does not record them: a CSV), the time ratio at this thread count, the
 * kernel's own figure and its unit, and the regression gate's slowdown, p
 * and verdict (empty on the baseline's rows), and the OpenMP runtime library
 * (empty when not recorded).  A missing figure is an empty
 * field.  Fields are quoted
 * by libcsv's writer where they need it.
 */
#include "status.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_report.h"
#include "csvout.h"

const char *const compare_csv_columns[] = {
    "kernel", "configuration", "params", "size", "variant", "schedule", "machine", "host",
    "file", "logical_cpus", "physical_cores", "threads", "threads_obtained", "reps",
    "median_s", "ci95_low_s", "ci95_high_s", "speedup", "speedup_ci95_low",
    "speedup_ci95_high", "efficiency", "speedup_per_core", "verified", "speedup_vs_baseline",
    "speedup_higher", "best_threads", "max_speedup", "max_speedup_per_core", "flattens_at",
    "knee", "amdahl_f", "time_at_best_s", "time_ratio_at_best", "time_at_best_vs_baseline",
    "time_at_best_faster", "serial_median_s", "serial_time_ratio", "serial_vs_baseline",
    "serial_faster", "compiler", "openmp_version", "time_ratio", "metric", "metric_unit",
    "slowdown", "p", "gate_verdict", "openmp_runtime", NULL,
};

static void csv_int(FILE *out, bool *first, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    csvout_field(out, first, buf);
}

/* The verdict and the winner's label (empty unless significant); "baseline" for the first file. */
static void csv_verdict(FILE *out, bool *first, const compare_model *m, compare_verdict v,
                        size_t f)
{
    const char *winner = compare_winner(m, v, f);
    csvout_field(out, first, f == 0 ? "baseline" : compare_verdict_name(v));
    csvout_field(out, first, f == 0 || !winner ? "" : winner);
}

/* The summary of file f's side of s, and its time ratio against the baseline. */
static void csv_side(FILE *out, bool *first, const compare_model *m, const compare_side *side,
                     size_t f)
{
    const scaling_summary *sum = &side->summary;
    bool ok = side->summary_ok;
    csvout_number(out, first, ok ? sum->best_threads : NAN);
    csvout_number(out, first, ok ? sum->max_speedup : NAN);
    csvout_number(out, first, ok ? side->max_speedup_per_core : NAN);
    csvout_number(out, first, ok ? sum->flattens_at : NAN);
    csvout_field(out, first, ok ? scaling_knee_name(sum->knee) : "");
    csvout_number(out, first, ok && sum->amdahl_ok ? sum->amdahl_f : NAN);
    csvout_number(out, first, side->best ? side->best->median_s : NAN);
    csvout_number(out, first, f == 0 && side->best ? 1 : side->best_time_ratio);
    csv_verdict(out, first, m, side->best_time_verdict, f);
}

/* The time ratio at 1 thread (the serial series' best) and its verdict. */
static void csv_serial_ratio(FILE *out, bool *first, const compare_model *m,
                             const compare_series *serial, size_t f)
{
    const compare_side *side = serial ? &serial->side[f] : NULL;
    csvout_number(out, first, !side ? NAN : f == 0 && side->best ? 1 : side->best_time_ratio);
    csv_verdict(out, first, m, side ? side->best_time_verdict : COMPARE_MISSING, f);
}

static void csv_row(FILE *out, const compare_model *m, const compare_series *s, size_t t,
                    size_t f)
{
    const rf_file *file = m->files[f];
    const compare_config *cf = &m->configs[s->config];
    const compare_cell *c = compare_cell_at(m, s, t, f);
    const rf_row *r = c->row;
    const compare_series *serial = compare_serial_of(m, s->config);
    const rf_row *serial_row = serial ? compare_cell_at(m, serial, 0, f)->row : NULL;
    bool first = true;
    csvout_field(out, &first, cf->kernel);
    csv_int(out, &first, cf->index);
    csvout_field(out, &first, r->params);
    csv_int(out, &first, r->size);
    csvout_field(out, &first, s->variant);
    csvout_field(out, &first, s->schedule);
    csvout_field(out, &first, m->label[f]);
    csvout_field(out, &first, file->host);
    csvout_field(out, &first, file->path);
    csv_int(out, &first, file->logical_cpus);
    csvout_number(out, &first, file->physical_cores > 0 ? file->physical_cores : NAN);
    csv_int(out, &first, r->threads);
    csvout_number(out, &first, r->reps > 0 ? r->threads_obtained : NAN);
    csv_int(out, &first, r->reps);
    csvout_number(out, &first, r->median_s);
    csvout_number(out, &first, r->ci95_low_s);
    csvout_number(out, &first, r->ci95_high_s);
    csvout_number(out, &first, r->speedup);
    csvout_number(out, &first, r->speedup_ci_low);
    csvout_number(out, &first, r->speedup_ci_high);
    csvout_number(out, &first, r->efficiency);
    csvout_number(out, &first, c->speedup_per_core);
    csvout_field(out, &first, rf_verdict_words[r->verified]);
    csv_verdict(out, &first, m, c->speedup_verdict, f);
    csv_side(out, &first, m, &s->side[f], f);
    csvout_number(out, &first, serial_row ? serial_row->median_s : NAN);
    csv_serial_ratio(out, &first, m, serial, f);
    csvout_field(out, &first, file->compiler);
    csvout_number(out, &first, file->openmp_version ? file->openmp_version : NAN);
    csvout_number(out, &first, f == 0 && r->reps ? 1 : c->time_ratio);
    const char *unit;
    double metric = compare_metric(r, &unit);
    csvout_number(out, &first, metric);
    csvout_field(out, &first, isfinite(metric) ? unit : "");
    csvout_number(out, &first, c->gate.slowdown);
    csvout_number(out, &first, c->gate.p);
    csvout_field(out, &first, f == 0 ? "" : compare_gate_name(c->gate.verdict));
    csvout_field(out, &first, file->openmp_runtime);
    fputc('\n', out);
}

static int compare_csv_write(const compare_model *m, FILE *out)
{
    bool first = true;
    for (int i = 0; compare_csv_columns[i]; i++)
        csvout_field(out, &first, compare_csv_columns[i]);
    fputc('\n', out);
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        for (size_t f = 0; f < m->nfiles; f++)
            for (size_t t = 0; t < s->nthreads; t++)
                if (compare_cell_at(m, s, t, f)->row)
                    csv_row(out, m, s, t, f);
    }
    return ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

const compare_format compare_csv = {"csv", compare_csv_write};
