/*
 * The JSON report: one object per bundle on one line, keys in a fixed
 * order.
 *
 *   {"bundle", "source", "complete",
 *    "as_of": {"date": "2026-11-18", "source": "newest event"},
 *    "summary": {"error": 2, "warning": 1, "info": 0},
 *    "findings": [{"rule", "severity", "title", "subject", "message",
 *                  "confidence", "count", "first_time", "last_time",
 *                  "evidence": [{"path", "line", "text"}],
 *                  "evidence_omitted", "remediation": [...],
 *                  "references": [...], "root",
 *                  "explains": [{"rule", "subject"}],
 *                  "explained_by": [{"rule", "subject"}],
 *                  "verdict", "accepted"}],
 *    "not_checked": [{"rule", "missing"}],
 *    "diagnostics", "artifacts",
 *    "host": {"computer", "os", "iis_version"}, "verdict",
 *    "baseline": {"accepted", "new", "stale": [{"rule", "subject",
 *                 "line"}]}}
 *
 * "accepted" and "baseline" only with --baseline.  A bundle whose analysis
 * failed (its worker crashed or ran out of time) is {"bundle", "complete":
 * false, "failed": "why"}.  The schema is documented in sslsift(1); keys
 * are only ever added, at the end.
 *
 * json gives the bundles in input order, jsonl as each finishes (so a long
 * batch can be read while it runs); the objects are the same.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "model_json.h"
#include "report_int.h"

static struct json *
strings(const char *const *v, size_t n)
{
	struct json *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_push(a, json_string(v[i]));
	return a;
}

static struct json *
refs(const struct findings *fs, const size_t *v, size_t n)
{
	struct json *a = json_array();

	for (size_t i = 0; i < n; i++) {
		struct json *o = json_object();

		json_set_str(o, "rule", fs->v[v[i]].rule->id);
		json_set_str(o, "subject", fs->v[v[i]].subject);
		json_push(a, o);
	}
	return a;
}

static struct json *
finding_json(const struct report_bundle *b, size_t idx)
{
	const struct findings *fs = b->fs;
	const struct finding *f = &fs->v[idx];
	struct json *o = json_object();
	struct json *ev = json_array();

	json_set_str(o, "rule", f->rule->id);
	json_set_str(o, "severity", severity_name(f->rule->severity));
	json_set_str(o, "title", f->rule->title);
	json_set_str(o, "subject", f->subject);
	json_set_str(o, "message", f->message);
	json_set_str(o, "confidence", f->rule->low_confidence ? "low" : "high");
	json_set_int(o, "count", (long long)f->count);
	if (f->first_time != NULL) {
		json_set_str(o, "first_time", f->first_time);
		json_set_str(o, "last_time", f->last_time);
	}
	for (size_t i = 0; i < f->nevidence; i++) {
		struct json *e = json_object();

		json_set_str(e, "path", f->evidence[i].path);
		json_set_int(e, "line", (long long)f->evidence[i].line);
		json_set_str(e, "text", f->evidence[i].text);
		json_push(ev, e);
	}
	json_set(o, "evidence", ev);
	json_set_int(o, "evidence_omitted", (long long)f->evidence_omitted);
	json_set(o, "remediation", strings(f->remediation, f->nremediation));
	json_set(o, "references",
	    strings(f->rule->references, f->rule->nreferences));
	json_set_bool(o, "root", finding_is_root(f));
	json_set(o, "explains", refs(fs, f->explains, f->nexplains));
	json_set(o, "explained_by",
	    refs(fs, f->explained_by, f->nexplained_by));
	if (f->verdict != NULL)
		json_set_str(o, "verdict", f->verdict);
	if (b->accepted != NULL)
		json_set_bool(o, "accepted", b->accepted[idx]);
	return o;
}

static struct json *
host_json(const struct model *m)
{
	struct json *o = json_object();
	const struct system *s;

	if (m->recs[REC_SYSTEM].n == 0)
		return o;
	s = m->recs[REC_SYSTEM].v[0];
	if (s->computer != NULL)
		json_set_str(o, "computer", s->computer);
	if (s->os != NULL)
		json_set_str(o, "os", s->os);
	if (s->iis_version != NULL)
		json_set_str(o, "iis_version", s->iis_version);
	return o;
}

static struct json *
baseline_json(const struct report_bundle *b)
{
	struct json *o = json_object();
	struct json *st = json_array();
	long long acc = 0;

	for (size_t i = 0; i < b->fs->n; i++)
		if (b->accepted[i])
			acc++;
	json_set_int(o, "accepted", acc);
	json_set_int(o, "new", (long long)b->fs->n - acc);
	for (size_t i = 0; i < b->nstale; i++) {
		struct json *e = json_object();

		json_set_str(e, "rule", b->stale[i]->rule);
		json_set_str(e, "subject", b->stale[i]->subject);
		json_set_int(e, "line", (long long)b->stale[i]->line);
		json_push(st, e);
	}
	json_set(o, "stale", st);
	return o;
}

/*
 * The members of the bundle object before "findings" and after it.  The
 * findings are printed one at a time between the two, so that a bundle
 * with tens of thousands of findings never has its whole report in memory
 * twice (as a tree and as its text).
 */
