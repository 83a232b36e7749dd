/*
 * parse_certutil.c - certificate listings printed by certutil.exe.
 *
 * Produced by `certutil -store my` (also -user, -enterprise, other store
 * names), `certutil -v -store my`, `certutil -dump file.pfx` (or just
 * `certutil file.pfx`), `certutil -repairstore my <hash>`, `certutil
 * -exportPFX` and `certutil -scinfo`.  Sample (en-US, `-store my`):
 *
 *   my "Personal"
 *   ================ Certificate 0 ================
 *   Serial Number: 4400000004de07084d1f319d8e000000000004
 *   Issuer: CN=CVI Issuing CA 1, DC=corp, DC=cvilab, DC=local
 *    NotBefore: 5/17/2026 8:44 PM
 *    NotAfter: 4/25/2027 7:36 PM
 *   Subject: CN=PKI-SRV01.corp.cvilab.local
 *   Non-root Certificate
 *   Template: CVI-WebServer
 *   Cert Hash(sha1): 56195db06f786ce07a5eb9f52e83b92531d522fb
 *     Key Container = c331eac02d8b30f9c3b8d755edc095ac_f0a99c17-...
 *     Simple container name: te-CVI-WebServer-d1955e87-...
 *     Provider = Microsoft RSA SChannel Cryptographic Provider
 *   Private key is NOT exportable
 *   Encryption test passed
 *   CertUtil: -store command completed successfully.
 *
 * With -v each certificate is a full dump ("X509 Certificate:", names one
 * RDN per line, "Public Key Length: 2048 bits", "Certificate Extensions:"
 * with "    2.5.29.37: Flags = 0, Length = 16" headers, hex rows, then
 * CERT_*_PROP_ID(n) properties and the key lines).  A -dump of a .pfx puts
 * each certificate in "Begin Nesting Level 1" / "Element N:" /
 * "End Nesting Level 1" lines under its "Certificate N" banner.
 *
 * Emits one REC_CERT per certificate: store (first word of the store
 * header line), index (N of the "Certificate N" banner; a certificate
 * inside a -dump nesting level keeps the N of the banner it is under; a
 * certificate with no banner has none), serial (lowercase hex, no blanks),
 * issuer and subject (as written; a -v name printed one RDN per line is
 * joined with ", " in the printed order), not_before_raw / not_after_raw
 * (as written) and not_before / not_after (ISO 8601 local time, see
 * "Dates"), thumbprint (Cert Hash(sha1) or the CERT_SHA1_HASH_PROP_ID(3)
 * property, 40 lowercase hex digits), template_name, key_container,
 * unique_container, provider, key_spec, exportable, key_tests, key_state,
 * root, and with -v sig_alg, key_size, ekus (OIDs) and sans (DNS names).
 * The key fields and their vocabularies are documented with struct cert in
 * model.h.
 *
 * Dates: certutil prints the machine's short date and time.  The ISO form
 * is set when the order is known: year first (2026/7/18, zh-CN) is Y/M/D;
 * dots (19.07.2021, de-DE and most day-first locales) are D.M.Y; slashes
 * follow the evidence of the file (a first number above 12 anywhere means
 * day first, a second one above 12 means month first) and otherwise the
 * language of the labels (English: en-US M/D/Y; French: D/M/Y).  Anything
 * else keeps only the raw text, with one note per file.
 *
 * Quirks handled: localized banners ("Certificat 11", "Zertifikat 0",
 * "证书 0") and labels through the tables below (French puts a blank or a
 * no-break space before the colon); old builds print "Cert Hash(sha1)" as
 * spaced byte pairs; CRL and CTL entries of -store CA are skipped; shell
 * prompts, command echoes, "Enter PFX password:", "Archived!" and the
 * trailer are not damage.  Pastes lose indentation, gain blank lines,
 * drop the header or banner, begin or end mid-certificate, or (docs tools)
 * run lines together ("Non-root CertificateCert Hash(sha1): ..."): such
 * lines are split again before known line starts, and every repair or
 * loss is a diagnostic.  "CertUtil: -store command FAILED: 0x80092004
 * (...)" becomes an error diagnostic with the message line that follows.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse_certutil.h"
#include "rx.h"
#include "strparse.h"
#include "xalloc.h"

#define CU_LINE_MAX 16384   /* no certutil line is longer */
#define CU_DN_MAX 8192	    /* a -v name joined from its RDN lines */
#define CU_MAX_CERTS 100000 /* a store holds hundreds */
#define CU_MAX_LIST 256	    /* key tests, EKUs or SANs per certificate */
#define CU_MAX_CUTS 32	    /* lines run together in one pasted line */

/* The language a label belongs to, for the order of slashed dates. */
enum lang {
	LANG_ANY,
	LANG_EN,
	LANG_DE,
	LANG_FR,
	LANG_ZH,
};

/* What a "Label: value" (or "Label = value") line sets. */
enum fld {
	F_SERIAL,
	F_ISSUER,
	F_SUBJECT,
	F_NOT_BEFORE,
	F_NOT_AFTER,
	F_HASH,
	F_TEMPLATE,
	F_TEMPLATE_EXT, /* the v1 template extension, non -v form */
	F_CONTAINER,
	F_UNIQUE,
	F_PROVIDER,
	F_KEYSPEC,
	F_SIG_HDR, /* "Signature Algorithm:" (-v) */
	F_PK_HDR,  /* "Public Key Algorithm:" (-v) */
	F_ALG_OID, /* "    Algorithm ObjectId: 1.2.840... sha256RSA" */
	F_KEY_LEN,
	F_X509, /* "X509 Certificate:" starts a -v dump */
	F_EXTS, /* "Certificate Extensions: 9" */
};

struct label {
	const char *text;
	enum fld f;
	enum lang lang;
};

/*
 * Labels by language.  German labels beyond those of the de-DE -v sample
 * (Seriennummer, Aussteller, Antragsteller, Nicht vor, Nicht nach,
 * Signaturalgorithmus, ...) and the French key labels come from facts.md
 * and third-party test data: UNCONFIRMED.
 */
