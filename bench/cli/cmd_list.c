/*
 * cmd_list.c: `ompscale list`: every kernel with its summary, variants,
 * parameters (defaults and valid ranges) and presets, read from the registry.
 * `--names` prints only the kernel names, one a line, for scripts;
 * `--plugin PATH` adds a plugin's kernels, each listed with where it is from.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "plugin.h"
#include "registry.h"

static void list_param(const kernel_param *p)
{
    char range[96];
    if (p->type == PARAM_CHOICE)
        snprintf(range, sizeof range, "%s", p->choices);
    else if (p->type == PARAM_INT)
        snprintf(range, sizeof range, "%.4g..%.4g", p->min, p->max);
    else
        snprintf(range, sizeof range, "%g..%g", p->min, p->max);
    printf("    --%-10s default %-8s (%s) %s\n", p->name, p->default_value, range, p->summary);
}

enum { LIST_NAMES = 1, LIST_PLUGIN };

static const args_option list_options[] = {
    {.name = "names", .id = LIST_NAMES,
     .help = "only the kernel names, one a line"},
    {.name = "plugin", .id = LIST_PLUGIN, .value = ARGS_FILE, .metavar = "PATH",
     .help = "also the kernels of a plugin (a shared object); may be\ngiven several times"},
    {.name = NULL},
};

const args_command list_command = {
    .name = "list",
    .summary = "every kernel, its variants, parameters and presets",
    .usage = "[--names] [--plugin PATH ...]",
    .about = "Lists every kernel, its variants, parameters with defaults, and presets.",
    .options = list_options,
};

/* One argument: --names sets *ctx, a bool; --plugin was loaded before anything is listed. */
static int list_arg(void *names_only, const args_scan *s, const args_item *it)
{
    if (it->kind == ARGS_WORD || it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->option->id == LIST_NAMES)
        *(bool *)names_only = true;
    return OMPSCALE_OK;
}

int cmd_list(int argc, char **argv)
{
    bool names_only = false;
    if (cli_scan(&list_command, NULL, argc, argv, list_arg, &names_only) != OMPSCALE_OK ||
        plugin_load_options(&list_command, argc, argv) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    const kernel *const *all = registry_all();
    for (int i = 0; all[i]; i++) {
        const kernel *k = all[i];
        if (names_only) {
            printf("%s\n", k->name);
            continue;
        }
        printf("%s: %s\n", k->name, k->summary);
        if (registry_origin(k))
            printf("  from the plugin %s\n", registry_origin(k));
        printf("  variants:\n");
        for (int v = 0; k->variants[v].name; v++)
            printf("    %-12s %s\n", k->variants[v].name, k->variants[v].summary);
        printf("  parameters (--size sets --%s; schedule %s):\n", k->size_param,
               k->scheduled ? "applies" : "ignored");
        for (int p = 0; k->params[p].name; p++)
            list_param(&k->params[p]);
        if (k->presets && k->presets[0].name) {
            printf("  presets (--preset NAME):\n");
            for (int p = 0; k->presets[p].name; p++)
                printf("    %-15s %-32s %s\n", k->presets[p].name, k->presets[p].values,
                       k->presets[p].summary);
        }
        if (k->hybrid)
            printf("  hybrid (ompscale hybrid): %s\n", k->hybrid->decomposition);
        printf("\n");
    }
    return OMPSCALE_OK;
}
