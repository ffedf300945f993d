/*
 * compare_sections.h: the grids of the comparison's closing sections, built
 * from the model for compare_report.c's table and markdown: each machine's
 * geometric means of its time ratios over kernels, and the regression
 * gate's verdict on every cell.  They only lay figures out; compare.c and
 * compare_gate.c computed them.
 */
#ifndef OMPSCALE_COMPARE_SECTIONS_H
#define OMPSCALE_COMPARE_SECTIONS_H

#include "compare.h"
#include "compare_grid.h"

/* Each machine's geometric means of its time ratios over the kernels it shares, into g. */
void compare_grid_geomeans(const compare_model *m, compare_grid *g);

/* Every cell the gate judged or could not: its medians, slowdown, p and verdict, into g. */
void compare_grid_gate(const compare_model *m, compare_grid *g);

#endif
