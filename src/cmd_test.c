/*
 * sslsift test: regression tests on a corpus of bundles.
 *
 * Every bundle under each CORPUS that has an expectation file (expect.h)
 * is scanned, in worker processes as by scan, and its findings compared
 * with the file: a missing or an unexpected finding fails the bundle, and
 * the difference is shown as a diff.  Which bundles have one:
 *
 *   DIR/expect     the folder DIR is a bundle (its subfolders are not
 *                  searched); the file is not part of the bundle
 *   NAME.expect    NAME beside it (an archive, a single file, a folder)
 *
 * Output is TAP, then "N passed, N failed"; the exit status is 1 when a
 * bundle failed.  With --update the expectation files are rewritten from
 * what was found (their leading comment and option lines kept), to review
 * a rule change as a diff; a bundle judged as of today gets an --as-of
 * line, so that it does not change with the calendar.
 */
#include "compat.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "bundle.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "rule.h"
#include "strparse.h"
#include "xalloc.h"

#define SUFFIX ".expect"
#define MAX_DEPTH 32
/* The first line a worker writes: "%as-of DATE SOURCE". */
#define ASOF_TAG "%as-of "

enum {
	OPT_UPDATE = OPT_LONG_BASE + 1,
};

/* clang-format off */
static const struct cli_option test_options[] = {
	{ "help", 0, 'h', NULL, "show this help" },
	CLI_BATCH_OPTIONS,
	CLI_RULES_OPTION,
	{ "update", 0, OPT_UPDATE, NULL,
	    "rewrite the expectation files from what is found" },
	CLI_BUNDLE_OPTIONS,
	{ NULL, 0, 0, NULL, NULL },
};
/* clang-format on */

struct item {
	char *bundle;
	char *expect_path;
	struct expect e;
	struct bundle_opts bo;
	const char *as_of;   /* from an option line, or NULL */
	struct buf problems; /* why the expectation file cannot be used */
	struct buf messages; /* what the worker wrote to stderr */
	struct buf found;    /* what it wrote to its output */
};

struct test {
	struct item *v;
	size_t n;
	size_t alloc;
	const struct ruleset *rs;
	struct bundle_opts bo; /* the defaults, from the command line */
	bool update;
	unsigned long passed, failed, updated;
};

/* Append to b (buffers here have no practical cap). */
static void PRINTF_LIKE(2, 3) addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(b, fmt, ap) < 0) {
		/* over the cap: the text is cut */
	}
	va_end(ap);
}

static void
add_item(struct test *t, const char *bundle, const char *expect)
{
	struct item *it;

	xgrow((void **)&t->v, &t->alloc, t->n + 1, sizeof(*t->v));
	it = &t->v[t->n++];
	memset(it, 0, sizeof(*it));
	it->bundle = xstrdup(bundle);
	it->expect_path = xstrdup(expect);
	expect_init(&it->e);
	buf_init(&it->problems, 1 << 20);
	buf_init(&it->messages, 1 << 20);
	buf_init(&it->found, BATCH_MAX_OUTPUT);
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = xmalloc(n);
	bool slash = dir[0] != '\0' && dir[strlen(dir) - 1] == '/';

	snprintf(s, n, "%s%s%s", dir, slash ? "" : "/", name);
	return s;
}

/* NAME.expect: the test of NAME. */
static void
add_suffixed(struct test *t, const char *path)
{
	char *bundle = xstrndup(path, strlen(path) - strlen(SUFFIX));

	add_item(t, bundle, path);
	free(bundle);
}

/* Find the bundles with an expectation file under dir, in name order. */
static void
walk(struct test *t, const char *dir, unsigned depth)
{
	char *inside = join(dir, CLI_EXPECT_NAME);
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (is_file(inside)) {
		add_item(t, dir, inside);
		free(inside);
		return;
	}
	free(inside);
	if (depth > MAX_DEPTH || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &alloc, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *p = join(dir, names[i]);
		struct stat st;

		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(t, p, depth + 1);
		else if (ends_with(names[i], SUFFIX) && S_ISREG(st.st_mode))
			add_suffixed(t, p);
		free(p);
		free(names[i]);
	}
	free(names);
}

