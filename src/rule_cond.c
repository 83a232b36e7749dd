/*
 * Field paths, conditions and templates: how a rule reads a record.
 *
 * Everything here works through the field tables of model.c, so a rule can
 * name any field of any record type, parsed or derived, and a field added
 * to a table is usable in rules at once.  Conditions are evaluated with
 * bounded recursion (rule_load.c refuses nesting deeper than
 * RULE_MAX_DEPTH) and regular expressions run under rx.h's match limits.
 */
#include "compat.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule_int.h"
#include "strparse.h"

int
fpath_resolve(struct fpath *p, enum rec_type t, const char *text,
    struct arena *a, char *err, size_t errlen)
{
	const char *s = text;

	memset(p, 0, sizeof(*p));
	p->text = arena_strdup(a, text);
	for (;;) {
		const struct rectype *rt = rectype_get(t);
		size_t n = strcspn(s, ".");
		char name[64];
		const struct field *f;

		if (n == 0 || n >= sizeof(name)) {
			snprintf(err, errlen, "bad field name '%s'", text);
			return -1;
		}
		memcpy(name, s, n);
		name[n] = '\0';
		f = rectype_field(rt, name);
		if (f == NULL) {
			snprintf(err, errlen,
			    "record type '%s' has no field '%s'", rt->name,
			    name);
			return -1;
		}
		if (p->n == RULE_MAX_PATH) {
			snprintf(err, errlen, "field path '%s' is too long",
			    text);
			return -1;
		}
		p->f[p->n++] = f;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
		if (f->type == FT_KV) {
			if (*s == '\0') {
				snprintf(err, errlen, "bad field name '%s'",
				    text);
				return -1;
			}
			p->key = arena_strdup(a, s);
			return 0;
		}
		if (f->type != FT_REF) {
			snprintf(err, errlen,
			    "field '%s' of '%s' has no fields ('%s')", name,
			    rt->name, text);
			return -1;
		}
		t = f->ref;
	}
}

enum ftype
fpath_type(const struct fpath *p)
{
	if (p->key != NULL)
		return FT_STR;
	return p->f[p->n - 1]->type;
}

const void *
fpath_target(const struct fpath *p, const void *rec)
{
	for (size_t i = 0; i + 1 < p->n && rec != NULL; i++)
		rec = field_ref(p->f[i], rec);
	return rec;
}

/* "443", "-5", "0x80090016": the whole string as an integer. */
static bool
parse_int(const char *s, long long *out)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2] != '\0') {
		unsigned long long v = 0;

		for (s += 2; *s != '\0'; s++) {
			int d;

			if (*s >= '0' && *s <= '9')
				d = *s - '0';
			else if (*s >= 'a' && *s <= 'f')
				d = *s - 'a' + 10;
			else if (*s >= 'A' && *s <= 'F')
				d = *s - 'A' + 10;
			else
				return false;
			if (v > (~0ULL >> 4))
				return false;
			v = v << 4 | (unsigned)d;
		}
		if (v > (unsigned long long)LLONG_MAX)
			return false;
		*out = (long long)v;
		return true;
	}
	return str_to_ll(s, out);
}

