/*
 * test_registry.c: kernel_validate and registry_add (suite unit), what a
 * plugin's table goes through when it is loaded.  Every built-in kernel
 * passes the check; each way of breaking kernel.h's contract is refused with
 * a message naming the kernel and what is wrong; a table joins the registry
 * whole or not at all, never under a name that is taken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kernel.h"
#include "registry.h"

/* A well-formed kernel whose steps are never called here. */
static int stub_prepare(param_value *v, int max_threads, void **state, char *err, size_t errlen)
{
    (void)v, (void)max_threads, (void)state, (void)err, (void)errlen;
    return OMPSCALE_FAIL;
}
static int stub_run(void *state, int variant, const kernel_exec *exec, int *obtained)
{
    (void)state, (void)variant, (void)exec, (void)obtained;
    return OMPSCALE_FAIL;
}
static void stub_verify(void *state, kernel_check *check)
{
    (void)state, (void)check;
}
static void stub_work(const void *state, kernel_work *work)
{
    (void)state, (void)work;
}
static void stub_free(void *state)
{
    (void)state;
}

static const kernel_param good_params[] = {
    {"n", PARAM_INT, "100", 1, 1000, NULL, "size"},
    {"a", PARAM_REAL, "0.5", 0, 1, NULL, "a real"},
    {"f", PARAM_CHOICE, "x", 0, 0, "x|y", "a choice"},
    {NULL, 0, NULL, 0, 0, NULL, NULL},
};
static const kernel_preset good_presets[] = {
    {"quick", "n=10,f=y", "small"},
    {NULL, NULL, NULL},
};
static const kernel_variant good_variants[] = {
    {"serial", "reference"},
    {"omp", "parallel"},
    {NULL, NULL},
};

static kernel good(const char *name)
{
    return (kernel){.name = name, .summary = "a test kernel", .params = good_params,
                    .presets = good_presets, .variants = good_variants, .size_param = "n",
                    .prepare = stub_prepare, .run = stub_run, .verify = stub_verify,
                    .work = stub_work, .free = stub_free};
}

static void builtins_are_valid(void **unused)
{
    (void)unused;
    char err[512];
    for (int i = 0; kernel_registry[i]; i++)
        if (kernel_validate(kernel_registry[i], err, sizeof err) != OMPSCALE_OK)
            fail_msg("%s", err);
    kernel k = good("good");
    assert_int_equal(kernel_validate(&k, err, sizeof err), OMPSCALE_OK);
    k.presets = NULL; /* no presets at all is allowed */
    assert_int_equal(kernel_validate(&k, err, sizeof err), OMPSCALE_OK);
}

/* Refused, with "kernel 'NAME': " and `want` in the message. */
static void refused(const kernel *k, const char *want)
{
    char err[512] = "", head[64];
    assert_int_equal(kernel_validate(k, err, sizeof err), OMPSCALE_USAGE);
    snprintf(head, sizeof head, "kernel '%s': ", k->name ? k->name : "(no name)");
    if (strncmp(err, head, strlen(head)) != 0 || !strstr(err, want))
        fail_msg("want '%s...%s', got '%s'", head, want, err);
}

