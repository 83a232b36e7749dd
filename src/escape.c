#include "compat.h"

#include <string.h>

#include "escape.h"
#include "strparse.h"

/*
 * The one escaper: control characters (C0, DEL, C1) and bytes that are not
 * valid UTF-8 become \xNN (a stray 0x9b is CSI to an 8-bit terminal), and
 * with `backslash` a backslash becomes "\\" so that the escaping can be
 * undone.
 */
static int
escape(struct buf *b, const char *s, bool backslash)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		const unsigned char *run = p;
		size_t n;

		for (;;) {
			if (*p < 0x20 || *p == 0x7f ||
			    (backslash && *p == '\\'))
				break;
			if (*p < 0x80) {
				p++;
				continue;
			}
			n = str_utf8_seq(p);
			if (n == 0 || (p[0] == 0xC2 && p[1] <= 0x9F))
				break;
			p += n;
		}
		if (p > run && buf_add(b, run, (size_t)(p - run)) < 0)
			return -1;
		if (*p == '\0')
			break;
		if (*p == '\\') {
			if (buf_addstr(b, "\\\\") < 0)
				return -1;
			p++;
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			/* a C1 control, U+0080..U+009F */
			if (buf_printf(b, "\\x%02x", p[1]) < 0)
				return -1;
			p += 2;
		} else {
			if (buf_printf(b, "\\x%02x", *p) < 0)
				return -1;
			p++;
		}
	}
	return 0;
}

int
esc_text(struct buf *b, const char *s)
{
	return escape(b, s, true);
}

int
esc_text_report(struct buf *b, const char *s)
{
	return escape(b, s, false);
}

static void
escape_to(const char *s, FILE *f, bool backslash)
{
	struct buf b;
	const unsigned char *p = (const unsigned char *)s;

	/* The common case, plain printable ASCII, goes straight out. */
	while (*p >= 0x20 && *p < 0x7f && !(backslash && *p == '\\'))
		p++;
	if (*p == '\0') {
		fputs(s, f);
		return;
	}
	buf_init(&b, strlen(s) * 4 + 16);
	if (escape(&b, s, backslash) < 0)
		BUG("escape buffer too small");
	fputs(buf_str(&b), f);
	buf_release(&b);
}

void
esc_fputs(const char *s, FILE *f)
{
	escape_to(s, f, true);
}

void
esc_fputs_report(const char *s, FILE *f)
{
	escape_to(s, f, false);
}
