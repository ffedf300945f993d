/*
 * progress.c: the repetitions and time a sweep has left (progress.h).
 */
#include "progress.h"

#include <math.h>
#include <stdio.h>

#include "text.h"

void progress_cell_left(const cell_result *c, const measure_opts *o, double rep_s, int64_t *reps,
                        double *seconds)
{
    double total = 0;
    for (size_t i = 0; i < c->reps; i++)
        total += c->times[i];
    int64_t have = (int64_t)c->reps;
    double one = have > 0 ? total / (double)have : rep_s;
    int64_t need = 0;
    if (!c->failed && have < o->max_reps) {
        need = o->min_reps > have ? o->min_reps - have : 0;
        if (total < o->min_time_s && one > 0 && isfinite(one)) {
            double more = ceil((o->min_time_s - total) / one);
            if (more > (double)need)
                need = more < (double)(o->max_reps - have) ? (int64_t)more : o->max_reps - have;
        } else if (total < o->min_time_s && need == 0) {
            need = 1; /* its time is unknown: at least one more */
        }
    }
    *reps = need;
    *seconds = need == 0 ? 0 : (one > 0 && isfinite(one) ? (double)need * one : NAN);
}

/* The repetitions and seconds of one cell whose repetitions take rep_s, under o. */
static void progress_cell_forecast(const measure_opts *o, double rep_s, double *reps,
                                   double *seconds)
{
    double need = (double)o->min_reps;
    if (rep_s > 0 && o->min_time_s > need * rep_s)
        need = ceil(o->min_time_s / rep_s);
    if (need > (double)o->max_reps)
        need = (double)o->max_reps;
    *reps = need;
    *seconds = (need + (double)o->warmup) * rep_s;
}

/*
 * What a second of kernel h's repetitions costs in wall time, its check
 * included: from the probe of a configuration of the same kernel, or NAN.
 */
static double progress_check_ratio(const progress_group *groups, size_t ngroups, size_t h)
{
    for (size_t g = 0; g < ngroups; g++)
        if (groups[g].kernel == groups[h].kernel && groups[g].probe_s > 0 &&
            groups[g].probe_check_s >= 0)
            return 1 + groups[g].probe_check_s / groups[g].probe_s;
    return NAN;
}

void progress_estimate(const cell_result *cells, size_t n, const double *warmup_s,
                       const measure_opts *o, const progress_group *groups, size_t ngroups,
                       size_t current, progress_view *v)
{
    int64_t done = 0, left = 0;
    double left_s = 0, here_s = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t reps;
        double seconds;
        progress_cell_left(&cells[i], o, warmup_s ? warmup_s[i] : NAN, &reps, &seconds);
        done += (int64_t)cells[i].reps;
        left += reps;
        left_s += seconds;
        for (size_t r = 0; r < cells[i].reps; r++)
            here_s += cells[i].times[r];
    }
    /* What is known per configuration: the measured ones, and this one as foreseen. */
    double known_s = here_s + left_s, known_reps = (double)(done + left), known_cells = (double)n;
    double measured_s = 0;
    for (size_t g = 0; g < current && g < ngroups; g++)
        if (groups[g].measured) {
            done += groups[g].reps;
            measured_s += groups[g].seconds;
            known_s += groups[g].seconds;
            known_reps += (double)groups[g].reps;
            known_cells += (double)groups[g].ncells;
        }
    /*
     * A sweep's wall time is more than its repetitions: checking every
     * result (for the stream kernels as long as the run), preparing, the
     * warm-ups.  Where no probe timed a kernel's check, what the sweep has
     * cost so far per second of repetitions is what the rest will cost too.
     */
    double timed = here_s + measured_s, global = 1;
    for (size_t i = 0; warmup_s && i < n; i++)
        if (warmup_s[i] > 0)
            timed += warmup_s[i];
    if (v->elapsed_s > 0 && timed > 0 && v->elapsed_s > timed)
        global = v->elapsed_s / timed;
    double forecast_s = 0, forecast_reps = 0;
    double current_reps = (double)left, current_s = here_s + left_s; /* repetitions only */
    double mine = current < ngroups ? progress_check_ratio(groups, ngroups, current) : NAN;
    left_s *= mine > 0 ? mine : global;
    for (size_t i = 0; i < n; i++)
        current_reps += (double)cells[i].reps;
    for (size_t h = current + 1; h < ngroups; h++) {
        /* The last configuration of the same kernel known so far (this one included). */
        const progress_group *like = NULL;
        double like_reps = 0, like_s = 0;
        for (size_t g = 0; g <= current && g < ngroups; g++)
            if (groups[g].kernel == groups[h].kernel && groups[g].size > 0 &&
                (g == current || groups[g].measured)) {
                like = &groups[g];
                like_reps = g == current ? current_reps : (double)groups[g].reps;
                like_s = g == current ? current_s : groups[g].seconds;
            }
        double reps, seconds;
        if (like && like_reps > 0 && groups[h].size > 0) {
            double rep_s = like_s / like_reps * groups[h].size / like->size;
            progress_cell_forecast(o, rep_s, &reps, &seconds);
        } else if (groups[h].probe_s > 0) {
            progress_cell_forecast(o, groups[h].probe_s, &reps, &seconds);
        } else if (known_cells > 0) {
            reps = known_reps / known_cells;
            seconds = known_s / known_cells;
            if (seconds < o->min_time_s && seconds > 0)
                seconds = o->min_time_s; /* a cell takes min_time at least */
        } else {
            reps = (double)o->min_reps;
            seconds = NAN;
        }
        double ratio = progress_check_ratio(groups, ngroups, h);
        forecast_reps += reps * (double)groups[h].ncells;
        forecast_s += seconds * (double)groups[h].ncells * (ratio > 0 ? ratio : global);
        if (groups[h].probe_prepare_s > 0)
            forecast_s += groups[h].probe_prepare_s;
    }
    v->reps_done = done;
    v->reps_left = left + (int64_t)ceil(forecast_reps);
    v->left_s = left_s + forecast_s;
}

void progress_line(const progress_view *v, bool tty, char *buf, size_t len)
{
    int64_t planned = v->reps_done + v->reps_left;
    /* The share of the time, where the time left is known; else of the repetitions. */
    double share = planned > 0 ? (double)v->reps_done / (double)planned : 0;
    if (isfinite(v->left_s) && v->elapsed_s + v->left_s > 0)
        share = v->elapsed_s / (v->elapsed_s + v->left_s);
    char left[48] = "time left unknown";
    if (isfinite(v->left_s))
        snprintf(left, sizeof left, "about %.0f s left", v->left_s);
    buf[0] = '\0';
    if (tty) {
        enum { WIDTH = 24 };
        char bar[WIDTH + 1];
        int filled = (int)(share * WIDTH + 0.5);
        for (int i = 0; i < WIDTH; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[WIDTH] = '\0';
        text_append(buf, len, "[%s] %3.0f%% ", bar, 100 * share);
    }
    text_append(buf, len, "%lld of %s%lld repetitions, %s (%zu of %zu), %.0f s elapsed, %s",
                (long long)v->reps_done, v->reps_left > 0 ? "~" : "", (long long)planned,
                v->kernel, v->group + 1, v->ngroups, v->elapsed_s, left);
}
