/*
 * fuzz_resultfile.c: fuzz target for the result CSV reader (rf_read, what
 * compare, plot and --wait-policy read files with).  Any bytes must give
 * either rows that keep the reader's promises (a host, threads >= 1, physical
 * cores unknown (0) or 1..P, a median above 0 inside its interval or, on a
 * row of 0 repetitions, no time and not verified, a speedup that is finite
 * or not applicable (NAN), no cell twice) or one one-line message naming the
 * file, with nothing left to free.
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "resultfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fuzz_stream(data, size);
    rf_file f;
    char err[2048] = "";
    int status = rf_read(in, "fuzz.csv", &f, err, sizeof err);
    fclose(in);
    fuzz_require_answer(status, err, "fuzz.csv:");
    if (status != 0) {
        fuzz_require(f.rows == NULL && f.nrows == 0, "a refused file holds no rows", err);
        return 0;
    }
    fuzz_require(f.nrows > 0 && f.host[0] != '\0', "a file has rows and a host", NULL);
    fuzz_require(f.physical_cores >= 0 && f.physical_cores <= f.logical_cpus,
                 "cores unknown (0) or <= CPUs", NULL);
    for (size_t i = 0; i < f.nrows; i++) {
        const rf_row *w = &f.rows[i];
        fuzz_require(w->kernel[0] && w->variant[0] && w->schedule[0], "names are not empty",
                     w->kernel);
        fuzz_require(w->threads >= 1 && w->reps >= 0 && w->size >= 0, "counts in range",
                     w->kernel);
        if (w->reps > 0)
            fuzz_require(w->median_s > 0 && w->ci95_low_s <= w->median_s &&
                             w->median_s <= w->ci95_high_s,
                         "the interval holds a median above 0", w->kernel);
        else
            fuzz_require(isnan(w->median_s) && isnan(w->ci95_low_s) && !w->verified,
                         "a row of 0 repetitions has no time and did not verify", w->kernel);
        fuzz_require(isnan(w->speedup) || (isfinite(w->speedup) && w->speedup >= 0),
                     "a finite speedup, or none", w->kernel);
        for (size_t j = 0; j < i && f.nrows <= 1000; j++) /* quadratic: small files only */
            fuzz_require(strcmp(w->kernel, f.rows[j].kernel) != 0 ||
                             strcmp(w->params, f.rows[j].params) != 0 ||
                             w->size != f.rows[j].size ||
                             strcmp(w->variant, f.rows[j].variant) != 0 ||
                             strcmp(w->schedule, f.rows[j].schedule) != 0 ||
                             w->threads != f.rows[j].threads,
                         "one row per cell", w->kernel);
    }
    rf_free(&f);
    return 0;
}
