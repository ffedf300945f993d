/*
 * cmd_info.c: `ompscale info`: the machine context a sweep records, as text
 * or (--json) as the JSON object the sweep writes; `--plan` prints the thread
 * counts a sweep would run here, comma-separated, for scripts such as
 * scripts/hyperfine that must sweep the same plan.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "context.h"
#include "plan.h"

enum { INFO_JSON = 1, INFO_PLAN, INFO_THREADS };

static const args_option info_options[] = {
    {.name = "json", .id = INFO_JSON,
     .help = "as the JSON object a sweep writes"},
    {.name = "plan", .id = INFO_PLAN,
     .help = "only the thread counts ompscale run would sweep here, e.g. 1,2,3,4"},
    {.name = "threads", .id = INFO_THREADS, .value = ARGS_TEXT, .metavar = "LIST",
     .help = "with --plan: expand LIST as run --threads does (e.g. 1,P,2P)"},
    {.name = NULL},
};

const args_command info_command = {
    .name = "info",
    .summary = "the machine context a sweep records",
    .usage = "[--json | --plan [--threads LIST]]",
    .about = "Prints the machine context a sweep records: topology, caches, memory,\n"
             "compiler, libraries, OpenMP settings in force, clock resolution and cost.",
    .options = info_options,
};

typedef struct info_opts {
    bool as_json, plan;
    const char *threads; /* --threads, or NULL */
} info_opts;

static int info_arg(void *ctx, const args_scan *s, const args_item *it)
{
    info_opts *o = ctx;
    if (it->kind == ARGS_WORD || it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    o->as_json |= it->option->id == INFO_JSON;
    o->plan |= it->option->id == INFO_PLAN;
    if (it->option->id == INFO_THREADS)
        o->threads = it->value;
    return OMPSCALE_OK;
}

static int info_parse(int argc, char **argv, info_opts *o)
{
    if (cli_scan(&info_command, NULL, argc, argv, info_arg, o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->as_json && o->plan)
        return cli_usage_error("info: --json and --plan exclude each other: give one");
    if (o->threads && !o->plan)
        return cli_usage_error("info: --threads goes with --plan");
    return OMPSCALE_OK;
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
    return OMPSCALE_OK;
}

int cmd_info(int argc, char **argv)
{
    info_opts o = {0};
    if (info_parse(argc, argv, &o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    machine_context ctx;
    ctx_gather(&ctx);
    if (o.plan)
        return info_plan(&ctx, o.threads);
    if (o.as_json) {
        json_t *j = ctx_to_json(&ctx);
        json_dumpf(j, stdout, JSON_INDENT(2));
        printf("\n");
        json_decref(j);
    } else {
        ctx_print(&ctx, stdout);
    }
    return OMPSCALE_OK;
}
