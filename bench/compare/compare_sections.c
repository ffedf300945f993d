/*
 * compare_sections.c: the grids of the comparison's closing sections
 * (compare_sections.h), which the table and the markdown write alike.
 */
#include <math.h>

#include "compare_sections.h"

/* "%.3f", or "-" when x is not finite. */
static void report_number(compare_grid *g, size_t col, double x)
{
    if (isfinite(x))
        compare_grid_set(g, col, "%.3f", x);
    else
        compare_grid_set(g, col, "-");
}

void compare_grid_geomeans(const compare_model *m, compare_grid *g)
{
    compare_grid_init(g, 4);
    compare_grid_row(g);
    compare_grid_set(g, 0, "machine");
    compare_grid_set(g, 1, "time ratio at best");
    compare_grid_set(g, 2, "time ratio at 1 thread");
    compare_grid_set(g, 3, "kernels");
    for (size_t f = 0; f < m->nfiles; f++) {
        compare_grid_row(g);
        compare_grid_set(g, 0, "%s%s", m->label[f], f == 0 ? " (baseline)" : "");
        report_number(g, 1, m->geomean_best[f]);
        report_number(g, 2, m->geomean_serial[f]);
        compare_grid_set(g, 3, "%d", m->geomean_configs[f]);
    }
}

void compare_grid_gate(const compare_model *m, compare_grid *g)
{
    static const char *const head[] = {"kernel", "variant", "schedule", "threads", "machine",
                                       "baseline median", "median", "slowdown", "p",
                                       "verdict", "95% CIs"};
    compare_grid_headed(g, 11, 3, head);
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        const compare_config *cf = &m->configs[s->config];
        for (size_t t = 0; t < s->nthreads; t++)
            for (size_t f = 1; f < m->nfiles; f++) {
                const compare_cell *c = compare_cell_at(m, s, t, f);
                if (c->gate.verdict == GATE_NONE)
                    continue;
                compare_grid_row(g);
                if (cf->count > 1)
                    compare_grid_set(g, 0, "%s (%d)", cf->kernel, cf->index);
                else
                    compare_grid_set(g, 0, "%s", cf->kernel);
                compare_grid_set(g, 1, "%s", s->variant);
                compare_grid_set(g, 2, "%s", s->schedule);
                compare_grid_set(g, 3, "%d", s->threads[t]);
                compare_grid_set(g, 4, "%s", m->label[f]);
                compare_grid_set(g, 5, "%.4g s", compare_cell_at(m, s, t, 0)->row->median_s);
                compare_grid_set(g, 6, "%.4g s", c->row->median_s);
                compare_grid_set(g, 7, "%.3f", c->gate.slowdown);
                if (isfinite(c->gate.p))
                    compare_grid_set(g, 8, "%.2g", c->gate.p);
                else
                    compare_grid_set(g, 8, "-");
                compare_grid_set(g, 9, "%s", compare_gate_name(c->gate.verdict));
                compare_grid_set(g, 10, "%s", c->time_verdict == COMPARE_NS ? "overlap"
                                              : c->time_verdict == COMPARE_UNKNOWN ? "unknown"
                                                                                   : "apart");
            }
    }
}
