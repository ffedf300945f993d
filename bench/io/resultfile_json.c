/*
 * resultfile_json.c: the result JSON reader (resultfile.h).  jansson parses
 * the document (at most RF_MAX_JSON bytes, no key twice); its
 * schema_version (0 when absent: files of ompscale 0.1.0) must not be newer
 * than this program's; then each of rows[] becomes one field per column of
 * the schema table that the file's version has (`since`): a row's own
 * field, or for the columns written once per file (SCHEMA_JSON_TOP) the top
 * level's.  Each must have its column's JSON
 * type (or be null), and is handed to rf_record as the text a CSV would hold,
 * so that both readers take and refuse the same values.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resultfile_parts.h"

#define RF_MAX_JSON (256 << 20) /* a sweep's JSON is well under a megabyte per hundred cells */

typedef struct rf_source {
    FILE *in;
    size_t read;
    bool too_big;
} rf_source;

static size_t rf_json_chunk(void *buffer, size_t len, void *data)
{
    rf_source *s = data;
    if (s->read >= RF_MAX_JSON) {
        s->too_big = !feof(s->in) && getc(s->in) != EOF;
        return s->too_big ? (size_t)-1 : 0;
    }
    if (len > RF_MAX_JSON - s->read)
        len = RF_MAX_JSON - s->read;
    size_t got = fread(buffer, 1, len, s->in);
    s->read += got;
    return ferror(s->in) ? (size_t)-1 : got;
}

/* The JSON type a column's values have, for messages. */
static const char *rf_json_expects(schema_type t)
{
    static const char *const expects[] = {
        [SCHEMA_TEXT] = "a string", [SCHEMA_INT] = "a whole number",
        [SCHEMA_REAL] = "a number", [SCHEMA_BOOL] = "true or false",
        [SCHEMA_REALS] = "an array of numbers"};
    return expects[t];
}

static const char *rf_json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "a whole number";
    case JSON_REAL: return "a number with a fraction";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/*
 * Value v of column col as a field: its text in buf (a string as it is),
 * null as an empty field; the numbers of an array in *reals (allocated).  0,
 * or an error when v is not of the column's type (a column that earlier
 * versions held as a boolean, read.bool_before: a boolean in such a file).
 */
static int rf_json_field(rf_reader *r, int col, const json_t *v, int version, char *buf,
                         size_t len, double **reals, rf_field *f)
{
    schema_type t = schema_columns[col].type;
    bool nullable = t != SCHEMA_REALS && schema_columns[col].read.empty != SCHEMA_NEVER_EMPTY;
    bool ok = json_is_null(v) && nullable;
    buf[0] = '\0';
    f->text = buf;
    if (t == SCHEMA_TEXT && json_is_string(v)) {
        f->text = json_string_value(v);
        ok = true;
    } else if (t == SCHEMA_INT && json_is_integer(v)) {
        snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        ok = true;
    } else if (t == SCHEMA_REAL && json_is_number(v)) {
        snprintf(buf, len, "%.17g", json_number_value(v)); /* reads back as the same double */
        ok = true;
    } else if ((t == SCHEMA_BOOL || version < schema_columns[col].read.bool_before) &&
               json_is_boolean(v)) {
        snprintf(buf, len, "%s", json_is_true(v) ? "true" : "false");
        ok = true;
    } else if (t == SCHEMA_REALS && json_is_array(v)) {
        size_t n = json_array_size(v);
        *reals = n ? malloc(n * sizeof **reals) : NULL;
        if (n && !*reals) {
            rf_error(r, col, "out of memory");
            return OMPSCALE_USAGE;
        }
        for (size_t i = 0; i < n; i++) {
            const json_t *x = json_array_get(v, i);
            if (!json_is_number(x)) {
                rf_error(r, col, "[%zu] is %s: expected a number", i, rf_json_kind(x));
                return OMPSCALE_USAGE;
            }
            (*reals)[i] = json_number_value(x);
        }
        f->reals = *reals;
        f->nreals = n;
        ok = true;
    }
    if (!ok)
        rf_error(r, col, "is %s: expected %s%s%s", rf_json_kind(v), rf_json_expects(t),
                 version < schema_columns[col].read.bool_before ? " or true or false" : "",
                 nullable ? " or null" : "");
    return ok ? 0 : 2;
}

/* Row i of rows[] (the top level top): its fields, handed to rf_record. */
static void rf_json_row(rf_reader *r, const json_t *top, const json_t *row, int version)
{
    rf_field fields[RF_MAX_COLUMNS] = {{0}};
    char text[RF_MAX_COLUMNS][32];
    double *reals[RF_MAX_COLUMNS] = {NULL};
    if (!json_is_object(row)) {
        rf_error(r, -1, "is %s: a row is an object of the columns (see results/README.md)",
                 rf_json_kind(row));
        return;
    }
    for (int c = 0; !r->status && schema_columns[c].name; c++) {
        const schema_column *col = &schema_columns[c];
        if (col->read.need == SCHEMA_UNREAD || col->read.since > version)
            continue; /* as a CSV's columns the reader does not take, and fields of a later
                         version than the file's (not part of its layout): not looked at */
        const json_t *v = col->where & SCHEMA_JSON_ROW   ? json_object_get(row, col->name)
                          : col->where & SCHEMA_JSON_TOP ? json_object_get(top, col->name)
                                                         : NULL;
        if (v) {
            rf_json_field(r, c, v, version, text[c], sizeof text[c], &reals[c], &fields[c]);
        } else if (col->read.need == SCHEMA_REQUIRED && col->read.since <= version) {
            char required[1024];
            schema_required_list(SCHEMA_JSON_ROW | SCHEMA_JSON_TOP, version, required,
                                 sizeof required);
            rf_error(r, -1, "no field '%s' (a result JSON of schema_version %d requires: %s; "
                            "see results/README.md)", col->name, version, required);
        }
    }
    if (!r->status)
        rf_record(r, fields);
    for (int c = 0; schema_columns[c].name; c++)
        free(reals[c]);
}

