/*
 * hplan.c: the splits of a hybrid sweep (hplan.h).
 */
#include "hplan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

static int hplan_add(hplan *p, int ranks, int threads)
{
    for (size_t i = 0; i < p->nsplits; i++)
        if (p->splits[i].ranks == ranks && p->splits[i].threads == threads)
            return OMPSCALE_OK;
    if (p->nsplits == HPLAN_MAX_SPLITS)
        return OMPSCALE_USAGE;
    p->splits[p->nsplits++] = (hplan_split){ranks, threads};
    return OMPSCALE_OK;
}

int hplan_default(int cores, hplan *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (cores < 1 || cores > HPLAN_MAX_PRODUCT / 2) {
        snprintf(err, errlen, "--cores %d: valid are 1 to %d", cores, HPLAN_MAX_PRODUCT / 2);
        return OMPSCALE_USAGE;
    }
    hplan_add(p, 1, 1);
    for (int total = cores; total <= 2 * cores; total += cores)
        for (int ranks = 1; ranks <= total; ranks++)
            if (total % ranks == 0 && hplan_add(p, ranks, total / ranks) != OMPSCALE_OK) {
                snprintf(err, errlen, "--cores %d: more than %d splits; give --splits instead",
                         cores, HPLAN_MAX_SPLITS);
                return OMPSCALE_USAGE;
            }
    return OMPSCALE_OK;
}

/* One count of a split: 1..HPLAN_MAX_PRODUCT; *end after it. */
static int hplan_count(const char *text, char **end, const char *what, const char *item,
                       long *out, char *err, size_t errlen)
{
    errno = 0;
    long v = strtol(text, end, 10);
    if (*end == text || errno == ERANGE || v < 1 || v > HPLAN_MAX_PRODUCT) {
        snprintf(err, errlen, "--splits '%s': %s must be 1 to %d in RANKSxTHREADS, e.g. 2x1",
                 item, what, HPLAN_MAX_PRODUCT);
        return OMPSCALE_USAGE;
    }
    *out = v;
    return OMPSCALE_OK;
}

int hplan_parse(const char *text, hplan *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    char item[64];
    const char *s = text;
    while (1) {
        size_t n = strcspn(s, ",");
        snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item - 1 ? n : sizeof item - 1), s);
        char *end;
        long ranks, threads;
        if (hplan_count(item, &end, "ranks", item, &ranks, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (*end != 'x') {
            snprintf(err, errlen, "--splits '%s': not RANKSxTHREADS: valid are e.g. 1x2,2x1",
                     item);
            return OMPSCALE_USAGE;
        }
        const char *t = end + 1;
        if (hplan_count(t, &end, "threads", item, &threads, err, errlen) != OMPSCALE_OK)
            return OMPSCALE_USAGE;
        if (*end != '\0' || n >= sizeof item - 1) {
            snprintf(err, errlen, "--splits '%s': not RANKSxTHREADS: valid are e.g. 1x2,2x1",
                     item);
            return OMPSCALE_USAGE;
        }
        if (ranks * threads > HPLAN_MAX_PRODUCT) {
            snprintf(err, errlen,
                     "--splits '%s': ranks x threads = %ld is over %d: valid are products "
                     "of at most %d",
                     item, ranks * threads, HPLAN_MAX_PRODUCT, HPLAN_MAX_PRODUCT);
            return OMPSCALE_USAGE;
        }
        if (hplan_add(p, (int)ranks, (int)threads) != OMPSCALE_OK) {
            snprintf(err, errlen, "--splits: more than %d splits: give at most %d",
                     HPLAN_MAX_SPLITS, HPLAN_MAX_SPLITS);
            return OMPSCALE_USAGE;
        }
        if (s[n] == '\0')
            return OMPSCALE_OK;
        s += n + 1;
    }
}

size_t hplan_rank_counts(const hplan *p, int *ranks)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nsplits; i++) {
        size_t j = 0;
        while (j < n && ranks[j] != p->splits[i].ranks)
            j++;
        if (j == n)
            ranks[n++] = p->splits[i].ranks;
    }
    return n;
}

void hplan_threads_of(const hplan *p, int ranks, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->nsplits && used < len; i++)
        if (p->splits[i].ranks == ranks) {
            int n = snprintf(buf + used, len - used, "%s%d", used ? "," : "", p->splits[i].threads);
            if (n < 0)
                return;
            used += (size_t)n;
        }
}
