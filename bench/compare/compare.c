/*
 * compare.c: building the comparison model (compare.h).  Pass one maps each
 * row of each file to its configuration and series and collects every
 * series' thread counts; pass two places the rows in the cells; then series
 * are ordered by configuration (serial first), and each file's side of each
 * series is analysed and set against the baseline's.  Statuses: 0 done,
 * 2 a file count out of range, 1 out of memory: no file rf_load accepted is
 * refused here.
 */
#include "compare.h"

#include "status.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct compare_builder {
    compare_model *m;
    size_t configs_cap, series_cap;
    size_t *row_series[COMPARE_MAX_FILES]; /* each row's series, per file */
    char *err;
    size_t errlen;
} compare_builder;

/* One configuration as a file lists it: its first row and its index among its kernel's. */
typedef struct file_config {
    const rf_row *first;
    int index;
} file_config;

static int compare_grow(void **array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? 2 * *cap : 16;
    void *grown = realloc(*array, cap2 * size);
    if (!grown)
        return OMPSCALE_FAIL;
    memset((char *)grown + *cap * size, 0, (cap2 - *cap) * size);
    *array = grown;
    *cap = cap2;
    return 0;
}

/* The index of row r's configuration among its kernel's in file order; adds it when new. */
static int compare_file_config(file_config *seen, size_t *nseen, const rf_row *r)
{
    int index = 0;
    for (size_t i = 0; i < *nseen; i++) {
        const rf_row *first = seen[i].first;
        if (strcmp(first->kernel, r->kernel) != 0)
            continue;
        if (strcmp(first->params, r->params) == 0 && first->size == r->size)
            return seen[i].index;
        index = seen[i].index;
    }
    seen[*nseen] = (file_config){r, index + 1};
    (*nseen)++;
    return index + 1;
}

static int compare_config_id(compare_builder *b, const rf_row *r, int index, size_t f, size_t *id)
{
    compare_model *m = b->m;
    size_t c = 0;
    while (c < m->nconfigs && !(strcmp(m->configs[c].kernel, r->kernel) == 0 &&
                                m->configs[c].index == index))
        c++;
    if (c == m->nconfigs) {
        if (compare_grow((void **)&m->configs, &b->configs_cap, c + 1, sizeof *m->configs))
            return OMPSCALE_FAIL;
        snprintf(m->configs[c].kernel, sizeof m->configs[c].kernel, "%s", r->kernel);
        m->configs[c].index = index;
        m->nconfigs++;
    }
    if (!m->configs[c].params[f]) {
        m->configs[c].params[f] = r->params;
        m->configs[c].size[f] = r->size;
    }
    *id = c;
    return 0;
}

static int compare_series_id(compare_builder *b, const rf_row *r, size_t config, size_t *id)
{
    compare_model *m = b->m;
    size_t s = 0;
    while (s < m->nseries &&
           !(m->series[s].config == config && strcmp(m->series[s].variant, r->variant) == 0 &&
             strcmp(m->series[s].schedule, r->schedule) == 0))
        s++;
    if (s == m->nseries) {
        if (compare_grow((void **)&m->series, &b->series_cap, s + 1, sizeof *m->series))
            return OMPSCALE_FAIL;
        compare_series *n = &m->series[s];
        n->config = config;
        snprintf(n->variant, sizeof n->variant, "%s", r->variant);
        snprintf(n->schedule, sizeof n->schedule, "%s", r->schedule);
        n->serial = strcmp(r->variant, "serial") == 0 && strcmp(r->schedule, "none") == 0;
        m->nseries++;
    }
    *id = s;
    return 0;
}

/* Adds r's thread count to s's, kept rising; 1 when out of memory. */
static int compare_add_threads(compare_series *s, const rf_row *r)
{
    size_t t = 0;
    while (t < s->nthreads && s->threads[t] < r->threads)
        t++;
    if (t < s->nthreads && s->threads[t] == r->threads)
        return 0;
    /* Each file has at most SCALING_MAX_POINTS per series (rf_load); the files together more. */
    if (compare_grow((void **)&s->threads, &s->threads_cap, s->nthreads + 1, sizeof *s->threads))
        return OMPSCALE_FAIL;
    memmove(&s->threads[t + 1], &s->threads[t], (s->nthreads - t) * sizeof s->threads[0]);
    s->threads[t] = r->threads;
    s->nthreads++;
    return 0;
}

