/*
 * Loading and validating rule files (the format is man/sslsift-rules.5).
 *
 * Everything that could make a rule misbehave at scan time is refused
 * here, with the file and line: unknown keys, unknown record types and
 * fields (checked against the field tables), operators that do not fit the
 * field's type, regular expressions that do not compile, templates naming
 * unknown fields, an id that does not match the file name or is already
 * loaded, a missing page, conditions nested deeper than RULE_MAX_DEPTH.
 * What spans rules ("explains" naming unknown rules or forming a cycle) is
 * checked by ruleset_finish() in rule_set.c.
 * cJSON gives no positions for a valid document, so json_offset() finds
 * where a node starts when a message needs its line.
 */
#include "compat.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "rule_int.h"
#include "xalloc.h"

/* Families with a fixed id prefix. */
static const struct {
	const char *prefix;
	const char *family;
} families[] = {
	{ "BND", "bindings" },
	{ "HTS", "httpsys" },
	{ "MDB", "metabase" },
	{ "EVT", "events" },
	{ "PRO", "protocols" },
	{ "CRT", "certificates" },
	{ "LSN", "listeners" },
	{ "INP", "input" },
};

/* One file being loaded. */
struct loader {
	struct ruleset *rs;
	struct rule *r;
	const char *path;
	const char *text;
	size_t len;
	const struct json *root;
	struct diag_list *dl;
	int errors;
	int nodes;
};

static unsigned long
line_of(const char *text, size_t len, size_t off)
{
	unsigned long line = 1;

	for (size_t i = 0; i < off && i < len; i++)
		line += text[i] == '\n';
	return line;
}

/* "path:line: message", the line being where `at` starts. */
static void PRINTF_LIKE(3, 4)
    lerr(struct loader *L, const struct json *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	size_t off = at != NULL ? json_offset(L->text, L->len, L->root, at) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(L->dl, DIAG_ERROR, 0, "%s:%lu: %s", L->path,
	    line_of(L->text, L->len, off), msg);
	L->errors++;
}

static bool
is_id(const char *s)
{
	size_t i = 0, letters, digits;

	while (s[i] >= 'A' && s[i] <= 'Z')
		i++;
	letters = i;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	digits = i - letters;
	return s[i] == '\0' && letters >= 2 && letters <= 8 && digits >= 3 &&
	    digits <= 4;
}

bool
rule_valid_id(const char *s)
{
	return is_id(s);
}

static bool
is_family(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			*s == '-' || *s == '_'))
			return false;
	return true;
}

/* Object members must be known and unique. */
static void
check_keys(struct loader *L, const struct json *obj, const char *const *keys,
    const char *what)
{
	for (const struct json *m = json_first(obj); m != NULL;
	     m = json_next(m)) {
		const char *k = json_key(m);
		bool known = false;

		for (size_t i = 0; keys[i] != NULL; i++)
			known = known || strcmp(keys[i], k) == 0;
		if (!known)
			lerr(L, m, "unknown key '%s' in %s", k, what);
		for (const struct json *o = json_first(obj); o != m;
		     o = json_next(o))
			if (strcmp(json_key(o), k) == 0) {
				lerr(L, m, "duplicate key '%s' in %s", k, what);
				break;
			}
	}
}

static const char *
get_str(struct loader *L, const struct json *obj, const char *key,
    bool required)
{
	const struct json *v = json_get(obj, key);

	if (v == NULL) {
		if (required)
			lerr(L, obj, "missing key '%s'", key);
		return NULL;
	}
	if (json_type_of(v) != JSON_STRING || *json_str_value(v) == '\0') {
		lerr(L, v, "'%s' must be a non-empty string", key);
		return NULL;
	}
	return arena_strdup(&L->rs->arena, json_str_value(v));
}