static const struct label labels[] = {
	{ "Serial Number", F_SERIAL, LANG_EN },
	{ "Seriennummer", F_SERIAL, LANG_DE },
	{ "Num\xc3\xa9ro de s\xc3\xa9rie", F_SERIAL, LANG_FR },
	{ "\xe5\xba\x8f\xe5\x88\x97\xe5\x8f\xb7", F_SERIAL, LANG_ZH },
	{ "Issuer", F_ISSUER, LANG_EN },
	{ "Aussteller", F_ISSUER, LANG_DE },
	{ "\xc3\x89metteur", F_ISSUER, LANG_FR },
	{ "\xe9\xa2\x81\xe5\x8f\x91\xe8\x80\x85", F_ISSUER, LANG_ZH },
	{ "Subject", F_SUBJECT, LANG_EN },
	{ "Antragsteller", F_SUBJECT, LANG_DE },
	{ "Objet", F_SUBJECT, LANG_FR },
	{ "\xe4\xbd\xbf\xe7\x94\xa8\xe8\x80\x85", F_SUBJECT, LANG_ZH },
	{ "NotBefore", F_NOT_BEFORE, LANG_ANY },
	{ "Nicht vor", F_NOT_BEFORE, LANG_DE },
	{ "NotAfter", F_NOT_AFTER, LANG_ANY },
	{ "Nicht nach", F_NOT_AFTER, LANG_DE },
	{ "Cert Hash(sha1)", F_HASH, LANG_EN },
	{ "Zertifikathash(sha1)", F_HASH, LANG_DE },
	{ "Hach. cert. (sha1)", F_HASH, LANG_FR },
	{ "\xe8\xaf\x81\xe4\xb9\xa6\xe5\x93\x88\xe5\xb8\x8c(sha1)", F_HASH,
	    LANG_ZH },
	{ "Template", F_TEMPLATE, LANG_EN },
	{ "Vorlage", F_TEMPLATE, LANG_DE },
	{ "Certificate Template Name (Certificate Type)", F_TEMPLATE_EXT,
	    LANG_EN },
	{ "Key Container", F_CONTAINER, LANG_EN },
	{ "Schl\xc3\xbc"
	  "sselcontainer",
	    F_CONTAINER, LANG_DE },
	{ "Conteneur de cl\xc3\xa9", F_CONTAINER, LANG_FR },
	{ "\xe5\xaf\x86\xe9\x92\xa5\xe5\xae\xb9\xe5\x99\xa8", F_CONTAINER,
	    LANG_ZH },
	{ "Unique container name", F_UNIQUE, LANG_EN },
	{ "Eindeutiger Containername", F_UNIQUE, LANG_DE },
	{ "Provider", F_PROVIDER, LANG_EN },
	{ "Anbieter", F_PROVIDER, LANG_DE },
	{ "Fournisseur", F_PROVIDER, LANG_FR },
	{ "\xe6\x8f\x90\xe4\xbe\x9b\xe7\xa8\x8b\xe5\xba\x8f", F_PROVIDER,
	    LANG_ZH },
	{ "KeySpec", F_KEYSPEC, LANG_ANY },
	{ "Signature Algorithm", F_SIG_HDR, LANG_EN },
	{ "Signaturalgorithmus", F_SIG_HDR, LANG_DE },
	{ "Public Key Algorithm", F_PK_HDR, LANG_EN },
	{ "\xc3\x96"
	  "ffentlicher Schl\xc3\xbc"
	  "ssel-Algorithmus",
	    F_PK_HDR, LANG_DE },
	{ "Algorithm ObjectId", F_ALG_OID, LANG_EN },
	{ "Algorithmus Objekt-ID", F_ALG_OID, LANG_DE },
	{ "Public Key Length", F_KEY_LEN, LANG_EN },
	{ "L\xc3\xa4nge des \xc3\xb6"
	  "ffentlichen Schl\xc3\xbc"
	  "ssels",
	    F_KEY_LEN, LANG_DE },
	{ "X509 Certificate", F_X509, LANG_EN },
	{ "X.509-Zertifikat", F_X509, LANG_DE },
	{ "Certificate Extensions", F_EXTS, LANG_EN },
};

/* What a whole line with no value of ours means. */
enum act {
	A_IGNORE,
	A_ROOT,
	A_NONROOT,
	A_NO_KEY_PROV,	  /* no CERT_KEY_PROV_INFO property */
	A_NO_KEY_PROP,	  /* CRYPT_E_NO_KEY_PROPERTY */
	A_MISSING_KEYSET, /* key provider info names a container that is gone */
	A_NOT_EXPORTABLE,
	A_NOT_PLAIN, /* exportable, but not in plain text */
	A_TEST_PASS,
	A_TEST_FAIL,
};

/*
 * A line that starts with `head` and, when `tail` is not NULL, ends with
 * it; `exact` lines are `head` alone.  Prefixes stop before apostrophes,
 * which pastes render as ', U+2019 or a literal "\u2019".
 */
struct phrase {
	const char *head;
	const char *tail;
	bool exact;
	enum act act;
	enum lang lang;
};

/* Entries marked (?) are from facts.md or third-party data: UNCONFIRMED. */
static const struct phrase phrases[] = {
	{ "Root Certificate:", NULL, false, A_ROOT, LANG_EN },
	{ "Non-root Certificate", NULL, true, A_NONROOT, LANG_EN },
	{ "Signature matches Public Key", NULL, true, A_IGNORE, LANG_EN },
	{ "Archived!", NULL, true, A_IGNORE, LANG_ANY },
	{ "No key provider information", NULL, true, A_NO_KEY_PROV, LANG_EN },
	{ "Missing stored keyset", NULL, true, A_MISSING_KEYSET, LANG_EN },
	{ "Cannot find the certificate and private key", NULL, false,
	    A_NO_KEY_PROP, LANG_EN },
	{ "Private key is NOT exportable", NULL, true, A_NOT_EXPORTABLE,
	    LANG_EN },
	{ "Private key is NOT plain text exportable", NULL, true, A_NOT_PLAIN,
	    LANG_EN },
	{ "Public key matching test succeeded", NULL, false, A_TEST_PASS,
	    LANG_EN },
	{ "Private key verifies", NULL, true, A_TEST_PASS, LANG_EN },
	{ "Performing ", "public key matching test...", false, A_IGNORE,
	    LANG_EN },
	{ "Enter PFX password:", NULL, true, A_IGNORE, LANG_EN },
	{ "Enter new password", NULL, false, A_IGNORE, LANG_EN },
	{ "Confirm new password:", NULL, true, A_IGNORE, LANG_EN },
	/* fr-FR */
	{ "Certificat racine", NULL, false, A_ROOT, LANG_FR },
	{ "Il ne s", "un certificat racine", false, A_NONROOT,
	    LANG_FR }, /* ? */
	{ "La signature correspond", NULL, false, A_IGNORE, LANG_FR },
	{ "Aucune information sur le fournisseur de cl", NULL, false,
	    A_NO_KEY_PROV, LANG_FR },
	{ "Impossible de trouver le certificat et la cl", NULL, false,
	    A_NO_KEY_PROP, LANG_FR },
	{ "Test de chiffrement r\xc3\xa9ussi", NULL, true, A_TEST_PASS,
	    LANG_FR }, /* ? */
	/* de-DE (?) */
	{ "Kein Stammzertifikat", NULL, true, A_NONROOT, LANG_DE },
	{ "Stammzertifikat:", NULL, false, A_ROOT, LANG_DE },
	{ "Der private Schl\xc3\xbc"
	  "ssel ist NICHT exportierbar",
	    NULL, true, A_NOT_EXPORTABLE, LANG_DE },
	{ "Verschl\xc3\xbc"
	  "sselungstest wurde durchgef\xc3\xbc"
	  "hrt",
	    NULL, true, A_TEST_PASS, LANG_DE },
	/* zh-CN (-scinfo sample) */
	{ "\xe6\xa0\xb9\xe8\xaf\x81\xe4\xb9\xa6:", NULL, false, A_ROOT,
	    LANG_ZH },
	{ "\xe7\xad\xbe\xe5\x90\x8d\xe4\xb8\x8e\xe5\x85\xac\xe9\x92\xa5\xe5"
	  "\x8c\xb9\xe9\x85\x8d",
	    NULL, true, A_IGNORE, LANG_ZH },
	{ "\xe5\x85\xac\xe9\x92\xa5\xe5\x8c\xb9\xe9\x85\x8d\xe6\xb5\x8b\xe8"
	  "\xaf\x95\xe6\x88\x90\xe5\x8a\x9f",
	    NULL, false, A_TEST_PASS, LANG_ZH },
	{ "\xe6\xad\xa3\xe5\x9c\xa8\xe6\x89\xa7\xe8\xa1\x8c ",
	    "\xe6\xb5\x8b\xe8\xaf\x95...", false, A_IGNORE, LANG_ZH },
};

/*
 * Where pastes run lines together, a line is cut again before these line
 * starts (never after a blank, so values and indented lines are safe).
 */
