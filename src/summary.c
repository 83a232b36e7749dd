/*
 * The fleet view (summary.h).
 *
 *   22 bundles: 21 analysed, 1 with errors (1 not analysed, 0 read
 *   incompletely)
 *
 *   Rules by servers affected
 *
 *     RULE     SEVERITY  SERVERS  TITLE
 *     CRT001   error           2  The certificate http.sys serves has ...
 *
 *   Top root causes
 *
 *     RULE     SERVERS  TITLE
 *     CRT001         2  ...
 *
 *   Servers by severity
 *
 *     ERRORS  WARNINGS  INFO  SERVER
 *          6         2     0  WEB01.contoso.local (fixtures/bundles/demo)
 *                             HTTPS on 0.0.0.0:443 fails: ...
 *
 *   Bundles with errors
 *
 *     case-17.zip: not analysed: its worker was killed by signal 11 ...
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "summary.h"
#include "xalloc.h"

struct server {
	char *bundle;
	char *computer; /* NULL when not known */
	char *verdict;
	char *failed; /* why it was not analysed; NULL if it was */
	bool complete;
	long long n[3]; /* info, warning, error */
};

struct rulestat {
	char *id;
	char *title;
	int severity; /* 0 info, 1 warning, 2 error */
	size_t servers;
	size_t roots; /* servers where it is a root cause */
	unsigned long long findings;
	size_t seen; /* the last bundle counted, plus one */
	size_t root_seen;
};

struct summary {
	struct server *v;
	size_t n;
	size_t alloc;
	struct rulestat *rules;
	size_t nrules;
	size_t rules_alloc;
};

static const char *const sev_names[] = { "info", "warning", "error" };

struct summary *
summary_new(void)
{
	return xcalloc(1, sizeof(struct summary));
}

void
summary_free(struct summary *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].bundle);
		free(s->v[i].computer);
		free(s->v[i].verdict);
		free(s->v[i].failed);
	}
	for (size_t i = 0; i < s->nrules; i++) {
		free(s->rules[i].id);
		free(s->rules[i].title);
	}
	free(s->v);
	free(s->rules);
	free(s);
}

static char *
dup_or_null(const char *p)
{
	return p != NULL ? xstrdup(p) : NULL;
}

static int
sev_of(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (name != NULL && strcmp(name, sev_names[i]) == 0)
			return i;
	return -1;
}

static struct rulestat *
rule_stat(struct summary *s, const char *id, const char *title, int sev)
{
	struct rulestat *r;

	for (size_t i = 0; i < s->nrules; i++)
		if (strcmp(s->rules[i].id, id) == 0)
			return &s->rules[i];
	xgrow((void **)&s->rules, &s->rules_alloc, s->nrules + 1,
	    sizeof(*s->rules));
	r = &s->rules[s->nrules++];
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(id);
	r->title = xstrdup(title != NULL ? title : "");
	r->severity = sev;
	return r;
}

/* Check a finding before anything is added. */
static bool
finding_ok(const struct json *f)
{
	const char *id = json_str_value(json_get(f, "rule"));

	return json_type_of(f) == JSON_OBJECT && id != NULL && *id != '\0' &&
	    sev_of(json_str_value(json_get(f, "severity"))) >= 0;
}

int
summary_add(struct summary *s, const struct json *report, char *err,
    size_t errlen)
{
	const struct json *o = report;
	const char *bundle = json_str_value(json_get(o, "bundle"));
	const struct json *fs = json_get(o, "findings");
	const struct json *host = json_get(o, "host");
	const struct json *failed = json_get(o, "failed");
	struct server *sv;
	size_t idx;

	if (json_type_of(o) != JSON_OBJECT || bundle == NULL ||
	    json_type_of(json_get(o, "complete")) != JSON_BOOL) {
		snprintf(err, errlen, "not a report of sslsift scan");
		return -1;
	}
	if (failed == NULL && json_type_of(fs) != JSON_ARRAY) {
		snprintf(err, errlen, "a report without \"findings\"");
		return -1;
	}
	for (const struct json *f = json_first(fs); f != NULL; f = json_next(f))
		if (!finding_ok(f)) {
			snprintf(err, errlen,
			    "a finding without rule or severity");
			return -1;
		}
	xgrow((void **)&s->v, &s->alloc, s->n + 1, sizeof(*s->v));
	idx = s->n++;
	sv = &s->v[idx];
	memset(sv, 0, sizeof(*sv));
	sv->bundle = xstrdup(bundle);
	sv->complete = json_bool_value(json_get(o, "complete"));
	sv->failed = dup_or_null(json_str_value(failed));
	if (failed != NULL && sv->failed == NULL)
		sv->failed = xstrdup("not analysed");
	sv->computer = dup_or_null(json_str_value(json_get(host, "computer")));
	sv->verdict = dup_or_null(json_str_value(json_get(o, "verdict")));
	for (const struct json *f = json_first(fs); f != NULL;
	     f = json_next(f)) {
		int sev = sev_of(json_str_value(json_get(f, "severity")));
		struct rulestat *r =
		    rule_stat(s, json_str_value(json_get(f, "rule")),
			json_str_value(json_get(f, "title")), sev);

		sv->n[sev]++;
		r->findings++;
		if (r->seen != idx + 1) {
			r->seen = idx + 1;
			r->servers++;
		}
		if (json_bool_value(json_get(f, "root")) &&
		    r->root_seen != idx + 1) {
			r->root_seen = idx + 1;
			r->roots++;
		}
	}
	return 0;
}

