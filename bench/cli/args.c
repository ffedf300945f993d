/*
 * args.c: a command's options as one table, read with getopt_long and
 * printed as the help (args.h).
 */
#include "args.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* getopt_long gives row r of the table as ARGS_ROW + r; --help and -h as 'h'. */
enum { ARGS_ROW = 256 };

/* "NAME: " before a message about command NAME's arguments; nothing for ompscale's own. */
static const char *args_who(const args_scan *s, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", s->command->name, s->command->name[0] ? ": " : "");
    return buf;
}

/* The row called name among the first n, or -1. */
static int args_row(const struct option *rows, size_t n, const char *name, size_t len)
{
    for (size_t r = 0; r < n; r++)
        if (strncmp(rows[r].name, name, len) == 0 && rows[r].name[len] == '\0')
            return (int)r;
    return -1;
}

/*
 * getopt_long's rows: the fixed options (with their short letters in the
 * optstring), each kernel parameter not named already, then --help.
 */
static void args_fill_table(args_scan *s, const kernel *const *kernels)
{
    const args_option *fixed = s->command->options;
    size_t n = 0;
    snprintf(s->shorts, sizeof s->shorts, "-:h"); /* "-": words come back in order; ":": see ':' */
    for (; fixed[n].name; n++) {
        int has_arg = fixed[n].value == ARGS_FLAG ? no_argument
                      : fixed[n].value_optional ? optional_argument
                                                : required_argument;
        s->table[n] = (struct option){fixed[n].name, has_arg, NULL, ARGS_ROW + (int)n};
        if (fixed[n].letter) /* "o:" for one that takes a value, "o::" for an optional one */
            text_append(s->shorts, sizeof s->shorts, "%c%s", fixed[n].letter,
                        has_arg == no_argument ? "" : has_arg == optional_argument ? "::" : ":");
    }
    s->nfixed = n;
    for (size_t k = 0; kernels && kernels[k]; k++)
        for (const kernel_param *p = kernels[k]->params; p->name; p++) {
            if (strcmp(p->name, "help") == 0 || args_row(s->table, n, p->name, strlen(p->name)) >= 0)
                continue; /* a fixed option's name wins; a name shared by kernels is one row */
            s->table[n] = (struct option){p->name, required_argument, NULL, ARGS_ROW + (int)n};
            n++;
        }
    s->table[n++] = (struct option){"help", no_argument, NULL, 'h'};
    s->nrows = n;
}

int args_init(args_scan *s, const args_command *c, const kernel *const *kernels, int argc,
              char **argv)
{
    *s = (args_scan){.command = c};
    size_t rows = 2; /* --help and the zero row */
    for (const args_option *o = c->options; o->name; o++)
        rows++;
    for (size_t k = 0; kernels && kernels[k]; k++)
        rows += (size_t)kernel_param_count(kernels[k]);
    s->table = calloc(rows, sizeof *s->table);
    s->words = calloc((size_t)argc + 2, sizeof *s->words);
    if (!s->table || !s->words) {
        args_free(s);
        return OMPSCALE_FAIL;
    }
    s->words[0] = (char *)c->name;
    if (argc > 0)
        memcpy(s->words + 1, argv, (size_t)argc * sizeof *argv);
    s->nwords = argc + 1;
    args_fill_table(s, kernels);
    return 0;
}

void args_free(args_scan *s)
{
    free(s->table);
    free(s->words);
    s->table = NULL;
    s->words = NULL;
}

void args_rewind(args_scan *s)
{
    s->started = false;
    s->rest = 0;
}

/* The options of the table that name starts (len characters), as "--a, --b or --c", in buf. */
static size_t args_prefixed(const args_scan *s, const char *name, size_t len, char *buf,
                            size_t buflen)
{
    size_t found = 0, said = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < s->nrows; r++)
        found += strncmp(s->table[r].name, name, len) == 0;
    for (size_t r = 0; r < s->nrows; r++)
        if (strncmp(s->table[r].name, name, len) == 0) {
            said++;
            text_append(buf, buflen, "%s--%s", said == 1 ? "" : said < found ? ", " : " or ",
                        s->table[r].name);
        }
    return found;
}

