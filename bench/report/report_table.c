/*
 * report_table.c: the terminal summary.  Per kernel configuration, a table
 * with the thread counts across and, for each variant and schedule, speedup
 * (S) and efficiency (E) down, the knee marked with '*'; then one sentence per
 * variant saying where and why scaling flattens, from the scaling summary
 * and its diagnosis (analysis.c): the table derives no figure of its own.
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <stdlib.h>

#include "analysis.h"
#include "ceiling.h"
#include "report.h"
#include "text.h"
#include "roofline.h"
#include "sizes.h"

static bool table_same_series(const cell_result *c, const scaling_result *sr)
{
    return c->group == sr->group && c->variant == sr->variant &&
           c->schedule.kind == sr->schedule.kind && c->schedule.chunk == sr->schedule.chunk;
}

static void table_sentence(const sweep_result *r, const scaling_result *sr, FILE *out)
{
    const scaling_summary *m = &sr->summary;
    char sched[32];
    sched_format(&sr->schedule, sched, sizeof sched);
    fprintf(out, "  %s/%s (%s): ", sr->k->name, sr->k->variants[sr->variant].name, sched);
    if (sr->as_asked < 2)
        fprintf(out, "only %d thread count ran with the threads it asked for, so no scaling is "
                     "measured", sr->as_asked);
    else if (m->speedup_note[0]) /* it names the best speedup itself */
        fprintf(out, "%s", m->speedup_note);
    else if (m->knee_withheld[0])
        fprintf(out, "where it flattens is %s", m->knee_withheld);
    else if (m->knee == KNEE_NONE)
        fprintf(out, "still scaling at %d thread%s", m->best_threads,
                m->best_threads == 1 ? "" : "s");
    else if (r->ctx.physical_cores > 0)
        fprintf(out, "flattens at %d thread%s (%s; %d physical cores, %d logical CPUs)",
                m->flattens_at, m->flattens_at == 1 ? "" : "s", scaling_knee_name(m->knee),
                r->ctx.physical_cores, r->ctx.logical_cpus);
    else
        fprintf(out, "flattens at %d thread%s (%s; physical cores unknown, %d logical CPUs)",
                m->flattens_at, m->flattens_at == 1 ? "" : "s", scaling_knee_name(m->knee),
                r->ctx.logical_cpus);
    if (sr->diagnosis)
        fprintf(out, ", %s", sr->diagnosis);
    else if (sr->resources[0]) /* measured, whatever the knee: no cause is drawn from it */
        fprintf(out, "; measured: %s", sr->resources);
    if (sr->as_asked < 2 || !m->speedup_note[0])
        fprintf(out, ". Best %.2fx at %d thread%s", m->max_speedup, m->best_threads,
                m->best_threads == 1 ? "" : "s");
    if (m->amdahl_ok && m->amdahl_withheld[0])
        fprintf(out, "; no Amdahl serial fraction: %s", m->amdahl_withheld);
    else if (m->amdahl_ok)
        fprintf(out, "; Amdahl serial fraction %.3f", m->amdahl_f);
    if (m->usl_ok && m->usl_withheld[0])
        fprintf(out, "; no USL prediction: %s", m->usl_withheld);
    else if (m->usl_ok)
        fprintf(out, "; USL sigma %.3f kappa %.4f, predicts %.2fx at %d and %.2fx at %d threads",
                m->usl_sigma, m->usl_kappa, m->usl_at_2P, 2 * r->ctx.logical_cpus, m->usl_at_4P,
                4 * r->ctx.logical_cpus);
    if (sr->omp_overhead > 0)
        fprintf(out, "; 1-thread OpenMP/serial time %.3f", sr->omp_overhead);
    if (sr->best_schedule && sr->gain_over_static > 0 &&
        !(sr->schedule.kind == SCHED_STATIC && sr->schedule.chunk == 0))
        fprintf(out, "; best schedule, %.2fx static's best", sr->gain_over_static);
    fprintf(out, ".\n");
}

/* A series without a best cell: say so when its cells or its serial reference failed. */
static void table_no_speedup(const sweep_result *r, const scaling_result *sr, FILE *out)
{
    char sched[32];
    size_t failed = 0, cells = 0;
    for (size_t i = 0; i < r->ncells; i++)
        if (table_same_series(&r->cells[i], sr)) {
            cells++;
            failed += r->cells[i].failed;
        }
    bool serial = result_serial(r, sr->group) != NULL;
    if (failed == 0 && serial)
        return; /* nothing failed: too few threads obtained, which '<' marks */
    sched_format(&sr->schedule, sched, sizeof sched);
    fprintf(out, "  %s/%s (%s): ", sr->k->name, sr->k->variants[sr->variant].name, sched);
    if (failed > 0)
        fprintf(out, "%zu of %zu cells failed (ompscale's message and the detail column say "
                     "why)%s.\n", failed, cells, serial ? "" : "; no serial time, so no speedup");
    else
        fprintf(out, "no speedup: the serial reference has no time.\n");
}

