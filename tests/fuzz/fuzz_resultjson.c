/*
 * fuzz_resultjson.c: fuzz target for the result JSON reader (rf_read_json,
 * what compare and plot read a .json with).  Any bytes must give either rows
 * that keep the readers' promises (fuzz_rf.h: those of the CSV reader, and
 * as many repetitions as reps in a JSON of schema version 1 on) or one
 * one-line message naming the file, with nothing left to free.
 */
#include "fuzz_rf.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fuzz_stream(data, size);
    rf_file f;
    char err[2048] = "";
    int status = rf_read_json(in, "fuzz.json", &f, err, sizeof err);
    fclose(in);
    fuzz_require_answer(status, err, "fuzz.json:");
    if (status != 0) {
        fuzz_require(f.rows == NULL && f.nrows == 0, "a refused file holds no rows", err);
        return 0;
    }
    fuzz_require(f.schema_version >= 0 && f.schema_version <= OMPSCALE_SCHEMA_VERSION,
                 "a version this program reads", NULL);
    fuzz_require_rf_file(&f);
    rf_free(&f);
    return 0;
}
