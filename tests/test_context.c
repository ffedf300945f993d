/*
 * test_context.c: the machine context (suite unit).  Topology agrees with
 * what the OpenMP runtime sees, the OMP_* and GOMP_* environment is captured
 * with its values and the wait policy in force, the timestamp is ISO 8601
 * UTC and now, the clock figures are plausible, and the JSON object reads
 * back with the same values and types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <omp.h>

#include "context.h"

/* Gathered once, after setting the variables the capture test looks for. */
static machine_context ctx;

static int setup(void **unused)
{
    (void)unused;
    if (setenv("OMP_WAIT_POLICY", "passive", 1) != 0 || setenv("GOMP_SPINCOUNT", "1000", 1) != 0)
        return -1;
    return ctx_gather(&ctx) == 0 ? 0 : -1;
}

static const char *env_value(const char *name)
{
    return ctx_env_value(&ctx, name);
}

static void topology(void **unused)
{
    (void)unused;
    assert_int_equal(ctx.logical_cpus, omp_get_num_procs());
    assert_true(ctx.machine_pus >= ctx.logical_cpus);
    assert_true(ctx.physical_cores >= 1);
    assert_true(ctx.physical_cores <= ctx.logical_cpus);
    assert_true(ctx.numa_nodes >= 1);
    assert_true(ctx.memory_bytes > 0);
    assert_true(ctx.ncaches >= 1 && ctx.ncaches <= CTX_MAX_CACHES);
    int sized = 0;
    for (size_t i = 0; i < ctx.ncaches; i++) {
        const ctx_cache *c = &ctx.caches[i];
        assert_true(c->level >= 1);
        assert_true(c->instances >= 1);
        assert_true(strcmp(c->type, "data") == 0 || strcmp(c->type, "instr") == 0 ||
                    strcmp(c->type, "unified") == 0);
        sized |= c->bytes > 0;
    }
    assert_true(sized);
    assert_true(ctx.host[0] != '\0');
    assert_true(ctx.kernel_version[0] != '\0');
    assert_true(ctx.compiler[0] != '\0');
    assert_int_equal(ctx.openmp_version, _OPENMP);
    /* the runtime this test runs on is a shared library: libgomp.so.1 (gcc), libomp.so (clang) */
    assert_true(strncmp(ctx.openmp_runtime, "lib", 3) == 0);
    assert_non_null(strstr(ctx.openmp_runtime, "omp"));
}

static void environment(void **unused)
{
    (void)unused;
    assert_non_null(env_value("OMP_WAIT_POLICY"));
    assert_string_equal(env_value("OMP_WAIT_POLICY"), "passive");
    assert_non_null(env_value("GOMP_SPINCOUNT"));
    assert_string_equal(env_value("GOMP_SPINCOUNT"), "1000");
    assert_non_null(env_value("OMP_DYNAMIC")); /* set by meson for every test */
    assert_string_equal(env_value("OMP_DYNAMIC"), getenv("OMP_DYNAMIC"));
    assert_null(env_value("PATH"));
    for (size_t i = 1; i < ctx.nenv; i++)
        assert_true(strcmp(ctx.env[i - 1].name, ctx.env[i].name) < 0);
    assert_string_equal(ctx.wait_policy, "passive");
    assert_int_equal(ctx.dynamic, omp_get_dynamic());
    assert_int_equal(ctx.max_threads, omp_get_max_threads());
    assert_true(strstr("false|true|primary|close|spread", ctx.proc_bind) != NULL);
}

/* The places as omp_get_place_proc_ids gives them, and the CPUs a team is bound to. */
static void places(void **unused)
{
    (void)unused;
    assert_int_equal(ctx.num_places, omp_get_num_places());
    if (ctx.num_places == 0) {
        assert_string_equal(ctx.places, "");
        assert_int_equal(ctx.place_cpus, 0);
    } else {
        assert_int_equal(ctx.places[0], '{');
        assert_true(ctx.place_cpus >= 1 && ctx.place_cpus <= ctx.logical_cpus);
    }
    int bound = omp_get_proc_bind() != omp_proc_bind_false && ctx.num_places > 0;
    assert_int_equal(ctx.bound_cpus > 0, bound);
    assert_true(ctx.bound_cpus <= ctx.logical_cpus);
    /* Only the OpenMP part, as once gathers it: the same facts, no topology. */
    static machine_context part;
    assert_int_equal(ctx_gather_openmp(&part), 0);
    assert_int_equal(part.logical_cpus, ctx.logical_cpus);
    assert_int_equal(part.thread_limit, ctx.thread_limit);
    assert_int_equal(part.bound_cpus, ctx.bound_cpus);
    assert_string_equal(part.places, ctx.places);
    assert_int_equal(part.machine_pus, 0);
    assert_string_equal(ctx_env_value(&part, "OMP_WAIT_POLICY"), "passive");
}

