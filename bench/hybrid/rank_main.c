/*
 * rank_main.c: ompscale-hybrid-rank, the program `ompscale hybrid` launches
 * with mpirun (or srun): every rank runs each kernel configuration's hybrid
 * hook (kernel.h) on its share of the work with T OpenMP threads, and rank 0
 * combines, verifies and writes what was measured (hrecord.h).  The only
 * file of ompscale that uses MPI; ompscale itself never links it.
 *
 *   ompscale-hybrid-rank --out FILE --threads LIST [--reps N] [--warmup N]
 *                        [--preset NAME] [--mpi-reps N] [--plugin PATH ...]
 *                        KERNEL[:name=value,...] ...
 *
 * Timing is the MPI suites' (IMB, OSU): MPI_Barrier, the region, MPI_Barrier,
 * each rank timing its own region with MPI_Wtime; the region is the kernel's
 * run on the rank's share (compute) and the gather of the partials to rank 0
 * (MPI).  The partial is made between the two, untimed (for stream and
 * squares it is a check of the block), and a barrier after it starts the
 * gather together, so a rank's region is its compute time plus the gather.
 * Rank 0 combines the partials in rank order outside the region and
 * verifies the combined result against the kernel's single-node reference.
 * Each rank reports its affinity mask; a rank given more threads than its
 * mask has CPUs warns, naming the launch options that fix it.
 */
#include <errno.h>
#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "affinity.h"
#include "files.h"
#include "hrecord.h"
#include "kernel.h"
#include "plugins.h"
#include "registry.h"

#define RANK_MAX_THREADS 64
#define RANK_MAX_CONFIGS 64

typedef struct rank_opts {
    const char *out;
    int threads[RANK_MAX_THREADS];
    int nthreads;
    long reps, warmup, mpi_reps;
    const char *preset;
    char *configs[RANK_MAX_CONFIGS];
    int nconfigs;
    const char *plugins[RANK_MAX_CONFIGS];
    int nplugins;
} rank_opts;

typedef struct rank_world {
    int rank, ranks;
    hrecord_rank self;
} rank_world;

/* Every rank parses alike; rank 0 says what is wrong. */
static int rank_usage(const rank_world *w, const char *fmt, const char *a, const char *b)
{
    if (w->rank == 0) {
        fputs("ompscale-hybrid-rank: ", stderr);
        fprintf(stderr, fmt, a, b);
        fputc('\n', stderr);
    }
    return OMPSCALE_USAGE;
}

static int rank_count(const rank_world *w, const char *opt, const char *text, long lo, long hi,
                      long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return rank_usage(w, "%s '%s': not a count in range", opt, text);
    *out = v;
    return OMPSCALE_OK;
}

