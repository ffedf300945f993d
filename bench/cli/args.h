/*
 * args.h: a command's command line as one table.  Each command describes
 * itself once (args_command: its name, usage, what it does, and a table of
 * its options ending in a sentinel), and that table serves everything that
 * needs it: getopt_long reads the command line with it ("--opt value" and
 * "--opt=value", "--" ending the options, -h), the help text is printed from
 * it (and the man page made from the help by help2man), and the shell's
 * completion offers its names and values (complete.h).  The parameters of
 * the kernels a command may run are options too: they join the table at run
 * time, after the fixed options, from the kernels given to args_init.
 *
 * Options are never abbreviated: the table grows with kernels and plugins, so
 * an abbreviation that is unique today could name another option tomorrow,
 * and a command line saved in a script or in hyperfine's JSON (read back by
 * import-hyperfine) must keep its meaning.  "--thr" is refused with a message
 * naming --threads.
 *
 * Scanning prints nothing and keeps no state of its own between scans
 * (getopt_long's optind is reset before each one): once's parser, which
 * import-hyperfine calls once per command it reads, stays a pure function
 * of its words.
 */
#ifndef OMPSCALE_ARGS_H
#define OMPSCALE_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kernel.h"

struct option; /* <getopt.h> */

/* What an option's value is: whether it takes one, and what completion offers for it. */
typedef enum args_value {
    ARGS_FLAG,      /* no value */
    ARGS_TEXT,      /* a value completion cannot guess (a number, a list of thread counts) */
    ARGS_FILE,      /* a file name */
    ARGS_DIR,       /* a directory */
    ARGS_KERNELS,   /* kernel names, comma-separated */
    ARGS_VARIANT,   /* a variant name of the selected kernel */
    ARGS_VARIANTS,  /* variant names of the selected kernels, comma-separated */
    ARGS_PRESET,    /* a preset of the selected kernels */
    ARGS_CHOICE,    /* one of .choices */
    ARGS_CHOICES,   /* some of .choices, comma-separated */
} args_value;

typedef struct args_option {
    const char *name;    /* the option is --NAME */
    int id;              /* the command's own number for it, above 0 */
    args_value value;
    const char *metavar; /* the value as the help names it ("LIST"); NULL for a flag */
    const char *help;    /* its lines in the help, separated by '\n' */
    const char *choices; /* ARGS_CHOICE and ARGS_CHOICES: the valid values, "a,b,c" */
    char letter;         /* its short form (-V), or 0: most options have none */
    bool value_optional; /* the value only as --NAME=VALUE; --NAME alone gives it NULL */
} args_option;

/* Whose parameters a command takes as options besides its table. */
typedef enum args_params {
    ARGS_NO_PARAMS,     /* none */
    ARGS_EVERY_KERNEL,  /* those of every kernel (run: --kernel picks the kernels) */
    ARGS_FIRST_WORD,    /* those of the kernel its first word names (once) */
} args_params;

typedef struct args_command {
    const char *name;           /* "run"; "" for ompscale's own options */
    const char *summary;        /* one line for ompscale --help */
    const char *usage;          /* what follows "ompscale NAME" on the usage line */
    const char *about;          /* the lines after the usage line */
    const args_option *options; /* ending with a row whose name is NULL */
    const char *notes;          /* lines after the options, or NULL */
    args_params params;
    args_value words;           /* what its words are: ARGS_FILE, or ARGS_FLAG for none */
} args_command;

/* What args_next found. */
typedef enum args_kind {
    ARGS_END,    /* nothing more */
    ARGS_OPTION, /* an option of the table: .option, .value */
    ARGS_PARAM,  /* a kernel parameter: .name, .value */
    ARGS_WORD,   /* a word that is no option (a file, a kernel): .value */
    ARGS_HELP,   /* -h or --help */
    ARGS_UNKNOWN /* an option no row has: .opt; the command says what is valid */
} args_kind;

#define ARGS_OPT_MAX 128

typedef struct args_item {
    args_kind kind;
    const args_option *option; /* ARGS_OPTION */
    const char *name;          /* ARGS_OPTION, ARGS_PARAM: the name, without "--" */
    char opt[ARGS_OPT_MAX];    /* "--NAME" as the table has it; ARGS_UNKNOWN: as given, cut to fit */
    const char *value;         /* the value (NULL for a flag), or the word */
    int first, end;            /* the arguments it took: argv[first] .. argv[end - 1] */
} args_item;

typedef struct args_scan {
    const args_command *command;
    int nwords;
    char **words;         /* the command's name, then argv: what getopt_long reads */
    struct option *table; /* getopt_long's rows: the fixed options, the kernel
                             parameters, --help, and a zero row */
    size_t nfixed, nrows;
    char shorts[16];      /* getopt_long's optstring: "-:h" and the letters */
    int rest;             /* after "--" or the last option: the next word to give, or 0 */
    bool started;
} args_scan;

/*
 * Prepares to scan argv (the arguments after the command's name) with the
 * command's options and the parameters of kernels (NULL-ended, or NULL for
 * none; a parameter named like a fixed option or repeated is added once).
 * 0, or 1 out of memory.  args_free frees what it holds.
 */
int args_init(args_scan *s, const args_command *c, const kernel *const *kernels, int argc,
              char **argv);
void args_free(args_scan *s);

/*
 * The next item, from the start after args_init or args_rewind.  0 with
 * item->kind set (ARGS_END at the end), or 2 with "what was wrong: what is
 * valid" in err: a value missing ("--threads needs a value"), a value given
 * to a flag, an abbreviation, an unknown short option.  An unknown long
 * option is an item (ARGS_UNKNOWN), for the command's own message: run's and
 * once's name the parameters of the kernels they selected.
 */
int args_next(args_scan *s, args_item *item, char *err, size_t errlen);
void args_rewind(args_scan *s);

/* "NAME: unknown option 'OPT': valid are --a, --b, ..., --help" for an option or a word. */
void args_unknown_text(const args_scan *s, const args_item *item, char *err, size_t errlen);

/*
 * Whether argv asks for the help (-h or --help as an option, wherever it is),
 * and the values of option id in order, in values (argc entries; NULL: not
 * wanted) and *n: what a command must know before its table is complete (the
 * --plugin files whose kernels join it).  kernels: those known so far, as
 * for args_init.  Anything wrong is left for the full scan to say.  0, or 1
 * out of memory.
 */
int args_prescan(const args_command *c, const kernel *const *kernels, int argc, char **argv,
                 int id, bool *help, const char **values, size_t *n);

/* The help: usage line, about, one line per option (and --help), notes; each line indented. */
void args_print_help(const args_command *c, FILE *out, int indent);
/* Only the option lines of the help. */
void args_print_options(const args_command *c, FILE *out, int indent);

#endif
