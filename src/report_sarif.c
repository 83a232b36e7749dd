/*
 * The SARIF 2.1.0 report (OASIS Static Analysis Results Interchange
 * Format), for code-scanning services and SARIF viewers: one log with one
 * run for all the bundles of a scan.
 *
 *   tool.driver.rules    every loaded rule, in id order: id, name (the title
 *                        in PascalCase), shortDescription (the title),
 *                        fullDescription (the first paragraph of the page's
 *                        "Why it matters"), help (the page, as text and
 *                        Markdown), defaultConfiguration.level
 *   originalUriBaseIds   "BUNDLE1", "BUNDLE2", ...: one per input; the
 *                        folder of a directory bundle (relative to
 *                        %SRCROOT% when given as a relative path) or of a
 *                        single file; a description only for archives
 *   artifacts            every file of every bundle, its URI relative to
 *                        its bundle
 *   invocations          one per bundle: whether it was read completely,
 *                        its errors and warnings as notifications
 *   results              one per finding, in report order: the first
 *                        evidence line as location, the others as related
 *                        locations; with --baseline, baselineState "new"
 *                        or "unchanged", and stale entries as "absent"
 *
 * A worker renders its bundle as one line of JSON, {"base", "artifacts",
 * "invocation", "results"}; the parent parses these in input order and
 * prints the log at the end.  Levels: error, warning, and note for info.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "version.h"
#include "xalloc.h"

#define SARIF_SCHEMA                                                  \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/" \
	"schemas/sarif-schema-2.1.0.json"

struct sarif_state {
	struct json *bases;
	struct json *artifacts;
	struct json *invocations;
	struct json *results;
};

static const char *
level_of(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
		break;
	}
	return "note";
}

static struct json *
message(const char *text)
{
	struct json *o = json_object();

	json_set_str(o, "text", text);
	return o;
}

/*
 * A path as a URI reference (RFC 3986): unreserved characters and '/'
 * stay, every other byte is percent-encoded.
 */
static void
uri_path(struct buf *b, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || *p == '/';

		if (ok ? buf_addc(b, *p) < 0 : buf_printf(b, "%%%02X", *p) < 0)
			BUG("URI buffer too small");
	}
}

static void
base_id(char *s, size_t n, size_t index)
{
	snprintf(s, n, "BUNDLE%zu", index + 1);
}

static struct json *
artifact_location(const char *path, size_t index)
{
	struct json *o = json_object();
	struct buf b;
	char id[32];

	buf_init(&b, strlen(path) * 3 + 16);
	uri_path(&b, path);
	json_set_str(o, "uri", buf_str(&b));
	base_id(id, sizeof(id), index);
	json_set_str(o, "uriBaseId", id);
	buf_release(&b);
	return o;
}

static struct json *
physical(const char *path, unsigned long line, const char *snippet,
    size_t index)
{
	struct json *loc = json_object();
	struct json *ph = json_object();

	json_set(ph, "artifactLocation", artifact_location(path, index));
	if (line > 0) {
		struct json *region = json_object();

		json_set_int(region, "startLine", (long long)line);
		if (snippet != NULL && *snippet != '\0')
			json_set(region, "snippet", message(snippet));
		json_set(ph, "region", region);
	}
	json_set(loc, "physicalLocation", ph);
	return loc;
}

/*
 * Where the bundle's artifacts are: the folder of a directory bundle or of
 * a single file, relative to %SRCROOT% when the input was given as a
 * relative path; nothing for archives and standard input.
 */
static struct json *
base_location(const struct model *m)
{
	struct json *o = json_object();
	struct buf b, d;
	const char *name = m->name;
	size_t len = strlen(name);

	buf_init(&b, len * 3 + 16);
	buf_init(&d, len * 4 + 64);
	if (strcmp(m->source, "directory") == 0 ||
	    strcmp(m->source, "file") == 0) {
		if (strcmp(m->source, "file") == 0) {
			while (len > 0 && name[len - 1] != '/')
				len--;
		} else {
			while (len > 1 && name[len - 1] == '/')
				len--;
		}
		if (name[0] == '/')
			rp_printf(&b, "file://");
		if (len > 0) {
			char *dir = xstrndup(name, len);

			uri_path(&b, dir);
			free(dir);
			if (b.data[b.len - 1] != '/')
				rp_printf(&b, "/");
		}
		if (b.len > 0) {
			json_set_str(o, "uri", buf_str(&b));
			if (name[0] != '/')
				json_set_str(o, "uriBaseId", "%SRCROOT%");
		}
	}
	rp_printf(&d, "the %s bundle '", m->source);
	rp_escaped(&d, m->name);
	rp_printf(&d, "'");
	json_set(o, "description", message(buf_str(&d)));
	buf_release(&b);
	buf_release(&d);
	return o;
}

