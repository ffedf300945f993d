/*
 * import_foreign.c: import-hyperfine's reader of any program's runs
 * (import.h), for the scaling of a program that is not an ompscale kernel.
 * Its thread count is hyperfine's parameter `threads` (scripts/hyperfine
 * --command sweeps `{threads}` with --parameter-scan or --parameter-list);
 * a command without that parameter is the reference, the serial row.  With
 * no reference command the runs at 1 thread serve as the serial row as well:
 * the speedup is then against the program itself at 1 thread.  ompscale
 * cannot check such a program's answer: its rows say `verified` = foreign,
 * which means only that every process exited 0, never "true".
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "status.h"

static int foreign_usage(char *err, size_t errlen, const char *opt, const char *value,
                         const char *why)
{
    snprintf(err, errlen, "%s '%.100s': %s", opt, value, why);
    return OMPSCALE_USAGE;
}

int import_foreign_init(import_foreign *f, const char *name, const char *variant,
                        const char *schedule, char *err, size_t errlen)
{
    static const char names[] = "give 1 to 31 letters, digits, '-', '_' or '.', not starting "
                                "with '-' or '.'";
    memset(f, 0, sizeof *f);
    f->group = -1;
    if (name && !kernel_name_ok(name))
        return foreign_usage(err, errlen, "--name", name, names);
    if (variant && (!kernel_name_ok(variant) || strcmp(variant, "serial") == 0))
        return foreign_usage(err, errlen, "--variant", variant,
                             strcmp(variant, "serial") == 0
                                 ? "serial is the reference's name: name the swept command's "
                                   "rows otherwise (default omp)"
                                 : names);
    char why[256];
    if (sched_parse(schedule ? schedule : "static", &f->schedule, why, sizeof why) != 0)
        return foreign_usage(err, errlen, "--schedule", schedule, why);
    snprintf(f->name, sizeof f->name, "%s", name ? name : "");
    snprintf(f->variant, sizeof f->variant, "%s", variant ? variant : "omp");
    f->variants[0] =
        (kernel_variant){"serial", "the reference command, or the command at 1 thread"};
    f->variants[1] = (kernel_variant){f->variant, "the command swept over the thread plan"};
    f->k = (kernel){.name = f->name, .summary = "a program ompscale does not check",
                    .variants = f->variants, .size_param = "size",
                    .scheduled = true};
    return OMPSCALE_OK;
}

void import_foreign_free(import_foreign *f)
{
    free(f->seen);
    f->seen = NULL;
    f->nseen = 0;
}

/* The program's name from its command: the first word that is not `env` or NAME=VALUE. */
static void foreign_default_name(import_foreign *f, const char *command)
{
    char text[sizeof f->seen->command], *words[64];
    snprintf(text, sizeof text, "%s", command);
    int n = import_words(text, words, 64);
    const char *program = "program";
    for (int i = 0; i < n; i++)
        if (strcmp(words[i], "env") != 0 && !strchr(words[i], '=')) {
            program = strrchr(words[i], '/') ? strrchr(words[i], '/') + 1 : words[i];
            break;
        }
    size_t len = 0;
    for (const char *c = program; *c && len < KERNEL_MAX_NAME; c++)
        f->name[len++] = strchr("-_.", *c) || (*c >= '0' && *c <= '9') ||
                                 (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')
                             ? *c
                             : '_';
    f->name[len] = '\0';
    if (!kernel_name_ok(f->name)) /* empty, or starting with '-' or '.' */
        snprintf(f->name, sizeof f->name, "program");
}

/* Refuses a second command at a thread count already seen (two programs in one import). */
static int foreign_same_command(import_foreign *f, const hf_result *h, const char *where,
                                char *err, size_t errlen)
{
    for (size_t i = 0; i < f->nseen; i++) {
        if (f->seen[i].threads != h->threads)
            continue;
        if (strcmp(f->seen[i].command, h->command) == 0)
            return OMPSCALE_OK;
        snprintf(err, errlen,
                 "%s: '%.200s' is a second %s besides '%.200s': import one program at a time "
                 "(its command swept over {threads}, and at most one reference command)",
                 where, h->command,
                 h->threads ? "command at the same threads" : "reference command",
                 f->seen[i].command);
        return OMPSCALE_USAGE;
    }
    import_seen *seen = realloc(f->seen, (f->nseen + 1) * sizeof *seen);
    if (!seen) {
        snprintf(err, errlen, "%s: out of memory", where);
        return OMPSCALE_USAGE;
    }
    f->seen = seen;
    f->seen[f->nseen].threads = h->threads;
    snprintf(f->seen[f->nseen].command, sizeof f->seen->command, "%s", h->command);
    f->nseen++;
    return OMPSCALE_OK;
}

int import_foreign_result(import_state *s, const hf_result *h, const char *where, char *err,
                          size_t errlen)
{
    import_foreign *f = &s->foreign;
    int status = foreign_same_command(f, h, where, err, errlen);
    if (status != OMPSCALE_OK)
        return status;
    if (!f->name[0])
        foreign_default_name(f, h->command);
    if (f->group < 0)
        f->group = import_group_of(s, &f->k, "");
    if (!h->threads && !f->reference_where[0])
        snprintf(f->reference_where, sizeof f->reference_where, "%.1200s: '%.160s'", where,
                 h->command);
    char detail[sizeof ((kernel_check *)0)->detail];
    snprintf(detail, sizeof detail,
             "foreign: not checked by ompscale; every process of '%.200s' exited 0", h->command);
    cell_result *c = f->group < 0 ? NULL
                                  : import_cell(s, f->group, h->threads ? 1 : 0, &f->schedule,
                                                h->threads ? h->threads : 1, detail);
    if (!c || import_add_runs(c, h) != 0) {
        snprintf(err, errlen, "%s: too many kernel configurations (at most %d) or out of memory",
                 where, PLAN_MAX_GROUPS);
        return OMPSCALE_USAGE;
    }
    c->foreign = true;
    return OMPSCALE_OK;
}

int import_foreign_finish(import_state *s, char *err, size_t errlen)
{
    import_foreign *f = &s->foreign;
    if (f->group < 0)
        return OMPSCALE_OK;
    size_t one = s->r.ncells;
    bool swept = false, reference = false;
    for (size_t i = 0; i < s->r.ncells; i++) {
        const cell_result *c = &s->r.cells[i];
        reference |= c->group == f->group && c->variant == 0;
        swept |= c->group == f->group && c->variant == 1;
        if (c->group == f->group && c->variant == 1 && c->threads == 1)
            one = i;
    }
    if (!swept) {
        snprintf(err, errlen,
                 "%s is not an `ompscale once` command, and no command of its program has "
                 "hyperfine's parameter threads: import-hyperfine reads `ompscale once KERNEL ... "
                 "--quiet` runs, and any program's runs swept over {threads} (hyperfine "
                 "--parameter-list threads 1,2; scripts/hyperfine --command)",
                 f->reference_where);
        return OMPSCALE_USAGE;
    }
    if (reference)
        return OMPSCALE_OK; /* a reference command was timed */
    if (one == s->r.ncells) {
        snprintf(err, errlen,
                 "no serial runs of %s: the speedup needs them; sweep the command from 1 thread "
                 "(hyperfine --parameter-list threads 1,...) or time a reference command "
                 "(scripts/hyperfine --reference)",
                 f->name);
        return OMPSCALE_USAGE;
    }
    hf_result runs = {.times = s->r.cells[one].times, .ntimes = s->r.cells[one].reps,
                      .all_exit_zero = s->r.cells[one].verified};
    char detail[sizeof ((kernel_check *)0)->detail];
    snprintf(detail, sizeof detail, "%.260s (the runs at 1 thread: no reference command)",
             s->r.cells[one].check.detail);
    cell_result *serial = import_cell(s, f->group, 0, &f->schedule, 1, detail);
    if (!serial || import_add_runs(serial, &runs) != 0) {
        snprintf(err, errlen, "out of memory");
        return OMPSCALE_USAGE;
    }
    serial->foreign = true;
    return OMPSCALE_OK;
}
