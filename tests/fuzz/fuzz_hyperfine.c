/*
 * fuzz_hyperfine.c: fuzz target for the hyperfine JSON reader (hf_read,
 * what import-hyperfine reads).  Any bytes must give either results that
 * keep the reader's promises (a command, at least one time, every time
 * finite and above 0) or one one-line message naming the file, with
 * nothing left to free.
 */
#include <math.h>

#include "fuzz.h"
#include "hyperfine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fuzz_stream(data, size);
    hf_export e;
    char err[2048] = "";
    int status = hf_read(in, "fuzz.json", &e, err, sizeof err);
    fclose(in);
    fuzz_require_answer(status, err, "fuzz.json:");
    if (status != 0) {
        fuzz_require(e.results == NULL && e.nresults == 0, "a refused file holds no results", err);
        return 0;
    }
    fuzz_require(e.nresults > 0, "an export has results", NULL);
    for (size_t i = 0; i < e.nresults; i++) {
        const hf_result *r = &e.results[i];
        fuzz_require(memchr(r->command, '\0', sizeof r->command) != NULL,
                     "the command is a string", NULL);
        for (const char *c = r->command; *c; c++)
            fuzz_require(*c == '\t' || ((unsigned char)*c >= 0x20 && *c != 0x7f),
                         "the command is one line of text (tabs allowed)", r->command);
        fuzz_require(r->ntimes > 0, "a result has times", r->command);
        for (size_t t = 0; t < r->ntimes; t++)
            fuzz_require(isfinite(r->times[t]) && r->times[t] > 0, "times are above 0",
                         r->command);
    }
    hf_free(&e);
    return 0;
}
