/*
 * The cJSON adapter.  Output: build a tree with json_object()/json_set_*()
 * and print it; keys keep their insertion order, so output is stable.
 * Input: json_parse() takes a length and reports where it failed.  Only
 * this file includes <cjson/cJSON.h>.
 */
#ifndef SSLSIFT_JSON_H
#define SSLSIFT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct json;

enum json_type {
	JSON_INVALID,
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json *json_object(void);
struct json *json_array(void);
/* NULL gives null; invalid UTF-8 sequences become U+FFFD. */
struct json *json_string(const char *s);
struct json *json_int(long long v);
struct json *json_bool(bool v);
struct json *json_null(void);

/* Add to an object; the object takes ownership of v.  Keys are copied. */
void json_set(struct json *obj, const char *key, struct json *v);
void json_set_str(struct json *obj, const char *key, const char *s);
void json_set_int(struct json *obj, const char *key, long long v);
void json_set_bool(struct json *obj, const char *key, bool v);
/* Append to an array, which takes ownership of v. */
void json_push(struct json *arr, struct json *v);
/* Detach a member of an object and hand it over; NULL if absent. */
struct json *json_detach(struct json *obj, const char *key);
/* Detach the first element of an array and hand it over; NULL if empty. */
struct json *json_shift(struct json *arr);

/*
 * Serialise: pretty (tab-indented, one member per line) or compact (one
 * line).  The caller frees the result.
 */
char *json_print(const struct json *v, bool pretty);
/* Print v and a newline to out, then free v. */
void json_write(FILE *out, struct json *v, bool pretty);
void json_free(struct json *v); /* NULL is a no-op */

/*
 * Parse n bytes holding one value (blanks may surround it).  NULL on
 * error, with *err_off (if not NULL) set to the byte offset where parsing
 * stopped.  Free the result with json_free().
 */
struct json *json_parse(const char *p, size_t n, size_t *err_off);

/*
 * Where `node` (a value inside the tree `root` parsed from text[0..n))
 * starts in the text: the byte offset of its key for an object member,
 * else of the value.  Meant for error messages ("path:line: ..."); 0 when
 * node is not in the tree.
 */
size_t json_offset(const char *text, size_t n, const struct json *root,
    const struct json *node);

enum json_type json_type_of(const struct json *v);
/* Object member by key (exact), or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
/* Arrays and objects: number of elements; i-th element (and its key). */
size_t json_size(const struct json *v);
const struct json *json_at(const struct json *v, size_t i);
const char *json_key(const struct json *member);
/* Iteration: for (e = json_first(v); e != NULL; e = json_next(e)). */
const struct json *json_first(const struct json *v);
const struct json *json_next(const struct json *item);
/* Scalars; NULL / 0 / false when the type differs. */
const char *json_str_value(const struct json *v);
double json_num_value(const struct json *v);
bool json_bool_value(const struct json *v);

#endif /* SSLSIFT_JSON_H */