static void malformed_rows_are_refused(void **unused)
{
    (void)unused;
    kernel k;
    k = good(NULL), refused(&k, "the kernel has no name");
    k = good("a,b"), refused(&k, "the kernel name 'a,b': give 1 to 31 letters");
    k = good("-x"), refused(&k, "not starting with '-'");
    k = good("abcdefghijklmnopqrstuvwxyz012345"), refused(&k, "give 1 to 31");
    k = good("k"), k.summary = NULL, refused(&k, "no summary");
    k = good("k"), k.run = NULL, refused(&k, "no run step");
    k = good("k"), k.free = NULL, refused(&k, "no free step");
    k = good("k"), k.params = NULL, refused(&k, "no parameter table");
    k = good("k"), k.size_param = "m", refused(&k, "size_param 'm' is not one of its integer");
    k = good("k"), k.size_param = "a", refused(&k, "size_param 'a' is not one of its integer");
    k = good("k"), k.size_param = NULL, refused(&k, "size_param '(none)'");
    k = good("k"), k.variants = NULL, refused(&k, "variant 0 is missing: variant 0 must be 'serial'");

    static const kernel_param twice[] = {
        {"n", PARAM_INT, "1", 1, 9, NULL, ""}, {"n", PARAM_INT, "1", 1, 9, NULL, ""}, {NULL}};
    k = good("k"), k.params = twice, refused(&k, "parameter 'n' is listed twice");
    static kernel_param many[KERNEL_MAX_PARAMS + 2];
    static char names[KERNEL_MAX_PARAMS + 1][8];
    for (int i = 0; i <= KERNEL_MAX_PARAMS; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i);
        many[i] = (kernel_param){names[i], PARAM_INT, "1", 1, 9, NULL, ""};
    }
    many[0].name = "n";
    k = good("k"), k.params = many, refused(&k, "more than 16 parameters");
    static const kernel_param bad_default[] = {{"n", PARAM_INT, "0", 1, 9, NULL, ""}, {NULL}};
    k = good("k"), k.params = bad_default, k.presets = NULL;
    refused(&k, "a default value is not valid: --n '0'");
    static const kernel_param no_choices[] = {
        {"n", PARAM_INT, "1", 1, 9, NULL, ""}, {"f", PARAM_CHOICE, "x", 0, 0, NULL, ""}, {NULL}};
    k = good("k"), k.params = no_choices, refused(&k, "parameter 'f' is a choice without choices");
    static const kernel_param no_summary[] = {{"n", PARAM_INT, "1", 1, 9, NULL, NULL}, {NULL}};
    k = good("k"), k.params = no_summary, refused(&k, "parameter 'n' has no summary");

    static const kernel_variant omp_first[] = {{"omp", ""}, {"serial", ""}, {NULL, NULL}};
    k = good("k"), k.variants = omp_first, refused(&k, "variant 0 is 'omp': variant 0 must be");
    static const kernel_variant serial_only[] = {{"serial", ""}, {NULL, NULL}};
    k = good("k"), k.variants = serial_only, refused(&k, "only the serial variant");
    static const kernel_variant omp_twice[] = {{"serial", ""}, {"omp", ""}, {"omp", ""}, {NULL}};
    k = good("k"), k.variants = omp_twice, refused(&k, "variant 'omp' is listed twice");
    static const kernel_variant spaced[] = {{"serial", ""}, {"o mp", ""}, {NULL, NULL}};
    k = good("k"), k.variants = spaced, refused(&k, "a variant name 'o mp'");

    static const kernel_preset bad_preset[] = {{"quick", "n=0", ""}, {NULL, NULL, NULL}};
    k = good("k"), k.presets = bad_preset, refused(&k, "preset 'quick' is not valid: --n '0'");
    static const kernel_preset preset_twice[] = {{"quick", "n=2", ""}, {"quick", "n=3", ""}, {NULL}};
    k = good("k"), k.presets = preset_twice, refused(&k, "preset 'quick' is listed twice");
    static const char *const bad_config[] = {"x=1", NULL};
    k = good("k"), k.sweep_configs = bad_config;
    refused(&k, "sweep configuration 'x=1' is not valid");
}

static int count_all(void)
{
    int n = 0;
    while (registry_all()[n])
        n++;
    return n;
}

/* registry_add refuses, with want in the message, and the registry is as it was. */
static void add_refused(const kernel *const *table, const char *want)
{
    char err[512] = "";
    int before = count_all();
    assert_int_equal(registry_add(table, "t.so", err, sizeof err), OMPSCALE_USAGE);
    if (!strstr(err, want))
        fail_msg("want '%s', got '%s'", want, err);
    assert_int_equal(count_all(), before);
}

static void tables_join_whole_or_not_at_all(void **unused)
{
    (void)unused;
    int builtins = 0;
    while (kernel_registry[builtins])
        builtins++;
    assert_int_equal(count_all(), builtins);
    assert_null(registry_origin(registry_find("squares")));

    static kernel squares, one, bad, added, again;
    squares = good("squares");
    add_refused((const kernel *const[]){&squares, NULL},
                "kernel 'squares' clashes with the kernel of that name built into ompscale");
    one = good("t-one");
    add_refused((const kernel *const[]){&one, &one, NULL}, "kernel 't-one' is listed twice");
    assert_null(registry_find("t-one"));
    bad = good("t-bad"), bad.variants = NULL;
    add_refused((const kernel *const[]){&one, &bad, NULL}, "kernel 't-bad': variant 0");
    assert_null(registry_find("t-one")); /* the good row before the bad one stays out too */
    add_refused((const kernel *const[]){NULL}, "lists no kernel");

    char err[512];
    added = good("t-added");
    assert_int_equal(registry_add((const kernel *const[]){&one, &added, NULL}, "here.so", err,
                                  sizeof err), OMPSCALE_OK);
    assert_int_equal(count_all(), builtins + 2);
    assert_ptr_equal(registry_all()[builtins], &one); /* after the built-in kernels, in order */
    assert_ptr_equal(registry_find("t-added"), &added);
    assert_string_equal(registry_origin(&added), "here.so");
    assert_null(kernel_registry[builtins]); /* the built-in table stays as it was */
    again = good("t-added");
    add_refused((const kernel *const[]){&again, NULL},
                "kernel 't-added' clashes with the kernel of that name from here.so");
    char names[1024];
    registry_names(names, sizeof names);
    assert_non_null(strstr(names, ", t-one, t-added"));
}

static void the_registry_has_a_limit(void **unused)
{
    (void)unused;
    static kernel many[REGISTRY_MAX + 1];
    static const kernel *table[REGISTRY_MAX + 2];
    static char names[REGISTRY_MAX + 1][16];
    for (int i = 0; i <= REGISTRY_MAX; i++) {
        snprintf(names[i], sizeof names[i], "many-%d", i);
        many[i] = good(names[i]);
        table[i] = &many[i];
    }
    add_refused(table, "at most 48");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtins_are_valid),
        cmocka_unit_test(malformed_rows_are_refused),
        cmocka_unit_test(tables_join_whole_or_not_at_all),
        cmocka_unit_test(the_registry_has_a_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
