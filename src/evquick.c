/*
 * The quick reader walks the System element tag by tag with memchr and
 * gives up (returns false) at the first thing it was not written for;
 * giving up is always safe, since libxml2 then reads the event.
 */
#include "compat.h"

#include <string.h>

#include "evquick.h"

static bool
q_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Text or an attribute value, decoded and trimmed into out. */
static bool
quick_value(const char *s, size_t n, bool attr, char *out)
{
	size_t o = 0, b = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '<')
			return false;
		if (c == '&') {
			size_t k = n - i;

			if (k >= 4 && memcmp(s + i, "&lt;", 4) == 0)
				c = '<', k = 4;
			else if (k >= 4 && memcmp(s + i, "&gt;", 4) == 0)
				c = '>', k = 4;
			else if (k >= 5 && memcmp(s + i, "&amp;", 5) == 0)
				c = '&', k = 5;
			else if (k >= 6 && memcmp(s + i, "&quot;", 6) == 0)
				c = '"', k = 6;
			else if (k >= 6 && memcmp(s + i, "&apos;", 6) == 0)
				c = '\'', k = 6;
			else
				return false;
			i += k - 1;
		} else if (attr && q_blank(c)) {
			c = ' ';
		}
		if (o + 1 >= EVQUICK_VALUE)
			return false;
		out[o++] = c;
	}
	while (b < o && q_blank(out[b]))
		b++;
	while (o > b && q_blank(out[o - 1]))
		o--;
	memmove(out, out + b, o - b);
	out[o - b] = '\0';
	return true;
}

/*
 * The '>' that ends a tag whose name ended at s, or NULL.  A '>' inside a
 * quoted value would be taken for the end; what follows then does not
 * parse and the event goes to libxml2.
 */
static const char *
quick_tag_end(const char *s, const char *end)
{
	const char *gt = memchr(s, '>', (size_t)(end - s));

	if (gt == NULL || memchr(s, '<', (size_t)(gt - s)) != NULL)
		return NULL;
	return gt;
}

/* Provider's attributes, s[0..n) after the tag name. */
static bool
quick_attrs(const char *s, const char *end, struct evquick *q)
{
	while (s < end) {
		const char *name, *close;
		size_t nn;
		int slot = -1;

		while (s < end && q_blank(*s))
			s++;
		if (s == end || (*s == '/' && s + 1 == end))
			return true;
		name = s;
		while (s < end && *s != '=' && !q_blank(*s)) {
			if (*s == ':' || *s == '/' || *s == '"' || *s == '\'')
				return false;
			s++;
		}
		nn = (size_t)(s - name);
		while (s < end && q_blank(*s))
			s++;
		if (s == end || *s != '=')
			return false;
		s++;
		while (s < end && q_blank(*s))
			s++;
		if (s == end || (*s != '"' && *s != '\''))
			return false;
		close = memchr(s + 1, *s, (size_t)(end - s - 1));
		if (close == NULL)
			return false;
		if (nn == 4 && memcmp(name, "Name", 4) == 0)
			slot = EVQUICK_PROVIDER;
		else if (nn == 15 && memcmp(name, "EventSourceName", 15) == 0)
			slot = EVQUICK_SOURCE;
		if (slot >= 0) {
			if (q->has[slot] ||
			    !quick_value(s + 1, (size_t)(close - s - 1), true,
				q->v[slot]))
				return false;
			q->has[slot] = true;
		}
		s = close + 1;
		if (s < end && !q_blank(*s) && *s != '/')
			return false;
	}
	return true;
}

