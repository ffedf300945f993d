/*
 * hserial.c: the serial reference cell of a hybrid sweep (hserial.h).
 */
#include "hserial.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "stats.h"
#include "units.h"

int hserial_measure(const kernel *k, param_value *values, int group, int reps, cell_result *out,
                    char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    void *state = NULL;
    int status = k->prepare(values, 1, &state, err, errlen);
    if (status != OMPSCALE_OK)
        return status;
    double *scratch = malloc((size_t)reps * sizeof *scratch);
    out->times = malloc((size_t)reps * sizeof *out->times);
    if (!scratch || !out->times) {
        snprintf(err, errlen, "%s: out of memory", k->name);
        status = OMPSCALE_FAIL;
        goto done;
    }
    out->k = k;
    out->group = group;
    out->threads = out->threads_obtained = out->threads_obtained_max = 1;
    int size_index = kernel_param_index(k, k->size_param);
    out->size = size_index >= 0 ? values[size_index].i : 0;
    kernel_params_text(k, values, out->params, sizeof out->params);
    out->cap = (size_t)reps;
    out->verified = true;
    kernel_exec exec = {.threads = 1};
    for (int rep = -1; rep < reps; rep++) {
        int obtained;
        double t0 = clock_now();
        int run = k->run(state, 0, &exec, &obtained);
        double t = clock_now() - t0;
        kernel_check check;
        k->verify(state, &check);
        if (out->verified || !check.verified)
            out->check = check;
        out->verified = out->verified && check.verified && run == OMPSCALE_OK;
        out->failed = out->failed || run != OMPSCALE_OK;
        if (rep >= 0)
            out->times[out->reps++] = t;
    }
    k->work(state, &out->work);
    out->work.ceiling = NULL;
    double scale;
    out->throughput_unit = units_throughput(out->work.unit, &scale);
    stats_compute(out->times, out->reps, scratch, &out->stats);
    out->as_asked = true;
    out->speedup = 1.0;
    out->efficiency = 1.0;
    out->throughput = out->work.amount / out->stats.median_s / scale;
    out->best_throughput = out->work.amount / out->stats.min_s / scale;
    stats_speedup_ci(out->times, out->reps, out->times, out->reps, 2000, 12345UL,
                     &out->speedup_ci_low, &out->speedup_ci_high);
    out->ceiling_throughput = out->ceiling_fraction = NAN;
    out->overhead_us = out->overhead_ci_low_us = out->overhead_ci_high_us = NAN;
    out->weak_efficiency = NAN;
done:
    free(scratch);
    k->free(state);
    return status;
}
