/*
 * ompruntime.c: the OpenMP runtime among the loaded objects (ompruntime.h).
 */
#include "ompruntime.h"

#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The runtimes' library names, as their files begin. */
static const char *const ompruntime_known[] = {"libgomp.so", "libomp.so", "libiomp5.so",
                                               "libomp5.so"};

typedef struct ompruntime_search {
    char *buf;
    size_t len;
} ompruntime_search;

static const char *ompruntime_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int ompruntime_visit(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    ompruntime_search *s = data;
    if (!info->dlpi_name || !info->dlpi_name[0])
        return 0;
    const char *base = ompruntime_base(info->dlpi_name);
    for (size_t i = 0; i < sizeof ompruntime_known / sizeof ompruntime_known[0]; i++) {
        if (strncmp(base, ompruntime_known[i], strlen(ompruntime_known[i])) != 0)
            continue;
        /* The real file's name carries the full version (libgomp.so.1 -> libgomp.so.1.0.0). */
        char *real = realpath(info->dlpi_name, NULL);
        const char *path = real ? real : info->dlpi_name;
        snprintf(s->buf, s->len, "%s", ompruntime_base(path));
        /* LLVM's keeps its release in its directory only (.../llvm-14/lib/libomp.so.5). */
        const char *llvm = strstr(path, "/llvm-");
        if (llvm) {
            size_t n = strspn(llvm + 6, "0123456789.");
            size_t used = strlen(s->buf);
            if (n > 0 && used < s->len)
                snprintf(s->buf + used, s->len - used, " (LLVM %.*s)", (int)n, llvm + 6);
        }
        free(real);
        return 1;
    }
    return 0;
}

char *ompruntime_name(char *buf, size_t len)
{
    ompruntime_search s = {buf, len};
    buf[0] = '\0';
    dl_iterate_phdr(ompruntime_visit, &s);
    return buf;
}
