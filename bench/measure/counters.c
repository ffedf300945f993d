/*
 * counters.c: getrusage and perf_event_open around each timed repetition
 * (counters.h).
 */
#include "counters.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>


static const char *const mode_names[] = {
    [COUNTERS_AUTO] = "auto", [COUNTERS_SW] = "sw", [COUNTERS_HW] = "hw",
    [COUNTERS_NONE] = "none"};

typedef struct counters_event_def {
    uint32_t type;
    uint64_t config;
} counters_event_def;

static const counters_event_def sw_events[COUNTERS_SW_EVENTS] = {
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
}, hw_events[COUNTERS_HW_EVENTS] = {
    {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    {PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
    {PERF_TYPE_HW_CACHE, PERF_COUNT_HW_CACHE_LL | (PERF_COUNT_HW_CACHE_OP_READ << 8) |
                             (PERF_COUNT_HW_CACHE_RESULT_MISS << 16)},
};

int counters_parse(const char *name, counters_mode *mode)
{
    for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
        if (strcmp(name, mode_names[i]) == 0) {
            *mode = (counters_mode)i;
            return 0;
        }
    return -1;
}

const char *counters_mode_name(counters_mode mode)
{
    return mode_names[mode];
}

/* /proc/sys/kernel/perf_event_paranoid, or -99 when unreadable. */
static int counters_paranoid(void)
{
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    int level = -99;
    if (f && fscanf(f, "%d", &level) != 1)
        level = -99;
    if (f)
        fclose(f);
    return level;
}

/*
 * One event of this process and the threads it creates from now on
 * (inherit), on any CPU; user space only for the hardware ones (what a
 * kernel's code does, and what perf_event_paranoid=2 allows).  The fd, or -1
 * with errno.
 */
static int counters_event(uint32_t type, uint64_t config, bool user_only)
{
    struct perf_event_attr a;
    memset(&a, 0, sizeof a);
    a.size = sizeof a;
    a.type = type;
    a.config = config;
    a.inherit = 1;
    a.exclude_kernel = user_only;
    a.exclude_hv = 1;
    a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
    return (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

/* Why an event could not be opened, in the user's words, from its errno. */
static void counters_why(int error, bool hardware, char *buf, size_t len)
{
    int paranoid = counters_paranoid();
    if (hardware && (error == ENOENT || error == ENODEV || error == EOPNOTSUPP))
        snprintf(buf, len, "no PMU: software events only");
    else if ((error == EACCES || error == EPERM) && paranoid != -99)
        snprintf(buf, len, "perf_event_paranoid=%d: perf_event_open refused (%s); lower it or "
                           "give CAP_PERFMON", paranoid, strerror(error));
    else
        snprintf(buf, len, "perf_event_open: %s", strerror(error));
}

/* Opens a set of n events into fds (all or none); 0, or the errno of the first refused. */
static int counters_open_set(const counters_event_def *events, size_t n, bool user_only,
                             int *fds)
{
    for (size_t i = 0; i < n; i++) {
        fds[i] = counters_event(events[i].type, events[i].config, user_only);
        if (fds[i] < 0) {
            int error = errno;
            for (size_t j = 0; j < i; j++) {
                close(fds[j]);
                fds[j] = -1;
            }
            return error ? error : EINVAL;
        }
    }
    return 0;
}

int counters_open(counters *c, counters_mode mode, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->mode = mode;
    for (int i = 0; i < COUNTERS_SW_EVENTS; i++)
        c->sw_fd[i] = -1;
    for (int i = 0; i < COUNTERS_HW_EVENTS; i++)
        c->hw_fd[i] = -1;
    ctx_counters *f = &c->facts;
    snprintf(f->asked, sizeof f->asked, "%s", mode_names[mode]);
    if (mode == COUNTERS_NONE) {
        snprintf(f->software_why, sizeof f->software_why, "--counters none");
        snprintf(f->hardware_why, sizeof f->hardware_why, "--counters none");
        return 0;
    }
    f->rusage = true;
    int error = counters_open_set(sw_events, COUNTERS_SW_EVENTS, false, c->sw_fd);
    f->software = error == 0;
    if (error)
        counters_why(error, false, f->software_why, sizeof f->software_why);
    if (mode == COUNTERS_SW) {
        snprintf(f->hardware_why, sizeof f->hardware_why, "--counters sw");
    } else {
        /* cycles and instructions together (IPC needs both); the LLC misses on their own */
        error = counters_open_set(hw_events, 2, true, c->hw_fd);
        f->hardware = error == 0;
        if (error)
            counters_why(error, true, f->hardware_why, sizeof f->hardware_why);
        f->llc = f->hardware && counters_open_set(hw_events + 2, 1, true, c->hw_fd + 2) == 0;
    }
    if (mode == COUNTERS_SW && !f->software) {
        snprintf(err, errlen, "--counters sw: the software events cannot be measured here: %s "
                              "(--counters auto measures what it can)", f->software_why);
        return -1;
    }
    if (mode == COUNTERS_HW && !f->hardware) {
        snprintf(err, errlen, "--counters hw: the hardware events cannot be measured here: %s "
                              "(--counters auto measures what it can)", f->hardware_why);
        return -1;
    }
    return 0;
}

/* An event's count so far, scaled up when the kernel multiplexed it; 0 unread. */
static double counters_value(int fd)
{
    uint64_t v[3]; /* value, time enabled, time running */
    if (fd < 0 || read(fd, v, sizeof v) != (ssize_t)sizeof v)
        return 0;
    if (v[2] > 0 && v[2] < v[1])
        return (double)v[0] * ((double)v[1] / (double)v[2]);
    return (double)v[0];
}

static double counters_seconds(struct timeval t)
{
    return (double)t.tv_sec + 1e-6 * (double)t.tv_usec;
}

void counters_read(const counters *c, counters_sample *s)
{
    memset(s, 0, sizeof *s);
    if (!c->facts.rusage)
        return;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) {
        s->user_s = counters_seconds(ru.ru_utime);
        s->sys_s = counters_seconds(ru.ru_stime);
        s->voluntary_switches = ru.ru_nvcsw;
        s->involuntary_switches = ru.ru_nivcsw;
    }
    for (int i = 0; i < COUNTERS_SW_EVENTS; i++)
        s->sw[i] = counters_value(c->sw_fd[i]);
    for (int i = 0; i < COUNTERS_HW_EVENTS; i++)
        s->hw[i] = counters_value(c->hw_fd[i]);
}

/* after - before as a count (never below 0: a scaled count may step back a little). */
static int64_t counters_delta(double before, double after)
{
    return after > before ? (int64_t)llround(after - before) : 0;
}

void counters_add(const counters *c, const counters_sample *before, const counters_sample *after,
                  double wall_s, cell_usage *u)
{
    const ctx_counters *f = &c->facts;
    if (!f->rusage)
        return;
    u->reps++;
    u->wall_s += wall_s;
    u->rusage = true;
    u->user_s += fmax(0, after->user_s - before->user_s);
    u->sys_s += fmax(0, after->sys_s - before->sys_s);
    u->voluntary_switches += after->voluntary_switches - before->voluntary_switches;
    u->involuntary_switches += after->involuntary_switches - before->involuntary_switches;
    u->software = f->software;
    u->hardware = f->hardware;
    u->llc = f->llc;
    if (f->software) {
        u->context_switches += counters_delta(before->sw[0], after->sw[0]);
        u->cpu_migrations += counters_delta(before->sw[1], after->sw[1]);
        u->page_faults += counters_delta(before->sw[2], after->sw[2]);
        u->task_clock_s += 1e-9 * (double)counters_delta(before->sw[3], after->sw[3]);
    }
    if (f->hardware) {
        u->cycles += counters_delta(before->hw[0], after->hw[0]);
        u->instructions += counters_delta(before->hw[1], after->hw[1]);
    }
    if (f->llc)
        u->llc_misses += counters_delta(before->hw[2], after->hw[2]);
}

void counters_close(counters *c)
{
    for (int i = 0; i < COUNTERS_SW_EVENTS; i++)
        if (c->sw_fd[i] >= 0)
            close(c->sw_fd[i]);
    for (int i = 0; i < COUNTERS_HW_EVENTS; i++)
        if (c->hw_fd[i] >= 0)
            close(c->hw_fd[i]);
    for (int i = 0; i < COUNTERS_SW_EVENTS; i++)
        c->sw_fd[i] = -1;
    for (int i = 0; i < COUNTERS_HW_EVENTS; i++)
        c->hw_fd[i] = -1;
}