static void timestamp(void **unused)
{
    (void)unused;
    assert_int_equal(strlen(ctx.timestamp), strlen("2026-11-21T22:01:02Z"));
    for (size_t i = 0; i < strlen(ctx.timestamp); i++) {
        char c = ctx.timestamp[i];
        switch (i) {
        case 4: case 7: assert_int_equal(c, '-'); break;
        case 10: assert_int_equal(c, 'T'); break;
        case 13: case 16: assert_int_equal(c, ':'); break;
        case 19: assert_int_equal(c, 'Z'); break;
        default: assert_true(c >= '0' && c <= '9');
        }
    }
    struct tm utc;
    memset(&utc, 0, sizeof utc);
    const char *end = strptime(ctx.timestamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    assert_non_null(end);
    assert_int_equal(*end, '\0');
    double age = difftime(time(NULL), timegm(&utc));
    assert_true(age >= 0 && age < 60);
}

static void clock_figures(void **unused)
{
    (void)unused;
    assert_true(ctx.clock_resolution_s > 0);
    assert_true(ctx.clock_overhead_s > 0 && ctx.clock_overhead_s < 1e-3);
    assert_true(ctx.clock_granularity_s > 0 && ctx.clock_granularity_s < 1e-3);
}

static json_int_t int_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    assert_non_null(v);
    assert_true(json_is_integer(v));
    return json_integer_value(v);
}

static const char *text_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    assert_non_null(v);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static double real_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    assert_non_null(v);
    assert_true(json_is_real(v));
    return json_real_value(v);
}

static void json_round_trip(void **unused)
{
    (void)unused;
    json_t *written = ctx_to_json(&ctx);
    assert_non_null(written);
    char *text = json_dumps(written, JSON_COMPACT);
    json_decref(written);
    assert_non_null(text);
    json_error_t error;
    json_t *j = json_loads(text, 0, &error);
    free(text);
    assert_non_null(j);
    assert_true(json_is_object(j));

    assert_int_equal(int_at(j, "logical_cpus"), ctx.logical_cpus);
    assert_int_equal(int_at(j, "physical_cores"), ctx.physical_cores);
    assert_int_equal(int_at(j, "machine_pus"), ctx.machine_pus);
    assert_int_equal(int_at(j, "numa_nodes"), ctx.numa_nodes);
    assert_true((uint64_t)int_at(j, "memory_bytes") == ctx.memory_bytes);
    assert_int_equal(int_at(j, "openmp_version"), _OPENMP);
    assert_string_equal(text_at(j, "host"), ctx.host);
    assert_string_equal(text_at(j, "cpu_model"), ctx.cpu_model);
    assert_string_equal(text_at(j, "kernel"), ctx.kernel_version);
    assert_string_equal(text_at(j, "compiler"), ctx.compiler);
    assert_string_equal(text_at(j, "openmp_runtime"), ctx.openmp_runtime);
    assert_string_equal(text_at(j, "build_type"), ctx.build_type);
    assert_string_equal(text_at(j, "build_flags"), ctx.build_flags);
    assert_string_equal(text_at(j, "gsl_version"), ctx.gsl_version);
    assert_string_equal(text_at(j, "hwloc_version"), ctx.hwloc_version);
    assert_string_equal(text_at(j, "timestamp"), ctx.timestamp);
    assert_string_equal(text_at(j, "ompscale_version"), ctx.version);
    assert_string_equal(text_at(j, "git_commit"), ctx.commit);
    json_t *governor = json_object_get(j, "governor");
    assert_non_null(governor);
    if (ctx.governor[0])
        assert_string_equal(json_string_value(governor), ctx.governor);
    else
        assert_true(json_is_null(governor));
    /* One of the kernel's three modes, and "unknown" only where sysfs has no answer. */
    const char *thp = text_at(j, "transparent_hugepages");
    assert_string_equal(thp, ctx.thp);
    FILE *sys = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (sys) {
        char line[128] = "";
        assert_non_null(fgets(line, sizeof line, sys));
        fclose(sys);
        char bracketed[32];
        snprintf(bracketed, sizeof bracketed, "[%s]", thp);
        assert_true(strcmp(thp, "always") == 0 || strcmp(thp, "madvise") == 0 ||
                    strcmp(thp, "never") == 0);
        assert_non_null(strstr(line, bracketed));
    } else {
        assert_string_equal(thp, "unknown");
    }

    json_t *caches = json_object_get(j, "caches");
    assert_true(json_is_array(caches));
    assert_int_equal(json_array_size(caches), ctx.ncaches);
    for (size_t i = 0; i < ctx.ncaches; i++) {
        json_t *c = json_array_get(caches, i);
        assert_int_equal(int_at(c, "level"), ctx.caches[i].level);
        assert_string_equal(text_at(c, "type"), ctx.caches[i].type);
        assert_true((uint64_t)int_at(c, "bytes") == ctx.caches[i].bytes);
        assert_int_equal(int_at(c, "instances"), ctx.caches[i].instances);
    }

    json_t *env = json_object_get(j, "omp_env");
    assert_true(json_is_object(env));
    assert_int_equal(json_object_size(env), ctx.nenv);
    assert_string_equal(text_at(env, "OMP_WAIT_POLICY"), "passive");
    assert_string_equal(text_at(env, "GOMP_SPINCOUNT"), "1000");
    assert_string_equal(text_at(env, "OMP_DYNAMIC"), "false");

    json_t *in_force = json_object_get(j, "omp_in_force");
    assert_true(json_is_object(in_force));
    assert_string_equal(text_at(in_force, "proc_bind"), ctx.proc_bind);
    assert_string_equal(text_at(in_force, "wait_policy"), "passive");
    assert_int_equal(int_at(in_force, "num_places"), ctx.num_places);
    assert_string_equal(text_at(in_force, "places"), ctx.places);
    assert_int_equal(int_at(in_force, "place_cpus"), ctx.place_cpus);
    json_t *bound = json_object_get(in_force, "bound_cpus");
    assert_non_null(bound);
    if (ctx.bound_cpus > 0)
        assert_int_equal(json_integer_value(bound), ctx.bound_cpus);
    else
        assert_true(json_is_null(bound));
    assert_int_equal(int_at(in_force, "thread_limit"), ctx.thread_limit);
    assert_int_equal(int_at(in_force, "max_threads"), ctx.max_threads);
    json_t *dynamic = json_object_get(in_force, "dynamic");
    assert_true(json_is_boolean(dynamic));
    assert_int_equal(json_is_true(dynamic), ctx.dynamic != 0);

    json_t *clock = json_object_get(j, "clock");
    assert_true(json_is_object(clock));
    assert_true(real_at(clock, "resolution_s") == ctx.clock_resolution_s);
    assert_true(real_at(clock, "overhead_s") == ctx.clock_overhead_s);
    assert_true(real_at(clock, "granularity_s") == ctx.clock_granularity_s);
    json_decref(j);
}

