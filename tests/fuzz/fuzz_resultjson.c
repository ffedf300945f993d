/*
 * fuzz_resultjson.c: fuzz target for the result JSON reader (rf_read_json,
 * what compare and plot read a .json with).  Any bytes must give either rows
 * that keep the readers' promises (fuzz_rf.h: those of the CSV reader, and
 * as many repetitions as reps in a JSON of schema version 1 on), of a
 * version this program reads, or one one-line message naming the file, with
 * nothing left to free.
 */
#include "fuzz_rf.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rf_file f;
    if (fuzz_rf_read(data, size, rf_read_json, "fuzz.json", &f)) {
        fuzz_require(f.schema_version >= 0 && f.schema_version <= OMPSCALE_SCHEMA_VERSION,
                     "a version this program reads", NULL);
        rf_free(&f);
    }
    return 0;
}
