/*
 * Evaluating rules over a model: records -> findings.
 *
 * For each rule (in id order) whose required artifacts are present, every
 * record of the selected type is tested; matches are grouped by the
 * rendered subject into one finding per (rule, subject), which counts its
 * records, keeps the first and last `time` of those that have one, and
 * collects evidence: the record's own line, the lines of the records it
 * references (the rule's "evidence" fields plus every reference field its
 * condition and templates read), and for artifact records the artifact's
 * diagnostics.  Evidence is capped per artifact (EVIDENCE_PER_PATH) so that
 * a million matching events cost a count, not a million lines; every
 * artifact that supports a finding still appears.
 *
 * Then findings are sorted (severity, rule id, subject) and linked: a
 * finding explains those of the rules its rule names in "explains" whose
 * subject is among the ones the explains entry renders from its records.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "combine.h"
#include "rule_int.h"
#include "xalloc.h"

#define EVIDENCE_PER_PATH 5
#define EVIDENCE_TEXT_MAX 300

const char *
as_of_source_name(enum as_of_source s)
{
	switch (s) {
	case AS_OF_OPTION:
		return "option";
	case AS_OF_NEWEST_EVENT:
		return "newest event";
	case AS_OF_TODAY:
		return "today";
	}
	BUG("bad as-of source %d", (int)s);
}

bool
finding_is_root(const struct finding *f)
{
	return f->nexplains > 0 && f->nexplained_by == 0;
}

/* A finding being built. */
struct fb {
	const struct rule *rule;
	char *subject;
	const void *first;
	const void **recs; /* every matched record, for "explains" */
	size_t nrecs;
	size_t recs_alloc;
	unsigned long count; /* records, or the occurrences they stand for */
	const char *first_time;
	const char *last_time;
	struct evidence *ev;
	size_t nev;
	size_t ev_alloc;
	unsigned long omitted;
};

struct evalctx {
	const struct ruleset *rs;
	struct model *m;
	struct findings *out;
	struct eval_env env;
	struct fb *fb;
	size_t nfb;
	size_t fb_alloc;
	/* subject -> index into fb, for the rule being evaluated */
	size_t *slots;
	size_t nslots;
	size_t nused;
	struct buf tmp;
};

static unsigned long
hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void
slots_reset(struct evalctx *c)
{
	free(c->slots);
	c->nslots = 64;
	c->nused = 0;
	c->slots = xcalloc(c->nslots, sizeof(*c->slots));
}

static void
slots_insert(struct evalctx *c, size_t idx)
{
	size_t s = hash_str(c->fb[idx].subject) & (c->nslots - 1);

	while (c->slots[s] != 0)
		s = (s + 1) & (c->nslots - 1);
	c->slots[s] = idx + 1;
	c->nused++;
}

/* The finding of the current rule with this subject, made if new. */
static struct fb *
fb_get(struct evalctx *c, const struct rule *r, const char *subject)
{
	size_t s = hash_str(subject) & (c->nslots - 1);

	while (c->slots[s] != 0) {
		struct fb *f = &c->fb[c->slots[s] - 1];

		if (strcmp(f->subject, subject) == 0)
			return f;
		s = (s + 1) & (c->nslots - 1);
	}
	xgrow((void **)&c->fb, &c->fb_alloc, c->nfb + 1, sizeof(*c->fb));
	memset(&c->fb[c->nfb], 0, sizeof(c->fb[0]));
	c->fb[c->nfb].rule = r;
	c->fb[c->nfb].subject = xstrdup(subject);
	c->nfb++;
	if ((c->nused + 1) * 2 > c->nslots) {
		size_t first = c->nfb - 1;

		free(c->slots);
		c->nslots *= 2;
		c->slots = xcalloc(c->nslots, sizeof(*c->slots));
		c->nused = 0;
		/* Only the current rule's findings live in the table. */
		while (first > 0 && c->fb[first - 1].rule == r)
			first--;
		for (size_t i = first; i < c->nfb; i++)
			slots_insert(c, i);
	} else {
		slots_insert(c, c->nfb - 1);
	}
	return &c->fb[c->nfb - 1];
}

