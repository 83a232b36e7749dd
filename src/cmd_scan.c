/*
 * sslsift scan: analyse bundles and report what breaks HTTPS.
 *
 * The rules (built in, plus --rules DIR) are loaded once; the events they
 * need decide which events the parsers keep.  Each INPUT is loaded,
 * combined and evaluated on its own and reported as text (for a person),
 * json (one object per line) or brief (one finding per line).  The exit
 * status is the worst of: 1 when a finding is at or above --fail-on, 2 when
 * an input could not be read completely.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cmd.h"
#include "exitcode.h"
#include "report.h"
#include "rule.h"
#include "xalloc.h"

enum scan_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_BRIEF,
};

enum {
	OPT_FAIL_ON = OPT_LONG_BASE + 1,
	OPT_AS_OF,
};

/* clang-format off */
static const struct cli_option scan_options[] = {
	{ "as-of", 1, OPT_AS_OF, "DATE",
	    "judge dates as of DATE (YYYY-MM-DD; default: newest event)" },
	{ "fail-on", 1, OPT_FAIL_ON, "LEVEL",
	    "exit 1 on findings at or above LEVEL: info, warning (default), "
	    "error, never" },
	{ "format", 1, 'f', "FORMAT",
	    "output format: text (default), json or brief" },
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_RULES_OPTION,
	CLI_BUNDLE_OPTIONS,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

/* The most severe finding, or -1 when there is none. */
static int
worst(const struct findings *fs)
{
	int w = -1;

	for (size_t i = 0; i < fs->n; i++)
		if ((int)fs->v[i].rule->severity > w)
			w = (int)fs->v[i].rule->severity;
	return w;
}

static int
cmd_scan(int argc, char **argv)
{
	struct cli_parse p;
	struct bundle_opts o;
	struct eval_opts eo;
	struct ruleset *rs = NULL;
	enum scan_format format = FORMAT_TEXT;
	int fail_on = SEV_WARNING; /* -1: never */
	const char **dirs;
	int ndirs = 0, c, ret = EXIT_OK;
	bool findings = false;

	bundle_opts_init(&o);
	memset(&eo, 0, sizeof(eo));
	dirs = xcalloc((size_t)argc + 1, sizeof(*dirs));
	cli_parse_init(&p, &cmd_scan_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		int r = cli_bundle_option(&o, c, p.optarg);
		enum severity sev;

		if (r == 1)
			continue;
		if (r < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
		switch (c) {
		case 'f':
			if (strcmp(p.optarg, "text") == 0) {
				format = FORMAT_TEXT;
			} else if (strcmp(p.optarg, "json") == 0) {
				format = FORMAT_JSON;
			} else if (strcmp(p.optarg, "brief") == 0) {
				format = FORMAT_BRIEF;
			} else {
				ret = cli_usage_error(&cmd_scan_def,
				    "unknown format '%s' (text, json or brief)",
				    p.optarg);
				goto out;
			}
			break;
		case OPT_FAIL_ON:
			if (strcmp(p.optarg, "never") == 0) {
				fail_on = -1;
			} else if (severity_from_name(p.optarg, &sev) == 0) {
				fail_on = (int)sev;
			} else {
				ret = cli_usage_error(&cmd_scan_def,
				    "unknown level '%s' (info, warning, error "
				    "or never)",
				    p.optarg);
				goto out;
			}
			break;
		case OPT_AS_OF:
			if (!rule_valid_date(p.optarg)) {
				ret = cli_usage_error(&cmd_scan_def,
				    "invalid date '%s' (use YYYY-MM-DD)",
				    p.optarg);
				goto out;
			}
			eo.as_of = p.optarg;
			break;
		case OPT_RULES:
			dirs[ndirs++] = p.optarg;
			break;
		case 'h':
			cli_usage(stdout, &cmd_scan_def, true);
			goto out;
		default:
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (p.noperands == 0) {
		ret = cli_usage_error(&cmd_scan_def, "no INPUT given");
		goto out;
	}
	if ((ret = cli_load_rules(dirs, ndirs, &rs)) != EXIT_OK)
		goto out;
	o.keep = ruleset_evfilter(rs);
	for (int i = 0; i < p.noperands; i++) {
		struct model *m = bundle_load(p.operands[i], &o);
		struct findings *fs;

		if (m->read_error) {
			for (size_t k = 0; k < m->diags.n; k++)
				if (m->diags.v[k].level == DIAG_ERROR)
					cli_error("%s", m->diags.v[k].msg);
			ret = EXIT_INPUT;
		}
		if (m->nartifacts == 0 && m->read_error &&
		    format != FORMAT_JSON) {
			model_free(m);
			continue;
		}
		fs = rule_eval(rs, m, &eo);
		if (fail_on >= 0 && worst(fs) >= fail_on)
			findings = true;
		if (format == FORMAT_JSON) {
			struct json *j = report_json(m, fs);
			char *s = json_print(j, false);

			puts(s);
			free(s);
			json_free(j);
		} else if (format == FORMAT_BRIEF) {
			report_brief(stdout, fs);
		} else {
			if (i > 0)
				putchar('\n');
			report_text(stdout, m, fs);
		}
		findings_free(fs);
		model_free(m);
	}
	if (findings && ret == EXIT_OK)
		ret = EXIT_FINDINGS;
out:
	ruleset_free(rs);
	free(dirs);
	cli_parse_release(&p);
	return ret;
}

const struct cli_command cmd_scan_def = {
	"scan",
	"INPUT...",
	"analyse bundles and report what breaks HTTPS",
	scan_options,
	cmd_scan,
};
