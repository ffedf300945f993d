/*
 * resultfile.c: reading a result CSV back by header name (resultfile.h).
 * The file is fed to libcsv line by line so that every record knows the line
 * it started on; each record's fields are kept until its end, then the header
 * is mapped to the columns below or the row is parsed and checked.
 */
#include "resultfile.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scaling.h"

enum {
    C_HOST, C_CPU, C_LOGICAL, C_PHYSICAL, C_KERNEL, C_VARIANT, C_SCHEDULE, C_THREADS,
    C_OBTAINED, C_SIZE, C_REPS, C_MEDIAN, C_CI_LOW, C_CI_HIGH, C_SPEEDUP, C_EFFICIENCY,
    C_VERIFIED, /* the required ones end here */
    C_MIN, C_THROUGHPUT, C_TPUT_UNIT, C_SP_CI_LOW, C_SP_CI_HIGH, C_PARAMS, C_VERSION, C_TIMING,
    C_OVERHEAD, C_COUNT
};
#define C_REQUIRED (C_VERIFIED + 1)

static const char *const column_names[C_COUNT] = {
    "host", "cpu_model", "logical_cpus", "physical_cores", "kernel", "variant", "schedule",
    "threads", "threads_obtained", "size", "reps", "median_s", "ci95_low_s", "ci95_high_s",
    "speedup", "efficiency", "verified", "min_s", "throughput", "throughput_unit",
    "speedup_ci95_low", "speedup_ci95_high", "params", "ompscale_version", "timing",
    "overhead_us",
};

const char *const rf_required_columns[] = {
    "host", "cpu_model", "logical_cpus", "physical_cores", "kernel", "variant", "schedule",
    "threads", "threads_obtained", "size", "reps", "median_s", "ci95_low_s", "ci95_high_s",
    "speedup", "efficiency", "verified", NULL,
};

#define RF_MAX_FIELDS 256
#define RF_MAX_ROWS 1000000
#define RF_MAX_LINE (1 << 20) /* a result row is a few hundred bytes */

typedef struct rf_reader {
    rf_file *out;
    int line;                 /* the physical line being fed */
    int record_line;          /* the line the current record started on */
    bool in_record;
    char *fields[RF_MAX_FIELDS];
    size_t nfields;
    size_t header_fields;     /* 0 until the header was read */
    int column[C_COUNT];      /* the field index of each column, -1 when absent */
    size_t cap;
    int status;
    char *err;
    size_t errlen;
} rf_reader;

