/*
 * sslsift scan: analyse bundles and report.  The report so far is the
 * bundle's inventory: every artifact found, its kind, encoding, newline
 * style and parse status, and every diagnostic with its line.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cmd.h"
#include "escape.h"
#include "exitcode.h"
#include "model_json.h"

enum scan_format {
	FORMAT_TEXT,
	FORMAT_JSON,
};

/* clang-format off */
static const struct cli_option scan_options[] = {
	{ "format", 1, 'f', "FORMAT", "output format: text (default) or json" },
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_BUNDLE_OPTIONS,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

static void
print_diags(const char *path, const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		fputs("  ", stdout);
		esc_fputs(path, stdout);
		if (dl->v[i].line > 0)
			printf(":%lu", dl->v[i].line);
		printf(": %s: ", diag_level_name(dl->v[i].level));
		esc_fputs(dl->v[i].msg, stdout);
		putchar('\n');
	}
	for (int l = DIAG_NOTE; l <= DIAG_ERROR; l++)
		if (dl->dropped[l] > 0) {
			fputs("  ", stdout);
			esc_fputs(path, stdout);
			printf(": %s: %lu more not shown\n", diag_level_name(l),
			    dl->dropped[l]);
		}
}

static void
print_inventory(const struct model *m)
{
	size_t ndiag = m->diags.n;

	fputs("bundle '", stdout);
	esc_fputs(m->name, stdout);
	printf("' (%s): %zu file%s\n", m->source, m->nartifacts,
	    m->nartifacts == 1 ? "" : "s");
	if (m->nartifacts > 0)
		printf("  %-9s %-13s %-7s %-8s %10s  %s\n", "KIND", "ENCODING",
		    "NEWLINE", "STATUS", "SIZE", "PATH");
	for (size_t i = 0; i < m->nartifacts; i++) {
		const struct artifact *a = m->artifacts[i];

		printf("  %-9s %-13s %-7s %-8s %10llu  ",
		    artifact_kind_name(a->kind), a->encoding,
		    a->newline != NULL ? a->newline : "-",
		    parse_status_name(a->status), a->size);
		esc_fputs(a->path, stdout);
		putchar('\n');
		ndiag += a->diags.n;
	}
	if (ndiag == 0)
		return;
	puts("diagnostics:");
	print_diags("(bundle)", &m->diags);
	for (size_t i = 0; i < m->nartifacts; i++)
		print_diags(m->artifacts[i]->path, &m->artifacts[i]->diags);
}

static int
cmd_scan(int argc, char **argv)
{
	struct cli_parse p;
	struct bundle_opts o;
	enum scan_format format = FORMAT_TEXT;
	int c, ret = EXIT_OK;

	bundle_opts_init(&o);
	cli_parse_init(&p, &cmd_scan_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		int r = cli_bundle_option(&o, c, p.optarg);

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
			} else {
				ret = cli_usage_error(&cmd_scan_def,
				    "unknown format '%s' (text or json)",
				    p.optarg);
				goto out;
			}
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
	for (int i = 0; i < p.noperands; i++) {
		struct model *m = bundle_load(p.operands[i], &o);

		if (m->read_error) {
			for (size_t k = 0; k < m->diags.n; k++)
				if (m->diags.v[k].level == DIAG_ERROR)
					cli_error("%s", m->diags.v[k].msg);
			ret = EXIT_INPUT;
		}
		if (format == FORMAT_JSON) {
			struct json *j = model_json_inventory(m);
			char *s = json_print(j, false);

			puts(s);
			free(s);
			json_free(j);
		} else if (m->nartifacts > 0 || !m->read_error) {
			if (i > 0)
				putchar('\n');
			print_inventory(m);
		}
		model_free(m);
	}
out:
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
