/*
 * files.c: safe file writing (files.h): sets of files written under
 * temporary names and renamed when all are complete, modes, and the checks
 * every command makes before it writes.
 */
#include "files.h"

#include "status.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"

/* The directory part of path, in buf. */
static void files_dir(const char *path, char *buf, size_t len)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(buf, len, "%s", dirname(copy));
}

int files_check_writable(const char *path, char *err, size_t errlen)
{
    char dir[4096], probe[4200];
    files_dir(path, dir, sizeof dir);
    snprintf(probe, sizeof probe, "%s/.ompscale-probe-XXXXXX", dir);
    int fd = mkstemp(probe);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write in '%s' (for %s): %s", dir, path, strerror(errno));
        return OMPSCALE_FAIL;
    }
    close(fd);
    unlink(probe);
    return 0;
}

bool files_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int files_check_replaceable(const char *path, char *err, size_t errlen)
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
    return OMPSCALE_FAIL;
}

/*
 * The mode a file written to path gets: an existing file's own permissions,
 * else what open(path, O_CREAT, 0666) would give under the user's umask.
 */
static mode_t files_mode(const char *path)
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

int files_rename(const char *tmp, const char *path, char *err, size_t errlen)
{
    if (files_check_replaceable(path, err, errlen) != 0)
        return OMPSCALE_FAIL;
    if (chmod(tmp, files_mode(path)) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        return OMPSCALE_FAIL;
    }
    return 0;
}

/* Writes o to a new temporary file next to its path, closed and complete; 0, or 1 with none left. */
static int files_write_tmp(const files_output *o, char **tmp, char *err, size_t errlen)
{
    char template[4200];
    snprintf(template, sizeof template, "%s.tmp-XXXXXX", o->path);
    /* Known to the signal handler, which removes it if a signal stops the process at once. */
    *tmp = intr_tmp_begin(template);
    if (!*tmp) {
        snprintf(err, errlen, "cannot write %s: too many files at once", o->path);
        return OMPSCALE_FAIL;
    }
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for %s: %s", o->path,
                 strerror(errno));
        intr_tmp_end(*tmp);
        return OMPSCALE_FAIL;
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
    if (chmod(*tmp, files_mode(o->path)) != 0) {
        snprintf(err, errlen, "cannot set the mode of %s: %s", *tmp, strerror(errno));
        goto fail;
    }
    return 0;
fail:
    unlink(*tmp);
    intr_tmp_end(*tmp);
    return OMPSCALE_FAIL;
}

int files_write_set(const files_output *outs, size_t n, char *err, size_t errlen)
{
    char *tmp[INTR_TMP_MAX];
    if (n > INTR_TMP_MAX) {
        snprintf(err, errlen, "cannot write %zu files as one set (at most %d)", n, INTR_TMP_MAX);
        return OMPSCALE_FAIL;
    }
    size_t written = 0;
    while (written < n && files_write_tmp(&outs[written], &tmp[written], err, errlen) == 0)
        written++;
    bool refused = false; /* before any rename */
    for (size_t i = 0; written == n && !refused && i < n; i++)
        refused = outs[i].check && outs[i].check(tmp[i], outs[i].path, err, errlen) != 0;
    for (size_t i = 0; written == n && !refused && i < n; i++)
        refused = files_check_replaceable(outs[i].path, err, errlen) != 0;
    if (written < n || refused) {
        for (size_t i = 0; i < written; i++) {
            unlink(tmp[i]);
            intr_tmp_end(tmp[i]);
        }
        return OMPSCALE_FAIL;
    }
    /* Every file complete: from here a signal that stops at once finishes the renames. */
    for (size_t i = 0; i < n; i++)
        intr_tmp_ready(tmp[i], outs[i].path);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        if (status == 0 && rename(tmp[i], outs[i].path) != 0) {
            snprintf(err, errlen, "cannot rename %s to %s: %s%s", tmp[i], outs[i].path,
                     strerror(errno), i > 0 ? " (the files before it were replaced)" : "");
            status = OMPSCALE_FAIL;
        }
        if (status != 0)
            unlink(tmp[i]);
        intr_tmp_end(tmp[i]);
    }
    return status;
}

int files_write_atomic(const char *path, int (*write)(const void *what, FILE *out),
                       const void *what, char *err, size_t errlen)
{
    files_output o = {path, write, what, NULL};
    return files_write_set(&o, 1, err, errlen);
}
