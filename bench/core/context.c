/*
 * context.c: gathers the machine context (context.h) once, before measuring.
 * Topology (CPU model, PUs, the cores this process may run on, NUMA nodes,
 * caches, memory) comes from hwloc; P is omp_get_num_procs(), the affinity
 * mask as the OpenMP runtime sees it.  The OMP_* and GOMP_* environment is
 * captured sorted by name next to the binding, places (their CPUs, and the
 * CPUs a team is bound to) and wait policy in force, because libgomp's
 * barrier behaviour past P depends on them.  The
 * clock's resolution, read cost and observed granularity are measured here
 * too.  Whatever cannot be read is left empty or zero, never guessed.
 */
#include "context.h"

#include "status.h"

#include <dlfcn.h>
#include <gsl/gsl_version.h>
#include <hwloc.h>
#include <omp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "machine.h"
#include "ompruntime.h"
#include "text.h"
#include "version.h"

extern char **environ;

/* Reads of the clock timed together to get the cost of one read. */
#define CLOCK_OVERHEAD_READS 100000
/* Bounds on the search for the smallest step the clock takes. */
#define CLOCK_GRANULARITY_STEPS 1000
#define CLOCK_GRANULARITY_READS 2000000

static const char governor_path[] = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor";

/* Copies src into dst of size len, marking a cut with "..." rather than hiding it. */
static void copy_text(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);
    if (n < len) {
        memcpy(dst, src, n + 1);
        return;
    }
    if (len < 4) {
        dst[0] = '\0';
        return;
    }
    memcpy(dst, src, len - 4);
    memcpy(dst + len - 4, "...", 4);
}

static const char *cache_type_name(hwloc_obj_cache_type_t type)
{
    switch (type) {
    case HWLOC_OBJ_CACHE_DATA:
        return "data";
    case HWLOC_OBJ_CACHE_INSTRUCTION:
        return "instr";
    default:
        return "unified";
    }
}

/* One entry per (level, type, size): a hybrid CPU's two L2 sizes stay apart. */
static void add_cache(machine_context *ctx, hwloc_obj_t obj)
{
    int level = (int)obj->attr->cache.depth;
    const char *type = cache_type_name(obj->attr->cache.type);
    uint64_t bytes = obj->attr->cache.size;
    for (size_t i = 0; i < ctx->ncaches; i++) {
        ctx_cache *c = &ctx->caches[i];
        if (c->level == level && c->bytes == bytes && strcmp(c->type, type) == 0) {
            c->instances++;
            return;
        }
    }
    if (ctx->ncaches == CTX_MAX_CACHES)
        return;
    ctx_cache *c = &ctx->caches[ctx->ncaches++];
    c->level = level;
    copy_text(c->type, sizeof c->type, type);
    c->bytes = bytes;
    c->instances = 1;
}

/* Level first, then data, instr, unified: the order in which people read a cache hierarchy. */
static int cache_order(const void *a, const void *b)
{
    const ctx_cache *x = a, *y = b;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    int by_type = strcmp(x->type, y->type);
    if (by_type != 0)
        return by_type;
    return x->bytes < y->bytes ? -1 : x->bytes > y->bytes;
}

/* Caches may sit at several depths (asymmetric machines), so every depth is visited. */
static void gather_caches(machine_context *ctx, hwloc_topology_t topo)
{
    int depths = hwloc_topology_get_depth(topo);
    for (int d = 0; d < depths; d++) {
        if (!hwloc_obj_type_is_cache(hwloc_get_depth_type(topo, d)))
            continue;
        unsigned n = hwloc_get_nbobjs_by_depth(topo, d);
        for (unsigned i = 0; i < n; i++) {
            hwloc_obj_t obj = hwloc_get_obj_by_depth(topo, d, i);
            if (obj && obj->attr)
                add_cache(ctx, obj);
        }
    }
    qsort(ctx->caches, ctx->ncaches, sizeof ctx->caches[0], cache_order);
}

/*
 * The union of the places' CPUs into cpus (left empty without places) and,
 * with text, the places as "{0-1},{2},...", cut with "..." when too long.
 * Place ids are OS numbers, as hwloc's cpusets are.  Returns -1 when out of memory.
 */