/* The value printed on the line named `name`, checked to start in the shared value column. */
static void assert_printed(const char *text, const char *name, const char *value)
{
    size_t n = strlen(name);
    const char *line = text;
    while (line && !(strncmp(line, name, n) == 0 && line[n] == ':'))
        line = (line = strchr(line, '\n')) ? line + 1 : NULL;
    assert_non_null(line);
    const char *v = line + n + 1;
    while (*v == ' ')
        v++;
    assert_int_equal(v - line, strchr(text, ':') + strspn(strchr(text, ':') + 1, " ") + 1 - text);
    assert_int_equal(strncmp(v, value, strlen(value)), 0);
    assert_int_equal(v[strlen(value)], '\n');
}

static void print(void **unused)
{
    (void)unused;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    ctx_print(&ctx, out);
    assert_int_equal(fclose(out), 0);
    assert_printed(text, "host", ctx.host);
    assert_printed(text, "OMP_WAIT_POLICY", "passive");
    assert_printed(text, "GOMP_SPINCOUNT", "1000");
    assert_printed(text, "OMP_DYNAMIC", "false");
    assert_printed(text, "wait policy", "passive");
    assert_printed(text, "timestamp", ctx.timestamp);
    free(text);
}

/*
 * hwloc seeing no core (HWLOC_SYNTHETIC, hwloc's own way to describe a
 * machine: one package of PUs and no core level, as some VMs show): the
 * physical core count is unknown, 0, and the JSON says null, not 0.
 */
static void no_cores_seen_is_unknown(void **unused)
{
    (void)unused;
    char pus[32];
    snprintf(pus, sizeof pus, "pack:1 pu:%d", omp_get_num_procs());
    assert_int_equal(setenv("HWLOC_SYNTHETIC", pus, 1), 0);
    static machine_context bare;
    int status = ctx_gather(&bare);
    unsetenv("HWLOC_SYNTHETIC");
    assert_int_equal(status, 0);
    assert_int_equal(bare.physical_cores, 0);
    assert_int_equal(bare.machine_pus, omp_get_num_procs());
    assert_int_equal(bare.logical_cpus, ctx.logical_cpus);
    json_t *j = ctx_to_json(&bare);
    assert_non_null(j);
    assert_true(json_is_null(json_object_get(j, "physical_cores")));
    json_decref(j);
    j = ctx_to_json(&ctx); /* the real machine's: a count */
    assert_int_equal(json_integer_value(json_object_get(j, "physical_cores")), ctx.physical_cores);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_cores_seen_is_unknown),
        cmocka_unit_test(topology),
        cmocka_unit_test(environment),
        cmocka_unit_test(places),
        cmocka_unit_test(timestamp),
        cmocka_unit_test(clock_figures),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(print),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
