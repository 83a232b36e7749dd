/*
 * Unit tests for the netstat parser (src/parse_netstat.c): the cases a
 * golden cannot show well (empty input, damage of every kind, limits) and
 * a crash-only pass over generated junk for the sanitizers.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parse_netstat.h"
#include "tap.h"
#include "text.h"

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
	r.a = model_add_artifact(r.m, "netstat.txt");
	r.a->kind = KIND_NETSTAT;
	text_from_bytes(&t, p, n, NULL);
	r.st = parse_netstat(r.m, r.a, &t);
	text_release(&t);
	return r;
}

static struct run
parse_str(const char *s)
{
	return parse_bytes(s, strlen(s));
}

static size_t
nsock(const struct run *r)
{
	return r->m->recs[REC_SOCKET].n;
}

static const struct sock *
sock(const struct run *r, size_t i)
{
	if (i >= nsock(r))
		return NULL;
	return r->m->recs[REC_SOCKET].v[i];
}

/* Diagnostics of `level` whose message contains `needle`. */
static size_t
ndiag(const struct run *r, enum diag_level level, const char *needle)
{
	size_t k = 0;

	for (size_t i = 0; i < r->a->diags.n; i++)
		if (r->a->diags.v[i].level == level &&
		    strstr(r->a->diags.v[i].msg, needle) != NULL)
			k++;
	return k;
}

static void
done(struct run *r)
{
	model_free(r->m);
}

static const char *
str_or(const char *s)
{
	return s != NULL ? s : "(absent)";
}

#define HDR                                                              \
	"\r\nActive Connections\r\n\r\n  Proto  Local Address          " \
	"Foreign Address        State           PID\r\n"

static void
test_empty(void)
{
	struct run r = parse_bytes("", 0);

	is_int(r.st, PARSE_FAILED, "empty input fails");
	is_int(ndiag(&r, DIAG_ERROR, "the file is empty"), 1,
	    "empty input says why");
	done(&r);

	r = parse_str("\r\n   \r\n\t\r\n");
	is_int(r.st, PARSE_FAILED, "blank lines only fail");
	done(&r);

	r = parse_str(HDR);
	is_int(r.st, PARSE_FAILED, "a header alone fails");
	is_int(ndiag(&r, DIAG_ERROR, "stops after the header"), 1,
	    "a header alone says the output was cut");
	is_int(nsock(&r), 0, "a header alone adds nothing");
	done(&r);

	r = parse_str("hello world\nthis is a letter\n");
	is_int(r.st, PARSE_FAILED, "prose fails");
	is_int(ndiag(&r, DIAG_ERROR, "not netstat output"), 1,
	    "prose is not netstat output");
	done(&r);
}

static void
test_rows(void)
{
	struct run r = parse_str(HDR
	    "  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING"
	    "       4\r\n"
	    "  TCP    [fe80::1c2d:3e4f%12]:139 [::]:0                 LISTENING"
	    "       4\r\n"
	    "  UDP    [::]:500               *:*                             "
	    "       3120\r\n");
	const struct sock *k;

	is_int(r.st, PARSE_OK, "plain rows parse ok");
	is_int(nsock(&r), 3, "three rows");
	k = sock(&r, 0);
	if (k != NULL) {
		is_str(k->proto, "TCP", "proto");
		is_str(k->local_address, "0.0.0.0", "local address");
		is_int(k->local_port, 443, "local port");
		is_str(k->remote_address, "0.0.0.0", "remote address");
		is_str(k->remote_port, "0", "remote port is text");
		is_str(k->state, "LISTENING", "state");
		is_int(k->pid, 4, "pid");
		is_int(k->r.pos.line, 5, "line of the row");
		ok(k->process == NULL && k->owner_unavailable == BOOL_NONE,
		    "no owner without -b");
	}
	k = sock(&r, 1);
	if (k != NULL)
		is_str(k->local_address, "[fe80::1c2d:3e4f%12]",
		    "IPv6 with a zone, brackets kept");
	k = sock(&r, 2);
	if (k != NULL) {
		is_str(k->proto, "UDP", "UDP row");
		ok(k->state == NULL, "UDP has no state");
		is_str(k->remote_address, "*", "UDP remote address");
		is_str(k->remote_port, "*", "UDP remote port");
		is_int(k->pid, 3120, "UDP pid");
	}
	done(&r);
}

