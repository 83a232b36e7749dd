/*
 * Windows event exports as text: every way a customer hands over events
 * from the System (or Security, or CAPI2) log short of the binary .evtx.
 *
 *   wevtutil qe System /f:xml (/f:RenderedXml) > system.xml
 *     <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>
 *     <System><Provider Name='Schannel' Guid='{1f678132-...}'/>
 *     <EventID>36870</EventID>...</System><EventData>
 *     <Data Name='ErrorCode'>0x80090016</Data>...</EventData></Event>
 *     (no root, no declaration, one event after another; PowerShell's
 *     $e.ToXml() redirected by Windows PowerShell 5.1 gives the same in
 *     UTF-16LE; RenderedXml adds <RenderingInfo><Message>)
 *   Event Viewer, Save Selected Events as XML
 *     <?xml version="1.0" encoding="utf-8" standalone="yes"?>
 *     <Events><Event xmlns='...'>...</Event>...</Events>
 *   Event Viewer, Copy details as text (English, zh-CN, ... labels)
 *     Log Name:      System
 *     Source:        Schannel
 *     ...            (ten labels, the last "Description:")
 *     A fatal error occurred when attempting to access ...
 *     Event Xml:
 *     <Event xmlns="...">
 *       <System> ...indented, double quotes...
 *   the old browser tree view of Event Viewer's XML tab, pasted
 *     - <Event xmlns="...">
 *     - <System>
 *       <Provider Name="Schannel" Guid="{...}" />
 *
 * Records: REC_EVENT for the events the filter keeps (see event.h for every
 * field), with format "xml", "copy-details" (message from Description) or
 * "tree-view"; the other events are counted by provider and id.  Computer
 * names become host facts.
 *
 * How: the export is read as a stream, 64 KiB at a time, and never held
 * whole: a 1 GB System log costs a few megabytes.  A scanner finds event
 * boundaries ("<Event" and "</Event>") itself; only the events go to
 * libxml2, inside a synthetic root element, and everything between them
 * (a declaration, an <Events> wrapper, a copy's text header, "- " markers,
 * a DOCTYPE with entity declarations) is looked at by the scanner and
 * replaced by its newlines, so line numbers stay those of the file.  When
 * libxml2 finds an event malformed, that event is reported with its line
 * and skipped, and a new parser starts at the next "<Event"; an event cut
 * off (the end of a pasted excerpt) is kept as far as it goes when its
 * System part was read; a fragment without its start tag, and a copy's
 * text header whose XML was cut off, are reported and counted as
 * unreadable.  The artifact is then partial.  Most events of a big log
 * are only counted: their System part is read by a strict quick reader
 * (evquick.h) and they never reach libxml2.
 *
 * Quirks met in real copies: labels of a copy are localized (zh-CN
 * "事件 Xml:"), so a copy is recognised by shape (a line ending in "Xml:"
 * right before the event, a header whose fourth line is a number); its
 * "Date:" is local time, so only TimeCreated/@SystemTime is used; data
 * values may be localized ("客户端" for client); tree-view lines end in
 * blanks; pasted excerpts start or end in the middle of an event.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "event.h"
#include "evquick.h"
#include "evsax.h"
#include "parse.h"
#include "xalloc.h"
#include "xml.h"

#define CHUNK (64 << 10)       /* bytes read at a time */
#define HOLD 300	       /* bytes held back: a marker split by a read */
#define JUNK_MAX (64 << 10)    /* text kept from between two events */
#define MAX_LINES 512	       /* lines of that text looked at */
#define PARSER_SPAN (64 << 20) /* input one libxml2 parser reads at most */
#define ROOT "<events>"

struct evparse {
	struct model *m;
	struct artifact *a;
	struct event_builder *eb;
	struct stream *in;

	/* the input window: buf[off..len) is not scanned yet */
	char *buf;
	size_t len, off;
	unsigned long line; /* line of buf[off] */

	/* the event region being fed, if any */
	unsigned long ev_line;
	const char *format;
	struct buf msg;
	unsigned long bad_line;
	char bad_msg[300];

	/* text between events */
	struct buf junk;
	unsigned long junk_line; /* line of junk.data[0] */
	unsigned long junk_nl;	 /* its newlines, not yet fed */

	/* libxml2 */
	struct xml_parser *xp;
	unsigned long long xp_fed;
	struct evsax sax; /* the walk of the events it reads */