/* Characters of the element names the quick reader accepts. */
static const bool name_char[256] = {
	['0'] = 1,
	['1'] = 1,
	['2'] = 1,
	['3'] = 1,
	['4'] = 1,
	['5'] = 1,
	['6'] = 1,
	['7'] = 1,
	['8'] = 1,
	['9'] = 1,
	['_'] = 1,
	['A'] = 1,
	['B'] = 1,
	['C'] = 1,
	['D'] = 1,
	['E'] = 1,
	['F'] = 1,
	['G'] = 1,
	['H'] = 1,
	['I'] = 1,
	['J'] = 1,
	['K'] = 1,
	['L'] = 1,
	['M'] = 1,
	['N'] = 1,
	['O'] = 1,
	['P'] = 1,
	['Q'] = 1,
	['R'] = 1,
	['S'] = 1,
	['T'] = 1,
	['U'] = 1,
	['V'] = 1,
	['W'] = 1,
	['X'] = 1,
	['Y'] = 1,
	['Z'] = 1,
	['a'] = 1,
	['b'] = 1,
	['c'] = 1,
	['d'] = 1,
	['e'] = 1,
	['f'] = 1,
	['g'] = 1,
	['h'] = 1,
	['i'] = 1,
	['j'] = 1,
	['k'] = 1,
	['l'] = 1,
	['m'] = 1,
	['n'] = 1,
	['o'] = 1,
	['p'] = 1,
	['q'] = 1,
	['r'] = 1,
	['s'] = 1,
	['t'] = 1,
	['u'] = 1,
	['v'] = 1,
	['w'] = 1,
	['x'] = 1,
	['y'] = 1,
	['z'] = 1,
};

bool
evquick_system(const char *s, size_t n, struct evquick *q)
{
	const char *end = s + (n < EVQUICK_MAX ? n : EVQUICK_MAX), *gt;

	if (n < 7 || memcmp(s, "<Event", 6) != 0)
		return false;
	gt = quick_tag_end(s + 6, end);

	memset(q->has, 0, sizeof(q->has));
	if (gt == NULL || gt[-1] == '/')
		return false;
	s = gt + 1;
	while (s < end && q_blank(*s))
		s++;
	/* cppcheck-suppress knownConditionTrueFalse ; end - s varies */
	if (end - s < 8 || memcmp(s, "<System>", 8) != 0)
		return false;
	s += 8;
	for (;;) {
		const char *lt = memchr(s, '<', (size_t)(end - s)), *name;
		size_t nn;
		int slot = -1;

		if (lt == NULL || end - lt < 2)
			return false;
		if (lt[1] == '/')
			return end - lt >= 9 && memcmp(lt, "</System>", 9) == 0;
		name = s = lt + 1;
		while (s < end && name_char[(unsigned char)*s])
			s++;
		nn = (size_t)(s - name);
		if (nn == 0 || s == end ||
		    !(q_blank(*s) || *s == '/' || *s == '>'))
			return false; /* "<!", "<?", a prefix, ... */
		gt = quick_tag_end(s, end);
		if (gt == NULL)
			return false;
		if (nn == 8 && memcmp(name, "Provider", 8) == 0) {
			if (q->has[EVQUICK_PROVIDER] ||
			    q->has[EVQUICK_SOURCE] || !quick_attrs(s, gt, q))
				return false;
		} else if (nn == 7 && memcmp(name, "EventID", 7) == 0) {
			slot = EVQUICK_ID;
		} else if (nn == 8 && memcmp(name, "Computer", 8) == 0) {
			slot = EVQUICK_COMPUTER;
		}
		s = gt + 1;
		if (gt[-1] == '/') {
			if (slot >= 0) {
				if (q->has[slot])
					return false;
				q->has[slot] = true;
				q->v[slot][0] = '\0';
			}
			continue;
		}
		/* a leaf: text, then its own end tag */
		lt = memchr(s, '<', (size_t)(end - s));
		if (lt == NULL || (size_t)(end - lt) < nn + 3 || lt[1] != '/' ||
		    memcmp(lt + 2, name, nn) != 0)
			return false;
		if (slot >= 0) {
			if (q->has[slot] ||
			    !quick_value(s, (size_t)(lt - s), false,
				q->v[slot]))
				return false;
			q->has[slot] = true;
		}
		s = lt + 2 + nn;
		while (s < end && q_blank(*s))
			s++;
		if (s == end || *s != '>')
			return false;
		s++;
	}
}