/* Pass one over file f: configurations, series and thread counts. */
static int compare_map_file(compare_builder *b, size_t f)
{
    const rf_file *file = b->m->files[f];
    file_config *seen = malloc(file->nrows * sizeof *seen);
    b->row_series[f] = malloc(file->nrows * sizeof *b->row_series[f]);
    int status = seen && b->row_series[f] ? 0 : 1;
    size_t nseen = 0;
    for (size_t i = 0; i < file->nrows && status == 0; i++) {
        const rf_row *r = &file->rows[i];
        size_t config, series;
        int index = compare_file_config(seen, &nseen, r);
        status = compare_config_id(b, r, index, f, &config);
        if (status == 0)
            status = compare_series_id(b, r, config, &series);
        if (status == 0)
            status = compare_add_threads(&b->m->series[series], r);
        if (status == 0)
            b->row_series[f][i] = series;
    }
    free(seen);
    return status;
}

/* Pass two over file f: each row into its cell (rf_load let no cell repeat). */
static void compare_place_file(compare_builder *b, size_t f)
{
    compare_model *m = b->m;
    const rf_file *file = m->files[f];
    for (size_t i = 0; i < file->nrows; i++) {
        const rf_row *r = &file->rows[i];
        compare_series *s = &m->series[b->row_series[f][i]];
        size_t t = 0;
        while (s->threads[t] != r->threads)
            t++;
        compare_cell *c = &s->cells[t * m->nfiles + f];
        c->row = r;
        c->time_ratio = NAN; /* set against the baseline's for the files after the first */
        c->gate = (compare_gate){.verdict = GATE_NONE, .slowdown = NAN, .p = NAN};
        int cores = r->threads < file->physical_cores ? r->threads : file->physical_cores;
        c->speedup_per_core = cores > 0 ? r->speedup / cores : NAN; /* 0 cores: unknown */
    }
}

/* Orders the series by configuration, the serial series first in each. */
static int compare_order(compare_model *m)
{
    compare_series *ordered = malloc(m->nseries * sizeof *ordered);
    if (!ordered)
        return OMPSCALE_FAIL;
    size_t n = 0;
    for (size_t c = 0; c < m->nconfigs; c++)
        for (int serial = 1; serial >= 0; serial--)
            for (size_t s = 0; s < m->nseries; s++)
                if (m->series[s].config == c && m->series[s].serial == serial)
                    ordered[n++] = m->series[s];
    free(m->series);
    m->series = ordered;
    return 0;
}

/*
 * Which of two 95% intervals lies above the other: COMPARE_THIS when this
 * file's (lo, hi) lies wholly above the baseline's, COMPARE_BASELINE when
 * wholly below, COMPARE_NS when they overlap (touching counts), and
 * COMPARE_UNKNOWN when a bound is missing.
 */
static compare_verdict compare_above(double base_lo, double base_hi, double lo, double hi)
{
    if (isnan(base_lo) || isnan(base_hi) || isnan(lo) || isnan(hi))
        return COMPARE_UNKNOWN;
    if (lo > base_hi)
        return COMPARE_THIS;
    if (hi < base_lo)
        return COMPARE_BASELINE;
    return COMPARE_NS;
}

/* Which of two rows is significantly faster, from their median-time intervals. */
static compare_verdict compare_faster(const rf_row *base, const rf_row *r)
{
    if (!base || !r)
        return COMPARE_MISSING;
    /* a lower time wins: with the roles of the intervals swapped, "above" means faster */
    return compare_above(r->ci95_low_s, r->ci95_high_s, base->ci95_low_s, base->ci95_high_s);
}

