/*
 * compare_gate.c: the regression gate's verdicts (compare.h).  Each cell of
 * each file after the first is set against the baseline's cell of the same
 * kernel configuration, variant, schedule and thread count: its slowdown is
 * the ratio of the median times (this / baseline), and the Mann-Whitney U
 * test on the two cells' repetition times (mannwhitney.h) says whether the
 * difference is real.  A slowdown beyond the factor with p < alpha is a
 * regression, a speedup beyond it (slowdown < 1 / factor) an improvement,
 * anything else no difference.  Below COMPARE_MIN_REPS repetitions in
 * either cell there is no verdict (the rule): the test itself could
 * still reach p < 0.05 with fewer (2 against 3 cannot, 4 against 4 can), but
 * so few times say little about a distribution with a long tail of
 * interrupted repetitions.  A file that records no times (a CSV, a JSON
 * before schema version 1) gets no verdict either.
 */
#include <math.h>
#include <stddef.h>

#include "compare.h"
#include "mannwhitney.h"
#include "status.h"

/* The verdict on a cell c of a file against the baseline's row b. */
static int compare_gate_cell(const compare_settings *st, const rf_row *b, compare_cell *c)
{
    const rf_row *r = c->row;
    compare_gate *g = &c->gate;
    *g = (compare_gate){.verdict = GATE_NONE, .slowdown = NAN, .p = NAN};
    if (!b || !r || b->reps == 0 || r->reps == 0)
        return OMPSCALE_OK;
    g->slowdown = r->median_s / b->median_s;
    if (!b->times || !r->times) {
        g->verdict = GATE_NO_TIMES;
        return OMPSCALE_OK;
    }
    if (b->ntimes < COMPARE_MIN_REPS || r->ntimes < COMPARE_MIN_REPS) {
        g->verdict = GATE_TOO_FEW;
        return OMPSCALE_OK;
    }
    mwu_result u;
    int status = mwu_test(b->times, b->ntimes, r->times, r->ntimes, &u);
    if (status != OMPSCALE_OK) /* the reader let no time be other than finite and above 0 */
        return OMPSCALE_FAIL;
    g->p = u.p;
    g->exact = u.exact;
    bool real = u.p < st->alpha;
    g->verdict = real && g->slowdown > st->factor         ? GATE_REGRESSION
                 : real && g->slowdown < 1 / st->factor   ? GATE_IMPROVEMENT
                                                          : GATE_NO_DIFFERENCE;
    return OMPSCALE_OK;
}

int compare_gate_judge(compare_model *m)
{
    for (size_t i = 0; i < m->nseries; i++) {
        compare_series *s = &m->series[i];
        for (size_t t = 0; t < s->nthreads; t++) {
            const rf_row *b = s->cells[t * m->nfiles].row;
            for (size_t f = 1; f < m->nfiles; f++) {
                compare_cell *c = &s->cells[t * m->nfiles + f];
                if (compare_gate_cell(&m->settings, b, c) != OMPSCALE_OK)
                    return OMPSCALE_FAIL;
                m->gate_counts[c->gate.verdict]++;
            }
        }
    }
    return OMPSCALE_OK;
}

const char *compare_gate_name(compare_gate_verdict v)
{
    switch (v) {
    case GATE_NONE:
        return "none";
    case GATE_NO_TIMES:
        return "no-repetitions";
    case GATE_TOO_FEW:
        return "too-few-repetitions";
    case GATE_NO_DIFFERENCE:
        return "no-difference";
    case GATE_REGRESSION:
        return "regression";
    case GATE_IMPROVEMENT:
        return "improvement";
    }
    return "none";
}
