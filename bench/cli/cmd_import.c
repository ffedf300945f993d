/*
 * cmd_import.c: `ompscale import-hyperfine FILE.json [MORE.json ...]`: turns
 * hyperfine's JSON exports into the suite's result CSV (and JSON), so that
 * compare and plot read whole-process timings like any other result.  A
 * benchmarked `ompscale once ... --quiet` command is parsed back with once's
 * own parser to name its kernel, variant, threads, schedule and parameters;
 * any other command is a foreign program's (import_foreign.c), placed by
 * hyperfine's parameter `threads`.  Each command's run times become one
 * cell; the statistics, the speedup against the serial command's runs and
 * the scaling summaries come from the same analysis as `ompscale run`.  The
 * machine context is the importing machine's: import on the machine that
 * ran hyperfine.
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
#include "import.h"
#include "once.h"
#include "outlock.h"
#include "plan.h"
#include "report.h"

#define IMPORT_MAX_FILES 64
#define IMPORT_MAX_WORDS 64

enum { IMPORT_OUT = 1, IMPORT_NAME, IMPORT_VARIANT, IMPORT_SCHEDULE };

static const args_option import_options[] = {
    {.name = "out", .id = IMPORT_OUT, .value = ARGS_FILE, .metavar = "PREFIX",
     .help = "write PREFIX.csv and PREFIX.json (default: the CSV on stdout)"},
    {.name = "name", .id = IMPORT_NAME, .value = ARGS_TEXT, .metavar = "NAME",
     .help = "the kernel column of a foreign command's rows (default: its program's name)"},
    {.name = "variant", .id = IMPORT_VARIANT, .value = ARGS_TEXT, .metavar = "NAME",
     .help = "the variant column of a foreign command's swept rows (default omp)"},
    {.name = "schedule", .id = IMPORT_SCHEDULE, .value = ARGS_TEXT, .metavar = "S",
     .help = "the schedule a foreign program uses, as its rows say it (default static)"},
    {.name = NULL},
};

const args_command import_command = {
    .name = "import-hyperfine",
    .summary = "turn hyperfine JSON exports into a result CSV",
    .usage = "FILE.json [MORE.json ...] [--out PREFIX] [--name NAME] [--variant NAME] "
             "[--schedule S]",
    .about = "Turns hyperfine JSON exports into the suite's CSV schema (speedup against the\n"
             "serial runs), so that compare and plot read them.  scripts/hyperfine makes such\n"
             "exports.  An `ompscale once KERNEL ... --quiet` command is read back as its\n"
             "kernel's cell, and each kernel configuration needs a serial one.  Any other\n"
             "command is a foreign program's, one per import: its thread count is hyperfine's\n"
             "parameter `threads`; one without it is the reference (else the runs at 1 thread\n"
             "are); its rows say verified `foreign`: ompscale does not check its answer.  The\n"
             "machine context is this machine's: import where hyperfine ran.",
    .options = import_options,
    .words = ARGS_FILE,
};

typedef struct import_opts {
    const char *files[IMPORT_MAX_FILES];
    int nfiles;
    const char *prefix; /* --out, or NULL: the CSV on stdout */
    const char *name, *variant, *schedule; /* a foreign program's labels, or NULL: defaults */
} import_opts;

