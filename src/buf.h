/*
 * A growable byte buffer with a hard cap (curl's dynbuf, git's strbuf).
 *
 * The contents are always NUL-terminated, so b->data can be used as a C
 * string when no NUL was added.  Growing past b->max fails instead of
 * allocating: input-driven buffers can never eat the machine.
 */
#ifndef SSLSIFT_BUF_H
#define SSLSIFT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "compat.h"

struct buf {
	char *data; /* NULL until the first addition */
	size_t len;
	size_t alloc;
	size_t max; /* bytes allowed, not counting the terminator */
};

void buf_init(struct buf *b, size_t max);
/* Free the contents; the buffer is empty and reusable afterwards. */
void buf_release(struct buf *b);
/* Empty the buffer but keep its storage. */
void buf_reset(struct buf *b);
/* Append; -1 (and nothing appended) when the cap would be exceeded. */
int buf_add(struct buf *b, const void *p, size_t n) WARN_UNUSED;
int buf_addc(struct buf *b, int c) WARN_UNUSED;
int buf_addstr(struct buf *b, const char *s) WARN_UNUSED;
int buf_printf(struct buf *b, const char *fmt, ...)
    PRINTF_LIKE(2, 3) WARN_UNUSED;
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    PRINTF_LIKE(2, 0) WARN_UNUSED;
/* Hand the contents to the caller, who frees them; the buffer is reset. */
char *buf_detach(struct buf *b, size_t *len);
/* Borrowed, NUL-terminated contents ("" when empty). */
const char *buf_str(const struct buf *b);

#endif /* SSLSIFT_BUF_H */