/* File f's scaling summary of s, its best row and its speedup per physical core. */
static void compare_side_analyse(compare_model *m, compare_series *s, size_t f)
{
    const rf_file *file = m->files[f];
    compare_side *side = &s->side[f];
    const rf_row *rows[SCALING_MAX_POINTS]; /* a file has at most so many in a series */
    size_t n = 0;
    for (size_t t = 0; t < s->nthreads && n < SCALING_MAX_POINTS; t++)
        if (s->cells[t * m->nfiles + f].row)
            rows[n++] = s->cells[t * m->nfiles + f].row;
    side->best_time_ratio = NAN;
    side->summary_ok = rf_analyse(file, rows, n, &side->summary) == 0;
    if (!side->summary_ok)
        return;
    side->max_speedup_per_core = file->physical_cores > 0
                                     ? side->summary.max_speedup / file->physical_cores
                                     : NAN; /* unknown cores */
    for (size_t t = 0; t < s->nthreads; t++)
        if (s->threads[t] == side->summary.best_threads)
            side->best = s->cells[t * m->nfiles + f].row;
}

/* The verdicts of every file after the first against the first. */
static void compare_against_baseline(compare_model *m, compare_series *s)
{
    const compare_side *base = &s->side[0];
    for (size_t f = 1; f < m->nfiles; f++) {
        compare_side *side = &s->side[f];
        for (size_t t = 0; t < s->nthreads; t++) {
            const rf_row *b = s->cells[t * m->nfiles].row;
            compare_cell *c = &s->cells[t * m->nfiles + f];
            /* a failed row (no repetitions) has no figure to set against another */
            bool both = b && c->row && b->reps && c->row->reps;
            c->speedup_verdict = !both ? COMPARE_MISSING
                                       : compare_above(b->speedup_ci_low, b->speedup_ci_high,
                                                       c->row->speedup_ci_low,
                                                       c->row->speedup_ci_high);
            c->time_ratio = both ? b->median_s / c->row->median_s : NAN;
            c->time_verdict = both ? compare_faster(b, c->row) : COMPARE_MISSING;
        }
        side->best_time_verdict = compare_faster(base->best, side->best);
        if (base->best && side->best)
            side->best_time_ratio = base->best->median_s / side->best->median_s;
    }
}

static void compare_configs_check(compare_model *m)
{
    for (size_t c = 0; c < m->nconfigs; c++) {
        compare_config *cf = &m->configs[c];
        const char *params = NULL;
        long long size = 0;
        for (size_t i = 0; i < m->nconfigs; i++)
            if (strcmp(m->configs[i].kernel, cf->kernel) == 0)
                cf->count++;
        for (size_t f = 0; f < m->nfiles; f++) {
            if (!cf->params[f])
                continue;
            if (params && strcmp(params, cf->params[f]) != 0)
                cf->params_differ = true;
            if (params && size != cf->size[f])
                cf->size_differ = true;
            params = cf->params[f];
            size = cf->size[f];
        }
    }
}

/* Whether label is taken by a file other than f: given to it, or already made for it. */
static bool compare_label_taken(const compare_model *m, size_t f, const char *label)
{
    for (size_t g = 0; g < m->nfiles; g++) {
        const char *other = g < f ? m->label[g] : m->settings.labels[g];
        if (g != f && other && strcmp(other, label) == 0)
            return true;
    }
    return false;
}

/*
 * File f's label: the one given, else the one the file records (run --label), else its host;
 * escaped, with #2, #3 ... until unique.
 */
static void compare_label(compare_model *m, size_t f)
{
    char host[sizeof m->label[f]]; /* a file's host name reaches the terminal escaped */
    if (m->settings.labels[f]) {
        snprintf(m->label[f], sizeof m->label[f], "%s", m->settings.labels[f]);
        return;
    }
    const rf_file *file = m->files[f];
    text_escape(file->label[0] ? file->label : file->host, host, sizeof host);
    snprintf(m->label[f], sizeof m->label[f], "%s", host);
    for (int n = 2; compare_label_taken(m, f, m->label[f]); n++)
        snprintf(m->label[f], sizeof m->label[f], "%.140s#%d", host, n);
}

