/*
 * compare_report.c: the comparison as a terminal table or as markdown
 * (compare_report.h).  Both walk the model the same way and differ only in
 * how a heading, a grid and a note are written: a legend of the machines,
 * then per kernel configuration a grid of the serial times with the time
 * ratio at 1 thread, and per variant and schedule a grid of speedup (S) and
 * efficiency (E) by thread count with one column group per machine and the
 * verdict against the baseline, then a grid of each machine's summary.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_grid.h"
#include "compare_report.h"
#include "compare_sections.h"

#include "status.h"
#include "text.h"

/* How a document is written: headings (level 1 or 2), grids and notes. */
typedef struct compare_sink {
    void (*heading)(FILE *out, int level, const char *text);
    int (*grid)(const compare_grid *g, FILE *out);
    void (*note)(FILE *out, const char *text);
} compare_sink;

static void text_heading(FILE *out, int level, const char *text)
{
    fprintf(out, level == 1 ? "\n%s\n" : "\n  %s\n", text);
}

static int text_grid(const compare_grid *g, FILE *out)
{
    fputc('\n', out);
    return compare_grid_text(g, "  ", out);
}

/* A paragraph wrapped at 100 columns. */
static void text_note(FILE *out, const char *text)
{
    int column = 0;
    while (*text) {
        int word = (int)strcspn(text, " ");
        if (column > 0 && column + 1 + word > 100) {
            fputc('\n', out);
            column = 0;
        } else if (column > 0) {
            fputc(' ', out);
            column++;
        }
        fprintf(out, "%.*s", word, text);
        column += word;
        text += word;
        text += strspn(text, " ");
    }
    fputc('\n', out);
}

static void md_heading(FILE *out, int level, const char *text)
{
    fprintf(out, "\n%s %s\n", level == 1 ? "##" : "###", text);
}

static int md_grid(const compare_grid *g, FILE *out)
{
    fputc('\n', out);
    return compare_grid_markdown(g, out);
}

static void md_note(FILE *out, const char *text)
{
    fprintf(out, "\n%s\n", text);
}

/* "n.s.", "unknown", "-" (a row is missing), or the winner's label followed by word. */
static void report_verdict(const compare_model *m, compare_verdict v, size_t f, const char *word,
                           char *buf, size_t len)
{
    const char *winner = compare_winner(m, v, f);
    if (winner)
        snprintf(buf, len, "%s %s", winner, word);
    else
        snprintf(buf, len, "%s", v == COMPARE_MISSING ? "-" : compare_verdict_name(v));
}

/* The time ratio of file f and its verdict: "2.00, beta faster"; "baseline" for the first file. */
static void report_ratio(const compare_model *m, const compare_side *side, size_t f, char *buf,
                         size_t len)
{
    char verdict[200];
    if (f == 0) {
        snprintf(buf, len, "baseline");
        return;
    }
    if (isnan(side->best_time_ratio)) {
        snprintf(buf, len, "-");
        return;
    }
    report_verdict(m, side->best_time_verdict, f, "faster", verdict, sizeof verdict);
    snprintf(buf, len, "%.2f, %s", side->best_time_ratio, verdict);
}

static void report_legend(const compare_model *m, compare_grid *g)
{
    static const char *const head[] = {"machine", "file", "CPU", "logical CPUs",
                                       "physical cores", "version", "timing", "build"};
    compare_grid_headed(g, 8, 3, head);
    for (size_t f = 0; f < m->nfiles; f++) {
        const rf_file *file = m->files[f];
        compare_grid_row(g);
        compare_grid_set(g, 0, "%s%s", m->label[f], f == 0 ? " (baseline)" : "");
        char path[4 * sizeof file->path], cpu[4 * sizeof file->cpu_model]; /* from outside */
        compare_grid_set(g, 1, "%s", text_escape(file->path, path, sizeof path));
        compare_grid_set(g, 2, "%s", text_escape(file->cpu_model, cpu, sizeof cpu));
        compare_grid_set(g, 3, "%d", file->logical_cpus);
        if (file->physical_cores > 0)
            compare_grid_set(g, 4, "%d", file->physical_cores);
        else
            compare_grid_set(g, 4, "unknown");
        compare_grid_set(g, 5, "%s", file->version[0] ? file->version : "-");
        compare_grid_set(g, 6, "%s", file->timing);
        char build[600];
        compare_build_text(file, build, sizeof build);
        compare_grid_set(g, 7, "%s", build);
    }
}

