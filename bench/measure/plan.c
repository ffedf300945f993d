/*
 * plan.c: thread lists, schedules and the expansion of a plan into cells (plan.h).
 */
#include "plan.h"

#include "text.h"

#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int plan_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts and removes repeats in place. */
static void plan_sort_unique(int *v, size_t *n)
{
    qsort(v, *n, sizeof *v, plan_cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (k == 0 || v[k - 1] != v[i])
            v[k++] = v[i];
    *n = k;
}

void plan_default_threads(int P, int physical, int *out, size_t *n)
{
    *n = 0;
    if (P <= 8) {
        for (int t = 1; t <= 2 * P; t++)
            out[(*n)++] = t;
        return;
    }
    for (int t = 1; t <= P; t *= 2)
        out[(*n)++] = t;
    out[(*n)++] = P;
    if (physical >= 1 && physical <= P)
        out[(*n)++] = physical;
    out[(*n)++] = P + P / 4;
    out[(*n)++] = P + P / 2;
    out[(*n)++] = 2 * P;
    plan_sort_unique(out, n);
}

/* One item: a number, P, or kP (e.g. 2P). */
static int plan_thread_item(const char *s, size_t len, int P, int *out)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf)
        return OMPSCALE_USAGE;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int64_t mult = 1, v;
    if (buf[len - 1] == 'P') {
        buf[len - 1] = '\0';
        if (len > 1 && param_parse_i64(buf, 1, 64, &mult) != 0)
            return OMPSCALE_USAGE;
        *out = (int)mult * P;
        return 0;
    }
    if (param_parse_i64(buf, INT32_MIN, INT32_MAX, &v) != 0)
        return OMPSCALE_USAGE;
    *out = (int)v;
    return 0;
}

int plan_thread_cap(void)
{
    int cap = 8 * omp_get_num_procs();
    return cap > 256 ? cap : 256;
}

int plan_parse_threads(const char *text, int P, int cap, int *out, size_t max, size_t *n,
                       char *err, size_t errlen)
{
    *n = 0;
    const char *s = text;
    if (!*text)
        goto bad;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *dash = memchr(s + 1, '-', len > 1 ? len - 1 : 0);
        int lo, hi;
        if (dash) {
            if (plan_thread_item(s, (size_t)(dash - s), P, &lo) != 0 ||
                plan_thread_item(dash + 1, len - (size_t)(dash - s) - 1, P, &hi) != 0 || hi < lo)
                goto bad;
        } else {
            if (plan_thread_item(s, len, P, &lo) != 0)
                goto bad;
            hi = lo;
        }
        if (lo < 1 || hi > cap) {
            snprintf(err, errlen, "--threads '%s': every count must be from 1 to %d", text, cap);
            return OMPSCALE_USAGE;
        }
        for (int t = lo; t <= hi; t++) {
            if (*n >= max) {
                snprintf(err, errlen, "--threads '%s': at most %zu thread counts", text, max);
                return OMPSCALE_USAGE;
            }
            out[(*n)++] = t;
        }
        s += len;
        if (*s == ',') {
            s++;
            if (!*s)
                goto bad;
        }
    }
    plan_sort_unique(out, n);
    return 0;
bad:
    snprintf(err, errlen, "--threads '%s': expected a list of counts and ranges such as "
                          "1,2,4-8,P,2P (P = %d CPUs here)", text, P);
    return OMPSCALE_USAGE;
}

size_t plan_group_schedules(const plan *p, const plan_group *g, kernel_schedule *out)
{
    if (p->nschedules > 0) {
        memcpy(out, p->schedules, p->nschedules * sizeof *out);
        return p->nschedules;
    }
    out[0] = (kernel_schedule){SCHED_STATIC, 0};
    if (!g->k->unequal_work)
        return 1;
    out[1] = (kernel_schedule){SCHED_DYNAMIC, 0};
    out[2] = (kernel_schedule){SCHED_GUIDED, 0};
    return 3;
}

bool plan_runs_variant(const plan *p, const kernel *k, int v)
{
    if (v == 0 || p->nvariants == 0)
        return true;
    for (size_t i = 0; i < p->nvariants; i++)
        if (strcmp(p->variants[i], k->variants[v].name) == 0)
            return true;
    return false;
}

