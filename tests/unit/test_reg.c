/*
 * Unit tests for the .reg parser (src/parse_reg.c): the cases a model
 * golden shows poorly (byte-level encodings, damage, limits), and a
 * robustness run over mutated and random input.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parse_reg.h"
#include "tap.h"
#include "text.h"

#define HDR "Windows Registry Editor Version 5.00\r\n\r\n"
#define SCH                                                        \
	"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\" \
	"SecurityProviders\\SCHANNEL"

struct run {
	struct model *m;
	struct artifact *a;
	enum parse_status st;
};

static struct run
parse_bytes(const void *p, size_t n)
{
	struct run r;
	struct text t;

	r.m = model_new("test");
	r.a = model_add_artifact(r.m, "test.reg");
	r.a->kind = KIND_REG;
	text_from_bytes(&t, p, n, &r.a->diags);
	r.st = parse_reg(r.m, r.a, &t);
	text_release(&t);
	return r;
}

static struct run
parse(const char *s)
{
	return parse_bytes(s, strlen(s));
}

static size_t
nrec(const struct run *r)
{
	return r->m->recs[REC_REGVAL].n;
}

static const struct regval *
rec(const struct run *r, size_t i)
{
	static const struct regval none;

	if (i >= nrec(r))
		return &none;
	return r->m->recs[REC_REGVAL].v[i];
}

/* The first diagnostic containing `needle`, or NULL. */
static const struct diag *
find_diag(const struct run *r, const char *needle)
{
	for (size_t i = 0; i < r->a->diags.n; i++)
		if (strstr(r->a->diags.v[i].msg, needle) != NULL)
			return &r->a->diags.v[i];
	return NULL;
}

static const char *
host(const struct run *r, const char *name)
{
	const struct recvec *rv = &r->m->recs[REC_HOST];

	for (size_t i = 0; i < rv->n; i++) {
		const struct host_fact *h = rv->v[i];

		if (strcmp(h->name, name) == 0)
			return h->value;
	}
	return NULL;
}

static void
done(struct run *r)
{
	model_free(r->m);
}

static void
test_failed(void)
{
	static const char utf16_header[] =
	    "\xff\xfeW\0i\0n\0d\0o\0w\0s\0 \0R\0e\0g\0i\0s\0t\0r\0y\0 "
	    "\0E\0d\0i\0t\0o\0r\0 \0V\0e\0r\0s\0i\0o\0n\0 \0"
	    "5\0.\0"
	    "0\0"
	    "0\0\r\0\n\0\r\0\n\0";
	struct run r;

	r = parse_bytes("", 0);
	is_int(r.st, PARSE_FAILED, "empty input fails");
	ok(find_diag(&r, "empty file") != NULL, "empty input says so");
	done(&r);

	r = parse_bytes(utf16_header, sizeof(utf16_header) - 1);
	is_int(r.st, PARSE_FAILED, "UTF-16 header only fails");
	ok(find_diag(&r, "only a header") != NULL, "header only says so");
	is_int(nrec(&r), 0, "header only: no record");
	done(&r);

	r = parse("Customer says TLS is broken.\nPlease help\n");
	is_int(r.st, PARSE_FAILED, "prose fails");
	ok(find_diag(&r, "no registry key line") != NULL, "prose: why");
	done(&r);

	r = parse("\"Enabled\"=dword:00000000\n");
	is_int(r.st, PARSE_FAILED, "values without any key fail");
	ok(find_diag(&r, "before any key line") != NULL,
	    "values without any key: warned");
	done(&r);
}