/* Parameters and size of each machine, when they differ. */
static void report_params(const compare_model *m, const compare_config *cf, compare_grid *g)
{
    compare_grid_row(g);
    compare_grid_set(g, 0, "parameters");
    for (size_t f = 0; f < m->nfiles; f++)
        compare_grid_set(g, f + 1, "%s", cf->params[f] ? cf->params[f] : "-");
    compare_grid_row(g);
    compare_grid_set(g, 0, "size");
    for (size_t f = 0; f < m->nfiles; f++)
        if (cf->params[f])
            compare_grid_set(g, f + 1, "%lld", cf->size[f]);
        else
            compare_grid_set(g, f + 1, "-");
}

enum { SERIAL_TIME, SERIAL_CI, SERIAL_RATIO, SERIAL_ROWS };

static const char *const serial_rows[SERIAL_ROWS] = {"median time", "95% CI",
                                                     "time ratio (1 thread)"};

static void report_serial_cell(const compare_model *m, const compare_series *s, size_t f, int r,
                               char *buf, size_t len)
{
    const rf_row *row = s ? compare_cell_at(m, s, 0, f)->row : NULL;
    if (!row)
        snprintf(buf, len, "-");
    else if (row->reps == 0 && r != SERIAL_RATIO) /* no time: the file's detail says why */
        snprintf(buf, len, "%s", r == SERIAL_TIME ? "failed" : "-");
    else if (r == SERIAL_TIME)
        snprintf(buf, len, "%.4g s", row->median_s);
    else if (r == SERIAL_CI)
        snprintf(buf, len, "[%.4g, %.4g]", row->ci95_low_s, row->ci95_high_s);
    else
        report_ratio(m, &s->side[f], f, buf, len);
}

/* The serial row of each machine (s may be NULL) and the time ratio at 1 thread. */
static void report_serial(const compare_model *m, const compare_config *cf,
                          const compare_series *s, compare_grid *g)
{
    compare_grid_init(g, m->nfiles + 1);
    compare_grid_row(g);
    compare_grid_set(g, 0, "serial");
    for (size_t f = 0; f < m->nfiles; f++)
        compare_grid_set(g, f + 1, "%s", m->label[f]);
    if (cf->params_differ || cf->size_differ)
        report_params(m, cf, g);
    for (int r = 0; r < SERIAL_ROWS; r++) {
        compare_grid_row(g);
        compare_grid_set(g, 0, "%s", serial_rows[r]);
        for (size_t f = 0; f < m->nfiles; f++) {
            char cell[256];
            report_serial_cell(m, s, f, r, cell, sizeof cell);
            compare_grid_set(g, f + 1, "%s", cell);
        }
    }
}

/* The unit of the kernel's own figure in series s (compare_metric), or NULL when it has none. */
static const char *report_metric_unit(const compare_model *m, const compare_series *s)
{
    for (size_t t = 0; t < s->nthreads; t++)
        for (size_t f = 0; f < m->nfiles; f++) {
            const rf_row *r = compare_cell_at(m, s, t, f)->row;
            const char *unit;
            if (r && isfinite(compare_metric(r, &unit)))
                return unit; /* a row with a figure names it */
        }
    return NULL;
}

/*
 * The first column of file f's group in the threads grid: S, E, the kernel's
 * own figure when the series has one, and after the first file its time
 * ratio and its speedup verdict against the baseline.
 */
