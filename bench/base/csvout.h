/*
 * csvout.h: writing CSV fields, RFC 4180 (libcsv quotes a field with a
 * comma, quote or line break), for every CSV ompscale writes: the result
 * file (report_csv) and the comparison (compare_csv).
 */
#ifndef OMPSCALE_CSVOUT_H
#define OMPSCALE_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Writes one CSV field (a comma first unless *first), quoted by libcsv where it needs it. */
void csvout_field(FILE *out, bool *first, const char *text);
/* A number with 9 significant digits; NAN (not applicable) or another non-finite value is empty. */
void csvout_number(FILE *out, bool *first, double v);

#endif