bool
rule_valid_date(const char *s)
{
	char out[11];

	return strlen(s) == 10 && date_add_days(s, 0, out);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

bool
date_add_days(const char *date, long long days, char out[11])
{
	unsigned y, m, d;
	long long yy;
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
		31, 30, 31 };

	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (date[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)date[i])) {
			return false;
		}
	}
	y = (unsigned)((date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0'));
	m = (unsigned)((date[5] - '0') * 10 + (date[6] - '0'));
	d = (unsigned)((date[8] - '0') * 10 + (date[9] - '0'));
	if (y < 1601 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	if (days < -1000000 || days > 1000000)
		return false;
	civil_from_days(days_from_civil(y, m, d) + days, &yy, &m, &d);
	if (yy < 1601 || yy > 9999)
		return false;
	{
		char tmp[64];

		snprintf(tmp, sizeof(tmp), "%04lld-%02u-%02u", yy, m, d);
		memcpy(out, tmp, 10);
		out[10] = '\0';
	}
	return true;
}

/* The date part of an ISO time ("2026-11-18T08:14:02Z"), or false. */
static bool
date_part(const char *s, char out[11])
{
	if (strlen(s) < 10 || !date_add_days(s, 0, out))
		return false;
	return s[10] == '\0' || s[10] == 'T' || s[10] == ' ';
}

static bool
ordered(enum cond_op op, int c)
{
	switch (op) {
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	case OP_GE:
		return c >= 0;
	default:
		return false;
	}
}

static int
cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* One string value against one operand. */
static bool
match_str1(const struct cond *c, const struct cval *v, const char *s,
    const struct eval_env *env)
{
	long long n;
	char d[11], want[11];

	switch (c->op) {
	case OP_EQUALS:
	case OP_IN:
	case OP_IEQUALS:
	case OP_IIN:
		if (v->kind == CV_NUM)
			return parse_int(s, &n) && n == v->num;
		if (c->op == OP_EQUALS || c->op == OP_IN)
			return strcmp(s, v->s) == 0;
		return strcasecmp(s, v->s) == 0;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if (v->kind == CV_NUM)
			return parse_int(s, &n) &&
			    ordered(c->op, cmp_ll(n, v->num));
		if (!date_part(s, d))
			return false;
		if (v->kind == CV_ASOF) {
			if (!date_add_days(env->as_of, v->days, want))
				return false;
		} else {
			memcpy(want, v->s, 11);
		}
		return ordered(c->op, strcmp(d, want));
	case OP_REGEX:
		return rx_match(c->rx, s, strlen(s), 0, NULL) == 1;
	default:
		return false;
	}
}

static bool
match_str(const struct cond *c, const char *s, const struct eval_env *env)
{
	for (size_t i = 0; i < c->nvals; i++)
		if (match_str1(c, &c->vals[i], s, env))
			return true;
	return false;
}

static bool
match_int(const struct cond *c, long long x)
{
	for (size_t i = 0; i < c->nvals; i++) {
		const struct cval *v = &c->vals[i];

		switch (c->op) {
		case OP_EQUALS:
		case OP_IN:
		case OP_IEQUALS:
		case OP_IIN:
			if (x == v->num)
				return true;
			break;
		default:
			if (ordered(c->op, cmp_ll(x, v->num)))
				return true;
			break;
		}
	}
	return false;
}

static bool
leaf_eval(const struct cond *c, const void *rec, const struct eval_env *env)
{
	const struct fpath *p = &c->path;
	const void *t = fpath_target(p, rec);
	const struct field *f = p->f[p->n - 1];
	bool present;

	if (t == NULL)
		present = false;
	else if (p->key != NULL)
		present = kv_get(field_kv(f, t), p->key) != NULL;
	else
		present = field_present(f, t);
	if (c->op == OP_EXISTS)
		return present;
	if (c->op == OP_MISSING)
		return !present;
	if (!present)
		return false;
	if (p->key != NULL)
		return match_str(c, kv_get(field_kv(f, t), p->key), env);
	switch (f->type) {
	case FT_STR:
		return match_str(c, field_str(f, t), env);
	case FT_INT:
		return match_int(c, field_int(f, t));
	case FT_BOOL:
		return c->nvals == 1 && (field_bool(f, t) != 0) == c->vals[0].b;
	case FT_LIST: {
		const struct strlist *l = field_list(f, t);

		for (size_t i = 0; i < l->n; i++)
			if (match_str(c, l->v[i], env))
				return true;
		return false;
	}
	default:
		return false;
	}
}

bool
cond_eval(const struct cond *c, const void *rec, const struct eval_env *env)
{
	switch (c->kind) {
	case COND_ALL:
		for (size_t i = 0; i < c->nkids; i++)
			if (!cond_eval(c->kids[i], rec, env))
				return false;
		return true;
	case COND_ANY:
		for (size_t i = 0; i < c->nkids; i++)
			if (cond_eval(c->kids[i], rec, env))
				return true;
		return false;
	case COND_NOT:
		return !cond_eval(c->kids[0], rec, env);
	case COND_LEAF:
		return leaf_eval(c, rec, env);
	}
	return false;
}

/* Templates. */

static struct tpart *
add_part(struct tmpl *t, struct arena *a, size_t *alloc)
{
	if (t->nparts == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 8;
		struct tpart *v = arena_alloc(a, n * sizeof(*v));

		if (t->nparts > 0)
			memcpy(v, t->parts, t->nparts * sizeof(*v));
		t->parts = v;
		*alloc = n;
	}
	memset(&t->parts[t->nparts], 0, sizeof(t->parts[0]));
	return &t->parts[t->nparts++];
}

static int
compile_alt(struct talt *alt, const char *s, size_t n, enum rec_type rt,
    bool aggregates, struct arena *a, char *err, size_t errlen)
{
	char name[128];

	while (n > 0 && *s == ' ')
		s++, n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n >= 2 && s[0] == '\'' && s[n - 1] == '\'') {
		alt->kind = TALT_LIT;
		alt->lit = arena_strndup(a, s + 1, n - 2);
		return 0;
	}
	if (n == 0 || n >= sizeof(name)) {
		snprintf(err, errlen, "empty or overlong placeholder");
		return -1;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	if (aggregates) {
		static const struct {
			const char *name;
			enum talt_kind kind;
		} aggs[] = {
			{ "count", TALT_COUNT },
			{ "first_time", TALT_FIRST },
			{ "last_time", TALT_LAST },
			{ "as_of", TALT_ASOF },
			{ "period", TALT_PERIOD },
			{ "events", TALT_EVENTS },
		};

		for (size_t i = 0; i < ARRAY_SIZE(aggs); i++)
			if (strcmp(name, aggs[i].name) == 0) {
				alt->kind = aggs[i].kind;
				return 0;
			}
	}
	alt->kind = TALT_PATH;
	return fpath_resolve(&alt->path, rt, name, a, err, errlen);
}

struct tmpl *
tmpl_compile(const char *text, enum rec_type rt, bool aggregates,
    struct arena *a, char *err, size_t errlen)
{
	struct tmpl *t = arena_alloc(a, sizeof(*t));
	size_t alloc = 0;
	const char *p = text;
	struct buf lit;

	t->text = arena_strdup(a, text);
	buf_init(&lit, RULE_MAX_FILE);
	while (*p != '\0') {
		const char *close;
		struct tpart *part;
		size_t nalts = 1;

		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			if (buf_addc(&lit, p[0]) < 0)
				goto toolong;
			p += 2;
			continue;
		}
		if (*p == '}') {
			snprintf(err, errlen, "unbalanced '}' in '%s'", text);
			goto fail;
		}
		if (*p != '{') {
			if (buf_addc(&lit, *p++) < 0)
				goto toolong;
			continue;
		}
		close = strchr(p, '}');
		if (close == NULL ||
		    memchr(p + 1, '{', (size_t)(close - p - 1))) {
			snprintf(err, errlen, "unbalanced '{' in '%s'", text);
			goto fail;
		}
		if (lit.len > 0) {
			part = add_part(t, a, &alloc);
			part->lit = arena_strndup(a, lit.data, lit.len);
			buf_reset(&lit);
		}
		for (const char *q = p + 1; q < close; q++)
			nalts += *q == '|';
		part = add_part(t, a, &alloc);
		part->alts = arena_alloc(a, nalts * sizeof(*part->alts));
		for (const char *q = p + 1; q <= close; part->nalts++) {
			const char *end = q;

			while (end < close && *end != '|')
				end++;
			if (compile_alt(&part->alts[part->nalts], q,
				(size_t)(end - q), rt, aggregates, a, err,
				errlen) < 0)
				goto fail;
			q = end + 1;
		}
		p = close + 1;
	}
	if (lit.len > 0) {
		struct tpart *part = add_part(t, a, &alloc);

		part->lit = arena_strndup(a, lit.data, lit.len);
	}
	buf_release(&lit);
	return t;
toolong:
	snprintf(err, errlen, "template too long");
fail:
	buf_release(&lit);
	return NULL;
}

const struct fpath *
tmpl_single_list(const struct tmpl *t)
{
	if (t->nparts != 1 || t->parts[0].lit != NULL ||
	    t->parts[0].nalts != 1 || t->parts[0].alts[0].kind != TALT_PATH ||
	    fpath_type(&t->parts[0].alts[0].path) != FT_LIST)
		return NULL;
	return &t->parts[0].alts[0].path;
}

void
rbuf_add(struct buf *b, const char *s)
{
	if (buf_addstr(b, s) < 0)
		return; /* truncated: fine for messages */
}

void
rbuf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	if (r < 0)
		return; /* truncated: fine for messages */
}