/* name (len characters, as given) abbreviates options of the table: 2 with the message, or 0. */
static int args_abbreviation(const args_scan *s, const char *name, size_t len, char *err,
                             size_t errlen)
{
    char near[512], who[64];
    if (len == 0 || args_prefixed(s, name, len, near, sizeof near) == 0)
        return 0;
    snprintf(err, errlen, "%sunknown option '--%.*s': options are not abbreviated: did you mean "
                          "%s?", args_who(s, who, sizeof who), (int)(len < 64 ? len : 64), name, near);
    return OMPSCALE_USAGE;
}

/*
 * What getopt_long refused, or took as an abbreviation, of the long option
 * text ("--NAME" or "--NAME=VALUE"): 2 with the message, or 0 with an
 * ARGS_UNKNOWN item for an option no row has.  c: getopt_long's answer.
 */
static int args_long_problem(const args_scan *s, int c, const char *text, args_item *it,
                             char *err, size_t errlen)
{
    const char *name = text + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    int row = args_row(s->table, s->nrows, name, len);
    if (row >= 0 && c == ':') {
        snprintf(err, errlen, "--%s needs a value", s->table[row].name);
        return OMPSCALE_USAGE;
    }
    if (row >= 0 && eq && s->table[row].has_arg == no_argument) {
        snprintf(err, errlen, "--%s takes no value: give --%s alone", s->table[row].name,
                 s->table[row].name);
        return OMPSCALE_USAGE;
    }
    if (row < 0 && args_abbreviation(s, name, len, err, errlen) != 0)
        return OMPSCALE_USAGE;
    it->kind = ARGS_UNKNOWN;
    snprintf(it->opt, sizeof it->opt, "--%.*s", (int)(len < ARGS_OPT_MAX - 3 ? len : ARGS_OPT_MAX - 3),
             name);
    return 0;
}

/* The next of the words after "--" (or after the last option), or the end. */
static int args_rest(args_scan *s, args_item *it)
{
    *it = (args_item){.kind = ARGS_END};
    if (s->rest < s->nwords) {
        *it = (args_item){.kind = ARGS_WORD, .value = s->words[s->rest], .first = s->rest - 1,
                          .end = s->rest};
        s->rest++;
    }
    return 0;
}

/* A short option no row has ("-t"): 2 with the message, naming the short ones there are. */
static int args_short_problem(const args_scan *s, bool missing_value, char *err, size_t errlen)
{
    char shorts[64] = "", who[64];
    for (const char *l = s->shorts + 2; *l; l++)
        if (*l != ':') /* after a letter that takes a value */
            text_append(shorts, sizeof shorts, "%s-%c", shorts[0] ? ", " : "", *l);
    const char *opt = strchr(s->shorts + 2, optopt);
    if (missing_value && opt && opt[1] == ':') {
        snprintf(err, errlen, "%s-%c needs a value", args_who(s, who, sizeof who), optopt);
        return OMPSCALE_USAGE;
    }
    snprintf(err, errlen, "%sunexpected argument '-%c': options start with -- (short: %s)",
             args_who(s, who, sizeof who), optopt > 0x20 && optopt < 0x7f ? optopt : '?', shorts);
    return OMPSCALE_USAGE;
}

int args_next(args_scan *s, args_item *it, char *err, size_t errlen)
{
    if (s->rest)
        return args_rest(s, it);
    if (!s->started) {
        optind = 0; /* GNU: start afresh, forgetting any earlier scan */
        s->started = true;
    }
    opterr = 0;
    int at = optind > 0 ? optind : 1; /* where a long option or a word starts */
    int row = -1;
    int c = getopt_long(s->nwords, s->words, s->shorts, s->table, &row);
    *it = (args_item){.kind = ARGS_WORD, .value = optarg, .first = at - 1, .end = optind - 1};
    if (c == -1) { /* the options end: "--", or no word is left */
        s->rest = optind;
        return args_rest(s, it);
    }
    if (c == 1)
        return 0; /* a word, in its place among the options */
    if (c == 'h') {
        it->kind = ARGS_HELP;
        return 0;
    }
    for (size_t r = 0; r < s->nfixed && c > 0 && c < ARGS_ROW; r++)
        if (s->command->options[r].letter == c)
            c = ARGS_ROW + (int)r; /* its row, as the long form gives it */
    const char *text = s->words[at];
    bool is_long = strncmp(text, "--", 2) == 0;
    if ((c == '?' || c == ':') && !is_long)
        return args_short_problem(s, c == ':', err, errlen);
    if (c == '?' || c == ':')
        return args_long_problem(s, c, text, it, err, errlen);
    row = c - ARGS_ROW;
    size_t len = is_long ? strcspn(text + 2, "=") : 0;
    if (is_long && strlen(s->table[row].name) != len) { /* getopt_long took an abbreviation */
        args_abbreviation(s, text + 2, len, err, errlen);
        return OMPSCALE_USAGE;
    }
    it->kind = (size_t)row < s->nfixed ? ARGS_OPTION : ARGS_PARAM;
    it->option = (size_t)row < s->nfixed ? &s->command->options[row] : NULL;
    it->name = s->table[row].name;
    snprintf(it->opt, sizeof it->opt, "--%s", it->name);
    return 0;
}

