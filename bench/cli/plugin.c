/*
 * plugin.c: the --plugin options of a command, loaded before its command
 * line is parsed (plugin.h; the loading itself is base's plugins.c).
 */
#include "plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "registry.h"

int plugin_load_options(const args_command *c, int argc, char **argv)
{
    char err[1024];
    bool help;
    size_t n = 0;
    int id = 0;
    for (const args_option *o = c->options; o->name; o++)
        if (strcmp(o->name, "plugin") == 0)
            id = o->id;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths || args_prescan(c, c->params != ARGS_NO_PARAMS ? registry_all() : NULL, argc, argv,
                               id, &help, paths, &n) != 0) {
        free(paths);
        return cli_fail("out of memory");
    }
    int status = OMPSCALE_OK;
    for (size_t i = 0; i < n && status == OMPSCALE_OK; i++)
        if (plugin_load(paths[i], err, sizeof err) != OMPSCALE_OK)
            status = cli_usage_error("--plugin %s: %s", paths[i], err);
    free(paths);
    return status;
}
