/*
 * applicationHost.config: the IIS configuration file, as copied from
 * %windir%\System32\inetsrv\config\ (full IIS, UTF-8 without BOM, CRLF) or
 * from a project's .vs\config\ or Documents\IISExpress\config\ folder (IIS
 * Express, often with a BOM).
 *
 *   <configuration>
 *     <system.applicationHost>
 *       <customMetadata>
 *         <key path="LM/W3SVC/2">
 *           <property id="5506" dataType="Binary" userType="1"
 *               attributes="None" value="oXiHOzFAMOF0YxIuI7soWvDFEzg=" />
 *       <sites>
 *         <site name="Shop" id="2">
 *           <bindings>
 *             <binding protocol="https"
 *                 bindingInformation="*:443:shop.contoso.com" sslFlags="1" />
 *         <siteDefaults> ... <bindings> (rare) ...
 *     <system.webServer><security><access sslFlags="None" />
 *     <location path="Shop"><system.webServer><security>
 *         <access sslFlags="Ssl, SslNegotiateCert" />
 *
 * Records:
 *   REC_SITE      sites/site: id, name.
 *   REC_BINDING   site/bindings/binding and siteDefaults/bindings/binding
 *                 (site fields absent): protocol, information as written.
 *                 For http and https "IP:port:host" is split from the
 *                 right: address ("*", "", "10.0.0.5", "[::1]" as
 *                 written), port, host ("" for none).  Other protocols
 *                 (net.tcp "808:*", net.pipe "*", ftp, ...) keep
 *                 information only.  ssl_flags is the sslFlags integer;
 *                 sni (bit 1) and ccs (bit 2) follow from it, and are
 *                 false for an https binding without sslFlags (IIS's
 *                 default 0).  certificateHash (lowercase hex when it is
 *                 hex) and certificateStoreName of IIS 7 era configs.
 *   REC_METADATA  customMetadata/key/property: key, site_id (n of
 *                 "LM/W3SVC/n[/...]"), prop_id, data_type, user_type,
 *                 attributes, value; for 5506 (SSLCertHash) and any Binary
 *                 property whose value is strict base64 (at most 4 KiB),
 *                 decoded_hex and decoded_len.
 *   REC_ACCESS    system.webServer/security/access/@sslFlags, at server
 *                 level (location "") and per <location path=...>:
 *                 ssl_flags as written, ssl, negotiate_cert, require_cert.
 *   REC_HOST      iis_flavor "express" when the file names IIS Express
 *                 (%IIS_BIN%, %IIS_USER_HOME%, %IIS_SITES_HOME%,
 *                 IISExpress paths), else "full" when modules load from
 *                 ...\inetsrv\; nothing when the file does not tell.
 *
 * Quirks: files are UTF-8 with or without a BOM and CRLF (already decoded
 * here); snippets pasted into tickets are often a lone <site> or
 * <bindings> element, read as a fragment (wrapped in a root of our own) and
 * reported partial; IIS refuses a file that is not well-formed XML, so an
 * XML error is itself worth an error diagnostic, and reading stops there
 * (what came before is kept).
 */
#include "compat.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "strparse.h"
#include "xml.h"

#define FEED_CHUNK (64 << 10)
#define FRAGMENT_ROOT "sslsift-fragment"
#define MAX_B64 4096 /* longest value decoded */
#define MAX_PATH 64  /* element levels followed */

enum elem {
	E_OTHER,
	E_CONFIGURATION,
	E_APPHOST,
	E_WEBSERVER,
	E_SITES,
	E_SITE,
	E_SITEDEFAULTS,
	E_BINDINGS,
	E_BINDING,
	E_CUSTOMMETADATA,
	E_KEY,
	E_PROPERTY,
	E_LOCATION,
	E_SECURITY,
	E_ACCESS,
};

