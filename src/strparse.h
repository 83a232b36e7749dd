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

/*
 * Hex digits of s[0..n) with blanks removed, lowercased into out (outsz
 * bytes, terminated).  Returns the number of digits, or -1 when s holds
 * anything but hex digits and blanks or out is too small.
 * "7f d8 5C" gives "7fd85c" and returns 6.
 */
int str_norm_hex(const char *s, size_t n, char *out, size_t outsz);
/*
 * Length of a shell prompt at the start of a line: "C:\Users\x>",
 * "PS C:\>", "*Evil-WinRM* PS C:\Users> " (with the blanks after it), or
 * 0 when the line does not start with one.
 */
size_t str_prompt_len(const char *s, size_t n);

/*
 * Length of the valid UTF-8 sequence p starts with (1 to 4 bytes), or 0:
 * overlong forms, surrogates, code points past U+10FFFF and cut sequences
 * are invalid.  p must be NUL-terminated; "" gives 1.
 */
size_t str_utf8_seq(const unsigned char *p);

#endif /* SSLSIFT_STRPARSE_H */
