/*
 * report_table.c: the terminal summary.  Per kernel configuration, a table
 * with the thread counts across and, for each variant and schedule, speedup
 * (S) and efficiency (E) down, the knee marked with '*'; then one sentence per
 * variant saying where and why scaling flattens, from the scaling summary.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

static const cell_result *table_cell(const sweep_result *r, const scaling_result *sr, int threads)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const cell_result *c = &r->cells[i];
        if (c->group == sr->group && c->variant == sr->variant && c->threads == threads &&
            c->schedule.kind == sr->schedule.kind && c->schedule.chunk == sr->schedule.chunk &&
            c->reps > 0)
            return c;
    }
    return NULL;
}

/*
 * Why a kernel stops scaling, in a few words, from what the suite knows of
 * it: its work unit (bytes: memory-bound; items that sleep: latency-bound),
 * whether its iterations cost alike, the schedule, and where the knee is.
 */
static const char *table_reason(const scaling_result *sr, const char *work_unit)
{
    scaling_knee knee = sr->summary.knee;
    bool static_split = sr->schedule.kind == SCHED_STATIC;
    if (knee == KNEE_NONE)
        return "no limit reached in this plan";
    if (strcmp(work_unit, "B") == 0)
        return "memory-bound: more threads add no memory bandwidth";
    if (knee == KNEE_EARLY)
        return "before the core count: parallel overhead or contention";
    if (sr->k->unequal_work && static_split)
        return "unequal iterations under a static split leave threads idle (extra threads "
               "rebalance it)";
    if (knee == KNEE_BEYOND)
        return "past the CPU count: latency-bound work (waiting threads leave the cores "
               "free), or a busy machine; see the intervals";
    return "compute-bound: past the cores, threads only share them";
}

static void table_sentence(const sweep_result *r, const scaling_result *sr, const cell_result *one,
                           FILE *out)
{
    const scaling_summary *m = &sr->summary;
    char sched[32];
    sched_format(&sr->schedule, sched, sizeof sched);
    fprintf(out, "  %s/%s (%s): ", sr->k->name, sr->k->variants[sr->variant].name, sched);
    if (m->knee == KNEE_NONE)
        fprintf(out, "still scaling at %d threads", m->best_threads);
    else
        fprintf(out, "flattens at %d thread%s (%s; %d physical cores, %d logical CPUs)",
                m->flattens_at, m->flattens_at == 1 ? "" : "s", scaling_knee_name(m->knee),
                r->ctx.physical_cores, r->ctx.logical_cpus);
    fprintf(out, ", %s. Best %.2fx at %d thread%s", table_reason(sr, one->work.unit),
            m->max_speedup, m->best_threads, m->best_threads == 1 ? "" : "s");
    if (m->amdahl_ok)
        fprintf(out, "; Amdahl serial fraction %.3f", m->amdahl_f);
    if (m->usl_ok)
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

static int table_write(const sweep_result *r, FILE *out)
{
    int last_group = -1;
    for (size_t j = 0; j < r->nscaling; j++) {
        const scaling_result *sr = &r->scaling[j];
        if (sr->group != last_group) {
            last_group = sr->group;
            const cell_result *serial = NULL;
            for (size_t i = 0; i < r->ncells; i++)
                if (r->cells[i].group == sr->group && r->cells[i].variant == 0)
                    serial = &r->cells[i];
            fprintf(out, "\n%s  %s\n", sr->k->name, serial ? serial->params : "");
            if (serial && serial->reps > 0 && r->whole_process)
                fprintf(out, "  serial median %.6g s, 95%% CI [%.6g, %.6g], %zu whole-process runs\n",
                        serial->stats.median_s, serial->stats.ci95_low_s,
                        serial->stats.ci95_high_s, serial->reps);
            else if (serial && serial->reps > 0)
                fprintf(out, "  serial median %.6g s, 95%% CI [%.6g, %.6g], %zu reps, %.4g %s\n",
                        serial->stats.median_s, serial->stats.ci95_low_s,
                        serial->stats.ci95_high_s, serial->reps, serial->throughput,
                        serial->throughput_unit);
            fprintf(out, "  %-24s  ", "threads");
            for (size_t i = 0; i < r->ncells; i++)
                if (r->cells[i].group == sr->group && r->cells[i].variant == sr->variant &&
                    r->cells[i].schedule.kind == sr->schedule.kind &&
                    r->cells[i].schedule.chunk == sr->schedule.chunk)
                    fprintf(out, "%7d ", r->cells[i].threads);
            fprintf(out, "\n");
        }
        char label[48], sched[32];
        sched_format(&sr->schedule, sched, sizeof sched);
        snprintf(label, sizeof label, "%s %s", sr->k->variants[sr->variant].name, sched);
        for (int line = 0; line < 2; line++) {
            fprintf(out, "  %-22s %s  ", line ? "" : label, line ? "E" : "S");
            for (size_t i = 0; i < r->ncells; i++) {
                const cell_result *c = &r->cells[i];
                if (c->group != sr->group || c->variant != sr->variant ||
                    c->schedule.kind != sr->schedule.kind || c->schedule.chunk != sr->schedule.chunk)
                    continue;
                bool knee = sr->summary.knee != KNEE_NONE && c->threads == sr->summary.flattens_at;
                fprintf(out, "%6.2f%c ", line ? c->efficiency : c->speedup,
                        line == 0 && knee ? '*' : (c->verified ? ' ' : '!'));
            }
            fprintf(out, "\n");
        }
        const cell_result *one = table_cell(r, sr, sr->summary.best_threads);
        if (one)
            table_sentence(r, sr, one, out);
    }
    fprintf(out, "\n'*' marks where scaling flattens (no later thread count gains more than "
                 "%.0f%%); '!' a cell that did not verify.\n", 100 * r->knee_threshold);
    return ferror(out) ? 1 : 0;
}

const reporter report_table = {"table", ".txt", table_write};
