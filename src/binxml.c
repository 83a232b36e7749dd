/*
 * The walk follows the token grammar of binary XML, all offsets being
 * offsets in the chunk:
 *
 *   fragment  0f 01 01 00, then a template instance or an element, then 00
 *   instance  0c, 1 byte, template id (4), definition offset (4); the
 *             definition (next offset 4, GUID 16, data size 4, then a
 *             fragment) follows at once when its offset is the current
 *             one; then the values: their count (4), a size (2), type (1)
 *             and padding (1) for each, and the values one after another
 *   element   01 (41: with attributes), dependency (2), size (4), name
 *             offset (4), [attribute list size (4), attributes], then 02,
 *             content, 04 (or 03 for an empty element); an element that
 *             is a value of binary XML by itself has no dependency field
 *   attribute 06 (46: more follow), name offset (4), then value parts
 *   parts     05/45 type 01, character count (2), UTF-16LE characters;
 *             0d (0e: optional) value number (2), type (1)
 *   name      next offset (4), hash (2), character count (2), characters,
 *             00 00; stored where it is first used (its offset is then
 *             the current one), referred to by offset after that
 *
 * What it does not know (CDATA, character and entity references,
 * processing instructions, most value arrays, ANSI strings, handles) makes
 * it give up, as do sizes that do not fit their type.
 */
#include "compat.h"

#include <string.h>

#include "binxml.h"
#include "evtx.h"
#include "le.h"

#define MAX_VALUES 512 /* values of one template instance */
#define MAX_DEPTH 32   /* elements nested in a template */
#define MAX_NEST 4     /* binary XML values inside values */

/* value types */
enum {
	T_NULL = 0x00,
	T_STRING = 0x01,
	T_INT8 = 0x03,
	T_UINT8 = 0x04,
	T_INT16 = 0x05,
	T_UINT16 = 0x06,
	T_INT32 = 0x07,
	T_UINT32 = 0x08,
	T_INT64 = 0x09,
	T_UINT64 = 0x0a,
	T_FLOAT = 0x0b,
	T_DOUBLE = 0x0c,
	T_BOOL = 0x0d,
	T_BINARY = 0x0e,
	T_GUID = 0x0f,
	T_SIZE = 0x10,
	T_FILETIME = 0x11,
	T_SYSTEMTIME = 0x12,
	T_SID = 0x13,
	T_HEX32 = 0x14,
	T_HEX64 = 0x15,
	T_BINXML = 0x21,
	T_STRING_ARRAY = 0x81,
};

struct value {
	uint32_t off;
	uint32_t size;
	unsigned type;
};

/* The System parts looked for, and the elements that hold them. */
enum field { F_NAME, F_SOURCE, F_ID, F_QUALIFIERS, F_COMPUTER, F__COUNT };
enum elem {
	E_OTHER,
	E_EVENT,
	E_SYSTEM,
	E_PROVIDER,
	E_EVENTID,
	E_COMPUTER,
	E__COUNT
};

/* One part of a field: characters of the template, or a value. */
struct part {
	bool subst;
	uint32_t off; /* characters: their offset */
	uint32_t n;   /* characters: how many; a value: its number */
};

struct walk {
	const unsigned char *c;
	uint32_t end; /* of the template's data */
	const struct value *v;
	uint32_t nv;
	bool collect; /* the record's own template: note its System parts */
	bool plain;   /* an element in a value: no dependency fields */
	struct value *store;	  /* collect: where its values go */
	unsigned seen[F__COUNT];  /* attributes or elements met */
	unsigned parts[F__COUNT]; /* their parts */
	struct part part[F__COUNT];
	unsigned elems[E__COUNT];
};

static bool instance(const unsigned char *c, uint32_t *pos, uint32_t end,
    int nest, struct walk *collect);

static bool
is_part(unsigned t)
{
	return t == 0x05 || t == 0x45 || t == 0x0d || t == 0x0e;
}

static bool
is_null(const struct value *v)
{
	return v->type == T_NULL || v->size == 0;
}

/*
 * The name whose offset is at *pos; an inline one is stepped over.  Its
 * offset goes to *name.
 */
static bool
name(const struct walk *w, uint32_t *pos, uint32_t *name)
{
	uint32_t o, p = *pos, len;

	if (w->end - p < 4)
		return false;
	o = le32(w->c + p);
	p += 4;
	if (o > p || o < EVTX_FIRST_RECORD || EVTX_CHUNK_SIZE - o < 8)
		return false;
	len = 8 + 2 * le16(w->c + o + 6) + 2;
	if (len > EVTX_CHUNK_SIZE - o || le16(w->c + o + len - 2) != 0)
		return false; /* libevtx reads the NUL as part of the name */
	/* names are ASCII: how libevtx matches others is not known here */
	for (uint32_t i = o + 8; i < o + len - 2; i += 2)
		if (w->c[i] == 0 || w->c[i] >= 0x80 || w->c[i + 1] != 0)
			return false;
	if (o == p) {
		if (len > w->end - p)
			return false;
		p += len;
	}
	*name = o;
	*pos = p;
	return true;
}

