/*
 * The end of the text report: what the bundle holds, whether or not a rule
 * fired.
 *
 *   Sites and bindings      each binding; for https, the http.sys entry that
 *                           serves it, its certificate and its listener (the
 *                           effective_binding records of combine_binding.c)
 *   Protocols               the matrix Server/Client x SSL 2.0..TLS 1.3, each
 *                           cell with where its state comes from
 *   Events                  kept events by provider, id and error code, with
 *                           their count, first and last time; the others by
 *                           provider and id
 *   Files                   every file: kind, encoding, newlines, status,
 *                           size, path; then every diagnostic
 */
#include "compat.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "xalloc.h"

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* "2026-11-18T08:14:02.5312447Z" as "2026-11-18 08:14:02"; else as is. */
static void
print_time(FILE *out, const char *t, int width)
{
	if (t != NULL && strlen(t) >= 19 && t[4] == '-' && t[10] == 'T' &&
	    t[13] == ':') {
		char s[20];

		memcpy(s, t, 19);
		s[10] = ' ';
		s[19] = '\0';
		fprintf(out, "%-*s", width, s);
	} else {
		tx_pad(out, or_dash(t), (size_t)width);
	}
}

/* --- sites and bindings */

static int
cmp_effective(const void *x, const void *y)
{
	uintptr_t a =
	    (uintptr_t)(*(const struct effbinding *const *)x)->binding;
	uintptr_t b =
	    (uintptr_t)(*(const struct effbinding *const *)y)->binding;

	return (a > b) - (a < b);
}

/* The effective bindings, by their binding; the caller frees it. */
static const struct effbinding **
effective_index(const struct model *m)
{
	const struct recvec *v = &m->recs[REC_EFFBINDING];
	const struct effbinding **ix =
	    xcalloc(v->n + 1, sizeof(const struct effbinding *));

	for (size_t i = 0; i < v->n; i++)
		ix[i] = v->v[i];
	qsort(ix, v->n, sizeof(const struct effbinding *), cmp_effective);
	return ix;
}

static const struct effbinding *
effective(const struct model *m, const struct effbinding **ix,
    const struct binding *b)
{
	size_t lo = 0, hi = m->recs[REC_EFFBINDING].n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)ix[mid]->binding < (uintptr_t)b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->recs[REC_EFFBINDING].n && ix[lo]->binding == b ? ix[lo] :
									NULL;
}