static const struct {
	const char *name;
	enum elem e;
} elems[] = {
	{ "configuration", E_CONFIGURATION },
	{ "system.applicationHost", E_APPHOST },
	{ "system.webServer", E_WEBSERVER },
	{ "sites", E_SITES },
	{ "site", E_SITE },
	{ "siteDefaults", E_SITEDEFAULTS },
	{ "bindings", E_BINDINGS },
	{ "binding", E_BINDING },
	{ "customMetadata", E_CUSTOMMETADATA },
	{ "key", E_KEY },
	{ "property", E_PROPERTY },
	{ "location", E_LOCATION },
	{ "security", E_SECURITY },
	{ "access", E_ACCESS },
};

/* Where each record lives, from the root down. */
static const enum elem pat_site[] = { E_CONFIGURATION, E_APPHOST, E_SITES,
	E_SITE };
static const enum elem pat_site_binding[] = { E_CONFIGURATION, E_APPHOST,
	E_SITES, E_SITE, E_BINDINGS, E_BINDING };
static const enum elem pat_default_binding[] = { E_CONFIGURATION, E_APPHOST,
	E_SITES, E_SITEDEFAULTS, E_BINDINGS, E_BINDING };
static const enum elem pat_property[] = { E_CONFIGURATION, E_APPHOST,
	E_CUSTOMMETADATA, E_KEY, E_PROPERTY };
static const enum elem pat_access[] = { E_CONFIGURATION, E_WEBSERVER,
	E_SECURITY, E_ACCESS };
static const enum elem pat_location_access[] = { E_CONFIGURATION, E_LOCATION,
	E_WEBSERVER, E_SECURITY, E_ACCESS };

enum flavor { FLAVOR_NONE, FLAVOR_FULL, FLAVOR_EXPRESS };

struct apphost {
	struct model *m;
	struct artifact *a;
	bool wrapped;	/* a fragment in our own root element */
	bool fragment;	/* no <configuration> root */
	unsigned depth; /* open elements, our root included */
	enum elem path[MAX_PATH];
	/* the open site, key and location */
	unsigned site_depth, key_depth, location_depth;
	long long site_id;
	const char *site_name;
	const char *key;
	const char *location;
	enum flavor flavor;
	unsigned long flavor_line;
	/* first fatal error */
	bool fatal;
	unsigned long fatal_line;
	char fatal_msg[300];
	bool said_error, said_token;
};

static enum elem
classify(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(elems); i++)
		if (strcmp(name, elems[i].name) == 0)
			return elems[i].e;
	return E_OTHER;
}

/*
 * The open elements (without our own root) match `pat`: exactly, in a
 * whole file; as a tail of it, in a fragment whose root is any element of
 * the pattern.
 */
static bool
at(const struct apphost *h, const enum elem *pat, size_t plen)
{
	size_t first = h->wrapped ? 1 : 0;
	size_t n = h->depth > first ? h->depth - first : 0;

	if (h->depth > MAX_PATH || n == 0 || n > plen)
		return false;
	if (!h->fragment && n != plen)
		return false;
	for (size_t i = 0; i < n; i++)
		if (h->path[first + i] != pat[plen - n + i])
			return false;
	return true;
}

#define AT(h, pat) at((h), (pat), ARRAY_SIZE(pat))

/* The value of attribute `name` as a model string, or NULL. */
static const char *
attr(struct apphost *h, const struct xml_attr *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return model_strndup(h->m, a[i].value, a[i].len);
	return NULL;
}

static long long
to_int(const char *s)
{
	long long v;
	size_t n;
	char tmp[32];

	if (s == NULL)
		return INT_NONE;
	n = strlen(s);
	s = str_trim(s, &n);
	if (n == 0 || n >= sizeof(tmp))
		return INT_NONE;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return str_to_ll(tmp, &v) ? v : INT_NONE;
}

/*
 * Does s[0..n) contain `needle` (ASCII case-insensitively)?  Only the
 * places where its first character is are compared, so a long value costs
 * a memchr pass per case.
 */
