/*
 * outlock.c: the lock of a result prefix (outlock.h).  flock() on
 * PREFIX.lock; after taking it, the file is checked to be the one that
 * bears the name (a holder that was releasing may have removed it), so that
 * two processes can never both hold a lock on the same name.
 */
#include "outlock.h"

#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"

#define OUTLOCK_MAX_TRIES 10000

/* The pid written in the lock file open as fd, or 0. */
static long outlock_holder(int fd)
{
    char buf[32] = "";
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

int outlock_take(const char *prefix, outlock *l, char *err, size_t errlen)
{
    char *path = l->path;
    l->fd = -1;
    l->slot = NULL;
    int n = snprintf(path, sizeof l->path, "%s.lock", prefix);
    if (n < 0 || (size_t)n >= sizeof l->path) {
        snprintf(err, errlen, "the prefix '%s' is too long", prefix);
        return OUTLOCK_FAILED;
    }
    for (int tries = 0; tries < 100; tries++) {
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) {
            snprintf(err, errlen, "cannot make the lock file %s: %s", path, strerror(errno));
            return OUTLOCK_FAILED;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int why = errno;
            long holder = outlock_holder(fd);
            close(fd);
            if (why != EWOULDBLOCK) {
                snprintf(err, errlen, "cannot lock %s: %s", path, strerror(why));
                return OUTLOCK_FAILED;
            }
            char pid[48] = "";
            if (holder > 0)
                snprintf(pid, sizeof pid, " (pid %ld)", holder);
            snprintf(err, errlen, "another ompscale%s is writing %s.csv and .json: wait for it to "
                                  "finish or choose another prefix", pid, prefix);
            return OUTLOCK_BUSY;
        }
        struct stat held, named;
        if (fstat(fd, &held) != 0 || stat(path, &named) != 0 || held.st_ino != named.st_ino ||
            held.st_dev != named.st_dev) {
            close(fd); /* the holder removed it as we opened it: take the new one */
            continue;
        }
        /* The pid only names the holder in a message: a file size limit may refuse it. */
        char pid[32];
        int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
            (void)ftruncate(fd, 0);
        /* A signal or an exit that ends the process removes it (interrupt.h). */
        l->slot = intr_tmp_begin(path);
        l->fd = fd;
        return OUTLOCK_TAKEN;
    }
    snprintf(err, errlen, "cannot lock %s: it keeps being replaced", path);
    return OUTLOCK_FAILED;
}

void outlock_release(outlock *l)
{
    if (l->fd < 0)
        return;
    unlink(l->path); /* while still holding the lock: see outlock_take's check */
    if (l->slot)
        intr_tmp_end(l->slot);
    close(l->fd);
    l->fd = -1;
    l->slot = NULL;
}

bool outlock_files_exist(const char *prefix, const char *const *suffixes, char *found,
                         size_t len)
{
    static const char *const none[] = {"", NULL};
    static const char *const extensions[] = {".csv", ".json"};
    for (const char *const *s = suffixes ? suffixes : none; *s; s++)
        for (int e = 0; e < 2; e++) {
            struct stat st;
            snprintf(found, len, "%s%s%s", prefix, *s, extensions[e]);
            if (lstat(found, &st) == 0)
                return true;
        }
    found[0] = '\0';
    return false;
}

int outlock_unique(const char *base, const char *const *suffixes, char *prefix, size_t len,
                   outlock *l, char *err, size_t errlen)
{
    char found[4300];
    for (int i = 1; i <= OUTLOCK_MAX_TRIES; i++) {
        int n = i == 1 ? snprintf(prefix, len, "%s", base) : snprintf(prefix, len, "%s-%d", base, i);
        if (n < 0 || (size_t)n >= len) {
            snprintf(err, errlen, "the name '%s' is too long", base);
            return OMPSCALE_FAIL;
        }
        int status = outlock_take(prefix, l, err, errlen);
        if (status == OUTLOCK_FAILED)
            return OMPSCALE_FAIL;
        if (status == OUTLOCK_BUSY)
            continue;
        if (!outlock_files_exist(prefix, suffixes, found, sizeof found))
            return 0;
        outlock_release(l);
    }
    snprintf(err, errlen, "no free name from %s to %s-%d: remove old results", base, base,
             OUTLOCK_MAX_TRIES);
    return OMPSCALE_FAIL;
}
