/*
 * fuzz_resultfile.c: fuzz target for the result CSV reader (rf_read, what
 * compare, plot and --wait-policy read files with).  Any bytes must give
 * either rows that keep the reader's promises (fuzz_rf.h), with no schema
 * version, or one one-line message naming the file, with nothing left to free.
 */
#include "fuzz_rf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rf_file f;
    if (fuzz_rf_read(data, size, rf_read, "fuzz.csv", &f)) {
        fuzz_require(f.schema_version == -1, "a CSV has no schema version", NULL);
        rf_free(&f);
    }
    return 0;
}