static void
test_values(void)
{
	struct run r;

	r = parse(HDR "[" SCH "\\Protocols\\TLS 1.0\\Server]\r\n"
		      "\"Enabled\"=dword:ffffffff\r\n"
		      "\"DisabledByDefault\"=dword:1\r\n"
		      "\"Enabled\"=\"0\"\r\n"
		      "\"Na\\\"me\\\\x\"=\"a\\\\b\\\"c\\d\"\r\n"
		      "@=\"default\"\r\n"
		      "\"Gone\"=-\r\n");
	is_int(r.st, PARSE_OK, "values: ok");
	is_int(nrec(&r), 7, "values: key + 6 values");
	is_str(rec(&r, 0)->op, "key", "key line record");
	is_str(rec(&r, 0)->name, "", "key record has name ''");
	ok(rec(&r, 0)->type == NULL, "key record has no type");
	is_int(rec(&r, 1)->num, 4294967295LL, "dword:ffffffff");
	is_str(rec(&r, 1)->data, "dword:ffffffff", "dword data as written");
	is_int(rec(&r, 2)->num, 1, "dword:1 (short form)");
	is_str(rec(&r, 3)->type, "REG_SZ", "\"0\" is REG_SZ");
	is_int(rec(&r, 3)->num, INT_NONE, "REG_SZ \"0\" has no num");
	is_str(rec(&r, 3)->text, "0", "REG_SZ text");
	is_str(rec(&r, 3)->data, "\"0\"", "REG_SZ data as written");
	is_str(rec(&r, 4)->name, "Na\"me\\x", "name escapes undone");
	is_str(rec(&r, 4)->text, "a\\b\"c\\d", "string escapes undone");
	is_str(rec(&r, 5)->name, "", "@ is the default value");
	is_str(rec(&r, 5)->text, "default", "@ value");
	is_str(rec(&r, 6)->op, "delete_value", "\"Gone\"=-");
	ok(rec(&r, 6)->type == NULL && rec(&r, 6)->data == NULL,
	    "a deletion has no type or data");
	is_int(rec(&r, 6)->r.pos.line, 9, "line of the deletion");
	done(&r);

	/* Hex types, wrapped the way regedit wraps them. */
	r = parse(HDR "[" SCH "]\r\n"
		      "\"B\"=hex:01,02,ff\r\n"
		      "\"Q\"=hex(b):00,01,00,00,00,00,00,00\r\n"
		      "\"D\"=hex(4):20,4e,00,00\r\n"
		      "\"E\"=hex(5):00,00,00,64\r\n"
		      "\"X\"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,"
		      "52,00,6f,00,6f,00,\\\r\n"
		      "  74,00,25,00,00,00\r\n"
		      "\"M\"=hex(7):54,00,4c,00,53,00,00,00,3d,d8,00,de,00,00,"
		      "00,00\r\n"
		      "\"N\"=hex(0):\r\n"
		      "\"U\"=hex(100):01\r\n"
		      "\"S\"=hex(4):01,00\r\n");
	is_int(r.st, PARSE_OK, "hex types: ok");
	is_int(nrec(&r), 10, "hex types: key + 9 values");
	is_str(rec(&r, 1)->type, "REG_BINARY", "hex: is REG_BINARY");
	is_int(rec(&r, 1)->num, INT_NONE, "REG_BINARY has no num");
	is_str(rec(&r, 2)->type, "REG_QWORD", "hex(b): is REG_QWORD");
	is_int(rec(&r, 2)->num, 256, "REG_QWORD value");
	is_str(rec(&r, 3)->type, "REG_DWORD", "hex(4): is REG_DWORD");
	is_int(rec(&r, 3)->num, 20000, "hex(4): little-endian");
	is_str(rec(&r, 4)->type, "REG_DWORD_BIG_ENDIAN", "hex(5):");
	is_int(rec(&r, 4)->num, 100, "hex(5): big-endian");
	is_str(rec(&r, 5)->type, "REG_EXPAND_SZ", "hex(2): is REG_EXPAND_SZ");
	is_str(rec(&r, 5)->text, "%SystemRoot%", "hex(2): decoded");
	is_str(rec(&r, 5)->data,
	    "hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,"
	    "6f,00,74,00,25,00,00,00",
	    "continuation joined without '\\' and indentation");
	is_int(rec(&r, 5)->r.pos.line, 8, "a wrapped value starts on its line");
	is_str(rec(&r, 6)->type, "REG_MULTI_SZ", "hex(7): is REG_MULTI_SZ");
	is_int(rec(&r, 6)->strings.n, 2, "hex(7): two strings");
	if (rec(&r, 6)->strings.n == 2) {
		is_str(rec(&r, 6)->strings.v[0], "TLS", "hex(7): first");
		is_str(rec(&r, 6)->strings.v[1], "\xf0\x9f\x98\x80",
		    "hex(7): surrogate pair decoded");
	}
	ok(rec(&r, 6)->text == NULL, "REG_MULTI_SZ has no text");
	is_str(rec(&r, 7)->type, "REG_NONE", "hex(0): is REG_NONE");
	is_str(rec(&r, 8)->type, "REG_TYPE_256", "hex(100): REG_TYPE_256");
	is_int(rec(&r, 9)->num, INT_NONE, "2-byte REG_DWORD: no num");
	ok(find_diag(&r, "of 2 bytes, not 4") != NULL,
	    "2-byte REG_DWORD: noted");
	done(&r);

	/* REGEDIT4 strings are ANSI (Windows-1252), not UTF-16. */
	r = parse("REGEDIT4\r\n\r\n[" SCH "]\r\n"
		  "\"X\"=hex(2):80,41,00\r\n"
		  "\"M\"=hex(7):61,00,62,63,00,00\r\n");
	is_int(r.st, PARSE_OK, "REGEDIT4: ok");
	is_str(rec(&r, 1)->text,
	    "\xe2\x82\xac"
	    "A",
	    "REGEDIT4 hex(2) is ANSI");
	is_int(rec(&r, 2)->strings.n, 2, "REGEDIT4 hex(7): two strings");
	done(&r);
}