static void compare_machines(compare_model *m)
{
    const rf_file *built = NULL; /* the first file that records its build */
    for (size_t f = 0; f < m->nfiles; f++) {
        const rf_file *file = m->files[f];
        compare_label(m, f);
        m->version_differs |= strcmp(file->version, m->files[0]->version) != 0;
        m->timing_differs |= strcmp(file->timing, m->files[0]->timing) != 0;
        m->build_unknown |= !file->compiler[0];
        if (file->compiler[0] && !built)
            built = file;
        else if (file->compiler[0])
            m->build_differs |= strcmp(file->compiler, built->compiler) != 0 ||
                                file->openmp_version != built->openmp_version ||
                                (file->openmp_runtime[0] && built->openmp_runtime[0] &&
                                 strcmp(file->openmp_runtime, built->openmp_runtime) != 0);
    }
}

static int compare_fill(compare_builder *b)
{
    compare_model *m = b->m;
    int status = 0;
    for (size_t f = 0; f < m->nfiles && status == 0; f++)
        status = compare_map_file(b, f);
    for (size_t s = 0; s < m->nseries && status == 0; s++) {
        m->series[s].cells = calloc(m->series[s].nthreads * m->nfiles, sizeof(compare_cell));
        status = m->series[s].cells ? 0 : 1;
    }
    for (size_t f = 0; f < m->nfiles && status == 0; f++)
        compare_place_file(b, f);
    if (status == 0)
        status = compare_order(m);
    return status;
}

compare_settings compare_settings_default(void)
{
    return (compare_settings){.factor = COMPARE_FACTOR, .alpha = COMPARE_ALPHA};
}

int compare_build(const rf_file *files, size_t nfiles, const compare_settings *settings,
                  compare_model *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->settings = settings ? *settings : compare_settings_default();
    if (nfiles < 2 || nfiles > COMPARE_MAX_FILES) {
        snprintf(err, errlen, "compare needs 2 to %d result files, not %zu", COMPARE_MAX_FILES,
                 nfiles);
        return OMPSCALE_USAGE;
    }
    out->nfiles = nfiles;
    for (size_t f = 0; f < nfiles; f++)
        out->files[f] = &files[f];
    compare_builder b = {.m = out, .err = err, .errlen = errlen};
    int status = compare_fill(&b);
    for (size_t f = 0; f < nfiles; f++)
        free(b.row_series[f]);
    if (status == 1)
        snprintf(err, errlen, "out of memory comparing %zu files", nfiles);
    if (status != 0) {
        compare_free(out);
        return status;
    }
    for (size_t s = 0; s < out->nseries; s++) {
        for (size_t f = 0; f < nfiles; f++)
            compare_side_analyse(out, &out->series[s], f);
        compare_against_baseline(out, &out->series[s]);
    }
    compare_configs_check(out);
    compare_machines(out);
    compare_geomeans(out);
    if (compare_gate_judge(out) != 0) {
        snprintf(err, errlen, "out of memory comparing %zu files", nfiles);
        compare_free(out);
        return OMPSCALE_FAIL;
    }
    return 0;
}

void compare_free(compare_model *m)
{
    if (!m)
        return;
    for (size_t s = 0; s < m->nseries; s++) {
        free(m->series[s].cells);
        free(m->series[s].threads);
    }
    free(m->series);
    free(m->configs);
    m->series = NULL;
    m->configs = NULL;
    m->nseries = m->nconfigs = 0;
}

const compare_cell *compare_cell_at(const compare_model *m, const compare_series *s, size_t t,
                                    size_t f)
{
    return &s->cells[t * m->nfiles + f];
}

const char *compare_winner(const compare_model *m, compare_verdict v, size_t f)
{
    return v == COMPARE_THIS ? m->label[f] : v == COMPARE_BASELINE ? m->label[0] : NULL;
}

const compare_series *compare_serial_of(const compare_model *m, size_t c)
{
    for (size_t s = 0; s < m->nseries; s++)
        if (m->series[s].config == c && m->series[s].serial)
            return &m->series[s];
    return NULL;
}

const char *compare_verdict_name(compare_verdict v)
{
    switch (v) {
    case COMPARE_MISSING:
        return "missing";
    case COMPARE_UNKNOWN:
        return "unknown";
    case COMPARE_NS:
        return "n.s.";
    case COMPARE_BASELINE:
    case COMPARE_THIS:
        return "significant";
    }
    return "unknown";
}

