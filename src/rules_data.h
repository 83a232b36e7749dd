/*
 * The built-in rules: every rules/<family>/<ID>.json and its page, compiled
 * into the binary by tests/embed.c (see the Makefile), so that sslsift
 * works, and `sslsift explain` prints pages, without any installed data.
 */
#ifndef SSLSIFT_RULES_DATA_H
#define SSLSIFT_RULES_DATA_H

#include <stddef.h>

struct rule_blob {
	const char *path; /* "rules/events/EVT001.json" */
	const char *json; /* NUL-terminated */
	size_t json_len;
	const char *page; /* the .md beside it, NUL-terminated; NULL if none */
	size_t page_len;
};

extern const struct rule_blob rules_builtin[];
extern const size_t rules_builtin_count;

#endif /* SSLSIFT_RULES_DATA_H */
