/*
 * http.sys configuration listings: what `netsh http show sslcert`,
 * `netsh http show iplisten` and the Windows Server 2003 `httpcfg query
 * ssl` / `httpcfg query iplisten` print.
 *
 * netsh http show sslcert (2008 R2 .. 2025; `ipport=`, `hostnameport=` and
 * `ccs=` filters print the same layout for one binding):
 *
 * SSL Certificate bindings:
 * -------------------------
 *
 *     IP:port                      : 0.0.0.0:443
 *     Certificate Hash             : 2ace368a90d2117be7a0065dfe259b2e8c94f538
 *     Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
 *     Certificate Store Name       : My
 *     Verify Client Certificate Revocation : Enabled
 *     ...
 *     Negotiate Client Certificate : Disabled
 *     Reject Connections           : Disabled
 *     Disable HTTP2                : Not Set
 *     ...
 *  Extended Properties:
 *     PropertyId                   : 0
 *     Receive Window               : 1048576
 *
 * Every version prints the 13 classic lines (header to Negotiate Client
 * Certificate); newer ones append Reject Connections, Disable HTTP2 ...
 * Enable Caching Client Hello ("Set" / "Not Set") and, on Windows 11 and
 * Server 2025, " Extended Properties:" blocks.  Headers are "IP:port",
 * "Hostname:port" and, for Central Certificate Store bindings keyed by
 * port alone, "Central Certificate Store" (UNCONFIRMED: the text comes from
 * third-party fixtures, see facts.md 5.3; it is one row of `labels`).
 *
 * netsh http show iplisten:
 *
 * IP addresses present in the IP listen list:
 * -------------------------------------------
 *
 *     192.168.33.2
 *
 * httpcfg query ssl (the Support Tools sample; each record is followed by
 * a line of 78 dashes; the hash is printed byte by byte with "%2x", so a
 * byte below 0x10 shows as a blank and a digit; the GUID comes from
 * RtlStringFromGUID, upper case).  `httpcfg query iplisten` prints the same
 * "IP :" line, without a port, and the separator:
 *
 *     IP                      : 0.0.0.0:443
 *     Hash                    : 2b7f1ebe2ae632c5d7328a8f849ffde0b4 3c07c
 *     Guid                    : {00000000-0000-0000-0000-000000000000}
 *     CertStoreName           : MY
 *     CertCheckMode           : 0
 *     ...
 *     Flags                   : 0
 * ---------------------------------------------------------------------...
 *
 * Records: one REC_SSLCERT per binding (type "ipport", "hostnameport" or
 * "ccs"; source "netsh" or "httpcfg"), every line of it in `fields` with
 * its label as written, the typed fields of struct sslcert filled through
 * the label table; one REC_IPLISTEN per listed address.  A file may hold
 * several listings (the iplisten sample shows the list before and after a
 * fix): every record is kept with its line, and `listing` numbers the
 * outputs 1, 2, ... so rules can take the latest.  A listing starts at a
 * section header, or at the first record after a prompt, a command or
 * other text.  No host facts: these outputs do not name the machine.
 *
 * Lines are matched by content, never by column: "label : value" is split
 * at the first colon followed by a blank or the end of the line (labels
 * themselves contain colons: "IP:port"), padding may be spaces or tabs,
 * and indentation does not matter.  Blank lines do not end a record; the
 * next header, a section header, a prompt or command, or a line that is
 * no field does.
 *
 * Quirks handled, all seen in real pastes: the header or the blank lines
 * missing; the first line's indentation lost; prompts ("C:\x>",
 * "PS C:\>", "PS>", "netsh>") and commands echoed without a prompt; netsh
 * messages ("IP address successfully deleted"); a PowerShell stream
 * prefix such as "VERBOSE: " or the German "AUSFÜHRLICH: " on most lines
 * (any "WORD: " that starts more than half of the lines is removed); an
 * elision ("...", "[...]") where the author cut text; the published text
 * ending in the middle of a record.
 *
 * Localised output: the labels known are in `labels` (German from the
 * corpus sample, Brazilian Portuguese from facts.md 6.1); a new language is
 * a few rows.  An unknown label whose value has the shape of a record key
 * ("addr:port" after a label that itself has a colon) still starts a
 * record, a 40-digit hex value still fills cert_hash and a GUID app_id;
 * every unknown field is kept by its label and noted once.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "parse_netsh.h"
#include "rx.h"
#include "strparse.h"
#include "xalloc.h"

/* What a label means, whatever the language. */
enum nf {
	NF_UNKNOWN,
	NF_IPPORT,
	NF_HOSTPORT,
	NF_CCS,
	NF_HTTPCFG_IP, /* httpcfg: "IP", with a port (ssl) or without (iplisten)
			*/
	NF_HASH,
	NF_APPID,
	NF_STORE,
	NF_VERIFY_REVOCATION,
	NF_CACHED_ONLY,
	NF_USAGE_CHECK,
	NF_FRESHNESS,
	NF_URL_TIMEOUT,
	NF_CTL_ID,
	NF_CTL_STORE,
	NF_DS_MAPPER,
	NF_NEGOTIATE,
	NF_REJECT,
	NF_HTTP2,
	NF_QUIC,
	NF_TLS12,
	NF_TLS13,
	NF_OCSP,
	NF_TOKEN_BINDING,
	NF_LOG_EXTENDED,
	NF_LEGACY_TLS,
	NF_SESSION_TICKET,
	NF_SESSION_ID,
	NF_CACHING_HELLO,
	NF_CERT_CHECK_MODE, /* httpcfg */
	NF_FLAGS,	    /* httpcfg */
	NF_EXTPROPS,	    /* " Extended Properties:" starts a block */
	NF_EXT_FIELD,	    /* a known line of such a block */
	NF__COUNT
};

