/*
 * commands.h: the subcommands of ompscale.  Each is described once by its
 * args_command (its options, usage and help: args.h), and run by its cmd_*
 * function, which takes the arguments after its name and returns the exit
 * status: 0 ok, 1 a run failed, 2 bad usage.  main.c pairs them.
 */
#ifndef OMPSCALE_COMMANDS_H
#define OMPSCALE_COMMANDS_H

#include <stddef.h>

#include "args.h"
#include "resultfile.h"

/* A row of main.c's table of commands, which ends with a row of NULLs. */
typedef struct command {
    const args_command *args; /* its name, options and help */
    int (*run)(int argc, char **argv);
} command;

extern const args_command compare_command, hybrid_command, import_command, info_command,
    list_command, once_command, plot_command, report_command, run_command, schema_command;

int cmd_compare(int argc, char **argv);
int cmd_hybrid(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_once(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);

/*
 * The HTML report of files (rf_load read them; names as the user gave them)
 * at path, as `ompscale report` and `run --report` write it: the exit status,
 * with the message printed.
 */
int report_html(const char *const *names, const rf_file *files, size_t nfiles, const char *path,
                double recompute_limit_s);
int cmd_schema(int argc, char **argv);

#endif