static int import_arg(void *ctx, const args_scan *s, const args_item *it)
{
    import_opts *o = ctx;
    if (it->kind == ARGS_UNKNOWN)
        return cli_unknown_arg(s, it);
    if (it->kind == ARGS_OPTION && it->option->id == IMPORT_NAME)
        o->name = it->value;
    else if (it->kind == ARGS_OPTION && it->option->id == IMPORT_VARIANT)
        o->variant = it->value;
    else if (it->kind == ARGS_OPTION && it->option->id == IMPORT_SCHEDULE)
        o->schedule = it->value;
    if (it->kind == ARGS_OPTION && it->option->id != IMPORT_OUT)
        return OMPSCALE_OK;
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

int import_words(char *text, char **words, int max)
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

int import_group_of(import_state *s, const kernel *k, const char *params)
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

cell_result *import_cell(import_state *s, int group, int variant, const kernel_schedule *schedule,
                         int threads, const char *detail)
{
    sweep_result *r = &s->r;
    for (size_t i = 0; i < r->ncells; i++) {
        cell_result *c = &r->cells[i];
        if (c->group == group && c->variant == variant && c->threads == threads &&
            (variant == 0 || (c->schedule.kind == schedule->kind &&
                              c->schedule.chunk == schedule->chunk)))
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
    *c = (cell_result){.k = s->groups[group].k, .group = group, .variant = variant,
                       .scheduled = variant > 0, .schedule = *schedule,
                       .threads = threads, .threads_obtained = threads,
                       .threads_obtained_max = threads, .verified = true,
                       .work = {0, KERNEL_UNIT_ITEM, NULL}};
    snprintf(c->params, sizeof c->params, "%s", s->groups[group].params);
    snprintf(c->check.detail, sizeof c->check.detail, "%s", detail);
    return c;
}

int import_add_runs(cell_result *c, const hf_result *h)
{
    double *times = realloc(c->times, (c->reps + h->ntimes) * sizeof *times);
    if (!times)
        return -1;
    c->times = times;
    memcpy(c->times + c->reps, h->times, h->ntimes * sizeof *times);
    c->reps += h->ntimes;
    c->cap = c->reps;
    c->verified = c->verified && h->all_exit_zero;
    c->check.verified = c->verified;
    if (!h->all_exit_zero)
        snprintf(c->check.detail, sizeof c->check.detail, "a run exited non-zero (hyperfine -i?)");
    return 0;
}

/* Whether words[at] is `once` after a word naming ompscale: an `ompscale once` command. */
static int import_once_at(char **words, int n)
{
    int at = 1;
    while (at < n && !(strcmp(words[at], "once") == 0 && strstr(words[at - 1], "ompscale")))
        at++;
    return at < n ? at : -1;
}

/* Adds one hyperfine result's runs to its cell; 0 or 2 with the message in err. */
static int import_result(import_state *s, const hf_result *h, const char *where, char *err,
                         size_t errlen)
{
    char text[sizeof h->command], *words[IMPORT_MAX_WORDS], why[512];
    snprintf(text, sizeof text, "%s", h->command);
    int n = import_words(text, words, IMPORT_MAX_WORDS);
    int at = n < 0 ? -1 : import_once_at(words, n);
    if (at < 0)
        return import_foreign_result(s, h, where, err, errlen);
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
    cell_result *c =
        group < 0 ? NULL
                  : import_cell(s, group, o.variant_index, &o.schedule, o.threads,
                                "whole-process: every run exited 0 (ompscale once --quiet "
                                "verified the result and the threads obtained)");
    if (!c || import_add_runs(c, h) != 0) {
        snprintf(err, errlen, "%s: too many kernel configurations (at most %d) or out of memory",
                 where, PLAN_MAX_GROUPS);
        return OMPSCALE_USAGE;
    }
    c->size = values[kernel_param_index(o.k, o.k->size_param)].i;
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
    import_foreign_free(&s->foreign);
}

int cmd_import(int argc, char **argv)
{
    import_opts o = {.nfiles = 0};
    char err[2048];
    if (import_parse(argc, argv, &o) != OMPSCALE_OK)
        return OMPSCALE_USAGE;
    const char *const *files = o.files, *prefix = o.prefix;
    int nfiles = o.nfiles;
    import_state s = {.r = {.knee_threshold = ANALYSIS_KNEE_THRESHOLD,
                            .noise_tolerance = ANALYSIS_NOISE_TOLERANCE,
                            .complete = true, .whole_process = true}};
    if (import_foreign_init(&s.foreign, o.name, o.variant, o.schedule, err, sizeof err) != 0)
        return cli_usage_error("%s", err);
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
    int status = OMPSCALE_OK;
    for (int f = 0; f < nfiles && status == OMPSCALE_OK; f++)
        status = import_file(&s, files[f], err, sizeof err);
    if (status == OMPSCALE_OK)
        status = import_foreign_finish(&s, err, sizeof err);
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
