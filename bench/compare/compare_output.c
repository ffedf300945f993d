/*
 * compare_output.c: where a comparison goes (compare_report.h): the formats
 * by name, a file written through a temporary name and a rename
 * (files_write_atomic), and the warnings about differences between the
 * files that may make a comparison mislead.
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
                                                NULL};

const char compare_format_names[] = "table, markdown, csv";

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

/* Appends ", LABEL TEXT" (the first without the comma) to buf; TEXT, from a file, escaped. */
static void compare_list(char *buf, size_t len, const char *label, const char *text)
{
    size_t used = strlen(buf);
    char safe[1200];
    if (used < len)
        snprintf(buf + used, len - used, "%s%s %s", used ? ", " : "", label,
                 text_escape(text, safe, sizeof safe));
}

static void compare_warn_files(const compare_model *m, FILE *err)
{
    char list[2048] = "";
    if (m->version_differs) {
        for (size_t f = 0; f < m->nfiles; f++)
            compare_list(list, sizeof list, m->label[f],
                         m->files[f]->version[0] ? m->files[f]->version : "(not recorded)");
        fprintf(err, "ompscale: warning: the files come from different ompscale versions (%s): "
                     "compare results of one version\n", list);
    }
    list[0] = '\0';
    if (m->timing_differs) {
        for (size_t f = 0; f < m->nfiles; f++)
            compare_list(list, sizeof list, m->label[f], m->files[f]->timing);
        fprintf(err, "ompscale: warning: the files differ in timing method (%s): whole-process "
                     "times include process start-up, so times and speedups differ by method\n",
                list);
    }
}

static void compare_warn_config(const compare_model *m, const compare_config *cf, FILE *err)
{
    char list[4096] = "", name[96], value[300];
    snprintf(name, sizeof name, "%s", cf->kernel);
    if (cf->count > 1)
        snprintf(name, sizeof name, "%s (configuration %d)", cf->kernel, cf->index);
    for (size_t f = 0; f < m->nfiles && cf->params_differ; f++)
        if (cf->params[f]) {
            snprintf(value, sizeof value, "'%s'", cf->params[f]);
            compare_list(list, sizeof list, m->label[f], value);
        }
    if (cf->params_differ)
        fprintf(err, "ompscale: warning: %s: the machines ran different parameters (%s): "
                     "run the same parameters to compare\n", name, list);
    list[0] = '\0';
    for (size_t f = 0; f < m->nfiles && cf->size_differ; f++)
        if (cf->params[f]) {
            snprintf(value, sizeof value, "%lld", cf->size[f]);
            compare_list(list, sizeof list, m->label[f], value);
        }
    if (cf->size_differ)
        fprintf(err, "ompscale: warning: %s: the machines ran different sizes (%s): run the "
                     "same size to compare\n", name, list);
}

void compare_warnings(const compare_model *m, FILE *err)
{
    compare_warn_files(m, err);
    for (size_t c = 0; c < m->nconfigs; c++)
        compare_warn_config(m, &m->configs[c], err);
}
