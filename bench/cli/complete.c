/*
 * complete.c: the candidates the shell's completion offers (complete.h).
 */
#include "complete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin.h"
#include "registry.h"
#include "text.h"

#define COMPLETE_MAX_KERNELS (REGISTRY_MAX + 1)

/* Whether the first head characters of typed, items and commas, hold name (len characters). */
static bool complete_listed(const char *typed, size_t head, const char *name, size_t len)
{
    for (const char *item = typed; item < typed + head; item += strcspn(item, ",") + 1)
        if (strcspn(item, ",") == len && strncmp(item, name, len) == 0)
            return true;
    return false;
}

/*
 * Prints name if it completes typed; in a list (a,b,c) the item after the
 * last comma, with the items before it, none of which it repeats.
 */
static void complete_offer(const char *typed, bool list, const char *name, size_t len)
{
    const char *comma = list ? strrchr(typed, ',') : NULL;
    size_t head = comma ? (size_t)(comma - typed) + 1 : 0, tail = strlen(typed + head);
    if (len >= tail && strncmp(name, typed + head, tail) == 0 &&
        !complete_listed(typed, head, name, len))
        printf("%.*s%.*s\n", (int)head, typed, (int)len, name);
}

/* Each of the values in text, separated by any of seps (spaces around them trimmed). */
static void complete_choices(const char *typed, bool list, const char *text, const char *seps)
{
    while (text && *text) {
        text += strspn(text, " ");
        size_t len = strcspn(text, seps);
        while (len > 0 && text[len - 1] == ' ')
            len--;
        if (len > 0)
            complete_offer(typed, list, text, len);
        text += strcspn(text, seps);
        text += *text != '\0';
    }
}

