/*
 * load.c: samples of how busy the machine is (load.h).
 */
#include "load.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "clock.h"

/* The first line "cpu ..." and "procs_running N" of /proc/stat. */
static bool load_stat(load_sample *s)
{
    FILE *in = fopen("/proc/stat", "r");
    if (!in)
        return false;
    char line[512];
    bool cpu = false, running = false;
    double hz = (double)sysconf(_SC_CLK_TCK);
    while (fgets(line, sizeof line, in) && !(cpu && running)) {
        unsigned long long user, nice, sys, idle, iowait, irq, softirq, steal;
        if (!cpu && sscanf(line, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &sys,
                           &idle, &iowait, &irq, &softirq, &steal) == 8) {
            s->busy_s = (double)(user + nice + sys + irq + softirq) / hz;
            s->steal_s = (double)steal / hz;
            cpu = true;
        } else if (sscanf(line, "procs_running %d", &s->runnable) == 1) {
            running = true;
        }
    }
    fclose(in);
    return cpu && running && hz > 0;
}

/* This process's threads in state R (running or runnable), the caller among them; -1 if unknown. */
static int load_own_running(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int running = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[300], line[512];
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        FILE *in = fopen(path, "r");
        if (!in)
            continue;
        const char *close = fgets(line, sizeof line, in) ? strrchr(line, ')') : NULL;
        running += close && close[1] == ' ' && close[2] == 'R';
        fclose(in);
    }
    closedir(d);
    return running;
}

void load_read(load_sample *s)
{
    *s = (load_sample){.at_s = clock_now(), .loadavg_1m = NAN, .busy_s = NAN, .steal_s = NAN};
    FILE *in = fopen("/proc/loadavg", "r");
    bool avg = in && fscanf(in, "%lf", &s->loadavg_1m) == 1;
    if (in)
        fclose(in);
    struct rusage ru;
    bool own = getrusage(RUSAGE_SELF, &ru) == 0;
    if (own)
        s->own_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                   (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    /*
     * This process's running threads around the count, the most of the two:
     * an OpenMP worker that stops spinning as the count is taken is ours.
     */
    int mine = load_own_running();
    s->ok = load_stat(s) && avg && own;
    int after = load_own_running();
    mine = after > mine ? after : mine;
    s->others_runnable = mine >= 0 && s->runnable > mine ? s->runnable - mine : 0;
}

void load_between(const load_sample *a, const load_sample *b, int P, load_share *out)
{
    out->seconds = b->at_s - a->at_s;
    out->others_cpus = out->steal_fraction = out->resolution_cpus = NAN;
    out->others_runnable = a->ok && b->ok ? (a->others_runnable + b->others_runnable) / 2.0 : NAN;
    if (!a->ok || !b->ok || !(out->seconds > 0) || P < 1)
        return;
    double others = (b->busy_s - a->busy_s) - (b->own_s - a->own_s);
    /* The kernel counts in ticks (10 ms): a share of a tick either way is no other work. */
    out->others_cpus = fmax(0, others) / out->seconds;
    out->steal_fraction = fmax(0, b->steal_s - a->steal_s) / (out->seconds * P);
    out->resolution_cpus = 8 / (double)sysconf(_SC_CLK_TCK) / out->seconds;
}

bool load_busy(const load_share *s, double busy_cpus)
{
    return s->others_cpus - s->resolution_cpus > busy_cpus ||
           s->steal_fraction - s->resolution_cpus / 4 > LOAD_BUSY_STEAL;
}

bool load_judged(const load_share *s, double busy_cpus)
{
    return s->resolution_cpus < busy_cpus;
}

bool load_busy_runnable(const load_sample *const *samples, size_t n, double busy_cpus)
{
    /* The median of the counts: one sample that caught a passing task is not a busy machine. */
    int counts[2 * 256 + 1];
    size_t read = 0;
    for (size_t i = 0; i < n && read < sizeof counts / sizeof counts[0]; i++)
        if (samples[i]->ok) {
            int c = samples[i]->others_runnable;
            size_t at = read++;
            while (at > 0 && counts[at - 1] > c) { /* insertion: a few hundred at most */
                counts[at] = counts[at - 1];
                at--;
            }
            counts[at] = c;
        }
    if (read == 0)
        return false;
    double median = read % 2 ? counts[read / 2] : (counts[read / 2 - 1] + counts[read / 2]) / 2.0;
    return median > busy_cpus;
}
