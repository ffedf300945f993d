/*
 * cmd_info.c: `ompscale info`: the machine context a sweep records, as text
 * or (--json) as the JSON object the sweep writes.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "context.h"

int cmd_info(int argc, char **argv)
{
    bool as_json = false;
    for (int i = 0; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            printf("usage: ompscale info [--json]\n"
                   "Prints the machine context a sweep records: topology, caches, memory,\n"
                   "compiler, libraries, OpenMP settings in force, clock resolution and cost.\n");
            return CLI_OK;
        }
        if (strcmp(argv[i], "--json") == 0)
            as_json = true;
        else
            return cli_usage_error("info: unknown option '%s': valid are --json, --help", argv[i]);
    }
    machine_context ctx;
    ctx_gather(&ctx);
    if (as_json) {
        json_t *j = ctx_to_json(&ctx);
        json_dumpf(j, stdout, JSON_INDENT(2));
        printf("\n");
        json_decref(j);
    } else {
        ctx_print(&ctx, stdout);
    }
    return CLI_OK;
}
