/*
 * The event builder keeps the System fields of the open event in its own
 * buffers until the keep-or-count decision, which is taken as soon as
 * System ends (or another top-level child of Event starts, or the event
 * ends).  From then on a kept event writes straight into its record and a
 * counted one is ignored until its end, so the millions of events nobody
 * reads cost a few comparisons each.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "event.h"
#include "strparse.h"
#include "xalloc.h"

#define MAX_DEPTH 16	      /* element levels below Event we follow */
#define MAX_FIELD 4096	      /* bytes kept of one System field */
#define MAX_VALUE (256 << 10) /* bytes kept of one Data value or text */
#define MAX_ITEMS 1024	      /* data or user_data pairs per event */
#define MAX_COMPUTERS 32      /* computer names made host facts */

enum elem {
	E_OTHER,
	E_SYSTEM,
	E_PROVIDER,
	E_EVENTID,
	E_VERSION,
	E_LEVEL,
	E_TASK,
	E_KEYWORDS,
	E_TIMECREATED,
	E_RECORDID,
	E_CHANNEL,
	E_COMPUTER,
	E_SECURITY,
	E_EVENTDATA,
	E_DATA,
	E_BINARY,
	E_USERDATA,
	E_USERITEM, /* any element below UserData */
	E_RENDERING,
	E_MESSAGE,
	E_BINEVENTDATA,
};

/* System strings, before the decision. */
enum sysfield {
	F_PROVIDER,
	F_GUID,
	F_SOURCE,
	F_KEYWORDS,
	F_TIME,
	F_CHANNEL,
	F_COMPUTER,
	F_USER,
	F__COUNT,
};

struct event_builder {
	struct model *m;
	struct artifact *a;
	const struct evfilter *keep;

	/* the open event */
	bool open;
	unsigned long line;
	const char *format;
	int decided; /* 0 not yet, 1 kept, -1 counted */
	struct event *ev;
	unsigned depth; /* open elements below Event */
	enum elem path[MAX_DEPTH + 1];
	struct buf sys[F__COUNT];
	bool has[F__COUNT];
	long long event_id, qualifiers, version, level, task, record_id;
	struct buf text; /* character data of the element at text_depth */
	unsigned text_depth;
	bool text_cut;
	struct buf dname; /* Data/@Name of the open Data element */
	bool has_dname;
	struct buf upath; /* UserData path of the open element */
	size_t ulen[MAX_DEPTH + 1];
	bool uattr;	    /* the open UserData element has attributes */
	struct buf message; /* from outside the XML */
	bool has_message;
	size_t nitems;

	/* one-entry caches, so repeated values share one copy */
	const char *last[F__COUNT];
	const char *computers[MAX_COMPUTERS];
	size_t ncomputers;
	/* diagnostics given once per artifact */
	bool said_time, said_cut, said_items, said_computers;
};

struct event_builder *
event_builder_new(struct model *m, struct artifact *a,
    const struct evfilter *keep)
{
	struct event_builder *b = xcalloc(1, sizeof(*b));

	b->m = m;
	b->a = a;
	b->keep = keep;
	for (int i = 0; i < F__COUNT; i++)
		buf_init(&b->sys[i], MAX_FIELD);
	buf_init(&b->text, MAX_VALUE);
	buf_init(&b->dname, MAX_FIELD);
	buf_init(&b->upath, MAX_FIELD);
	buf_init(&b->message, MAX_VALUE);
	return b;
}

void
event_builder_free(struct event_builder *b)
{
	if (b == NULL)
		return;
	if (b->open)
		event_abort(b);
	for (int i = 0; i < F__COUNT; i++)
		buf_release(&b->sys[i]);
	buf_release(&b->text);
	buf_release(&b->dname);
	buf_release(&b->upath);
	buf_release(&b->message);
	free(b);
}

bool
event_open(const struct event_builder *b)
{
	return b->open;
}

/* Append what fits under the buffer's cap; true when all of it did. */
static bool
add_capped(struct buf *bf, const char *s, size_t n)
{
	size_t room = bf->max - bf->len;

	if (n > room) {
		if (room > 0 && buf_add(bf, s, room) < 0)
			BUG("cap arithmetic");
		return false;
	}
	if (buf_add(bf, s, n) < 0)
		BUG("cap arithmetic");
	return true;
}

