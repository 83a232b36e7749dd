#include "compat.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t off;
	max_align_t data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct arena_block *b = a->head;
	size_t need = (n + align - 1) / align * align;
	void *p;

	if (need < n)
		BUG("arena allocation overflow");
	if (b == NULL || b->size - b->off < need) {
		size_t size = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->off = 0;
		if (need > ARENA_BLOCK / 2 && a->head != NULL) {
			/* Keep the current block open for small allocations. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->off;
	b->off += need;
	a->used += need;
	/* The padding too: PCRE2 JIT reads whole words past a string's end. */
	memset(p, 0, need);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}