static int
find_tests(struct test *t, const char *corpus)
{
	struct stat st;
	size_t before = t->n;
	char *x;

	if (stat(corpus, &st) < 0) {
		cli_error("cannot open '%s': %s", corpus, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		walk(t, corpus, 0);
	} else if (ends_with(corpus, SUFFIX)) {
		add_suffixed(t, corpus);
	} else {
		size_t n = strlen(corpus) + sizeof(SUFFIX);

		x = xmalloc(n);
		snprintf(x, n, "%s%s", corpus, SUFFIX);
		if (is_file(x))
			add_item(t, corpus, x);
		free(x);
	}
	if (t->n == before) {
		cli_error("'%s': no bundle with an expectation file", corpus);
		return -1;
	}
	return 0;
}

/* Load an item's expectation file and apply its option lines. */
static void
prepare(struct test *t, struct item *it)
{
	struct diag_list dl;

	it->bo = t->bo;
	diag_list_init(&dl);
	(void)expect_load(&it->e, it->expect_path, &dl);
	for (size_t i = 0; i < dl.n; i++)
		addf(&it->problems, "%s\n", dl.v[i].msg);
	diag_list_release(&dl);
	for (size_t i = 0; i < it->e.noptions; i++) {
		const char *o = it->e.options[i];
		const char *v = it->e.options[i + 1];
		uint64_t size;

		if (strcmp(o, "--as-of") != 0 &&
		    strcmp(o, "--max-file-size") != 0 &&
		    strcmp(o, "--max-bundle-size") != 0 &&
		    strcmp(o, "--max-files") != 0) {
			addf(&it->problems,
			    "%s: unknown option '%s' (--as-of, "
			    "--max-file-size, --max-bundle-size or "
			    "--max-files)\n",
			    it->expect_path, o);
			continue;
		}
		i++;
		if (v == NULL) {
			addf(&it->problems, "%s: option '%s' needs a value\n",
			    it->expect_path, o);
			break;
		}
		if (strcmp(o, "--as-of") == 0) {
			if (!rule_valid_date(v))
				addf(&it->problems,
				    "%s: invalid date '%s' (use YYYY-MM-DD)\n",
				    it->expect_path, v);
			else
				it->as_of = v;
		} else if (!str_to_size(v, &size) || size == 0) {
			addf(&it->problems, "%s: invalid size '%s'\n",
			    it->expect_path, v);
		} else if (strcmp(o, "--max-file-size") == 0) {
			it->bo.max_file = size;
		} else if (strcmp(o, "--max-bundle-size") == 0) {
			it->bo.max_total = size;
		} else {
			it->bo.max_entries = (unsigned long)size;
		}
	}
}

static int
test_work(void *arg, size_t index, FILE *out)
{
	struct test *t = arg;
	struct item *it = &t->v[index];
	struct eval_opts eo;
	struct model *m;
	struct findings *fs;
	struct buf b;
	int st = EXIT_OK;

	if (it->problems.len > 0)
		return EXIT_OK;
	memset(&eo, 0, sizeof(eo));
	eo.as_of = it->as_of;
	m = bundle_load(it->bundle, &it->bo);
	if (m->read_error) {
		for (size_t k = 0; k < m->diags.n; k++)
			if (m->diags.v[k].level == DIAG_ERROR)
				cli_error("%s", m->diags.v[k].msg);
		st = EXIT_INPUT;
	}
	fs = rule_eval(t->rs, m, &eo);
	fprintf(out, "%s%s %s\n", ASOF_TAG, fs->as_of,
	    as_of_source_name(fs->as_of_source));
	buf_init(&b, SIZE_MAX / 2);
	for (size_t i = 0; i < fs->n; i++) {
		buf_reset(&b);
		expect_subject(&fs->v[i], &b);
		fprintf(out, "%s %s\n", fs->v[i].rule->id, buf_str(&b));
	}
	buf_release(&b);
	findings_free(fs);
	model_free(m);
	return st;
}

static void
test_output(void *arg, size_t index, int stream, const char *p, size_t n)
{
	struct test *t = arg;
	struct item *it = &t->v[index];
	struct buf *b = stream == 2 ? &it->messages : &it->found;

	if (buf_add(b, p, n) < 0) {
		/* more than the cap: the rest is not compared */
	}
}

/* A line "RULE SUBJECT" of a finding list, split. */
struct line {
	const char *rule;
	const char *subject;
};

static int
cmp_lines(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	int c = strcmp(a->rule, b->rule);

	return c != 0 ? c : strcmp(a->subject, b->subject);
}

/* Split the worker's output (modified in place) into sorted lines. */
static size_t
found_lines(char *s, struct line **out, const char **as_of, bool *today)
{
	struct line *v = NULL;
	size_t n = 0, alloc = 0;
	char *save = s;

	*as_of = NULL;
	*today = false;
	while (save != NULL && *save != '\0') {
		char *nl = strchr(save, '\n'), *sp;

		if (nl != NULL)
			*nl = '\0';
		if (strncmp(save, ASOF_TAG, strlen(ASOF_TAG)) == 0) {
			char *date = save + strlen(ASOF_TAG);

			if ((sp = strchr(date, ' ')) != NULL) {
				*sp = '\0';
				*today = strcmp(sp + 1, "today") == 0;
			}
			*as_of = date;
		} else if ((sp = strchr(save, ' ')) != NULL) {
			*sp = '\0';
			xgrow((void **)&v, &alloc, n + 1, sizeof(*v));
			v[n].rule = save;
			v[n].subject = sp + 1;
			n++;
		}
		save = nl != NULL ? nl + 1 : NULL;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_lines);
	*out = v;
	return n;
}

static bool
listed(const struct line *v, size_t n, const char *rule, const char *subj)
{
	struct line key = { rule, subj };

	return n > 0 && bsearch(&key, v, n, sizeof(*v), cmp_lines) != NULL;
}

static void
diag_lines(const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		printf("#   ");
		(void)fwrite(p, 1, n, stdout);
		putchar('\n');
		p += n + (p[n] == '\n');
	}
}

