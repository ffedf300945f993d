/*
 * cli.c: the shared parts of the command line (cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "registry.h"
#include "result.h"
#include "resultfile.h"
#include "text.h"

/*
 * One line on stderr, whatever the arguments quote: a file's text or an
 * argument holding a newline or an escape sequence is shown escaped
 * (text_escape), never acted on by the terminal.
 */
static void cli_vsay(const char *fmt, va_list ap)
{
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0) {
        fputs("ompscale: (out of memory for a message)\n", stderr);
        return;
    }
    size_t len = 4 * strlen(text) + 1;
    char *safe = malloc(len);
    fprintf(stderr, "ompscale: %s\n", safe ? text_escape(text, safe, len) : "(out of memory)");
    free(safe);
    free(text);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(fmt, ap);
    va_end(ap);
    return OMPSCALE_USAGE;
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(fmt, ap);
    va_end(ap);
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(fmt, ap);
    va_end(ap);
    return OMPSCALE_FAIL;
}

int cli_scan(const args_command *c, const kernel *const *kernels, int argc, char **argv,
             int (*each)(void *ctx, const args_scan *s, const args_item *item), void *ctx)
{
    args_scan s;
    args_item it;
    char err[1024];
    int status = OMPSCALE_OK;
    if (args_init(&s, c, kernels, argc, argv) != 0)
        return cli_fail("out of memory");
    while (status == OMPSCALE_OK) {
        if (args_next(&s, &it, err, sizeof err) != 0)
            status = cli_usage_error("%s", err);
        else if (it.kind == ARGS_END)
            break;
        else if (it.kind != ARGS_HELP)
            status = each(ctx, &s, &it);
    }
    args_free(&s);
    return status;
}

int cli_unknown_arg(const args_scan *s, const args_item *item)
{
    char err[1024];
    args_unknown_text(s, item, err, sizeof err);
    return cli_usage_error("%s", err);
}

int cli_check_output_file(const char *opt, const char *path)
{
    char err[4400];
    if (!*path)
        return cli_usage_error("%s '': give a file name such as results/mine.txt", opt);
    if (files_check_replaceable(path, err, sizeof err) != 0)
        return cli_usage_error("%s %s", opt, err);
    return OMPSCALE_OK;
}

int cli_check_prefix(const char *opt, const char *prefix)
{
    const char *slash = strrchr(prefix, '/');
    const char *last = slash ? slash + 1 : prefix;
    if (!*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
        return cli_usage_error("%s '%s': a prefix ends in the start of a file name, e.g. "
                               "results/mine for results/mine.csv", opt, prefix);
    /*
     * The longest name made from it: PREFIX-<kernel up to 31>.svg.tmp-XXXXXX
     * (run --plot); refused now rather than when the sweep is done.
     */
    enum { LONGEST_ADDED = 48 };
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - prefix) + 1 : 1, slash ? prefix : ".");
    long name_max = pathconf(dir, _PC_NAME_MAX);
    if (name_max <= 0)
        name_max = 255;
    if (strlen(last) + LONGEST_ADDED > (size_t)name_max || strlen(prefix) + LONGEST_ADDED >= 4096)
        return cli_usage_error("%s: the prefix is too long (%zu characters, %zu in its last part): "
                               "the file names made from it add up to %d characters to it, and "
                               "may have %ld in a name and 4095 in all", opt, strlen(prefix),
                               strlen(last), LONGEST_ADDED, name_max);
    static const char *const extensions[] = {".csv", ".json"};
    for (int i = 0; i < 2; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s%s", prefix, extensions[i]);
        if (cli_check_output_file(opt, path) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
    }
    return OMPSCALE_OK;
}

int cli_check_not_input(const char *opt, const char *output, const char *const *inputs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (files_same_file(output, inputs[i]))
            return cli_usage_error("%s: %s is an input of this command (%s), which it would "
                                   "replace: name a new file", opt, output, inputs[i]);
    return OMPSCALE_OK;
}

void cli_file_stem(const char *path, char *dir, size_t dirlen, char *stem, size_t stemlen)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(dir, dirlen, "%s", dirname(copy));
    snprintf(copy, sizeof copy, "%s", path);
    const char *base = basename(copy);
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".csv") == 0)
        n -= 4;
    else if (n > 5 && rf_is_json(base))
        n -= 5;
    snprintf(stem, stemlen, "%.*s", (int)n, base);
}

int cli_recompute_limit(const char *value, double *seconds)
{
    if (param_parse_real(value, 0.001, 1e7, seconds) != 0)
        return cli_usage_error("--recompute-limit '%s': must be seconds from 0.001 to 1e7", value);
    return OMPSCALE_OK;
}

const kernel *cli_find_kernel(const char *name)
{
    const kernel *k = registry_find(name);
    if (!k) {
        char names[256];
        registry_names(names, sizeof names);
        cli_usage_error("unknown kernel '%s': valid are %s", name, names);
    }
    return k;
}

static int cli_stdout_reason;

int cli_flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) == 0)
        return 0;
    if (!cli_stdout_reason)
        cli_stdout_reason = errno;
    return EOF;
}

int cli_stdout_errno(void)
{
    return cli_stdout_reason;
}

int cli_check_label(const char *opt, const char *label)
{
    char shown[4 * RESULT_LABEL_MAX + 1];
    if (!label[0])
        return cli_usage_error("%s '': a label names a file in the output: give a non-empty "
                               "name, e.g. %s gcc-12", opt, opt);
    if (strlen(label) > RESULT_LABEL_MAX)
        return cli_usage_error("%s: '%.20s...' is longer than %d bytes: give a shorter name", opt,
                               label, RESULT_LABEL_MAX);
    if (strcmp(text_escape(label, shown, sizeof shown), label) != 0)
        return cli_usage_error("%s '%s': a label holds a control character, a backslash or "
                               "bytes that are not UTF-8: give printable text", opt, label);
    return OMPSCALE_OK;
}
