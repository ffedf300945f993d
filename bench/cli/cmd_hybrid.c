/*
 * cmd_hybrid.c: `ompscale hybrid [KERNEL[:name=value,...] ...]`: the ranks x
 * threads sweep.  A short pipeline: parse the options, resolve the kernel
 * configurations (each kernel with a hybrid hook, with its sweep
 * configurations, or those named) and the plan of splits (hplan.h), find
 * the launcher (mpirun, or srun inside a Slurm allocation) and
 * ompscale-hybrid-rank, claim the output, measure each configuration's
 * serial reference here, then launch once per rank count (hybrid_sweep.c),
 * saving the CSV and JSON after every launch, and print the table.
 * Bad input of any kind is refused before anything is launched or written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hybrid_sweep.h"
#include "plugin.h"
#include "registry.h"

enum { HY_CORES = 1, HY_SPLITS, HY_REPS, HY_QUICK, HY_OUT, HY_FORCE, HY_MPIRUN,
       HY_RANK_PROGRAM, HY_PLUGIN };

static const args_option hybrid_options[] = {
    {.name = "cores", .id = HY_CORES, .value = ARGS_TEXT, .metavar = "P",
     .help = "the cores the plan splits: every factorisation of P and 2P\n"
             "ranks x threads, after 1x1 (default: the CPUs this process may use)"},
    {.name = "splits", .id = HY_SPLITS, .value = ARGS_TEXT, .metavar = "LIST",
     .help = "the splits instead, RANKSxTHREADS comma-separated, e.g. 1x2,2x1"},
    {.name = "reps", .id = HY_REPS, .value = ARGS_TEXT, .metavar = "N",
     .help = "timed repetitions per cell (default 5; 3 with --quick)"},
    {.name = "quick", .id = HY_QUICK, .value = ARGS_FLAG,
     .help = "each kernel's quick preset, 3 repetitions: a smoke test"},
    {.name = "out", .id = HY_OUT, .value = ARGS_FILE, .metavar = "PREFIX",
     .help = "write PREFIX.csv and PREFIX.json (default results/HOST-hybrid-TIME)"},
    {.name = "force", .id = HY_FORCE, .value = ARGS_FLAG,
     .help = "replace PREFIX.csv and PREFIX.json of an earlier run"},
    {.name = "mpirun", .id = HY_MPIRUN, .value = ARGS_FILE, .metavar = "PATH",
     .help = "the launcher (default: srun inside a Slurm allocation, SLURM_JOB_ID\n"
             "set; else mpirun; each looked up on PATH)"},
    {.name = "rank-program", .id = HY_RANK_PROGRAM, .value = ARGS_FILE, .metavar = "PATH",
     .help = "ompscale-hybrid-rank (default: the one beside this ompscale, else PATH)"},
    {.name = "plugin", .id = HY_PLUGIN, .value = ARGS_FILE, .metavar = "PATH.so",
     .help = "load kernels from a plugin (repeatable), here and in every rank: its\n"
             "kernels with a hybrid hook join the sweep"},
    {.name = NULL},
};

const args_command hybrid_command = {
    .name = "hybrid",
    .summary = "sweep ranks x threads splits of the cores with MPI + OpenMP (mpirun or srun)",
    .usage = "[KERNEL[:name=value,...] ...] [options]",
    .about = "Runs each kernel that has a hybrid hook (every one by default, with its sweep\n"
             "configurations; or the KERNELs named, with parameters after a colon) as MPI\n"
             "ranks x OpenMP threads per rank: each rank takes its share of the work and runs\n"
             "the kernel's own OpenMP code on it, the partial results are combined in rank\n"
             "order and verified against the single-node reference.  mpirun (srun in a Slurm\n"
             "allocation) is launched once per rank count, with --bind-to none, and\n"
             "--oversubscribe past the cores; each launch line is printed.  Per cell: time\n"
             "(the slowest rank's, barrier to barrier), speedup and efficiency against the\n"
             "serial run over ranks x threads, load balance, MPI fraction, and the parallel\n"
             "efficiency as its MPI and OpenMP parts (POP).  Writes one CSV and JSON in the\n"
             "suite's schema; compare and plot read them (ranks x threads is the cores axis).",
    .options = hybrid_options,
    .words = ARGS_TEXT,
    .notes = "Exit status 0 every cell verified, 1 a cell or a launch failed, 2 bad usage\n"
             "(then nothing is launched or written).",
};

typedef struct hybrid_parse_ctx {
    hybrid_opts *o;
} hybrid_parse_ctx;

static int hybrid_count(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < lo || v > hi)
        return cli_usage_error("%s '%s': valid are whole numbers from %ld to %ld", opt, text, lo,
                               hi);
    *out = v;
    return OMPSCALE_OK;
}

static int hybrid_arg(void *ctx, const args_scan *s, const args_item *it)
{
    hybrid_opts *o = ((hybrid_parse_ctx *)ctx)->o;
    long v = 0;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_WORD) {
        if (o->nconfigs == HYBRID_MAX_CONFIGS)
            return cli_usage_error("hybrid: more than %d kernel configurations: give at most %d",
                                   HYBRID_MAX_CONFIGS, HYBRID_MAX_CONFIGS);
        snprintf(o->configs[o->nconfigs++], sizeof o->configs[0], "%s", it->value);
        return OMPSCALE_OK;
    }
    switch (it->option->id) {
    case HY_CORES:
        if (hybrid_count("--cores", it->value, 1, HPLAN_MAX_PRODUCT / 2, &v) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        o->cores = (int)v;
        return OMPSCALE_OK;
    case HY_SPLITS:
        o->splits = it->value;
        return OMPSCALE_OK;
    case HY_REPS:
        if (hybrid_count("--reps", it->value, 1, 100000, &v) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        o->reps = (int)v;
        return OMPSCALE_OK;
    case HY_QUICK:
        o->quick = true;
        return OMPSCALE_OK;
    case HY_FORCE:
        o->force = true;
        return OMPSCALE_OK;
    case HY_OUT:
        o->out = it->value;
        return cli_check_prefix("--out", it->value);
    case HY_PLUGIN:
        if (o->nplugins == HYBRID_MAX_CONFIGS)
            return cli_usage_error("--plugin: more than %d plugins: give at most %d",
                                   HYBRID_MAX_CONFIGS, HYBRID_MAX_CONFIGS);
        o->plugins[o->nplugins++] = it->value;
        return OMPSCALE_OK;
    case HY_MPIRUN:
        o->launcher = it->value;
        return OMPSCALE_OK;
    default:
        o->rank_program = it->value;
        return OMPSCALE_OK;
    }
}

int cmd_hybrid(int argc, char **argv)
{
    hybrid_opts o = {0};
    hybrid_parse_ctx ctx = {&o};
    if (plugin_load_options(&hybrid_command, argc, argv) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (cli_scan(&hybrid_command, NULL, argc, argv, hybrid_arg, &ctx) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o.reps == 0)
        o.reps = o.quick ? 3 : 5;
    hybrid_job job;
    int status = hybrid_prepare(&o, &job);
    if (status != OMPSCALE_OK)
        return status;
    status = hybrid_sweep(&job);
    hybrid_print(&job, stdout);
    hybrid_free(&job);
    return status;
}
