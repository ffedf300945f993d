/*
 * hybrid_sweep.c: the steps of `ompscale hybrid` (hybrid_sweep.h).
 */
#include "hybrid_sweep.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis.h"
#include "child.h"
#include "cli.h"
#include "files.h"
#include "hcells.h"
#include "hrecord.h"
#include "hserial.h"
#include "launch.h"
#include "outlock.h"
#include "registry.h"
#include "report.h"

/* path if it names an executable file, else the first NAME on PATH; 0 found, 1 not. */
static int hybrid_find(const char *name, char *out, size_t len)
{
    if (strchr(name, '/')) {
        snprintf(out, len, "%s", name);
        return access(out, X_OK) == 0 ? 0 : 1;
    }
    const char *path = getenv("PATH");
    char copy[8192];
    snprintf(copy, sizeof copy, "%s", path ? path : "/usr/bin:/bin");
    for (char *save, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        snprintf(out, len, "%s/%s", dir[0] ? dir : ".", name);
        struct stat st;
        if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
            return 0;
    }
    return 1;
}

static int hybrid_find_launcher(const hybrid_opts *o, hybrid_job *job)
{
    const char *name = o->launcher ? o->launcher : getenv("SLURM_JOB_ID") ? "srun" : "mpirun";
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", name);
    job->srun = strcmp(basename(copy), "srun") == 0;
    if (hybrid_find(name, job->launcher, sizeof job->launcher) != 0)
        return cli_usage_error("hybrid: %s not found%s: install Open MPI (openmpi-bin) or run "
                               "inside a Slurm allocation, or give --mpirun PATH",
                               name, strchr(name, '/') ? " or not executable" : " on PATH");
    return OMPSCALE_OK;
}

static int hybrid_find_rank_program(const hybrid_opts *o, hybrid_job *job)
{
    static const char name[] = "ompscale-hybrid-rank";
    if (o->rank_program) {
        if (hybrid_find(o->rank_program, job->rank_program, sizeof job->rank_program) != 0)
            return cli_usage_error("--rank-program '%s': not an executable file: give the "
                                   "ompscale-hybrid-rank of an -Dmpi build",
                                   o->rank_program);
        return OMPSCALE_OK;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        snprintf(job->rank_program, sizeof job->rank_program, "%s/%s", dirname(self), name);
        if (access(job->rank_program, X_OK) == 0)
            return OMPSCALE_OK;
    }
    if (hybrid_find(name, job->rank_program, sizeof job->rank_program) == 0)
        return OMPSCALE_OK;
    return cli_usage_error("hybrid: %s not found beside ompscale or on PATH: build with Open "
                           "MPI (libopenmpi-dev; meson -Dmpi=enabled), or give --rank-program",
                           name);
}

/* --quick: the kernel's "quick" preset where it has one (a plugin's kernel may not). */
static const char *hybrid_preset(const kernel *k, bool quick)
{
    for (const kernel_preset *p = k->presets; quick && p && p->name; p++)
        if (strcmp(p->name, "quick") == 0)
            return "quick";
    return NULL;
}

/* Adds configuration "NAME[:list]" of k, checked with the plan's most threads. */
static int hybrid_add_config(hybrid_job *job, const kernel *k, const char *list, int threads)
{
    if (job->nconfigs == sizeof job->configs / sizeof job->configs[0])
        return cli_usage_error("hybrid: too many kernel configurations: name at most %d kernels",
                               HYBRID_MAX_CONFIGS);
    hybrid_config *c = &job->configs[job->nconfigs];
    c->k = k;
    if (list && list[0]) {
        snprintf(c->arg, sizeof c->arg, "%s:%s", k->name, list);
        c->list = c->arg + strlen(k->name) + 1;
    } else {
        snprintf(c->arg, sizeof c->arg, "%s", k->name);
        c->list = NULL;
    }
    param_value values[KERNEL_MAX_PARAMS];
    char err[1024];
    if (kernel_defaults(k, hybrid_preset(k, job->o.quick), values, err, sizeof err) != 0 ||
        (c->list && kernel_assign(k, values, c->list, err, sizeof err) != 0) ||
        (k->check && k->check(values, threads, err, sizeof err) != OMPSCALE_OK))
        return cli_usage_error("%s", err);
    job->nconfigs++;
    return OMPSCALE_OK;
}