/*
 * One row per label as printed.  Labels compare ASCII-case-insensitively
 * ("IP:Port" of the German output is "IP:port"), so only other words need
 * a row.  Adding a language means adding its rows here.
 */
struct label {
	const char *text;
	enum nf field;
};

/* clang-format off */
static const struct label labels[] = {
	/* en-US, every version (facts.md 6.1) */
	{ "IP:port",			NF_IPPORT },
	{ "Hostname:port",		NF_HOSTPORT },
	/* UNCONFIRMED: the header text of third-party fixtures (facts 5.3) */
	{ "Central Certificate Store",	NF_CCS },
	{ "Certificate Hash",		NF_HASH },
	{ "Application ID",		NF_APPID },
	{ "Certificate Store Name",	NF_STORE },
	{ "Verify Client Certificate Revocation", NF_VERIFY_REVOCATION },
	{ "Verify Revocation Using Cached Client Certificate Only",
					NF_CACHED_ONLY },
	{ "Usage Check",		NF_USAGE_CHECK },
	{ "Revocation Freshness Time",	NF_FRESHNESS },
	{ "URL Retrieval Timeout",	NF_URL_TIMEOUT },
	{ "Ctl Identifier",		NF_CTL_ID },
	{ "Ctl Store Name",		NF_CTL_STORE },
	{ "DS Mapper Usage",		NF_DS_MAPPER },
	{ "Negotiate Client Certificate", NF_NEGOTIATE },
	/* 2012 R2 and later */
	{ "Reject Connections",		NF_REJECT },
	{ "Disable HTTP2",		NF_HTTP2 },
	{ "Disable QUIC",		NF_QUIC },
	{ "Disable TLS1.2",		NF_TLS12 },
	{ "Disable TLS1.3",		NF_TLS13 },
	{ "Disable OCSP Stapling",	NF_OCSP },
	{ "Enable Token Binding",	NF_TOKEN_BINDING },
	{ "Log Extended Events",	NF_LOG_EXTENDED },
	{ "Disable Legacy TLS Versions", NF_LEGACY_TLS },
	{ "Enable Session Ticket",	NF_SESSION_TICKET },
	{ "Disable Session ID",		NF_SESSION_ID },
	{ "Enable Caching Client Hello", NF_CACHING_HELLO },
	/* Windows 11 / Server 2025 */
	{ "Extended Properties",	NF_EXTPROPS },
	{ "PropertyId",			NF_EXT_FIELD },
	{ "Receive Window",		NF_EXT_FIELD },
	{ "Max Settings Per Frame",	NF_EXT_FIELD },
	{ "Max Settings Per Minute",	NF_EXT_FIELD },
	/* de-DE: the labels of the corpus sample; the others are not known */
	{ "Zertifikathash",		NF_HASH },
	/* pt-BR (facts.md 6.1, a third-party fixture) */
	{ "IP:porta",			NF_IPPORT },
	{ "Nome do host:porta",		NF_HOSTPORT },
	{ "Hash do Certificado",	NF_HASH },
	{ "ID do Aplicativo",		NF_APPID },
	{ "Nome do Reposit\xc3\xb3rio de Certificados", NF_STORE },
	/* httpcfg query ssl (facts.md 6.3; the Support Tools message table) */
	{ "IP",				NF_HTTPCFG_IP },
	{ "Hash",			NF_HASH },
	{ "Guid",			NF_APPID },
	{ "CertStoreName",		NF_STORE },
	{ "CertCheckMode",		NF_CERT_CHECK_MODE },
	{ "RevocationFreshnessTime",	NF_FRESHNESS },
	{ "UrlRetrievalTimeout",	NF_URL_TIMEOUT },
	{ "SslCtlIdentifier",		NF_CTL_ID },
	{ "SslCtlStoreName",		NF_CTL_STORE },
	{ "Flags",			NF_FLAGS },
};

/* Lines that open a listing, compared like labels. */
static const struct {
	const char *text;
	bool iplisten;
} sections[] = {
	{ "SSL Certificate bindings:",			false },
	{ "SSL-Zertifikatbindungen:",			false },
	{ "Liga\xc3\xa7\xc3\xb5" "es do Certificado SSL:", false },
	{ "IP addresses present in the IP listen list:", true },
};

/* What netsh says after a change or a failed lookup: not damage. */
static const char *const messages[] = {
	"IP address successfully",
	"SSL Certificate successfully",
	"SSL Certificate add failed",
	"SSL Certificate delete failed",
	"SSL Certificate update failed",
	"The system cannot find the file specified",
	"The parameter is incorrect",
};