static const struct artifact *
artifact_of(const struct model *m, const struct rec *r)
{
	if (r->artifact != NULL)
		return r->artifact;
	for (size_t i = 0; i < m->nartifacts; i++)
		if (m->artifacts[i]->path == r->pos.path ||
		    (r->pos.path != NULL &&
			strcmp(m->artifacts[i]->path, r->pos.path) == 0))
			return m->artifacts[i];
	return NULL;
}

/*
 * Time and count fields of a record type, looked up by name: a record with
 * "occurrences" stands for that many identical events (the event builder
 * folds them), seen between "time_first" and "time_last".
 */
struct timing {
	const struct field *time, *first, *last, *occurrences;
};

static void
timing_of(enum rec_type t, struct timing *tm)
{
	const struct rectype *rt = rectype_get(t);

	tm->time = rectype_field(rt, "time");
	tm->first = rectype_field(rt, "time_first");
	tm->last = rectype_field(rt, "time_last");
	tm->occurrences = rectype_field(rt, "occurrences");
	if (tm->time != NULL && tm->time->type != FT_STR)
		tm->time = NULL;
	if (tm->first != NULL && tm->first->type != FT_STR)
		tm->first = NULL;
	if (tm->last != NULL && tm->last->type != FT_STR)
		tm->last = NULL;
	if (tm->occurrences != NULL && tm->occurrences->type != FT_INT)
		tm->occurrences = NULL;
}

/* A string field's value, or NULL. */
static const char *
str_of(const struct field *f, const void *rec)
{
	return f != NULL ? field_str(f, rec) : NULL;
}

/* Trimmed, at most EVIDENCE_TEXT_MAX bytes, cut on a UTF-8 boundary. */
static const char *
clip(struct findings *out, const char *s, size_t n)
{
	bool cut = false;
	char *p;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > EVIDENCE_TEXT_MAX) {
		n = EVIDENCE_TEXT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	p = arena_alloc(&out->arena, n + 4);
	memcpy(p, s, n);
	memcpy(p + n, cut ? "..." : "", cut ? 4 : 1);
	return p;
}

/*
 * "2026-11-18T08:14:02.5312447Z Schannel 36870: Type=server, ...".  An
 * event of an .evtx log has no line: its place is its record id, given
 * first ("record 4711: 2026-11-18T...").
 */
static const char *
event_text(struct evalctx *c, const struct event *e)
{
	struct buf *b = &c->tmp;

	buf_reset(b);
	if (e->r.pos.line == 0 && e->record_id != INT_NONE)
		rbuf_addf(b, "record %lld: ", e->record_id);
	rbuf_addf(b, "%s %s", e->time != NULL ? e->time : "-",
	    e->provider != NULL ? e->provider : "-");
	if (e->event_id != INT_NONE)
		rbuf_addf(b, " %lld", e->event_id);
	for (size_t i = 0; i < e->data.n; i++)
		rbuf_addf(b, "%s%s%s%s", i == 0 ? ": " : ", ",
		    e->data.v[i].name != NULL ? e->data.v[i].name : "",
		    e->data.v[i].name != NULL ? "=" : "",
		    e->data.v[i].value != NULL ? e->data.v[i].value : "");
	{
		struct timing tm;

		timing_of(REC_EVENT, &tm);
		if (tm.occurrences != NULL && field_int(tm.occurrences, e) > 1)
			rbuf_addf(b, " (%lld times, last %s)",
			    field_int(tm.occurrences, e),
			    str_of(tm.last, e) != NULL ? str_of(tm.last, e) :
							 "-");
	}
	return clip(c->out, buf_str(b), b->len);
}

static void
add_evidence(struct evalctx *c, struct fb *f, const char *path,
    unsigned long line, const char *text)
{
	size_t same = 0;

	for (size_t i = 0; i < f->nev; i++) {
		if (strcmp(f->ev[i].path, path) != 0)
			continue;
		/* without a line (binary logs), the text tells them apart */
		if (line > 0 ?
			f->ev[i].line == line :
			strcmp(f->ev[i].text, text != NULL ? text : "") == 0)
			return;
		same++;
	}
	if (same >= EVIDENCE_PER_PATH) {
		f->omitted++;
		return;
	}
	xgrow((void **)&f->ev, &f->ev_alloc, f->nev + 1, sizeof(*f->ev));
	f->ev[f->nev].path = arena_strdup(&c->out->arena, path);
	f->ev[f->nev].line = line;
	f->ev[f->nev].text = text != NULL ? text : "";
	f->nev++;
}

