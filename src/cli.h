/*
 * Command-line plumbing shared by the commands: option tables that drive
 * both getopt_long(3) and the help text, error messages in one style, and
 * the options every command that reads bundles accepts.
 *
 * Only main.c, cli.c and cmd_*.c look at argv, write to stderr or choose
 * the exit status.
 */
#ifndef SSLSIFT_CLI_H
#define SSLSIFT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "bundle.h"
#include "compat.h"

/* Values for cli_option.val that have no short option. */
enum {
	OPT_LONG_BASE = 256,
};

struct cli_option {
	const char *name; /* long name, without "--" */
	int has_arg;	  /* 0 or 1 */
	int val;	  /* short option character, or >= OPT_LONG_BASE */
	const char *arg;  /* placeholder in help ("FORMAT"), NULL if none */
	const char *help; /* one line */
};

struct cli_command {
	const char *name;
	const char *operands; /* "INPUT..." */
	const char *summary;  /* one line for `sslsift --help` */
	const struct cli_option *opts;
	int (*run)(int argc, char **argv);
};

/* "sslsift: <message>" on stderr. */
void cli_error(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
 * Help for a command: its usage line and option table.  full=false prints
 * only the usage line and a pointer to --help (for usage errors).
 */
void cli_usage(FILE *f, const struct cli_command *c, bool full);

/*
 * Option parsing with getopt_long, driven by the command's table.  Options
 * may come before or after operands (the same on glibc and BSD); "--" ends
 * options.  Call cli_next() until it returns -1; operands are collected in
 * p->operands.  Unknown options print a message and the short usage and
 * return '?'.
 */
struct cli_parse {
	const struct cli_command *cmd;
	int argc;
	char **argv;
	char **operands;
	int noperands;
	const char *optarg;
	bool only_operands;
	char shortopts[64];
	void *longopts; /* struct option[], built from the table */
};

void cli_parse_init(struct cli_parse *p, const struct cli_command *c, int argc,
    char **argv);
int cli_next(struct cli_parse *p);
void cli_parse_release(struct cli_parse *p);

/*
 * The bundle options (limits) shared by scan and dump.  cli_bundle_option()
 * handles option `val` (with p->optarg) if it is one of them and returns 1,
 * 0 if it is not, -1 after printing an error for a bad value.
 */
#define CLI_BUNDLE_OPTIONS                                        \
	{ "max-file-size", 1, OPT_LONG_BASE + 90, "SIZE",         \
		"largest file read (default 4G)" },               \
	    { "max-bundle-size", 1, OPT_LONG_BASE + 91, "SIZE",   \
		    "most bytes read per bundle (default 16G)" }, \
	{                                                         \
		"max-files", 1, OPT_LONG_BASE + 92, "N",          \
		    "most files read per bundle (default 10000)"  \
	}

int cli_bundle_option(struct bundle_opts *o, int val, const char *arg);

/*
 * The options of commands that analyse bundles in worker processes
 * (batch.h), scan and test: -j, --max-memory, --timeout (and -q, which
 * only scan lists).  cli_batch_option() works like cli_bundle_option();
 * *quiet is set by -q.
 */
#define CLI_BATCH_OPTIONS                                                  \
	{ "jobs", 1, 'j', "N",                                             \
		"analyse N bundles at once (default 1; 0: one per CPU)" }, \
	    { "max-memory", 1, OPT_LONG_BASE + 93, "SIZE",                 \
		    "memory per bundle (default 2G; 0: no limit)" },       \
	{                                                                  \
		"timeout", 1, OPT_LONG_BASE + 94, "SECONDS",               \
		    "time per bundle (default 600; 0: no limit)"           \
	}

struct batch_opts;
int cli_batch_option(struct batch_opts *o, bool *quiet, int val,
    const char *arg);
/* The defaults of those options. */
void cli_batch_defaults(struct batch_opts *o);

/*
 * The expectation file of `sslsift test` inside a bundle folder.  Every
 * command leaves it out of the bundle (bundle_opts.skip_top): it is not
 * something the customer sent.
 */
#define CLI_EXPECT_NAME "expect"

/*
 * The rules every command that needs them loads: the built-in set plus
 * each --rules DIR, validated.  Returns EXIT_OK with *out set, or
 * EXIT_RULES after printing every problem ("sslsift: path:line: ...").
 */
struct ruleset;
int cli_load_rules(const char *const *dirs, int ndirs, struct ruleset **out);

/* The --rules option, shared by scan, rules and explain. */
#define CLI_RULES_OPTION                                           \
	{                                                          \
		"rules", 1, OPT_LONG_BASE + 80, "DIR",             \
		    "also load the rules in DIR (may be repeated)" \
	}
#define OPT_RULES (OPT_LONG_BASE + 80)

/* A usage error: message, short usage, and the status to exit with. */
int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
    PRINTF_LIKE(2, 3);

#endif /* SSLSIFT_CLI_H */
