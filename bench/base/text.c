/*
 * text.c: appending to a string in a fixed buffer, escaping text for a
 * terminal, and splitting comma-separated lists (text.h).
 */
#include "text.h"

#include "status.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void text_append(char *buf, size_t len, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

/* The length of the valid UTF-8 sequence at s that is not a C1 control, or 0. */
static size_t text_utf8_len(const unsigned char *s)
{
    size_t n;
    unsigned min;
    unsigned cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2, cp = s[0] & 0x1f, min = 0xa0; /* U+0080..U+009F are the C1 controls */
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3, cp = s[0] & 0x0f, min = 0x800;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4, cp = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    bool surrogate = cp >= 0xd800 && cp <= 0xdfff;
    return cp >= min && cp <= 0x10ffff && !surrogate ? n : 0;
}

char *text_escape(const char *in, char *out, size_t len)
{
    if (len == 0)
        return out;
    size_t w = 0;
    const unsigned char *s = (const unsigned char *)in;
    while (*s) {
        char piece[8];
        size_t n = 1;
        if (*s >= 0x20 && *s < 0x7f && *s != '\\') {
            piece[0] = (char)*s, piece[1] = '\0';
        } else if (*s == '\\') {
            snprintf(piece, sizeof piece, "\\\\");
        } else if (*s >= 0x80 && (n = text_utf8_len(s)) > 0) {
            memcpy(piece, s, n);
            piece[n] = '\0';
        } else {
            n = 1;
            const char *named = *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : *s == '\t' ? "\\t"
                              : *s == 0x1b ? "\\e" : NULL;
            if (named)
                snprintf(piece, sizeof piece, "%s", named);
            else
                snprintf(piece, sizeof piece, "\\x%02x", *s);
        }
        size_t plen = strlen(piece);
        if (w + plen + 1 > len)
            break; /* cut before a piece, never inside one */
        memcpy(out + w, piece, plen);
        w += plen;
        s += n;
    }
    out[w] = '\0';
    return out;
}

int text_split_list(const char *opt, const char *list, char *buf, size_t buflen,
                    const char **items, size_t max, size_t *n, char *err, size_t errlen)
{
    *n = 0;
    if (strlen(list) >= buflen) {
        snprintf(err, errlen, "%s: a list of %zu characters: at most %zu", opt, strlen(list),
                 buflen - 1);
        return OMPSCALE_USAGE;
    }
    memcpy(buf, list, strlen(list) + 1);
    for (char *item = buf;; item++) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        if (!*item) {
            snprintf(err, errlen, "%s '%s': an empty item: give items separated by single commas",
                     opt, list);
            return OMPSCALE_USAGE;
        }
        if (*n == max) {
            snprintf(err, errlen, "%s '%s': more than %zu items", opt, list, max);
            return OMPSCALE_USAGE;
        }
        items[(*n)++] = item;
        if (!comma)
            return 0;
        item = comma;
    }
}

bool text_has_word(const char *list, const char *word, size_t len)
{
    for (const char *p = list; *p; p += strspn(p, " ")) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, word, len) == 0)
            return true;
        p += n;
    }
    return false;
}

void text_words_part(const char *mine, size_t n, const char *(*others)(const void *ctx, size_t i),
                     const void *ctx, bool shared, char *buf, size_t len)
{
    buf[0] = '\0';
    for (const char *p = mine; *p; p += strspn(p, " ")) {
        size_t w = strcspn(p, " ");
        bool everywhere = true;
        for (size_t i = 0; i < n && everywhere; i++) {
            const char *list = others(ctx, i);
            everywhere = !list || text_has_word(list, p, w);
        }
        if (w && everywhere == shared)
            text_append(buf, len, "%s%.*s", buf[0] ? " " : "", (int)w, p);
        p += w;
    }
}
