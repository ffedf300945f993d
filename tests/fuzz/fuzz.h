/*
 * fuzz.h: what the fuzz targets share.  Each target defines libFuzzer's
 * LLVMFuzzerTestOneInput and checks, beyond "no crash", the readers'
 * promises: a status of 0 or 2, and on 2 one message of one line that names
 * the input; a violation aborts, which libFuzzer (and replay.c, the driver
 * the gcc builds use) reports as a crash with the input that caused it.
 */
#ifndef OMPSCALE_FUZZ_H
#define OMPSCALE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with what broke when ok is false. */
static inline void fuzz_require(int ok, const char *what, const char *detail)
{
    if (!ok) {
        fprintf(stderr, "fuzz: broken promise: %s: %s\n", what, detail ? detail : "");
        abort();
    }
}

/* Whether text holds no control characters (newlines included). */
static inline int fuzz_printable(const char *text)
{
    for (; *text; text++)
        if ((unsigned char)*text < 0x20 || *text == 0x7f)
            return 0;
    return 1;
}

/* A reader's answer: 0, or 2 with one non-empty line in err that starts with name. */
static inline void fuzz_require_answer(int status, const char *err, const char *name)
{
    fuzz_require(status == 0 || status == 2, "the status is 0 or 2", err);
    if (status == 0)
        return;
    fuzz_require(err[0] != '\0', "a refusal has a message", name);
    fuzz_require(fuzz_printable(err), "the message is one line of printable text", err);
    fuzz_require(strncmp(err, name, strlen(name)) == 0, "the message names the input", err);
}

/* The input as a read-only stream (fmemopen takes a size of 0 since glibc 2.22). */
static inline FILE *fuzz_stream(const uint8_t *data, size_t size)
{
    FILE *in = fmemopen((void *)data, size, "r");
    fuzz_require(in != NULL, "fmemopen", NULL);
    return in;
}

#endif