	bool keep_all; /* every event is kept: no quick counting */
	bool eof;
	bool inside; /* in an event region */
	bool skip;   /* counted by the quick reader: not fed to libxml2 */
	bool has_msg;
	bool bad; /* a fatal XML error in this event */
	bool said_error;
	bool damaged; /* bad XML around an event that was read */
	bool read_error;
};

/* SAX callbacks: the events go to the builder (evsax.h). */

static void
on_start(void *u, const char *name, const struct xml_attr *attr, size_t nattr,
    unsigned long line)
{
	struct evparse *p = u;

	(void)line;
	evsax_start(&p->sax, name, attr, nattr);
}

static void
on_end(void *u, const char *name)
{
	struct evparse *p = u;

	(void)name;
	evsax_end(&p->sax);
}

static void
on_text(void *u, const char *s, size_t n)
{
	struct evparse *p = u;

	evsax_text(&p->sax, s, n);
}

static void
on_error(void *u, enum xml_severity sev, unsigned long line, const char *msg)
{
	struct evparse *p = u;

	if (sev == XML_SEVERITY_FATAL) {
		if (!p->bad) {
			p->bad = true;
			p->bad_line = line;
			snprintf(p->bad_msg, sizeof(p->bad_msg), "%s", msg);
		}
	} else if (sev == XML_SEVERITY_ERROR && !p->said_error) {
		/* recoverable (an undefined namespace prefix): said once */
		p->said_error = true;
		diag_add(&p->a->diags, DIAG_NOTE, line, "%s", msg);
	}
}

static const struct xml_handler handler = { on_start, on_end, on_text,
	on_error };

/* Bookkeeping of the input. */

static unsigned long
count_nl(const char *s, size_t n)
{
	const char *end = s + n;
	unsigned long c = 0;

	if (n == 0)
		return 0;
	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		c++;
		s++;
	}
	return c;
}

/* Read more input behind what is not scanned yet; false at the end. */
static bool
refill(struct evparse *p)
{
	long r;

	if (p->eof)
		return false;
	if (p->off > 0) {
		memmove(p->buf, p->buf + p->off, p->len - p->off);
		p->len -= p->off;
		p->off = 0;
	}
	r = stream_read_full(p->in, p->buf + p->len, 2 * CHUNK - p->len);
	if (r < 0) {
		diag_add(&p->a->diags, DIAG_ERROR, p->line, "read error: %s",
		    p->in->err);
		p->read_error = true;
		p->eof = true;
		return false;
	}
	if (r == 0) {
		p->eof = true;
		return false;
	}
	p->len += (size_t)r;
	return true;
}

/* libxml2 */

static void
drop_parser(struct evparse *p)
{
	xml_parser_free(p->xp);
	p->xp = NULL;
}

/* Feed part of an event region; the newlines are counted on the way. */
static void
feed(struct evparse *p, const char *s, size_t n)
{
	unsigned long nl = count_nl(s, n);

	p->line += nl;
	if (p->skip) {
		p->junk_nl += nl; /* for libxml2's line count, later */
		return;
	}
	if (p->xp == NULL || p->bad)
		return;
	p->xp_fed += n;
	if (xml_parser_feed(p->xp, s, n) < 0 && !p->bad) {
		p->bad = true;
		p->bad_line = xml_parser_line(p->xp);
		snprintf(p->bad_msg, sizeof(p->bad_msg), "not well-formed");
	}
}

/* The newlines of the text between events, so libxml2 counts lines right. */
static void
feed_newlines(struct evparse *p)
{
	static const char nl[64] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
				   "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
				   "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";

	while (p->junk_nl > 0 && p->xp != NULL) {
		size_t k = p->junk_nl < 63 ? p->junk_nl : 63;

		if (xml_parser_feed(p->xp, nl, k) < 0)
			drop_parser(p);
		p->junk_nl -= k;
	}
	p->junk_nl = 0;
}

/* Text between events: lines, labels and the copy-details header. */

struct tline {
	const char *s;
	size_t n;
	unsigned long no;
};

