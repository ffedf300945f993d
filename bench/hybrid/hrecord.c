/*
 * hrecord.c: the record of one hybrid launch (hrecord.h).  Lines:
 *   ompscale-hybrid-record VERSION
 *   ranks R   barrier_us allreduce_us
 *   rank  HOST CPUS MASK                     (R lines, in rank order)
 *   cell  KERNEL CONFIG THREADS OBTAINED_MIN OBTAINED_MAX FAILED VERIFIED SIZE
 *         RESULT REFERENCE ABS_ERROR TOLERANCE WORK UNIT RESULT_TEXT REFERENCE_TEXT
 *         PARAMS DETAIL
 *   rep   REGION_MAX REGION_MIN REGION_MEAN COMPUTE_MEAN COMPUTE_MAX MPI_MEAN
 *                                            (after their cell)
 * fields separated by tabs, reals with 17 significant digits.
 */
#include "hrecord.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define HR_MAX_FIELDS 24

/* A text field: tabs and line ends become spaces, empty becomes "-". */
static void hr_text(FILE *out, const char *text)
{
    if (!text[0]) {
        fputc('-', out);
        return;
    }
    for (const char *p = text; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, out);
}

int hrecord_write(const hrecord *r, FILE *out)
{
    fprintf(out, "ompscale-hybrid-record\t%d\n", HRECORD_VERSION);
    fprintf(out, "ranks\t%d\t%.17g\t%.17g\n", r->ranks, r->barrier_us, r->allreduce_us);
    for (int i = 0; i < r->ranks; i++) {
        fputs("rank\t", out);
        hr_text(out, r->rank[i].host);
        fprintf(out, "\t%d\t", r->rank[i].cpus);
        hr_text(out, r->rank[i].mask);
        fputc('\n', out);
    }
    for (size_t i = 0; i < r->ncells; i++) {
        const hrecord_cell *c = &r->cells[i];
        fputs("cell\t", out);
        hr_text(out, c->kernel);
        fprintf(out, "\t%d\t%d\t%d\t%d\t%d\t%d\t%" PRId64 "\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\t%d\t",
                c->config, c->threads, c->obtained_min, c->obtained_max, c->failed, c->verified,
                c->size, c->check.result, c->check.reference, c->check.abs_error,
                c->check.tolerance, c->work.amount, (int)c->work.unit);
        hr_text(out, c->check.result_text);
        fputc('\t', out);
        hr_text(out, c->check.reference_text);
        fputc('\t', out);
        hr_text(out, c->params);
        fputc('\t', out);
        hr_text(out, c->check.detail);
        fputc('\n', out);
        for (size_t j = 0; j < c->nreps; j++) {
            const hrecord_rep *p = &c->reps[j];
            fprintf(out, "rep\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\n", p->region_max_s,
                    p->region_min_s, p->region_mean_s, p->compute_mean_s, p->compute_max_s,
                    p->mpi_mean_s);
        }
    }
    return ferror(out) ? 1 : 0;
}

