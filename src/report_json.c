/*
 * The JSON report: one object per bundle, keys in a fixed order.
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
 *                  "explained_by": [{"rule", "subject"}]}],
 *    "not_checked": [{"rule", "missing"}],
 *    "diagnostics", "artifacts"}
 *
 * The schema is documented in sslsift(1); it only grows.
 */
#include "compat.h"

#include "model_json.h"
#include "report.h"

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
finding_json(const struct findings *fs, const struct finding *f)
{
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
	return o;
}

struct json *
report_json(const struct model *m, const struct findings *fs)
{
	struct json *o = json_object();
	struct json *asof = json_object();
	struct json *sum = json_object();
	struct json *arr = json_array();
	struct json *nc = json_array();
	long long n[3] = { 0, 0, 0 };

	json_set_str(o, "bundle", m->name);
	json_set_str(o, "source", m->source);
	json_set_bool(o, "complete", !m->read_error);
	json_set_str(asof, "date", fs->as_of);
	json_set_str(asof, "source", as_of_source_name(fs->as_of_source));
	json_set(o, "as_of", asof);
	for (size_t i = 0; i < fs->n; i++) {
		n[fs->v[i].rule->severity]++;
		json_push(arr, finding_json(fs, &fs->v[i]));
	}
	json_set_int(sum, "error", n[SEV_ERROR]);
	json_set_int(sum, "warning", n[SEV_WARNING]);
	json_set_int(sum, "info", n[SEV_INFO]);
	json_set(o, "summary", sum);
	json_set(o, "findings", arr);
	for (size_t i = 0; i < fs->nnot_checked; i++) {
		struct json *e = json_object();

		json_set_str(e, "rule", fs->not_checked[i].rule->id);
		json_set_str(e, "missing", fs->not_checked[i].missing);
		json_push(nc, e);
	}
	json_set(o, "not_checked", nc);
	json_set(o, "diagnostics", model_json_diags(&m->diags));
	json_set(o, "artifacts", model_json_artifacts(m));
	return o;
}