/*
 * A certificate's own line is its "Certificate N" banner; the lines that
 * make the case are further down its block: the hash line that matches the
 * http.sys entry, and what certutil said about the key.  They are found in
 * the kept text, up to the next banner, by certutil's English wording
 * (the key lines only for rules that read a key state); other languages
 * quote the banner alone.
 */
static void
cert_lines(struct evalctx *c, struct fb *f, const struct cert *ct,
    const struct artifact *a)
{
	bool keys = f->rule->key_lines;
	static const char *const key_words[] = {
		"Missing stored keyset",
		"No key provider information",
		"test FAILED",
		"Cannot find the certificate and private key",
		"missing key association property",
	};
	const char *s;
	size_t n;

	for (unsigned long no = ct->r.pos.line + 1;
	     no < ct->r.pos.line + 400 && artifact_line(a, no, &s, &n); no++) {
		char line[512];
		size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
		bool hit = false;

		if (n >= 16 && strncmp(s, "================", 16) == 0)
			break;
		memcpy(line, s, k);
		line[k] = '\0';
		if (strncmp(line, "Cert Hash(sha1):", 16) == 0)
			hit = true;
		for (size_t i = 0; keys && !hit && i < ARRAY_SIZE(key_words);
		     i++)
			hit = strstr(line, key_words[i]) != NULL;
		if (hit)
			add_evidence(c, f, a->path, no, clip(c->out, s, n));
	}
}

/*
 * An http.sys entry's own line is its "IP:port" line; the hash line below
 * it, found by the hash itself (so in any language), shows which
 * certificate it names.
 */
static void
sslcert_lines(struct evalctx *c, struct fb *f, const struct sslcert *e,
    const struct artifact *a)
{
	const char *s;
	size_t n, k;

	if (e->cert_hash == NULL || (k = strlen(e->cert_hash)) < 8)
		return;
	for (unsigned long no = e->r.pos.line + 1;
	     no < e->r.pos.line + 40 && artifact_line(a, no, &s, &n); no++) {
		if (n == 0)
			break;
		for (size_t i = 0; i + k <= n; i++)
			if (strncasecmp(s + i, e->cert_hash, k) == 0) {
				add_evidence(c, f, a->path, no,
				    clip(c->out, s, n));
				return;
			}
	}
}

/* Evidence for one record whose type is known (t) or not (REC__COUNT). */
static void
rec_evidence(struct evalctx *c, struct fb *f, const struct rec *r,
    enum rec_type t)
{
	const struct artifact *a;
	const char *s;
	size_t n;
	bool seen = false;

	if (t == REC_ARTIFACT) {
		const struct artifact *art = r->artifact;

		for (size_t i = 0; art != NULL && i < art->diags.n; i++) {
			const struct diag *d = &art->diags.v[i];

			if (d->level < DIAG_WARNING)
				continue;
			buf_reset(&c->tmp);
			rbuf_addf(&c->tmp, "%s: %s", diag_level_name(d->level),
			    d->msg);
			add_evidence(c, f, art->path, d->line,
			    clip(c->out, buf_str(&c->tmp), c->tmp.len));
		}
		return;
	}
	if (r->pos.path == NULL)
		return;
	a = artifact_of(c->m, r);
	/* A line already quoted is not rendered again (add_evidence()
	 * tells events without a line apart by their text). */
	for (size_t i = 0; i < f->nev && !seen && r->pos.line > 0; i++)
		seen = f->ev[i].line == r->pos.line &&
		    strcmp(f->ev[i].path, a != NULL ? a->path : r->pos.path) ==
			0;
	if (!seen && t == REC_EVENT)
		add_evidence(c, f, r->pos.path, r->pos.line,
		    event_text(c, (const struct event *)r));
	else if (!seen && a != NULL && artifact_line(a, r->pos.line, &s, &n))
		add_evidence(c, f, a->path, r->pos.line, clip(c->out, s, n));
	else if (!seen)
		add_evidence(c, f, a != NULL ? a->path : r->pos.path,
		    r->pos.line, NULL);
	if (t == REC_CERT && a != NULL)
		cert_lines(c, f, (const struct cert *)r, a);
	if (t == REC_SSLCERT && a != NULL)
		sslcert_lines(c, f, (const struct sslcert *)r, a);
}

