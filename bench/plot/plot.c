/*
 * plot.c: drawing every plot of a set of result files (plot.h).  First every
 * script body is written (plot_scaling.c per kernel with an OpenMP row that
 * has a speedup, in the order the files name them, then plot_series.c per
 * kernel with a series);
 * plot refuses no file that rf_load accepted, so that it accepts what compare
 * accepts: with no body at all, a note says there is nothing to draw.  Then each body
 * runs through gnuplot once per format, with its terminal and a temporary
 * output file next to the final one.  Only when every output was drawn by a
 * gnuplot that exited 0, into a non-empty file, are the temporaries renamed;
 * on any failure they are all removed.
 */
#include "plot.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "gnuplot.h"
#include "interrupt.h"
#include "plot_parts.h"
#include "registry.h"
#include "text.h"

typedef struct plot_format {
    unsigned bit;
    const char *name;     /* also the file extension */
    const char *terminal; /* followed by the size in pixels */
    /* What a complete file ends with (then only whitespace): gnuplot exits 0 even when its
     * writes were refused (a full disk, a file size limit), leaving the file cut short. */
    const char *ending;
    size_t ending_len;
} plot_format;

/* noenhanced: text from the files is printed as it is (no ^ _ @ & { } markup). */
static const plot_format plot_formats[] = {
    {PLOT_PNG, "png", "pngcairo noenhanced font 'sans,10' size", "IEND\xae\x42\x60\x82", 8},
    {PLOT_SVG, "svg", "svg noenhanced dynamic background rgb 'white' font 'sans,10' size",
     "</svg>", 6},
};
#define PLOT_NFORMATS (sizeof plot_formats / sizeof plot_formats[0])

/* One plot: its script body and the part of its file names after the stem. */
typedef struct plot_body {
    char *text;
    size_t len;
    char name[160];
    int width, height;
} plot_body;

typedef struct plot_output {
    char final[4096];
    char *tmp; /* a slot of interrupt.h's: a signal that stops ompscale removes the file */
} plot_output;

typedef struct plot_job {
    const plot_opts *o;
    char gnuplot[4096];
    plot_body *body;     /* room for one per row of the files, and the convergence plot */
    size_t nbodies;
    plot_output *out;    /* nbodies x PLOT_NFORMATS, allocated once the bodies are known */
    size_t nout;
} plot_job;

unsigned plot_format_bit(const char *name)
{
    for (size_t i = 0; i < PLOT_NFORMATS; i++)
        if (strcmp(plot_formats[i].name, name) == 0)
            return plot_formats[i].bit;
    return 0;
}

/* A kernel name as part of a file name: anything but [A-Za-z0-9._-] becomes '_'. */
static void plot_file_part(const char *kernel, char *buf, size_t len)
{
    snprintf(buf, len, "%s", kernel);
    for (char *c = buf; *c; c++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *c))
            *c = '_';
}

/*
 * Writes the body of the scaling plot of the kernel called name, or of its
 * series' plot (series);
 * a series with nothing to draw adds no body.  0 or a status.
 */
static int plot_add_body(plot_job *job, const rf_file *files, size_t nfiles, const char *name,
                         bool series, char *err, size_t errlen)
{
    plot_body *b = &job->body[job->nbodies];
    char part[64];
    plot_file_part(name, part, sizeof part);
    *b = (plot_body){.width = series ? 1000 : 1400, .height = series ? 700 : 620};
    snprintf(b->name, sizeof b->name, "%s", part);
    FILE *out = open_memstream(&b->text, &b->len);
    if (!out) {
        snprintf(err, errlen, "out of memory for a plot script");
        return OMPSCALE_FAIL;
    }
    bool drawn = !series;
    int status = 0;
    if (series) {
        const kernel *k = registry_find(name);
        plot_file_part(k->series_name, part, sizeof part);
        text_append(b->name, sizeof b->name, "-%s", part);
        double limit = job->o->recompute_limit_s > 0 ? job->o->recompute_limit_s
                                                     : PLOT_RECOMPUTE_LIMIT;
        status = plot_series_script(files, nfiles, name, limit, out, job->o->notes, &drawn, err,
                                    errlen);
    } else {
        status = plot_scaling_script(files, nfiles, name, out, &b->width, &b->height, err,
                                     errlen);
    }
    fclose(out);
    if (status == 0 && drawn)
        job->nbodies++;
    else
        free(b->text);
    return status;
}

/* Whether kernel has a row in a file before (f, r) (drawn rows only, with drawn_only). */
static bool plot_seen_any(const rf_file *files, size_t f, size_t r, const char *kernel,
                          bool drawn_only)
{
    for (size_t g = 0; g <= f; g++)
        for (size_t i = 0; i < (g == f ? r : files[g].nrows); i++)
            if ((!drawn_only || plot_is_drawn(&files[g].rows[i])) &&
                strcmp(files[g].rows[i].kernel, kernel) == 0)
                return true;
    return false;
}

