/*
 * The event builder collects the open event in its own buffers, which are
 * reused from one event to the next, and touches the model only when the
 * event ends.  The keep-or-count decision is taken as soon as System ends
 * (or another top-level child of Event starts, or the event ends): a
 * counted event is ignored from then on, so the millions of events nobody
 * reads cost a few comparisons each.  A kept event is first looked up among
 * the records already made from this artifact: if one is identical but for
 * time, record id and line, it only gets one more occurrence.  Memory thus
 * follows the number of distinct events, not the size of the log.
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

#define MAX_DEPTH 16		 /* element levels below Event we follow */
#define MAX_FIELD 4096		 /* bytes kept of one System field */
#define MAX_VALUE (256 << 10)	 /* bytes kept of one value */
#define MAX_ITEMS 1024		 /* data plus user_data pairs per event */
#define MAX_ITEM_BYTES (1 << 20) /* and their bytes */
#define MAX_COMPUTERS 32	 /* computer names made host facts */
#define NO_NAME UINT32_MAX

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

/* String fields of the open event. */
enum part {
	F_PROVIDER,
	F_GUID,
	F_SOURCE,
	F_KEYWORDS,
	F_TIME, /* as written */
	F_CHANNEL,
	F_COMPUTER,
	F_USER,
	F_BINARY,
	F_MESSAGE, /* RenderingInfo/Message */
	F_OUTER,   /* a message from outside the XML */
	F__COUNT,
};

/* One data or user_data pair: offsets into the item buffer. */
struct item {
	uint32_t name; /* NO_NAME for an unnamed Data */
	uint32_t value;
	bool user;
};

/* A record made from this artifact, for folding repeats into it. */
struct fold {
	uint64_t hash;
	struct event *ev;
	char first[29], last[29]; /* normalised times, "" if none */
};

/* One per artifact: its layout follows its use, not its size. */
struct event_builder { /* NOLINT(clang-analyzer-optin.performance.Padding) */
	struct model *m;
	struct artifact *a;
	const struct evfilter *keep;

	/* the open event */
	bool open;
	unsigned long line;
	const char *format;
	int decided; /* 0 not yet, 1 kept, -1 counted */
	bool truncated;
	unsigned depth; /* open elements below Event */
	enum elem path[MAX_DEPTH + 1];
	struct buf f[F__COUNT];
	bool has[F__COUNT];
	long long event_id, qualifiers, version, level, task, record_id;
	struct buf text; /* character data of the element at text_depth */
	unsigned text_depth;
	bool text_cut;
	struct buf dname; /* Data/@Name of the open Data element */
	bool has_dname;
	struct buf upath; /* UserData path of the open element */
	size_t ulen[MAX_DEPTH + 1];
	bool uattr; /* the open UserData element has attributes */
	struct buf ibuf;
	struct item *items;
	size_t nitems, items_alloc;
	char code[11]; /* error_code, "" until found */

	/* records made so far, by signature */
	struct fold *tab;
	size_t slots, ntab;
	/* one-entry caches, so repeated values share one copy */
	const char *last[F__COUNT];
	const char *computers[MAX_COMPUTERS];
	size_t ncomputers;
	/* diagnostics given once per artifact */
	bool said_time, said_cut, said_items, said_computers, said_full;
};

static const size_t field_max[F__COUNT] = {
	[F_PROVIDER] = MAX_FIELD,
	[F_GUID] = MAX_FIELD,
	[F_SOURCE] = MAX_FIELD,
	[F_KEYWORDS] = MAX_FIELD,
	[F_TIME] = MAX_FIELD,
	[F_CHANNEL] = MAX_FIELD,
	[F_COMPUTER] = MAX_FIELD,
	[F_USER] = MAX_FIELD,
	[F_BINARY] = MAX_VALUE,
	[F_MESSAGE] = MAX_VALUE,
	[F_OUTER] = MAX_VALUE,
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
		buf_init(&b->f[i], field_max[i]);
	buf_init(&b->text, MAX_VALUE);
	buf_init(&b->dname, MAX_FIELD);
	buf_init(&b->upath, MAX_FIELD);
	buf_init(&b->ibuf, MAX_ITEM_BYTES);
	return b;
}