/* The other configurations of series sr's kernel (text_words_part's lists). */
typedef struct table_others {
    const sweep_result *r;
    const scaling_result *sr;
} table_others;

static const char *table_other_params(const void *ctx, size_t i)
{
    const table_others *o = ctx;
    const cell_result *c = &o->r->cells[i];
    return c->k == o->sr->k && c->group != o->sr->group ? c->params : NULL;
}

/*
 * The parameters that tell series sr's configuration apart from the other
 * configurations of its kernel in the sweep (stream-read's fit=l1 and
 * fit=memory, rangesum's two modes): its words that not all of them share;
 * "" when the kernel ran one configuration.
 */
static void table_own_params(const sweep_result *r, const scaling_result *sr, char *buf,
                             size_t len)
{
    buf[0] = '\0';
    const char *mine = NULL;
    for (size_t i = 0; i < r->ncells && !mine; i++)
        if (r->cells[i].group == sr->group)
            mine = r->cells[i].params;
    table_others o = {r, sr};
    if (mine)
        text_words_part(mine, r->ncells, table_other_params, &o, false, buf, len);
}

/* The serial cell of a group whether it ran or failed, or NULL. */
static const cell_result *table_serial_cell(const sweep_result *r, int group)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].group == group && r->cells[i].variant == 0)
            return &r->cells[i];
    return NULL;
}

/* The rows one series prints: speedup and efficiency, or a construct's cost; bandwidth. */
enum { ROW_TIME, ROW_S, ROW_E, ROW_BEST, ROW_FRACTION, ROW_US, ROW_WEAK, ROW_CPU, ROW_SWITCHES,
       ROW_COUNT };

/* Grid lines start with this byte while the table is rendered for wrapping: never wrapped. */
#define TABLE_GRID '\001'


/* Which rows the series has: overhead kernels show microseconds, ceilings a fraction. */
static void table_rows(const sweep_result *r, const scaling_result *sr, bool rows[ROW_COUNT],
                       const char **ceiling)
{
    bool construct = false, fraction = false, bytes = false, weak = false, usage = false;
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (!table_same_series(c, sr) || c->reps == 0)
            continue;
        construct |= c->work.unit == KERNEL_UNIT_CONSTRUCT;
        fraction |= isfinite(c->ceiling_fraction);
        weak |= isfinite(c->weak_efficiency);
        usage |= isfinite(c->fig.cpu_per_wall);
        bytes |= c->work.unit == KERNEL_UNIT_BYTES && isfinite(c->best_throughput);
        if (c->ceiling)
            *ceiling = c->ceiling;
    }
    rows[ROW_TIME] = true;
    rows[ROW_S] = rows[ROW_E] = !construct;
    rows[ROW_US] = construct;
    rows[ROW_BEST] = bytes;
    rows[ROW_FRACTION] = fraction;
    rows[ROW_WEAK] = weak;
    rows[ROW_CPU] = rows[ROW_SWITCHES] = usage;
}

/* The unit of a series' median times, by its slowest cell: "s", "ms" or "us", and its scale. */
static const char *table_time_unit(const sweep_result *r, const scaling_result *sr, double *scale)
{
    double top = 0;
    for (size_t i = 0; i < r->ncells; i++)
        if (table_same_series(&r->cells[i], sr) && r->cells[i].reps > 0)
            top = fmax(top, r->cells[i].stats.median_s);
    *scale = top >= 1 ? 1 : top >= 1e-3 ? 1e3 : 1e6;
    return top >= 1 ? "median s" : top >= 1e-3 ? "median ms" : "median us";
}

