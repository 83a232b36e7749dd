/*
 * libFuzzer harness for text decoding (src/text.c): detection, decoding in
 * one piece and in small chunks (which must agree byte for byte), line
 * iteration, and the decoded stream.  The output must always be valid
 * UTF-8 without NUL bytes.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_utf8(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

		if (c == 0 || (c >= 0x80 && c < 0xC2) || c > 0xF4 || i + k > n)
			abort();
		for (size_t j = 1; j < k; j++)
			if (((unsigned char)p[i + j] & 0xC0) != 0x80)
				abort();
		i += k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct text whole;
	struct line_iter it;
	struct line ln;
	struct text_format f = text_detect(data, size);
	struct decoder d;
	struct buf b;
	size_t chunk = size > 0 ? (size_t)(data[0] % 7) + 1 : 1;
	unsigned long lines = 0, nl = 0;

	text_from_bytes(&whole, data, size, &dl);
	check_utf8(whole.data, whole.len);
	line_iter_init(&it, &whole);
	while (line_next(&it, &ln))
		lines++;
	for (size_t i = 0; i < whole.len; i++)
		nl += whole.data[i] == '\n';
	if (lines != nl + (whole.len > 0 && whole.data[whole.len - 1] != '\n'))
		abort();

	/* The same bytes fed in small chunks decode identically. */
	if (f.enc == TEXT_BINARY)
		f.enc = TEXT_UTF8;
	decoder_init(&d, f);
	buf_init(&b, SIZE_MAX / 2);
	for (size_t i = 0; i < size; i += chunk)
		if (decoder_feed(&d, data + i,
			size - i < chunk ? size - i : chunk, &b) < 0)
			abort();
	if (decoder_finish(&d, &b) < 0)
		abort();
	if (b.len != whole.len || memcmp(buf_str(&b), whole.data, b.len) != 0)
		abort();
	buf_release(&b);
	text_release(&whole);
	diag_list_release(&dl);
	return 0;
}
