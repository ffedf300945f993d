/*
 * launch.c: the mpirun or srun command line of one hybrid launch (launch.h).
 */
#include "launch.h"

#include <stdio.h>
#include <string.h>

typedef struct launch_builder {
    launch_argv *a;
    size_t n, nums;
    bool full;
} launch_builder;

static void lb_add(launch_builder *b, const char *word)
{
    if (b->n + 1 >= LAUNCH_MAX_ARGS) {
        b->full = true;
        return;
    }
    b->a->argv[b->n++] = (char *)word;
}

static void lb_number(launch_builder *b, const char *fmt, int v)
{
    char *slot = b->a->numbers[b->nums++];
    snprintf(slot, sizeof b->a->numbers[0], fmt, v);
    lb_add(b, slot);
}

int launch_build(const launch_spec *s, launch_argv *a)
{
    launch_builder b = {.a = a};
    memset(a, 0, sizeof *a);
    const bool over = s->ranks > s->cores || (long)s->ranks * s->max_threads > s->cores;
    const bool bind = !over && s->min_threads == s->max_threads;
    lb_add(&b, s->launcher);
    if (s->srun) {
        lb_number(&b, "--ntasks=%d", s->ranks);
        lb_number(&b, "--cpus-per-task=%d", bind ? s->max_threads : 1);
        lb_add(&b, bind ? "--cpu-bind=cores" : "--cpu-bind=none");
        if (over)
            lb_add(&b, "--overcommit");
    } else {
        lb_add(&b, "-n");
        lb_number(&b, "%d", s->ranks);
        if (bind) {
            lb_add(&b, "--map-by");
            lb_number(&b, "slot:PE=%d", s->max_threads);
            lb_add(&b, "--bind-to");
            lb_add(&b, "core");
        } else {
            lb_add(&b, "--bind-to");
            lb_add(&b, "none");
        }
        if (over)
            lb_add(&b, "--oversubscribe");
    }
    lb_add(&b, s->rank_program);
    lb_add(&b, "--out");
    lb_add(&b, s->out);
    lb_add(&b, "--threads");
    lb_add(&b, s->threads);
    lb_add(&b, "--reps");
    lb_number(&b, "%d", s->reps);
    if (s->preset) {
        lb_add(&b, "--preset");
        lb_add(&b, s->preset);
    }
    for (size_t i = 0; i < s->nplugins; i++) {
        lb_add(&b, "--plugin");
        lb_add(&b, s->plugins[i]);
    }
    for (size_t i = 0; i < s->nconfigs; i++)
        lb_add(&b, s->configs[i]);
    a->argv[b.n] = NULL;
    return b.full ? 1 : 0;
}

void launch_line(char *const *argv, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; argv[i] && used < len; i++) {
        const char *w = argv[i];
        bool quote = w[0] == '\0' || strpbrk(w, " \t\n'\"\\$`!*?[]{}()<>|&;#~") != NULL;
        int n = quote ? snprintf(buf + used, len - used, "%s'%s'", i ? " " : "", w)
                      : snprintf(buf + used, len - used, "%s%s", i ? " " : "", w);
        if (n < 0)
            return;
        used += (size_t)n;
    }
}