static size_t
rule_index(const struct ruleset *rs, const struct rule *r)
{
	for (size_t i = 0; i < ruleset_count(rs); i++)
		if (ruleset_at(rs, i) == r)
			return i;
	BUG("rule %s is not in the ruleset", r->id);
}

static struct json *
result_json(const struct report_ctx *rc, const struct report_bundle *b,
    size_t idx)
{
	const struct finding *f = &b->fs->v[idx];
	struct json *o = json_object();
	struct json *props = json_object();
	struct json *fp = json_object();
	struct json *expl = json_array();
	struct buf key;

	json_set_str(o, "ruleId", f->rule->id);
	json_set_int(o, "ruleIndex", (long long)rule_index(rc->rs, f->rule));
	json_set_str(o, "level", level_of(f->rule->severity));
	json_set(o, "message", message(f->message));
	if (f->nevidence > 0) {
		struct json *locs = json_array();

		json_push(locs,
		    physical(f->evidence[0].path, f->evidence[0].line,
			f->evidence[0].text, b->index));
		json_set(o, "locations", locs);
	}
	if (f->nevidence > 1) {
		struct json *rel = json_array();

		for (size_t i = 1; i < f->nevidence; i++) {
			const struct evidence *e = &f->evidence[i];
			struct json *l =
			    physical(e->path, e->line, NULL, b->index);

			json_set_int(l, "id", (long long)i);
			if (e->text[0] != '\0')
				json_set(l, "message", message(e->text));
			json_push(rel, l);
		}
		json_set(o, "relatedLocations", rel);
	}
	buf_init(&key, SIZE_MAX / 2);
	rp_printf(&key, "%s ", f->rule->id);
	expect_subject(f, &key);
	json_set_str(fp, "ruleSubject/v1", buf_str(&key));
	buf_release(&key);
	json_set(o, "partialFingerprints", fp);
	if (b->accepted != NULL)
		json_set_str(o, "baselineState",
		    b->accepted[idx] ? "unchanged" : "new");
	json_set_str(props, "subject", f->subject);
	json_set_str(props, "bundle", b->m->name);
	json_set_bool(props, "root", finding_is_root(f));
	json_set_int(props, "count", (long long)f->count);
	for (size_t i = 0; i < f->nexplains; i++) {
		const struct finding *x = &b->fs->v[f->explains[i]];
		struct json *e = json_object();

		json_set_str(e, "rule", x->rule->id);
		json_set_str(e, "subject", x->subject);
		json_push(expl, e);
	}
	json_set(props, "explains", expl);
	json_set(o, "properties", props);
	return o;
}

/* A baseline entry no finding matched, as an "absent" result. */
static struct json *
stale_json(const struct report_ctx *rc, const struct report_bundle *b,
    const struct expect_entry *e)
{
	const struct rule *r = ruleset_find(rc->rs, e->rule);
	struct json *o = json_object();
	struct json *props = json_object();
	struct buf t;

	buf_init(&t, strlen(e->subject) + 256);
	json_set_str(o, "ruleId", e->rule);
	if (r != NULL)
		json_set_int(o, "ruleIndex", (long long)rule_index(rc->rs, r));
	json_set_str(o, "kind", "informational");
	json_set_str(o, "level", "none");
	rp_printf(&t,
	    "accepted in the baseline (line %lu), no longer found: %s %s",
	    e->line, e->rule, e->subject);
	json_set(o, "message", message(buf_str(&t)));
	json_set_str(o, "baselineState", "absent");
	json_set_str(props, "subject", e->subject);
	json_set_str(props, "bundle", b->m->name);
	json_set(o, "properties", props);
	buf_release(&t);
	return o;
}

