/*
 * param.c: parsing and printing kernel parameters (param.h).  Numbers go
 * through strtoll/strtod with the end pointer and the range checked, so
 * "12abc", "", "1e999" and out-of-range values are refused with a message
 * that names what is valid.
 */
#include "param.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int param_parse_i64(const char *text, int64_t min, int64_t max, int64_t *out)
{
    if (!text || !*text || isspace((unsigned char)*text))
        return 2;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    /* Accept exponent shorthand for powers of two such as 2^20. */
    if (*end == '^' && v == 2) {
        int64_t e;
        if (param_parse_i64(end + 1, 0, 62, &e) != 0)
            return 2;
        v = 1LL << e;
        end += strlen(end);
    }
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
        return 2;
    *out = (int64_t)v;
    return 0;
}

int param_parse_real(const char *text, double min, double max, double *out)
{
    if (!text || !*text || isspace((unsigned char)*text))
        return 2;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(v) || v < min || v > max)
        return 2;
    *out = v;
    return 0;
}

const char *param_choice_name(const kernel_param *p, int i, char *buf, size_t len)
{
    const char *s = p->choices;
    for (int k = 0; s && *s; k++) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        if (k == i) {
            snprintf(buf, len, "%.*s", (int)n, s);
            return buf;
        }
        if (!bar)
            break;
        s = bar + 1;
    }
    return NULL;
}

/* The integer range of p: a bound at or past +-2^63 in the table means the whole 64-bit range. */
static void param_int_bounds(const kernel_param *p, int64_t *lo, int64_t *hi)
{
    *lo = p->min <= -0x1p63 ? INT64_MIN : (int64_t)p->min;
    *hi = p->max >= 0x1p63 ? INT64_MAX : (int64_t)p->max;
}

int param_parse(const kernel_param *p, const char *text, param_value *out, char *err,
                size_t errlen)
{
    param_value v = {0};
    if (strcmp(text, "auto") == 0 && strcmp(p->default_value, "auto") == 0) {
        v.is_auto = true;
        *out = v;
        return 0;
    }
    switch (p->type) {
    case PARAM_INT: {
        int64_t lo, hi;
        param_int_bounds(p, &lo, &hi);
        if (param_parse_i64(text, lo, hi, &v.i) != 0) {
            snprintf(err, errlen, "--%s '%s': must be a whole number from %" PRId64 " to %" PRId64 "%s",
                     p->name, text, lo, hi,
                     strcmp(p->default_value, "auto") == 0 ? ", or auto" : "");
            return 2;
        }
        v.r = (double)v.i;
        break;
    }
    case PARAM_REAL:
        if (param_parse_real(text, p->min, p->max, &v.r) != 0) {
            snprintf(err, errlen, "--%s '%s': must be a number from %g to %g", p->name, text,
                     p->min, p->max);
            return 2;
        }
        break;
    case PARAM_CHOICE: {
        char name[64];
        v.choice = -1;
        for (int k = 0; param_choice_name(p, k, name, sizeof name); k++)
            if (strcmp(name, text) == 0)
                v.choice = k;
        if (v.choice < 0) {
            snprintf(err, errlen, "--%s '%s': valid are %s", p->name, text, p->choices);
            return 2;
        }
        break;
    }
    }
    *out = v;
    return 0;
}

void param_format(const kernel_param *p, const param_value *v, char *buf, size_t len)
{
    if (v->is_auto) {
        snprintf(buf, len, "auto");
        return;
    }
    switch (p->type) {
    case PARAM_INT:
        snprintf(buf, len, "%" PRId64, v->i);
        break;
    case PARAM_REAL:
        snprintf(buf, len, "%.17g", v->r);
        break;
    case PARAM_CHOICE:
        if (!param_choice_name(p, v->choice, buf, len))
            snprintf(buf, len, "?");
        break;
    }
}