static const struct {
	const char *text;
	signed char value;
} bool_words[] = {
	{ "Enabled", 1 }, { "Disabled", 0 }, { "Set", 1 }, { "Not Set", 0 },
};

enum { RXI_GUID, RXI_IPV6, RXI_ELISION };

static struct rx_table patterns[] = {
	[RXI_GUID] = { "^(\\{)?([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})"
	    "(?(1)\\})$", RX_CASELESS, NULL },
	/* a bare IPv6 address as netsh and httpcfg print it: "::", "fe80::1" */
	[RXI_IPV6] = { "^(?=[^:]*:[^:]*:)[0-9a-f:.]+(?:%[0-9a-z]+)?$",
	    RX_CASELESS, NULL },
	[RXI_ELISION] = { "^(?:\\.{3,}|\\x{2026}|snip|"
	    "[\\[(<](?:\\.{3,}|\\x{2026}|snip)[\\])>])$", RX_CASELESS, NULL },
};
/* clang-format on */

/* Patterns only ever see short strings, so no input can make them slow. */
#define RX_SUBJECT_MAX 128

/* The lines of every version's record: the header and 12 fields. */
#define NETSH_STANDARD_FIELDS 13
/* httpcfg: IP and 9 fields. */
#define HTTPCFG_STANDARD_FIELDS 10

/* Notes said once per distinct subject, up to a small number. */
#define ONCE_KEYS 16
#define ONCE_KEYLEN 64
/* Runs of text outside the listings that each get a note. */
#define TEXT_RUN_NOTES 5
/* Quoted input in diagnostics is cut to this many bytes. */
#define QUOTE_MAX 60

struct once {
	char key[ONCE_KEYS][ONCE_KEYLEN];
	size_t len[ONCE_KEYS];
	int n;
};

enum end_reason {
	END_BOUNDARY, /* a header, a prompt, a section or the end of the text */
	END_TEXT,     /* a line that is no field */
	END_ELISION,
};

struct nsp {
	struct model *m;
	struct artifact *a;
	/* the open record */
	struct sslcert *rec;
	char rec_name[QUOTE_MAX + 1]; /* its endpoint, for messages */
	bool rec_httpcfg;
	unsigned long rec_last; /* line of its last field */
	char rec_last_label[QUOTE_MAX + 1];
	unsigned nfields;	 /* record-level fields, header included */
	unsigned long long seen; /* known fields seen, bit per enum nf */
	bool in_ext;		 /* inside an Extended Properties block */
	/* listings */
	bool iplisten;	 /* address lines are listing entries */
	bool in_listing; /* records join the current listing */
	long long listing;
	/* field lines without a record, reported once per run */
	unsigned long orphan_line;
	size_t orphan_n;
	char orphan_label[QUOTE_MAX + 1];
	/* text outside the listings */
	bool in_text_run;
	unsigned text_runs;
	struct once unknown_labels, odd_values;
	/* the repeated line prefix, if any ("VERBOSE:") */
	const char *prefix;
	size_t prefixlen;
	unsigned long cut_line; /* the last line, when no newline ends it */
	bool found;		/* anything of this kind seen */
	bool damaged;		/* something was cut or skipped */
	unsigned long records;
	char *scratch; /* NUL-terminated copies for model_kv_add() */
	size_t scratchsz;
};

/* Length of a blank at s[0..n): space, tab, CR, NBSP or a stray BOM. */
static size_t
blank_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r'))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] == 0xa0)
		return 2;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while (*n > 0 && (k = blank_len(s, *n)) > 0) {
		s += k;
		*n -= k;
	}
	while (*n > 0) {
		unsigned char c = (unsigned char)s[*n - 1];

		if (c == ' ' || c == '\t' || c == '\r')
			(*n)--;
		else if (*n >= 2 && c == 0xa0 &&
		    (unsigned char)s[*n - 2] == 0xc2)
			*n -= 2;
		else
			break;
	}
	return s;
}

/* n cut to at most max bytes without splitting a UTF-8 sequence. */
static int
clip(const char *s, size_t n, size_t max)
{
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return (int)n;
}