static void
truncate_to(struct buf *bf, size_t n)
{
	bf->len = n;
	if (bf->data != NULL)
		bf->data[n] = '\0';
}

static void
set_capped(struct buf *bf, const char *s, size_t n)
{
	buf_reset(bf);
	add_capped(bf, s, n);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && is_blank(*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && is_blank(s[*n - 1]))
		(*n)--;
	return s;
}

/* A decimal integer field ("36870", " 2 "); INT_NONE if it is not one. */
static long long
to_int(const char *s, size_t n)
{
	char tmp[32];
	long long v;

	s = trim(s, &n);
	if (n == 0 || n >= sizeof(tmp))
		return INT_NONE;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (!str_to_ll(tmp, &v))
		return INT_NONE;
	return v;
}

static bool
name_is(const char *name, const char *want)
{
	return strcmp(name, want) == 0;
}

/* Names whose value is taken as an error code (see event.h). */
static bool
code_name(const char *name)
{
	static const char *const names[] = { "ErrorCode", "Error", "ReturnCode",
		"Status", "HResult", "Result" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcasecmp(name, names[i]) == 0)
			return true;
	return false;
}

/* The element's own name: the last component of a UserData path. */
static const char *
last_component(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* A copy in the model, shared with the previous value of the same field. */
static const char *
cached(struct event_builder *b, enum sysfield f, const char *s)
{
	if (b->last[f] == NULL || strcmp(b->last[f], s) != 0)
		b->last[f] = model_strdup(b->m, s);
	return b->last[f];
}

static const char *
sys_value(struct event_builder *b, enum sysfield f)
{
	if (!b->has[f])
		return NULL;
	return cached(b, f, buf_str(&b->sys[f]));
}

static void
note_computer(struct event_builder *b)
{
	const char *c;

	if (!b->has[F_COMPUTER] || b->sys[F_COMPUTER].len == 0)
		return;
	c = buf_str(&b->sys[F_COMPUTER]);
	for (size_t i = 0; i < b->ncomputers; i++)
		if (strcmp(b->computers[i], c) == 0)
			return;
	if (b->ncomputers == MAX_COMPUTERS) {
		if (!b->said_computers)
			diag_add(&b->a->diags, DIAG_NOTE, b->line,
			    "more than %d computer names: the others are not "
			    "listed as host facts",
			    MAX_COMPUTERS);
		b->said_computers = true;
		return;
	}
	b->computers[b->ncomputers++] = model_strdup(b->m, c);
	model_host_fact(b->m, b->a, b->line, "computer", c);
}

/* The record of a kept event, from what System said. */
static void
make_record(struct event_builder *b)
{
	struct event *ev = model_add(b->m, REC_EVENT, b->a, b->line);

	ev->format = b->format;
	ev->provider = sys_value(b, F_PROVIDER);
	ev->provider_guid = sys_value(b, F_GUID);
	ev->source_name = sys_value(b, F_SOURCE);
	ev->channel = sys_value(b, F_CHANNEL);
	ev->keywords = sys_value(b, F_KEYWORDS);
	ev->computer = sys_value(b, F_COMPUTER);
	ev->user_sid = sys_value(b, F_USER);
	ev->event_id = b->event_id;
	ev->qualifiers = b->qualifiers;
	ev->version = b->version;
	ev->level = b->level;
	ev->task = b->task;
	ev->record_id = b->record_id;
	if (b->has[F_TIME]) {
		char t[29];

		if (event_norm_time(b->sys[F_TIME].data, b->sys[F_TIME].len, t))
			ev->time = model_strdup(b->m, t);
		else if (!b->said_time) {
			b->said_time = true;
			diag_add(&b->a->diags, DIAG_WARNING, b->line,
			    "event time '%.64s' is not ISO-8601 UTC: left out",
			    buf_str(&b->sys[F_TIME]));
		}
	}
	b->ev = ev;
}

/* Keep or count, once System is known. */
static void
decide(struct event_builder *b)
{
	const char *prov =
	    b->has[F_PROVIDER] ? buf_str(&b->sys[F_PROVIDER]) : NULL;
	const char *src = b->has[F_SOURCE] ? buf_str(&b->sys[F_SOURCE]) : NULL;

	if (b->decided != 0)
		return;
	note_computer(b);
	if (evfilter_match(b->keep, prov, b->event_id) ||
	    (src != NULL && evfilter_match(b->keep, src, b->event_id))) {
		b->decided = 1;
		make_record(b);
	} else {
		b->decided = -1;
	}
}

void
event_begin(struct event_builder *b, unsigned long line, const char *format)
{
	if (b->open)
		event_abort(b);
	b->open = true;
	b->line = line;
	b->format = format;
	b->decided = 0;
	b->ev = NULL;
	b->depth = 0;
	for (int i = 0; i < F__COUNT; i++) {
		buf_reset(&b->sys[i]);
		b->has[i] = false;
	}
	b->event_id = b->qualifiers = b->version = INT_NONE;
	b->level = b->task = b->record_id = INT_NONE;
	buf_reset(&b->text);
	b->text_depth = 0;
	buf_reset(&b->upath);
	b->has_message = false;
	buf_reset(&b->message);
	b->nitems = 0;
	/* --all-events: nothing to wait for */
	if (b->keep != NULL && b->keep->keep_all) {
		b->decided = 1;
		make_record(b);
	}
}

static enum elem
classify(const struct event_builder *b, const char *name)
{
	enum elem parent = b->depth >= 1 && b->depth <= MAX_DEPTH ?
	    b->path[b->depth] :
	    E_OTHER;

	if (b->depth == 0) {
		if (name_is(name, "System"))
			return E_SYSTEM;
		if (name_is(name, "EventData"))
			return E_EVENTDATA;
		if (name_is(name, "UserData"))
			return E_USERDATA;
		if (name_is(name, "RenderingInfo"))
			return E_RENDERING;
		if (name_is(name, "BinaryEventData"))
			return E_BINEVENTDATA;
		return E_OTHER;
	}
	switch (parent) {
	case E_SYSTEM:
		switch (name[0]) {
		case 'P':
			return name_is(name, "Provider") ? E_PROVIDER : E_OTHER;
		case 'E':
			if (name_is(name, "EventID"))
				return E_EVENTID;
			return name_is(name, "EventRecordID") ? E_RECORDID :
								E_OTHER;
		case 'V':
			return name_is(name, "Version") ? E_VERSION : E_OTHER;
		case 'L':
			return name_is(name, "Level") ? E_LEVEL : E_OTHER;
		case 'T':
			if (name_is(name, "Task"))
				return E_TASK;
			return name_is(name, "TimeCreated") ? E_TIMECREATED :
							      E_OTHER;
		case 'K':
			return name_is(name, "Keywords") ? E_KEYWORDS : E_OTHER;
		case 'C':
			if (name_is(name, "Channel"))
				return E_CHANNEL;
			return name_is(name, "Computer") ? E_COMPUTER : E_OTHER;
		case 'S':
			return name_is(name, "Security") ? E_SECURITY : E_OTHER;
		default:
			return E_OTHER;
		}
	case E_EVENTDATA:
		if (name_is(name, "Data"))
			return E_DATA;
		return name_is(name, "Binary") ? E_BINARY : E_OTHER;
	case E_USERDATA:
	case E_USERITEM:
		return E_USERITEM;
	case E_RENDERING:
		return name_is(name, "Message") ? E_MESSAGE : E_OTHER;
	default:
		return E_OTHER;
	}
}

/* The element at the current depth, or E_OTHER beyond what we follow. */
static enum elem
cur(const struct event_builder *b)
{
	return b->depth >= 1 && b->depth <= MAX_DEPTH ? b->path[b->depth] :
							E_OTHER;
}

static bool
wants_text(enum elem e)
{
	switch (e) {
	case E_OTHER:
	case E_SYSTEM:
	case E_PROVIDER:
	case E_TIMECREATED:
	case E_SECURITY:
	case E_EVENTDATA:
	case E_USERDATA:
	case E_RENDERING:
		return false;
	default:
		return true;
	}
}

void
event_start(struct event_builder *b, const char *name)
{
	enum elem e;

	if (!b->open)
		return;
	if (b->depth == 0 && b->decided == 0 && !name_is(name, "System"))
		decide(b);
	e = b->depth < MAX_DEPTH ? classify(b, name) : E_OTHER;
	b->depth++;
	if (b->depth <= MAX_DEPTH)
		b->path[b->depth] = e;
	/* a child element: the parent's text is not a value */
	b->text_depth = 0;
	if (b->decided < 0 || !wants_text(e))
		return;
	buf_reset(&b->text);
	b->text_cut = false;
	b->text_depth = b->depth;
	if (e == E_DATA) {
		buf_reset(&b->dname);
		b->has_dname = false;
	} else if (e == E_USERITEM && b->decided > 0) {
		size_t at = b->upath.len;

		b->uattr = false;
		b->ulen[b->depth] = at;
		if (at > 0)
			add_capped(&b->upath, "/", 1);
		add_capped(&b->upath, name, strlen(name));
	}
}

static void
add_item(struct event_builder *b, struct kvlist *l, const char *name,
    const char *value, bool code)
{
	if (b->nitems >= 2 * MAX_ITEMS) {
		if (!b->said_items)
			diag_add(&b->a->diags, DIAG_NOTE, b->line,
			    "event with more than %d data items: the rest "
			    "were left out",
			    MAX_ITEMS);
		b->said_items = true;
		return;
	}
	b->nitems++;
	model_kv_add(b->m, l, name, value);
	if (code && b->ev->error_code == NULL) {
		char c[11];

		if (event_norm_code(value, strlen(value), c))
			b->ev->error_code = model_strdup(b->m, c);
	}
}

void
event_attr(struct event_builder *b, const char *name, const char *value,
    size_t len)
{
	enum sysfield f = F__COUNT;
	enum elem e;

	if (!b->open || b->decided < 0 || b->depth > MAX_DEPTH)
		return;
	e = cur(b);
	switch (e) {
	case E_PROVIDER:
		if (name_is(name, "Name"))
			f = F_PROVIDER;
		else if (name_is(name, "Guid"))
			f = F_GUID;
		else if (name_is(name, "EventSourceName"))
			f = F_SOURCE;
		break;
	case E_EVENTID:
		if (name_is(name, "Qualifiers"))
			b->qualifiers = to_int(value, len);
		return;
	case E_TIMECREATED:
		if (name_is(name, "SystemTime"))
			f = F_TIME;
		break;
	case E_SECURITY:
		if (name_is(name, "UserID"))
			f = F_USER;
		break;
	case E_DATA:
		if (name_is(name, "Name")) {
			set_capped(&b->dname, value, len);
			b->has_dname = true;
		}
		return;
	case E_USERITEM: {
		size_t at = b->upath.len;
		bool code;
		char *v;

		if (b->ev == NULL)
			return;
		/* CAPI2's Result/@value carries the code */
		code = name_is(name, "value") &&
		    code_name(last_component(buf_str(&b->upath)));
		add_capped(&b->upath, "/@", 2);
		add_capped(&b->upath, name, strlen(name));
		v = xstrndup(value, len < MAX_VALUE ? len : MAX_VALUE);
		add_item(b, &b->ev->user_data, buf_str(&b->upath), v, code);
		free(v);
		truncate_to(&b->upath, at);
		b->uattr = true;
		return;
	}
	default:
		return;
	}
	if (f != F__COUNT) {
		const char *s = trim(value, &len);

		set_capped(&b->sys[f], s, len);
		b->has[f] = true;
	}
}

void
event_text(struct event_builder *b, const char *s, size_t len)
{
	if (!b->open || b->text_depth == 0 || b->text_depth != b->depth)
		return;
	if (!add_capped(&b->text, s, len) && !b->text_cut) {
		b->text_cut = true;
		if (!b->said_cut)
			diag_add(&b->a->diags, DIAG_NOTE, b->line,
			    "event value longer than %d bytes: cut there",
			    MAX_VALUE);
		b->said_cut = true;
	}
}

/* The value of the element that ends now: its text, if it is a leaf. */
static const char *
leaf_text(struct event_builder *b, bool *leaf)
{
	*leaf = b->text_depth != 0 && b->text_depth == b->depth;
	return *leaf ? buf_str(&b->text) : "";
}

static void
set_sys(struct event_builder *b, enum sysfield f, const char *s)
{
	size_t n = strlen(s);

	s = trim(s, &n);
	set_capped(&b->sys[f], s, n);
	b->has[f] = true;
}

void
event_end_element(struct event_builder *b)
{
	enum elem e;
	const char *t;
	bool leaf;

	if (!b->open || b->depth == 0)
		return;
	e = cur(b);
	if (b->decided >= 0 && b->depth <= MAX_DEPTH) {
		t = leaf_text(b, &leaf);
		switch (e) {
		case E_EVENTID:
			b->event_id = to_int(t, strlen(t));
			break;
		case E_VERSION:
			b->version = to_int(t, strlen(t));
			break;
		case E_LEVEL:
			b->level = to_int(t, strlen(t));
			break;
		case E_TASK:
			b->task = to_int(t, strlen(t));
			break;
		case E_RECORDID:
			b->record_id = to_int(t, strlen(t));
			break;
		case E_KEYWORDS:
			set_sys(b, F_KEYWORDS, t);
			break;
		case E_CHANNEL:
			set_sys(b, F_CHANNEL, t);
			break;
		case E_COMPUTER:
			set_sys(b, F_COMPUTER, t);
			break;
		case E_SYSTEM:
			b->depth--;
			decide(b);
			b->text_depth = 0;
			return;
		case E_DATA:
			if (b->ev != NULL)
				add_item(b, &b->ev->data,
				    b->has_dname ? buf_str(&b->dname) : NULL, t,
				    b->has_dname &&
					code_name(buf_str(&b->dname)));
			break;
		case E_BINARY:
		case E_BINEVENTDATA:
			if (b->ev != NULL && b->ev->binary == NULL && leaf) {
				size_t n = strlen(t);
				const char *s = trim(t, &n);

				b->ev->binary = model_strndup(b->m, s, n);
			}
			break;
		case E_MESSAGE:
			if (b->ev != NULL && b->ev->message == NULL) {
				size_t n = strlen(t);
				const char *s = trim(t, &n);

				if (n > 0)
					b->ev->message =
					    model_strndup(b->m, s, n);
			}
			break;
		case E_USERITEM:
			if (b->ev == NULL)
				break;
			/* an empty element with attributes said it all */
			if (leaf && (*t != '\0' || !b->uattr))
				add_item(b, &b->ev->user_data,
				    buf_str(&b->upath), t,
				    code_name(
					last_component(buf_str(&b->upath))));
			truncate_to(&b->upath, b->ulen[b->depth]);
			b->uattr = false;
			break;
		default:
			break;
		}
	}
	b->depth--;
	b->text_depth = 0;
}

void
event_set_message(struct event_builder *b, const char *s, size_t len)
{
	if (!b->open)
		return;
	set_capped(&b->message, s, len);
	b->has_message = true;
}

enum event_outcome
event_end(struct event_builder *b)
{
	struct event *ev;

	if (!b->open)
		return EVENT_NONE;
	b->open = false;
	decide(b);
	b->a->events_total++;
	if (b->decided < 0) {
		const char *p = b->has[F_PROVIDER] ?
		    buf_str(&b->sys[F_PROVIDER]) :
		    b->has[F_SOURCE] ? buf_str(&b->sys[F_SOURCE]) :
				       "";

		model_tally_event(b->m, b->a, p, b->event_id);
		return EVENT_COUNTED;
	}
	ev = b->ev;
	if (ev->message == NULL && b->has_message && b->message.len > 0)
		ev->message =
		    model_strndup(b->m, b->message.data, b->message.len);
	if (ev->binary != NULL && ev->event_id != INT_NONE) {
		char st[11];

		if (event_binary_ntstatus(ev->binary, ev->event_id, st))
			ev->ntstatus = model_strdup(b->m, st);
	}
	b->a->events_kept++;
	return EVENT_KEPT;
}

enum event_outcome
event_cut(struct event_builder *b)
{
	if (!b->open)
		return EVENT_NONE;
	if (b->decided == 0) {
		event_abort(b);
		return EVENT_NONE;
	}
	/* elements left open: their text is lost, what ended is kept */
	b->depth = 0;
	if (b->ev != NULL)
		b->ev->truncated = 1;
	return event_end(b);
}

void
event_abort(struct event_builder *b)
{
	if (!b->open)
		return;
	b->open = false;
	if (b->ev != NULL)
		model_drop_last(b->m, REC_EVENT);
	b->ev = NULL;
	b->a->events_total++;
	b->a->events_skipped++;
}

void
event_unreadable(struct event_builder *b)
{
	b->a->events_total++;
	b->a->events_skipped++;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
event_norm_code(const char *s, size_t n, char out[11])
{
	unsigned long long v = 0;
	bool neg = false, hex = false;
	size_t i;

	s = trim(s, &n);
	if (n == 0)
		return false;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
		hex = true;
		if (n > 8)
			return false;
	} else if (s[0] == '-') {
		s++;
		n--;
		neg = true;
	} else if (n == 8) {
		hex = true; /* CAPI2's "800B0109"; see event.h */
	}
	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		int d = hexval((unsigned char)s[i]);

		if (d < 0 || (!hex && d > 9))
			return false;
		v = v * (hex ? 16 : 10) + (unsigned)d;
	}
	if (neg) {
		if (v == 0 || v > 0x80000000ULL)
			return false;
		v = 0x100000000ULL - v;
	}
	if (v > 0xFFFFFFFFULL)
		return false;
	snprintf(out, 11, "0x%08llx", v);
	return true;
}