/* How http.sys picked the entry (combine_binding.c), in words. */
static const char *
via_words(const char *via)
{
	static const char *const words[][2] = {
		{ "ip", "its IP:port entry" },
		{ "sni", "its SNI entry" },
		{ "ccs", "the central certificate store entry" },
		{ "ipv6_wildcard", "the IPv6 wildcard entry" },
		{ "ipv4_wildcard", "the IPv4 wildcard entry" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(via, words[i][0]) == 0)
			return words[i][1];
	return "?";
}

static void
print_httpsys(FILE *out, const struct effbinding *e)
{
	fputs("      http.sys     ", out);
	if (e->entry_found == BOOL_NONE) {
		fputs("not known: the bundle has no netsh http show sslcert\n",
		    out);
		return;
	}
	if (e->served_by == NULL) {
		fputs("no entry serves it (", out);
		tx_str(out, or_dash(e->endpoint));
		fputs(" is missing)\n", out);
		return;
	}
	tx_str(out, e->served_by);
	if (e->served_via != NULL)
		fprintf(out, " (%s)", via_words(e->served_via));
	if (e->entry_found == 0) {
		fputs("; its own entry ", out);
		tx_str(out, or_dash(e->endpoint));
		fputs(" is missing", out);
	} else if (e->fallback == 1) {
		fputs("; not its own entry ", out);
		tx_str(out, or_dash(e->endpoint));
	}
	putc('\n', out);
}

static void
print_cert(FILE *out, const struct effbinding *e)
{
	const struct cert *c = e->cert;
	const char *hash = e->served != NULL ? e->served->cert_hash : NULL;

	if (e->served_by == NULL)
		return;
	fputs("      certificate  ", out);
	if (c == NULL) {
		tx_str(out, or_dash(hash));
		if (e->in_store == 0)
			fputs(": not in the certificate store\n", out);
		else
			fputs(": not known, the bundle has no certutil "
			      "output of its store\n",
			    out);
		return;
	}
	tx_str(out, or_dash(c->thumbprint));
	if (c->subject != NULL) {
		fputs(" ", out);
		tx_str(out, c->subject);
	}
	fputs("\n                   ", out);
	if (c->not_before_raw != NULL || c->not_after_raw != NULL) {
		fputs("valid ", out);
		tx_str(out, or_dash(c->not_before_raw));
		fputs(" to ", out);
		tx_str(out, or_dash(c->not_after_raw));
		fputs(", ", out);
	}
	fputs("private key: ", out);
	tx_str(out, or_dash(c->key_state));
	putc('\n', out);
}

static void
print_listener(FILE *out, const struct effbinding *e)
{
	const struct sock *s = e->listener;

	fputs("      listener     ", out);
	if (e->listeners == INT_NONE) {
		fputs("not known: the bundle has no netstat output\n", out);
		return;
	}
	if (e->listeners == 0 || s == NULL) {
		fprintf(out, "nothing listens on port %lld\n", e->port);
		return;
	}
	if (s->pid != INT_NONE)
		fprintf(out, "PID %lld", s->pid);
	else
		fputs("a process", out);
	if (s->process != NULL) {
		fputs(" (", out);
		tx_str(out, s->process);
		putc(')', out);
	} else if (s->pid == 4) {
		fputs(" (System: http.sys)", out);
	}
	fputs(" on ", out);
	tx_str(out, or_dash(s->local_address));
	fprintf(out, ":%lld", s->local_port);
	if (e->listeners > 1)
		fprintf(out, ", %lld sockets in all", e->listeners);
	putc('\n', out);
}

static void
print_bindings(const struct report_ctx *rc, const struct model *m)
{
	const struct recvec *v = &m->recs[REC_BINDING];
	const struct binding *prev = NULL;
	const struct effbinding **ix;
	FILE *out = rc->out;

	if (v->n == 0)
		return;
	tx_heading(rc, "Sites and bindings");
	putc('\n', out);
	ix = effective_index(m);
	for (size_t i = 0; i < v->n; i++) {
		const struct binding *b = v->v[i];
		const struct effbinding *e;

		if (prev == NULL || prev->site_id != b->site_id ||
		    (prev->site_name == NULL) != (b->site_name == NULL) ||
		    (b->site_name != NULL &&
			strcmp(prev->site_name, b->site_name) != 0)) {
			fputs("  ", out);
			if (b->site_name == NULL) {
				fputs("(site defaults)", out);
			} else {
				fputs("site '", out);
				tx_str(out, b->site_name);
				putc('\'', out);
				if (b->site_id != INT_NONE)
					fprintf(out, " (id %lld)", b->site_id);
			}
			putc('\n', out);
		}
		prev = b;
		fputs("    ", out);
		tx_pad(out, or_dash(b->protocol), 5);
		putc(' ', out);
		tx_str(out, or_dash(b->information));
		if (b->sni == 1)
			fputs(" SNI", out);
		if (b->ccs == 1)
			fputs(" CCS", out);
		putc('\n', out);
		if ((e = effective(m, ix, b)) == NULL)
			continue;
		print_httpsys(out, e);
		print_cert(out, e);
		print_listener(out, e);
	}
	free(ix);
}

/* --- protocols */

static const char *const proto_names[] = {
	"SSL 2.0",
	"SSL 3.0",
	"TLS 1.0",
	"TLS 1.1",
	"TLS 1.2",
	"TLS 1.3",
};

static const struct protocol *
find_protocol(const struct model *m, const char *name, const char *side)
{
	const struct recvec *v = &m->recs[REC_PROTOCOL];

	for (size_t i = 0; i < v->n; i++) {
		const struct protocol *p = v->v[i];

		if (p->protocol != NULL && p->side != NULL &&
		    strcmp(p->protocol, name) == 0 &&
		    strcmp(p->side, side) == 0)
			return p;
	}
	return NULL;
}

/* A cell: "on reg", "off os", "off* reg", "n/a", "?". */
static void
cell(char *s, size_t n, const struct protocol *p)
{
	const char *st = "?", *src = "";

	if (p != NULL && p->state != NULL) {
		if (strcmp(p->state, "enabled") == 0)
			st = "on";
		else if (strcmp(p->state, "disabled") == 0)
			st = "off";
		else if (strcmp(p->state, "disabled_by_default") == 0)
			st = "off*";
		else if (strcmp(p->state, "not_supported") == 0)
			st = "n/a";
	}
	if (p != NULL && p->source != NULL && strcmp(st, "?") != 0) {
		if (strcmp(p->source, "registry") == 0)
			src = " reg";
		else if (strcmp(p->source, "os_default") == 0)
			src = " os";
	}
	snprintf(s, n, "%s%s", st, src);
}

static void
print_protocols(const struct report_ctx *rc, const struct model *m)
{
	static const char *const sides[] = { "server", "client" };
	const struct recvec *sys = &m->recs[REC_SYSTEM];
	const struct system *s = sys->n > 0 ? sys->v[0] : NULL;
	FILE *out = rc->out;
	bool known = false;

	for (size_t i = 0; i < m->recs[REC_PROTOCOL].n; i++) {
		const struct protocol *p = m->recs[REC_PROTOCOL].v[i];

		if (p->state != NULL && strcmp(p->state, "unknown") != 0)
			known = true;
	}
	tx_heading(rc, "Protocols (Schannel)");
	putc('\n', out);
	if (!known) {
		fputs("  not known: the bundle has neither a reg export of the "
		      "SCHANNEL key nor the Windows version\n",
		    out);
		return;
	}
	fputs("        ", out);
	for (size_t k = 0; k < ARRAY_SIZE(proto_names); k++)
		fprintf(out, "  %s%s", proto_names[k],
		    k + 1 < ARRAY_SIZE(proto_names) ? " " : "");
	putc('\n', out);
	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		fprintf(out, "  %-6s", sides[i]);
		for (size_t k = 0; k < ARRAY_SIZE(proto_names); k++) {
			char c[16];

			cell(c, sizeof(c),
			    find_protocol(m, proto_names[k], sides[i]));
			fprintf(out,
			    k + 1 < ARRAY_SIZE(proto_names) ? "  %-8s" : "  %s",
			    c);
		}
		putc('\n', out);
	}
	fputs("  reg: set in the registry; os: the default of ", out);
	if (s != NULL && s->os != NULL)
		tx_str(out, s->os);
	else
		fputs("the Windows version", out);
	fputs(";\n  off*: disabled by default (used only when a program "
	      "asks for it);\n  n/a: not supported by this Windows; ?: "
	      "unknown (no registry value,\n  and the Windows version is "
	      "not known)\n",
	    out);
}