static void
copy_clipped(char *dst, size_t dstsz, const char *s, size_t n)
{
	int k = clip(s, n, dstsz - 1);

	memcpy(dst, s, (size_t)k);
	dst[k] = '\0';
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static bool
ieq(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static bool
iprefix(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	return n >= k && strncasecmp(s, word, k) == 0;
}

static bool
rx_is(int which, const char *s, size_t n, struct rx_match *mt)
{
	if (n > RX_SUBJECT_MAX)
		return false;
	return rx_match(patterns[which].rx, s, n, 0, mt) == 1;
}

/* true the first time `key` is offered; false after, or once full. */
static bool
once(struct once *o, const char *key, size_t n)
{
	int k = clip(key, n, ONCE_KEYLEN);

	for (int i = 0; i < o->n; i++)
		if (o->len[i] == (size_t)k && memcmp(o->key[i], key, k) == 0)
			return false;
	if (o->n == ONCE_KEYS)
		return false;
	memcpy(o->key[o->n], key, (size_t)k);
	o->len[o->n++] = (size_t)k;
	return true;
}

static enum nf
label_field(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++)
		if (ieq(s, n, labels[i].text))
			return labels[i].field;
	return NF_UNKNOWN;
}

/*
 * Length of "WORD:" at the start of a line, followed by a blank or the
 * end: the prefix PowerShell puts on its verbose, debug and warning
 * streams, in every language ("VERBOSE:", "AUSFÜHRLICH:").  Letters only,
 * so labels ("IP:port", "SSL-Zertifikatbindungen:") never qualify.
 */
static size_t
word_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 40 &&
	    ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		(unsigned char)s[i] >= 0x80))
		i++;
	if (i < 2 || i >= n || s[i] != ':')
		return 0;
	if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')
		return 0;
	return i + 1;
}

/*
 * The prefix that starts more than half of the non-blank lines, if any.
 * Only the first few distinct candidates are counted, so this is one pass.
 */
static void
find_prefix(struct nsp *p, const struct text *t)
{
	struct cand {
		const char *s;
		size_t n;
		unsigned long hits;
	} cand[5] = { { NULL, 0, 0 } };
	int ncand = 0, best = -1;
	unsigned long nonblank = 0;
	struct line_iter it;
	struct line ln;

	line_iter_init(&it, t);
	while (line_next(&it, &ln)) {
		size_t n = ln.len, k;
		int i;

		trim(ln.s, &n);
		if (n == 0)
			continue;
		nonblank++;
		if ((k = word_prefix(ln.s, ln.len)) == 0)
			continue;
		for (i = 0; i < ncand; i++)
			if (cand[i].n == k && memcmp(cand[i].s, ln.s, k) == 0)
				break;
		if (i < ncand)
			cand[i].hits++;
		else if (ncand < (int)ARRAY_SIZE(cand))
			cand[ncand++] = (struct cand) { ln.s, k, 1 };
	}
	for (int i = 0; i < ncand; i++)
		if (best < 0 || cand[i].hits > cand[best].hits)
			best = i;
	if (best >= 0 && cand[best].hits >= 2 &&
	    cand[best].hits * 2 > nonblank) {
		p->prefix = cand[best].s;
		p->prefixlen = cand[best].n;
	}
}

/* A prompt or a command echoed without one: a new command's output follows. */
static bool
is_prompt_or_command(const char *s, size_t n)
{
	if (str_prompt_len(s, n) > 0 || iprefix(s, n, "PS>"))
		return true;
	/* "netsh>", "netsh http>" (interactive), "netsh http show sslcert" */
	if (iprefix(s, n, "netsh") || iprefix(s, n, "httpcfg")) {
		size_t k = iprefix(s, n, "netsh") ? 5 : 7;

		if (k + 4 <= n && strncasecmp(s + k, ".exe", 4) == 0)
			k += 4;
		return k == n || s[k] == ' ' || s[k] == '>';
	}
	return false;
}

static bool
is_dashes(const char *s, size_t n)
{
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '-')
			return false;
	return true;
}

/* An address alone on a line, as the iplisten listings print them. */
static bool
is_address(const char *s, size_t n)
{
	return addr_is_ipv4(s, n) || addr_is_ipv6(s, n) ||
	    rx_is(RXI_IPV6, s, n, NULL);
}

/*
 * "host:port" where host is an IP address or a DNS name (wildcards
 * allowed): what a localised record header holds.
 */
static bool
endpoint_shaped(const char *s, size_t n, bool *is_ip)
{
	struct hostport hp;
	bool letter = false;

	if (n > 300 || !addr_split(s, n, &hp) || hp.star_port ||
	    hp.hostlen == 0)
		return false;
	if (addr_is_ipv4(hp.host, hp.hostlen) ||
	    addr_is_ipv6(hp.host, hp.hostlen)) {
		*is_ip = true;
		return true;
	}
	for (size_t i = 0; i < hp.hostlen; i++) {
		char c = hp.host[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letter = true;
		else if (!((c >= '0' && c <= '9') || c == '.' || c == '-' ||
			     c == '_' || c == '*'))
			return false;
	}
	*is_ip = false;
	return letter;
}

static signed char
bool_word(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(bool_words); i++)
		if (ieq(s, n, bool_words[i].text))
			return bool_words[i].value;
	return BOOL_NONE;
}

static bool
number(const char *s, size_t n, unsigned long long *v)
{
	char buf[24];

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return str_to_ull(buf, v);
}

static signed char *
bool_slot(struct sslcert *c, enum nf f)
{
	switch (f) {
	case NF_VERIFY_REVOCATION:
		return &c->verify_revocation;
	case NF_USAGE_CHECK:
		return &c->usage_check;
	case NF_NEGOTIATE:
		return &c->negotiate_client_cert;
	case NF_DS_MAPPER:
		return &c->ds_mapper;
	case NF_REJECT:
		return &c->reject;
	case NF_HTTP2:
		return &c->disable_http2;
	case NF_QUIC:
		return &c->disable_quic;
	case NF_TLS12:
		return &c->disable_tls12;
	case NF_TLS13:
		return &c->disable_tls13;
	case NF_LEGACY_TLS:
		return &c->disable_legacy_tls;
	case NF_OCSP:
		return &c->disable_ocsp_stapling;
	case NF_SESSION_TICKET:
		return &c->enable_session_ticket;
	default:
		return NULL;
	}
}