/* The row of c's table called name (len characters), or NULL. */
static const args_option *complete_option(const args_command *c, const char *name, size_t len)
{
    for (const args_option *o = c->options; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

/* The parameter called name (len characters) of the first of kernels that has it, or NULL. */
static const kernel_param *complete_param(const kernel *const *kernels, const char *name,
                                          size_t len)
{
    for (size_t k = 0; kernels[k]; k++)
        for (const kernel_param *p = kernels[k]->params; p->name; p++)
            if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
                return p;
    return NULL;
}

/* Whether kernels[k] repeats the n-th name (variant or preset) of an earlier kernel. */
static bool complete_seen(const kernel *const *kernels, size_t k, const char *name, bool presets)
{
    for (size_t j = 0; j < k; j++)
        for (int i = 0; presets ? kernels[j]->presets && kernels[j]->presets[i].name
                                : kernels[j]->variants[i].name != NULL;
             i++)
            if (strcmp(presets ? kernels[j]->presets[i].name : kernels[j]->variants[i].name,
                       name) == 0)
                return true;
    return false;
}

/* The variant or preset names of kernels, each once. */
static void complete_names(const char *typed, bool list, const kernel *const *kernels,
                           bool presets)
{
    for (size_t k = 0; kernels[k]; k++)
        for (int i = 0; presets ? kernels[k]->presets && kernels[k]->presets[i].name
                                : kernels[k]->variants[i].name != NULL;
             i++) {
            const char *name = presets ? kernels[k]->presets[i].name : kernels[k]->variants[i].name;
            if (!complete_seen(kernels, k, name, presets))
                complete_offer(typed, list, name, strlen(name));
        }
}

/* The values of option name (len characters) that complete typed. */
static void complete_value(const args_command *c, const kernel *const *kernels, const char *name,
                           size_t len, const char *typed)
{
    const args_option *o = complete_option(c, name, len);
    const kernel_param *p = o ? NULL : complete_param(kernels, name, len);
    if (p && p->type == PARAM_CHOICE)
        complete_choices(typed, false, p->choices, "|");
    if (!o)
        return;
    const kernel *const *all = registry_all();
    switch (o->value) {
    case ARGS_FILE:
        printf("%s\n", COMPLETE_FILES);
        break;
    case ARGS_DIR:
        printf("%s\n", COMPLETE_DIRS);
        break;
    case ARGS_KERNELS:
        for (size_t k = 0; all[k]; k++)
            complete_offer(typed, true, all[k]->name, strlen(all[k]->name));
        break;
    case ARGS_VARIANT:
    case ARGS_VARIANTS:
        complete_names(typed, o->value == ARGS_VARIANTS, kernels, false);
        break;
    case ARGS_PRESET:
        complete_names(typed, false, kernels, true);
        break;
    case ARGS_CHOICE:
    case ARGS_CHOICES:
        complete_choices(typed, o->value == ARGS_CHOICES, o->choices, ",");
        break;
    default:
        break;
    }
}

/* The options of c, and the parameters of kernels when c takes them, that complete typed. */
static void complete_options(const args_command *c, const kernel *const *kernels,
                             const char *typed)
{
    char opt[ARGS_OPT_MAX];
    for (const args_option *o = c->options; o->name; o++) {
        snprintf(opt, sizeof opt, "--%s", o->name);
        complete_offer(typed, false, opt, strlen(opt));
    }
    complete_offer(typed, false, "--help", 6);
    for (size_t k = 0; c->params != ARGS_NO_PARAMS && kernels[k]; k++)
        for (const kernel_param *p = kernels[k]->params; p->name; p++) {
            bool seen = complete_option(c, p->name, strlen(p->name)) != NULL;
            for (size_t j = 0; j < k && !seen; j++)
                seen = kernel_param_index(kernels[j], p->name) >= 0;
            snprintf(opt, sizeof opt, "--%s", p->name);
            if (!seen)
                complete_offer(typed, false, opt, strlen(opt));
        }
}

/*
 * The values of c's option o (NULL: none) among the n words, in their
 * order, in *values (allocated; free it); how many.
 */
static size_t complete_values_of(const args_command *c, int n, char **words, const args_option *o,
                                 const char ***values)
{
    size_t found = 0;
    bool help;
    *values = calloc((size_t)n + 1, sizeof **values);
    if (o && *values && args_prescan(c, registry_all(), n, words, o->id, &help, *values, &found) != 0)
        found = 0;
    return found;
}

/* c's option whose value is kernel names (run's --kernel), or NULL. */
static const args_option *complete_kernels_option(const args_command *c)
{
    for (const args_option *o = c->options; o->name; o++)
        if (o->value == ARGS_KERNELS)
            return o;
    return NULL;
}

/*
 * The kernels the line may run, NULL-ended in out: once's, --kernel's (the
 * last given), or every one for run.
 */
static void complete_kernels(const args_command *c, int n, char **words, const kernel **out)
{
    const char **values, *items[COMPLETE_MAX_KERNELS];
    char buf[512], err[256];
    size_t nitems = 0, nout = 0;
    size_t nvalues = complete_values_of(c, n, words, complete_kernels_option(c), &values);
    if (c->params == ARGS_FIRST_WORD && n > 0 && registry_find(words[0]))
        out[nout++] = registry_find(words[0]);
    if (nvalues > 0 && text_split_list("--kernel", values[nvalues - 1], buf, sizeof buf, items,
                                       COMPLETE_MAX_KERNELS - 1, &nitems, err, sizeof err) != 0)
        nitems = 0;
    free(values);
    for (size_t i = 0; i < nitems; i++)
        if (registry_find(items[i]))
            out[nout++] = registry_find(items[i]);
    const kernel *const *all = registry_all();
    if (nout == 0 && c->params == ARGS_EVERY_KERNEL)
        while (all[nout])
            out[nout] = all[nout], nout++;
    out[nout] = NULL;
}

/*
 * The plugins the words name, loaded so that their kernels are offered too,
 * quietly: completion says nothing about a file that is not one.
 */
static void complete_plugins(const args_command *c, int n, char **words)
{
    const char **values;
    char err[1024];
    const args_option *o = complete_option(c, "plugin", 6); /* its table's, as plugin.h reads it */
    size_t found = complete_values_of(c, n, words, o, &values);
    for (size_t i = 0; i < found; i++)
        plugin_load(values[i], err, sizeof err);
    free(values);
}

/* Whether the option word opt ("--NAME") takes the next word as its value. */
static bool complete_takes_value(const args_command *c, const char *opt)
{
    if (strncmp(opt, "--", 2) != 0 || strchr(opt, '='))
        return false;
    size_t len = strlen(opt + 2);
    const args_option *o = complete_option(c, opt + 2, len);
    if (o)
        return o->value != ARGS_FLAG && !o->value_optional; /* that one only as --NAME=VALUE */
    return c->params != ARGS_NO_PARAMS && complete_param(registry_all(), opt + 2, len);
}

/* words[0] is c's name; the last word is being completed. */
static void complete_command(const args_command *c, int nwords, char **words)
{
    const kernel *kernels[COMPLETE_MAX_KERNELS + 1];
    const char *typed = words[nwords - 1], *prev = words[nwords - 2];
    complete_plugins(c, nwords - 2, words + 1);
    complete_kernels(c, nwords - 2, words + 1, kernels);
    const char *eq = strncmp(typed, "--", 2) == 0 ? strchr(typed, '=') : NULL;
    if (eq)
        complete_value(c, kernels, typed + 2, (size_t)(eq - typed - 2), eq + 1);
    else if (nwords > 2 && complete_takes_value(c, prev))
        complete_value(c, kernels, prev + 2, strlen(prev + 2), typed);
    else if (typed[0] == '-')
        complete_options(c, kernels, typed);
    else if (c->params == ARGS_FIRST_WORD && nwords == 2)
        for (const kernel *const *k = registry_all(); *k; k++)
            complete_offer(typed, false, (*k)->name, strlen((*k)->name));
    else if (c->words == ARGS_FILE)
        printf("%s\n", COMPLETE_FILES);
}

int complete_print(const args_command *top, const command *commands, int nwords, char **words)
{
    char *none[] = {""};
    if (nwords == 0) {
        words = none;
        nwords = 1;
    }
    if (nwords == 1) {
        for (int i = 0; commands[i].args; i++)
            complete_offer(words[0], false, commands[i].args->name, strlen(commands[i].args->name));
        if (words[0][0] == '-')
            complete_options(top, NULL, words[0]);
        return 0;
    }
    for (int i = 0; commands[i].args; i++)
        if (strcmp(words[0], commands[i].args->name) == 0)
            complete_command(commands[i].args, nwords, words);
    return 0;
}