static void table_value(const scaling_result *sr, const cell_result *c, int row, double scale,
                        FILE *out)
{
    const scaling_summary *m = &sr->summary;
    bool knee = m->knee != KNEE_NONE && c->threads == m->flattens_at && !m->knee_withheld[0];
    char mark = row == ROW_S && knee ? '*'
              : !c->verified ? '!'
              : !c->as_asked ? '<'
              : row == ROW_TIME && c->noisy ? '~'
              : row == ROW_FRACTION && c->ceiling_withheld ? '?' : ' ';
    double v = row == ROW_TIME ? (c->reps > 0 ? c->stats.median_s * scale : NAN)
             : row == ROW_S ? c->speedup : row == ROW_E ? c->efficiency
             : row == ROW_BEST ? c->best_throughput : row == ROW_FRACTION ? c->ceiling_fraction
             : row == ROW_WEAK ? c->weak_efficiency : row == ROW_CPU ? c->fig.cpu_per_wall
             : row == ROW_SWITCHES ? c->fig.involuntary_per_rep : c->overhead_us;
    if (isfinite(v) && row == ROW_TIME)
        fprintf(out, "%6.3g%c ", v, mark);
    else if (isfinite(v))
        fprintf(out, "%6.*f%c ", row == ROW_SWITCHES && v >= 100 ? 0
                                 : row == ROW_BEST || row == ROW_SWITCHES ? 1 : 2, v, mark);
    else
        fprintf(out, "%6s%c ", "-", mark);
}

/* The construct's cost at P and at the most threads, with intervals, instead of a scaling sentence. */
static void table_construct(const sweep_result *r, const scaling_result *sr, FILE *out)
{
    fprintf(out, "  %s: microseconds per construct over the serial reference loop", sr->k->name);
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (table_same_series(c, sr) && isfinite(c->overhead_us) &&
            (c->threads == r->ctx.logical_cpus || c->threads == 2 * r->ctx.logical_cpus))
            fprintf(out, "; %.3g us at %d threads, 95%% CI [%.3g, %.3g]", c->overhead_us,
                    c->threads, c->overhead_ci_low_us, c->overhead_ci_high_us);
    }
    if (sr->resources[0])
        fprintf(out, "; measured: %s", sr->resources);
    fprintf(out, ".\n");
}

/* With several sizes: where parallel execution starts to beat serial. */
static void table_crossover(const scaling_result *sr, FILE *out)
{
    char sched[32];
    sched_format(&sr->schedule, sched, sizeof sched);
    if (sr->faster_from > 0)
        fprintf(out, "  %s/%s (%s) over the sizes: slower than serial below %s = %lld, faster from "
                     "it on\n", sr->k->name, sr->k->variants[sr->variant].name, sched,
                sr->k->size_param, (long long)sr->faster_from);
    else if (sr->faster_from < 0)
        fprintf(out, "  %s/%s (%s) over the sizes: slower than serial at every size measured\n",
                sr->k->name, sr->k->variants[sr->variant].name, sched);
}

/* The minimum size for a parallel region to cost under 1% of the work at P threads. */
static void table_min_size(const sweep_result *r, const scaling_result *sr, FILE *out)
{
    if (sr->min_size <= 0)
        return;
    fprintf(out, "  %s: a parallel region costs %.3g us at %d threads, under 1%% of the work from "
                 "%s = %lld on (%.3g x this run's %lld)%s\n",
            sr->k->name, sr->fork_join_us, r->ctx.logical_cpus, sr->k->size_param,
            (long long)sr->min_size, (double)sr->min_size / (double)sr->size, (long long)sr->size,
            sr->size < sr->min_size ? ": this run is too small to scale" : "");
}

static const char *const row_names[ROW_COUNT] = {"", "S", "E", "GB/s", "ceil", "us", "Ew",
                                                 "CPU-s/s", "invol/rep"};

/*
 * The summary across kernels, one line per series: its best, where it
 * flattens and what bounds it (as the sentences say, withheld claims as
 * withheld), and how far to trust it: noisy cells, cells short of threads.
 */
static void table_summary(const sweep_result *r, FILE *out)
{
    if (r->nscaling == 0)
        return;
    fprintf(out, "\nSummary: best speedup; where it flattens and why; trust\n");
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *sr = &r->scaling[j];
        const scaling_summary *m = &sr->summary;
        char sched[32], head[96];
        sched_format(&sr->schedule, sched, sizeof sched);
        char own[64];
        table_own_params(r, sr, own, sizeof own);
        snprintf(head, sizeof head, "%s/%s %s%s%s%s", sr->k->name,
                 sr->k->variants[sr->variant].name, sched, own[0] ? " (" : "", own,
                 own[0] ? ")" : "");
        size_t cells = 0, noisy = 0, short_of = 0;
        bool construct = false;
        for (size_t i = 0; i < r->ncells; i++)
            if (table_same_series(&r->cells[i], sr) && r->cells[i].reps > 0) {
                cells++;
                noisy += r->cells[i].noisy;
                short_of += !r->cells[i].as_asked;
                construct |= r->cells[i].work.unit == KERNEL_UNIT_CONSTRUCT;
            }
        fprintf(out, "  %-34s ", head);
        if (construct)
            fprintf(out, "construct cost, no speedup (us row above)");
        else if (!sr->analysed || sr->as_asked < 2)
            fprintf(out, "no scaling measured");
        else if (m->speedup_note[0])
            fprintf(out, "%s", m->no_speedup ? "no speedup" : "no speedup shown");
        else {
            fprintf(out, "%.2fx at %d; ", m->max_speedup, m->best_threads);
            if (m->knee_withheld[0])
                fprintf(out, "inconclusive");
            else if (m->knee == KNEE_NONE)
                fprintf(out, "still scaling");
            else
                fprintf(out, "flattens at %d", m->flattens_at);
            if (sr->diagnosis) /* its class, the words before its colon */
                fprintf(out, ", %.*s", (int)strcspn(sr->diagnosis, ":"), sr->diagnosis);
        }
        if (noisy || short_of)
            fprintf(out, "; %zu of %zu cells noisy%s", noisy, cells,
                    short_of ? ", some short of threads" : "");
        else if (cells)
            fprintf(out, "; every cell within +-%.0f%%", 100 * r->noise_tolerance);
        fputc('\n', out);
    }
}