static int rank_parse(const rank_world *w, int argc, char **argv, rank_opts *o)
{
    *o = (rank_opts){.reps = 5, .warmup = 1, .mpi_reps = 1000};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(a, "--out") == 0 || strcmp(a, "--threads") == 0 ||
                     strcmp(a, "--reps") == 0 || strcmp(a, "--warmup") == 0 ||
                     strcmp(a, "--preset") == 0 || strcmp(a, "--mpi-reps") == 0 ||
                     strcmp(a, "--plugin") == 0;
        if (takes && !v)
            return rank_usage(w, "%s needs a value%s", a, "");
        if (strcmp(a, "--out") == 0) {
            o->out = v;
        } else if (strcmp(a, "--preset") == 0) {
            o->preset = v;
        } else if (strcmp(a, "--plugin") == 0) {
            if (o->nplugins == RANK_MAX_CONFIGS)
                return rank_usage(w, "more than %s plugins%s", "64", "");
            o->plugins[o->nplugins++] = v;
        } else if (strcmp(a, "--reps") == 0) {
            if (rank_count(w, a, v, 1, 1000000, &o->reps))
                return OMPSCALE_USAGE;
        } else if (strcmp(a, "--warmup") == 0) {
            if (rank_count(w, a, v, 0, 1000000, &o->warmup))
                return OMPSCALE_USAGE;
        } else if (strcmp(a, "--mpi-reps") == 0) {
            if (rank_count(w, a, v, 1, 100000000, &o->mpi_reps))
                return OMPSCALE_USAGE;
        } else if (strcmp(a, "--threads") == 0) {
            char copy[512];
            snprintf(copy, sizeof copy, "%s", v);
            for (char *save, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                long n;
                if (o->nthreads == RANK_MAX_THREADS ||
                    rank_count(w, "--threads", t, 1, 1 << 20, &n))
                    return OMPSCALE_USAGE;
                o->threads[o->nthreads++] = (int)n;
            }
        } else if (a[0] == '-') {
            return rank_usage(w, "unknown option '%s': valid are --out, --threads, --reps, "
                                 "--warmup, --preset, --mpi-reps, --plugin%s", a, "");
        } else {
            if (o->nconfigs == RANK_MAX_CONFIGS)
                return rank_usage(w, "more than %s configurations%s", "64", "");
            o->configs[o->nconfigs++] = argv[i];
            continue;
        }
        i++;
    }
    if (!o->out || o->nthreads == 0 || o->nconfigs == 0)
        return rank_usage(w, "usage: --out FILE --threads LIST [--reps N] KERNEL[:a=1,...] ...%s%s",
                          "", "");
    return OMPSCALE_OK;
}

