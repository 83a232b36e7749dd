/*
 * sslsift dump: the parsed model of each bundle as JSON, for debugging
 * parsers and for golden tests.  One pretty-printed object per INPUT.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>

#include "bundle.h"
#include "cmd.h"
#include "combine.h"
#include "exitcode.h"
#include "model_json.h"

/* clang-format off */
static const struct cli_option dump_options[] = {
	{ "all-events", 0, OPT_LONG_BASE + 1, NULL,
	    "keep every event as a record, not only those rules use" },
	{ "derived", 0, OPT_LONG_BASE + 2, NULL,
	    "also print the combiners' derived records" },
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_BUNDLE_OPTIONS,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

static int
cmd_dump(int argc, char **argv)
{
	struct cli_parse p;
	struct bundle_opts o;
	struct evfilter all;
	bool derived = false;
	int c, ret = EXIT_OK;

	bundle_opts_init(&o);
	o.skip_top = CLI_EXPECT_NAME;
	evfilter_init(&all);
	cli_parse_init(&p, &cmd_dump_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		int r = cli_bundle_option(&o, c, p.optarg);

		if (r == 1)
			continue;
		if (r < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
		switch (c) {
		case 'h':
			cli_usage(stdout, &cmd_dump_def, true);
			goto out;
		case OPT_LONG_BASE + 1:
			all.keep_all = true;
			o.keep = &all;
			break;
		case OPT_LONG_BASE + 2:
			derived = true;
			break;
		default:
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (p.noperands == 0) {
		ret = cli_usage_error(&cmd_dump_def, "no INPUT given");
		goto out;
	}
	for (int i = 0; i < p.noperands; i++) {
		struct model *m = bundle_load(p.operands[i], &o);
		struct json *j;
		char *s;

		if (derived)
			combine_run(m);
		j = model_json_dump(m, derived);
		s = json_print(j, true);
		if (m->read_error) {
			for (size_t k = 0; k < m->diags.n; k++)
				if (m->diags.v[k].level == DIAG_ERROR)
					cli_error("%s", m->diags.v[k].msg);
			ret = EXIT_INPUT;
		}
		puts(s);
		free(s);
		json_free(j);
		model_free(m);
	}
out:
	evfilter_release(&all);
	cli_parse_release(&p);
	return ret;
}

const struct cli_command cmd_dump_def = {
	"dump",
	"INPUT...",
	"print the parsed model of each bundle as JSON",
	dump_options,
	cmd_dump,
};
