/*
 * Scores are rough weights: a decisive marker (a .reg header, the event
 * schema namespace, a certutil banner) is worth several hundred, a telling
 * line about a hundred, and shapes that repeat (netstat rows, .reg values)
 * a few dozen each up to a cap.  A file must reach SNIFF_THRESHOLD; ties go
 * to the kind listed first in `scorers`.
 */
#include "compat.h"

#include <ctype.h>
#include <string.h>

#include "sniff.h"
#include "text.h"

#define SNIFF_THRESHOLD 100

enum sniff_archive
sniff_archive(const unsigned char *raw, size_t n)
{
	if (n >= 4 && memcmp(raw, "PK\003\004", 4) == 0)
		return SNIFF_ZIP;
	if (n >= 4 && memcmp(raw, "PK\005\006", 4) == 0)
		return SNIFF_ZIP; /* empty zip */
	if (n >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
		return SNIFF_GZIP;
	if (n >= 262 && memcmp(raw + 257, "ustar", 5) == 0)
		return SNIFF_TAR;
	if ((n >= 3 && memcmp(raw, "BZh", 3) == 0) ||
	    (n >= 6 &&
		memcmp(raw,
		    "\xfd"
		    "7zXZ\0",
		    6) == 0) ||
	    (n >= 6 && memcmp(raw, "7z\xbc\xaf\x27\x1c", 6) == 0) ||
	    (n >= 4 && memcmp(raw, "Rar!", 4) == 0) ||
	    (n >= 4 && memcmp(raw, "MSCF", 4) == 0))
		return SNIFF_OTHER_ARCHIVE;
	return SNIFF_NOT_ARCHIVE;
}

bool
sniff_evtx(const unsigned char *raw, size_t n)
{
	return n >= 8 && memcmp(raw, "ElfFile\0", 8) == 0;
}

/* Occurrences of needle in the text, at most `cap`. */
static int
count(const struct text *t, const char *needle, int cap)
{
	const char *p = t->data;
	size_t nl = strlen(needle);
	int n = 0;

	while (n < cap && (p = strstr(p, needle)) != NULL) {
		n++;
		p += nl;
	}
	return n;
}

static bool
has(const struct text *t, const char *needle)
{
	return strstr(t->data, needle) != NULL;
}

/* Skip blanks (and a UTF-8 BOM, if the decoder let one through). */
static const char *
skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool
starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* A label such as "Certificate Hash" followed by blanks and a colon. */
static int
labels(const struct text *t, const char *label, int cap)
{
	const char *p = t->data;
	size_t n = strlen(label);
	int hits = 0;

	while (hits < cap && (p = strstr(p, label)) != NULL) {
		const char *q = p + n;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ':')
			hits++;
		p += n;
	}
	return hits;
}

static int
score_reg(const struct text *t)
{
	struct line_iter it;
	struct line ln;
	int score = 0, seen = 0;

	line_iter_init(&it, t);
	while (line_next(&it, &ln)) {
		const char *s = skip_blank(ln.s, ln.s + ln.len);
		const char *end = ln.s + ln.len;

		if (s == end)
			continue;
		if (seen++ == 0 &&
		    (starts(s, end, "Windows Registry Editor Version") ||
			starts(s, end, "REGEDIT4")))
			return 1000;
		if (starts(s, end, "[HKEY_") || starts(s, end, "[-HKEY_"))
			score += 50;
		else if (*s == '"' || *s == '@') {
			const char *eq = memchr(s, '=', (size_t)(end - s));

			if (eq != NULL &&
			    (starts(eq, end, "=dword:") ||
				starts(eq, end, "=hex") ||
				starts(eq, end, "=\"") ||
				starts(eq, end, "=-")))
				score += 15;
		}
		if (score > 600)
			break;
	}
	return score;
}

static int
score_events(const struct text *t)
{
	int score = 0;

	if (has(t, "schemas.microsoft.com/win/2004/08/events/event"))
		score += 500;
	if (has(t, "Event Xml:") || has(t, "\xe4\xba\x8b\xe4\xbb\xb6 Xml:"))
		score += 500;
	score += 100 * count(t, "<EventID", 2);
	score += 100 * count(t, "<EventRecordID>", 2);
	score += 100 * count(t, "<TimeCreated SystemTime=", 2);
	score += 50 * count(t, "<Provider Name=", 2);
	score += 50 * count(t, "<Events>", 1);
	score += 30 * count(t, "<Data Name=", 3);
	return score;
}

static int
score_apphost(const struct text *t)
{
	int score = 0;

	if (has(t, "<system.applicationHost>"))
		score += 500;
	if (has(t, "<configuration>") && has(t, "<sites>"))
		score += 300;
	score += 100 * count(t, "<site name=", 2);
	score += 100 * count(t, "bindingInformation=", 2);
	score += 50 * count(t, "<applicationPools>", 1);
	score += 50 * count(t, "<customMetadata", 1);
	score += 50 * count(t, "<virtualDirectory ", 1);
	score += 50 * count(t, "<application path=", 1);
	return score;
}

