/*
 * A minimal TAP producer for the C unit tests: ok(), is_str(), is_int()
 * and done_testing().  Each test program prints its own plan at the end.
 */
#ifndef SSLSIFT_TAP_H
#define SSLSIFT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"

static int tap_count;
static int tap_failed;

static int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

static int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

#define ok(cond, ...) tap_ok((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)

#define is_str(got, want, ...)                                               \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		if (!tap_ok(g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0, \
			__FILE__, __LINE__, __VA_ARGS__))                    \
			printf("#   got: '%s'\n#   expected: '%s'\n",        \
			    g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
	} while (0)

#define is_int(got, want, ...)                                                 \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))        \
			printf("#   got: %lld\n#   expected: %lld\n", g_, w_); \
	} while (0)

static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif /* SSLSIFT_TAP_H */