static struct json *
head_json(const struct report_bundle *b)
{
	const struct model *m = b->m;
	const struct findings *fs = b->fs;
	struct json *o = json_object();
	struct json *asof = json_object();
	struct json *sum = json_object();
	long long n[3] = { 0, 0, 0 };

	json_set_str(o, "bundle", m->name);
	json_set_str(o, "source", m->source);
	json_set_bool(o, "complete", !m->read_error);
	json_set_str(asof, "date", fs->as_of);
	json_set_str(asof, "source", as_of_source_name(fs->as_of_source));
	json_set(o, "as_of", asof);
	for (size_t i = 0; i < fs->n; i++)
		n[fs->v[i].rule->severity]++;
	json_set_int(sum, "error", n[SEV_ERROR]);
	json_set_int(sum, "warning", n[SEV_WARNING]);
	json_set_int(sum, "info", n[SEV_INFO]);
	json_set(o, "summary", sum);
	return o;
}

static struct json *
tail_json(const struct report_bundle *b)
{
	const struct model *m = b->m;
	const struct findings *fs = b->fs;
	struct json *o = json_object();
	struct json *nc = json_array();
	struct buf v;

	for (size_t i = 0; i < fs->nnot_checked; i++) {
		struct json *e = json_object();

		json_set_str(e, "rule", fs->not_checked[i].rule->id);
		json_set_str(e, "missing", fs->not_checked[i].missing);
		json_push(nc, e);
	}
	json_set(o, "not_checked", nc);
	json_set(o, "diagnostics", model_json_diags(&m->diags));
	json_set(o, "artifacts", model_json_artifacts(m));
	json_set(o, "host", host_json(m));
	buf_init(&v, 1 << 16);
	(void)report_verdict(m, fs, &v);
	json_set_str(o, "verdict", buf_str(&v));
	buf_release(&v);
	if (b->accepted != NULL)
		json_set(o, "baseline", baseline_json(b));
	return o;
}

/*
 * Print a compact object's members without its braces: "{...}" minus the
 * first and the last byte.
 */
static void
write_members(FILE *out, struct json *o)
{
	char *s = json_print(o, false);
	size_t n = strlen(s);

	if (n >= 2)
		(void)fwrite(s + 1, 1, n - 2, out);
	free(s);
	json_free(o);
}

static void
json_bundle(struct report_ctx *rc, const struct report_bundle *b)
{
	FILE *out = rc->out;

	putc('{', out);
	write_members(out, head_json(b));
	fputs(",\"findings\":[", out);
	for (size_t i = 0; i < b->fs->n; i++) {
		struct json *f = finding_json(b, i);
		char *s = json_print(f, false);

		if (i > 0)
			putc(',', out);
		fputs(s, out);
		free(s);
		json_free(f);
	}
	fputs("],", out);
	write_members(out, tail_json(b));
	fputs("}\n", out);
}

static void
json_failed(struct report_ctx *rc, size_t index, const char *name,
    const char *why)
{
	struct json *o = json_object();

	(void)index;
	json_set_str(o, "bundle", name);
	json_set_bool(o, "complete", false);
	json_set_str(o, "failed", why);
	json_write(rc->out, o, false);
}

static void
json_nothing(struct report_ctx *rc)
{
	(void)rc;
}

const struct reporter report_json_def = {
	"json",
	true,
	true,
	json_nothing,
	json_bundle,
	NULL,
	json_failed,
	json_nothing,
};

const struct reporter report_jsonl_def = {
	"jsonl",
	false,
	true,
	json_nothing,
	json_bundle,
	NULL,
	json_failed,
	json_nothing,
};
