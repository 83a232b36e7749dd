/* Unit tests for text decoding (src/text.c). */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"

struct dec_result {
	char *out;
	size_t len;
	struct decoder d;
};

/* Decode `n` bytes in chunks of `chunk` bytes (0: all at once). */
static struct dec_result
decode(const char *in, size_t n, size_t chunk)
{
	struct dec_result r;
	struct buf b;
	struct text_format f = text_detect((const unsigned char *)in, n);

	if (f.enc == TEXT_BINARY)
		f.enc = TEXT_UTF8;
	decoder_init(&r.d, f);
	buf_init(&b, 1 << 20);
	if (chunk == 0)
		chunk = n ? n : 1;
	for (size_t i = 0; i < n; i += chunk) {
		size_t k = n - i < chunk ? n - i : chunk;

		if (decoder_feed(&r.d, (const unsigned char *)in + i, k, &b) <
		    0)
			abort();
	}
	if (decoder_finish(&r.d, &b) < 0)
		abort();
	r.out = buf_detach(&b, &r.len);
	return r;
}

static void
check(const char *name, const char *in, size_t n, const char *want,
    const char *enc, const char *nl)
{
	for (size_t chunk = 0; chunk <= 3; chunk++) {
		struct dec_result r = decode(in, n, chunk);

		if (chunk == 0) {
			is_str(r.out, want, "%s: output", name);
			is_str(text_format_name(r.d.fmt), enc, "%s: encoding",
			    name);
			is_str(decoder_newline_name(&r.d), nl, "%s: newline",
			    name);
		} else {
			is_str(r.out, want, "%s: output in %zu-byte chunks",
			    name, chunk);
		}
		free(r.out);
	}
}

#define CHECK(name, lit, want, enc, nl) \
	check(name, lit, sizeof(lit) - 1, want, enc, nl)

