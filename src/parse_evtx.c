/*
 * Binary event logs (.evtx), as Windows keeps them in
 * C:\Windows\System32\winevt\Logs and as customers copy them:
 * `wevtutil epl System System.evtx`, Event Viewer's "Save All Events As",
 * the LogCatcher and TSS collectors.
 *
 *   00000000  45 6c 66 46 69 6c 65 00  ...   ElfFile   file header, 4 KiB
 *   00001000  45 6c 66 43 68 6e 6b 00  ...   ElfChnk   chunk 0, 64 KiB
 *   00011000  45 6c 66 43 68 6e 6b 00  ...   ElfChnk   chunk 1 ...
 *
 * Records: the same REC_EVENT records, field for field, that the
 * event-export parser makes from the XML `evtxexport -f xml` writes for the
 * log (libevtx renders it in both cases), with format "evtx" and line 0:
 * an event's place in a log is its EventRecordID, which every record
 * carries.  Events the filter does not keep are counted by provider and
 * id, computer names become host facts, exactly as on the XML path.
 *
 * How: the log is read front to back, one 64 KiB chunk at a time, and
 * libevtx decodes each chunk on its own (evtx.h says why), so a 1 GB log
 * costs the memory of one chunk.  Most records of a log are only counted,
 * and libevtx builds a record's whole XML tree to give any of its values,
 * so each record is first read from its bytes (binxml.h): event id,
 * computer and one name, Provider/@EventSourceName when the record has
 * one, else Provider/@Name, the values libevtx's record API gives.  When
 * the filter does not keep the record and its name was met before, it is
 * counted with event_count_quick() from these values and libevtx never
 * sees it.  The filter and the counts go by both names, so the first
 * record of each name goes to libevtx: its record API gives the same three
 * values, the record is rendered and its System part read (evquick.h),
 * and the pair it holds is remembered for the name, with a check that the
 * API and the rendering agree.  Every other record (one that may be kept,
 * every record with dump --all-events, any record the byte reader gives up
 * on or whose values the API cannot give) is rendered by libevtx, decoded
 * like a text export (invalid UTF-8 becomes U+FFFD, CRLF becomes LF) and
 * walked by libxml2 through the SAX glue the XML reader uses (evsax.h).
 *
 * Which records: those libevtx lists for the chunks in use, the chunks the
 * header counts or, in a dirty log (a copy of a live one, the usual case),
 * every chunk; that is what libevtx's own file reader and evtxexport list.
 * Recovered records, which libevtx finds in a chunk's free space and after
 * damage, are not read: they are older, overwritten events or copies, and
 * Event Viewer does not show them either.
 *
 * Damage (dirty copies, cut files, bad sectors) is normal.  A chunk libevtx
 * cannot open, or that lost its signature, is skipped; a record libevtx
 * cannot decode is skipped (Debian's libevtx 20181227 does not know some
 * value types newer Windows writes); libevtx stops reading a chunk at its
 * first damaged record, and the records the chunk header announces beyond
 * it are counted as skipped.  Each distinct problem is reported once, with
 * the record ids or chunk numbers, and the artifact is partial.  Chunks of
 * zero bytes are space Windows reserved, not damage.  A file cut in the
 * middle of a chunk loses that chunk, as it does for libevtx.
 */
#include "compat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binxml.h"
#include "buf.h"
#include "event.h"
#include "evquick.h"
#include "evsax.h"
#include "evtx.h"
#include "parse.h"
#include "parse_evtx.h"
#include "text.h"
#include "xalloc.h"
#include "xml.h"

#define ROOT "<events>"
#define PARSER_SPAN (64 << 20) /* XML one libxml2 parser reads at most */
#define MAX_NAMES 1024	       /* names remembered */
#define MAX_PROBLEMS 16	       /* distinct problems reported */
#define MAX_UNDECODED 2000     /* records libevtx fails on, per log */
#define MAX_WHERE 5	       /* places named per problem */
/* a record takes at least 24 bytes after the 512-byte chunk header */
#define MAX_CHUNK_RECORDS ((EVTX_CHUNK_SIZE - 512) / 24)

