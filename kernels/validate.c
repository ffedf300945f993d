/*
 * validate.c: kernel_validate (kernel.h), the contract of kernel.h checked
 * on one row, so that a kernel from a plugin is refused at load with one
 * message saying what is wrong, instead of crashing or misleading a sweep
 * later.  Every built-in kernel passes it (tests/test_registry.c).
 */
#include "kernel.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Writes "kernel 'NAME': <message>" into err; returns OMPSCALE_USAGE. */
static int validate_fail(const kernel *k, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int validate_fail(const kernel *k, char *err, size_t errlen, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "kernel '%s': ", k->name ? k->name : "(no name)");
    if (n >= 0 && (size_t)n < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return OMPSCALE_USAGE;
}

bool kernel_name_ok(const char *name)
{
    size_t len = strlen(name);
    bool ok = len >= 1 && len <= KERNEL_MAX_NAME && name[0] != '-' && name[0] != '.';
    for (size_t i = 0; ok && i < len; i++)
        ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
             (name[i] >= '0' && name[i] <= '9') || strchr("-_.", name[i]);
    return ok;
}

/* A name of what (a kernel, a variant, ...) that kernel_name_ok takes. */
static int validate_name(const kernel *k, const char *what, const char *name, char *err,
                         size_t errlen)
{
    if (!name)
        return validate_fail(k, err, errlen, "%s has no name", what);
    if (!kernel_name_ok(name))
        return validate_fail(k, err, errlen, "%s name '%s': give 1 to %d letters, digits, '-', "
                             "'_' or '.', not starting with '-' or '.'", what, name,
                             KERNEL_MAX_NAME);
    return OMPSCALE_OK;
}

/*
 * Whether name repeats one of the first n names of a table of rows `size`
 * bytes apart: kernel_param, kernel_variant and kernel_preset all begin with
 * their name.
 */
static bool validate_repeats(const void *rows, size_t size, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(*(const char *const *)((const char *)rows + (size_t)i * size), name) == 0)
            return true;
    return false;
}

