/*
 * libFuzzer harness for one parser, chosen at build time with
 * -DFUZZ_KIND=KIND_NETSH (and so on): the input is decoded as a file of that
 * kind would be, handed to the parser through the normal dispatch, and the
 * resulting model printed as JSON.
 */
#include "compat.h"

#include <stdlib.h>

#include "model_json.h"
#include "parse.h"
#include "text.h"

#ifndef FUZZ_KIND
#error "build with -DFUZZ_KIND=KIND_<kind>"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m = model_new("fuzz");
	struct artifact *a = model_add_artifact(m, "input");
	struct parse_opts po = { (size_t)8 << 20, NULL };
	struct text_format f = text_detect(data, size);
	struct memstream ms;
	struct textstream ts;
	struct json *j;
	char *s;

	if (f.enc == TEXT_BINARY)
		f.enc = TEXT_UTF8;
	a->kind = FUZZ_KIND;
	memstream_init(&ms, data, size);
	textstream_init(&ts, &ms.s, f);
	a->status = parse_text_artifact(m, a, &ts.s, &po);
	textstream_release(&ts);
	model_finish(m);
	j = model_json_dump(m, false);
	s = json_print(j, false);
	free(s);
	json_free(j);
	model_free(m);
	return 0;
}
