/*
 * report.c: the reporter table, and a sweep's CSV and JSON written as one
 * set through files.h, each read back first (report.h).
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "files.h"

static const reporter *const reporters[] = {&report_csv, &report_json, &report_table, NULL};

const reporter *report_find(const char *name)
{
    for (int i = 0; reporters[i]; i++)
        if (strcmp(reporters[i]->name, name) == 0)
            return reporters[i];
    return NULL;
}

typedef struct report_job {
    const reporter *rep;
    const sweep_result *r;
} report_job;

static int report_job_write(const void *what, FILE *out)
{
    const report_job *job = what;
    return job->rep->write(job->r, out);
}

int report_write_results(const sweep_result *r, const char *prefix, char paths[2][4200],
                         char *err, size_t errlen)
{
    const reporter *reps[2] = {&report_csv, &report_json};
    report_job jobs[2];
    files_output outs[2];
    for (int i = 0; i < 2; i++) {
        snprintf(paths[i], 4200, "%s%s", prefix, reps[i]->extension);
        jobs[i] = (report_job){reps[i], r};
        outs[i] = (files_output){paths[i], report_job_write, &jobs[i], NULL};
    }
    outs[0].check = report_readback_csv; /* what compare and plot will read */
    outs[1].check = report_readback_json;
    return files_write_set(outs, 2, err, errlen);
}