/* Whether the name at offset o is the ASCII string s. */
static bool
name_is(const unsigned char *c, uint32_t o, const char *s)
{
	uint32_t n = le16(c + o + 6);
	const unsigned char *ch = c + o + 8;

	if (strlen(s) != n)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (ch[2 * i] != (unsigned char)s[i] || ch[2 * i + 1] != 0)
			return false;
	return true;
}

/* A value part at *pos, noted for field f (-1: none). */
static bool
part(struct walk *w, uint32_t *pos, int f)
{
	const unsigned char *c = w->c;
	uint32_t p = *pos;
	struct part pt = { false, 0, 0 };

	if (w->end - p < 4)
		return false;
	if (c[p] == 0x05 || c[p] == 0x45) {
		uint32_t n = le16(c + p + 2);

		if (c[p + 1] != T_STRING || (w->end - p - 4) / 2 < n)
			return false;
		pt.off = p + 4;
		pt.n = n;
		p += 4 + 2 * n;
	} else {
		uint32_t i = le16(c + p + 1);

		if (i >= w->nv ||
		    (w->v[i].type != c[p + 3] && w->v[i].type != T_NULL))
			return false;
		pt.subst = true;
		pt.n = i;
		p += 4;
	}
	if (f >= 0 && w->parts[f]++ == 0)
		w->part[f] = pt;
	*pos = p;
	return true;
}

/* The parts of an attribute or of an element's text, for field f. */
static bool
parts(struct walk *w, uint32_t *pos, int f)
{
	if (f >= 0)
		w->seen[f]++;
	while (*pos < w->end && is_part(w->c[*pos]))
		if (!part(w, pos, f))
			return false;
	return true;
}

static enum elem
which_element(const struct walk *w, uint32_t nm, int depth, enum elem parent)
{
	const unsigned char *c = w->c;

	if (!w->collect)
		return E_OTHER;
	if (depth == 0)
		return name_is(c, nm, "Event") ? E_EVENT : E__COUNT;
	if (parent == E_EVENT && name_is(c, nm, "System"))
		return E_SYSTEM;
	if (parent != E_SYSTEM)
		return E_OTHER;
	if (name_is(c, nm, "Provider"))
		return E_PROVIDER;
	if (name_is(c, nm, "EventID"))
		return E_EVENTID;
	if (name_is(c, nm, "Computer"))
		return E_COMPUTER;
	return E_OTHER;
}

static int
which_attribute(const struct walk *w, uint32_t nm, enum elem e)
{
	if (e == E_PROVIDER && name_is(w->c, nm, "Name"))
		return F_NAME;
	if (e == E_PROVIDER && name_is(w->c, nm, "EventSourceName"))
		return F_SOURCE;
	if (e == E_EVENTID && name_is(w->c, nm, "Qualifiers"))
		return F_QUALIFIERS;
	return -1;
}

static bool
element(struct walk *w, uint32_t *pos, int depth, enum elem parent)
{
	const unsigned char *c = w->c;
	uint32_t p = *pos, nm, dep, size;
	unsigned t = c[p];
	enum elem e;
	int text = -1;

	if (depth >= MAX_DEPTH || w->end - p < 7)
		return false;
	dep = w->plain ? 0xffff : le16(c + p + 1);
	p += w->plain ? 5 : 7;
	/* the element's size, counted from here, is what libevtx reads */
	size = le32(c + p - 4);
	if (size > w->end - p)
		return false;
	size += p;
	if (!name(w, &p, &nm))
		return false;
	e = which_element(w, nm, depth, parent);
	if (e == E__COUNT)
		return false; /* not an event */
	if (e != E_OTHER) {
		/*
		 * The element may depend on a value: when that is empty,
		 * it might not be there for libevtx.
		 */
		if (dep != 0xffff && (dep >= w->nv || is_null(&w->v[dep])))
			return false;
		w->elems[e]++;
	}
	if (e == E_EVENTID)
		text = F_ID;
	else if (e == E_COMPUTER)
		text = F_COMPUTER;
	if (t == 0x41) {
		uint32_t alist;

		if (w->end - p < 4)
			return false;
		alist = le32(c + p);
		p += 4;
		if (alist > w->end - p)
			return false;
		alist += p; /* where the attributes end */
		if (p >= w->end || (c[p] != 0x06 && c[p] != 0x46))
			return false;
		while (p < w->end && (c[p] == 0x06 || c[p] == 0x46)) {
			uint32_t an;
			int f;

			p++;
			if (!name(w, &p, &an))
				return false;
			f = which_attribute(w, an, e);
			if (p >= w->end || !is_part(c[p]) || !parts(w, &p, f))
				return false;
		}
		if (p != alist)
			return false;
	}
	if (p >= w->end)
		return false;
	if (c[p] == 0x03) {
		*pos = p + 1;
		return *pos == size;
	}
	if (c[p] != 0x02)
		return false;
	p++;
	if (text >= 0)
		w->seen[text]++;
	for (;;) {
		if (p >= w->end)
			return false;
		t = c[p];
		if (t == 0x04) {
			*pos = p + 1;
			return *pos == size;
		}
		if (t == 0x01 || t == 0x41) {
			if (text >= 0 || !element(w, &p, depth + 1, e))
				return false;
		} else if (!is_part(t) || !part(w, &p, text)) {
			return false;
		}
	}
}