/* "================ Certificate 0 ================" in any language. */
static int
certutil_banners(const struct text *t, int cap)
{
	const char *p = t->data;
	int n = 0;

	while (n < cap && (p = strstr(p, "================ ")) != NULL) {
		const char *q = p + 17;
		const char *eol = strchr(q, '\n');
		const char *close;

		if (eol == NULL)
			eol = q + strlen(q);
		close = strstr(q, " ================");
		if (close != NULL && close < eol && close > q &&
		    isdigit((unsigned char)close[-1]))
			n++;
		p = q;
	}
	return n;
}

static int
score_certutil(const struct text *t)
{
	int score = 0;

	score += 300 * certutil_banners(t, 2);
	if (has(t, "CertUtil:") || has(t, "certutil -") || has(t, "certutil ."))
		score += 200;
	if (has(t, "Cert Hash(sha1)") || has(t, "Hach. cert. (sha1)") ||
	    has(t, "\xe8\xaf\x81\xe4\xb9\xa6\xe5\x93\x88\xe5\xb8\x8c(sha1)") ||
	    has(t, "Zertifikathash(sha1)") || has(t, "Cert-Hash(sha1)"))
		score += 300;
	if (has(t, "X509 Certificate:") || has(t, "X.509-Zertifikat:"))
		score += 200;
	score += 100 * labels(t, "Serial Number", 1);
	score += 100 * labels(t, "Seriennummer", 1);
	score += 100 * labels(t, "Num\xc3\xa9ro de s\xc3\xa9rie", 1);
	score += 50 * labels(t, "NotBefore", 1);
	score += 50 * labels(t, "NotAfter", 1);
	score += 50 * labels(t, "Nicht vor", 1);
	score += 50 * labels(t, "Nicht nach", 1);
	score += 30 * labels(t, "Issuer", 1);
	score += 30 * labels(t, "Subject", 1);
	if (has(t, "Missing stored keyset") ||
	    has(t, "No key provider information") ||
	    has(t, "Aucune information sur le fournisseur de cl"))
		score += 100;
	return score;
}

static int
score_netsh(const struct text *t)
{
	int score = 0;

	if (has(t, "SSL Certificate bindings:") ||
	    has(t, "SSL-Zertifikatbindungen"))
		score += 500;
	if (has(t, "IP listen list"))
		score += 300;
	if (has(t, "netsh http") || has(t, "httpcfg query"))
		score += 100;
	score += 100 * labels(t, "IP:port", 2);
	score += 100 * labels(t, "IP:Port", 2);
	score += 100 * labels(t, "Hostname:port", 2);
	score += 100 * labels(t, "Central Certificate Store", 1);
	score += 100 * labels(t, "Certificate Hash", 2);
	score += 100 * labels(t, "Zertifikathash", 2);
	score += 50 * labels(t, "Application ID", 2);
	score += 50 * labels(t, "Certificate Store Name", 2);
	score += 50 * labels(t, "Ctl Identifier", 1);
	/* httpcfg query ssl */
	if (labels(t, "Hash", 1) > 0 && labels(t, "Guid", 1) > 0 &&
	    labels(t, "CertStoreName", 1) > 0)
		score += 300;
	return score;
}

/* "  TCP    0.0.0.0:443   0.0.0.0:0   LISTENING   4" and UDP rows. */
static bool
netstat_row(const char *s, const char *end)
{
	const char *p = skip_blank(s, end);
	const char *colon;

	if (!starts(p, end, "TCP ") && !starts(p, end, "UDP ") &&
	    !starts(p, end, "TCP\t") && !starts(p, end, "UDP\t"))
		return false;
	p = skip_blank(p + 4, end);
	/* the local address: no blanks, a colon followed by a port or '*' */
	colon = NULL;
	while (p < end && *p != ' ' && *p != '\t') {
		if (*p == ':')
			colon = p;
		p++;
	}
	return colon != NULL && colon + 1 < p &&
	    (isdigit((unsigned char)colon[1]) || colon[1] == '*');
}

static int
score_netstat(const struct text *t)
{
	struct line_iter it;
	struct line ln;
	int score = 0;

	if (has(t, "Active Connections"))
		score += 100;
	if (has(t, "Proto  Local Address"))
		score += 100;
	line_iter_init(&it, t);
	while (score < 600 && line_next(&it, &ln))
		if (netstat_row(ln.s, ln.s + ln.len))
			score += 60;
	return score;
}

struct scorer {
	enum artifact_kind kind;
	int (*score)(const struct text *t);
};

/* clang-format off */
static const struct scorer scorers[] = {
	{ KIND_REG,      score_reg },
	{ KIND_EVENTS,   score_events },
	{ KIND_APPHOST,  score_apphost },
	{ KIND_CERTUTIL, score_certutil },
	{ KIND_NETSH,    score_netsh },
	{ KIND_NETSTAT,  score_netstat },
};
/* clang-format on */

enum artifact_kind
sniff_text(const char *text, size_t n)
{
	struct text t;
	enum artifact_kind best = KIND_UNKNOWN;
	int best_score = SNIFF_THRESHOLD - 1;

	t.data = (char *)(uintptr_t)text;
	t.len = n;
	t.truncated = false;
	for (size_t i = 0; i < ARRAY_SIZE(scorers); i++) {
		int s = scorers[i].score(&t);

		if (s > best_score) {
			best_score = s;
			best = scorers[i].kind;
		}
	}
	return best;
}
