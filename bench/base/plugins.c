/*
 * plugins.c: loading kernels from shared objects (plugins.h).  A plugin is
 * opened with RTLD_NOW, so that a missing symbol is said at load and not in
 * the middle of a sweep, and RTLD_LOCAL, so that its own copy of the kernel
 * helpers (libompscale-kernel.a) serves it alone.  It is never closed once
 * its kernels are in the registry: they are used until the process ends.
 */
#include "plugins.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

/* The plugins loaded, so that one given twice (by any name) is loaded once. */
static void *plugin_handles[REGISTRY_MAX];
static int plugin_count;

/* The table of an opened plugin; 0, or 2 with why not in err. */
static int plugin_table(void *handle, const ompscale_plugin **out, char *err, size_t errlen)
{
    *out = dlsym(handle, OMPSCALE_PLUGIN_SYMBOL);
    if (!*out) {
        snprintf(err, errlen, "it has no table '%s': a plugin defines `const ompscale_plugin %s "
                 "= {.abi = OMPSCALE_KERNEL_ABI, .kernels = ...}` (ompscale/kernel.h)",
                 OMPSCALE_PLUGIN_SYMBOL, OMPSCALE_PLUGIN_SYMBOL);
        return OMPSCALE_USAGE;
    }
    if ((*out)->abi != OMPSCALE_KERNEL_ABI) {
        snprintf(err, errlen, "it was built for kernel ABI %d, and this ompscale takes ABI %d: "
                 "rebuild it against this ompscale's headers", (*out)->abi, OMPSCALE_KERNEL_ABI);
        return OMPSCALE_USAGE;
    }
    if (!(*out)->kernels) {
        snprintf(err, errlen, "its table has no kernels: give .kernels, a list of kernels "
                 "ending with NULL");
        return OMPSCALE_USAGE;
    }
    return OMPSCALE_OK;
}

int plugin_load(const char *path, char *err, size_t errlen)
{
    char local[4200];
    /* Without a slash dlopen searches the library path, not the current directory. */
    snprintf(local, sizeof local, "%s%s", strchr(path, '/') ? "" : "./", path);
    void *handle = dlopen(local, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(err, errlen, "cannot load it (%s): give a shared object built against "
                 "ompscale's kernel.h (README: Your own kernels)", why ? why : "unknown reason");
        return OMPSCALE_USAGE;
    }
    for (int i = 0; i < plugin_count; i++)
        if (plugin_handles[i] == handle) {
            dlclose(handle); /* the count dlopen added; its kernels are in already */
            return OMPSCALE_OK;
        }
    const ompscale_plugin *table;
    if (plugin_count == REGISTRY_MAX) {
        snprintf(err, errlen, "more than %d plugins", REGISTRY_MAX);
        dlclose(handle);
        return OMPSCALE_USAGE;
    }
    if (plugin_table(handle, &table, err, errlen) != OMPSCALE_OK ||
        registry_add(table->kernels, path, err, errlen) != OMPSCALE_OK) {
        dlclose(handle);
        return OMPSCALE_USAGE;
    }
    plugin_handles[plugin_count++] = handle;
    return OMPSCALE_OK;
}