static bool
icontains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	char first[2] = { needle[0], needle[0] };

	if (first[0] >= 'a' && first[0] <= 'z')
		first[1] = (char)(first[0] - 'a' + 'A');
	else if (first[0] >= 'A' && first[0] <= 'Z')
		first[1] = (char)(first[0] - 'A' + 'a');
	for (int c = 0; c < 2 && n >= k; c++) {
		const char *p = s, *last = s + n - k;

		while (p <= last &&
		    (p = memchr(p, first[c], (size_t)(last - p) + 1)) != NULL) {
			if (strncasecmp(p, needle, k) == 0)
				return true;
			p++;
		}
	}
	return false;
}

/* Does the file say which IIS it belongs to? */
static void
sniff_flavor(struct apphost *h, const struct xml_attr *a, size_t n,
    unsigned long line)
{
	static const char *const express[] = { "%IIS_BIN%", "%IIS_USER_HOME%",
		"%IIS_SITES_HOME%", "IISExpress" };

	if (h->flavor == FLAVOR_EXPRESS)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(express); k++) {
			if (icontains(a[i].value, a[i].len, express[k])) {
				h->flavor = FLAVOR_EXPRESS;
				h->flavor_line = line;
				return;
			}
		}
		if (h->flavor == FLAVOR_NONE &&
		    strcmp(a[i].name, "image") == 0 &&
		    icontains(a[i].value, a[i].len, "\\inetsrv\\")) {
			h->flavor = FLAVOR_FULL;
			h->flavor_line = line;
		}
	}
}

/* "IP:port:host", split from the right for http and https. */
static void
split_information(struct apphost *h, struct binding *b, unsigned long line)
{
	const char *s = b->information, *host, *port;
	const char *depth0 = NULL;
	char tmp[8];
	size_t plen;
	long long v;

	host = strrchr(s, ':');
	if (host == NULL)
		goto bad;
	/* the port's colon: the last one before host outside brackets */
	for (const char *q = s; q < host; q++) {
		if (*q == '[') {
			const char *close = memchr(q, ']', (size_t)(host - q));

			if (close != NULL)
				q = close;
		} else if (*q == ':') {
			depth0 = q;
		}
	}
	if (depth0 == NULL)
		goto bad;
	port = depth0 + 1;
	b->address = model_strndup(h->m, s, (size_t)(depth0 - s));
	b->host = model_strdup(h->m, host + 1);
	plen = (size_t)(host - port);
	if (plen > 0 && plen < sizeof(tmp)) {
		memcpy(tmp, port, plen);
		tmp[plen] = '\0';
		if (str_to_ll(tmp, &v) && tmp[0] != '-' && v > 0 &&
		    v <= 65535) {
			b->port = v;
			return;
		}
	}
	diag_add(&h->a->diags, DIAG_WARNING, line,
	    "binding '%s' has no valid port: port left out", s);
	return;
bad:
	diag_add(&h->a->diags, DIAG_WARNING, line,
	    "binding information '%s' is not IP:port:host: kept as written", s);
}

