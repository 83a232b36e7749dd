/*
 * sslsift rules: list the loaded rules (id, severity, title), built in and
 * from --rules directories.  sslsift explain ID: print a rule's page.
 * Both validate the rules as scan does, so they double as a check of a
 * rules directory (exit 4 with path:line on a bad file).
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "escape.h"
#include "exitcode.h"
#include "rule.h"
#include "xalloc.h"

/* clang-format off */
static const struct cli_option rules_options[] = {
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_RULES_OPTION,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

/*
 * Options shared by both commands.  Returns EXIT_OK with the rules loaded,
 * or the status to exit with (-1: --help was printed, exit 0).
 */
static int
parse_and_load(const struct cli_command *def, struct cli_parse *p, int argc,
    char **argv, struct ruleset **rs)
{
	const char **dirs = xcalloc((size_t)argc + 1, sizeof(*dirs));
	int ndirs = 0, c, ret = EXIT_OK;

	*rs = NULL;
	cli_parse_init(p, def, argc, argv);
	while ((c = cli_next(p)) != -1) {
		switch (c) {
		case OPT_RULES:
			dirs[ndirs++] = p->optarg;
			break;
		case 'h':
			cli_usage(stdout, def, true);
			ret = -1;
			goto out;
		default:
			ret = EXIT_USAGE;
			goto out;
		}
	}
	ret = cli_load_rules(dirs, ndirs, rs);
out:
	free(dirs);
	return ret;
}

static int
cmd_rules(int argc, char **argv)
{
	struct cli_parse p;
	struct ruleset *rs;
	int ret = parse_and_load(&cmd_rules_def, &p, argc, argv, &rs);

	if (ret != EXIT_OK)
		goto out;
	if (p.noperands > 0) {
		ret = cli_usage_error(&cmd_rules_def, "unexpected operand '%s'",
		    p.operands[0]);
		goto out;
	}
	for (size_t i = 0; i < ruleset_count(rs); i++) {
		const struct rule *r = ruleset_at(rs, i);

		printf("%-7s %-8s ", r->id, severity_name(r->severity));
		esc_fputs(r->title, stdout);
		if (!r->builtin) {
			fputs(" [", stdout);
			esc_fputs(r->path, stdout);
			putchar(']');
		}
		putchar('\n');
	}
out:
	ruleset_free(rs);
	cli_parse_release(&p);
	return ret < 0 ? EXIT_OK : ret;
}

static int
cmd_explain(int argc, char **argv)
{
	struct cli_parse p;
	struct ruleset *rs;
	const struct rule *r;
	int ret = parse_and_load(&cmd_explain_def, &p, argc, argv, &rs);

	if (ret != EXIT_OK)
		goto out;
	if (p.noperands != 1) {
		ret = cli_usage_error(&cmd_explain_def,
		    p.noperands == 0 ? "no rule ID given" : "give one rule ID");
		goto out;
	}
	r = ruleset_find(rs, p.operands[0]);
	if (r == NULL) {
		ret = cli_usage_error(&cmd_explain_def,
		    "unknown rule '%s' (see 'sslsift rules')", p.operands[0]);
		goto out;
	}
	fputs(r->page, stdout);
	if (r->page[0] != '\0' && r->page[strlen(r->page) - 1] != '\n')
		putchar('\n');
out:
	ruleset_free(rs);
	cli_parse_release(&p);
	return ret < 0 ? EXIT_OK : ret;
}

const struct cli_command cmd_rules_def = {
	"rules",
	"",
	"list the rules: id, severity and title",
	rules_options,
	cmd_rules,
};

const struct cli_command cmd_explain_def = {
	"explain",
	"ID",
	"print the page of a rule: why it matters and how to fix it",
	rules_options,
	cmd_explain,
};