static int
cmp_rules(const void *x, const void *y)
{
	const struct rulestat *a = x, *b = y;

	if (a->servers != b->servers)
		return a->servers > b->servers ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int
cmp_roots(const void *x, const void *y)
{
	const struct rulestat *a = *(const struct rulestat *const *)x;
	const struct rulestat *b = *(const struct rulestat *const *)y;

	if (a->roots != b->roots)
		return a->roots > b->roots ? -1 : 1;
	return cmp_rules(a, b);
}

static int
cmp_servers(const void *x, const void *y)
{
	const struct server *a = *(const struct server *const *)x;
	const struct server *b = *(const struct server *const *)y;

	for (int k = 2; k >= 0; k--)
		if (a->n[k] != b->n[k])
			return a->n[k] > b->n[k] ? -1 : 1;
	return strcmp(a->bundle, b->bundle);
}

/* Sorted views; the caller frees the arrays (not what they point to). */
struct views {
	struct rulestat *rules; /* a sorted copy */
	const struct rulestat **roots;
	size_t nroots;
	const struct server **servers;
	size_t nservers;
	size_t failed, incomplete;
};

static void
views(const struct summary *s, struct views *v, size_t top)
{
	memset(v, 0, sizeof(*v));
	v->rules = xcalloc(s->nrules + 1, sizeof(*v->rules));
	if (s->nrules > 0)
		memcpy(v->rules, s->rules, s->nrules * sizeof(*s->rules));
	qsort(v->rules, s->nrules, sizeof(*v->rules), cmp_rules);
	v->roots = xcalloc(s->nrules + 1, sizeof(const struct rulestat *));
	for (size_t i = 0; i < s->nrules; i++)
		if (v->rules[i].roots > 0)
			v->roots[v->nroots++] = &v->rules[i];
	qsort(v->roots, v->nroots, sizeof(const struct rulestat *), cmp_roots);
	if (top > 0 && v->nroots > top)
		v->nroots = top;
	v->servers = xcalloc(s->n + 1, sizeof(const struct server *));
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].failed != NULL) {
			v->failed++;
			continue;
		}
		if (!s->v[i].complete)
			v->incomplete++;
		v->servers[v->nservers++] = &s->v[i];
	}
	qsort(v->servers, v->nservers, sizeof(const struct server *),
	    cmp_servers);
}

static void
views_release(struct views *v)
{
	free(v->rules);
	free(v->roots);
	free(v->servers);
}

static void
print_server_name(FILE *out, const struct server *sv)
{
	if (sv->computer != NULL) {
		esc_fputs_report(sv->computer, out);
		fputs(" (", out);
		esc_fputs_report(sv->bundle, out);
		putc(')', out);
	} else {
		esc_fputs_report(sv->bundle, out);
	}
}