void
event_builder_free(struct event_builder *b)
{
	if (b == NULL)
		return;
	if (b->open)
		event_abort(b);
	/* the time range of each record, now that every repeat is in */
	for (size_t i = 0; i < b->slots; i++) {
		struct fold *fo = &b->tab[i];

		if (fo->ev == NULL || fo->first[0] == '\0')
			continue;
		/* (a repeat may have a time where the first had none) */
		fo->ev->time_first = fo->ev->time != NULL &&
			strcmp(fo->first, fo->ev->time) == 0 ?
		    fo->ev->time :
		    model_strdup(b->m, fo->first);
		fo->ev->time_last = fo->ev->time != NULL &&
			strcmp(fo->last, fo->ev->time) == 0 ?
		    fo->ev->time :
		    model_strdup(b->m, fo->last);
	}
	free(b->tab);
	for (int i = 0; i < F__COUNT; i++)
		buf_release(&b->f[i]);
	buf_release(&b->text);
	buf_release(&b->dname);
	buf_release(&b->upath);
	buf_release(&b->ibuf);
	free(b->items);
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

static void
set_field(struct event_builder *b, enum part f, const char *s, size_t n)
{
	s = trim(s, &n);
	buf_reset(&b->f[f]);
	add_capped(&b->f[f], s, n);
	b->has[f] = true;
}

static const char *
fval(const struct event_builder *b, enum part f)
{
	return b->has[f] ? buf_str(&b->f[f]) : NULL;
}

long long
event_int(const char *s, size_t n)
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

static void
note_computer(struct event_builder *b, const char *c)
{
	if (c == NULL || *c == '\0')
		return;
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

/* Keep or count, once System is known. */
static void
decide(struct event_builder *b)
{
	const char *prov = fval(b, F_PROVIDER), *src = fval(b, F_SOURCE);

	if (b->decided != 0)
		return;
	note_computer(b, fval(b, F_COMPUTER));
	if (evfilter_match(b->keep, prov, b->event_id) ||
	    (src != NULL && evfilter_match(b->keep, src, b->event_id)))
		b->decided = 1;
	else
		b->decided = -1;
}

static void
tally(struct event_builder *b, const char *provider, const char *source,
    long long id)
{
	const char *p = provider != NULL ? provider : source;

	b->a->events_total++;
	model_tally_event(b->m, b->a, p != NULL ? p : "", id);
}

enum event_outcome
event_count_quick(struct event_builder *b, unsigned long line,
    const char *provider, const char *source, long long id,
    const char *computer)
{
	if (b->open || (b->keep != NULL && b->keep->keep_all) ||
	    evfilter_match(b->keep, provider, id) ||
	    (source != NULL && evfilter_match(b->keep, source, id)))
		return EVENT_NONE;
	b->line = line;
	note_computer(b, computer);
	tally(b, provider, source, id);
	return EVENT_COUNTED;
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
	b->truncated = false;
	b->depth = 0;
	for (int i = 0; i < F__COUNT; i++) {
		buf_reset(&b->f[i]);
		b->has[i] = false;
	}
	b->event_id = b->qualifiers = b->version = INT_NONE;
	b->level = b->task = b->record_id = INT_NONE;
	buf_reset(&b->text);
	b->text_depth = 0;
	buf_reset(&b->upath);
	buf_reset(&b->ibuf);
	b->nitems = 0;
	b->code[0] = '\0';
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
	} else if (e == E_USERITEM) {
		size_t at = b->upath.len;

		b->uattr = false;
		b->ulen[b->depth] = at;
		if (at > 0)
			add_capped(&b->upath, "/", 1);
		add_capped(&b->upath, name, strlen(name));
	}
}

/* Store a string in the item buffer; its offset, or -1 when full. */
static long
item_str(struct event_builder *b, const char *s, size_t n)
{
	size_t at = b->ibuf.len;

	if (b->ibuf.max - b->ibuf.len < n + 1)
		return -1;
	if (buf_add(&b->ibuf, s, n) < 0 || buf_addc(&b->ibuf, '\0') < 0)
		BUG("item cap arithmetic");
	return (long)at;
}

static const char *
item_at(const struct event_builder *b, uint32_t off)
{
	return off == NO_NAME ? NULL : b->ibuf.data + off;
}

static void
add_item(struct event_builder *b, bool user, const char *name,
    const char *value, size_t vlen, bool code)
{
	long no = 0, vo;

	if (b->nitems == MAX_ITEMS ||
	    (name != NULL && (no = item_str(b, name, strlen(name))) < 0) ||
	    (vo = item_str(b, value, vlen)) < 0) {
		if (!b->said_items)
			diag_add(&b->a->diags, DIAG_NOTE, b->line,
			    "event with more than %d data items or %d bytes "
			    "of them: the rest were left out",
			    MAX_ITEMS, MAX_ITEM_BYTES);
		b->said_items = true;
		return;
	}
	if (b->nitems == b->items_alloc)
		xgrow((void **)&b->items, &b->items_alloc, b->nitems + 1,
		    sizeof(*b->items));
	b->items[b->nitems].name = name != NULL ? (uint32_t)no : NO_NAME;
	b->items[b->nitems].value = (uint32_t)vo;
	b->items[b->nitems].user = user;
	b->nitems++;
	if (code && b->code[0] == '\0')
		event_norm_code(value, vlen, b->code);
}

void
event_attr(struct event_builder *b, const char *name, const char *value,
    size_t len)
{
	if (!b->open || b->decided < 0 || b->depth > MAX_DEPTH)
		return;
	switch (cur(b)) {
	case E_PROVIDER:
		if (name_is(name, "Name"))
			set_field(b, F_PROVIDER, value, len);
		else if (name_is(name, "Guid"))
			set_field(b, F_GUID, value, len);
		else if (name_is(name, "EventSourceName"))
			set_field(b, F_SOURCE, value, len);
		break;
	case E_EVENTID:
		if (name_is(name, "Qualifiers"))
			b->qualifiers = event_int(value, len);
		break;
	case E_TIMECREATED:
		if (name_is(name, "SystemTime"))
			set_field(b, F_TIME, value, len);
		break;
	case E_SECURITY:
		if (name_is(name, "UserID"))
			set_field(b, F_USER, value, len);
		break;
	case E_DATA:
		if (name_is(name, "Name")) {
			buf_reset(&b->dname);
			add_capped(&b->dname, value, len);
			b->has_dname = true;
		}
		break;
	case E_USERITEM: {
		size_t at = b->upath.len;
		/* CAPI2's Result/@value carries the code */
		bool code = name_is(name, "value") &&
		    code_name(last_component(buf_str(&b->upath)));

		if (b->decided <= 0)
			break;
		add_capped(&b->upath, "/@", 2);
		add_capped(&b->upath, name, strlen(name));
		add_item(b, true, buf_str(&b->upath), value,
		    len < MAX_VALUE ? len : MAX_VALUE, code);
		truncate_to(&b->upath, at);
		b->uattr = true;
		break;
	}
	default:
		break;
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

void
event_end_element(struct event_builder *b)
{
	enum elem e;
	bool leaf;
	const char *t;
	size_t n;

	if (!b->open || b->depth == 0)
		return;
	e = cur(b);
	leaf = b->text_depth != 0 && b->text_depth == b->depth;
	t = leaf ? buf_str(&b->text) : "";
	n = leaf ? b->text.len : 0;
	if (b->decided >= 0 && b->depth <= MAX_DEPTH) {
		switch (e) {
		case E_EVENTID:
			b->event_id = event_int(t, n);
			break;
		case E_VERSION:
			b->version = event_int(t, n);
			break;
		case E_LEVEL:
			b->level = event_int(t, n);
			break;
		case E_TASK:
			b->task = event_int(t, n);
			break;
		case E_RECORDID:
			b->record_id = event_int(t, n);
			break;
		case E_KEYWORDS:
			set_field(b, F_KEYWORDS, t, n);
			break;
		case E_CHANNEL:
			set_field(b, F_CHANNEL, t, n);
			break;
		case E_COMPUTER:
			set_field(b, F_COMPUTER, t, n);
			break;
		case E_SYSTEM:
			b->depth--;
			b->text_depth = 0;
			decide(b);
			return;
		case E_DATA:
			if (b->decided > 0)
				add_item(b, false,
				    b->has_dname ? buf_str(&b->dname) : NULL, t,
				    n,
				    b->has_dname &&
					code_name(buf_str(&b->dname)));
			break;
		case E_BINARY:
		case E_BINEVENTDATA:
			if (b->decided > 0 && leaf && !b->has[F_BINARY])
				set_field(b, F_BINARY, t, n);
			break;
		case E_MESSAGE:
			if (b->decided > 0 && !b->has[F_MESSAGE]) {
				set_field(b, F_MESSAGE, t, n);
				if (b->f[F_MESSAGE].len == 0)
					b->has[F_MESSAGE] = false;
			}
			break;
		case E_USERITEM:
			if (b->decided <= 0)
				break;
			/* an empty element with attributes said it all */
			if (leaf && (n > 0 || !b->uattr))
				add_item(b, true, buf_str(&b->upath), t, n,
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
	if (b->open)
		set_field(b, F_OUTER, s, len);
}

/* Folding repeats: the signature is every field but time, id and line. */

static uint64_t
mix(uint64_t h, const char *s)
{
	if (s == NULL)
		return (h ^ 0xff) * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xfe) * 1099511628211ULL;
}

static uint64_t
mix_int(uint64_t h, long long v)
{
	return (h ^ (uint64_t)v) * 1099511628211ULL;
}

static const char *
message(const struct event_builder *b)
{
	const char *m = fval(b, F_MESSAGE);

	if (m != NULL)
		return m;
	m = fval(b, F_OUTER);
	return m != NULL && *m != '\0' ? m : NULL;
}

static uint64_t
signature(const struct event_builder *b, const char *ntstatus)
{
	uint64_t h = 1469598103934665603ULL;

	h = mix(h, b->format);
	for (int f = 0; f < F__COUNT; f++)
		if (f != F_TIME && f != F_MESSAGE && f != F_OUTER)
			h = mix(h, fval(b, (enum part)f));
	h = mix(h, message(b));
	h = mix_int(h, b->event_id);
	h = mix_int(h, b->qualifiers);
	h = mix_int(h, b->version);
	h = mix_int(h, b->level);
	h = mix_int(h, b->task);
	h = mix_int(h, b->truncated);
	for (size_t i = 0; i < b->nitems; i++) {
		h = mix_int(h, b->items[i].user);
		h = mix(h, item_at(b, b->items[i].name));
		h = mix(h, item_at(b, b->items[i].value));
	}
	h = mix(h, b->code[0] != '\0' ? b->code : NULL);
	return mix(h, ntstatus);
}

static bool
same(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* Is record ev what the open event would become? */
static bool
matches(const struct event_builder *b, const struct event *ev,
    const char *ntstatus)
{
	size_t k = 0, u = 0;

	if (!same(ev->format, b->format) ||
	    !same(ev->provider, fval(b, F_PROVIDER)) ||
	    !same(ev->provider_guid, fval(b, F_GUID)) ||
	    !same(ev->source_name, fval(b, F_SOURCE)) ||
	    !same(ev->keywords, fval(b, F_KEYWORDS)) ||
	    !same(ev->channel, fval(b, F_CHANNEL)) ||
	    !same(ev->computer, fval(b, F_COMPUTER)) ||
	    !same(ev->user_sid, fval(b, F_USER)) ||
	    !same(ev->binary, fval(b, F_BINARY)) ||
	    !same(ev->message, message(b)) ||
	    !same(ev->error_code, b->code[0] != '\0' ? b->code : NULL) ||
	    !same(ev->ntstatus, ntstatus) || ev->event_id != b->event_id ||
	    ev->qualifiers != b->qualifiers || ev->version != b->version ||
	    ev->level != b->level || ev->task != b->task ||
	    (ev->truncated == 1) != b->truncated)
		return false;
	/* each list against its own items, in document order */
	for (size_t i = 0; i < b->nitems; i++) {
		const struct kvlist *l =
		    b->items[i].user ? &ev->user_data : &ev->data;
		size_t *j = b->items[i].user ? &u : &k;

		if (*j >= l->n ||
		    !same(l->v[*j].name, item_at(b, b->items[i].name)) ||
		    !same(l->v[*j].value, item_at(b, b->items[i].value)))
			return false;
		(*j)++;
	}
	return k == ev->data.n && u == ev->user_data.n;
}

/* A copy in the model, shared with the previous value of the same field. */
static const char *
cached(struct event_builder *b, enum part f)
{
	const char *s = fval(b, f);

	if (s == NULL)
		return NULL;
	if (b->last[f] == NULL || strcmp(b->last[f], s) != 0)
		b->last[f] = model_strdup(b->m, s);
	return b->last[f];
}

/*
 * Schannel writes its Type data (which end of TLS failed) in the language
 * of the system: "client" on English Windows, "客户端" on Chinese.  The
 * words seen in real logs are marked; the others are the usual
 * translations, unconfirmed: a wrong one only leaves side unset.
 */
static const struct {
	const char *word;
	const char *side;
} side_words[] = {
	{ "client", "client" },	      /* en (seen) */
	{ "server", "server" },	      /* en (seen) */
	{ "客户端", "client" },	      /* zh-CN (seen) */
	{ "服务器", "server" },	      /* zh-CN */
	{ "用戶端", "client" },	      /* zh-TW */
	{ "伺服器", "server" },	      /* zh-TW */
	{ "クライアント", "client" }, /* ja-JP */
	{ "サーバー", "server" },     /* ja-JP */
	{ "클라이언트", "client" },   /* ko-KR */
	{ "서버", "server" },	      /* ko-KR */
	{ "serveur", "server" },      /* fr-FR */
	{ "cliente", "client" },      /* es-ES, pt-BR */
	{ "servidor", "server" },     /* es-ES, pt-BR */
	{ "клиент", "client" },	      /* ru-RU */
	{ "сервер", "server" },	      /* ru-RU */
};

static const char *
schannel_side(const struct event *ev)
{
	const char *t;
	size_t n;

	if (ev->provider == NULL || strcasecmp(ev->provider, "Schannel") != 0 ||
	    (t = kv_get(&ev->data, "Type")) == NULL)
		return NULL;
	n = strlen(t);
	t = trim(t, &n);
	for (size_t i = 0; i < ARRAY_SIZE(side_words); i++)
		if (strlen(side_words[i].word) == n &&
		    strncasecmp(t, side_words[i].word, n) == 0)
			return side_words[i].side;
	return NULL;
}

static struct event *
make_record(struct event_builder *b, const char *time, const char *ntstatus)
{
	struct event *ev = model_add(b->m, REC_EVENT, b->a, b->line);
	const char *msg = message(b);

	ev->format = b->format;
	ev->provider = cached(b, F_PROVIDER);
	ev->provider_guid = cached(b, F_GUID);
	ev->source_name = cached(b, F_SOURCE);
	ev->channel = cached(b, F_CHANNEL);
	ev->keywords = cached(b, F_KEYWORDS);
	ev->computer = cached(b, F_COMPUTER);
	ev->user_sid = cached(b, F_USER);
	ev->binary = model_strdup(b->m, fval(b, F_BINARY));
	ev->message = model_strdup(b->m, msg);
	ev->event_id = b->event_id;
	ev->qualifiers = b->qualifiers;
	ev->version = b->version;
	ev->level = b->level;
	ev->task = b->task;
	ev->record_id = b->record_id;
	ev->time = model_strdup(b->m, time);
	for (size_t i = 0; i < b->nitems; i++)
		model_kv_add(b->m,
		    b->items[i].user ? &ev->user_data : &ev->data,
		    item_at(b, b->items[i].name),
		    item_at(b, b->items[i].value));
	if (b->code[0] != '\0')
		ev->error_code = model_strdup(b->m, b->code);
	ev->ntstatus = model_strdup(b->m, ntstatus);
	if (b->truncated)
		ev->truncated = 1;
	ev->occurrences = 1;
	ev->side = schannel_side(ev);
	return ev;
}

static void
fold_grow(struct event_builder *b)
{
	struct fold *old = b->tab;
	size_t n = b->slots;

	b->slots = n ? n * 2 : 64;
	b->tab = xcalloc(b->slots, sizeof(*b->tab));
	for (size_t i = 0; i < n; i++) {
		size_t s;

		if (old[i].ev == NULL)
			continue;
		s = (size_t)old[i].hash & (b->slots - 1);
		while (b->tab[s].ev != NULL)
			s = (s + 1) & (b->slots - 1);
		b->tab[s] = old[i];
	}
	free(old);
}

/*
 * The open event is kept: one more occurrence, or a new record.  false
 * when it would need a new record but the artifact already has
 * EVENT_MAX_RECORDS: distinct events beyond that are only counted, so a
 * hostile log of millions of all-different events cannot exhaust memory.
 */
static bool
keep(struct event_builder *b)
{
	char st[11], t[29];
	const char *ntstatus = NULL, *time = NULL;
	const char *bin = fval(b, F_BINARY);
	uint64_t h;
	size_t s;

	if (bin != NULL && b->event_id != INT_NONE &&
	    event_binary_ntstatus(bin, b->event_id, st))
		ntstatus = st;
	if (b->has[F_TIME]) {
		if (event_norm_time(b->f[F_TIME].data, b->f[F_TIME].len, t))
			time = t;
		else if (!b->said_time) {
			b->said_time = true;
			diag_add(&b->a->diags, DIAG_WARNING, b->line,
			    "event time '%.64s' is not ISO-8601 UTC: left out",
			    buf_str(&b->f[F_TIME]));
		}
	}
	if (b->ntab * 2 >= b->slots)
		fold_grow(b);
	h = signature(b, ntstatus);
	for (s = (size_t)h & (b->slots - 1); b->tab[s].ev != NULL;
	     s = (s + 1) & (b->slots - 1)) {
		struct fold *fo = &b->tab[s];

		if (fo->hash != h || !matches(b, fo->ev, ntstatus))
			continue;
		fo->ev->occurrences++;
		if (time != NULL) {
			if (fo->first[0] == '\0' || strcmp(time, fo->first) < 0)
				memcpy(fo->first, time, sizeof(t));
			if (fo->last[0] == '\0' || strcmp(time, fo->last) > 0)
				memcpy(fo->last, time, sizeof(t));
		}
		return true;
	}
	if (b->ntab >= EVENT_MAX_RECORDS) {
		if (!b->said_full) {
			b->said_full = true;
			diag_add(&b->a->diags, DIAG_WARNING, b->line,
			    "more than %d distinct events to keep: the rest "
			    "are only counted",
			    EVENT_MAX_RECORDS);
		}
		return false;
	}
	b->tab[s].hash = h;
	b->tab[s].ev = make_record(b, time, ntstatus);
	if (time != NULL) {
		memcpy(b->tab[s].first, time, sizeof(t));
		memcpy(b->tab[s].last, time, sizeof(t));
	}
	b->ntab++;
	return true;
}

enum event_outcome
event_end(struct event_builder *b)
{
	if (!b->open)
		return EVENT_NONE;
	b->open = false;
	decide(b);
	if (b->decided < 0) {
		tally(b, fval(b, F_PROVIDER), fval(b, F_SOURCE), b->event_id);
		return EVENT_COUNTED;
	}
	if (!keep(b)) {
		tally(b, fval(b, F_PROVIDER), fval(b, F_SOURCE), b->event_id);
		return EVENT_COUNTED;
	}
	b->a->events_total++;
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
	/* elements left open lose their text; what ended is kept */
	b->depth = 0;
	b->truncated = true;
	return event_end(b);
}

void
event_abort(struct event_builder *b)
{
	if (!b->open)
		return;
	b->open = false;
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
	for (size_t i = 0; i < n; i++) {
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
	unsigned dump, code, st;

	if (strlen(hex) < 2 * sizeof(p))
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
	size_t i = 19, nd = 0, zn;
	const char *z;
	char *o = out;

	s = trim(s, &n);
	/* 2022-10-16T20:27:36 */
	if (n < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
	    !digits(s + 17, 2))
		return false;
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
	z = s + i + nd;
	zn = n - i - nd;
	if (!((zn == 1 && (z[0] == 'Z' || z[0] == 'z')) ||
		(zn == 6 && memcmp(z, "+00:00", 6) == 0) ||
		(zn == 6 && memcmp(z, "-00:00", 6) == 0)))
		return false;
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
