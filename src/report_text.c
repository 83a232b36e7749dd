/*
 * The text report, for the engineer reading a ticket:
 *
 *   HTTPS on 0.0.0.0:443 fails: the certificate served there has no ...
 *   bundle 'case-4711.zip' (archive): 7 files, as of 2026-11-18 (...)
 *   server WEB01.contoso.local, Windows Server 2016, IIS 10.0
 *   2 errors, 1 warning, 0 info
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
 *     see: sslsift explain CRT001
 *
 *   Other findings
 *   ...
 *   Baseline            (with --baseline: what it accepts, what is stale)
 *   Not checked
 *   Inventory           (report_inventory.c)
 *
 * The first line is the verdict (report_verdict()).  Each finding appears
 * once: under the first root cause that explains it, else among the other
 * findings.  Every string from the input goes through escape.h, so nothing
 * in a bundle can drive the terminal; colours are ours alone.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"
#include "xalloc.h"

#define MAX_NESTING 8

struct text_state {
	bool printed; /* some bundle's report was printed */
	size_t last;  /* the index of the last bundle printed */
};

void
tx_on(const struct report_ctx *rc, const char *sgr)
{
	if (rc->color)
		fprintf(rc->out, "\033[%sm", sgr);
}

void
tx_off(const struct report_ctx *rc)
{
	if (rc->color)
		fputs("\033[0m", rc->out);
}

const char *
tx_severity_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return COLOR_ERROR;
	case SEV_WARNING:
		return COLOR_WARNING;
	case SEV_INFO:
		break;
	}
	return COLOR_INFO;
}

void
tx_heading(const struct report_ctx *rc, const char *title)
{
	putc('\n', rc->out);
	tx_on(rc, COLOR_HEAD);
	fputs(title, rc->out);
	tx_off(rc);
	putc('\n', rc->out);
}

void
tx_indent(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		putc(' ', out);
}

void
tx_str(FILE *out, const char *s)
{
	esc_fputs_report(s, out);
}

size_t
tx_width(const char *s)
{
	struct buf b;
	size_t n;

	buf_init(&b, strlen(s) * 4 + 16);
	if (esc_text_report(&b, s) < 0)
		BUG("escape buffer too small");
	n = b.len;
	buf_release(&b);
	return n;
}

void
tx_pad(FILE *out, const char *s, size_t width)
{
	size_t n = tx_width(s);

	tx_str(out, s);
	for (; n < width; n++)
		putc(' ', out);
}

static void
print_evidence(const struct report_ctx *rc, const struct finding *f, int ind)
{
	FILE *out = rc->out;

	if (f->nevidence == 0)
		return;
	tx_indent(out, ind);
	fputs("evidence:\n", out);
	for (size_t i = 0; i < f->nevidence; i++) {
		const struct evidence *e = &f->evidence[i];

		tx_indent(out, ind + 2);
		tx_str(out, e->path);
		if (e->line > 0)
			fprintf(out, ":%lu", e->line);
		if (e->text[0] != '\0') {
			fputs(": ", out);
			tx_str(out, e->text);
		}
		putc('\n', out);
	}
	if (f->evidence_omitted > 0) {
		tx_indent(out, ind + 2);
		fprintf(out, "(%lu more not shown)\n", f->evidence_omitted);
	}
}

static void
print_head(const struct report_ctx *rc, const struct report_bundle *b,
    size_t idx, int ind)
{
	const struct finding *f = &b->fs->v[idx];
	FILE *out = rc->out;

	tx_indent(out, ind);
	tx_on(rc, tx_severity_color(f->rule->severity));
	fputs(severity_name(f->rule->severity), out);
	tx_off(rc);
	fprintf(out, " %s ", f->rule->id);
	tx_str(out, f->subject);
	fputs(": ", out);
	tx_str(out, f->rule->title);
	if (f->rule->low_confidence)
		fputs(" (low confidence)", out);
	if (b->accepted != NULL && b->accepted[idx])
		fputs(" [accepted in the baseline]", out);
	putc('\n', out);
	tx_indent(out, ind + 2);
	tx_str(out, f->message);
	putc('\n', out);
}