void
summary_text(const struct summary *s, FILE *out, size_t top)
{
	struct views v;

	views(s, &v, top);
	fprintf(out,
	    "%zu bundle%s: %zu analysed, %zu with errors (%zu not analysed, "
	    "%zu read incompletely)\n",
	    s->n, s->n == 1 ? "" : "s", s->n - v.failed,
	    v.failed + v.incomplete, v.failed, v.incomplete);
	if (s->nrules > 0) {
		fputs("\nRules by servers affected\n\n", out);
		fprintf(out, "  %-8s %-8s %8s  %s\n", "RULE", "SEVERITY",
		    "SERVERS", "TITLE");
		for (size_t i = 0; i < s->nrules; i++) {
			const struct rulestat *r = &v.rules[i];

			fputs("  ", out);
			esc_fputs_report(r->id, out);
			fprintf(out, "%*s %-8s %8zu  ",
			    (int)(strlen(r->id) < 8 ? 8 - strlen(r->id) : 0),
			    "", sev_names[r->severity], r->servers);
			esc_fputs_report(r->title, out);
			putc('\n', out);
		}
	}
	if (v.nroots > 0) {
		fputs("\nTop root causes\n\n", out);
		fprintf(out, "  %-8s %8s  %s\n", "RULE", "SERVERS", "TITLE");
		for (size_t i = 0; i < v.nroots; i++) {
			fputs("  ", out);
			esc_fputs_report(v.roots[i]->id, out);
			fprintf(out, "%*s %8zu  ",
			    (int)(strlen(v.roots[i]->id) < 8 ?
				    8 - strlen(v.roots[i]->id) :
				    0),
			    "", v.roots[i]->roots);
			esc_fputs_report(v.roots[i]->title, out);
			putc('\n', out);
		}
	}
	if (v.nservers > 0) {
		fputs("\nServers by severity\n\n", out);
		fprintf(out, "  %6s  %8s  %4s  %s\n", "ERRORS", "WARNINGS",
		    "INFO", "SERVER");
		for (size_t i = 0; i < v.nservers; i++) {
			const struct server *sv = v.servers[i];

			fprintf(out, "  %6lld  %8lld  %4lld  ", sv->n[2],
			    sv->n[1], sv->n[0]);
			print_server_name(out, sv);
			if (!sv->complete)
				fputs(" [read incompletely]", out);
			putc('\n', out);
			if (sv->verdict != NULL) {
				fprintf(out, "  %26s", "");
				esc_fputs_report(sv->verdict, out);
				putc('\n', out);
			}
		}
	}
	if (v.failed > 0) {
		fputs("\nBundles not analysed\n\n", out);
		for (size_t i = 0; i < s->n; i++) {
			if (s->v[i].failed == NULL)
				continue;
			fputs("  ", out);
			esc_fputs_report(s->v[i].bundle, out);
			fputs(": ", out);
			esc_fputs_report(s->v[i].failed, out);
			putc('\n', out);
		}
	}
	views_release(&v);
}

struct json *
summary_json(const struct summary *s, size_t top)
{
	struct json *o = json_object();
	struct json *rules = json_array();
	struct json *roots = json_array();
	struct json *servers = json_array();
	struct json *failed = json_array();
	struct views v;

	views(s, &v, top);
	json_set_int(o, "bundles", (long long)s->n);
	json_set_int(o, "analysed", (long long)(s->n - v.failed));
	json_set_int(o, "with_errors",
	    (long long)v.failed + (long long)v.incomplete);
	json_set_int(o, "not_analysed", (long long)v.failed);
	json_set_int(o, "incomplete", (long long)v.incomplete);
	for (size_t i = 0; i < s->nrules; i++) {
		struct json *r = json_object();

		json_set_str(r, "rule", v.rules[i].id);
		json_set_str(r, "severity", sev_names[v.rules[i].severity]);
		json_set_str(r, "title", v.rules[i].title);
		json_set_int(r, "servers", (long long)v.rules[i].servers);
		json_set_int(r, "findings", (long long)v.rules[i].findings);
		json_set_int(r, "root_cause", (long long)v.rules[i].roots);
		json_push(rules, r);
	}
	json_set(o, "rules", rules);
	for (size_t i = 0; i < v.nroots; i++) {
		struct json *r = json_object();

		json_set_str(r, "rule", v.roots[i]->id);
		json_set_str(r, "title", v.roots[i]->title);
		json_set_int(r, "servers", (long long)v.roots[i]->roots);
		json_push(roots, r);
	}
	json_set(o, "root_causes", roots);
	for (size_t i = 0; i < v.nservers; i++) {
		const struct server *sv = v.servers[i];
		struct json *r = json_object();

		json_set_str(r, "bundle", sv->bundle);
		if (sv->computer != NULL)
			json_set_str(r, "computer", sv->computer);
		json_set_bool(r, "complete", sv->complete);
		json_set_int(r, "error", sv->n[2]);
		json_set_int(r, "warning", sv->n[1]);
		json_set_int(r, "info", sv->n[0]);
		if (sv->verdict != NULL)
			json_set_str(r, "verdict", sv->verdict);
		json_push(servers, r);
	}
	json_set(o, "servers", servers);
	for (size_t i = 0; i < s->n; i++) {
		struct json *r;

		if (s->v[i].failed == NULL)
			continue;
		r = json_object();
		json_set_str(r, "bundle", s->v[i].bundle);
		json_set_str(r, "failed", s->v[i].failed);
		json_push(failed, r);
	}
	json_set(o, "failed", failed);
	views_release(&v);
	return o;
}
