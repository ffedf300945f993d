/*
 * fuzz_rf.h: the promises of a result file the readers accepted, which the
 * CSV and the JSON reader's fuzz targets both check: a host, physical cores
 * unknown (0) or 1..P, names not empty, counts in range, a median above 0
 * inside its interval or, on a row of 0 repetitions, no time and not
 * verified, a speedup that is finite or not applicable (NAN), no cell twice,
 * and repetitions (a JSON of schema version 1 on) as many as reps.
 */
#ifndef OMPSCALE_FUZZ_RF_H
#define OMPSCALE_FUZZ_RF_H

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "resultfile.h"

static inline void fuzz_require_rf_file(const rf_file *f)
{
    fuzz_require(f->nrows > 0 && f->host[0] != '\0', "a file has rows and a host", NULL);
    fuzz_require(f->physical_cores >= 0 && f->physical_cores <= f->logical_cpus,
                 "cores unknown (0) or <= CPUs", NULL);
    for (size_t i = 0; i < f->nrows; i++) {
        const rf_row *w = &f->rows[i];
        fuzz_require(w->kernel[0] && w->variant[0] && w->schedule[0], "names are not empty",
                     w->kernel);
        fuzz_require(w->threads >= 1 && w->reps >= 0 && w->size >= 0, "counts in range",
                     w->kernel);
        if (w->reps > 0)
            fuzz_require(w->median_s > 0 && w->ci95_low_s <= w->median_s &&
                             w->median_s <= w->ci95_high_s,
                         "the interval holds a median above 0", w->kernel);
        else
            fuzz_require(isnan(w->median_s) && isnan(w->ci95_low_s) && w->verified == RF_NOT_VERIFIED,
                         "a row of 0 repetitions has no time and did not verify", w->kernel);
        fuzz_require(isnan(w->speedup) || (isfinite(w->speedup) && w->speedup >= 0),
                     "a finite speedup, or none", w->kernel);
        if (f->schema_version >= 1)
            fuzz_require(w->ntimes == (size_t)w->reps && (w->times != NULL) == (w->reps > 0),
                         "every repetition, as many as reps", w->kernel);
        else
            fuzz_require(w->times == NULL && w->ntimes == 0, "no repetitions without them",
                         w->kernel);
        for (size_t t = 0; t < w->ntimes; t++)
            fuzz_require(isfinite(w->times[t]) && w->times[t] >= 0, "a time is finite, >= 0",
                         w->kernel);
        for (size_t j = 0; j < i && f->nrows <= 1000; j++) /* quadratic: small files only */
            fuzz_require(strcmp(w->kernel, f->rows[j].kernel) != 0 ||
                             strcmp(w->params, f->rows[j].params) != 0 ||
                             w->size != f->rows[j].size ||
                             strcmp(w->variant, f->rows[j].variant) != 0 ||
                             strcmp(w->schedule, f->rows[j].schedule) != 0 ||
                             w->threads != f->rows[j].threads,
                         "one row per cell", w->kernel);
    }
}

/*
 * Reads the input with read (rf_read, rf_read_json) as file `name`: a
 * refusal must be one answer (fuzz_require_answer) with no rows, false; rows
 * must keep the promises above, true, and f then holds them for the caller
 * to check further and free.
 */
static inline bool fuzz_rf_read(const uint8_t *data, size_t size,
                                int (*read)(FILE *, const char *, rf_file *, char *, size_t),
                                const char *name, rf_file *f)
{
    FILE *in = fuzz_stream(data, size);
    char err[2048] = "", prefix[64];
    int status = read(in, name, f, err, sizeof err);
    fclose(in);
    snprintf(prefix, sizeof prefix, "%s:", name);
    fuzz_require_answer(status, err, prefix);
    if (status != 0) {
        fuzz_require(f->rows == NULL && f->nrows == 0, "a refused file holds no rows", err);
        return false;
    }
    fuzz_require_rf_file(f);
    return true;
}

#endif
