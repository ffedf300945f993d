/*
 * ompruntime.h: which OpenMP runtime library this process runs on.  The
 * compiler names only the OpenMP version it implements (_OPENMP); the
 * runtime (libgomp with gcc, LLVM's libomp with clang, Intel's libiomp5)
 * is a shared library chosen at link time, and it decides the costs of the
 * constructs.  It is found among the loaded objects (dl_iterate_phdr) by the
 * name of its file, the version suffix of the real file included
 * ("libgomp.so.1.0.0"), without its directory; LLVM's, whose file name has
 * no release in it, with the release its directory names ("libomp.so.5
 * (LLVM 14)").
 */
#ifndef OMPSCALE_OMPRUNTIME_H
#define OMPSCALE_OMPRUNTIME_H

#include <stddef.h>

/*
 * The runtime's file name in buf (e.g. "libgomp.so.1.0.0"); "" when no
 * known runtime is loaded (a static link).  Returns buf.
 */
char *ompruntime_name(char *buf, size_t len);

#endif
