/*
 * Allocation that never returns NULL.  On failure the program prints
 * "sslsift: out of memory (N bytes)" and aborts, so no caller has an
 * out-of-memory branch.  Everything allocated here is freed with free().
 */
#ifndef SSLSIFT_XALLOC_H
#define SSLSIFT_XALLOC_H

#include <stddef.h>

#include "compat.h"

/* Print "sslsift: out of memory (n bytes)" and abort. */
NORETURN void xalloc_die(size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc(p, nmemb * size) with the multiplication checked for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy at most n bytes of s and terminate; s need not be terminated. */
char *xstrndup(const char *s, size_t n);
/* Grow *v (of *alloc elements of size sz) so that it can hold need elements. */
void xgrow(void **v, size_t *alloc, size_t need, size_t sz);

#endif /* SSLSIFT_XALLOC_H */
