/*
 * kernel.c: the generic helpers of the kernel interface (kernel.h): looking
 * up variants and parameters by name, and filling parameter values from
 * defaults, presets and command-line text.
 */
#include "kernel.h"

#include <stdio.h>
#include <string.h>

int kernel_variant_count(const kernel *k)
{
    int n = 0;
    while (k->variants[n].name)
        n++;
    return n;
}

const char *kernel_unit_name(kernel_unit unit)
{
    switch (unit) {
    case KERNEL_UNIT_BYTES:
        return "B";
    case KERNEL_UNIT_FLOP:
        return "flop";
    case KERNEL_UNIT_SAMPLE:
        return "sample";
    case KERNEL_UNIT_CONSTRUCT:
        return "construct";
    case KERNEL_UNIT_ITEM:
        break;
    }
    return "item";
}

void kernel_part_block(const kernel_part *part, int64_t n, int64_t *first, int64_t *count)
{
    const int64_t ranks = part->ranks, rank = part->rank;
    const int64_t base = n / ranks, extra = n % ranks;
    *count = base + (rank < extra ? 1 : 0);
    *first = rank * base + (rank < extra ? rank : extra);
}

int64_t kernel_part_cyclic_count(const kernel_part *part, int64_t n)
{
    return n > part->rank ? (n - part->rank + part->ranks - 1) / part->ranks : 0;
}

size_t kernel_part_block_len(int64_t n, int ranks)
{
    return (size_t)((n + ranks - 1) / ranks);
}

void kernel_part_block_pack(const kernel_part *part, int64_t n, const double *array, double *out)
{
    int64_t first, count;
    kernel_part_block(part, n, &first, &count);
    memset(out, 0, kernel_part_block_len(n, part->ranks) * sizeof *out);
    memcpy(out, array + first, (size_t)count * sizeof *out);
}

void kernel_part_block_unpack(int ranks, int64_t n, const double *partials, size_t stride,
                              double *array)
{
    for (int r = 0; r < ranks; r++) {
        int64_t first, count;
        kernel_part_block(&(kernel_part){r, ranks}, n, &first, &count);
        memcpy(array + first, partials + (size_t)r * stride, (size_t)count * sizeof *array);
    }
}

void kernel_tally_init(double *tally)
{
    tally[KERNEL_TALLY_WRONG] = tally[KERNEL_TALLY_WORST] = 0;
    tally[KERNEL_TALLY_SUM] = tally[KERNEL_TALLY_REF_SUM] = 0;
    tally[KERNEL_TALLY_FIRST_WRONG] = -1;
}

void kernel_tally_add(double *tally, int64_t i, double got, double want)
{
    if (memcmp(&got, &want, sizeof got) != 0) {
        if (tally[KERNEL_TALLY_FIRST_WRONG] < 0)
            tally[KERNEL_TALLY_FIRST_WRONG] = (double)i;
        tally[KERNEL_TALLY_WRONG]++;
        double d = got > want ? got - want : want - got;
        if (!(d <= tally[KERNEL_TALLY_WORST]))
            tally[KERNEL_TALLY_WORST] = d;
    }
    tally[KERNEL_TALLY_SUM] += got;
    tally[KERNEL_TALLY_REF_SUM] += want;
}

void kernel_part_tally_combine(int ranks, const double *partials, size_t stride, double *tally)
{
    kernel_tally_init(tally);
    for (int r = 0; r < ranks; r++) {
        const double *p = partials + (size_t)r * stride;
        tally[KERNEL_TALLY_WRONG] += p[KERNEL_TALLY_WRONG];
        if (tally[KERNEL_TALLY_FIRST_WRONG] < 0)
            tally[KERNEL_TALLY_FIRST_WRONG] = p[KERNEL_TALLY_FIRST_WRONG];
        if (!(p[KERNEL_TALLY_WORST] <= tally[KERNEL_TALLY_WORST]))
            tally[KERNEL_TALLY_WORST] = p[KERNEL_TALLY_WORST];
        tally[KERNEL_TALLY_SUM] += p[KERNEL_TALLY_SUM];
        tally[KERNEL_TALLY_REF_SUM] += p[KERNEL_TALLY_REF_SUM];
    }
}