static size_t report_group_col(size_t f, bool metric)
{
    size_t first = 2 + metric, later = first + 2;
    return f ? 1 + first + (f - 1) * later : 1;
}

static void report_thread_cells(const compare_model *m, const compare_series *s, size_t t,
                                size_t f, bool metric, compare_grid *g)
{
    const compare_cell *c = compare_cell_at(m, s, t, f);
    const compare_side *side = &s->side[f];
    size_t col = report_group_col(f, metric), after = col + 2 + metric;
    char verdict[200];
    const char *unit;
    if (f) {
        report_verdict(m, c->speedup_verdict, f, "higher", verdict, sizeof verdict);
        if (isfinite(c->time_ratio))
            compare_grid_set(g, after, "%.2f", c->time_ratio);
        else
            compare_grid_set(g, after, "-");
        compare_grid_set(g, after + 1, "%s", verdict);
    }
    double figure = c->row ? compare_metric(c->row, &unit) : NAN;
    if (metric && isfinite(figure))
        compare_grid_set(g, col + 2, "%.4g", figure);
    else if (metric)
        compare_grid_set(g, col + 2, "-");
    if (!c->row) {
        compare_grid_set(g, col, "-");
        compare_grid_set(g, col + 1, "-");
        return;
    }
    bool knee = side->summary_ok && side->summary.knee != KNEE_NONE &&
                side->summary.flattens_at == s->threads[t];
    const char *mark = c->row->verified == RF_NOT_VERIFIED ? "!" : "";
    if (c->row->reps == 0) /* no repetition: the file's detail says why */
        compare_grid_set(g, col, "failed!");
    else if (isfinite(c->row->speedup))
        compare_grid_set(g, col, "%.2f%s%s", c->row->speedup, knee ? "*" : "", mark);
    else /* no serial time to take it against */
        compare_grid_set(g, col, "-%s", mark);
    if (isfinite(c->row->efficiency))
        compare_grid_set(g, col + 1, "%.2f", c->row->efficiency);
    else
        compare_grid_set(g, col + 1, "-");
}

/*
 * Speedup, efficiency and the kernel's own figure by thread count, one column
 * group per machine, with each later machine's time ratio and verdict.
 */
static void report_threads(const compare_model *m, const compare_series *s, compare_grid *g)
{
    const char *unit = report_metric_unit(m, s);
    bool metric = unit != NULL;
    compare_grid_init(g, report_group_col(m->nfiles, metric));
    compare_grid_row(g);
    compare_grid_set(g, 0, "threads");
    for (size_t f = 0; f < m->nfiles; f++) {
        size_t col = report_group_col(f, metric), after = col + 2 + metric;
        compare_grid_set(g, col, "%s S", m->label[f]);
        compare_grid_set(g, col + 1, "%s E", m->label[f]);
        if (metric)
            compare_grid_set(g, col + 2, "%s %s", m->label[f], unit);
        if (f) {
            compare_grid_set(g, after, "%s time ratio", m->label[f]);
            compare_grid_set(g, after + 1, "%s vs %s", m->label[f], m->label[0]);
        }
    }
    for (size_t t = 0; t < s->nthreads; t++) {
        compare_grid_row(g);
        compare_grid_set(g, 0, "%d", s->threads[t]);
        for (size_t f = 0; f < m->nfiles; f++)
            report_thread_cells(m, s, t, f, metric, g);
    }
}

enum { SUM_MAX, SUM_KNEE, SUM_PER_CORE, SUM_AMDAHL, SUM_BEST_TIME, SUM_RATIO, SUM_ROWS };

static const char *const summary_rows[SUM_ROWS] = {
    "max speedup", "flattens at", "max speedup / physical core", "Amdahl serial fraction",
    "median time at best", "time ratio at best",
};

