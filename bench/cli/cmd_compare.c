/*
 * cmd_compare.c: `ompscale compare A.csv B.csv [...]`: reads result files
 * (CSV, or JSON by its name) of different machines (rf_load), builds the comparison (compare.h), prints
 * the warnings on stderr and writes the comparison as a table, markdown,
 * CSV or the gate's verdicts as JSON on stdout or, with --output, to a file.
 * Any file that is not a result CSV or JSON, and any bad option, stops the
 * command before anything is written (exit status 2).  With
 * --fail-on-regression it lists every regression on stderr after writing
 * and exits 3 (OMPSCALE_REGRESSION) when there is one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "compare_report.h"
#include "files.h"
#include "param.h"

typedef struct compare_opts {
    const char *files[COMPARE_MAX_FILES];
    size_t nfiles;
    const compare_format *format;
    const char *output; /* NULL: stdout */
    compare_settings settings;
    size_t nlabels;
    bool gate;          /* --fail-on-regression: exit 3 on a regression */
} compare_opts;

#define COMPARE_STR(x) #x
#define COMPARE_MAX_TEXT(x) COMPARE_STR(x)

enum { COMPARE_FORMAT = 1, COMPARE_OUTPUT, COMPARE_LABEL, COMPARE_GATE, COMPARE_ALPHA_OPT };

static const args_option compare_options[] = {
    {.name = "format", .id = COMPARE_FORMAT, .value = ARGS_CHOICE, .metavar = "F",
     .help = "table (default), markdown, csv (one row per machine and thread\n"
             "count of each kernel, variant and schedule), or json (the gate's\n"
             "verdict on every cell, for other tools)",
     .choices = compare_format_names},
    {.name = "output", .id = COMPARE_OUTPUT, .value = ARGS_FILE, .metavar = "FILE",
     .help = "write to FILE (through a temporary file and a rename), not stdout"},
    {.name = "label", .id = COMPARE_LABEL, .value = ARGS_TEXT, .metavar = "NAME",
     .help = "the n-th --label names the n-th file (at most one per file; by\n"
             "default a file is named by its host, with #2, #3 for a host named\n"
             "before)"},
    {.name = "fail-on-regression", .id = COMPARE_GATE, .value = ARGS_TEXT, .metavar = "FACTOR",
     .value_optional = true,
     .help = "exit 3 when a cell is slower than the\n"
             "first file's by more than FACTOR (default 1.10) and significantly\n"
             "so (p < A); list each such cell on stderr"},
    {.name = "alpha", .id = COMPARE_ALPHA_OPT, .value = ARGS_TEXT, .metavar = "A",
     .help = "significance level of the gate's Mann-Whitney U test (default 0.05)"},
    {.name = NULL},
};

const args_command compare_command = {
    .name = "compare",
    .summary = "set result CSVs of different machines side by side, with significance",
    .usage = "A.csv B.csv [C.csv ...] [options]",
    .about = "Sets result files of `ompscale run` (CSV, or JSON: a name ending in .json) from 2\n"
             "to " COMPARE_MAX_TEXT(COMPARE_MAX_FILES) " machines side by side; the first is the "
             "baseline.  Per kernel configuration,\n"
             "variant and schedule: speedup (S) and efficiency (E) at each thread count on each\n"
             "machine, with the kernel's own figure (GB/s, us/construct, ...) and the time\n"
             "ratio baseline / machine at that thread count; each machine's knee (where\n"
             "scaling flattens), max speedup,\n"
             "max speedup per physical core (max speedup / physical cores, so that a 2-core and\n"
             "a 64-core machine read side by side), Amdahl serial fraction, and the time ratio\n"
             "baseline / machine at 1 thread (serial) and at each machine's best thread count\n"
             "(above 1: that machine is faster).  Where two machines' 95% intervals overlap, the\n"
             "difference is n.s. (not significant) rather than a winner.  The CSV adds, at each\n"
             "thread count, speedup per core: speedup / min(threads, physical cores).  Then\n"
             "each machine's geometric means of its time ratios over the kernels, and the\n"
             "regression gate's verdict on every cell.  Each file's compiler and OpenMP\n"
             "version (a JSON's context; a CSV does not record them) are in the legend.",
    .options = compare_options,
    .words = ARGS_FILE,
    .notes = "Regression gate: each cell of a later file against the first file's, with the\n"
             "Mann-Whitney U test (two-sided) on the two cells' repetition times (JSON files\n"
             "of schema version 1 on: a CSV has none) and the ratio of their medians: a\n"
             "regression is slower than FACTOR x the baseline with p < A, an improvement\n"
             "faster than the baseline / FACTOR with p < A; below 9 repetitions in either\n"
             "cell, no verdict (too few repetitions).\n"
             "Warns on stderr when the files differ in parameters, size, ompscale version,\n"
             "timing method, compiler or OpenMP version, and names the kernels and cells\n"
             "that not every file has.  Exit status 0 ok, 1 writing failed, 2 bad usage or\n"
             "a file that is not a result CSV or JSON (or one of a newer schema version),\n"
             "3 a regression under --fail-on-regression.",
};