/* A fragment from pos to end: its header, an element, the end token. */
static bool
template_data(struct walk *w, uint32_t pos)
{
	const unsigned char *c = w->c;

	if (w->end - pos < 6 || c[pos] != 0x0f || c[pos + 1] != 1 ||
	    c[pos + 2] != 1 || c[pos + 3] != 0)
		return false;
	pos += 4;
	if ((c[pos] != 0x01 && c[pos] != 0x41) || !element(w, &pos, 0, E_OTHER))
		return false;
	return pos < w->end && c[pos] == 0x00;
}

/*
 * A value of binary XML: a template instance or an element, after a
 * fragment header or not.
 */
static bool
binxml_value(const unsigned char *c, uint32_t off, uint32_t end, int nest)
{
	uint32_t p = off;

	if (nest > MAX_NEST)
		return false;
	if (end - p >= 4 && c[p] == 0x0f) {
		if (c[p + 1] != 1 || c[p + 2] != 1 || c[p + 3] != 0)
			return false;
		p += 4;
	}
	if (p >= end)
		return false;
	if (c[p] == 0x0c) {
		if (!instance(c, &p, end, nest, NULL))
			return false;
	} else {
		struct walk w;

		memset(&w, 0, sizeof(w));
		w.c = c;
		w.end = end;
		w.plain = true;
		if ((c[p] != 0x01 && c[p] != 0x41) ||
		    !element(&w, &p, 0, E_OTHER))
			return false;
	}
	return p == end || c[p] == 0x00;
}

/* Whether a value's size fits its type, as libevtx would decode it. */
static bool
value_ok(const unsigned char *c, const struct value *v, int nest)
{
	switch (v->type) {
	case T_NULL:
		return true; /* Windows writes some with a size */
	case T_STRING:
	case T_STRING_ARRAY:
		return v->size % 2 == 0;
	case T_INT8:
	case T_UINT8:
		return v->size == 1;
	case T_INT16:
	case T_UINT16:
		return v->size == 2;
	case T_INT32:
	case T_UINT32:
	case T_FLOAT:
	case T_BOOL:
	case T_HEX32:
		return v->size == 4;
	case T_INT64:
	case T_UINT64:
	case T_DOUBLE:
	case T_FILETIME:
	case T_HEX64:
		return v->size == 8;
	case T_GUID:
	case T_SYSTEMTIME:
		return v->size == 16;
	case T_SIZE:
		return v->size == 4 || v->size == 8;
	case T_BINARY:
		return true;
	case T_SID:
		return v->size >= 8 &&
		    v->size == 8 + 4 * (uint32_t)c[v->off + 1];
	case T_BINXML:
		return binxml_value(c, v->off, v->off + v->size, nest + 1);
	default:
		return false;
	}
}

/*
 * A template instance at *pos (its values end before `end`): its
 * definition found, its values read and checked, its template walked, and
 * for the record's own instance (collect) the System parts noted.
 */
static bool
instance(const unsigned char *c, uint32_t *pos, uint32_t end, int nest,
    struct walk *collect)
{
	struct value own[MAX_VALUES];
	struct walk local = { 0 };
	struct walk *w = collect != NULL ? collect : &local;
	struct value *v = collect != NULL ? collect->store : own;
	uint32_t p = *pos, d, ds, n, data;