static void report_summary_cell(const compare_model *m, const compare_series *s, size_t f, int r,
                                char *buf, size_t len)
{
    const compare_side *side = &s->side[f];
    const scaling_summary *sum = &side->summary;
    snprintf(buf, len, "-");
    if (!side->summary_ok)
        return;
    /* what the analysis withholds (scaling.h) is said to be, not printed as a finding */
    if (r == SUM_MAX)
        snprintf(buf, len, "%.2f at %d%s", sum->max_speedup, sum->best_threads,
                 sum->no_speedup ? " (no speedup)" : sum->speedup_note[0] ? " (none shown)" : "");
    else if (r == SUM_KNEE && sum->knee_withheld[0])
        snprintf(buf, len, "withheld");
    else if (r == SUM_KNEE && sum->knee == KNEE_NONE)
        snprintf(buf, len, "still scaling at %d", sum->flattens_at);
    else if (r == SUM_KNEE)
        snprintf(buf, len, "%d (%s)", sum->flattens_at, scaling_knee_name(sum->knee));
    else if (r == SUM_PER_CORE && isfinite(side->max_speedup_per_core))
        snprintf(buf, len, "%.2f", side->max_speedup_per_core);
    else if (r == SUM_PER_CORE)
        snprintf(buf, len, "unknown cores");
    else if (r == SUM_AMDAHL && sum->amdahl_ok && sum->amdahl_withheld[0])
        snprintf(buf, len, "withheld");
    else if (r == SUM_AMDAHL && sum->amdahl_ok)
        snprintf(buf, len, "%.3f", sum->amdahl_f);
    else if (r == SUM_BEST_TIME && side->best)
        snprintf(buf, len, "%.4g s", side->best->median_s);
    else if (r == SUM_RATIO)
        report_ratio(m, side, f, buf, len);
}

/* Each machine's scaling summary of the series. */
static void report_summary(const compare_model *m, const compare_series *s, compare_grid *g)
{
    compare_grid_init(g, m->nfiles + 1);
    compare_grid_row(g);
    compare_grid_set(g, 0, "summary");
    for (size_t f = 0; f < m->nfiles; f++)
        compare_grid_set(g, f + 1, "%s", m->label[f]);
    for (int r = 0; r < SUM_ROWS; r++) {
        compare_grid_row(g);
        compare_grid_set(g, 0, "%s", summary_rows[r]);
        for (size_t f = 0; f < m->nfiles; f++) {
            char cell[256];
            report_summary_cell(m, s, f, r, cell, sizeof cell);
            compare_grid_set(g, f + 1, "%s", cell);
        }
    }
}

/* Writes a grid with the sink and frees it. */
static int report_grid(const compare_sink *k, FILE *out, compare_grid *g)
{
    int status = k->grid(g, out);
    compare_grid_free(g);
    return status;
}

static int report_config(const compare_model *m, const compare_sink *k, size_t c, FILE *out)
{
    const compare_config *cf = &m->configs[c];
    char title[512], part[64] = "";
    compare_grid g;
    int status = 0;
    if (cf->count > 1)
        snprintf(part, sizeof part, " (configuration %d of %d)", cf->index, cf->count);
    snprintf(title, sizeof title, "%s%s  %s", cf->kernel, part,
             cf->params_differ ? "(parameters differ between the machines)"
                               : cf->params[0] ? cf->params[0] : "");
    k->heading(out, 1, title);
    report_serial(m, cf, compare_serial_of(m, c), &g);
    status |= report_grid(k, out, &g);
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        if (s->config != c || s->serial)
            continue;
        snprintf(title, sizeof title, "%s %s", s->variant, s->schedule);
        k->heading(out, 2, title);
        report_threads(m, s, &g);
        status |= report_grid(k, out, &g);
        report_summary(m, s, &g);
        status |= report_grid(k, out, &g);
    }
    return status;
}

