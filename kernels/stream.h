/*
 * stream.h: read access to a stream kernel's arrays, for tests.
 */
#ifndef OMPSCALE_STREAM_H
#define OMPSCALE_STREAM_H

#include <stdint.h>

/* The array the op writes (NULL for stream-read), and its length. */
double *stream_output(void *state, int64_t *n);
/* The first array the op reads (a for stream-read), and its length. */
double *stream_input(void *state, int64_t *n);

#endif
