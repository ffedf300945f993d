/*
 * cmd_info.c: `ompscale info`: the machine context a sweep records, as text
 * or (--json) as the JSON object the sweep writes; `--plan` prints the thread
 * counts a sweep would run here, comma-separated, for scripts such as
 * scripts/hyperfine that must sweep the same plan.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "context.h"
#include "plan.h"

static void info_help(void)
{
    printf("usage: ompscale info [--json | --plan [--threads LIST]]\n"
           "Prints the machine context a sweep records: topology, caches, memory,\n"
           "compiler, libraries, OpenMP settings in force, clock resolution and cost.\n"
           "  --json           as the JSON object a sweep writes\n"
           "  --plan           only the thread counts ompscale run would sweep here, e.g. 1,2,3,4\n"
           "  --threads LIST   with --plan: expand LIST as run --threads does (e.g. 1,P,2P)\n");
}

static int info_plan(const machine_context *ctx, const char *list)
{
    int threads[SCALING_MAX_POINTS];
    size_t n = 0;
    char err[512];
    if (!list)
        plan_default_threads(ctx->logical_cpus, ctx->physical_cores, threads, &n);
    else if (plan_parse_threads(list, ctx->logical_cpus, plan_thread_cap(), threads,
                                SCALING_MAX_POINTS, &n, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
    for (size_t i = 0; i < n; i++)
        printf("%s%d", i ? "," : "", threads[i]);
    printf("\n");
    return CLI_OK;
}

int cmd_info(int argc, char **argv)
{
    bool as_json = false, plan = false;
    const char *threads = NULL;
    for (int i = 0; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            info_help();
            return CLI_OK;
        }
        if (strcmp(argv[i], "--json") == 0)
            as_json = true;
        else if (strcmp(argv[i], "--plan") == 0)
            plan = true;
        else if (strcmp(argv[i], "--threads") == 0) {
            if (!(threads = cli_value(argc, argv, &i)))
                return CLI_USAGE;
        } else
            return cli_usage_error("info: unknown option '%s': valid are --json, --plan, "
                                   "--threads, --help", argv[i]);
    }
    if (as_json && plan)
        return cli_usage_error("info: --json and --plan exclude each other: give one");
    if (threads && !plan)
        return cli_usage_error("info: --threads goes with --plan");
    machine_context ctx;
    ctx_gather(&ctx);
    if (plan)
        return info_plan(&ctx, threads);
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
