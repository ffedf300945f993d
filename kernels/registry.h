/*
 * registry.h: the table of every kernel in the suite.  Adding a kernel is one
 * file in kernels/ and one row in registry.c; nothing else names a kernel.
 */
#ifndef OMPSCALE_REGISTRY_H
#define OMPSCALE_REGISTRY_H

#include "kernel.h"

/* Every kernel, ending with NULL. */
extern const kernel *const kernel_registry[];

/* The kernel called name, or NULL. */
const kernel *registry_find(const char *name);
/* Writes the kernel names, separated by ", ", into buf (for error messages). */
void registry_names(char *buf, size_t len);

#endif
