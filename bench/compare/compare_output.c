/*
 * compare_output.c: where a comparison goes (compare_report.h): the formats
 * by name, and a file written through a temporary name and a rename
 * (files_write_atomic).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare_report.h"
#include "files.h"
#include "text.h"

static const compare_format *const formats[] = {&compare_table, &compare_markdown, &compare_csv,
                                                &compare_json, NULL};

const char compare_format_names[] = "table, markdown, csv, json";

const compare_format *compare_format_find(const char *name)
{
    for (int i = 0; formats[i]; i++)
        if (strcmp(formats[i]->name, name) == 0)
            return formats[i];
    return NULL;
}

typedef struct compare_job {
    const compare_format *fmt;
    const compare_model *m;
} compare_job;

static int compare_job_write(const void *what, FILE *out)
{
    const compare_job *job = what;
    return job->fmt->write(job->m, out);
}

int compare_write_file(const compare_format *fmt, const compare_model *m, const char *path,
                       char *err, size_t errlen)
{
    compare_job job = {fmt, m};
    return files_write_atomic(path, compare_job_write, &job, err, errlen);
}