static int validate_params(const kernel *k, char *err, size_t errlen)
{
    if (!k->params)
        return validate_fail(k, err, errlen, "no parameter table: give .params, ending with a "
                             "row whose name is NULL, with at least the size parameter");
    int n = 0;
    for (const kernel_param *p = k->params; p->name; p++, n++) {
        if (n == KERNEL_MAX_PARAMS)
            return validate_fail(k, err, errlen, "more than %d parameters (or a parameter table "
                                 "without its NULL-name row)", KERNEL_MAX_PARAMS);
        if (validate_name(k, "a parameter", p->name, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (validate_repeats(k->params, sizeof *p, n, p->name))
            return validate_fail(k, err, errlen, "parameter '%s' is listed twice", p->name);
        if (!p->summary || !p->default_value)
            return validate_fail(k, err, errlen, "parameter '%s' has no %s", p->name,
                                 p->summary ? "default_value" : "summary");
        if (p->type != PARAM_INT && p->type != PARAM_REAL && p->type != PARAM_CHOICE)
            return validate_fail(k, err, errlen, "parameter '%s' has type %d: valid are "
                                 "PARAM_INT, PARAM_REAL, PARAM_CHOICE", p->name, (int)p->type);
        if (p->type == PARAM_CHOICE && (!p->choices || !*p->choices))
            return validate_fail(k, err, errlen, "parameter '%s' is a choice without choices: "
                                 "give .choices = \"a|b|c\"", p->name);
        if (p->type != PARAM_CHOICE && !(p->min <= p->max))
            return validate_fail(k, err, errlen, "parameter '%s' has min %g above max %g",
                                 p->name, p->min, p->max);
    }
    int size = k->size_param ? kernel_param_index(k, k->size_param) : -1;
    if (size < 0 || k->params[size].type != PARAM_INT)
        return validate_fail(k, err, errlen, "size_param '%s' is not one of its integer "
                             "parameters: name the one --size sets",
                             k->size_param ? k->size_param : "(none)");
    return OMPSCALE_OK;
}

static int validate_variants(const kernel *k, char *err, size_t errlen)
{
    if (!k->variants || !k->variants[0].name || strcmp(k->variants[0].name, "serial") != 0)
        return validate_fail(k, err, errlen, "variant 0 is %s%s%s: variant 0 must be 'serial', "
                             "the reference every speedup is taken against",
                             k->variants && k->variants[0].name ? "'" : "",
                             k->variants && k->variants[0].name ? k->variants[0].name : "missing",
                             k->variants && k->variants[0].name ? "'" : "");
    int n = 0;
    for (const kernel_variant *v = k->variants; v->name; v++, n++) {
        if (validate_name(k, "a variant", v->name, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (validate_repeats(k->variants, sizeof *v, n, v->name))
            return validate_fail(k, err, errlen, "variant '%s' is listed twice", v->name);
        if (!v->summary)
            return validate_fail(k, err, errlen, "variant '%s' has no summary", v->name);
    }
    if (n < 2)
        return validate_fail(k, err, errlen, "only the serial variant: give at least one "
                             "parallel variant (e.g. 'omp') to scale");
    return OMPSCALE_OK;
}

/* Every preset and sweep configuration applies over the defaults. */
static int validate_presets(const kernel *k, char *err, size_t errlen)
{
    param_value values[KERNEL_MAX_PARAMS];
    char why[256];
    if (kernel_defaults(k, NULL, values, why, sizeof why) != 0)
        return validate_fail(k, err, errlen, "a default value is not valid: %s", why);
    int n = 0;
    for (const kernel_preset *p = k->presets; p && p->name; p++, n++) {
        if (validate_name(k, "a preset", p->name, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (validate_repeats(k->presets, sizeof *p, n, p->name))
            return validate_fail(k, err, errlen, "preset '%s' is listed twice", p->name);
        if (!p->values || !p->summary)
            return validate_fail(k, err, errlen, "preset '%s' has no %s", p->name,
                                 p->values ? "summary" : "values");
        if (kernel_defaults(k, p->name, values, why, sizeof why) != 0)
            return validate_fail(k, err, errlen, "preset '%s' is not valid: %s", p->name, why);
    }
    for (int c = 0; k->sweep_configs && k->sweep_configs[c]; c++) {
        kernel_defaults(k, NULL, values, why, sizeof why);
        if (kernel_assign(k, values, k->sweep_configs[c], why, sizeof why) != 0)
            return validate_fail(k, err, errlen, "sweep configuration '%s' is not valid: %s",
                                 k->sweep_configs[c], why);
    }
    for (int c = 0; k->roof_configs && k->roof_configs[c]; c++) {
        kernel_defaults(k, NULL, values, why, sizeof why);
        if (kernel_assign(k, values, k->roof_configs[c], why, sizeof why) != 0)
            return validate_fail(k, err, errlen, "roof configuration '%s' is not valid: %s",
                                 k->roof_configs[c], why);
    }
    return OMPSCALE_OK;
}

int kernel_validate(const kernel *k, char *err, size_t errlen)
{
    if (validate_name(k, "the kernel", k->name, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (!k->summary)
        return validate_fail(k, err, errlen, "no summary: give .summary, one line for list");
    if (!k->prepare || !k->run || !k->verify || !k->work || !k->free)
        return validate_fail(k, err, errlen, "no %s step: prepare, run, verify, work and free "
                             "are required (check and facts are optional)",
                             !k->prepare ? "prepare" : !k->run ? "run" : !k->verify ? "verify"
                             : !k->work ? "work" : "free");
    if (k->series && !k->series_name)
        return validate_fail(k, err, errlen, "a series without its series_name: give the name "
                             "its plot's file and notes use, e.g. \"convergence\"");
    if (validate_params(k, err, errlen) != OMPSCALE_OK ||
        validate_variants(k, err, errlen) != OMPSCALE_OK ||
        validate_presets(k, err, errlen) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    return OMPSCALE_OK;
}
