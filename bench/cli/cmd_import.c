/*
 * cmd_import.c: `ompscale import-hyperfine FILE.json [MORE.json ...]`: turns
 * hyperfine's JSON exports of `ompscale once ... --quiet` runs into the
 * suite's result CSV (and JSON), so that compare and plot read whole-process
 * timings like any other result.  Each benchmarked command is parsed back
 * with once's own parser to name its kernel, variant, threads, schedule and
 * parameters; its run times become one cell; the statistics, the speedup
 * against the serial command's runs and the scaling summaries come from the
 * same analysis as `ompscale run`.  The machine context is the importing
 * machine's: import on the machine that ran hyperfine.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "args.h"
#include "cli.h"
#include "commands.h"
#include "files.h"
#include "hyperfine.h"
#include "once.h"
#include "outlock.h"
#include "plan.h"
#include "report.h"

#define IMPORT_MAX_FILES 64
#define IMPORT_MAX_WORDS 64

typedef struct import_group {
    const kernel *k;
    char params[256];
} import_group;

typedef struct import_state {
    sweep_result r;
    size_t cap;
    import_group groups[PLAN_MAX_GROUPS];
    int ngroups;
} import_state;

enum { IMPORT_OUT = 1 };

static const args_option import_options[] = {
    {.name = "out", .id = IMPORT_OUT, .value = ARGS_FILE, .metavar = "PREFIX",
     .help = "write PREFIX.csv and PREFIX.json (default: the CSV on stdout)"},
    {.name = NULL},
};

const args_command import_command = {
    .name = "import-hyperfine",
    .summary = "turn hyperfine JSON exports of once runs into a result CSV",
    .usage = "FILE.json [MORE.json ...] [--out PREFIX]",
    .about = "Turns hyperfine JSON exports of `ompscale once KERNEL ... --quiet` runs into the\n"
             "suite's CSV schema (speedup against the serial command's runs), so that compare\n"
             "and plot read them.  scripts/hyperfine makes such exports.  Every command must be\n"
             "an `ompscale once ... --quiet` command and each kernel configuration needs a\n"
             "serial one.  The machine context is this machine's: import where hyperfine ran.",
    .options = import_options,
    .words = ARGS_FILE,
};

typedef struct import_opts {
    const char *files[IMPORT_MAX_FILES];
    int nfiles;
    const char *prefix; /* --out, or NULL: the CSV on stdout */
} import_opts;

static int import_arg(void *ctx, const args_scan *s, const args_item *it)
{
    import_opts *o = ctx;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_OPTION) {
        o->prefix = it->value;
        return cli_check_prefix("--out", it->value);
    }
    if (o->nfiles == IMPORT_MAX_FILES)
        return cli_usage_error("import-hyperfine: at most %d files", IMPORT_MAX_FILES);
    o->files[o->nfiles++] = it->value;
    return OMPSCALE_OK;
}