/* An array of non-empty strings (count in *n). */
static const char **
get_strs(struct loader *L, const struct json *obj, const char *key,
    bool required, bool nonempty, size_t *n)
{
	const struct json *v = json_get(obj, key);
	const char **out;
	size_t i = 0;

	*n = 0;
	if (v == NULL) {
		if (required)
			lerr(L, obj, "missing key '%s'", key);
		return NULL;
	}
	if (json_type_of(v) != JSON_ARRAY) {
		lerr(L, v, "'%s' must be an array of strings", key);
		return NULL;
	}
	if (nonempty && json_size(v) == 0) {
		lerr(L, v, "'%s' must not be empty", key);
		return NULL;
	}
	out = arena_alloc(&L->rs->arena, (json_size(v) + 1) * sizeof(*out));
	for (const struct json *e = json_first(v); e != NULL;
	     e = json_next(e)) {
		if (json_type_of(e) != JSON_STRING ||
		    *json_str_value(e) == '\0') {
			lerr(L, e, "'%s' must hold non-empty strings", key);
			continue;
		}
		out[i++] = arena_strdup(&L->rs->arena, json_str_value(e));
	}
	*n = i;
	return out;
}

static bool
get_int(const struct json *v, long long *out)
{
	double d;

	if (json_type_of(v) != JSON_NUMBER)
		return false;
	d = json_num_value(v);
	if (d > 9007199254740992.0 || d < -9007199254740992.0 ||
	    (double)(long long)d != d)
		return false;
	*out = (long long)d;
	return true;
}

static const struct {
	const char *name;
	enum cond_op op;
} ops[] = {
	{ "equals", OP_EQUALS },
	{ "iequals", OP_IEQUALS },
	{ "in", OP_IN },
	{ "iin", OP_IIN },
	{ "regex", OP_REGEX },
	{ "lt", OP_LT },
	{ "le", OP_LE },
	{ "gt", OP_GT },
	{ "ge", OP_GE },
	{ "exists", OP_EXISTS },
	{ "missing", OP_MISSING },
};

/*
 * One operand for op on a field of type ft.  Strings compare as strings,
 * numbers as integers (a string field is parsed), dates ("YYYY-MM-DD",
 * "@as_of", "@as_of+30d") by day.
 */
static bool
compile_value(struct loader *L, const struct json *v, enum cond_op op,
    enum ftype ft, struct cval *out)
{
	enum json_type jt = json_type_of(v);
	bool ordering =
	    op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE;

	memset(out, 0, sizeof(*out));
	if (ft == FT_BOOL) {
		if (jt != JSON_BOOL || op != OP_EQUALS) {
			lerr(L, v,
			    "a boolean field takes 'equals' true or "
			    "false");
			return false;
		}
		out->kind = CV_BOOL;
		out->b = json_bool_value(v);
		return true;
	}
	if (jt == JSON_NUMBER) {
		if (!get_int(v, &out->num)) {
			lerr(L, v, "numbers must be integers");
			return false;
		}
		out->kind = CV_NUM;
		return true;
	}
	if (jt != JSON_STRING) {
		lerr(L, v, "value must be a string or a number");
		return false;
	}
	if (ft == FT_INT) {
		lerr(L, v, "an integer field takes numbers");
		return false;
	}
	out->s = arena_strdup(&L->rs->arena, json_str_value(v));
	if (!ordering) {
		out->kind = CV_STR;
		return true;
	}
	if (strncmp(out->s, "@as_of", 6) == 0) {
		const char *p = out->s + 6;
		long long days = 0;
		char *end;

		if (*p != '\0') {
			errno = 0;
			days = strtoll(p, &end, 10);
			if ((*p != '+' && *p != '-') || errno != 0 ||
			    strcmp(end, "d") != 0 || days < -100000 ||
			    days > 100000) {
				lerr(L, v,
				    "bad date '%s' (use @as_of, "
				    "@as_of+30d or YYYY-MM-DD)",
				    out->s);
				return false;
			}
		}
		out->kind = CV_ASOF;
		out->days = days;
		return true;
	}
	if (!rule_valid_date(out->s)) {
		lerr(L, v,
		    "bad date '%s' (use @as_of, @as_of+30d or "
		    "YYYY-MM-DD)",
		    out->s);
		return false;
	}
	out->kind = CV_DATE;
	return true;
}

static void
note_rx(struct ruleset *rs, struct rx *rx)
{
	xgrow((void **)&rs->rx, &rs->rx_alloc, rs->nrx + 1,
	    sizeof(struct rx *));
	rs->rx[rs->nrx++] = rx;
}

static struct cond *compile_cond(struct loader *L, const struct json *j,
    int depth);

static struct cond *
compile_leaf(struct loader *L, const struct json *j)
{
	static const char *const keys[] = { "field", "op", "value", "flags",
		NULL };
	struct cond *c = arena_alloc(&L->rs->arena, sizeof(*c));
	const struct json *fv = json_get(j, "field");
	const struct json *ov = json_get(j, "op");
	const struct json *vv = json_get(j, "value");
	const struct json *flv = json_get(j, "flags");
	char err[256];
	enum ftype ft;
	bool found = false;

	c->kind = COND_LEAF;
	check_keys(L, j, keys, "a condition");
	if (fv == NULL || json_type_of(fv) != JSON_STRING) {
		lerr(L, j,
		    "a condition needs a 'field' string (or all, any, "
		    "not)");
		return NULL;
	}
	if (ov == NULL || json_type_of(ov) != JSON_STRING) {
		lerr(L, j, "a condition needs an 'op' string");
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		if (strcmp(ops[i].name, json_str_value(ov)) == 0) {
			c->op = ops[i].op;
			found = true;
		}
	if (!found) {
		lerr(L, ov, "unknown operator '%s'", json_str_value(ov));
		return NULL;
	}
	if (fpath_resolve(&c->path, L->r->select, json_str_value(fv),
		&L->rs->arena, err, sizeof(err)) < 0) {
		lerr(L, fv, "%s", err);
		return NULL;
	}
	ft = fpath_type(&c->path);
	if (c->op == OP_EXISTS || c->op == OP_MISSING) {
		if (vv != NULL)
			lerr(L, vv, "'%s' takes no value", json_str_value(ov));
		return c;
	}
	if (ft == FT_KV || ft == FT_REF || ft == FT_REFS) {
		lerr(L, fv,
		    "field '%s' can only be tested with exists or missing "
		    "(name a key as '%s.Name' or a field behind it)",
		    c->path.text, c->path.text);
		return NULL;
	}
	if (vv == NULL) {
		lerr(L, j, "'%s' needs a 'value'", json_str_value(ov));
		return NULL;
	}
	if (flv != NULL && c->op != OP_REGEX)
		lerr(L, flv, "'flags' is only for 'regex'");
	if (c->op == OP_IN || c->op == OP_IIN) {
		size_t n = json_size(vv);

		if (json_type_of(vv) != JSON_ARRAY || n == 0 ||
		    n > RULE_MAX_VALUES) {
			lerr(L, vv, "'%s' takes an array of 1 to %d values",
			    json_str_value(ov), RULE_MAX_VALUES);
			return NULL;
		}
		c->vals = arena_alloc(&L->rs->arena, n * sizeof(*c->vals));
		for (const struct json *e = json_first(vv); e != NULL;
		     e = json_next(e))
			if (compile_value(L, e, c->op, ft, &c->vals[c->nvals]))
				c->nvals++;
		return c->nvals == n ? c : NULL;
	}
	if (c->op == OP_REGEX) {
		unsigned flags = 0;

		if (ft == FT_INT || ft == FT_BOOL) {
			lerr(L, ov, "'regex' needs a text field");
			return NULL;
		}
		if (json_type_of(vv) != JSON_STRING) {
			lerr(L, vv, "'regex' takes a pattern string");
			return NULL;
		}
		if (flv != NULL) {
			if (json_type_of(flv) != JSON_STRING ||
			    strspn(json_str_value(flv), "i") !=
				strlen(json_str_value(flv))) {
				lerr(L, flv, "'flags' may only be \"i\"");
				return NULL;
			}
			if (*json_str_value(flv) != '\0')
				flags |= RX_CASELESS;
		}
		c->rx = rx_compile(json_str_value(vv), flags, err, sizeof(err));
		if (c->rx == NULL) {
			lerr(L, vv, "bad regex: %s", err);
			return NULL;
		}
		note_rx(L->rs, c->rx);
		c->vals = arena_alloc(&L->rs->arena, sizeof(*c->vals));
		c->vals[0].kind = CV_STR;
		c->vals[0].s = arena_strdup(&L->rs->arena, json_str_value(vv));
		c->nvals = 1;
		return c;
	}
	c->vals = arena_alloc(&L->rs->arena, sizeof(*c->vals));
	if (json_type_of(vv) == JSON_ARRAY) {
		lerr(L, vv, "'%s' takes one value (use 'in' for a list)",
		    json_str_value(ov));
		return NULL;
	}
	if (!compile_value(L, vv, c->op, ft, &c->vals[0]))
		return NULL;
	c->nvals = 1;
	return c;
}

static struct cond *
compile_cond(struct loader *L, const struct json *j, int depth)
{
	const struct json *v;
	struct cond *c;

	if (json_type_of(j) != JSON_OBJECT) {
		lerr(L, j, "a condition must be an object");
		return NULL;
	}
	if (depth > RULE_MAX_DEPTH) {
		lerr(L, j, "conditions nested deeper than %d levels",
		    RULE_MAX_DEPTH);
		return NULL;
	}
	if (++L->nodes > RULE_MAX_NODES) {
		if (L->nodes == RULE_MAX_NODES + 1)
			lerr(L, j, "more than %d conditions in one rule",
			    RULE_MAX_NODES);
		return NULL;
	}
	if ((v = json_get(j, "not")) != NULL) {
		static const char *const keys[] = { "not", NULL };

		check_keys(L, j, keys, "'not'");
		c = arena_alloc(&L->rs->arena, sizeof(*c));
		c->kind = COND_NOT;
		c->kids = arena_alloc(&L->rs->arena, sizeof(struct cond *));
		c->nkids = 1;
		c->kids[0] = compile_cond(L, v, depth + 1);
		return c->kids[0] != NULL ? c : NULL;
	}
	if ((v = json_get(j, "all")) != NULL ||
	    (v = json_get(j, "any")) != NULL) {
		bool all = json_get(j, "all") != NULL;
		static const char *const akeys[] = { "all", NULL };
		static const char *const ykeys[] = { "any", NULL };
		size_t n = json_size(v);
		bool ok = true;

		check_keys(L, j, all ? akeys : ykeys, all ? "'all'" : "'any'");
		if (json_type_of(v) != JSON_ARRAY || n == 0) {
			lerr(L, v, "'%s' takes a non-empty array of conditions",
			    all ? "all" : "any");
			return NULL;
		}
		c = arena_alloc(&L->rs->arena, sizeof(*c));
		c->kind = all ? COND_ALL : COND_ANY;
		c->kids = arena_alloc(&L->rs->arena, n * sizeof(struct cond *));
		for (const struct json *e = json_first(v); e != NULL;
		     e = json_next(e)) {
			c->kids[c->nkids] = compile_cond(L, e, depth + 1);
			if (c->kids[c->nkids] == NULL)
				ok = false;
			else
				c->nkids++;
		}
		return ok ? c : NULL;
	}
	return compile_leaf(L, j);
}

/*
 * Which events an event rule needs, from its condition: a set of
 * (provider, id) patterns, provider NULL for "any provider".  `any` means
 * the condition does not constrain the events at all.
 */
struct patset {
	struct evfilter_item *v;
	size_t n;
	bool any;
	bool overflow;
};

#define MAX_PATTERNS 1024

static void
pat_add(struct loader *L, struct patset *s, const char *provider, long long id)
{
	struct evfilter_item *v;

	if (s->n == MAX_PATTERNS) {
		s->overflow = true;
		return;
	}
	v = arena_alloc(&L->rs->arena, (s->n + 1) * sizeof(*v));
	if (s->n > 0)
		memcpy(v, s->v, s->n * sizeof(*v));
	v[s->n].provider = provider;
	v[s->n].id = id;
	s->v = v;
	s->n++;
}

static struct patset
derive(struct loader *L, const struct cond *c)
{
	struct patset out;

	memset(&out, 0, sizeof(out));
	switch (c->kind) {
	case COND_LEAF: {
		const char *name = c->path.f[0]->name;
		bool eq = c->op == OP_EQUALS || c->op == OP_IEQUALS ||
		    c->op == OP_IN || c->op == OP_IIN;

		bool simple = c->path.n == 1 && c->path.key == NULL && eq;

		if (simple && strcmp(name, "provider") == 0) {
			for (size_t i = 0; i < c->nvals; i++)
				if (c->vals[i].kind == CV_STR)
					pat_add(L, &out, c->vals[i].s,
					    INT_NONE);
		} else if (simple && strcmp(name, "event_id") == 0) {
			for (size_t i = 0; i < c->nvals; i++)
				pat_add(L, &out, NULL, c->vals[i].num);
		} else {
			out.any = true;
		}
		return out;
	}
	case COND_NOT:
		out.any = true;
		return out;
	case COND_ANY:
		for (size_t i = 0; i < c->nkids; i++) {
			struct patset k = derive(L, c->kids[i]);

			if (k.any || k.overflow) {
				out.any = k.any;
				out.overflow = k.overflow;
				return out;
			}
			for (size_t j = 0; j < k.n; j++)
				pat_add(L, &out, k.v[j].provider, k.v[j].id);
		}
		return out;
	case COND_ALL:
		out.any = true;
		for (size_t i = 0; i < c->nkids; i++) {
			struct patset k = derive(L, c->kids[i]), meet;

			if (k.overflow)
				return k;
			if (k.any)
				continue;
			if (out.any) {
				out = k;
				continue;
			}
			memset(&meet, 0, sizeof(meet));
			for (size_t a = 0; a < out.n; a++)
				for (size_t b = 0; b < k.n; b++) {
					const struct evfilter_item *x =
					    &out.v[a];
					const struct evfilter_item *y = &k.v[b];
					const char *p = x->provider;
					long long id = x->id;

					if (p == NULL)
						p = y->provider;
					else if (y->provider != NULL &&
					    strcasecmp(p, y->provider) != 0)
						continue;
					if (id == INT_NONE)
						id = y->id;
					else if (y->id != INT_NONE &&
					    y->id != id)
						continue;
					pat_add(L, &meet, p, id);
				}
			if (meet.overflow)
				return meet;
			out = meet;
		}
		return out;
	}
	return out;
}

static void
load_keep(struct loader *L, const struct json *obj)
{
	const struct json *v = json_get(obj, "keep");
	struct rule *r = L->r;

	if (v != NULL && r->select != REC_EVENT) {
		lerr(L, v, "'keep' is only for rules that select events");
		return;
	}
	if (r->select != REC_EVENT)
		return;
	if (v != NULL) {
		static const char *const keys[] = { "provider", "id", NULL };

		if (json_type_of(v) != JSON_ARRAY) {
			lerr(L, v,
			    "'keep' must be an array of {\"provider\", "
			    "\"id\"}");
			return;
		}
		for (const struct json *e = json_first(v); e != NULL;
		     e = json_next(e)) {
			const struct json *p = json_get(e, "provider");
			const struct json *id = json_get(e, "id");
			long long n = INT_NONE;

			if (json_type_of(e) != JSON_OBJECT) {
				lerr(L, e, "'keep' entries are objects");
				continue;
			}
			check_keys(L, e, keys, "a 'keep' entry");
			if (p == NULL || json_type_of(p) != JSON_STRING ||
			    *json_str_value(p) == '\0') {
				lerr(L, e, "a 'keep' entry needs a 'provider'");
				continue;
			}
			if (id != NULL && !get_int(id, &n)) {
				lerr(L, id, "'id' must be an integer");
				continue;
			}
			evfilter_add(&r->keep, json_str_value(p), n);
		}
		return;
	}
	if (r->when != NULL) {
		struct patset s = derive(L, r->when);
		bool ok = !s.any && !s.overflow;

		for (size_t i = 0; ok && i < s.n; i++)
			ok = s.v[i].provider != NULL;
		if (!ok) {
			lerr(L, json_get(obj, "when"),
			    "cannot tell which events rule %s needs from its "
			    "condition: name the provider (and ids) in 'all', "
			    "or list them in 'keep'",
			    r->id);
			return;
		}
		for (size_t i = 0; i < s.n; i++)
			evfilter_add(&r->keep, s.v[i].provider, s.v[i].id);
	}
}

static void
add_evidence_field(struct loader *L, const struct field *f)
{
	struct rule *r = L->r;
	const struct field **v;

	for (size_t i = 0; i < r->nevidence; i++)
		if (r->evidence[i] == f)
			return;
	v = arena_alloc(&L->rs->arena,
	    (r->nevidence + 1) * sizeof(const struct field *));
	if (r->nevidence > 0)
		memcpy(v, r->evidence,
		    r->nevidence * sizeof(const struct field *));
	v[r->nevidence++] = f;
	r->evidence = v;
}

static void
path_evidence(struct loader *L, const struct fpath *p)
{
	const char *last = p->n > 0 ? p->f[p->n - 1]->name : "";

	if (strcmp(last, "has_key") == 0 || strcmp(last, "key_state") == 0)
		L->r->key_lines = true;
	if (p->n > 0 && (p->f[0]->type == FT_REF || p->f[0]->type == FT_REFS))
		add_evidence_field(L, p->f[0]);
}

/* Reference fields a condition or template reads are evidence too. */
static void
cond_evidence(struct loader *L, const struct cond *c)
{
	if (c->kind == COND_LEAF) {
		path_evidence(L, &c->path);
		return;
	}
	for (size_t i = 0; i < c->nkids; i++)
		cond_evidence(L, c->kids[i]);
}

static void
tmpl_evidence(struct loader *L, const struct tmpl *t)
{
	for (size_t i = 0; t != NULL && i < t->nparts; i++)
		for (size_t k = 0; k < t->parts[i].nalts; k++)
			if (t->parts[i].alts[k].kind == TALT_PATH)
				path_evidence(L, &t->parts[i].alts[k].path);
}

static struct tmpl *
get_tmpl(struct loader *L, const struct json *obj, const char *key,
    bool aggregates)
{
	const struct json *v = json_get(obj, key);
	struct tmpl *t;
	char err[256];

	if (v == NULL) {
		lerr(L, obj, "missing key '%s'", key);
		return NULL;
	}
	if (json_type_of(v) != JSON_STRING || *json_str_value(v) == '\0') {
		lerr(L, v, "'%s' must be a non-empty string", key);
		return NULL;
	}
	t = tmpl_compile(json_str_value(v), L->r->select, aggregates,
	    &L->rs->arena, err, sizeof(err));
	if (t == NULL)
		lerr(L, v, "%s", err);
	return t;
}

static void
load_explains(struct loader *L, const struct json *obj)
{
	static const char *const keys[] = { "rule", "subject", NULL };
	const struct json *v = json_get(obj, "explains");
	struct rule *r = L->r;

	if (v == NULL)
		return;
	if (json_type_of(v) != JSON_ARRAY) {
		lerr(L, v,
		    "'explains' must be an array of {\"rule\", "
		    "\"subject\"}");
		return;
	}
	r->explains = arena_alloc(&L->rs->arena,
	    (json_size(v) + 1) * sizeof(*r->explains));
	for (const struct json *e = json_first(v); e != NULL;
	     e = json_next(e)) {
		struct rule_explain *x = &r->explains[r->nexplains];

		if (json_type_of(e) != JSON_OBJECT) {
			lerr(L, e, "'explains' entries are objects");
			continue;
		}
		check_keys(L, e, keys, "an 'explains' entry");
		x->rule = get_str(L, e, "rule", true);
		if (x->rule == NULL)
			continue;
		if (!is_id(x->rule)) {
			lerr(L, e, "'%s' is not a rule id", x->rule);
			continue;
		}
		x->line = line_of(L->text, L->len,
		    json_offset(L->text, L->len, L->root, e));
		if (json_get(e, "subject") != NULL) {
			x->subject = get_tmpl(L, e, "subject", false);
			if (x->subject == NULL)
				continue;
			tmpl_evidence(L, x->subject);
		}
		r->nexplains++;
	}
}

static void
load_requires(struct loader *L, const struct json *obj)
{
	struct rule *r = L->r;
	size_t n;
	const char **v = get_strs(L, obj, "requires", false, false, &n);

	if (v == NULL)
		return;
	r->requires =
	    arena_alloc(&L->rs->arena, (n + 1) * sizeof(*r->requires));
	for (size_t i = 0; i < n; i++) {
		enum artifact_kind k = artifact_kind_from_name(v[i]);

		if (k == KIND__COUNT || k == KIND_UNKNOWN) {
			lerr(L, json_get(obj, "requires"),
			    "unknown artifact kind '%s'", v[i]);
			continue;
		}
		r->requires[r->nrequires++] = k;
	}
}

static void
load_evidence(struct loader *L, const struct json *obj)
{
	struct rule *r = L->r;
	size_t n;
	const char **v = get_strs(L, obj, "evidence", false, false, &n);

	for (size_t i = 0; v != NULL && i < n; i++) {
		const struct field *f =
		    rectype_field(rectype_get(r->select), v[i]);

		if (f == NULL || (f->type != FT_REF && f->type != FT_REFS)) {
			lerr(L, json_get(obj, "evidence"),
			    "'%s' is not a reference field of '%s'", v[i],
			    rectype_get(r->select)->name);
			continue;
		}
		add_evidence_field(L, f);
	}
}

/* The file name without folders and ".json". */
static void
file_stem(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base != NULL ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".json") == 0)
		len -= 5;
	snprintf(out, n, "%.*s", (int)len, base);
}

static void
check_page(struct loader *L, const char *page, size_t page_len)
{
	char head[32];
	size_t n;

	if (page == NULL) {
		char stem[256];

		file_stem(L->path, stem, sizeof(stem));
		lerr(L, NULL, "missing page '%s.md' beside the rule", stem);
		return;
	}
	n = (size_t)snprintf(head, sizeof(head), "# %s ", L->r->id);
	if (page_len < n || strncmp(page, head, n) != 0)
		lerr(L, NULL, "the page of %s must start with '# %s <title>'",
		    L->r->id, L->r->id);
}

int
rule_load(struct ruleset *rs, const char *path, const char *folder,
    const char *json, size_t json_len, const char *page, size_t page_len,
    bool builtin, struct diag_list *dl)
{
	static const char *const keys[] = { "id", "title", "severity", "family",
		"confidence", "select", "when", "subject", "message",
		"remediation", "references", "requires", "keep", "explains",
		"evidence", "verdict", NULL };
	struct loader L;
	struct json *root;
	struct rule *r;
	const char *s;
	size_t off = 0;
	char stem[256];

	memset(&L, 0, sizeof(L));
	L.rs = rs;
	L.path = path;
	L.text = json;
	L.len = json_len;
	L.dl = dl;
	if (json_len > RULE_MAX_FILE) {
		lerr(&L, NULL, "rule file larger than %d bytes", RULE_MAX_FILE);
		return -1;
	}
	root = json_parse(json, json_len, &off);
	if (root == NULL) {
		diag_add(dl, DIAG_ERROR, 0, "%s:%lu: invalid JSON", path,
		    line_of(json, json_len, off));
		return -1;
	}
	L.root = root;
	if (json_type_of(root) != JSON_OBJECT) {
		lerr(&L, root, "a rule file holds one JSON object");
		json_free(root);
		return -1;
	}
	r = arena_alloc(&rs->arena, sizeof(*r));
	L.r = r;
	evfilter_init(&r->keep);
	r->path = arena_strdup(&rs->arena, path);
	r->builtin = builtin;
	check_keys(&L, root, keys, "a rule");
	r->id = get_str(&L, root, "id", true);
	r->title = get_str(&L, root, "title", true);
	r->family = get_str(&L, root, "family", true);
	file_stem(path, stem, sizeof(stem));
	if (r->id != NULL && !is_id(r->id))
		lerr(&L, json_get(root, "id"),
		    "id '%s' is not 2 to 8 capital letters and 3 or 4 digits",
		    r->id);
	else if (r->id != NULL && strcmp(r->id, stem) != 0)
		lerr(&L, json_get(root, "id"),
		    "id '%s' does not match the file name '%s.json'", r->id,
		    stem);
	if (r->family != NULL && !is_family(r->family))
		lerr(&L, json_get(root, "family"),
		    "family '%s' is not lower-case letters, digits and '-'",
		    r->family);
	if (r->family != NULL && folder != NULL &&
	    strcmp(r->family, folder) != 0)
		lerr(&L, json_get(root, "family"),
		    "family '%s' does not match the folder '%s'", r->family,
		    folder);
	for (size_t i = 0;
	     r->id != NULL && r->family != NULL && i < ARRAY_SIZE(families);
	     i++) {
		size_t n = strlen(families[i].prefix);

		if (strncmp(r->id, families[i].prefix, n) == 0 &&
		    r->id[n] >= '0' && r->id[n] <= '9' &&
		    strcmp(r->family, families[i].family) != 0)
			lerr(&L, json_get(root, "family"),
			    "%s rules belong to family '%s'",
			    families[i].prefix, families[i].family);
	}
	if ((s = get_str(&L, root, "severity", true)) != NULL &&
	    severity_from_name(s, &r->severity) < 0)
		lerr(&L, json_get(root, "severity"),
		    "unknown severity '%s' (error, warning or info)", s);
	if ((s = get_str(&L, root, "confidence", false)) != NULL) {
		if (strcmp(s, "low") == 0)
			r->low_confidence = true;
		else if (strcmp(s, "high") != 0)
			lerr(&L, json_get(root, "confidence"),
			    "unknown confidence '%s' (high or low)", s);
	}
	if ((s = get_str(&L, root, "select", true)) != NULL) {
		if (rectype_find(s, &r->select) == NULL) {
			lerr(&L, json_get(root, "select"),
			    "unknown record type '%s'", s);
			goto out;
		}
	} else {
		goto out;
	}
	if (json_get(root, "when") == NULL)
		lerr(&L, root, "missing key 'when'");
	else
		r->when = compile_cond(&L, json_get(root, "when"), 1);
	r->subject = get_tmpl(&L, root, "subject", false);
	r->message = get_tmpl(&L, root, "message", true);
	if (json_get(root, "verdict") != NULL)
		r->verdict = get_tmpl(&L, root, "verdict", true);
	r->remediation =
	    get_strs(&L, root, "remediation", true, true, &r->nremediation);
	r->remediation_t = arena_alloc(&rs->arena,
	    (r->nremediation + 1) * sizeof(struct tmpl *));
	for (size_t i = 0; i < r->nremediation; i++) {
		char err[256];

		r->remediation_t[i] = tmpl_compile(r->remediation[i], r->select,
		    true, &rs->arena, err, sizeof(err));
		if (r->remediation_t[i] == NULL)
			lerr(&L, json_get(root, "remediation"),
			    "remediation step %zu: %s", i + 1, err);
		else
			tmpl_evidence(&L, r->remediation_t[i]);
	}
	r->references =
	    get_strs(&L, root, "references", true, false, &r->nreferences);
	load_requires(&L, root);
	load_explains(&L, root);
	load_evidence(&L, root);
	if (r->when != NULL)
		cond_evidence(&L, r->when);
	tmpl_evidence(&L, r->subject);
	tmpl_evidence(&L, r->message);
	if (r->id != NULL)
		load_keep(&L, root);
	if (r->id != NULL && is_id(r->id) && strcmp(r->id, stem) == 0) {
		const struct rule *o = ruleset_find(rs, r->id);

		if (o != NULL)
			lerr(&L, json_get(root, "id"),
			    "rule %s is already loaded from '%s'%s", r->id,
			    o->path, o->builtin ? " (built in)" : "");
		check_page(&L, page, page_len);
	}
out:
	json_free(root);
	if (L.errors > 0) {
		evfilter_release(&r->keep);
		return -1;
	}
	r->page = arena_strndup(&rs->arena, page, page_len);
	xgrow((void **)&rs->v, &rs->alloc, rs->n + 1, sizeof(struct rule *));
	rs->v[rs->n++] = r;
	return 0;
}
