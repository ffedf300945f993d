/*
 * compare_grid.c: a table of text cells and its text and markdown renderings
 * (compare_grid.h).
 */
#include "compare_grid.h"

#include "status.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void compare_grid_init(compare_grid *g, size_t ncols)
{
    *g = (compare_grid){.ncols = ncols, .left_cols = 1};
}

void compare_grid_headed(compare_grid *g, size_t ncols, size_t left_cols,
                         const char *const *head)
{
    compare_grid_init(g, ncols);
    g->left_cols = left_cols;
    compare_grid_row(g);
    for (size_t c = 0; c < ncols; c++)
        compare_grid_set(g, c, "%s", head[c]);
}

void compare_grid_row(compare_grid *g)
{
    if (g->failed)
        return;
    if (g->nrows == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 8;
        char **cells = realloc(g->cells, cap * g->ncols * sizeof *cells);
        if (!cells) {
            g->failed = true;
            return;
        }
        g->cells = cells;
        g->cap = cap;
    }
    memset(&g->cells[g->nrows * g->ncols], 0, g->ncols * sizeof *g->cells);
    g->nrows++;
}

void compare_grid_set(compare_grid *g, size_t col, const char *fmt, ...)
{
    if (g->failed || g->nrows == 0 || col >= g->ncols)
        return;
    char **cell = &g->cells[(g->nrows - 1) * g->ncols + col];
    free(*cell);
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(cell, fmt, ap) < 0) {
        *cell = NULL;
        g->failed = true;
    }
    va_end(ap);
}

void compare_grid_free(compare_grid *g)
{
    if (!g)
        return;
    for (size_t i = 0; g->cells && i < g->nrows * g->ncols; i++)
        free(g->cells[i]);
    free(g->cells);
    *g = (compare_grid){0};
}

static const char *compare_grid_cell(const compare_grid *g, size_t row, size_t col)
{
    const char *text = g->cells[row * g->ncols + col];
    return text ? text : "";
}

static size_t compare_grid_width(const compare_grid *g, size_t col)
{
    size_t width = 0;
    for (size_t r = 0; r < g->nrows; r++) {
        size_t len = strlen(compare_grid_cell(g, r, col));
        width = len > width ? len : width;
    }
    return width;
}

int compare_grid_text(const compare_grid *g, const char *indent, FILE *out)
{
    size_t *width = g->failed ? NULL : malloc((g->ncols ? g->ncols : 1) * sizeof *width);
    if (!width)
        return OMPSCALE_FAIL;
    for (size_t c = 0; c < g->ncols; c++)
        width[c] = compare_grid_width(g, c);
    for (size_t r = 0; r < g->nrows; r++) {
        fputs(indent, out);
        for (size_t c = 0; c < g->ncols; c++) {
            const char *text = compare_grid_cell(g, r, c);
            bool last = c + 1 == g->ncols;
            if (c < g->left_cols)
                fprintf(out, "%s%-*s", c ? "  " : "", last ? 0 : (int)width[c], text);
            else
                fprintf(out, "  %*s", (int)width[c], text);
        }
        fputc('\n', out);
    }
    free(width);
    return ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}

static void compare_grid_escaped(const char *text, FILE *out)
{
    for (; *text; text++) {
        if (strchr("|*\\", *text))
            fputc('\\', out);
        fputc(*text, out);
    }
}

int compare_grid_markdown(const compare_grid *g, FILE *out)
{
    if (g->failed)
        return OMPSCALE_FAIL;
    for (size_t r = 0; r < g->nrows; r++) {
        fputc('|', out);
        for (size_t c = 0; c < g->ncols; c++) {
            fputc(' ', out);
            compare_grid_escaped(compare_grid_cell(g, r, c), out);
            fputs(" |", out);
        }
        fputc('\n', out);
        if (r == 0) {
            fputc('|', out);
            for (size_t c = 0; c < g->ncols; c++)
                fputs(c < g->left_cols ? " --- |" : " ---: |", out);
            fputc('\n', out);
        }
    }
    return ferror(out) ? OMPSCALE_FAIL : OMPSCALE_OK;
}
