/* Unit tests for the small utilities: strparse, addr, rx, buf, escape. */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "buf.h"
#include "escape.h"
#include "model.h"
#include "rx.h"
#include "strparse.h"
#include "tap.h"

static void
test_sizes(void)
{
	uint64_t v = 0;

	ok(str_to_size("512", &v) && v == 512, "plain size");
	ok(str_to_size("64K", &v) && v == 65536, "K suffix");
	ok(str_to_size("16MiB", &v) && v == 16777216, "MiB suffix");
	ok(str_to_size("4g", &v) && v == 4294967296ULL, "g suffix");
	ok(!str_to_size("12Q", &v), "bad suffix rejected");
	ok(!str_to_size("", &v), "empty rejected");
	ok(!str_to_size("99999999999999999999", &v), "overflow rejected");
	ok(!str_to_size("17179869184T", &v), "shift overflow rejected");
}

static void
test_numbers(void)
{
	long long ll = 0;
	unsigned long long ull = 0;

	ok(str_to_ll("-2146893802", &ll) && ll == -2146893802LL,
	    "negative number");
	ok(str_to_ull("18446744073709551615", &ull) && ull == ~0ULL,
	    "largest unsigned");
	ok(!str_to_ull("18446744073709551616", &ull), "unsigned overflow");
	ok(!str_to_ll("12a", &ll), "trailing garbage rejected");
}

static void
test_hex(void)
{
	char out[41];

	is_int(str_norm_hex("7f d8 5C", 8, out, sizeof(out)), 6,
	    "spaced hex normalised");
	is_str(out, "7fd85c", "spaced hex lowercased");
	is_int(str_norm_hex("af459df0g", 9, out, sizeof(out)), -1,
	    "non-hex rejected");
	is_int(str_norm_hex("0123456789012345678901234567890123456789ab", 42,
		   out, sizeof(out)),
	    -1, "too long for the buffer");
}

static void
test_prompts(void)
{
	const char *a = "C:\\Users\\Administrator>netsh http show sslcert";
	const char *b = "PS C:\\inetpub\\drupal-7.54>netstat -ano";
	const char *c = "*Evil-WinRM* PS C:\\Users\\Ryan.K> certutil -Store My";
	const char *d = "    IP:port                      : 0.0.0.0:443";

	is_int(str_prompt_len(a, strlen(a)), 23, "cmd.exe prompt");
	is_int(str_prompt_len(b, strlen(b)), 26, "PowerShell prompt");
	is_int(str_prompt_len(c, strlen(c)), 33, "Evil-WinRM prompt");
	is_int(str_prompt_len(d, strlen(d)), 0, "a field is no prompt");
}

static void
test_addr(void)
{
	struct hostport hp;

	ok(addr_split("0.0.0.0:443", 11, &hp) && hp.hostlen == 7 &&
		hp.port == 443,
	    "IPv4 endpoint");
	ok(addr_split("[::]:443", 8, &hp) && hp.hostlen == 4 && hp.port == 443,
	    "IPv6 endpoint");
	ok(addr_split("*:*", 3, &hp) && hp.star_port && hp.port == INT_NONE,
	    "netstat UDP wildcard");
	ok(addr_split("www.contoso.com:443", 19, &hp) && hp.hostlen == 15,
	    "host name endpoint");
	ok(!addr_split("0.0.0.0:99999", 13, &hp), "port out of range");
	ok(!addr_split("[::1]", 5, &hp), "no port");
	ok(addr_is_ipv4("10.0.0.5", 8), "IPv4 address");
	ok(!addr_is_ipv4("10.0.0.256", 10), "octet out of range");
	ok(!addr_is_ipv4("10.0.0", 6), "three octets");
	ok(addr_is_ipv6("[fe80::1%4]", 11), "bracketed IPv6 with zone");
	ok(!addr_is_ipv6("[zz::1]", 7), "bad IPv6");
}

static void
test_rx(void)
{
	char err[200];
	struct rx *rx = rx_compile("^\\s*(?<label>[^:]+?)\\s*:\\s*(.*)$", 0,
	    err, sizeof(err));
	struct rx_match m;
	const char *s = "    Certificate Hash             : abc";
	const char *p;
	size_t n;

	ok(rx != NULL, "pattern compiles");
	is_int(rx_match(rx, s, strlen(s), 0, &m), 1, "pattern matches");
	ok(rx_group(&m, rx_group_index(rx, "label"), s, &p, &n) && n == 16 &&
		memcmp(p, "Certificate Hash", 16) == 0,
	    "named group");
	ok(rx_group(&m, 2, s, &p, &n) && n == 3, "numbered group");
	rx_free(rx);
	ok(rx_compile("(unclosed", 0, err, sizeof(err)) == NULL &&
		strstr(err, "offset") != NULL,
	    "a bad pattern is reported with its offset");

	/* Catastrophic backtracking stops at the limit instead of hanging. */
	rx = rx_compile("^(a+)+$", 0, err, sizeof(err));
	{
		char *bad = malloc(4096);

		memset(bad, 'a', 4094);
		bad[4094] = 'b';
		bad[4095] = '\0';
		is_int(rx_match(rx, bad, 4095, 0, NULL), -1,
		    "backtracking bomb hits the match limit");
		free(bad);
	}
	rx_free(rx);
}

static void
test_buf_escape(void)
{
	struct buf b;

	buf_init(&b, 8);
	ok(buf_addstr(&b, "12345678") == 0, "fill to the cap");
	ok(buf_addc(&b, 'x') < 0, "one more byte is refused");
	is_str(buf_str(&b), "12345678", "contents kept at the cap");
	buf_release(&b);

	buf_init(&b, 1024);
	ok(esc_text(&b,
	       "a\033]0;t\007b\\c\xc2\x9b"
	       "d\xc3\xa9") == 0,
	    "escape");
	is_str(buf_str(&b), "a\\x1b]0;t\\x07b\\\\c\\x9bd\xc3\xa9",
	    "C0, C1 and backslash escaped, other UTF-8 kept");
	buf_release(&b);
}

int
main(void)
{
	test_sizes();
	test_numbers();
	test_hex();
	test_prompts();
	test_addr();
	test_rx();
	test_buf_escape();
	return done_testing();
}
