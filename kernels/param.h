/*
 * param.h: a kernel's parameters, described in a table, parsed from text.
 *
 * Each kernel lists its parameters as rows of kernel_param; the command line
 * turns "--NAME VALUE" into a param_value through param_parse, which checks
 * the type and the range and says what is valid when it refuses.  A default
 * of "auto" lets the kernel choose at prepare time (e.g. from the cache size).
 */
#ifndef OMPSCALE_PARAM_H
#define OMPSCALE_PARAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { PARAM_INT, PARAM_REAL, PARAM_CHOICE } param_type;

typedef struct kernel_param {
    const char *name; /* the option is --NAME */
    param_type type;
    const char *default_value; /* text parsed like user input, or "auto" */
    double min, max;           /* inclusive range; for PARAM_INT, +-0x1p63 means no limit */
    const char *choices;       /* PARAM_CHOICE: "a|b|c" */
    const char *summary;
} kernel_param;

typedef struct param_value {
    bool is_auto; /* still "auto": the kernel resolves it in prepare */
    int64_t i;    /* PARAM_INT */
    double r;     /* PARAM_REAL */
    int choice;   /* PARAM_CHOICE: index into choices */
} param_value;

/* Parses text for p into out; on failure writes "what is valid" into err and returns 2. */
int param_parse(const kernel_param *p, const char *text, param_value *out, char *err,
                size_t errlen);
/* Writes the value as text (the inverse of param_parse). */
void param_format(const kernel_param *p, const param_value *v, char *buf, size_t len);
/* The name of choice number i of p, or NULL. */
const char *param_choice_name(const kernel_param *p, int i, char *buf, size_t len);

/* Shared number parsers: whole text, range checked; 0 on success, 2 on failure. */
int param_parse_i64(const char *text, int64_t min, int64_t max, int64_t *out);
int param_parse_real(const char *text, double min, double max, double *out);

#endif
