/*
 * hcells.c: hybrid cells from launch records (hcells.h).
 *
 * The POP metrics (POP Centre of Excellence, "POP metrics for hybrid
 * MPI + OpenMP"), taken per repetition from the ranks' times and reported as
 * medians over the repetitions:
 *   load balance         LB   = mean_r compute_r / max_r compute_r
 *   MPI efficiency       MPIE = mean_r compute_r / region  (LB x communication efficiency)
 *   parallel efficiency  E    = serial / (ranks x threads x region)  (the efficiency column)
 *   OpenMP efficiency    OMPE = E / MPIE: what the threads of each rank lose on
 *                              its share (fork-join, imbalance between threads,
 *                              and the computation's own scaling: bandwidth, caches)
 * where region is the slowest rank's (barrier to barrier) and compute a rank's
 * run of the kernel alone.
 */
#include "hcells.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "units.h"

/* The median of n values (n >= 1), sorting them. */
static double hc_median(double *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

enum { HC_MIN, HC_MEAN, HC_MAX, HC_LB, HC_MPIF, HC_MPIE, HC_N };

void hcells_hosts(const hrecord *rec, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int r = 0; r < rec->ranks; r++) {
        bool seen = false;
        for (int q = 0; q < r && !seen; q++)
            seen = strcmp(rec->rank[q].host, rec->rank[r].host) == 0;
        if (seen)
            continue;
        int count = 0;
        for (int q = r; q < rec->ranks; q++)
            count += strcmp(rec->rank[q].host, rec->rank[r].host) == 0;
        int n = snprintf(buf + used, len - used, "%s%s:%d", used ? "," : "", rec->rank[r].host,
                         count);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
}

int hcells_from_record(const hrecord *rec, size_t i, const kernel *k, int group,
                       const cell_result *serial, cell_result *out)
{
    const hrecord_cell *h = &rec->cells[i];
    const size_t n = h->nreps;
    memset(out, 0, sizeof *out);
    double *fig = malloc((HC_N + 2) * (n ? n : 1) * sizeof *fig);
    out->times = malloc((n ? n : 1) * sizeof *out->times);
    if (!fig || !out->times) {
        free(fig);
        free(out->times);
        out->times = NULL;
        return 1;
    }
    out->k = k;
    out->group = group;
    out->variant = kernel_variant_index(k, "omp");
    out->scheduled = true;
    char err[160];
    sched_parse("static", &out->schedule, err, sizeof err);
    out->ranks = rec->ranks;
    out->threads_per_rank = h->threads;
    out->threads = rec->ranks * h->threads;
    out->threads_obtained = rec->ranks * h->obtained_min;
    out->threads_obtained_max = rec->ranks * h->obtained_max;
    out->size = h->size;
    snprintf(out->params, sizeof out->params, "%s", h->params);
    out->reps = out->cap = n;
    out->failed = h->failed;
    out->verified = h->verified && !h->failed && n > 0;
    out->check = h->check;
    out->work = h->work;
    out->mpi_barrier_us = rec->barrier_us;
    out->mpi_allreduce_us = rec->allreduce_us;
    out->rank_cpus_min = rec->rank[0].cpus;
    for (int r = 1; r < rec->ranks; r++)
        if (rec->rank[r].cpus < out->rank_cpus_min)
            out->rank_cpus_min = rec->rank[r].cpus;
    hcells_hosts(rec, out->hosts, sizeof out->hosts);

    double scale;
    out->throughput_unit = units_throughput(out->work.unit, &scale);
    out->speedup = out->efficiency = out->throughput = out->best_throughput = NAN;
    out->speedup_ci_low = out->speedup_ci_high = NAN;
    out->ceiling_throughput = out->ceiling_fraction = NAN;
    out->overhead_us = out->overhead_ci_low_us = out->overhead_ci_high_us = NAN;
    out->weak_efficiency = NAN;
    out->rank_time_min_s = out->rank_time_mean_s = out->rank_time_max_s = NAN;
    out->load_balance = out->mpi_fraction = out->mpi_efficiency = out->omp_efficiency = NAN;
    out->stats = (run_stats){.min_s = NAN, .median_s = NAN, .mean_s = NAN, .stddev_s = NAN,
                             .mad_s = NAN, .ci95_low_s = NAN, .ci95_high_s = NAN};
    if (n == 0) {
        free(fig);
        return 0;
    }
    for (size_t j = 0; j < n; j++) {
        const hrecord_rep *p = &h->reps[j];
        out->times[j] = p->region_max_s;
        fig[HC_MIN * n + j] = p->region_min_s;
        fig[HC_MEAN * n + j] = p->region_mean_s;
        fig[HC_MAX * n + j] = p->region_max_s;
        fig[HC_LB * n + j] = p->compute_max_s > 0 ? p->compute_mean_s / p->compute_max_s : NAN;
        fig[HC_MPIF * n + j] = p->region_mean_s > 0 ? p->mpi_mean_s / p->region_mean_s : NAN;
        fig[HC_MPIE * n + j] = p->region_max_s > 0 ? p->compute_mean_s / p->region_max_s : NAN;
    }
    stats_compute(out->times, n, fig + HC_N * n, &out->stats);
    out->as_asked = out->threads_obtained == out->threads;
    out->rank_time_min_s = hc_median(fig + HC_MIN * n, n);
    out->rank_time_mean_s = hc_median(fig + HC_MEAN * n, n);
    out->rank_time_max_s = hc_median(fig + HC_MAX * n, n);
    out->load_balance = hc_median(fig + HC_LB * n, n);
    out->mpi_fraction = hc_median(fig + HC_MPIF * n, n);
    out->mpi_efficiency = hc_median(fig + HC_MPIE * n, n);
    if (out->stats.median_s > 0) {
        out->throughput = out->work.amount / out->stats.median_s / scale;
        out->best_throughput = out->work.amount / out->stats.min_s / scale;
    }
    if (serial && serial->reps > 0 && out->stats.median_s > 0) {
        out->speedup = serial->stats.median_s / out->stats.median_s;
        if (out->threads_obtained > 0)
            out->efficiency = out->speedup / out->threads_obtained;
        if (out->mpi_efficiency > 0)
            out->omp_efficiency = out->efficiency / out->mpi_efficiency;
        stats_speedup_ci(serial->times, serial->reps, out->times, n, 2000, 12345UL,
                         &out->speedup_ci_low, &out->speedup_ci_high);
    }
    free(fig);
    return 0;
}
