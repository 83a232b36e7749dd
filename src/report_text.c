/*
 * The text report, for the engineer reading a ticket:
 *
 *   bundle 'case-4711.zip' (archive): 7 files, as of 2026-11-18 (newest event)
 *   2 errors, 1 warning
 *
 *   Root causes
 *
 *   error CRT001 3f6c...: The served certificate has no usable private key
 *     <message>
 *     evidence:
 *       sslcert.txt:4: IP:port : 0.0.0.0:443
 *     remediation:
 *       1. ...
 *     explains:
 *       error EVT001 0x80090016: <title>
 *         <message>
 *         evidence: ...
 *
 *   Other findings
 *   ...
 *   Not checked
 *   ...
 *   Inventory
 *   ...
 *
 * Each finding appears once: under the first root cause that explains it,
 * else among the other findings.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "xalloc.h"

#define MAX_NESTING 8

static void
indent(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		putc(' ', out);
}

static void
print_evidence(FILE *out, const struct finding *f, int ind)
{
	if (f->nevidence == 0)
		return;
	indent(out, ind);
	fputs("evidence:\n", out);
	for (size_t i = 0; i < f->nevidence; i++) {
		const struct evidence *e = &f->evidence[i];

		indent(out, ind + 2);
		esc_fputs_report(e->path, out);
		if (e->line > 0)
			fprintf(out, ":%lu", e->line);
		if (e->text[0] != '\0') {
			fputs(": ", out);
			esc_fputs_report(e->text, out);
		}
		putc('\n', out);
	}
	if (f->evidence_omitted > 0) {
		indent(out, ind + 2);
		fprintf(out, "(%lu more not shown)\n", f->evidence_omitted);
	}
}

static void
print_head(FILE *out, const struct finding *f, int ind)
{
	indent(out, ind);
	fprintf(out, "%s %s ", severity_name(f->rule->severity), f->rule->id);
	esc_fputs_report(f->subject, out);
	fputs(": ", out);
	esc_fputs_report(f->rule->title, out);
	if (f->rule->low_confidence)
		fputs(" (low confidence)", out);
	putc('\n', out);
	indent(out, ind + 2);
	esc_fputs_report(f->message, out);
	putc('\n', out);
}

static void
print_finding(FILE *out, const struct findings *fs, size_t idx, int ind,
    bool *shown, int depth)
{
	const struct finding *f = &fs->v[idx];
	bool any = false;

	shown[idx] = true;
	print_head(out, f, ind);
	print_evidence(out, f, ind + 2);
	if (depth == 0) {
		indent(out, ind + 2);
		fputs("remediation:\n", out);
		for (size_t i = 0; i < f->nremediation; i++) {
			indent(out, ind + 4);
			fprintf(out, "%zu. ", i + 1);
			esc_fputs_report(f->remediation[i], out);
			putc('\n', out);
		}
	}
	for (size_t i = 0; i < f->nexplains && depth < MAX_NESTING; i++) {
		size_t k = f->explains[i];

		if (shown[k])
			continue;
		if (!any) {
			indent(out, ind + 2);
			fputs("explains:\n", out);
			any = true;
		}
		print_finding(out, fs, k, ind + 4, shown, depth + 1);
	}
	if (depth == 0) {
		indent(out, ind + 2);
		fprintf(out, "see: sslsift explain %s\n", f->rule->id);
	}
}

static void
print_diags(FILE *out, const char *path, const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		fputs("  ", out);
		esc_fputs_report(path, out);
		if (dl->v[i].line > 0)
			fprintf(out, ":%lu", dl->v[i].line);
		fprintf(out, ": %s: ", diag_level_name(dl->v[i].level));
		esc_fputs_report(dl->v[i].msg, out);
		putc('\n', out);
	}
	for (int l = DIAG_NOTE; l <= DIAG_ERROR; l++)
		if (dl->dropped[l] > 0) {
			fputs("  ", out);
			esc_fputs_report(path, out);
			fprintf(out, ": %s: %lu more not shown\n",
			    diag_level_name(l), dl->dropped[l]);
		}
}

/* The artifact table and the diagnostics. */
static void
inventory_body(FILE *out, const struct model *m)
{
	size_t ndiag = m->diags.n;

	if (m->nartifacts > 0)
		fprintf(out, "  %-9s %-13s %-7s %-8s %10s  %s\n", "KIND",
		    "ENCODING", "NEWLINE", "STATUS", "SIZE", "PATH");
	for (size_t i = 0; i < m->nartifacts; i++) {
		const struct artifact *a = m->artifacts[i];

		fprintf(out, "  %-9s %-13s %-7s %-8s %10llu  ",
		    artifact_kind_name(a->kind), a->encoding,
		    a->newline != NULL ? a->newline : "-",
		    parse_status_name(a->status), a->size);
		esc_fputs_report(a->path, out);
		putc('\n', out);
		ndiag += a->diags.n;
	}
	if (ndiag == 0)
		return;
	fputs("diagnostics:\n", out);
	print_diags(out, "(bundle)", &m->diags);
	for (size_t i = 0; i < m->nartifacts; i++)
		print_diags(out, m->artifacts[i]->path,
		    &m->artifacts[i]->diags);
}

