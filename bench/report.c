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

bool report_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int report_check_replaceable(const char *path, char *err, size_t errlen)
{
    /*
     * rename() replaces whatever has the name: a device such as /dev/full, an
     * empty directory, or a symbolic link such as /dev/stdout (the link, not
     * what it points to) would become our file.
     */
    struct stat st;
    if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 0;
    snprintf(err, errlen, "'%s' exists and is not a regular file (%s): name a file to create or "
                          "replace", path,
             S_ISDIR(st.st_mode)   ? "a directory"
             : S_ISLNK(st.st_mode) ? "a symbolic link; name the file it points to"
                                   : "a device, FIFO or socket");
    return 1;
}

/*
 * The mode a file written to path gets: an existing file's own permissions,
 * else what open(path, O_CREAT, 0666) would give under the user's umask.
 */
static mode_t report_file_mode(const char *path)
{
    static mode_t mask;
    static bool known;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    if (!known) { /* umask() can only be read by setting it: put it straight back */
        mask = umask(077);
        umask(mask);
        known = true;
    }
    return 0666 & ~mask;
}

int report_rename(const char *tmp, const char *path, char *err, size_t errlen)
{
    if (report_check_replaceable(path, err, errlen) != 0)
        return 1;
    if (chmod(tmp, report_file_mode(path)) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        return 1;
    }
    return 0;
}

/* Writes o to a new temporary file next to its path, closed and complete; 0, or 1 with none left. */
static int report_write_tmp(const report_output *o, char **tmp, char *err, size_t errlen)
{
    char template[4200];
    snprintf(template, sizeof template, "%s.tmp-XXXXXX", o->path);
    /* Known to the signal handler, which removes it if a signal stops the process at once. */
    *tmp = intr_tmp_begin(template);
    if (!*tmp) {
        snprintf(err, errlen, "cannot write %s: too many files at once", o->path);
        return 1;
    }
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for %s: %s", o->path,
                 strerror(errno));
        intr_tmp_end(*tmp);
        return 1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        snprintf(err, errlen, "cannot open %s: %s", *tmp, strerror(errno));
        close(fd);
        goto fail;
    }
    errno = 0;
    int failed = o->write(o->what, out) != 0;
    failed |= fflush(out) != 0 || ferror(out);
    failed |= fsync(fileno(out)) != 0 && errno != EINVAL;
    int saved = errno;
    failed |= fclose(out) != 0;
    if (failed) {
        saved = saved ? saved : errno;
        snprintf(err, errlen, "writing %s failed: %s", o->path,
                 saved ? strerror(saved) : "the writer reported an error");
        goto fail;
    }
    if (chmod(*tmp, report_file_mode(o->path)) != 0) {
        snprintf(err, errlen, "cannot set the mode of %s: %s", *tmp, strerror(errno));
        goto fail;
    }
    return 0;
fail:
    unlink(*tmp);
    intr_tmp_end(*tmp);
    return 1;
}

int report_write_set(const report_output *outs, size_t n, char *err, size_t errlen)
{
    char *tmp[INTR_TMP_MAX];
    if (n > INTR_TMP_MAX) {
        snprintf(err, errlen, "cannot write %zu files as one set (at most %d)", n, INTR_TMP_MAX);
        return 1;
    }
    size_t written = 0;
    while (written < n && report_write_tmp(&outs[written], &tmp[written], err, errlen) == 0)
        written++;
    bool refused = false; /* before any rename */
    for (size_t i = 0; written == n && !refused && i < n; i++)
        refused = outs[i].check && outs[i].check(tmp[i], outs[i].path, err, errlen) != 0;
    for (size_t i = 0; written == n && !refused && i < n; i++)
        refused = report_check_replaceable(outs[i].path, err, errlen) != 0;
    if (written < n || refused) {
        for (size_t i = 0; i < written; i++) {
            unlink(tmp[i]);
            intr_tmp_end(tmp[i]);
        }
        return 1;
    }
    /* Every file complete: from here a signal that stops at once finishes the renames. */
    for (size_t i = 0; i < n; i++)
        intr_tmp_ready(tmp[i], outs[i].path);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        if (status == 0 && rename(tmp[i], outs[i].path) != 0) {
            snprintf(err, errlen, "cannot rename %s to %s: %s%s", tmp[i], outs[i].path,
                     strerror(errno), i > 0 ? " (the files before it were replaced)" : "");
            status = 1;
        }
        if (status != 0)
            unlink(tmp[i]);
        intr_tmp_end(tmp[i]);
    }
    return status;
}

int report_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                        const void *what, char *err, size_t errlen)
{
    report_output o = {path, write, what, NULL};
    return report_write_set(&o, 1, err, errlen);
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
    report_output outs[2];
    for (int i = 0; i < 2; i++) {
        snprintf(paths[i], 4200, "%s%s", prefix, reps[i]->extension);
        jobs[i] = (report_job){reps[i], r};
        outs[i] = (report_output){paths[i], report_job_write, &jobs[i], NULL};
    }
    outs[0].check = report_readback_csv; /* what compare and plot will read */
    outs[1].check = report_readback_json;
    return report_write_set(outs, 2, err, errlen);
}
