/*
 * commands.h: the subcommands of ompscale.  Each takes the arguments after
 * its name and returns the exit status: 0 ok, 1 a run failed, 2 bad usage.
 */
#ifndef OMPSCALE_COMMANDS_H
#define OMPSCALE_COMMANDS_H

int cmd_compare(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_once(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif
