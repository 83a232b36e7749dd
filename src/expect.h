/*
 * Lists of findings by identity, one "RULE-ID SUBJECT" per line: the
 * expectation files of `sslsift test` and the baseline of `sslsift scan
 * --baseline` (the format is in sslsift(1) under EXPECTATION FILES).
 *
 *   # sslsift test: what the demo bundle must give
 *   --as-of 2026-11-20
 *   CRT001 3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f
 *   PRO003 TLS 1.0 server
 *
 * '#' starts a comment line (whole lines only: subjects may hold '#');
 * blank lines are ignored; a line starting with "--" is a scan option for
 * the bundle, which only `sslsift test` reads.  A subject is written, and
 * compared, as the brief report prints it: control characters as \xNN,
 * surrounding blanks trimmed.
 */
#ifndef SSLSIFT_EXPECT_H
#define SSLSIFT_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "rule.h"

/* Expectation and baseline files larger than this are refused. */
#define EXPECT_MAX_FILE ((size_t)16 << 20)

struct expect_entry {
	const char *rule;
	const char *subject; /* escaped and trimmed, as in the file */
	unsigned long line;
};

struct expect {
	struct expect_entry *v;
	size_t n;
	size_t alloc;
	/* Option lines split at blanks and at the first '=': "--as-of",
	 * "2026-11-20", ...; NULL-terminated. */
	const char **options;
	size_t noptions;
	/* The comment lines before the first other line, newlines kept
	 * ("" when none): `sslsift test --update` writes them back. */
	const char *header;
	struct arena arena;
};

void expect_init(struct expect *e);
void expect_release(struct expect *e);

/*
 * Parse text[0..len) (named `path` in messages) into e, which must be
 * freshly initialised.  Returns 0, or -1 with "path:line: message"
 * diagnostics in dl for each line that is neither a comment, an option nor
 * "RULE-ID SUBJECT"; the good lines are still added.
 */
int expect_parse(struct expect *e, const char *path, const char *text,
    size_t len, struct diag_list *dl);

/* Read file `path` ("-": standard input) and parse it as above. */
int expect_load(struct expect *e, const char *path, struct diag_list *dl);

/* Append the subject of f as expectation lines write it to b. */
void expect_subject(const struct finding *f, struct buf *b);

/*
 * Match findings against e: accepted[i] tells whether fs->v[i] has an
 * entry (fs->n elements); used[k] whether entry k matched a finding
 * (e->n elements).  Either may be NULL.
 */
void expect_match(const struct expect *e, const struct findings *fs,
    bool *accepted, bool *used);

#endif /* SSLSIFT_EXPECT_H */
