/*
 * roofline.h: the roofline, measured in the same sweep.  The roofs are the
 * cells whose kernel says it measures one (kernel_work.roof): peakflops'
 * best GFLOP/s is the compute roof ("FMA"), stream-read's best GB/s at a
 * working set sized to a cache level or to memory is that level's
 * bandwidth roof ("L1", "L2", "L3", "DRAM").  Every cell whose kernel
 * declares its operations gets its G(FL)OP/s at the median and, with its
 * bytes, its arithmetic intensity; a floating-point kernel is then held
 * against the roofline at its intensity and at its thread count (serial
 * against serial roofs): min(FMA, level x intensity), or the FMA roof alone
 * for a kernel whose data stays in cache (kernel_work.in_cache).  The level
 * is the first memory roof from DRAM up that the point does not pass (the
 * harness does not know where a kernel's data lives; read as a cache-aware
 * roofline is read, a point is limited by the nearest roof above it).  Like
 * the ceilings (ceiling.h), kernel-blind: no kernel is named here.
 */
#ifndef OMPSCALE_ROOFLINE_H
#define OMPSCALE_ROOFLINE_H

#include "result.h"

/* The roof names that are compute roofs (G(FL)OP/s) rather than bandwidths (GB/s). */
#define ROOFLINE_COMPUTE "FMA"
#define ROOFLINE_MEMORY "DRAM"
/*
 * A point may pass its roof by this much before the next roof up is taken
 * as its bound: a best repetition has a few percent of noise (ceiling.h).
 */
#define ROOFLINE_MAX_FRACTION 1.10

/*
 * Fills every cell's intensity, gops, roof_bound, roof_gops and
 * roof_fraction (after ceiling_cells, whose best throughputs are the roofs),
 * then r->roofline: per kernel configuration that is not itself a roof, its
 * parallel cell with the highest G(FL)OP/s and the sentence that says which
 * roof bounds it and how close it gets.  OMPSCALE_OK, or OMPSCALE_FAIL out of memory.
 */
int roofline_cells(sweep_result *r);

/* The best G/s of roof `name` at c's thread count and kind (serial or not), or NAN. */
double roofline_roof(const sweep_result *r, const char *name, const cell_result *c);

#endif