/* What the rendering of the first record with a libevtx name said. */
struct names {
	char *key; /* libevtx's source name */
	bool qualifiers;
	char *provider; /* Provider/@Name, NULL if absent */
	char *source;	/* Provider/@EventSourceName, NULL if absent */
	bool usable;	/* the API agreed with the rendering */
};

/* A distinct problem: records or chunks that could not be read. */
struct problem {
	bool chunk; /* chunks, else records */
	char cause[160];
	unsigned long n;      /* records or chunks with it */
	unsigned long events; /* events lost with it */
	char where[MAX_WHERE][48];
};

struct evtxparse {
	struct model *m;
	struct artifact *a;
	struct event_builder *eb;
	const struct evfilter *keep;
	bool keep_all;
	struct evtx *e;
	unsigned long chunk; /* number of the chunk being read */

	struct names *names;
	size_t nnames, names_slots;
	char computer[EVQUICK_VALUE]; /* the current record's, trimmed */

	struct buf text; /* a rendering, decoded */
	struct xml_parser *xp;
	unsigned long long xp_fed;
	struct evsax sax;
	bool bad;
	char bad_msg[200];

	/*
	 * libevtx leaks memory on some records it cannot decode: after
	 * MAX_UNDECODED of them the rest of the log is only counted.
	 */
	unsigned long undecoded;
	bool give_up;

	struct problem problems[MAX_PROBLEMS];
	size_t nproblems;
	unsigned long other_problems; /* beyond MAX_PROBLEMS */
	bool damaged;		      /* something was not read */
};

/* Problems, reported at the end, one diagnostic each. */

static void
problem(struct evtxparse *p, bool chunk, const char *cause, const char *where,
    unsigned long events)
{
	struct problem *pr = NULL;

	p->damaged = true;
	for (size_t i = 0; i < p->nproblems; i++)
		if (p->problems[i].chunk == chunk &&
		    strcmp(p->problems[i].cause, cause) == 0)
			pr = &p->problems[i];
	if (pr == NULL) {
		if (p->nproblems == MAX_PROBLEMS) {
			p->other_problems++;
			return;
		}
		pr = &p->problems[p->nproblems++];
		memset(pr, 0, sizeof(*pr));
		pr->chunk = chunk;
		snprintf(pr->cause, sizeof(pr->cause), "%s", cause);
	}
	if (pr->n < MAX_WHERE)
		snprintf(pr->where[pr->n], sizeof(pr->where[0]), "%s", where);
	pr->n++;
	pr->events += events;
}

/* "1234, 1240 and 1350", "1234, 1240, ... (7 in all)" */
static void
where_list(const struct problem *pr, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < pr->n && i < MAX_WHERE; i++) {
		const char *sep = ", ";

		if (i == 0)
			sep = "";
		else if (i + 1 == pr->n)
			sep = " and ";
		if (buf_printf(out, "%s%s", sep, pr->where[i]) < 0)
			return;
	}
	if (pr->n > MAX_WHERE &&
	    buf_printf(out, ", ... (%lu in all)", pr->n) < 0)
		return;
}

static void
report_problems(struct evtxparse *p)
{
	struct buf wb;

	buf_init(&wb, 1024);
	for (size_t i = 0; i < p->nproblems; i++) {
		const struct problem *pr = &p->problems[i];
		const char *what = pr->chunk ? "chunk" : "record";
		const char *where;

		where_list(pr, &wb);
		where = buf_str(&wb);
		if (!pr->chunk)
			diag_add(&p->a->diags, DIAG_WARNING, 0,
			    "%s%s %s cannot be read (%s): skipped", what,
			    pr->n > 1 ? "s" : "", where, pr->cause);
		else if (pr->events > 0)
			diag_add(&p->a->diags, DIAG_WARNING, 0,
			    "%s%s %s: %s: %lu event%s skipped", what,
			    pr->n > 1 ? "s" : "", where, pr->cause, pr->events,
			    pr->events > 1 ? "s" : "");
		else
			diag_add(&p->a->diags, DIAG_WARNING, 0,
			    "%s%s %s: %s: skipped", what, pr->n > 1 ? "s" : "",
			    where, pr->cause);
	}
	if (p->other_problems > 0)
		diag_add(&p->a->diags, DIAG_WARNING, 0,
		    "%lu more records or chunks with other problems: skipped",
		    p->other_problems);
	buf_release(&wb);
}

