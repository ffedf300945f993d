/*
 * html_text.c: text into the page.  Whatever came from a file (a host name,
 * parameters, a CPU model, a diagnosis) is escaped twice over: first as a
 * terminal message would be (text.h: control bytes and invalid UTF-8 as \xNN,
 * so the page is valid UTF-8), then &, <, >, " and ' as entities, so that no
 * text can open an element or leave an attribute.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_parts.h"
#include "text.h"

void html_text(FILE *out, const char *s)
{
    size_t cap = 4 * strlen(s) + 1; /* text_escape's worst case: each byte as \xNN */
    char *safe = malloc(cap);
    if (!safe)
        return;
    text_escape(s, safe, cap);
    for (const char *c = safe; *c; c++)
        switch (*c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*c, out);
        }
    free(safe);
}

void html_textf(FILE *out, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    html_text(out, buf);
}

void html_num(FILE *out, const char *fmt, double v)
{
    if (isfinite(v))
        fprintf(out, fmt, v);
    else
        fputs("&ndash;", out);
}

void html_interval(FILE *out, const char *fmt, double low, double high)
{
    if (!isfinite(low) && !isfinite(high))
        return;
    fputs(" <span class=\"ci\">[", out);
    html_num(out, fmt, low);
    fputs(", ", out);
    html_num(out, fmt, high);
    fputs("]</span>", out);
}

void html_kernel_id(const char *kernel, char *buf, size_t len)
{
    snprintf(buf, len, "k-%s", kernel);
    for (char *c = buf + 2; *c; c++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", *c))
            *c = '_';
}

void html_machine(const html_doc *d, size_t f, char *buf, size_t len)
{
    bool repeated = false;
    for (size_t g = 0; g < d->nfiles; g++)
        repeated |= g != f && strcmp(d->files[g].host, d->files[f].host) == 0;
    if (repeated)
        snprintf(buf, len, "%s (file %zu)", d->files[f].host, f + 1);
    else
        snprintf(buf, len, "%s", d->files[f].host);
}

void html_series_name(FILE *out, const html_doc *d, const html_series *s)
{
    if (d->nfiles > 1) {
        char machine[200];
        html_machine(d, s->file, machine, sizeof machine);
        html_textf(out, "%s: ", machine);
    }
    html_textf(out, "%s %s", s->first->variant, s->first->schedule);
    for (size_t i = 0; i < d->nseries; i++) { /* a kernel run in several configurations */
        const rf_row *o = d->series[i].first;
        if (d->series[i].file == s->file && strcmp(o->kernel, s->first->kernel) == 0 &&
            (strcmp(o->params, s->first->params) != 0 || o->size != s->first->size)) {
            html_textf(out, " (%s)", s->first->params);
            return;
        }
    }
}