static void
match(struct evalctx *c, const struct rule *r, const void *rec)
{
	struct timing tm;
	const char *t1, *t2;
	struct fb *f;

	buf_reset(&c->tmp);
	tmpl_render(r->subject, rec, &c->env, &c->tmp);
	f = fb_get(c, r, buf_str(&c->tmp));
	if (f->first == NULL)
		f->first = rec;
	xgrow((void **)&f->recs, &f->recs_alloc, f->nrecs + 1,
	    sizeof(*f->recs));
	f->recs[f->nrecs++] = rec;
	timing_of(r->select, &tm);
	if (tm.occurrences != NULL && field_int(tm.occurrences, rec) > 0)
		f->count += (unsigned long)field_int(tm.occurrences, rec);
	else
		f->count++;
	t1 = str_of(tm.first, rec) != NULL ? str_of(tm.first, rec) :
					     str_of(tm.time, rec);
	t2 = str_of(tm.last, rec) != NULL ? str_of(tm.last, rec) :
					    str_of(tm.time, rec);
	if (t1 != NULL &&
	    (f->first_time == NULL || strcmp(t1, f->first_time) < 0))
		f->first_time = t1;
	if (t2 != NULL &&
	    (f->last_time == NULL || strcmp(t2, f->last_time) > 0))
		f->last_time = t2;
	rec_evidence(c, f, rec, r->select);
	for (size_t i = 0; i < r->nevidence; i++) {
		const struct field *ef = r->evidence[i];

		if (ef->type == FT_REF) {
			const struct rec *t = field_ref(ef, rec);

			if (t != NULL)
				rec_evidence(c, f, t, ef->ref);
		} else {
			const struct reflist *l = field_refs(ef, rec);

			for (size_t k = 0; k < l->n; k++)
				rec_evidence(c, f, l->v[k], REC__COUNT);
		}
	}
}

static bool
have_kind(const struct model *m, enum artifact_kind k)
{
	if (combine_have(m, k))
		return true;
	if (k == KIND_EVENTS)
		return combine_have(m, KIND_EVTX);
	if (k == KIND_EVTX)
		return combine_have(m, KIND_EVENTS);
	return false;
}

/* true when the rule can run; else a not-checked entry is recorded. */
static bool
requirements(struct evalctx *c, const struct rule *r)
{
	struct buf *b = &c->tmp;
	struct findings *out = c->out;

	buf_reset(b);
	for (size_t i = 0; i < r->nrequires; i++) {
		if (have_kind(c->m, r->requires[i]))
			continue;
		rbuf_addf(b, "%s%s", b->len > 0 ? ", " : "",
		    artifact_kind_name(r->requires[i]));
	}
	if (b->len == 0)
		return true;
	out->not_checked = xreallocarray(out->not_checked,
	    out->nnot_checked + 1, sizeof(*out->not_checked));
	out->not_checked[out->nnot_checked].rule = r;
	out->not_checked[out->nnot_checked].missing =
	    arena_strdup(&out->arena, buf_str(b));
	out->nnot_checked++;
	return false;
}

static void
choose_as_of(struct evalctx *c, const struct eval_opts *o)
{
	const struct recvec *ev = &c->m->recs[REC_EVENT];
	const char *newest = NULL;
	struct findings *out = c->out;

	if (o != NULL && o->as_of != NULL && rule_valid_date(o->as_of)) {
		memcpy(out->as_of, o->as_of, 11);
		out->as_of_source = AS_OF_OPTION;
		return;
	}
	struct timing tim;

	timing_of(REC_EVENT, &tim);
	for (size_t i = 0; i < ev->n; i++) {
		const struct event *e = ev->v[i];
		const char *t =
		    str_of(tim.last, e) != NULL ? str_of(tim.last, e) : e->time;
		char d[11];

		if (t == NULL || strlen(t) < 10 || !date_add_days(t, 0, d))
			continue;
		if (newest == NULL || strcmp(t, newest) > 0)
			newest = t;
	}
	if (newest != NULL) {
		memcpy(out->as_of, newest, 10);
		out->as_of[10] = '\0';
		out->as_of_source = AS_OF_NEWEST_EVENT;
	} else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(out->as_of, sizeof(out->as_of), "%Y-%m-%d", &tm);
		out->as_of_source = AS_OF_TODAY;
	}
}

