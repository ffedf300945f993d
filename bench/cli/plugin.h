/*
 * plugin.h: the --plugin options of run, once, list and hybrid: each loaded
 * (base's plugins.h) before the rest of the command line is parsed.
 */
#ifndef OMPSCALE_PLUGIN_H
#define OMPSCALE_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "args.h"
#include "plugins.h"

/*
 * Loads the plugin of every --plugin option of command c among its
 * arguments (its table's "plugin" row), in order, before they are parsed, so
 * that the other options can name its kernels and their parameters.  OMPSCALE_OK,
 * or OMPSCALE_USAGE with the one message printed.
 */
int plugin_load_options(const args_command *c, int argc, char **argv);

#endif
