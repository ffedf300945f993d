/*
 * complete.h: what the shell's completion offers (`ompscale --complete --
 * WORDS`, asked by bench/completion.bash).  WORDS are the words after
 * "ompscale" on the command line being typed, the last the one being
 * completed (possibly empty).  The candidates come from the same tables the
 * commands read (main.c's commands, each command's options, the registry's
 * kernels, their parameters, variants and presets, with the plugins the
 * line names loaded), so completion never offers what a command refuses.
 */
#ifndef OMPSCALE_COMPLETE_H
#define OMPSCALE_COMPLETE_H

#include "commands.h"

/* "@files" or "@dirs" alone on the first line: let the shell complete a path. */
#define COMPLETE_FILES "@files"
#define COMPLETE_DIRS "@dirs"

/*
 * Prints the candidates for the last of words, one a line, each starting
 * with it (for "--opt=VALUE", the candidates for VALUE), on standard output;
 * top: ompscale's own options; commands: main.c's table.  Returns 0: an unknown command or a bad word
 * just offers nothing.
 */
int complete_print(const args_command *top, const command *commands, int nwords, char **words);

#endif