static int
cmp_fb(const void *x, const void *y)
{
	const struct fb *a = x, *b = y;
	int c;

	if (a->rule->severity != b->rule->severity)
		return a->rule->severity > b->rule->severity ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	return strcmp(a->subject, b->subject);
}

static int
cmp_ev(const void *x, const void *y)
{
	const struct evidence *a = x, *b = y;
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool
has_index(const size_t *v, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] == i)
			return true;
	return false;
}

static void
add_edge(struct findings *out, size_t from, size_t to)
{
	struct finding *a = &out->v[from], *b = &out->v[to];

	if (from == to || has_index(a->explains, a->nexplains, to))
		return;
	a->explains =
	    xreallocarray(a->explains, a->nexplains + 1, sizeof(*a->explains));
	a->explains[a->nexplains++] = to;
	b->explained_by = xreallocarray(b->explained_by, b->nexplained_by + 1,
	    sizeof(*b->explained_by));
	b->explained_by[b->nexplained_by++] = from;
}

/* Subjects an explains entry renders from a finding's records. */
static void
explain_subjects(struct evalctx *c, const struct fb *f,
    const struct rule_explain *x, char ***v, size_t *n, size_t *alloc)
{
	const struct fpath *lp = tmpl_single_list(x->subject);

	for (size_t i = 0; i < f->nrecs; i++) {
		const void *rec = f->recs[i];

		if (lp != NULL) {
			const void *t = fpath_target(lp, rec);
			const struct strlist *l;

			if (t == NULL)
				continue;
			l = field_list(lp->f[lp->n - 1], t);
			for (size_t k = 0; k < l->n; k++) {
				xgrow((void **)v, alloc, *n + 1, sizeof(**v));
				(*v)[(*n)++] = xstrdup(l->v[k]);
			}
			continue;
		}
		buf_reset(&c->tmp);
		tmpl_render(x->subject, rec, &c->env, &c->tmp);
		xgrow((void **)v, alloc, *n + 1, sizeof(**v));
		(*v)[(*n)++] = xstrdup(buf_str(&c->tmp));
	}
}

/*
 * The runs of findings of one rule: out->v is sorted by severity, rule and
 * subject, so each rule's findings are one run, sorted by subject.
 */
struct rule_run {
	const char *id;
	size_t lo, hi;
};

static struct rule_run *
rule_runs(const struct findings *out, size_t *n)
{
	struct rule_run *v = xcalloc(out->n + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (*n > 0 && strcmp(v[*n - 1].id, out->v[i].rule->id) == 0) {
			v[*n - 1].hi = i + 1;
			continue;
		}
		v[*n].id = out->v[i].rule->id;
		v[*n].lo = i;
		v[(*n)++].hi = i + 1;
	}
	return v;
}

/* Rules are few: a scan of the runs. */
static void
rule_run(const struct rule_run *v, size_t n, const char *id, size_t *lo,
    size_t *hi)
{
	*lo = *hi = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0) {
			*lo = v[i].lo;
			*hi = v[i].hi;
			return;
		}
}

/* The finding in out->v[lo..hi) with this subject, or hi. */
static size_t
find_subject(const struct findings *out, size_t lo, size_t hi,
    const char *subject)
{
	size_t end = hi;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(out->v[mid].subject, subject) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < end && strcmp(out->v[lo].subject, subject) == 0 ? lo : end;
}