/*
 * httpcfg prints each byte with "%2x": 20 pairs, each two hex digits or a
 * blank and one.  Fills out (41 bytes) and returns true when raw is that.
 */
static bool
httpcfg_hash(const char *raw, size_t n, char *out)
{
	if (n != 40)
		return false;
	for (size_t i = 0; i < 40; i += 2) {
		char hi = raw[i], lo = raw[i + 1];

		if (!((hi == ' ' || is_hex(hi)) && is_hex(lo)))
			return false;
		out[i] = hi == ' ' ? '0' : (char)(hi | 0x20);
		out[i + 1] = (char)(lo | 0x20);
	}
	out[40] = '\0';
	return true;
}

/*
 * cert_hash and hash_state from a hash line.  `raw` is the value with only
 * the separator's blank removed (httpcfg's padding is significant), `v`
 * the trimmed value as stored in the record's fields.  Blanks between
 * digits are ignored: a hash copied from certutil ("7f d8 ...") is still a
 * hash.
 */
static void
set_hash(struct nsp *p, const char *raw, size_t rawn, const char *v)
{
	struct sslcert *c = p->rec;
	char hex[41];
	size_t digits = 0, n = strlen(v);
	bool nonhex = false, zero = true;

	if (httpcfg_hash(raw, rawn, hex)) {
		bool z = strspn(hex, "0") == 40;

		c->hash_state = z ? "zero" : "ok";
		c->cert_hash = z ? v : model_strdup(p->m, hex);
		return;
	}
	for (size_t i = 0; i < n && !nonhex; i++) {
		if (v[i] == ' ' || v[i] == '\t')
			continue;
		if (!is_hex(v[i]))
			nonhex = true;
		else if (digits < 40)
			hex[digits] = (char)(v[i] | 0x20);
		digits++;
		if (v[i] != '0')
			zero = false;
	}
	if (n == 0)
		c->hash_state = "empty";
	else if (nonhex)
		c->hash_state = "nonhex";
	else if (digits < 40)
		c->hash_state = "short";
	else if (digits > 40)
		c->hash_state = "long";
	else if (zero)
		c->hash_state = "zero";
	else
		c->hash_state = "ok";
	if (strcmp(c->hash_state, "ok") == 0)
		c->cert_hash = model_strndup(p->m, hex, 40);
	else
		c->cert_hash = v;
}

/*
 * A GUID becomes "{...}" in lower case; anything else (a redacted
 * "{XXXXXXXX-...}") stays as written: `v` is the stored value.
 */
static const char *
app_id(struct nsp *p, const char *v)
{
	struct rx_match mt;
	const char *g;
	size_t gn;
	char buf[39];

	if (!rx_is(RXI_GUID, v, strlen(v), &mt) ||
	    !rx_group(&mt, 2, v, &g, &gn) || gn != 36)
		return v;
	buf[0] = '{';
	for (size_t i = 0; i < 36; i++)
		buf[i + 1] =
		    (g[i] >= 'A' && g[i] <= 'Z') ? (char)(g[i] | 0x20) : g[i];
	buf[37] = '}';
	buf[38] = '\0';
	return model_strdup(p->m, buf);
}

static bool
looks_like_hash(const char *v)
{
	size_t digits = 0;

	for (; *v != '\0'; v++) {
		if (*v == ' ')
			continue;
		if (!is_hex(*v))
			return false;
		digits++;
	}
	return digits == 40;
}

/*
 * Append label and value (not terminated) to the record's fields; returns
 * the stored value, which the typed fields share.
 */
static const char *
kv_add(struct nsp *p, const char *prefix, const char *label, size_t labeln,
    const char *v, size_t n)
{
	struct kvlist *l = &p->rec->fields;
	size_t pn = strlen(prefix), need = pn + labeln + n + 2;

	if (need > p->scratchsz) {
		p->scratch = xrealloc(p->scratch, need);
		p->scratchsz = need;
	}
	memcpy(p->scratch, prefix, pn);
	memcpy(p->scratch + pn, label, labeln);
	p->scratch[pn + labeln] = '\0';
	memcpy(p->scratch + pn + labeln + 1, v, n);
	p->scratch[pn + labeln + 1 + n] = '\0';
	model_kv_add(p->m, l, p->scratch, p->scratch + pn + labeln + 1);
	return l->v[l->n - 1].value;
}

static void
flush_orphans(struct nsp *p)
{
	if (p->orphan_n == 0)
		return;
	if (p->orphan_n == 1)
		diag_add(&p->a->diags, DIAG_WARNING, p->orphan_line,
		    "field '%s' without a record header: ignored",
		    p->orphan_label);
	else
		diag_add(&p->a->diags, DIAG_WARNING, p->orphan_line,
		    "field '%s' without a record header: ignored, with the "
		    "%zu field lines after it",
		    p->orphan_label, p->orphan_n - 1);
	p->orphan_n = 0;
	p->damaged = true;
}

