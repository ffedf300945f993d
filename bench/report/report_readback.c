/*
 * report_readback.c: whatever one command writes, every other command reads
 * (report.h).  A result CSV or JSON is read back, before it is saved, by the
 * reader compare, plot and --wait-policy use (rf_read, rf_read_json); if that reader refuses it,
 * the save is refused too, and the message names the reader's complaint as a
 * bug of ompscale's: the writers record what they cannot know as empty
 * fields, which the reader accepts, so the check should never fire.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "resultfile.h"

/* Reads in (the CSV or JSON meant for path) as compare and plot would; 0, or 1 with why in err. */
static int report_readback(FILE *in, const char *path, bool json, char *err, size_t errlen)
{
    rf_file f;
    char why[1024];
    int refused = json ? rf_read_json(in, path, &f, why, sizeof why)
                       : rf_read(in, path, &f, why, sizeof why);
    if (refused) {
        snprintf(err, errlen,
                 "%s: not saved: ompscale's own reader (compare, plot) refuses the %s just "
                 "written, a bug of ompscale's (please report it): %s",
                 path, json ? "JSON" : "CSV", why);
        return OMPSCALE_FAIL;
    }
    rf_free(&f);
    return 0;
}

static int report_readback_file(const char *tmp, const char *path, bool json, char *err,
                                size_t errlen)
{
    FILE *in = fopen(tmp, "r");
    if (!in) {
        snprintf(err, errlen, "%s: cannot read back %s: %s", path, tmp, strerror(errno));
        return OMPSCALE_FAIL;
    }
    int status = report_readback(in, path, json, err, errlen);
    fclose(in);
    return status;
}

int report_readback_csv(const char *tmp, const char *path, char *err, size_t errlen)
{
    return report_readback_file(tmp, path, false, err, errlen);
}

int report_readback_json(const char *tmp, const char *path, char *err, size_t errlen)
{
    return report_readback_file(tmp, path, true, err, errlen);
}

int report_csv_checked(const sweep_result *r, FILE *out, const char *name, char *err,
                       size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        snprintf(err, errlen, "%s: out of memory for the CSV", name);
        return OMPSCALE_FAIL;
    }
    int status = report_csv.write(r, mem) != 0;
    status |= fclose(mem) != 0;
    if (status) {
        snprintf(err, errlen, "%s: out of memory for the CSV", name);
    } else {
        FILE *in = len ? fmemopen(text, len, "r") : NULL;
        status = in ? report_readback(in, name, false, err, errlen) : 1;
        if (!in)
            snprintf(err, errlen, "%s: cannot read the CSV back from memory", name);
        else
            fclose(in);
    }
    if (status == 0 && fwrite(text, 1, len, out) != len) /* the caller checks the stream */
        status = 1, err[0] = '\0';
    free(text);
    return status;
}
