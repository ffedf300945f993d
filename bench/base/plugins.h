/*
 * plugins.h: kernels from shared objects (`--plugin PATH.so` of run, once,
 * list and hybrid, and of ompscale-hybrid-rank).  A plugin exports one table
 * (kernel.h's ompscale_plugin); its ABI number is checked and each of its
 * kernels is checked and added to the registry, after which every command
 * treats them as built-in ones.  Here, below every stage, so that the
 * hybrid runner loads plugins as the command line does.
 */
#ifndef OMPSCALE_PLUGINS_H
#define OMPSCALE_PLUGINS_H

#include <stddef.h>

/*
 * Loads the plugin at path and adds its kernels to the registry; the same
 * file loaded again adds nothing.  0, or 2 with what is wrong and what is
 * valid in err (without the path).
 */
int plugin_load(const char *path, char *err, size_t errlen);

#endif
