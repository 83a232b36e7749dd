/*
 * libFuzzer harness for the byte reader of .evtx records (src/binxml.c):
 * the input is one chunk (shorter inputs padded with zeros to 64 KiB, as
 * Windows leaves unused space), and every record the walk of the chunk
 * finds is read.  What is read must be NUL-terminated and non-empty.
 */
#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "binxml.h"
#include "evtx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *c = calloc(1, EVTX_CHUNK_SIZE);
	struct binxml_system s;

	if (c == NULL)
		return 0;
	memcpy(c, data, size < EVTX_CHUNK_SIZE ? size : EVTX_CHUNK_SIZE);
	for (uint32_t off = EVTX_FIRST_RECORD; off != 0;
	     off = evtx_next_record(c, off))
		if (binxml_system(c, off, &s) &&
		    (memchr(s.name, '\0', sizeof(s.name)) == NULL ||
			memchr(s.computer, '\0', sizeof(s.computer)) == NULL ||
			s.name[0] == '\0' || s.computer[0] == '\0'))
			abort();
	free(c);
	return 0;
}