/* --- events */

struct evgroup {
	const char *provider;
	long long id;
	const char *code;
	unsigned long long count;
	const char *first;
	const char *last;
};

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

static int
cmp_group(const void *x, const void *y)
{
	const struct evgroup *a = x, *b = y;
	int c;

	if ((c = cmp_str(a->provider, b->provider)) != 0)
		return c;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return cmp_str(a->code, b->code);
}

/* Sort the groups and sum up the equal ones; the number left. */
static size_t
merge_groups(struct evgroup *g, size_t n)
{
	size_t w = 0;

	if (n > 1)
		qsort(g, n, sizeof(*g), cmp_group);
	for (size_t i = 0; i < n; i++) {
		struct evgroup *x = w > 0 ? &g[w - 1] : NULL;

		if (x == NULL || cmp_group(x, &g[i]) != 0) {
			g[w++] = g[i];
			continue;
		}
		x->count += g[i].count;
		if (g[i].first != NULL &&
		    (x->first == NULL || strcmp(g[i].first, x->first) < 0))
			x->first = g[i].first;
		if (g[i].last != NULL &&
		    (x->last == NULL || strcmp(g[i].last, x->last) > 0))
			x->last = g[i].last;
	}
	return w;
}

/* Kept events by (provider, id, error code); the caller frees *out. */
static size_t
group_events(const struct model *m, struct evgroup **out)
{
	const struct recvec *v = &m->recs[REC_EVENT];
	struct evgroup *g = xcalloc(v->n + 1, sizeof(*g));

	for (size_t i = 0; i < v->n; i++) {
		const struct event *e = v->v[i];

		g[i].provider = e->provider;
		g[i].id = e->event_id;
		g[i].code = e->error_code;
		g[i].count =
		    e->occurrences > 0 ? (unsigned long long)e->occurrences : 1;
		g[i].first = e->time_first != NULL ? e->time_first : e->time;
		g[i].last = e->time_last != NULL ? e->time_last : e->time;
	}
	*out = g;
	return merge_groups(g, v->n);
}

