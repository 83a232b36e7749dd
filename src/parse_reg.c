/*
 * parse_reg.c - .reg files holding the SCHANNEL key.
 *
 * Written by
 *
 *   reg export HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL
 *       schannel.reg
 *
 * or by regedit's File > Export: UTF-16LE with a BOM, CRLF.  Regedit's
 * "Win9x/NT4 Registration Files" type writes the older REGEDIT4 format in
 * the ANSI code page.  IIS Crypto's backups and hand-written hardening
 * files use the same syntax, often in UTF-8.  Sample (each key is one
 * line in the file):
 *
 *   Windows Registry Editor Version 5.00
 *
 *   [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\
 *   SCHANNEL\Protocols\TLS 1.0\Server]
 *   "Enabled"=dword:00000000
 *   "DisabledByDefault"=-
 *   "Comment"="say \"no\" to C:\\tls10"
 *   "Order"=hex(7):41,00,45,00,53,00,00,00,52,00,43,00,34,00,00,00,00,\
 *     00
 *
 *   [-HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\
 *   SCHANNEL\Ciphers\RC4 128/128]
 *
 * Emits one struct regval (model.h: fields and vocabularies) per key line,
 * value, value deletion ("Name"=-) and key deletion ([-key]) under
 * HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\
 * SCHANNEL.  Values elsewhere (the .NET SchUseStrongCrypto, the
 * cipher-suite policy "Functions") are only counted, in one note naming
 * the first.  A few of them are read anyway, because rules about OS
 * defaults need them and they cost nothing: under
 * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, ProductName becomes
 * the host fact "os_version" and CurrentBuild (else CurrentBuildNumber)
 * "os_build"; ComputerName under
 * HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName becomes
 * "computer".
 *
 * Quirks:
 * - Samples arrive pasted into issues and markdown: without the header (a
 *   note), starting inside a key (values before the first key line have
 *   no key and are skipped), with elisions ("...", "[...]") after which
 *   nothing says which key the values belong to (skipped up to the next
 *   key line), code fences, indentation and trailing blanks (ignored).
 * - Hex data wraps: a line ends in '\' and the data goes on in the next
 *   line, indented by two spaces.  A continuation that never comes means
 *   the value was cut off.
 * - Exports cut at a byte limit end inside a line.  When the last line has
 *   no newline and its data is shorter than regedit writes it (a dword of
 *   fewer than 8 digits, a hex byte of one digit), the value is skipped
 *   as cut off: "dword:0000" may be what is left of dword:00000001.
 * - REGEDIT4 writes REG_EXPAND_SZ and REG_MULTI_SZ data in the ANSI code
 *   page (read as Windows-1252), version 5 as UTF-16LE.  Files without a
 *   header are read as version 5.
 * - `reg export HKLM\SYSTEM` holds ControlSet001 and ControlSet002 copies
 *   of the same keys: both become CurrentControlSet in `key`, and key_raw
 *   tells them apart.
 * - Strings know two escapes, \\ and \"; any other backslash stays.
 * - Regedit imports no value that follows a key deletion: such values are
 *   skipped with a warning.
 * - Shell prompt lines, reg.exe's "The operation completed successfully."
 *   and ';' comments are skipped silently.
 */
#include "compat.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "parse_reg.h"
#include "rx.h"
#include "strparse.h"

#define SCHANNEL_KEY                                               \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\" \
	"SecurityProviders\\SCHANNEL"
#define CURRENTVERSION_KEY \
	"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
#define COMPUTERNAME_KEY                                           \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\" \
	"ComputerName\\ComputerName"

/* Text of one value's data kept at most: SCHANNEL values are a few bytes. */
#define DATA_MAX (1024 * 1024)
/* Longest key kept; Windows allows 255 characters per component. */
#define KEY_MAX (64 * 1024)
/* Bytes of input quoted in a diagnostic at most. */
#define QUOTE_MAX 100
/* Problems reported one by one; the rest are counted in one warning. */
#define PROBLEMS_MAX 20

enum {
	RX_HEADER,
	RX_CONTROLSET,
	RX_ELISION,
	RX_DWORD,
	RX_HEX,
};

