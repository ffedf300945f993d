/*
 * compare_grid.h: a small table of text cells, built row by row, and its two
 * renderings: columns aligned with spaces for a terminal, or a GitHub
 * markdown pipe table.  Row 0 is the header; the first left_cols columns
 * (at least one) are aligned left, the others right.  A failed allocation marks the grid failed and
 * later calls do nothing; rendering a failed grid returns 1.
 */
#ifndef OMPSCALE_COMPARE_GRID_H
#define OMPSCALE_COMPARE_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct compare_grid {
    size_t ncols, nrows, cap;
    size_t left_cols; /* columns aligned left, from the first; 1 after init */
    char **cells; /* nrows x ncols, NULL for an empty cell */
    bool failed;
} compare_grid;

void compare_grid_init(compare_grid *g, size_t ncols);
/* Starts a grid of ncols columns, the first left_cols aligned left, with head[] as row 0. */
void compare_grid_headed(compare_grid *g, size_t ncols, size_t left_cols,
                         const char *const *head);
/* Appends an empty row. */
void compare_grid_row(compare_grid *g);
/* Sets cell col of the last row. */
void compare_grid_set(compare_grid *g, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void compare_grid_free(compare_grid *g);

/* Aligned text, each line starting with indent; 0 or 1 (a failed grid or write). */
int compare_grid_text(const compare_grid *g, const char *indent, FILE *out);
/* A pipe table with '|', '*' and '\' escaped; 0 or 1. */
int compare_grid_markdown(const compare_grid *g, FILE *out);

#endif
