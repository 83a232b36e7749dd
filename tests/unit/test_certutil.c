/*
 * Unit tests for the certutil parser: date orders, key states, paste
 * damage and hostile input, through the same entry point as the bundle
 * code (parse_certutil() on text_from_bytes()).
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parse_certutil.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

struct run {
	struct model *m;
	struct artifact *a;
	enum parse_status st;
};

static struct run
parse_n(const char *s, size_t n)
{
	struct run r;
	struct text t;

	r.m = model_new("test");
	r.a = model_add_artifact(r.m, "certutil.txt");
	r.a->kind = KIND_CERTUTIL;
	text_from_bytes(&t, s, n, &r.a->diags);
	r.st = parse_certutil(r.m, r.a, &t);
	text_release(&t);
	return r;
}

static struct run
parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static size_t
ncerts(const struct run *r)
{
	return r->m->recs[REC_CERT].n;
}

/* Record i; a static empty one when there is none, so tests fail, not crash. */
static const struct cert *
cert(const struct run *r, size_t i)
{
	static struct cert none = { .index = INT_NONE,
		.key_spec = INT_NONE,
		.key_size = INT_NONE,
		.exportable = BOOL_NONE,
		.root = BOOL_NONE };

	if (i >= r->m->recs[REC_CERT].n)
		return &none;
	return r->m->recs[REC_CERT].v[i];
}

static bool
has_diag(const struct run *r, enum diag_level lv, const char *needle)
{
	for (size_t i = 0; i < r->a->diags.n; i++)
		if (r->a->diags.v[i].level == lv &&
		    strstr(r->a->diags.v[i].msg, needle) != NULL)
			return true;
	return false;
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "(absent)";
}

#define HEAD                                                        \
	"my \"Personal\"\r\n"                                       \
	"================ Certificate 0 ================\r\n"       \
	"Serial Number: 1a00000007c2e58d0e2b7e3f4c000000000007\r\n" \
	"Issuer: CN=Contoso Issuing CA 01, DC=contoso, DC=local\r\n"

#define TAIL                                                            \
	"Subject: CN=www.contoso.com\r\n"                               \
	"Non-root Certificate\r\n"                                      \
	"Cert Hash(sha1): 3f6c0e2a9b1d4e5f8a7c6b5d4e3f2a1b0c9d8e7f\r\n" \
	"CertUtil: -store command completed successfully.\r\n"

