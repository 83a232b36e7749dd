/*
 * Small, strict parsers for numbers and sizes in option values and input
 * fields.  No sscanf, no locale: each function accepts exactly the syntax it
 * documents and says whether the whole string was consumed.
 */
#ifndef SSLSIFT_STRPARSE_H
#define SSLSIFT_STRPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decimal digits only, no sign, no overflow: "443" -> 443. */
bool str_to_ull(const char *s, unsigned long long *out);
/* Optional '-' then decimal digits. */
bool str_to_ll(const char *s, long long *out);
/*
 * A byte count with an optional binary suffix: "512", "64K", "16M", "4G",
 * "1T" (case-insensitive, an optional trailing "B" or "iB").
 */
bool str_to_size(const char *s, uint64_t *out);
/* Lowercase hex digits of n bytes into out (2n+1 bytes). */
void str_hex(const unsigned char *p, size_t n, char *out);
/* ASCII-only case-insensitive prefix test. */
bool str_iprefix(const char *s, const char *prefix);
/* s with leading and trailing blanks (space, tab) removed: *len updated. */
const char *str_trim(const char *s, size_t *len);

#endif /* SSLSIFT_STRPARSE_H */
