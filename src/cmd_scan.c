/*
 * sslsift scan: analyse bundles and report what breaks HTTPS.
 *
 * The rules (built in, plus --rules DIR) are loaded once; the events they
 * need decide which events the parsers keep.  Each INPUT (the operands,
 * then the lines of --from FILE) is loaded, combined, evaluated and
 * reported in a worker process of its own (batch.h), -j at a time, within
 * --max-memory and --timeout; a bundle whose worker crashes or runs out of
 * time is reported as not analysed and the others go on.  The reporter
 * (report.h) renders each bundle in its worker and puts the run together
 * in the parent.
 *
 * Exit status: the highest of the bundles', where a bundle gives 2 when it
 * could not be read completely or not analysed, 1 when a finding not
 * accepted by --baseline is at or above --fail-on, else 0.
 */
#include "compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "bundle.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "report.h"
#include "rule.h"
#include "xalloc.h"

enum {
	OPT_FAIL_ON = OPT_LONG_BASE + 1,
	OPT_AS_OF,
	OPT_BASELINE,
	OPT_COLOR,
	OPT_FROM,
};

/* clang-format off */
static const struct cli_option scan_options[] = {
	{ "as-of", 1, OPT_AS_OF, "DATE",
	    "judge dates as of DATE (YYYY-MM-DD; default: newest event)" },
	{ "baseline", 1, OPT_BASELINE, "FILE",
	    "findings FILE accepts do not count for --fail-on" },
	{ "color", 1, OPT_COLOR, "WHEN",
	    "colours in the text report: auto (default), always, never" },
	{ "fail-on", 1, OPT_FAIL_ON, "LEVEL",
	    "exit 1 on findings at or above LEVEL: info, warning (default), "
	    "error, never" },
	{ "format", 1, 'f', "FORMAT",
	    "text (default), brief, json, jsonl or sarif" },
	{ "from", 1, OPT_FROM, "FILE",
	    "also read INPUTs from FILE, one per line (- for stdin)" },
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_BATCH_OPTIONS,
	{ "quiet", 0, 'q', NULL, "no progress line on a terminal" },
	CLI_RULES_OPTION,
	CLI_BUNDLE_OPTIONS,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

struct scan {
	const struct reporter *rep;
	struct report_ctx rc;
	struct bundle_opts bo;
	struct eval_opts eo;
	const struct ruleset *rs;
	int fail_on; /* a severity, or -1 for never */
	struct expect *baseline;
	const char **inputs;
	size_t ninputs;
	int ret;
	/* The progress line on stderr. */
	bool progress;
	bool progress_shown;
	double progress_at;
};

/* The status of one bundle, and its report, in the worker. */
static int
scan_work(void *arg, size_t index, FILE *out)
{
	struct scan *s = arg;
	struct report_ctx rc = s->rc;
	struct report_bundle b;
	struct model *m = bundle_load(s->inputs[index], &s->bo);
	struct findings *fs;
	const struct expect_entry **stale = NULL;
	bool *accepted = NULL, *used = NULL;
	int st = EXIT_OK, worst = -1;

	if (m->read_error) {
		for (size_t k = 0; k < m->diags.n; k++)
			if (m->diags.v[k].level == DIAG_ERROR)
				cli_error("%s", m->diags.v[k].msg);
		st = EXIT_INPUT;
	}
	fs = rule_eval(s->rs, m, &s->eo);
	memset(&b, 0, sizeof(b));
	b.index = index;
	b.m = m;
	b.fs = fs;
	if (s->baseline != NULL) {
		accepted = xcalloc(fs->n + 1, sizeof(*accepted));
		used = xcalloc(s->baseline->n + 1, sizeof(*used));
		stale = xcalloc(s->baseline->n + 1,
		    sizeof(const struct expect_entry *));
		expect_match(s->baseline, fs, accepted, used);
		/* Nothing read: the entries are not known to be stale. */
		for (size_t k = 0; k < s->baseline->n; k++)
			if (!used[k] && !(m->read_error && m->nartifacts == 0))
				stale[b.nstale++] = &s->baseline->v[k];
		b.accepted = accepted;
		b.stale = stale;
	}
	for (size_t i = 0; i < fs->n; i++)
		if ((accepted == NULL || !accepted[i]) &&
		    (int)fs->v[i].rule->severity > worst)
			worst = (int)fs->v[i].rule->severity;
	if (st == EXIT_OK && s->fail_on >= 0 && worst >= s->fail_on)
		st = EXIT_FINDINGS;
	rc.out = out;
	s->rep->bundle(&rc, &b);
	free(accepted);
	free(used);
	free(stale);
	findings_free(fs);
	model_free(m);
	return st;
}

static void
progress_clear(struct scan *s)
{
	if (s->progress_shown) {
		fputs("\r\033[K", stderr);
		s->progress_shown = false;
	}
}

static void
scan_output(void *arg, size_t index, int stream, const char *p, size_t n)
{
	struct scan *s = arg;

	progress_clear(s);
	if (stream == 2) {
		(void)fwrite(p, 1, n, stderr);
	} else if (s->rep->collect != NULL) {
		s->rep->collect(&s->rc, index, p, n);
	} else {
		(void)fwrite(p, 1, n, stdout);
	}
}

static void
scan_done(void *arg, size_t index, const struct batch_status *st)
{
	struct scan *s = arg;

	if (st->status < 0) {
		progress_clear(s);
		cli_error("'%s': not analysed: %s", s->inputs[index], st->why);
		s->rep->failed(&s->rc, index, s->inputs[index], st->why);
		if (s->ret < EXIT_INPUT)
			s->ret = EXIT_INPUT;
	} else if (st->status > s->ret) {
		s->ret = st->status;
	}
	/* jsonl: each line out as soon as its bundle is done */
	if (!s->rep->ordered)
		(void)fflush(stdout);
}

static void
scan_progress(void *arg, size_t done, size_t total, double seconds)
{
	struct scan *s = arg;

	if (!s->progress)
		return;
	if (done == total) {
		progress_clear(s);
		return;
	}
	if (s->progress_at > 0 && seconds - s->progress_at < 0.1)
		return;
	s->progress_at = seconds > 0 ? seconds : 1e-9;
	(void)fflush(stdout); /* the report first, if both go to a terminal */
	fprintf(stderr, "\rsslsift: %zu/%zu bundles, %.0f/s\033[K", done, total,
	    seconds > 0 ? (double)done / seconds : 0.0);
	s->progress_shown = true;
}

/* The lines of --from FILE, appended to *v (the caller frees them). */
static int
read_inputs(const char *path, char ***v, size_t *n, size_t *alloc)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;

	if (f == NULL) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		while (
		    len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		xgrow((void **)v, alloc, *n + 1, sizeof(**v));
		(*v)[(*n)++] = xstrdup(line);
	}
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		ret = -1;
	}
	free(line);
	if (f != stdin)
		(void)fclose(f);
	return ret;
}