static void
test_keys(void)
{
	struct run r;

	r = parse(HDR "[HKLM\\system\\controlset002\\Control\\SecurityProviders"
		      "\\schannel\\Ciphers\\RC4 128/128]\n"
		      "\"Enabled\"=dword:0\n"
		      "[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\"
		      "SecurityProviders\\SCHANNEL\\Hashes\\MD5]\n"
		      "[" SCH "X]\n\"Enabled\"=dword:0\n"
		      "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet1\\Control\\"
		      "SecurityProviders\\SCHANNEL]\n\"Enabled\"=dword:0\n");
	is_int(r.st, PARSE_OK, "keys: ok");
	is_int(nrec(&r), 3, "keys: 3 records under SCHANNEL");
	is_str(rec(&r, 0)->key,
	    "HKEY_LOCAL_MACHINE\\system\\CurrentControlSet\\Control\\"
	    "SecurityProviders\\schannel\\Ciphers\\RC4 128/128",
	    "root and control set normalised, other case kept");
	is_str(rec(&r, 0)->key_raw,
	    "HKLM\\system\\controlset002\\Control\\SecurityProviders\\"
	    "schannel\\Ciphers\\RC4 128/128",
	    "key_raw as written");
	is_str(rec(&r, 2)->op, "delete_key", "[-key]");
	is_str(rec(&r, 2)->name, "", "[-key] has name ''");
	is_str(rec(&r, 2)->key, SCH "\\Hashes\\MD5", "[-key] normalised");
	ok(find_diag(&r, "2 values outside 'SCHANNEL' skipped") != NULL,
	    "SCHANNELX and ControlSet1 are outside SCHANNEL");
	done(&r);

	r = parse(HDR "[FOO\\bar]\n\"Enabled\"=dword:0\n"
		      "[" SCH "\n\"Enabled\"=dword:0\n"
		      "[" SCH "]\n\"Enabled\"=dword:0\n");
	is_int(r.st, PARSE_PARTIAL, "bad key lines: partial");
	is_int(nrec(&r), 2, "bad key lines: their values skipped");
	ok(find_diag(&r, "names no registry root") != NULL, "unknown root");
	ok(find_diag(&r, "has no closing ']'") != NULL, "key cut off");
	done(&r);

	r = parse(HDR "[-" SCH "\\Protocols]\n\"Enabled\"=dword:0\n");
	is_int(r.st, PARSE_PARTIAL, "value after [-key]: partial");
	is_int(nrec(&r), 1, "value after [-key]: skipped");
	ok(find_diag(&r, "after the deletion of its key") != NULL,
	    "value after [-key]: warned");
	done(&r);
}