static const char *const line_starts[] = {
	"Serial Number:",
	"Issuer:",
	"NotBefore:",
	"NotAfter:",
	"Subject:",
	"Non-root Certificate",
	"Root Certificate:",
	"Signature matches Public Key",
	"Template:",
	"Cert Hash(sha1):",
	"Key Container =",
	"Unique container name:",
	"Simple container name:",
	"Provider =",
	"Private key is NOT",
	"Encryption test",
	"Signature test",
	"No key provider information",
	"Missing stored keyset",
	"Cannot find the certificate",
	"CertUtil:",
	"================ ",
};

enum {
	RX_BANNER,
	RX_STORE,
	RX_FAILED,
	RX_TEST,
	RX_CMD_STORE,
};

static struct rx_table patterns[] = {
	/* "==== Certificate 0 ====", "---- End Nesting Level 1 ----" */
	[RX_BANNER] = { "^(?:=+|-+) +(\\S.*?) +(?:=+|-+)$", 0, NULL },
	/* my "Personal", Root "Trusted Root Certification Authorities" */
	[RX_STORE] = { "^([A-Za-z][A-Za-z0-9_.-]{0,63}) \"([^\"]{1,200})\"$", 0,
	    NULL },
	/* CertUtil: -store command FAILED: 0x80070002 (WIN32: 2 ...) */
	[RX_FAILED] = { "^CertUtil: *(-[A-Za-z0-9]+)?.*?\\b(0x[0-9A-Fa-f]{8})"
			"\\b[ :]*(.*)$",
	    0, NULL },
	/* Encryption test passed, AES256+RSAES_OAEP(RSA:CNG) test skipped */
	[RX_TEST] = { "^\\S(?:.*\\S)? +test (passed|skipped|failed)\\b",
	    RX_CASELESS, NULL },
	/* ...-repairstore my "7200...04"my "Personal" (docs tool) */
	[RX_CMD_STORE] = { "\"([A-Za-z][A-Za-z0-9_.-]{0,63}) \"[^\"]{1,200}\"$",
	    0, NULL },
};

/* -v extension sections whose body we read. */
enum ext {
	EXT_NONE,
	EXT_OTHER,
	EXT_EKU,
	EXT_SAN,
	EXT_TEMPLATE,	/* 1.3.6.1.4.1.311.21.7, "Template=Name(OID)" */
	EXT_V1TEMPLATE, /* 1.3.6.1.4.1.311.20.2, the name on its own line */
};

enum dn {
	DN_NONE,
	DN_ISSUER,
	DN_SUBJECT,
};

/* A date as written: three numbers, a time, maybe AM/PM. */
struct rdate {
	int n1, n2, n3;
	int h, mi, s;
	int ampm; /* 0 none, 1 AM, 2 PM */
	char sep;
	bool year_first;
};

struct datev {
	struct cert *c;
	bool after;
	unsigned long line;
	bool ok; /* scanned */
	struct rdate d;
};

/* One per artifact: its layout follows its use, not its size. */
struct cu { /* NOLINT(clang-analyzer-optin.performance.Padding) */
	struct model *m;
	struct artifact *a;
	struct buf line; /* the current line, normalised */
	unsigned long no;
	const char *store; /* model string, from the last store header */
	enum lang lang;	   /* of the first language-bound label */

	/* the open record */
	struct cert *c;
	long long banner_index; /* N of the banner we are under, or INT_NONE */
	bool c_banner, c_verbose;
	bool no_key_prov, no_key_prop, missing_keyset, test_pass, test_fail;
	bool not_exportable, not_plain;
	const char *template_alt;
	enum dn dn;
	struct buf dnbuf;
	bool want_sig_alg, want_sha1_prop, want_hash;
	enum ext ext;
	bool skip_block; /* inside a CRL or CTL entry */

	/* the artifact */
	unsigned long ncerts;
	bool damaged, listing, failed, capped_certs, capped_list;
	bool fail_pending;
	unsigned long fail_line;
	char *fail_text;
	unsigned long n_unknown, unknown_line;
	char *unknown_text;
	unsigned long n_outside, outside_line;
	bool crl_noted;
	struct datev *dates;
	size_t ndates, dates_alloc;
};

static bool
has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

static bool
has_suffix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s + n - k, p, k) == 0;
}

static bool
contains(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == p[0] && memcmp(s + i, p, k) == 0)
			return true;
	return false;
}

static bool
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* "1.3.6.1.5.5.7.3.1": digits in at least two dot-separated arcs. */
static bool
is_oid(const char *s, size_t n)
{
	bool dot = false;

	if (n == 0 || !is_digit(s[0]) || !is_digit(s[n - 1]))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
			dot = true;
		} else if (!is_digit(s[i])) {
			return false;
		}
	}
	return dot;
}

/* At most max bytes of s[0..n), not cutting a UTF-8 sequence: for quoting. */
static int
clip(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

/* s[0..n) with trailing blanks removed. */
static size_t
rtrim(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

/*
 * A hex dump row: an optional 4-digit offset ("0000 " or "0000: "), then
 * byte pairs, then optionally an ASCII or ASN.1 column after two blanks.
 * "05 00" (-v algorithm parameters) is one too.
 */
static bool
hex_row(const char *s, size_t n)
{
	size_t i = 0;
	int pairs = 0;

	if (n >= 5 && is_hex(s[0]) && is_hex(s[1]) && is_hex(s[2]) &&
	    is_hex(s[3]) && (s[4] == ' ' || s[4] == ':'))
		i = 5;
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i + 2 <= n && is_hex(s[i]) && is_hex(s[i + 1]) &&
		    (i + 2 == n || s[i + 2] == ' ')) {
			pairs++;
			i += 2;
			continue;
		}
		break;
	}
	if (pairs == 0)
		return false;
	return i == n || (i >= 2 && s[i - 1] == ' ' && s[i - 2] == ' ');
}

/* Hex digits and blanks only: a hash printed alone on its line. */
static bool
hex_value(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_hex(s[i]) && s[i] != ' ')
			return false;
	return n > 0;
}

/* "Label: value" or "Label = value": a ':' or '=' then a blank or the end. */
static bool
label_shaped(const char *s, size_t n)
{
	for (size_t i = 1; i < n && i < 160; i++)
		if ((s[i] == ':' || s[i] == '=') &&
		    (i + 1 == n || s[i + 1] == ' '))
			return true;
	return false;
}

/* "CN=www.contoso.com" on a line of its own (-v names). */
static bool
rdn_shaped(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 2 ||
	    !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	while (i < n && i < 64 &&
	    ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		is_digit(s[i]) || s[i] == '.'))
		i++;
	return i < n && s[i] == '=';
}

/* A line that stands for lines left out: "...", "[...]", "<snip>". */
static bool
elision(const char *s, size_t n)
{
	static const char *const marks[] = { "...", "\xe2\x80\xa6", "[...]",
		"[\xe2\x80\xa6]", "(...)", "<...>", ":", "[snip]", "<snip>",
		"snip", "[ snip ]", "--snip--", "-- snip --", "// snip",
		"//snip" };

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
		if (strlen(marks[i]) == n && memcmp(s, marks[i], n) == 0)
			return true;
	return false;
}

static const struct label *
match_label(const char *s, size_t n, const char **val, size_t *vlen)
{
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		size_t k = strlen(labels[i].text);
		size_t j = k;

		if (n < k || memcmp(s, labels[i].text, k) != 0)
			continue;
		while (j < n && s[j] == ' ')
			j++;
		if (j == n || (s[j] != ':' && s[j] != '='))
			continue;
		j++;
		while (j < n && s[j] == ' ')
			j++;
		*val = s + j;
		*vlen = n - j;
		return &labels[i];
	}
	return NULL;
}

static const struct phrase *
match_phrase(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(phrases); i++) {
		const struct phrase *p = &phrases[i];

		if (!has_prefix(s, n, p->head))
			continue;
		if (p->exact && n != strlen(p->head))
			continue;
		if (p->tail != NULL &&
		    (n < strlen(p->head) + strlen(p->tail) ||
			!has_suffix(s, n, p->tail)))
			continue;
		return p;
	}
	return NULL;
}

