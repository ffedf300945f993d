/*
 * html_page.c: the report page as a whole (html.h): gathers what each file
 * says (runinfo.h), its series and its plots, writes the page into memory,
 * section by section (the machines, the summary, each kernel, the
 * comparison), and saves it under a temporary name, renamed when complete
 * (files.h).  The style sheet is here: a column of readable width on a
 * laptop, plots scaled to it, tables that scroll sideways rather than
 * overflow, and a printed page without the navigation, each plot kept whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "html_parts.h"
#include "version.h"

static const char html_style[] =
    ":root{color-scheme:light}\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:#1b1b1b;background:#fff;margin:0}\n"
    "main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}\n"
    "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .6rem;"
    "border-bottom:2px solid #0072b2;padding-bottom:.2rem}\n"
    "nav{font-size:.9rem;margin:.4rem 0 1rem}nav a{margin-right:.8rem}\n"
    "a{color:#005a8c}\n"
    "table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}\n"
    "th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{background:#f0f4f8}caption{text-align:left;font-weight:600;padding:.3rem 0}\n"
    "table.cells td{text-align:right;white-space:nowrap}table.cells td:first-child{text-align:left}\n"
    "table.ratios td:nth-child(-n+3){text-align:left}\n"
    "table.facts th{width:12rem;background:#f6f8fa;font-weight:600}\n"
    ".scroll{overflow-x:auto}\n"
    "svg.plot{display:block;width:100%;height:auto;max-width:100%}\n"
    "figure{margin:.8rem 0;border:1px solid #e5e7eb}\n"
    ".ci{color:#57606a;font-size:.85em}.dim{color:#6e7781}.note{color:#57606a;font-size:.88rem}\n"
    ".warn{color:#b35900}.good{color:#1a7f37}.ns{color:#57606a}\n"
    "tr.bad td{background:#fff0f0}tr.knee td{background:#fff8e1}\n"
    "ul.fits{margin:.3rem 0 1.2rem;padding-left:1.2rem}\n"
    "code{font-size:.9em}\n"
    "@media (max-width:40rem){main{padding:.5rem}body{font-size:14px}}\n"
    "@media print{nav{display:none}main{max-width:none;padding:0}body{font-size:10pt}"
    "figure,table{break-inside:avoid}section.kernel{break-before:page}"
    "a{color:inherit;text-decoration:none}}\n";

static void html_head(FILE *out, const html_doc *d)
{
    char machine[200];
    html_machine(d, 0, machine, sizeof machine);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
    html_textf(out, "ompscale report: %s%s", machine, d->nfiles > 1 ? " and others" : "");
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", html_style);
    html_textf(out, "OpenMP scaling: %s", machine);
    for (size_t f = 1; f < d->nfiles; f++) {
        html_machine(d, f, machine, sizeof machine);
        html_textf(out, f + 1 == d->nfiles ? " and %s" : ", %s", machine);
    }
    fputs("</h1>\n<p class=\"note\">", out);
    html_textf(out, "Made by ompscale %s from %zu result file%s; %s at %s.", OMPSCALE_VERSION,
               d->nfiles, d->nfiles == 1 ? "" : "s", d->nfiles == 1 ? "run" : "the first run",
               d->files[0].timestamp[0] ? d->files[0].timestamp : "an unrecorded time");
    fputs("</p>\n<nav><a href=\"#summary\">Summary</a><a href=\"#machines\">Machines</a>", out);
    for (size_t k = 0; k < d->nkernels; k++) {
        char id[64];
        html_kernel_id(d->kernels[k], id, sizeof id);
        fprintf(out, "<a href=\"#%s\">", id);
        html_text(out, d->kernels[k]);
        fputs("</a>", out);
    }
    if (d->nfiles > 1)
        fputs("<a href=\"#comparison\">Comparison</a>", out);
    fputs("</nav>\n", out);
}

/* The whole page into memory: text and len; 0 or 1. */
static int html_render(const html_doc *d, char **text, size_t *len, char *err, size_t errlen)
{
    FILE *out = open_memstream(text, len);
    if (!out) {
        snprintf(err, errlen, "out of memory for the report");
        return 1;
    }
    html_head(out, d);
    html_summary(out, d);
    html_context(out, d);
    for (size_t k = 0; k < d->nkernels; k++)
        html_kernel(out, d, d->kernels[k]);
    int status = d->nfiles > 1 ? html_compare(out, d, err, errlen) : 0;
    fputs("</main>\n</body>\n</html>\n", out);
    if (fclose(out) != 0 && status == 0) {
        snprintf(err, errlen, "out of memory for the report");
        status = 1;
    }
    return status;
}

typedef struct html_bytes {
    const char *text;
    size_t len;
} html_bytes;

static int html_put(const void *what, FILE *out)
{
    const html_bytes *b = what;
    return fwrite(b->text, 1, b->len, out) == b->len ? 0 : 1;
}

static void html_doc_free(html_doc *d)
{
    for (size_t f = 0; f < d->nfiles; f++)
        runinfo_free(&d->info[f]);
    html_series_free(d);
    html_plots_free(d);
}

int html_write(const rf_file *files, size_t nfiles, const html_opts *o, char *err, size_t errlen)
{
    html_doc d = {.files = files, .nfiles = nfiles, .o = o};
    if (nfiles == 0 || nfiles > HTML_MAX_FILES) {
        snprintf(err, errlen, "a report takes 1 to %d files", HTML_MAX_FILES);
        return 2;
    }
    for (size_t f = 0; f < nfiles; f++)
        if (files_same_file(o->path, files[f].path)) {
            snprintf(err, errlen, "the report %s would replace %s, an input: give -o another name",
                     o->path, files[f].path);
            return 2;
        }
    int status = 0;
    char *text = NULL;
    size_t len = 0;
    for (size_t f = 0; f < nfiles && status == 0; f++)
        status = runinfo_load(files[f].path, &d.info[f], err, errlen);
    if (status == 0)
        status = html_series_build(&d, err, errlen);
    if (status == 0)
        status = html_plots_draw(&d, err, errlen);
    if (status == 0)
        status = html_render(&d, &text, &len, err, errlen);
    if (status == 0) {
        html_bytes b = {text, len};
        status = files_write_atomic(o->path, html_put, &b, err, errlen);
    }
    free(text);
    html_doc_free(&d);
    return status;
}