static void
test_localised(void)
{
	struct run r = parse_str(
	    "  Proto  Indirizzo locale       Indirizzo esterno      Stato"
	    "           PID\n"
	    "  TCP    0.0.0.0:135            0.0.0.0:0              IN ASCOLTO"
	    "      1032\n"
	    "  TCP    0.0.0.0:80             0.0.0.0:0              "
	    "\xd0\x9f\xd0\xa0\xd0\x9e\xd0\xa1\xd0\x9b\xd0\xa3\xd0\xa8"
	    "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d\xd0\x98\xd0\x95   4\n");

	is_int(r.st, PARSE_OK, "localised states parse ok");
	is_int(nsock(&r), 2, "two localised rows");
	is_str(str_or(sock(&r, 0) ? sock(&r, 0)->state : NULL), "IN ASCOLTO",
	    "a state of two words is kept as written");
	is_int(sock(&r, 0) ? sock(&r, 0)->pid : 0, 1032,
	    "the PID after a two-word state");
	is_str(str_or(sock(&r, 1) ? sock(&r, 1)->state : NULL),
	    "\xd0\x9f\xd0\xa0\xd0\x9e\xd0\xa1\xd0\x9b\xd0\xa3\xd0\xa8\xd0\x98"
	    "\xd0\x92\xd0\x90\xd0\x9d\xd0\x98\xd0\x95",
	    "a Cyrillic state is kept");
	done(&r);
}

static void
test_damage(void)
{
	struct run r;
	const char *elided;

	r = parse_str(HDR "  TCP    0.0.0.0:80             0.0.0.0:0"
			  "              LISTENING       4\r\n"
			  "  TCP    0.0.0.0:443            0.0.0.0:0"
			  "              LISTENING\r\n");
	is_int(r.st, PARSE_PARTIAL, "a row without its PID makes partial");
	is_int(nsock(&r), 1, "the row without its PID is skipped");
	is_int(ndiag(&r, DIAG_WARNING, "without its PID"), 1, "and reported");
	done(&r);

	/* no header: the first row says a PID column exists */
	r = parse_str("  TCP    0.0.0.0:80     0.0.0.0:0   LISTENING   4\n"
		      "  TCP    0.0.0.0:81     0.0.0.0:0   LISTENING\n");
	is_int(nsock(&r), 1, "a PID column learnt from the rows");
	done(&r);

	r = parse_str(
	    "  Proto  Local Address          Foreign Address  State\n"
	    "  TCP    0.0.0.0:135            0.0.0.0:0        LISTENING\n"
	    "  TCP    0.0.0.0:445            0.0.0.0:0        LISTEN");
	is_int(r.st, PARSE_PARTIAL, "a state cut short makes partial");
	is_int(nsock(&r), 1, "the cut row is skipped");
	is_int(ndiag(&r, DIAG_WARNING, "cut off"), 1, "and called cut off");
	done(&r);

	r = parse_str("  TCP    10.0.0.5:50412     52.113.19");
	is_int(r.st, PARSE_FAILED, "a lone cut row fails");
	is_int(ndiag(&r, DIAG_ERROR, "every socket row is damaged"), 1,
	    "and says every row was damaged");
	done(&r);

	r = parse_str("  TCP    10.0.0:80     0.0.0.0:0   LISTENING   4\n"
		      "  TCP    [fe80::1:80   [::]:0      LISTENING   4\n"
		      "  TCP    0.0.0.0:99999 0.0.0.0:0   LISTENING   4\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING 4 7 9\n"
		      "  UDP    0.0.0.0:123   *:*         LISTENING   4\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   4\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   "
		      "12345678901\n"
		      "  TCP    0.0.0.0:80\n");
	is_int(nsock(&r), 0, "bad addresses, ports and columns are rejected");
	is_int(ndiag(&r, DIAG_WARNING, "damaged row skipped ("), 5,
	    "five damaged rows listed one by one");
	is_int(ndiag(&r, DIAG_WARNING, "3 more damaged rows"), 1,
	    "the rest summed up");
	done(&r);

	elided = "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\n"
		 "[...]\n"
		 " [svchost.exe]\n"
		 "  TCP    0.0.0.0:81    0.0.0.0:0   LISTENING   4\n"
		 "...\n"
		 "  TCP    0.0.0.0:82    0.0.0.0:0   LISTENING   4\n"
		 " [\xe2\x80\xa6]\n"
		 "<snip>\n"
		 "-- snip --\n";
	r = parse_str(elided);
	is_int(r.st, PARSE_PARTIAL, "elisions make partial");
	is_int(nsock(&r), 3, "rows around elisions are kept");
	is_int(ndiag(&r, DIAG_WARNING, "elision"), 5, "each elision reported");
	is_int(ndiag(&r, DIAG_WARNING, "owner line"), 0,
	    "an owner line after an elision belongs to the elided row");
	done(&r);

	r = parse_str(" [svchost.exe]\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\n"
		      " [a.exe]\n"
		      " [b.exe]\n");
	is_int(r.st, PARSE_PARTIAL, "owner lines without a row make partial");
	is_int(ndiag(&r, DIAG_WARNING, "without a socket row"), 2,
	    "orphan and second owner lines reported");
	is_str(str_or(sock(&r, 0) ? sock(&r, 0)->process : NULL), "a.exe",
	    "the first owner line wins");
	done(&r);

	r = parse_str(HDR "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\r\n"
			  "^C\r\n");
	is_int(r.st, PARSE_PARTIAL, "^C makes partial");
	done(&r);

	r = parse_str(HDR "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\r\n"
			  "some words nobody expects\r\n");
	is_int(r.st, PARSE_PARTIAL, "an unknown line after rows is damage");
	is_int(ndiag(&r, DIAG_WARNING, "unrecognised line"), 1,
	    "and is reported");
	done(&r);
}

