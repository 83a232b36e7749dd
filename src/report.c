/*
 * What the reporters share: the table of formats and the verdict.
 */
#include "compat.h"

#include <stdarg.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"

static const struct reporter *const reporters[] = {
	&report_text_def,
	&report_brief_def,
	&report_json_def,
	&report_jsonl_def,
	&report_sarif_def,
};

const struct reporter *
reporter_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(reporters); i++)
		if (strcmp(reporters[i]->name, name) == 0)
			return reporters[i];
	return NULL;
}

void
rp_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(b, fmt, ap) < 0) {
		/* past the cap: the text is cut, as documented */
	}
	va_end(ap);
}

void
rp_escaped(struct buf *b, const char *s)
{
	if (esc_text_report(b, s) < 0) {
		/* past the cap: the text is cut, as documented */
	}
}

const char *
reporter_names(void)
{
	return "text, brief, json, jsonl or sarif";
}

/* Artifacts some parser read (kind known and not failed). */
static size_t
known_artifacts(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nartifacts; i++)
		if (m->artifacts[i]->kind != KIND_UNKNOWN &&
		    m->artifacts[i]->status != PARSE_FAILED)
			n++;
	return n;
}

int
report_verdict(const struct model *m, const struct findings *fs, struct buf *b)
{
	const struct finding *top = NULL;
	size_t more = 0;
	int sev;

	if (fs->n == 0) {
		size_t n = known_artifacts(m);

		if (m->read_error && m->nartifacts == 0)
			rp_printf(b, "%s", "The bundle could not be read");
		else if (n == 0)
			rp_printf(b, "%s",
			    "Nothing to judge: no file of the bundle is one "
			    "sslsift reads");
		else
			rp_printf(b,
			    "No problem found in the %zu file%s sslsift read%s",
			    n, n == 1 ? "" : "s",
			    fs->nnot_checked > 0 ?
				" (some checks need files the bundle lacks)" :
				"");
		return -1;
	}
	/* Findings come most severe first. */
	sev = (int)fs->v[0].rule->severity;
	for (size_t i = 0; i < fs->n && (int)fs->v[i].rule->severity == sev;
	     i++)
		if (finding_is_root(&fs->v[i])) {
			top = &fs->v[i];
			break;
		}
	if (top == NULL)
		top = &fs->v[0];
	for (size_t i = 0; i < fs->n; i++)
		if (&fs->v[i] != top && fs->v[i].nexplained_by == 0 &&
		    (int)fs->v[i].rule->severity == sev)
			more++;
	if (top->verdict != NULL)
		rp_printf(b, "%s", top->verdict);
	else
		rp_printf(b, "%s (%s)", top->rule->title, top->subject);
	if (more > 0)
		rp_printf(b, " (and %zu more %s%s)", more,
		    severity_name((enum severity)sev), more == 1 ? "" : "s");
	return sev;
}
