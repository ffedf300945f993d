/*
 * ompenv.c: the OpenMP environment's effect on a sweep, as notes and
 * warnings (ompenv.h).
 *
 * The sweep keeps OMP_DYNAMIC as the user set it rather than calling
 * omp_set_dynamic(0): whoever sets it (a user, a job scheduler) asks for the
 * runtime's adjustment, and a benchmark that silently undid it would measure
 * another program than the one that will run.  The runs stay honest because
 * every row records the fewest and most threads obtained, efficiency is
 * taken over the threads obtained, the scaling summary leaves out cells that
 * ran fewer threads than asked, and the warning says how to get exact counts.
 */
#include "ompenv.h"

#include <string.h>

#include "text.h"

/* Cells named one by one in the summary after the sweep; the rest are counted. */
#define OMPENV_CELLS_NAMED 6

/*
 * "NAME=value" for each of names[] that is set, space-separated, or fallback
 * when none is; returns how many were set.
 */
static int ompenv_settings(const machine_context *ctx, const char *const *names,
                           const char *fallback, char *buf, size_t len)
{
    int set = 0;
    buf[0] = '\0';
    for (size_t i = 0; names[i]; i++) {
        const char *value = ctx_env_value(ctx, names[i]);
        if (value && ++set)
            text_append(buf, len, "%s%s=%.200s", buf[0] ? " " : "", names[i], value);
    }
    if (!buf[0])
        text_append(buf, len, "%s", fallback);
    return set;
}

/* The thread counts above `above`, as "2, 4". */
static void ompenv_counts_above(const int *threads, size_t n, int above, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (threads[i] > above)
            text_append(buf, len, "%s%d", buf[0] ? ", " : "", threads[i]);
}

int ompenv_expected_threads(const machine_context *ctx, int threads)
{
    return ctx->thread_limit > 0 && threads > ctx->thread_limit ? ctx->thread_limit : threads;
}

static ompenv_message *ompenv_next(ompenv_message *out, size_t max, size_t *n, bool warning)
{
    if (*n >= max)
        return NULL;
    ompenv_message *m = &out[(*n)++];
    m->warning = warning;
    m->text[0] = '\0';
    return m;
}

static void ompenv_affinity(const machine_context *ctx, ompenv_message *m)
{
    char cores[32] = "unknown"; /* hwloc saw no core (context.h) */
    if (ctx->physical_cores > 0)
        snprintf(cores, sizeof cores, "%d", ctx->physical_cores);
    snprintf(m->text, sizeof m->text,
             "the CPU affinity mask allows %d of the machine's %d CPUs: P = %d and physical "
             "cores = %s count only those, and the default plan goes up to 2P = %d threads",
             ctx->logical_cpus, ctx->machine_pus, ctx->logical_cpus, cores,
             2 * ctx->logical_cpus);
}

static void ompenv_thread_limit(const machine_context *ctx, const int *threads, size_t n,
                                ompenv_message *m)
{
    static const char *const names[] = {"OMP_THREAD_LIMIT", NULL};
    char setting[256], cells[256];
    ompenv_settings(ctx, names, "the thread limit", setting, sizeof setting);
    ompenv_counts_above(threads, n, ctx->thread_limit, cells, sizeof cells);
    snprintf(m->text, sizeof m->text,
             "%s caps every parallel region at %d thread%s: at %s threads only %d run; "
             "threads_obtained records it, and a sweep takes their efficiency over the threads "
             "obtained and leaves them out of the knee and fits",
             setting, ctx->thread_limit, ctx->thread_limit == 1 ? "" : "s", cells,
             ctx->thread_limit);
}

static void ompenv_dynamic(const machine_context *ctx, ompenv_message *m)
{
    static const char *const names[] = {"OMP_DYNAMIC", NULL};
    char setting[256];
    ompenv_settings(ctx, names, "dynamic adjustment (omp_get_dynamic() is true)", setting,
                    sizeof setting);
    snprintf(m->text, sizeof m->text,
             "%s lets the runtime give a parallel region fewer threads than asked (libgomp: no "
             "more than the CPUs not already busy): threads_obtained and threads_obtained_max "
             "record the fewest and most over the repetitions; set OMP_DYNAMIC=false for exact "
             "counts", setting);
}