static void
test_noise(void)
{
	struct run r;

	r = parse_str("C:\\Users\\x>ipconfig\n"
		      "Windows IP Configuration\n"
		      "   IPv4 Address. . . . . . . . . . . : 10.0.0.5\n"
		      "\n"
		      "C:\\Users\\x>netstat -ano\n"
		      "\n"
		      "Active Connections\n"
		      "\n"
		      "  Proto  Local Address          Foreign Address        "
		      "State           PID\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\n"
		      "\n"
		      "C:\\Users\\x>netstat -s\n"
		      "IPv4 Statistics\n"
		      "  Packets Received                   = 123\n"
		      "C:\\Users\\x>\n");
	is_int(r.st, PARSE_OK, "other commands' output is not damage");
	is_int(nsock(&r), 1, "rows of the netstat run only");
	is_int(ndiag(&r, DIAG_NOTE, "output of 'ipconfig' skipped"), 1,
	    "another command's output is noted once");
	is_int(ndiag(&r, DIAG_NOTE, "output of 'netstat -s' skipped"), 1,
	    "netstat statistics are not a listing");
	done(&r);

	r = parse_str("PS C:\\> NETSTAT.EXE -ano  | findstr.exe  80\n"
		      "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\n"
		      "  TCP    0.0.0.0:8080  0.0.0.0:0   LISTENING\n");
	is_int(nsock(&r), 1, "-o in the command: a row without PID is cut");
	is_int(ndiag(&r, DIAG_NOTE, "filtered with 'findstr.exe  80'"), 1,
	    "the filter is noted");
	done(&r);

	r = parse_str(HDR "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\r\n"
			  "-- More  --\r\n"
			  "-- More (42%) --  TCP    0.0.0.0:81    0.0.0.0:0   "
			  "LISTENING   4\r\n");
	is_int(r.st, PARSE_OK, "pager prompts between rows are not damage");
	is_int(nsock(&r), 2, "a row after a pager prompt on its line");
	done(&r);

	r = parse_str(HDR "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\r\n"
			  "-- More  --\r\n"
			  "C:\\>\r\n");
	is_int(r.st, PARSE_PARTIAL, "a paste ending at a pager prompt");
	is_int(ndiag(&r, DIAG_WARNING, "pager prompt"), 1, "says so");
	done(&r);

	r = parse_str("  TCP\xc2\xa0\xc2\xa0 0.0.0.0:80\xc2\xa0 0.0.0.0:0 \t "
		      "LISTENING\xc2\xa0 4\xc2\xa0\n");
	is_int(r.st, PARSE_OK, "no-break spaces are blanks");
	ok(nsock(&r) == 1 && sock(&r, 0)->pid == 4 &&
		strcmp(sock(&r, 0)->state, "LISTENING") == 0,
	    "a row with no-break spaces");
	done(&r);

	r = parse_str(
	    "TCP 10.156.128.220:56881 wv-in-f154:https TIME_WAIT  "
	    "TCP 10.156.128.220:56886 183:https ESTABLISHED\n"
	    "  TCP    10.10.11.16:139   0.0.0.0:0   LISTENING   InHost\n");
	is_int(r.st, PARSE_OK, "merged rows and -t: ok");
	is_int(nsock(&r), 3, "three rows");
	is_int(ndiag(&r, DIAG_NOTE, "run together"), 1,
	    "merged rows are noted");
	is_str(str_or(sock(&r, 1) ? sock(&r, 1)->remote_address : NULL), "183",
	    "a numeric name from a reverse lookup");
	is_str(str_or(sock(&r, 2) ? sock(&r, 2)->state : NULL), "LISTENING",
	    "the -t offload state is dropped");
	done(&r);

	r = parse_str("The requested operation requires elevation.\n");
	is_int(r.st, PARSE_FAILED, "refused -b fails");
	is_int(ndiag(&r, DIAG_ERROR, "refused without elevation"), 1,
	    "and says why");
	done(&r);
}