static void
note_lang(struct cu *cu, enum lang l)
{
	if (cu->lang == LANG_ANY)
		cu->lang = l;
}

/* Copy of s[0..n) into the model with runs of blanks made single. */
static const char *
squeeze(struct cu *cu, const char *s, size_t n)
{
	char *tmp = xmalloc(n + 1);
	const char *r;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' || (k > 0 && tmp[k - 1] != ' '))
			tmp[k++] = s[i];
	k = rtrim(tmp, k);
	r = model_strndup(cu->m, tmp, k);
	free(tmp);
	return r;
}

static void
list_add(struct cu *cu, struct strlist *l, const char *s, size_t n)
{
	if (l->n >= CU_MAX_LIST) {
		if (!cu->capped_list)
			diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
			    "more than %d key tests, EKUs or SANs in one "
			    "certificate: the rest ignored",
			    CU_MAX_LIST);
		cu->capped_list = true;
		cu->damaged = true;
		return;
	}
	model_list_add(cu->m, l, squeeze(cu, s, n));
}

/* How diagnostics name the open certificate. */
static void
cert_name(const struct cu *cu, char *out, size_t outsz)
{
	if (cu->c->index != INT_NONE)
		snprintf(out, outsz, "certificate %lld", cu->c->index);
	else
		snprintf(out, outsz, "certificate at line %lu",
		    cu->c->r.pos.line);
}

static void
flush_dn(struct cu *cu)
{
	const char **f;

	if (cu->dn == DN_NONE)
		return;
	f = cu->dn == DN_ISSUER ? &cu->c->issuer : &cu->c->subject;
	if (*f == NULL && cu->dnbuf.len > 0)
		*f = model_strndup(cu->m, cu->dnbuf.data, cu->dnbuf.len);
	cu->dn = DN_NONE;
	buf_reset(&cu->dnbuf);
}

/*
 * The key state from the evidence lines; see struct cert in model.h.  A
 * certificate without key provider information has no key to look for,
 * so that outranks a "Missing stored keyset" printed after it.
 */
static const char *
key_state(const struct cu *cu)
{
	if (cu->no_key_prov || cu->no_key_prop)
		return "no_key_provider";
	if (cu->missing_keyset)
		return "missing_keyset";
	if (cu->test_fail)
		return "test_failed";
	if (cu->test_pass)
		return "present";
	return "unknown";
}

static void
close_record(struct cu *cu)
{
	struct cert *c = cu->c;
	char name[64];

	if (c == NULL)
		return;
	flush_dn(cu);
	cert_name(cu, name, sizeof(name));
	c->key_state = key_state(cu);
	if (cu->not_exportable)
		c->exportable = 0;
	else if (cu->not_plain)
		c->exportable = 1;
	if (c->template_name == NULL && cu->template_alt != NULL)
		c->template_name = cu->template_alt;
	if (c->serial == NULL && c->subject == NULL && c->thumbprint == NULL) {
		diag_add(&cu->a->diags, DIAG_WARNING, c->r.pos.line,
		    "%s has no serial number, subject or hash: dropped", name);
		while (cu->ndates > 0 && cu->dates[cu->ndates - 1].c == c)
			cu->ndates--;
		model_drop_last(cu->m, REC_CERT);
		cu->damaged = true;
	} else {
		cu->ncerts++;
		if (c->serial == NULL) {
			diag_add(&cu->a->diags, DIAG_WARNING, c->r.pos.line,
			    "%s begins without its 'Serial Number' line: "
			    "the start of the certificate is missing",
			    name);
			cu->damaged = true;
		}
		if (c->thumbprint == NULL) {
			diag_add(&cu->a->diags, DIAG_WARNING, c->r.pos.line,
			    "%s is cut off before its 'Cert Hash(sha1)' "
			    "line: kept without a thumbprint",
			    name);
			cu->damaged = true;
		}
		if (!cu->c_banner && !cu->c_verbose && c->serial != NULL)
			diag_add(&cu->a->diags, DIAG_NOTE, c->r.pos.line,
			    "certificate without a 'Certificate N' banner: "
			    "'index' left absent");
	}
	cu->c = NULL;
	cu->c_banner = cu->c_verbose = false;
	cu->no_key_prov = cu->no_key_prop = cu->missing_keyset = false;
	cu->test_pass = cu->test_fail = false;
	cu->not_exportable = cu->not_plain = false;
	cu->template_alt = NULL;
	cu->want_sig_alg = cu->want_sha1_prop = cu->want_hash = false;
	cu->ext = EXT_NONE;
}

/* A boundary that is not a certificate: trailer, prompt, store header. */
static void
boundary(struct cu *cu)
{
	close_record(cu);
	cu->banner_index = INT_NONE;
	cu->skip_block = false;
}

/*
 * A new record, from a banner (or an "Element N:" under one) when
 * `banner`, else from its first line.  false when the cap is reached.
 */
static bool
open_record(struct cu *cu, bool banner)
{
	close_record(cu);
	if (cu->ncerts >= CU_MAX_CERTS) {
		if (!cu->capped_certs)
			diag_add(&cu->a->diags, DIAG_ERROR, cu->no,
			    "more than %d certificates: the rest skipped",
			    CU_MAX_CERTS);
		cu->capped_certs = true;
		cu->damaged = true;
		return false;
	}
	cu->c = model_add(cu->m, REC_CERT, cu->a, cu->no);
	cu->c->store = cu->store;
	if (banner) {
		cu->c->index = cu->banner_index;
		cu->c_banner = true;
	}
	return true;
}

/* The open record, or a new one that begins mid-way; NULL when capped. */
static struct cert *
need_record(struct cu *cu)
{
	if (cu->c == NULL)
		open_record(cu, false);
	return cu->c;
}

/* A record already holds a certificate: a new identity line starts another. */
static bool
has_identity(const struct cert *c)
{
	return c != NULL && (c->serial != NULL || c->thumbprint != NULL);
}

static void
flush_failure(struct cu *cu, const char *msg, size_t n)
{
	if (!cu->fail_pending)
		return;
	while (n > 0 && (msg[n - 1] == '.' || msg[n - 1] == ' '))
		n--;
	if (n > 0)
		diag_add(&cu->a->diags, DIAG_ERROR, cu->fail_line, "%s: %.*s",
		    cu->fail_text, (int)n, msg);
	else
		diag_add(&cu->a->diags, DIAG_ERROR, cu->fail_line, "%s",
		    cu->fail_text);
	free(cu->fail_text);
	cu->fail_text = NULL;
	cu->fail_pending = false;
}

/*
 * "CertUtil: ..." lines: a failure (any line with an 8-digit hex code, in
 * whatever language), the message line after a failure, or the trailer.
 */
static void
certutil_line(struct cu *cu, const char *s, size_t n)
{
	struct rx_match mt;
	const char *verb, *code, *rest;
	size_t nverb, ncode, nrest;

	boundary(cu);
	if (rx_match(patterns[RX_FAILED].rx, s, n, 0, &mt) == 1) {
		struct buf b;

		flush_failure(cu, NULL, 0);
		if (!rx_group(&mt, 1, s, &verb, &nverb)) {
			verb = "?";
			nverb = 1;
		}
		rx_group(&mt, 2, s, &code, &ncode);
		if (!rx_group(&mt, 3, s, &rest, &nrest))
			nrest = 0;
		buf_init(&b, 1024);
		if (buf_printf(&b, "command '%.*s' failed: %.*s%s%.*s",
			(int)nverb, verb, (int)ncode, code,
			nrest > 0 ? " " : "", clip(rest, nrest, 400), rest) < 0)
			BUG("failure message longer than its buffer");
		cu->fail_text = buf_detach(&b, NULL);
		cu->fail_line = cu->no;
		cu->fail_pending = true;
		cu->failed = true;
		return;
	}
	if (cu->fail_pending) {
		size_t k = strlen("CertUtil:");

		while (k < n && s[k] == ' ')
			k++;
		flush_failure(cu, s + k, (size_t)clip(s + k, n - k, 400));
		return;
	}
	cu->listing = true; /* "-store command completed successfully." */
}

