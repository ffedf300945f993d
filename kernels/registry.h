/*
 * registry.h: the table of every kernel in the suite.  Adding a kernel is one
 * file in kernels/ and one row in registry.c; nothing else names a kernel.
 * Kernels from plugins join the same list at run time (registry_add), after
 * the built-in ones, and every command then finds them as it finds those.
 */
#ifndef OMPSCALE_REGISTRY_H
#define OMPSCALE_REGISTRY_H

#include "kernel.h"

/* The most kernels, built-in and added together. */
#define REGISTRY_MAX 48

/* Every built-in kernel, ending with NULL. */
extern const kernel *const kernel_registry[];

/* Every kernel, built-in ones first, then those added, ending with NULL. */
const kernel *const *registry_all(void);

/*
 * Adds the kernels of a NULL-ended table, all or none, each checked by
 * kernel_validate and against every kernel already known and the others of
 * the table (no name twice).  origin says where they come from (a plugin's
 * path; kept, not copied).  OMPSCALE_OK, or OMPSCALE_USAGE with the first
 * problem in err.
 */
int registry_add(const kernel *const *kernels, const char *origin, char *err, size_t errlen);

/* Where k came from: NULL for a built-in kernel, else the origin given to registry_add. */
const char *registry_origin(const kernel *k);

/* The kernel called name, or NULL. */
const kernel *registry_find(const char *name);
/* Writes the kernel names, separated by ", ", into buf (for error messages). */
void registry_names(char *buf, size_t len);

#endif