static void
add_notifications(struct json *arr, const struct diag_list *dl,
    const char *path, size_t index)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		struct json *n;

		if (d->level == DIAG_NOTE)
			continue;
		n = json_object();
		json_set_str(n, "level",
		    d->level == DIAG_ERROR ? "error" : "warning");
		json_set(n, "message", message(d->msg));
		if (path != NULL) {
			struct json *locs = json_array();

			json_push(locs, physical(path, d->line, NULL, index));
			json_set(n, "locations", locs);
		}
		json_push(arr, n);
	}
}

static struct json *
invocation(const char *name, bool ok, struct json *notes)
{
	struct json *o = json_object();
	struct json *props = json_object();

	json_set_bool(o, "executionSuccessful", ok);
	if (notes != NULL && json_size(notes) > 0)
		json_set(o, "toolExecutionNotifications", notes);
	else
		json_free(notes);
	json_set_str(props, "bundle", name);
	json_set(o, "properties", props);
	return o;
}

static void
sarif_bundle(struct report_ctx *rc, const struct report_bundle *b)
{
	const struct model *m = b->m;
	struct json *o = json_object();
	struct json *base = json_object();
	struct json *arts = json_array();
	struct json *res = json_array();
	struct json *notes = json_array();
	char id[32];

	base_id(id, sizeof(id), b->index);
	json_set_str(base, "id", id);
	json_set(base, "location", base_location(m));
	json_set(o, "base", base);
	for (size_t i = 0; i < m->nartifacts; i++) {
		const struct artifact *a = m->artifacts[i];
		struct json *x = json_object();
		struct json *roles = json_array();
		struct json *props = json_object();

		json_set(x, "location", artifact_location(a->path, b->index));
		json_set_int(x, "length", (long long)a->size);
		json_push(roles, json_string("analysisTarget"));
		json_set(x, "roles", roles);
		json_set_str(props, "kind", artifact_kind_name(a->kind));
		json_set_str(props, "encoding", a->encoding);
		if (a->newline != NULL)
			json_set_str(props, "newline", a->newline);
		json_set_str(props, "status", parse_status_name(a->status));
		json_set(x, "properties", props);
		json_push(arts, x);
		add_notifications(notes, &a->diags, a->path, b->index);
	}
	add_notifications(notes, &m->diags, NULL, b->index);
	json_set(o, "artifacts", arts);
	json_set(o, "invocation", invocation(m->name, !m->read_error, notes));
	for (size_t i = 0; i < b->fs->n; i++)
		json_push(res, result_json(rc, b, i));
	for (size_t i = 0; i < b->nstale; i++)
		json_push(res, stale_json(rc, b, b->stale[i]));
	json_set(o, "results", res);
	json_write(rc->out, o, false);
}

static void
sarif_begin(struct report_ctx *rc)
{
	struct sarif_state *st = xcalloc(1, sizeof(*st));

	st->bases = json_object();
	st->artifacts = json_array();
	st->invocations = json_array();
	st->results = json_array();
	rc->state = st;
}

static void
move_all(struct json *to, struct json *from)
{
	struct json *e;

	while (from != NULL && (e = json_shift(from)) != NULL)
		json_push(to, e);
}

static void
sarif_failed(struct report_ctx *rc, size_t index, const char *name,
    const char *why)
{
	struct sarif_state *st = rc->state;
	struct json *notes = json_array();
	struct json *n = json_object();
	struct json *loc = json_object();
	struct buf d;
	char id[32];

	buf_init(&d, strlen(name) * 4 + 64);
	rp_printf(&d, "the bundle '");
	rp_escaped(&d, name);
	rp_printf(&d, "', not analysed");
	json_set(loc, "description", message(buf_str(&d)));
	base_id(id, sizeof(id), index);
	json_set(st->bases, id, loc);
	json_set_str(n, "level", "error");
	json_set(n, "message", message(why));
	json_push(notes, n);
	json_push(st->invocations, invocation(name, false, notes));
	buf_release(&d);
}

