/*
 * text.h: building a line of text in a fixed buffer, piece by piece, for
 * messages and titles; what does not fit is cut off, never overrun.  And
 * making text that came from outside (a file, an argument, the host name)
 * safe to show on a terminal: one line, no control sequences.  And splitting
 * a comma-separated list, as options take them, and comparing
 * space-separated word lists (a kernel's "name=value ..." parameters).
 */
#ifndef OMPSCALE_TEXT_H
#define OMPSCALE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Appends the formatted text to the string in buf (of size len), cut to fit. */
void text_append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Copies in to out (of size len, cut to fit) with every byte a terminal
 * would act on escaped: C0 controls as \n, \r, \t, \e or \xNN, DEL as \x7f,
 * the C1 controls (U+0080..U+009F) and bytes that are not UTF-8 as \xNN, and
 * a backslash as \\ (so that an escape reads back unambiguously).  Printable
 * ASCII and valid UTF-8 are kept as they are.  Returns out.
 */
char *text_escape(const char *in, char *out, size_t len);

/*
 * Splits the comma-separated list of option `opt` into at most max items,
 * copied into buf (buflen bytes) and pointed at by items; 0, or 2 with a
 * message in err when the list is longer than buf, has more than max items
 * or an empty one (",,", a comma at either end, or nothing at all).
 */
int text_split_list(const char *opt, const char *list, char *buf, size_t buflen,
                    const char **items, size_t max, size_t *n, char *err, size_t errlen);

/* Whether word (its first len bytes) is one of the space-separated words of list. */
bool text_has_word(const char *list, const char *word, size_t len);

/*
 * The words of mine that every one of the n lists others(ctx, i) has
 * (shared), or that at least one of them lacks (!shared), space-separated
 * into buf (len bytes, cut to fit); a NULL list is left out.  How a plot,
 * a table or a key tells configurations apart by their parameters:
 * rangesum's "mode=array" against the shared "lo=1 n=...".
 */
void text_words_part(const char *mine, size_t n, const char *(*others)(const void *ctx, size_t i),
                     const void *ctx, bool shared, char *buf, size_t len);

#endif
