/*
 * Unit tests for the rule engine: loading and validation (messages with
 * path:line), the condition language, templates, dates, grouping and
 * "explains", and the combiners, on models built by hand so that they do
 * not depend on any parser.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "combine.h"
#include "rule.h"
#include "tap.h"
#include "xalloc.h"

/* Load one rule file (with a page) into a fresh set; *ret as the API. */
static struct ruleset *
load(const char *path, const char *json, struct diag_list *dl, int *ret)
{
	struct ruleset *rs = ruleset_new();
	const char *base =
	    strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	char page[64];

	snprintf(page, sizeof(page), "# %.*s Title\n", (int)strcspn(base, "."),
	    base);
	diag_list_init(dl);
	*ret = ruleset_add_file(rs, path, json, strlen(json), page,
	    strlen(page), false, dl);
	if (*ret == 0)
		*ret = ruleset_finish(rs, dl);
	return rs;
}

/* The first message of loading json, or "" when it loads. */
static char *
load_error(const char *path, const char *json)
{
	struct diag_list dl;
	int ret;
	struct ruleset *rs = load(path, json, &dl, &ret);
	char *msg = xstrdup(dl.n > 0 ? dl.v[0].msg : "");

	diag_list_release(&dl);
	ruleset_free(rs);
	return msg;
}

static void
is_error(const char *json, const char *want, const char *name)
{
	char *got = load_error("t/TST001.json", json);

	is_str(got, want, "%s", name);
	free(got);
}

#define HEAD                                                                   \
	"{\"id\": \"TST001\", \"family\": \"test\", \"severity\": \"error\", " \
	"\"title\": \"t\", \"remediation\": [\"r\"], \"references\": [], "