/*
 * Banners and separators.  "==== Certificate N ====" (one word, any
 * language) opens a record; "==== CRL N ====" and "CTL" open a block we
 * skip; every other ruled line (nesting levels, "force NCrypt", -scinfo
 * rulers) is structure.
 */
static bool
banner_line(struct cu *cu, const char *s, size_t n)
{
	struct rx_match mt;
	const char *in;
	size_t nin, sp;
	bool rule = true;

	for (size_t i = 0; i < n; i++)
		if (s[i] != '=' && s[i] != '-')
			rule = false;
	if (rule)
		return n >= 3;
	if (rx_match(patterns[RX_BANNER].rx, s, n, 0, &mt) != 1)
		return false;
	rx_group(&mt, 1, s, &in, &nin);
	for (sp = 0; sp < nin && in[sp] != ' '; sp++)
		;
	if (s[0] != '=' || sp == nin || sp + 1 == nin || sp + 19 < nin)
		return true;
	for (size_t i = sp + 1; i < nin; i++)
		if (!is_digit(in[i]))
			return true;
	boundary(cu);
	if ((sp == 3 &&
		(memcmp(in, "CRL", 3) == 0 || memcmp(in, "CTL", 3) == 0))) {
		if (!cu->crl_noted)
			diag_add(&cu->a->diags, DIAG_NOTE, cu->no,
			    "CRL and CTL entries skipped");
		cu->crl_noted = true;
		cu->skip_block = true;
		return true;
	}
	cu->banner_index = strtoll(in + sp + 1, NULL, 10);
	open_record(cu, true);
	return true;
}

/*
 * A prompt ("C:\>", "PS C:\x>", "*Evil-WinRM* PS ...>") or a command echo
 * ("certutil -f -p ... -exportpfx ..."): the previous output ended.  A
 * docs tool may have run the store header onto the command's end.
 */
static bool
command_line(struct cu *cu, const char *s, size_t n)
{
	size_t p = str_prompt_len(s, n);
	const char *cmd = s + p;
	size_t ncmd = n - p;
	struct rx_match mt;

	if (p == 0 &&
	    !(str_iprefix(s, "certutil") && n > 8 &&
		(s[8] == ' ' || s[8] == '.')))
		return false;
	boundary(cu);
	cu->store = NULL;
	flush_failure(cu, NULL, 0);
	if (ncmd > 0 &&
	    rx_match(patterns[RX_CMD_STORE].rx, cmd, ncmd, 0, &mt) == 1) {
		const char *w;
		size_t nw;

		rx_group(&mt, 1, cmd, &w, &nw);
		cu->store = model_strndup(cu->m, w, nw);
		cu->listing = true;
		diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
		    "store header run onto the command line in the paste: "
		    "read as store '%.*s'",
		    (int)nw, w);
		cu->damaged = true;
	}
	return true;
}

static bool
store_header(struct cu *cu, const char *s, size_t n)
{
	struct rx_match mt;
	const char *w;
	size_t nw;

	if (s[n - 1] != '"' ||
	    rx_match(patterns[RX_STORE].rx, s, n, 0, &mt) != 1)
		return false;
	boundary(cu);
	rx_group(&mt, 1, s, &w, &nw);
	cu->store = model_strndup(cu->m, w, nw);
	cu->listing = true;
	return true;
}

/*
 * A short date and time as certutil prints them in any locale: three
 * numbers joined by '/', '.' or '-' (the year first or last, "2026. 07.
 * 18." too), a blank, H:MM or H:MM:SS, maybe AM/PM.  false for anything
 * else.
 */
static bool
date_scan(const char *s, size_t n, struct rdate *d)
{
	int v[3] = { 0, 0, 0 }, dig[3] = { 0, 0, 0 };
	size_t i = 0;

	memset(d, 0, sizeof(*d));
	for (int k = 0; k < 3; k++) {
		while (i < n && is_digit(s[i]) && dig[k] < 4) {
			v[k] = v[k] * 10 + (s[i++] - '0');
			dig[k]++;
		}
		if (dig[k] == 0 || (i < n && is_digit(s[i])))
			return false;
		if (k == 0) {
			if (i == n ||
			    (s[i] != '/' && s[i] != '.' && s[i] != '-'))
				return false;
			d->sep = s[i++];
		} else if (k == 1) {
			if (i == n || s[i] != d->sep)
				return false;
			i++;
		}
		if (d->sep == '.' && i < n && s[i] == ' ' && k < 2)
			i++;
	}
	if (i < n && s[i] == '.' && d->sep == '.')
		i++;
	d->year_first = dig[0] == 4;
	if (!d->year_first && dig[2] != 4)
		return false;
	if (dig[1] > 2 || (d->year_first ? dig[2] > 2 : dig[0] > 2))
		return false;
	d->n1 = v[0];
	d->n2 = v[1];
	d->n3 = v[2];
	if (i == n || s[i] != ' ')
		return false;
	while (i < n && s[i] == ' ')
		i++;
	/* H:MM or H:MM:SS */
	d->h = d->mi = d->s = -1;
	if (i < n && is_digit(s[i])) {
		d->h = s[i++] - '0';
		if (i < n && is_digit(s[i]))
			d->h = d->h * 10 + (s[i++] - '0');
	}
	if (d->h < 0 || i + 3 > n || s[i] != ':' || !is_digit(s[i + 1]) ||
	    !is_digit(s[i + 2]))
		return false;
	d->mi = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	i += 3;
	d->s = 0;
	if (i + 3 <= n && s[i] == ':' && is_digit(s[i + 1]) &&
	    is_digit(s[i + 2])) {
		d->s = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		i += 3;
	}
	while (i < n && s[i] == ' ')
		i++;
	if (i < n) {
		char a = s[i];
		size_t k = n - i;

		if (k == 2 || (k == 4 && s[i + 1] == '.' && s[i + 3] == '.')) {
			char b = k == 2 ? s[i + 1] : s[i + 2];

			if ((b != 'M' && b != 'm'))
				return false;
			if (a == 'A' || a == 'a')
				d->ampm = 1;
			else if (a == 'P' || a == 'p')
				d->ampm = 2;
			else
				return false;
		} else {
			return false;
		}
	}
	return true;
}

/* Remember a date for the pass that knows the file's day/month order. */
static void
add_date(struct cu *cu, bool after, const char *s, size_t n)
{
	struct datev *dv;

	xgrow((void **)&cu->dates, &cu->dates_alloc, cu->ndates + 1,
	    sizeof(*cu->dates));
	dv = &cu->dates[cu->ndates++];
	dv->c = cu->c;
	dv->after = after;
	dv->line = cu->no;
	dv->ok = date_scan(s, n, &dv->d);
}

/* "c331...fd [Default Container]": the bracket is certutil's remark. */
static size_t
container_len(const char *s, size_t n)
{
	if (n > 3 && s[n - 1] == ']') {
		for (size_t i = n - 1; i > 0; i--)
			if (s[i] == '[') {
				if (s[i - 1] == ' ')
					return rtrim(s, i - 1);
				break;
			}
	}
	return n;
}