static void report_notes(const compare_model *m, const compare_sink *k, FILE *out)
{
    char note[1024];
    k->heading(out, 1, "How to read this");
    snprintf(note, sizeof note,
             "S: speedup against the machine's own serial time; E: efficiency, S / threads; "
             "'*' where scaling flattens (no later thread count gains more than %.0f%%); "
             "'!' a row that did not verify; 'failed' a cell that failed before any repetition "
             "(the file's detail column says why); '-' no such row or no such figure.",
             100 * COMPARE_THRESHOLD);
    k->note(out, note);
    k->note(out, "X vs Y: whose speedup 95% interval lies wholly above the other's; n.s. where "
                 "the intervals overlap (not significant), unknown where a file has no "
                 "speedup intervals.");
    snprintf(note, sizeof note,
             "Time ratios: the baseline's (%s) median time / the machine's, at 1 thread (serial) "
             "and at each machine's best thread count; above 1, that machine is faster; n.s. "
             "where the median-time 95%% intervals overlap.",
             m->label[0]);
    k->note(out, note);
    k->note(out, "Max speedup / physical core: the max speedup divided by the machine's "
                 "physical cores, so that machines of different sizes read side by side.");
    k->note(out, "withheld: a knee or an Amdahl fraction the data cannot support (intervals "
                 "that overlap, a fraction outside [0, 1], a fit through two thread counts or "
                 "with R^2 below 0.9), as `ompscale run` withholds them; (no speedup): the best "
                 "is below 1.");
    k->note(out, "Per thread count: GB/s, GFLOP/s, ...: the kernel's throughput at the median "
                 "time; us/construct (the overhead kernels): the cost of one construct, EPCC's "
                 "test less reference; X time ratio: the baseline's median time / X's at that "
                 "thread count, above 1 where X is faster.");
    k->note(out, "Geometric means, over the kernel configurations a machine shares with the "
                 "baseline: at best, of the baseline's shortest median time of the configuration "
                 "(any variant, schedule and thread count) / the machine's; at 1 thread, of the "
                 "serial time ratios.");
    snprintf(note, sizeof note,
             "Regression gate: each cell against the baseline's, by the Mann-Whitney U test "
             "(two-sided) on the two cells' repetition times; slowdown: its median / the "
             "baseline's. regression: slowdown above %.2f with p < %g; improvement: below 1/%.2f "
             "with p < %g; too-few-repetitions: under %d in either cell; no-repetitions: a file "
             "without times (a CSV). 95%% CIs: whether the two medians' intervals overlap "
             "(the time ratios' n.s.), a more conservative check beside it.",
             m->settings.factor, m->settings.alpha, m->settings.factor, m->settings.alpha,
             COMPARE_MIN_REPS);
    k->note(out, note);
}

static int report_document(const compare_model *m, const compare_sink *k, FILE *out)
{
    compare_grid g;
    k->heading(out, 1, "Machines");
    report_legend(m, &g);
    int status = report_grid(k, out, &g);
    for (size_t c = 0; c < m->nconfigs; c++)
        status |= report_config(m, k, c, out);
    k->heading(out, 1, "Geometric means of the time ratios over kernels");
    compare_grid_geomeans(m, &g);
    status |= report_grid(k, out, &g);
    k->heading(out, 1, "Regression gate");
    compare_grid_gate(m, &g);
    if (m->gate_counts[GATE_NO_DIFFERENCE] + m->gate_counts[GATE_REGRESSION] +
        m->gate_counts[GATE_IMPROVEMENT] + m->gate_counts[GATE_TOO_FEW] > 0)
        status |= report_grid(k, out, &g);
    else {
        compare_grid_free(&g);
        k->note(out, "No verdicts: no cell is in both the baseline and another file with its "
                     "repetition times (a CSV has none: compare the JSON files).");
    }
    report_notes(m, k, out);
    return status || ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

static int report_table_write(const compare_model *m, FILE *out)
{
    static const compare_sink sink = {text_heading, text_grid, text_note};
    return report_document(m, &sink, out);
}

static int report_markdown_write(const compare_model *m, FILE *out)
{
    static const compare_sink sink = {md_heading, md_grid, md_note};
    return report_document(m, &sink, out);
}

const compare_format compare_table = {"table", report_table_write};
const compare_format compare_markdown = {"markdown", report_markdown_write};