static void
add_binding(struct apphost *h, const struct xml_attr *a, size_t n,
    unsigned long line, bool in_site)
{
	struct binding *b = model_add(h->m, REC_BINDING, h->a, line);
	const char *flags, *hash;
	char hex[129];

	if (in_site) {
		b->site_id = h->site_id;
		b->site_name = h->site_name;
	}
	b->protocol = attr(h, a, n, "protocol");
	b->information = attr(h, a, n, "bindingInformation");
	b->cert_store = attr(h, a, n, "certificateStoreName");
	hash = attr(h, a, n, "certificateHash");
	if (hash != NULL &&
	    str_norm_hex(hash, strlen(hash), hex, sizeof(hex)) > 0)
		b->cert_hash = model_strdup(h->m, hex);
	else
		b->cert_hash = hash;
	flags = attr(h, a, n, "sslFlags");
	if (flags != NULL) {
		b->ssl_flags = to_int(flags);
		if (b->ssl_flags == INT_NONE || b->ssl_flags < 0) {
			b->ssl_flags = INT_NONE;
			diag_add(&h->a->diags, DIAG_WARNING, line,
			    "binding sslFlags '%s' is not a number: ignored",
			    flags);
		}
	}
	if (b->ssl_flags != INT_NONE) {
		b->sni = (b->ssl_flags & 1) != 0;
		b->ccs = (b->ssl_flags & 2) != 0;
	} else if (b->protocol != NULL &&
	    strcasecmp(b->protocol, "https") == 0) {
		b->sni = b->ccs = 0;
	}
	if (b->information != NULL && b->protocol != NULL &&
	    (strcasecmp(b->protocol, "http") == 0 ||
		strcasecmp(b->protocol, "https") == 0))
		split_information(h, b, line);
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Strict base64 (padded, no blanks) into out; -1 if s is not that. */
static long
b64_decode(const char *s, unsigned char *out, size_t outsz)
{
	size_t n = strlen(s), pad = 0, o = 0;

	if (n == 0 || n % 4 != 0 || n / 4 * 3 > outsz)
		return -1;
	if (s[n - 1] == '=')
		pad++;
	if (s[n - 2] == '=')
		pad++;
	for (size_t i = 0; i < n; i += 4) {
		unsigned long v = 0;

		for (size_t k = 0; k < 4; k++) {
			int d = b64val((unsigned char)s[i + k]);

			if (d < 0 && !(s[i + k] == '=' && i + k >= n - pad))
				return -1;
			v = v << 6 | (unsigned long)(d < 0 ? 0 : d);
		}
		out[o++] = (unsigned char)(v >> 16);
		out[o++] = (unsigned char)(v >> 8);
		out[o++] = (unsigned char)v;
	}
	return (long)(o - pad);
}

/* n of "LM/W3SVC/n" or "LM/W3SVC/n/ROOT/...", else INT_NONE. */
static long long
key_site(const char *key)
{
	const char *p;
	long long v = 0;

	if (key == NULL || strncasecmp(key, "LM/W3SVC/", 9) != 0)
		return INT_NONE;
	p = key + 9;
	if (*p < '0' || *p > '9')
		return INT_NONE;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > 99999999)
			return INT_NONE;
		v = v * 10 + (*p - '0');
	}
	return *p == '\0' || *p == '/' ? v : INT_NONE;
}

static void
add_property(struct apphost *h, const struct xml_attr *a, size_t n,
    unsigned long line)
{
	struct metadata *md = model_add(h->m, REC_METADATA, h->a, line);

	md->key = h->key;
	md->site_id = key_site(h->key);
	md->prop_id = to_int(attr(h, a, n, "id"));
	md->data_type = attr(h, a, n, "dataType");
	md->user_type = attr(h, a, n, "userType");
	md->attributes = attr(h, a, n, "attributes");
	md->value = attr(h, a, n, "value");
	if (md->value != NULL &&
	    (md->prop_id == 5506 ||
		(md->data_type != NULL &&
		    strcasecmp(md->data_type, "Binary") == 0)) &&
	    strlen(md->value) <= MAX_B64) {
		unsigned char raw[MAX_B64 / 4 * 3];
		long k = b64_decode(md->value, raw, sizeof(raw));

		if (k >= 0) {
			char hex[2 * sizeof(raw) + 1];

			str_hex(raw, (size_t)k, hex);
			md->decoded_hex = model_strdup(h->m, hex);
			md->decoded_len = k;
		}
	}
}

