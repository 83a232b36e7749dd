#include "compat.h"

#include "parse.h"
#include "parse_certutil.h"
#include "parse_evtx.h"
#include "parse_netsh.h"
#include "parse_netstat.h"
#include "parse_reg.h"
#include "text.h"

/*
 * The parsers, by kind.  A kind whose entry is NULL is recognised and
 * listed but not parsed.
 */
typedef enum parse_status text_parser_fn(struct model *m, struct artifact *a,
    const struct text *t);

/* clang-format off */
static text_parser_fn *const text_parsers[KIND__COUNT] = {
	[KIND_APPHOST]  = parse_apphost,
	[KIND_NETSH]    = parse_netsh,
	[KIND_NETSTAT]  = parse_netstat,
	[KIND_CERTUTIL] = parse_certutil,
	[KIND_REG]      = parse_reg,
};
/* clang-format on */

enum parse_status
parse_text_artifact(struct model *m, struct artifact *a, struct stream *in,
    const struct parse_opts *po)
{
	text_parser_fn *fn = text_parsers[a->kind];
	enum parse_status st;
	struct text t;

	if (a->kind == KIND_EVENTS)
		return parse_events(m, a, in, po->keep);
	if (fn == NULL)
		return PARSE_NONE;
	if (text_read(&t, in, po->max_text) < 0)
		diag_add(&a->diags, DIAG_ERROR, 0, "read error: %s", in->err);
	if (t.truncated)
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "text longer than %zu bytes: the rest was not read",
		    po->max_text);
	st = fn(m, a, &t);
	if (st == PARSE_OK && t.truncated)
		st = PARSE_PARTIAL;
	/* Findings quote the lines they rest on: keep the text. */
	if (t.data != NULL && st != PARSE_FAILED) {
		model_keep_text(m, a, t.data, t.len);
		t.data = NULL;
		t.len = 0;
	}
	text_release(&t);
	return st;
}

enum parse_status
parse_binary_artifact(struct model *m, struct artifact *a, struct stream *raw,
    const char *fs_path, const struct parse_opts *po)
{
	/* the .evtx reader takes the file front to back, like any stream */
	(void)fs_path;
	if (a->kind == KIND_EVTX)
		return parse_evtx(m, a, raw, po->keep);
	return PARSE_NONE;
}