bool
event_binary_ntstatus(const char *hex, long long event_id, char out[11])
{
	unsigned char p[44];
	size_t n = strlen(hex);
	unsigned dump, code, st;

	if (n < 2 * sizeof(p))
		return false;
	for (size_t i = 0; i < sizeof(p); i++) {
		int hi = hexval((unsigned char)hex[2 * i]);
		int lo = hexval((unsigned char)hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	dump = (unsigned)p[2] | (unsigned)p[3] << 8;
	code = (unsigned)p[12] | (unsigned)p[13] << 8 | (unsigned)p[14] << 16 |
	    (unsigned)p[15] << 24;
	st = (unsigned)p[40] | (unsigned)p[41] << 8 | (unsigned)p[42] << 16 |
	    (unsigned)p[43] << 24;
	if (dump < 4 || event_id < 0 || (code & 0xFFFF) != (event_id & 0xFFFF))
		return false;
	snprintf(out, 11, "0x%08x", st);
	return true;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
event_norm_time(const char *s, size_t n, char out[29])
{
	size_t i, nd;
	char *o = out;

	s = trim(s, &n);
	/* 2022-10-16T20:27:36 */
	if (n < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
	    !digits(s + 17, 2))
		return false;
	i = 19;
	nd = 0;
	if (s[i] == '.') {
		i++;
		while (i + nd < n && s[i + nd] >= '0' && s[i + nd] <= '9')
			nd++;
		if (nd == 0)
			return false;
		for (size_t k = 7; k < nd; k++)
			if (s[i + k] != '0')
				return false;
	}
	/* the zone: Z, z or +00:00 and nothing after it */
	{
		const char *z = s + i + nd;
		size_t zn = n - i - nd;

		if (!((zn == 1 && (z[0] == 'Z' || z[0] == 'z')) ||
			(zn == 6 && memcmp(z, "+00:00", 6) == 0) ||
			(zn == 6 && memcmp(z, "-00:00", 6) == 0)))
			return false;
	}
	memcpy(o, s, 19);
	o[10] = 'T';
	o += 19;
	*o++ = '.';
	for (size_t k = 0; k < 7; k++)
		*o++ = k < nd ? s[i + k] : '0';
	*o++ = 'Z';
	*o = '\0';
	return true;
}