size_t kernel_part_cyclic_len(int64_t n, int ranks, int narrays)
{
    return (size_t)narrays * kernel_part_block_len(n, ranks);
}

void kernel_part_cyclic_pack(const kernel_part *part, int64_t n, const double *const *arrays,
                             int narrays, double *out)
{
    const size_t per = kernel_part_block_len(n, part->ranks);
    memset(out, 0, (size_t)narrays * per * sizeof *out);
    for (int a = 0; a < narrays; a++) {
        size_t j = 0;
        for (int64_t i = part->rank; i < n; i += part->ranks)
            out[(size_t)a * per + j++] = arrays[a][i];
    }
}

void kernel_part_cyclic_unpack(int ranks, int64_t n, const double *partials, size_t stride,
                               double *const *arrays, int narrays)
{
    const size_t per = kernel_part_block_len(n, ranks);
    for (int r = 0; r < ranks; r++)
        for (int a = 0; a < narrays; a++) {
            const double *p = partials + (size_t)r * stride + (size_t)a * per;
            size_t j = 0;
            for (int64_t i = r; i < n; i += ranks)
                arrays[a][i] = p[j++];
        }
}

int kernel_variant_index(const kernel *k, const char *name)
{
    for (int i = 0; k->variants[i].name; i++)
        if (strcmp(k->variants[i].name, name) == 0)
            return i;
    return -1;
}

int kernel_param_count(const kernel *k)
{
    int n = 0;
    while (k->params[n].name)
        n++;
    return n;
}

int kernel_param_index(const kernel *k, const char *name)
{
    for (int i = 0; k->params[i].name; i++)
        if (strcmp(k->params[i].name, name) == 0)
            return i;
    return -1;
}

int kernel_set(const kernel *k, param_value *values, const char *name, const char *text,
               char *err, size_t errlen)
{
    int i = kernel_param_index(k, name);
    if (i < 0) {
        int n = snprintf(err, errlen, "kernel %s has no parameter '%s': valid are", k->name, name);
        for (int j = 0; k->params[j].name && n > 0 && (size_t)n < errlen; j++)
            n += snprintf(err + n, errlen - (size_t)n, " --%s", k->params[j].name);
        return 2;
    }
    return param_parse(&k->params[i], text, &values[i], err, errlen);
}

int kernel_assign(const kernel *k, param_value *values, const char *list, char *err,
                             size_t errlen)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) {
            snprintf(err, errlen, "kernel %s: malformed preset item '%s'", k->name, item);
            return 2;
        }
        *eq = '\0';
        if (kernel_set(k, values, item, eq + 1, err, errlen) != 0)
            return 2;
    }
    return 0;
}

int kernel_defaults(const kernel *k, const char *preset, param_value *values, char *err,
                    size_t errlen)
{
    for (int i = 0; k->params[i].name; i++)
        if (param_parse(&k->params[i], k->params[i].default_value, &values[i], err, errlen) != 0)
            return 2;
    if (!preset)
        return 0;
    for (int i = 0; k->presets && k->presets[i].name; i++)
        if (strcmp(k->presets[i].name, preset) == 0)
            return kernel_assign(k, values, k->presets[i].values, err, errlen);
    int n = snprintf(err, errlen, "kernel %s has no preset '%s': valid are", k->name, preset);
    for (int i = 0; k->presets && k->presets[i].name && n > 0 && (size_t)n < errlen; i++)
        n += snprintf(err + n, errlen - (size_t)n, " %s", k->presets[i].name);
    return 2;
}

void kernel_params_text(const kernel *k, const param_value *values, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int p = 0; k->params[p].name && used < len; p++) {
        char val[64];
        param_format(&k->params[p], &values[p], val, sizeof val);
        int w = snprintf(buf + used, len - used, "%s%s=%s", p ? " " : "", k->params[p].name, val);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}
