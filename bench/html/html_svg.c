/*
 * html_svg.c: the report's plots, inline.  plot.h draws every plot of the
 * files as SVG into a temporary directory (removed again before the page is
 * written); each file's <svg> element is kept, made fit for a page that
 * holds many of them: the XML prolog and the namespace declarations go (an
 * HTML parser puts <svg> in the SVG namespace itself, and the page names no
 * URL), and every id, with the references to it, gets the plot's own
 * prefix, so that two plots' markers never share an id.  Each file is read
 * and removed as soon as plot has drawn them all.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html_parts.h"
#include "plot.h"

/* What plot_write's callback fills: the page's plots, or the first error. */
typedef struct html_drawn {
    html_doc *d;
    int status;
    char *err;
    size_t errlen;
} html_drawn;

/* The kernel's name as plot.c puts it in a file name: anything but [A-Za-z0-9._-] as '_'. */
static void html_file_part(const char *kernel, char *buf, size_t len)
{
    snprintf(buf, len, "%s", kernel);
    for (char *c = buf; *c; c++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *c))
            *c = '_';
}

/* The kernel a plot file "r-PART.svg" or "r-PART-SERIES.svg" belongs to: the longest match. */
static const char *html_plot_kernel(const html_doc *d, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 3 : path + 2;
    const char *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; k < d->nkernels; k++) {
        char part[64];
        html_file_part(d->kernels[k], part, sizeof part);
        size_t n = strlen(part);
        if (strncmp(base, part, n) == 0 && (base[n] == '.' || base[n] == '-') && n > best_len) {
            best = d->kernels[k];
            best_len = n;
        }
    }
    return best;
}

/* Copies text to out with every id and reference to one prefixed "pN-". */
static void html_svg_ids(FILE *out, const char *text, size_t n)
{
    static const char *const refs[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
    char prefix[16];
    snprintf(prefix, sizeof prefix, "p%zu-", n);
    for (const char *c = text; *c;) {
        size_t hit = 0;
        for (size_t i = 0; i < sizeof refs / sizeof refs[0] && !hit; i++)
            if (strncmp(c, refs[i], strlen(refs[i])) == 0 &&
                (i == 4 || c == text || strchr(" \t\n:", c[-1]))) /* an attribute's start */
                hit = strlen(refs[i]);
        if (hit) {
            fwrite(c, 1, hit, out);
            fputs(prefix, out);
            c += hit;
        } else {
            fputc(*c++, out);
        }
    }
}

/* The <svg> element of file path, fit to be inline, appended to out as plot n. */
static int html_svg_inline(FILE *out, const char *path, size_t n, char *err, size_t errlen)
{
    static const char *const drop[] = {" xmlns=\"http://www.w3.org/2000/svg\"",
                                       " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
                                       "\n xmlns=\"http://www.w3.org/2000/svg\"",
                                       "\n xmlns:xlink=\"http://www.w3.org/1999/xlink\""};
    char *text = NULL;
    size_t len = 0;
    FILE *in = fopen(path, "r");
    FILE *mem = in ? open_memstream(&text, &len) : NULL;
    int c;
    while (mem && (c = getc(in)) != EOF)
        putc(c, mem);
    bool failed = !in || !mem || ferror(in);
    if (in)
        fclose(in);
    if (mem)
        fclose(mem);
    char *svg = text ? strstr(text, "<svg") : NULL;
    if (failed || !svg) {
        snprintf(err, errlen, "reading the plot %s: %s", path,
                 failed ? strerror(errno) : "no <svg> element");
        free(text);
        return 1;
    }
    char *tag_end = strchr(svg, '>');
    for (size_t i = 0; tag_end && i < sizeof drop / sizeof drop[0]; i++) {
        char *at = strstr(svg, drop[i]);
        if (at && at < tag_end) {
            size_t dl = strlen(drop[i]);
            memmove(at, at + dl, strlen(at + dl) + 1);
            tag_end -= dl;
        }
    }
    fputs("<svg class=\"plot\" role=\"img\"", out);
    html_svg_ids(out, svg + 4, n);
    fputc('\n', out);
    free(text);
    return 0;
}

/* Removes the temporary directory and what is in it. */
static void html_rmdir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[4096 + 260];
    while (dp && (e = readdir(dp)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

/*
 * plot_write's callback, for each plot as soon as all are drawn: keeps it as
 * inline SVG in the page's plots, in the order drawn, and removes the file.
 */
static void html_plot_take(const char *path, void *ctx)
{
    html_drawn *dr = ctx;
    html_doc *d = dr->d;
    const char *kernel = html_plot_kernel(d, path);
    html_plot *plots = dr->status == 0 && kernel
                           ? realloc(d->plots, (d->nplots + 1) * sizeof *d->plots) : NULL;
    if (dr->status == 0 && kernel && !plots) {
        snprintf(dr->err, dr->errlen, "out of memory for the plots");
        dr->status = 1;
    }
    if (plots) {
        d->plots = plots;
        html_plot *p = &d->plots[d->nplots];
        *p = (html_plot){0};
        snprintf(p->kernel, sizeof p->kernel, "%s", kernel);
        FILE *out = open_memstream(&p->svg, &p->len);
        if (!out)
            snprintf(dr->err, dr->errlen, "out of memory for the plots");
        dr->status = out ? html_svg_inline(out, path, d->nplots + 1, dr->err, dr->errlen) : 1;
        if (out)
            fclose(out);
        if (dr->status == 0)
            d->nplots++;
        else
            free(p->svg);
    }
    unlink(path);
}

int html_plots_draw(html_doc *d, char *err, size_t errlen)
{
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/ompscale-report-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot make a temporary directory for the plots (%s): %s", dir,
                 strerror(errno));
        return 1;
    }
    html_drawn dr = {.d = d, .err = err, .errlen = errlen};
    plot_opts opts = {.dir = dir, .stem = "r", .formats = PLOT_SVG, .notes = d->o->notes,
                      .recompute_limit_s = d->o->recompute_limit_s, .written = html_plot_take,
                      .ctx = &dr};
    int status = plot_write(d->files, d->nfiles, &opts, err, errlen);
    if (status == 0)
        status = dr.status;
    html_rmdir(dir);
    return status;
}

void html_plots_free(html_doc *d)
{
    for (size_t i = 0; i < d->nplots; i++)
        free(d->plots[i].svg);
    free(d->plots);
    d->plots = NULL;
    d->nplots = 0;
}

void html_plots_of(FILE *out, const html_doc *d, const char *kernel)
{
    for (size_t i = 0; i < d->nplots; i++)
        if (strcmp(d->plots[i].kernel, kernel) == 0) {
            fputs("<figure>\n", out);
            fwrite(d->plots[i].svg, 1, d->plots[i].len, out);
            fputs("</figure>\n", out);
        }
}