static void
end_text_run(struct nsp *p)
{
	p->in_text_run = false;
}

/*
 * Close the open record.  Every version prints at least the standard
 * fields, so a record with fewer was cut: said once, on the line that
 * shows it (the elision or stray line that ended it, else the record's
 * last field).
 */
static void
end_record(struct nsp *p, enum end_reason why, unsigned long line,
    const char *s, size_t n)
{
	unsigned want =
	    p->rec_httpcfg ? HTTPCFG_STANDARD_FIELDS : NETSH_STANDARD_FIELDS;
	struct sslcert *c = p->rec;

	if (c == NULL)
		return;
	p->rec = NULL;
	p->in_ext = false;
	if (why == END_ELISION) {
		diag_add(&p->a->diags, DIAG_WARNING, line,
		    "elision '%.*s': record '%s' cut after '%s'",
		    clip(s, n, QUOTE_MAX), s, p->rec_name, p->rec_last_label);
		p->damaged = true;
		return;
	}
	if (p->nfields >= want)
		return;
	p->damaged = true;
	if (p->rec_last == p->cut_line) {
		diag_add(&p->a->diags, DIAG_WARNING, p->rec_last,
		    "record '%s' cut in its last line '%s': %u of its %u "
		    "standard fields present",
		    p->rec_name, p->rec_last_label, p->nfields, want);
		return;
	}
	if (why == END_TEXT) {
		diag_add(&p->a->diags, DIAG_WARNING, line,
		    "unrecognised line '%.*s' cuts record '%s': %u of its %u "
		    "standard fields present",
		    clip(s, n, QUOTE_MAX), s, p->rec_name, p->nfields, want);
		/* the line is accounted for: no note for its text run */
		p->in_text_run = true;
		return;
	}
	diag_add(&p->a->diags, DIAG_WARNING, p->rec_last,
	    "record '%s' stops after '%s': %u of its %u standard fields "
	    "present",
	    p->rec_name, p->rec_last_label, p->nfields, want);
}

static void
join_listing(struct nsp *p)
{
	if (!p->in_listing) {
		p->listing++;
		p->in_listing = true;
	}
	p->found = true;
}

static void
add_iplisten(struct nsp *p, unsigned long line, const char *s, size_t n)
{
	struct iplisten *ip;

	join_listing(p);
	ip = model_add(p->m, REC_IPLISTEN, p->a, line);
	ip->address = model_strndup(p->m, s, n);
	ip->listing = p->listing;
	p->records++;
}

static void
start_record(struct nsp *p, enum nf f, unsigned long line, const char *label,
    size_t labeln, const char *v, size_t n)
{
	struct sslcert *c;
	struct hostport hp;
	unsigned long long port;

	join_listing(p);
	c = model_add(p->m, REC_SSLCERT, p->a, line);
	p->rec = c;
	p->records++;
	p->rec_httpcfg = f == NF_HTTPCFG_IP;
	p->nfields = 1;
	p->seen = 1ULL << f;
	p->in_ext = false;
	p->rec_last = line;
	copy_clipped(p->rec_last_label, sizeof(p->rec_last_label), label,
	    labeln);
	if (f == NF_HOSTPORT)
		c->type = "hostnameport";
	else if (f == NF_CCS)
		c->type = "ccs";
	else
		c->type = "ipport";
	c->source = p->rec_httpcfg ? "httpcfg" : "netsh";
	c->listing = p->listing;
	c->endpoint = kv_add(p, "", label, labeln, v, n);
	copy_clipped(p->rec_name, sizeof(p->rec_name), v, n);

	if (f == NF_CCS && number(v, n, &port) && port <= 65535) {
		/* keyed by the port alone: "443" */
		c->port = (long long)port;
		return;
	}
	if (addr_split(v, n, &hp) && !hp.star_port && hp.hostlen > 0) {
		if (f != NF_CCS)
			c->address = model_strndup(p->m, hp.host, hp.hostlen);
		c->port = hp.port;
		return;
	}
	diag_add(&p->a->diags, DIAG_WARNING, line,
	    "endpoint '%.*s' not understood: address and port left out",
	    clip(v, n, QUOTE_MAX), v);
	p->damaged = true;
}

/*
 * Fill the typed fields for a known label of the open record; `v` is the
 * value as stored in its fields, `raw` the value as on the line.
 */