/* --label NAME: a label (cli_check_label), not given twice. */
static int compare_label_arg(compare_opts *o, const char *label)
{
    if (cli_check_label("--label", label) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->nlabels == COMPARE_MAX_FILES)
        return cli_usage_error("--label '%s': more than %d labels: give one per file, at "
                               "most %d", label, COMPARE_MAX_FILES, COMPARE_MAX_FILES);
    for (size_t i = 0; i < o->nlabels; i++)
        if (strcmp(o->settings.labels[i], label) == 0)
            return cli_usage_error("--label '%s' given twice: each file needs a label of its "
                                   "own", label);
    o->settings.labels[o->nlabels++] = label;
    return OMPSCALE_OK;
}

static int compare_arg(void *ctx, const args_scan *s, const args_item *it)
{
    compare_opts *o = ctx;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_WORD && o->nfiles == COMPARE_MAX_FILES)
        return cli_usage_error("compare: more than %d files: compare at most %d result CSVs",
                               COMPARE_MAX_FILES, COMPARE_MAX_FILES);
    if (it->kind == ARGS_WORD) {
        o->files[o->nfiles++] = it->value;
    } else if (it->option->id == COMPARE_LABEL) {
        return compare_label_arg(o, it->value);
    } else if (it->option->id == COMPARE_GATE) {
        o->gate = true;
        if (it->value && (param_parse_real(it->value, nextafter(1, 2), 1000,
                                           &o->settings.factor) != 0))
            return cli_usage_error("--fail-on-regression=%s: FACTOR must be a number above 1 "
                                   "and at most 1000 (1.10: fail on a cell over 10%% slower "
                                   "than the baseline)", it->value);
    } else if (it->option->id == COMPARE_ALPHA_OPT) {
        if (param_parse_real(it->value, nextafter(0, 1), nextafter(1, 0),
                             &o->settings.alpha) != 0)
            return cli_usage_error("--alpha '%s': must be a number between 0 and 1, "
                                   "exclusive (0.05: a 5%% chance of calling a difference "
                                   "real when there is none)", it->value);
    } else if (it->option->id == COMPARE_FORMAT) {
        o->format = compare_format_find(it->value);
        if (!o->format)
            return cli_usage_error("--format '%s': valid are %s", it->value, compare_format_names);
    } else {
        o->output = it->value;
        return cli_check_output_file("--output", it->value);
    }
    return OMPSCALE_OK;
}

static int compare_parse(int argc, char **argv, compare_opts *o)
{
    if (cli_scan(&compare_command, NULL, argc, argv, compare_arg, o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->nfiles < 2)
        return cli_usage_error("compare: %s given: compare needs at least two result CSVs, "
                               "e.g. ompscale compare a.csv b.csv",
                               o->nfiles ? "one file" : "no file");
    if (o->nlabels > o->nfiles)
        return cli_usage_error("--label: %zu labels for %zu files: give at most one label per "
                               "file, in file order", o->nlabels, o->nfiles);
    return OMPSCALE_OK;
}

static int compare_emit(const compare_opts *o, const compare_model *m)
{
    char err[4400];
    compare_warnings(m, stderr);
    if (o->output) {
        if (compare_write_file(o->format, m, o->output, err, sizeof err) != 0)
            return cli_fail("--output: %s", err);
        return OMPSCALE_OK;
    }
    /* A refused write to standard output is said once, by main, when it closes it. */
    if (o->format->write(m, stdout) != 0)
        return ferror(stdout) ? OMPSCALE_FAIL : cli_fail("compare: the comparison could not be made");
    return OMPSCALE_OK;
}

int cmd_compare(int argc, char **argv)
{
    compare_opts o = {.format = &compare_table, .settings = compare_settings_default()};
    char err[4400];
    int status = compare_parse(argc, argv, &o);
    if (status != OMPSCALE_OK)
        return status;
    o.settings.verdicts_asked = o.gate || o.format == &compare_json;
    if (o.output && cli_check_not_input("--output", o.output, o.files, o.nfiles) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o.output && files_check_writable(o.output, err, sizeof err) != 0)
        return cli_usage_error("--output: %s", err);
    rf_file files[COMPARE_MAX_FILES];
    size_t loaded = 0;
    compare_model m;
    for (; loaded < o.nfiles; loaded++)
        if (rf_load(o.files[loaded], &files[loaded], err, sizeof err) != 0) {
            status = cli_usage_error("%s", err);
            goto done;
        }
    status = compare_build(files, o.nfiles, &o.settings, &m, err, sizeof err);
    if (status != 0) {
        status = status == OMPSCALE_USAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
        goto done;
    }
    status = compare_emit(&o, &m);
    if (status == OMPSCALE_OK && o.gate && compare_regressions(&m, stderr) > 0)
        status = OMPSCALE_REGRESSION;
    compare_free(&m);
done:
    for (size_t f = 0; f < loaded; f++)
        rf_free(&files[f]);
    return status;
}