int plan_max_threads(const plan *p)
{
    int m = 1;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i] > m)
            m = p->threads[i];
    return m;
}

size_t plan_group_cells(const plan *p, size_t group, cell_result *out)
{
    const plan_group *g = &p->groups[group];
    kernel_schedule sched[PLAN_MAX_SCHEDULES];
    size_t nsched = plan_group_schedules(p, g, sched);
    size_t n = 0;
    for (int v = 0; g->k->variants[v].name; v++) {
        if (!plan_runs_variant(p, g->k, v))
            continue;
        size_t ns = v == 0 ? 1 : nsched, nt = v == 0 ? 1 : p->nthreads;
        for (size_t s = 0; s < ns; s++)
            for (size_t t = 0; t < nt; t++) {
                if (v > 0 && g->only_threads > 0 && p->threads[t] != g->only_threads)
                    continue;
                if (out) {
                    cell_result *c = &out[n];
                    memset(c, 0, sizeof *c);
                    c->k = g->k;
                    c->group = (int)group;
                    c->variant = v;
                    c->scheduled = v != 0;
                    c->schedule = v == 0 ? (kernel_schedule){SCHED_STATIC, 0} : sched[s];
                    c->threads = v == 0 ? 1 : p->threads[t];
                    c->weak_base = g->weak_base;
                }
                n++;
            }
    }
    return n;
}

int plan_expand_configs(plan *p, char *err, size_t errlen)
{
    plan_group out[PLAN_MAX_GROUPS];
    size_t n = 0;
    for (size_t g = 0; g < p->ngroups; g++) {
        const kernel *k = p->groups[g].k;
        for (int c = -1; c < 0 || (k->sweep_configs && k->sweep_configs[c]); c++) {
            if (n == PLAN_MAX_GROUPS) {
                snprintf(err, errlen, "more than %d kernel configurations", PLAN_MAX_GROUPS);
                return OMPSCALE_USAGE;
            }
            out[n] = p->groups[g];
            if (c >= 0 && kernel_assign(k, out[n].values, k->sweep_configs[c], err, errlen) != 0)
                return OMPSCALE_USAGE;
            n++;
        }
    }
    memcpy(p->groups, out, n * sizeof *out);
    p->ngroups = n;
    return 0;
}

/* Whether kernel k has a preset called name. */
static bool plan_has_preset(const kernel *k, const char *name)
{
    for (int i = 0; name && k->presets && k->presets[i].name; i++)
        if (strcmp(k->presets[i].name, name) == 0)
            return true;
    return false;
}

int plan_add_roofs(plan *p, const kernel *const *all, const char *preset, char *err,
                   size_t errlen)
{
    plan_group roofs[PLAN_MAX_GROUPS];
    size_t n = 0;
    for (size_t i = 0; all[i]; i++)
        for (int c = 0; all[i]->roof_configs && all[i]->roof_configs[c]; c++) {
            if (n + p->ngroups >= PLAN_MAX_GROUPS) {
                snprintf(err, errlen, "more than %d kernel configurations with the roofline's",
                         PLAN_MAX_GROUPS);
                return OMPSCALE_USAGE;
            }
            plan_group *g = &roofs[n++];
            *g = (plan_group){.k = all[i]};
            const char *set = plan_has_preset(all[i], preset) ? preset : NULL;
            if (kernel_defaults(all[i], set, g->values, err, errlen) != 0 ||
                kernel_assign(all[i], g->values, all[i]->roof_configs[c], err, errlen) != 0)
                return OMPSCALE_USAGE;
        }
    memmove(p->groups + n, p->groups, p->ngroups * sizeof *p->groups);
    memcpy(p->groups, roofs, n * sizeof *roofs);
    p->ngroups += n;
    return 0;
}

void plan_dedupe(plan *p)
{
    size_t n = 0;
    for (size_t g = 0; g < p->ngroups; g++) {
        char mine[512], other[512];
        kernel_params_text(p->groups[g].k, p->groups[g].values, mine, sizeof mine);
        bool seen = false;
        for (size_t h = 0; h < n && !seen; h++) {
            kernel_params_text(p->groups[h].k, p->groups[h].values, other, sizeof other);
            seen = p->groups[h].k == p->groups[g].k && strcmp(mine, other) == 0;
        }
        if (!seen)
            p->groups[n++] = p->groups[g];
    }
    p->ngroups = n;
}