/* Events read but not kept, summed over the artifacts. */
static size_t
group_tallies(const struct model *m, struct evgroup **out)
{
	struct evgroup *g = NULL;
	size_t n = 0, alloc = 0;

	for (size_t i = 0; i < m->nartifacts; i++) {
		const struct artifact *a = m->artifacts[i];

		for (size_t t = 0; t < a->ntally; t++) {
			xgrow((void **)&g, &alloc, n + 1, sizeof(*g));
			memset(&g[n], 0, sizeof(*g));
			g[n].provider = a->tally[t].provider;
			g[n].id = a->tally[t].id;
			g[n].count = a->tally[t].count;
			n++;
		}
	}
	*out = g;
	return merge_groups(g, n);
}

static void
print_id(FILE *out, long long id)
{
	if (id == INT_NONE)
		fprintf(out, "%6s", "-");
	else
		fprintf(out, "%6lld", id);
}

static void
print_events(const struct report_ctx *rc, const struct model *m)
{
	struct evgroup *g, *t;
	size_t n = group_events(m, &g), nt = group_tallies(m, &t);
	size_t w = 8;
	FILE *out = rc->out;

	if (n == 0 && nt == 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (tx_width(or_dash(g[i].provider)) > w)
			w = tx_width(or_dash(g[i].provider));
	for (size_t i = 0; i < nt; i++)
		if (tx_width(or_dash(t[i].provider)) > w)
			w = tx_width(or_dash(t[i].provider));
	if (w > 40)
		w = 40;
	tx_heading(rc, "Events");
	putc('\n', out);
	if (n > 0) {
		fprintf(out, "  %-*s %6s  %-10s %7s  %-19s  %s\n", (int)w,
		    "PROVIDER", "ID", "ERROR", "COUNT", "FIRST (UTC)",
		    "LAST (UTC)");
		for (size_t i = 0; i < n; i++) {
			fputs("  ", out);
			tx_pad(out, or_dash(g[i].provider), w);
			putc(' ', out);
			print_id(out, g[i].id);
			fputs("  ", out);
			tx_pad(out, or_dash(g[i].code), 10);
			fprintf(out, " %7llu  ", g[i].count);
			print_time(out, g[i].first, 19);
			fputs("  ", out);
			print_time(out, g[i].last, 0);
			putc('\n', out);
		}
	}
	if (nt > 0) {
		fprintf(out, "%s  read but not kept (no rule needs them):\n",
		    n > 0 ? "\n" : "");
		for (size_t i = 0; i < nt; i++) {
			fputs("  ", out);
			tx_pad(out, or_dash(t[i].provider), w);
			putc(' ', out);
			print_id(out, t[i].id);
			fprintf(out, "  %-10s %7llu\n", "", t[i].count);
		}
	}
out:
	free(g);
	free(t);
}

/* --- files */

static void
print_diags(FILE *out, const char *path, const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		fputs("  ", out);
		tx_str(out, path);
		if (dl->v[i].line > 0)
			fprintf(out, ":%lu", dl->v[i].line);
		fprintf(out, ": %s: ", diag_level_name(dl->v[i].level));
		tx_str(out, dl->v[i].msg);
		putc('\n', out);
	}
	for (int l = DIAG_NOTE; l <= DIAG_ERROR; l++)
		if (dl->dropped[l] > 0) {
			fputs("  ", out);
			tx_str(out, path);
			fprintf(out, ": %s: %lu more not shown\n",
			    diag_level_name(l), dl->dropped[l]);
		}
}

static void
print_files(const struct report_ctx *rc, const struct model *m)
{
	size_t ndiag = m->diags.n;
	FILE *out = rc->out;

	tx_heading(rc, "Files");
	putc('\n', out);
	if (m->nartifacts > 0)
		fprintf(out, "  %-9s %-13s %-7s %-8s %10s  %s\n", "KIND",
		    "ENCODING", "NEWLINE", "STATUS", "SIZE", "PATH");
	for (size_t i = 0; i < m->nartifacts; i++) {
		const struct artifact *a = m->artifacts[i];

		fprintf(out, "  %-9s %-13s %-7s %-8s %10llu  ",
		    artifact_kind_name(a->kind), a->encoding,
		    a->newline != NULL ? a->newline : "-",
		    parse_status_name(a->status), a->size);
		tx_str(out, a->path);
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
report_text_inventory(const struct report_ctx *rc, const struct model *m)
{
	tx_heading(rc, "Inventory");
	print_bindings(rc, m);
	print_protocols(rc, m);
	print_events(rc, m);
	print_files(rc, m);
}