/*
 * The roofline of file f (named "roofline", or "roofline-N" for the N-th
 * file when several have roofs), or a note on why it has none (for a file
 * that counts operations: one from before the roofline is left alone).
 */
static int plot_add_roofline(plot_job *job, const rf_file *files, size_t nfiles, size_t f,
                             char *err, size_t errlen)
{
    size_t with_roofs = 0;
    for (size_t g = 0; g < nfiles; g++)
        with_roofs += plot_has_roofs(&files[g]);
    if (!plot_has_roofs(&files[f])) {
        bool counted = false; /* a file of an ompscale that counts operations (the roofline's) */
        for (size_t r = 0; r < files[f].nrows && !counted; r++)
            counted = files[f].rows[r].ops_kind[0] != '\0';
        if (job->o->notes && counted)
            fprintf(job->o->notes, "ompscale: note: no roofline for %s: it has no roofs (no "
                                   "peakflops or stream-read rows of the roof column): measure "
                                   "them with ompscale run --roofline\n", files[f].path);
        return 0;
    }
    plot_body *b = &job->body[job->nbodies];
    *b = (plot_body){0};
    if (with_roofs > 1)
        snprintf(b->name, sizeof b->name, "roofline-%zu", f + 1);
    else
        snprintf(b->name, sizeof b->name, "roofline");
    FILE *out = open_memstream(&b->text, &b->len);
    if (!out) {
        snprintf(err, errlen, "out of memory for a plot script");
        return OMPSCALE_FAIL;
    }
    int status = plot_roofline_script(&files[f], out, &b->width, &b->height, err, errlen);
    fclose(out);
    if (status == 0)
        job->nbodies++;
    else
        free(b->text);
    return status;
}

/*
 * Every body: a scaling plot per kernel with a row to draw, then a series
 * plot per kernel with a series (kernel.h), each in the order the files name
 * them, then each file's roofline.
 */
static int plot_bodies(plot_job *job, const rf_file *files, size_t nfiles, char *err,
                       size_t errlen)
{
    size_t rows = 0;
    for (size_t f = 0; f < nfiles; f++)
        rows += files[f].nrows;
    job->body = calloc(2 * rows + nfiles + 1, sizeof *job->body);
    if (!job->body) {
        snprintf(err, errlen, "out of memory for the plots");
        return OMPSCALE_FAIL;
    }
    for (size_t f = 0; f < nfiles; f++)
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (!plot_is_drawn(row) || plot_seen_any(files, f, r, row->kernel, true))
                continue;
            int status = plot_add_body(job, files, nfiles, row->kernel, false, err, errlen);
            if (status != 0)
                return status;
        }
    for (size_t f = 0; f < nfiles; f++)
        for (size_t r = 0; r < files[f].nrows; r++) {
            const rf_row *row = &files[f].rows[r];
            if (!plot_has_series(row->kernel) || plot_seen_any(files, f, r, row->kernel, false))
                continue;
            int status = plot_add_body(job, files, nfiles, row->kernel, true, err, errlen);
            if (status != 0)
                return status;
        }
    for (size_t f = 0; f < nfiles; f++) {
        int status = plot_add_roofline(job, files, nfiles, f, err, errlen);
        if (status != 0)
            return status;
    }
    return 0;
}

/* Whether the file at path ends as a complete file of format fmt does. */
static bool plot_complete(const char *path, const plot_format *fmt)
{
    char tail[64];
    FILE *in = fopen(path, "rb");
    if (!in)
        return false;
    size_t n = 0;
    if (fseek(in, -(long)sizeof tail, SEEK_END) == 0 || fseek(in, 0, SEEK_SET) == 0)
        n = fread(tail, 1, sizeof tail, in);
    bool failed = ferror(in) != 0;
    fclose(in);
    while (n > 0 && fmt->bit == PLOT_SVG && isspace((unsigned char)tail[n - 1]))
        n--;
    return !failed && n >= fmt->ending_len &&
           memcmp(tail + n - fmt->ending_len, fmt->ending, fmt->ending_len) == 0;
}