static bool
blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static void
trim_blanks(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/*
 * "Label:   value" as in a copy's header: a colon within the first 48
 * bytes after a label (blanks around are ignored: pastes shift lines).
 * The value (after the blanks) is returned through v/vn.
 */
static bool
label_line(const struct tline *l, const char **v, size_t *vn)
{
	const char *s = l->s, *colon;
	size_t n = l->n, lim;

	trim_blanks(&s, &n);
	lim = n < 48 ? n : 48;
	if (n == 0 || s[0] == '<')
		return false;
	colon = memchr(s, ':', lim);
	if (colon == NULL || colon == s)
		return false;
	*v = colon + 1;
	*vn = n - (size_t)(colon + 1 - s);
	trim_blanks(v, vn);
	return true;
}

/*
 * A copy's header starts at line h: four label lines, the second (Source)
 * with a value, the fourth (Event ID) a number.
 */
static bool
header_at(const struct tline *l, size_t nl, size_t h)
{
	const char *v;
	size_t vn;

	if (h + 4 > nl)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (!label_line(&l[h + i], &v, &vn))
			return false;
	label_line(&l[h + 1], &v, &vn);
	if (vn == 0)
		return false;
	label_line(&l[h + 3], &v, &vn);
	if (vn == 0 || vn > 10)
		return false;
	for (size_t i = 0; i < vn; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return true;
}

/* A header that lost its event: reported, counted as unreadable. */
static void
orphan_header(struct evparse *p, const struct tline *l, size_t nl, size_t h)
{
	const char *src = "", *id = "";
	size_t srcn = 0, idn = 0;

	label_line(&l[h + 1], &src, &srcn);
	label_line(&l[h + 3], &id, &idn);
	(void)nl;
	diag_add(&p->a->diags, DIAG_WARNING, l[h].no,
	    "event %.*s from '%.*s' has a copied text header but no XML "
	    "(cut off?): skipped",
	    (int)idn, id, (int)(srcn > 80 ? 80 : srcn), src);
	event_unreadable(p->eb);
}

/* Split the kept text between events into at most MAX_LINES last lines. */
static size_t
junk_lines(struct evparse *p, struct tline *l)
{
	const char *s = p->junk.data, *end;
	unsigned long no = p->junk_line, lines;
	size_t n = 0;

	if (s == NULL)
		return 0;
	end = s + p->junk.len;
	/* skip to the last MAX_LINES lines first: linear, whatever the text */
	lines = count_nl(s, p->junk.len) + 1;
	for (; lines > MAX_LINES; lines--, no++)
		s = (const char *)memchr(s, '\n', (size_t)(end - s)) + 1;
	while (s <= end && n < MAX_LINES) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl != NULL ? nl : end;

		l[n].s = s;
		l[n].n = (size_t)(e - s);
		l[n].no = no++;
		n++;
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return n;
}

/* "Description:" in any language: a line that ends with its colon. */
static bool
label_ends(const struct tline *l)
{
	const char *s = l->s;
	size_t n = l->n;

	trim_blanks(&s, &n);
	return n > 1 && n <= 48 && s[n - 1] == ':';
}

static bool
ends_with_xml_marker(const struct tline *l)
{
	const char *s = l->s;
	size_t n = l->n;

	trim_blanks(&s, &n);
	return n >= 4 && n <= 64 && strncasecmp(s + n - 4, "xml:", 4) == 0;
}

/*
 * Look at the text before an event (or at the end of the input, when
 * `at_event` is false): decide the event's format, take a copy's
 * Description as its message, and report copy headers left without XML.
 */
static void
read_junk(struct evparse *p, bool at_event)
{
	struct tline *l;
	size_t nl, h, mine = SIZE_MAX;

	p->format = "xml";
	p->has_msg = false;
	/* the common case: nothing but newlines between two events */
	for (h = 0; h < p->junk.len; h++) {
		char c = p->junk.data[h];

		if (c != ' ' && c != '\t' && c != '\n')
			break;
	}
	if (h == p->junk.len)
		return;
	l = xmalloc(MAX_LINES * sizeof(*l));
	nl = junk_lines(p, l);
	if (at_event && nl > 0) {
		const char *s = l[nl - 1].s;
		size_t n = l[nl - 1].n, last;
		bool copy = false;

		trim_blanks(&s, &n);
		if (n == 1 && s[0] == '-')
			p->format = "tree-view";
		/* the partial line before "<Event" is blank in a copy */
		for (last = nl - 1; n == 0 && last-- > 0;) {
			if (blank_line(l[last].s, l[last].n))
				continue;
			copy = ends_with_xml_marker(&l[last]);
			break;
		}
		if (copy) {
			p->format = "copy-details";
			/*
			 * The last header before the marker, preferring one
			 * whose tenth line is the Description label.
			 */
			for (h = 0; h + 4 <= last; h++) {
				if (!header_at(l, last, h))
					continue;
				if (mine == SIZE_MAX || h + 10 > last ||
				    !label_ends(&l[mine + 9]) ||
				    label_ends(&l[h + 9]))
					mine = h;
			}
			if (mine != SIZE_MAX && mine + 10 <= last) {
				if (label_ends(&l[mine + 9]) &&
				    mine + 10 < last) {
					const char *b = l[mine + 10].s;
					const char *e =
					    l[last - 1].s + l[last - 1].n;
					size_t mn = (size_t)(e - b);

					while (mn > 0 &&
					    (b[mn - 1] == '\n' ||
						b[mn - 1] == ' ' ||
						b[mn - 1] == '\t'))
						mn--;
					buf_reset(&p->msg);
					if (mn > 0 &&
					    buf_add(&p->msg, b,
						mn < JUNK_MAX ? mn :
								JUNK_MAX) == 0)
						p->has_msg = true;
				}
			}
		}
	}
	/* every other header in the text lost its XML */
	for (h = 0; h + 4 <= nl; h++) {
		if (h == mine)
			break;
		if (header_at(l, nl, h)) {
			orphan_header(p, l, nl, h);
			h += 3;
		}
	}
	free(l);
}

static void
junk_reset(struct evparse *p)
{
	buf_reset(&p->junk);
	p->junk_line = p->line;
}

/* Keep text between events, at most JUNK_MAX bytes of its end. */
static void
junk_add(struct evparse *p, const char *s, size_t n)
{
	unsigned long nl = count_nl(s, n);

	if (p->junk.len == 0)
		p->junk_line = p->line;
	p->line += nl;
	p->junk_nl += nl;
	if (p->junk.len + n > JUNK_MAX) {
		size_t drop = p->junk.len + n - JUNK_MAX;

		if (drop >= p->junk.len) {
			size_t skip = drop - p->junk.len;

			p->junk_line += count_nl(p->junk.data, p->junk.len) +
			    count_nl(s, skip);
			buf_reset(&p->junk);
			s += skip;
			n -= skip;
		} else {
			p->junk_line += count_nl(p->junk.data, drop);
			memmove(p->junk.data, p->junk.data + drop,
			    p->junk.len - drop);
			p->junk.len -= drop;
		}
	}
	if (buf_add(&p->junk, s, n) < 0)
		BUG("junk cap arithmetic");
}

/* Events. */

/*
 * The next "Event" in s[0..n), found by its rare 'v' (memmem is not
 * POSIX.1-2008); NULL if none.
 */
static const char *
find_word(const char *s, size_t n)
{
	const char *end = s + n, *v = s + 1;

	while (
	    v + 4 <= end && (v = memchr(v, 'v', (size_t)(end - v))) != NULL) {
		if (v + 4 > end)
			break;
		if (v[-1] == 'E' && v[1] == 'e' && v[2] == 'n' && v[3] == 't')
			return v - 1;
		v++;
	}
	return NULL;
}

static bool
tag_delim(char c, bool end)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '>' ||
	    (!end && c == '/');
}

enum mark { MARK_NONE, MARK_START, MARK_END };

/*
 * The first "<Event" or "</Event" tag at or after `from` and before
 * `limit` (buf[limit..len) may be read to check what follows it).
 */
static enum mark
find_mark(const struct evparse *p, size_t from, size_t limit, size_t *at)
{
	const char *b = p->buf;
	size_t i = from;

	while (i < limit) {
		const char *hit = find_word(b + i, p->len - i);
		size_t h;

		if (hit == NULL)
			return MARK_NONE;
		h = (size_t)(hit - b);
		if (h + 5 >= p->len)
			return MARK_NONE;
		if (h >= 1 && b[h - 1] == '<' && h - 1 >= from) {
			if (h - 1 >= limit)
				return MARK_NONE;
			if (tag_delim(b[h + 5], false)) {
				*at = h - 1;
				return MARK_START;
			}
		} else if (h >= 2 && b[h - 1] == '/' && b[h - 2] == '<' &&
		    h - 2 >= from) {
			if (h - 2 >= limit)
				return MARK_NONE;
			if (tag_delim(b[h + 5], true)) {
				*at = h - 2;
				return MARK_END;
			}
		}
		i = h + 5;
	}
	return MARK_NONE;
}

/* End of the end tag that starts at `at`: after its '>', or nearby. */
static size_t
end_tag_end(const struct evparse *p, size_t at)
{
	size_t i = at + 7, lim = at + HOLD - 8;

	if (lim > p->len)
		lim = p->len;
	while (i < lim &&
	    (p->buf[i] == ' ' || p->buf[i] == '\t' || p->buf[i] == '\n'))
		i++;
	if (i < lim && p->buf[i] == '>')
		return i + 1;
	return at + 7; /* malformed: libxml2 will say so */
}

/* Count the event at buf[off] without libxml2 if the filter lets us. */
static bool
quick_count(struct evparse *p)
{
	struct evquick q;

	if (p->keep_all ||
	    !evquick_system(p->buf + p->off, p->len - p->off, &q))
		return false;
	return event_count_quick(p->eb, p->line,
		   q.has[EVQUICK_PROVIDER] ? q.v[EVQUICK_PROVIDER] : NULL,
		   q.has[EVQUICK_SOURCE] ? q.v[EVQUICK_SOURCE] : NULL,
		   q.has[EVQUICK_ID] ?
		       event_int(q.v[EVQUICK_ID], strlen(q.v[EVQUICK_ID])) :
		       INT_NONE,
		   q.has[EVQUICK_COMPUTER] ? q.v[EVQUICK_COMPUTER] : NULL) ==
	    EVENT_COUNTED;
}

static void
begin_region(struct evparse *p)
{
	read_junk(p, true);
	junk_reset(p);
	p->bad = false;
	p->inside = true;
	p->ev_line = p->line;
	evsax_region(&p->sax, p->line, p->format,
	    p->has_msg ? p->msg.data : NULL, p->msg.len);
	if (quick_count(p)) {
		p->skip = true;
		return;
	}
	/*
	 * A fresh parser now and then (its dictionary only grows), and
	 * rather than feeding it thousands of newlines to keep its count.
	 */
	if (p->xp != NULL && (p->xp_fed > PARSER_SPAN || p->junk_nl > 4096))
		drop_parser(p);
	if (p->xp == NULL) {
		p->xp = xml_parser_new(&handler, p, p->line);
		p->xp_fed = 0;
		p->sax.depth = 0;
		p->junk_nl = 0;
		if (xml_parser_feed(p->xp, ROOT, strlen(ROOT)) < 0)
			BUG("synthetic root rejected");
	}
	feed_newlines(p);
}

/*
 * The region ended: with its end tag (`cut` NULL) or cut off, `cut` saying
 * how.  Judge the event.
 */
static void
end_region(struct evparse *p, const char *cut)
{
	p->inside = false;
	if (p->skip) {
		/* counted already */
		p->skip = false;
		if (cut != NULL) {
			diag_add(&p->a->diags, DIAG_WARNING, p->ev_line,
			    "event %s: read as far as it goes", cut);
			p->damaged = true;
		}
	} else if (cut != NULL && !p->sax.ended) {
		/* an excerpt's end: keep what was read if it says enough */
		if (p->sax.began && event_cut(p->eb) != EVENT_NONE) {
			diag_add(&p->a->diags, DIAG_WARNING, p->ev_line,
			    "event %s: read as far as it goes", cut);
		} else {
			diag_add(&p->a->diags, DIAG_WARNING, p->ev_line,
			    "event %s before its System part ended: skipped",
			    cut);
			if (!p->sax.began)
				event_unreadable(p->eb);
		}
		p->damaged = true;
		drop_parser(p);
	} else if (p->sax.ended && p->bad) {
		/* the event was read; what follows it in the region is not */
		diag_add(&p->a->diags, DIAG_WARNING, p->bad_line,
		    "malformed XML after the event of line %lu (%s): ignored",
		    p->ev_line, p->bad_msg);
		p->damaged = true;
		drop_parser(p);
	} else if (!p->sax.ended || p->bad) {
		/*
		 * libxml2 waits for more input before it judges some damage
		 * (a '&' with no ';' after it): make it say now.
		 */
		if (!p->bad && p->xp != NULL)
			xml_parser_finish(p->xp);
		if (p->bad)
			diag_add(&p->a->diags, DIAG_WARNING, p->ev_line,
			    "event is not well-formed XML (line %lu: %s): "
			    "skipped",
			    p->bad_line, p->bad_msg);
		else
			diag_add(&p->a->diags, DIAG_WARNING, p->ev_line,
			    "event does not end where its end tag is: "
			    "skipped");
		if (event_open(p->eb))
			event_abort(p->eb);
		else if (!p->sax.began)
			event_unreadable(p->eb);
		drop_parser(p);
	}
	junk_reset(p);
}

/* An end tag met outside any event: the rest of a fragment. */
static void
orphan_end(struct evparse *p)
{
	unsigned long first = p->junk_line;
	const char *s = p->junk.data;
	size_t n = p->junk.len, i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) {
		if (s[i] == '\n')
			first++;
		i++;
	}
	diag_add(&p->a->diags, DIAG_WARNING, first,
	    "end of an event whose start is missing (lines %lu-%lu): skipped",
	    first, p->line);
	event_unreadable(p->eb);
	junk_reset(p);
}