static int places_cpus(hwloc_bitmap_t cpus, char *text, size_t len)
{
    char all[4096] = "", one_text[256];
    size_t used = 0;
    hwloc_bitmap_t one = hwloc_bitmap_alloc();
    if (!one)
        return -1;
    hwloc_bitmap_zero(cpus);
    int places = omp_get_num_places();
    for (int p = 0; p < places; p++) {
        int n = omp_get_place_num_procs(p);
        if (n <= 0)
            continue;
        int *ids = malloc((size_t)n * sizeof *ids);
        if (!ids) {
            hwloc_bitmap_free(one);
            return -1;
        }
        omp_get_place_proc_ids(p, ids);
        hwloc_bitmap_zero(one);
        for (int i = 0; i < n; i++)
            hwloc_bitmap_set(one, (unsigned)ids[i]);
        free(ids);
        hwloc_bitmap_or(cpus, cpus, one);
        hwloc_bitmap_list_snprintf(one_text, sizeof one_text, one);
        if (used < sizeof all) {
            int w = snprintf(all + used, sizeof all - used, "%s{%s}", p ? "," : "", one_text);
            used = w < 0 ? sizeof all : used + (size_t)w;
        }
    }
    hwloc_bitmap_free(one);
    if (text)
        copy_text(text, len, all);
    return 0;
}

/*
 * The CPUs this process may run on.  With places defined, libgomp has already
 * bound the initial thread to the first place before main, so the binding
 * hwloc reads would be that one place: the union of the places is what the
 * threads will use.  Without places, it is the process's binding.
 */
static int usable_cpus(hwloc_topology_t topo, hwloc_bitmap_t usable)
{
    if (omp_get_num_places() <= 0)
        return hwloc_get_cpubind(topo, usable, HWLOC_CPUBIND_PROCESS);
    return places_cpus(usable, NULL, 0);
}

/* Cores with at least one usable PU; all cores if the usable CPUs cannot be read. */
static int count_usable_cores(hwloc_topology_t topo)
{
    int all = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
    hwloc_bitmap_t usable = hwloc_bitmap_alloc();
    if (!usable)
        return all;
    int cores = all;
    if (usable_cpus(topo, usable) == 0 && !hwloc_bitmap_iszero(usable)) {
        cores = 0;
        hwloc_obj_t core = NULL;
        while ((core = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_CORE, core)) != NULL)
            if (hwloc_bitmap_intersects(core->cpuset, usable))
                cores++;
    }
    hwloc_bitmap_free(usable);
    return cores;
}

static int gather_topology(machine_context *ctx)
{
    hwloc_topology_t topo;
    if (hwloc_topology_init(&topo) != 0)
        return OMPSCALE_FAIL;
    int status = OMPSCALE_FAIL;
    /* hwloc leaves instruction caches out unless asked. */
    if (hwloc_topology_set_icache_types_filter(topo, HWLOC_TYPE_FILTER_KEEP_ALL) != 0 ||
        hwloc_topology_load(topo) != 0)
        goto fail;
    hwloc_obj_t package = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_PACKAGE, NULL);
    const char *model = package ? hwloc_obj_get_info_by_name(package, "CPUModel") : NULL;
    if (!model)
        model = hwloc_obj_get_info_by_name(hwloc_get_root_obj(topo), "CPUModel");
    if (model)
        copy_text(ctx->cpu_model, sizeof ctx->cpu_model, model);
    ctx->machine_pus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
    ctx->physical_cores = count_usable_cores(topo);
    ctx->numa_nodes = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
    gather_caches(ctx, topo);
    ctx->memory_bytes = hwloc_get_root_obj(topo)->total_memory;
    status = 0;
fail:
    hwloc_topology_destroy(topo);
    return status;
}

static void gather_governor(machine_context *ctx)
{
    FILE *f = fopen(governor_path, "r");
    if (!f)
        return;
    if (fgets(ctx->governor, sizeof ctx->governor, f))
        ctx->governor[strcspn(ctx->governor, "\r\n")] = '\0';
    else
        ctx->governor[0] = '\0';
    fclose(f);
}

static void gather_system(machine_context *ctx)
{
    if (gethostname(ctx->host, sizeof ctx->host) != 0)
        ctx->host[0] = '\0';
    ctx->host[sizeof ctx->host - 1] = '\0';
    struct utsname u;
    if (uname(&u) == 0)
        snprintf(ctx->kernel_version, sizeof ctx->kernel_version, "%.31s %.95s", u.sysname,
                 u.release);
    gather_governor(ctx);
    machine_thp_mode(ctx->thp, sizeof ctx->thp);
}