static void
print_finding(const struct report_ctx *rc, const struct report_bundle *b,
    size_t idx, int ind, bool *shown, int depth)
{
	const struct findings *fs = b->fs;
	const struct finding *f = &fs->v[idx];
	FILE *out = rc->out;
	bool any = false;

	shown[idx] = true;
	print_head(rc, b, idx, ind);
	print_evidence(rc, f, ind + 2);
	if (depth == 0) {
		tx_indent(out, ind + 2);
		fputs("remediation:\n", out);
		for (size_t i = 0; i < f->nremediation; i++) {
			tx_indent(out, ind + 4);
			fprintf(out, "%zu. ", i + 1);
			tx_str(out, f->remediation[i]);
			putc('\n', out);
		}
	}
	for (size_t i = 0; i < f->nexplains && depth < MAX_NESTING; i++) {
		size_t k = f->explains[i];

		if (shown[k])
			continue;
		if (!any) {
			tx_indent(out, ind + 2);
			fputs("explains:\n", out);
			any = true;
		}
		print_finding(rc, b, k, ind + 4, shown, depth + 1);
	}
	if (depth == 0) {
		tx_indent(out, ind + 2);
		tx_on(rc, COLOR_DIM);
		fprintf(out, "see: sslsift explain %s", f->rule->id);
		tx_off(rc);
		putc('\n', out);
	}
}

static void
print_verdict(const struct report_ctx *rc, const struct report_bundle *b)
{
	struct buf v;
	int sev;

	buf_init(&v, 1 << 16);
	sev = report_verdict(b->m, b->fs, &v);
	tx_on(rc, sev < 0 ? COLOR_GOOD : tx_severity_color((enum severity)sev));
	tx_str(rc->out, buf_str(&v));
	tx_off(rc);
	putc('\n', rc->out);
	buf_release(&v);
}

static void
print_summary(const struct report_ctx *rc, const struct report_bundle *b)
{
	const struct model *m = b->m;
	const struct findings *fs = b->fs;
	const struct recvec *sys = &m->recs[REC_SYSTEM];
	unsigned long n[3] = { 0, 0, 0 }, accepted = 0;
	FILE *out = rc->out;
	static const char *const as_of_words[] = {
		[AS_OF_OPTION] = "given with --as-of",
		[AS_OF_NEWEST_EVENT] = "the newest event in the bundle",
		[AS_OF_TODAY] = "today: the bundle has no dated event",
	};

	fputs("bundle '", out);
	tx_str(out, m->name);
	fprintf(out, "' (%s): %zu file%s, as of %s (%s)\n", m->source,
	    m->nartifacts, m->nartifacts == 1 ? "" : "s", fs->as_of,
	    as_of_words[fs->as_of_source]);
	if (sys->n > 0) {
		const struct system *s = sys->v[0];
		const char *sep = "";

		if (s->computer != NULL || s->os != NULL ||
		    s->iis_version != NULL)
			fputs("server ", out);
		if (s->computer != NULL) {
			tx_str(out, s->computer);
			sep = ", ";
		}
		if (s->os != NULL) {
			fputs(sep, out);
			tx_str(out, s->os);
			sep = ", ";
		}
		if (s->iis_version != NULL) {
			fprintf(out, "%sIIS ", sep);
			tx_str(out, s->iis_version);
		}
		if (s->computer != NULL || s->os != NULL ||
		    s->iis_version != NULL)
			putc('\n', out);
	}
	for (size_t i = 0; i < fs->n; i++) {
		n[fs->v[i].rule->severity]++;
		if (b->accepted != NULL && b->accepted[i])
			accepted++;
	}
	if (fs->n == 0) {
		fputs("no findings\n", out);
	} else {
		fprintf(out, "%lu error%s, %lu warning%s, %lu info",
		    n[SEV_ERROR], n[SEV_ERROR] == 1 ? "" : "s", n[SEV_WARNING],
		    n[SEV_WARNING] == 1 ? "" : "s", n[SEV_INFO]);
		if (rc->baseline)
			fprintf(out, " (%lu accepted in the baseline)",
			    accepted);
		putc('\n', out);
	}
}

