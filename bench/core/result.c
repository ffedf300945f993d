/*
 * result.c: reading the one result struct (result.h): a configuration's
 * serial cell and a cell's schedule as text, which the analysis, the
 * reporters and the schema all ask for, from below all of them.
 */
#include "result.h"

#include <stdio.h>

const cell_result *result_serial(const sweep_result *r, int group)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].group == group && r->cells[i].variant == 0 && r->cells[i].reps > 0)
            return &r->cells[i];
    return NULL;
}

void result_schedule_text(const cell_result *c, char *buf, size_t len)
{
    if (!c->scheduled)
        snprintf(buf, len, "none");
    else
        sched_format(&c->schedule, buf, len);
}
