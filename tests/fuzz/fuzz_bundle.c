/*
 * libFuzzer harness for bundle intake (src/bundle.c, src/arc.c): the input
 * is a whole bundle in memory, an archive or a single file, read with small
 * limits, parsed by every parser it reaches, and printed as JSON.
 */
#include "compat.h"

#include <stdlib.h>

#include "bundle.h"
#include "model_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_opts o;
	struct model *m;
	struct json *j;
	char *s;

	bundle_opts_init(&o);
	o.max_file = 1 << 20;
	o.max_total = 4 << 20;
	o.max_entries = 64;
	m = bundle_load_mem("fuzz", data, size, &o);
	j = model_json_dump(m);
	s = json_print(j, false);
	free(s);
	json_free(j);
	model_free(m);
	return 0;
}
