/*
 * main.c: ompscale's entry point.  It only picks the subcommand and hands it
 * the rest of the command line; each command lives in its own cmd_*.c, and
 * describes its options in one table (args.h) that getopt_long, its help,
 * the manual page and the shell's completion (complete.h) all read.  It
 * makes sure the standard descriptors are open, installs the signal
 * handlers (interrupt.h), checks at the end that
 * standard output was written (a full disk, a closed pipe: exit 1 with a
 * message), and ends an interrupted run by its signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "args.h"
#include "cli.h"
#include "commands.h"
#include "complete.h"
#include "interrupt.h"
#include "registry.h"
#include "text.h"
#include "version.h"

static const command commands[] = {
    {&run_command, cmd_run},
    {&info_command, cmd_info},
    {&list_command, cmd_list},
    {&compare_command, cmd_compare},
    {&hybrid_command, cmd_hybrid},
    {&import_command, cmd_import},
    {&once_command, cmd_once},
    {&plot_command, cmd_plot},
    {&report_command, cmd_report},
    {&schema_command, cmd_schema},
    {NULL, NULL},
};

enum { MAIN_VERSION = 1, MAIN_HELP_ALL, MAIN_COMPLETE };

static const args_option main_options[] = {
    {.name = "version", .id = MAIN_VERSION, .letter = 'V',
     .help = "print the version and git commit"},
    {.name = "help-all", .id = MAIN_HELP_ALL,
     .help = "this help and every command's (ompscale(1), the manual\n"
             "page, is made from it)"},
    {.name = "complete", .id = MAIN_COMPLETE, .metavar = "-- WORDS",
     .help = "what completes the last of WORDS (those after ompscale\n"
             "on a line being typed), one a line: for the shell's\n"
             "completion (bench/completion.bash)"},
    {.name = NULL},
};

/* ompscale's own options, before the command (args.h; "" names no command in messages). */
static const args_command main_command = {.name = "", .options = main_options};

/* The help; with every command's own (--help-all), each under "ompscale NAME:". */
static void usage(FILE *out, bool all)
{
    fprintf(out, "usage: ompscale COMMAND [options]   (ompscale COMMAND --help for each)\n"
                 "Measures how OpenMP kernels scale with the thread count, verifying every run.\n"
                 "Options take their value as --threads 2 or --threads=2, in any order, and are\n"
                 "written in full (the bash completion completes them).\n\n"
                 "Commands:\n");
    for (int i = 0; commands[i].args; i++)
        fprintf(out, "  %-17s %s\n", commands[i].args->name, commands[i].args->summary);
    for (int i = 0; all && commands[i].args; i++) {
        fprintf(out, "\nompscale %s:\n", commands[i].args->name);
        args_print_help(commands[i].args, out, 2);
    }
    fprintf(out, "\nOptions:\n");
    args_print_options(&main_command, out, 0);
    fprintf(out, "\nExamples:\n"
                 "  $ ompscale run --quick --threads 1,2\n"
                 "  $ ompscale run --kernel=montecarlo --threads=1,2,4-8,P,2P --schedule dynamic:8\n"
                 "  $ ompscale once squares --threads 2 --work 8\n"
                 "  $ ompscale compare a.csv b.csv --format=markdown\n"
                 "  $ ompscale plot a.csv\n"
                 "  $ ompscale report a.json -o a.html\n");
}

static const command *find_command(const char *name)
{
    for (int i = 0; commands[i].args; i++)
        if (strcmp(name, commands[i].args->name) == 0)
            return &commands[i];
    return NULL;
}

/* Command c with its arguments; -h or --help anywhere among them prints its help instead. */
static int start_command(const command *c, int argc, char **argv)
{
    bool help = false;
    const kernel *const *kernels = c->args->params != ARGS_NO_PARAMS ? registry_all() : NULL;
    if (args_prescan(c->args, kernels, argc, argv, 0, &help, NULL, NULL) != 0)
        return cli_fail("out of memory");
    if (!help)
        return c->run(argc, argv);
    args_print_help(c->args, stdout, 0);
    return OMPSCALE_OK;
}

/* Runs the command named by the first word of argv (after ompscale's own options). */
static int dispatch(int argc, char **argv)
{
    char valid[256] = "";
    for (int i = 0; commands[i].args; i++)
        text_append(valid, sizeof valid, "%s%s", i ? ", " : "", commands[i].args->name);
    args_scan s;
    args_item it;
    if (args_init(&s, &main_command, NULL, argc - 1, argv + 1) != 0)
        return cli_fail("out of memory");
    char err[1024];
    bool complete = false;
    int status;
    while ((status = args_next(&s, &it, err, sizeof err)) == 0 && it.kind == ARGS_OPTION &&
           it.option->id == MAIN_COMPLETE)
        complete = true;
    args_free(&s);
    if (status != 0)
        return cli_usage_error("%s", err);
    int at = it.kind == ARGS_END ? argc : it.first + 1; /* the item's place in argv */
    if (complete)
        return complete_print(&main_command, commands, argc - at, argv + at);
    if (it.kind == ARGS_END)
        return cli_usage_error("no command given: valid are %s (ompscale --help for more)", valid);
    if (it.kind == ARGS_HELP || (it.kind == ARGS_OPTION && it.option->id == MAIN_HELP_ALL)) {
        usage(stdout, it.kind != ARGS_HELP);
        return OMPSCALE_OK;
    }
    if (it.kind == ARGS_OPTION) {
        printf("ompscale %s (%s)\n", OMPSCALE_VERSION, OMPSCALE_COMMIT);
        return OMPSCALE_OK;
    }
    const command *c = it.kind == ARGS_WORD ? find_command(argv[at]) : NULL;
    if (!c)
        return cli_usage_error("unknown command '%s': valid are %s, --help, --version",
                               it.kind == ARGS_WORD ? argv[at] : it.opt, valid);
    return start_command(c, argc - at - 1, argv + at + 1);
}

/* Flushes and closes standard output; a failure is said once and makes an ok status 1. */
static int close_stdout(int status)
{
    bool failed = cli_flush_stdout() != 0 || ferror(stdout);
    int why = cli_stdout_errno();
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        why = errno;
    }
    if (!failed)
        return status;
    if (why)
        cli_fail("writing standard output: %s", strerror(why));
    else
        cli_fail("writing standard output failed");
    return status == OMPSCALE_OK ? OMPSCALE_FAIL : status;
}

/*
 * Opens /dev/null on each of the standard descriptors 0, 1 and 2 that is
 * closed (`ompscale plot ... >&- 2>&-`): otherwise the next file or pipe
 * opened would take its number, and a child given "our standard error"
 * would write into its own input pipe.
 */
static void open_standard_streams(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (got >= 0 && got != fd) /* a lower one was closed too: it is handled first */
                close(got);
        }
}

int main(int argc, char **argv)
{
    open_standard_streams();
    /* GSL aborts on errors by default; every status is checked instead. */
    gsl_set_error_handler_off();
    if (intr_install(INTR_AT_ONCE) != 0)
        return cli_fail("cannot install the signal handlers: %s", strerror(errno));
    int status = close_stdout(dispatch(argc, argv));
    if (intr_signal() && status == intr_exit_status(intr_signal()))
        intr_raise(); /* ends the process by the signal: $? is still 128 + signal */
    return status;
}