/* "WebServer, Web Server" -> "WebServer"; "Name(1.3.6...)" -> "Name". */
static size_t
template_len(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == ',' && s[i + 1] == ' ')
			return i;
	if (n > 2 && s[n - 1] == ')') {
		for (size_t i = n - 1; i > 0; i--)
			if (s[i] == '(') {
				if (is_oid(s + i + 1, n - i - 2))
					return rtrim(s, i);
				break;
			}
	}
	return n;
}

static bool
parse_count(const char *s, size_t n, long long *out)
{
	long long v = 0;
	size_t i = 0;

	while (i < n && is_digit(s[i]) && i < 12)
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || (i < n && s[i] != ' '))
		return false;
	*out = v;
	return true;
}

static void
set_str(struct cu *cu, const char **f, const char *s, size_t n)
{
	if (*f == NULL && n > 0)
		*f = model_strndup(cu->m, s, n);
}

static void
set_hash(struct cu *cu, const char *s, size_t n, const char *what)
{
	char hex[41];

	if (cu->c->thumbprint != NULL)
		return;
	if (str_norm_hex(s, n, hex, sizeof(hex)) == 40) {
		cu->c->thumbprint = model_strdup(cu->m, hex);
		return;
	}
	diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
	    "'%s' value '%.*s' is not 40 hex digits: ignored", what,
	    clip(s, n, 80), s);
	cu->damaged = true;
}

static void
set_serial(struct cu *cu, const char *s, size_t n)
{
	char *hex = xmalloc(n + 1);
	int k = str_norm_hex(s, n, hex, n + 1);

	if (k > 0) {
		cu->c->serial = model_strndup(cu->m, hex, (size_t)k);
	} else if (n > 0) {
		cu->c->serial = model_strndup(cu->m, s, n);
		diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
		    "serial number '%.*s' is not hex: kept as written",
		    clip(s, n, 80), s);
		cu->damaged = true;
	}
	free(hex);
}

static void
label_line(struct cu *cu, const struct label *l, const char *v, size_t nv)
{
	struct cert *c;
	long long k;

	note_lang(cu, l->lang);
	switch (l->f) {
	case F_SERIAL:
		if (nv == 0)
			return;
		if (has_identity(cu->c) || cu->c == NULL)
			if (!open_record(cu, false))
				return;
		if (cu->c->serial == NULL)
			set_serial(cu, v, nv);
		return;
	case F_X509:
		if (has_identity(cu->c) || cu->c == NULL)
			if (!open_record(cu, false))
				return;
		cu->c_verbose = true;
		return;
	default:
		break;
	}
	if ((c = need_record(cu)) == NULL)
		return;
	switch (l->f) {
	case F_ISSUER:
	case F_SUBJECT:
		if (nv > 0) {
			set_str(cu, l->f == F_ISSUER ? &c->issuer : &c->subject,
			    v, nv);
		} else {
			cu->dn = l->f == F_ISSUER ? DN_ISSUER : DN_SUBJECT;
			buf_reset(&cu->dnbuf);
		}
		break;
	case F_NOT_BEFORE:
	case F_NOT_AFTER: {
		const char **raw = l->f == F_NOT_BEFORE ? &c->not_before_raw :
							  &c->not_after_raw;

		if (*raw == NULL && nv > 0) {
			set_str(cu, raw, v, nv);
			add_date(cu, l->f == F_NOT_AFTER, v, nv);
		}
		break;
	}
	case F_HASH:
		/* a docs tool may wrap the value onto the next line */
		if (nv == 0)
			cu->want_hash = true;
		else
			set_hash(cu, v, nv, l->text);
		break;
	case F_TEMPLATE:
		set_str(cu, &c->template_name, v, template_len(v, nv));
		break;
	case F_TEMPLATE_EXT:
		if (cu->template_alt == NULL && nv > 0)
			cu->template_alt = model_strndup(cu->m, v, nv);
		break;
	case F_CONTAINER:
		set_str(cu, &c->key_container, v, container_len(v, nv));
		break;
	case F_UNIQUE:
		set_str(cu, &c->unique_container, v, nv);
		break;
	case F_PROVIDER:
		set_str(cu, &c->provider, v, nv);
		break;
	case F_KEYSPEC:
		if (c->key_spec == INT_NONE && parse_count(v, nv, &k))
			c->key_spec = k;
		break;
	case F_SIG_HDR:
		cu->want_sig_alg = nv == 0;
		cu->c_verbose = true;
		break;
	case F_PK_HDR:
		cu->want_sig_alg = false;
		break;
	case F_ALG_OID:
		if (cu->want_sig_alg && c->sig_alg == NULL) {
			size_t sp = 0;

			while (sp < nv && v[sp] != ' ')
				sp++;
			if (sp < nv)
				set_str(cu, &c->sig_alg, v + sp + 1,
				    nv - sp - 1);
			else
				set_str(cu, &c->sig_alg, v, nv);
		}
		cu->want_sig_alg = false;
		break;
	case F_KEY_LEN:
		if (c->key_size == INT_NONE && parse_count(v, nv, &k))
			c->key_size = k;
		break;
	case F_EXTS:
		cu->c_verbose = true;
		break;
	case F_SERIAL:
	case F_X509:
		break;
	}
}

static void
phrase_line(struct cu *cu, const struct phrase *p, const char *s, size_t n)
{
	struct cert *c;

	note_lang(cu, p->lang);
	if (p->act == A_IGNORE || (c = need_record(cu)) == NULL)
		return;
	switch (p->act) {
	case A_ROOT:
		c->root = 1;
		break;
	case A_NONROOT:
		c->root = 0;
		break;
	case A_NO_KEY_PROV:
		cu->no_key_prov = true;
		break;
	case A_NO_KEY_PROP:
		cu->no_key_prop = true;
		break;
	case A_MISSING_KEYSET:
		cu->missing_keyset = true;
		break;
	case A_NOT_EXPORTABLE:
		cu->not_exportable = true;
		break;
	case A_NOT_PLAIN:
		cu->not_plain = true;
		break;
	case A_TEST_PASS:
		cu->test_pass = true;
		list_add(cu, &c->key_tests, s, n);
		break;
	case A_TEST_FAIL:
		cu->test_fail = true;
		list_add(cu, &c->key_tests, s, n);
		break;
	case A_IGNORE:
		break;
	}
}

/* "Element 0:" inside a -dump nesting level. */
static bool
element_line(struct cu *cu, const char *s, size_t n)
{
	size_t i = 8;

	if (!has_prefix(s, n, "Element ") || n < 10 || s[n - 1] != ':')
		return false;
	while (i < n - 1 && is_digit(s[i]))
		i++;
	if (i != n - 1 || i == 8)
		return false;
	if (cu->c == NULL || has_identity(cu->c))
		open_record(cu, cu->banner_index != INT_NONE);
	return true;
}

/*
 * -v details: properties, extension headers and the bodies we read.
 * Returns true when the line was consumed.
 */