/* Draws body b in format fmt under a temporary name; 0, or 1 with err set. */
static int plot_render(plot_job *job, const plot_body *b, const plot_format *fmt, char *err,
                       size_t errlen)
{
    plot_output *po = &job->out[job->nout];
    const char *dir = job->o->dir, *slash = "/";
    if (strcmp(dir, ".") == 0)
        dir = slash = ""; /* "x-squares.png", not "./x-squares.png" */
    int n = snprintf(po->final, sizeof po->final, "%s%s%s-%s.%s", dir, slash, job->o->stem,
                     b->name, fmt->name);
    if (n < 0 || (size_t)n >= sizeof po->final) {
        snprintf(err, errlen, "the plot file name in '%s' is too long", job->o->dir);
        return OMPSCALE_FAIL;
    }
    char template[4200];
    snprintf(template, sizeof template, "%s.tmp-XXXXXX", po->final);
    if (!(po->tmp = intr_tmp_begin(template))) {
        snprintf(err, errlen, "cannot draw %s: too many files at once", po->final);
        return OMPSCALE_FAIL;
    }
    int fd = mkstemp(po->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for %s: %s", po->final,
                 strerror(errno));
        intr_tmp_end(po->tmp);
        return OMPSCALE_FAIL;
    }
    close(fd);
    job->nout++; /* from here on a failure removes it */
    char *script = NULL, why[600];
    size_t len = 0;
    FILE *s = open_memstream(&script, &len);
    if (!s) {
        snprintf(err, errlen, "out of memory for a plot script");
        return OMPSCALE_FAIL;
    }
    fprintf(s, "set terminal %s %d,%d\nset output ", fmt->terminal, b->width, b->height);
    gp_quote(s, po->tmp);
    fprintf(s, "\n%sset output\n", b->text);
    fclose(s);
    int status = gp_run(job->gnuplot, script, len, why, sizeof why);
    free(script);
    struct stat st;
    if (status != 0)
        snprintf(err, errlen, "drawing %s: %s", po->final, why);
    else if (stat(po->tmp, &st) != 0 || st.st_size == 0)
        snprintf(err, errlen, "drawing %s: gnuplot exited 0 but wrote nothing", po->final);
    else if (!plot_complete(po->tmp, fmt))
        snprintf(err, errlen, "drawing %s: gnuplot exited 0 but the file is cut short (%lld "
                              "bytes; a full disk or a file size limit?)", po->final,
                 (long long)st.st_size);
    else
        return 0;
    return OMPSCALE_FAIL;
}

static void plot_discard(plot_job *job)
{
    for (size_t i = 0; i < job->nout; i++) {
        unlink(job->out[i].tmp);
        intr_tmp_end(job->out[i].tmp);
    }
}

/*
 * Renames every temporary to its final name, then reports each path; none
 * if one would replace an input file (2).
 */
static int plot_finish(plot_job *job, const rf_file *files, size_t nfiles, char *err,
                       size_t errlen)
{
    for (size_t i = 0; i < job->nout; i++)
        for (size_t f = 0; f < nfiles; f++)
            if (files_same_file(job->out[i].final, files[f].path)) {
                snprintf(err, errlen, "the plot %s would replace %s, an input: choose another "
                                      "--stem or --out-dir", job->out[i].final, files[f].path);
                plot_discard(job);
                return OMPSCALE_USAGE;
            }
    for (size_t i = 0; i < job->nout; i++) {
        plot_output *po = &job->out[i];
        if (files_rename(po->tmp, po->final, err, errlen) != 0) {
            for (size_t j = i; j < job->nout; j++) {
                unlink(job->out[j].tmp);
                intr_tmp_end(job->out[j].tmp);
            }
            return OMPSCALE_FAIL;
        }
        intr_tmp_end(po->tmp);
    }
    for (size_t i = 0; job->o->written && i < job->nout; i++)
        job->o->written(job->out[i].final, job->o->ctx);
    return 0;
}

int plot_write(const rf_file *files, size_t nfiles, const plot_opts *o, char *err,
               size_t errlen)
{
    plot_job *job = calloc(1, sizeof *job);
    if (!job) {
        snprintf(err, errlen, "out of memory for the plots");
        return OMPSCALE_FAIL;
    }
    job->o = o;
    int status = plot_bodies(job, files, nfiles, err, errlen);
    if (status == 0 && job->nbodies == 0) {
        /* A file compare reads is a file plot reads: this one has nothing to draw. */
        if (o->notes)
            fprintf(o->notes, "ompscale: note: nothing to plot: %s%s %s no OpenMP row with a "
                              "speedup (failed cells have none) and no row of a kernel with a "
                              "series to draw\n",
                    files[0].path, nfiles > 1 ? " and the other files" : "",
                    nfiles > 1 ? "have" : "has");
        goto done;
    }
    if (status == 0 && !(job->out = calloc(job->nbodies * PLOT_NFORMATS, sizeof *job->out))) {
        snprintf(err, errlen, "out of memory for the plots");
        status = OMPSCALE_FAIL;
    }
    if (status == 0)
        status = gp_find(job->gnuplot, sizeof job->gnuplot, err, errlen);
    for (size_t b = 0; status == 0 && b < job->nbodies; b++)
        for (size_t f = 0; status == 0 && f < PLOT_NFORMATS; f++)
            if (o->formats & plot_formats[f].bit)
                status = plot_render(job, &job->body[b], &plot_formats[f], err, errlen);
    if (status == 0)
        status = plot_finish(job, files, nfiles, err, errlen);
    else
        plot_discard(job);
done:
    for (size_t b = 0; b < job->nbodies; b++)
        free(job->body[b].text);
    free(job->body);
    free(job->out);
    free(job);
    return status;
}
