/*
 * resultfile.c: what both result file readers share (resultfile_parts.h):
 * each record's fields parsed by the schema table's types and rules into a
 * row, the row checked as a whole (one machine per file, a failed cell
 * without times, a median inside its interval, a JSON's times as many as its
 * repetitions), and the file's cells checked together; rf_load picks the
 * reader by the file's name.
 */
#include "resultfile.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resultfile_parts.h"
#include "scaling.h"

const char *const rf_verdict_words[] = {
    [RF_NOT_VERIFIED] = "false", [RF_VERIFIED] = "true", [RF_FOREIGN] = "foreign", NULL};

void rf_where(const rf_reader *r, int record, char *buf, size_t len)
{
    if (r->json)
        snprintf(buf, len, "rows[%d]", record - 1);
    else
        snprintf(buf, len, "line %d", record);
}

void rf_error(rf_reader *r, int col, const char *fmt, ...)
{
    if (r->status)
        return;
    r->status = OMPSCALE_USAGE;
    int n;
    if (r->json && r->record_line == 0)
        n = snprintf(r->err, r->errlen, "%s: ", r->out->path);
    else if (r->json && col >= 0)
        n = snprintf(r->err, r->errlen, "%s: rows[%d].%s: ", r->out->path, r->record_line - 1,
                     schema_columns[col].name);
    else if (r->json)
        n = snprintf(r->err, r->errlen, "%s: rows[%d]: ", r->out->path, r->record_line - 1);
    else if (col >= 0)
        n = snprintf(r->err, r->errlen, "%s:%d: column %d (%s): ", r->out->path, r->record_line,
                     r->column[col] + 1, schema_columns[col].name);
    else
        n = snprintf(r->err, r->errlen, "%s:%d: ", r->out->path, r->record_line);
    if (n < 0 || (size_t)n >= r->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    /* A quoted field may hold a newline or other control bytes: one line of message. */
    for (char *c = r->err; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

/* The column called name (one the reader checks by meaning); it is in the table. */
static int rf_col(const char *name)
{
    return schema_index(name);
}

/* Whether t is one of column col's words; or an error naming them. */
static void rf_word(rf_reader *r, int col, const char *t)
{
    const char *const *words = schema_columns[col].read.words;
    char valid[128] = "";
    size_t used = 0;
    for (int i = 0; words[i]; i++) {
        if (strcmp(t, words[i]) == 0)
            return;
        int n = snprintf(valid + used, sizeof valid - used, "%s%s", i ? ", " : "", words[i]);
        used += n > 0 && (size_t)n < sizeof valid - used ? (size_t)n : 0;
    }
    rf_error(r, col, "'%.40s' is not one of %s", t, valid);
}

/* Whether column col's text t is valid for its type, read into v; or an error (t is not empty). */
static void rf_parse(rf_reader *r, int col, const char *t, schema_value *v)
{
    const schema_column *c = &schema_columns[col];
    char *end;
    errno = 0;
    switch (c->type) {
    case SCHEMA_TEXT:
        v->text = t;
        if (c->read.words)
            rf_word(r, col, t);
        break;
    case SCHEMA_INT: {
        long long n = strtoll(t, &end, 10);
        if (end == t || *end || errno || n < c->read.min || n > c->read.max)
            rf_error(r, col, "'%.40s' is not a whole number from %lld to %lld", t,
                     (long long)c->read.min, (long long)c->read.max);
        v->integer = n;
        break;
    }
    case SCHEMA_REAL:
        v->real = strtod(t, &end);
        if (end == t || *end || errno == ERANGE || !isfinite(v->real) || v->real < c->read.least)
            rf_error(r, col, "'%.40s' is not a finite number of at least %g", t, c->read.least);
        break;
    case SCHEMA_BOOL:
        v->boolean = strcmp(t, "true") == 0;
        if (!v->boolean && strcmp(t, "false") != 0)
            rf_error(r, col, "'%.40s' is not true or false", t);
        break;
    case SCHEMA_REALS:
        break; /* a JSON array: the front end gave the numbers */
    }
}

/* An empty field (JSON null) where column col needs a value: the type's own complaint. */
static void rf_empty(rf_reader *r, int col)
{
    schema_value v = {0};
    if (r->json)
        rf_error(r, col, "is null or empty: this field needs a value");
    else if (schema_columns[col].type == SCHEMA_TEXT)
        rf_error(r, col, "is empty: a name is required");
    else
        rf_parse(r, col, "", &v);
}

/* Column col's field f into v; *empty says it was empty (none). */
static void rf_value(rf_reader *r, int col, const rf_field *f, schema_value *v, bool *empty)
{
    const schema_column *c = &schema_columns[col];
    *empty = c->type != SCHEMA_REALS && f->text[0] == '\0';
    if (c->type == SCHEMA_REALS) {
        v->reals = f->reals;
        v->nreals = f->nreals;
        for (size_t i = 0; i < f->nreals; i++)
            if (!(f->reals[i] >= c->read.least)) {
                rf_error(r, col, "[%zu] is %g: a time is a finite number of at least %g s", i,
                         f->reals[i], c->read.least);
                return;
            }
    } else if (*empty && c->read.empty == SCHEMA_NEVER_EMPTY) {
        rf_empty(r, col);
    } else if (*empty) {
        v->none = c->type != SCHEMA_TEXT; /* an empty text is a text */
        v->text = "";
    } else {
        rf_parse(r, col, f->text, v);
    }
}

/* The machine columns, read into m: the first row sets the file's, every later row must agree. */
static void rf_machine(rf_reader *r, const rf_file *m)
{
    rf_file *f = r->out;
    if (m->physical_cores > m->logical_cpus) {
        rf_error(r, rf_col("physical_cores"), "%d physical cores but %d logical CPUs",
                 m->physical_cores, m->logical_cpus);
        return;
    }
    if (f->nrows == 0) {
        snprintf(f->host, sizeof f->host, "%s", m->host);
        snprintf(f->cpu_model, sizeof f->cpu_model, "%s", m->cpu_model);
        f->logical_cpus = m->logical_cpus;
        f->physical_cores = m->physical_cores;
        snprintf(f->version, sizeof f->version, "%s", m->version);
        snprintf(f->timing, sizeof f->timing, "%s", m->timing[0] ? m->timing : "in-process");
        snprintf(f->timestamp, sizeof f->timestamp, "%s", m->timestamp);
        snprintf(f->label, sizeof f->label, "%s", m->label);
        return;
    }
    char first[32];
    rf_where(r, f->rows[0].line, first, sizeof first);
    if (strcmp(m->host, f->host) != 0)
        rf_error(r, rf_col("host"), "'%s' differs from '%s' on %s: one file holds one machine's "
                                    "results", m->host, f->host, first);
    else if (strcmp(m->cpu_model, f->cpu_model) != 0 || m->logical_cpus != f->logical_cpus ||
             m->physical_cores != f->physical_cores)
        rf_error(r, rf_col("cpu_model"), "the CPU differs from %s's: one file holds one "
                                         "machine's results", first);
}

/* A row with no repetitions: no time to have, and it cannot have verified. */
static void rf_row_failed(rf_reader *r, const rf_field *fields, const rf_row *w)
{
    for (int i = 0; schema_columns[i].name; i++) {
        const char *t = fields[i].text;
        if (schema_columns[i].read.need && schema_columns[i].read.empty_when_failed && t && t[0]) {
            rf_error(r, i, "'%.40s' on a row of 0 repetitions: a cell that failed before any "
                           "repetition has no time (an empty field)", t);
            return;
        }
    }
    if (w->verified != RF_NOT_VERIFIED)
        rf_error(r, rf_col("verified"), "%s on a row of 0 repetitions: a cell with no "
                                        "repetition did not verify",
                 rf_verdict_words[w->verified]);
}

/* What one row's figures must say together. */
static void rf_row_check(rf_reader *r, const rf_field *fields, const rf_row *w)
{
    bool ran = w->reps > 0; /* reps 0: a cell that failed before any repetition */
    for (int i = 0; ran && schema_columns[i].name; i++)
        if (schema_columns[i].read.need && schema_columns[i].read.empty == SCHEMA_EMPTY_WHEN_FAILED &&
            fields[i].text && !fields[i].text[0])
            rf_empty(r, i);
    int times = rf_col("times_s");
    if (r->status)
        return;
    if (!ran)
        rf_row_failed(r, fields, w);
    else if (!(w->median_s > 0))
        rf_error(r, rf_col("median_s"), "a median time must be above 0 s");
    else if (!(w->ci95_low_s <= w->median_s && w->median_s <= w->ci95_high_s))
        rf_error(r, rf_col("ci95_low_s"), "the interval [%g, %g] does not contain the median %g",
                 w->ci95_low_s, w->ci95_high_s, w->median_s);
    else if (w->speedup_ci_low > w->speedup_ci_high)
        rf_error(r, rf_col("speedup_ci95_low"), "the interval [%g, %g] is reversed",
                 w->speedup_ci_low, w->speedup_ci_high);
    if (!r->status && fields[times].text && fields[times].nreals != (size_t)w->reps)
        rf_error(r, times, "%zu times, but reps is %lld: every timed repetition, in order",
                 fields[times].nreals, (long long)w->reps);
}

/* Keeps w as the next row of the file. */
static void rf_keep(rf_reader *r, rf_row *w)
{
    rf_file *f = r->out;
    if (f->nrows == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        rf_row *rows = realloc(f->rows, cap * sizeof *rows);
        if (!rows) {
            rf_error(r, -1, "out of memory");
            return;
        }
        f->rows = rows;
        r->cap = cap;
    }
    f->rows[f->nrows++] = *w;
    w->times = NULL; /* the file's now */
}

void rf_record(rf_reader *r, const rf_field *fields)
{
    rf_file m = {.logical_cpus = 0};
    rf_row w = {.line = r->record_line, .min_s = NAN, .throughput = NAN, .speedup_ci_low = NAN,
                .speedup_ci_high = NAN, .overhead_us = NAN, .overhead_ci_low_us = NAN,
                .overhead_ci_high_us = NAN, .best_throughput = NAN, .ceiling_throughput = NAN,
                .intensity = NAN, .gops = NAN, .roof_gops = NAN, .roof_fraction = NAN};
    if (r->out->nrows == RF_MAX_ROWS) {
        rf_error(r, -1, "more than %d rows", RF_MAX_ROWS);
        return;
    }
    for (int i = 0; !r->status && schema_columns[i].name; i++) {
        const schema_column *c = &schema_columns[i];
        if (c->read.need == SCHEMA_UNREAD || !fields[i].text)
            continue; /* an optional column the file lacks keeps its default */
        schema_value v = {0};
        bool empty;
        rf_value(r, i, &fields[i], &v, &empty);
        if (r->status)
            break;
        int set = c->read.set(&m, &w, &v);
        if (set > 0)
            rf_error(r, i, "'%.40s...' is longer than %d characters", v.text, set - 1);
        else if (set < 0)
            rf_error(r, i, "out of memory");
    }
    if (!r->status)
        rf_machine(r, &m);
    if (!r->status)
        rf_row_check(r, fields, &w);
    if (!r->status)
        rf_keep(r, &w);
    free(w.times);
}

/* The order of rows by cell (kernel, params, size, variant, schedule), then threads and line. */
static int rf_cell_order(const void *pa, const void *pb)
{
    const rf_row *a = *(const rf_row *const *)pa, *b = *(const rf_row *const *)pb;
    int c = strcmp(a->kernel, b->kernel);
    if (!c)
        c = strcmp(a->params, b->params);
    if (!c)
        c = (a->size > b->size) - (a->size < b->size);
    if (!c)
        c = strcmp(a->variant, b->variant);
    if (!c)
        c = strcmp(a->schedule, b->schedule);
    if (!c)
        c = (a->threads > b->threads) - (a->threads < b->threads);
    return c ? c : a->line - b->line;
}

/*
 * What every reader of the file can take, checked here once so that compare
 * and plot accept the same files: one row per cell (a second row of the same
 * kernel, params, size, variant, schedule and threads is refused at the
 * earliest line that repeats one), and at most SCALING_MAX_POINTS thread
 * counts in one series (what a scaling summary takes; run plans no more).
 */
void rf_finish(rf_reader *r)
{
    rf_file *f = r->out;
    if (r->status)
        goto done;
    const rf_row **by = malloc(f->nrows * sizeof *by);
    if (!by) {
        rf_error(r, -1, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < f->nrows; i++)
        by[i] = &f->rows[i];
    qsort(by, f->nrows, sizeof *by, rf_cell_order);
    const rf_row *repeat = NULL, *original = NULL, *crowded = NULL;
    size_t counts = 1;
    for (size_t i = 1; i < f->nrows; i++) {
        const rf_row *a = by[i - 1], *b = by[i];
        bool same_series = strcmp(a->kernel, b->kernel) == 0 &&
                           strcmp(a->params, b->params) == 0 && a->size == b->size &&
                           strcmp(a->variant, b->variant) == 0 &&
                           strcmp(a->schedule, b->schedule) == 0;
        if (same_series && a->threads == b->threads) {
            if (!repeat || b->line < repeat->line) {
                repeat = b;
                original = a;
            }
            continue;
        }
        counts = same_series ? counts + 1 : 1;
        if (counts > SCALING_MAX_POINTS && (!crowded || b->line < crowded->line))
            crowded = b;
    }
    free(by);
    if (repeat) {
        char where[32];
        rf_where(r, original->line, where, sizeof where);
        r->record_line = repeat->line;
        rf_error(r, -1, "repeats %s (%s/%s/%s at %d threads, same params and size): one row "
                        "per cell", where, repeat->kernel, repeat->variant, repeat->schedule,
                 repeat->threads);
    } else if (crowded) {
        r->record_line = crowded->line;
        rf_error(r, -1, "%s/%s/%s: more than %d thread counts in one series (kernel, params, "
                        "size, variant, schedule)", crowded->kernel, crowded->variant,
                 crowded->schedule, SCALING_MAX_POINTS);
    }
done:
    if (r->status)
        rf_free(f);
}

void rf_free(rf_file *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nrows; i++)
        free(f->rows[i].times);
    free(f->rows);
    f->rows = NULL;
    f->nrows = 0;
}

bool rf_is_json(const char *path)
{
    size_t n = strlen(path);
    static const char ext[] = ".json";
    if (n < sizeof ext - 1)
        return false;
    for (size_t i = 0; i < sizeof ext - 1; i++)
        if (tolower((unsigned char)path[n - (sizeof ext - 1) + i]) != ext[i])
            return false;
    return true;
}

int rf_load(const char *path, rf_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *in = fopen(path, "r");
    if (!in) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return OMPSCALE_USAGE;
    }
    int status = rf_is_json(path) ? rf_read_json(in, path, out, err, errlen)
                                  : rf_read(in, path, out, err, errlen);
    fclose(in);
    return status;
}

int rf_analyse(const rf_file *f, const rf_row *const *rows, size_t n, scaling_summary *out)
{
    scaling_point pts[SCALING_MAX_POINTS];
    size_t m = 0;
    for (size_t i = 0; i < n && m < SCALING_MAX_POINTS; i++) {
        const rf_row *r = rows[i];
        /* a row that ran fewer threads than asked is no point, nor a failed one (no speedup) */
        if (r && r->reps > 0 && r->speedup > 0 && r->threads_obtained >= r->threads)
            pts[m++] = (scaling_point){r->threads, r->speedup, r->speedup_ci_low,
                                       r->speedup_ci_high};
    }
    if (m == 0)
        return OMPSCALE_FAIL;
    return scaling_analyse(pts, m, f->logical_cpus, f->physical_cores, SCALING_KNEE_THRESHOLD,
                           out);
}