/*
 * A record that cannot be read (the caller counts it): named by its id
 * when the walk of the chunk finds it.
 */
static void
record_problem(struct evtxparse *p, int index, const char *cause)
{
	char where[48], why[160];
	uint64_t id;

	if (evtx_record_id_at(evtx_chunk(p->e), index, &id))
		snprintf(where, sizeof(where), "%" PRIu64, id);
	else
		snprintf(where, sizeof(where), "#%d of chunk %lu", index + 1,
		    p->chunk);
	snprintf(why, sizeof(why), "%s", cause);
	problem(p, false, why, where, 1);
}

static void
libevtx_problem(struct evtxparse *p, int index)
{
	char why[200];

	snprintf(why, sizeof(why), "libevtx: %s", evtx_error(p->e));
	event_unreadable(p->eb);
	record_problem(p, index, why);
	if (++p->undecoded >= MAX_UNDECODED)
		p->give_up = true;
}

/* The libevtx names already met. */

static uint64_t
hash_name(const char *s, bool q)
{
	uint64_t h = 1469598103934665603ULL ^ (q ? 1 : 0);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct names *
names_find(struct evtxparse *p, const char *key, bool q, size_t *slot)
{
	size_t s;

	if (p->names_slots == 0)
		return NULL;
	for (s = (size_t)hash_name(key, q) & (p->names_slots - 1);
	     p->names[s].key != NULL; s = (s + 1) & (p->names_slots - 1))
		if (p->names[s].qualifiers == q &&
		    strcmp(p->names[s].key, key) == 0)
			return &p->names[s];
	if (slot != NULL)
		*slot = s;
	return NULL;
}

static void
names_grow(struct evtxparse *p)
{
	struct names *old = p->names;
	size_t n = p->names_slots;

	p->names_slots = n ? n * 2 : 64;
	p->names = xcalloc(p->names_slots, sizeof(*p->names));
	for (size_t i = 0; i < n; i++) {
		size_t s;

		if (old[i].key == NULL)
			continue;
		s = (size_t)hash_name(old[i].key, old[i].qualifiers) &
		    (p->names_slots - 1);
		while (p->names[s].key != NULL)
			s = (s + 1) & (p->names_slots - 1);
		p->names[s] = old[i];
	}
	free(old);
}

static void
names_add(struct evtxparse *p, const char *key, bool q, const char *provider,
    const char *source, bool usable)
{
	struct names *nm;
	size_t s = 0;

	if (p->nnames >= MAX_NAMES)
		return; /* those records are rendered, as before */
	if (p->nnames * 2 >= p->names_slots)
		names_grow(p);
	if (names_find(p, key, q, &s) != NULL)
		return;
	nm = &p->names[s];
	nm->key = xstrdup(key);
	nm->qualifiers = q;
	nm->provider = provider != NULL ? xstrdup(provider) : NULL;
	nm->source = source != NULL ? xstrdup(source) : NULL;
	nm->usable = usable;
	p->nnames++;
}

static void
names_free(struct evtxparse *p)
{
	for (size_t i = 0; i < p->names_slots; i++) {
		free(p->names[i].key);
		free(p->names[i].provider);
		free(p->names[i].source);
	}
	free(p->names);
}

/* libxml2, as in parse_events.c: the events go to the builder. */

static void
on_start(void *u, const char *name, const struct xml_attr *attr, size_t nattr,
    unsigned long line)
{
	struct evtxparse *p = u;

	(void)line;
	evsax_start(&p->sax, name, attr, nattr);
}

static void
on_end(void *u, const char *name)
{
	struct evtxparse *p = u;

	(void)name;
	evsax_end(&p->sax);
}

static void
on_text(void *u, const char *s, size_t n)
{
	struct evtxparse *p = u;

	evsax_text(&p->sax, s, n);
}

static void
on_error(void *u, enum xml_severity sev, unsigned long line, const char *msg)
{
	struct evtxparse *p = u;

	(void)line;
	if (sev == XML_SEVERITY_FATAL && !p->bad) {
		p->bad = true;
		snprintf(p->bad_msg, sizeof(p->bad_msg), "%s", msg);
	}
}

static const struct xml_handler handler = { on_start, on_end, on_text,
	on_error };

static void
drop_parser(struct evtxparse *p)
{
	xml_parser_free(p->xp);
	p->xp = NULL;
}

/*
 * Walk the decoded rendering of record `index` into the builder; a record
 * libxml2 finds malformed is skipped, as the XML reader skips it.
 */
static void
walk(struct evtxparse *p, int index)
{
	const char *s = buf_str(&p->text);
	size_t n = p->text.len;

	if (p->xp != NULL && p->xp_fed > PARSER_SPAN)
		drop_parser(p);
	if (p->xp == NULL) {
		p->xp = xml_parser_new(&handler, p, 1);
		p->xp_fed = 0;
		p->sax.depth = 0;
		if (xml_parser_feed(p->xp, ROOT, strlen(ROOT)) < 0)
			BUG("synthetic root rejected");
	}
	evsax_region(&p->sax, 0, "evtx", NULL, 0);
	p->bad = false;
	p->xp_fed += n;
	if (xml_parser_feed(p->xp, s, n) < 0 && !p->bad) {
		p->bad = true;
		snprintf(p->bad_msg, sizeof(p->bad_msg), "not well-formed");
	}
	if (!p->sax.ended && !p->bad && xml_parser_finish(p->xp) < 0 &&
	    !p->bad) {
		p->bad = true;
		snprintf(p->bad_msg, sizeof(p->bad_msg), "not well-formed");
	}
	if (p->sax.ended && !p->bad)
		return;
	if (!p->sax.ended) {
		char why[240];

		snprintf(why, sizeof(why),
		    "libevtx's XML for it is not "
		    "well-formed: %.150s",
		    p->bad ? p->bad_msg : "no end tag");
		if (event_open(p->eb))
			event_abort(p->eb);
		else
			event_unreadable(p->eb);
		record_problem(p, index, why);
	}
	/* what follows a complete event is damage the event survives */
	drop_parser(p);
}

/* Blanks around, as the builder trims values. */
static const char *
trimmed(const char *s, char *out, size_t size)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		s[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static bool
same(const char *x, const char *y)
{
	return x == NULL || y == NULL ? x == y : strcmp(x, y) == 0;
}

static const char *
quick_field(const struct evquick *q, enum evquick_field f)
{
	return q->has[f] ? q->v[f] : NULL;
}

/*
 * The first record with libevtx name `name`: read the System part of its
 * rendering, remember which names it holds, and count it if the filter
 * does not keep it.  true when it was counted.
 */
static bool
learn(struct evtxparse *p, const struct evtx_quick *api, const char *computer)
{
	struct evquick q;
	const char *prov, *src, *id;
	bool usable;

	if (!evquick_system(buf_str(&p->text), p->text.len, &q))
		return false; /* walked: nothing learnt, asked again next time
			       */
	prov = quick_field(&q, EVQUICK_PROVIDER);
	src = quick_field(&q, EVQUICK_SOURCE);
	id = quick_field(&q, EVQUICK_ID);
	/* the API's values are the rendering's, or the name is not used */
	usable = same(src != NULL ? src : prov, api->name) && id != NULL &&
	    event_int(id, strlen(id)) == api->id &&
	    same(quick_field(&q, EVQUICK_COMPUTER), computer);
	names_add(p, api->name, api->qualifiers, prov, src, usable);
	if (!usable)
		return false;
	return event_count_quick(p->eb, 0, prov, src, api->id, computer) ==
	    EVENT_COUNTED;
}

/* Render the current record and decode it into p->text; false if not. */
static bool
render(struct evtxparse *p, int index)
{
	struct text_format f = { TEXT_UTF8, false };
	struct decoder d;
	const char *xml;
	size_t n = 0;

	xml = evtx_xml(p->e, &n);
	if (xml == NULL) {
		libevtx_problem(p, index);
		return false;
	}
	buf_reset(&p->text);
	decoder_init(&d, f);
	if (decoder_feed(&d, (const unsigned char *)xml, n, &p->text) < 0 ||
	    decoder_finish(&d, &p->text) < 0)
		BUG("decoded rendering over its cap");
	return true;
}

/*
 * Count the record at offset off of the chunk from its bytes alone
 * (binxml.h), when the filter does not keep it and its name was learnt;
 * true when it was counted.
 */
static bool
count_unread(struct evtxparse *p, uint32_t off)
{
	struct binxml_system s;
	const struct names *nm;

	if (p->keep_all || off == 0 ||
	    !binxml_system(evtx_chunk(p->e), off, &s) ||
	    evfilter_match(p->keep, s.name, s.id))
		return false;
	nm = names_find(p, s.name, s.qualifiers, NULL);
	return nm != NULL && nm->usable &&
	    event_count_quick(p->eb, 0, nm->provider, nm->source, s.id,
		trimmed(s.computer, p->computer, sizeof(p->computer))) ==
	    EVENT_COUNTED;
}

/* Record `index` of the chunk, at offset off (0: not known). */
static void
record(struct evtxparse *p, int index, uint32_t off)
{
	struct evtx_quick api;
	const char *comp = NULL;
	bool try_learn = false;

	if (count_unread(p, off))
		return;
	if (evtx_load_record(p->e, index) < 0) {
		libevtx_problem(p, index);
		return;
	}
	if (!p->keep_all) {
		evtx_quick(p->e, &api, EVQUICK_VALUE - 1);
		comp = trimmed(api.computer, p->computer, sizeof(p->computer));
		if (api.complete && api.name != NULL &&
		    !evfilter_match(p->keep, api.name, api.id)) {
			const struct names *nm =
			    names_find(p, api.name, api.qualifiers, NULL);

			if (nm == NULL)
				try_learn = true;
			else if (nm->usable &&
			    event_count_quick(p->eb, 0, nm->provider,
				nm->source, api.id, comp) == EVENT_COUNTED)
				return;
		}
	}
	if (!render(p, index))
		return;
	if (try_learn && learn(p, &api, comp))
		return;
	walk(p, index);
}

/* Chunks. */

static bool
all_zero(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != 0)
			return false;
	return true;
}

/* Records the chunk header announces, 0 when it cannot be trusted. */
static unsigned long
announced(const struct evtx_chunk_header *ch)
{
	uint64_t n;

	if (!ch->crc_ok || ch->last_number < ch->first_number)
		return 0;
	n = ch->last_number - ch->first_number + 1;
	return n <= MAX_CHUNK_RECORDS ? (unsigned long)n : 0;
}

#define GAVE_UP "not decoded, after too many records libevtx could not read"

static void
read_chunk(struct evtxparse *p)
{
	const unsigned char *c = evtx_chunk(p->e);
	struct evtx_chunk_header ch;
	struct evtx_chunk_info ci;
	unsigned long ann;
	char where[48];
	uint32_t off = EVTX_FIRST_RECORD;
	int i;

	if (all_zero(c, EVTX_CHUNK_SIZE))
		return; /* reserved, never written */
	evtx_chunk_header_read(c, &ch);
	ann = announced(&ch);
	snprintf(where, sizeof(where), "%lu", p->chunk);
	if (p->give_up) {
		if (ann == 0)
			ann = evtx_record_count(c);
		p->a->events_total += ann;
		p->a->events_skipped += ann;
		problem(p, true, GAVE_UP, where, ann);
		return;
	}
	if (evtx_open_chunk(p->e, &ci) < 0) {
		char why[200];

		if (ann == 0)
			ann = evtx_record_count(c);
		snprintf(why, sizeof(why), "libevtx cannot read it (%s)",
		    evtx_error(p->e));
		p->a->events_total += ann;
		p->a->events_skipped += ann;
		problem(p, true, why, where, ann);
		return;
	}
	if (!ch.magic) {
		/* what libevtx's scan finds in it are its records */
		unsigned long lost = (unsigned long)ci.recovered;

		p->a->events_total += lost;
		p->a->events_skipped += lost;
		problem(p, true, "damaged, no chunk signature", where, lost);
		evtx_close_chunk(p->e);
		return;
	}
	for (i = 0; i < ci.records && !p->give_up; i++) {
		record(p, i, off);
		off = evtx_next_record(c, off);
	}
	if (i < ci.records) {
		unsigned long lost = (unsigned long)(ci.records - i);

		p->a->events_total += lost;
		p->a->events_skipped += lost;
		problem(p, true, GAVE_UP, where, lost);
	}
	if (ann > (unsigned long)ci.records) {
		unsigned long lost = ann - (unsigned long)ci.records;

		snprintf(where, sizeof(where),
		    "%lu (records %" PRIu64 "-%" PRIu64 ")", p->chunk,
		    ch.first_number + (uint64_t)ci.records, ch.last_number);
		p->a->events_total += lost;
		p->a->events_skipped += lost;
		problem(p, true, "libevtx stops at a damaged record", where,
		    lost);
	}
	evtx_close_chunk(p->e);
}

enum parse_status
parse_evtx(struct model *m, struct artifact *a, struct stream *raw,
    const struct evfilter *keep)
{
	unsigned char *hb;
	struct evtx_file_header fh;
	struct evtxparse p;
	bool read_error = false, cut = false;
	unsigned long readable;
	long r;

	if (!evtx_supported()) {
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "this build cannot read .evtx; install libevtx "
		    "(Debian: libevtx-dev and libbfio-dev) and rebuild");
		return PARSE_FAILED;
	}
	hb = xmalloc(EVTX_HEADER_SIZE);
	r = stream_read_full(raw, hb, EVTX_HEADER_SIZE);
	if (r < 0 || r < EVTX_HEADER_SIZE || !evtx_file_header_read(hb, &fh)) {
		if (r < 0)
			diag_add(&a->diags, DIAG_ERROR, 0, "read error: %s",
			    raw->err);
		else
			diag_add(&a->diags, DIAG_ERROR, 0,
			    "shorter than the %d-byte .evtx file header",
			    EVTX_HEADER_SIZE);
		free(hb);
		return PARSE_FAILED;
	}
	if (!fh.crc_ok)
		diag_add(&a->diags, DIAG_NOTE, 0,
		    "the file header's checksum does not match (a copy of a "
		    "log in use?): its chunk count and flags are used anyway");
	if (fh.block_size != EVTX_HEADER_SIZE)
		diag_add(&a->diags, DIAG_NOTE, 0,
		    "the file header says the chunks start at %u: read from "
		    "%d, where Windows puts them",
		    fh.block_size, EVTX_HEADER_SIZE);

	memset(&p, 0, sizeof(p));
	p.m = m;
	p.a = a;
	p.keep = keep;
	p.keep_all = keep != NULL && keep->keep_all;
	p.eb = event_builder_new(m, a, keep);
	p.sax.eb = p.eb;
	p.e = evtx_new(hb);
	buf_init(&p.text, EVTX_XML_MAX * 3 + 16);
	free(hb);
	for (p.chunk = 0;; p.chunk++) {
		unsigned char *c = evtx_chunk(p.e);

		r = stream_read_full(raw, c, EVTX_CHUNK_SIZE);
		if (r < 0) {
			diag_add(&a->diags, DIAG_ERROR, 0, "read error: %s",
			    raw->err);
			read_error = true;
			break;
		}
		if (r == 0)
			break;
		if (r < EVTX_CHUNK_SIZE) {
			cut = !all_zero(c, (size_t)r);
			break;
		}
		/* chunks beyond the count hold only recovered records */
		if (p.chunk < fh.chunks || fh.dirty)
			read_chunk(&p);
	}
	if (cut && (p.chunk < fh.chunks || fh.dirty)) {
		char where[48];

		snprintf(where, sizeof(where), "%lu", p.chunk);
		problem(&p, true, "the file ends in the middle of it", where,
		    0);
	}
	report_problems(&p);
	drop_parser(&p);
	event_builder_free(p.eb);
	evtx_free(p.e);
	names_free(&p);
	buf_release(&p.text);

	readable = a->events_total - a->events_skipped;
	if (a->events_total == 0 && !p.damaged && !read_error) {
		diag_add(&a->diags, DIAG_NOTE, 0, "the log holds no events");
		return PARSE_OK;
	}
	if (readable == 0) {
		diag_add(&a->diags, DIAG_ERROR, 0, "no event could be read");
		return PARSE_FAILED;
	}
	return p.damaged || read_error ? PARSE_PARTIAL : PARSE_OK;
}
