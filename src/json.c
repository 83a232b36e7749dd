#include "compat.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "json.h"
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

struct json *
json_string(const char *s)
{
	return J(
	    checked(s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull()));
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
