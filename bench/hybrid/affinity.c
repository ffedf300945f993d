/*
 * affinity.c: a process's CPU mask and the binding warning (affinity.h).
 */
#include "affinity.h"

#include <sched.h>
#include <stdio.h>

/* Appends "a" or "a-b" to buf at *used. */
static void affinity_range(char *buf, size_t len, size_t *used, int first, int last)
{
    if (*used >= len)
        return;
    int n = first == last ? snprintf(buf + *used, len - *used, "%s%d", *used ? "," : "", first)
                          : snprintf(buf + *used, len - *used, "%s%d-%d", *used ? "," : "",
                                     first, last);
    if (n > 0)
        *used += (size_t)n;
}

int affinity_cpus(char *buf, size_t len)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    snprintf(buf, len, "?");
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 0;
    size_t used = 0;
    buf[0] = '\0';
    int count = 0, first = -1, last = -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set))
            continue;
        count++;
        if (first >= 0 && cpu == last + 1) {
            last = cpu;
            continue;
        }
        if (first >= 0)
            affinity_range(buf, len, &used, first, last);
        first = last = cpu;
    }
    if (first >= 0)
        affinity_range(buf, len, &used, first, last);
    return count;
}

void affinity_warning(int rank, const char *host, int threads, int cpus, const char *mask,
                      char *buf, size_t len)
{
    buf[0] = '\0';
    if (cpus < 1 || threads <= cpus)
        return;
    snprintf(buf, len,
             "ompscale-hybrid-rank: warning: rank %d on %s runs %d threads on %d CPU%s "
             "(affinity mask %s): they share them; unless that is meant (a split past the "
             "cores), launch with mpirun --bind-to none or --map-by slot:PE=%d, or srun "
             "--cpus-per-task=%d",
             rank, host, threads, cpus, cpus == 1 ? "" : "s", mask, threads, threads);
}
