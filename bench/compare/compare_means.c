/*
 * compare_means.c: the figures of a comparison that sum up over kernels
 * (compare.h): each file's geometric means of its time ratios against the
 * baseline, over the kernel configurations it shares with it, and each
 * row's own figure (the kernel's throughput, or the cost of one construct).
 */
#include <math.h>
#include <string.h>

#include "compare.h"
#include "units.h"

/* The shortest median time of file f over every cell of configuration c; NAN when none ran. */
static double compare_fastest(const compare_model *m, size_t c, size_t f)
{
    double fastest = NAN;
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        for (size_t t = 0; s->config == c && t < s->nthreads; t++) {
            const rf_row *r = compare_cell_at(m, s, t, f)->row;
            if (r && r->reps > 0 && !(r->median_s >= fastest))
                fastest = r->median_s;
        }
    }
    return fastest;
}

void compare_geomeans(compare_model *m)
{
    for (size_t f = 0; f < m->nfiles; f++) {
        double log_best = 0, log_serial = 0;
        int nbest = 0, nserial = 0;
        for (size_t c = 0; c < m->nconfigs; c++) {
            double ratio = compare_fastest(m, c, 0) / compare_fastest(m, c, f);
            if (isfinite(ratio)) {
                log_best += log(ratio);
                nbest++;
            }
            const compare_series *serial = compare_serial_of(m, c);
            const rf_row *b = serial ? compare_cell_at(m, serial, 0, 0)->row : NULL;
            const rf_row *r = serial ? compare_cell_at(m, serial, 0, f)->row : NULL;
            if (b && r && b->reps > 0 && r->reps > 0) {
                log_serial += log(b->median_s / r->median_s);
                nserial++;
            }
        }
        m->geomean_best[f] = nbest ? exp(log_best / nbest) : NAN;
        m->geomean_serial[f] = nserial ? exp(log_serial / nserial) : NAN;
        m->geomean_configs[f] = nbest;
    }
}

double compare_metric(const rf_row *r, const char **unit)
{
    double scale;
    /* the overhead kernels count constructs: their own figure is the cost of one, EPCC's */
    if (strcmp(r->throughput_unit, units_throughput(KERNEL_UNIT_CONSTRUCT, &scale)) == 0) {
        *unit = "us/construct";
        return r->overhead_us;
    }
    *unit = r->throughput_unit[0] ? r->throughput_unit : "";
    return r->throughput_unit[0] ? r->throughput : NAN;
}
