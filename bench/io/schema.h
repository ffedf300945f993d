/*
 * schema.h: the one table of the result record.  Each column of a row (one
 * cell) has its name, type, unit, description, where it is written (the CSV,
 * each JSON row, the JSON's top level), how a reader takes it, and two
 * accessors: `get` takes its value out of a cell_result for the writers,
 * `read.set` puts a value read back into an rf_row (or the file's machine)
 * for the readers.  The CSV writer, the JSON writer, the CSV and JSON
 * readers (resultfile.h), `ompscale schema` (and so results/README.md's
 * column tables and the tests that read files back) all loop over
 * schema_columns; no other list of the columns exists.
 */
#ifndef OMPSCALE_SCHEMA_H
#define OMPSCALE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"
#include "resultfile.h"

/*
 * The version of the JSON record, written as its "schema_version" (a JSON
 * without one is version 0: ompscale 0.1.0's files).  Bump it when a reader
 * of the previous version would misread a file: a field removed or renamed,
 * its type, unit or meaning changed, or a new field that every reader must
 * understand.  A new column or field that older readers may ignore does not
 * bump it (they find columns and fields by name).  The reader refuses a file
 * of a higher version than this, and requires a column only from the
 * version it appeared in (`since`).
 * 1: "schema_version", rows[].times_s (every timed repetition), rows[].as_asked,
 *    scaling[].diagnosis and thread_counts_as_asked, the top level's timestamp.
 * 2: rows[].verified is a string, "true", "false" or "foreign" (a program
 *    ompscale does not check, imported by import-hyperfine), no longer a
 *    boolean; the reader takes the boolean of earlier versions as before.
 */
#define OMPSCALE_SCHEMA_VERSION 2

typedef enum { SCHEMA_TEXT, SCHEMA_INT, SCHEMA_REAL, SCHEMA_BOOL, SCHEMA_REALS } schema_type;

/* Where a column is written (bits). */
enum {
    SCHEMA_CSV = 1,      /* a column of the CSV, in table order */
    SCHEMA_JSON_ROW = 2, /* a field of each object of the JSON's rows[] */
    SCHEMA_JSON_TOP = 4, /* one field at the JSON's top level: the same for every row */
};

typedef enum {
    SCHEMA_UNREAD,   /* the readers ignore it */
    SCHEMA_OPTIONAL, /* read when the file has it */
    SCHEMA_REQUIRED, /* a file (of version `since` or later) without it is refused */
} schema_need;

typedef enum {
    SCHEMA_NEVER_EMPTY,       /* a value is required (a text: not empty) */
    SCHEMA_MAY_BE_EMPTY,      /* empty (JSON null): does not apply, or unknown */
    SCHEMA_EMPTY_WHEN_FAILED, /* empty allowed only on a row of 0 repetitions */
} schema_empty;

/*
 * One value of a column in one row: none (an empty CSV field, a JSON null)
 * or a value of the column's type.  A getter may point text at scratch, so a
 * schema_value is not copied.
 */
typedef struct schema_value {
    bool none;
    const char *text;     /* SCHEMA_TEXT */
    int64_t integer;      /* SCHEMA_INT */
    double real;          /* SCHEMA_REAL */
    const char *exact;    /* SCHEMA_REAL: exact integer text where the kernel gives one, or NULL */
    bool boolean;         /* SCHEMA_BOOL */
    const double *reals;  /* SCHEMA_REALS */
    size_t nreals;
    char scratch[64];
} schema_value;

typedef struct schema_read {
    schema_need need;
    int since;            /* the schema version that added it: required from that version on */
    schema_empty empty;
    bool empty_when_failed; /* must be empty on a row of 0 repetitions (a time) */
    int64_t min, max;     /* SCHEMA_INT: the valid range */
    double least;         /* SCHEMA_REAL, SCHEMA_REALS: the smallest valid value */
    /*
     * Stores v (never none unless the column may be empty) in the row or,
     * for the machine's columns, in machine; 0, or the size of the buffer a
     * text did not fit, or -1 out of memory.
     */
    int (*set)(rf_file *machine, rf_row *row, const schema_value *v);
    /* SCHEMA_TEXT: the only values it may hold, ending with NULL; NULL: any text */
    const char *const *words;
    /* A JSON of a version before this one holds it as a boolean, read as the word "true" or
     * "false" (0: never) */
    int bool_before;
} schema_read;

typedef struct schema_column {
    const char *name;
    schema_type type;
    const char *unit;        /* "" when the type says all (a name, a flag) */
    int group;               /* index in schema_groups: the heading it is documented under */
    /* Markdown; NULL: documented in one line with the column before it (same group and unit). */
    const char *description;
    unsigned where;          /* SCHEMA_CSV, SCHEMA_JSON_ROW, SCHEMA_JSON_TOP */
    int digits;              /* SCHEMA_REAL: significant digits in the CSV (0: 9) */
    /* The value of cell c of sweep r; a SCHEMA_JSON_TOP column reads r alone (c may be NULL). */
    void (*get)(const sweep_result *r, const cell_result *c, schema_value *v);
    schema_read read;
} schema_column;

/* A heading of results/README.md's column tables. */
typedef struct schema_group {
    const char *title;
    const char *note; /* after the title, or "" */
} schema_group;

/* The columns, in CSV order (JSON-only columns last), ending with {NULL}. */
extern const schema_column schema_columns[];
/* The headings, ending with {NULL}. */
extern const schema_group schema_groups[];

/* The number of columns. */
size_t schema_count(void);

/* The index of the column called name, or -1. */
int schema_index(const char *name);

/* The 1-based CSV position of column i, or 0 if it is not in the CSV. */
int schema_csv_position(size_t i);

/* The description of column i, that of the column it shares a line with if its own is NULL. */
const char *schema_description(size_t i);

/* "text", "int", "real", "bool", "real[]". */
const char *schema_type_name(schema_type t);

/*
 * The names of the columns a file of schema version `version` must have, in
 * table order, "a, b, c", in buf; `where` is SCHEMA_CSV (a CSV: version 0)
 * or SCHEMA_JSON_ROW | SCHEMA_JSON_TOP (a JSON).
 */
void schema_required_list(unsigned where, int version, char *buf, size_t len);

#endif
