/*
 * A bump allocator: many small allocations, one release.  The model keeps
 * every record and string in one arena, so nothing in it has to be freed
 * piecemeal and nothing can outlive the model by accident.
 */
#ifndef SSLSIFT_ARENA_H
#define SSLSIFT_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used; /* bytes handed out, for statistics */
};

#define ARENA_INIT      \
	{               \
		NULL, 0 \
	}

void arena_init(struct arena *a);
/* Free every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);
/* n bytes, zeroed, aligned for any type.  Never fails (see xalloc.h). */
void *arena_alloc(struct arena *a, size_t n);
/* Copies into the arena; NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
/* Copies n bytes and terminates; s need not be terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif /* SSLSIFT_ARENA_H */