void
report_inventory(FILE *out, const struct model *m)
{
	fputs("bundle '", out);
	esc_fputs_report(m->name, out);
	fprintf(out, "' (%s): %zu file%s\n", m->source, m->nartifacts,
	    m->nartifacts == 1 ? "" : "s");
	inventory_body(out, m);
}

static void
print_summary(FILE *out, const struct model *m, const struct findings *fs)
{
	unsigned long n[3] = { 0, 0, 0 };
	static const char *const as_of_words[] = {
		[AS_OF_OPTION] = "given with --as-of",
		[AS_OF_NEWEST_EVENT] = "the newest event in the bundle",
		[AS_OF_TODAY] = "today: the bundle has no dated event",
	};

	fputs("bundle '", out);
	esc_fputs_report(m->name, out);
	fprintf(out, "' (%s): %zu file%s, as of %s (%s)\n", m->source,
	    m->nartifacts, m->nartifacts == 1 ? "" : "s", fs->as_of,
	    as_of_words[fs->as_of_source]);
	for (size_t i = 0; i < fs->n; i++)
		n[fs->v[i].rule->severity]++;
	if (fs->n == 0) {
		fputs("no findings\n", out);
		return;
	}
	fprintf(out, "%lu error%s, %lu warning%s, %lu info\n", n[SEV_ERROR],
	    n[SEV_ERROR] == 1 ? "" : "s", n[SEV_WARNING],
	    n[SEV_WARNING] == 1 ? "" : "s", n[SEV_INFO]);
}

void
report_text(FILE *out, const struct model *m, const struct findings *fs)
{
	bool *shown = xcalloc(fs->n ? fs->n : 1, sizeof(*shown));
	bool any = false;

	print_summary(out, m, fs);
	for (size_t i = 0; i < fs->n; i++) {
		if (!finding_is_root(&fs->v[i]))
			continue;
		if (!any)
			fputs("\nRoot causes\n", out);
		any = true;
		putc('\n', out);
		print_finding(out, fs, i, 0, shown, 0);
	}
	any = false;
	for (size_t i = 0; i < fs->n; i++) {
		if (shown[i])
			continue;
		if (!any)
			fputs("\nOther findings\n", out);
		any = true;
		putc('\n', out);
		print_finding(out, fs, i, 0, shown, 0);
	}
	if (fs->nnot_checked > 0) {
		bool *done = xcalloc(fs->nnot_checked, sizeof(*done));

		fputs("\nNot checked (the bundle lacks what they need)\n\n",
		    out);
		for (size_t i = 0; i < fs->nnot_checked; i++) {
			const char *miss = fs->not_checked[i].missing;

			if (done[i])
				continue;
			fprintf(out, "  missing %s:", miss);
			for (size_t k = i; k < fs->nnot_checked; k++)
				if (!done[k] &&
				    strcmp(fs->not_checked[k].missing, miss) ==
					0) {
					fprintf(out, " %s",
					    fs->not_checked[k].rule->id);
					done[k] = true;
				}
			putc('\n', out);
		}
		free(done);
	}
	fputs("\nInventory\n\n", out);
	inventory_body(out, m);
	free(shown);
}

void
report_brief(FILE *out, const struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		fprintf(out, "%s %s ", fs->v[i].rule->id,
		    severity_name(fs->v[i].rule->severity));
		esc_fputs_report(fs->v[i].subject, out);
		putc('\n', out);
	}
}