/* The expectation file as --update writes it. */
static int
rewrite(const struct item *it, const struct line *v, size_t n, const char *pin)
{
	struct buf b;
	char *tmp = xmalloc(strlen(it->expect_path) + 16);
	int fd, ret = 0;
	size_t off = 0;

	buf_init(&b, SIZE_MAX / 2);
	if (it->e.header[0] != '\0')
		addf(&b, "%s", it->e.header);
	else
		addf(&b, "%s",
		    "# sslsift test: the findings this bundle must give, one "
		    "'RULE-ID SUBJECT' per line\n"
		    "# (sslsift test --update rewrites this file from what is "
		    "found).\n");
	for (size_t i = 0; i < it->e.noptions; i++) {
		const char *o = it->e.options[i];

		addf(&b, "%s", o);
		if (strncmp(o, "--", 2) == 0 && i + 1 < it->e.noptions &&
		    strncmp(it->e.options[i + 1], "--", 2) != 0)
			addf(&b, " %s", it->e.options[++i]);
		addf(&b, "\n");
	}
	if (pin != NULL)
		addf(&b, "--as-of %s\n", pin);
	for (size_t i = 0; i < n; i++)
		addf(&b, "%s %s\n", v[i].rule, v[i].subject);
	snprintf(tmp, strlen(it->expect_path) + 16, "%s.tmpXXXXXX",
	    it->expect_path);
	if ((fd = mkstemp(tmp)) < 0) {
		cli_error("cannot write '%s': %s", it->expect_path,
		    strerror(errno));
		ret = -1;
		goto out;
	}
	while (off < b.len) {
		ssize_t w = write(fd, b.data + off, b.len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < b.len || close(fd) < 0 || rename(tmp, it->expect_path) < 0) {
		cli_error("cannot write '%s': %s", it->expect_path,
		    strerror(errno));
		unlink(tmp);
		ret = -1;
	}
out:
	free(tmp);
	buf_release(&b);
	return ret;
}

static void
test_done(void *arg, size_t index, const struct batch_status *st)
{
	struct test *t = arg;
	struct item *it = &t->v[index];
	struct line *got = NULL, *want;
	size_t ngot, nwant = 0, missing = 0, extra = 0;
	const char *as_of;
	bool today, ok;
	size_t no = t->passed + t->failed + 1;

	if (it->problems.len > 0) {
		t->failed++;
		printf("not ok %zu - %s: the expectation file cannot be used\n",
		    no, it->bundle);
		diag_lines(buf_str(&it->problems));
		return;
	}
	if (st->status < 0) {
		t->failed++;
		printf("not ok %zu - %s: not analysed: %s\n", no, it->bundle,
		    st->why);
		diag_lines(buf_str(&it->messages));
		return;
	}
	ngot = found_lines(it->found.data, &got, &as_of, &today);
	want = xcalloc(it->e.n + 1, sizeof(*want));
	for (size_t i = 0; i < it->e.n; i++) {
		want[nwant].rule = it->e.v[i].rule;
		want[nwant].subject = it->e.v[i].subject;
		nwant++;
	}
	if (nwant > 1)
		qsort(want, nwant, sizeof(*want), cmp_lines);
	for (size_t i = 0; i < nwant; i++)
		if ((i == 0 || cmp_lines(&want[i - 1], &want[i]) != 0) &&
		    !listed(got, ngot, want[i].rule, want[i].subject))
			missing++;
	for (size_t i = 0; i < ngot; i++)
		if (!listed(want, nwant, got[i].rule, got[i].subject))
			extra++;
	ok = missing == 0 && extra == 0;
	if (t->update && (!ok || (today && it->as_of == NULL))) {
		bool pin = today && it->as_of == NULL;

		if (rewrite(it, got, ngot, pin ? as_of : NULL) == 0) {
			t->passed++;
			t->updated++;
			printf("ok %zu - %s # updated %s%s\n", no, it->bundle,
			    it->expect_path,
			    pin ? " (judged as of today: --as-of added)" : "");
			goto out;
		}
	}
	if (ok) {
		t->passed++;
		printf("ok %zu - %s\n", no, it->bundle);
		goto out;
	}
	t->failed++;
	printf("not ok %zu - %s: %zu missing, %zu unexpected\n", no, it->bundle,
	    missing, extra);
	printf("#   --- %s\n#   +++ sslsift scan%s%s %s\n", it->expect_path,
	    it->as_of != NULL ? " --as-of " : "",
	    it->as_of != NULL ? it->as_of : "", it->bundle);
	for (size_t i = 0; i < nwant; i++)
		if ((i == 0 || cmp_lines(&want[i - 1], &want[i]) != 0) &&
		    !listed(got, ngot, want[i].rule, want[i].subject))
			printf("#   -%s %s\n", want[i].rule, want[i].subject);
	for (size_t i = 0; i < ngot; i++)
		if (!listed(want, nwant, got[i].rule, got[i].subject))
			printf("#   +%s %s\n", got[i].rule, got[i].subject);
	diag_lines(buf_str(&it->messages));
out:
	(void)fflush(stdout);
	free(got);
	free(want);
}

static int
cmd_test(int argc, char **argv)
{
	struct cli_parse p;
	struct test t;
	struct batch_opts bo;
	struct batch_ops ops = { test_work, test_output, test_done, NULL };
	struct ruleset *rs = NULL;
	const char **dirs = xcalloc((size_t)argc + 1, sizeof(*dirs));
	int ndirs = 0, c, br, ret = EXIT_OK;
	bool quiet = false, missing = false;

	memset(&t, 0, sizeof(t));
	bundle_opts_init(&t.bo);
	t.bo.skip_top = CLI_EXPECT_NAME;
	cli_batch_defaults(&bo);
	cli_parse_init(&p, &cmd_test_def, argc, argv);
	while ((c = cli_next(&p)) != -1) {
		int r = cli_bundle_option(&t.bo, c, p.optarg);

		if (r == 0)
			r = cli_batch_option(&bo, &quiet, c, p.optarg);
		if (r == 1)
			continue;
		if (r < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
		switch (c) {
		case OPT_UPDATE:
			t.update = true;
			break;
		case OPT_RULES:
			dirs[ndirs++] = p.optarg;
			break;
		case 'h':
			cli_usage(stdout, &cmd_test_def, true);
			goto out;
		default:
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (p.noperands == 0) {
		ret = cli_usage_error(&cmd_test_def, "no CORPUS given");
		goto out;
	}
	if ((ret = cli_load_rules(dirs, ndirs, &rs)) != EXIT_OK)
		goto out;
	t.rs = rs;
	t.bo.keep = ruleset_evfilter(rs);
	for (int i = 0; i < p.noperands; i++)
		if (find_tests(&t, p.operands[i]) < 0)
			missing = true;
	for (size_t i = 0; i < t.n; i++)
		prepare(&t, &t.v[i]);
	bo.ordered = true;
	bo.whole = true;
	(void)fflush(stdout);
	if ((br = batch_run(t.n, &bo, &ops, &t)) < 0) {
		cli_error("cannot run the workers: %s", strerror(errno));
		ret = EXIT_INPUT;
		goto out;
	}
	printf("1..%zu\n%lu passed, %lu failed\n", t.n, t.passed, t.failed);
	if (br > 0)
		cli_error("%d worker%s ended abnormally after its last bundle",
		    br, br == 1 ? "" : "s");
	if (t.failed > 0)
		ret = EXIT_FINDINGS;
	else if (missing || br > 0)
		ret = EXIT_INPUT;
out:
	for (size_t i = 0; i < t.n; i++) {
		free(t.v[i].bundle);
		free(t.v[i].expect_path);
		expect_release(&t.v[i].e);
		buf_release(&t.v[i].problems);
		buf_release(&t.v[i].messages);
		buf_release(&t.v[i].found);
	}
	free(t.v);
	ruleset_free(rs);
	free(dirs);
	cli_parse_release(&p);
	return ret;
}

const struct cli_command cmd_test_def = {
	"test",
	"CORPUS...",
	"check bundles against their expected findings (regression tests)",
	test_options,
	cmd_test,
};
