/*
 * Reporters: one bundle's findings (rule.h) and model, rendered for a
 * person (text), a test (brief), a program (json, jsonl) or a code-scanning
 * service (sarif).  Each format is a struct reporter behind one interface,
 * in its own report_<name>.c (ShellCheck's formatters).  A reporter reads
 * the findings and the model, writes only to the stream it is given, and
 * knows nothing of parsers or rule files; the engine knows nothing of it.
 *
 * `sslsift scan` analyses every bundle in a worker process (batch.h), so a
 * report is made in two places:
 *
 *   worker:  bundle()                  one bundle, to the worker's output
 *   parent:  begin()                   before the first bundle
 *            collect() or failed()     each bundle: what its worker wrote,
 *                                      or why it has no report
 *            end()                     after the last one
 *
 * The parent calls collect() and failed() in input order when the reporter
 * is `ordered`, else as each bundle finishes; with `whole`, collect() gets a
 * bundle's output in one piece, else in pieces as the worker writes them.
 */
#ifndef SSLSIFT_REPORT_H
#define SSLSIFT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "expect.h"
#include "json.h"
#include "model.h"
#include "rule.h"

struct report_ctx {
	FILE *out;
	const struct ruleset *rs;
	bool color;	/* text: ANSI colours (the caller decides) */
	bool baseline;	/* --baseline was given */
	size_t ninputs; /* bundles in the run */
	void *state;	/* the reporter's own, from begin() to end() */
};

/* One analysed bundle, as bundle() gets it. */
struct report_bundle {
	size_t index; /* among the inputs, from 0 */
	const struct model *m;
	const struct findings *fs;
	/* With a baseline: accepted[i] says whether it lists fs->v[i]; and
	 * its entries that no finding matched.  NULL and 0 without. */
	const bool *accepted;
	const struct expect_entry *const *stale;
	size_t nstale;
};

struct reporter {
	const char *name; /* "text", "brief", "json", "jsonl", "sarif" */
	bool ordered;
	bool whole;
	void (*begin)(struct report_ctx *rc);
	void (*bundle)(struct report_ctx *rc, const struct report_bundle *b);
	/* NULL: the output is copied to rc->out as it is. */
	void (*collect)(struct report_ctx *rc, size_t index, const char *p,
	    size_t n);
	/* The bundle named `name` could not be analysed: `why`. */
	void (*failed)(struct report_ctx *rc, size_t index, const char *name,
	    const char *why);
	void (*end)(struct report_ctx *rc);
};

extern const struct reporter report_text_def;
extern const struct reporter report_brief_def;
extern const struct reporter report_json_def;
extern const struct reporter report_jsonl_def;
extern const struct reporter report_sarif_def;

/* By exact name, or NULL. */
const struct reporter *reporter_find(const char *name);
/* "text, brief, json, jsonl or sarif", for messages. */
const char *reporter_names(void);

/*
 * The verdict: one line that says what is wrong, from the verdict of the
 * first root cause of the highest severity found (rule.h), appended to b;
 * "(and N more ...)" when other problems stand on their own.  Without a
 * finding it says that none was found, or why nothing could be judged.
 * Returns the severity it speaks for, or -1 for "nothing wrong".
 */
int report_verdict(const struct model *m, const struct findings *fs,
    struct buf *b);

#endif /* SSLSIFT_REPORT_H */