static bool
verbose_line(struct cu *cu, const char *s, size_t n, size_t indent)
{
	struct cert *c = cu->c;
	size_t i;

	if (cu->want_sha1_prop) {
		cu->want_sha1_prop = false;
		if (hex_value(s, n)) {
			char hex[41];

			if (c->thumbprint == NULL &&
			    str_norm_hex(s, n, hex, sizeof(hex)) == 40)
				c->thumbprint = model_strdup(cu->m, hex);
			return true;
		}
	}
	if (has_prefix(s, n, "CERT_") && n < 200) {
		const char *p = NULL;

		for (i = 5; i + 9 <= n; i++)
			if (memcmp(s + i, "_PROP_ID(", 9) == 0) {
				p = s + i + 9;
				break;
			}
		if (p != NULL) {
			cu->ext = EXT_NONE;
			cu->want_sha1_prop =
			    has_prefix(p, n - (size_t)(p - s), "3)");
			return true;
		}
	}
	/* "    2.5.29.37: Flags = 0, Length = 16" */
	for (i = 0; i < n && (is_digit(s[i]) || s[i] == '.'); i++)
		;
	if (i > 2 && i + 1 < n && s[i] == ':' && s[i + 1] == ' ' &&
	    is_oid(s, i) && memchr(s + i, '=', n - i) != NULL) {
		if (i == 9 && memcmp(s, "2.5.29.37", 9) == 0)
			cu->ext = EXT_EKU;
		else if (i == 9 && memcmp(s, "2.5.29.17", 9) == 0)
			cu->ext = EXT_SAN;
		else if (i == 20 && memcmp(s, "1.3.6.1.4.1.311.21.7", 20) == 0)
			cu->ext = EXT_TEMPLATE;
		else if (i == 20 && memcmp(s, "1.3.6.1.4.1.311.20.2", 20) == 0)
			cu->ext = EXT_V1TEMPLATE;
		else
			cu->ext = EXT_OTHER;
		return true;
	}
	if (cu->ext == EXT_NONE)
		return false;
	/* A top-level line at the margin ends a flattened extension body. */
	if (indent == 0 &&
	    (match_phrase(s, n) != NULL ||
		has_prefix(s, n, "Signature Algorithm:") ||
		has_prefix(s, n, "Signaturalgorithmus:") ||
		has_prefix(s, n, "Cert Hash(") ||
		has_prefix(s, n, "Key Id Hash("))) {
		cu->ext = EXT_NONE;
		return false;
	}
	switch (cu->ext) {
	case EXT_EKU:
		if (is_oid(s, n)) {
			list_add(cu, &c->ekus, s, n);
		} else if (n > 2 && s[n - 1] == ')') {
			for (i = n - 1; i > 0 && s[i] != '('; i--)
				;
			if (s[i] == '(' && is_oid(s + i + 1, n - i - 2))
				list_add(cu, &c->ekus, s + i + 1, n - i - 2);
		}
		break;
	case EXT_SAN:
		if (has_prefix(s, n, "DNS Name=") ||
		    has_prefix(s, n, "DNS-Name="))
			list_add(cu, &c->sans, s + 9, n - 9);
		break;
	case EXT_TEMPLATE:
		if (has_prefix(s, n, "Template=") && cu->template_alt == NULL)
			cu->template_alt = model_strndup(cu->m, s + 9,
			    template_len(s + 9, n - 9));
		break;
	case EXT_V1TEMPLATE:
		if (cu->template_alt == NULL &&
		    !has_prefix(s, n, "Certificate Template Name") &&
		    memchr(s, ' ', n) == NULL && !hex_row(s, n))
			cu->template_alt = model_strndup(cu->m, s, n);
		break;
	case EXT_OTHER:
	case EXT_NONE:
		break;
	}
	return true;
}

static void
unknown_line(struct cu *cu, const char *s, size_t n)
{
	if (cu->c == NULL) {
		if (cu->n_outside++ == 0)
			cu->outside_line = cu->no;
		return;
	}
	if (cu->c_verbose || label_shaped(s, n))
		return;
	if (cu->n_unknown++ == 0) {
		cu->unknown_line = cu->no;
		cu->unknown_text = xstrndup(s, (size_t)clip(s, n, 60));
	}
	cu->damaged = true;
}

static void
blank_line(struct cu *cu)
{
	if (cu->c != NULL)
		flush_dn(cu);
	cu->ext = EXT_NONE;
}

/* One logical line: trimmed, not empty, no prompt. */
static void
segment(struct cu *cu, const char *s, size_t n, size_t indent)
{
	const struct phrase *p;
	const struct label *l;
	struct rx_match mt;
	const char *v;
	size_t nv;

	if (cu->fail_pending && !has_prefix(s, n, "CertUtil:"))
		flush_failure(cu, NULL, 0);
	if (elision(s, n)) {
		diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
		    "elision '%.*s' in the paste: lines left out", (int)n, s);
		cu->damaged = true;
		return;
	}
	if (has_prefix(s, n, "CertUtil:")) {
		certutil_line(cu, s, n);
		return;
	}
	if ((s[0] == '=' || s[0] == '-') && banner_line(cu, s, n))
		return;
	if (store_header(cu, s, n))
		return;
	if (cu->skip_block)
		return;
	if (cu->dn != DN_NONE) {
		if (rdn_shaped(s, n) ||
		    (cu->dnbuf.len == 0 && has_prefix(s, n, "EMPTY"))) {
			if ((cu->dnbuf.len > 0 &&
				buf_add(&cu->dnbuf, ", ", 2) < 0) ||
			    buf_add(&cu->dnbuf, s, n) < 0) {
				diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
				    "name longer than %d bytes: the rest "
				    "ignored",
				    CU_DN_MAX);
				cu->damaged = true;
				flush_dn(cu);
			}
			return;
		}
		flush_dn(cu);
	}
	if (cu->want_hash) {
		cu->want_hash = false;
		if (cu->c != NULL && hex_value(s, n)) {
			set_hash(cu, s, n, "Cert Hash(sha1)");
			return;
		}
	}
	if (cu->c != NULL && cu->c_verbose && verbose_line(cu, s, n, indent))
		return;
	if ((p = match_phrase(s, n)) != NULL) {
		phrase_line(cu, p, s, n);
		return;
	}
	if ((l = match_label(s, n, &v, &nv)) != NULL) {
		label_line(cu, l, v, rtrim(v, nv));
		return;
	}
	if (contains(s, n, "test ") &&
	    rx_match(patterns[RX_TEST].rx, s, n, 0, &mt) == 1) {
		const char *w;
		size_t nw;
		struct cert *c = need_record(cu);

		if (c == NULL)
			return;
		rx_group(&mt, 1, s, &w, &nw);
		if (w[0] == 'p' || w[0] == 'P')
			cu->test_pass = true;
		else if (w[0] == 'f' || w[0] == 'F')
			cu->test_fail = true;
		list_add(cu, &c->key_tests, s, n);
		return;
	}
	if (element_line(cu, s, n))
		return;
	/* "Microsoft RSA SChannel Cryptographic Provider: KeySpec=1" */
	if (n > 10 && cu->c != NULL) {
		for (size_t i = 0; i + 10 < n; i++)
			if (memcmp(s + i, ": KeySpec=", 10) == 0) {
				long long k;

				if (cu->c->key_spec == INT_NONE &&
				    parse_count(s + i + 10, n - i - 10, &k))
					cu->c->key_spec = k;
				return;
			}
	}
	if (hex_row(s, n))
		return;
	unknown_line(cu, s, n);
}

/*
 * Where a docs tool ran lines together, the offsets at which the line is
 * cut again: before a known line start that follows a non-blank.
 */
static int
find_cuts(const char *s, size_t n, size_t *cuts)
{
	int k = 0;

	for (size_t t = 0; t < ARRAY_SIZE(line_starts); t++) {
		const char *tok = line_starts[t];
		size_t tl = strlen(tok);

		for (size_t i = 1; i + tl <= n; i++) {
			if (s[i] != tok[0] || memcmp(s + i, tok, tl) != 0)
				continue;
			if (s[i - 1] == ' ' ||
			    (tok[0] == '=' && s[i - 1] == '='))
				continue;
			if (k < CU_MAX_CUTS)
				cuts[k++] = i;
		}
	}
	/* sort (k is small) and drop duplicates */
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && cuts[j - 1] > cuts[j]; j--) {
			size_t tmp = cuts[j];

			cuts[j] = cuts[j - 1];
			cuts[j - 1] = tmp;
		}
	return k;
}