static void gather_build(machine_context *ctx)
{
#if defined(__clang__)
    copy_text(ctx->compiler, sizeof ctx->compiler, "clang " __VERSION__);
#elif defined(__GNUC__)
    copy_text(ctx->compiler, sizeof ctx->compiler, "gcc " __VERSION__);
#elif defined(__VERSION__)
    copy_text(ctx->compiler, sizeof ctx->compiler, __VERSION__);
#endif
    copy_text(ctx->build_type, sizeof ctx->build_type, OMPSCALE_BUILD_TYPE);
    copy_text(ctx->build_flags, sizeof ctx->build_flags, OMPSCALE_BUILD_FLAGS);
    ctx->openmp_version = _OPENMP;
    copy_text(ctx->gsl_version, sizeof ctx->gsl_version, GSL_VERSION);
#ifdef HWLOC_VERSION
    /* The release we were built against; the API version below only names the series. */
    copy_text(ctx->hwloc_version, sizeof ctx->hwloc_version, HWLOC_VERSION);
#else
    unsigned api = hwloc_get_api_version();
    snprintf(ctx->hwloc_version, sizeof ctx->hwloc_version, "%u.%u.%u", api >> 16,
             (api >> 8) & 0xffu, api & 0xffu);
#endif
    copy_text(ctx->version, sizeof ctx->version, OMPSCALE_VERSION);
    copy_text(ctx->commit, sizeof ctx->commit, OMPSCALE_COMMIT);
}

/* Inserts NAME=VALUE keeping env sorted by name; when full, the last names by order fall off. */
static void add_env(machine_context *ctx, const char *entry)
{
    const char *eq = strchr(entry, '=');
    if (!eq)
        return;
    char name[sizeof ctx->env[0].name];
    size_t n = (size_t)(eq - entry);
    if (n >= sizeof name)
        return; /* no OpenMP or libgomp variable has so long a name */
    memcpy(name, entry, n);
    name[n] = '\0';
    size_t at = 0;
    while (at < ctx->nenv && strcmp(ctx->env[at].name, name) < 0)
        at++;
    if (at == CTX_MAX_ENV)
        return;
    size_t last = ctx->nenv < CTX_MAX_ENV ? ctx->nenv : CTX_MAX_ENV - 1;
    memmove(&ctx->env[at + 1], &ctx->env[at], (last - at) * sizeof ctx->env[0]);
    if (ctx->nenv < CTX_MAX_ENV)
        ctx->nenv++;
    memcpy(ctx->env[at].name, name, n + 1);
    copy_text(ctx->env[at].value, sizeof ctx->env[at].value, eq + 1);
}

static const char *proc_bind_name(omp_proc_bind_t bind)
{
    switch (bind) {
    case omp_proc_bind_false:
        return "false";
    case omp_proc_bind_true:
        return "true";
    case omp_proc_bind_master: /* also omp_proc_bind_primary, its OpenMP 5.1 name */
        return "primary";
    case omp_proc_bind_close:
        return "close";
    case omp_proc_bind_spread:
        return "spread";
    default:
        return "unknown";
    }
}

/*
 * The places as text, the CPUs they cover, and the CPUs one team of threads
 * is bound to: none when threads are not bound, the primary thread's place
 * under proc_bind primary (every thread joins it), else all the places.
 */
static void gather_places(machine_context *ctx)
{
    hwloc_bitmap_t cpus = hwloc_bitmap_alloc();
    if (!cpus || places_cpus(cpus, ctx->places, sizeof ctx->places) != 0) {
        hwloc_bitmap_free(cpus);
        return;
    }
    ctx->place_cpus = hwloc_bitmap_weight(cpus);
    hwloc_bitmap_free(cpus);
    omp_proc_bind_t bind = omp_get_proc_bind();
    if (bind == omp_proc_bind_false || ctx->num_places <= 0)
        ctx->bound_cpus = 0;
    else if (bind == omp_proc_bind_master && omp_get_place_num() >= 0)
        ctx->bound_cpus = omp_get_place_num_procs(omp_get_place_num());
    else
        ctx->bound_cpus = ctx->place_cpus;
}

