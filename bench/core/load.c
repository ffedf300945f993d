/*
 * load.c: samples of how busy the machine is (load.h).
 */
#include "load.h"

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
    s->ok = load_stat(s) && avg && own;
}

void load_between(const load_sample *a, const load_sample *b, int P, load_share *out)
{
    out->seconds = b->at_s - a->at_s;
    out->others_cpus = out->steal_fraction = out->resolution_cpus = NAN;
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