static void
print_baseline(const struct report_ctx *rc, const struct report_bundle *b)
{
	FILE *out = rc->out;
	size_t accepted = 0;

	for (size_t i = 0; i < b->fs->n; i++)
		if (b->accepted[i])
			accepted++;
	tx_heading(rc, "Baseline");
	fprintf(out,
	    "\n  %zu finding%s accepted, %zu new; %zu stale entr%s%s\n",
	    accepted, accepted == 1 ? "" : "s", b->fs->n - accepted, b->nstale,
	    b->nstale == 1 ? "y" : "ies",
	    b->nstale > 0 ? " (no longer found):" : "");
	for (size_t i = 0; i < b->nstale; i++) {
		fprintf(out, "    %s ", b->stale[i]->rule);
		tx_str(out, b->stale[i]->subject);
		fprintf(out, " (line %lu)\n", b->stale[i]->line);
	}
}

static void
print_not_checked(const struct report_ctx *rc, const struct findings *fs)
{
	bool *done;
	FILE *out = rc->out;

	if (fs->nnot_checked == 0)
		return;
	done = xcalloc(fs->nnot_checked, sizeof(*done));
	tx_heading(rc, "Not checked (the bundle lacks what they need)");
	putc('\n', out);
	for (size_t i = 0; i < fs->nnot_checked; i++) {
		const char *miss = fs->not_checked[i].missing;

		if (done[i])
			continue;
		fprintf(out, "  missing %s:", miss);
		for (size_t k = i; k < fs->nnot_checked; k++)
			if (!done[k] &&
			    strcmp(fs->not_checked[k].missing, miss) == 0) {
				fprintf(out, " %s",
				    fs->not_checked[k].rule->id);
				done[k] = true;
			}
		putc('\n', out);
	}
	free(done);
}

static void
text_bundle(struct report_ctx *rc, const struct report_bundle *b)
{
	const struct findings *fs = b->fs;
	bool *shown;
	bool any = false;

	/* An input that could not be opened at all: stderr said why. */
	if (b->m->nartifacts == 0 && b->m->read_error)
		return;
	shown = xcalloc(fs->n ? fs->n : 1, sizeof(*shown));
	print_verdict(rc, b);
	print_summary(rc, b);
	for (size_t i = 0; i < fs->n; i++) {
		if (!finding_is_root(&fs->v[i]))
			continue;
		if (!any)
			tx_heading(rc, "Root causes");
		any = true;
		putc('\n', rc->out);
		print_finding(rc, b, i, 0, shown, 0);
	}
	any = false;
	for (size_t i = 0; i < fs->n; i++) {
		if (shown[i])
			continue;
		if (!any)
			tx_heading(rc, "Other findings");
		any = true;
		putc('\n', rc->out);
		print_finding(rc, b, i, 0, shown, 0);
	}
	if (rc->baseline)
		print_baseline(rc, b);
	print_not_checked(rc, fs);
	report_text_inventory(rc, b->m);
	free(shown);
}

static void
text_begin(struct report_ctx *rc)
{
	rc->state = xcalloc(1, sizeof(struct text_state));
}

/* Bundles are separated by a blank line. */
static void
text_collect(struct report_ctx *rc, size_t index, const char *p, size_t n)
{
	struct text_state *st = rc->state;

	if (n == 0)
		return;
	if (st->printed && st->last != index)
		putc('\n', rc->out);
	st->printed = true;
	st->last = index;
	(void)fwrite(p, 1, n, rc->out);
}

static void
text_failed(struct report_ctx *rc, size_t index, const char *name,
    const char *why)
{
	text_collect(rc, index, "bundle '", 8);
	tx_str(rc->out, name);
	fputs("': not analysed: ", rc->out);
	tx_on(rc, COLOR_ERROR);
	tx_str(rc->out, why);
	tx_off(rc);
	putc('\n', rc->out);
}

static void
text_end(struct report_ctx *rc)
{
	free(rc->state);
	rc->state = NULL;
}

const struct reporter report_text_def = {
	"text",
	true,
	false,
	text_begin,
	text_bundle,
	text_collect,
	text_failed,
	text_end,
};
