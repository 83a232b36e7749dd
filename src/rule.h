/*
 * The rule engine: rules are data (rules/<family>/<ID>.json, each with its
 * page <ID>.md; the format is in man/sslsift-rules.5), loaded and validated
 * into a ruleset, then evaluated over a model into a list of findings that
 * knows nothing of output formats (report_*.c render it).
 *
 * A rule selects records of one type (a parsed type such as "event", or a
 * combiner's derived type such as "effective_binding"), keeps those its
 * condition holds for, and groups them by the rendered `subject`: one
 * finding per (rule, subject), with the number of records, their first and
 * last time, and their evidence.  Findings are sorted by severity (error
 * first), then rule id, then subject (byte order), so output does not
 * depend on the order files were found in.
 *
 * The engine never prints and never exits: loading returns -1 with
 * "path:line: message" diagnostics, and evaluation cannot fail.
 */
#ifndef SSLSIFT_RULE_H
#define SSLSIFT_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "evfilter.h"
#include "model.h"

enum severity {
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
};

/* "info", "warning", "error". */
const char *severity_name(enum severity s);
/* 0 and *s set for a known name, -1 otherwise. */
int severity_from_name(const char *name, enum severity *s);

struct cond; /* a compiled condition (rule_int.h) */
struct tmpl; /* a compiled message or subject template */

/* One entry of a rule's "explains": findings of `rule` it is the cause of. */
struct rule_explain {
	const char *rule;     /* target rule id */
	struct tmpl *subject; /* NULL: every finding of that rule */
	unsigned long line;   /* in the rule file, for messages */
};

/*
 * A loaded rule.  Everything is owned by its ruleset and read-only for
 * callers (reporters read the metadata, e.g. for SARIF rule descriptors).
 */
struct rule {
	const char *id;	    /* "EVT001" */
	const char *title;  /* one line */
	const char *family; /* "events" */
	enum severity severity;
	bool low_confidence; /* "confidence": "low" */
	enum rec_type select;
	struct cond *when;
	struct tmpl *subject;
	struct tmpl *message;
	struct tmpl *verdict; /* one line for the report's top; may be NULL */
	const char **remediation; /* steps, in order, as written */
	size_t nremediation;
	struct tmpl **remediation_t; /* the same, compiled as templates */
	const char **references;
	size_t nreferences;
	/* Artifact kinds the rule needs; without them it is "not checked". */
	enum artifact_kind *requires;
	size_t nrequires;
	struct evfilter keep; /* event rules: the events it needs kept */
	struct rule_explain *explains;
	size_t nexplains;
	/* Reference fields of `select` whose records are evidence. */
	const struct field **evidence;
	size_t nevidence;
	/* The rule reads a key state: quote certutil's key lines too. */
	bool key_lines;
	const char *path; /* the rule file: "rules/events/EVT001.json" */
	const char *page; /* the Markdown page, NUL-terminated */
	bool builtin;
};

struct ruleset;

/* An empty ruleset; free with ruleset_free(). */
struct ruleset *ruleset_new(void);
void ruleset_free(struct ruleset *rs); /* NULL is a no-op */

/*
 * Add the rules compiled into the binary (rules/ of the source tree).
 * Returns 0, or -1 with diagnostics in dl (a broken build).
 */
int ruleset_add_builtin(struct ruleset *rs, struct diag_list *dl);

/*
 * Add the rules in directory `dir`: every *.json in it and in its
 * immediate subdirectories, each with its page beside it.  A rule whose id
 * is already loaded (built in, or from another directory) is an error.
 * Returns 0, or -1 with "path:line: message" diagnostics in dl; rules of
 * files without errors are still added.
 */
int ruleset_add_dir(struct ruleset *rs, const char *dir, struct diag_list *dl);

/*
 * Add one rule file from memory: `path` names it in messages and must end
 * in "<ID>.json"; `page` (may be NULL: an error) is its Markdown page.
 * Returns 0 or -1 as above.
 */
