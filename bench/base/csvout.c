/*
 * csvout.c: CSV fields (csvout.h).
 */
#include "csvout.h"

#include <csv.h>
#include <math.h>
#include <string.h>

void csvout_field(FILE *out, bool *first, const char *text)
{
    if (!*first)
        fputc(',', out);
    *first = false;
    if (strpbrk(text, ",\"\r\n"))
        csv_fwrite(out, text, strlen(text));
    else
        fputs(text, out);
}

void csvout_number(FILE *out, bool *first, double v)
{
    char buf[64] = "";
    if (isfinite(v))
        snprintf(buf, sizeof buf, "%.9g", v);
    csvout_field(out, first, buf);
}
