/*
 * sched.c: parsing, printing and applying OpenMP loop schedules (schedule.h).
 */
#include "schedule.h"

#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "param.h"

static const char *const sched_names[] = {"static", "dynamic", "guided"};

int sched_parse(const char *text, kernel_schedule *out, char *err, size_t errlen)
{
    const char *colon = strchr(text, ':');
    size_t name_len = colon ? (size_t)(colon - text) : strlen(text);
    for (int k = 0; k < 3; k++) {
        if (strlen(sched_names[k]) != name_len || strncmp(text, sched_names[k], name_len) != 0)
            continue;
        out->kind = (sched_kind)k;
        out->chunk = 0;
        if (!colon)
            return 0;
        int64_t chunk;
        if (param_parse_i64(colon + 1, 1, 1 << 30, &chunk) != 0) {
            snprintf(err, errlen, "chunk in '%s' must be a whole number from 1 to %d", text,
                     1 << 30);
            return 2;
        }
        out->chunk = (int)chunk;
        return 0;
    }
    snprintf(err, errlen, "unknown schedule '%s': valid are static, dynamic, guided, each with an "
                          "optional :CHUNK (e.g. dynamic:16)", text);
    return 2;
}

void sched_format(const kernel_schedule *s, char *buf, size_t len)
{
    if (s->chunk > 0)
        snprintf(buf, len, "%s:%d", sched_names[s->kind], s->chunk);
    else
        snprintf(buf, len, "%s", sched_names[s->kind]);
}

void sched_enter(sched_guard *g, const kernel_schedule *s)
{
    static const omp_sched_t kinds[] = {omp_sched_static, omp_sched_dynamic, omp_sched_guided};
    omp_sched_t kind;
    omp_get_schedule(&kind, &g->saved_chunk);
    g->saved_kind = (int)kind;
    omp_set_schedule(kinds[s->kind], s->chunk);
}

void sched_leave(const sched_guard *g)
{
    omp_set_schedule((omp_sched_t)g->saved_kind, g->saved_chunk);
}