static void
sarif_collect(struct report_ctx *rc, size_t index, const char *p, size_t n)
{
	struct sarif_state *st = rc->state;
	struct json *o = json_parse(p, n, NULL);
	struct json *base, *a;
	const char *id;

	base = o != NULL ? json_detach(o, "base") : NULL;
	id = base != NULL ? json_str_value(json_get(base, "id")) : NULL;
	if (id == NULL) {
		/* A worker that succeeded always writes a whole line. */
		BUG("bundle %zu: incomplete SARIF from its worker", index + 1);
	}
	json_set(st->bases, id, json_detach(base, "location"));
	a = json_detach(o, "artifacts");
	move_all(st->artifacts, a);
	json_free(a);
	json_push(st->invocations, json_detach(o, "invocation"));
	a = json_detach(o, "results");
	move_all(st->results, a);
	json_free(a);
	json_free(base);
	json_free(o);
}

/* The first paragraph under "## Why it matters", on one line. */
static char *
full_description(const struct rule *r)
{
	const char *p = strstr(r->page, "\n## Why it matters\n");
	struct buf b;

	if (p == NULL)
		return xstrdup(r->title);
	p += strlen("\n## Why it matters\n");
	while (*p == '\n')
		p++;
	buf_init(&b, strlen(p) + 1);
	while (*p != '\0' && !(p[0] == '\n' && p[1] == '\n') &&
	    !(p[0] == '\n' && p[1] == '#')) {
		if (buf_addc(&b, *p == '\n' ? ' ' : *p) < 0)
			BUG("description buffer too small");
		p++;
	}
	return buf_detach(&b, NULL);
}

/* "The served certificate ..." as "TheServedCertificate...". */
static char *
pascal_name(const char *title)
{
	struct buf b;
	bool up = true;

	buf_init(&b, strlen(title) + 1);
	for (const char *p = title; *p != '\0'; p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');

		if (!alnum) {
			up = true;
			continue;
		}
		if (buf_addc(&b,
			up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p) < 0)
			BUG("name buffer too small");
		up = false;
	}
	return buf_detach(&b, NULL);
}

static struct json *
rule_json(const struct rule *r)
{
	struct json *o = json_object();
	struct json *help = json_object();
	struct json *conf = json_object();
	struct json *props = json_object();
	struct json *tags = json_array();
	char *s;

	json_set_str(o, "id", r->id);
	s = pascal_name(r->title);
	json_set_str(o, "name", s);
	free(s);
	json_set(o, "shortDescription", message(r->title));
	s = full_description(r);
	json_set(o, "fullDescription", message(s));
	free(s);
	json_set_str(help, "text", r->page);
	json_set_str(help, "markdown", r->page);
	json_set(o, "help", help);
	json_set_str(conf, "level", level_of(r->severity));
	json_set(o, "defaultConfiguration", conf);
	json_push(tags, json_string(r->family));
	json_set(props, "tags", tags);
	json_set_str(props, "precision", r->low_confidence ? "low" : "high");
	json_set(o, "properties", props);
	return o;
}

static void
sarif_end(struct report_ctx *rc)
{
	struct sarif_state *st = rc->state;
	struct json *log = json_object();
	struct json *runs = json_array();
	struct json *run = json_object();
	struct json *tool = json_object();
	struct json *driver = json_object();
	struct json *rules = json_array();

	for (size_t i = 0; i < ruleset_count(rc->rs); i++)
		json_push(rules, rule_json(ruleset_at(rc->rs, i)));
	json_set_str(driver, "name", "sslsift");
	json_set_str(driver, "version", SSLSIFT_VERSION);
	json_set_str(driver, "semanticVersion", SSLSIFT_VERSION);
	json_set(driver, "rules", rules);
	json_set(tool, "driver", driver);
	json_set(run, "tool", tool);
	json_set(run, "originalUriBaseIds", st->bases);
	json_set(run, "artifacts", st->artifacts);
	json_set(run, "invocations", st->invocations);
	json_set(run, "results", st->results);
	json_push(runs, run);
	json_set_str(log, "$schema", SARIF_SCHEMA);
	json_set_str(log, "version", "2.1.0");
	json_set(log, "runs", runs);
	json_write(rc->out, log, true);
	free(st);
	rc->state = NULL;
}

const struct reporter report_sarif_def = {
	"sarif",
	true,
	true,
	sarif_begin,
	sarif_bundle,
	sarif_collect,
	sarif_failed,
	sarif_end,
};
