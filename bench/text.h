/*
 * text.h: building a line of text in a fixed buffer, piece by piece, for
 * messages and titles; what does not fit is cut off, never overrun.
 */
#ifndef OMPSCALE_TEXT_H
#define OMPSCALE_TEXT_H

#include <stddef.h>

/* Appends the formatted text to the string in buf (of size len), cut to fit. */
void text_append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