static void
test_damage(void)
{
	struct run r;
	const struct diag *d;

	r = parse("\"DisabledByDefault\"=dword:00000001\n"
		  "\"Enabled\"=dword:00000000\n\n"
		  "[" SCH "\\Protocols\\SSL 2.0\\Server]\n"
		  "\"Enabled\"=dword:00000000\n");
	is_int(r.st, PARSE_PARTIAL, "fragment starting mid-key: partial");
	is_int(nrec(&r), 2, "fragment: the keyed value kept");
	d = find_diag(&r, "2 values before any key line skipped");
	ok(d != NULL && d->line == 1 && d->level == DIAG_WARNING,
	    "fragment: one warning at line 1");
	d = find_diag(&r, "no 'Windows Registry Editor");
	ok(d != NULL && d->level == DIAG_NOTE, "fragment: no header noted");
	done(&r);

	r = parse(HDR "[" SCH "]\n\"M\"=hex(7):41,00,\\\n");
	is_int(r.st, PARSE_PARTIAL, "continuation missing at the end");
	is_int(nrec(&r), 1, "cut-off value dropped");
	d = find_diag(&r, "is cut off");
	ok(d != NULL && d->line == 4, "cut-off value: warned at its line");
	done(&r);

	/* The text ends inside its last line, without a newline. */
	r = parse(HDR "[" SCH "]\n\"Enabled\"=dword:0000");
	d = find_diag(&r,
	    "'Enabled' is cut off at the end of the text after "
	    "'dword:0000'");
	ok(r.st == PARSE_PARTIAL && nrec(&r) == 1 && d != NULL,
	    "a short dword at the very end is cut off, not 0");
	done(&r);
	r = parse(HDR "[" SCH "]\n\"Enabled\"=dword:00000001");
	ok(r.st == PARSE_OK && nrec(&r) == 2 && rec(&r, 1)->num == 1,
	    "a whole dword at the very end is kept");
	done(&r);
	r = parse(HDR "[" SCH "]\n\"Enabled\"=dword:1\n");
	ok(r.st == PARSE_OK && rec(&r, 1)->num == 1,
	    "a short dword on a whole line is kept");
	done(&r);
	r = parse(HDR "[" SCH "]\n\"B\"=hex:01,0");
	ok(r.st == PARSE_PARTIAL && nrec(&r) == 1,
	    "half a hex byte at the very end is cut off");
	done(&r);
	r = parse(HDR "[" SCH "]\n\"DisabledBy");
	ok(r.st == PARSE_PARTIAL &&
		find_diag(&r, "value line '\"DisabledBy' is cut off") != NULL,
	    "a value name cut at the very end");
	done(&r);
	r = parse(HDR "[" SCH "]\n[" SCH "\\Proto");
	ok(r.st == PARSE_PARTIAL && nrec(&r) == 1 &&
		find_diag(&r, "is cut off at the end of the text: skipped") !=
		    NULL,
	    "a key line cut at the very end");
	done(&r);

	r = parse(HDR "[" SCH "]\n\"M\"=hex(7):41,00,\\\n[" SCH "\\A]\n"
		      "\"Enabled\"=dword:0\n");
	is_int(nrec(&r), 3, "a key line after a lost continuation is read");
	done(&r);

	r = parse(HDR "[" SCH "]\n\"A\"=dword:0000000g\n\"B\"=dword:123456789\n"
		      "\"C\"=dwo\n\"D\"=\"open\n\"E\"=\"x\" y\n\"F\"=hex:1,,2\n"
		      "\"G\"=1\n\"H\"=hex:123\n");
	is_int(r.st, PARSE_PARTIAL, "bad data: partial");
	is_int(nrec(&r), 1, "bad data: every value skipped");
	ok(find_diag(&r, "value 'C' has unrecognised data 'dwo'") != NULL,
	    "bad data: named with its data");
	done(&r);

	r = parse(
	    HDR "[" SCH "\\A]\n\"Enabled\"=dword:0\n...\n"
		"\"Enabled\"=dword:1\n[" SCH "\\B]\n\"Enabled\"=dword:1\n");
	is_int(r.st, PARSE_PARTIAL, "elision: partial");
	is_int(nrec(&r), 4, "elision: the value after it skipped");
	ok(find_diag(&r, "elision '...'") != NULL, "elision: warned");
	done(&r);

	r = parse("C:\\Users\\admin>type schannel.reg\n" HDR "```reg\n"
		  "; IIS Crypto\n"
		  "  [" SCH "]  \n  \"Enabled\"=dword:0  \n```\n"
		  "The operation completed successfully.\n");
	is_int(r.st, PARSE_OK, "prompt, fences, comments, blanks: ok");
	is_int(nrec(&r), 2, "indented and trailing blanks read");
	ok(find_diag(&r, "header") == NULL, "header after a prompt line");
	done(&r);

	{
		static char many[64 * 1024];
		size_t n = (size_t)snprintf(many, 200, HDR "[%s]\n", SCH);

		for (int i = 0; i < 500; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			    "\"V%d\"=dword:x\n", i);
		for (int i = 0; i < 500; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			    "...\n" HDR);
		r = parse_bytes(many, n);
		ok(r.a->diags.n <= 25,
		    "500 bad values, elisions, headers: %zu "
		    "diagnostics",
		    r.a->diags.n);
		ok(find_diag(&r, "480 more problems") != NULL,
		    "the problems beyond 20 are counted");
		ok(find_diag(&r, "500 elisions") != NULL, "elisions counted");
		ok(find_diag(&r, "500 headers") != NULL, "headers counted");
		done(&r);
	}

	r = parse(HDR "[" SCH "]\nhello\nworld\n");
	d = find_diag(&r, "2 unrecognised lines skipped, the first 'hello'");
	ok(r.st == PARSE_PARTIAL && d != NULL && d->line == 4,
	    "unrecognised lines: one warning with the count");
	done(&r);
}