/* "2^A..2^B" as the comma list of the powers of two between, in text; 0, or 2 with a message. */
static int plan_size_range(const char *list, const char *dots, char *text, size_t len, char *err,
                           size_t errlen)
{
    char first[32];
    int64_t a, b;
    size_t used = 0, head = (size_t)(dots - list);
    snprintf(first, sizeof first, "%.*s", (int)(head < sizeof first ? head : 0), list);
    if (strncmp(first, "2^", 2) != 0 || strncmp(dots + 2, "2^", 2) != 0 ||
        param_parse_i64(first + 2, 0, 62, &a) != 0 || param_parse_i64(dots + 4, 0, 62, &b) != 0 ||
        b < a) {
        snprintf(err, errlen, "--sizes '%s': a range is 2^A..2^B with 0 <= A <= B <= 62, e.g. "
                              "2^10..2^20", list);
        return OMPSCALE_USAGE;
    }
    text[0] = '\0';
    for (int64_t e = a; e <= b && used < len; e++)
        used += (size_t)snprintf(text + used, len - used, "%s2^%d", e > a ? "," : "", (int)e);
    return 0;
}

int plan_expand_sizes(plan *p, const char *list, char *err, size_t errlen)
{
    char range[512], buf[1024];
    const char *items[64];
    size_t nsizes;
    const char *dots = strstr(list, "..");
    if (dots && plan_size_range(list, dots, range, sizeof range, err, errlen) != 0)
        return OMPSCALE_USAGE;
    if (text_split_list("--sizes", dots ? range : list, buf, sizeof buf, items, 64, &nsizes, err,
                       errlen) != 0)
        return OMPSCALE_USAGE;
    plan_group out[PLAN_MAX_GROUPS];
    size_t n = 0;
    for (size_t g = 0; g < p->ngroups; g++)
        for (size_t i = 0; i < nsizes; i++) {
            if (n == PLAN_MAX_GROUPS) {
                snprintf(err, errlen, "--sizes: more than %d kernel configurations: give fewer "
                                      "sizes or kernels", PLAN_MAX_GROUPS);
                return OMPSCALE_USAGE;
            }
            out[n] = p->groups[g];
            char why[256];
            if (kernel_set(out[n].k, out[n].values, out[n].k->size_param, items[i], why,
                           sizeof why) != 0) {
                snprintf(err, errlen, "--sizes: %s", why);
                return OMPSCALE_USAGE;
            }
            n++;
        }
    memcpy(p->groups, out, n * sizeof *out);
    p->ngroups = n;
    return 0;
}

int plan_expand_weak(plan *p, char *err, size_t errlen)
{
    plan_group out[PLAN_MAX_GROUPS];
    size_t n = 0;
    for (size_t g = 0; g < p->ngroups; g++) {
        plan_group base = p->groups[g];
        const kernel *k = base.k;
        int sp = kernel_param_index(k, k->size_param);
        if (k->check && k->check(base.values, plan_max_threads(p), err, errlen) != 0)
            return OMPSCALE_USAGE;
        int64_t n0 = base.values[sp].i;
        for (size_t t = 0; t < p->nthreads; t++) {
            if (n == PLAN_MAX_GROUPS || n0 > INT64_MAX / p->threads[t]) {
                snprintf(err, errlen, "--weak: %s", n == PLAN_MAX_GROUPS
                                                        ? "too many kernel configurations"
                                                        : "a size overflows");
                return OMPSCALE_USAGE;
            }
            out[n] = base;
            char text[32], why[256];
            snprintf(text, sizeof text, "%lld", (long long)(n0 * p->threads[t]));
            if (kernel_set(k, out[n].values, k->size_param, text, why, sizeof why) != 0) {
                snprintf(err, errlen, "--weak: %s at %d threads: %s", k->name, p->threads[t], why);
                return OMPSCALE_USAGE;
            }
            out[n].only_threads = p->threads[t];
            out[n].weak_base = n0;
            n++;
        }
    }
    memcpy(p->groups, out, n * sizeof *out);
    p->ngroups = n;
    return 0;
}