int ruleset_add_file(struct ruleset *rs, const char *path, const char *json,
    size_t json_len, const char *page, size_t page_len, bool builtin,
    struct diag_list *dl);

/*
 * After the last add: check what spans rules (every "explains" names a
 * loaded rule and they form no cycle), sort the rules by id and build the
 * event filter.  Returns 0, or -1 with diagnostics.
 */
int ruleset_finish(struct ruleset *rs, struct diag_list *dl);

size_t ruleset_count(const struct ruleset *rs);
/* The i-th rule in id order (after ruleset_finish()). */
const struct rule *ruleset_at(const struct ruleset *rs, size_t i);
/* By id (exact), or NULL. */
const struct rule *ruleset_find(const struct ruleset *rs, const char *id);

/*
 * The events the loaded rules need kept as records: the union of every
 * event rule's "keep" list.  Pass it as bundle_opts.keep so that a rule
 * dropped into a --rules directory sees its events without recompiling.
 * Owned by the ruleset.
 */
const struct evfilter *ruleset_evfilter(const struct ruleset *rs);

/* Evidence: one line of an artifact that supports a finding. */
struct evidence {
	const char *path;   /* artifact path inside the bundle */
	unsigned long line; /* 1-based; 0 when unknown */
	const char *text;   /* the line, trimmed; events: a summary */
};

struct finding {
	const struct rule *rule;
	const char *subject;
	const char *message;
	const char *verdict;	/* the rule's verdict rendered; NULL if none */
	unsigned long count;	/* records that matched */
	const char *first_time; /* events: oldest and newest time; else NULL */
	const char *last_time;
	struct evidence *evidence; /* sorted by path, then line */
	size_t nevidence;
	unsigned long evidence_omitted; /* beyond the per-artifact cap */
	/* The rule's remediation steps, rendered for this finding. */
	const char **remediation;
	size_t nremediation;
	/* Indexes into findings.v: the findings this one explains directly,
	 * and those that explain it. */
	size_t *explains;
	size_t nexplains;
	size_t *explained_by;
	size_t nexplained_by;
};

/* A rule that could not be checked: an artifact it needs is missing. */
struct not_checked {
	const struct rule *rule;
	const char *missing; /* "certutil" or "netsh, certutil" */
};

enum as_of_source {
	AS_OF_OPTION,	    /* --as-of */
	AS_OF_NEWEST_EVENT, /* the newest event in the bundle */
	AS_OF_TODAY,	    /* no event: the current date (UTC) */
};

/*
 * The outcome of evaluating a ruleset over one bundle.  Strings live in
 * the findings' own arena, so the findings outlive the model; `rule`
 * pointers belong to the ruleset, which must outlive them.
 */
struct findings {
	struct finding *v;
	size_t n;
	struct not_checked *not_checked; /* in rule id order */
	size_t nnot_checked;
	char as_of[11]; /* "YYYY-MM-DD" */
	enum as_of_source as_of_source;
	struct arena arena;
};

struct eval_opts {
	const char *as_of; /* "YYYY-MM-DD", or NULL for the default */
};

/* true when s is a rule id: 2 to 8 capital letters, 3 or 4 digits. */
bool rule_valid_id(const char *s);

/* true when s is a valid "YYYY-MM-DD" date. */
bool rule_valid_date(const char *s);

/*
 * Evaluate every rule over m (running the combiners first if they have not
 * run).  Never fails; the result is freed with findings_free().  A loaded
 * ruleset is only read, so threads may evaluate different models with the
 * same ruleset at once.
 */
struct findings *rule_eval(const struct ruleset *rs, struct model *m,
    const struct eval_opts *o);
void findings_free(struct findings *f); /* NULL is a no-op */

/* "option", "newest event", "today". */
const char *as_of_source_name(enum as_of_source s);

/* true when a finding is a root cause: it explains others and nothing
 * explains it. */
bool finding_is_root(const struct finding *f);

#endif /* SSLSIFT_RULE_H */