static void
test_decoding(void)
{
	CHECK("ascii lf", "a\nb\n", "a\nb\n", "utf-8", "lf");
	CHECK("utf-8 bom crlf",
	    "\xef\xbb\xbf"
	    "a\r\nb\r\n",
	    "a\nb\n", "utf-8-bom", "crlf");
	CHECK("bare cr", "a\rb\r", "a\nb\n", "utf-8", "cr");
	CHECK("mixed newlines", "a\r\nb\nc\rd", "a\nb\nc\nd", "utf-8", "mixed");
	CHECK("no newline", "abc", "abc", "utf-8", "none");
	CHECK("utf-16le bom",
	    "\xff\xfe"
	    "a\0\r\0\n\0b\0",
	    "a\nb", "utf-16le-bom", "crlf");
	CHECK("utf-16be bom", "\xfe\xff\0a\0\r\0\n\0b", "a\nb", "utf-16be-bom",
	    "crlf");
	CHECK("utf-16le without bom",
	    "N\0e\0t\0s\0h\0 \0o\0u\0t\0p\0u\0t\0\r\0\n\0", "Netsh output\n",
	    "utf-16le", "crlf");
	CHECK("utf-16le surrogate pair", "\xff\xfe\x3d\xd8\x00\xde",
	    "\xf0\x9f\x98\x80", "utf-16le-bom", "none");
	CHECK("utf-16le lone high surrogate",
	    "\xff\xfe\x3d\xd8"
	    "a\0",
	    "\xef\xbf\xbd"
	    "a",
	    "utf-16le-bom", "none");
	CHECK("utf-16le lone low surrogate",
	    "\xff\xfe\x00\xde"
	    "a\0",
	    "\xef\xbf\xbd"
	    "a",
	    "utf-16le-bom", "none");
	CHECK("utf-16le odd byte count",
	    "\xff\xfe"
	    "a\0b",
	    "a\xef\xbf\xbd", "utf-16le-bom", "none");
	CHECK("utf-8 multibyte",
	    "Zertifikat f\xc3\xbcr \xe8\xaf\x81\xe4\xb9\xa6",
	    "Zertifikat f\xc3\xbcr \xe8\xaf\x81\xe4\xb9\xa6", "utf-8", "none");
	CHECK("invalid lead byte",
	    "a\xff"
	    "b",
	    "a\xef\xbf\xbd"
	    "b",
	    "utf-8", "none");
	CHECK("overlong", "\xc0\x80x", "\xef\xbf\xbd\xef\xbf\xbdx", "utf-8",
	    "none");
	CHECK("utf-8 encoded surrogate", "\xed\xa0\x80x",
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx", "utf-8", "none");
	CHECK("truncated sequence at end", "ab\xe8\xaf", "ab\xef\xbf\xbd",
	    "utf-8", "none");
	CHECK("truncated sequence before newline", "a\xe8\n", "a\xef\xbf\xbd\n",
	    "utf-8", "lf");
	CHECK("cr before multibyte", "a\r\xc3\xbc", "a\n\xc3\xbc", "utf-8",
	    "cr");
}

static void
test_damage_reports(void)
{
	struct dec_result r;
	struct diag_list dl = DIAG_LIST_INIT;

	r = decode("line1\nli\xffne2\n\xfe", 14, 0);
	is_int(r.d.n_invalid, 2, "two invalid bytes counted");
	is_int(r.d.first_invalid_line, 2, "first invalid byte on line 2");
	decoder_report(&r.d, &dl);
	ok(dl.n == 1 && strstr(dl.v[0].msg, "invalid UTF-8") != NULL,
	    "one diagnostic for invalid UTF-8");
	is_int(dl.v[0].line, 2, "diagnostic names line 2");
	free(r.out);
	diag_list_release(&dl);

	r = decode("abcdefgh\0ij\nkl\0mnop", 19, 0);
	is_str(r.out,
	    "abcdefgh\xef\xbf\xbd"
	    "ij\nkl\xef\xbf\xbd"
	    "mnop",
	    "NUL bytes become U+FFFD");
	is_int(r.d.n_nul, 2, "NUL bytes counted");
	free(r.out);

	r = decode("\xff\xfe"
		   "a\0\n\0b",
	    7, 0);
	decoder_report(&r.d, &dl);
	ok(r.d.odd_tail, "odd UTF-16 byte count noticed");
	ok(dl.n == 1 && strstr(dl.v[0].msg, "truncated UTF-16") != NULL,
	    "odd byte count reported once");
	is_int(dl.v[0].line, 2, "truncation reported on the last line");
	free(r.out);
	diag_list_release(&dl);
}

static void
test_detection(void)
{
	const unsigned char bin[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0 };
	const char cjk16[] = "\x3b\x6d\xa8\x52\xde\x8f\xa5\x63\x0d\x00\x0a\x00"
			     "\x20\x00\x20\x00";

	is_int(text_detect(bin, sizeof(bin)).enc, TEXT_BINARY,
	    "an ELF header is binary");
	is_int(text_detect((const unsigned char *)cjk16, 16).enc, TEXT_UTF16LE,
	    "BOM-less UTF-16LE CJK with spaces and CRLF");
	is_int(text_detect((const unsigned char *)"", 0).enc, TEXT_UTF8,
	    "empty input counts as UTF-8");
	is_int(text_detect((const unsigned char *)"plain\tascii\f", 12).enc,
	    TEXT_UTF8, "tabs and form feeds are text");
}

static void
test_lines(void)
{
	struct text t;
	struct line_iter it;
	struct line ln;
	int n = 0;

	text_from_bytes(&t, "one\r\n\r\nthree", 12, NULL);
	line_iter_init(&it, &t);
	while (line_next(&it, &ln)) {
		n++;
		if (n == 1)
			ok(ln.len == 3 && memcmp(ln.s, "one", 3) == 0 &&
				ln.no == 1,
			    "line 1 is 'one'");
		if (n == 2)
			ok(ln.len == 0 && ln.no == 2, "line 2 is empty");
		if (n == 3)
			ok(ln.len == 5 && ln.no == 3, "line 3 has no newline");
	}
	is_int(n, 3, "three lines");
	text_release(&t);
}

static void
test_text_read_cap(void)
{
	struct memstream ms;
	struct text t;
	const char *in = "aaaa\nbbbb\ncccc\n";

	memstream_init(&ms, in, strlen(in));
	ok(text_read(&t, &ms.s, 12) == 0, "capped read succeeds");
	ok(t.truncated, "capped read says it is truncated");
	is_str(t.data, "aaaa\nbbbb\n", "only whole lines are kept");
	text_release(&t);

	memstream_init(&ms, in, strlen(in));
	ok(text_read(&t, &ms.s, 1000) == 0 && !t.truncated,
	    "read under the cap is complete");
	is_str(t.data, in, "read under the cap keeps everything");
	text_release(&t);
}

static void
test_textstream(void)
{
	const char in[] = "\xff\xfe"
			  "x\0\r\0\n\0y\0";
	struct memstream ms;
	struct textstream ts;
	char out[16];
	long n;

	memstream_init(&ms, in, sizeof(in) - 1);
	textstream_init(&ts, &ms.s, text_detect((const unsigned char *)in, 8));
	n = stream_read_full(&ts.s, out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	is_str(out, "x\ny", "textstream decodes UTF-16 on the fly");
	is_str(decoder_newline_name(&ts.dec), "crlf",
	    "textstream tracks newlines");
	textstream_release(&ts);
}

int
main(void)
{
	test_decoding();
	test_damage_reports();
	test_detection();
	test_lines();
	test_text_read_cap();
	test_textstream();
	return done_testing();
}