/* The kernels named, or every kernel with a hybrid hook with its sweep configurations. */
static int hybrid_resolve_configs(hybrid_job *job, int threads)
{
    if (job->o.nconfigs == 0) {
        for (const kernel *const *k = registry_all(); *k; k++) {
            if (!(*k)->hybrid)
                continue;
            if (hybrid_add_config(job, *k, NULL, threads) != OMPSCALE_OK)
                return OMPSCALE_USAGE;
            for (const char *const *s = (*k)->sweep_configs; s && *s; s++)
                if (hybrid_add_config(job, *k, *s, threads) != OMPSCALE_OK)
                    return OMPSCALE_USAGE;
        }
        return OMPSCALE_OK;
    }
    for (size_t i = 0; i < job->o.nconfigs; i++) {
        char name[64];
        const char *word = job->o.configs[i];
        size_t n = strcspn(word, ":");
        snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), word);
        const kernel *k = registry_find(name);
        if (!k) {
            char names[4096] = "";
            for (const kernel *const *q = registry_all(); *q; q++)
                if ((*q)->hybrid)
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                             names[0] ? ", " : "", (*q)->name);
            return cli_usage_error("hybrid: unknown kernel '%s': valid are %s", name, names);
        }
        if (!k->hybrid)
            return cli_usage_error("hybrid: kernel '%s' has no hybrid hook (kernel.h): its work "
                                   "does not split between ranks; `ompscale list` names those "
                                   "that have one",
                                   name);
        if (hybrid_add_config(job, k, word[n] == ':' ? word + n + 1 : NULL, threads) !=
            OMPSCALE_OK)
            return OMPSCALE_USAGE;
    }
    return OMPSCALE_OK;
}