static void
add(struct buf *b, const char *s)
{
	rbuf_add(b, s);
}

static void
ref_text(const struct rec *r, struct buf *b)
{
	if (r->pos.path == NULL) {
		add(b, "-");
		return;
	}
	add(b, r->pos.path);
	if (r->pos.line > 0)
		rbuf_addf(b, ":%lu", r->pos.line);
}

void
field_render(const struct fpath *p, const void *rec, struct buf *b,
    bool *present)
{
	const void *t = fpath_target(p, rec);
	const struct field *f = p->f[p->n - 1];

	*present = false;
	if (t == NULL)
		return;
	if (p->key != NULL) {
		const char *v = kv_get(field_kv(f, t), p->key);

		if (v != NULL) {
			add(b, v);
			*present = true;
		}
		return;
	}
	if (!field_present(f, t))
		return;
	*present = true;
	switch (f->type) {
	case FT_STR:
		add(b, field_str(f, t));
		break;
	case FT_INT:
		rbuf_addf(b, "%lld", field_int(f, t));
		break;
	case FT_BOOL:
		add(b, field_bool(f, t) ? "yes" : "no");
		break;
	case FT_LIST: {
		const struct strlist *l = field_list(f, t);

		for (size_t i = 0; i < l->n; i++) {
			if (i > 0)
				add(b, ", ");
			add(b, l->v[i]);
		}
		break;
	}
	case FT_KV: {
		const struct kvlist *l = field_kv(f, t);

		for (size_t i = 0; i < l->n; i++) {
			if (i > 0)
				add(b, ", ");
			if (l->v[i].name != NULL) {
				add(b, l->v[i].name);
				add(b, "=");
			}
			add(b, l->v[i].value != NULL ? l->v[i].value : "");
		}
		break;
	}
	case FT_REF:
		ref_text(field_ref(f, t), b);
		break;
	case FT_REFS: {
		const struct reflist *l = field_refs(f, t);

		for (size_t i = 0; i < l->n; i++) {
			if (i > 0)
				add(b, ", ");
			ref_text(l->v[i], b);
		}
		break;
	}
	}
}

