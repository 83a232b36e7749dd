/*
 * Unit tests for the netsh parser: the cases a golden shows poorly (hash
 * states, value vocabularies, localised and unknown labels, damage) and
 * hostile input, driven through text_from_bytes() as a fuzzer would.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"
#include "parse_netsh.h"
#include "tap.h"
#include "text.h"

static struct model *m;
static struct artifact *a;

static enum parse_status
parse(const void *bytes, size_t n)
{
	struct text t;
	enum parse_status st;

	model_free(m);
	m = model_new("test");
	a = model_add_artifact(m, "netsh.txt");
	text_from_bytes(&t, bytes, n, NULL);
	st = parse_netsh(m, a, &t);
	text_release(&t);
	return st;
}

static enum parse_status
parse_str(const char *s)
{
	return parse(s, strlen(s));
}

static size_t
nsslcert(void)
{
	return m->recs[REC_SSLCERT].n;
}

static struct sslcert *
cert(size_t i)
{
	return i < nsslcert() ? m->recs[REC_SSLCERT].v[i] : NULL;
}

static struct iplisten *
listen_rec(size_t i)
{
	return i < m->recs[REC_IPLISTEN].n ? m->recs[REC_IPLISTEN].v[i] : NULL;
}

/* true when some diagnostic of `level` contains `text` */
static bool
diag_has(enum diag_level level, const char *text)
{
	for (size_t i = 0; i < a->diags.n; i++)
		if (a->diags.v[i].level == level &&
		    strstr(a->diags.v[i].msg, text) != NULL)
			return true;
	return false;
}

#define HDR "SSL Certificate bindings:\n-------------------------\n\n"
#define REST                                                            \
	"    Certificate Store Name       : My\n"                       \
	"    Verify Client Certificate Revocation : Enabled\n"          \
	"    Verify Revocation Using Cached Client Certificate Only : " \
	"Disabled\n"                                                    \
	"    Usage Check                  : Enabled\n"                  \
	"    Revocation Freshness Time    : 0\n"                        \
	"    URL Retrieval Timeout        : 0\n"                        \
	"    Ctl Identifier               : (null)\n"                   \
	"    Ctl Store Name               : (null)\n"                   \
	"    DS Mapper Usage              : Disabled\n"                 \
	"    Negotiate Client Certificate : Disabled\n"
#define APPID                                 \
	"    Application ID               : " \
	"{4dc3e181-e14b-4a21-b022-59fc669b0914}\n"

/* One complete record with the given hash value. */
static enum parse_status
with_hash(const char *hash)
{
	char buf[2048];

	snprintf(buf, sizeof(buf),
	    HDR "    IP:port                      : 0.0.0.0:443\n"
		"    Certificate Hash             : %s\n" APPID REST,
	    hash);
	return parse_str(buf);
}

static void
test_empty_and_headers(void)
{
	is_int(parse("", 0), PARSE_FAILED, "empty input fails");
	ok(diag_has(DIAG_ERROR, "no 'netsh http show sslcert'"),
	    "and says why");
	is_int(parse_str("\r\nSSL Certificate bindings:\r\n"
			 "-------------------------\r\n\r\n"),
	    PARSE_OK, "a header without bindings is a valid empty listing");
	is_int(nsslcert(), 0, "no records from it");
	is_int(a->diags.n, 0, "and no diagnostics");
	is_int(parse_str("\nIP addresses present in the IP listen list:\n"
			 "-------------------------------------------\n\n"),
	    PARSE_OK, "an empty iplisten list is fine");
	is_int(parse_str("C:\\>netsh http show sslcert ipport=1.2.3.4:443\n"
			 "\nThe system cannot find the file specified.\n\n"),
	    PARSE_OK, "netsh finding no binding is an answer, not damage");
	ok(diag_has(DIAG_NOTE, "netsh message skipped"), "noted");
	is_int(parse_str("just some notes\nnothing: here\n"), PARSE_FAILED,
	    "other text fails");
}