static void
typed_field(struct nsp *p, enum nf f, const char *label, size_t labeln,
    const char *raw, size_t rawn, const char *v)
{
	struct sslcert *c = p->rec;
	signed char *slot = bool_slot(c, f);
	size_t n = strlen(v);
	unsigned long long num;

	if (slot != NULL) {
		*slot = bool_word(v, n);
		/* a value cut by the end of the text is no odd value */
		if (*slot == BOOL_NONE && p->rec_last != p->cut_line &&
		    once(&p->odd_values, v, n))
			diag_add(&p->a->diags, DIAG_NOTE, p->rec_last,
			    "value '%.*s' of '%.*s' is neither Enabled/Set nor "
			    "Disabled/Not Set: kept as written only",
			    clip(v, n, QUOTE_MAX), v,
			    clip(label, labeln, QUOTE_MAX), label);
		return;
	}
	switch (f) {
	case NF_HASH:
		set_hash(p, raw, rawn, v);
		break;
	case NF_APPID:
		c->app_id = app_id(p, v);
		break;
	case NF_STORE:
		c->store = v;
		break;
	case NF_CTL_ID:
		c->ctl_identifier = v;
		break;
	case NF_CTL_STORE:
		c->ctl_store = v;
		break;
	case NF_CERT_CHECK_MODE:
		/* bit 0x1: no revocation check; 0x10000: no usage check */
		if (number(v, n, &num)) {
			c->verify_revocation = (num & 0x1) == 0;
			c->usage_check = (num & 0x10000) == 0;
		}
		break;
	case NF_FLAGS:
		/* bit 0x1: use the DS mapper; 0x2: negotiate client cert */
		if (number(v, n, &num)) {
			c->ds_mapper = (num & 0x1) != 0;
			c->negotiate_client_cert = (num & 0x2) != 0;
		}
		break;
	default:
		break;
	}
}

/*
 * A "label : value" line.  false when it is no part of a listing after all
 * (an unknown label outside any record: a line of some other text).
 */
static bool
field_line(struct nsp *p, unsigned long line, const char *label, size_t labeln,
    const char *raw, size_t rawn, const char *v, size_t n)
{
	enum nf f = label_field(label, labeln);
	bool is_ip;
	struct sslcert *c;
	const char *sv;

	if (f == NF_UNKNOWN && memchr(label, ':', labeln) != NULL &&
	    endpoint_shaped(v, n, &is_ip)) {
		f = is_ip ? NF_IPPORT : NF_HOSTPORT;
		if (once(&p->unknown_labels, label, labeln))
			diag_add(&p->a->diags, DIAG_NOTE, line,
			    "label '%.*s' not in the label table: its value "
			    "'%.*s' taken as a record header",
			    clip(label, labeln, QUOTE_MAX), label,
			    clip(v, n, QUOTE_MAX), v);
	}
	if (f == NF_HTTPCFG_IP && !endpoint_shaped(v, n, &is_ip) &&
	    is_address(v, n)) {
		/* httpcfg query iplisten: "IP : 10.0.0.1", no port */
		end_record(p, END_BOUNDARY, line, NULL, 0);
		flush_orphans(p);
		add_iplisten(p, line, v, n);
		return true;
	}
	if (f == NF_IPPORT || f == NF_HOSTPORT || f == NF_CCS ||
	    f == NF_HTTPCFG_IP) {
		end_record(p, END_BOUNDARY, line, NULL, 0);
		flush_orphans(p);
		start_record(p, f, line, label, labeln, v, n);
		return true;
	}
	/*
	 * A known field the record already has: the header of the next
	 * record was lost, so these lines belong to no record we can name.
	 */
	if (p->rec != NULL && f != NF_UNKNOWN && f != NF_EXTPROPS &&
	    f != NF_EXT_FIELD && (p->seen & (1ULL << f)))
		end_record(p, END_BOUNDARY, line, NULL, 0);
	if (p->rec == NULL) {
		if (f == NF_UNKNOWN && p->orphan_n == 0)
			return false;
		if (p->orphan_n++ == 0) {
			p->orphan_line = line;
			copy_clipped(p->orphan_label, sizeof(p->orphan_label),
			    label, labeln);
		}
		return true;
	}

	c = p->rec;
	p->rec_last = line;
	copy_clipped(p->rec_last_label, sizeof(p->rec_last_label), label,
	    labeln);
	if (f == NF_UNKNOWN && once(&p->unknown_labels, label, labeln))
		diag_add(&p->a->diags, DIAG_NOTE, line,
		    "label '%.*s' not in the label table: kept by name",
		    clip(label, labeln, QUOTE_MAX), label);
	if (f == NF_EXTPROPS) {
		p->in_ext = true;
		return true;
	}
	if (f == NF_EXT_FIELD || (p->in_ext && f == NF_UNKNOWN)) {
		kv_add(p, "Extended Properties/", label, labeln, v, n);
		return true;
	}
	p->in_ext = false;
	p->nfields++;
	sv = kv_add(p, "", label, labeln, v, n);
	if (f != NF_UNKNOWN) {
		p->seen |= 1ULL << f;
		typed_field(p, f, label, labeln, raw, rawn, sv);
	} else if (c->cert_hash == NULL && looks_like_hash(sv)) {
		set_hash(p, raw, rawn, sv);
	} else if (c->app_id == NULL && rx_is(RXI_GUID, v, n, NULL)) {
		c->app_id = app_id(p, sv);
	}
	return true;
}

/*
 * Split "label : value" at the first colon followed by a blank or the end
 * of the line.  false when the line has no such colon or no label.
 */