void
tmpl_render(const struct tmpl *t, const void *rec, const struct eval_env *env,
    struct buf *b)
{
	for (size_t i = 0; i < t->nparts; i++) {
		const struct tpart *part = &t->parts[i];
		bool done = false;

		if (part->lit != NULL) {
			add(b, part->lit);
			continue;
		}
		for (size_t k = 0; k < part->nalts && !done; k++) {
			const struct talt *alt = &part->alts[k];

			switch (alt->kind) {
			case TALT_LIT:
				add(b, alt->lit);
				done = true;
				break;
			case TALT_COUNT:
				rbuf_addf(b, "%lu", env->count);
				done = true;
				break;
			case TALT_FIRST:
			case TALT_LAST: {
				const char *s = alt->kind == TALT_FIRST ?
				    env->first_time :
				    env->last_time;

				if (s != NULL) {
					add(b, s);
					done = true;
				}
				break;
			}
			case TALT_ASOF:
				add(b, env->as_of);
				done = true;
				break;
			case TALT_EVENTS:
				rbuf_addf(b, "%lu event%s", env->count,
				    env->count == 1 ? "" : "s");
				done = true;
				break;
			case TALT_PERIOD:
				if (env->first_time == NULL)
					break;
				if (env->last_time == NULL ||
				    strcmp(env->first_time, env->last_time) ==
					0)
					rbuf_addf(b, "at %s", env->first_time);
				else
					rbuf_addf(b, "between %s and %s",
					    env->first_time, env->last_time);
				done = true;
				break;
			case TALT_PATH:
				field_render(&alt->path, rec, b, &done);
				break;
			}
		}
		if (!done)
			add(b, "-");
	}
}