static void
test_dates(void)
{
	struct run r;

	r = parse(HEAD " NotBefore: 1/5/2026 12:07 AM\r\n"
		       " NotAfter: 1/5/2027 12:07 PM\r\n" TAIL);
	is_int(r.st, PARSE_OK, "en-US listing parses");
	is_str(cert(&r, 0)->not_before, "2026-01-05T00:07:00",
	    "12 AM is midnight, month first with English labels");
	is_str(cert(&r, 0)->not_after, "2027-01-05T12:07:00", "12 PM is noon");
	is_str(cert(&r, 0)->not_before_raw, "1/5/2026 12:07 AM",
	    "raw date kept");
	model_free(r.m);

	r = parse(HEAD " NotBefore: 4/5/2026 10:00\r\n"
		       " NotAfter: 25/04/2027 19:26\r\n" TAIL);
	is_str(cert(&r, 0)->not_before, "2026-05-04T10:00:00",
	    "a day above 12 elsewhere makes every date day first (en-GB)");
	is_str(cert(&r, 0)->not_after, "2027-04-25T19:26:00",
	    "the day-first date itself");
	model_free(r.m);

	r = parse(HEAD " NotBefore: 25/04/2026 10:00\r\n"
		       " NotAfter: 04/25/2027 19:26\r\n" TAIL);
	ok(cert(&r, 0)->not_before == NULL && cert(&r, 0)->not_after == NULL,
	    "conflicting evidence: no ISO date");
	ok(has_diag(&r, DIAG_NOTE, "day and month order"),
	    "conflicting evidence: a note");
	is_int(r.st, PARSE_OK, "an unknown date order is not damage");
	model_free(r.m);

	r = parse(
	    "================ \xe8\xaf\x81\xe4\xb9\xa6 0 ================\n"
	    "\xe5\xba\x8f\xe5\x88\x97\xe5\x8f\xb7: 23b19bba\n"
	    " NotBefore: 05/06/2020 10:00\n"
	    " NotAfter: 2126/7/18 0:23\n"
	    "\xe8\xaf\x81\xe4\xb9\xa6\xe5\x93\x88\xe5\xb8\x8c(sha1): "
	    "f72d8174e4378ca11b31141290954483f437d6b7\n");
	ok(cert(&r, 0)->not_before == NULL,
	    "slashed day/month with Chinese labels: no ISO date");
	is_str(cert(&r, 0)->not_after, "2126-07-18T00:23:00",
	    "year first is always Y/M/D");
	ok(has_diag(&r, DIAG_NOTE, "'05/06/2020 10:00'"),
	    "the note quotes the date");
	model_free(r.m);

	r = parse(HEAD " NotBefore: 01.02.2026 01:00\r\n"
		       " NotAfter: 2026. 07. 18. 9:05:33\r\n" TAIL);
	is_str(cert(&r, 0)->not_before, "2026-02-01T01:00:00",
	    "dots are day first, even with English labels");
	is_str(cert(&r, 0)->not_after, "2026-07-18T09:05:33",
	    "year first with dots, blanks and seconds");
	model_free(r.m);

	r = parse(HEAD " NotBefore: 2/30/2026 1:00 PM\r\n"
		       " NotAfter: tomorrow\r\n" TAIL);
	ok(cert(&r, 0)->not_before == NULL && cert(&r, 0)->not_after == NULL,
	    "impossible and unreadable dates: no ISO date");
	is_str(cert(&r, 0)->not_after_raw, "tomorrow", "but the raw text");
	ok(has_diag(&r, DIAG_NOTE, "not understood"), "and a note");
	model_free(r.m);

	r = parse("My \"Personnel\"\n"
		  "================ Certificat 0 ================\n"
		  "Num\xc3\xa9ro de s\xc3\xa9rie\xc2\xa0: 4a19d238\n"
		  " NotBefore : 12/05/1997 02:00\n"
		  " NotAfter : 08/01/2004 01:59\n"
		  "Hach. cert. (sha1)\xc2\xa0: "
		  "18f7c1fcc3090203fd5baa2f861a754976c8dd25\n");
	is_str(cert(&r, 0)->not_before, "1997-05-12T02:00:00",
	    "French labels: day first");
	is_str(cert(&r, 0)->serial, "4a19d238",
	    "no-break space before the colon");
	is_str(cert(&r, 0)->store, "My", "store from a French header");
	model_free(r.m);
}

#define KEYHEAD                                             \
	"================ Certificate 0 ================\n" \
	"Serial Number: 26373e51a6ab669340c47caef2232ce1\n" \
	"Subject: CN=x\n"                                   \
	"Cert Hash(sha1): b805e6ab548f6e7c57d3989f61de7fe6a51031d1\n"