static void ompenv_binding(const machine_context *ctx, const int *threads, size_t n,
                           ompenv_message *m)
{
    static const char *const names[] = {"OMP_PROC_BIND", "OMP_PLACES", "GOMP_CPU_AFFINITY", NULL};
    char setting[640], cells[256];
    int set = ompenv_settings(ctx, names, "the binding in force", setting, sizeof setting);
    ompenv_counts_above(threads, n, ctx->bound_cpus, cells, sizeof cells);
    m->text[0] = '\0'; /* cut to fit: the settings quoted may be long */
    text_append(m->text, sizeof m->text,
             "%s bind%s each team of threads to %d of the %d CPUs this process may use (places "
             "%.200s, proc_bind %s): at %s threads, several threads share one CPU",
             setting, set > 1 ? "" : "s", ctx->bound_cpus, ctx->logical_cpus, ctx->places,
             ctx->proc_bind, cells);
}

static void ompenv_num_threads(const char *value, const int *threads, size_t n,
                               ompenv_message *m)
{
    char counts[64];
    if (threads[0] == threads[n - 1])
        snprintf(counts, sizeof counts, "%d", threads[0]);
    else
        snprintf(counts, sizeof counts, "%d to %d", threads[0], threads[n - 1]);
    snprintf(m->text, sizeof m->text,
             "OMP_NUM_THREADS=%.200s is overridden: every parallel region is given its planned "
             "thread count (%s here, planned from the CPUs this process may use or --threads), "
             "so it changes nothing", value, counts);
}

size_t ompenv_check_plan(const machine_context *ctx, const int *threads, size_t n,
                         ompenv_message *out, size_t max)
{
    size_t count = 0;
    ompenv_message *m;
    if (n == 0)
        return 0;
    int most = threads[n - 1];
    int most_expected = ompenv_expected_threads(ctx, most);
    if (ctx->machine_pus > 0 && ctx->logical_cpus < ctx->machine_pus &&
        (m = ompenv_next(out, max, &count, true)))
        ompenv_affinity(ctx, m);
    if (most_expected < most && (m = ompenv_next(out, max, &count, true)))
        ompenv_thread_limit(ctx, threads, n, m);
    if (ctx->dynamic && most_expected > 1 && (m = ompenv_next(out, max, &count, true)))
        ompenv_dynamic(ctx, m);
    /* Threads past P share CPUs whatever the binding: warn where the binding alone makes them. */
    int sharing_from = most_expected < ctx->logical_cpus ? most_expected : ctx->logical_cpus;
    if (ctx->bound_cpus > 0 && ctx->bound_cpus < sharing_from &&
        (m = ompenv_next(out, max, &count, true)))
        ompenv_binding(ctx, threads, n, m);
    const char *num_threads = ctx_env_value(ctx, "OMP_NUM_THREADS");
    if (num_threads && (m = ompenv_next(out, max, &count, false)))
        ompenv_num_threads(num_threads, threads, n, m);
    return count;
}

int ompenv_check_cells(const machine_context *ctx, const cell_result *cells, size_t n,
                       ompenv_message *out)
{
    char named[400] = "";
    size_t fewer = 0, measured = 0;
    for (size_t i = 0; i < n; i++) {
        const cell_result *c = &cells[i];
        if (c->reps == 0)
            continue;
        measured++;
        if (c->threads_obtained >= ompenv_expected_threads(ctx, c->threads))
            continue;
        if (fewer++ >= OMPENV_CELLS_NAMED)
            continue;
        text_append(named, sizeof named, "%s%s/%s at %d got %d", fewer > 1 ? ", " : "",
                      c->k->name, c->k->variants[c->variant].name, c->threads,
                      c->threads_obtained);
        if (c->threads_obtained_max > c->threads_obtained)
            text_append(named, sizeof named, "..%d", c->threads_obtained_max);
    }
    if (fewer == 0)
        return 0;
    if (fewer > OMPENV_CELLS_NAMED)
        text_append(named, sizeof named, " and %zu more", fewer - OMPENV_CELLS_NAMED);
    static const char *const names[] = {"OMP_DYNAMIC", NULL};
    char cause[256];
    if (ctx->dynamic)
        ompenv_settings(ctx, names, "dynamic adjustment", cause, sizeof cause);
    else
        snprintf(cause, sizeof cause, "the runtime: no OpenMP setting recorded explains it");
    out->warning = true;
    snprintf(out->text, sizeof out->text,
             "%zu of %zu cells obtained fewer threads than asked (%s): %s; threads_obtained "
             "records it, and the knee and fits leave them out", fewer, measured, cause, named);
    return 1;
}

void ompenv_warn(const int *threads, size_t n, FILE *out)
{
    static machine_context ctx;
    ompenv_message m[OMPENV_MAX_MESSAGES];
    ctx_gather_openmp(&ctx);
    ompenv_print(m, ompenv_check_plan(&ctx, threads, n, m, OMPENV_MAX_MESSAGES), out);
}

void ompenv_print(const ompenv_message *m, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "ompscale: %s: %s\n", m[i].warning ? "warning" : "note", m[i].text);
}
