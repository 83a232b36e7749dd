#include "compat.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "strparse.h"
#include "xalloc.h"

/* struct json is never defined: it is a cJSON under another name. */
#define C(v) ((cJSON *)(void *)(v))
#define CC(v) ((const cJSON *)(const void *)(v))
#define J(v) ((struct json *)(void *)(v))

static cJSON *
checked(cJSON *v)
{
	if (v == NULL)
		xalloc_die(sizeof(cJSON)); /* cJSON only fails on OOM */
	return v;
}

struct json *
json_object(void)
{
	return J(checked(cJSON_CreateObject()));
}

struct json *
json_array(void)
{
	return J(checked(cJSON_CreateArray()));
}

/*
 * JSON text must be UTF-8.  Decoded artifacts are, but a file name read
 * from a directory is whatever bytes the customer's system used: invalid
 * sequences become U+FFFD here, so every document printed stays valid.
 */
struct json *
json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	char *copy, *o;
	cJSON *v;

	if (s == NULL)
		return J(checked(cJSON_CreateNull()));
	while (*p != '\0' && (n = str_utf8_seq(p)) > 0)
		p += n;
	if (*p == '\0')
		return J(checked(cJSON_CreateString(s)));
	copy = o = xmalloc(strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0';) {
		n = str_utf8_seq(p);
		if (n == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			p++;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	v = cJSON_CreateString(copy);
	free(copy);
	return J(checked(v));
}

struct json *
json_int(long long v)
{
	return J(checked(cJSON_CreateNumber((double)v)));
}

struct json *
json_bool(bool v)
{
	return J(checked(cJSON_CreateBool(v)));
}

struct json *
json_null(void)
{
	return J(checked(cJSON_CreateNull()));
}

void
json_set(struct json *obj, const char *key, struct json *v)
{
	if (!cJSON_AddItemToObject(C(obj), key, C(v)))
		BUG("cannot add '%s' to a JSON object", key);
}

void
json_set_str(struct json *obj, const char *key, const char *s)
{
	json_set(obj, key, json_string(s));
}

void
json_set_int(struct json *obj, const char *key, long long v)
{
	json_set(obj, key, json_int(v));
}

void
json_set_bool(struct json *obj, const char *key, bool v)
{
	json_set(obj, key, json_bool(v));
}

void
json_push(struct json *arr, struct json *v)
{
	if (!cJSON_AddItemToArray(C(arr), C(v)))
		BUG("cannot add to a JSON array");
}

struct json *
json_detach(struct json *obj, const char *key)
{
	return J(cJSON_DetachItemFromObjectCaseSensitive(C(obj), key));
}

struct json *
json_shift(struct json *arr)
{
	return J(cJSON_DetachItemFromArray(C(arr), 0));
}

char *
json_print(const struct json *v, bool pretty)
{
	char *s = pretty ? cJSON_Print(CC(v)) : cJSON_PrintUnformatted(CC(v));
	char *out;

	if (s == NULL)
		xalloc_die(0);
	/* cJSON allocates with its own hooks; hand back plain malloc memory. */
	out = xstrdup(s);
	cJSON_free(s);
	return out;
}

void
json_write(FILE *out, struct json *v, bool pretty)
{
	char *s = json_print(v, pretty);

	fputs(s, out);
	putc('\n', out);
	free(s);
	json_free(v);
}

void
json_free(struct json *v)
{
	if (v != NULL)
		cJSON_Delete(C(v));
}

struct json *
json_parse(const char *p, size_t n, size_t *err_off)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(p, n, &end, false);

	/* Only blanks may follow the value. */
	if (v != NULL && end != NULL && end >= p) {
		size_t off = (size_t)(end - p);

		while (off < n &&
		    (p[off] == ' ' || p[off] == '\t' || p[off] == '\n' ||
			p[off] == '\r'))
			off++;
		if (off < n) {
			cJSON_Delete(v);
			v = NULL;
			end = p + off;
		}
	}
	if (v == NULL && err_off != NULL)
		*err_off = end != NULL && end >= p ? (size_t)(end - p) : 0;
	return J(v);
}

enum json_type
json_type_of(const struct json *v)
{
	const cJSON *c = CC(v);

	if (c == NULL)
		return JSON_INVALID;
	if (cJSON_IsNull(c))
		return JSON_NULL;
	if (cJSON_IsBool(c))
		return JSON_BOOL;
	if (cJSON_IsNumber(c))
		return JSON_NUMBER;
	if (cJSON_IsString(c))
		return JSON_STRING;
	if (cJSON_IsArray(c))
		return JSON_ARRAY;
	if (cJSON_IsObject(c))
		return JSON_OBJECT;
	return JSON_INVALID;
}

