/*
 * commands.h: the subcommands of ompscale.  Each is described once by its
 * args_command (its options, usage and help: args.h), and run by its cmd_*
 * function, which takes the arguments after its name and returns the exit
 * status: 0 ok, 1 a run failed, 2 bad usage.  main.c pairs them.
 */
#ifndef OMPSCALE_COMMANDS_H
#define OMPSCALE_COMMANDS_H

#include "args.h"

/* A row of main.c's table of commands, which ends with a row of NULLs. */
typedef struct command {
    const args_command *args; /* its name, options and help */
    int (*run)(int argc, char **argv);
} command;

extern const args_command compare_command, hybrid_command, import_command, info_command, list_command,
    once_command, plot_command, run_command, schema_command;

int cmd_compare(int argc, char **argv);
int cmd_hybrid(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_once(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif
