/*
 * First include of every .c file: feature macros, attributes and the few
 * portability shims sslsift needs.  Only POSIX.1-2008 and C11 are assumed;
 * nothing here is glibc-only, so the tree builds on macOS and the BSDs.
 */
#ifndef SSLSIFT_COMPAT_H
#define SSLSIFT_COMPAT_H

#if !defined(_XOPEN_SOURCE) && !defined(__APPLE__)
#define _XOPEN_SOURCE                                          \
	700 /* POSIX.1-2008 with XSI: realpath(), strcasecmp() \
	     */
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#define _DARWIN_C_SOURCE
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define WARN_UNUSED __attribute__((warn_unused_result))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(fmt, args)
#define WARN_UNUSED
#define NORETURN
#endif

#if defined(__has_attribute)
#if __has_attribute(fallthrough)
#define FALLTHROUGH __attribute__((fallthrough))
#endif
#endif
#ifndef FALLTHROUGH
#define FALLTHROUGH \
	do {        \
	} while (0)
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * BUG() is for our own invariants, never for input: it names the source
 * position and aborts, so a broken assumption cannot turn into a wrong report.
 */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_at(const char *file, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif /* SSLSIFT_COMPAT_H */