static void
test_validation(void)
{
	is_error("{\n\"id\": \"TST001\",\n oops }",
	    "t/TST001.json:3: invalid JSON", "invalid JSON: line of the error");
	is_error(HEAD "\"select\": \"binding\",\n\"when\": {\"field\": "
		      "\"port\", \"op\": \"equals\", \"value\": 443},\n"
		      "\"subject\": \"x\", \"message\": \"m\",\n\"colour\": 1}",
	    "t/TST001.json:4: unknown key 'colour' in a rule",
	    "unknown key, with its line");
	is_error(HEAD "\"select\": \"binding\",\n\"when\": {\"field\": "
		      "\"nope\", \"op\": \"equals\", \"value\": 1},\n"
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:2: record type 'binding' has no field 'nope'",
	    "unknown field checked against the field table");
	is_error(HEAD "\"select\": \"bindings\", \"when\": {\"field\": "
		      "\"port\", \"op\": \"equals\", \"value\": 1}, "
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:1: unknown record type 'bindings'",
	    "unknown record type");
	is_error(HEAD "\"select\": \"binding\",\n\"when\":\n{\"field\": "
		      "\"port\", \"op\": \"contains\", \"value\": 1},\n"
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:3: unknown operator 'contains'", "unknown operator");
	is_error(HEAD "\"select\": \"binding\", \"when\": {\"field\": "
		      "\"host\", \"op\": \"regex\", \"value\": \"(a\"}, "
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:1: bad regex: missing closing parenthesis at "
	    "offset 2",
	    "bad regex");
	is_error(HEAD "\"select\": \"binding\", \"when\": {\"field\": "
		      "\"sni\", \"op\": \"equals\", \"value\": \"yes\"}, "
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:1: a boolean field takes 'equals' true or false",
	    "boolean field with a string");
	is_error(HEAD "\"select\": \"binding\", \"when\": {\"field\": "
		      "\"port\", \"op\": \"equals\", \"value\": 1}, "
		      "\"subject\": \"{portt}\", \"message\": \"m\"}",
	    "t/TST001.json:1: record type 'binding' has no field 'portt'",
	    "template naming an unknown field");
	is_error(HEAD "\"select\": \"served\", \"when\": {\"field\": "
		      "\"cert.nope\", \"op\": \"exists\"}, "
		      "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:1: record type 'cert' has no field 'nope'",
	    "paths through references are checked");
	is_error(HEAD
	    "\"select\": \"event\", \"when\": {\"field\": "
	    "\"error_code\", \"op\": \"equals\", \"value\": \"0x1\"}, "
	    "\"subject\": \"x\", \"message\": \"m\"}",
	    "t/TST001.json:1: cannot tell which events rule TST001 needs "
	    "from its condition: name the provider (and ids) in 'all', or "
	    "list them in 'keep'",
	    "an event rule must say which events it needs");
	is_error(HEAD "\"select\": \"binding\", \"when\": {\"field\": "
		      "\"port\", \"op\": \"equals\", \"value\": 1}, "
		      "\"subject\": \"x\", \"message\": \"m\", \"explains\": "
		      "[{\"rule\": \"XYZ123\"}]}",
	    "t/TST001.json:1: 'explains' names rule XYZ123, which is not "
	    "loaded",
	    "explains an unknown rule");
	{
		char *got = load_error("t/TST002.json",
		    HEAD "\"select\": \"binding\", \"when\": {\"field\": "
			 "\"port\", \"op\": \"equals\", \"value\": 1}, "
			 "\"subject\": \"x\", \"message\": \"m\"}");

		is_str(got,
		    "t/TST002.json:1: id 'TST001' does not match the file "
		    "name 'TST002.json'",
		    "id must match the file name");
		free(got);
	}
	{
		struct buf b;
		char *got;

		buf_init(&b, 1 << 16);
		if (buf_addstr(&b, HEAD "\"select\": \"binding\", \"when\": ") <
		    0)
			abort();
		for (int i = 0; i < 20; i++)
			if (buf_addstr(&b, "{\"not\": ") < 0)
				abort();
		if (buf_addstr(&b,
			"{\"field\": \"port\", \"op\": \"exists\"}") < 0)
			abort();
		for (int i = 0; i < 20; i++)
			if (buf_addc(&b, '}') < 0)
				abort();
		if (buf_addstr(&b,
			", \"subject\": \"x\", \"message\": \"m\"}") < 0)
			abort();
		got = load_error("t/TST001.json", buf_str(&b));
		ok(strstr(got, "conditions nested deeper than 16 levels") !=
			NULL,
		    "condition depth is bounded: %s", got);
		free(got);
		buf_release(&b);
	}
	{
		struct ruleset *rs = ruleset_new();
		struct diag_list dl;
		const char *json =
		    HEAD "\"select\": \"binding\", \"when\": {\"field\": "
			 "\"port\", \"op\": \"exists\"}, \"subject\": \"x\", "
			 "\"message\": \"m\"}";

		diag_list_init(&dl);
		is_int(ruleset_add_file(rs, "t/TST001.json", json, strlen(json),
			   NULL, 0, false, &dl),
		    -1, "a rule without a page is refused");
		is_str(dl.n > 0 ? dl.v[0].msg : "",
		    "t/TST001.json:1: missing page 'TST001.md' beside the rule",
		    "missing page named");
		diag_list_release(&dl);
		diag_list_init(&dl);
		is_int(ruleset_add_file(rs, "a/TST001.json", json, strlen(json),
			   "# TST001 t\n", 11, false, &dl),
		    0, "first copy loads");
		is_int(ruleset_add_file(rs, "b/TST001.json", json, strlen(json),
			   "# TST001 t\n", 11, false, &dl),
		    -1, "second copy is refused");
		is_str(dl.n > 0 ? dl.v[0].msg : "",
		    "b/TST001.json:1: rule TST001 is already loaded from "
		    "'a/TST001.json'",
		    "duplicate id named");
		diag_list_release(&dl);
		ruleset_free(rs);
	}
}

static void
test_builtin(void)
{
	struct ruleset *rs = ruleset_new();
	struct diag_list dl;
	const struct evfilter *keep;

	diag_list_init(&dl);
	is_int(ruleset_add_builtin(rs, &dl), 0, "built-in rules load");
	is_int(ruleset_finish(rs, &dl), 0, "built-in rules link");
	for (size_t i = 0; i < dl.n; i++)
		printf("# %s\n", dl.v[i].msg);
	ok(ruleset_count(rs) >= 37, "the catalog has at least 37 rules");
	ok(ruleset_find(rs, "EVT001") != NULL &&
		strncmp(ruleset_find(rs, "EVT001")->page, "# EVT001 ", 9) == 0,
	    "pages are built in");
	keep = ruleset_evfilter(rs);
	ok(evfilter_match(keep, "Schannel", 36870), "36870 is kept");
	ok(evfilter_match(keep, "Microsoft-Windows-HttpEvent", 15021),
	    "15021 is kept");
	ok(evfilter_match(keep, "Microsoft-Windows-Security-Auditing", 5061),
	    "5061 is kept");
	ok(!evfilter_match(keep, "Microsoft-Windows-Security-Auditing", 4624),
	    "4624 is not kept");
	ok(!evfilter_match(keep, "Service Control Manager", 7036),
	    "unrelated events are not kept");
	diag_list_release(&dl);
	ruleset_free(rs);
}

/* A hand-made model: the demo bundle's story, record by record. */
static struct artifact *
art(struct model *m, const char *path, enum artifact_kind k)
{
	struct artifact *a = model_add_artifact(m, path);

	a->kind = k;
	a->status = PARSE_OK;
	return a;
}

static void
binding(struct model *m, struct artifact *a, unsigned long line, long long site,
    const char *name, const char *info, long long flags)
{
	struct binding *b = model_add(m, REC_BINDING, a, line);
	const char *c1 = strchr(info, ':');
	const char *c2 = strrchr(info, ':');

	b->site_id = site;
	b->site_name = model_strdup(m, name);
	b->protocol = "https";
	b->information = model_strdup(m, info);
	b->address = model_strndup(m, info, (size_t)(c1 - info));
	b->port = atoll(c1 + 1);
	b->host = model_strdup(m, c2 + 1);
	b->ssl_flags = flags;
	b->sni = (flags & 1) != 0;
	b->ccs = (flags & 2) != 0;
}

static void
sslcert(struct model *m, struct artifact *a, unsigned long line,
    const char *type, const char *addr, long long port, const char *hash,
    const char *appid)
{
	struct sslcert *e = model_add(m, REC_SSLCERT, a, line);
	char ep[128];

	snprintf(ep, sizeof(ep), "%s:%lld", addr, port);
	e->type = type;
	e->endpoint = model_strdup(m, ep);
	e->address = model_strdup(m, addr);
	e->port = port;
	e->cert_hash = hash;
	e->hash_state = "ok";
	e->app_id = appid;
	e->store = "MY";
}

static void
cert(struct model *m, struct artifact *a, unsigned long line,
    const char *subject, const char *thumb, const char *nb, const char *na,
    const char *key)
{
	struct cert *c = model_add(m, REC_CERT, a, line);

	c->store = "My";
	c->subject = subject;
	c->thumbprint = thumb;
	c->not_before = nb;
	c->not_after = na;
	c->key_state = key;
}

static void
event(struct model *m, struct artifact *a, unsigned long line,
    const char *provider, long long id, const char *time, const char *code,
    const char *endpoint)
{
	struct event *e = model_add(m, REC_EVENT, a, line);

	e->provider = provider;
	e->event_id = id;
	e->time = time;
	e->error_code = code;
	if (code != NULL)
		model_kv_add(m, &e->data, "ErrorCode", code);
	if (endpoint != NULL)
		model_kv_add(m, &e->data, "Endpoint", endpoint);
}

static void
sock(struct model *m, struct artifact *a, unsigned long line, const char *addr,
    long long port, long long pid)
{
	struct sock *s = model_add(m, REC_SOCKET, a, line);

	s->proto = "TCP";
	s->local_address = addr;
	s->local_port = port;
	s->state = "LISTENING";
	s->pid = pid;
}

static void
regval(struct model *m, struct artifact *a, unsigned long line, const char *key,
    const char *name, long long num)
{
	struct regval *v = model_add(m, REC_REGVAL, a, line);

	v->key = key;
	v->key_raw = key;
	v->name = name;
	v->op = "set";
	v->type = "REG_DWORD";
	v->num = num;
	v->data = "dword";
}

#define WWW "3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f"
#define SHOP "7e1b2c3d4f5a69788796a5b4c3d2e1f0a9b8c7d6"
#define IISAPP "{4dc3e181-e14b-4a21-b022-59fc669b0914}"
#define TLS10                                                      \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\" \
	"SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server"

static struct model *
demo_model(void)
{
	struct model *m = model_new("demo");
	struct artifact *ah = art(m, "applicationHost.config", KIND_APPHOST);
	struct artifact *ns = art(m, "sslcert.txt", KIND_NETSH);
	struct artifact *cu = art(m, "certutil.txt", KIND_CERTUTIL);
	struct artifact *nt = art(m, "netstat.txt", KIND_NETSTAT);
	struct artifact *ev = art(m, "system.xml", KIND_EVENTS);
	struct artifact *rg = art(m, "schannel.reg", KIND_REG);
	struct site *s;
	struct metadata *md;

	s = model_add(m, REC_SITE, ah, 80);
	s->id = 1;
	s->name = "Default Web Site";
	s = model_add(m, REC_SITE, ah, 89);
	s->id = 2;
	s->name = "Shop";
	binding(m, ah, 86, 1, "Default Web Site", "*:443:", 0);
	binding(m, ah, 95, 2, "Shop", "*:443:shop.contoso.com", 1);
	md = model_add(m, REC_METADATA, ah, 62);
	md->key = "LM/W3SVC/2";
	md->site_id = 2;
	md->prop_id = 5506;
	md->value = "xB2LDn8qnD5bbRpPjnwrnQo/bhU=";
	md->decoded_hex = "c41d8b0e7f2a9c3e5b6d1a4f8e7c2b9d0a3f6e15";
	md->decoded_len = 20;
	sslcert(m, ns, 4, "ipport", "0.0.0.0", 443, WWW, IISAPP);
	sslcert(m, ns, 18, "ipport", "0.0.0.0", 8172,
	    "92c4e0f1a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3",
	    "{d7d72267-fcf9-4424-9eec-7e1d8dcec9a9}");
	cert(m, cu, 2, "CN=www.contoso.com, O=Contoso Ltd", WWW,
	    "2026-10-28T09:12:00", "2027-10-28T09:12:00", "missing_keyset");
	cert(m, cu, 16, "CN=shop.contoso.com, O=Contoso Ltd", SHOP,
	    "2026-11-02T15:47:00", "2027-11-02T15:47:00", "present");
	cert(m, cu, 31, "CN=WMSvc-SHA2-WEB01",
	    "92c4e0f1a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3", "2024-03-14T14:03:00",
	    "2034-03-12T14:03:00", "present");
	sock(m, nt, 9, "0.0.0.0", 443, 4);
	sock(m, nt, 31, "[::]", 443, 4);
	event(m, ev, 1, "Microsoft-Windows-HttpEvent", 15300,
	    "2026-11-17T22:41:07.1183052Z", NULL, "shop.contoso.com:443");
	event(m, ev, 2, "Schannel", 36870, "2026-11-18T08:14:02.5312447Z",
	    "0x80090016", NULL);
	event(m, ev, 3, "Microsoft-Windows-HttpEvent", 15021,
	    "2026-11-18T08:14:02.5328719Z", NULL, "0.0.0.0:443");
	event(m, ev, 4, "Schannel", 36870, "2026-11-18T10:37:58.2400936Z",
	    "0x80090016", NULL);
	regval(m, rg, 24, TLS10, "Enabled", 1);
	regval(m, rg, 25, TLS10, "DisabledByDefault", 0);
	model_finish(m);
	return m;
}

static const struct finding *
find(const struct findings *fs, const char *rule, const char *subject)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule->id, rule) == 0 &&
		    strcmp(fs->v[i].subject, subject) == 0)
			return &fs->v[i];
	return NULL;
}