/* --out, or results/HOST-hybrid-TIME (the host kept to a file name's letters). */
static int hybrid_prefix(hybrid_job *job)
{
    if (job->o.out) {
        snprintf(job->prefix, sizeof job->prefix, "%s", job->o.out);
    } else {
        char host[128], stamp[32];
        snprintf(host, sizeof host, "%s", job->r.ctx.host[0] ? job->r.ctx.host : "unknown-host");
        for (char *c = host; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-')
                *c = '_';
        char *w = stamp;
        for (const char *c = job->r.ctx.timestamp; *c && w < stamp + sizeof stamp - 1; c++)
            if (*c != '-' && *c != ':')
                *w++ = *c;
        *w = '\0';
        if (mkdir("results", 0777) != 0 && errno != EEXIST)
            return cli_usage_error("cannot create the directory results: %s (use --out PREFIX)",
                                   strerror(errno));
        snprintf(job->prefix, sizeof job->prefix, "results/%s-hybrid-%s", host, stamp);
    }
    char csv[4200], err[4400], found[4300];
    snprintf(csv, sizeof csv, "%s.csv", job->prefix);
    if (files_check_writable(csv, err, sizeof err) != 0)
        return cli_usage_error("--out: %s", err);
    if (!job->o.force && outlock_files_exist(job->prefix, NULL, found, sizeof found))
        return cli_usage_error("--out '%s': %s exists (an earlier result): give --force to "
                               "replace it, or another --out",
                               job->prefix, found);
    return OMPSCALE_OK;
}

int hybrid_prepare(const hybrid_opts *o, hybrid_job *job)
{
    char err[1024];
    memset(job, 0, sizeof *job);
    job->o = *o;
    job->r.knee_threshold = ANALYSIS_KNEE_THRESHOLD;
    job->r.noise_tolerance = ANALYSIS_NOISE_TOLERANCE;
    ctx_gather(&job->r.ctx);
    int cores = o->cores ? o->cores : job->r.ctx.logical_cpus > 0 ? job->r.ctx.logical_cpus : 1;
    int status = o->splits ? hplan_parse(o->splits, &job->plan, err, sizeof err)
                           : hplan_default(cores, &job->plan, err, sizeof err);
    if (status != OMPSCALE_OK)
        return cli_usage_error("%s", err);
    job->o.cores = cores;
    int most = 1;
    for (size_t i = 0; i < job->plan.nsplits; i++)
        if (job->plan.splits[i].threads > most)
            most = job->plan.splits[i].threads;
    if (hybrid_resolve_configs(job, most) != OMPSCALE_OK ||
        hybrid_find_launcher(o, job) != OMPSCALE_OK ||
        hybrid_find_rank_program(o, job) != OMPSCALE_OK || hybrid_prefix(job) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    job->cap = job->nconfigs * (1 + job->plan.nsplits);
    job->r.cells = calloc(job->cap, sizeof *job->r.cells);
    if (!job->r.cells)
        return cli_fail("hybrid: out of memory");
    return OMPSCALE_OK;
}

static int hybrid_save(const hybrid_job *job, bool final)
{
    char paths[2][4200], err[2048];
    if (report_write_results(&job->r, job->prefix, paths, err, sizeof err) != 0)
        return cli_fail("%s", err);
    for (int i = 0; final && i < 2; i++)
        cli_note("wrote %s", paths[i]);
    return OMPSCALE_OK;
}

/* Runs one launch of `ranks` ranks; its record read into rec. */
static int hybrid_launch(hybrid_job *job, int ranks, hrecord *rec)
{
    char threads[512], record[4200], line[8192], err[4400];
    hplan_threads_of(&job->plan, ranks, threads, sizeof threads);
    int most = 1, fewest = HPLAN_MAX_PRODUCT;
    for (size_t i = 0; i < job->plan.nsplits; i++) {
        const hplan_split *sp = &job->plan.splits[i];
        if (sp->ranks == ranks && sp->threads > most)
            most = sp->threads;
        if (sp->ranks == ranks && sp->threads < fewest)
            fewest = sp->threads;
    }
    snprintf(record, sizeof record, "%s/ranks-%d.record", job->tmpdir, ranks);
    const char *configs[sizeof job->configs / sizeof job->configs[0]];
    for (size_t i = 0; i < job->nconfigs; i++)
        configs[i] = job->configs[i].arg;
    launch_spec spec = {.srun = job->srun, .launcher = job->launcher,
                        .rank_program = job->rank_program, .ranks = ranks, .min_threads = fewest, .max_threads = most,
                        .cores = job->o.cores, .threads = threads, .out = record,
                        .reps = job->o.reps, .preset = job->o.quick ? "quick" : NULL,
                        .configs = configs, .nconfigs = job->nconfigs,
                        .plugins = job->o.plugins, .nplugins = job->o.nplugins};
    launch_argv argv;
    if (launch_build(&spec, &argv) != 0)
        return cli_fail("hybrid: the launch line of %d ranks is too long", ranks);
    launch_line(argv.argv, line, sizeof line);
    cli_note("hybrid: %s", line);
    fflush(stderr);
    child_spec cs = {.path = job->launcher, .argv = argv.argv, .in = CHILD_NULL,
                     .out = CHILD_INHERIT, .err = CHILD_INHERIT, .death_signal = SIGTERM};
    child c;
    int wstatus = 0;
    if (child_start(&cs, "mpirun", &c, err, sizeof err) != 0 ||
        child_wait(&c, &wstatus, err, sizeof err) != CHILD_EXITED)
        return cli_fail("hybrid: %s", err);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        char how[64];
        return cli_fail("hybrid: the launch of %d rank%s ended with %s: %s", ranks,
                        ranks == 1 ? "" : "s", child_status_text(wstatus, how, sizeof how), line);
    }
    if (hrecord_read(record, rec, err, sizeof err) != 0)
        return cli_fail("hybrid: %s", err);
    unlink(record);
    return OMPSCALE_OK;
}

/* The serial reference of every configuration: the first cells, group = configuration. */
static int hybrid_serial(hybrid_job *job)
{
    char err[1024];
    for (size_t i = 0; i < job->nconfigs; i++) {
        const hybrid_config *c = &job->configs[i];
        param_value values[KERNEL_MAX_PARAMS];
        if (kernel_defaults(c->k, hybrid_preset(c->k, job->o.quick), values, err, sizeof err) != 0 ||
            (c->list && kernel_assign(c->k, values, c->list, err, sizeof err) != 0))
            return cli_fail("%s", err);
        cell_result *cell = &job->r.cells[job->r.ncells];
        if (hserial_measure(c->k, values, (int)i, job->o.reps, cell, err, sizeof err) !=
            OMPSCALE_OK)
            return cli_fail("%s", err);
        job->r.ncells++;
    }
    return OMPSCALE_OK;
}

/* The launch's cells, after the serial cells, their configuration's serial the reference. */
static int hybrid_add_cells(hybrid_job *job, const hrecord *rec)
{
    for (size_t i = 0; i < rec->ncells; i++) {
        int config = rec->cells[i].config;
        if (config < 0 || (size_t)config >= job->nconfigs || job->r.ncells == job->cap)
            return cli_fail("hybrid: a record names configuration %d of %zu", config,
                            job->nconfigs);
        const cell_result *serial = &job->r.cells[config];
        if (hcells_from_record(rec, i, job->configs[config].k, config, serial,
                               &job->r.cells[job->r.ncells]) != 0)
            return cli_fail("hybrid: out of memory");
        job->r.ncells++;
    }
    return OMPSCALE_OK;
}

int hybrid_sweep(hybrid_job *job)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(job->tmpdir, sizeof job->tmpdir, "%s/ompscale-hybrid-XXXXXX",
             tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(job->tmpdir)) {
        job->tmpdir[0] = '\0';
        return cli_fail("hybrid: cannot create a temporary directory: %s", strerror(errno));
    }
    int status = hybrid_serial(job);
    int ranks[HPLAN_MAX_SPLITS];
    size_t nranks = hplan_rank_counts(&job->plan, ranks);
    bool every = status == OMPSCALE_OK;
    for (size_t i = 0; i < nranks && status == OMPSCALE_OK; i++) {
        hrecord rec;
        if (hybrid_launch(job, ranks[i], &rec) != OMPSCALE_OK) {
            every = false;
            continue;
        }
        status = hybrid_add_cells(job, &rec);
        hrecord_free(&rec);
        job->r.complete = every && i + 1 == nranks;
        if (status == OMPSCALE_OK)
            status = hybrid_save(job, i + 1 == nranks);
    }
    for (size_t i = 0; i < job->r.ncells && status == OMPSCALE_OK; i++)
        if (!job->r.cells[i].verified)
            status = OMPSCALE_FAIL;
    return every ? status : OMPSCALE_FAIL;
}

