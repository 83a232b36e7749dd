/*
 * Diagnostics: what went wrong while reading input, and where.
 *
 * A diag_list belongs to one artifact (or to the bundle, for problems that
 * concern no single file).  Messages follow git/OpenBSD style: lower case,
 * no full stop, the subject in single quotes.  A list keeps at most
 * DIAG_MAX entries; the rest are only counted, so a hostile file with a
 * million bad lines costs a million increments, not a million strings.
 */
#ifndef SSLSIFT_DIAG_H
#define SSLSIFT_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "compat.h"

#define DIAG_MAX 200

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag {
	enum diag_level level;
	unsigned long line; /* 1-based; 0 when the problem has no line */
	char *msg;	    /* owned by the list */
};

struct diag_list {
	struct diag *v;
	size_t n;
	size_t alloc;
	unsigned long dropped[3]; /* per level, beyond DIAG_MAX */
};

#define DIAG_LIST_INIT          \
	{                       \
		NULL, 0, 0,     \
		{               \
			0, 0, 0 \
		}               \
	}

void diag_list_init(struct diag_list *dl);
void diag_list_release(struct diag_list *dl);
void diag_add(struct diag_list *dl, enum diag_level level, unsigned long line,
    const char *fmt, ...) PRINTF_LIKE(4, 5);
void diag_vadd(struct diag_list *dl, enum diag_level level, unsigned long line,
    const char *fmt, va_list ap) PRINTF_LIKE(4, 0);
/* Entries kept plus entries dropped, at or above `level`. */
unsigned long diag_count(const struct diag_list *dl, enum diag_level level);
/* Sort by line (stable), so reports do not depend on the order of discovery. */
void diag_sort(struct diag_list *dl);
const char *diag_level_name(enum diag_level level);

#endif /* SSLSIFT_DIAG_H */
