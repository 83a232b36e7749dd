#include "compat.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "exitcode.h"
#include "rule.h"
#include "strparse.h"
#include "xalloc.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sslsift: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage_error(const struct cli_command *c, const char *fmt, ...)
{
	va_list ap;

	fputs("sslsift: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_usage(stderr, c, false);
	return EXIT_USAGE;
}

void
cli_usage(FILE *f, const struct cli_command *c, bool full)
{
	fprintf(f, "usage: sslsift %s [options] %s\n", c->name, c->operands);
	if (!full) {
		fprintf(f, "Try 'sslsift %s --help' for more information.\n",
		    c->name);
		return;
	}
	fprintf(f, "\n%s\n\nOptions:\n", c->summary);
	for (const struct cli_option *o = c->opts; o->name != NULL; o++) {
		char left[64];

		if (o->val < OPT_LONG_BASE)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->val,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-28s %s\n", left, o->help);
	}
}

void
cli_parse_init(struct cli_parse *p, const struct cli_command *c, int argc,
    char **argv)
{
	struct option *lo;
	size_t n = 0, k = 0;

	memset(p, 0, sizeof(*p));
	p->cmd = c;
	p->argc = argc;
	p->argv = argv;
	p->operands = xcalloc((size_t)argc + 1, sizeof(*p->operands));
	for (const struct cli_option *o = c->opts; o->name != NULL; o++)
		n++;
	lo = xcalloc(n + 1, sizeof(*lo));
	/* '+': stop at the first operand on glibc too; we resume ourselves. */
	p->shortopts[k++] = '+';
	p->shortopts[k++] = ':';
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = &c->opts[i];

		lo[i].name = o->name;
		lo[i].has_arg = o->has_arg ? required_argument : no_argument;
		lo[i].flag = NULL;
		lo[i].val = o->val;
		if (o->val < OPT_LONG_BASE) {
			if (k + 3 >= sizeof(p->shortopts))
				BUG("too many short options");
			p->shortopts[k++] = (char)o->val;
			if (o->has_arg)
				p->shortopts[k++] = ':';
		}
	}
	p->shortopts[k] = '\0';
	p->longopts = lo;
	/* Restart getopt for this command's argv. */
	optind = 1;
	opterr = 0;
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__)
	optreset = 1;
#endif
}

static const char *
option_name(const struct cli_parse *p, int c)
{
	static char buf[64];
	const char *arg = p->argv[optind - 1];

	if (arg != NULL && strncmp(arg, "--", 2) == 0) {
		snprintf(buf, sizeof(buf), "%s", arg);
		buf[strcspn(buf, "=")] = '\0';
	} else {
		snprintf(buf, sizeof(buf), "-%c", c);
	}
	return buf;
}

int
cli_next(struct cli_parse *p)
{
	for (;;) {
		int c;

		if (p->only_operands) {
			if (optind >= p->argc)
				return -1;
			p->operands[p->noperands++] = p->argv[optind++];
			continue;
		}
		if (optind >= p->argc)
			return -1;
		c = getopt_long(p->argc, p->argv, p->shortopts, p->longopts,
		    NULL);
		if (c == -1) {
			if (optind >= p->argc)
				return -1;
			if (strcmp(p->argv[optind - 1], "--") == 0) {
				p->only_operands = true;
				continue;
			}
			p->operands[p->noperands++] = p->argv[optind++];
			continue;
		}
		if (c == '?') {
			if (optopt != 0 && optopt < OPT_LONG_BASE)
				cli_error("unknown option '-%c'", optopt);
			else
				cli_error("unknown option '%s'",
				    p->argv[optind - 1]);
			cli_usage(stderr, p->cmd, false);
			return '?';
		}
		if (c == ':') {
			cli_error("option '%s' needs a value",
			    option_name(p, optopt));
			cli_usage(stderr, p->cmd, false);
			return '?';
		}
		p->optarg = optarg;
		return c;
	}
}

void
cli_parse_release(struct cli_parse *p)
{
	free(p->operands);
	free(p->longopts);
	p->operands = NULL;
	p->longopts = NULL;
}

int
cli_bundle_option(struct bundle_opts *o, int val, const char *arg)
{
	uint64_t v;

	switch (val) {
	case OPT_LONG_BASE + 90:
	case OPT_LONG_BASE + 91:
	case OPT_LONG_BASE + 92:
		break;
	default:
		return 0;
	}
	if (!str_to_size(arg, &v) || v == 0) {
		cli_error("invalid size '%s' (use a number with an optional "
			  "K, M or G suffix)",
		    arg);
		return -1;
	}
	if (val == OPT_LONG_BASE + 90)
		o->max_file = v;
	else if (val == OPT_LONG_BASE + 91)
		o->max_total = v;
	else
		o->max_entries = v > ULONG_MAX ? ULONG_MAX : (unsigned long)v;
	return 1;
}

void
cli_batch_defaults(struct batch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	o->max_memory = BATCH_DEFAULT_MEMORY;
	o->timeout = BATCH_DEFAULT_TIMEOUT;
}

int
cli_batch_option(struct batch_opts *o, bool *quiet, int val, const char *arg)
{
	unsigned long long n;
	uint64_t v;

	switch (val) {
	case 'j':
		if (!str_to_ull(arg, &n) || n > BATCH_MAX_JOBS) {
			cli_error("invalid number of jobs '%s' (0 to %u)", arg,
			    BATCH_MAX_JOBS);
			return -1;
		}
		o->jobs = n == 0 ? batch_cpus() : (unsigned)n;
		if (o->jobs > BATCH_MAX_JOBS)
			o->jobs = BATCH_MAX_JOBS;
		return 1;
	case OPT_LONG_BASE + 93:
		if (!str_to_size(arg, &v) || (v > 0 && v < (16ULL << 20))) {
			cli_error("invalid memory size '%s' (0, or 16M or "
				  "more, with an optional K, M or G suffix)",
			    arg);
			return -1;
		}
		o->max_memory = v;
		return 1;
	case OPT_LONG_BASE + 94:
		if (!str_to_ull(arg, &n) || n > 86400 * 7) {
			cli_error("invalid timeout '%s' (seconds, 0 to 604800)",
			    arg);
			return -1;
		}
		o->timeout = (unsigned)n;
		return 1;
	case 'q':
		*quiet = true;
		return 1;
	default:
		return 0;
	}
}

int
cli_load_rules(const char *const *dirs, int ndirs, struct ruleset **out)
{
	struct ruleset *rs = ruleset_new();
	struct diag_list dl;
	int bad = 0;

	diag_list_init(&dl);
	if (ruleset_add_builtin(rs, &dl) < 0)
		bad = 1;
	for (int i = 0; i < ndirs; i++)
		if (ruleset_add_dir(rs, dirs[i], &dl) < 0)
			bad = 1;
	if (!bad && ruleset_finish(rs, &dl) < 0)
		bad = 1;
	for (size_t i = 0; i < dl.n; i++)
		cli_error("%s", dl.v[i].msg);
	if (dl.dropped[DIAG_ERROR] > 0)
		cli_error("%lu more rule errors not shown",
		    dl.dropped[DIAG_ERROR]);
	diag_list_release(&dl);
	if (bad) {
		ruleset_free(rs);
		*out = NULL;
		return EXIT_RULES;
	}
	*out = rs;
	return EXIT_OK;
}
