#include "compat.h"

#include <string.h>

#include "addr.h"
#include "model.h"

bool
addr_split(const char *s, size_t n, struct hostport *hp)
{
	size_t colon = n, depth = 0;
	long long port = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '[')
			depth++;
		else if (s[i] == ']' && depth > 0)
			depth--;
		else if (s[i] == ':' && depth == 0)
			colon = i;
	}
	if (colon == n || colon + 1 == n)
		return false;
	hp->host = s;
	hp->hostlen = colon;
	hp->star_port = false;
	if (n - colon - 1 == 1 && s[colon + 1] == '*') {
		hp->port = INT_NONE;
		hp->star_port = true;
		return true;
	}
	for (size_t i = colon + 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || i - colon > 5)
			return false;
		port = port * 10 + (s[i] - '0');
	}
	if (port > 65535)
		return false;
	hp->port = port;
	return true;
}

bool
addr_is_ipv4(const char *s, size_t n)
{
	int parts = 0, digits = 0, val = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (digits == 0 || val > 255)
				return false;
			parts++;
			digits = val = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && digits < 3) {
			val = val * 10 + (s[i] - '0');
			digits++;
		} else {
			return false;
		}
	}
	return parts == 4;
}

bool
addr_is_ipv6(const char *s, size_t n)
{
	bool colon = false;

	if (n < 4 || s[0] != '[' || s[n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		char c = s[i];

		if (c == ':')
			colon = true;
		else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F') || c == '.' || c == '%'))
			return false;
	}
	return colon;
}