static void
add_access(struct apphost *h, const char *flags, unsigned long line)
{
	struct access *ac = model_add(h->m, REC_ACCESS, h->a, line);
	const char *p = flags;

	ac->location = h->location != NULL ? h->location : "";
	ac->ssl_flags = flags;
	ac->ssl = ac->negotiate_cert = ac->require_cert = 0;
	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		const char *tok = str_trim(p, &n);

		if (n == 3 && strncasecmp(tok, "Ssl", n) == 0)
			ac->ssl = 1;
		else if (n == 16 &&
		    strncasecmp(tok, "SslNegotiateCert", n) == 0)
			ac->negotiate_cert = 1;
		else if (n == 14 && strncasecmp(tok, "SslRequireCert", n) == 0)
			ac->require_cert = 1;
		else if (n > 0 &&
		    !(n == 4 && strncasecmp(tok, "None", n) == 0) &&
		    !(n == 6 && strncasecmp(tok, "Ssl128", n) == 0) &&
		    !(n == 10 && strncasecmp(tok, "SslMapCert", n) == 0) &&
		    !h->said_token) {
			h->said_token = true;
			diag_add(&h->a->diags, DIAG_WARNING, line,
			    "access sslFlags '%s' has an unknown flag '%.*s'",
			    flags, (int)n, tok);
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

static void
on_start(void *u, const char *name, const struct xml_attr *a, size_t n,
    unsigned long line)
{
	struct apphost *h = u;
	enum elem e = classify(name);

	if (h->depth < MAX_PATH)
		h->path[h->depth] = e;
	h->depth++;
	if (h->depth == 1 && !h->wrapped && e != E_CONFIGURATION)
		h->fragment = true;
	sniff_flavor(h, a, n, line);
	switch (e) {
	case E_SITE:
		if (AT(h, pat_site)) {
			struct site *s = model_add(h->m, REC_SITE, h->a, line);

			s->name = attr(h, a, n, "name");
			s->id = to_int(attr(h, a, n, "id"));
			h->site_id = s->id;
			h->site_name = s->name;
			h->site_depth = h->depth;
		}
		break;
	case E_BINDING:
		if (AT(h, pat_site_binding))
			add_binding(h, a, n, line, h->site_depth != 0);
		else if (AT(h, pat_default_binding))
			add_binding(h, a, n, line, false);
		break;
	case E_KEY:
		h->key = attr(h, a, n, "path");
		h->key_depth = h->depth;
		break;
	case E_PROPERTY:
		if (AT(h, pat_property))
			add_property(h, a, n, line);
		break;
	case E_LOCATION:
		h->location = attr(h, a, n, "path");
		if (h->location == NULL)
			h->location = "";
		h->location_depth = h->depth;
		break;
	case E_ACCESS:
		if (AT(h, pat_access) || AT(h, pat_location_access)) {
			const char *f = attr(h, a, n, "sslFlags");

			if (f != NULL)
				add_access(h, f, line);
		}
		break;
	default:
		break;
	}
}

static void
on_end(void *u, const char *name)
{
	struct apphost *h = u;

	(void)name;
	if (h->depth == h->site_depth) {
		h->site_depth = 0;
		h->site_id = INT_NONE;
		h->site_name = NULL;
	}
	if (h->depth == h->key_depth) {
		h->key_depth = 0;
		h->key = NULL;
	}
	if (h->depth == h->location_depth) {
		h->location_depth = 0;
		h->location = NULL;
	}
	if (h->depth > 0)
		h->depth--;
}

static void
on_error(void *u, enum xml_severity sev, unsigned long line, const char *msg)
{
	struct apphost *h = u;

	if (sev == XML_SEVERITY_FATAL) {
		if (!h->fatal) {
			h->fatal = true;
			h->fatal_line = line;
			snprintf(h->fatal_msg, sizeof(h->fatal_msg), "%s", msg);
		}
	} else if (sev == XML_SEVERITY_ERROR && !h->said_error) {
		h->said_error = true;
		diag_add(&h->a->diags, DIAG_WARNING, line, "%s", msg);
	}
}

static const struct xml_handler handler = { on_start, on_end, NULL, on_error };

/*
 * Where the document proper starts: after blanks, the XML declaration,
 * other processing instructions and comments.  *decl_end is set past an
 * XML declaration (0 if none), which a fragment must lose: it cannot stand
 * inside our root element.
 */
static const char *
skip_prolog(const char *s, const char *end, size_t *decl_end, const char *base)
{
	*decl_end = 0;
	for (;;) {
		const char *q;

		while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
			s++;
		/* cppcheck-suppress knownConditionTrueFalse ; s advances */
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			q = strstr(s + 4, "-->");
			if (q == NULL)
				return end;
			s = q + 3;
			/* cppcheck-suppress knownConditionTrueFalse ; s
			 * advances */
		} else if (end - s >= 2 && memcmp(s, "<?", 2) == 0) {
			bool decl = end - s >= 6 &&
			    memcmp(s, "<?xml", 5) == 0 &&
			    (s[5] == ' ' || s[5] == '\t' || s[5] == '\n');

			q = strstr(s + 2, "?>");
			if (q == NULL)
				return end;
			s = q + 2;
			if (decl)
				*decl_end = (size_t)(s - base);
		} else {
			return s;
		}
	}
}

static bool
starts_tag(const char *s, const char *end, const char *tag)
{
	size_t n = strlen(tag);

	return (size_t)(end - s) > n && memcmp(s, tag, n) == 0 &&
	    (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' || s[n] == '>' ||
		s[n] == '/');
}

static void
feed_text(struct xml_parser *xp, const char *s, size_t n)
{
	while (n > 0) {
		size_t k = n < FEED_CHUNK ? n : FEED_CHUNK;

		if (xml_parser_feed(xp, s, k) < 0)
			return;
		s += k;
		n -= k;
	}
}

enum parse_status
parse_apphost(struct model *m, struct artifact *a, const struct text *t)
{
	struct apphost h;
	struct xml_parser *xp;
	const char *end = t->data + t->len, *doc;
	size_t decl_end;

	memset(&h, 0, sizeof(h));
	h.m = m;
	h.a = a;
	h.site_id = INT_NONE;
	if (t->data == NULL || t->len == 0) {
		diag_add(&a->diags, DIAG_ERROR, 0, "no XML in the file");
		return PARSE_FAILED;
	}
	doc = skip_prolog(t->data, end, &decl_end, t->data);
	if (doc == end) {
		diag_add(&a->diags, DIAG_ERROR, 0,
		    "no XML element in the file");
		return PARSE_FAILED;
	}
	h.wrapped = !starts_tag(doc, end, "<configuration") &&
	    !starts_tag(doc, end, "<!DOCTYPE");
	h.fragment = h.wrapped;
	xp = xml_parser_new(&handler, &h, 1);
	if (h.wrapped) {
		static const char nl[] = "\n\n\n\n\n\n\n\n";

		/* our root first, then the declaration's newlines only */
		feed_text(xp, "<" FRAGMENT_ROOT ">", strlen(FRAGMENT_ROOT) + 2);
		for (size_t i = 0; i < decl_end; i++)
			if (t->data[i] == '\n')
				feed_text(xp, nl, 1);
		feed_text(xp, t->data + decl_end, t->len - decl_end);
		feed_text(xp, "</" FRAGMENT_ROOT ">",
		    strlen(FRAGMENT_ROOT) + 3);
	} else {
		feed_text(xp, t->data, t->len);
	}
	xml_parser_finish(xp);
	xml_parser_free(xp);

	if (h.flavor != FLAVOR_NONE)
		model_host_fact(m, a, h.flavor_line, "iis_flavor",
		    h.flavor == FLAVOR_EXPRESS ? "express" : "full");
	if (h.fragment)
		diag_add(&a->diags, DIAG_WARNING, 1,
		    "no <configuration> root: read as a fragment of "
		    "applicationHost.config");
	if (h.fatal) {
		unsigned long last = 1;

		for (const char *q = t->data;
		     (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
			if (q + 1 < end)
				last++;
		if (h.fatal_line >= last)
			diag_add(&a->diags, DIAG_ERROR, h.fatal_line,
			    "the file ends inside the XML (cut off?): %s",
			    h.fatal_msg);
		else
			diag_add(&a->diags, DIAG_ERROR, h.fatal_line,
			    "not well-formed XML (%s): IIS would refuse this "
			    "file; nothing after this point was read",
			    h.fatal_msg);
		return a->records > 0 ? PARSE_PARTIAL : PARSE_FAILED;
	}
	return h.fragment ? PARSE_PARTIAL : PARSE_OK;
}