static bool
explains(const struct findings *fs, const struct finding *a,
    const struct finding *b)
{
	for (size_t i = 0; a != NULL && b != NULL && i < a->nexplains; i++)
		if (&fs->v[a->explains[i]] == b)
			return true;
	return false;
}

static void
test_demo(void)
{
	struct ruleset *rs = ruleset_new();
	struct diag_list dl;
	struct model *m = demo_model();
	struct findings *fs;
	struct buf got;
	const struct finding *crt001, *evt001, *evt006, *mdb002, *evt007,
	    *bnd004, *crt004;
	const char *want = "BND004 error shop.contoso.com:443\n"
			   "CRT001 error " WWW "\n"
			   "CRT004 error shop.contoso.com:443\n"
			   "EVT001 error 0x80090016\n"
			   "EVT006 error 0.0.0.0:443\n"
			   "MDB002 error LM/W3SVC/2\n"
			   "EVT007 warning shop.contoso.com:443\n"
			   "PRO003 warning TLS 1.0 server\n";
	struct eval_opts eo = { NULL };

	diag_list_init(&dl);
	if (ruleset_add_builtin(rs, &dl) < 0 || ruleset_finish(rs, &dl) < 0)
		abort();
	fs = rule_eval(rs, m, &eo);
	buf_init(&got, 1 << 16);
	for (size_t i = 0; i < fs->n; i++)
		if (buf_printf(&got, "%s %s %s\n", fs->v[i].rule->id,
			severity_name(fs->v[i].rule->severity),
			fs->v[i].subject) < 0)
			abort();
	is_str(buf_str(&got), want, "the demo's findings, in order");
	is_str(fs->as_of, "2026-11-18", "as-of: the newest event");
	is_int(fs->as_of_source, AS_OF_NEWEST_EVENT, "as-of source");
	crt001 = find(fs, "CRT001", WWW);
	evt001 = find(fs, "EVT001", "0x80090016");
	evt006 = find(fs, "EVT006", "0.0.0.0:443");
	mdb002 = find(fs, "MDB002", "LM/W3SVC/2");
	evt007 = find(fs, "EVT007", "shop.contoso.com:443");
	bnd004 = find(fs, "BND004", "shop.contoso.com:443");
	crt004 = find(fs, "CRT004", "shop.contoso.com:443");
	ok(crt001 && evt001 && evt006 && mdb002 && evt007 && bnd004 && crt004,
	    "the demo's findings are all there");
	ok(crt001 && finding_is_root(crt001), "CRT001 is a root cause");
	ok(mdb002 && finding_is_root(mdb002), "MDB002 is a root cause");
	ok(explains(fs, crt001, evt001), "CRT001 explains EVT001");
	ok(explains(fs, crt001, evt006), "CRT001 explains EVT006");
	ok(explains(fs, evt001, evt006), "EVT001 explains EVT006");
	ok(explains(fs, mdb002, evt007), "MDB002 explains EVT007");
	ok(explains(fs, mdb002, bnd004), "MDB002 explains BND004");
	ok(explains(fs, evt007, bnd004), "EVT007 explains BND004");
	ok(explains(fs, bnd004, crt004), "BND004 explains CRT004");
	if (evt001 != NULL) {
		is_int(evt001->count, 2, "EVT001 counts its events");
		is_str(evt001->first_time, "2026-11-18T08:14:02.5312447Z",
		    "EVT001 first time");
		is_str(evt001->last_time, "2026-11-18T10:37:58.2400936Z",
		    "EVT001 last time");
		is_int(evt001->nevidence, 2, "EVT001 quotes both events");
	}
	if (crt001 != NULL) {
		ok(crt001->nevidence == 2 &&
			strcmp(crt001->evidence[0].path, "certutil.txt") == 0 &&
			strcmp(crt001->evidence[1].path, "sslcert.txt") == 0,
		    "CRT001 evidence names certutil and netsh output");
		ok(strstr(crt001->remediation[1],
		       "certutil -repairstore my " WWW) != NULL,
		    "remediation is rendered: %s", crt001->remediation[1]);
	}
	buf_release(&got);
	findings_free(fs);
	{
		struct eval_opts late = { "2027-10-10" };

		fs = rule_eval(rs, m, &late);
		ok(find(fs, "CRT005", WWW) != NULL,
		    "CRT005 within 30 days of --as-of");
		ok(find(fs, "CRT002", WWW) == NULL, "not yet CRT002");
		is_int(fs->as_of_source, AS_OF_OPTION, "as-of from the option");
		findings_free(fs);
		late.as_of = "2027-10-29";
		fs = rule_eval(rs, m, &late);
		ok(find(fs, "CRT002", WWW) != NULL, "CRT002 once expired");
		ok(find(fs, "CRT005", WWW) == NULL, "then no CRT005");
		findings_free(fs);
	}
	model_free(m);
	diag_list_release(&dl);
	ruleset_free(rs);
}

