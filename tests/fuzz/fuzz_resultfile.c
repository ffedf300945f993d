/*
 * fuzz_resultfile.c: fuzz target for the result CSV reader (rf_read, what
 * compare, plot and --wait-policy read files with).  Any bytes must give
 * either rows that keep the reader's promises (fuzz_rf.h) or one one-line
 * message naming the file, with nothing left to free.
 */
#include "fuzz_rf.h"

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
    fuzz_require(f.schema_version == -1, "a CSV has no schema version", NULL);
    fuzz_require_rf_file(&f);
    rf_free(&f);
    return 0;
}