void args_unknown_text(const args_scan *s, const args_item *item, char *err, size_t errlen)
{
    char who[64];
    snprintf(err, errlen, "%sunknown option '%s': valid are ", args_who(s, who, sizeof who),
             item->kind == ARGS_WORD ? item->value : item->opt);
    for (size_t r = 0; r < s->nrows; r++)
        text_append(err, errlen, "%s--%s", r ? ", " : "", s->table[r].name);
}

int args_prescan(const args_command *c, const kernel *const *kernels, int argc, char **argv,
                 int id, bool *help, const char **values, size_t *n)
{
    args_scan s;
    args_item it;
    char err[256];
    *help = false;
    if (n)
        *n = 0;
    if (args_init(&s, c, kernels, argc, argv) != 0)
        return OMPSCALE_FAIL;
    for (;;) {
        if (args_next(&s, &it, err, sizeof err) != 0)
            continue; /* the full scan says what is wrong */
        if (it.kind == ARGS_END)
            break;
        *help |= it.kind == ARGS_HELP;
        if (it.kind == ARGS_OPTION && it.option->id == id && values)
            values[(*n)++] = it.value;
    }
    args_free(&s);
    return 0;
}

/* Lines of text, each after indent spaces but the first (its line is begun). */
static void args_print_lines(FILE *out, const char *text, int indent)
{
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        int len = nl ? (int)(nl - line) : (int)strlen(line);
        fprintf(out, "%*s%.*s\n", line == text ? 0 : indent, "", len, line);
        line = nl ? nl + 1 : NULL;
    }
}

/* One option's line: "--NAME VALUE", padded to width, then its help. */
static void args_print_option(FILE *out, int indent, int width, const char *left, const char *help)
{
    int used = fprintf(out, "%*s  %s", indent, "", left) - indent;
    fprintf(out, "%*s", used + 2 > width ? 2 : width - used, "");
    args_print_lines(out, help, indent + width);
}

/* "-V, --version" or "--kernel K[,K]": an option as the help shows it, in buf. */
static int args_left(const args_option *o, char *buf, size_t len)
{
    char letter[8] = "";
    if (o->letter)
        snprintf(letter, sizeof letter, "-%c, ", o->letter);
    if (o->value_optional)
        return snprintf(buf, len, "%s--%s[=%s]", letter, o->name, o->metavar);
    return snprintf(buf, len, "%s--%s%s%s", letter, o->name, o->metavar ? " " : "",
                    o->metavar ? o->metavar : "");
}

void args_print_options(const args_command *c, FILE *out, int indent)
{
    enum { WIDEST = 24 }; /* a longer option puts its help two spaces after it */
    char left[96];
    int width = 16;
    for (const args_option *o = c->options; o->name; o++) {
        int len = args_left(o, left, sizeof left) + 4;
        if (len > width && len <= WIDEST)
            width = len;
    }
    for (const args_option *o = c->options; o->name; o++) {
        args_left(o, left, sizeof left);
        args_print_option(out, indent, width, left, o->help);
    }
    if (c->params != ARGS_NO_PARAMS)
        args_print_option(out, indent, width, "--PARAM VALUE",
                          c->params == ARGS_EVERY_KERNEL
                              ? "a parameter of the selected kernels, e.g. --work 8 (see\n"
                                "ompscale list)"
                              : "a parameter of the kernel, e.g. --work 8 (see ompscale list)");
    args_print_option(out, indent, width, "-h, --help", "this help");
}

void args_print_help(const args_command *c, FILE *out, int indent)
{
    fprintf(out, "%*susage: ompscale %s %s\n\n", indent, "", c->name, c->usage);
    if (c->about) {
        fprintf(out, "%*s", indent, "");
        args_print_lines(out, c->about, indent);
    }
    args_print_options(c, out, indent);
    if (c->notes) {
        fprintf(out, "%*s", indent, "");
        args_print_lines(out, c->notes, indent);
    }
}