static void
scan(struct evparse *p)
{
	for (;;) {
		size_t limit = p->eof ? p->len :
		    p->len > HOLD     ? p->len - HOLD :
					0,
		       at = 0;
		enum mark k;

		if (p->off >= limit) {
			if (refill(p))
				continue;
			if (p->off >= p->len)
				break;
			limit = p->len;
		}
		if (!p->inside) {
			k = find_mark(p, p->off, limit, &at);
			if (k == MARK_NONE) {
				junk_add(p, p->buf + p->off, limit - p->off);
				p->off = limit;
				continue;
			}
			if (k == MARK_END) {
				size_t e = end_tag_end(p, at);

				junk_add(p, p->buf + p->off, e - p->off);
				p->off = e;
				orphan_end(p);
				continue;
			}
			junk_add(p, p->buf + p->off, at - p->off);
			p->off = at;
			/* the quick reader wants the event's start in view */
			if (!p->eof && p->len - at < EVQUICK_MAX + HOLD &&
			    p->off > 0) {
				refill(p);
				continue;
			}
			begin_region(p);
			/* the start tag itself: never a boundary again */
			feed(p, p->buf + p->off, 1);
			p->off++;
			continue;
		}
		k = find_mark(p, p->off, limit, &at);
		if (k == MARK_NONE) {
			feed(p, p->buf + p->off, limit - p->off);
			p->off = limit;
			continue;
		}
		if (k == MARK_START) {
			feed(p, p->buf + p->off, at - p->off);
			p->off = at;
			end_region(p, "has no end tag (the next event starts)");
			continue;
		}
		{
			size_t e = end_tag_end(p, at);

			feed(p, p->buf + p->off, e - p->off);
			p->off = e;
			end_region(p, NULL);
		}
	}
	if (p->inside)
		end_region(p, "is cut off at the end of the input");
	else
		read_junk(p, false);
}