/* clang-format off */
static struct rx_table patterns[] = {
	[RX_HEADER] = { "^(?:Windows Registry Editor Version [0-9]+\\.[0-9]+"
	    "|(REGEDIT4))$", RX_CASELESS, NULL },
	/* applied to the key after its root */
	[RX_CONTROLSET] = { "^\\\\SYSTEM\\\\(?:ControlSet[0-9]{3}"
	    "|CurrentControlSet)(?=\\\\|$)", RX_CASELESS, NULL },
	[RX_ELISION] = { "^(?:\\[\\s*)?(?:\\.{3,}|\\x{2026})(?:\\s*\\])?$",
	    0, NULL },
	/* applied to the data after '=' */
	[RX_DWORD] = { "^dword:([0-9a-f]{1,8})$", RX_CASELESS, NULL },
	[RX_HEX] = { "^hex(?:\\(([0-9a-f]{1,8})\\))?:", RX_CASELESS, NULL },
};

static const struct {
	const char *alias;
	const char *root;
} roots[] = {
	{ "HKEY_LOCAL_MACHINE",  "HKEY_LOCAL_MACHINE" },
	{ "HKLM",                "HKEY_LOCAL_MACHINE" },
	{ "HKEY_CURRENT_USER",   "HKEY_CURRENT_USER" },
	{ "HKCU",                "HKEY_CURRENT_USER" },
	{ "HKEY_CLASSES_ROOT",   "HKEY_CLASSES_ROOT" },
	{ "HKCR",                "HKEY_CLASSES_ROOT" },
	{ "HKEY_USERS",          "HKEY_USERS" },
	{ "HKU",                 "HKEY_USERS" },
	{ "HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG" },
	{ "HKCC",                "HKEY_CURRENT_CONFIG" },
};

/* hex(N): types by N; others are REG_TYPE_N */
static const char *const hex_types[] = {
	[0x0] = "REG_NONE",
	[0x1] = "REG_SZ",
	[0x2] = "REG_EXPAND_SZ",
	[0x3] = "REG_BINARY",
	[0x4] = "REG_DWORD",
	[0x5] = "REG_DWORD_BIG_ENDIAN",
	[0x6] = "REG_LINK",
	[0x7] = "REG_MULTI_SZ",
	[0x8] = "REG_RESOURCE_LIST",
	[0x9] = "REG_FULL_RESOURCE_DESCRIPTOR",
	[0xa] = "REG_RESOURCE_REQUIREMENTS_LIST",
	[0xb] = "REG_QWORD",
};

/* Windows-1252 0x80-0x9f; the holes map to C1 controls as Windows does. */
static const unsigned short cp1252_c1[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};
/* clang-format on */

enum keystate {
	KEY_NONE,    /* no key line yet */
	KEY_OPEN,    /* values belong to the current key */
	KEY_DELETED, /* after [-key] */
	KEY_LOST,    /* after an unusable key line or an elision */
};

enum keyrole {
	ROLE_OTHER,
	ROLE_SCHANNEL,
	ROLE_CURRENTVERSION,
	ROLE_COMPUTERNAME,
};

/*
 * A problem that may repeat on many lines, reported once at the end with
 * its count and its first occurrence.  The pointers go into the text being
 * parsed and are only read before parse_reg() returns.
 */
struct tally {
	unsigned long n;
	unsigned long line;
	const char *what;
	size_t whatlen;
	const char *key;
	size_t keylen;
};

/* A value's data, decoded; strings live in the parser's scratch buffers. */
struct value {
	const char *op;
	const char *type;
	char typebuf[32];
	long long num;
	bool text;  /* a string is in p->str */
	bool multi; /* the strings are in p->str, NUL-separated */
	size_t nstrings;
};

struct regparse {
	struct model *m;
	struct artifact *a;
	int version; /* 4 or 5 */
	bool header;
	bool noted_no_header;
	bool partial;
	bool at_end; /* the line has no newline: the text may end inside it */
	unsigned long keys; /* key lines understood */
	unsigned long nonblank;

	enum keystate ks;
	enum keyrole role;
	const char *raw; /* the current key as written, into the text */
	size_t rawlen;
	const char *key; /* arena copies, for ROLE_SCHANNEL */
	const char *key_raw;
	struct buf norm;

	struct buf name; /* of the value being read, escapes undone */

	/* a value whose hex data goes on in the next line */
	bool cont;
	bool cont_keep; /* it is kept: its data is collected */
	bool cont_over; /* it is longer than DATA_MAX */
	unsigned long cont_line;
	struct buf data; /* its data so far, without the '\' */

	struct buf bytes; /* scratch: the bytes of hex data */
	int last_digits;  /* in the last byte of the hex data */
	struct buf str;	  /* scratch: strings decoded from the data */

	struct tally before_key, after_delete, outside, outside_del, junk;
	struct tally elisions, headers;
	unsigned long problems;	     /* reported through problem() */
	unsigned long unlisted_line; /* of the first problem not listed */

	bool have_os_version, have_build, have_computer;
	const char *build_number; /* CurrentBuildNumber, arena */
	unsigned long build_number_line;
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether s[0..n) equals lit, ASCII case-insensitively. */
static bool
ieq(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n == k && strncasecmp(s, lit, k) == 0;
}

/* Buffers here have caps their callers stay under: failing is a bug. */
static void
put(struct buf *b, const void *p, size_t n)
{
	if (buf_add(b, p, n) < 0)
		BUG("scratch buffer over its cap");
}

static void
put_utf8(struct buf *b, unsigned long cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	put(b, u, n);
}

/*
 * How much of s[0..n) to quote in a diagnostic: at most QUOTE_MAX bytes,
 * cut on a character boundary so the message stays valid UTF-8.
 */
static int
quote_len(const char *s, size_t n)
{
	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

static const char *
quote_more(size_t n)
{
	return n > QUOTE_MAX ? "..." : "";
}

/* The arguments for "'%.*s%s'": s[0..n) quoted, clipped. */
#define Q(s, n) quote_len((s), (n)), (s), quote_more(n)

/*
 * Read a quoted string at s (s[0] == '"') up to its closing quote, undoing
 * the escapes \\ and \" into out.  Returns the position after the closing
 * quote, or NULL when the string does not end before e.
 */
static const char *
unquote(const char *s, const char *e, struct buf *out)
{
	buf_reset(out);
	for (s++; s < e; s++) {
		if (*s == '"')
			return s + 1;
		if (*s == '\\' && s + 1 < e && (s[1] == '\\' || s[1] == '"'))
			s++;
		if (buf_addc(out, *s) < 0)
			return NULL;
	}
	return NULL;
}

static void
tally_add(struct tally *t, unsigned long line, const char *what, size_t whatlen,
    const char *key, size_t keylen)
{
	if (t->n++ > 0)
		return;
	t->line = line;
	t->what = what;
	t->whatlen = whatlen;
	t->key = key;
	t->keylen = keylen;
}

/*
 * A problem with one line, reported with its line up to PROBLEMS_MAX
 * times; a file full of noise gets one more warning with the rest counted.
 */
static void PRINTF_LIKE(4, 5) problem(struct regparse *p, enum diag_level level,
    unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (p->problems++ >= PROBLEMS_MAX) {
		if (p->unlisted_line == 0)
			p->unlisted_line = line;
		return;
	}
	va_start(ap, fmt);
	diag_vadd(&p->a->diags, level, line, fmt, ap);
	va_end(ap);
}

/* The name of the value being read, for messages: '@' for the default. */
static const char *
value_name(const struct regparse *p)
{
	return p->name.len == 0 ? "@" : buf_str(&p->name);
}

static void
warn_value(struct regparse *p, unsigned long line, const char *why,
    const char *data, size_t n)
{
	const char *name = value_name(p);

	problem(p, DIAG_WARNING, line, "value '%.*s%s' %s '%.*s%s': skipped",
	    Q(name, strlen(name)), why, Q(data, n));
	p->partial = true;
}

/* Parse "xx,xx,..." into p->bytes; false when it is not such a list. */
static bool
hex_bytes(struct regparse *p, const char *s, const char *e)
{
	buf_reset(&p->bytes);
	p->last_digits = 2;
	for (;;) {
		unsigned v = 0;
		int nd = 0;

		while (s < e && blank(*s))
			s++;
		if (s == e)
			return true; /* no bytes at all, or a trailing comma */
		for (; s < e && hexval(*s) >= 0; s++, nd++)
			v = v * 16 + (unsigned)hexval(*s);
		if (nd == 0 || nd > 2)
			return false;
		if (buf_addc(&p->bytes, (int)v) < 0)
			BUG("hex bytes over their cap");
		while (s < e && blank(*s))
			s++;
		if (s == e) {
			p->last_digits = nd;
			return true;
		}
		if (*s++ != ',')
			return false;
	}
}

/* Whether a line can go on hex data: digits, commas, blanks, a final '\'. */
static bool
hex_shape(const char *s, const char *e)
{
	for (const char *q = s; q < e; q++)
		if (hexval(*q) < 0 && *q != ',' && !blank(*q) &&
		    !(*q == '\\' && q + 1 == e))
			return false;
	return true;
}

/*
 * Append one string of registry data to p->str: UTF-16LE (version 5) or
 * Windows-1252 (REGEDIT4) up to a NUL.  Returns the bytes used, the NUL
 * included; an odd byte at the end of UTF-16 data is dropped.
 */
static size_t
decode_string(struct regparse *p, const unsigned char *b, size_t n)
{
	size_t i = 0;

	if (p->version == 4) {
		for (; i < n; i++) {
			unsigned long c = b[i];

			if (c == 0)
				return i + 1;
			if (c >= 0x80 && c < 0xa0)
				c = cp1252_c1[c - 0x80];
			put_utf8(&p->str, c);
		}
		return n;
	}
	while (i + 1 < n) {
		unsigned long u = b[i] | (unsigned long)b[i + 1] << 8;

		i += 2;
		if (u == 0)
			return i;
		if (u >= 0xd800 && u < 0xdc00 && i + 1 < n) {
			unsigned long lo = b[i] | (unsigned long)b[i + 1] << 8;

			if (lo >= 0xdc00 && lo < 0xe000) {
				i += 2;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
		}
		if (u >= 0xd800 && u < 0xe000)
			u = 0xfffd; /* an unpaired surrogate */
		put_utf8(&p->str, u);
	}
	return n;
}

/*
 * The strings of a REG_MULTI_SZ into p->str, each followed by a NUL.  The
 * list ends at its first empty string (the final double NUL), as Windows
 * reads it.
 */
static size_t
decode_multi(struct regparse *p, const unsigned char *b, size_t n)
{
	size_t off = 0, count = 0;

	while (off < n) {
		size_t before = p->str.len;

		off += decode_string(p, b + off, n - off);
		if (p->str.len == before)
			break;
		put(&p->str, "", 1);
		count++;
	}
	return count;
}

/* Little-endian unsigned number of n bytes. */
static unsigned long long
le_number(const unsigned char *b, size_t n)
{
	unsigned long long v = 0;

	while (n-- > 0)
		v = v << 8 | b[n];
	return v;
}

/* The number of a REG_DWORD, REG_DWORD_BIG_ENDIAN or REG_QWORD in hex. */
static void
hex_number(struct regparse *p, unsigned long line, unsigned long type,
    struct value *v)
{
	const unsigned char *b = (const unsigned char *)p->bytes.data;
	size_t n = p->bytes.len, want = type == 0xb ? 8 : 4;
	unsigned long long x;
	const char *name = value_name(p);

	if (n != want) {
		problem(p, DIAG_NOTE, line,
		    "value '%.*s%s' is a %s of %zu bytes, not %zu: no number "
		    "read",
		    Q(name, strlen(name)), v->type, n, want);
		return;
	}
	if (type == 5)
		x = (unsigned long long)b[0] << 24 |
		    (unsigned long long)b[1] << 16 |
		    (unsigned long long)b[2] << 8 | b[3];
	else
		x = le_number(b, n);
	if (x > (unsigned long long)LLONG_MAX) {
		problem(p, DIAG_NOTE, line,
		    "value '%.*s%s' is a REG_QWORD above 2^63-1: no number read",
		    Q(name, strlen(name)));
		return;
	}
	v->num = (long long)x;
}

/*
 * Decode the data of the value being read (its name is in p->name) into
 * v.  Returns false, with a warning, when the data is not valid .reg
 * syntax (regedit would refuse the line, so no record is made), or when
 * the text ends inside the line and the data is shorter than regedit
 * writes it: "dword:0000" may be what is left of dword:00000001.
 */
static bool
decode_value(struct regparse *p, const char *d, size_t n, unsigned long line,
    struct value *v)
{
	struct rx_match mt;
	const char *g;
	size_t gn;

	memset(v, 0, sizeof(*v));
	v->num = INT_NONE;
	buf_reset(&p->str);
	if (n == 1 && d[0] == '-') {
		v->op = "delete_value";
		return true;
	}
	v->op = "set";
	if (n > 0 && d[0] == '"') {
		if (unquote(d, d + n, &p->str) != d + n)
			goto bad;
		v->type = "REG_SZ";
		v->text = true;
		return true;
	}
	if (rx_match(patterns[RX_DWORD].rx, d, n, 0, &mt) == 1 &&
	    rx_group(&mt, 1, d, &g, &gn)) {
		unsigned long long x = 0;

		if (p->at_end && gn < 8)
			goto cut;
		for (size_t i = 0; i < gn; i++)
			x = x * 16 + (unsigned)hexval(g[i]);
		v->type = "REG_DWORD";
		v->num = (long long)x;
		return true;
	}
	if (rx_match(patterns[RX_HEX].rx, d, n, 0, &mt) == 1) {
		unsigned long type = 3; /* hex: is REG_BINARY */

		if (rx_group(&mt, 1, d, &g, &gn)) {
			type = 0;
			for (size_t i = 0; i < gn; i++)
				type = type * 16 + (unsigned)hexval(g[i]);
		}
		if (!hex_bytes(p, d + mt.eo[0], d + n))
			goto bad;
		if (p->at_end && p->last_digits < 2)
			goto cut;
		if (type < ARRAY_SIZE(hex_types)) {
			v->type = hex_types[type];
		} else {
			snprintf(v->typebuf, sizeof(v->typebuf), "REG_TYPE_%lu",
			    type);
			v->type = v->typebuf;
		}
		switch (type) {
		case 0x1:
		case 0x2:
			decode_string(p,
			    (const unsigned char *)buf_str(&p->bytes),
			    p->bytes.len);
			v->text = true;
			break;
		case 0x7:
			v->nstrings = decode_multi(p,
			    (const unsigned char *)buf_str(&p->bytes),
			    p->bytes.len);
			v->multi = true;
			break;
		case 0x4:
		case 0x5:
		case 0xb:
			hex_number(p, line, type, v);
			break;
		}
		return true;
	}
bad:
	if (p->at_end)
		goto cut;
	warn_value(p, line, "has unrecognised data", d, n);
	return false;
cut:
	warn_value(p, line, "is cut off at the end of the text after", d, n);
	return false;
}

/* A record for the current SCHANNEL key; v is NULL for key lines. */
static void
add_record(struct regparse *p, unsigned long line, const char *op,
    const struct value *v, const char *d, size_t n)
{
	struct regval *r = model_add(p->m, REC_REGVAL, p->a, line);

	r->key = p->key;
	r->key_raw = p->key_raw;
	r->op = op;
	r->name = v == NULL ?
	    "" :
	    model_strndup(p->m, buf_str(&p->name), p->name.len);
	if (v == NULL || strcmp(op, "set") != 0)
		return;
	r->type = v->type == v->typebuf ? model_strdup(p->m, v->type) : v->type;
	r->data = model_strndup(p->m, d, n);
	r->num = v->num;
	if (v->text)
		r->text = model_strndup(p->m, buf_str(&p->str), p->str.len);
	if (v->multi) {
		const char *s = buf_str(&p->str);

		for (size_t i = 0; i < v->nstrings; i++) {
			model_list_add(p->m, &r->strings, s);
			s += strlen(s) + 1;
		}
	}
}

/* Host facts from the few values outside SCHANNEL that name the host. */
static void
host_facts(struct regparse *p, unsigned long line, const struct value *v)
{
	const char *name = buf_str(&p->name), *text = buf_str(&p->str);
	size_t n = p->name.len;

	if (!v->text || p->str.len == 0 || strcmp(v->type, "REG_SZ") != 0)
		return;
	if (p->role == ROLE_COMPUTERNAME) {
		if (!p->have_computer && ieq(name, n, "ComputerName")) {
			model_host_fact(p->m, p->a, line, "computer", text);
			p->have_computer = true;
		}
	} else if (ieq(name, n, "ProductName")) {
		if (!p->have_os_version)
			model_host_fact(p->m, p->a, line, "os_version", text);
		p->have_os_version = true;
	} else if (ieq(name, n, "CurrentBuild")) {
		if (!p->have_build)
			model_host_fact(p->m, p->a, line, "os_build", text);
		p->have_build = true;
	} else if (ieq(name, n, "CurrentBuildNumber")) {
		if (p->build_number == NULL) {
			p->build_number = model_strdup(p->m, text);
			p->build_number_line = line;
		}
	}
}

static void
too_long(struct regparse *p, unsigned long line)
{
	const char *name = value_name(p);

	problem(p, DIAG_WARNING, line,
	    "value '%.*s%s' has more than %d bytes of data: skipped",
	    Q(name, strlen(name)), DATA_MAX);
	p->partial = true;
}

/* A value read whole (its name in p->name) under a key that keeps it. */
static void
value_done(struct regparse *p, unsigned long line, const char *d, size_t n)
{
	struct value v;

	if (n > DATA_MAX) {
		too_long(p, line);
		return;
	}
	if (!decode_value(p, d, n, line, &v))
		return;
	if (p->role == ROLE_SCHANNEL)
		add_record(p, line, v.op, &v, d, n);
	else
		host_facts(p, line, &v);
}

static void
note_no_header(struct regparse *p, unsigned long line)
{
	if (p->header || p->noted_no_header)
		return;
	p->noted_no_header = true;
	diag_add(&p->a->diags, DIAG_NOTE, line,
	    "no 'Windows Registry Editor Version 5.00' or 'REGEDIT4' header: "
	    "read as part of an export");
}

/*
 * A line that goes on the hex data of the value in p->name.  Returns false
 * when the line cannot be a continuation: the value was cut off, and the
 * line is read afresh by the caller.
 */
static bool
continue_value(struct regparse *p, const char *s, const char *e)
{
	bool more;

	if (s == e || !hex_shape(s, e)) {
		if (p->cont_keep) {
			const char *name = value_name(p);

			problem(p, DIAG_WARNING, p->cont_line,
			    "value '%.*s%s' is cut off: its data ends in '\\' "
			    "but no continuation line follows: skipped",
			    Q(name, strlen(name)));
			p->partial = true;
		}
		p->cont = false;
		return false;
	}
	more = e[-1] == '\\';
	if (more) {
		e--;
		while (e > s && blank(e[-1]))
			e--;
	}
	if (p->cont_keep && !p->cont_over &&
	    buf_add(&p->data, s, (size_t)(e - s)) < 0)
		p->cont_over = true;
	if (!more) {
		p->cont = false;
		if (p->cont_keep && p->cont_over)
			too_long(p, p->cont_line);
		else if (p->cont_keep)
			value_done(p, p->cont_line, buf_str(&p->data),
			    p->data.len);
	}
	return true;
}

/* A line that starts like a value but is none. */
static void
junk_value(struct regparse *p, unsigned long line, const char *s, const char *e)
{
	p->partial = true;
	if (p->at_end)
		problem(p, DIAG_WARNING, line,
		    "value line '%.*s%s' is cut off at the end of the text: "
		    "skipped",
		    Q(s, (size_t)(e - s)));
	else
		tally_add(&p->junk, line, s, (size_t)(e - s), NULL, 0);
}

static void
value_line(struct regparse *p, const char *s, const char *e, unsigned long line)
{
	const char *q, *raw = "@", *d;
	size_t rawlen = 1, n;
	bool keep = false, more;

	if (*s == '@') {
		buf_reset(&p->name);
		q = s + 1;
	} else {
		q = unquote(s, e, &p->name);
		if (q == NULL) {
			junk_value(p, line, s, e);
			return;
		}
		raw = s + 1;
		rawlen = (size_t)(q - s - 2);
	}
	while (q < e && blank(*q))
		q++;
	if (q == e || *q != '=') {
		junk_value(p, line, s, e);
		return;
	}
	for (q++; q < e && blank(*q);)
		q++;
	d = q;
	n = (size_t)(e - q);
	more = n > 0 && d[n - 1] == '\\' &&
	    rx_match(patterns[RX_HEX].rx, d, n, 0, NULL) == 1;
	note_no_header(p, line);
	switch (p->ks) {
	case KEY_NONE:
		tally_add(&p->before_key, line, raw, rawlen, NULL, 0);
		p->partial = true;
		break;
	case KEY_DELETED:
		tally_add(&p->after_delete, line, raw, rawlen, p->raw,
		    p->rawlen);
		p->partial = true;
		break;
	case KEY_LOST:
		break;
	case KEY_OPEN:
		if (p->role != ROLE_SCHANNEL)
			tally_add(&p->outside, line, raw, rawlen, p->raw,
			    p->rawlen);
		keep = p->role != ROLE_OTHER;
		break;
	}
	if (more) {
		p->cont = true;
		p->cont_keep = keep;
		p->cont_over = false;
		p->cont_line = line;
		buf_reset(&p->data);
		if (!keep)
			return;
		n--;
		while (n > 0 && blank(d[n - 1]))
			n--;
		if (buf_add(&p->data, d, n) < 0)
			p->cont_over = true;
		return;
	}
	if (keep)
		value_done(p, line, d, n);
}

/* The root of a key, spelled in full; NULL when it is no known root. */
static const char *
key_root(const char *k, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(roots); i++)
		if (ieq(k, n, roots[i].alias))
			return roots[i].root;
	return NULL;
}

static void
lose_key(struct regparse *p, unsigned long line, const char *why, const char *s,
    size_t n)
{
	problem(p, DIAG_WARNING, line,
	    "key line '%.*s%s' %s: skipped with its values", Q(s, n), why);
	p->partial = true;
	p->ks = KEY_LOST;
}

/*
 * [key] or [-key]: normalise the key into p->norm, decide its role and
 * make its record when it lies under SCHANNEL.
 */
static void
key_line(struct regparse *p, const char *s, const char *e, unsigned long line)
{
	bool del = e - s >= 2 && s[1] == '-';
	const char *k = s + (del ? 2 : 1), *ke = e - 1, *bs, *root, *nk;
	struct rx_match mt;
	size_t sl = strlen(SCHANNEL_KEY), nl;

	if (e - s < 2 || *ke != ']' || ke < k) {
		lose_key(p, line,
		    p->at_end ? "is cut off at the end of the text" :
				"has no closing ']'",
		    s, (size_t)(e - s));
		return;
	}
	if ((size_t)(ke - k) > KEY_MAX / 2) {
		lose_key(p, line, "is too long", s, (size_t)(e - s));
		return;
	}
	bs = memchr(k, '\\', (size_t)(ke - k));
	if (bs == NULL)
		bs = ke;
	root = key_root(k, (size_t)(bs - k));
	if (root == NULL) {
		lose_key(p, line, "names no registry root", s, (size_t)(e - s));
		return;
	}
	buf_reset(&p->norm);
	put(&p->norm, root, strlen(root));
	if (strcmp(root, "HKEY_LOCAL_MACHINE") == 0 &&
	    rx_match(patterns[RX_CONTROLSET].rx, bs, (size_t)(ke - bs), 0,
		&mt) == 1) {
		put(&p->norm, bs, 7); /* "\SYSTEM" as written */
		put(&p->norm, "\\CurrentControlSet", 18);
		bs += mt.eo[0];
	}
	put(&p->norm, bs, (size_t)(ke - bs));
	nk = buf_str(&p->norm);
	nl = p->norm.len;

	p->keys++;
	note_no_header(p, line);
	p->raw = k;
	p->rawlen = (size_t)(ke - k);
	p->ks = del ? KEY_DELETED : KEY_OPEN;
	if (nl >= sl && strncasecmp(nk, SCHANNEL_KEY, sl) == 0 &&
	    (nl == sl || nk[sl] == '\\'))
		p->role = ROLE_SCHANNEL;
	else if (ieq(nk, nl, CURRENTVERSION_KEY))
		p->role = ROLE_CURRENTVERSION;
	else if (ieq(nk, nl, COMPUTERNAME_KEY))
		p->role = ROLE_COMPUTERNAME;
	else
		p->role = ROLE_OTHER;
	if (p->role != ROLE_SCHANNEL) {
		if (del)
			tally_add(&p->outside_del, line, k, p->rawlen, NULL, 0);
		return;
	}
	p->key = model_strndup(p->m, nk, nl);
	p->key_raw = model_strndup(p->m, k, p->rawlen);
	add_record(p, line, del ? "delete_key" : "key", NULL, NULL, 0);
}

static void
read_line(struct regparse *p, const char *s, const char *e, unsigned long line)
{
	size_t n = (size_t)(e - s), gn;
	struct rx_match mt;
	const char *g;

	if ((*s == '[' || *s == '.' || *s == '\xe2') &&
	    rx_match(patterns[RX_ELISION].rx, s, n, 0, NULL) == 1) {
		tally_add(&p->elisions, line, s, n, NULL, 0);
		p->partial = true;
		p->ks = KEY_LOST;
	} else if (*s == '[') {
		key_line(p, s, e, line);
	} else if (*s == '"' || *s == '@') {
		value_line(p, s, e, line);
	} else if (*s == ';' || (n >= 3 && memcmp(s, "```", 3) == 0) ||
	    str_prompt_len(s, n) > 0 ||
	    ieq(s, n, "The operation completed successfully.")) {
		/*
		 * a comment, a markdown code fence around a paste, or reg.exe
		 * run in a pasted console session
		 */
	} else if (rx_match(patterns[RX_HEADER].rx, s, n, 0, &mt) == 1) {
		if (p->keys > 0 || p->noted_no_header) {
			tally_add(&p->headers, line, s, n, NULL, 0);
			p->ks = KEY_NONE;
		}
		p->header = true;
		p->version = rx_group(&mt, 1, s, &g, &gn) ? 4 : 5;
	} else {
		tally_add(&p->junk, line, s, n, NULL, 0);
		p->partial = true;
	}
}

/* The problems counted while reading, one diagnostic each. */
static void
report_tallies(struct regparse *p)
{
	struct diag_list *dl = &p->a->diags;
	const struct tally *t;

	t = &p->before_key;
	if (t->n == 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "value '%.*s%s' before any key line skipped: the text "
		    "starts inside a key",
		    Q(t->what, t->whatlen));
	else if (t->n > 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "%lu values before any key line skipped, the first "
		    "'%.*s%s': the text starts inside a key",
		    t->n, Q(t->what, t->whatlen));
	t = &p->after_delete;
	if (t->n == 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "value '%.*s%s' after the deletion of its key '%.*s%s' "
		    "skipped: regedit does not import it",
		    Q(t->what, t->whatlen), Q(t->key, t->keylen));
	else if (t->n > 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "%lu values after the deletion of their key skipped, the "
		    "first '%.*s%s' under '%.*s%s': regedit does not import "
		    "them",
		    t->n, Q(t->what, t->whatlen), Q(t->key, t->keylen));
	t = &p->outside;
	if (t->n == 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "value '%.*s%s' under '%.*s%s' is outside 'SCHANNEL': "
		    "skipped",
		    Q(t->what, t->whatlen), Q(t->key, t->keylen));
	else if (t->n > 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "%lu values outside 'SCHANNEL' skipped, the first "
		    "'%.*s%s' under '%.*s%s'",
		    t->n, Q(t->what, t->whatlen), Q(t->key, t->keylen));
	t = &p->outside_del;
	if (t->n == 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "deletion of key '%.*s%s' is outside 'SCHANNEL': skipped",
		    Q(t->what, t->whatlen));
	else if (t->n > 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "%lu key deletions outside 'SCHANNEL' skipped, the first "
		    "'%.*s%s'",
		    t->n, Q(t->what, t->whatlen));
	t = &p->elisions;
	if (t->n == 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "elision '%.*s%s': lines are missing here, values up to "
		    "the next key line skipped",
		    Q(t->what, t->whatlen));
	else if (t->n > 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "%lu elisions, the first '%.*s%s': lines are missing, "
		    "values after each up to the next key line skipped",
		    t->n, Q(t->what, t->whatlen));
	t = &p->headers;
	if (t->n == 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "header '%.*s%s' after keys or values: another export "
		    "starts here",
		    Q(t->what, t->whatlen));
	else if (t->n > 1)
		diag_add(dl, DIAG_NOTE, t->line,
		    "%lu headers after keys or values: other exports start "
		    "there, the first here",
		    t->n);
	if (p->problems > PROBLEMS_MAX)
		diag_add(dl, DIAG_WARNING, p->unlisted_line,
		    "%lu more problems like those above not listed, the "
		    "first here",
		    p->problems - PROBLEMS_MAX);
	t = &p->junk;
	if (t->n == 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "unrecognised line '%.*s%s' skipped",
		    Q(t->what, t->whatlen));
	else if (t->n > 1)
		diag_add(dl, DIAG_WARNING, t->line,
		    "%lu unrecognised lines skipped, the first '%.*s%s'", t->n,
		    Q(t->what, t->whatlen));
}

enum parse_status
parse_reg(struct model *m, struct artifact *a, const struct text *t)
{
	struct regparse p;
	struct line_iter it;
	struct line ln;
	enum parse_status st;

	rx_table_compile(patterns, ARRAY_SIZE(patterns));
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.a = a;
	p.version = 5;
	buf_init(&p.norm, KEY_MAX);
	buf_init(&p.name, KEY_MAX);
	buf_init(&p.data, DATA_MAX);
	buf_init(&p.bytes, DATA_MAX);
	buf_init(&p.str, 2 * DATA_MAX);

	line_iter_init(&it, t);
	while (line_next(&it, &ln)) {
		const char *s = ln.s, *e = ln.s + ln.len;

		if (e - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3; /* the BOM of a second file pasted in */
		while (s < e && blank(*s))
			s++;
		while (e > s && blank(e[-1]))
			e--;
		p.at_end = ln.s + ln.len == t->data + t->len;
		if (p.cont && continue_value(&p, s, e))
			continue;
		if (s == e)
			continue;
		p.nonblank++;
		read_line(&p, s, e, ln.no);
	}
	if (p.cont) /* the text ended inside a value: an empty line */
		continue_value(&p, t->data + t->len, t->data + t->len);
	report_tallies(&p);
	if (!p.have_build && p.build_number != NULL)
		model_host_fact(m, a, p.build_number_line, "os_build",
		    p.build_number);

	if (p.keys == 0) {
		if (p.nonblank == 0)
			diag_add(&a->diags, DIAG_ERROR, 0,
			    "empty file: no registry key");
		else if (p.header && p.nonblank == 1)
			diag_add(&a->diags, DIAG_ERROR, 0,
			    "only a header: no registry key");
		else
			diag_add(&a->diags, DIAG_ERROR, 0,
			    "no registry key line found");
		st = PARSE_FAILED;
	} else {
		st = p.partial ? PARSE_PARTIAL : PARSE_OK;
	}
	buf_release(&p.norm);
	buf_release(&p.name);
	buf_release(&p.data);
	buf_release(&p.bytes);
	buf_release(&p.str);
	return st;
}
