/*
 * outlock.h: one writer per result prefix.  A command that writes
 * PREFIX.csv and PREFIX.json (run, import-hyperfine) holds an exclusive lock
 * on PREFIX.lock for its lifetime, so that two processes never write the
 * same pair: the second is refused at once, with the holder's pid.  The lock
 * file is removed when the lock is released, and by a signal or an exit
 * that ends the process (interrupt.h); a lock file left by a process that
 * was killed outright (SIGKILL) holds no lock and is taken over.
 *
 * outlock_unique picks a default prefix that no earlier or concurrent run
 * has: BASE, BASE-2, BASE-3, ..., the first whose lock is free and none of
 * whose files exist, so that runs started in the same second never replace
 * each other's results.
 */
#ifndef OMPSCALE_OUTLOCK_H
#define OMPSCALE_OUTLOCK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct outlock {
    int fd;          /* -1: not held */
    char path[4200]; /* PREFIX.lock */
    char *slot;      /* its copy in interrupt.h's slots, which a signal removes */
} outlock;

enum { OUTLOCK_TAKEN = 0, OUTLOCK_FAILED = 1, OUTLOCK_BUSY = 2 };

/*
 * Takes the lock of prefix.  OUTLOCK_TAKEN; OUTLOCK_BUSY when another
 * process holds it (its message, naming the pid, in err); OUTLOCK_FAILED
 * with a message in err when the lock file cannot be made.
 */
int outlock_take(const char *prefix, outlock *l, char *err, size_t errlen);

/* Releases the lock and removes its file; a lock not held (fd -1) is left alone. */
void outlock_release(outlock *l);

/*
 * Whether any of PREFIX<suffix><extension> exists, for each suffix (NULL-ended
 * list; NULL list: just "") and each of .csv and .json; the first found in
 * found (of size len).
 */
bool outlock_files_exist(const char *prefix, const char *const *suffixes, char *found,
                         size_t len);

/*
 * Takes the lock of the first of base, base-2, base-3, ... that is free and
 * whose files (with suffixes, as outlock_files_exist) do not exist; that
 * prefix in prefix.  0, or 1 with a message in err.
 */
int outlock_unique(const char *base, const char *const *suffixes, char *prefix, size_t len,
                   outlock *l, char *err, size_t errlen);

#endif