enum parse_status
parse_events(struct model *m, struct artifact *a, struct stream *in,
    const struct evfilter *keep)
{
	struct evparse p;
	unsigned long readable;

	memset(&p, 0, sizeof(p));
	p.m = m;
	p.a = a;
	p.in = in;
	p.keep_all = keep != NULL && keep->keep_all;
	p.eb = event_builder_new(m, a, keep);
	p.sax.eb = p.eb;
	p.buf = xmalloc(2 * CHUNK);
	p.line = 1;
	p.junk_line = 1;
	buf_init(&p.junk, JUNK_MAX);
	buf_init(&p.msg, JUNK_MAX);
	scan(&p);
	drop_parser(&p);
	event_builder_free(p.eb);
	buf_release(&p.junk);
	buf_release(&p.msg);
	free(p.buf);

	readable = a->events_total - a->events_skipped;
	if (a->events_total == 0) {
		diag_add(&a->diags, DIAG_ERROR, 0, "no event found");
		return PARSE_FAILED;
	}
	if (readable == 0) {
		diag_add(&a->diags, DIAG_ERROR, 0, "no event could be read");
		return PARSE_FAILED;
	}
	if (a->events_skipped > 0 || p.read_error || p.damaged)
		return PARSE_PARTIAL;
	return PARSE_OK;
}