static int import_parse(int argc, char **argv, import_opts *o)
{
    if (cli_scan(&import_command, NULL, argc, argv, import_arg, o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    if (o->nfiles == 0)
        return cli_usage_error("import-hyperfine: name a hyperfine JSON export "
                               "(hyperfine --export-json FILE.json; see scripts/hyperfine)");
    return OMPSCALE_OK;
}

/* Splits a command into words as a shell would for plain words and quotes. */
static int import_words(char *text, char **words, int max)
{
    int n = 0;
    char *r = text, *w = text;
    while (*r) {
        while (*r == ' ' || *r == '\t')
            r++;
        if (!*r)
            break;
        if (n == max)
            return -1;
        words[n++] = w;
        char quote = 0;
        for (; *r && (quote || (*r != ' ' && *r != '\t')); r++) {
            if (!quote && (*r == '\'' || *r == '"'))
                quote = *r;
            else if (quote && *r == quote)
                quote = 0;
            else if (*r == '\\' && quote != '\'' && r[1])
                *w++ = *++r;
            else
                *w++ = *r;
        }
        if (*r)
            r++;
        *w++ = '\0';
    }
    return n;
}

/* The index of the group (kernel, params), added if new; -1 when there are too many. */
static int import_group_of(import_state *s, const kernel *k, const char *params)
{
    for (int g = 0; g < s->ngroups; g++)
        if (s->groups[g].k == k && strcmp(s->groups[g].params, params) == 0)
            return g;
    if (s->ngroups == PLAN_MAX_GROUPS)
        return -1;
    s->groups[s->ngroups].k = k;
    snprintf(s->groups[s->ngroups].params, sizeof s->groups[0].params, "%s", params);
    return s->ngroups++;
}

/* The cell for (group, variant, schedule, threads), added if new. */
static cell_result *import_cell(import_state *s, const once_opts *o, int group)
{
    sweep_result *r = &s->r;
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        if (c->group == group && c->variant == o->variant_index && c->threads == o->threads &&
            (o->variant_index == 0 || (c->schedule.kind == o->schedule.kind &&
                                       c->schedule.chunk == o->schedule.chunk)))
            return c;
    }
    if (r->ncells == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 32;
        cell_result *cells = realloc(r->cells, cap * sizeof *cells);
        if (!cells)
            return NULL;
        r->cells = cells;
        s->cap = cap;
    }
    cell_result *c = &r->cells[r->ncells++];
    *c = (cell_result){.k = o->k, .group = group, .variant = o->variant_index,
                       .scheduled = o->variant_index > 0, .schedule = o->schedule,
                       .threads = o->threads, .threads_obtained = o->threads,
                       .threads_obtained_max = o->threads, .verified = true,
                       .work = {0, KERNEL_UNIT_ITEM, NULL}};
    snprintf(c->params, sizeof c->params, "%s", s->groups[group].params);
    snprintf(c->check.detail, sizeof c->check.detail,
             "whole-process: every run exited 0 (ompscale once --quiet verified the result and "
             "the threads obtained)");
    return c;
}

/* Adds one hyperfine result's runs to its cell; 0 or 2 with the message in err. */
static int import_result(import_state *s, const hf_result *h, const char *where, char *err,
                         size_t errlen)
{
    char text[sizeof h->command], *words[IMPORT_MAX_WORDS], why[512];
    snprintf(text, sizeof text, "%s", h->command);
    int n = import_words(text, words, IMPORT_MAX_WORDS), at = 1;
    while (at < n && !(strcmp(words[at], "once") == 0 && strstr(words[at - 1], "ompscale")))
        at++;
    if (n < 0 || at >= n) {
        snprintf(err, errlen,
                 "%s: '%.200s' is not an `ompscale once` command: import-hyperfine reads "
                 "hyperfine runs of `ompscale once KERNEL ... --quiet` (scripts/hyperfine)",
                 where, h->command);
        return OMPSCALE_USAGE;
    }
    once_opts o;
    param_value values[ONCE_MAX_PARAMS];
    int status = once_parse(n - at - 1, words + at + 1, 1, &o, values, why, sizeof why);
    if (status == OMPSCALE_OK && !o.quiet)
        snprintf(why, sizeof why, "no --quiet: without it once neither stays silent nor checks "
                                  "the threads it got");
    if (status == OMPSCALE_OK && o.quiet && o.k->check &&
        o.k->check(values, o.threads, why, sizeof why) != 0)
        status = OMPSCALE_USAGE;
    if (status != OMPSCALE_OK || !o.quiet) {
        snprintf(err, errlen, "%s: '%.200s': %s", where, h->command, why);
        return OMPSCALE_USAGE;
    }
    char params[256];
    kernel_params_text(o.k, values, params, sizeof params);
    int group = import_group_of(s, o.k, params);
    cell_result *c = group < 0 ? NULL : import_cell(s, &o, group);
    double *times = c ? realloc(c->times, (c->reps + h->ntimes) * sizeof *times) : NULL;
    if (!times) {
        snprintf(err, errlen, "%s: too many kernel configurations (at most %d) or out of memory",
                 where, PLAN_MAX_GROUPS);
        return OMPSCALE_USAGE;
    }
    c->times = times;
    memcpy(c->times + c->reps, h->times, h->ntimes * sizeof *times);
    c->reps += h->ntimes;
    c->cap = c->reps;
    c->size = values[kernel_param_index(o.k, o.k->size_param)].i;
    c->verified = c->verified && h->all_exit_zero;
    c->check.verified = c->verified;
    if (!h->all_exit_zero)
        snprintf(c->check.detail, sizeof c->check.detail, "a run exited non-zero (hyperfine -i?)");
    return OMPSCALE_OK;
}

static int import_file(import_state *s, const char *path, char *err, size_t errlen)
{
    hf_export e;
    int status = hf_load(path, &e, err, errlen);
    for (size_t i = 0; i < e.nresults && status == OMPSCALE_OK; i++) {
        char where[1200];
        snprintf(where, sizeof where, "%s: results[%zu].command", path, i);
        status = import_result(s, &e.results[i], where, err, errlen);
    }
    hf_free(&e);
    return status;
}

/* Cells in the order analysis expects: group, variant, schedule, threads. */
static int import_order(const void *pa, const void *pb)
{
    const cell_result *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group - b->group;
    if (a->variant != b->variant)
        return a->variant - b->variant;
    if (a->schedule.kind != b->schedule.kind)
        return (int)a->schedule.kind - (int)b->schedule.kind;
    if (a->schedule.chunk != b->schedule.chunk)
        return a->schedule.chunk < b->schedule.chunk ? -1 : 1;
    return a->threads - b->threads;
}

/* Every configuration needs its serial runs: the reference of every speedup. */
static int import_check_serial(const import_state *s, char *err, size_t errlen)
{
    for (int g = 0; g < s->ngroups; g++) {
        bool found = false;
        for (size_t i = 0; i < s->r.ncells; i++)
            found |= s->r.cells[i].group == g && s->r.cells[i].variant == 0;
        if (!found) {
            snprintf(err, errlen,
                     "no serial runs of %s (%s): the speedup needs them; time `ompscale once %s "
                     "--variant serial --quiet` with the same parameters too (scripts/hyperfine does)",
                     s->groups[g].k->name, s->groups[g].params, s->groups[g].k->name);
            return OMPSCALE_USAGE;
        }
    }
    return OMPSCALE_OK;
}

static int import_write(const sweep_result *r, const char *prefix)
{
    char paths[2][4200], err[2048];
    if (!prefix) { /* read back first; a refused write to standard output is said once, by main */
        if (report_csv_checked(r, stdout, "standard output", err, sizeof err) == 0)
            return OMPSCALE_OK;
        return err[0] ? cli_fail("%s", err) : OMPSCALE_FAIL;
    }
    if (report_write_results(r, prefix, paths, err, sizeof err) != 0)
        return cli_fail("%s", err);
    for (int i = 0; i < 2; i++)
        cli_note("wrote %s", paths[i]);
    return report_table.write(r, stdout) != 0 ? OMPSCALE_FAIL : OMPSCALE_OK;
}

static void import_free(import_state *s)
{
    for (size_t i = 0; i < s->r.ncells; i++)
        free(s->r.cells[i].times);
    free(s->r.cells);
    analysis_free(&s->r);
}

int cmd_import(int argc, char **argv)
{
    import_opts o = {.nfiles = 0};
    char err[2048];
    if (import_parse(argc, argv, &o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    const char *const *files = o.files, *prefix = o.prefix;
    int nfiles = o.nfiles;
    if (prefix && files_check_writable(prefix, err, sizeof err) != 0)
        return cli_usage_error("--out: %s", err);
    for (int e = 0; prefix && e < 2; e++) { /* the raw exports are never replaced */
        char path[4200], opt[4200];
        snprintf(path, sizeof path, "%s%s", prefix, e == 0 ? ".csv" : ".json");
        snprintf(opt, sizeof opt, "--out '%s'", prefix);
        if (cli_check_not_input(opt, path, files, (size_t)nfiles) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
    }
    outlock lock = {.fd = -1};
    if (prefix && outlock_take(prefix, &lock, err, sizeof err) != OUTLOCK_TAKEN)
        return cli_usage_error("--out '%s': %s", prefix, err);
    import_state s = {.r = {.knee_threshold = ANALYSIS_KNEE_THRESHOLD,
                            .noise_tolerance = ANALYSIS_NOISE_TOLERANCE,
                            .complete = true, .whole_process = true}};
    int status = OMPSCALE_OK;
    for (int f = 0; f < nfiles && status == OMPSCALE_OK; f++)
        status = import_file(&s, files[f], err, sizeof err);
    if (status == OMPSCALE_OK)
        status = import_check_serial(&s, err, sizeof err);
    if (status != OMPSCALE_OK) {
        import_free(&s);
        outlock_release(&lock);
        return cli_usage_error("%s", err);
    }
    qsort(s.r.cells, s.r.ncells, sizeof *s.r.cells, import_order);
    ctx_gather(&s.r.ctx);
    if (analysis_run(&s.r, s.r.ctx.logical_cpus, s.r.ctx.physical_cores) != 0)
        status = cli_fail("out of memory");
    if (status == OMPSCALE_OK)
        status = import_write(&s.r, prefix);
    for (size_t i = 0; i < s.r.ncells && status == OMPSCALE_OK; i++)
        if (!s.r.cells[i].verified)
            status = cli_fail("%s/%s at %d threads: a run exited non-zero, so it did not verify "
                              "(the rows say verified false)",
                              s.r.cells[i].k->name, s.r.cells[i].k->variants[s.r.cells[i].variant].name,
                              s.r.cells[i].threads);
    import_free(&s);
    outlock_release(&lock);
    return status;
}