static void
test_conditions(void)
{
	struct diag_list dl;
	int ret;
	const char *json =
	    "{\"id\": \"TST001\", \"family\": \"test\", \"severity\": "
	    "\"warning\", \"title\": \"t\", \"select\": \"event\", "
	    "\"when\": {\"all\": [{\"field\": \"provider\", \"op\": "
	    "\"iequals\", \"value\": \"schannel\"}, {\"field\": "
	    "\"data.AlertDesc\", \"op\": \"in\", \"value\": [40, 70]}, "
	    "{\"field\": \"time\", \"op\": \"ge\", \"value\": "
	    "\"@as_of-1d\"}, {\"not\": {\"field\": \"computer\", \"op\": "
	    "\"regex\", \"value\": \"^TEST\", \"flags\": \"i\"}}]}, "
	    "\"subject\": \"alert {data.AlertDesc}\", \"message\": "
	    "\"{count} x {computer|'?'} {{literal}}\", \"remediation\": "
	    "[\"fix {data.AlertDesc}\"], \"references\": []}";
	struct ruleset *rs = load("t/TST001.json", json, &dl, &ret);
	struct model *m = model_new("t");
	struct artifact *a = art(m, "e.xml", KIND_EVENTS);
	struct findings *fs;
	struct eval_opts eo = { "2026-01-10" };
	static const struct {
		const char *provider, *alert, *time, *computer;
	} evs[] = {
		{ "Schannel", "40", "2026-01-10T01:00:00Z", "WEB01" },
		{ "Schannel", "40", "2026-01-09T01:00:00Z", "WEB02" },
		{ "Schannel", "70", "2026-01-08T23:59:59Z", "WEB01" },
		{ "Schannel", "46", "2026-01-10T01:00:00Z", "WEB01" },
		{ "SCHANNEL", "0x46", "2026-01-10T01:00:00Z", "WEB01" },
		{ "Schannel", "40", "2026-01-10T01:00:00Z", "test7" },
		{ "Other", "40", "2026-01-10T01:00:00Z", "WEB01" },
	};

	is_int(ret, 0, "condition test rule loads");
	for (size_t i = 0; i < ARRAY_SIZE(evs); i++) {
		struct event *e = model_add(m, REC_EVENT, a, i + 1);

		e->provider = evs[i].provider;
		e->event_id = 36888;
		e->time = evs[i].time;
		e->computer = evs[i].computer;
		model_kv_add(m, &e->data, "AlertDesc", evs[i].alert);
	}
	model_finish(m);
	fs = rule_eval(rs, m, &eo);
	is_int(fs->n, 2, "two subjects");
	if (fs->n == 2) {
		is_str(fs->v[0].subject, "alert 0x46",
		    "hex text compares as a number (0x46 is 70)");
		is_str(fs->v[1].subject, "alert 40", "subjects in byte order");
		is_int(fs->v[1].count, 2, "iequals, in with numbers, dates");
		is_str(fs->v[1].message, "2 x WEB01 {literal}",
		    "message: count, alternatives, braces");
		is_str(fs->v[1].remediation[0], "fix 40",
		    "remediation rendered");
	}
	findings_free(fs);
	model_free(m);
	diag_list_release(&dl);
	ruleset_free(rs);
}