static void gather_openmp(machine_context *ctx)
{
    for (char **e = environ; e && *e; e++)
        if (strncmp(*e, "OMP_", 4) == 0 || strncmp(*e, "GOMP_", 5) == 0 ||
            strncmp(*e, "KMP_", 4) == 0)
            add_env(ctx, *e);
    ctx->logical_cpus = omp_get_num_procs(); /* loads the runtime, if it is loaded lazily */
    ompruntime_name(ctx->openmp_runtime, sizeof ctx->openmp_runtime);
    copy_text(ctx->proc_bind, sizeof ctx->proc_bind, proc_bind_name(omp_get_proc_bind()));
    ctx->num_places = omp_get_num_places();
    gather_places(ctx);
    const char *policy = getenv("OMP_WAIT_POLICY");
    copy_text(ctx->wait_policy, sizeof ctx->wait_policy, policy ? policy : "default");
    ctx->dynamic = omp_get_dynamic();
    ctx->thread_limit = omp_get_thread_limit();
    ctx->max_threads = omp_get_max_threads();
}

static int gather_timestamp(machine_context *ctx)
{
    time_t now = time(NULL);
    struct tm utc;
    if (now == (time_t)-1 || !gmtime_r(&now, &utc))
        return OMPSCALE_FAIL;
    if (strftime(ctx->timestamp, sizeof ctx->timestamp, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
        return OMPSCALE_FAIL;
    return 0;
}

static void measure_clock(machine_context *ctx)
{
    ctx->clock_resolution_s = clock_resolution();

    for (int i = 0; i < CLOCK_OVERHEAD_READS / 10; i++) /* warm-up: page in the vDSO */
        (void)clock_now();
    double start = clock_now();
    for (int i = 0; i < CLOCK_OVERHEAD_READS; i++)
        (void)clock_now();
    ctx->clock_overhead_s = (clock_now() - start) / CLOCK_OVERHEAD_READS;

    double smallest = 0;
    int steps = 0;
    double previous = clock_now();
    for (long i = 0; i < CLOCK_GRANULARITY_READS && steps < CLOCK_GRANULARITY_STEPS; i++) {
        double now = clock_now();
        double step = now - previous;
        if (step > 0) {
            if (smallest == 0 || step < smallest)
                smallest = step;
            steps++;
        }
        previous = now;
    }
    ctx->clock_granularity_s = smallest;
}

int ctx_gather_openmp(machine_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    gather_openmp(ctx);
    return 0;
}

const char *ctx_env_value(const machine_context *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->nenv; i++)
        if (strcmp(ctx->env[i].name, name) == 0)
            return ctx->env[i].value;
    return NULL;
}

int ctx_gather(machine_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    gather_system(ctx);
    gather_build(ctx);
    gather_openmp(ctx);
    int status = gather_topology(ctx);
    /*
     * More cores than usable CPUs means the topology is not this process's
     * (HWLOC_XMLFILE, or a mask hwloc could not read): unknown, not a count.
     */
    if (ctx->physical_cores < 0 || ctx->physical_cores > ctx->logical_cpus)
        ctx->physical_cores = 0;
    if (gather_timestamp(ctx) != 0)
        status = OMPSCALE_FAIL;
    measure_clock(ctx);
    return status;
}

/* A JSON string; bytes that are not UTF-8 (a stray environment value) become '?'. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t n = strlen(s);
    char *ascii = malloc(n + 1);
    if (!ascii)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        ascii[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    j = json_string(ascii);
    free(ascii);
    return j;
}

/* Sets key to a new reference; a NULL value (failed allocation) counts as an error. */
static int put(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value) != 0;
}