/* The line with no-break spaces and tabs made blanks, stray BOMs dropped. */
static void
normalise(struct cu *cu, const char *s, size_t n)
{
	buf_reset(&cu->line);
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '\t' || ch == '\r') {
			ch = ' ';
		} else if (ch == '\xc2' && i + 1 < n && s[i + 1] == '\xa0') {
			ch = ' ';
			i++;
		} else if (ch == '\xe2' && i + 2 < n && s[i + 1] == '\x80' &&
		    s[i + 2] == '\xaf') {
			ch = ' ';
			i += 2;
		} else if (ch == '\xef' && i + 2 < n && s[i + 1] == '\xbb' &&
		    s[i + 2] == '\xbf') {
			i += 2;
			continue;
		}
		if (buf_addc(&cu->line, ch) < 0)
			BUG("line longer than its cap");
	}
}

static void
physical_line(struct cu *cu, const struct line *ln)
{
	size_t cuts[CU_MAX_CUTS + 1];
	const char *s;
	size_t n, indent = 0, start;
	int ncut;

	cu->no = ln->no;
	if (ln->len > CU_LINE_MAX) {
		diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
		    "line of %zu bytes is not certutil output: skipped",
		    ln->len);
		cu->damaged = true;
		return;
	}
	normalise(cu, ln->s, ln->len);
	s = buf_str(&cu->line);
	n = rtrim(s, cu->line.len);
	while (indent < n && s[indent] == ' ')
		indent++;
	s += indent;
	n -= indent;
	if (n == 0) {
		blank_line(cu);
		return;
	}
	if (command_line(cu, s, n))
		return;
	ncut = find_cuts(s, n, cuts);
	if (ncut > 0) {
		size_t tl = 0;

		for (size_t t = 0; t < ARRAY_SIZE(line_starts) && tl == 0; t++)
			if (has_prefix(s + cuts[0], n - cuts[0],
				line_starts[t]))
				tl = rtrim(line_starts[t],
				    strlen(line_starts[t]));
		diag_add(&cu->a->diags, DIAG_WARNING, cu->no,
		    "lines run together in the paste: split before '%.*s'",
		    (int)tl, s + cuts[0]);
		cu->damaged = true;
	}
	cuts[ncut] = n;
	start = 0;
	for (int i = 0; i <= ncut; i++) {
		size_t len = rtrim(s + start, cuts[i] - start);

		if (len > 0)
			segment(cu, s + start, len, i == 0 ? indent : 0);
		start = cuts[i];
	}
}

/* Convert the scanned dates once the file's day/month order is known. */
static void
finish_dates(struct cu *cu)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	bool dm = false, md = false;
	int order; /* 1 D/M, 2 M/D, 0 unknown */
	unsigned long amb_line = 0, bad_line = 0;
	const char *amb = NULL, *bad = NULL;

	for (size_t i = 0; i < cu->ndates; i++) {
		const struct rdate *d = &cu->dates[i].d;

		if (!cu->dates[i].ok || d->year_first || d->sep == '.')
			continue;
		if (d->n1 > 12)
			dm = true;
		if (d->n2 > 12)
			md = true;
	}
	/* A day over 12 decides; else the language's order, if known. */
	if (dm != md)
		order = dm ? 1 : 2;
	else if (!dm && cu->lang == LANG_EN)
		order = 2;
	else if (!dm && (cu->lang == LANG_FR || cu->lang == LANG_DE))
		order = 1;
	else
		order = 0;
	for (size_t i = 0; i < cu->ndates; i++) {
		const struct datev *dv = &cu->dates[i];
		const struct rdate *d = &dv->d;
		const char *raw =
		    dv->after ? dv->c->not_after_raw : dv->c->not_before_raw;
		int y, mo, day, h = d->h, o;
		char iso[64];

		if (!dv->ok)
			goto bad;
		if (d->year_first)
			o = 3;
		else if (d->sep == '.')
			o = 1;
		else
			o = order;
		if (o == 0) {
			if (amb == NULL) {
				amb = raw;
				amb_line = dv->line;
			}
			continue;
		}
		y = o == 3 ? d->n1 : d->n3;
		mo = o == 3 ? d->n2 : o == 1 ? d->n2 : d->n1;
		day = o == 3 ? d->n3 : o == 1 ? d->n1 : d->n2;
		if (y < 1000 || mo < 1 || mo > 12 || day < 1 ||
		    day > mdays[mo - 1] ||
		    (mo == 2 && day == 29 &&
			!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
			goto bad;
		if (d->ampm != 0) {
			if (h < 1 || h > 12)
				goto bad;
			h = h % 12 + (d->ampm == 2 ? 12 : 0);
		}
		if (h > 23 || d->mi > 59 || d->s > 59)
			goto bad;
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d", y,
		    mo, day, h, d->mi, d->s);
		if (dv->after)
			dv->c->not_after = model_strdup(cu->m, iso);
		else
			dv->c->not_before = model_strdup(cu->m, iso);
		continue;
	bad:
		if (bad == NULL) {
			bad = raw;
			bad_line = dv->line;
		}
	}
	if (amb != NULL)
		diag_add(&cu->a->diags, DIAG_NOTE, amb_line,
		    "day and month order of dates such as '%s' is not known: "
		    "only the raw text kept",
		    amb);
	if (bad != NULL)
		diag_add(&cu->a->diags, DIAG_NOTE, bad_line,
		    "date '%s' not understood: only the raw text kept", bad);
}

static void
cu_init(struct cu *cu, struct model *m, struct artifact *a)
{
	memset(cu, 0, sizeof(*cu));
	cu->m = m;
	cu->a = a;
	cu->banner_index = INT_NONE;
	buf_init(&cu->line, CU_LINE_MAX * 2);
	buf_init(&cu->dnbuf, CU_DN_MAX);
}

static void
cu_release(struct cu *cu)
{
	buf_release(&cu->line);
	buf_release(&cu->dnbuf);
	free(cu->fail_text);
	free(cu->unknown_text);
	free(cu->dates);
}

enum parse_status
parse_certutil(struct model *m, struct artifact *a, const struct text *t)
{
	struct cu cu;
	struct line_iter it;
	struct line ln;
	enum parse_status st;

	rx_table_compile(patterns, ARRAY_SIZE(patterns));
	cu_init(&cu, m, a);
	line_iter_init(&it, t);
	while (line_next(&it, &ln))
		physical_line(&cu, &ln);
	close_record(&cu);
	flush_failure(&cu, NULL, 0);
	finish_dates(&cu);
	if (cu.n_unknown > 0)
		diag_add(&a->diags, DIAG_WARNING, cu.unknown_line,
		    "unrecognised line inside a certificate skipped: '%s' "
		    "(%lu such line%s in all)",
		    cu.unknown_text, cu.n_unknown, cu.n_unknown > 1 ? "s" : "");
	if (cu.n_outside > 0)
		diag_add(&a->diags, DIAG_NOTE, cu.outside_line,
		    "%lu line%s outside any certificate skipped", cu.n_outside,
		    cu.n_outside > 1 ? "s" : "");
	if (cu.ncerts > 0) {
		st = cu.damaged ? PARSE_PARTIAL : PARSE_OK;
	} else if (cu.listing && !cu.failed && !cu.damaged) {
		diag_add(&a->diags, DIAG_NOTE, 0,
		    "certificate listing without any certificate");
		st = PARSE_OK;
	} else {
		if (!cu.failed)
			diag_add(&a->diags, DIAG_ERROR, 0,
			    "no certificate found in the certutil output");
		st = PARSE_FAILED;
	}
	cu_release(&cu);
	return st;
}