/* Text field name of ctx into buf (absent or null: left empty); 0, or an error. */
static int rf_json_context_text(rf_reader *r, const json_t *ctx, const char *name, char *buf,
                                size_t len)
{
    const json_t *v = json_object_get(ctx, name);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        rf_error(r, -1, "context.%s is %s: expected a string or null", name, rf_json_kind(v));
    else if (strlen(json_string_value(v)) >= len)
        rf_error(r, -1, "context.%s is longer than %zu characters", name, len - 1);
    else
        snprintf(buf, len, "%s", json_string_value(v));
    return r->status;
}

/*
 * The build the file records in its context (absent, or null: not recorded):
 * the compiler, _OPENMP, the OpenMP runtime library and the commit, which
 * compare shows beside each machine and plot in its footer.
 */
static void rf_json_build(rf_reader *r, const json_t *doc)
{
    const json_t *ctx = json_object_get(doc, "context");
    if (!ctx || json_is_null(ctx))
        return;
    if (!json_is_object(ctx)) {
        rf_error(r, -1, "context is %s: expected an object (see results/README.md)",
                 rf_json_kind(ctx));
        return;
    }
    const json_t *openmp = json_object_get(ctx, "openmp_version");
    if (rf_json_context_text(r, ctx, "compiler", r->out->compiler, sizeof r->out->compiler) ||
        rf_json_context_text(r, ctx, "git_commit", r->out->commit, sizeof r->out->commit) ||
        rf_json_context_text(r, ctx, "openmp_runtime", r->out->openmp_runtime,
                             sizeof r->out->openmp_runtime))
        return;
    if (openmp && !json_is_null(openmp) &&
        !(json_is_integer(openmp) && json_integer_value(openmp) >= 0 &&
          json_integer_value(openmp) <= 999999))
        rf_error(r, -1, "context.openmp_version is not a whole number from 0 to 999999 "
                        "(_OPENMP, e.g. 201511) or null");
    else if (json_is_integer(openmp))
        r->out->openmp_version = (int)json_integer_value(openmp);
}

/* The document's schema_version: 0 when it has none; or an error. */
static int rf_json_version(rf_reader *r, const json_t *doc)
{
    const json_t *v = json_object_get(doc, "schema_version");
    if (!v)
        return 0;
    if (!json_is_integer(v)) {
        rf_error(r, -1, "schema_version is %s: expected a whole number of at least 0",
                 rf_json_kind(v));
        return -1;
    }
    if (json_integer_value(v) < 0) {
        rf_error(r, -1, "schema_version %" JSON_INTEGER_FORMAT ": expected a whole number of "
                        "at least 0", json_integer_value(v));
        return -1;
    }
    if (json_integer_value(v) > OMPSCALE_SCHEMA_VERSION) {
        rf_error(r, -1, "schema_version %" JSON_INTEGER_FORMAT " is newer than this ompscale "
                        "reads (%d): update ompscale", json_integer_value(v),
                 OMPSCALE_SCHEMA_VERSION);
        return -1;
    }
    return (int)json_integer_value(v);
}

int rf_read_json(FILE *in, const char *path, rf_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    rf_reader r = {.out = out, .json = true, .err = err, .errlen = errlen};
    rf_source src = {.in = in};
    json_error_t jerr;
    json_t *doc = json_load_callback(rf_json_chunk, &src, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc && src.too_big)
        rf_error(&r, -1, "larger than %d MiB: not a result JSON", RF_MAX_JSON >> 20);
    else if (!doc && jerr.line > 0)
        rf_error(&r, -1, "line %d, column %d: not valid JSON: %s", jerr.line, jerr.column,
                 jerr.text);
    else if (!doc)
        rf_error(&r, -1, "not valid JSON: %s", jerr.text);
    else if (!json_is_object(doc))
        rf_error(&r, -1, "the top level is %s: not an ompscale result JSON (an object with "
                         "rows[]; see results/README.md)", rf_json_kind(doc));
    int version = r.status ? -1 : rf_json_version(&r, doc);
    const json_t *rows = r.status ? NULL : json_object_get(doc, "rows");
    if (!r.status && !json_is_array(rows))
        rf_error(&r, -1, "no array 'rows': not an ompscale result JSON (see results/README.md)");
    else if (!r.status && json_array_size(rows) == 0)
        rf_error(&r, -1, "no result rows: rows[] is empty");
    out->schema_version = version;
    if (!r.status)
        rf_json_build(&r, doc);
    for (size_t i = 0; !r.status && i < json_array_size(rows); i++) {
        r.record_line = (int)(i < RF_MAX_ROWS ? i + 1 : RF_MAX_ROWS + 1);
        rf_json_row(&r, doc, json_array_get(rows, i), version);
    }
    json_decref(doc);
    rf_finish(&r);
    return r.status;
}