static json_t *caches_to_json(const machine_context *ctx)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    for (size_t i = 0; i < ctx->ncaches; i++) {
        const ctx_cache *c = &ctx->caches[i];
        json_t *o = json_object();
        int failed = !o;
        if (o) {
            failed |= put(o, "level", json_integer(c->level));
            failed |= put(o, "type", json_text(c->type));
            failed |= put(o, "bytes", json_integer((json_int_t)c->bytes));
            failed |= put(o, "instances", json_integer(c->instances));
        }
        if (failed || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *env_to_json(const machine_context *ctx)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    for (size_t i = 0; i < ctx->nenv; i++) {
        if (put(obj, ctx->env[i].name, json_text(ctx->env[i].value))) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static json_t *in_force_to_json(const machine_context *ctx)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int failed = 0;
    failed |= put(obj, "proc_bind", json_text(ctx->proc_bind));
    failed |= put(obj, "num_places", json_integer(ctx->num_places));
    failed |= put(obj, "places", json_text(ctx->places));
    failed |= put(obj, "place_cpus", json_integer(ctx->place_cpus));
    failed |= put(obj, "bound_cpus", ctx->bound_cpus > 0 ? json_integer(ctx->bound_cpus)
                                                         : json_null());
    failed |= put(obj, "wait_policy", json_text(ctx->wait_policy));
    failed |= put(obj, "dynamic", json_boolean(ctx->dynamic));
    failed |= put(obj, "thread_limit", json_integer(ctx->thread_limit));
    failed |= put(obj, "max_threads", json_integer(ctx->max_threads));
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* A reason, or null when there is none. */
static json_t *why_to_json(const char *why)
{
    return why[0] ? json_text(why) : json_null();
}

/* The counters a sweep measured and why one is missing; null for no sweep. */
static json_t *counters_to_json(const machine_context *ctx)
{
    const ctx_counters *c = &ctx->counters;
    if (!c->asked[0])
        return json_null();
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int failed = 0;
    failed |= put(obj, "asked", json_text(c->asked));
    failed |= put(obj, "rusage", json_boolean(c->rusage));
    failed |= put(obj, "software", json_boolean(c->software));
    failed |= put(obj, "software_unavailable", why_to_json(c->software_why));
    failed |= put(obj, "hardware", json_boolean(c->hardware));
    failed |= put(obj, "llc_misses", json_boolean(c->llc));
    failed |= put(obj, "hardware_unavailable", why_to_json(c->hardware_why));
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *clock_to_json(const machine_context *ctx)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int failed = 0;
    failed |= put(obj, "resolution_s", json_real(ctx->clock_resolution_s));
    failed |= put(obj, "overhead_s", json_real(ctx->clock_overhead_s));
    failed |= put(obj, "granularity_s", json_real(ctx->clock_granularity_s));
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

json_t *ctx_to_json(const machine_context *ctx)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    int failed = 0;
    failed |= put(obj, "host", json_text(ctx->host));
    failed |= put(obj, "cpu_model", json_text(ctx->cpu_model));
    failed |= put(obj, "logical_cpus", json_integer(ctx->logical_cpus));
    /* 0: hwloc saw no core (a VM's or container's bare topology): unknown, not none */
    failed |= put(obj, "physical_cores", ctx->physical_cores > 0
                                             ? json_integer(ctx->physical_cores)
                                             : json_null());
    failed |= put(obj, "machine_pus", json_integer(ctx->machine_pus));
    failed |= put(obj, "numa_nodes", json_integer(ctx->numa_nodes));
    failed |= put(obj, "caches", caches_to_json(ctx));
    failed |= put(obj, "memory_bytes", json_integer((json_int_t)ctx->memory_bytes));
    failed |= put(obj, "governor", ctx->governor[0] ? json_text(ctx->governor) : json_null());
    failed |= put(obj, "transparent_hugepages", json_text(ctx->thp));
    failed |= put(obj, "kernel", json_text(ctx->kernel_version));
    failed |= put(obj, "compiler", json_text(ctx->compiler));
    failed |= put(obj, "build_type", json_text(ctx->build_type));
    failed |= put(obj, "build_flags", json_text(ctx->build_flags));
    failed |= put(obj, "openmp_version", json_integer(ctx->openmp_version));
    failed |= put(obj, "openmp_runtime",
                  ctx->openmp_runtime[0] ? json_text(ctx->openmp_runtime) : json_null());
    failed |= put(obj, "gsl_version", json_text(ctx->gsl_version));
    failed |= put(obj, "hwloc_version", json_text(ctx->hwloc_version));
    failed |= put(obj, "omp_env", env_to_json(ctx));
    failed |= put(obj, "omp_in_force", in_force_to_json(ctx));
    failed |= put(obj, "timestamp", json_text(ctx->timestamp));
    failed |= put(obj, "ompscale_version", json_text(ctx->version));
    failed |= put(obj, "git_commit", json_text(ctx->commit));
    failed |= put(obj, "clock", clock_to_json(ctx));
    failed |= put(obj, "counters", counters_to_json(ctx));
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* Width of the name column in ctx_print. */
#define PRINT_NAME_WIDTH 18

static void print_line(FILE *out, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void print_line(FILE *out, const char *name, const char *fmt, ...)
{
    int pad = PRINT_NAME_WIDTH - (int)strlen(name) - 1;
    fprintf(out, "%s:%*s ", name, pad > 0 ? pad : 0, "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}

/* "32 KiB", "1.5 MiB": binary units, as caches and memory are sized. */
static void format_bytes(uint64_t bytes, char *buf, size_t len)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = (double)bytes;
    size_t u = 0;
    while (value >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        value /= 1024;
        u++;
    }
    if (value == (double)(uint64_t)value)
        snprintf(buf, len, "%.0f %s", value, units[u]);
    else
        snprintf(buf, len, "%.1f %s", value, units[u]);
}

static const char *or_unknown(const char *s)
{
    return s[0] ? s : "(unknown)";
}

void ctx_print(const machine_context *ctx, FILE *out)
{
    char size[32];
    char host[4 * sizeof ctx->host], cpu[4 * sizeof ctx->cpu_model]; /* never raw to a terminal */
    print_line(out, "host", "%s", or_unknown(text_escape(ctx->host, host, sizeof host)));
    print_line(out, "cpu model", "%s", or_unknown(text_escape(ctx->cpu_model, cpu, sizeof cpu)));
    print_line(out, "logical cpus (P)", "%d usable, %d on the machine", ctx->logical_cpus,
               ctx->machine_pus);
    if (ctx->physical_cores > 0)
        print_line(out, "physical cores", "%d usable", ctx->physical_cores);
    else
        print_line(out, "physical cores", "unknown (hwloc sees no cores)");
    print_line(out, "numa nodes", "%d", ctx->numa_nodes);
    for (size_t i = 0; i < ctx->ncaches; i++) {
        const ctx_cache *c = &ctx->caches[i];
        char name[32];
        snprintf(name, sizeof name, "cache L%d %s", c->level, c->type);
        format_bytes(c->bytes, size, sizeof size);
        print_line(out, name, "%s x %d", size, c->instances);
    }
    format_bytes(ctx->memory_bytes, size, sizeof size);
    print_line(out, "memory", "%s", size);
    print_line(out, "governor", "%s", ctx->governor[0] ? ctx->governor : "(unreadable)");
    print_line(out, "huge pages", "transparent: %s (big arrays are advised)", ctx->thp);
    print_line(out, "kernel", "%s", or_unknown(ctx->kernel_version));
    print_line(out, "compiler", "%s", or_unknown(ctx->compiler));
    print_line(out, "build type", "%s", or_unknown(ctx->build_type));
    print_line(out, "build flags", "%s", or_unknown(ctx->build_flags));
    print_line(out, "openmp (_OPENMP)", "%d", ctx->openmp_version);
    print_line(out, "openmp runtime", "%s", or_unknown(ctx->openmp_runtime));
    print_line(out, "gsl", "%s", or_unknown(ctx->gsl_version));
    print_line(out, "hwloc", "%s", or_unknown(ctx->hwloc_version));
    if (ctx->nenv == 0)
        print_line(out, "OMP_*/GOMP_*", "(none set)");
    for (size_t i = 0; i < ctx->nenv; i++)
        print_line(out, ctx->env[i].name, "%s", ctx->env[i].value);
    print_line(out, "proc bind", "%s", ctx->proc_bind);
    if (ctx->num_places > 0)
        print_line(out, "places", "%d: %s, %d CPU%s", ctx->num_places, ctx->places,
                   ctx->place_cpus, ctx->place_cpus == 1 ? "" : "s");
    else
        print_line(out, "places", "none");
    if (ctx->bound_cpus > 0)
        print_line(out, "threads bound to", "%d CPU%s", ctx->bound_cpus,
                   ctx->bound_cpus == 1 ? "" : "s");
    else
        print_line(out, "threads bound to", "no CPU (unbound)");
    print_line(out, "wait policy", "%s", ctx->wait_policy);
    print_line(out, "dynamic", "%s", ctx->dynamic ? "true" : "false");
    print_line(out, "thread limit", "%d", ctx->thread_limit);
    print_line(out, "max threads", "%d", ctx->max_threads);
    print_line(out, "timestamp", "%s", or_unknown(ctx->timestamp));
    print_line(out, "ompscale", "%s (%s)", or_unknown(ctx->version), or_unknown(ctx->commit));
    print_line(out, "clock", "resolution %.3g s, read costs %.3g s, steps of %.3g s",
               ctx->clock_resolution_s, ctx->clock_overhead_s, ctx->clock_granularity_s);
}
