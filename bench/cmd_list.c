/*
 * cmd_list.c: `ompscale list`: every kernel with its summary, variants,
 * parameters (defaults and valid ranges) and presets, read from the registry.
 * `--names` prints only the kernel names, one a line, for scripts;
 * `--plugin PATH` adds a plugin's kernels, each listed with where it is from.
 */
#include <stdio.h>
#include <string.h>

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

static bool list_is_flag(const char *arg)
{
    return strcmp(arg, "--names") == 0;
}

int cmd_list(int argc, char **argv)
{
    bool names_only = false;
    for (int i = 0; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            printf("usage: ompscale list [--names] [--plugin PATH ...]\n"
                   "Lists every kernel, its variants, parameters with defaults, and presets.\n"
                   "  --names        only the kernel names, one a line\n"
                   "  --plugin PATH  also the kernels of a plugin (a shared object); may be\n"
                   "                 given several times\n");
            return CLI_OK;
        }
        if (list_is_flag(argv[i]))
            names_only = true;
        else if (strcmp(argv[i], "--plugin") == 0)
            i++; /* loaded below, before anything is listed */
        else
            return cli_usage_error("list: unknown option '%s': valid are --names, --plugin, "
                                   "--help", argv[i]);
    }
    if (plugin_load_options(argc, argv, list_is_flag) != CLI_OK)
        return CLI_USAGE;
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
        printf("\n");
    }
    return CLI_OK;
}
