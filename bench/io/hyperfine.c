/*
 * hyperfine.c: hyperfine's JSON export read with jansson (hyperfine.h).
 * Only what the import needs is read and checked: "results", and in each
 * "command", "times" (seconds, from HF_MIN_TIME to HF_MAX_TIME), "exit_codes"
 * and "parameters"."threads" (a string of a whole number from 1, as hyperfine
 * writes a parameter's value), when there is one.
 */
#include "hyperfine.h"

#include "status.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HF_MAX_RESULTS 4096
#define HF_MAX_THREADS (1 << 20) /* as the result files' thread counts */
#define HF_MAX_TIMES 1000000
/*
 * The run times a process can take: from a nanosecond (below any clock's
 * step, so no measurement: 1e-320 is a denormal, not a time) to 10^7 s
 * (116 days).  Inside it every figure the import derives is finite: a
 * speedup is at most 10^16, a sum of squares of a million times at most
 * 10^20 s^2; a time outside it would make one infinite (a speedup of
 * 0.1 / 1e-320), which compare and plot could not read back.
 */
#define HF_MIN_TIME 1e-9
#define HF_MAX_TIME 1e7

static int hf_error(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int hf_error(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", path);
    if (n >= 0 && (size_t)n < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    /* jansson's messages and the commands quote the input, newlines included: one line. */
    for (char *c = err; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    return OMPSCALE_USAGE;
}

void hf_free(hf_export *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nresults; i++)
        free(e->results[i].times);
    free(e->results);
    e->results = NULL;
    e->nresults = 0;
}

/* results[i].parameters.threads, when there is one, into *threads (0 without). */
static int hf_threads_read(json_t *item, size_t i, int *threads, const char *path, char *err,
                           size_t errlen)
{
    json_t *v = json_object_get(json_object_get(item, "parameters"), "threads");
    *threads = 0;
    if (!v)
        return 0;
    const char *text = json_is_string(v) ? json_string_value(v) : "";
    char *end;
    long n = strtol(text, &end, 10);
    if (!json_is_string(v) || end == text || *end || n < 1 || n > HF_MAX_THREADS)
        return hf_error(err, errlen, path,
                        "results[%zu].parameters.threads: must be a whole number from 1 to %d "
                        "in a string (hyperfine --parameter-list threads 1,2)",
                        i, HF_MAX_THREADS);
    *threads = (int)n;
    return 0;
}

/* results[i]: its command, times, exit codes and threads. */
static int hf_result_read(json_t *item, size_t i, hf_result *out, const char *path, char *err,
                          size_t errlen)
{
    json_t *cmd = json_object_get(item, "command");
    json_t *times = json_object_get(item, "times");
    json_t *codes = json_object_get(item, "exit_codes");
    if (!json_is_object(item) || !json_is_string(cmd))
        return hf_error(err, errlen, path, "results[%zu]: no \"command\" string", i);
    if (strlen(json_string_value(cmd)) >= sizeof out->command)
        return hf_error(err, errlen, path, "results[%zu].command: longer than %zu characters", i,
                        sizeof out->command - 1);
    snprintf(out->command, sizeof out->command, "%s", json_string_value(cmd));
    for (const char *c = out->command; *c; c++)
        if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
            return hf_error(err, errlen, path,
                            "results[%zu].command: byte %zu is a control character (0x%02x): "
                            "not a command line (scripts/hyperfine writes them)",
                            i, (size_t)(c - out->command) + 1, (unsigned)(unsigned char)*c);
    size_t n = json_array_size(times);
    if (!json_is_array(times) || n == 0 || n > HF_MAX_TIMES)
        return hf_error(err, errlen, path,
                        "results[%zu].times: must be an array of 1 to %d run times in seconds "
                        "(hyperfine --export-json writes it)",
                        i, HF_MAX_TIMES);
    if (!json_is_array(codes) || json_array_size(codes) != n)
        return hf_error(err, errlen, path,
                        "results[%zu].exit_codes: must be an array with one exit code per time", i);
    out->times = malloc(n * sizeof *out->times);
    if (!out->times)
        return hf_error(err, errlen, path, "out of memory");
    out->all_exit_zero = true;
    for (size_t t = 0; t < n; t++) {
        json_t *v = json_array_get(times, t);
        double s = json_is_number(v) ? json_number_value(v) : NAN;
        if (!json_is_number(v))
            return hf_error(err, errlen, path, "results[%zu].times[%zu]: not a number of seconds "
                            "(command '%.200s')", i, t, out->command);
        if (!(s >= HF_MIN_TIME && s <= HF_MAX_TIME))
            return hf_error(err, errlen, path,
                            "results[%zu].times[%zu]: %g s is not a run time from %g s to %g s "
                            "(command '%.200s')",
                            i, t, s, HF_MIN_TIME, HF_MAX_TIME, out->command);
        out->times[t] = s;
        json_t *c = json_array_get(codes, t);
        if (!json_is_integer(c) && !json_is_null(c))
            return hf_error(err, errlen, path, "results[%zu].exit_codes[%zu]: not an integer", i, t);
        if (!json_is_integer(c) || json_integer_value(c) != 0)
            out->all_exit_zero = false; /* null: killed by a signal */
    }
    out->ntimes = n;
    return hf_threads_read(item, i, &out->threads, path, err, errlen);
}

/* The export in doc (which it takes over) into out: 0, or 2 with the message in err. */
static int hf_export_read(json_t *doc, json_error_t *jerr, const char *path, hf_export *out,
                          char *err, size_t errlen)
{
    if (!doc) {
        if (jerr->line > 0)
            return hf_error(err, errlen, path, "line %d, column %d: not valid JSON: %s", jerr->line,
                            jerr->column, jerr->text);
        return hf_error(err, errlen, path, "cannot read: %s", jerr->text);
    }
    json_t *results = json_object_get(doc, "results");
    size_t n = json_array_size(results);
    int status = 0;
    if (!json_is_array(results) || n == 0 || n > HF_MAX_RESULTS) {
        status = hf_error(err, errlen, path,
                          "not a hyperfine JSON export: it needs a \"results\" array of 1 to %d "
                          "benchmarks (hyperfine --export-json FILE)",
                          HF_MAX_RESULTS);
        goto done;
    }
    out->results = calloc(n, sizeof *out->results);
    if (!out->results) {
        status = hf_error(err, errlen, path, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n && !status; i++) {
        status = hf_result_read(json_array_get(results, i), i, &out->results[i], path, err, errlen);
        out->nresults = i + 1;
    }
done:
    json_decref(doc);
    if (status)
        hf_free(out);
    return status;
}

int hf_load(const char *path, hf_export *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    return hf_export_read(doc, &jerr, path, out, err, errlen);
}

int hf_read(FILE *in, const char *path, hf_export *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *doc = json_loadf(in, JSON_REJECT_DUPLICATES, &jerr);
    return hf_export_read(doc, &jerr, path, out, err, errlen);
}