/* The roofs' names, in the order they are listed. */
static const char *const table_roofs[] = {ROOFLINE_COMPUTE, "L1", "L2", "L3", ROOFLINE_MEMORY};

/*
 * The roofline (roofline.h): the measured roofs at each thread count of the
 * parallel cells (the best repetition), then each kernel configuration's
 * sentence: which roof bounds it and how close it gets.
 */
static void table_roofline(const sweep_result *r, FILE *out)
{
    if (r->nroofline == 0)
        return;
    fprintf(out, "\nRoofline: the roofs (best repetition) at each thread count, then each kernel "
                 "at its highest G(FL)OP/s\n");
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        bool first = true;
        for (size_t j = 0; j < i && first; j++) /* each thread count once */
            first = !(r->cells[j].variant != 0 && r->cells[j].work.roof &&
                      r->cells[j].threads == c->threads);
        if (c->variant == 0 || !c->work.roof || !first)
            continue;
        fprintf(out, "  roofs at %d thread%s:", c->threads, c->threads == 1 ? "" : "s");
        for (size_t k = 0, n = 0; k < sizeof table_roofs / sizeof *table_roofs; k++) {
            double roof = roofline_roof(r, table_roofs[k], c);
            if (isfinite(roof))
                fprintf(out, "%s %s %.4g %s", n++ ? "," : "", table_roofs[k], roof,
                        strcmp(table_roofs[k], ROOFLINE_COMPUTE) == 0 ? "GFLOP/s" : "GB/s");
        }
        fputc('\n', out);
    }
    for (size_t p = 0; p < r->nroofline; p++)
        fprintf(out, "  %s\n", r->roofline[p].sentence);
}

/* Prints text with every line over 99 columns wrapped at a space, continued 4 deeper. */
static void table_wrap(FILE *out, const char *text)
{
    enum { WIDTH = 99 };
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (*line == TABLE_GRID) { /* a grid line: never wrapped */
            fwrite(line + 1, 1, len - 1, out);
        } else {
            size_t indent = 0, col = 0, at = 0;
            while (indent < len && line[indent] == ' ')
                indent++;
            while (len - at + col > WIDTH) {
                size_t room = WIDTH - col, cut = at + room;
                while (cut > at && line[cut] != ' ')
                    cut--;
                if (cut == at)
                    break; /* one word longer than the line: left whole */
                fwrite(line + at, 1, cut - at, out);
                fprintf(out, "\n%*s", (int)(indent + 4), "");
                col = indent + 4;
                at = cut + 1;
            }
            fwrite(line + at, 1, len - at, out);
        }
        fputc('\n', out);
        line += end ? len + 1 : len;
    }
}

static int table_render(const sweep_result *r, FILE *out, const char *grid);

/*
 * The table: straight to a terminal (which wraps for itself); to a file or
 * pipe, lines of prose wrapped under 100 columns, the grid left whole.
 */
