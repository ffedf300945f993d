/*
 * cmd_plot.c: `ompscale plot FILE.csv|.json [MORE ...]`: reads result files
 * (rf_load, as compare does: a CSV, or a JSON by its name) and draws their plots (plot.h) as PNG and SVG,
 * by default next to the first file, named after it (or "compare-..." for
 * several files).  Prints the path of every file written on standard output,
 * one a line.  Bad input (options, files rf_load refuses, a directory that
 * cannot be written) exits 2 with nothing written; gnuplot missing or
 * failing exits 1, with nothing written either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "files.h"
#include "plot.h"
#include "resultfile.h"
#include "text.h"

typedef struct plot_cli {
    const char **files;
    size_t nfiles;
    const char *out_dir;
    const char *stem;
    unsigned formats;
    double recompute_limit_s;
} plot_cli;

enum { PLOT_OPT_OUT_DIR = 1, PLOT_OPT_STEM, PLOT_OPT_FORMAT, PLOT_OPT_RECOMPUTE_LIMIT };

static const args_option plot_options[] = {
    {.name = "out-dir", .id = PLOT_OPT_OUT_DIR, .value = ARGS_DIR, .metavar = "DIR",
     .help = "where the plots go (default: the first file's directory)"},
    {.name = "stem", .id = PLOT_OPT_STEM, .value = ARGS_TEXT, .metavar = "NAME",
     .help = "how their names start (default: the file's name without .csv\n"
             "or .json, or compare with several files)"},
    {.name = "format", .id = PLOT_OPT_FORMAT, .value = ARGS_CHOICES, .metavar = "LIST",
     .help = "png, svg or png,svg (default both)",
     .choices = "png,svg"},
    {.name = "recompute-limit", .id = PLOT_OPT_RECOMPUTE_LIMIT, .value = ARGS_TEXT, .metavar = "S",
     .help = CLI_RECOMPUTE_LIMIT_HELP},
    {.name = NULL},
};

const args_command plot_command = {
    .name = "plot",
    .summary = "speedup, efficiency and convergence plots of result CSVs (gnuplot)",
    .usage = "FILE [MORE ...] [options]",
    .about = "Reads result files, CSV or JSON (a name ending in .json), and draws, for every\n"
             "kernel, speedup (with the ideal line, core and CPU markers and\n"
             "95% CI bars) beside parallel efficiency against threads, one line per variant,\n"
             "schedule and machine; for a kernel with a series (montecarlo's convergence) also\n"
             "that series, from a serial recomputation.  Writes DIR/STEM-KERNEL.png and .svg\n"
             "(and DIR/STEM-KERNEL-SERIES.png and .svg, e.g. STEM-montecarlo-convergence) and\n"
             "prints their paths.",
    .options = plot_options,
    .words = ARGS_FILE,
};

static int plot_parse_formats(const char *list, unsigned *formats)
{
    char buf[64], err[256];
    const char *items[2];
    size_t n;
    *formats = 0;
    if (text_split_list("--format", list, buf, sizeof buf, items, 2, &n, err, sizeof err) != 0)
        return cli_usage_error("%s: valid are png, svg or png,svg", err);
    for (size_t i = 0; i < n; i++) {
        unsigned bit = plot_format_bit(items[i]);
        if (!bit)
            return cli_usage_error("--format '%s': valid are png, svg or png,svg", list);
        *formats |= bit;
    }
    return OMPSCALE_OK;
}

static int plot_arg(void *ctx, const args_scan *s, const args_item *it)
{
    plot_cli *o = ctx;
    const char *val = it->value;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_WORD) {
        o->files[o->nfiles++] = val;
        return OMPSCALE_OK;
    }
    switch (it->option->id) {
    case PLOT_OPT_OUT_DIR:
        o->out_dir = val;
        return OMPSCALE_OK;
    case PLOT_OPT_STEM:
        if (!*val || strchr(val, '/'))
            return cli_usage_error("--stem '%s': give a file name start without '/', e.g. "
                                   "mymachine", val);
        o->stem = val;
        return OMPSCALE_OK;
    case PLOT_OPT_RECOMPUTE_LIMIT:
        return cli_recompute_limit(val, &o->recompute_limit_s);
    default:
        return plot_parse_formats(val, &o->formats);
    }
}

static int plot_parse(int argc, char **argv, plot_cli *o)
{
    o->formats = PLOT_PNG | PLOT_SVG;
    if (cli_scan(&plot_command, NULL, argc, argv, plot_arg, o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->nfiles == 0)
        return cli_usage_error("plot: name at least one result CSV, e.g. ompscale plot "
                               "results/HOST-TIME.csv");
    return OMPSCALE_OK;
}

/* The directory and stem by default, in dir and stem. */
static void plot_defaults(const plot_cli *o, char *dir, size_t dirlen, char *stem,
                          size_t stemlen)
{
    cli_file_stem(o->files[0], dir, dirlen, stem, stemlen);
    if (o->out_dir)
        snprintf(dir, dirlen, "%s", o->out_dir);
    if (o->stem)
        snprintf(stem, stemlen, "%s", o->stem);
    else if (o->nfiles > 1)
        snprintf(stem, stemlen, "compare");
}

static void plot_print_path(const char *path, void *ctx)
{
    (void)ctx;
    printf("%s\n", path);
}

/* Loads every file, checks the output directory and draws; the exit status. */
static int plot_files(const plot_cli *o, rf_file *files)
{
    char err[2048], dir[4096], stem[512], probe[4700];
    size_t loaded = 0;
    int status = OMPSCALE_OK;
    for (; loaded < o->nfiles && status == OMPSCALE_OK; loaded++)
        if (rf_load(o->files[loaded], &files[loaded], err, sizeof err) != 0)
            status = cli_usage_error("%s", err);
    if (status != OMPSCALE_OK)
        loaded--; /* the one that failed holds nothing */
    plot_defaults(o, dir, sizeof dir, stem, sizeof stem);
    snprintf(probe, sizeof probe, "%s/%s", dir, stem);
    if (status == OMPSCALE_OK && files_check_writable(probe, err, sizeof err) != 0)
        status = o->out_dir ? cli_usage_error("--out-dir '%s': %s: give an existing writable "
                                              "directory", o->out_dir, err)
                            : cli_usage_error("%s: give --out-dir DIR", err);
    plot_opts opts = {.dir = dir, .stem = stem, .formats = o->formats, .notes = stderr,
                      .recompute_limit_s = o->recompute_limit_s, .written = plot_print_path};
    if (status == OMPSCALE_OK) {
        int drawn = plot_write(files, o->nfiles, &opts, err, sizeof err);
        if (drawn != 0)
            status = drawn == OMPSCALE_USAGE ? cli_usage_error("%s", err) : cli_fail("%s", err);
    }
    for (size_t i = 0; i < loaded; i++)
        rf_free(&files[i]);
    return status;
}

int cmd_plot(int argc, char **argv)
{
    plot_cli o = {.files = calloc((size_t)argc + 1, sizeof *o.files)};
    rf_file *files = calloc((size_t)argc + 1, sizeof *files);
    int status = o.files && files ? plot_parse(argc, argv, &o) : cli_fail("out of memory");
    if (status == OMPSCALE_OK)
        status = plot_files(&o, files);
    cli_flush_stdout();
    free(files);
    free(o.files);
    return status;
}
