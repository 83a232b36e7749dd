/*
 * Inside the rule engine: compiled field paths, conditions and templates,
 * shared by rule_load.c (which compiles them from JSON), rule_cond.c (which
 * evaluates them) and rule_eval.c (which makes findings).  Nothing outside
 * rule_*.c includes this file.
 */
#ifndef SSLSIFT_RULE_INT_H
#define SSLSIFT_RULE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "model.h"
#include "rule.h"
#include "rx.h"

/* Limits that keep input-driven recursion and sizes bounded. */
#define RULE_MAX_DEPTH 16    /* nesting of all/any/not */
#define RULE_MAX_NODES 256   /* condition nodes per rule */
#define RULE_MAX_VALUES 256  /* values of one "in" */
#define RULE_MAX_PATH 4	     /* segments of a field path */
#define RULE_MAX_FILE 262144 /* bytes of a rule file or page */

/* A set of rules (rule.h); defined here for rule_set.c and rule_load.c. */
struct ruleset {
	struct arena arena;
	struct rule **v;
	size_t n;
	size_t alloc;
	struct rx **rx; /* compiled patterns, freed with the set */
	size_t nrx;
	size_t rx_alloc;
	struct evfilter keep;
};

/*
 * Compile one rule file (path names it in messages and must end in
 * "<ID>.json"; folder, when not NULL, is the family it must name) with its
 * page, and add it to rs.  Returns 0, or -1 with "path:line: message"
 * diagnostics in dl and nothing added.
 */
int rule_load(struct ruleset *rs, const char *path, const char *folder,
    const char *json, size_t json_len, const char *page, size_t page_len,
    bool builtin, struct diag_list *dl);

/*
 * A field path: "port", "cert.not_after" (through an FT_REF),
 * "data.ErrorCode" (a key of an FT_KV field).
 */
struct fpath {
	const struct field *f[RULE_MAX_PATH];
	size_t n;
	const char *key;  /* FT_KV: the name looked up; NULL otherwise */
	const char *text; /* as written */
};

/*
 * Resolve `text` against record type t.  Returns 0, or -1 with a message
 * in err (errlen bytes).
 */
int fpath_resolve(struct fpath *p, enum rec_type t, const char *text,
    struct arena *a, char *err, size_t errlen);
/* The final field's type; FT_STR for a key of an FT_KV field. */
enum ftype fpath_type(const struct fpath *p);
/* The record the last segment is read from, or NULL (a NULL reference). */
const void *fpath_target(const struct fpath *p, const void *rec);

enum cond_kind {
	COND_ALL,
	COND_ANY,
	COND_NOT,
	COND_LEAF,
};

enum cond_op {
	OP_EQUALS,
	OP_IEQUALS,
	OP_IN,
	OP_IIN,
	OP_REGEX,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EXISTS,
	OP_MISSING,
};

/* One operand of a leaf. */
struct cval {
	enum {
		CV_STR,	 /* s */
		CV_NUM,	 /* num */
		CV_BOOL, /* b */
		CV_DATE, /* s = "YYYY-MM-DD" */
		CV_ASOF, /* the as-of date plus `days` */
	} kind;
	const char *s;
	long long num;
	bool b;
	long long days;
};

struct cond {
	enum cond_kind kind;
	struct cond **kids; /* all, any: kids; not: kids[0] */
	size_t nkids;
	struct fpath path; /* leaf */
	enum cond_op op;
	struct cval *vals;
	size_t nvals;
	struct rx *rx;
};

/* What a condition or template may need besides the record. */
struct eval_env {
	char as_of[11];
	/* Aggregates of a finding, for message templates. */
	unsigned long count;
	const char *first_time;
	const char *last_time;
};

bool cond_eval(const struct cond *c, const void *rec,
    const struct eval_env *env);

/* Parts of a template: literal text, or a list of alternatives. */
enum talt_kind {
	TALT_PATH,   /* a field */
	TALT_LIT,    /* 'text' */
	TALT_COUNT,  /* {count} */
	TALT_FIRST,  /* {first_time} */
	TALT_LAST,   /* {last_time} */
	TALT_ASOF,   /* {as_of} */
	TALT_PERIOD, /* {period}: "at T" or "between T1 and T2" */
	TALT_EVENTS, /* {events}: "1 event", "4 events" */
};

struct talt {
	enum talt_kind kind;
	struct fpath path;
	const char *lit;
};

struct tpart {
	const char *lit; /* literal text, or NULL for alternatives */
	struct talt *alts;
	size_t nalts;
};

struct tmpl {
	struct tpart *parts;
	size_t nparts;
	const char *text; /* as written */
};

/*
 * Compile a template for record type t: "{a}", "{a|b|'none'}" (the first
 * present), "{{" and "}}" for braces.  `aggregates` allows {count},
 * {events}, {first_time}, {last_time}, {period} and {as_of}.  NULL with a
 * message in err on error.
 */
struct tmpl *tmpl_compile(const char *text, enum rec_type t, bool aggregates,
    struct arena *a, char *err, size_t errlen);
/*
 * Render into b (capped; a cap hit truncates).  An absent value is "-".
 * A list is joined with ", ".
 */
void tmpl_render(const struct tmpl *t, const void *rec,
    const struct eval_env *env, struct buf *b);
/*
 * When the template is exactly one list field ("{endpoints}"), that field;
 * else NULL.  Used to expand "explains" subjects element by element.
 */
const struct fpath *tmpl_single_list(const struct tmpl *t);

/* Append the text of one field value (as tmpl_render() shows it) to b. */
void field_render(const struct fpath *p, const void *rec, struct buf *b,
    bool *present);

/* Append to a capped buffer; a full buffer silently truncates. */
void rbuf_add(struct buf *b, const char *s);
void rbuf_addf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Calendar helpers: "YYYY-MM-DD" plus days; false on a bad date. */
bool date_add_days(const char *date, long long days, char out[11]);

#endif /* SSLSIFT_RULE_INT_H */