/* The MPI construct costs at this rank count, microseconds per construct, the slowest rank's. */
static void rank_mpi_costs(long reps, double *barrier_us, double *allreduce_us)
{
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = MPI_Wtime();
    for (long i = 0; i < reps; i++)
        MPI_Barrier(MPI_COMM_WORLD);
    double mine = (MPI_Wtime() - t0) / (double)reps * 1e6;
    MPI_Reduce(&mine, barrier_us, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    double x = 1.0, y = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    t0 = MPI_Wtime();
    for (long i = 0; i < reps; i++)
        MPI_Allreduce(&x, &y, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    mine = (MPI_Wtime() - t0) / (double)reps * 1e6;
    MPI_Reduce(&mine, allreduce_us, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
}

/* The configuration's values: defaults, the preset where the kernel has it, then its list. */
static int rank_values(const rank_world *w, const rank_opts *o, const char *config,
                       const kernel **k, param_value *values)
{
    char name[64], err[512];
    size_t n = strcspn(config, ":");
    snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), config);
    *k = registry_find(name);
    if (!*k)
        return rank_usage(w, "unknown kernel '%s'%s", name, "");
    if (!(*k)->hybrid)
        return rank_usage(w, "kernel '%s' has no hybrid hook%s", name, "");
    const char *preset = NULL;
    for (const kernel_preset *p = (*k)->presets; o->preset && p && p->name; p++)
        if (strcmp(p->name, o->preset) == 0)
            preset = o->preset;
    if (kernel_defaults(*k, preset, values, err, sizeof err) != OMPSCALE_OK ||
        (config[n] == ':' && kernel_assign(*k, values, config + n + 1, err, sizeof err) != 0))
        return rank_usage(w, "%s%s", err, "");
    return OMPSCALE_OK;
}

/* Per rank and repetition: region, compute and MPI seconds, threads obtained, failed. */
enum { PR_REGION, PR_COMPUTE, PR_MPI, PR_OBTAINED, PR_FAILED, PR_N };

/* Rank 0: folds one repetition's per-rank figures into rep and the cell. */
static void rank_fold(const double *per, int ranks, hrecord_rep *rep, hrecord_cell *c)
{
    *rep = (hrecord_rep){.region_min_s = per[PR_REGION]};
    for (int r = 0; r < ranks; r++) {
        const double *p = per + (size_t)r * PR_N;
        if (p[PR_REGION] > rep->region_max_s)
            rep->region_max_s = p[PR_REGION];
        if (p[PR_REGION] < rep->region_min_s)
            rep->region_min_s = p[PR_REGION];
        rep->region_mean_s += p[PR_REGION] / ranks;
        rep->compute_mean_s += p[PR_COMPUTE] / ranks;
        if (p[PR_COMPUTE] > rep->compute_max_s)
            rep->compute_max_s = p[PR_COMPUTE];
        rep->mpi_mean_s += p[PR_MPI] / ranks;
        int obtained = (int)p[PR_OBTAINED];
        if (c->obtained_min == 0 || obtained < c->obtained_min)
            c->obtained_min = obtained;
        if (obtained > c->obtained_max)
            c->obtained_max = obtained;
        if (p[PR_FAILED] != 0)
            c->failed = true;
    }
}

/* One cell: prepare, warm up, time, combine and verify each repetition on rank 0. */
static int rank_cell(const rank_world *w, const rank_opts *o, int config, int threads,
                     hrecord_cell *c)
{
    const kernel *k;
    param_value values[KERNEL_MAX_PARAMS];
    char err[512];
    if (rank_values(w, o, o->configs[config], &k, values) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    void *state = NULL;
    int status = k->prepare(values, threads, &state, err, sizeof err);
    if (status != OMPSCALE_OK) {
        if (w->rank == 0)
            fprintf(stderr, "ompscale-hybrid-rank: %s\n", err);
        return status;
    }
    memset(c, 0, sizeof *c);
    snprintf(c->kernel, sizeof c->kernel, "%s", k->name);
    c->config = config;
    c->threads = threads;
    c->verified = true;
    int size_index = kernel_param_index(k, k->size_param);
    c->size = size_index >= 0 ? values[size_index].i : 0;
    kernel_params_text(k, values, c->params, sizeof c->params);
    k->work(state, &c->work);
    c->work.ceiling = NULL;
    int variant = kernel_variant_index(k, "omp");
    kernel_exec exec = {.threads = threads};
    sched_parse("static", &exec.schedule, err, sizeof err);
    const kernel_part part = {w->rank, w->ranks};
    const size_t len = k->hybrid->partial_len(state, w->ranks);
    double *mine = calloc(len ? len : 1, sizeof *mine);
    double *all = w->rank == 0 ? calloc((size_t)w->ranks * (len ? len : 1), sizeof *all) : NULL;
    double *per = w->rank == 0 ? calloc((size_t)w->ranks * PR_N, sizeof *per) : NULL;
    c->reps = w->rank == 0 ? calloc((size_t)o->reps, sizeof *c->reps) : NULL;
    int ok = mine && (w->rank != 0 || (all && per && c->reps)), all_ok;
    MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!all_ok) {
        if (w->rank == 0)
            fprintf(stderr, "ompscale-hybrid-rank: %s: out of memory for the partials\n", k->name);
        status = OMPSCALE_FAIL;
        goto done;
    }
    for (long rep = -o->warmup; rep < o->reps; rep++) {
        int obtained = 0;
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        int run = k->hybrid->run(state, variant, &exec, &part, &obtained);
        double t1 = MPI_Wtime();
        /* The partial is made outside the region (it may be a check of the block). */
        k->hybrid->partial(state, &part, mine);
        MPI_Barrier(MPI_COMM_WORLD);
        double t2 = MPI_Wtime();
        MPI_Gather(mine, (int)len, MPI_DOUBLE, all, (int)len, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        double t3 = MPI_Wtime();
        MPI_Barrier(MPI_COMM_WORLD);
        double figures[PR_N] = {(t1 - t0) + (t3 - t2), t1 - t0, t3 - t2, obtained,
                                run != OMPSCALE_OK};
        MPI_Gather(figures, PR_N, MPI_DOUBLE, per, PR_N, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        if (w->rank != 0)
            continue;
        hrecord_rep r;
        rank_fold(per, w->ranks, &r, c);
        kernel_check check;
        int combined = k->hybrid->combine(state, w->ranks, all);
        k->verify(state, &check);
        bool good = check.verified && combined == OMPSCALE_OK && !c->failed;
        if (c->verified || !good)
            c->check = check; /* the last, or the first failing one */
        if (!good && c->verified && c->failed && check.verified)
            snprintf(c->check.detail, sizeof c->check.detail,
                     "a rank's run failed (its own verify() says why on that rank)");
        c->verified = c->verified && good;
        if (rep >= 0)
            c->reps[c->nreps++] = r;
    }
done:
    free(mine);
    free(all);
    free(per);
    k->free(state);
    return status;
}

static int rank_write(const void *what, FILE *out)
{
    return hrecord_write(what, out);
}

/* Each rank's host and mask to rank 0; each rank warns for the thread counts its mask cannot hold. */
static int rank_world_gather(rank_world *w, const rank_opts *o, hrecord *rec)
{
    char host[HOST_NAME_MAX + 1] = "?";
    gethostname(host, sizeof host);
    host[sizeof host - 1] = '\0';
    snprintf(w->self.host, sizeof w->self.host, "%s", host);
    w->self.cpus = affinity_cpus(w->self.mask, sizeof w->self.mask);
    for (int i = 0; i < o->nthreads; i++) {
        char warning[512];
        affinity_warning(w->rank, w->self.host, o->threads[i], w->self.cpus, w->self.mask,
                         warning, sizeof warning);
        if (warning[0])
            fprintf(stderr, "%s\n", warning);
    }
    rec->ranks = w->ranks;
    if (w->rank == 0 && !(rec->rank = calloc((size_t)w->ranks, sizeof *rec->rank)))
        return OMPSCALE_FAIL;
    MPI_Gather(&w->self, (int)sizeof w->self, MPI_BYTE, rec->rank, (int)sizeof w->self,
               MPI_BYTE, 0, MPI_COMM_WORLD);
    return OMPSCALE_OK;
}

static int rank_main(rank_world *w, int argc, char **argv)
{
    rank_opts o;
    int status = rank_parse(w, argc, argv, &o);
    if (status != OMPSCALE_OK)
        return status;
    for (int i = 0; i < o.nplugins; i++) {
        char err[1024];
        if (plugin_load(o.plugins[i], err, sizeof err) != OMPSCALE_OK)
            return rank_usage(w, "--plugin %s: %s", o.plugins[i], err);
    }
    hrecord rec = {0};
    if (rank_world_gather(w, &o, &rec) != OMPSCALE_OK)
        MPI_Abort(MPI_COMM_WORLD, 1);
    rank_mpi_costs(o.mpi_reps, &rec.barrier_us, &rec.allreduce_us);
    if (w->rank == 0 && !(rec.cells = calloc((size_t)(o.nconfigs * o.nthreads), sizeof *rec.cells)))
        MPI_Abort(MPI_COMM_WORLD, 1);
    for (int c = 0; c < o.nconfigs && status == OMPSCALE_OK; c++)
        for (int t = 0; t < o.nthreads && status == OMPSCALE_OK; t++) {
            hrecord_cell cell = {0};
            status = rank_cell(w, &o, c, o.threads[t], &cell);
            if (w->rank == 0 && status == OMPSCALE_OK)
                rec.cells[rec.ncells++] = cell;
            else
                free(cell.reps);
        }
    if (w->rank == 0 && status == OMPSCALE_OK) {
        char err[4400];
        if (files_write_atomic(o.out, rank_write, &rec, err, sizeof err) != 0) {
            fprintf(stderr, "ompscale-hybrid-rank: %s\n", err);
            status = OMPSCALE_FAIL;
        }
    }
    hrecord_free(&rec);
    return status;
}

int main(int argc, char **argv)
{
    int provided;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    rank_world w = {0};
    MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &w.ranks);
    int status = rank_main(&w, argc, argv);
    MPI_Finalize();
    return status == OMPSCALE_OK ? 0 : status == OMPSCALE_USAGE ? 2 : 1;
}
