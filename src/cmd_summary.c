/*
 * sslsift summary: the fleet view of many scans.  Reads the JSON lines of
 * `sslsift scan --format jsonl` (or json) from each FILE ("-": standard
 * input), so that bundles can be scanned on many machines and summed up
 * on one (map: scan, reduce: summary).  Lines that are not scan results
 * are reported with their file and line, and make the exit status 2.
 */
#include "compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "buf.h"
#include "cmd.h"
#include "exitcode.h"
#include "strparse.h"
#include "summary.h"

/* clang-format off */
static const struct cli_option summary_options[] = {
	{ "format", 1, 'f', "FORMAT", "text (default) or json" },
	{ "help", 0, 'h', NULL, "show this help" },
	{ "top", 1, OPT_LONG_BASE + 1, "N",
	    "list the N most frequent root causes (default 10; 0: all)" },
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

/*
 * Read one line of f into b (without its newline); lines longer than
 * b's cap are skipped whole.  Returns 1 for a line, 0 at the end, -1 for
 * a line too long.
 */
static int
read_line(FILE *f, struct buf *b)
{
	int c;
	bool over = false, any = false;

	buf_reset(b);
	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (!over && buf_addc(b, c) < 0)
			over = true;
	}
	if (!any)
		return 0;
	return over ? -1 : 1;
}

static int
read_file(struct summary *s, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct buf line;
	unsigned long no = 0;
	int r, ret = 0;

	if (f == NULL) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	buf_init(&line, BATCH_MAX_OUTPUT);
	while ((r = read_line(f, &line)) != 0) {
		struct json *j;
		size_t off = 0;
		char err[128];

		no++;
		if (r < 0) {
			cli_error("%s:%lu: line longer than %zu bytes: skipped",
			    path, no, (size_t)BATCH_MAX_OUTPUT);
			ret = -1;
			continue;
		}
		if (strspn(buf_str(&line), " \t\r") == line.len)
			continue;
		j = json_parse(buf_str(&line), line.len, &off);
		if (j == NULL) {
			cli_error("%s:%lu: invalid JSON at byte %zu", path, no,
			    off + 1);
			ret = -1;
			continue;
		}
		if (summary_add(s, j, err, sizeof(err)) < 0) {
			cli_error("%s:%lu: %s", path, no, err);
			ret = -1;
		}
		json_free(j);
	}
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		ret = -1;
	}
	buf_release(&line);
	if (f != stdin)
		(void)fclose(f);
	return ret;
}

static int
cmd_summary(int argc, char **argv)
{
	struct cli_parse p;
	struct summary *s = NULL;
	unsigned long long top = 10;
	bool json = false;
	int c, ret = EXIT_OK, nstdin = 0;

	cli_parse_init(&p, &cmd_summary_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(p.optarg, "json") == 0) {
				json = true;
			} else if (strcmp(p.optarg, "text") == 0) {
				json = false;
			} else {
				ret = cli_usage_error(&cmd_summary_def,
				    "unknown format '%s' (text or json)",
				    p.optarg);
				goto out;
			}
			break;
		case OPT_LONG_BASE + 1:
			if (!str_to_ull(p.optarg, &top)) {
				ret = cli_usage_error(&cmd_summary_def,
				    "invalid number '%s'", p.optarg);
				goto out;
			}
			break;
		case 'h':
			cli_usage(stdout, &cmd_summary_def, true);
			goto out;
		default:
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (p.noperands == 0) {
		ret = cli_usage_error(&cmd_summary_def,
		    "no RESULTS file given (- for standard input)");
		goto out;
	}
	for (int i = 0; i < p.noperands; i++)
		if (strcmp(p.operands[i], "-") == 0)
			nstdin++;
	if (nstdin > 1) {
		ret = cli_usage_error(&cmd_summary_def,
		    "standard input (-) can be read only once");
		goto out;
	}
	s = summary_new();
	for (int i = 0; i < p.noperands; i++)
		if (read_file(s, p.operands[i]) < 0)
			ret = EXIT_INPUT;
	if (json) {
		struct json *j = summary_json(s, (size_t)top);
		char *t = json_print(j, true);

		puts(t);
		free(t);
		json_free(j);
	} else {
		summary_text(s, stdout, (size_t)top);
	}
out:
	summary_free(s);
	cli_parse_release(&p);
	return ret;
}

const struct cli_command cmd_summary_def = {
	"summary",
	"RESULTS.jsonl...",
	"sum up many scans (scan --format jsonl) as a fleet view",
	summary_options,
	cmd_summary,
};
