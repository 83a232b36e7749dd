/* libFuzzer harness for content sniffing (src/sniff.c). */
#include "compat.h"

#include "sniff.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct text t;

	(void)sniff_evtx(data, size);
	(void)sniff_archive(data, size);
	text_from_bytes(&t, data, size, NULL);
	(void)sniff_text(t.data, t.len);
	text_release(&t);
	return 0;
}
