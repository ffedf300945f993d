/*
 * report.c: the reporter table and safe file writing (report.h).
 */
#include "report.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"

static const reporter *const reporters[] = {&report_csv, &report_json, &report_table, NULL};

const reporter *report_find(const char *name)
{
    for (int i = 0; reporters[i]; i++)
        if (strcmp(reporters[i]->name, name) == 0)
            return reporters[i];
    return NULL;
}

void report_schedule_text(const cell_result *c, char *buf, size_t len)
{
    if (!c->scheduled)
        snprintf(buf, len, "none");
    else
        sched_format(&c->schedule, buf, len);
}

/* The directory part of path, in buf. */
static void report_dir(const char *path, char *buf, size_t len)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(buf, len, "%s", dirname(copy));
}

int report_check_writable(const char *path, char *err, size_t errlen)
{
    char dir[4096], probe[4200];
    report_dir(path, dir, sizeof dir);
    snprintf(probe, sizeof probe, "%s/.ompscale-probe-XXXXXX", dir);
    int fd = mkstemp(probe);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write in '%s' (for %s): %s", dir, path, strerror(errno));
        return 1;
    }
    close(fd);
    unlink(probe);
    return 0;
}

int report_rename(const char *tmp, const char *path, char *err, size_t errlen)
{
    /* rename() would replace a device such as /dev/full, or an empty directory, by our file. */
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        snprintf(err, errlen, "%s exists and is not a regular file (%s): not replaced", path,
                 S_ISDIR(st.st_mode) ? "a directory" : "a device, FIFO or socket");
        return 1;
    }
    if (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        return 1;
    }
    return 0;
}

int report_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                        const void *what, char *err, size_t errlen)
{
    char template[4200];
    snprintf(template, sizeof template, "%s.tmp-XXXXXX", path);
    /* Known to the signal handler, which removes it if a signal stops the process at once. */
    char *tmp = intr_tmp_begin(template);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for %s: %s", path, strerror(errno));
        intr_tmp_end();
        return 1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        snprintf(err, errlen, "cannot open %s: %s", tmp, strerror(errno));
        close(fd);
        goto fail;
    }
    errno = 0;
    int failed = write(what, out) != 0;
    failed |= fflush(out) != 0 || ferror(out);
    failed |= fsync(fileno(out)) != 0 && errno != EINVAL;
    int saved = errno;
    failed |= fclose(out) != 0;
    if (failed) {
        saved = saved ? saved : errno;
        snprintf(err, errlen, "writing %s failed: %s", path,
                 saved ? strerror(saved) : "the writer reported an error");
        goto fail;
    }
    if (report_rename(tmp, path, err, errlen) != 0)
        goto fail;
    intr_tmp_end();
    return 0;
fail:
    unlink(tmp);
    intr_tmp_end();
    return 1;
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

int report_write_file(const reporter *rep, const sweep_result *r, const char *path, char *err,
                      size_t errlen)
{
    report_job job = {rep, r};
    return report_write_atomic(path, report_job_write, &job, err, errlen);
}
