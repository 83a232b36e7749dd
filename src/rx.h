/*
 * The PCRE2 adapter.  Patterns are compiled once (parsers keep a static
 * table compiled on first use; the rule loader compiles its own), and every
 * match runs under match, depth and heap limits, so no pattern and no input
 * can make a scan hang.  Only this file includes <pcre2.h>.
 *
 * Subjects must be valid UTF-8: everything sslsift decodes is, so matches
 * skip PCRE2's own UTF check.
 */
#ifndef SSLSIFT_RX_H
#define SSLSIFT_RX_H

#include <stdbool.h>
#include <stddef.h>

struct rx;

enum {
	RX_CASELESS = 1 << 0,
	RX_MULTILINE = 1 << 1,
};

/* Most capture groups a pattern may have. */
#define RX_MAXGROUPS 20

/*
 * Compile a pattern (UTF-8, UCP).  NULL on error, with a message that
 * includes the offset in `err` (errlen bytes).  Free with rx_free().
 */
struct rx *rx_compile(const char *pattern, unsigned flags, char *err,
    size_t errlen);
void rx_free(struct rx *rx); /* NULL is a no-op */
/* Number of capture groups; index of a named group (-1 if none). */
int rx_groups(const struct rx *rx);
int rx_group_index(const struct rx *rx, const char *name);

/* Where a match and its groups lie: offsets into the subject. */
struct rx_match {
	size_t so[RX_MAXGROUPS + 1];
	size_t eo[RX_MAXGROUPS + 1]; /* so == eo == (size_t)-1: group unset */
	int n;			     /* groups filled, including group 0 */
};

/*
 * Match rx against s[0..len) from offset `start`.  Returns 1 and fills m
 * (when not NULL) on a match, 0 when there is none, -1 when a limit was hit
 * or matching failed (treat as no match; the input was hostile).
 * Thread-safe: a compiled pattern may be shared.
 */
int rx_match(const struct rx *rx, const char *s, size_t len, size_t start,
    struct rx_match *m);
/* Group g of m as (pointer, length); false when the group did not match. */
bool rx_group(const struct rx_match *m, int g, const char *s, const char **p,
    size_t *n);

/*
 * A parser's patterns: compiled together on first use, once per process
 * (thread-safe).  A pattern that does not compile is a bug in sslsift, so
 * it aborts with BUG().
 */
struct rx_table {
	const char *pattern;
	unsigned flags;
	struct rx *rx;
};

void rx_table_compile(struct rx_table *t, size_t n);

#endif /* SSLSIFT_RX_H */
