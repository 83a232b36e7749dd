/*
 * The fleet view: many bundles' JSON reports (`sslsift scan --format json`
 * or `jsonl`, one object per line, from any number of machines) summed up
 * for `sslsift summary`.
 *
 *   bundles        how many were read, analysed, with errors (not
 *                  analysed, or read incompletely)
 *   rules          each rule that fired: the servers it fired on
 *   root causes    each rule that was a root cause: on how many servers
 *   servers        every bundle, most errors first, with its verdict
 *
 * A summary only reads what sslsift wrote; it keeps a few strings per
 * bundle and a counter per rule, so a million bundles fit in memory.
 */
#ifndef SSLSIFT_SUMMARY_H
#define SSLSIFT_SUMMARY_H

#include <stdio.h>

#include "json.h"

struct summary;

struct summary *summary_new(void);
void summary_free(struct summary *s); /* NULL is a no-op */

/*
 * Add one scan result (a JSON object as `sslsift scan` prints it).
 * Returns 0, or -1 with a message in err (errlen bytes) when it is not
 * one; nothing is added then.
 */
int summary_add(struct summary *s, const struct json *report, char *err,
    size_t errlen);

/* The fleet view for a person; `top` limits the root causes listed. */
void summary_text(const struct summary *s, FILE *out, size_t top);
/* The same as a JSON document (schema in sslsift(1)); caller frees it. */
struct json *summary_json(const struct summary *s, size_t top);

#endif /* SSLSIFT_SUMMARY_H */
