/*
 * compare_warn.c: what compare says on stderr (compare_report.h): one
 * "ompscale: warning: ..." line per difference between the files that may
 * make a comparison mislead (ompscale version, timing method, compiler and
 * OpenMP version, parameters, sizes, kernels and cells not every file has),
 * why the gate gave cells no verdict, and the gate's list of regressions.
 */
#include <stdio.h>
#include <string.h>

#include "compare_report.h"
#include "text.h"

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


/* "OpenMP 4.5" from _OPENMP's yyyymm, or the number itself when it names no version known. */
static void compare_openmp_text(int version, char *buf, size_t len)
{
    static const struct {
        int yyyymm;
        const char *name;
    } versions[] = {{200505, "2.5"}, {200805, "3.0"}, {201107, "3.1"}, {201307, "4.0"},
                    {201511, "4.5"}, {201811, "5.0"}, {202011, "5.1"}, {202111, "5.2"},
                    {202411, "6.0"}, {0, NULL}};
    for (int i = 0; versions[i].name; i++)
        if (versions[i].yyyymm == version) {
            snprintf(buf, len, "OpenMP %s (%d)", versions[i].name, version);
            return;
        }
    snprintf(buf, len, "OpenMP %d", version);
}

void compare_build_text(const rf_file *file, char *buf, size_t len)
{
    char compiler[4 * sizeof file->compiler], openmp[64]; /* from the file: escaped */
    if (!file->compiler[0]) {
        snprintf(buf, len, "%s", file->schema_version < 0 ? "not recorded (a CSV)"
                                                          : "not recorded");
        return;
    }
    text_escape(file->compiler, compiler, sizeof compiler);
    if (file->openmp_version > 0)
        compare_openmp_text(file->openmp_version, openmp, sizeof openmp);
    else
        snprintf(openmp, sizeof openmp, "OpenMP not recorded");
    char runtime[4 * sizeof file->openmp_runtime];
    text_escape(file->openmp_runtime, runtime, sizeof runtime);
    snprintf(buf, len, "%s, %s%s%s", compiler, openmp, runtime[0] ? ", " : "", runtime);
}

static void compare_warn_build(const compare_model *m, FILE *err)
{
    char list[4096] = "", build[600];
    if (!m->build_differs)
        return;
    for (size_t f = 0; f < m->nfiles; f++) {
        compare_build_text(m->files[f], build, sizeof build);
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s %s", f ? "; " : "", m->label[f], build);
    }
    fprintf(err, "ompscale: warning: the files were built with different compilers, OpenMP "
                 "versions or runtimes (%s): their times differ by build as well as by "
                 "machine\n", list);
}

/* "squares" or "squares (configuration 2)", escaped (names come from the files). */
static void compare_config_name(const compare_config *cf, char *buf, size_t len)
{
    char kernel[4 * sizeof cf->kernel];
    text_escape(cf->kernel, kernel, sizeof kernel);
    if (cf->count > 1)
        snprintf(buf, len, "%s (configuration %d)", kernel, cf->index);
    else
        snprintf(buf, len, "%s", kernel);
}

/* ", only in LABEL, LABEL" for the files among nfiles whose has[] is set. */
static void compare_only_in(const compare_model *m, const bool *has, char *buf, size_t len)
{
    snprintf(buf, len, "only in");
    for (size_t f = 0, said = 0; f < m->nfiles; f++)
        if (has[f]) {
            size_t used = strlen(buf);
            snprintf(buf + used, len - used, "%s %s", said++ ? "," : "", m->label[f]);
        }
}

/* The cells of configuration c that file f has. */
static size_t compare_config_cells(const compare_model *m, size_t c, size_t f)
{
    size_t cells = 0;
    for (size_t i = 0; i < m->nseries; i++)
        for (size_t t = 0; m->series[i].config == c && t < m->series[i].nthreads; t++)
            cells += compare_cell_at(m, &m->series[i], t, f)->row != NULL;
    return cells;
}

/* The kernel configurations that not every file has, with which files have them. */
static void compare_warn_lone_kernels(const compare_model *m, FILE *err)
{
    char list[4096] = "", name[200], only[1200];
    size_t lone = 0;
    for (size_t c = 0; c < m->nconfigs; c++) {
        const compare_config *cf = &m->configs[c];
        bool has[COMPARE_MAX_FILES], all = true;
        size_t cells = 0;
        for (size_t f = 0; f < m->nfiles; f++) {
            has[f] = cf->params[f] != NULL;
            all &= has[f];
            cells += compare_config_cells(m, c, f);
        }
        if (all)
            continue;
        compare_config_name(cf, name, sizeof name);
        compare_only_in(m, has, only, sizeof only);
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s (%s, %zu cells)", lone++ ? "; " : "",
                 name, only, cells);
    }
    if (lone)
        fprintf(err, "ompscale: warning: not every file has these kernels, which are not "
                     "compared: %s\n", list);
}