static bool
split_field(const char *s, size_t n, const char **label, size_t *labeln,
    const char **raw, size_t *rawn, const char **v, size_t *vn)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ':' &&
		    (i + 1 == n || blank_len(s + i + 1, n - i - 1) > 0))
			break;
	if (i == n)
		return false;
	*labeln = i;
	*label = trim(s, labeln);
	if (*labeln == 0 || *labeln > 100)
		return false;
	*raw = s + i + 1;
	*rawn = n - i - 1;
	if (*rawn > 0 && ((*raw)[0] == ' ' || (*raw)[0] == '\t')) {
		(*raw)++;
		(*rawn)--;
	}
	*vn = *rawn;
	*v = trim(*raw, vn);
	return true;
}

static int
section(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(sections); i++)
		if (ieq(s, n, sections[i].text))
			return (int)i;
	return -1;
}

static bool
netsh_message(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(messages); i++)
		if (iprefix(s, n, messages[i]))
			return true;
	return false;
}

/* Anything that ends the current output: a prompt, a command, a message. */
static void
leave_listing(struct nsp *p)
{
	end_record(p, END_BOUNDARY, 0, NULL, 0);
	flush_orphans(p);
	p->in_listing = false;
	p->iplisten = false;
}

static void
one_line(struct nsp *p, const struct line *ln)
{
	const char *s = ln->s, *label, *raw, *v;
	size_t n = ln->len, labeln, rawn, vn;
	int sec;

	if (p->prefix != NULL && n >= p->prefixlen &&
	    memcmp(s, p->prefix, p->prefixlen) == 0) {
		s += p->prefixlen;
		n -= p->prefixlen;
		if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
			s++;
			n--;
		}
	}
	s = trim(s, &n);
	if (n == 0)
		return;

	if (is_prompt_or_command(s, n)) {
		leave_listing(p);
		end_text_run(p);
		return;
	}
	if ((sec = section(s, n)) >= 0) {
		leave_listing(p);
		end_text_run(p);
		join_listing(p);
		p->iplisten = sections[sec].iplisten;
		return;
	}
	if (is_dashes(s, n)) {
		/* under a section header, or httpcfg's record separator */
		end_record(p, END_BOUNDARY, ln->no, NULL, 0);
		flush_orphans(p);
		return;
	}
	if (netsh_message(s, n)) {
		leave_listing(p);
		end_text_run(p);
		p->found = true;
		diag_add(&p->a->diags, DIAG_NOTE, ln->no,
		    "netsh message skipped: '%.*s'", clip(s, n, QUOTE_MAX), s);
		return;
	}
	if (rx_is(RXI_ELISION, s, n, NULL)) {
		flush_orphans(p);
		if (p->rec != NULL) {
			end_record(p, END_ELISION, ln->no, s, n);
		} else {
			diag_add(&p->a->diags, DIAG_WARNING, ln->no,
			    "elision '%.*s': text left out here",
			    clip(s, n, QUOTE_MAX), s);
			p->damaged = true;
		}
		return;
	}
	if (p->iplisten && p->rec == NULL && is_address(s, n)) {
		flush_orphans(p);
		end_text_run(p);
		add_iplisten(p, ln->no, s, n);
		return;
	}
	if (split_field(s, n, &label, &labeln, &raw, &rawn, &v, &vn) &&
	    field_line(p, ln->no, label, labeln, raw, rawn, v, vn)) {
		end_text_run(p);
		return;
	}

	/* Text that is no part of a listing: the end of any record. */
	flush_orphans(p);
	if (p->rec != NULL)
		end_record(p, END_TEXT, ln->no, s, n);
	p->in_listing = false;
	p->iplisten = false;
	if (!p->in_text_run) {
		p->in_text_run = true;
		if (p->text_runs++ < TEXT_RUN_NOTES)
			diag_add(&p->a->diags, DIAG_NOTE, ln->no,
			    "text outside the netsh output skipped: '%.*s'",
			    clip(s, n, QUOTE_MAX), s);
	}
}

enum parse_status
parse_netsh(struct model *m, struct artifact *a, const struct text *t)
{
	struct nsp p;
	struct line_iter it;
	struct line ln;

	rx_table_compile(patterns, ARRAY_SIZE(patterns));
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.a = a;
	find_prefix(&p, t);
	line_iter_init(&it, t);
	while (line_next(&it, &ln)) {
		if (ln.s + ln.len == t->data + t->len)
			p.cut_line = ln.no;
		one_line(&p, &ln);
	}
	end_record(&p, END_BOUNDARY, 0, NULL, 0);
	flush_orphans(&p);
	if (p.text_runs > TEXT_RUN_NOTES)
		diag_add(&a->diags, DIAG_NOTE, 0,
		    "%u more runs of text outside the netsh output skipped",
		    p.text_runs - TEXT_RUN_NOTES);

	free(p.scratch);
	if (!p.found) {
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "no 'netsh http show sslcert', 'show iplisten' or "
		    "'httpcfg query' output found");
		return PARSE_FAILED;
	}
	if (p.damaged && p.records == 0) {
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "no record could be read: the text is too damaged");
		return PARSE_FAILED;
	}
	return p.damaged ? PARSE_PARTIAL : PARSE_OK;
}