/* Splits line at tabs (in place); the number of fields. */
static int hr_split(char *line, char **fields)
{
    int n = 0;
    line[strcspn(line, "\n")] = '\0';
    for (char *p = line; n < HR_MAX_FIELDS;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static int hr_int(const char *text, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(text, &end, 10);
    return end == text || *end || errno ? 1 : 0;
}

static int hr_real(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return end == text || *end ? 1 : 0;
}

static void hr_copy(char *buf, size_t len, const char *text)
{
    snprintf(buf, len, "%s", strcmp(text, "-") == 0 ? "" : text);
}

/* Grows an array of `size`-byte items to hold one more; NULL out of memory. */
static void *hr_grow(void *items, size_t n, size_t size)
{
    return realloc(items, (n + 1) * size);
}

static int hr_cell(char **f, int nf, hrecord_cell *c)
{
    long long config, threads, omin, omax, failed, verified, size, unit;
    memset(c, 0, sizeof *c);
    if (nf != 19 || hr_int(f[2], &config) || hr_int(f[3], &threads) || hr_int(f[4], &omin) ||
        hr_int(f[5], &omax) || hr_int(f[6], &failed) || hr_int(f[7], &verified) ||
        hr_int(f[8], &size) || hr_real(f[9], &c->check.result) ||
        hr_real(f[10], &c->check.reference) || hr_real(f[11], &c->check.abs_error) ||
        hr_real(f[12], &c->check.tolerance) || hr_real(f[13], &c->work.amount) ||
        hr_int(f[14], &unit) || threads < 1 || unit < 0 || unit > KERNEL_UNIT_CONSTRUCT)
        return 1;
    hr_copy(c->kernel, sizeof c->kernel, f[1]);
    c->config = (int)config;
    c->threads = (int)threads;
    c->obtained_min = (int)omin;
    c->obtained_max = (int)omax;
    c->failed = failed != 0;
    c->verified = verified != 0;
    c->check.verified = c->verified;
    c->size = size;
    c->work.unit = (kernel_unit)unit;
    hr_copy(c->check.result_text, sizeof c->check.result_text, f[15]);
    hr_copy(c->check.reference_text, sizeof c->check.reference_text, f[16]);
    hr_copy(c->params, sizeof c->params, f[17]);
    hr_copy(c->check.detail, sizeof c->check.detail, f[18]);
    return 0;
}

int hrecord_read(const char *path, hrecord *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    FILE *in = fopen(path, "r");
    if (!in) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return 1;
    }
    char line[2048];
    char *f[HR_MAX_FIELDS];
    int lineno = 0, nranks = 0;
    long long v;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        int nf = hr_split(line, f);
        if (lineno == 1) {
            if (nf != 2 || strcmp(f[0], "ompscale-hybrid-record") != 0 || hr_int(f[1], &v) ||
                v != HRECORD_VERSION)
                goto bad;
        } else if (strcmp(f[0], "ranks") == 0) {
            if (nf != 4 || hr_int(f[1], &v) || v < 1 || v > 1 << 20 || r->rank ||
                hr_real(f[2], &r->barrier_us) || hr_real(f[3], &r->allreduce_us))
                goto bad;
            r->ranks = (int)v;
            if (!(r->rank = calloc((size_t)r->ranks, sizeof *r->rank)))
                goto nomem;
        } else if (strcmp(f[0], "rank") == 0) {
            if (nf != 4 || nranks >= r->ranks || hr_int(f[2], &v))
                goto bad;
            hr_copy(r->rank[nranks].host, sizeof r->rank[nranks].host, f[1]);
            r->rank[nranks].cpus = (int)v;
            hr_copy(r->rank[nranks].mask, sizeof r->rank[nranks].mask, f[3]);
            nranks++;
        } else if (strcmp(f[0], "cell") == 0) {
            hrecord_cell *cells = hr_grow(r->cells, r->ncells, sizeof *cells);
            if (!cells)
                goto nomem;
            r->cells = cells;
            if (hr_cell(f, nf, &r->cells[r->ncells]))
                goto bad;
            r->ncells++;
        } else if (strcmp(f[0], "rep") == 0) {
            if (nf != 7 || r->ncells == 0)
                goto bad;
            hrecord_cell *c = &r->cells[r->ncells - 1];
            hrecord_rep *reps = hr_grow(c->reps, c->nreps, sizeof *reps);
            if (!reps)
                goto nomem;
            c->reps = reps;
            hrecord_rep *p = &c->reps[c->nreps];
            if (hr_real(f[1], &p->region_max_s) || hr_real(f[2], &p->region_min_s) ||
                hr_real(f[3], &p->region_mean_s) || hr_real(f[4], &p->compute_mean_s) ||
                hr_real(f[5], &p->compute_max_s) || hr_real(f[6], &p->mpi_mean_s))
                goto bad;
            c->nreps++;
        } else {
            goto bad;
        }
    }
    fclose(in);
    if (lineno == 0 || r->ranks == 0 || nranks != r->ranks) {
        snprintf(err, errlen, "%s: incomplete record (%d of %d ranks' lines)", path, nranks,
                 r->ranks);
        hrecord_free(r);
        return 1;
    }
    return 0;
bad:
    snprintf(err, errlen, "%s:%d: not a line of an ompscale-hybrid-record %d", path, lineno,
             HRECORD_VERSION);
    goto fail;
nomem:
    snprintf(err, errlen, "%s: out of memory", path);
fail:
    fclose(in);
    hrecord_free(r);
    return 1;
}

void hrecord_free(hrecord *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        free(r->cells[i].reps);
    free(r->cells);
    free(r->rank);
    memset(r, 0, sizeof *r);
}