static bool
want_color(const char *when)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	if (nc != NULL && *nc != '\0')
		return false;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return false;
	return isatty(STDOUT_FILENO) != 0;
}

static int
load_baseline(const char *path, struct expect *e)
{
	struct diag_list dl;
	int r;

	diag_list_init(&dl);
	expect_init(e);
	r = expect_load(e, path, &dl);
	for (size_t i = 0; i < dl.n; i++)
		cli_error("%s", dl.v[i].msg);
	diag_list_release(&dl);
	return r;
}

static int
cmd_scan(int argc, char **argv)
{
	struct cli_parse p;
	struct scan s;
	struct batch_opts bo;
	struct batch_ops ops = { scan_work, scan_output, scan_done,
		scan_progress };
	struct expect baseline;
	struct ruleset *rs = NULL;
	const char *color = "auto", *baseline_path = NULL;
	const char **dirs, **froms;
	char **lines = NULL;
	size_t nlines = 0, lines_alloc = 0;
	int ndirs = 0, nfroms = 0, c, br, ret = EXIT_OK, stdin_users = 0;
	bool quiet = false;

	memset(&s, 0, sizeof(s));
	bundle_opts_init(&s.bo);
	s.bo.skip_top = CLI_EXPECT_NAME;
	s.rep = &report_text_def;
	s.fail_on = SEV_WARNING;
	cli_batch_defaults(&bo);
	expect_init(&baseline);
	dirs = xcalloc((size_t)argc + 1, sizeof(*dirs));
	froms = xcalloc((size_t)argc + 1, sizeof(*froms));
	cli_parse_init(&p, &cmd_scan_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		int r = cli_bundle_option(&s.bo, c, p.optarg);
		enum severity sev;

		if (r == 0)
			r = cli_batch_option(&bo, &quiet, c, p.optarg);
		if (r == 1)
			continue;
		if (r < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
		switch (c) {
		case 'f':
			if ((s.rep = reporter_find(p.optarg)) == NULL) {
				ret = cli_usage_error(&cmd_scan_def,
				    "unknown format '%s' (%s)", p.optarg,
				    reporter_names());
				goto out;
			}
			break;
		case OPT_FAIL_ON:
			if (strcmp(p.optarg, "never") == 0) {
				s.fail_on = -1;
			} else if (severity_from_name(p.optarg, &sev) == 0) {
				s.fail_on = (int)sev;
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
			s.eo.as_of = p.optarg;
			break;
		case OPT_BASELINE:
			baseline_path = p.optarg;
			break;
		case OPT_COLOR:
			if (strcmp(p.optarg, "auto") != 0 &&
			    strcmp(p.optarg, "always") != 0 &&
			    strcmp(p.optarg, "never") != 0) {
				ret = cli_usage_error(&cmd_scan_def,
				    "unknown colour mode '%s' (auto, always "
				    "or never)",
				    p.optarg);
				goto out;
			}
			color = p.optarg;
			break;
		case OPT_FROM:
			froms[nfroms++] = p.optarg;
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
	for (int i = 0; i < p.noperands; i++)
		if (strcmp(p.operands[i], "-") == 0)
			stdin_users++;
	for (int i = 0; i < nfroms; i++)
		if (strcmp(froms[i], "-") == 0)
			stdin_users++;
	if (baseline_path != NULL && strcmp(baseline_path, "-") == 0)
		stdin_users++;
	if (stdin_users > 1) {
		ret = cli_usage_error(&cmd_scan_def,
		    "standard input (-) can be read only once");
		goto out;
	}
	for (int i = 0; i < nfroms; i++)
		if (read_inputs(froms[i], &lines, &nlines, &lines_alloc) < 0) {
			ret = EXIT_INPUT;
			goto out;
		}
	if (p.noperands == 0 && nfroms == 0) {
		ret = cli_usage_error(&cmd_scan_def, "no INPUT given");
		goto out;
	}
	if (baseline_path != NULL) {
		if (load_baseline(baseline_path, &baseline) < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
		s.baseline = &baseline;
	}
	if ((ret = cli_load_rules(dirs, ndirs, &rs)) != EXIT_OK)
		goto out;
	s.rs = rs;
	s.bo.keep = ruleset_evfilter(rs);
	s.ninputs = (size_t)p.noperands + nlines;
	s.inputs = xcalloc(s.ninputs + 1, sizeof(*s.inputs));
	for (int i = 0; i < p.noperands; i++)
		s.inputs[i] = p.operands[i];
	for (size_t i = 0; i < nlines; i++)
		s.inputs[(size_t)p.noperands + i] = lines[i];
	s.rc.out = stdout;
	s.rc.rs = rs;
	s.rc.color = s.rep == &report_text_def && want_color(color);
	s.rc.baseline = s.baseline != NULL;
	s.rc.ninputs = s.ninputs;
	s.progress = !quiet && isatty(STDERR_FILENO);
	bo.ordered = s.rep->ordered;
	bo.whole = s.rep->whole;
	s.rep->begin(&s.rc);
	(void)fflush(stdout);
	if ((br = batch_run(s.ninputs, &bo, &ops, &s)) != 0) {
		if (br < 0)
			cli_error("cannot run the workers: %s",
			    strerror(errno));
		else
			cli_error("%d worker%s ended abnormally after its "
				  "last bundle",
			    br, br == 1 ? "" : "s");
		s.ret = EXIT_INPUT;
	}
	s.rep->end(&s.rc);
	ret = s.ret;
out:
	free(s.inputs);
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	expect_release(&baseline);
	ruleset_free(rs);
	free(dirs);
	free(froms);
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
