/*
 * affinity.h: the CPUs this process may run on (sched_getaffinity), as a
 * count and as a list ("0-3,8"), and the binding pitfall of hybrid runs in
 * words: mpirun binds each rank to one core by default for small rank
 * counts, and libgomp then runs the whole team on it, with every thread it
 * was asked for (omp_get_num_threads says nothing is wrong).
 */
#ifndef OMPSCALE_AFFINITY_H
#define OMPSCALE_AFFINITY_H

#include <stddef.h>

/* The CPUs in this process's mask and the mask as a list in buf; 0 (buf "?") if unreadable. */
int affinity_cpus(char *buf, size_t len);

/*
 * The warning for a rank whose `threads` outnumber the `cpus` of its mask
 * (one line, no newline), naming the options that fix it; empty when
 * threads <= cpus or cpus is 0 (unknown).
 */
void affinity_warning(int rank, const char *host, int threads, int cpus, const char *mask,
                      char *buf, size_t len);

#endif
