/*
 * main.c: ompscale's entry point.  It only picks the subcommand and hands it
 * the rest of the command line; each command lives in its own cmd_*.c.  It
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

#include "cli.h"
#include "commands.h"
#include "interrupt.h"
#include "version.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"run", cmd_run, "sweep kernels over thread counts: speedup tables, CSV and JSON"},
    {"info", cmd_info, "the machine context a sweep records"},
    {"list", cmd_list, "every kernel, its variants, parameters and presets"},
    {"compare", cmd_compare, "set result CSVs of different machines side by side, with significance"},
    {"import-hyperfine", cmd_import, "turn hyperfine JSON exports of once runs into a result CSV"},
    {"once", cmd_once, "run one kernel variant once at a thread count and schedule, verified"},
    {"plot", cmd_plot, "speedup, efficiency and convergence plots of result CSVs (gnuplot)"},
    {"schema", cmd_schema, "the columns of the result CSV and JSON: type, unit, meaning"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: ompscale COMMAND [options]   (ompscale COMMAND --help for each)\n\n");
    for (int i = 0; commands[i].name; i++)
        fprintf(out, "  %-17s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n  --version  print the version and git commit\n");
}

static int dispatch(int argc, char **argv)
{
    char valid[256] = "";
    for (int i = 0; commands[i].name; i++) {
        strncat(valid, i ? ", " : "", sizeof valid - strlen(valid) - 1);
        strncat(valid, commands[i].name, sizeof valid - strlen(valid) - 1);
    }
    if (argc < 2)
        return cli_usage_error("no command given: valid are %s (ompscale --help for more)", valid);
    if (cli_is_help(argv[1])) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ompscale %s (%s)\n", OMPSCALE_VERSION, OMPSCALE_COMMIT);
        return CLI_OK;
    }
    for (int i = 0; commands[i].name; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    return cli_usage_error("unknown command '%s': valid are %s, --help, --version", argv[1], valid);
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
    return status == CLI_OK ? CLI_FAIL : status;
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