static void
test_hosts(void)
{
	struct run r;

	r = parse(HDR "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\"
		      "CurrentVersion]\n"
		      "\"CurrentBuildNumber\"=\"17763\"\n"
		      "\"ProductName\"=\"Windows Server 2019 Datacenter\"\n"
		      "\"CurrentBuild\"=\"17763\"\n"
		      "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\"
		      "ComputerName\\ComputerName]\n"
		      "\"ComputerName\"=\"WEB01\"\n");
	is_int(r.st, PARSE_OK, "host keys: ok");
	is_int(nrec(&r), 0, "host keys: no registry record");
	is_str(host(&r, "os_version"), "Windows Server 2019 Datacenter",
	    "ProductName is os_version");
	is_str(host(&r, "os_build"), "17763", "CurrentBuild is os_build");
	is_int(r.m->recs[REC_HOST].n, 3, "one fact each");
	is_str(host(&r, "computer"), "WEB01", "ComputerName is computer");
	done(&r);

	r = parse(HDR "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\"
		      "CurrentVersion]\n\"CurrentBuildNumber\"=\"9600\"\n");
	is_str(host(&r, "os_build"), "9600", "CurrentBuildNumber fallback");
	done(&r);
}

/* Next value of a fixed linear congruential generator. */
static unsigned long
lcg(unsigned long *s)
{
	*s = *s * 1103515245UL + 12345UL;
	return (*s >> 16) & 0x7fff;
}

static void
test_robust(void)
{
	static const char sample[] =
	    HDR "[" SCH "\\Protocols\\TLS 1.0\\Server]\r\n"
		"\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=-\r\n"
		"\"M\"=hex(7):41,00,\\\r\n  42,00,00,00,00,00\r\n"
		"@=\"a\\\\b\"\r\n[-" SCH "\\Ciphers\\NULL]\r\n";
	static const char alphabet[] = "[]\"@=-\\,:()\r\n hexdword0f7b...";
	char buf[sizeof(sample)];
	unsigned long seed = 4711;
	char *big;
	size_t n;
	struct run r;
	int survived = 0;

	for (int i = 0; i < 3000; i++) {
		memcpy(buf, sample, sizeof(sample));
		for (int k = 0; k < 1 + i % 8; k++)
			buf[lcg(&seed) % (sizeof(sample) - 1)] = i % 2 ?
			    (char)lcg(&seed) :
			    alphabet[lcg(&seed) % (sizeof(alphabet) - 1)];
		r = parse_bytes(buf, lcg(&seed) % sizeof(sample));
		survived += r.st >= PARSE_OK && r.st <= PARSE_FAILED;
		done(&r);
	}
	is_int(survived, 3000, "3000 mutated samples parsed");

	/* One 8 MiB value line, and 2 MiB of continuation lines. */
	n = 8u << 20;
	big = malloc(n + 200);
	if (big == NULL)
		abort();
	n = (size_t)snprintf(big, 200, "[%s]\n\"Big\"=\"", SCH);
	memset(big + n, 'x', 8u << 20);
	memcpy(big + n + (8u << 20), "\"\n", 2);
	r = parse_bytes(big, n + (8u << 20) + 2);
	is_int(r.st, PARSE_PARTIAL, "an 8 MiB value: partial");
	ok(find_diag(&r, "has more than") != NULL, "an 8 MiB value: warned");
	done(&r);

	n = (size_t)snprintf(big, 200, "[%s]\n\"Big\"=hex:00,\\\n", SCH);
	while (n + 32 < (2u << 20)) {
		memcpy(big + n, "  00,00,00,00,00,00,00,00,00,\\\n", 31);
		n += 31;
	}
	memcpy(big + n, "  00\n", 5);
	r = parse_bytes(big, n + 5);
	is_int(r.st, PARSE_PARTIAL, "2 MiB of hex lines: partial");
	ok(find_diag(&r, "has more than") != NULL, "2 MiB of hex: warned");
	done(&r);
	free(big);
}

int
main(void)
{
	test_failed();
	test_values();
	test_keys();
	test_damage();
	test_hosts();
	test_robust();
	return done_testing();
}