const struct json *
json_get(const struct json *obj, const char *key)
{
	return J(cJSON_GetObjectItemCaseSensitive(CC(obj), key));
}

size_t
json_size(const struct json *v)
{
	int n = cJSON_GetArraySize(CC(v));

	return n > 0 ? (size_t)n : 0;
}

const struct json *
json_at(const struct json *v, size_t i)
{
	const cJSON *c = CC(v)->child;

	while (c != NULL && i-- > 0)
		c = c->next;
	return J(c);
}

const struct json *
json_first(const struct json *v)
{
	return J(CC(v) != NULL ? CC(v)->child : NULL);
}

const struct json *
json_next(const struct json *item)
{
	return J(CC(item)->next);
}

const char *
json_key(const struct json *member)
{
	return CC(member)->string;
}

const char *
json_str_value(const struct json *v)
{
	return cJSON_IsString(CC(v)) ? CC(v)->valuestring : NULL;
}

double
json_num_value(const struct json *v)
{
	return cJSON_IsNumber(CC(v)) ? CC(v)->valuedouble : 0;
}

bool
json_bool_value(const struct json *v)
{
	return cJSON_IsTrue(CC(v));
}

/* Pre-order index of target in the tree below cur; false if absent. */
static bool
preorder(const cJSON *cur, const cJSON *target, size_t *idx, int depth)
{
	if (cur == target)
		return true;
	if (depth > CJSON_NESTING_LIMIT)
		return false;
	for (const cJSON *c = cur->child; c != NULL; c = c->next) {
		++*idx;
		if (preorder(c, target, idx, depth + 1))
			return true;
	}
	return false;
}

struct jscan {
	const char *p;
	size_t n;
	size_t pos;
	size_t count; /* values seen */
	size_t want;
	size_t found;
	bool done;
};

static void
scan_ws(struct jscan *s)
{
	while (s->pos < s->n &&
	    (s->p[s->pos] == ' ' || s->p[s->pos] == '\t' ||
		s->p[s->pos] == '\n' || s->p[s->pos] == '\r'))
		s->pos++;
}

static void
scan_string(struct jscan *s)
{
	s->pos++; /* the opening quote */
	while (s->pos < s->n && s->p[s->pos] != '"') {
		if (s->p[s->pos] == '\\')
			s->pos++;
		s->pos++;
	}
	s->pos++;
}

/*
 * Walk one value of text that cJSON accepted, counting values in the
 * order cJSON's tree lists them; `at` is where the value's key started
 * (or the value itself).
 */
static void
scan_value(struct jscan *s, size_t at, int depth)
{
	char c;

	if (s->done || depth > CJSON_NESTING_LIMIT)
		return;
	scan_ws(s);
	if (s->count++ == s->want) {
		s->found = at != (size_t)-1 ? at : s->pos;
		s->done = true;
		return;
	}
	if (s->pos >= s->n)
		return;
	c = s->p[s->pos];
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';

		s->pos++;
		for (;;) {
			size_t key = (size_t)-1;

			scan_ws(s);
			if (s->pos >= s->n || s->p[s->pos] == close)
				break;
			if (c == '{') {
				key = s->pos;
				scan_string(s);
				scan_ws(s);
				s->pos++; /* ':' */
			}
			scan_value(s, key, depth + 1);
			if (s->done)
				return;
			scan_ws(s);
			if (s->pos < s->n && s->p[s->pos] == ',')
				s->pos++;
			else
				break;
		}
		s->pos++;
	} else if (c == '"') {
		scan_string(s);
	} else {
		while (
		    s->pos < s->n && strchr(",]} \t\r\n", s->p[s->pos]) == NULL)
			s->pos++;
	}
}

size_t
json_offset(const char *text, size_t n, const struct json *root,
    const struct json *node)
{
	struct jscan s;
	size_t idx = 0;

	if (root == NULL || node == NULL ||
	    !preorder(CC(root), CC(node), &idx, 0))
		return 0;
	memset(&s, 0, sizeof(s));
	s.p = text;
	s.n = n;
	s.want = idx;
	/* Skip a UTF-8 BOM as cJSON's caller does. */
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s.pos = 3;
	scan_value(&s, (size_t)-1, 0);
	return s.done ? s.found : 0;
}
