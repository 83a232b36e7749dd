/*
 * libFuzzer harness for the .evtx reader (src/parse_evtx.c, src/evtx.c and
 * through them libevtx): the input is a log's file header followed by
 * chunks, read as a stream the way a file of a bundle is, once with the
 * default filter (the quick count of libevtx's record values) and once
 * keeping every event (libevtx's XML rendering through libxml2), and the
 * model printed as JSON.
 *
 * A log is at least 4096 + 65536 bytes, more than libFuzzer likes to
 * mutate, so an input shorter than that is taken as the start of a log and
 * padded with zeros to one chunk (zeros are what Windows leaves in unused
 * space).  libevtx itself is not built with sanitizers: what this finds in
 * it are crashes, hangs and runaway allocations, not silent overreads.
 *
 * sslsift bounds what libevtx may allocate with a data limit (evtx.c),
 * which AddressSanitizer's allocator cannot live under; here the same
 * bound is ASan's own: an allocation over 512 MiB fails (returns NULL)
 * instead of stopping the fuzzer, as it fails in sslsift.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "evtx.h"
#include "model_json.h"
#include "parse.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1:max_allocation_size_mb=512";
}

static void
one(const uint8_t *p, size_t n, const struct evfilter *keep)
{
	struct model *m = model_new("fuzz");
	struct artifact *a = model_add_artifact(m, "input.evtx");
	struct parse_opts po = { (size_t)8 << 20, keep };
	struct memstream ms;
	struct json *j;
	char *s;

	a->kind = KIND_EVTX;
	memstream_init(&ms, p, n);
	a->status = parse_binary_artifact(m, a, &ms.s, NULL, &po);
	model_finish(m);
	j = model_json_dump(m, false);
	s = json_print(j, false);
	free(s);
	json_free(j);
	model_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const size_t min = EVTX_HEADER_SIZE + EVTX_CHUNK_SIZE;
	struct evfilter all;
	uint8_t *p = NULL;
	size_t n = size;

	if (size < min) {
		p = calloc(1, min);
		if (p == NULL)
			return 0;
		memcpy(p, data, size);
		n = min;
	}
	evfilter_init(&all);
	all.keep_all = true;
	one(p != NULL ? p : data, n, NULL);
	one(p != NULL ? p : data, n, &all);
	evfilter_release(&all);
	free(p);
	return 0;
}
