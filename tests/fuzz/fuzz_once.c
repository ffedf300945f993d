/*
 * fuzz_once.c: fuzz target for once's command-line parser (once_parse, which
 * `ompscale once` and import-hyperfine share; the import feeds it words out
 * of a JSON file).  The input is split into words at newlines.  Any words
 * must give either options and parameter values the kernel's own check then
 * judges, or one non-empty one-line message.
 */
#include "fuzz.h"
#include "once.h"

#define FUZZ_MAX_WORDS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    fuzz_require(text != NULL, "malloc", NULL);
    if (size)
        memcpy(text, data, size);
    text[size] = '\0';
    char *words[FUZZ_MAX_WORDS];
    int n = 0;
    for (char *w = text; n < FUZZ_MAX_WORDS;) {
        words[n++] = w;
        char *nl = strchr(w, '\n');
        if (!nl)
            break;
        *nl = '\0';
        w = nl + 1;
    }
    once_opts o;
    param_value values[ONCE_MAX_PARAMS];
    char err[512] = "";
    int status = once_parse(n, words, 2, &o, values, err, sizeof err);
    fuzz_require(status == 0 || status == 2, "the status is 0 or 2", err);
    if (status != 0) {
        fuzz_require(err[0] != '\0' && fuzz_printable(err), "one line of message", err);
    } else {
        fuzz_require(o.k != NULL && o.variant_index >= 0 && o.threads >= 1, "a parsed run",
                     words[0]);
        char why[512] = "", params[256];
        if (o.k->check && o.k->check(values, o.threads, why, sizeof why) != 0)
            fuzz_require(why[0] != '\0', "a failed check has a message", o.k->name);
        kernel_params_text(o.k, values, params, sizeof params);
    }
    free(text);
    return 0;
}