static void rf_error(rf_reader *r, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first error wins: "PATH:LINE: column C (NAME): message". */
static void rf_error(rf_reader *r, int col, const char *fmt, ...)
{
    if (r->status)
        return;
    r->status = 2;
    int n;
    if (col >= 0)
        n = snprintf(r->err, r->errlen, "%s:%d: column %d (%s): ", r->out->path, r->record_line,
                     r->column[col] + 1, column_names[col]);
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

static void rf_field_cb(void *data, size_t len, void *ctx)
{
    rf_reader *r = ctx;
    if (!r->in_record) {
        r->in_record = true;
        r->record_line = r->line;
    }
    if (r->status)
        return;
    if (r->nfields == RF_MAX_FIELDS) {
        rf_error(r, -1, "more than %d fields: not a result CSV", RF_MAX_FIELDS);
        return;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        rf_error(r, -1, "out of memory");
        return;
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    if (strlen(copy) != len) {
        free(copy);
        rf_error(r, -1, "field %zu holds a NUL byte: not a text CSV", r->nfields + 1);
        return;
    }
    r->fields[r->nfields++] = copy;
}

static void rf_header(rf_reader *r)
{
    for (int c = 0; c < C_COUNT; c++)
        r->column[c] = -1;
    for (size_t i = 0; i < r->nfields; i++)
        for (int c = 0; c < C_COUNT; c++)
            if (strcmp(r->fields[i], column_names[c]) == 0) {
                if (r->column[c] >= 0) {
                    rf_error(r, -1, "column '%s' appears twice (columns %d and %zu)",
                             column_names[c], r->column[c] + 1, i + 1);
                    return;
                }
                r->column[c] = (int)i;
            }
    for (int c = 0; c < C_REQUIRED; c++)
        if (r->column[c] < 0) {
            rf_error(r, -1,
                     "not an ompscale result CSV: the header has no column '%s' (required: "
                     "host, cpu_model, logical_cpus, physical_cores, kernel, variant, schedule, "
                     "threads, threads_obtained, size, reps, median_s, ci95_low_s, ci95_high_s, "
                     "speedup, efficiency, verified; see results/README.md)",
                     column_names[c]);
            return;
        }
    r->header_fields = r->nfields;
}

static const char *rf_text(const rf_reader *r, int col)
{
    return r->column[col] >= 0 ? r->fields[r->column[col]] : NULL;
}

static void rf_copy(rf_reader *r, int col, char *buf, size_t len)
{
    const char *t = rf_text(r, col);
    if (!t) {
        buf[0] = '\0';
        return;
    }
    if (strlen(t) >= len) {
        rf_error(r, col, "'%.40s...' is longer than %zu characters", t, len - 1);
        return;
    }
    snprintf(buf, len, "%s", t);
}

static void rf_name(rf_reader *r, int col, char *buf, size_t len)
{
    rf_copy(r, col, buf, len);
    if (!r->status && !buf[0])
        rf_error(r, col, "is empty: a name is required");
}

static int64_t rf_int(rf_reader *r, int col, int64_t min, int64_t max)
{
    const char *t = rf_text(r, col);
    char *end;
    errno = 0;
    long long v = strtoll(t, &end, 10);
    if (end == t || *end || errno || v < min || v > max) {
        rf_error(r, col, "'%.40s' is not a whole number from %lld to %lld", t, (long long)min,
                 (long long)max);
        return min;
    }
    return v;
}

/* A finite number >= min; an absent optional column (or, if allow_empty, an empty field) is NAN. */
static double rf_real(rf_reader *r, int col, double min, bool allow_empty)
{
    const char *t = rf_text(r, col);
    if (!t || (allow_empty && !t[0]))
        return NAN;
    char *end;
    errno = 0;
    double v = strtod(t, &end);
    if (end == t || *end || errno == ERANGE || !isfinite(v) || v < min) {
        rf_error(r, col, "'%.40s' is not a finite number of at least %g", t, min);
        return NAN;
    }
    return v;
}

/* A whole number from min to max, or `none` for an empty field. */
static int64_t rf_int_or_empty(rf_reader *r, int col, int64_t min, int64_t max, int64_t none)
{
    const char *t = rf_text(r, col);
    return t && !t[0] ? none : rf_int(r, col, min, max);
}

static bool rf_bool(rf_reader *r, int col)
{
    const char *t = rf_text(r, col);
    if (strcmp(t, "true") == 0)
        return true;
    if (strcmp(t, "false") != 0)
        rf_error(r, col, "'%.40s' is not true or false", t);
    return false;
}

/* The machine columns: the first row sets them, every later row must agree. */
static void rf_machine(rf_reader *r)
{
    rf_file *f = r->out;
    char host[sizeof f->host], cpu[sizeof f->cpu_model];
    rf_name(r, C_HOST, host, sizeof host);
    rf_copy(r, C_CPU, cpu, sizeof cpu);
    int logical = (int)rf_int(r, C_LOGICAL, 1, 1 << 20);
    int physical = (int)rf_int_or_empty(r, C_PHYSICAL, 1, 1 << 20, 0); /* empty: unknown */
    if (r->status)
        return;
    if (physical > logical) {
        rf_error(r, C_PHYSICAL, "%d physical cores but %d logical CPUs", physical, logical);
        return;
    }
    if (f->nrows == 0) {
        snprintf(f->host, sizeof f->host, "%s", host);
        snprintf(f->cpu_model, sizeof f->cpu_model, "%s", cpu);
        f->logical_cpus = logical;
        f->physical_cores = physical;
        rf_copy(r, C_VERSION, f->version, sizeof f->version);
        rf_copy(r, C_TIMING, f->timing, sizeof f->timing);
        if (!f->timing[0])
            snprintf(f->timing, sizeof f->timing, "in-process");
        return;
    }
    if (strcmp(host, f->host) != 0)
        rf_error(r, C_HOST, "'%s' differs from '%s' on line 2: one file holds one machine's results",
                 host, f->host);
    else if (strcmp(cpu, f->cpu_model) != 0 || logical != f->logical_cpus ||
             physical != f->physical_cores)
        rf_error(r, C_CPU, "the CPU differs from line 2's: one file holds one machine's results");
}

/* A row with no repetitions: no time to have, and it cannot have verified. */
static void rf_row_failed(rf_reader *r, const rf_row *w)
{
    static const int times[] = {C_MEDIAN, C_CI_LOW, C_CI_HIGH, C_MIN};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        const char *t = rf_text(r, times[i]);
        if (t && t[0]) {
            rf_error(r, times[i], "'%.40s' on a row of 0 repetitions: a cell that failed "
                                  "before any repetition has no time (an empty field)", t);
            return;
        }
    }
    if (w->verified)
        rf_error(r, C_VERIFIED, "true on a row of 0 repetitions: a cell with no repetition "
                                "did not verify");
}

static void rf_row_parse(rf_reader *r)
{
    rf_file *f = r->out;
    if (r->nfields != r->header_fields) {
        rf_error(r, -1, "%zu fields, but the header has %zu", r->nfields, r->header_fields);
        return;
    }
    if (f->nrows == RF_MAX_ROWS) {
        rf_error(r, -1, "more than %d rows", RF_MAX_ROWS);
        return;
    }
    rf_machine(r);
    rf_row w = {.line = r->record_line};
    rf_name(r, C_KERNEL, w.kernel, sizeof w.kernel);
    rf_name(r, C_VARIANT, w.variant, sizeof w.variant);
    rf_name(r, C_SCHEDULE, w.schedule, sizeof w.schedule);
    w.threads = (int)rf_int(r, C_THREADS, 1, 1 << 20);
    w.size = rf_int(r, C_SIZE, 0, INT64_MAX);
    w.reps = rf_int(r, C_REPS, 0, INT64_MAX);
    bool ran = w.reps > 0; /* reps 0: a cell that failed before any repetition */
    w.threads_obtained = (int)(ran ? rf_int(r, C_OBTAINED, 0, 1 << 20)
                                   : rf_int_or_empty(r, C_OBTAINED, 0, 1 << 20, 0));
    w.median_s = rf_real(r, C_MEDIAN, 0, !ran);
    w.ci95_low_s = rf_real(r, C_CI_LOW, 0, !ran);
    w.ci95_high_s = rf_real(r, C_CI_HIGH, 0, !ran);
    /* empty: not applicable (no repetitions, no serial reference, not finite) */
    w.speedup = rf_real(r, C_SPEEDUP, 0, true);
    w.efficiency = rf_real(r, C_EFFICIENCY, 0, true);
    w.verified = rf_bool(r, C_VERIFIED);
    w.min_s = rf_real(r, C_MIN, 0, true);
    w.throughput = rf_real(r, C_THROUGHPUT, 0, true);
    rf_copy(r, C_TPUT_UNIT, w.throughput_unit, sizeof w.throughput_unit);
    w.speedup_ci_low = rf_real(r, C_SP_CI_LOW, 0, true);
    w.speedup_ci_high = rf_real(r, C_SP_CI_HIGH, 0, true);
    rf_copy(r, C_PARAMS, w.params, sizeof w.params);
    w.overhead_us = rf_real(r, C_OVERHEAD, -INFINITY, true);
    if (r->status)
        return;
    if (!ran)
        rf_row_failed(r, &w);
    else if (!(w.median_s > 0))
        rf_error(r, C_MEDIAN, "a median time must be above 0 s");
    else if (!(w.ci95_low_s <= w.median_s && w.median_s <= w.ci95_high_s))
        rf_error(r, C_CI_LOW, "the interval [%g, %g] does not contain the median %g", w.ci95_low_s,
                 w.ci95_high_s, w.median_s);
    else if (w.speedup_ci_low > w.speedup_ci_high)
        rf_error(r, C_SP_CI_LOW, "the interval [%g, %g] is reversed", w.speedup_ci_low,
                 w.speedup_ci_high);
    if (r->status)
        return;
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
    f->rows[f->nrows++] = w;
}

static void rf_record_cb(int c, void *ctx)
{
    (void)c;
    rf_reader *r = ctx;
    if (!r->in_record) { /* a record of no fields */
        r->in_record = true;
        r->record_line = r->line;
    }
    if (!r->status) {
        if (!r->header_fields)
            rf_header(r);
        else
            rf_row_parse(r);
    }
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    r->nfields = 0;
    r->in_record = false;
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
static void rf_check_cells(rf_reader *r)
{
    rf_file *f = r->out;
    const rf_row **by = malloc(f->nrows * sizeof *by);
    if (!by) {
        rf_error(r, -1, "out of memory");
        return;
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
        r->record_line = repeat->line;
        rf_error(r, -1, "repeats line %d (%s/%s/%s at %d threads, same params and size): one row "
                        "per cell", original->line, repeat->kernel, repeat->variant,
                 repeat->schedule, repeat->threads);
    } else if (crowded) {
        r->record_line = crowded->line;
        rf_error(r, -1, "%s/%s/%s: more than %d thread counts in one series (kernel, params, "
                        "size, variant, schedule)", crowded->kernel, crowded->variant,
                 crowded->schedule, SCALING_MAX_POINTS);
    }
}

void rf_free(rf_file *f)
{
    if (!f)
        return;
    free(f->rows);
    f->rows = NULL;
    f->nrows = 0;
}

/*
 * One line of in, its newline included, NUL bytes and all, like getline; but
 * it stops reading past RF_MAX_LINE bytes (returning RF_MAX_LINE + 1), so a
 * file without newlines (/dev/zero) cannot exhaust memory.  -1 at the end or
 * on an error.
 */
static ssize_t rf_getline(char **buf, size_t *cap, FILE *in)
{
    size_t len = 0;
    int c;
    while ((c = getc(in)) != EOF) {
        if (len + 2 > *cap) {
            size_t grown = *cap ? 2 * *cap : 4096;
            char *b = realloc(*buf, grown);
            if (!b)
                return -1;
            *buf = b;
            *cap = grown;
        }
        (*buf)[len++] = (char)c;
        if (c == '\n' || len > RF_MAX_LINE)
            break;
    }
    if (len == 0)
        return -1;
    (*buf)[len] = '\0';
    return (ssize_t)len;
}

int rf_read(FILE *in, const char *path, rf_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    rf_reader r = {.out = out, .err = err, .errlen = errlen};
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        snprintf(err, errlen, "%s: cannot start the CSV parser", path);
        return 2;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while (!r.status && (len = rf_getline(&buf, &cap, in)) > 0) {
        r.line++;
        if (!r.in_record)
            r.record_line = r.line;
        if ((size_t)len > RF_MAX_LINE) {
            rf_error(&r, -1, "a line longer than %d bytes: not a result CSV", RF_MAX_LINE);
            break;
        }
        size_t skip = r.line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0
                          ? 3 /* a UTF-8 byte order mark, as spreadsheets save CSV */
                          : 0;
        len -= (ssize_t)skip;
        if (csv_parse(&p, buf + skip, (size_t)len, rf_field_cb, rf_record_cb, &r) != (size_t)len)
            rf_error(&r, -1, "field %zu: not valid CSV (a stray quote inside a field?): %s",
                     r.nfields + 1, csv_strerror(csv_error(&p)));
    }
    if (!r.status && ferror(in))
        rf_error(&r, -1, "reading failed: %s", strerror(errno));
    if (!r.status && csv_fini(&p, rf_field_cb, rf_record_cb, &r) != 0)
        rf_error(&r, -1, "field %zu: a quoted field is never closed: %s", r.nfields + 1,
                 csv_strerror(csv_error(&p)));
    for (size_t i = 0; i < r.nfields; i++)
        free(r.fields[i]);
    csv_free(&p);
    free(buf);
    if (!r.status && !r.header_fields) {
        r.record_line = 1;
        rf_error(&r, -1, "the file is empty: a result CSV has a header and one row per cell");
    } else if (!r.status && out->nrows == 0) {
        r.record_line = r.line + 1;
        rf_error(&r, -1, "no result rows after the header");
    } else if (!r.status) {
        rf_check_cells(&r);
    }
    if (r.status)
        rf_free(out);
    return r.status;
}

int rf_load(const char *path, rf_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *in = fopen(path, "r");
    if (!in) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return 2;
    }
    int status = rf_read(in, path, out, err, errlen);
    fclose(in);
    return status;
}