static void
test_owners(void)
{
	struct run r;
	const struct sock *k;

	r = parse_str(
	    "C:\\>netstat -anob\n" HDR
	    "  TCP    0.0.0.0:80    0.0.0.0:0   LISTENING   4\n"
	    " Can not obtain ownership information\n"
	    "  TCP    0.0.0.0:135   0.0.0.0:0   LISTENING   884\n"
	    "  RpcSs\n"
	    " [svchost.exe]\n"
	    "  TCP    0.0.0.0:445   0.0.0.0:0   LISTENING   4\n"
	    " \xe6\x97\xa0\xe6\xb3\x95\xe8\x8e\xb7\xe5\x8f\x96\xe6\x89"
	    "\x80\xe6\x9c\x89\xe6\x9d\x83\xe4\xbf\xa1\xe6\x81\xaf\n"
	    "  TCP    0.0.0.0:446   0.0.0.0:0   LISTENING   4\n"
	    " Besitzinformationen nicht abrufbar\n"
	    "  TCP    0.0.0.0:447   0.0.0.0:0   LISTENING   5\n"
	    "  W3SVC\n");
	is_int(nsock(&r), 5, "five rows with owners");
	k = sock(&r, 0);
	ok(k != NULL && k->owner_unavailable == 1 && k->process == NULL,
	    "Can not obtain ownership information");
	k = sock(&r, 1);
	ok(k != NULL && k->owner_unavailable == 0 && k->process != NULL &&
		strcmp(k->process, "svchost.exe") == 0 &&
		k->component != NULL && strcmp(k->component, "RpcSs") == 0,
	    "service and process");
	k = sock(&r, 2);
	ok(k != NULL && k->owner_unavailable == 1,
	    "the Chinese ownership message");
	k = sock(&r, 3);
	ok(k != NULL && k->owner_unavailable == 1,
	    "an unknown one-blank owner line is the ownership message");
	is_int(ndiag(&r, DIAG_NOTE, "read as 'Can not obtain"), 1,
	    "and that guess is noted");
	k = sock(&r, 4);
	ok(k != NULL && k->component != NULL &&
		strcmp(k->component, "W3SVC") == 0 && k->process == NULL,
	    "a service line without its [exe] line is kept");
	is_int(r.st, PARSE_PARTIAL, "the lost [exe] line makes partial");
	done(&r);

	/* a console copy with a blank line after every line */
	r = parse_str("C:\\>netstat -anob\n\n" HDR "\n"
		      "  TCP    0.0.0.0:135   0.0.0.0:0   LISTENING   884\n  \n"
		      "  RpcSs\n  \n"
		      " [svchost.exe]\n  \n");
	k = sock(&r, 0);
	is_int(r.st, PARSE_OK, "a double-spaced -b paste is ok");
	ok(k != NULL && k->component != NULL && k->process != NULL &&
		strcmp(k->component, "RpcSs") == 0,
	    "its service and process lines are read");
	done(&r);
}

static void
test_names(void)
{
	struct run r = parse_str(
	    "  Proto  Local Address          Foreign Address        State\n"
	    "  TCP    0.0.0.0:135            orion:0                LISTENING\n"
	    "  TCP    0.0.0.0:445            other:0                LISTENING\n"
	    "  TCP    10.0.0.5:50100         dc01:ldap              "
	    "ESTABLISHED\n"
	    "  TCP    mypc:epmap             mypc:0                 "
	    "LISTENING\n");
	const struct recvec *hosts = &r.m->recs[REC_HOST];
	const struct host_fact *h;

	is_int(r.st, PARSE_OK, "names instead of numbers parse ok");
	is_int(nsock(&r), 4, "four rows with names");
	is_int(hosts->n, 1, "one computer name");
	h = hosts->n > 0 ? hosts->v[0] : NULL;
	ok(h != NULL && strcmp(h->name, "computer") == 0 &&
		strcmp(h->value, "orion") == 0,
	    "the computer name from a listener's foreign address");
	is_str(str_or(sock(&r, 2) ? sock(&r, 2)->remote_port : NULL), "ldap",
	    "a service name as remote port");
	ok(sock(&r, 3) != NULL && sock(&r, 3)->local_port == INT_NONE,
	    "a service name as local port leaves local_port absent");
	is_int(ndiag(&r, DIAG_NOTE, "named by service"), 1, "and is noted");
	done(&r);
}