static void
link_findings(struct evalctx *c, struct fb *fb)
{
	struct findings *out = c->out;
	size_t nruns;
	struct rule_run *runs = rule_runs(out, &nruns);

	for (size_t i = 0; i < out->n; i++) {
		const struct rule *r = out->v[i].rule;

		for (size_t k = 0; k < r->nexplains; k++) {
			const struct rule_explain *x = &r->explains[k];
			char **subj = NULL;
			size_t ns = 0, alloc = 0, lo, hi;

			rule_run(runs, nruns, x->rule, &lo, &hi);
			if (x->subject == NULL) {
				for (size_t j = lo; j < hi; j++)
					add_edge(out, i, j);
				continue;
			}
			explain_subjects(c, &fb[i], x, &subj, &ns, &alloc);
			/* Sorted like the findings, so edges come in their
			 * order. */
			if (ns > 1)
				qsort(subj, ns, sizeof(*subj), cmp_cstr);
			for (size_t s = 0; s < ns; s++) {
				size_t j = find_subject(out, lo, hi, subj[s]);

				if (j < hi &&
				    (s == 0 ||
					strcmp(subj[s], subj[s - 1]) != 0))
					add_edge(out, i, j);
			}
			for (size_t s = 0; s < ns; s++)
				free(subj[s]);
			free(subj);
		}
	}
	free(runs);
}

struct findings *
rule_eval(const struct ruleset *rs, struct model *m, const struct eval_opts *o)
{
	struct findings *out = xcalloc(1, sizeof(*out));
	struct evalctx c;

	arena_init(&out->arena);
	memset(&c, 0, sizeof(c));
	c.rs = rs;
	c.m = m;
	c.out = out;
	buf_init(&c.tmp, 1 << 16);
	combine_run(m);
	choose_as_of(&c, o);
	memcpy(c.env.as_of, out->as_of, sizeof(c.env.as_of));
	for (size_t i = 0; i < ruleset_count(rs); i++) {
		const struct rule *r = ruleset_at(rs, i);
		const struct recvec *rv = &m->recs[r->select];

		if (!requirements(&c, r))
			continue;
		slots_reset(&c);
		for (size_t k = 0; k < rv->n; k++)
			if (cond_eval(r->when, rv->v[k], &c.env))
				match(&c, r, rv->v[k]);
	}
	if (c.nfb > 1)
		qsort(c.fb, c.nfb, sizeof(*c.fb), cmp_fb);
	out->n = c.nfb;
	out->v = xcalloc(c.nfb ? c.nfb : 1, sizeof(*out->v));
	for (size_t i = 0; i < c.nfb; i++) {
		struct fb *f = &c.fb[i];
		struct finding *d = &out->v[i];
		struct eval_env env = c.env;

		d->rule = f->rule;
		d->subject = arena_strdup(&out->arena, f->subject);
		d->count = f->count;
		d->first_time = arena_strdup(&out->arena, f->first_time);
		d->last_time = arena_strdup(&out->arena, f->last_time);
		env.count = d->count;
		env.first_time = f->first_time;
		env.last_time = f->last_time;
		buf_reset(&c.tmp);
		tmpl_render(f->rule->message, f->first, &env, &c.tmp);
		d->message = arena_strdup(&out->arena, buf_str(&c.tmp));
		if (f->rule->verdict != NULL) {
			buf_reset(&c.tmp);
			tmpl_render(f->rule->verdict, f->first, &env, &c.tmp);
			d->verdict = arena_strdup(&out->arena, buf_str(&c.tmp));
		}
		d->nremediation = f->rule->nremediation;
		d->remediation = arena_alloc(&out->arena,
		    (d->nremediation + 1) * sizeof(*d->remediation));
		for (size_t k = 0; k < d->nremediation; k++) {
			buf_reset(&c.tmp);
			tmpl_render(f->rule->remediation_t[k], f->first, &env,
			    &c.tmp);
			d->remediation[k] =
			    arena_strdup(&out->arena, buf_str(&c.tmp));
		}
		if (f->nev > 1)
			qsort(f->ev, f->nev, sizeof(*f->ev), cmp_ev);
		d->evidence = arena_alloc(&out->arena,
		    (f->nev ? f->nev : 1) * sizeof(*d->evidence));
		if (f->nev > 0)
			memcpy(d->evidence, f->ev, f->nev * sizeof(*f->ev));
		d->nevidence = f->nev;
		d->evidence_omitted = f->omitted;
	}
	link_findings(&c, c.fb);
	for (size_t i = 0; i < c.nfb; i++) {
		free(c.fb[i].subject);
		free(c.fb[i].recs);
		free(c.fb[i].ev);
	}
	free(c.fb);
	free(c.slots);
	buf_release(&c.tmp);
	return out;
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].explains);
		free(f->v[i].explained_by);
	}
	free(f->v);
	free(f->not_checked);
	arena_release(&f->arena);
	free(f);
}
