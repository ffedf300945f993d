/*
 * analysis.h: from measured cells to figures: each cell's statistics, its
 * speedup against the serial cell of the same configuration (with a
 * bootstrap interval), efficiency and throughput; then, per configuration,
 * variant and schedule, the scaling summary over threads, the OpenMP
 * variant's own overhead, the best schedule with its gain over static, how
 * many thread counts ran as asked, and a diagnosis of where scaling flattens.
 */
#ifndef OMPSCALE_ANALYSIS_H
#define OMPSCALE_ANALYSIS_H

#include "result.h"

#define ANALYSIS_KNEE_THRESHOLD SCALING_KNEE_THRESHOLD /* a later thread count must gain more than 5% */
#define ANALYSIS_NOISE_TOLERANCE 0.05 /* CI of the median wider than +-5%: noisy */
/* The configurations whose load samples judge a sweep too short for the ticks. */
#define ANALYSIS_MAX_LOADS 256

/* Fills the derived fields of r->cells and allocates r->scaling.  P and physical from the context. */
int analysis_run(sweep_result *r, int P, int physical);

void analysis_free(sweep_result *r);

/* The measured cell of series sr at its best thread count, or NULL (no summary). */
const cell_result *analysis_best_cell(const sweep_result *r, const scaling_result *sr);

#endif