static void
test_utf16(void)
{
	static const char row[] = "\r\n  TCP    0.0.0.0:443    0.0.0.0:0    "
				  "LISTENING    4\r\n";
	unsigned char buf[2 + 2 * sizeof(row)];
	size_t n = 0;
	struct run r;

	buf[n++] = 0xff;
	buf[n++] = 0xfe;
	for (size_t i = 0; row[i] != '\0'; i++) {
		buf[n++] = (unsigned char)row[i];
		buf[n++] = 0;
	}
	r = parse_bytes(buf, n);
	is_int(r.st, PARSE_OK, "UTF-16LE with a BOM");
	ok(nsock(&r) == 1 && sock(&r, 0)->local_port == 443 &&
		sock(&r, 0)->r.pos.line == 2,
	    "a UTF-16 row, with its original line number");
	done(&r);
}

/* Big inputs: a long line and many rows stay linear and bounded. */
static void
test_big(void)
{
	size_t n = 8u << 20, rows = 100000, len;
	char *p = malloc(n + 1);
	struct run r;
	static const char row[] =
	    "  TCP    10.0.0.5:50412     52.113.194.13:443      ESTABLISHED"
	    "     4\n";

	if (p == NULL)
		abort();
	memset(p, 'A', n);
	memcpy(p, "  TCP ", 6);
	r = parse_bytes(p, n);
	is_int(r.st, PARSE_FAILED, "one 8 MiB line is no row");
	done(&r);

	memset(p, '[', n);
	r = parse_bytes(p, n);
	is_int(r.st, PARSE_FAILED, "8 MiB of brackets");
	done(&r);

	len = strlen(row);
	for (size_t i = 0; i < rows; i++)
		memcpy(p + i * len, row, len);
	r = parse_bytes(p, rows * len);
	is_int(r.st, PARSE_OK, "100000 rows");
	is_int(nsock(&r), rows, "100000 records");
	done(&r);

	for (size_t i = 0; i < rows; i++)
		memcpy(p + i * len, "garbage\n", 8);
	r = parse_bytes(p, rows * 8);
	ok(r.a->diags.n <= 10, "100000 bad lines give a few diagnostics");
	done(&r);
	free(p);
}

/*
 * Lines built from netstat's own pieces, shuffled: nothing checked but
 * that the parser neither crashes nor trips a sanitizer.
 */
static void
test_junk(void)
{
	static const char *const bits[] = { "  TCP ", "UDP", " ", "  ",
		"0.0.0.0:443", "[::]:0", "*:*", "[", "]", ":", "LISTENING", "4",
		"99999999999", " [svchost.exe]", "  RpcSs",
		" Can not obtain ownership information", "[...]", "-- More  --",
		"C:\\>netstat -anob | findstr 443", "PS C:\\>", "\n", "\r\n",
		"\xc2\xa0", "\xef\xbf\xbd", "Active Connections", "PID",
		"Proto", "^C", "...", "orion:https", "\t" };
	unsigned long seed = 12345;
	char buf[4096];

	for (int iter = 0; iter < 3000; iter++) {
		size_t n = 0;
		struct run r;

		while (n < sizeof(buf) - 64) {
			const char *b;

			seed = seed * 6364136223846793005ULL + 1;
			b = bits[(seed >> 33) % ARRAY_SIZE(bits)];
			if ((seed >> 20) % 97 == 0)
				break;
			memcpy(buf + n, b, strlen(b));
			n += strlen(b);
		}
		r = parse_bytes(buf, n);
		done(&r);
	}
	ok(1, "3000 junk inputs parsed without a crash");
}

int
main(void)
{
	test_empty();
	test_rows();
	test_localised();
	test_damage();
	test_noise();
	test_owners();
	test_names();
	test_utf16();
	test_big();
	test_junk();
	return done_testing();
}