static void
test_key_states(void)
{
	static const struct {
		const char *lines, *state;
		int exportable;
	} cases[] = {
		{ "No key provider information\nMissing stored keyset\n",
		    "no_key_provider", BOOL_NONE },
		{ "Cannot find the certificate and private key for "
		  "decryption.\n",
		    "no_key_provider", BOOL_NONE },
		{ "  Key Container = x\n  Provider = p\nMissing stored keyset\n",
		    "missing_keyset", BOOL_NONE },
		{ "  Provider = p\nPrivate key is NOT exportable\n"
		  "Encryption test FAILED\n",
		    "test_failed", 0 },
		{ "  Provider = p\nPrivate key is NOT plain text exportable\n"
		  "Signature test passed (CNG)\n",
		    "present", 1 },
		{ "  Key Container = x\n  Provider = p\n", "unknown",
		    BOOL_NONE },
		{ "", "unknown", BOOL_NONE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *s = xmalloc(strlen(KEYHEAD) + strlen(cases[i].lines) + 1);
		struct run r;

		strcpy(s, KEYHEAD);
		strcat(s, cases[i].lines);
		r = parse(s);
		is_str(str(cert(&r, 0)->key_state), cases[i].state,
		    "key state case %zu", i);
		is_int(cert(&r, 0)->exportable, cases[i].exportable,
		    "exportable case %zu", i);
		is_int(r.st, PARSE_OK, "key case %zu parses cleanly", i);
		model_free(r.m);
		free(s);
	}
}

static void
test_key_fields(void)
{
	struct run r = parse(KEYHEAD
	    "  Key Container = 26027fd0-926d-424b-92fc-6c4f595fc105 "
	    "[Default Container]\n"
	    "  Provider = Microsoft RSA SChannel Cryptographic Provider\n"
	    "Microsoft RSA SChannel Cryptographic Provider: KeySpec=1\n"
	    "AES256+RSAES_OAEP(RSA:AT_KEYEXCHANGE)   test passed\n"
	    "Template: WebServer, Web Server\n");

	is_str(cert(&r, 0)->key_container,
	    "26027fd0-926d-424b-92fc-6c4f595fc105",
	    "container without certutil's bracketed remark");
	is_int(cert(&r, 0)->key_spec, 1, "KeySpec= after the provider name");
	is_str(cert(&r, 0)->key_tests.n > 0 ? cert(&r, 0)->key_tests.v[0] :
					      NULL,
	    "AES256+RSAES_OAEP(RSA:AT_KEYEXCHANGE) test passed",
	    "test line with blanks squeezed");
	is_str(cert(&r, 0)->template_name, "WebServer",
	    "template name without its display name");
	model_free(r.m);
}

static void
test_verbose(void)
{
	struct run r = parse(
	    "================ Certificate 3 ================\n"
	    "X509 Certificate:\n"
	    "Version: 3\n"
	    "Serial Number: 61 00 00 00 02\n"
	    "Signature Algorithm:\n"
	    "    Algorithm ObjectId: 1.2.840.113549.1.1.11 sha256RSA\n"
	    "    Algorithm Parameters:\n"
	    "    05 00\n"
	    "Issuer:\n"
	    "    CN=Contoso CA\n"
	    "    DC=contoso\n"
	    "  Name Hash(sha1): 01aad90ff6a6812f368a509eed47be8ea0a3b78d\n"
	    "\n"
	    "Subject:\n"
	    "    CN=www.contoso.com\n"
	    "\n"
	    "Public Key Algorithm:\n"
	    "    Algorithm ObjectId: 1.2.840.10045.2.1 ECC\n"
	    "Public Key Length: 256 bits\n"
	    "Certificate Extensions: 3\n"
	    "    2.5.29.37: Flags = 0, Length = 16\n"
	    "    Enhanced Key Usage\n"
	    "        Server Authentication (1.3.6.1.5.5.7.3.1)\n"
	    "        1.3.6.1.4.1.311.99\n"
	    "\n"
	    "    2.5.29.17: Flags = 0, Length = 20\n"
	    "    Subject Alternative Name\n"
	    "        DNS Name=www.contoso.com\n"
	    "        IP Address=10.0.0.5\n"
	    "        DNS Name=contoso.com\n"
	    "\n"
	    "    1.3.6.1.4.1.311.20.2: Flags = 0, Length = a\n"
	    "    Certificate Template Name (Certificate Type)\n"
	    "        WebServer\n"
	    "\n"
	    "Signature Algorithm:\n"
	    "    Algorithm ObjectId: 1.2.840.113549.1.1.5 sha1RSA\n"
	    "Non-root Certificate\n"
	    "Cert Hash(sha1):\n"
	    "    37 ed 7c 3e ee 76 a2 d0 42 3a e3 1a 16 9f 74 d0 3c 7f 34 2c\n"
	    "\n"
	    "  CERT_KEY_PROV_INFO_PROP_ID(2):\n"
	    "    Key Container = PKContainer\n"
	    "    Provider = nCipher Security World Key Storage Provider\n"
	    "    KeySpec = 2 -- AT_SIGNATURE\n"
	    "\n"
	    "  CERT_SHA1_HASH_PROP_ID(3):\n"
	    "    ffffffffffffffffffffffffffffffffffffffff\n"
	    "  D:PAI(A;;GAGR;;;BA)\n"
	    "    Allow Full Control BUILTIN\\Administrators\n"
	    "Signature test passed\n");
	const struct cert *c = cert(&r, 0);

	is_int(r.st, PARSE_OK, "-v dump parses cleanly");
	is_int(c->index, 3, "index from the banner");
	is_str(c->serial, "6100000002", "spaced serial joined");
	is_str(c->issuer, "CN=Contoso CA, DC=contoso", "-v name joined");
	is_str(c->subject, "CN=www.contoso.com", "-v subject");
	is_str(c->sig_alg, "sha256RSA", "first signature algorithm only");
	is_int(c->key_size, 256, "public key length");
	is_int(c->ekus.n, 2, "two EKUs");
	is_str(c->ekus.n > 1 ? c->ekus.v[1] : NULL, "1.3.6.1.4.1.311.99",
	    "an EKU printed as a bare OID");
	is_int(c->sans.n, 2, "DNS SANs only");
	is_str(c->sans.n > 1 ? c->sans.v[1] : NULL, "contoso.com",
	    "second SAN");
	is_str(c->template_name, "WebServer", "v1 template from -v");
	is_str(c->thumbprint, "37ed7c3eee76a2d0423ae31a169f74d03c7f342c",
	    "wrapped Cert Hash(sha1) value, not the property");
	is_int(c->key_spec, 2, "KeySpec = 2 -- AT_SIGNATURE");
	is_str(c->key_state, "present", "signature test");
	model_free(r.m);

	r = parse("X509 Certificate:\n"
		  "Serial Number: 0a\n"
		  "  CERT_SHA1_HASH_PROP_ID(3):\n"
		  "    12c5293973bda1df2c74ab280d492135171c8ab6\n");
	is_str(cert(&r, 0)->thumbprint,
	    "12c5293973bda1df2c74ab280d492135171c8ab6",
	    "thumbprint from CERT_SHA1_HASH_PROP_ID(3)");
	ok(!has_diag(&r, DIAG_NOTE, "banner"),
	    "a -dump without banner is normal");
	model_free(r.m);
}

static void
test_structure(void)
{
	struct run r;

	r = parse("================ Certificate 0 ================\n"
		  "================ Begin Nesting Level 1 ================\n"
		  "Element 0:\n"
		  "Serial Number: 01\n"
		  "Cert Hash(sha1): 5137a597de2c3085ec5816c7f11edc18cfcdbaf8\n"
		  "Element 1:\n"
		  "Serial Number: 02\n"
		  "Cert Hash(sha1): b805e6ab548f6e7c57d3989f61de7fe6a51031d1\n"
		  "----------------  End Nesting Level 1  ----------------\n"
		  "No key provider information\n"
		  "CertUtil: -dump command completed successfully.\n");
	is_int(ncerts(&r), 2, "two elements, two records");
	is_int(cert(&r, 1)->index, 0, "the second keeps its banner's index");
	is_str(str(cert(&r, 1)->key_state), "no_key_provider",
	    "key lines after the nesting level belong to the last element");
	is_int(r.st, PARSE_OK, "nesting parses cleanly");
	model_free(r.m);

	r = parse("CA \"Intermediate Certification Authorities\"\n"
		  "================ Certificate 0 ================\n"
		  "Serial Number: 01\n"
		  "Issuer: CN=Root\n"
		  "Cert Hash(sha1): 5137a597de2c3085ec5816c7f11edc18cfcdbaf8\n"
		  "\n"
		  "================ CRL 0 ================\n"
		  "Issuer: CN=Root\n"
		  " ThisUpdate: 4/25/2026 6:15 PM\n"
		  "CRL Entries: 0\n"
		  "CRL Hash(sha1): 8ba0c08b0e8f4d14a0b1a5c1d1b8d4e2c3a6f7e9\n"
		  "CertUtil: -store command completed successfully.\n");
	is_int(ncerts(&r), 1, "CRL entries are not certificates");
	ok(has_diag(&r, DIAG_NOTE, "CRL"), "CRL skip noted");
	is_str(cert(&r, 0)->store, "CA", "store from the header");
	model_free(r.m);

	r = parse(
	    "C:\\>certutil -store my\n"
	    "my \"Personal\"\n"
	    "CertUtil: -store command completed successfully.\n"
	    "C:\\>certutil -dump a.cer\n"
	    "Serial Number: 03\n"
	    "Cert Hash(sha1): 5137a597de2c3085ec5816c7f11edc18cfcdbaf8\n");
	ok(cert(&r, 0)->store == NULL, "a new command forgets the store");
	ok(cert(&r, 0)->index == INT_NONE, "no banner, no index");
	ok(has_diag(&r, DIAG_NOTE, "without a 'Certificate N' banner"),
	    "missing banner noted");
	is_int(r.st, PARSE_OK, "missing banner is not damage");
	model_free(r.m);
}

static void
test_outcomes(void)
{
	struct run r;

	r = parse("my \"Personal\"\r\n"
		  "CertUtil: -store command completed successfully.\r\n");
	is_int(r.st, PARSE_OK, "empty store: ok");
	is_int(ncerts(&r), 0, "empty store: no record");

	model_free(r.m);
	r = parse("my \"Personal\"\r\n"
		  "CertUtil: -store command FAILED: 0x80092004 (-2146885628 "
		  "CRYPT_E_NOT_FOUND)\r\n"
		  "CertUtil: Cannot find object or property.\r\n");
	is_int(r.st, PARSE_FAILED, "failed command: failed");
	ok(has_diag(&r, DIAG_ERROR,
	       "command '-store' failed: 0x80092004 (-2146885628 "
	       "CRYPT_E_NOT_FOUND): Cannot find object or property"),
	    "failure diagnostic with code and message");
	is_int(r.a->diags.n, 1, "one diagnostic for the failure");
	model_free(r.m);

	r = parse("Hello world\nnothing here\n");
	is_int(r.st, PARSE_FAILED, "no certificate: failed");
	ok(has_diag(&r, DIAG_ERROR, "no certificate"), "and says so");
	model_free(r.m);

	r = parse(KEYHEAD "Private key is NOT exportableEncryption test "
			  "passedCertUtil: -store command completed "
			  "successfully.\n");
	is_int(r.st, PARSE_PARTIAL, "run-together lines: partial");
	ok(has_diag(&r, DIAG_WARNING, "split before 'Encryption test'"),
	    "run-together lines: said where");
	is_str(str(cert(&r, 0)->key_state), "present", "recovered key test");
	is_int(cert(&r, 0)->exportable, 0, "recovered export line");
	model_free(r.m);

	r = parse(KEYHEAD "[...]\nEncryption test passed\n");
	is_int(r.st, PARSE_PARTIAL, "elision: partial");
	ok(has_diag(&r, DIAG_WARNING, "elision '[...]'"), "elision named");
	model_free(r.m);

	r = parse(KEYHEAD "This is not certutil output at all\n"
			  "neither is this\n");
	is_int(r.st, PARSE_PARTIAL, "garbage inside a record: partial");
	ok(has_diag(&r, DIAG_WARNING, "(2 such lines in all)"),
	    "one warning counts the garbage");
	is_int(r.a->diags.n, 1, "and only one");
	model_free(r.m);

	{
		char line[400] = KEYHEAD "x";
		bool valid = true;

		for (int i = 0; i < 40; i++)
			strcat(line, "\xc3\xa9");
		strcat(line, "\n");
		r = parse(line);
		for (size_t i = 0; i < r.a->diags.n; i++) {
			const unsigned char *m =
			    (const unsigned char *)r.a->diags.v[i].msg;

			for (; *m != '\0'; m++)
				if (*m >= 0xc0 && (m[1] & 0xc0) != 0x80)
					valid = false;
		}
		ok(valid && r.a->diags.n == 1,
		    "a quoted line is cut on a character boundary");
		model_free(r.m);
	}

	r = parse("Cert Hash(sha1): 245c97df7514e7cf2df8be72ae957b9e04741e85\n"
		  "Aucune information sur le fournisseur de cl\xc3\xa9\n");
	is_int(r.st, PARSE_PARTIAL, "excerpt starting mid-certificate");
	ok(has_diag(&r, DIAG_WARNING, "without its 'Serial Number' line"),
	    "start missing");
	is_str(str(cert(&r, 0)->key_state), "no_key_provider",
	    "French key line");
	model_free(r.m);

	r = parse("================ Certificate 0 ================\n"
		  "CertUtil: -store command completed successfully.\n");
	is_int(ncerts(&r), 0, "empty banner dropped");
	is_int(r.st, PARSE_FAILED, "nothing usable");
	model_free(r.m);
}

static void
test_hostile(void)
{
	struct run r;
	char *s;
	size_t n;
	unsigned long x = 12345;

	n = 70000;
	s = xmalloc(n);
	memset(s, '=', n);
	r = parse_n(s, n);
	ok(has_diag(&r, DIAG_WARNING, "not certutil output"),
	    "a 70000-byte line is skipped");
	model_free(r.m);

	/* Random lines of certutil words, blanks and bytes. */
	for (int round = 0; round < 50; round++) {
		static const char *const words[] = { "Serial Number: ",
			"Issuer:", "Subject:", " NotBefore: ", "1/2/2026 ",
			"12:00 PM", "Cert Hash(sha1): ", "ab cd ", "\n", "\n",
			"================ ", "Certificate 7",
			" ================", "CertUtil: -x FAILED: 0x80092004",
			"X509 Certificate:",
			"    2.5.29.37: Flags = 0, Length = 1", "(1.2.3)",
			"CERT_SHA1_HASH_PROP_ID(3):", "Element 1:", "\"", "my ",
			"DNS Name=", "CN=a", "...", "\xc3\xa9", "\xff", "\0",
			"Provider =", "test passed", "C:\\>", "certutil -v " };
		n = 0;
		for (int i = 0; i < 4000; i++) {
			x = x * 1103515245 + 12345;
			n += strlen(words[(x >> 16) % ARRAY_SIZE(words)]) + 1;
		}
		s = xrealloc(s, n + 1);
		s[0] = '\0';
		x = (unsigned long)round * 7919 + 1;
		n = 0;
		for (int i = 0; i < 4000; i++) {
			const char *w;

			x = x * 1103515245 + 12345;
			w = words[(x >> 16) % ARRAY_SIZE(words)];
			memcpy(s + n, w, strlen(w));
			n += strlen(w);
			if (w[0] == '\0')
				s[n++] = '\0';
		}
		r = parse_n(s, n);
		ok(r.st == PARSE_OK || r.st == PARSE_PARTIAL ||
			r.st == PARSE_FAILED,
		    "random certutil soup %d survives", round);
		model_free(r.m);
	}
	free(s);

	/* The record cap. */
	n = 100002 * 18;
	s = xmalloc(n + 1);
	s[0] = '\0';
	for (size_t i = 0, k = 0; i < 100002; i++, k += 18)
		memcpy(s + k, "Serial Number: 01\n", 18);
	r = parse_n(s, n);
	is_int(ncerts(&r), 100000, "records capped");
	ok(has_diag(&r, DIAG_ERROR, "more than 100000 certificates") ||
		r.a->diags.dropped[DIAG_ERROR] == 1,
	    "cap reported (or counted once the list is full)");
	is_int(r.st, PARSE_PARTIAL, "capped: partial");
	model_free(r.m);
	free(s);
}

int
main(void)
{
	test_dates();
	test_key_states();
	test_key_fields();
	test_verbose();
	test_structure();
	test_outcomes();
	test_hostile();
	return done_testing();
}