static void
test_protocols(void)
{
	struct model *m = model_new("t");
	struct artifact *rg = art(m, "s.reg", KIND_REG);
	struct host_fact *h;
	const struct recvec *pv;
	int checked = 0;

	h = model_add(m, REC_HOST, rg, 1);
	h->name = "os_version";
	h->value = "10.0.17763";
	regval(m, rg, 5,
	    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\"
	    "SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server",
	    "Enabled", 0xffffffffLL);
	regval(m, rg, 6,
	    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\"
	    "SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server",
	    "DisabledByDefault", 1);
	model_finish(m);
	combine_run(m);
	is_str(combine_system_rec(m)->os, "Windows Server 2019",
	    "OS from the build number");
	pv = &m->recs[REC_PROTOCOL];
	for (size_t i = 0; i < pv->n; i++) {
		const struct protocol *p = pv->v[i];

		if (strcmp(p->side, "server") != 0)
			continue;
		if (strcmp(p->protocol, "TLS 1.2") == 0) {
			is_str(p->state, "enabled", "0xffffffff is enabled");
			is_str(p->source, "registry", "from the registry");
			checked++;
		} else if (strcmp(p->protocol, "TLS 1.1") == 0) {
			is_str(p->state, "disabled_by_default",
			    "DisabledByDefault=1");
			checked++;
		} else if (strcmp(p->protocol, "SSL 3.0") == 0) {
			is_str(p->state, "disabled", "SSL 3.0 off on 2019");
			is_str(p->source, "os_default", "by default");
			checked++;
		} else if (strcmp(p->protocol, "TLS 1.3") == 0) {
			is_str(p->state, "not_supported", "no TLS 1.3 on 2019");
			checked++;
		}
	}
	is_int(checked, 4, "matrix cells found");
	model_free(m);
}

int
main(void)
{
	test_validation();
	test_builtin();
	test_conditions();
	test_protocols();
	test_demo();
	return done_testing();
}
