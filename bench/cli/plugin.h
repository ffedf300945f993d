/*
 * plugin.h: kernels from shared objects (`--plugin PATH.so` of run, once and
 * list).  A plugin exports one table (kernel.h's ompscale_plugin); its ABI
 * number is checked and each of its kernels is checked and added to the
 * registry, after which every command treats them as built-in ones.
 */
#ifndef OMPSCALE_PLUGIN_H
#define OMPSCALE_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "args.h"

/*
 * Loads the plugin at path and adds its kernels to the registry; the same
 * file loaded again adds nothing.  0, or 2 with what is wrong and what is
 * valid in err (without the path).
 */
int plugin_load(const char *path, char *err, size_t errlen);

/*
 * Loads the plugin of every --plugin option of command c among its
 * arguments (its table's "plugin" row), in order, before they are parsed, so
 * that the other options can name its kernels and their parameters.  OMPSCALE_OK,
 * or OMPSCALE_USAGE with the one message printed.
 */
int plugin_load_options(const args_command *c, int argc, char **argv);

#endif
