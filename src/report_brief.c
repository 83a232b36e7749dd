/*
 * The brief report, for tests and scripts: one line per finding,
 *
 *   CRT001 error 3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f
 *
 * "RULE SEVERITY SUBJECT" in finding order, the subject escaped as in the
 * text report.  With a baseline, only the findings it does not accept are
 * listed, then each stale entry as "RULE stale SUBJECT".
 */
#include "compat.h"

#include "report_int.h"

static void
brief_bundle(struct report_ctx *rc, const struct report_bundle *b)
{
	const struct findings *fs = b->fs;

	for (size_t i = 0; i < fs->n; i++) {
		if (b->accepted != NULL && b->accepted[i])
			continue;
		fprintf(rc->out, "%s %s ", fs->v[i].rule->id,
		    severity_name(fs->v[i].rule->severity));
		tx_str(rc->out, fs->v[i].subject);
		putc('\n', rc->out);
	}
	for (size_t i = 0; i < b->nstale; i++) {
		fprintf(rc->out, "%s stale ", b->stale[i]->rule);
		tx_str(rc->out, b->stale[i]->subject);
		putc('\n', rc->out);
	}
}

static void
brief_nothing(struct report_ctx *rc)
{
	(void)rc;
}

static void
brief_failed(struct report_ctx *rc, size_t index, const char *name,
    const char *why)
{
	(void)rc;
	(void)index;
	(void)name;
	(void)why;
}

const struct reporter report_brief_def = {
	"brief",
	true,
	false,
	brief_nothing,
	brief_bundle,
	NULL,
	brief_failed,
	brief_nothing,
};
