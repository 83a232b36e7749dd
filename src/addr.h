/*
 * Endpoint text as Windows writes it: "0.0.0.0:443", "[::]:443",
 * "10.0.0.5:443", "www.contoso.com:443", "*:*" (netstat UDP), and the
 * "IP:port:host" of IIS bindings.  Used by every parser that meets one.
 */
#ifndef SSLSIFT_ADDR_H
#define SSLSIFT_ADDR_H

#include <stdbool.h>
#include <stddef.h>

struct hostport {
	const char *host; /* points into the input; brackets kept for IPv6 */
	size_t hostlen;
	long long port; /* INT_NONE when "*" or absent */
	bool star_port; /* the port was "*" */
};

/*
 * Split s[0..n) at its last colon outside brackets.  false when there is no
 * such colon or the port is neither digits (0..65535) nor "*".
 */
bool addr_split(const char *s, size_t n, struct hostport *hp);

/* true for a dotted IPv4 address ("0.0.0.0", "10.0.0.5"). */
bool addr_is_ipv4(const char *s, size_t n);
/* true for a bracketed IPv6 address ("[::]", "[fe80::1%4]"). */
bool addr_is_ipv6(const char *s, size_t n);

#endif /* SSLSIFT_ADDR_H */
