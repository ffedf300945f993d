/*
 * cmd_report.c: `ompscale report FILE [MORE ...] [-o report.html]`: reads
 * result files (rf_load, as compare and plot do) and writes one
 * self-contained HTML page of them (html.h): by default next to the first
 * file, as STEM.html for one file or report.html for several.  Prints the
 * page's path.  Bad input (options, files rf_load refuses, an output that is
 * an input or cannot be written) exits 2 with nothing written; gnuplot
 * missing or failing exits 1, with nothing written either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "files.h"
#include "html.h"
#include "resultfile.h"

#define REPORT_MAX_FILES HTML_MAX_FILES

typedef struct report_cli {
    const char *files[REPORT_MAX_FILES + 1];
    size_t nfiles;
    const char *output;
    double recompute_limit_s;
} report_cli;

enum { REPORT_OPT_OUTPUT = 1, REPORT_OPT_RECOMPUTE_LIMIT };

static const args_option report_options[] = {
    {.name = "output", .id = REPORT_OPT_OUTPUT, .value = ARGS_FILE, .metavar = "FILE",
     .letter = 'o',
     .help = "the page to write (default: next to the first file, STEM.html,\n"
             "or report.html for several files)"},
    {.name = "recompute-limit", .id = REPORT_OPT_RECOMPUTE_LIMIT, .value = ARGS_TEXT,
     .metavar = "S",
     .help = CLI_RECOMPUTE_LIMIT_HELP},
    {.name = NULL},
};

const args_command report_command = {
    .name = "report",
    .summary = "one self-contained HTML page of result files (plots inline)",
    .usage = "FILE [MORE ...] [-o report.html]",
    .about = "Reads result files, CSV or JSON (a name ending in .json; the JSON has the machine\n"
             "context and the run's own summaries), and writes one HTML page that needs no\n"
             "network and no script: a summary of every series (best speedup, where it\n"
             "flattens and why, how far to trust it), the machines, then per kernel its plots\n"
             "(inline SVG), its table with 95% intervals and its fits; with several files, the\n"
             "time ratios per kernel and thread count.  Prints the page's path.",
    .options = report_options,
    .words = ARGS_FILE,
};

static int report_arg(void *ctx, const args_scan *s, const args_item *it)
{
    report_cli *o = ctx;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_WORD) {
        if (o->nfiles == REPORT_MAX_FILES)
            return cli_usage_error("report: %d files at most", REPORT_MAX_FILES);
        o->files[o->nfiles++] = it->value;
        return OMPSCALE_OK;
    }
    if (it->option->id == REPORT_OPT_OUTPUT) {
        o->output = it->value;
        return cli_check_output_file("--output", it->value);
    }
    return cli_recompute_limit(it->value, &o->recompute_limit_s);
}

static int report_parse(int argc, char **argv, report_cli *o)
{
    if (cli_scan(&report_command, NULL, argc, argv, report_arg, o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->nfiles == 0)
        return cli_usage_error("report: name at least one result file, e.g. ompscale report "
                               "results/HOST-TIME.json");
    return OMPSCALE_OK;
}

/* The page's path by default: next to the first file, STEM.html, or report.html for several. */
static void report_default_path(const report_cli *o, char *path, size_t len)
{
    char dir[4096], stem[256]; /* a file name has at most 255 bytes */
    cli_file_stem(o->files[0], dir, sizeof dir, stem, sizeof stem);
    const char *name = o->nfiles > 1 ? "report" : stem;
    if (strcmp(dir, ".") == 0)
        snprintf(path, len, "%s.html", name); /* "x.html", not "./x.html" */
    else
        snprintf(path, len, "%s/%s.html", dir, name);
}

int report_html(const char *const *names, const rf_file *files, size_t nfiles, const char *path,
                double recompute_limit_s)
{
    char err[4400];
    html_opts opts = {.path = path, .names = names, .notes = stderr,
                      .recompute_limit_s = recompute_limit_s};
    int status = html_write(files, nfiles, &opts, err, sizeof err);
    if (status == OMPSCALE_USAGE)
        return cli_usage_error("%s", err);
    if (status != 0)
        return cli_fail("%s", err);
    return OMPSCALE_OK;
}

int cmd_report(int argc, char **argv)
{
    report_cli o = {0};
    rf_file files[REPORT_MAX_FILES];
    char err[4400], path[4400];
    size_t loaded = 0;
    int status = report_parse(argc, argv, &o);
    if (status != OMPSCALE_OK)
        return status;
    if (o.output)
        snprintf(path, sizeof path, "%s", o.output);
    else
        report_default_path(&o, path, sizeof path);
    if (cli_check_not_input(o.output ? "--output" : "report", path, o.files, o.nfiles) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (files_check_writable(path, err, sizeof err) != 0 ||
        files_check_replaceable(path, err, sizeof err) != 0)
        return o.output ? cli_usage_error("--output: %s", err)
                        : cli_usage_error("%s: give -o FILE", err);
    for (; loaded < o.nfiles && status == OMPSCALE_OK; loaded++)
        if (rf_load(o.files[loaded], &files[loaded], err, sizeof err) != 0)
            status = cli_usage_error("%s", err);
    if (status != OMPSCALE_OK)
        loaded--; /* the one that failed holds nothing */
    if (status == OMPSCALE_OK)
        status = report_html(o.files, files, o.nfiles, path, o.recompute_limit_s);
    if (status == OMPSCALE_OK)
        printf("%s\n", path);
    for (size_t i = 0; i < loaded; i++)
        rf_free(&files[i]);
    cli_flush_stdout();
    return status;
}