enum { COMPARE_CELLS_NAMED = 8 }; /* cells named in the warning; the rest are counted */

/* The cells of kernel configurations every file has that not every file has. */
static void compare_warn_lone_cells(const compare_model *m, FILE *err)
{
    char list[4096] = "", name[200], only[1200];
    size_t lone = 0;
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        const compare_config *cf = &m->configs[s->config];
        bool everywhere = true;
        for (size_t f = 0; f < m->nfiles; f++)
            everywhere &= cf->params[f] != NULL;
        for (size_t t = 0; everywhere && t < s->nthreads; t++) {
            bool has[COMPARE_MAX_FILES], all = true;
            for (size_t f = 0; f < m->nfiles; f++) {
                has[f] = compare_cell_at(m, s, t, f)->row != NULL;
                all &= has[f];
            }
            if (all || lone++ >= COMPARE_CELLS_NAMED)
                continue;
            compare_config_name(cf, name, sizeof name);
            compare_only_in(m, has, only, sizeof only);
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s %s %s %d %s (%s)",
                     lone > 1 ? "; " : "", name, s->variant, s->schedule, s->threads[t],
                     s->threads[t] == 1 ? "thread" : "threads", only);
        }
    }
    if (lone > COMPARE_CELLS_NAMED) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "; and %zu more", lone - COMPARE_CELLS_NAMED);
    }
    if (lone)
        fprintf(err, "ompscale: warning: not every file has these cells, which are not "
                     "compared: %s\n", list);
}

/* Why the gate gave cells no verdict: files without times, cells of too few repetitions. */
static void compare_warn_gate(const compare_model *m, FILE *err)
{
    char list[2048] = "";
    if (!m->settings.verdicts_asked)
        return; /* the table's gate section says it */
    if (m->gate_counts[GATE_NO_TIMES]) {
        for (size_t f = 0; f < m->nfiles; f++) {
            bool times = false;
            for (size_t i = 0; i < m->files[f]->nrows; i++)
                times |= m->files[f]->rows[i].times != NULL;
            if (!times)
                compare_list(list, sizeof list, m->label[f],
                             m->files[f]->schema_version < 0 ? "(a CSV)" : "(a JSON before "
                                                                          "schema version 1)");
        }
        fprintf(err, "ompscale: warning: no repetition times in %s: no significance verdict "
                     "on %zu cells: compare the JSON files `ompscale run` writes\n", list,
                m->gate_counts[GATE_NO_TIMES]);
    }
    if (m->gate_counts[GATE_TOO_FEW])
        fprintf(err, "ompscale: warning: %zu cells have fewer than %d repetitions in one of the "
                     "files: no verdict on them (too few repetitions): run with --reps %d or "
                     "more\n", m->gate_counts[GATE_TOO_FEW], COMPARE_MIN_REPS, COMPARE_MIN_REPS);
}

void compare_warnings(const compare_model *m, FILE *err)
{
    compare_warn_files(m, err);
    compare_warn_build(m, err);
    for (size_t c = 0; c < m->nconfigs; c++)
        compare_warn_config(m, &m->configs[c], err);
    compare_warn_lone_kernels(m, err);
    compare_warn_lone_cells(m, err);
    compare_warn_gate(m, err);
}

size_t compare_regressions(const compare_model *m, FILE *err)
{
    char name[200];
    size_t found = 0;
    for (size_t i = 0; i < m->nseries; i++) {
        const compare_series *s = &m->series[i];
        for (size_t t = 0; t < s->nthreads; t++)
            for (size_t f = 1; f < m->nfiles; f++) {
                const compare_cell *c = compare_cell_at(m, s, t, f);
                if (c->gate.verdict != GATE_REGRESSION)
                    continue;
                found++;
                compare_config_name(&m->configs[s->config], name, sizeof name);
                fprintf(err, "ompscale: regression: %s %s %s %d %s: %s %.4g s against "
                             "%s %.4g s, %.2fx slower, p = %.2g\n",
                        name, s->variant, s->schedule, s->threads[t],
                        s->threads[t] == 1 ? "thread" : "threads", m->label[f],
                        c->row->median_s, m->label[0], compare_cell_at(m, s, t, 0)->row->median_s,
                        c->gate.slowdown, c->gate.p);
            }
    }
    if (found)
        fprintf(err, "ompscale: %zu cells slower than the baseline (%s) by more than %.2fx with "
                     "p < %g: exit status 3\n", found, m->label[0], m->settings.factor,
                m->settings.alpha);
    return found;
}