static void
test_hash_states(void)
{
	static const struct {
		const char *in, *state, *hash;
	} cases[] = {
		{ "1ec7413b4fb1782b4b40868d967161d29154fd7f", "ok",
		    "1ec7413b4fb1782b4b40868d967161d29154fd7f" },
		{ "1E C7 41 3B 4F B1 78 2B 4B 40 86 8D 96 71 61 D2 91 54 FD 7F",
		    "ok", "1ec7413b4fb1782b4b40868d967161d29154fd7f" },
		{ "", "empty", "" },
		{ "1ec7413b4fb1782b", "short", "1ec7413b4fb1782b" },
		{ "1ec7413b4fb1782b4b40868d967161d29154fd7f00", "long",
		    "1ec7413b4fb1782b4b40868d967161d29154fd7f00" },
		{ "0000000000000000000000000000000000000000", "zero",
		    "0000000000000000000000000000000000000000" },
		{ "<CERTIFICATE-THUMBPRINT>", "nonhex",
		    "<CERTIFICATE-THUMBPRINT>" },
		{ "af459df0ed47a6fg4b8f6a20caf2488d3bb6e1bb", "nonhex",
		    "af459df0ed47a6fg4b8f6a20caf2488d3bb6e1bb" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		is_int(with_hash(cases[i].in), PARSE_OK, "hash '%s' parses",
		    cases[i].in);
		is_str(cert(0) ? cert(0)->hash_state : NULL, cases[i].state,
		    "hash '%s' is %s", cases[i].in, cases[i].state);
		is_str(cert(0) ? cert(0)->cert_hash : NULL, cases[i].hash,
		    "hash '%s' kept as '%s'", cases[i].in, cases[i].hash);
	}
}

static void
test_httpcfg(void)
{
	const char *s =
	    "    IP                      : 10.1.2.3:443\n"
	    "    Hash                    :  c5e8d a1f3b2947e6d8c0b5a3f1e2d4 "
	    "b8a9f 7\n"
	    "    Guid                    : {2E9A3D4C-6F1B-4D8E-A5C7-"
	    "9B0F3E2D1C4A}\n"
	    "    CertStoreName           : MY\n"
	    "    CertCheckMode           : 65537\n"
	    "    RevocationFreshnessTime : 0\n"
	    "    UrlRetrievalTimeout     : 0\n"
	    "    SslCtlIdentifier        : (null)\n"
	    "    SslCtlStoreName         : (null)\n"
	    "    Flags                   : 3\n"
	    "---------------------------------------------------------------"
	    "---------------\n"
	    "    IP                      : ::\n"
	    "---------------------------------------------------------------"
	    "---------------\n";

	is_int(parse_str(s), PARSE_OK, "httpcfg query ssl parses");
	is_str(cert(0)->source, "httpcfg", "source httpcfg");
	is_str(cert(0)->cert_hash, "0c5e8d0a1f3b2947e6d8c0b5a3f1e2d40b8a9f07",
	    "%%2x bytes: blanks are leading zeros");
	is_str(cert(0)->app_id, "{2e9a3d4c-6f1b-4d8e-a5c7-9b0f3e2d1c4a}",
	    "upper-case GUID lowered");
	is_int(cert(0)->verify_revocation, 0, "CertCheckMode 0x1: no check");
	is_int(cert(0)->usage_check, 0, "CertCheckMode 0x10000: no usage");
	is_int(cert(0)->ds_mapper, 1, "Flags 0x1: DS mapper");
	is_int(cert(0)->negotiate_client_cert, 1, "Flags 0x2: negotiate");
	ok(listen_rec(0) && strcmp(listen_rec(0)->address, "::") == 0,
	    "'IP' without a port is an iplisten entry");
}

static void
test_values(void)
{
	const char *s =
	    HDR "    IP:port                      : 0.0.0.0:443\n"
		"    Certificate Hash             : "
		"1ec7413b4fb1782b4b40868d967161d29154fd7f\n"
		"    Application ID               : 4DC3E181-E14B-4A21-B022-"
		"59FC669B0914\n" REST "    Reject Connections           : Set\n"
		"    Disable HTTP2                : Not Set\n"
		"    Disable TLS1.3               : Aktiviert\n";

	is_int(parse_str(s), PARSE_OK, "record with odd values parses");
	is_str(cert(0)->app_id, "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
	    "GUID without braces gets them");
	is_int(cert(0)->reject, 1, "Set is 1");
	is_int(cert(0)->disable_http2, 0, "Not Set is 0");
	is_int(cert(0)->verify_revocation, 1, "Enabled is 1");
	is_int(cert(0)->ds_mapper, 0, "Disabled is 0");
	is_int(cert(0)->disable_tls13, BOOL_NONE, "other words are absent");
	is_int(cert(0)->disable_quic, BOOL_NONE, "missing lines are absent");
	ok(diag_has(DIAG_NOTE, "value 'Aktiviert'"), "odd value noted");
	is_str(kv_get(&cert(0)->fields, "Disable TLS1.3"), "Aktiviert",
	    "and kept as written");
}

static void
test_labels(void)
{
	const char *pt =
	    "Liga\xc3\xa7\xc3\xb5"
	    "es do Certificado SSL:\n----------------------------\n\n"
	    "    IP:porta                            : 0.0.0.0:443\n"
	    "    Hash do Certificado                 : "
	    "1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D\n"
	    "    ID do Aplicativo                    : "
	    "{4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
	    "    Nome do Reposit\xc3\xb3rio de Certificados : My\n";
	const char *es = "    IP:puerto                    : 192.0.2.4:443\n"
			 "    Hash de certificado          : "
			 "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4\n"
			 "    Id. de aplicaci\xc3\xb3n           : "
			 "{4dc3e181-e14b-4a21-b022-59fc669b0914}\n";

	parse_str(pt);
	ok(cert(0) && strcmp(cert(0)->endpoint, "0.0.0.0:443") == 0,
	    "pt-BR header");
	ok(cert(0) && cert(0)->hash_state &&
		strcmp(cert(0)->cert_hash,
		    "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d") == 0,
	    "pt-BR hash");
	ok(cert(0) && cert(0)->store && strcmp(cert(0)->store, "My") == 0,
	    "pt-BR store");

	parse_str(es);
	ok(cert(0) && strcmp(cert(0)->type, "ipport") == 0 &&
		cert(0)->port == 443,
	    "unknown 'X:Y' label with an addr:port value starts a record");
	ok(cert(0) && cert(0)->cert_hash &&
		strcmp(cert(0)->cert_hash,
		    "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4") == 0,
	    "40 hex digits under an unknown label are the hash");
	ok(cert(0) && cert(0)->app_id &&
		strcmp(cert(0)->app_id,
		    "{4dc3e181-e14b-4a21-b022-59fc669b0914}") == 0,
	    "a GUID under an unknown label is the app id");
	ok(cert(0) && kv_get(&cert(0)->fields, "Hash de certificado"),
	    "unknown labels kept by name");
	ok(diag_has(DIAG_NOTE, "not in the label table"), "and noted");

	parse_str(HDR "    Central Certificate Store    : 443\n"
		      "    Certificate Hash             : \n" APPID REST);
	ok(cert(0) && strcmp(cert(0)->type, "ccs") == 0 &&
		cert(0)->port == 443 && cert(0)->address == NULL,
	    "CCS record keyed by port");

	parse_str(HDR "    IP:port                      : [::]:443\n"
		      "    Certificate Hash             : "
		      "1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID REST
		      " Extended Properties:\n"
		      "    PropertyId                   : 7\n"
		      "    Some Future Setting          : 12\n");
	ok(cert(0) && strcmp(cert(0)->address, "[::]") == 0,
	    "IPv6 wildcard address");
	ok(cert(0) &&
		kv_get(&cert(0)->fields,
		    "Extended Properties/Some Future Setting") != NULL,
	    "unknown extended property prefixed");
}

static void
test_damage(void)
{
	enum parse_status st;

	st = parse_str(HDR "    Certificate Hash             : "
			   "1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID);
	is_int(st, PARSE_FAILED, "fields without any header fail");
	ok(diag_has(DIAG_WARNING, "without a record header"),
	    "with a warning on the first of them");

	st = parse_str(
	    HDR "    IP:port                      : 0.0.0.0:443\n"
		"    Certificate Hash             : "
		"1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID REST "\n"
		"    Certificate Hash             : "
		"2ace368a90d2117be7a0065dfe259b2e8c94f538\n" APPID);
	is_int(st, PARSE_PARTIAL, "a lost header in the middle is partial");
	is_int(nsslcert(), 1, "the complete record is kept");
	ok(diag_has(DIAG_WARNING, "with the 1 field lines after it"),
	    "the orphan lines are counted");

	st = parse_str(HDR "    IP:port                      : 0.0.0.0:443\n"
			   "    Certificate Hash             : "
			   "1ec7413b4fb1782b4b40868d967161d29154fd7f\n"
			   "[...]\n");
	is_int(st, PARSE_PARTIAL, "an elision makes it partial");
	ok(diag_has(DIAG_WARNING, "elision '[...]'"), "said on the line");
	is_int(nsslcert(), 1, "the cut record is kept");

	st = parse_str(HDR "    IP:port                      : 0.0.0.0:443\n"
			   "    Certificate Hash             : 1ec7");
	is_int(st, PARSE_PARTIAL, "text ending inside a record is partial");
	ok(diag_has(DIAG_WARNING, "cut in its last line"), "and says so");

	st = parse_str(
	    HDR "    IP:port                      : 0.0.0.0:\n" APPID);
	is_int(st, PARSE_PARTIAL, "an endpoint without a port is damage");
	ok(cert(0) && cert(0)->port == INT_NONE && cert(0)->address == NULL,
	    "address and port left out");
}

static void
test_paste_damage(void)
{
	enum parse_status st;

	st = parse_str("VERBOSE: SSL Certificate bindings:\n"
		       "VERBOSE: -------------------------\n"
		       "VERBOSE: \n"
		       "VERBOSE: IP:port                      : 0.0.0.0:443\n"
		       "VERBOSE: Certificate Hash             : "
		       "1ec7413b4fb1782b4b40868d967161d29154fd7f\n"
		       "VERBOSE: " APPID);
	is_int(nsslcert(), 1, "VERBOSE: prefix removed");
	ok(cert(0) && cert(0)->app_id != NULL, "from every line");
	is_int(st, PARSE_PARTIAL, "(the record is short: partial)");

	st = parse_str(
	    "PS> netsh http show sslcert\n"
	    "IP:port : 0.0.0.0:443\n"
	    "Certificate Hash : "
	    "1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID REST "PS>\n");
	is_int(st, PARSE_OK, "PS> prompt, no header, no indentation");
	is_int(a->diags.n, 0, "nothing to say about it");

	st = parse_str(
	    HDR "\tIP:port\t: 0.0.0.0:443\t\n"
		"\tCertificate Hash\t:\t"
		"1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID REST);
	is_int(st, PARSE_OK, "tabs as padding");
	ok(cert(0) && cert(0)->hash_state &&
		strcmp(cert(0)->hash_state, "ok") == 0,
	    "tab after the colon");

	st = parse_str(
	    HDR "    IP:port                      : 0.0.0.0:443\n"
		"    Certificate Hash             : "
		"1ec7413b4fb1782b4b40868d967161d29154fd7f\n" APPID REST HDR
		"    IP:port                      : 0.0.0.0:443\n"
		"    Certificate Hash             : "
		"2ace368a90d2117be7a0065dfe259b2e8c94f538\n" APPID REST);
	is_int(st, PARSE_OK, "two listings in one file");
	ok(nsslcert() == 2 && cert(0)->listing == 1 && cert(1)->listing == 2,
	    "numbered 1 and 2");
}

/* Deterministic noise: no crash, no hang, a status. */
static void
test_hostile(void)
{
	size_t n = 1 << 20;
	unsigned char *buf = malloc(4 << 20);
	unsigned long x = 12345;
	clock_t t0;
	enum parse_status st;

	for (int round = 0; round < 4; round++) {
		static const char alphabet[] = "IP:port \t:.0123456789abcdef"
					       "{}-[]\n\r\n   Hash";

		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			buf[i] = round == 0 ?
			    (unsigned char)(x >> 16) :
			    (unsigned char)
				alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		st = parse(buf, n);
		ok(st == PARSE_OK || st == PARSE_PARTIAL || st == PARSE_FAILED,
		    "noise round %d gives a status", round);
	}
	/* long lines: one separator hunt per line, nothing quadratic */
	t0 = clock();
	memset(buf, ' ', 4 << 20);
	buf[(4 << 20) - 1] = ':';
	st = parse(buf, 4 << 20);
	memset(buf, ':', 4 << 20);
	st = parse(buf, 4 << 20);
	for (size_t i = 0; i < (4 << 20); i += 2) {
		buf[i] = 'a';
		buf[i + 1] = i % 64 == 0 ? '\n' : ' ';
	}
	st = parse(buf, 4 << 20);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 20,
	    "12 MiB of long and short lines in reasonable time");
	(void)st;
	free(buf);
}

int
main(void)
{
	test_empty_and_headers();
	test_hash_states();
	test_httpcfg();
	test_values();
	test_labels();
	test_damage();
	test_paste_damage();
	test_hostile();
	model_free(m);
	return done_testing();
}