static int table_write(const sweep_result *r, FILE *out)
{
    if (isatty(fileno(out)))
        return table_render(r, out, "");
    char *text = NULL;
    size_t len = 0;
    FILE *s = open_memstream(&text, &len);
    if (!s)
        return OMPSCALE_FAIL;
    char grid[2] = {TABLE_GRID, '\0'};
    int status = table_render(r, s, grid);
    if (fclose(s) != 0)
        status = OMPSCALE_FAIL;
    if (status == 0)
        table_wrap(out, text);
    free(text);
    return status || ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

static int table_render(const sweep_result *r, FILE *out, const char *grid)
{
    int last_group = -1;
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *sr = &r->scaling[j];
        if (sr->group != last_group) {
            last_group = sr->group;
            const cell_result *serial = result_serial(r, sr->group);
            const cell_result *any = table_serial_cell(r, sr->group);
            fprintf(out, "\n%s  %s\n", sr->k->name, any ? any->params : "");
            if (!serial && any && any->failed)
                fprintf(out, "  serial failed, so there are no speedups: %s\n", any->check.detail);
            if (serial && r->whole_process)
                fprintf(out, "  serial median %.6g s, 95%% CI [%.6g, %.6g], %zu whole-process runs\n",
                        serial->stats.median_s, serial->stats.ci95_low_s,
                        serial->stats.ci95_high_s, serial->reps);
            else if (serial && serial->work.unit == KERNEL_UNIT_BYTES)
                /* bandwidth as the GB/s row has it: the best repetition (STREAM's rule) */
                fprintf(out, "  serial median %.6g s, 95%% CI [%.6g, %.6g], %zu reps, best %.4g "
                             "GB/s\n", serial->stats.median_s, serial->stats.ci95_low_s,
                        serial->stats.ci95_high_s, serial->reps, serial->best_throughput);
            else if (serial)
                fprintf(out, "  serial median %.6g s, 95%% CI [%.6g, %.6g], %zu reps, %.4g %s\n",
                        serial->stats.median_s, serial->stats.ci95_low_s,
                        serial->stats.ci95_high_s, serial->reps, serial->throughput,
                        serial->throughput_unit);
            fprintf(out, "%s  %-38s", grid, "threads");
            for (size_t i = 0; i < r->ncells; i++)
                if (table_same_series(&r->cells[i], sr))
                    fprintf(out, "%7d ", r->cells[i].threads);
            fprintf(out, "\n");
        }
        char label[48], sched[32], name[48];
        const char *ceiling = NULL;
        bool rows[ROW_COUNT];
        table_rows(r, sr, rows, &ceiling);
        sched_format(&sr->schedule, sched, sizeof sched);
        snprintf(label, sizeof label, "%s %s", sr->k->variants[sr->variant].name, sched);
        bool first = true;
        double scale;
        const char *time_unit = table_time_unit(r, sr, &scale);
        for (int row = 0; row < ROW_COUNT; row++) {
            if (!rows[row])
                continue;
            snprintf(name, sizeof name, "%s", row == ROW_TIME ? time_unit : row_names[row]);
            if (row == ROW_FRACTION && ceiling)
                snprintf(name, sizeof name, "of %s", ceiling);
            fprintf(out, "%s  %-22s %14s  ", grid, first ? label : "", name);
            first = false;
            for (size_t i = 0; i < r->ncells; i++)
                if (table_same_series(&r->cells[i], sr))
                    table_value(sr, &r->cells[i], row, scale, out);
            fprintf(out, "\n");
        }
        const cell_result *one = analysis_best_cell(r, sr);
        if (rows[ROW_US] && sr->measured)
            table_construct(r, sr, out);
        else if (one)
            table_sentence(r, sr, out);
        else
            table_no_speedup(r, sr, out);
        if (j + 1 == r->nscaling || r->scaling[j + 1].group != sr->group)
            table_min_size(r, sr, out); /* once per configuration, after its last series */
        if (sizes_is_last(r, j))
            table_crossover(sr, out);
    }
    table_summary(r, out);
    table_roofline(r, out);
    fprintf(out, "\n'*' marks where scaling flattens (no later thread count gains more than "
                 "%.0f%%); '!' a cell that did not verify or failed; '~' a noisy cell (95%% CI "
                 "of its median wider than +-%.0f%%); '-' no figure. median: the cell's median "
                 "time; GB/s: best of the repetitions (STREAM's rule); ceil: that as a fraction "
                 "of the ceiling kernel's best at the same threads; us: microseconds per "
                 "construct; Ew: weak-scaling efficiency; CPU-s/s: CPU seconds of the whole "
                 "process per wall second; invol/rep: involuntary context switches per "
                 "repetition.\n", 100 * r->knee_threshold, 100 * r->noise_tolerance);
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].reps > 0 && !r->cells[i].as_asked) {
            fprintf(out, "'<': fewer threads obtained than asked (threads_obtained); E is over "
                         "the threads obtained, and the knee and fits leave the cell out.\n");
            break;
        }
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].ceiling_withheld) {
            fprintf(out, "'?': a fraction of the ceiling above %.2f, which no kernel can reach: "
                         "one of the two measurements is off (noise), so it is no finding.\n",
                    CEILING_MAX_FRACTION);
            break;
        }
    return ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

const reporter report_table = {"table", ".txt", table_write};
