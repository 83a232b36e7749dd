#include "compat.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include "strparse.h"

bool
str_to_ull(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;

	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		unsigned d;

		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned)(*s - '0');
		if (v > (~0ULL - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

bool
str_to_ll(const char *s, long long *out)
{
	unsigned long long v;
	bool neg = false;

	if (s != NULL && *s == '-') {
		neg = true;
		s++;
	}
	if (!str_to_ull(s, &v))
		return false;
	if (neg) {
		if (v > (unsigned long long)LLONG_MAX + 1)
			return false;
		*out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
								-(long long)v;
	} else {
		if (v > (unsigned long long)LLONG_MAX)
			return false;
		*out = (long long)v;
	}
	return true;
}

bool
str_to_size(const char *s, uint64_t *out)
{
	char digits[32];
	size_t n = 0;
	unsigned long long v;
	unsigned shift = 0;

	if (s == NULL)
		return false;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (n == 0 || n >= sizeof(digits))
		return false;
	memcpy(digits, s, n);
	digits[n] = '\0';
	if (!str_to_ull(digits, &v))
		return false;
	s += n;
	switch (*s) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	case 't':
	case 'T':
		shift = 40;
		break;
	}
	if (shift > 0) {
		s++;
		if (*s == 'i' || *s == 'I')
			s++;
	}
	if (*s == 'b' || *s == 'B')
		s++;
	if (*s != '\0')
		return false;
	if (shift > 0 && v > (~0ULL >> shift))
		return false;
	*out = (uint64_t)(v << shift);
	return true;
}

void
str_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

bool
str_iprefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

const char *
str_trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

int
str_norm_hex(const char *s, size_t n, char *out, size_t outsz)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t')
			continue;
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -1;
		if (k + 1 >= outsz)
			return -1;
		out[k++] = c;
	}
	if (outsz > 0)
		out[k] = '\0';
	return (int)k;
}

size_t
str_prompt_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 12 && memcmp(s, "*Evil-WinRM*", 12) == 0) {
		i = 12;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (i + 3 <= n && memcmp(s + i, "PS ", 3) == 0)
		i += 3;
	/* a drive letter, ":\\", then the path up to '>' */
	if (i + 3 > n ||
	    !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) ||
	    s[i + 1] != ':' || s[i + 2] != '\\')
		return 0;
	for (i += 3; i < n && s[i] != '>'; i++)
		if (s[i] == '<' || s[i] == '|' || s[i] == '"')
			return 0;
	if (i == n)
		return 0;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

size_t
str_utf8_seq(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xE0 && p[1] < 0xA0) ||
		    (p[0] == 0xED && p[1] > 0x9F))
			return 0;
		return 3;
	}
	if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xF0 && p[1] < 0x90) ||
		    (p[0] == 0xF4 && p[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}