void hybrid_print(const hybrid_job *job, FILE *out)
{
    for (size_t g = 0; g < job->nconfigs; g++) {
        const cell_result *serial = job->r.ncells > g ? &job->r.cells[g] : NULL;
        if (!serial || !serial->k)
            continue;
        fprintf(out, "\n%s  %s\n", serial->k->name, serial->params);
        fprintf(out, "  %-7s %11s %8s %6s %6s %6s %6s %6s  %s\n", "split", "time_s", "speedup",
                "eff", "LB", "MPI%", "MPIeff", "OMPeff", "verified");
        fprintf(out, "  %-7s %11.4g %8.2f %6s %6s %6s %6s %6s  %s\n", "serial",
                serial->stats.median_s, 1.0, "", "", "", "", "", serial->verified ? "yes" : "NO");
        const cell_result *best = NULL;
        for (size_t i = job->nconfigs; i < job->r.ncells; i++) {
            const cell_result *c = &job->r.cells[i];
            if (c->group != (int)g)
                continue;
            char split[32];
            snprintf(split, sizeof split, "%dx%d", c->ranks, c->threads_per_rank);
            fprintf(out, "  %-7s %11.4g %8.2f %6.2f %6.2f %5.1f%% %6.2f %6.2f  %s\n", split,
                    c->stats.median_s, c->speedup, c->efficiency, c->load_balance,
                    100 * c->mpi_fraction, c->mpi_efficiency, c->omp_efficiency,
                    c->verified ? "yes" : "NO");
            if (c->verified && isfinite(c->speedup) && (!best || c->speedup > best->speedup))
                best = c;
        }
        if (best)
            fprintf(out, "  best: %dx%d, speedup %.2f\n", best->ranks, best->threads_per_rank,
                    best->speedup);
    }
    /* The MPI construct costs, once per rank count (every cell of a launch has the same). */
    int said[HPLAN_MAX_SPLITS];
    size_t nsaid = 0;
    for (size_t i = job->nconfigs; i < job->r.ncells && nsaid < HPLAN_MAX_SPLITS; i++) {
        const cell_result *c = &job->r.cells[i];
        bool seen = false;
        for (size_t j = 0; j < nsaid && !seen; j++)
            seen = said[j] == c->ranks;
        if (seen)
            continue;
        if (nsaid == 0)
            fprintf(out, "\nMPI constructs (us, the slowest rank's mean)\n  %-6s %9s %16s\n",
                    "ranks", "barrier", "allreduce 1 dbl");
        said[nsaid++] = c->ranks;
        fprintf(out, "  %-6d %9.3f %16.3f\n", c->ranks, c->mpi_barrier_us, c->mpi_allreduce_us);
    }
}

void hybrid_free(hybrid_job *job)
{
    for (size_t i = 0; i < job->r.ncells; i++)
        free(job->r.cells[i].times);
    free(job->r.cells);
    job->r.cells = NULL;
    if (job->tmpdir[0])
        rmdir(job->tmpdir);
}