	if (end - p < 10 || c[p] != 0x0c)
		return false;
	d = le32(c + p + 6);
	p += 10;
	if (d > p || d < EVTX_FIRST_RECORD || EVTX_CHUNK_SIZE - d < 24)
		return false;
	ds = le32(c + d + 20);
	if (ds > EVTX_CHUNK_SIZE - d - 24)
		return false;
	if (d == p) {
		if (ds > end - p - 24 || end - p < 24)
			return false;
		p += 24 + ds;
	}
	if (end - p < 4)
		return false;
	n = le32(c + p);
	p += 4;
	if (n > MAX_VALUES || n > (end - p) / 4)
		return false;
	data = p + 4 * n;
	for (uint32_t i = 0; i < n; i++) {
		v[i].size = le16(c + p + 4 * i);
		v[i].type = c[p + 4 * i + 2];
		v[i].off = data;
		if (v[i].size > end - data || !value_ok(c, &v[i], nest))
			return false;
		data += v[i].size;
	}
	w->c = c;
	w->end = d + 24 + ds;
	w->v = v;
	w->nv = n;
	if (!template_data(w, d + 24))
		return false;
	*pos = data;
	return true;
}

/* UTF-16LE characters to NUL-terminated UTF-8 in out; false if unusual. */
static bool
utf8(const unsigned char *s, uint32_t n, char *out)
{
	size_t o = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t ch = le16(s + 2 * i);

		if (ch == 0) {
			/* the string ends at its NUL: only more NULs after */
			for (; i < n; i++)
				if (le16(s + 2 * i) != 0)
					return false;
			break;
		}
		if (o + 4 >= BINXML_VALUE || (ch >= 0xd800 && ch <= 0xdfff))
			return false;
		if (ch < 0x80) {
			out[o++] = (char)ch;
		} else if (ch < 0x800) {
			out[o++] = (char)(0xc0 | ch >> 6);
			out[o++] = (char)(0x80 | (ch & 0x3f));
		} else {
			out[o++] = (char)(0xe0 | ch >> 12);
			out[o++] = (char)(0x80 | (ch >> 6 & 0x3f));
			out[o++] = (char)(0x80 | (ch & 0x3f));
		}
	}
	out[o] = '\0';
	return o > 0;
}

/* Field f as a string: a non-empty one, from one part. */
static bool
field_string(const struct walk *w, const struct value *v, enum field f,
    char *out)
{
	const struct part *pt = &w->part[f];

	if (!pt->subst)
		return utf8(w->c + pt->off, pt->n, out);
	if (v[pt->n].type != T_STRING)
		return false;
	return utf8(w->c + v[pt->n].off, v[pt->n].size / 2, out);
}

bool
binxml_system(const unsigned char *c, uint32_t off, struct binxml_system *s)
{
	struct value v[MAX_VALUES];
	struct walk w;
	uint32_t size, end, p;
	const struct value *id;

	if (off < EVTX_FIRST_RECORD || off > EVTX_CHUNK_SIZE - 28 ||
	    memcmp(c + off, "**\0\0", 4) != 0)
		return false;
	size = le32(c + off + 4);
	if (size < 28 || size > EVTX_CHUNK_SIZE - off ||
	    le32(c + off + size - 4) != size)
		return false;
	end = off + size - 4;
	p = off + 24;
	if (end - p < 4 || c[p] != 0x0f || c[p + 1] != 1 || c[p + 2] != 1 ||
	    c[p + 3] != 0)
		return false;
	p += 4;
	memset(&w, 0, sizeof(w));
	w.collect = true;
	w.store = v;
	if (!instance(c, &p, end, 0, &w) || p >= end || c[p] != 0x00)
		return false;

	/* each part once, in one part; the elements holding them once */
	for (int f = 0; f < F__COUNT; f++)
		if (w.seen[f] > 1 || (w.seen[f] == 1 && w.parts[f] != 1))
			return false;
	for (int e = E_EVENT; e < E__COUNT; e++)
		if (w.elems[e] > 1)
			return false;
	if (w.seen[F_ID] == 0 || w.seen[F_COMPUTER] == 0 ||
	    (w.seen[F_NAME] == 0 && w.seen[F_SOURCE] == 0))
		return false;

	if (!w.part[F_ID].subst)
		return false;
	id = &v[w.part[F_ID].n];
	if (id->type == T_UINT16)
		s->id = le16(c + id->off);
	else if (id->type == T_UINT32)
		s->id = le32(c + id->off);
	else if (id->type == T_UINT8)
		s->id = c[id->off];
	else
		return false;
	/* an optional Qualifiers with an empty value is not there */
	s->qualifiers = w.seen[F_QUALIFIERS] > 0 &&
	    !(w.part[F_QUALIFIERS].subst &&
		is_null(&v[w.part[F_QUALIFIERS].n]));
	if (!field_string(&w, v, w.seen[F_SOURCE] ? F_SOURCE : F_NAME,
		s->name) ||
	    !field_string(&w, v, F_COMPUTER, s->computer))
		return false;
	return true;
}
