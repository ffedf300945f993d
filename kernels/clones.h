/*
 * clones.h: CLONES_VECTOR, which compiles a function's loops twice, for the
 * baseline x86-64 the build targets and for x86-64-v4 (AVX-512), and picks
 * one when the program loads (GCC's and clang's target_clones, through a
 * glibc ifunc).  Only loops whose results cannot depend on the choice use
 * it: integer arithmetic, and IEEE operations that round the same in every
 * vector width (the build has -ffp-contract=off, so no clone fuses a
 * multiply and an add).  -DOMPSCALE_NO_CLONES, or a compiler or platform
 * without the attribute, leaves plain functions, which is how the tests
 * check the baseline code on a machine that would pick the AVX-512 clone.
 * Under ThreadSanitizer there are no clones either: the ifunc resolver runs
 * while the dynamic loader relocates the program, before TSan's runtime is
 * up, and TSan's instrumentation of it crashes the program at start.
 */
#ifndef OMPSCALE_CLONES_H
#define OMPSCALE_CLONES_H

#include <stdint.h> /* through glibc's features.h, __GLIBC__ where glibc is the C library */

#if defined(__SANITIZE_THREAD__) /* gcc */
#define OMPSCALE_NO_CLONES
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) /* clang */
#define OMPSCALE_NO_CLONES
#endif
#endif

#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
    !defined(OMPSCALE_NO_CLONES) && !defined(__AVX512F__)
#if __has_attribute(target_clones)
#define CLONES_VECTOR __attribute__((target_clones("default", "arch=x86-64-v4")))
#endif
#endif

#ifndef CLONES_VECTOR
#define CLONES_VECTOR
#endif

#endif
